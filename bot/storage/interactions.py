"""Every real contact with someone: what resets their stay-in-touch cadence."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from bot.storage.db import Database, execute, fetch_one, from_db_time, to_db_time
from bot.storage.errors import NotFound

InteractionKind = Literal["meeting", "debrief", "followup"]

CONTACT_EXISTS = "SELECT 1 FROM contacts WHERE owner_id = :owner_id AND id = :contact_id"

INSERT_INTERACTION = """
INSERT INTO interactions (owner_id, contact_id, kind, at)
VALUES (:owner_id, :contact_id, :kind, :at)
"""

# A "get back in touch" nudge is moot once you have been in touch.
CANCEL_CADENCE = """
UPDATE followups SET cancelled_at = :now
WHERE owner_id = :owner_id AND contact_id = :contact_id AND kind = 'cadence'
  AND done_at IS NULL AND cancelled_at IS NULL
"""

LAST_INTERACTION = """
SELECT MAX(at) AS at FROM interactions WHERE owner_id = :owner_id AND contact_id = :contact_id
"""


async def record_interaction(
    db: Database, owner_id: int, contact_id: int, kind: InteractionKind, at: datetime
) -> None:
    """Log contact with someone; it restarts their cadence and closes an open cadence nudge.

    Raises NotFound when the contact does not exist or is someone else's.
    """
    params = {
        "owner_id": owner_id,
        "contact_id": contact_id,
        "kind": kind,
        "at": to_db_time(at),
        "now": to_db_time(db.now()),
    }
    async with db.transaction() as conn:
        if await fetch_one(conn, CONTACT_EXISTS, params) is None:
            raise NotFound(f"no contact {contact_id}")
        await execute(conn, INSERT_INTERACTION, params)
        await execute(conn, CANCEL_CADENCE, params)


async def last_interaction(db: Database, owner_id: int, contact_id: int) -> datetime | None:
    """When the owner was last in touch with the contact, or None (also for others' contacts)."""
    row = await fetch_one(
        db.conn, LAST_INTERACTION, {"owner_id": owner_id, "contact_id": contact_id}
    )
    return None if row is None or row["at"] is None else from_db_time(row["at"])
