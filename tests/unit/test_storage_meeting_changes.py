"""Rescheduling and deleting a meeting from the card: its check-in moves or goes with it,
what was noted after it stays, and only the owner can do either."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage import debriefs, followups
from bot.storage.contacts import create_contact
from bot.storage.db import Database
from bot.storage.meetings import (
    create_meeting,
    delete_meeting,
    get_meeting,
    meetings_for_contact,
    reschedule_meeting,
)
from tests.stored_notes import all_notes
from tests.unit.helpers import Clock

ALICE = 1001
BOB = 2002


async def test_rescheduling_moves_the_pending_check_in(db: Database, clock: Clock) -> None:
    ruth = await create_contact(db, ALICE, name="Ruth")
    meeting = await create_meeting(
        db, ALICE, contact_id=ruth.id, goal="learn", scheduled_at=clock.now - timedelta(hours=2)
    )
    check_in = await followups.create_followup(
        db, ALICE, contact_id=ruth.id, kind="debrief", due_at=clock.now, meeting_id=meeting.id
    )
    assert await followups.mark_delivered(db, ALICE, check_in.id, clock.now)
    later = clock.now + timedelta(days=3)
    moved = await reschedule_meeting(
        db,
        ALICE,
        meeting.id,
        scheduled_at=later,
        all_day=True,
        check_in_at=later + timedelta(hours=18),
    )
    assert moved is not None and (moved.scheduled_at, moved.all_day) == (later, True)
    after = await followups.get_followup(db, ALICE, check_in.id)
    assert after is not None and after.due_at == later + timedelta(hours=18)
    assert after.delivered_at is None and after.is_open  # asked again, at the new time

    # Not Bob's to move.
    assert (
        await reschedule_meeting(
            db, BOB, meeting.id, scheduled_at=clock.now, all_day=False, check_in_at=clock.now
        )
        is None
    )
    assert await get_meeting(db, ALICE, meeting.id) == moved


async def test_deleting_keeps_what_was_noted_and_drops_the_check_in(
    db: Database, clock: Clock
) -> None:
    ruth = await create_contact(db, ALICE, name="Ruth")
    far = datetime(2110, 1, 12, 10, tzinfo=UTC)  # stored by an old date reader
    meeting = await create_meeting(db, ALICE, contact_id=ruth.id, goal="learn", scheduled_at=far)
    debrief = await debriefs.start_debrief(db, ALICE, meeting.id)
    assert await debriefs.record_answer(
        db,
        ALICE,
        debrief.id,
        step=0,
        step_id="learned",
        slot="learned",
        bodies=["Likes rock climbing"],
        update_id=7,
    )
    check_in = await followups.create_followup(
        db, ALICE, contact_id=ruth.id, kind="debrief", due_at=far, meeting_id=meeting.id
    )
    later = await followups.create_followup(
        db, ALICE, contact_id=ruth.id, kind="followup", due_at=clock.now, meeting_id=meeting.id
    )

    assert await delete_meeting(db, BOB, meeting.id) is None  # someone else's: nothing
    assert await get_meeting(db, ALICE, meeting.id) is not None

    gone = await delete_meeting(db, ALICE, meeting.id)
    assert gone is not None and gone.id == meeting.id
    assert await meetings_for_contact(db, ALICE, ruth.id) == []
    assert await followups.get_followup(db, ALICE, check_in.id) is None
    kept = await followups.get_followup(db, ALICE, later.id)
    assert kept is not None and kept.is_open and kept.meeting_id is None
    [note] = await all_notes(db, ALICE, ruth.id)
    assert note.body == "Likes rock climbing"
    assert await delete_meeting(db, ALICE, meeting.id) is None  # gone already
