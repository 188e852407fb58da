"""What a brief remembers of the brief before it: only the owner's, only earlier meetings'."""

from __future__ import annotations

from datetime import timedelta

from bot.storage import briefs
from bot.storage.contacts import Contact, create_contact
from bot.storage.db import Database, fetch_all
from bot.storage.debriefs import finish_debrief, record_answer, start_debrief
from bot.storage.meetings import create_meeting
from bot.storage.notes import mark_promise_kept
from tests.stored_notes import all_notes
from tests.unit.helpers import START, Clock, whole_scans

ALICE = 1001
BOB = 2002


async def meet(db: Database, contact: Contact, owner: int = ALICE) -> int:
    meeting = await create_meeting(
        db, owner, contact_id=contact.id, goal="learn", scheduled_at=None
    )
    return meeting.id


async def test_the_last_brief_is_the_one_before_this_meeting(db: Database, clock: Clock) -> None:
    grace = await create_contact(db, ALICE, name="Grace")
    first = await meet(db, grace)
    assert await briefs.last_brief(db, ALICE, grace.id, first) is None
    await briefs.record_questions(db, ALICE, first, ["general.good_year", "general.enjoy_most"])
    clock.tick()
    second = await meet(db, grace)
    last = await briefs.last_brief(db, ALICE, grace.id, second)
    assert last == briefs.PastBrief(frozenset({"general.good_year", "general.enjoy_most"}), False)
    # Sending the second brief again after a crash still looks back at the first.
    await briefs.record_questions(db, ALICE, second, ["general.learn_from"])
    await briefs.record_questions(db, ALICE, second, ["general.learn_from"])
    assert await briefs.last_brief(db, ALICE, grace.id, second) == last
    clock.tick()
    third = await meet(db, grace)
    assert await briefs.last_brief(db, ALICE, grace.id, third) == briefs.PastBrief(
        frozenset({"general.learn_from"}), False
    )


async def test_a_debrief_since_the_brief_marks_it_answered(db: Database, clock: Clock) -> None:
    grace = await create_contact(db, ALICE, name="Grace")
    first = await meet(db, grace)
    await briefs.record_questions(db, ALICE, first, ["general.good_year"])
    debrief = await start_debrief(db, ALICE, first)
    assert await record_answer(
        db, ALICE, debrief.id, step=0, step_id="learned", slot="learned", bodies=["x"], update_id=1
    )
    assert await finish_debrief(db, ALICE, debrief.id)
    clock.tick()
    second = await meet(db, grace)
    last = await briefs.last_brief(db, ALICE, grace.id, second)
    assert last is not None and last.debriefed


async def test_a_meeting_debriefed_before_its_planned_time_was_met_by_then(
    db: Database, clock: Clock
) -> None:
    """Met on Saturday though planned for Monday: what the Saturday debrief noted came after
    the meeting, so the next brief asks after its news and does not call its promises late."""
    grace = await create_contact(db, ALICE, name="Grace")
    planned = clock.now + timedelta(days=2)
    first = await create_meeting(db, ALICE, contact_id=grace.id, goal="learn", scheduled_at=planned)
    clock.tick()
    debrief = await start_debrief(db, ALICE, first.id)
    began = clock.now
    clock.tick()
    assert await record_answer(
        db, ALICE, debrief.id, step=0, step_id="p", slot="my_promises", bodies=["deck"], update_id=1
    )
    assert await finish_debrief(db, ALICE, debrief.id)
    later = await meet(db, grace)
    met = await briefs.last_met(db, ALICE, grace.id, later)
    assert met is not None and met.at == began
    [promise] = await all_notes(db, ALICE, grace.id)
    assert promise.created_at >= met.at
    # Planned for last week and debriefed today: it was met when planned.
    old = await create_meeting(
        db, ALICE, contact_id=grace.id, goal="learn", scheduled_at=START - timedelta(days=7)
    )
    clock.tick()
    again = await start_debrief(db, ALICE, old.id)
    assert await finish_debrief(db, ALICE, again.id)
    met = await briefs.last_met(db, ALICE, grace.id, later)
    assert met is not None and met.at == START - timedelta(days=7)


async def test_someone_elses_briefs_and_promises_are_not_read(db: Database) -> None:
    grace = await create_contact(db, ALICE, name="Grace")
    theirs = await create_contact(db, BOB, name="Grace")
    mine = await meet(db, grace)
    bobs = await meet(db, theirs, BOB)
    await briefs.record_questions(db, BOB, bobs, ["general.good_year"])
    # Bob cannot write to Alice's meeting, nor read through her contact.
    await briefs.record_questions(db, BOB, mine, ["general.enjoy_most"])
    later = await meet(db, grace)
    assert await briefs.last_brief(db, ALICE, grace.id, later) is None
    assert await briefs.last_brief(db, BOB, grace.id, later) is None
    assert not await briefs.kept_a_promise(db, ALICE, grace.id)


async def test_a_kept_promise_counts_as_something_given(db: Database) -> None:
    grace = await create_contact(db, ALICE, name="Grace")
    meeting = await meet(db, grace)
    debrief = await start_debrief(db, ALICE, meeting)
    await record_answer(
        db, ALICE, debrief.id, step=0, step_id="p", slot="my_promises", bodies=["deck"], update_id=1
    )
    assert not await briefs.kept_a_promise(db, ALICE, grace.id)
    [promise] = await all_notes(db, ALICE, grace.id)
    assert await mark_promise_kept(db, ALICE, grace.id, promise.id, START)
    assert await briefs.kept_a_promise(db, ALICE, grace.id)
    assert not await briefs.kept_a_promise(db, BOB, grace.id)


async def test_brief_reads_go_through_indexes(db: Database) -> None:
    params = {"owner_id": ALICE, "contact_id": 1, "meeting_id": 9}
    for sql in (briefs.LAST_BRIEF, briefs.KEPT_A_PROMISE, briefs.LAST_MET):
        names = {n for n in params if f":{n}" in sql}
        rows = await fetch_all(db.conn, "EXPLAIN QUERY PLAN " + sql, {n: params[n] for n in names})
        plan = [row["detail"] for row in rows]
        assert plan and whole_scans(plan) == [], plan
