"""A second /prep for someone you have met and debriefed: it reads like a second meeting.

The panel's second briefs called a contact met weeks ago "never met", listed promises kept
long ago as things to do before the meeting, and offered again as a give what the user had
already done. Here the whole path runs: a first /prep, the /debrief, a second /prep where the
open promises are asked about first ("Done?"), then the brief.
"""

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, notes
from tests.e2e.helpers import Clock, numbered_questions, press, say, skip_to_when

# What the user types at each debrief question, by a word of the question.
DEBRIEF = {
    "news at their company": "They are hiring a contract researcher in the new year",
    "in common": "Psychology at Leeds",
    "advice": "Show your messy thinking, not polished screens",
    "suggest you talk to": "nothing",
    "do for them": "Send her my case study rewritten as a one-pager by Friday",
    "offer or promise": "She'll give me feedback on the one-pager",
}


async def first_meeting_and_debrief(
    user: SandboxUser, clock: Clock, answers: dict[str, str] = DEBRIEF
) -> str:
    await say(user, "/prep")
    await say(user, "Helen Marsh")
    await say(user, "Monzo")
    await say(user, "Senior UX Researcher")
    await press(user, "Job search")
    await skip_to_when(user, await press(user, "Never met"))
    brief = await say(user, "today 11:00")
    clock.advance(hours=3)
    await say(user, "/debrief")
    question = await press(user, "Helen Marsh")
    while "Debrief saved" not in question.text:
        if "When will you follow up" in question.text:
            question = await press(user, "Skip")
            continue
        answer = next((a for k, a in answers.items() if k in question.text), "skip")
        question = await say(user, answer)
    return brief.text


async def test_a_second_brief_reads_like_a_second_meeting(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    first = await first_meeting_and_debrief(user, clock)
    assert "Seed: you haven't met yet" in first

    # The relationship moved on with the meeting: the card no longer says "never met".
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (contact.relationship, contact.last_talked, contact.stage) == (
        "met_once",
        "recent",
        "feed",
    )

    clock.advance(days=20)
    await say(user, "/prep")
    asked = await press(user, "Helen Marsh · Monzo")
    # Open promises are asked about first, yours before theirs; a typed answer works.
    assert "Last time you promised Helen: “Send her my case study rewritten as a one-pager”" in (
        asked.text
    )
    assert asked.labels == ["✓ Done", "Not yet", "Skip the rest"]
    asked = await say(user, "yes, sent it last week")
    # Committed when received: the promise is kept before the brief exists.
    still_open = await notes.open_promises(bot.services.db, user.id, contact.id)
    assert [n.body for n in still_open] == ["She'll give me feedback on the one-pager"]
    assert "Helen offered: “She'll give me feedback on the one-pager”" in asked.text
    asked = await press(user, "✓ Done")
    assert await notes.open_promises(bot.services.db, user.id, contact.id) == []

    await skip_to_when(user, await press(user, "Job search"))
    text = (await press(user, "Tomorrow")).text
    # A second meeting, not a first.
    assert "never met" not in text and "haven't met" not in text
    assert "last met 22 Nov · Feed: getting to know each other" in text
    # Done is done: context to talk about, not a to-do or a give.
    assert "You promised" not in text and "Do it before you meet" not in text
    assert "They offered" not in text
    # Your own work, sent for her to look at: tell her; she is thanked once, on her line.
    # Hers, quoted as noted ("She'll give…"), reads as done.
    assert (
        "✔️ Done since you met: “Send her my case study rewritten as a one-pager”."
        " Tell Helen it's done.\n"
    ) in text
    assert "🙏 Done by Helen: “She'll give me feedback on the one-pager”" in text
    assert "if it was for" not in text and "followed through" not in text
    assert "Give: what they" not in text
    # News and advice come back as things to pick up, and there are still 3-5 questions.
    assert "They advised “Show your messy thinking, not polished screens”" in text
    assert "hiring a contract researcher in the new year" in text
    assert 3 <= len(numbered_questions(text)) <= 5


async def test_all_done_is_said_of_your_promises_not_of_theirs(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    two = {**DEBRIEF, "do for them": "Send her the case study by Friday; read the report"}
    await first_meeting_and_debrief(user, clock, two)
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    assert len(await notes.open_promises(bot.services.db, user.id, contact.id)) == 3
    await say(user, "/prep")
    asked = await press(user, "Helen Marsh · Monzo")
    assert "Last time you promised Helen: “Send her the case study”" in asked.text
    asked = await say(user, "both done")
    # Theirs is still asked about: "both" was about yours.
    assert "Helen offered: “She'll give me feedback on the one-pager”" in asked.text
    still_open = await notes.open_promises(bot.services.db, user.id, contact.id)
    assert [n.slot for n in still_open] == ["their_promises"]
    # Something that says neither is asked again, with what was typed.
    asked = await say(user, "what was that about?")
    assert "I couldn't tell" in asked.text and "Helen offered" in asked.text
    asked = await press(user, "Not yet")
    assert "What do you hope to get" in asked.text
    assert len(await notes.open_promises(bot.services.db, user.id, contact.id)) == 1


async def test_news_between_meetings_comes_back_by_what_it_was_when_noted(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    """Panel 3b: /notes typed between meetings came back as "That has happened since: ask how
    it went" for a report she had emailed already, for the user's own interviews, and for an
    interview still waiting on its answer; kept promises as "if it was for Helen, ask what
    they made of it"."""
    answers = {
        **DEBRIEF,
        "do for them": "Review her conference abstract; introduce her to Farah at the council",
        "offer or promise": "She will send me the job description by Friday",
    }
    await first_meeting_and_debrief(user, clock, answers)
    clock.advance(days=10)
    for line in (
        "/note Helen: she emailed the job description on 28 November",
        "/note Helen: I applied on 1 December. Phone screen on 3 December, first interview"
        " with the head of research on 10 December, which went well",
        "/note Helen: she presented her study at the Leeds meetup on 4 December and is"
        " waiting to hear if it gets published",
        "/note Helen: she's running the Manchester 10k on 6 December",
    ):
        assert "saved" in (await say(user, line)).text.casefold()
    clock.advance(days=5)
    await say(user, "/prep")
    asked = await press(user, "Helen Marsh · Monzo")
    while "Done?" in asked.text or "Have they done it?" in asked.text:
        asked = await press(user, "✓ Done")
    await skip_to_when(user, await press(user, "Job search"))
    text = (await press(user, "Tomorrow")).text

    assert "• Last time: “she's running the Manchester 10k on 6 December”. Ask how it went." in (
        text
    )
    # Shortened where a clause ends, not mid-word.
    assert (
        "• Last time: “she presented her study at the Leeds meetup on 4 December…”."
        " Ask if there's news."
    ) in text
    # Done when noted, or yours: nothing to ask how it went.
    assert "emailed the job description" not in text.split("What you know")[0]
    assert "Phone screen" not in text.split("What you know")[0]
    assert text.count("Ask how it went") == 1
    # What you gave, whom you introduced, each with its own question, in one line each.
    assert (
        "✔️ Done since you met: “Review her conference abstract”. Ask what Helen made of it."
    ) in text
    assert "✔️ Done since you met: “introduce her to Farah at the council”. Ask if they've" in text
    assert "🙏 Done by Helen: “She will send me the job description" in text
