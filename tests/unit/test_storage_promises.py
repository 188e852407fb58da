"""Several promises in one debrief answer, and the reminders of those with a due date."""

from datetime import timedelta

from bot.storage import debriefs, followups, notes
from bot.storage.contacts import create_contact
from bot.storage.db import Database
from bot.storage.meetings import create_meeting
from tests.unit.helpers import START

ALICE = 1001
BOB = 2002


async def promised(db: Database, owner: int, bodies: list[str]) -> tuple[int, int, list[int]]:
    """A debrief whose first answer is `bodies`; (contact id, debrief id, note ids)."""
    contact = await create_contact(db, owner, name="Ana Costa")
    meeting = await create_meeting(
        db, owner, contact_id=contact.id, goal="learn", scheduled_at=START
    )
    debrief = await debriefs.start_debrief(db, owner, meeting.id)
    assert await debriefs.record_answer(
        db,
        owner,
        debrief.id,
        step=0,
        step_id="my_promises",
        slot="my_promises",
        bodies=bodies,
        update_id=1,
    )
    stored = await notes.debrief_answers(db, owner, debrief.id)
    return contact.id, debrief.id, [n.id for n in stored]


async def test_one_answer_stores_each_promise_once_in_order(db: Database) -> None:
    contact, debrief, _ = await promised(db, ALICE, ["intro to Ines", "send the blurb"])
    open_ones = await notes.open_promises(db, ALICE, contact)
    assert [p.body for p in open_ones] == ["intro to Ines", "send the blurb"]
    # The same update again (a redelivery after a crash) stores nothing more.
    assert not await debriefs.record_answer(
        db,
        ALICE,
        debrief,
        step=0,
        step_id="my_promises",
        slot="my_promises",
        bodies=["intro to Ines", "send the blurb"],
        update_id=1,
    )
    assert len(await notes.open_promises(db, ALICE, contact)) == 2


async def test_keeping_a_promise_closes_its_own_reminder_only(db: Database) -> None:
    contact, _, (intro, blurb) = await promised(db, ALICE, ["intro to Ines", "send the blurb"])
    due = START + timedelta(days=5)
    own = await followups.create_followup(
        db, ALICE, contact_id=contact, kind="followup", due_at=due, promise_note_id=blurb
    )
    general = await followups.create_followup(
        db, ALICE, contact_id=contact, kind="followup", due_at=due, reason="Follow up"
    )
    assert own.promise_note_id == blurb and general.promise_note_id is None

    await notes.mark_promise_kept(db, ALICE, contact, intro, START)
    assert {f.id for f in await followups.open_for_contact(db, ALICE, contact)} == {
        own.id,
        general.id,
    }
    await notes.mark_promise_kept(db, ALICE, contact, blurb, START)
    assert [f.id for f in await followups.open_for_contact(db, ALICE, contact)] == [general.id]
    closed = await followups.get_followup(db, ALICE, own.id)
    assert closed is not None and closed.done_at == START


async def test_a_discarded_debrief_takes_its_promise_reminders_with_it(db: Database) -> None:
    contact, debrief, (blurb,) = await promised(db, ALICE, ["send the blurb"])
    own = await followups.create_followup(
        db, ALICE, contact_id=contact, kind="followup", due_at=START, promise_note_id=blurb
    )
    assert await debriefs.discard_debrief(db, ALICE, debrief)
    assert await followups.get_followup(db, ALICE, own.id) is None


async def test_a_reminder_cannot_point_at_someone_elses_promise(db: Database) -> None:
    _, _, (alices,) = await promised(db, ALICE, ["send the blurb"])
    bobs_contact = await create_contact(db, BOB, name="Ben")
    forged = await followups.create_followup(
        db, BOB, contact_id=bobs_contact.id, kind="followup", due_at=START, promise_note_id=alices
    )
    assert forged.promise_note_id is None
