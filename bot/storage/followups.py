"""Things to do about a contact: follow up, debrief a meeting, get back in touch.

The table is the source of truth for reminders: the sweep (bot/reminders/sweep.py) only
ever asks it what is due. Every query filters on owner_id, except the sweep's global
questions (`due_undelivered` and the like), whose rows each carry their owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeGuard

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
from bot.storage.users import insert_user_if_missing

Kind = Literal["followup", "debrief", "cadence"]
KINDS: tuple[Kind, ...] = ("followup", "debrief", "cadence")


def is_kind(value: object) -> TypeGuard[Kind]:
    return value in KINDS


@dataclass(frozen=True)
class FollowUp:
    id: int
    owner_id: int
    contact_id: int
    meeting_id: int | None
    kind: Kind
    reason: str | None
    due_at: datetime
    delivered_at: datetime | None
    done_at: datetime | None
    cancelled_at: datetime | None
    created_at: datetime
    promise_note_id: int | None = None
    """For a promise's own reminder ("by Friday"): that promise; kept, the reminder is done."""
    how: str | None = None
    """How the user means to follow up, in their words ("by email"); None if unsaid."""

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.cancelled_at is None


@dataclass(frozen=True)
class Listed:
    """An open follow-up as lists show it: with the contact's name."""

    followup: FollowUp
    name: str
    company: str | None

    @property
    def due_at(self) -> datetime:
        return self.followup.due_at


@dataclass(frozen=True)
class CadenceCandidate:
    """A contact whose stay-in-touch cadence may have run out (decided in coaching)."""

    contact_id: int
    owner_id: int
    stage: str
    cadence_days: int | None
    created_at: datetime
    last_touch: datetime | None
    """The latest interaction or past meeting, if any."""
    nudged_until: datetime | None = None
    """The latest due time of a stay-in-touch nudge ever made for the contact, in any state."""


@dataclass(frozen=True)
class MeetingForOffer:
    """A meeting with a debrief reminder whose time has passed and no offer made yet."""

    meeting_id: int
    owner_id: int
    contact_id: int
    scheduled_at: datetime
    all_day: bool


_COLUMNS = """
    id, owner_id, contact_id, meeting_id, kind, reason, due_at, delivered_at, done_at,
    cancelled_at, created_at, promise_note_id, how
"""
_OPEN = "done_at IS NULL AND cancelled_at IS NULL"

CONTACT_EXISTS = "SELECT 1 FROM contacts WHERE owner_id = :owner_id AND id = :contact_id"
MEETING_EXISTS = """
SELECT 1 FROM meetings WHERE owner_id = :owner_id AND id = :meeting_id AND contact_id = :contact_id
"""

INSERT_FOLLOWUP = f"""
INSERT INTO followups
    (owner_id, contact_id, meeting_id, kind, reason, reason_note_id, promise_note_id, due_at,
     created_at, how)
VALUES (
    :owner_id, :contact_id, :meeting_id, :kind, :reason,
    (SELECT id FROM notes WHERE owner_id = :owner_id AND id = :reason_note_id),
    (SELECT id FROM notes WHERE owner_id = :owner_id AND id = :promise_note_id
        AND contact_id = :contact_id AND done_at IS NULL),
    :due_at, :now, :how
)
RETURNING {_COLUMNS}
"""

GET_FOLLOWUP = f"SELECT {_COLUMNS} FROM followups WHERE owner_id = :owner_id AND id = :id"

# Served by followups_owner_contact_open (migration 0018).
OPEN_FOR_CONTACT = f"""
SELECT {_COLUMNS} FROM followups
WHERE owner_id = :owner_id AND contact_id = :contact_id AND {_OPEN}
ORDER BY due_at, id
"""

# Served by followups_owner_due (owner_id, due_at) WHERE open.
OPEN_UNTIL = f"""
SELECT {_COLUMNS} FROM followups
WHERE owner_id = :owner_id AND due_at <= :until AND {_OPEN}
ORDER BY due_at, id
LIMIT :limit
"""

