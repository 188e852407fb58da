"""Meetings a user prepares for (and later debriefs)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

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
class MeetingAbout:
    """Where the meeting happens and what it is for, as /prep asked it; None: not said.

    The values are the coaching layer's ids (setting "event", can_help "introduce");
    storage keeps them as given.
    """

    setting: str | None = None
    setting_words: str | None = None
    """Where, in the user's own words ("pints at The Marble Arch"); None: a button or unsaid."""
    known_from: str | None = None
    """How the user knows them, in their own words ("met once at a conference in Montreal");
    None: a button or unsaid."""
    topic: str | None = None
    """What the talk was about, for a quick chat at an event."""
    aim: str | None = None
    """What the user wants to walk out with, in their own words."""
    ask_target: str | None = None
    """For an ask or an introduction: who exactly."""
    ask_why: str | None = None
    can_help: str | None = None


@dataclass(frozen=True)
class Meeting:
    id: int
    owner_id: int
    contact_id: int
    goal: str
    scheduled_at: datetime | None
    created_at: datetime
    debrief_reminder: bool
    all_day: bool = False
    """Only the day is known; scheduled_at is the start of that day in the user's zone."""
    source_update_id: int | None = None
    """The Telegram update that created it, when one did (the last answer of a /prep)."""
    about: MeetingAbout = field(default_factory=MeetingAbout)


_COLUMNS = """
    id, owner_id, contact_id, goal, scheduled_at, all_day, created_at, debrief_reminder,
    source_update_id, setting, setting_words, known_from, topic, aim, ask_target, ask_why,
    can_help
"""

CONTACT_EXISTS = "SELECT 1 FROM contacts WHERE owner_id = :owner_id AND id = :contact_id"

INSERT_MEETING = f"""
INSERT INTO meetings
    (owner_id, contact_id, goal, scheduled_at, all_day, created_at, source_update_id,
     setting, setting_words, known_from, topic, aim, ask_target, ask_why, can_help)
VALUES (:owner_id, :contact_id, :goal, :scheduled_at, :all_day, :now, :source_update_id,
        :setting, :setting_words, :known_from, :topic, :aim, :ask_target, :ask_why, :can_help)
RETURNING {_COLUMNS}
"""

GET_MEETING = f"SELECT {_COLUMNS} FROM meetings WHERE owner_id = :owner_id AND id = :id"

MEETING_FROM_UPDATE = f"""
SELECT {_COLUMNS} FROM meetings
WHERE owner_id = :owner_id AND source_update_id = :source_update_id
"""

SET_DEBRIEF_REMINDER = f"""
UPDATE meetings SET debrief_reminder = :on WHERE owner_id = :owner_id AND id = :id
RETURNING {_COLUMNS}
"""

MEETINGS_FOR_CONTACT = f"""
SELECT {_COLUMNS} FROM meetings
WHERE owner_id = :owner_id AND contact_id = :contact_id
ORDER BY created_at DESC, id DESC
"""

# The latest :limit of them, latest date first (a meeting without a date counts from when it
# was made), through meetings_owner_contact_when (migration 0018), and how many there are.
LATEST_MEETINGS = f"""
SELECT {_COLUMNS}, (
    SELECT COUNT(*) FROM meetings WHERE owner_id = :owner_id AND contact_id = :contact_id
) AS total
FROM meetings
WHERE owner_id = :owner_id AND contact_id = :contact_id
ORDER BY coalesce(scheduled_at, created_at) DESC, id DESC
LIMIT :limit
"""

# A meeting is still ahead until its time, or until it is debriefed (it happened earlier);
# an all-day one from the start of its day. One owner's meetings, through
# meetings_owner_contact_created (owner_id, ...).
AHEAD = f"""
SELECT {", ".join(f"m.{c.strip()}" for c in _COLUMNS.split(","))},
    c.name AS contact_name, c.company AS contact_company
FROM meetings AS m
JOIN contacts AS c ON c.owner_id = m.owner_id AND c.id = m.contact_id
WHERE m.owner_id = :owner_id AND m.scheduled_at >= :since
  AND m.debriefed_at IS NULL AND c.archived_at IS NULL
ORDER BY m.scheduled_at, m.id
LIMIT :limit
"""


@dataclass(frozen=True)
class Ahead:
    """A meeting still to come, as lists show it: with the contact's name."""

    meeting: Meeting
    name: str
    company: str | None

    @property
    def due_at(self) -> datetime:
        assert self.meeting.scheduled_at is not None  # AHEAD selects on it
        return self.meeting.scheduled_at

    @property
    def all_day(self) -> bool:
        return self.meeting.all_day


