"""What the user learned about each contact: one note per debrief answer, per slot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.db import (
    Database,
    fetch_all,
    from_db_time,
    from_db_time_or_none,
)

PROMISE_SLOTS = ("my_promises", "their_promises")


@dataclass(frozen=True)
class Note:
    id: int
    owner_id: int
    contact_id: int
    debrief_id: int | None
    slot: str
    body: str
    created_at: datetime
    done_at: datetime | None
    """For promises: when it was kept. Other notes are never done."""


_COLUMNS = "id, owner_id, contact_id, debrief_id, slot, body, created_at, done_at"

NOTES_FOR_CONTACT = f"""
SELECT {_COLUMNS} FROM notes
WHERE owner_id = :owner_id AND contact_id = :contact_id
ORDER BY created_at DESC, id DESC
"""

KNOWN_SLOTS = """
SELECT DISTINCT slot FROM notes WHERE owner_id = :owner_id AND contact_id = :contact_id
"""

OPEN_PROMISES = f"""
SELECT {_COLUMNS} FROM notes
WHERE owner_id = :owner_id AND contact_id = :contact_id
  AND slot IN ('my_promises', 'their_promises') AND done_at IS NULL
ORDER BY created_at, id
"""


def note_from_row(row: aiosqlite.Row) -> Note:
    return Note(
        id=row["id"],
        owner_id=row["owner_id"],
        contact_id=row["contact_id"],
        debrief_id=row["debrief_id"],
        slot=row["slot"],
        body=row["body"],
        created_at=from_db_time(row["created_at"]),
        done_at=from_db_time_or_none(row["done_at"]),
    )


async def notes_for_contact(db: Database, owner_id: int, contact_id: int) -> list[Note]:
    """Newest first; empty for someone else's contact."""
    params = {"owner_id": owner_id, "contact_id": contact_id}
    return [note_from_row(row) for row in await fetch_all(db.conn, NOTES_FOR_CONTACT, params)]


async def known_slots(db: Database, owner_id: int, contact_id: int) -> frozenset[str]:
    params = {"owner_id": owner_id, "contact_id": contact_id}
    return frozenset(row["slot"] for row in await fetch_all(db.conn, KNOWN_SLOTS, params))


async def open_promises(db: Database, owner_id: int, contact_id: int) -> list[Note]:
    """Promises in both directions not yet kept, oldest first."""
    params = {"owner_id": owner_id, "contact_id": contact_id}
    return [note_from_row(row) for row in await fetch_all(db.conn, OPEN_PROMISES, params)]