# The lists' question: what is open, with whom (archived contacts' follow-ups wait unseen).
# Served by followups_owner_due (owner_id, due_at) WHERE open, then contacts by key.
OPEN_LISTED = f"""
SELECT {", ".join(f"f.{c.strip()}" for c in _COLUMNS.split(","))},
    c.name AS contact_name, c.company AS contact_company
FROM followups AS f
JOIN contacts AS c ON c.owner_id = f.owner_id AND c.id = f.contact_id
WHERE f.owner_id = :owner_id AND f.due_at <= :until
  AND f.done_at IS NULL AND f.cancelled_at IS NULL AND c.archived_at IS NULL
ORDER BY f.due_at, f.id
LIMIT :limit
"""

# The scheduler's question; served by followups_undelivered (due_at) WHERE undelivered, open.
DUE_UNDELIVERED = f"""
SELECT {_COLUMNS} FROM followups
WHERE due_at <= :now AND delivered_at IS NULL AND {_OPEN}
ORDER BY due_at, id
LIMIT :limit
"""

CANCEL_FOR_MEETING = f"""
UPDATE followups SET cancelled_at = :now
WHERE owner_id = :owner_id AND meeting_id = :meeting_id AND kind = :kind AND {_OPEN}
"""

# What a meeting planned with the contact, or one just debriefed, makes needless: "follow up
# with X" and "get back in touch with X". A promise's own deadline is still owed, and another
# meeting's debrief offer is about that meeting. Served by followups_owner_contact_open (0018).
SUPERSEDE_FOR_CONTACT = f"""
UPDATE followups SET cancelled_at = :now
WHERE owner_id = :owner_id AND contact_id = :contact_id AND {_OPEN}
  AND ((kind = 'followup' AND promise_note_id IS NULL) OR kind = 'cadence')
  AND meeting_id IS NOT :keep_meeting
"""

CANCEL_UNDELIVERED_FOR_OWNER = f"""
UPDATE followups SET cancelled_at = :now
WHERE owner_id = :owner_id AND delivered_at IS NULL AND {_OPEN}
"""

MARK_DELIVERED = f"""
UPDATE followups SET delivered_at = :now
WHERE owner_id = :owner_id AND id = :id AND delivered_at IS NULL AND {_OPEN}
"""

MARK_DONE = f"""
UPDATE followups SET done_at = :now
WHERE owner_id = :owner_id AND id = :id AND {_OPEN}
RETURNING {_COLUMNS}
"""

CANCEL = f"""
UPDATE followups SET cancelled_at = :now
WHERE owner_id = :owner_id AND id = :id AND {_OPEN}
RETURNING {_COLUMNS}
"""

SNOOZE = f"""
UPDATE followups SET due_at = :due_at, delivered_at = NULL
WHERE owner_id = :owner_id AND id = :id AND {_OPEN}
RETURNING {_COLUMNS}
"""

# Contacts with nothing open (a pending follow-up already is the reason to get in touch, and
# keeping it resets the cadence), and the last time the user was in touch: an interaction,
# or a meeting whose time has passed.
CADENCE_CANDIDATES = """
SELECT c.id AS contact_id, c.owner_id, c.stage, c.cadence_days, c.created_at,
    MAX(
        COALESCE((SELECT MAX(i.at) FROM interactions AS i
                   WHERE i.owner_id = c.owner_id AND i.contact_id = c.id), ''),
        COALESCE((SELECT MAX(m.scheduled_at) FROM meetings AS m
                   WHERE m.owner_id = c.owner_id AND m.contact_id = c.id
                     AND m.scheduled_at <= :now), '')
    ) AS last_touch,
    nudged.until AS nudged_until
FROM contacts AS c
-- One pass over the owner's nudges, not one per contact (no index has contact_id first).
LEFT JOIN (SELECT contact_id, MAX(due_at) AS until FROM followups
            WHERE owner_id = :owner_id AND kind = 'cadence'
            GROUP BY contact_id) AS nudged ON nudged.contact_id = c.id
WHERE c.owner_id = :owner_id AND c.archived_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followups AS f
                   WHERE f.owner_id = c.owner_id AND f.contact_id = c.id
                     AND f.done_at IS NULL AND f.cancelled_at IS NULL)
ORDER BY c.id
"""

