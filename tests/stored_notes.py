"""What the database holds, read whole: for tests to check what was stored. The bot reads
only bounded parts of it (storage.notes.latest_per_slot and the like)."""

from __future__ import annotations

from bot.storage.db import Database, fetch_all
from bot.storage.notes import Note, note_from_row

NOTES = """
SELECT id, owner_id, contact_id, debrief_id, slot, body, created_at, done_at FROM notes
WHERE owner_id = :owner_id AND contact_id = :contact_id
ORDER BY created_at DESC, id DESC
"""


async def all_notes(db: Database, owner_id: int, contact_id: int) -> list[Note]:
    """All of a contact's notes, newest first; empty for someone else's contact."""
    params = {"owner_id": owner_id, "contact_id": contact_id}
    return [note_from_row(row) for row in await fetch_all(db.conn, NOTES, params)]
