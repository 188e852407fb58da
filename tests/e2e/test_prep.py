from datetime import UTC, datetime

import pytest

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, meetings, users
from tests.e2e.helpers import (
    Clock,
    next_new,
    numbered_questions,
    prep_new_contact,
    press,
    say,
    skip_to_when,
)


async def test_prep_for_a_new_contact_ends_with_a_brief(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    who = await say(user, "/prep")
    assert "Who are you meeting?" in who.text
    assert who.buttons == []  # nobody yet to pick from

    company = await say(user, "Mira Patel")
    assert "Where does Mira Patel work?" in company.text and company.labels == ["Skip"]
    role = await say(user, "Globex")
    assert "role at Globex" in role.text
    goal = await say(user, "Head of Research")
    assert "What do you hope to get from meeting Mira Patel?" in goal.text
    assert "Get an introduction" in goal.labels and "Give help" in goal.labels
    assert len(goal.labels) == 7
    # Two to a row on a phone, so no label is cut short.
    assert [len(row) for row in goal.buttons] == [2, 2, 2, 1]
    known = await press(user, "Learn about their field")
    assert "How do you know Mira Patel?" in known.text
    assert known.labels == [
        "Never met",
        "Met once",
        "Worked together",
        "Former manager",
        "Former colleague",
        "Friend",
        "Introduced by someone",
        "Skip",
    ]
    talked = await press(user, "Met once")
    assert "When did you and Mira Patel last talk?" in talked.text
    assert talked.labels == ["In the last few months", "This year", "Over a year ago", "Skip"]
    where = await press(user, "In the last few months")
    assert "Where do you meet Mira Patel?" in where.text
    assert where.labels == [
        "Coffee",
        "Video call",
        "A meal",
        "Drinks",
        "A walk",
        "Quick chat at an event",
        "Job interview",
        "Skip",
    ]
    aim = await press(user, "Coffee")
    assert "What do you want to walk out with?" in aim.text and aim.labels == ["Skip"]
    when = await say(user, "how her team picks research questions")
    assert "When do you meet?" in when.text
    assert when.labels == ["Today", "Tomorrow", "Skip"]

    brief = await say(user, "tomorrow 15:00")
    assert "Brief: Mira Patel, Head of Research at Globex" in brief.text
    assert "Mon 23 Nov, 15:00" in brief.text  # read in Europe/Berlin, the default zone
    assert "Learn about their field: how her team picks research questions" in brief.text
    assert "coffee · Seed: you've met once" in brief.text
    questions = numbered_questions(brief.text)
    assert 3 <= len(questions) <= 5
    assert all(q.endswith("?") for q in questions)
    assert "🎁 Give:" in brief.text and "🚫 Avoid:" in brief.text
    assert "After the meeting I'll check in" in brief.text
    assert brief.labels == ["No debrief reminder"]

    stored = await contacts.recent_contacts(bot.services.db, user.id)
    assert [(c.name, c.company, c.role, c.stage) for c in stored] == [
        ("Mira Patel", "Globex", "Head of Research", "seed")
    ]
    assert (stored[0].relationship, stored[0].last_talked) == ("met_once", "recent")
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, stored[0].id)
    assert meeting.goal == "learn" and meeting.scheduled_at is not None
    assert meeting.about.setting == "coffee"
    assert meeting.about.aim == "how her team picks research questions"


async def test_a_dated_meeting_gets_a_debrief_reminder_unless_declined(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await prep_new_contact(user, "Mira Patel")
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, contact.id)
    assert meeting.debrief_reminder

    declined = await press(user, "No debrief reminder")
    assert "no check-in for this one" in declined.text
    assert user.messages[-2].buttons == []  # the brief's button can't be pressed twice
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, contact.id)
    assert not meeting.debrief_reminder

    again = await press(user, "Remind me to debrief after all")
    assert "I'll check in after you meet Mira Patel" in again.text
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, contact.id)
    assert meeting.debrief_reminder