# Meetings the user asked to be reminded to debrief, whose time has come within the window,
# not yet debriefed, and with no debrief follow-up made for them (in any state) yet.
MEETINGS_FOR_OFFER = """
SELECT m.id AS meeting_id, m.owner_id, m.contact_id, m.scheduled_at, m.all_day
FROM meetings AS m
WHERE m.scheduled_at > :since AND m.scheduled_at <= :now
  AND m.debrief_reminder = 1 AND m.debriefed_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM followups AS f
                   WHERE f.meeting_id = m.id AND f.kind = 'debrief')
ORDER BY m.scheduled_at, m.id
LIMIT :limit
"""


def _followup(row: aiosqlite.Row) -> FollowUp:
    kind = row["kind"]
    assert is_kind(kind)  # the table's CHECK constraint allows nothing else
    return FollowUp(
        id=row["id"],
        owner_id=row["owner_id"],
        contact_id=row["contact_id"],
        meeting_id=row["meeting_id"],
        kind=kind,
        reason=row["reason"],
        due_at=from_db_time(row["due_at"]),
        delivered_at=from_db_time_or_none(row["delivered_at"]),
        done_at=from_db_time_or_none(row["done_at"]),
        cancelled_at=from_db_time_or_none(row["cancelled_at"]),
        created_at=from_db_time(row["created_at"]),
        promise_note_id=row["promise_note_id"],
        how=row["how"],
    )


async def create_followup(
    db: Database,
    owner_id: int,
    *,
    contact_id: int,
    kind: Kind,
    due_at: datetime,
    reason: str | None = None,
    reason_note_id: int | None = None,
    meeting_id: int | None = None,
    promise_note_id: int | None = None,
    how: str | None = None,
) -> FollowUp:
    """Store something to do about one of the owner's contacts. `reason_note_id`: the
    owner's note the reason quotes; the reason is dropped once that promise is kept.
    `promise_note_id`: the open promise (about this contact) this reminder is for; keeping
    it closes the reminder. `how`: the user's words for how they will get in touch.

    Raises NotFound when the contact (or the meeting, if given) does not exist, is someone
    else's, or the meeting is with another contact — the same error for each.
    """
    if not is_kind(kind):
        raise ValueError(f"unknown follow-up kind {kind!r}")
    if reason is not None and not reason.strip():
        reason = None
    if how is not None and not how.strip():
        how = None
    params = {
        "owner_id": owner_id,
        "contact_id": contact_id,
        "meeting_id": meeting_id,
        "kind": kind,
        "reason": reason,
        "reason_note_id": reason_note_id if reason is not None else None,
        "promise_note_id": promise_note_id,
        "due_at": to_db_time(due_at),
        "now": to_db_time(db.now()),
        "how": how,
    }
    async with db.transaction() as conn:
        if await fetch_one(conn, CONTACT_EXISTS, params) is None:
            raise NotFound(f"no contact {contact_id}")
        if meeting_id is not None and await fetch_one(conn, MEETING_EXISTS, params) is None:
            raise NotFound(f"no meeting {meeting_id}")
        row = await fetch_one(conn, INSERT_FOLLOWUP, params)
    assert row is not None  # RETURNING always yields the inserted row
    return _followup(row)


async def get_followup(db: Database, owner_id: int, followup_id: int) -> FollowUp | None:
    """The follow-up, or None if it does not exist or belongs to someone else."""
    row = await fetch_one(db.conn, GET_FOLLOWUP, {"owner_id": owner_id, "id": followup_id})
    return None if row is None else _followup(row)


async def open_for_contact(db: Database, owner_id: int, contact_id: int) -> list[FollowUp]:
    """Not done and not cancelled, soonest first."""
    rows = await fetch_all(
        db.conn, OPEN_FOR_CONTACT, {"owner_id": owner_id, "contact_id": contact_id}
    )
    return [_followup(row) for row in rows]


async def upcoming(db: Database, owner_id: int, until: datetime, limit: int = 50) -> list[FollowUp]:
    """Open follow-ups due up to `until` (overdue ones included), soonest first."""
    if limit <= 0:
        return []
    rows = await fetch_all(
        db.conn,
        OPEN_UNTIL,
        {"owner_id": owner_id, "until": to_db_time(until), "limit": limit},
    )
    return [_followup(row) for row in rows]


