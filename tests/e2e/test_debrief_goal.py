"""The debrief asks what fits the meeting's goal (issue 13, point 7): a job seeker is asked
about news at the company and the advice they got, and both come back in the next brief; the
people they suggested are offered as contacts introduced by them; what you will do for them
is asked once; and a debrief of a prepped meeting takes at most eight messages."""

from __future__ import annotations

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.models import BotMessage
from bot.sandbox.user import SandboxUser
from bot.storage import contacts
from tests.e2e.helpers import Clock, Counted, next_new, press, say, skip_to_when
from tests.stored_notes import all_notes


async def prep_job_search(user: SandboxUser, when: str = "today 11:00") -> None:
    await say(user, "/prep")
    await say(user, "Dana Okafor, engineering manager at Ledgerly")
    await press(user, "Job search")
    await press(user, "Never met")
    await press(user, "Coffee")
    await say(user, "whether Ledgerly hires junior engineers")
    await say(user, when)


async def test_a_job_seekers_debrief_fits_in_eight_messages_and_feeds_the_next_brief(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await prep_job_search(user)
    clock.advance(hours=3)

    me = Counted(user)
    await me.say("/debrief")
    first = await me.press("Dana Okafor · 22 Nov")
    assert "6 short questions" in first
    assert "1/6 · What's the news at their company?" in first
    advice = await me.say("Hiring freeze until March")
    assert "2/6 · What advice did they give you?" in advice
    people = await me.say("Get the AWS developer certificate")
    assert "3/6 · Who did they suggest you talk to?" in people
    mine = await me.say("Victor Hale at Stripe, and Ana from Figma")
    assert "4/6 · What will you do for them?" in mine
    theirs = await me.say(
        "send her my portfolio by Friday, could intro her to Sam from my bootcamp"
    )
    assert "5/6 · What did they offer or promise you?" in theirs
    await me.say("keep me in mind for the March junior role")
    summary = await me.press("Next week")
    assert me.sent == 8

    # Nothing about what you have in common or what matters to them: not what a job seeker
    # came for. What you might do is kept apart from what you promised, each once.
    assert "Debrief saved: Dana Okafor" in summary
    assert "News from their company: Hiring freeze until March" in summary
    assert "You promised: send her my portfolio (⏰ Fri 27 Nov)" in summary
    assert "How you can help: could intro her to Sam from my bootcamp" in summary
    [dana] = await contacts.find_contacts(bot.services.db, user.id, "Dana Okafor")
    slots = [n.slot for n in await all_notes(bot.services.db, user.id, dana.id)]
    assert sorted(slots) == sorted(
        [
            "company_news",
            "advice",
            "who_they_know",
            "my_promises",
            "how_i_can_help",
            "their_promises",
        ]
    )

    offer = await next_new(user)
    assert "Dana Okafor suggested you talk to:" in offer.text
    assert "Victor Hale, Stripe" not in offer.text and "Victor Hale at Stripe" in offer.text
    assert offer.labels == ["Add Victor Hale", "Add Ana", "Not now"]

    # The next brief turns the news into a question and the advice into a report back.
    clock.advance(days=7)
    await say(user, "/prep")
    asked = await press(user, "Dana Okafor · Ledgerly")
    assert "Last time you promised Dana: “send her my portfolio”. Done?" in asked.text
    asked = await say(user, "not yet")
    assert "Have they done it?" in asked.text  # their offer next
    await say(user, "not yet")
    await skip_to_when(user, await press(user, "Job search"))
    brief = (await press(user, "Tomorrow")).text
    assert "They advised “Get the AWS developer certificate”. Tell them what you did with it." in (
        brief
    )
    assert (
        "Last time: “Hiring freeze until March”. Ask: “Where do things stand with that now?”"
        in brief
    )


async def test_a_suggested_person_becomes_a_contact_introduced_by_them(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await prep_job_search(user)
    clock.advance(hours=3)
    await say(user, "/debrief")
    await press(user, "Dana Okafor · 22 Nov")
    for answer in ("nothing", "nothing", "Victor Hale at Stripe, and Ana from Figma"):
        await say(user, answer)
    for _ in range(3):
        await press(user, "Skip")
    offer = await next_new(user)
    assert offer.labels == ["Add Victor Hale", "Add Ana", "Not now"]

    await user.press(offer, "Add Victor Hale")
    edited = await user.next_event()
    assert edited.edited and edited.labels == ["Add Ana", "Not now"]
    assert user.callback_answers[-1] == "👥 Added Victor Hale, introduced by Dana Okafor."
    [dana] = await contacts.find_contacts(bot.services.db, user.id, "Dana Okafor")
    [victor] = await contacts.find_contacts(bot.services.db, user.id, "Victor Hale")
    assert (victor.company, victor.relationship, victor.introducer, victor.introducer_id) == (
        "Stripe",
        "introduced",
        "Dana Okafor",
        dana.id,
    )
    card = await say(user, "/contact Victor Hale")
    assert "introduced by Dana Okafor" in card.text

    # "Not now" leaves Ana out, and the offer cannot be used to add Victor twice.
    await user.press(offer, "Not now")
    gone = await user.next_event()
    assert gone.edited and gone.labels == []
    assert await contacts.find_contacts(bot.services.db, user.id, "Ana") == []
    await user.press_data(offer.message_id, f"suggested:add:{_debrief_id(offer)}:0")
    await user.next_event()  # the stale press is answered and the (empty) keyboard kept
    assert len(await contacts.find_contacts(bot.services.db, user.id, "Victor Hale")) == 1


def _debrief_id(offer: BotMessage) -> str:
    [debrief_id] = {
        (button.callback_data or "").split(":")[2] for row in offer.buttons for button in row
    }
    return debrief_id


async def test_reconnecting_with_a_friend_asks_no_company_news(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await say(user, "/prep")
    await say(user, "Sam Lee")
    await say(user, "Initech")
    await say(user, "Designer")
    await press(user, "Reconnect")
    await press(user, "Friend")
    await press(user, "In the last few months")
    await press(user, "A meal")
    await say(user, "catch up properly")
    await say(user, "today 12:00")
    clock.advance(hours=3)

    me = Counted(user)
    await me.say("/debrief")
    asked = [await me.press("Sam Lee · 22 Nov")]
    while "Follow-up" not in asked[-1] and "follow up" not in asked[-1]:
        asked.append(await me.press("Skip"))
    await me.press("Next week")
    assert me.sent == 7
    text = "\n".join(asked)
    assert "news at their company" not in text
    assert "What advice did they give you?" not in text
    assert "What seems to matter most to them?" in text
    # What they asked of you is what you will do: asked once.
    assert "What, if anything, did they ask of you?" not in text
    assert "What will you do for them?" in text and "What they asked of you" in text


async def test_giving_help_from_prep_to_debrief_never_turns_it_into_your_ask(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await say(user, "/prep")
    await say(user, "Nadia Hussain, physics student at Sheffield")
    # Typed, not pressed: she wants his advice, he is the one giving it.
    asked = await say(user, "she wants advice on whether to become a teacher")
    assert "How do you know" in asked.text
    await press(user, "Friend")
    await press(user, "In the last few months")
    asked = await press(user, "A walk")
    assert "When do you meet?" in asked.text  # her aim was typed with the goal
    brief = (await say(user, "today 11:00")).text
    assert "🎯 Give help: she wants advice on whether to become a teacher" in brief
    assert "The ask" not in brief and "Early for the ask" not in brief
    assert "one thing you can do for them (a contact, a link" in " ".join(brief.split())
    clock.advance(hours=3)

    me = Counted(user)
    await me.say("/debrief")
    first = await me.press("Nadia Hussain · 22 Nov")
    assert "1/5 · What did they want help with?" in first
    suggested = await me.say("PGCE now, or a year in a lab first")
    assert "2/5 · What did you suggest?" in suggested
    mine = await me.say("None - I mostly listened")
    assert "3/5 · What will you do for them?" in mine
    theirs = await me.say("intro her to Farah by Friday")
    assert "4/5 · What will they do next?" in theirs
    follow_up = await me.say("nothing really")
    summary = await me.press("Next week")
    assert me.sent <= 8
    everything = "\n".join([first, suggested, mine, theirs, follow_up, summary])
    assert "What advice did they give you?" not in everything

    # The noes are no notes: nothing to quote back in the next brief.
    [nadia] = await contacts.find_contacts(bot.services.db, user.id, "Nadia Hussain")
    stored = {n.slot: n.body for n in await all_notes(bot.services.db, user.id, nadia.id)}
    assert stored == {
        "their_asks": "PGCE now, or a year in a lab first",
        "my_promises": "intro her to Farah",
    }
