"""Memory becomes action: a first /prep, the real /debrief with an offer, promises, a dated
news item and a value, then a second /prep whose brief shows each as its own action, once.

The panel's second briefs asked "how has it gone since?" about what someone values, left an
offer to look at a CV as a quote, listed a dinner that was the meeting itself as a promise
still owed, and asked about an event without knowing whether it had happened yet.
"""

import pytest

from bot.sandbox.user import SandboxUser
from tests.e2e.helpers import Clock, press, say, skip_to_when

# What the user types at each debrief question, by a word of the question (meeting Sun 22 Nov).
DEBRIEF = {
    "learn about them": "She's running the Lisbon half marathon on 29 November. Grew up in Porto.",
    "matter most": "Straight talk; she dislikes long decks",
    "do for them": "Send her the accessibility article. Dinner next time, my treat.",
    "offer or promise": "She offered to look over my portfolio",
    "ask of you": "nothing",
}


async def first_meeting_and_debrief(
    user: SandboxUser, clock: Clock, answers: dict[str, str] = DEBRIEF
) -> None:
    await say(user, "/prep")
    await say(user, "Ines Duarte")
    await say(user, "Lumen Health")
    await say(user, "Design lead")
    asked = await press(user, "Reconnect")
    asked = await press(user, "Former colleague")
    await skip_to_when(user, asked)
    await say(user, "today 11:00")
    clock.advance(hours=3)
    await say(user, "/debrief")
    question = await press(user, "Ines Duarte")
    while "Debrief saved" not in question.text:
        if "When will you follow up" in question.text:
            question = await press(user, "Skip")
            continue
        answer = next((a for k, a in answers.items() if k in question.text), None)
        assert answer is not None, question.text  # every question of a reconnect is answered
        question = await say(user, answer)


async def second_brief(user: SandboxUser, when: str) -> str:
    await say(user, "/prep")
    asked = await press(user, "Ines Duarte · Lumen Health")
    while "Done?" in asked.text or "Have they done it?" in asked.text:
        asked = await press(user, "Not yet")
    await skip_to_when(user, await press(user, "Reconnect"))
    return (await say(user, when)).text


@pytest.mark.parametrize(
    ("when", "news"),
    [
        # Before the race: it is still ahead.
        (
            "Fri 27 Nov 18:00",
            "• Still ahead: “She's running the Lisbon half marathon on 29 November”."
            " Ask how it's shaping up.",
        ),
        # After it: ask how it went, not how it is going.
        (
            "Mon 7 Dec 18:00",
            "• Last time: “She's running the Lisbon half marathon on 29 November”."
            " Ask how it went.",
        ),
    ],
)
async def test_each_kind_of_note_comes_back_as_its_action_once(
    user: SandboxUser, clock: Clock, when: str, news: str
) -> None:
    await first_meeting_and_debrief(user, clock)
    brief = await second_brief(user, when)
    day = when.removesuffix(" 18:00")

    # Your open promise first, said as a promise; the dinner is this meeting, not a to-do.
    promise = brief.index(
        "✅ You promised to send her the accessibility article. Do it before you meet"
    )
    dinner = brief.index("🤝 This meeting keeps your promise: “Dinner next time, my treat”.")
    # Their offer to look at your work: your next step, with the day you meet.
    offer = brief.index(
        f"👀 Ines offered to look over your portfolio. Send it before {day}, so they have"
    )
    # The news in the tense of the day you meet; what she values as a way to behave.
    thread = brief.index(news)
    value = brief.index(
        "• Ines cares about “Straight talk; she dislikes long decks”: let it shape how you"
    )
    assert promise < dinner < offer < thread < value < brief.index("Questions")
    for said in ("accessibility", "Dinner", "portfolio", "Lisbon", "long decks", "Porto"):
        assert brief.count(said) == 1, said
    assert "How has it gone since?" not in brief
    assert "You promised to dinner" not in brief and "Early for the ask" not in brief


async def test_every_note_since_you_met_comes_back_read_the_right_way(
    user: SandboxUser, clock: Clock
) -> None:
    """Panel 3: of four /notes only the latest came back, as "What you know"; the note about
    the user was shown as their news, a promotion was asked "how it went", how hiring works
    was "still ahead" for them, and a yes already given to being a reference was an offer to
    "take up" that /prep asked "Have they done it?" about."""
    said_yes = {**DEBRIEF, "offer or promise": "She said yes to being a reference right away"}
    await first_meeting_and_debrief(user, clock, said_yes)
    clock.advance(days=3)
    for news in (
        "she got promoted to head of design last week",
        "Hiring at Lumen is slow, 2-3 months, and they'll ask for a portfolio review.",
        "her team is moving to the new Braga office, she's hiring two designers",
        "I still haven't sent her the accessibility article. Embarrassing.",
    ):
        assert "Saved on Ines Duarte" in (await say(user, f"/note Ines: {news}")).text

    await say(user, "/prep")
    asked = await press(user, "Ines Duarte · Lumen Health")
    # Only your own promises are asked about: her yes has nothing left to be done.
    assert "accessibility article" in asked.text
    while "Done?" in asked.text or "Have they done it?" in asked.text:
        assert "reference" not in asked.text
        asked = await press(user, "Not yet")
    await skip_to_when(user, await press(user, "Reconnect"))
    brief = (await say(user, "Mon 7 Dec 18:00")).text

    assert "🎉 “she got promoted to head of design last week”. Congratulate Ines" in brief
    assert "moving to the new Braga office" in brief
    # How hiring works is known, no thread of hers "still ahead".
    threads = brief[brief.index("🧵") : brief.index("Questions")]
    assert "Hiring at Lumen" not in threads and "Still ahead" not in brief
    assert "🤝 Ines said yes already: “She said yes to being a reference right away”" in brief
    assert "Ines offered" not in brief and "Take them up on it" not in brief
    # Your note about yourself is your promise, listed once as one, not their news.
    assert "Embarrassing" not in brief and "I still haven't" not in brief
    assert brief.count("accessibility article") == 1