async def listed(db: Database, owner_id: int, until: datetime | None, limit: int) -> list[Listed]:
    """Open follow-ups due up to `until` (None: whenever; overdue ones included) about
    contacts not archived, soonest first, with the contact's name."""
    if limit <= 0:
        return []
    # Stored times are ISO text: "9999" sorts after every one of them.
    bound = "9999" if until is None else to_db_time(until)
    rows = await fetch_all(
        db.conn, OPEN_LISTED, {"owner_id": owner_id, "until": bound, "limit": limit}
    )
    return [Listed(_followup(row), row["contact_name"], row["contact_company"]) for row in rows]


async def due_undelivered(db: Database, now: datetime, limit: int = 100) -> list[FollowUp]:
    """Everyone's open follow-ups that are due and not yet sent, soonest first."""
    if limit <= 0:
        return []
    rows = await fetch_all(db.conn, DUE_UNDELIVERED, {"now": to_db_time(now), "limit": limit})
    return [_followup(row) for row in rows]


async def mark_delivered(db: Database, owner_id: int, followup_id: int, at: datetime) -> bool:
    """Record that the reminder went out; False if it was already sent or is closed."""
    params = {"owner_id": owner_id, "id": followup_id, "now": to_db_time(at)}
    return await db.write(MARK_DELIVERED, params) == 1


async def mark_done(db: Database, owner_id: int, followup_id: int, at: datetime) -> FollowUp | None:
    """Close an open follow-up as done; None if it is not the owner's or already closed."""
    return await _close(db, MARK_DONE, owner_id, followup_id, at)


async def cancel(db: Database, owner_id: int, followup_id: int, at: datetime) -> FollowUp | None:
    """Close an open follow-up as no longer needed; None if not the owner's or closed."""
    return await _close(db, CANCEL, owner_id, followup_id, at)


async def _close(
    db: Database, sql: str, owner_id: int, followup_id: int, at: datetime
) -> FollowUp | None:
    async with db.transaction() as conn:
        row = await fetch_one(
            conn, sql, {"owner_id": owner_id, "id": followup_id, "now": to_db_time(at)}
        )
    return None if row is None else _followup(row)


async def snooze(
    db: Database, owner_id: int, followup_id: int, due_at: datetime
) -> FollowUp | None:
    """Move an open follow-up to `due_at`; it will be delivered again then.

    None if it is not the owner's or already closed.
    """
    async with db.transaction() as conn:
        row = await fetch_one(
            conn, SNOOZE, {"owner_id": owner_id, "id": followup_id, "due_at": to_db_time(due_at)}
        )
    return None if row is None else _followup(row)


async def cancel_for_meeting(db: Database, owner_id: int, meeting_id: int, kind: Kind) -> int:
    """Cancel the meeting's open follow-ups of one kind; returns how many."""
    params = {"owner_id": owner_id, "meeting_id": meeting_id, "kind": kind}
    return await db.write(CANCEL_FOR_MEETING, {**params, "now": to_db_time(db.now())})


async def supersede_for_contact(
    db: Database, owner_id: int, contact_id: int, *, keep_meeting: int | None = None
) -> int:
    """Cancel the contact's open reminders to get in touch, but those set after the meeting
    `keep_meeting`: a meeting with them is planned now, or has just been debriefed, and is
    the follow-up. Returns how many."""
    params = {
        "owner_id": owner_id,
        "contact_id": contact_id,
        "keep_meeting": keep_meeting,
        "now": to_db_time(db.now()),
    }
    return await db.write(SUPERSEDE_FOR_CONTACT, params)


async def cancel_undelivered(db: Database, owner_id: int) -> int:
    """Stop every reminder not yet sent to this owner (they blocked the bot)."""
    params = {"owner_id": owner_id, "now": to_db_time(db.now())}
    return await db.write(CANCEL_UNDELIVERED_FOR_OWNER, params)


async def cadence_candidates(db: Database, owner_id: int) -> list[CadenceCandidate]:
    """The owner's active contacts with no open follow-up of any kind, with their last touch."""
    rows = await fetch_all(
        db.conn, CADENCE_CANDIDATES, {"owner_id": owner_id, "now": to_db_time(db.now())}
    )
    return [
        CadenceCandidate(
            contact_id=row["contact_id"],
            owner_id=row["owner_id"],
            stage=row["stage"],
            cadence_days=row["cadence_days"],
            created_at=from_db_time(row["created_at"]),
            last_touch=from_db_time(row["last_touch"]) if row["last_touch"] else None,
            nudged_until=from_db_time_or_none(row["nudged_until"]),
        )
        for row in rows
    ]


