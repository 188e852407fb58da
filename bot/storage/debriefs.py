"""Debriefs in progress and done: each answer is committed the moment it arrives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.storage.db import (
    Database,
    execute,
    fetch_all,
    fetch_one,
    from_db_time,
    from_db_time_or_none,
    to_db_time,
)
from bot.storage.errors import NotFound


@dataclass(frozen=True)
class Debrief:
    id: int
    owner_id: int
    contact_id: int
    meeting_id: int
    next_step: int
    """Index of the next debrief-script step to ask."""
    last_update_id: int
    """The Telegram update that stored the latest answer (0: none yet)."""
    started_at: datetime
    finished_at: datetime | None
    discarded_at: datetime | None


@dataclass(frozen=True)
class MeetingToDebrief:
    meeting_id: int
    contact_id: int
    contact_name: str
    goal: str
    scheduled_at: datetime | None
    all_day: bool


_COLUMNS = """
id, owner_id, contact_id, meeting_id, next_step, last_update_id, started_at, finished_at,
discarded_at
"""
_OPEN = "finished_at IS NULL AND discarded_at IS NULL"

GET = f"SELECT {_COLUMNS} FROM debriefs WHERE owner_id = :owner_id AND id = :id"

OPEN_FOR_MEETING = f"""
SELECT {_COLUMNS} FROM debriefs WHERE owner_id = :owner_id AND meeting_id = :meeting_id AND {_OPEN}
"""

MEETING = "SELECT contact_id FROM meetings WHERE owner_id = :owner_id AND id = :meeting_id"

INSERT = f"""
INSERT INTO debriefs (owner_id, contact_id, meeting_id, started_at)
VALUES (:owner_id, :contact_id, :meeting_id, :now)
RETURNING {_COLUMNS}
"""

OPEN_DEBRIEFS = f"""
SELECT {_COLUMNS} FROM debriefs WHERE owner_id = :owner_id AND {_OPEN}
ORDER BY started_at DESC, id DESC
"""

# The guard in WHERE makes a repeated or out-of-date answer change nothing.
ADVANCE = f"""
UPDATE debriefs SET next_step = :step + 1, last_update_id = :update_id
WHERE owner_id = :owner_id AND id = :id AND next_step = :step AND last_update_id < :update_id
  AND {_OPEN}
"""

INSERT_NOTE = """
INSERT INTO notes (owner_id, contact_id, debrief_id, step_id, part, slot, body, created_at)
SELECT owner_id, contact_id, id, :step_id, :part, :slot, :body, :now FROM debriefs
WHERE owner_id = :owner_id AND id = :id
"""

# The meeting's aim in the person's words, as a note of its debrief: once, however often the
# update that typed it is handled (the unique index on debrief_id, step_id).
INSERT_AIM = """
INSERT OR IGNORE INTO notes (owner_id, contact_id, debrief_id, step_id, part, slot, body,
                             created_at)
SELECT owner_id, contact_id, id, 'goal', 0, 'aim', :body, :now FROM debriefs
WHERE owner_id = :owner_id AND id = :id
"""

FINISH = f"""
UPDATE debriefs SET finished_at = :now WHERE owner_id = :owner_id AND id = :id AND {_OPEN}
RETURNING meeting_id
"""

MARK_MEETING_DEBRIEFED = """
UPDATE meetings SET debriefed_at = :now WHERE owner_id = :owner_id AND id = :meeting_id
"""

DISCARD = f"""
UPDATE debriefs SET discarded_at = :now WHERE owner_id = :owner_id AND id = :id AND {_OPEN}
"""

DELETE_NOTES = "DELETE FROM notes WHERE owner_id = :owner_id AND debrief_id = :id"

# Meetings not yet debriefed, up to :until (a meeting can happen earlier than planned, so the
# caller may look ahead), the one nearest to now first; of two as near, the one already had.
TO_DEBRIEF = """
SELECT m.id AS meeting_id, m.contact_id, c.name AS contact_name, m.goal, m.scheduled_at,
       m.all_day
FROM meetings m JOIN contacts c ON c.owner_id = m.owner_id AND c.id = m.contact_id
WHERE m.owner_id = :owner_id AND m.debriefed_at IS NULL AND c.archived_at IS NULL
  AND (m.scheduled_at IS NULL OR m.scheduled_at <= :until)
  AND (:contact_id IS NULL OR m.contact_id = :contact_id)
ORDER BY abs(julianday(coalesce(m.scheduled_at, m.created_at)) - julianday(:now)),
         coalesce(m.scheduled_at, m.created_at) > :now, m.id DESC
