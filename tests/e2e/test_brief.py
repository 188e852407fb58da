"""The brief at the end of /prep, as a user reads it: memory turned into action, nothing
asked twice, advice that serves the goal."""

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, debriefs, meetings
from tests.e2e.helpers import Clock, numbered_questions, prep_new_contact, press, say, skip_to_when

# What a debrief of the first meeting noted, slot by slot.
NOTED = {
    "learned": "training for the Berlin marathon",
    "what_they_value": "brevity; dislikes long decks",
    "how_i_can_help": "an intro to a UX researcher",
    "my_promises": "send the accessibility article",
    "their_promises": "review my CV",
}


async def debriefed(
    bot: CommonGroundApplication, user: SandboxUser, noted: dict[str, str] = NOTED
) -> None:
    """The latest meeting debriefed as the /debrief flow stores it."""
    db = bot.services.db
    [contact] = await contacts.recent_contacts(db, user.id)
    meeting = (await meetings.meetings_for_contact(db, user.id, contact.id))[0]
    debrief = await debriefs.start_debrief(db, user.id, meeting.id)
    for step, (slot, body) in enumerate(noted.items()):
        assert await debriefs.record_answer(
            db,
            user.id,
            debrief.id,
            step=step,
            step_id=slot,
            slot=slot,
            bodies=[body],
            update_id=step + 1,
        )
    assert await debriefs.finish_debrief(db, user.id, debrief.id)


async def second_brief(user: SandboxUser, goal: str) -> str:
    await say(user, "/prep")
    asked = await press(user, "Mira Patel · Globex")
    while "Done?" in asked.text or "Have they done it?" in asked.text:
        asked = await press(user, "Not yet")  # still open: the brief lists them as to-dos
    await skip_to_when(user, await press(user, goal))
    return (await press(user, "Tomorrow")).text


async def test_a_second_brief_turns_what_was_noted_into_things_to_do(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    first = await prep_new_contact(user, "Mira Patel", when="today 11:00")
    asked_first = set(numbered_questions(first))
    clock.advance(hours=3)
    await debriefed(bot, user)

    brief = await second_brief(user, "Job search")
    # Your open promise first, then their offer as your next step, then the threads.
    promise = brief.index("✅ You promised to send the accessibility article. Do it before you")
    # Their offer to look at your CV: send it before the day you meet.
    offer = brief.index("👀 Mira offered to review your CV. Send it before Mon 23 Nov, so they")
    news = brief.index("• Last time: “training for the Berlin marathon”. Ask: “How has it gone")
    assert promise < offer < news < brief.index("Questions")
    assert "• Mira cares about “brevity; dislikes long decks”: let it shape how you come" in brief
    assert "🎁 Give: what they need, “an intro to a UX researcher”" in brief
    # Each once: nothing turned into an action is listed again.
    for said in (*NOTED.values(), "your CV"):
        assert brief.count(said) == (said != "review my CV"), said
    # A job seeker whose contact offered help is told to follow it up, not that they came to learn.
    assert "their offer is yours to follow up" in brief
    assert "came to learn" not in brief
    assert asked_first and not asked_first & set(numbered_questions(brief))


async def test_questions_of_a_debriefed_brief_are_not_asked_again(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    first = await prep_new_contact(user, "Mira Patel", when="today 11:00")
    asked = set(numbered_questions(first))
    clock.advance(hours=3)
    await debriefed(bot, user, {"learned": "moving into product"})
    for _ in range(3):  # the same goal again and again: none of the last brief's questions
        brief = await second_brief(user, "Learn about their field")
        again = set(numbered_questions(brief))
        assert len(again) >= 3 and not asked & again, asked & again
        asked = again
        await debriefed(bot, user, {"learned": "still moving into product"})


async def test_a_job_seeker_is_coached_to_signal_interest_not_to_ask_for_the_job(
    user: SandboxUser,
) -> None:
    await say(user, "/prep")
    await say(user, "Priya Raman")
    await say(user, "Northwind")
    await say(user, "Head of Data")
    await skip_to_when(user, await press(user, "Job search"))
    brief = (await say(user, "tomorrow 15:00")).text
    assert "🚫 Avoid: Asking them for the job itself; their work first" in brief
    assert "came to learn" not in brief
    assert "If they ask what you're after, say it in one sentence" in brief
