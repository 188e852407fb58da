"""Forgetting: one contact with everything about them, or everything a user stored.

Deleting the contact (or the user) row takes every row that hangs off it along (the foreign
keys cascade: meetings, debriefs, notes, follow-ups, interactions) and the triggers take its
entries out of the full-text indexes. Those indexes keep a deleted row's words in their
segments until the segments are merged, so both are then merged ('optimize'), which leaves
no trace of them; it rewrites the whole index, once, for a request that is rare.

Either way the inbox rows of the updates the user sent, up to the one that confirmed, go
too: they hold the text they typed (a name, a debrief answer), and which of them is about
whom cannot be told. They are kept only to recognise an update Telegram delivers twice;
the confirming press delivered again finds no confirmation to act on. Updates received
after it stay, to be handled. Forgetting everything also deletes the user's row (settings)
and the saved conversation state and drafts (ptb_* tables): nothing of the user is kept.
`OWNED` says, for every table, where the owner is: a test fails for a table not named here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.db import Database, execute, fetch_one

# How to find a user's rows in each table: tables not named here hold nobody's rows (the
# bot's own data) or are the full-text indexes' own, cleaned by optimize.
OWNED = {
    "users": "id = :owner",
    "contacts": "owner_id = :owner",
    "meetings": "owner_id = :owner",
    "debriefs": "owner_id = :owner",
    "notes": "owner_id = :owner",
    "followups": "owner_id = :owner",
    "interactions": "owner_id = :owner",
    "ptb_user_data": "owner_id = :owner",
    # Keyed by [chat_id, user_id]: the user is the last part.
    "ptb_conversations": "json_extract(key, '$[#-1]') = :owner",
    "inbox": "owner_id = :owner",
    "own_playbooks": "owner_id = :owner",
}
INDEXES = ("search_index", "contact_words")

COUNT_CONTACT = """
SELECT
    (SELECT COUNT(*) FROM meetings WHERE owner_id = :owner AND contact_id = :id) AS meetings,
    (SELECT COUNT(*) FROM notes WHERE owner_id = :owner AND contact_id = :id) AS notes,
    (SELECT COUNT(*) FROM followups WHERE owner_id = :owner AND contact_id = :id) AS followups
"""
COUNT_ALL = """
SELECT
    (SELECT COUNT(*) FROM contacts WHERE owner_id = :owner) AS contacts,
    (SELECT COUNT(*) FROM meetings WHERE owner_id = :owner) AS meetings,
    (SELECT COUNT(*) FROM notes WHERE owner_id = :owner) AS notes,
    (SELECT COUNT(*) FROM followups WHERE owner_id = :owner) AS followups
"""
DELETE_CONTACT = "DELETE FROM contacts WHERE owner_id = :owner AND id = :id"
DELETE_INBOX = """
DELETE FROM inbox WHERE owner_id = :owner AND (:through IS NULL OR update_id <= :through)
"""


@dataclass(frozen=True)
class Amount:
    """What forgetting would delete, to say so before asking to confirm."""

    contacts: int
    meetings: int
    notes: int
    followups: int


async def about_contact(db: Database, owner_id: int, contact_id: int) -> Amount:
    row = await fetch_one(db.conn, COUNT_CONTACT, {"owner": owner_id, "id": contact_id})
    assert row is not None  # an aggregate always yields a row
    return Amount(1, row["meetings"], row["notes"], row["followups"])


async def about_everything(db: Database, owner_id: int) -> Amount:
    row = await fetch_one(db.conn, COUNT_ALL, {"owner": owner_id})
    assert row is not None
    return Amount(row["contacts"], row["meetings"], row["notes"], row["followups"])


async def forget_contact(
    db: Database, owner_id: int, contact_id: int, *, through_update: int | None
) -> bool:
    """Delete the contact and everything about them, and the user's inbox rows up to and
    including `through_update` (all when None); False if the contact is not the owner's."""
    params = {"owner": owner_id, "id": contact_id, "through": through_update}
    async with db.transaction() as conn:
        deleted = await execute(conn, DELETE_CONTACT, params)
        await execute(conn, DELETE_INBOX, params)
        if deleted:
            await _merge_indexes(db)
    return deleted == 1


async def forget_everything(db: Database, owner_id: int, *, through_update: int | None) -> None:
    """Delete every row of the user's, in every table; of the inbox, the updates up to and
    including `through_update` (the one that asked), or all of them when None."""
    params = {"owner": owner_id, "through": through_update}
    async with db.transaction() as conn:
        for table, where in OWNED.items():
            if table != "inbox":
                await execute(conn, f"DELETE FROM {table} WHERE {where}", params)
        await execute(conn, DELETE_INBOX, params)
        await _merge_indexes(db)


async def _merge_indexes(db: Database) -> None:
    for index in INDEXES:
        await execute(db.conn, f"INSERT INTO {index} ({index}) VALUES ('optimize')")
