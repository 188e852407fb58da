"""Follow-ups and interactions on a real SQLite file: lifecycle, ownership, indexes."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import followups, interactions
from bot.storage.contacts import archive_contact, create_contact
from bot.storage.db import Database, execute, fetch_all, to_db_time
from bot.storage.errors import NotFound
from bot.storage.meetings import create_meeting, set_debrief_reminder
from tests.unit.helpers import Clock

ALICE = 1001
BOB = 2002
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


async def contact(db: Database, owner: int = ALICE, name: str = "Mira") -> int:
    return (await create_contact(db, owner, name=name)).id


async def test_create_and_read_back(db: Database) -> None:
    mira = await contact(db)
    due = NOW + timedelta(days=3)
    created = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="followup", due_at=due, reason="You promised: the deck"
    )
    assert created.owner_id == ALICE and created.contact_id == mira
    assert created.kind == "followup" and created.reason == "You promised: the deck"
    assert created.due_at == due and created.created_at == NOW
    assert created.delivered_at is None and created.done_at is None and created.is_open
    assert await followups.get_followup(db, ALICE, created.id) == created


async def test_how_is_kept_with_the_follow_up(db: Database) -> None:
    mira = await contact(db)
    due = NOW + timedelta(days=7)
    by_email = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="followup", due_at=due, how="by email"
    )
    unsaid = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="followup", due_at=due, how="  "
    )
    assert (await followups.get_followup(db, ALICE, by_email.id)) == by_email
    assert by_email.how == "by email" and unsaid.how is None
    snoozed = await followups.snooze(db, ALICE, by_email.id, due + timedelta(days=1))
    assert snoozed is not None and snoozed.how == "by email"


async def test_open_for_contact_is_soonest_first_and_leaves_out_closed_ones(db: Database) -> None:
    mira = await contact(db)
    later = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="followup", due_at=NOW + timedelta(days=9)
    )
    sooner = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="cadence", due_at=NOW + timedelta(days=1)
    )
    done = await followups.create_followup(db, ALICE, contact_id=mira, kind="followup", due_at=NOW)
    cancelled = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="followup", due_at=NOW
    )
    assert await followups.mark_done(db, ALICE, done.id, NOW) is not None
    assert await followups.cancel(db, ALICE, cancelled.id, NOW) is not None
    assert [f.id for f in await followups.open_for_contact(db, ALICE, mira)] == [
        sooner.id,
        later.id,
    ]


async def test_a_follow_up_needs_the_owners_contact_and_meeting(db: Database) -> None:
    mira = await contact(db)
    bobs = await contact(db, BOB, "Bob's friend")
    with pytest.raises(NotFound):
        await followups.create_followup(db, ALICE, contact_id=bobs, kind="followup", due_at=NOW)
    bobs_meeting = await create_meeting(db, BOB, contact_id=bobs, goal="learn", scheduled_at=NOW)
    with pytest.raises(NotFound):
        await followups.create_followup(
            db, ALICE, contact_id=mira, kind="debrief", due_at=NOW, meeting_id=bobs_meeting.id
        )
    with pytest.raises(ValueError, match="kind"):
        await followups.create_followup(
            db,
            ALICE,
            contact_id=mira,
            kind="party",  # type: ignore[arg-type]
            due_at=NOW,
        )


async def test_cancel_for_meeting_cancels_only_that_meetings_open_ones_of_that_kind(
    db: Database,
) -> None:
    mira = await contact(db)
    meeting = await create_meeting(db, ALICE, contact_id=mira, goal="learn", scheduled_at=NOW)
    other = await create_meeting(db, ALICE, contact_id=mira, goal="advice", scheduled_at=NOW)
    debrief = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="debrief", due_at=NOW, meeting_id=meeting.id
    )
    follow = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="followup", due_at=NOW, meeting_id=meeting.id
    )
    other_debrief = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="debrief", due_at=NOW, meeting_id=other.id
    )
    assert await followups.cancel_for_meeting(db, BOB, meeting.id, "debrief") == 0
    assert await followups.cancel_for_meeting(db, ALICE, meeting.id, "debrief") == 1
    assert await followups.cancel_for_meeting(db, ALICE, meeting.id, "debrief") == 0
    still_open = {f.id for f in await followups.open_for_contact(db, ALICE, mira)}
    assert still_open == {follow.id, other_debrief.id}
    gone = await followups.get_followup(db, ALICE, debrief.id)
    assert gone is not None and gone.cancelled_at == NOW


async def test_delivery_snooze_and_done(db: Database, clock: Clock) -> None:
    mira = await contact(db)
    f = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="followup", due_at=NOW - timedelta(minutes=1)
    )
    assert [d.id for d in await followups.due_undelivered(db, NOW)] == [f.id]
    assert await followups.mark_delivered(db, ALICE, f.id, NOW)
    assert not await followups.mark_delivered(db, ALICE, f.id, NOW)  # once only
    assert await followups.due_undelivered(db, NOW) == []

    later = NOW + timedelta(days=1)
    snoozed = await followups.snooze(db, ALICE, f.id, later)
    assert snoozed is not None and snoozed.due_at == later and snoozed.delivered_at is None
    assert await followups.due_undelivered(db, NOW) == []
    assert [d.id for d in await followups.due_undelivered(db, later)] == [f.id]

    clock.now = later
    closed = await followups.mark_done(db, ALICE, f.id, later)
    assert closed is not None and closed.done_at == later and not closed.is_open
    assert await followups.mark_done(db, ALICE, f.id, later) is None  # already done
    assert await followups.snooze(db, ALICE, f.id, later) is None
    assert await followups.due_undelivered(db, later + timedelta(days=9)) == []


async def test_another_user_can_neither_see_nor_touch_a_follow_up(db: Database) -> None:
    mira = await contact(db)
    f = await followups.create_followup(db, ALICE, contact_id=mira, kind="followup", due_at=NOW)
    assert await followups.get_followup(db, BOB, f.id) is None
    assert await followups.open_for_contact(db, BOB, mira) == []
    assert await followups.upcoming(db, BOB, NOW + timedelta(days=30)) == []
    assert await followups.mark_done(db, BOB, f.id, NOW) is None
    assert await followups.cancel(db, BOB, f.id, NOW) is None
    assert await followups.snooze(db, BOB, f.id, NOW + timedelta(days=1)) is None
    assert not await followups.mark_delivered(db, BOB, f.id, NOW)
    assert await followups.cancel_undelivered(db, BOB) == 0
    assert await followups.get_followup(db, ALICE, f.id) == f  # untouched
    with pytest.raises(NotFound):
        await interactions.record_interaction(db, BOB, mira, "followup", NOW)
    assert await interactions.last_interaction(db, ALICE, mira) is None


async def test_upcoming_includes_overdue_and_stops_at_the_horizon(db: Database) -> None:
    mira = await contact(db)
    days = (-3, 0, 5, 20)
    made = [
        await followups.create_followup(
            db, ALICE, contact_id=mira, kind="followup", due_at=NOW + timedelta(days=d)
        )
        for d in days
    ]
    listed = await followups.upcoming(db, ALICE, NOW + timedelta(days=14))
    assert [f.id for f in listed] == [m.id for m in made[:3]]


async def test_the_due_query_uses_the_undelivered_index(db: Database) -> None:
    plan = await fetch_all(
        db.conn,
        "EXPLAIN QUERY PLAN " + followups.DUE_UNDELIVERED,
        {"now": to_db_time(NOW), "limit": 10},
    )
    details = " | ".join(row["detail"] for row in plan)
    assert "USING INDEX followups_undelivered" in details, details
    assert "SCAN" not in details, details


async def test_the_scheduler_queries_avoid_full_scans(db: Database) -> None:
    now = to_db_time(NOW)
    params = {"now": now, "since": now, "until": now, "limit": 10, "owner_id": ALICE}
    for sql in (
        followups.MEETINGS_FOR_OFFER,
        followups.DIGESTS_DUE,
        followups.DIGESTS_UNSCHEDULED,
        followups.OPEN_UNTIL,
    ):
        plan = await fetch_all(db.conn, "EXPLAIN QUERY PLAN " + sql, params)
        details = " | ".join(row["detail"] for row in plan)
        assert "SCAN" not in details, (sql, details)


async def test_interactions_reset_the_cadence_and_close_its_nudge(
    db: Database, clock: Clock
) -> None:
    mira = await contact(db)
    assert await followups.add_cadence_nudge(db, ALICE, mira, NOW)
    assert not await followups.add_cadence_nudge(db, ALICE, mira, NOW)  # one open at most
    assert not await followups.add_cadence_nudge(db, BOB, mira, NOW)  # not Bob's contact
    [nudge] = await followups.open_for_contact(db, ALICE, mira)
    assert nudge.kind == "cadence" and nudge.delivered_at == NOW  # shown in a list, not sent

    met = NOW - timedelta(hours=2)
    await interactions.record_interaction(db, ALICE, mira, "debrief", met)
    await interactions.record_interaction(db, ALICE, mira, "followup", met - timedelta(days=3))
    assert await interactions.last_interaction(db, ALICE, mira) == met
    assert await followups.open_for_contact(db, ALICE, mira) == []  # the nudge is moot
    assert await followups.last_touch(db, ALICE, mira) == met
    [candidate] = await followups.cadence_candidates(db, ALICE)
    assert candidate.contact_id == mira and candidate.last_touch == met
    assert candidate.stage == "seed" and candidate.cadence_days is None


async def test_last_touch_counts_past_meetings_too(db: Database) -> None:
    mira = await contact(db)
    assert await followups.last_touch(db, ALICE, mira) is None
    await create_meeting(
        db, ALICE, contact_id=mira, goal="learn", scheduled_at=NOW - timedelta(days=2)
    )
    await create_meeting(
        db, ALICE, contact_id=mira, goal="learn", scheduled_at=NOW + timedelta(days=2)
    )
    assert await followups.last_touch(db, ALICE, mira) == NOW - timedelta(days=2)
    assert await followups.last_touch(db, BOB, mira) is None


async def test_cadence_candidates_leave_out_archived_contacts_and_anything_open(
    db: Database,
) -> None:
    mira = await contact(db)
    sam = await contact(db, name="Sam")
    kim = await contact(db, name="Kim")
    gone = await contact(db, name="Gone")
    assert await archive_contact(db, ALICE, gone)
    assert await followups.add_cadence_nudge(db, ALICE, sam, NOW)
    # A pending follow-up is reason enough to get in touch: no second nudge for Kim.
    await followups.create_followup(db, ALICE, contact_id=kim, kind="followup", due_at=NOW)
    assert not await followups.add_cadence_nudge(db, ALICE, kim, NOW)
    assert [c.contact_id for c in await followups.cadence_candidates(db, ALICE)] == [mira]
    assert await followups.cadence_candidates(db, BOB) == []


async def test_meetings_are_offered_a_debrief_once_when_asked_and_within_the_window(
    db: Database,
) -> None:
    mira = await contact(db)
    asked = await create_meeting(
        db, ALICE, contact_id=mira, goal="learn", scheduled_at=NOW - timedelta(hours=1)
    )
    await set_debrief_reminder(db, ALICE, asked.id, True)
    not_asked = await create_meeting(
        db, ALICE, contact_id=mira, goal="learn", scheduled_at=NOW - timedelta(hours=1)
    )
    future = await create_meeting(
        db, ALICE, contact_id=mira, goal="learn", scheduled_at=NOW + timedelta(hours=1)
    )
    await set_debrief_reminder(db, ALICE, future.id, True)
    since = NOW - timedelta(days=7)
    [offer] = await followups.meetings_for_debrief_offer(db, since, NOW)
    assert (offer.meeting_id, offer.owner_id, offer.contact_id) == (asked.id, ALICE, mira)
    assert not_asked.id != offer.meeting_id
    assert await followups.still_wants_debrief(db, ALICE, asked.id)
    assert not await followups.still_wants_debrief(db, BOB, asked.id)
    assert not await followups.still_wants_debrief(db, ALICE, not_asked.id)

    await followups.create_followup(
        db, ALICE, contact_id=mira, kind="debrief", due_at=NOW, meeting_id=asked.id
    )
    assert await followups.meetings_for_debrief_offer(db, since, NOW) == []


async def test_digest_settings_and_the_due_digests(db: Database) -> None:
    assert await followups.digest_setting(db, ALICE) is None
    await contact(db)  # creates Alice as a user, digest on by default, not yet scheduled
    [fresh] = await followups.digests_unscheduled(db)
    assert fresh.owner_id == ALICE and fresh.hour is None and not fresh.off

    await followups.set_digest_next(db, ALICE, NOW + timedelta(hours=1))
    assert await followups.digests_unscheduled(db) == []
    assert await followups.digests_due(db, NOW) == []
    [due] = await followups.digests_due(db, NOW + timedelta(hours=1))
    assert due.owner_id == ALICE

    setting = await followups.set_digest(db, BOB, hour=19, off=False, next_at=NOW)
    assert setting.hour == 19 and setting.next_at == NOW and not setting.off
    off = await followups.set_digest(db, ALICE, hour=None, off=True, next_at=NOW)
    assert off.off and off.next_at is None
    await followups.set_digest_next(db, ALICE, NOW)  # no effect once off
    assert [d.owner_id for d in await followups.digests_due(db, NOW)] == [BOB]
    with pytest.raises(ValueError, match="24"):
        await followups.set_digest(db, ALICE, hour=24, off=False, next_at=None)


async def test_cancel_undelivered_stops_only_what_was_not_sent(db: Database) -> None:
    mira = await contact(db)
    sent = await followups.create_followup(db, ALICE, contact_id=mira, kind="followup", due_at=NOW)
    await followups.mark_delivered(db, ALICE, sent.id, NOW)
    pending = await followups.create_followup(
        db, ALICE, contact_id=mira, kind="followup", due_at=NOW + timedelta(days=2)
    )
    assert await followups.cancel_undelivered(db, ALICE) == 1
    assert [f.id for f in await followups.open_for_contact(db, ALICE, mira)] == [sent.id]
    stopped = await followups.get_followup(db, ALICE, pending.id)
    assert stopped is not None and stopped.cancelled_at is not None


async def test_contact_cadence_reads_the_stage_and_override(db: Database) -> None:
    mira = await contact(db)
    assert await followups.contact_cadence(db, ALICE, mira) == ("seed", None)
    async with db.transaction() as conn:
        await execute(conn, "UPDATE contacts SET cadence_days = 45 WHERE id = :id", {"id": mira})
    assert await followups.contact_cadence(db, ALICE, mira) == ("seed", 45)
    assert await followups.contact_cadence(db, BOB, mira) is None
