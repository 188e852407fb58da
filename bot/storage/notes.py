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
    to_db_time,
)


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

# The newest :per_slot notes of each slot. The slots are walked one by one down the index
# (owner_id, contact_id, slot, created_at), each giving its newest rows, so a contact with
# thousands of notes costs a few steps per slot, not a pass over every note.
LATEST_PER_SLOT = f"""
WITH RECURSIVE slots (slot) AS (
    SELECT MIN(slot) FROM notes WHERE owner_id = :owner_id AND contact_id = :contact_id
    UNION ALL
    SELECT (
        SELECT MIN(slot) FROM notes
        WHERE owner_id = :owner_id AND contact_id = :contact_id AND slot > slots.slot
    )
    FROM slots WHERE slot IS NOT NULL
)
SELECT {", ".join(f"n.{c.strip()}" for c in _COLUMNS.split(","))}
FROM slots JOIN notes AS n ON n.id IN (
    SELECT id FROM notes
    WHERE owner_id = :owner_id AND contact_id = :contact_id AND slot = slots.slot
    ORDER BY created_at DESC, id DESC
    LIMIT :per_slot
)
ORDER BY n.created_at DESC, n.id DESC
"""

DEBRIEF_ANSWERS = f"""
SELECT {_COLUMNS} FROM notes
WHERE owner_id = :owner_id AND debrief_id = :debrief_id
ORDER BY created_at, id
"""

KNOWN_SLOTS = """
SELECT DISTINCT slot FROM notes WHERE owner_id = :owner_id AND contact_id = :contact_id
"""

# Served by notes_open_promises (migration 0018), which holds only open promises.
OPEN_PROMISES = f"""
SELECT {_COLUMNS} FROM notes
WHERE owner_id = :owner_id AND contact_id = :contact_id
  AND slot IN ('my_promises', 'their_promises') AND done_at IS NULL
ORDER BY created_at, id
"""

MARK_PROMISE_KEPT = f"""
UPDATE notes SET done_at = :now
WHERE owner_id = :owner_id AND contact_id = :contact_id AND id = :id
  AND slot IN ('my_promises', 'their_promises') AND done_at IS NULL
  AND (:side IS NULL OR slot = :side)
RETURNING {_COLUMNS}
"""


# A note typed between meetings (/note), with no debrief: once, however often the update that
# sent it is handled (its step_id names the update). Only into the owner's own contact.
INSERT_NEWS = f"""
INSERT INTO notes (owner_id, contact_id, step_id, slot, body, created_at)
SELECT owner_id, id, :step_id, :slot, :body, :now FROM contacts
WHERE owner_id = :owner_id AND id = :contact_id
  AND NOT EXISTS (
    SELECT 1 FROM notes
    WHERE owner_id = :owner_id AND contact_id = :contact_id AND slot = :slot
      AND step_id = :step_id
  )
RETURNING {_COLUMNS}
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


async def latest_per_slot(
    db: Database, owner_id: int, contact_id: int, per_slot: int
) -> list[Note]:
    """The newest `per_slot` notes of each slot, newest first: what briefs, cards and
    reminders show, read without the rest of a long history."""
    params = {"owner_id": owner_id, "contact_id": contact_id, "per_slot": per_slot}
    return [note_from_row(row) for row in await fetch_all(db.conn, LATEST_PER_SLOT, params)]


async def debrief_answers(db: Database, owner_id: int, debrief_id: int) -> list[Note]:
    """The notes one debrief stored, in the order given; empty for someone else's."""
    params = {"owner_id": owner_id, "debrief_id": debrief_id}
    return [note_from_row(row) for row in await fetch_all(db.conn, DEBRIEF_ANSWERS, params)]


async def known_slots(db: Database, owner_id: int, contact_id: int) -> frozenset[str]:
    params = {"owner_id": owner_id, "contact_id": contact_id}
    return frozenset(row["slot"] for row in await fetch_all(db.conn, KNOWN_SLOTS, params))


async def open_promises(db: Database, owner_id: int, contact_id: int) -> list[Note]:
    """Promises in both directions not yet kept, oldest first."""
    params = {"owner_id": owner_id, "contact_id": contact_id}
    return [note_from_row(row) for row in await fetch_all(db.conn, OPEN_PROMISES, params)]


async def mark_promise_kept(
    db: Database,
    owner_id: int,
    contact_id: int,
    note_id: int,
    at: datetime,
    *,
    side: str | None = None,
) -> Note | None:
    """Mark an open promise about this contact kept and return it. None, changing nothing, for
    anything else: someone else's note, one kept already, a note that is no promise, or one
    of the other `side` (a slot: "my_promises" or "their_promises") when it is given."""
    params = {
        "owner_id": owner_id,
        "contact_id": contact_id,
        "id": note_id,
        "now": to_db_time(at),
        "side": side,
    }
    rows = await db.write_returning(MARK_PROMISE_KEPT, params)
    return note_from_row(rows[0]) if rows else None


async def add_news(
    db: Database, owner_id: int, contact_id: int, slot: str, body: str, at: datetime, update_id: int
) -> bool:
    """Note `body` about the contact, outside any debrief; False if the contact is not the
    owner's, or this update stored it already."""
    params = {
        "owner_id": owner_id,
        "contact_id": contact_id,
        "slot": slot,
        "body": body,
        "now": to_db_time(at),
        "step_id": f"news:{update_id}",
    }
    return bool(await db.write_returning(INSERT_NEWS, params))
