"""What the user says they want from the meeting comes first among the brief's questions, in
their voice, and what they only mean to say (thanks) is neither asked nor scripted."""

from bot.sandbox.user import SandboxUser
from tests.e2e.helpers import numbered_questions, press, say

FIRST_BRIEF_LIMIT = 1200


async def test_tips_for_an_interview_elsewhere_are_the_first_question(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Inês Costa, product director at Sonae")
    await say(
        user,
        "My final interview at Feedzai is on Monday. I'd love her tips on how to prepare for"
        " the product sense round, and to thank her for the reference she gave me",
    )
    await press(user, "Former manager")
    await press(user, "In the last few months")
    await press(user, "Coffee")
    brief = (await say(user, "tomorrow 18:00")).text

    questions = numbered_questions(brief)
    assert questions[0] == "How should I prepare for the product sense round?"
    assert len(questions) >= 3  # the playbooks fill the rest
    # Thanks for the reference is not an ask for one, and nothing about hiring at Sonae or
    # who decides pulls the meeting away from the interview.
    assert "The ask" not in brief and "Would you be a reference" not in brief
    assert not any("hire" in q or "final call" in q or "final say" in q for q in questions)
    assert len(brief) < FIRST_BRIEF_LIMIT
