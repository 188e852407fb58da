"""The aim typed at "What do you hope to get from meeting X?" becomes the brief's ask, written
out in the user's voice, and the questions on what they want to find out."""

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, meetings
from tests.e2e.helpers import Counted, numbered_questions, press, say

FIRST_BRIEF_LIMIT = 1200


async def test_a_reference_from_a_former_manager_is_scripted_and_she_says_yes(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    me = Counted(user)
    await me.say("/prep")
    await me.say("Marta Silva, head of product at Lumen")
    know = await me.say(
        "I want to ask her for a reference for a product manager job at Feedzai, and maybe hear"
        " if she knows anyone there"
    )
    assert "How do you know Marta Silva?" in know
    await me.press("Former manager")
    where = await me.press("Over a year ago")
    # A reference is hers to give: no "who exactly can say yes?", no "can Marta say yes?".
    assert "Where do you meet Marta Silva?" in where
    await me.say("lunch near her office")
    brief = await me.say("friday 13:00")
    assert me.sent == 7

    assert (
        "💬 The ask: “Would you be a reference for me for the product manager role at Feedzai?"
        " I'll send you the job ad and a few lines on what we worked on together, so it takes"
        " you five minutes.” Then, lighter: “Do you know anyone at Feedzai I could talk to?”"
    ) in " ".join(brief.split())
    assert "first make sure" not in brief
    assert len(brief) < FIRST_BRIEF_LIMIT
    [marta] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, marta.id)
    assert meeting.about.can_help == "yes"


async def test_naming_the_person_you_meet_as_who_says_yes_is_not_asked_again(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Tomás Reyes, CTO at Vela")
    await press(user, "Ask for something")
    await press(user, "Former manager")
    target = await press(user, "In the last few months")
    assert "Who exactly can say yes" in target.text
    where = await say(user, "Tomás himself, he runs the hiring")
    assert "Where do you meet Tomás Reyes?" in where.text  # not "Can Tomás say yes?"
    await press(user, "Coffee")
    brief = (await press(user, "Tomorrow")).text
    assert "💬 The ask:" in brief and "first make sure" not in brief
    [tomas] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, tomas.id)
    assert (meeting.about.ask_target, meeting.about.can_help) == ("Tomás Reyes", "yes")


async def test_an_introduction_to_someone_else_still_asks_who_can_say_yes(
    user: SandboxUser,
) -> None:
    await say(user, "/prep")
    await say(user, "Ana Duarte, engineer at Lumen")
    await say(user, "I'd like to ask her to introduce me to her CTO")
    target = await press(user, "Former colleague")
    target = await press(user, "This year")
    assert "Who exactly" in target.text  # an introduction is someone else's yes


async def test_what_a_friend_is_asked_about_becomes_the_first_questions(
    user: SandboxUser,
) -> None:
    await say(user, "/prep")
    await say(user, "Lucy Brennan, recruiter at Harbour Talent")
    await say(user, "get her view on my CV, which job titles to look for and what salary to expect")
    await press(user, "Friend")
    await press(user, "This year")
    await say(user, "drinks at the Crown")
    brief = (await say(user, "saturday 19:00")).text
    flat = " ".join(brief.split())
    assert "“Would you look over my CV? I'll send it ahead;" in flat
    questions = numbered_questions(brief)
    assert questions[:2] == ["Which job titles should I look for?", "What salary should I expect?"]
    assert len(brief) < FIRST_BRIEF_LIMIT