async def test_second_prep_picks_the_contact_from_buttons(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await prep_new_contact(user, "Mira Patel")
    who = await say(user, "/prep")
    assert who.labels == ["Mira Patel · Globex"]
    goal = await press(user, "Mira Patel · Globex")
    assert "meeting Mira Patel?" in goal.text
    await skip_to_when(user, await press(user, "Reconnect"))
    brief = await press(user, "Skip")
    assert "Brief: Mira Patel" in brief.text and "no date set" in brief.text
    assert "send /debrief" in brief.text and brief.buttons == []  # no time to check in at
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    assert len(await meetings.meetings_for_contact(bot.services.db, user.id, contact.id)) == 2


async def test_typing_a_known_name_offers_the_contact_or_someone_new(user: SandboxUser) -> None:
    await prep_new_contact(user, "Mira Patel")
    await say(user, "/prep")
    choice = await say(user, "mira patel")
    assert "Do you mean Mira Patel · Globex?" in choice.text
    assert choice.labels == ["Yes", "Someone new called “mira patel”"]
    company = await press(user, "Someone new called “mira patel”")
    assert "Where does mira patel work?" in company.text


async def test_asking_a_new_contact_gets_cautions(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Sam")
    await press(user, "Skip")
    await press(user, "Skip")
    await skip_to_when(user, await press(user, "Ask for something"))
    brief = await press(user, "Today")
    assert "Brief: Sam\n" in brief.text
    assert (
        "Early for the ask: you've only just met and you haven't given anything yet" in brief.text
    )
    assert "🎁 Give first:" in brief.text
    assert "first make sure Sam can say yes" in brief.text


async def test_wrong_date_gets_an_example_and_a_retry(user: SandboxUser, clock: Clock) -> None:
    await say(user, "/prep")
    await say(user, "Sam")
    await press(user, "Skip")
    await press(user, "Skip")
    await skip_to_when(user, await press(user, "Get advice"))
    retry = await say(user, "whenever suits")
    assert "I couldn't read “whenever suits” as a date" in retry.text
    past = await say(user, "yesterday")
    assert "already passed" in past.text
    brief = await say(user, "next Tuesday")
    assert "Tue 24 Nov" in brief.text and "Tue 24 Nov," not in brief.text


async def _ask_when(user: SandboxUser, name: str = "Sam") -> str:
    await say(user, "/prep")
    await say(user, name)
    await press(user, "Skip")
    await press(user, "Skip")
    return (await skip_to_when(user, await press(user, "Get advice"))).text


@pytest.mark.parametrize(
    ("typed", "shown", "stored"),
    [
        # Sunday 22 November 2026, 10:00 in Berlin.
        ("thursday at 5", "Thu 26 Nov, 17:00", datetime(2026, 11, 26, 16, 0, tzinfo=UTC)),
        ("tuesday at 9", "Tue 24 Nov, 09:00", datetime(2026, 11, 24, 8, 0, tzinfo=UTC)),
        ("jan 12 at 10", "Tue 12 Jan, 10:00", datetime(2027, 1, 12, 9, 0, tzinfo=UTC)),
        ("12/20 3pm", "Sun 20 Dec, 15:00", datetime(2026, 12, 20, 14, 0, tzinfo=UTC)),
        ("Dec 10 at 5", "Thu 10 Dec, 17:00", datetime(2026, 12, 10, 16, 0, tzinfo=UTC)),
        ("noon tomorrow", "Mon 23 Nov, 12:00", datetime(2026, 11, 23, 11, 0, tzinfo=UTC)),
    ],
)
async def test_dates_typed_as_people_write_them(
    user: SandboxUser, bot: CommonGroundApplication, typed: str, shown: str, stored: datetime
) -> None:
    question = await _ask_when(user)
    assert "Thu 26 Nov 15:00" in question  # the example: next Thursday, built from today
    brief = await say(user, typed)
    assert brief.text.splitlines()[1].startswith(f"{shown} · ")  # the date under the name
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, contact.id)
    assert meeting.scheduled_at == stored and not meeting.all_day


async def test_a_date_that_names_no_day_or_is_too_far_is_asked_again(user: SandboxUser) -> None:
    await _ask_when(user)
    vague = await say(user, "next week")
    assert "Which day?" in vague.text and "Thu 26 Nov 15:00" in vague.text
    far = await say(user, "2028-01-10")
    assert "more than a year away" in far.text
    bare = await say(user, "2110")
    assert "I couldn't read “2110” as a date" in bare.text
    past = await say(user, "dec 10 2025")
    assert "already passed" in past.text
    brief = await say(user, "the 14th")
    assert brief.text.splitlines()[1].startswith("Mon 14 Dec · ")


async def test_a_date_the_zone_cannot_order_is_asked_once(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/start")
    await press(user, "Keep “Ada”")
    await press(user, "UTC")  # UTC tells neither month first nor day first
    await _ask_when(user)
    which = await say(user, "3/4 at 10")
    assert "Which day is “3/4 at 10”?" in which.text
    assert which.labels == ["Thu 4 Mar, 10:00", "Sat 3 Apr, 10:00"]
    brief = await press(user, "Sat 3 Apr, 10:00")
    assert brief.text.splitlines()[1].startswith("Sat 3 Apr, 10:00 · ")

    # Day first from now on: not asked again.
    await _ask_when(user, "Noor")
    brief = await say(user, "1/2 at 9")
    assert brief.text.splitlines()[1].startswith("Mon 1 Feb, 09:00 · ")
    user_row = await users.get_user(bot.services.db, user.id)
    assert user_row is not None and user_row.date_order == "day_first"


async def test_a_weekday_that_is_not_the_dates_is_asked_about(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """It had said only "couldn't read", though the person was one day out (panel 3)."""
    await _ask_when(user)
    which = await say(user, "Wednesday 18 February at 12:30")  # the 18th is a Thursday
    assert "18 February is a Thursday, not a Wednesday" in which.text
    assert which.labels == ["Thu 18 Feb, 12:30", "Wed 17 Feb, 12:30"]
    brief = await press(user, "Wed 17 Feb, 12:30")
    assert brief.text.splitlines()[1].startswith("Wed 17 Feb, 12:30 · ")
    user_row = await users.get_user(bot.services.db, user.id)
    assert user_row is not None and user_row.date_order is None  # no order was learned

    await _ask_when(user, "Noor")
    which = await say(user, "we said fri 18 dec, 9am")  # a Friday: no question
    assert which.text.splitlines()[1].startswith("Fri 18 Dec, 09:00 · ")
    await _ask_when(user, "Tomás")
    which = await say(user, "Mon 17/12 10:00")
    assert which.labels == ["Thu 17 Dec, 10:00", "Mon 14 Dec, 10:00"]
    brief = await press(user, "Thu 17 Dec, 10:00")
    assert brief.text.splitlines()[1].startswith("Thu 17 Dec, 10:00 · ")


async def test_cancel_midway_stores_nothing(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Half Done")
    cancelled = await say(user, "/cancel")
    assert "stopped" in cancelled.text and "Nothing" in cancelled.text
    assert await contacts.recent_contacts(bot.services.db, user.id) == []
    pointer = await say(user, "Globex")  # the answer to a question no longer asked
    assert "/prep" in pointer.text
    assert "nothing to cancel" in (await say(user, "/cancel")).text


async def test_text_outside_a_conversation_gets_a_pointer(user: SandboxUser) -> None:
    reply = await say(user, "hello?")
    assert "/prep" in reply.text
    reply = await say(user, "/unknown")
    assert "/prep" in reply.text


async def test_wrong_kind_of_answer_inside_a_conversation_gets_a_nudge(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Sam")
    await press(user, "Skip")
    await press(user, "Skip")
    nudge = await say(user, "qwerty")  # no goal in it
    assert "still waiting for an answer" in nudge.text
    assert "advice on moving into management" in nudge.text  # says what would work
    known = await press(user, "Learn about their field")
    assert "How do you know Sam?" in known.text


async def test_stale_buttons_get_a_polite_answer(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Sam")
    await press(user, "Skip")
    await press(user, "Skip")
    goal_question = user.last
    await skip_to_when(user, await press(user, "Job search"))
    await press(user, "Skip")  # the brief: conversation over
    # A goal button from that finished /prep, as an old message would still offer it.
    await user.press_data(goal_question.message_id, "prep:goal:advice")
    reply = await next_new(user)
    assert "earlier conversation" in reply.text
    assert user.callback_answers[-1] == "That button is no longer active."

    # Inside a conversation, a button from an earlier step is answered and ignored.
    await say(user, "/prep")
    await user.press_data(goal_question.message_id, "prep:goal:advice")
    await user.expect_silence()
    assert user.callback_answers[-1] == "That button is from an earlier step."


async def test_forged_contact_buttons_reveal_nothing(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await prep_new_contact(other_user, "Secret Person")
    [theirs] = await contacts.recent_contacts(bot.services.db, other_user.id)

    who = await say(user, "/prep")
    for forged in (f"prep:contact:{theirs.id}", "prep:contact:999999", "prep:contact:x", "💥" * 16):
        await user.press_data(who.message_id, forged)
        if forged.startswith("prep:contact:") and forged[13:].isdigit():
            gone = await next_new(user)
            assert "can't find that contact" in gone.text
        else:
            await user.expect_silence()
    assert all("Secret" not in m.text for m in user.messages)
    # Reminder buttons of someone else's meeting are refused too.
    [meeting] = await meetings.meetings_for_contact(bot.services.db, other_user.id, theirs.id)
    await user.press_data(who.message_id, f"brief:remind:{meeting.id}:0")
    await user.expect_silence()
    refreshed = await meetings.get_meeting(bot.services.db, other_user.id, meeting.id)
    assert refreshed is not None and refreshed.debrief_reminder is True  # unchanged


async def test_html_in_a_contact_name_is_shown_literally(user: SandboxUser) -> None:
    brief = await prep_new_contact(user, "<b>Bob & Co</b>")
    assert "Brief: <b>Bob & Co</b>, Head of Research at Globex" in brief
    who = await say(user, "/prep")
    assert who.labels == ["<b>Bob & Co</b> · Globex"]


async def test_help_lists_the_commands_even_inside_a_conversation(user: SandboxUser) -> None:
    await say(user, "/prep")
    help_text = (await say(user, "/help")).text
    for command in ("/prep", "/start", "/cancel", "/help"):
        assert command in help_text
    company = await say(user, "Sam")  # the conversation carried on
    assert "Where does Sam work?" in company.text


async def test_start_during_prep_replaces_it(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Sam")
    welcome = await say(user, "/start")
    assert "what should I call you" in welcome.text
    question = await say(user, "Ada")
    assert "time zone" in question.text


@pytest.mark.parametrize(
    ("typed", "goal"),
    [
        ("advice on moving into management", "Get advice"),
        ("looking for a job at Ledgerly", "Job search"),
        ("just want to catch up, it's been ages", "Reconnect"),
        ("learn how she got into product, and if ledgerly hires juniors", "Learn about"),
    ],
)
async def test_a_goal_typed_in_own_words_is_understood_and_kept_as_the_aim(
    user: SandboxUser, bot: CommonGroundApplication, typed: str, goal: str
) -> None:
    await say(user, "/prep")
    await say(user, "Sam")
    await press(user, "Skip")
    await press(user, "Skip")
    asked = await say(user, typed)
    assert "still waiting" not in asked.text
    texts = [asked.text]
    while "When do you meet?" not in asked.text:
        asked = await press(user, "Skip")
        texts.append(asked.text)
    # What they want to walk out with was already said: not asked again.
    assert not any("walk out with" in text for text in texts), texts
    brief = await say(user, "tomorrow 15:00")
    assert goal in brief.text
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, contact.id)
    assert meeting.about.aim == typed


@pytest.mark.parametrize("typed", ["skip", "Skip.", "no idea", "n/a"])
async def test_skip_typed_at_company_and_role_skips_them(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await say(user, "/prep")
    role = await say(user, "Jo Kim")
    role = await say(user, typed)
    assert "role" in role.text and f"at {typed}" not in role.text
    goal = await say(user, typed)
    assert "What do you hope to get from meeting Jo Kim?" in goal.text
    await skip_to_when(user, await press(user, "Reconnect"))
    await say(user, "tomorrow 15:00")
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (contact.company, contact.role) == (None, None)