async def meetings_for_debrief_offer(
    db: Database, since: datetime, now: datetime, limit: int = 100
) -> list[MeetingForOffer]:
    """Everyone's meetings (with a debrief reminder) that started in (since, now] and have
    no debrief follow-up yet. Global, like due_undelivered: each row carries its owner."""
    rows = await fetch_all(
        db.conn,
        MEETINGS_FOR_OFFER,
        {"since": to_db_time(since), "now": to_db_time(now), "limit": limit},
    )
    return [
        MeetingForOffer(
            meeting_id=row["meeting_id"],
            owner_id=row["owner_id"],
            contact_id=row["contact_id"],
            scheduled_at=from_db_time(row["scheduled_at"]),
            all_day=bool(row["all_day"]),
        )
        for row in rows
    ]


# -- cadence nudges ---------------------------------------------------------------------------

INSERT_CADENCE_NUDGE = """
INSERT INTO followups (owner_id, contact_id, kind, due_at, delivered_at, created_at)
SELECT :owner_id, :contact_id, 'cadence', :due_at, :delivered_at, :now
WHERE EXISTS (SELECT 1 FROM contacts WHERE owner_id = :owner_id AND id = :contact_id)
  AND NOT EXISTS (SELECT 1 FROM followups
                   WHERE owner_id = :owner_id AND contact_id = :contact_id
                     AND done_at IS NULL AND cancelled_at IS NULL)
"""

CONTACT_CADENCE = """
SELECT stage, cadence_days FROM contacts WHERE owner_id = :owner_id AND id = :contact_id
"""

LAST_TOUCH = """
SELECT MAX(
    COALESCE((SELECT MAX(at) FROM interactions
               WHERE owner_id = :owner_id AND contact_id = :contact_id), ''),
    COALESCE((SELECT MAX(scheduled_at) FROM meetings
               WHERE owner_id = :owner_id AND contact_id = :contact_id
                 AND scheduled_at <= :now), '')
) AS at
"""


async def add_cadence_nudge(
    db: Database, owner_id: int, contact_id: int, due_at: datetime, *, shown: bool = True
) -> bool:
    """A "get back in touch" follow-up. `shown`: already in front of the user (the digest or
    the /followups list carries it), so it is not sent as a reminder of its own. Only for a
    contact with nothing open yet; False when something is, or the contact is not the
    owner's."""
    now = to_db_time(db.now())
    params = {
        "owner_id": owner_id,
        "contact_id": contact_id,
        "due_at": to_db_time(due_at),
        "delivered_at": now if shown else None,
        "now": now,
    }
    return await db.write(INSERT_CADENCE_NUDGE, params) == 1


async def contact_cadence(
    db: Database, owner_id: int, contact_id: int
) -> tuple[str, int | None] | None:
    """(stage, chosen cadence in days or None) of the owner's contact; None if not theirs."""
    row = await fetch_one(
        db.conn, CONTACT_CADENCE, {"owner_id": owner_id, "contact_id": contact_id}
    )
    return None if row is None else (row["stage"], row["cadence_days"])


async def last_touch(db: Database, owner_id: int, contact_id: int) -> datetime | None:
    """The latest interaction or past meeting with the contact, if any."""
    row = await fetch_one(
        db.conn,
        LAST_TOUCH,
        {"owner_id": owner_id, "contact_id": contact_id, "now": to_db_time(db.now())},
    )
    return from_db_time(row["at"]) if row is not None and row["at"] else None


# -- debrief offers ---------------------------------------------------------------------------

STILL_WANTS_DEBRIEF = """
SELECT 1 FROM meetings AS m
WHERE m.owner_id = :owner_id AND m.id = :meeting_id
  AND m.debrief_reminder = 1 AND m.debriefed_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM debriefs AS d
                   WHERE d.meeting_id = m.id AND d.finished_at IS NOT NULL)
"""


async def still_wants_debrief(db: Database, owner_id: int, meeting_id: int) -> bool:
    """The meeting is the owner's, its reminder is on and it has not been debriefed."""
    params = {"owner_id": owner_id, "meeting_id": meeting_id}
    return await fetch_one(db.conn, STILL_WANTS_DEBRIEF, params) is not None