def _meeting(row: aiosqlite.Row) -> Meeting:
    return Meeting(
        id=row["id"],
        owner_id=row["owner_id"],
        contact_id=row["contact_id"],
        goal=row["goal"],
        scheduled_at=from_db_time_or_none(row["scheduled_at"]),
        created_at=from_db_time(row["created_at"]),
        debrief_reminder=bool(row["debrief_reminder"]),
        all_day=bool(row["all_day"]),
        source_update_id=row["source_update_id"],
        about=MeetingAbout(
            setting=row["setting"],
            setting_words=row["setting_words"],
            known_from=row["known_from"],
            topic=row["topic"],
            aim=row["aim"],
            ask_target=row["ask_target"],
            ask_why=row["ask_why"],
            can_help=row["can_help"],
        ),
    )


async def create_meeting(
    db: Database,
    owner_id: int,
    *,
    contact_id: int,
    goal: str,
    scheduled_at: datetime | None,
    all_day: bool = False,
    source_update_id: int | None = None,
    about: MeetingAbout | None = None,
) -> Meeting:
    """Store a meeting with one of the owner's contacts.

    Raises NotFound when the contact does not exist or is someone else's (the same error for
    both, so as not to reveal which). `scheduled_at` must be timezone-aware; `all_day` says
    only its date is meant. `source_update_id` is the Telegram update that asked for it: when
    the owner already has a meeting from that update (the update handled again after a
    crash), that meeting is returned as it is and nothing is written.
    """
    if all_day and scheduled_at is None:
        raise ValueError("an all-day meeting needs the day in scheduled_at")
    params = {
        "owner_id": owner_id,
        "contact_id": contact_id,
        "goal": goal,
        "scheduled_at": None if scheduled_at is None else to_db_time(scheduled_at),
        "all_day": int(all_day),
        "now": to_db_time(db.now()),
        "source_update_id": source_update_id,
        **asdict(about or MeetingAbout()),
    }
    async with db.transaction() as conn:
        if source_update_id is not None:
            made = await fetch_one(conn, MEETING_FROM_UPDATE, params)
            if made is not None:
                return _meeting(made)
        # The composite foreign key would refuse it too, but as an IntegrityError that
        # callers could not tell apart from other constraint failures.
        if await fetch_one(conn, CONTACT_EXISTS, params) is None:
            raise NotFound(f"no contact {contact_id}")
        row = await fetch_one(conn, INSERT_MEETING, params)
    assert row is not None  # RETURNING always yields the inserted row
    return _meeting(row)


async def get_meeting(db: Database, owner_id: int, meeting_id: int) -> Meeting | None:
    """The meeting, or None if it does not exist or belongs to someone else."""
    row = await fetch_one(db.conn, GET_MEETING, {"owner_id": owner_id, "id": meeting_id})
    return None if row is None else _meeting(row)


async def meeting_from_update(db: Database, owner_id: int, update_id: int) -> Meeting | None:
    """The owner's meeting created by this Telegram update, if one was."""
    row = await fetch_one(
        db.conn, MEETING_FROM_UPDATE, {"owner_id": owner_id, "source_update_id": update_id}
    )
    return None if row is None else _meeting(row)


async def set_debrief_reminder(
    db: Database, owner_id: int, meeting_id: int, on: bool
) -> Meeting | None:
    """Turn the after-meeting debrief reminder on or off; None if the meeting is not theirs."""
    async with db.transaction() as conn:
        row = await fetch_one(
            conn, SET_DEBRIEF_REMINDER, {"on": int(on), "owner_id": owner_id, "id": meeting_id}
        )
    return None if row is None else _meeting(row)


async def meetings_for_contact(db: Database, owner_id: int, contact_id: int) -> list[Meeting]:
    """The owner's meetings with a contact, newest first; empty for someone else's contact."""
    rows = await fetch_all(
        db.conn, MEETINGS_FOR_CONTACT, {"owner_id": owner_id, "contact_id": contact_id}
    )
    return [_meeting(row) for row in rows]


async def latest_for_contact(
    db: Database, owner_id: int, contact_id: int, limit: int
) -> tuple[list[Meeting], int]:
    """The owner's `limit` latest meetings with a contact by date, latest first, and how many
    meetings with them there are in all; nothing for someone else's contact."""
    if limit <= 0:
        return [], 0
    params = {"owner_id": owner_id, "contact_id": contact_id, "limit": limit}
    rows = await fetch_all(db.conn, LATEST_MEETINGS, params)
    return [_meeting(row) for row in rows], int(rows[0]["total"]) if rows else 0


