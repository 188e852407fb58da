"""Debrief answers: committed at once, never twice, only by their owner."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage import debriefs, notes
from bot.storage.contacts import create_contact
from bot.storage.db import Database
from bot.storage.errors import NotFound
from bot.storage.meetings import create_meeting
from tests.stored_notes import all_notes

ALICE = 1001
BOB = 2002
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "db.sqlite3", clock=lambda: NOW)
    await database.open()
    yield database
    await database.close()


async def meeting_with(db: Database, owner: int, name: str, days_ago: int = 1) -> int:
    contact = await create_contact(db, owner, name=name)
    meeting = await create_meeting(
        db,
        owner,
        contact_id=contact.id,
        goal="learn",
        scheduled_at=NOW - timedelta(days=days_ago),
    )
    return meeting.id


async def answer(db: Database, debrief_id: int, step: int, body: str | None, update: int) -> bool:
    return await debriefs.record_answer(
        db,
        ALICE,
        debrief_id,
        step=step,
        step_id=f"s{step}",
        slot="learned",
        bodies=[] if body is None else [body],
        update_id=update,
    )


async def test_answers_advance_and_a_redelivered_update_is_not_stored_twice(db: Database) -> None:
    debrief = await debriefs.start_debrief(db, ALICE, await meeting_with(db, ALICE, "Mira"))
    assert await answer(db, debrief.id, 0, "first", update=10)
    # The same update again (a crash before Telegram heard it was handled): nothing changes,
    # and it is not taken as the answer to step 1 either.
    assert not await answer(db, debrief.id, 1, "first", update=10)
    assert not await answer(db, debrief.id, 0, "first", update=11)  # an old question
    assert await answer(db, debrief.id, 1, None, update=12)  # skipped
    again = await debriefs.get_debrief(db, ALICE, debrief.id)
    assert again is not None and again.next_step == 2
    stored = await all_notes(db, ALICE, debrief.contact_id)
    assert [(n.body, n.debrief_id) for n in stored] == [("first", debrief.id)]


async def test_starting_again_resumes_the_open_debrief(db: Database) -> None:
    meeting_id = await meeting_with(db, ALICE, "Mira")
    first = await debriefs.start_debrief(db, ALICE, meeting_id)
    await answer(db, first.id, 0, "x", update=1)
    resumed = await debriefs.start_debrief(db, ALICE, meeting_id)
    assert (resumed.id, resumed.next_step) == (first.id, 1)
    assert [d.id for d in await debriefs.open_debriefs(db, ALICE)] == [first.id]


async def test_finishing_marks_the_meeting_and_closes_the_debrief(db: Database) -> None:
    meeting_id = await meeting_with(db, ALICE, "Mira")
    debrief = await debriefs.start_debrief(db, ALICE, meeting_id)
    assert [m.meeting_id for m in await debriefs.meetings_to_debrief(db, ALICE, NOW)] == [
        meeting_id
    ]
    assert await debriefs.finish_debrief(db, ALICE, debrief.id)
    assert not await debriefs.finish_debrief(db, ALICE, debrief.id)
    assert not await answer(db, debrief.id, 0, "late", update=5)
    assert await debriefs.open_debriefs(db, ALICE) == []
    assert await debriefs.meetings_to_debrief(db, ALICE, NOW) == []


async def test_meetings_to_debrief_are_past_ones_most_recent_first(db: Database) -> None:
    older = await meeting_with(db, ALICE, "Old", days_ago=5)
    newer = await meeting_with(db, ALICE, "New", days_ago=1)
    await meeting_with(db, ALICE, "Future", days_ago=-2)
    await meeting_with(db, BOB, "Bob's")
    waiting = await debriefs.meetings_to_debrief(db, ALICE, NOW)
    assert [(m.meeting_id, m.contact_name) for m in waiting] == [(newer, "New"), (older, "Old")]


async def test_discard_drops_only_that_debriefs_answers(db: Database) -> None:
    debrief = await debriefs.start_debrief(db, ALICE, await meeting_with(db, ALICE, "Mira"))
    await answer(db, debrief.id, 0, "x", update=1)
    assert await debriefs.discard_debrief(db, ALICE, debrief.id)
    assert await all_notes(db, ALICE, debrief.contact_id) == []
    assert not await debriefs.discard_debrief(db, ALICE, debrief.id)


async def test_another_user_can_neither_start_nor_answer_nor_discard(db: Database) -> None:
    meeting_id = await meeting_with(db, ALICE, "Mira")
    with pytest.raises(NotFound):
        await debriefs.start_debrief(db, BOB, meeting_id)
    debrief = await debriefs.start_debrief(db, ALICE, meeting_id)
    assert not await debriefs.record_answer(
        db, BOB, debrief.id, step=0, step_id="s0", slot="learned", bodies=["forged"], update_id=99
    )
    assert not await debriefs.discard_debrief(db, BOB, debrief.id)
    assert not await debriefs.finish_debrief(db, BOB, debrief.id)
    assert await debriefs.get_debrief(db, BOB, debrief.id) is None
    assert await all_notes(db, ALICE, debrief.contact_id) == []
    assert (await debriefs.get_debrief(db, ALICE, debrief.id)) is not None


async def test_text_is_stored_exactly_as_sent(db: Database) -> None:
    debrief = await debriefs.start_debrief(db, ALICE, await meeting_with(db, ALICE, "Mira"))
    odd = "  <b>'; DROP TABLE notes; --\n\tЖжΩ😀 &amp;  "
    await answer(db, debrief.id, 0, odd, update=1)
    [note] = await all_notes(db, ALICE, debrief.contact_id)
    assert note.body == odd


async def test_a_long_history_shows_the_newest_notes_of_each_slot(db: Database) -> None:
    # Briefs and cards read these; a contact met every week for years must not cost more.
    contact = await create_contact(db, ALICE, name="Mira")
    for week in range(4):
        meeting = await create_meeting(
            db, ALICE, contact_id=contact.id, goal="learn", scheduled_at=NOW
        )
        debrief = await debriefs.start_debrief(db, ALICE, meeting.id)
        for step, slot in enumerate(("learned", "what_they_value")):
            assert await debriefs.record_answer(
                db,
                ALICE,
                debrief.id,
                step=step,
                step_id=f"s{step}",
                slot=slot,
                bodies=[f"{slot} in week {week}"],
                update_id=10 * week + step + 1,
            )
        assert await debriefs.finish_debrief(db, ALICE, debrief.id)
    latest = await notes.latest_per_slot(db, ALICE, contact.id, per_slot=2)
    assert [n.body for n in latest] == [
        "what_they_value in week 3",
        "learned in week 3",
        "what_they_value in week 2",
        "learned in week 2",
    ]
    assert await notes.latest_per_slot(db, BOB, contact.id, per_slot=2) == []


async def test_a_debriefs_answers_are_its_own(db: Database) -> None:
    first = await debriefs.start_debrief(db, ALICE, await meeting_with(db, ALICE, "Mira"))
    await answer(db, first.id, 0, "first meeting", update=1)
    await debriefs.finish_debrief(db, ALICE, first.id)
    second = await debriefs.start_debrief(db, ALICE, await meeting_with(db, ALICE, "Mira"))
    await answer(db, second.id, 0, "second meeting", update=2)
    assert [n.body for n in await notes.debrief_answers(db, ALICE, second.id)] == ["second meeting"]
    assert await notes.debrief_answers(db, BOB, second.id) == []


async def test_looking_ahead_offers_upcoming_meetings_nearest_first(db: Database) -> None:
    last_week = await meeting_with(db, ALICE, "Old", days_ago=7)
    yesterday = await meeting_with(db, ALICE, "New", days_ago=1)
    tomorrow = await meeting_with(db, ALICE, "Soon", days_ago=-1)
    await meeting_with(db, ALICE, "Far", days_ago=-30)
    waiting = await debriefs.meetings_to_debrief(db, ALICE, NOW, ahead=timedelta(days=14))
    assert [m.meeting_id for m in waiting] == [yesterday, tomorrow, last_week]
    [soon] = await debriefs.meetings_to_debrief(
        db, ALICE, NOW, ahead=timedelta(days=14), contact_id=waiting[1].contact_id
    )
    assert soon.meeting_id == tomorrow