LIMIT :limit
"""


def _debrief(row: aiosqlite.Row) -> Debrief:
    return Debrief(
        id=row["id"],
        owner_id=row["owner_id"],
        contact_id=row["contact_id"],
        meeting_id=row["meeting_id"],
        next_step=row["next_step"],
        last_update_id=row["last_update_id"],
        started_at=from_db_time(row["started_at"]),
        finished_at=from_db_time_or_none(row["finished_at"]),
        discarded_at=from_db_time_or_none(row["discarded_at"]),
    )


async def get_debrief(db: Database, owner_id: int, debrief_id: int) -> Debrief | None:
    row = await fetch_one(db.conn, GET, {"owner_id": owner_id, "id": debrief_id})
    return None if row is None else _debrief(row)


async def start_debrief(db: Database, owner_id: int, meeting_id: int) -> Debrief:
    """The meeting's open debrief if there is one (to resume), else a new one.

    Raises NotFound for a meeting that does not exist or is someone else's.
    """
    params = {"owner_id": owner_id, "meeting_id": meeting_id, "now": to_db_time(db.now())}
    async with db.transaction() as conn:
        meeting = await fetch_one(conn, MEETING, params)
        if meeting is None:
            raise NotFound(f"no meeting {meeting_id}")
        row = await fetch_one(conn, OPEN_FOR_MEETING, params)
        if row is None:
            row = await fetch_one(conn, INSERT, {**params, "contact_id": meeting["contact_id"]})
    assert row is not None
    return _debrief(row)


async def open_debriefs(db: Database, owner_id: int) -> list[Debrief]:
    """Debriefs started and neither finished nor discarded, newest first."""
    rows = await fetch_all(db.conn, OPEN_DEBRIEFS, {"owner_id": owner_id})
    return [_debrief(row) for row in rows]


async def record_answer(
    db: Database,
    owner_id: int,
    debrief_id: int,
    *,
    step: int,
    step_id: str,
    slot: str,
    bodies: Sequence[str],
    update_id: int,
    more: Sequence[tuple[str, str]] = (),
) -> bool:
    """Store the answer to step `step` and move on, atomically. `bodies`: the answer as
    notes, one per promise it holds (one for most answers; none when skipped); `more`: the
    parts of it that belong to another slot, as (slot, body).

    False, with nothing written, when the debrief is not at that step any more or this
    update was already applied: a redelivered update, or a press on an old question.
    Call inside a caller's transaction to make more writes part of the same step.
    """
    params = {
        "owner_id": owner_id,
        "id": debrief_id,
        "step": step,
        "step_id": step_id,
        "slot": slot,
        "update_id": update_id,
        "now": to_db_time(db.now()),
    }
    parts = [(slot, body) for body in bodies] + list(more)
    notes = [
        (INSERT_NOTE, {**params, "part": n, "slot": part_slot, "body": body})
        for n, (part_slot, body) in enumerate(parts)
    ]
    return await db.write_all([(ADVANCE, params), *notes], guarded=True)


async def note_aim(db: Database, owner_id: int, debrief_id: int, body: str) -> bool:
    """Keep what the person hoped for from the meeting, typed as its goal (slot "aim")."""
    params = {"owner_id": owner_id, "id": debrief_id, "body": body, "now": to_db_time(db.now())}
    return await db.write(INSERT_AIM, params) == 1


async def finish_debrief(db: Database, owner_id: int, debrief_id: int) -> bool:
    params = {"owner_id": owner_id, "id": debrief_id, "now": to_db_time(db.now())}
    async with db.transaction() as conn:
        row = await fetch_one(conn, FINISH, params)
        if row is None:
            return False
        await execute(conn, MARK_MEETING_DEBRIEFED, {**params, "meeting_id": row["meeting_id"]})
    return True


async def discard_debrief(db: Database, owner_id: int, debrief_id: int) -> bool:
    """Drop an unfinished debrief and the answers given so far, at the user's request."""
    params = {"owner_id": owner_id, "id": debrief_id, "now": to_db_time(db.now())}
    async with db.transaction() as conn:
        if await execute(conn, DISCARD, params) != 1:
            return False
        await execute(conn, DELETE_NOTES, params)
    return True


async def meetings_to_debrief(
    db: Database,
    owner_id: int,
    now: datetime,
    *,
    ahead: timedelta = timedelta(0),
    contact_id: int | None = None,
    limit: int = 5,
) -> list[MeetingToDebrief]:
    """The owner's meetings not yet debriefed, planned no later than `ahead` from `now`
    (with one contact only, if given), nearest to now first."""
    params = {
        "owner_id": owner_id,
        "now": to_db_time(now),
        "until": to_db_time(now + ahead),
        "contact_id": contact_id,
        "limit": limit,
    }
    return [
        MeetingToDebrief(
            meeting_id=row["meeting_id"],
            contact_id=row["contact_id"],
            contact_name=row["contact_name"],
            goal=row["goal"],
            scheduled_at=from_db_time_or_none(row["scheduled_at"]),
            all_day=bool(row["all_day"]),
        )
        for row in await fetch_all(db.conn, TO_DEBRIEF, params)
    ]