async def ahead(db: Database, owner_id: int, since: datetime, limit: int) -> list[Ahead]:
    """The owner's meetings scheduled from `since` on, not debriefed, with contacts not
    archived: soonest first, with the contact's name."""
    rows = await fetch_all(
        db.conn, AHEAD, {"owner_id": owner_id, "since": to_db_time(since), "limit": limit}
    )
    return [Ahead(_meeting(row), row["contact_name"], row["contact_company"]) for row in rows]


# -- what happened to a meeting ---------------------------------------------------------------

# A meeting debriefed before its time happened then: it moves to `now` (a time of day, so no
# longer all-day). One whose time has passed keeps it. Either way the reminder to debrief it
# after its time is moot. SQLite evaluates every SET expression on the row as it was.
HAPPENED = """
UPDATE meetings SET
    scheduled_at = CASE WHEN scheduled_at IS NULL OR scheduled_at > :now
                        THEN :now ELSE scheduled_at END,
    all_day = CASE WHEN scheduled_at IS NULL OR scheduled_at > :now THEN 0 ELSE all_day END,
    debrief_reminder = 0
WHERE owner_id = :owner_id AND id = :id
"""


async def happened_by(db: Database, owner_id: int, meeting_id: int, now: datetime) -> bool:
    """The meeting took place by `now`: moved to now if it was planned later, and its
    after-meeting check-in turned off. False if the meeting is not theirs."""
    params = {"owner_id": owner_id, "id": meeting_id, "now": to_db_time(now)}
    return await db.write(HAPPENED, params) == 1


# -- changing a meeting from the card --------------------------------------------------------

RESCHEDULE = f"""
UPDATE meetings SET scheduled_at = :scheduled_at, all_day = :all_day
WHERE owner_id = :owner_id AND id = :id
RETURNING {_COLUMNS}
"""

# The check-in waiting for the meeting ("how did it go?") goes with it, to be sent again.
MOVE_CHECK_IN = """
UPDATE followups SET due_at = :check_in_at, delivered_at = NULL
WHERE owner_id = :owner_id AND meeting_id = :id AND kind = 'debrief'
  AND done_at IS NULL AND cancelled_at IS NULL
"""

# What was noted after the meeting is about the person, not the date: it stays on the card
# when the meeting goes. The cascade would take it with the meeting's debrief otherwise.
KEEP_NOTES = """
UPDATE notes SET debrief_id = NULL
WHERE owner_id = :owner_id
  AND debrief_id IN (SELECT id FROM debriefs WHERE owner_id = :owner_id AND meeting_id = :id)
"""
# So do the follow-ups set in its debrief; only its check-in goes (by the cascade).
KEEP_FOLLOWUPS = """
UPDATE followups SET meeting_id = NULL
WHERE owner_id = :owner_id AND meeting_id = :id AND kind <> 'debrief'
"""
DELETE_MEETING = f"""
DELETE FROM meetings WHERE owner_id = :owner_id AND id = :id RETURNING {_COLUMNS}
"""


async def reschedule_meeting(
    db: Database,
    owner_id: int,
    meeting_id: int,
    *,
    scheduled_at: datetime,
    all_day: bool,
    check_in_at: datetime,
) -> Meeting | None:
    """Move a meeting to another time, and its pending check-in to `check_in_at`; None if
    the meeting is not the owner's (or is gone)."""
    params = {
        "owner_id": owner_id,
        "id": meeting_id,
        "scheduled_at": to_db_time(scheduled_at),
        "all_day": int(all_day),
        "check_in_at": to_db_time(check_in_at),
    }
    async with db.transaction() as conn:
        row = await fetch_one(conn, RESCHEDULE, params)
        if row is None:
            return None
        await execute(conn, MOVE_CHECK_IN, params)
    return _meeting(row)


async def delete_meeting(db: Database, owner_id: int, meeting_id: int) -> Meeting | None:
    """Delete a meeting and its check-in, keeping what was noted and planned after it; None
    if the meeting is not the owner's (or is gone already)."""
    params = {"owner_id": owner_id, "id": meeting_id}
    async with db.transaction() as conn:
        await execute(conn, KEEP_NOTES, params)
        await execute(conn, KEEP_FOLLOWUPS, params)
        row = await fetch_one(conn, DELETE_MEETING, params)
    return None if row is None else _meeting(row)
