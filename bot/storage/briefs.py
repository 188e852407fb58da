"""What a brief remembers of the briefs before it, and of what you have given."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Database, fetch_all, fetch_one, from_db_time, to_db_time
from bot.storage.notes import Note, note_from_row

SET_BRIEF_QUESTIONS = """
UPDATE meetings SET brief_questions = :questions WHERE owner_id = :owner_id AND id = :id
"""

# The brief sent before this meeting's, and whether the person was debriefed since: a
# question asked and then debriefed counts as answered, one never debriefed may be asked again.
LAST_BRIEF = """
SELECT m.brief_questions,
       EXISTS (
           SELECT 1 FROM meetings AS d
           WHERE d.owner_id = m.owner_id AND d.contact_id = m.contact_id
             AND d.id >= m.id AND d.id < :meeting_id AND d.debriefed_at IS NOT NULL
       ) AS debriefed
FROM meetings AS m
WHERE m.owner_id = :owner_id AND m.contact_id = :contact_id AND m.id < :meeting_id
  AND m.brief_questions IS NOT NULL
ORDER BY m.created_at DESC, m.id DESC
LIMIT 1
"""

KEPT_A_PROMISE = """
SELECT 1 FROM notes
WHERE owner_id = :owner_id AND contact_id = :contact_id AND slot = 'my_promises'
  AND done_at IS NOT NULL
LIMIT 1
"""


@dataclass(frozen=True)
class PastBrief:
    questions: frozenset[str]
    debriefed: bool


async def record_questions(
    db: Database, owner_id: int, meeting_id: int, questions: Sequence[str]
) -> None:
    """Remember which questions this meeting's brief suggested; sending it again writes the
    same list, so a brief sent twice after a crash changes nothing."""
    params = {"owner_id": owner_id, "id": meeting_id, "questions": json.dumps(list(questions))}
    await db.write(SET_BRIEF_QUESTIONS, params)


async def last_brief(
    db: Database, owner_id: int, contact_id: int, meeting_id: int
) -> PastBrief | None:
    """The latest brief for this contact before `meeting_id`'s, or None."""
    params = {"owner_id": owner_id, "contact_id": contact_id, "meeting_id": meeting_id}
    row = await fetch_one(db.conn, LAST_BRIEF, params)
    if row is None:
        return None
    keys = json.loads(row["brief_questions"])
    return PastBrief(frozenset(str(k) for k in keys), bool(row["debriefed"]))


async def kept_a_promise(db: Database, owner_id: int, contact_id: int) -> bool:
    """Whether you have ever kept a promise to this contact: something given."""
    params = {"owner_id": owner_id, "contact_id": contact_id}
    return await fetch_one(db.conn, KEPT_A_PROMISE, params) is not None


# The last meeting with this contact that was debriefed: you have met, and when. A meeting
# debriefed before its time moved to then, so its scheduled time is when it happened.
# A meeting debriefed before the time it was planned for happened earlier than planned: by
# the time its debrief began, at the latest. What that debrief noted came after it.
LAST_MET = """
SELECT MIN(
         COALESCE(m.scheduled_at, m.debriefed_at),
         COALESCE(
           (SELECT MIN(d.started_at) FROM debriefs d
            WHERE d.owner_id = m.owner_id AND d.meeting_id = m.id AND d.finished_at IS NOT NULL),
           m.debriefed_at)
       ) AS met_at,
       m.debriefed_at
FROM meetings m
WHERE m.owner_id = :owner_id AND m.contact_id = :contact_id AND m.id <> :meeting_id
  AND m.debriefed_at IS NOT NULL
ORDER BY m.debriefed_at DESC, m.id DESC
LIMIT 1
"""

KEPT_SINCE = """
SELECT id, owner_id, contact_id, debrief_id, slot, body, created_at, done_at FROM notes
WHERE owner_id = :owner_id AND contact_id = :contact_id
  AND slot IN ('my_promises', 'their_promises') AND done_at IS NOT NULL AND done_at >= :since
ORDER BY created_at, id
"""


@dataclass(frozen=True)
class LastMet:
    at: datetime
    """When you met."""
    debriefed_at: datetime


async def last_met(db: Database, owner_id: int, contact_id: int, meeting_id: int) -> LastMet | None:
    """The latest debriefed meeting with this contact other than `meeting_id`, or None."""
    params = {"owner_id": owner_id, "contact_id": contact_id, "meeting_id": meeting_id}
    row = await fetch_one(db.conn, LAST_MET, params)
    if row is None:
        return None
    return LastMet(from_db_time(row["met_at"]), from_db_time(row["debriefed_at"]))


async def kept_since(db: Database, owner_id: int, contact_id: int, since: datetime) -> list[Note]:
    """Promises either way kept since `since` (the last debrief), oldest first."""
    params = {"owner_id": owner_id, "contact_id": contact_id, "since": to_db_time(since)}
    return [note_from_row(row) for row in await fetch_all(db.conn, KEPT_SINCE, params)]
