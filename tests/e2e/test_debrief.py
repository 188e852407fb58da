import re

import pytest

from bot.coaching.slots import HELP_SLOT
from bot.ptb.application import CommonGroundApplication
from bot.reminders.sweep import deliver_due
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, debriefs, followups, notes
from tests.e2e.helpers import (
    Clock,
    debrief_everything,
    next_new,
    numbered_questions,
    prep_new_contact,
    press,
    say,
    skip_to_when,
)
from tests.stored_notes import all_notes


async def test_prep_then_debrief_then_the_next_brief_remembers(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await prep_new_contact(user, "Mira Patel", when="today 11:00")
    clock.advance(hours=3)

    pick = await say(user, "/debrief")
    assert pick.labels[0] == "Mira Patel · 22 Nov"
    first = await press(user, "Mira Patel · 22 Nov")
    # One message: what is coming, then the first question.
    assert first.text.startswith("Let's debrief your meeting with Mira Patel: 6 short questions")
    assert "\n\n1/6 · What did you learn about them?" in first.text
    assert first.labels == ["Skip"]

    summary = await debrief_everything(user)
    assert "Debrief saved: Mira Patel" in summary
    assert "What you learned: Moving from research into product" in summary
    assert "You promised: Send the <b>pricing</b> article" in summary  # shown literally
    assert "They promised" not in summary  # "nothing" is no promise
    # Next week, in the morning: a week on is a Sunday, so the Monday.
    assert "Follow-up: Mon 30 Nov, 09:00" in summary
    assert "now at the Feed" in summary
    assert user.last.labels == ["Open contact card"]

    # The profile card shows what was learned and what is still owed.
    card = (await press(user, "Open contact card")).text
    assert "Moving from research into product" in card
    assert "Honest feedback & small teams" in card
    assert "Send the <b>pricing</b> article" in card

    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    assert contact.stage == "feed"
    [pending] = [
        f
        for f in await followups.open_for_contact(bot.services.db, user.id, contact.id)
        if f.kind == "followup"
    ]
    assert pending.reason == "You said you'd send the <b>pricing</b> article."

    # The next brief for Mira brings it all back and asks about something new.
    await say(user, "/prep")
    asked = await press(user, "Mira Patel · Globex")
    assert "Last time you promised Mira: “Send the <b>pricing</b> article”. Done?" in asked.text
    await press(user, "Not yet")
    await skip_to_when(user, await press(user, "Get advice"))
    brief = (await press(user, "Tomorrow")).text
    # What they advised and what they are up to come back as things to pick up.
    assert "They advised “Honest feedback & small teams”. Tell them what you did with it." in (
        brief
    )
    assert "🎁 Give: what you said you could do, “introduce her to Sam at Initech”" in brief
    assert "You promised to send the <b>pricing</b> article" in brief
    # The meeting planned is the follow-up: the one set last time is no line of its own.
    assert "Follow-up due" not in brief
    assert "Last time: “Moving from research into product; runs a climbing club”" in brief
    slots = {n.slot for n in await all_notes(bot.services.db, user.id, contact.id)}
    in_brief = set(numbered_questions(brief))
    for playbook in bot.services.library.prep:
        for question in playbook.questions:
            if question.slot in slots and question.slot != HELP_SLOT:
                assert question.text not in in_brief, question.slot


async def test_every_step_can_be_skipped_and_nothing_is_invented(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    await press(user, "Sam · 22 Nov")
    for _ in range(6):
        reply = await press(user, "Skip")
    assert "You skipped every question" in reply.text
    assert "No follow-up scheduled" in reply.text
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    assert await all_notes(bot.services.db, user.id, contact.id) == []
    # A debriefed meeting is not offered again.
    pick = await say(user, "/debrief")
    assert pick.labels == ["Someone else"]


async def test_debriefing_someone_never_prepped(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    pick = await say(user, "/debrief")
    assert "No prepped meetings are waiting" in pick.text
    who = await press(user, "Someone else")
    assert "Who did you meet?" in who.text
    goal = await say(user, "Léa Dubois")
    assert "What was the meeting with Léa Dubois about?" in goal.text
    first = await press(user, "Reconnect")
    assert "Léa Dubois: 5 short questions" in first.text and "1/5" in first.text
    await say(user, "Léa started a bakery")
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    [note] = await all_notes(bot.services.db, user.id, contact.id)
    assert (note.slot, note.body) == ("learned", "Léa started a bakery")


async def test_unreadable_follow_up_date_gets_an_example(user: SandboxUser) -> None:
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    await press(user, "Sam · 22 Nov")
    for _ in range(5):
        step = await press(user, "Skip")
    assert "6/6" in step.text and "Next week" in step.labels
    retry = await say(user, "when the moon is blue")
    assert "I couldn't read “when the moon is blue” as a date" in retry.text
    past = await say(user, "last Monday")
    assert "already passed" in past.text
    summary = await say(user, "in 10 days")
    assert "Follow-up: Wed 2 Dec, 09:00" in summary.text


@pytest.mark.parametrize(
    ("typed", "shown", "how", "days_later"),
    [
        # Sunday 22 November 2026: a week on is a Sunday, so the Monday.
        ("in a week, by email", "Mon 30 Nov, 09:00 — by email", "by email", 8),
        (
            "in a week, email with the intros",
            "Mon 30 Nov, 09:00 — email with the intros",
            "email with the intros",
            8,
        ),
        ("Coffee next tuesday at 8:30", "Tue 24 Nov, 08:30 — Coffee", "Coffee", 2),
        ("saturday, a quick call", "Sat 28 Nov, 09:00 — a quick call", "a quick call", 6),
    ],
)
async def test_a_typed_follow_up_keeps_how_and_its_reminder_says_it(
    user: SandboxUser,
    bot: CommonGroundApplication,
    clock: Clock,
    typed: str,
    shown: str,
    how: str,
    days_later: int,
) -> None:
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    await press(user, "Sam · 22 Nov")
    for _ in range(3):
        await press(user, "Skip")
    await say(user, "Send the intros to Ines")  # what you will do
    question = await press(user, "Skip")
    assert "When will you follow up, and how?" in question.text
    summary = await say(user, typed)
    assert f"Follow-up: {shown}." in summary.text

    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    [pending] = [
        f
        for f in await followups.open_for_contact(bot.services.db, user.id, contact.id)
        if f.kind == "followup"
    ]
    assert pending.how == how
    clock.advance(days=days_later)
    await deliver_due(bot)
    reminder = await next_new(user)
    assert f"Follow up with Sam — {how}" in reminder.text
    assert "Send the intros to Ines" in reminder.text


async def test_a_follow_up_said_as_a_promise_kept_is_that_promises_day(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    """Played: "when I send the CV" at "When will you follow up?", right after promising
    the CV by the 20th, was refused as no date; once read, that day brought the same
    reminder twice."""
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    await press(user, "Sam · 22 Nov")
    for _ in range(3):
        await press(user, "Skip")
    await say(user, "send her my CV by the 27th, and the list of agencies")
    await press(user, "Skip")
    summary = await say(user, "when I send the CV")
    assert "Follow-up: Fri 27 Nov, 09:00" in summary.text
    clock.advance(days=5, hours=1)
    await deliver_due(bot)
    reminder = await next_new(user)
    assert "You said you'd send her your CV" in reminder.text
    await user.expect_silence()
    # It is that promise's reminder too: done, the promise is kept.
    await user.press(reminder, "✓ Done")
    await next_new(user)
    [sam] = await contacts.recent_contacts(bot.services.db, user.id)
    assert await notes.open_promises(bot.services.db, user.id, sam.id) == []


async def test_your_promise_typed_where_theirs_were_asked_is_yours(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """Played: "I said I'd send her my CV by the 20th" typed at "What did they offer or
    promise you?" was stored as her promise."""
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    await press(user, "Sam · 22 Nov")
    for _ in range(4):
        step = await press(user, "Skip")
    assert "What did they offer or promise you?" in step.text
    await say(user, "she'll put me forward for the role, and I said I'd send her my CV by the 27th")
    # Its day is kept, as for a promise typed at your own step.
    summary = " ".join((await say(user, "when I send the CV")).text.split())
    assert "Follow-up: Fri 27 Nov, 09:00" in summary
    assert "You promised: I said I'd send her my CV (⏰ Fri 27 Nov)" in summary
    assert "They promised: she'll put me forward for the role" in summary
    [sam] = await contacts.recent_contacts(bot.services.db, user.id)
    kept = {n.slot: n.body for n in await notes.open_promises(bot.services.db, user.id, sam.id)}
    assert kept == {
        "my_promises": "I said I'd send her my CV",
        "their_promises": "she'll put me forward for the role",
    }


async def test_a_button_from_an_earlier_question_changes_nothing(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    first = await press(user, "Sam · 22 Nov")
    await say(user, "Works on search engines")
    await user.press_data(
        first.message_id, re.sub(":1:", ":0:", user.last.buttons[0][0].callback_data or "")
    )
    await user.expect_silence()
    assert user.callback_answers[-1] == "That button is from an earlier step."
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    [open_one] = await debriefs.open_debriefs(bot.services.db, user.id)
    assert open_one.next_step == 1
    assert len(await all_notes(bot.services.db, user.id, contact.id)) == 1


async def test_discarding_an_unfinished_debrief_drops_its_answers(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    await press(user, "Sam · 22 Nov")
    await say(user, "Works on search engines")
    await say(user, "/cancel")
    offer = await say(user, "/debrief")
    assert "unfinished debrief with Sam — 1 of 6 questions answered" in offer.text
    pick = await press(user, "Throw it away")
    assert pick.labels[0] == "Sam · 22 Nov"  # the meeting can be debriefed afresh
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    assert await all_notes(bot.services.db, user.id, contact.id) == []
