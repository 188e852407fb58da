"""Typing always works in /debrief: every question with buttons takes the words a person
would type instead — a goal in their own words, skip, no, yes, carry on — and only input
that can't mean anything there gets the nudge, which says what would work (issue 12, point 5)."""

from __future__ import annotations

import pytest

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, debriefs, meetings
from tests.e2e.helpers import next_new, prep_new_contact, press, say
from tests.stored_notes import all_notes

NUDGE = "I'm still waiting for an answer to the question above"
FIRST_QUESTION = "1/6 · What did you learn about them?"
JOB_FIRST_QUESTION = "1/6 · What's the news at their company?"
# A reconnect or an introduction asks one question fewer.
SHORTER_FIRST = "1/5 · What did you learn about them?"


async def at_goal_question(user: SandboxUser, name: str = "Léa Dubois") -> None:
    await say(user, "/debrief")
    await press(user, "Someone else")
    goal = await say(user, name)
    assert f"What was the meeting with {name} about?" in goal.text


@pytest.mark.parametrize(
    ("typed", "goal", "kept"),
    [
        ("advice on moving into management", "advice", True),
        ("Wanted her thoughts on whether I should do an MBA", "advice", True),
        ("learn how she got into product, and if ledgerly hires juniors", "learn", True),
        ("just catching up, it had been a while", "reconnect", True),
        ("see if they have any openings for a junior designer", "job", True),
        ("hoping for an intro to their CTO", "intro", True),
        ("job search", "job", False),
        ("Get advice", "advice", False),
    ],
)
async def test_the_goal_can_be_typed_in_ones_own_words(
    user: SandboxUser, bot: CommonGroundApplication, typed: str, goal: str, kept: bool
) -> None:
    await at_goal_question(user)
    first = await say(user, typed)
    assert NUDGE not in first.text
    expected = {"job": JOB_FIRST_QUESTION, "reconnect": SHORTER_FIRST, "intro": SHORTER_FIRST}
    assert expected.get(goal, FIRST_QUESTION) in first.text
    [lea] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, lea.id)
    assert meeting.goal == goal
    # The words are kept with the debrief as what you hoped for; a bare goal adds nothing.
    stored = await all_notes(bot.services.db, user.id, lea.id)
    assert [(n.slot, n.body) for n in stored] == ([("aim", typed)] if kept else [])
    if kept:
        card = await say(user, "/contact Léa")
        assert "What you hoped for" in card.text and typed in card.text


