"""Finishing a debrief is one change: a failure half-way leaves none of it, and keeps every
answer the user gave, so that their next message finishes it."""

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, debriefs, followups, interactions, meetings, notes
from tests.e2e.helpers import DEBRIEF_ANSWERS as ANSWERS
from tests.e2e.helpers import Clock, prep_new_contact, press, say

# The last write of the finish: a new contact met and listened to moves on to Feed. A real
# constraint of the database refuses it, as a full disk or a broken file would.
REFUSE_STAGE = """
CREATE TRIGGER refuse_stage BEFORE UPDATE OF stage ON contacts
BEGIN SELECT RAISE(ABORT, 'the stage cannot be written'); END
"""


async def test_a_finish_that_fails_half_way_leaves_nothing_and_loses_no_answer(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    await prep_new_contact(user, "Mira Patel", when="today 11:00")
    clock.advance(hours=3)
    await say(user, "/debrief")
    await press(user, "Mira Patel · 22 Nov")
    [contact] = await contacts.recent_contacts(db, user.id)
    [meeting] = await meetings.meetings_for_contact(db, user.id, contact.id)
    # The "how did it go?" check-in, sent while they were answering: finishing settles it.
    check_in = await followups.create_followup(
        db, user.id, contact_id=contact.id, kind="debrief", due_at=clock(), meeting_id=meeting.id
    )
    await db.write(REFUSE_STAGE)

    for answer in ANSWERS.values():
        await say(user, answer)
    failed = await press(user, "Next week")
    assert "Debrief saved" not in failed.text
    assert "What you told me before is safe" in failed.text

    # Nothing of the finish was written...
    [debrief] = await debriefs.open_debriefs(db, user.id)
    assert debrief.finished_at is None
    waiting = await debriefs.meetings_to_debrief(db, user.id, clock(), contact_id=contact.id)
    assert [m.meeting_id for m in waiting] == [meeting.id]
    assert await interactions.last_interaction(db, user.id, contact.id) is None
    pending = await followups.open_for_contact(db, user.id, contact.id)
    assert check_in.id in [f.id for f in pending]
    assert (await contacts.get_contact(db, user.id, contact.id)).stage == "seed"  # type: ignore[union-attr]
    # ...and every answer is kept, the follow-up they chose with its own.
    kept = " ".join(n.body for n in await notes.debrief_answers(db, user.id, debrief.id))
    assert "Moving from research into product" in kept
    assert "Honest feedback & small teams" in kept
    assert "Send the <b>pricing</b> article" in kept
    assert [f.kind for f in pending].count("followup") == 1

    # Once the database takes it, the next message finishes the debrief with all of it.
    await db.write("DROP TRIGGER refuse_stage")
    summary = (await say(user, "done")).text
    assert "Debrief saved: Mira Patel" in summary
    assert "What you learned: Moving from research into product" in summary
    assert "Follow-up: Mon 30 Nov, 09:00" in summary
    assert "now at the Feed" in summary
    assert await debriefs.open_debriefs(db, user.id) == []
    assert await debriefs.meetings_to_debrief(db, user.id, clock(), contact_id=contact.id) == []
    assert (await contacts.get_contact(db, user.id, contact.id)).stage == "feed"  # type: ignore[union-attr]
    assert await interactions.last_interaction(db, user.id, contact.id) is not None
    still = [f.id for f in await followups.open_for_contact(db, user.id, contact.id)]
    assert check_in.id not in still
