"""Meetings: only on your own contacts, times kept exactly, order and restarts."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.storage.contacts import Contact, create_contact
from bot.storage.db import Database, to_db_time
from bot.storage.errors import NotFound
from bot.storage.meetings import (
    Meeting,
    create_meeting,
    get_meeting,
    happened_by,
    latest_for_contact,
    meeting_from_update,
    meetings_for_contact,
    set_debrief_reminder,
)
from tests.unit.helpers import START, Clock

ALICE = 1001
BOB = 2002


@pytest.fixture
async def grace(db: Database) -> Contact:
    return await create_contact(db, ALICE, name="Grace")


async def test_created_meeting_reads_back_the_same(db: Database, grace: Contact) -> None:
    berlin = datetime(2030, 3, 30, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    meeting = await create_meeting(
        db, ALICE, contact_id=grace.id, goal="advice", scheduled_at=berlin
    )
    assert meeting == Meeting(
        id=meeting.id,
        owner_id=ALICE,
        contact_id=grace.id,
        goal="advice",
        scheduled_at=berlin,
        created_at=START,
        debrief_reminder=False,
    )
    assert meeting.scheduled_at is not None and meeting.scheduled_at.tzinfo == UTC
    assert meeting.scheduled_at.hour == 8, "09:30 in Berlin (CET) is 08:30 UTC"
    assert await get_meeting(db, ALICE, meeting.id) == meeting


async def test_an_all_day_meeting_keeps_its_day(db: Database, grace: Contact) -> None:
    tokyo_day = datetime(2030, 4, 2, tzinfo=ZoneInfo("Asia/Tokyo"))
    meeting = await create_meeting(
        db, ALICE, contact_id=grace.id, goal="x", scheduled_at=tokyo_day, all_day=True
    )
    stored = await get_meeting(db, ALICE, meeting.id)
    assert stored is not None and stored.all_day is True
    assert stored.scheduled_at == tokyo_day
    with pytest.raises(ValueError, match="all-day"):
        await create_meeting(
            db, ALICE, contact_id=grace.id, goal="x", scheduled_at=None, all_day=True
        )
    assert len(await meetings_for_contact(db, ALICE, grace.id)) == 1


async def test_a_naive_time_is_refused_and_nothing_stored(db: Database, grace: Contact) -> None:
    with pytest.raises(ValueError, match="naive"):
        await create_meeting(
            db, ALICE, contact_id=grace.id, goal="x", scheduled_at=datetime(2030, 3, 30, 9)
        )
    assert await meetings_for_contact(db, ALICE, grace.id) == []


async def test_no_meeting_on_someone_elses_contact(db: Database, grace: Contact) -> None:
    with pytest.raises(NotFound):
        await create_meeting(db, BOB, contact_id=grace.id, goal="pitch", scheduled_at=None)
    with pytest.raises(NotFound):
        await create_meeting(db, ALICE, contact_id=999_999, goal="x", scheduled_at=None)
    assert await meetings_for_contact(db, ALICE, grace.id) == []
    assert await meetings_for_contact(db, BOB, grace.id) == []


async def test_the_schema_itself_refuses_a_cross_owner_meeting(
    db: Database, grace: Contact
) -> None:
    await create_contact(db, BOB, name="Bob's own")  # Bob exists as an owner
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO meetings (owner_id, contact_id, goal, created_at) "
                "VALUES (?, ?, 'x', ?)",
                (BOB, grace.id, to_db_time(START)),
            )


async def test_another_owner_cannot_read_or_change_a_meeting(db: Database, grace: Contact) -> None:
    meeting = await create_meeting(db, ALICE, contact_id=grace.id, goal="x", scheduled_at=None)
    assert await get_meeting(db, BOB, meeting.id) is None
    assert await set_debrief_reminder(db, BOB, meeting.id, True) is None
    assert await get_meeting(db, ALICE, meeting.id) == meeting, "still no reminder"


async def test_debrief_reminder_can_be_turned_on_and_off(db: Database, grace: Contact) -> None:
    meeting = await create_meeting(db, ALICE, contact_id=grace.id, goal="x", scheduled_at=None)

    on = await set_debrief_reminder(db, ALICE, meeting.id, True)
    assert on is not None and on.debrief_reminder is True
    assert await get_meeting(db, ALICE, meeting.id) == on

    off = await set_debrief_reminder(db, ALICE, meeting.id, False)
    assert off is not None and off.debrief_reminder is False
    assert await set_debrief_reminder(db, ALICE, 999_999, True) is None


async def test_a_meeting_from_an_update_handled_again_is_stored_once(
    db: Database, grace: Contact, clock: Clock
) -> None:
    first = await create_meeting(
        db, ALICE, contact_id=grace.id, goal="advice", scheduled_at=None, source_update_id=77
    )
    assert first.source_update_id == 77
    assert await meeting_from_update(db, ALICE, 77) == first

    clock.tick()
    again = await create_meeting(
        db, ALICE, contact_id=grace.id, goal="advice", scheduled_at=None, source_update_id=77
    )
    assert again == first, "the meeting that update made, as it was"
    assert await meetings_for_contact(db, ALICE, grace.id) == [first]

    other = await create_meeting(
        db, ALICE, contact_id=grace.id, goal="learn", scheduled_at=None, source_update_id=78
    )
    assert other.id != first.id
    assert await meeting_from_update(db, ALICE, 79) is None


async def test_the_meeting_an_update_made_is_found_only_by_its_owner(
    db: Database, grace: Contact
) -> None:
    alices = await create_meeting(
        db, ALICE, contact_id=grace.id, goal="advice", scheduled_at=None, source_update_id=77
    )
    assert await meeting_from_update(db, BOB, 77) is None
    bobs_contact = await create_contact(db, BOB, name="Bob's own")
    bobs = await create_meeting(
        db, BOB, contact_id=bobs_contact.id, goal="learn", scheduled_at=None, source_update_id=77
    )
    assert bobs.id != alices.id and bobs.owner_id == BOB
    assert await meeting_from_update(db, BOB, 77) == bobs
    assert await meeting_from_update(db, ALICE, 77) == alices
    assert await meetings_for_contact(db, ALICE, grace.id) == [alices]


async def test_the_schema_refuses_a_second_meeting_from_one_update(
    db: Database, grace: Contact
) -> None:
    await create_meeting(
        db, ALICE, contact_id=grace.id, goal="x", scheduled_at=None, source_update_id=77
    )
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO meetings (owner_id, contact_id, goal, created_at, source_update_id) "
                "VALUES (?, ?, 'x', ?, 77)",
                (ALICE, grace.id, to_db_time(START)),
            )
    # Meetings made without an update (seeded, imported) do not collide with each other.
    await create_meeting(db, ALICE, contact_id=grace.id, goal="x", scheduled_at=None)
    await create_meeting(db, ALICE, contact_id=grace.id, goal="x", scheduled_at=None)
    assert len(await meetings_for_contact(db, ALICE, grace.id)) == 3


async def test_meetings_for_contact_newest_first(
    db: Database, grace: Contact, clock: Clock
) -> None:
    other = await create_contact(db, ALICE, name="Other")
    goals = []
    for index in range(3):
        clock.now = START + timedelta(hours=index)
        goal = f"meeting {index}"
        goals.append(goal)
        await create_meeting(db, ALICE, contact_id=grace.id, goal=goal, scheduled_at=None)
    await create_meeting(db, ALICE, contact_id=other.id, goal="elsewhere", scheduled_at=None)

    found = await meetings_for_contact(db, ALICE, grace.id)
    assert [m.goal for m in found] == list(reversed(goals))


async def test_the_cards_latest_meetings_go_by_date_and_count_the_rest(
    db: Database, grace: Contact, clock: Clock
) -> None:
    """A contact with years of meetings: the card reads the latest few by date (an undated
    one by when it was made) and how many there are, never the whole history."""
    other = await create_contact(db, ALICE, name="Other")
    for index in range(7):
        clock.now = START + timedelta(hours=index)
        # Made in this order, dated in another: the card goes by the date.
        when = START + timedelta(days=(index * 3) % 7)
        await create_meeting(db, ALICE, contact_id=grace.id, goal=f"g{index}", scheduled_at=when)
    clock.now = START + timedelta(days=30)
    await create_meeting(db, ALICE, contact_id=grace.id, goal="undated", scheduled_at=None)
    await create_meeting(db, ALICE, contact_id=other.id, goal="elsewhere", scheduled_at=None)

    shown, total = await latest_for_contact(db, ALICE, grace.id, 3)
    assert [m.goal for m in shown] == ["undated", "g2", "g4"] and total == 8
    assert await latest_for_contact(db, BOB, grace.id, 3) == ([], 0)
    assert await latest_for_contact(db, ALICE, grace.id, 0) == ([], 0)


async def test_meetings_survive_a_restart(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "bot.db"
    before = Database(path, clock=clock)
    await before.open()
    contact = await create_contact(before, ALICE, name="Grace")
    when = START + timedelta(days=2)
    meeting = await create_meeting(
        before, ALICE, contact_id=contact.id, goal="advice", scheduled_at=when
    )
    await set_debrief_reminder(before, ALICE, meeting.id, True)
    await before.close()

    after = Database(path, clock=clock)
    await after.open()
    try:
        restored = await get_meeting(after, ALICE, meeting.id)
        assert restored is not None
        assert (restored.goal, restored.scheduled_at, restored.debrief_reminder) == (
            "advice",
            when,
            True,
        )
    finally:
        await after.close()


async def test_a_meeting_that_happened_early_moves_to_then_and_needs_no_check_in(
    db: Database, grace: Contact
) -> None:
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    later = await create_meeting(
        db, ALICE, contact_id=grace.id, goal="learn", scheduled_at=now + timedelta(days=1)
    )
    day = await create_meeting(
        db,
        ALICE,
        contact_id=grace.id,
        goal="learn",
        scheduled_at=now + timedelta(days=3),
        all_day=True,
    )
    past = await create_meeting(
        db, ALICE, contact_id=grace.id, goal="learn", scheduled_at=now - timedelta(hours=2)
    )
    undated = await create_meeting(db, ALICE, contact_id=grace.id, goal="learn", scheduled_at=None)
    for meeting in (later, day, past, undated):
        await set_debrief_reminder(db, ALICE, meeting.id, True)
        assert not await happened_by(db, BOB, meeting.id, now)  # not Bob's to change
        assert await happened_by(db, ALICE, meeting.id, now)
    read = {m.id: m for m in await meetings_for_contact(db, ALICE, grace.id)}
    assert (read[later.id].scheduled_at, read[later.id].all_day) == (now, False)
    assert (read[day.id].scheduled_at, read[day.id].all_day) == (now, False)
    assert read[past.id].scheduled_at == now - timedelta(hours=2)  # it was when planned
    assert read[undated.id].scheduled_at == now
    assert not any(m.debrief_reminder for m in read.values())