@pytest.mark.parametrize("typed", ["blah blah", "42", "hmm", "🙂"])
async def test_words_that_name_no_goal_get_a_nudge_that_says_what_works(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await at_goal_question(user)
    nudge = await say(user, typed)
    assert NUDGE in nudge.text
    assert "advice on moving into management" in nudge.text  # an example that would work
    assert "use its buttons or type a reply" not in nudge.text
    first = await press(user, "Reconnect")  # and the question still stands
    assert SHORTER_FIRST in first.text
    assert len(await contacts.recent_contacts(bot.services.db, user.id)) == 1


@pytest.mark.parametrize("skip", ["skip", "Skip", "pass", "no", "nope", "nothing really"])
async def test_skip_and_no_can_be_typed_at_every_question(
    user: SandboxUser, bot: CommonGroundApplication, skip: str
) -> None:
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    await press(user, "Sam · 22 Nov")
    for _ in range(5):
        step = await say(user, skip)
        assert NUDGE not in step.text
    assert "6/6" in step.text  # the follow-up date, which has buttons
    summary = await say(user, skip)
    assert "You skipped every question" in summary.text
    assert "No follow-up scheduled" in summary.text
    [sam] = await contacts.recent_contacts(bot.services.db, user.id)
    assert await all_notes(bot.services.db, user.id, sam.id) == []


async def unfinished_debrief(user: SandboxUser) -> None:
    """A debrief with one answer given, then left; /debrief asks "carry on?"."""
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    await press(user, "Sam · 22 Nov")
    await say(user, "Sam runs a bakery")
    await say(user, "/cancel")
    offer = await say(user, "/debrief")
    assert "unfinished debrief with Sam" in offer.text
    assert offer.labels == ["Carry on", "Throw it away"]


@pytest.mark.parametrize("typed", ["yes", "carry on", "Continue!", "ok"])
async def test_carry_on_can_be_typed(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await unfinished_debrief(user)
    step = await say(user, typed)
    assert "2/6 · What advice did they give you?" in step.text
    await say(user, "Good bread")
    [sam] = await contacts.recent_contacts(bot.services.db, user.id)
    stored = await all_notes(bot.services.db, user.id, sam.id)
    assert sorted(n.body for n in stored) == ["Good bread", "Sam runs a bakery"]  # not "yes"


@pytest.mark.parametrize("typed", ["throw it away", "Discard", "start over"])
async def test_throw_it_away_can_be_typed(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await unfinished_debrief(user)
    pick = await say(user, typed)
    assert "Which meeting do you want to debrief?" in pick.text
    assert pick.labels == ["Sam · 22 Nov", "Someone else"]
    assert await debriefs.open_debriefs(bot.services.db, user.id) == []
    [sam] = await contacts.recent_contacts(bot.services.db, user.id)
    assert await all_notes(bot.services.db, user.id, sam.id) == []


async def test_an_answer_typed_at_carry_on_is_stored(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await unfinished_debrief(user)
    step = await say(user, "She values honest feedback")
    assert "3/6" in step.text
    [sam] = await contacts.recent_contacts(bot.services.db, user.id)
    stored = await all_notes(bot.services.db, user.id, sam.id)
    assert "She values honest feedback" in [n.body for n in stored]


async def test_someone_else_can_be_typed_at_the_meeting_list(user: SandboxUser) -> None:
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    who = await say(user, "someone else")
    assert "Who did you meet?" in who.text


async def test_what_cant_be_an_answer_is_told_what_would_be(
    sandbox: SandboxServer, user: SandboxUser
) -> None:
    await prep_new_contact(user, "Sam", when="today 10:00")
    pick = await say(user, "/debrief")
    nudge = await say(user, "???")
    assert NUDGE in nudge.text and "type the name of the person you met" in nudge.text
    await press(user, "Sam · 22 Nov")  # the list still works
    await user.share_contact("+49 30 1234567", "Mira", "Patel", user_id=4242)
    nudge = await next_new(user)
    assert NUDGE in nudge.text and "type your answer, or skip" in nudge.text
    for _ in range(5):
        await press(user, "Skip")
    await user.share_contact("+49 30 1234567", "Mira", "Patel", user_id=4242)
    nudge = await next_new(user)
    # A date built from today (Sunday 22 Nov): the Thursday ahead.
    assert NUDGE in nudge.text and "type a date like Thu 26 Nov" in nudge.text
    assert "press Skip" in nudge.text
    assert pick.labels == ["Sam · 22 Nov", "Someone else"]


async def test_a_photo_at_the_who_and_goal_questions_is_told_what_works(
    sandbox: SandboxServer, user: SandboxUser
) -> None:
    await say(user, "/debrief")
    await press(user, "Someone else")
    await user.share_contact("+49 30 1234567", "Mira", "Patel", user_id=4242)
    nudge = await next_new(user)
    assert NUDGE in nudge.text and "type the name of the person you met" in nudge.text
    await say(user, "Léa Dubois")
    await user.share_contact("+49 30 1234567", "Mira", "Patel", user_id=4242)
    nudge = await next_new(user)
    assert NUDGE in nudge.text and "advice on moving into management" in nudge.text
    # Commands still reach the conversation's own handlers.
    cancelled = await say(user, "/cancel")
    assert NUDGE not in cancelled.text
    assert "/debrief" in (await say(user, "/help")).text


async def test_a_flow_begun_from_a_debrief_is_not_nudged_with_the_debriefs_words(
    user: SandboxUser,
) -> None:
    await at_goal_question(user)
    await say(user, "/search")
    await user.share_contact("+49 30 1234567", "Mira", "Patel", user_id=4242)
    nudge = await next_new(user)
    assert "advice on moving into management" not in nudge.text


@pytest.mark.parametrize("typed", ["Léa Dubois", "lea from the bakery", "sam"])
async def test_a_name_typed_when_no_meeting_waits_starts_that_debrief(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    pick = await say(user, "/debrief")
    assert "No prepped meetings are waiting — type the name of who you met" in pick.text
    goal = await say(user, typed)
    assert NUDGE not in goal.text
    assert "What was the meeting with" in goal.text
    first = await say(user, "catch up")
    assert SHORTER_FIRST in first.text
    assert len(await contacts.recent_contacts(bot.services.db, user.id)) == 1
