"""Two contacts who are one person, made one: everything about the other moves to the kept.

Every table that names a contact (MOVED) is moved in one transaction, then the other contact
is deleted. Its search entries go with it by the triggers of migrations 0003, 0007 and 0009;
the notes' own entries stay (they are found through notes.contact_id, which moved). Rows move,
they are never copied: two identical notes stay two only if they were two.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.coaching.stages import NEW_CONTACT_STAGE
from bot.storage.contacts import Contact, get_contact
from bot.storage.db import Database, execute, fetch_one, to_db_time

# Every table with a contact_id (tests/unit/test_storage_merge.py fails for one missing here).
MOVED = ("meetings", "debriefs", "notes", "followups", "interactions")

_OPEN = "done_at IS NULL AND cancelled_at IS NULL"

COUNT_MOVING = f"""
SELECT
    (SELECT COUNT(*) FROM meetings WHERE owner_id = :owner_id AND contact_id = :gone)
        AS meetings,
    (SELECT COUNT(*) FROM notes WHERE owner_id = :owner_id AND contact_id = :gone
        AND slot NOT IN ('my_promises', 'their_promises')) AS notes,
    (SELECT COUNT(*) FROM notes WHERE owner_id = :owner_id AND contact_id = :gone
        AND slot IN ('my_promises', 'their_promises')) AS promises,
    (SELECT COUNT(*) FROM followups WHERE owner_id = :owner_id AND contact_id = :gone
        AND {_OPEN}) AS followups
"""

# Fill in what the kept one does not know; a stage beyond the first counts as known.
FILL_IN = """
UPDATE contacts SET
    company = COALESCE(contacts.company, g.company),
    role = COALESCE(contacts.role, g.role),
    how_met = COALESCE(contacts.how_met, g.how_met),
    cadence_days = COALESCE(contacts.cadence_days, g.cadence_days),
    stage = CASE WHEN contacts.stage = :first_stage THEN g.stage ELSE contacts.stage END
FROM (SELECT company, role, how_met, cadence_days, stage FROM contacts
      WHERE owner_id = :owner_id AND id = :gone) AS g
WHERE contacts.owner_id = :owner_id AND contacts.id = :keep
"""

# One "get back in touch" nudge at most, and none beside another open follow-up: what
# add_cadence_nudge keeps true for one contact, kept true for the two made one.
CANCEL_EXTRA_NUDGES = f"""
UPDATE followups SET cancelled_at = :now
WHERE owner_id = :owner_id AND contact_id = :keep AND kind = 'cadence' AND {_OPEN}
  AND (
      EXISTS (SELECT 1 FROM followups AS f
              WHERE f.owner_id = :owner_id AND f.contact_id = :keep AND f.kind <> 'cadence'
                AND f.done_at IS NULL AND f.cancelled_at IS NULL)
      OR id <> (SELECT MIN(f.id) FROM followups AS f
                WHERE f.owner_id = :owner_id AND f.contact_id = :keep AND f.kind = 'cadence'
                  AND f.done_at IS NULL AND f.cancelled_at IS NULL)
  )
"""

# The activity triggers (0007) do not fire for a row that changes contact: worked out anew.
REFRESH_ACTIVITY = """
UPDATE contacts SET last_activity_at = (
    SELECT a.at FROM contact_activity AS a WHERE a.owner_id = :owner_id AND a.id = :keep
)
WHERE owner_id = :owner_id AND id = :keep
"""

CONTACT_EXISTS = "SELECT 1 FROM contacts WHERE owner_id = :owner_id AND id = :id"

DELETE_CONTACT = "DELETE FROM contacts WHERE owner_id = :owner_id AND id = :gone"


@dataclass(frozen=True)
class Moving:
    """What a merge moves from the contact that goes, as the confirmation counts it."""

    meetings: int
    notes: int
    promises: int
    followups: int
    """Open ones only: done and cancelled follow-ups move too, but are nothing to do."""


async def moving(db: Database, owner_id: int, gone_id: int) -> Moving:
    row = await fetch_one(db.conn, COUNT_MOVING, {"owner_id": owner_id, "gone": gone_id})
    assert row is not None  # one row of counts, whatever the ids
    return Moving(row["meetings"], row["notes"], row["promises"], row["followups"])


async def merge_contacts(db: Database, owner_id: int, keep_id: int, gone_id: int) -> Contact | None:
    """Move everything about `gone_id` to `keep_id` and delete `gone_id`, all or nothing.

    None, with nothing changed, unless both are this owner's and they are two: a forged
    id, one merged or deleted already, or the same contact twice.
    """
    if keep_id == gone_id:
        return None
    params = {
        "owner_id": owner_id,
        "keep": keep_id,
        "gone": gone_id,
        "first_stage": NEW_CONTACT_STAGE,
        "now": to_db_time(db.now()),
    }
    async with db.transaction() as conn:
        for contact_id in (keep_id, gone_id):
            if await fetch_one(conn, CONTACT_EXISTS, {**params, "id": contact_id}) is None:
                return None
        await execute(conn, FILL_IN, params)
        for table in MOVED:
            # Table names come from the fixed tuple above, never from the caller.
            await execute(
                conn,
                f"UPDATE {table} SET contact_id = :keep "
                "WHERE owner_id = :owner_id AND contact_id = :gone",
                params,
            )
        await execute(conn, CANCEL_EXTRA_NUDGES, params)
        await execute(conn, DELETE_CONTACT, params)
        await execute(conn, REFRESH_ACTIVITY, params)
    return await get_contact(db, owner_id, keep_id)
