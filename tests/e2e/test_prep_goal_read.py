"""A goal read from a sentence typed at "What do you hope to get from meeting X?" is said back
on the next question, with one button to change it: the goal shapes the whole brief."""

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, meetings
from tests.e2e.helpers import numbered_questions, press, say

CHANGE = "Not that — change it"


async def test_a_goal_read_wrong_from_a_sentence_is_changed_in_one_tap(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Nadia Haddad, analyst at Corvid")
    # Read as a job search; she is the one with the interview.
    know = await say(
        user, "Run through her interview answers before the final round, and hear how it went"
    )
    assert "🎯 Taken as: Job search" in know.text
    assert "How do you know Nadia Haddad?" in know.text
    assert CHANGE in know.labels
    goal = await press(user, CHANGE)
    assert "What do you hope to get from meeting Nadia Haddad?" in goal.text
    know = await press(user, "Give help")
    assert "How do you know Nadia Haddad?" in know.text
    assert "Taken as" not in know.text and CHANGE not in know.labels
    await press(user, "Met once")
    await press(user, "This year")
    await press(user, "Coffee")
    brief = (await press(user, "Tomorrow")).text
    flat = " ".join(brief.split())
    # The words stay the aim, under the goal chosen.
    assert "🎯 Give help: Run through her interview answers before the final round" in flat
    assert "The ask" not in brief
    assert numbered_questions(brief)[0] == "How did it go?"
    [nadia] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, nadia.id)
    assert meeting.goal == "help"
    assert meeting.about.aim is not None and meeting.about.aim.startswith("Run through her")


async def test_changing_an_ask_read_wrong_asks_nothing_that_only_an_ask_needs(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Omar Said, founder at Quill")
    know = await say(user, "ask for his thoughts on the pricing page, and a favour if it fits")
    assert "🎯 Taken as: Ask for something" in know.text
    await press(user, CHANGE)
    await press(user, "Reconnect")
    await press(user, "Former colleague")
    # No "who exactly can say yes?": that was for an ask.
    where = await press(user, "This year")
    assert "Where do you meet Omar Said?" in where.text
    await press(user, "Coffee")
    brief = (await press(user, "Tomorrow")).text
    assert "🎯 Reconnect:" in brief
    [omar] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, omar.id)
    assert meeting.goal == "reconnect" and meeting.about.ask_target is None


async def test_a_goal_pressed_is_not_said_back(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Ruth Adler, editor at Lumen")
    know = await press(user, "Give help")
    assert "How do you know Ruth Adler?" in know.text
    assert "Taken as" not in know.text and CHANGE not in know.labels


async def test_no_ask_said_at_who_can_say_yes_makes_it_the_goal_said(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Lena Fischer, student at TU Berlin")
    await say(user, "ask whether she wants a practice run of her thesis defence on Friday")
    await press(user, "Met once")
    target = await press(user, "This year")
    assert "Who exactly can say yes" in target.text
    where = await say(user, "Lena herself? I'm not really asking for anything, mostly giving help.")
    assert "Where do you meet Lena Fischer?" in where.text
    await press(user, "Video call")
    brief = (await press(user, "Tomorrow")).text
    assert "🎯 Give help:" in brief and "The ask" not in brief
    [lena] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, lena.id)
    assert meeting.goal == "help" and meeting.about.ask_target is None