# -- the daily digest -------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestSetting:
    owner_id: int
    hour: int | None
    """Local hour chosen by the user; None: the default."""
    off: bool
    next_at: datetime | None
    timezone: str | None
    """The user's zone name from /start, if any."""


_DIGEST_COLUMNS = "id, digest_hour, digest_off, digest_next_at, timezone"

GET_DIGEST = f"SELECT {_DIGEST_COLUMNS} FROM users WHERE id = :owner_id"

# Both served by users_digest_next (digest_next_at) WHERE digest_off = 0.
DIGESTS_UNSCHEDULED = f"""
SELECT {_DIGEST_COLUMNS} FROM users
WHERE digest_off = 0 AND digest_next_at IS NULL
ORDER BY id LIMIT :limit
"""
DIGESTS_DUE = f"""
SELECT {_DIGEST_COLUMNS} FROM users
WHERE digest_off = 0 AND digest_next_at <= :now
ORDER BY digest_next_at, id LIMIT :limit
"""

# Users who turned the digest off, a page at a time (a small share of the table).
DIGESTS_OFF = f"""
SELECT {_DIGEST_COLUMNS} FROM users
WHERE digest_off = 1 AND id > :after
ORDER BY id LIMIT :limit
"""

SET_DIGEST = """
UPDATE users SET digest_hour = :hour, digest_off = :off, digest_next_at = :next_at,
    updated_at = :now
WHERE id = :owner_id
"""

SET_DIGEST_NEXT = """
UPDATE users SET digest_next_at = :next_at WHERE id = :owner_id AND digest_off = 0
"""


def _digest(row: aiosqlite.Row) -> DigestSetting:
    return DigestSetting(
        owner_id=row["id"],
        hour=row["digest_hour"],
        off=bool(row["digest_off"]),
        next_at=from_db_time_or_none(row["digest_next_at"]),
        timezone=row["timezone"],
    )


async def digest_setting(db: Database, owner_id: int) -> DigestSetting | None:
    row = await fetch_one(db.conn, GET_DIGEST, {"owner_id": owner_id})
    return None if row is None else _digest(row)


async def set_digest(
    db: Database, owner_id: int, *, hour: int | None, off: bool, next_at: datetime | None
) -> DigestSetting:
    """Choose the digest hour (None: the default) or turn it off; creates the user if new."""
    if hour is not None and not 0 <= hour <= 23:
        raise ValueError(f"digest hour {hour} is not 0-23")
    now = db.now()
    params = {
        "owner_id": owner_id,
        "hour": hour,
        "off": int(off),
        "next_at": None if off or next_at is None else to_db_time(next_at),
        "now": to_db_time(now),
    }
    async with db.transaction() as conn:
        await insert_user_if_missing(conn, owner_id, now)
        await execute(conn, SET_DIGEST, params)
        row = await fetch_one(conn, GET_DIGEST, params)
    assert row is not None  # inserted above if missing
    return _digest(row)


async def set_digest_next(db: Database, owner_id: int, next_at: datetime) -> None:
    """When the next digest is due (no effect once the user turned it off)."""
    await db.write(SET_DIGEST_NEXT, {"owner_id": owner_id, "next_at": to_db_time(next_at)})


async def digests_unscheduled(db: Database, limit: int = 100) -> list[DigestSetting]:
    """Users with the digest on but no next time yet (new users). Global, for the scheduler."""
    rows = await fetch_all(db.conn, DIGESTS_UNSCHEDULED, {"limit": limit})
    return [_digest(row) for row in rows]


async def digests_due(db: Database, now: datetime, limit: int = 100) -> list[DigestSetting]:
    """Users whose digest time has come. Global, for the scheduler."""
    rows = await fetch_all(db.conn, DIGESTS_DUE, {"now": to_db_time(now), "limit": limit})
    return [_digest(row) for row in rows]


async def digests_off(db: Database, after: int = 0, limit: int = 100) -> list[DigestSetting]:
    """Users with the digest off and an id above `after`. Global, for the scheduler."""
    rows = await fetch_all(db.conn, DIGESTS_OFF, {"after": after, "limit": limit})
    return [_digest(row) for row in rows]
