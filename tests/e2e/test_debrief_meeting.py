"""The debrief belongs to the meeting: /debrief right after /prep, or before the planned time,
debriefs that meeting, moved to the day it really happened, without asking its goal again,
without a second meeting and without the check-in meant for after it (issue 12, point 4)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.ptb.application import CommonGroundApplication
from bot.reminders.sweep import deliver_due
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups, meetings
from bot.storage.contacts import Contact
from tests.e2e.helpers import Clock, next_new, prep, prep_new_contact, press, say
from tests.stored_notes import all_notes

FIRST_QUESTION = "1/6 · What did you learn about them?"
# A reconnect asks one question fewer: no advice, no names.
RECONNECT_FIRST = "1/5 · What did you learn about them?"
GOAL_QUESTION = "What was the meeting with"


async def only_contact(bot: CommonGroundApplication, user: SandboxUser) -> Contact:
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    return contact


async def no_check_in_comes(
    bot: CommonGroundApplication, user: SandboxUser, clock: Clock, contact: Contact
) -> None:
    """Past the time the meeting was planned for, no "how did it go?" is made for it."""
    clock.advance(days=3)
    await deliver_due(bot)
    pending = await followups.open_for_contact(bot.services.db, user.id, contact.id)
    assert [f for f in pending if f.kind == "debrief"] == []


@pytest.mark.parametrize(
    ("when", "label"),
    [
        ("tomorrow 15:00", "Mira Patel · 23 Nov"),
        ("tuesday at 9", "Mira Patel · 24 Nov"),
        ("today 18:00", "Mira Patel · 22 Nov"),  # later today: it happened early
        ("next fri", "Mira Patel · 27 Nov"),  # a day without a time
        ("dec 14 at 10", "Mira Patel · 14 Dec"),  # three weeks ahead
    ],
)
async def test_debrief_right_after_prep_is_that_meeting_moved_to_today(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock, when: str, label: str
) -> None:
    await prep_new_contact(user, "Mira Patel", when=when)
    pick = await say(user, "/debrief")
    assert "No prepped meetings are waiting" not in pick.text
    assert pick.labels == [label, "Someone else"]

    first = await press(user, label)
    assert GOAL_QUESTION not in first.text
    assert "Let's debrief your meeting with Mira Patel" in first.text
    assert FIRST_QUESTION in first.text
    await say(user, "She is moving to Lisbon")

    mira = await only_contact(bot, user)
    # The prepped meeting, its goal as chosen in /prep; the debrief made no second one.
    [moved] = await meetings.meetings_for_contact(bot.services.db, user.id, mira.id)
    assert moved.goal == "learn"
    assert moved.scheduled_at == clock.now and not moved.all_day  # it happened now
    assert not moved.debrief_reminder
    await no_check_in_comes(bot, user, clock, mira)


async def test_a_meeting_debriefed_before_its_time_is_debriefed_once(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await prep(user, "Mira Patel", "Globex")  # tomorrow 15:00
    await say(user, "/debrief")
    await press(user, "Mira Patel · 23 Nov")
    for _ in range(6):
        summary = await press(user, "Skip")
    assert "Debrief saved: Mira Patel" in summary.text
    # Tomorrow at three, nothing asks about it again, and /debrief does not offer it.
    mira = await only_contact(bot, user)
    await no_check_in_comes(bot, user, clock, mira)
    pick = await say(user, "/debrief")
    assert pick.labels == ["Someone else"]
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, mira.id)
    assert meeting.scheduled_at == datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


async def test_a_check_in_already_made_is_closed_when_the_meeting_is_picked(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await prep(user, "Mira Patel", "Globex")  # tomorrow 15:00
    clock.advance(days=1, hours=8)  # Monday 17:00 UTC: the meeting is over
    await deliver_due(bot)
    assert "How did it go with Mira Patel?" in (await next_new(user)).text
    mira = await only_contact(bot, user)
    [check_in] = await followups.open_for_contact(bot.services.db, user.id, mira.id)
    assert check_in.kind == "debrief"
    await say(user, "/debrief")
    first = await press(user, "Mira Patel · 23 Nov")
    assert FIRST_QUESTION in first.text
    assert await followups.open_for_contact(bot.services.db, user.id, mira.id) == []
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, mira.id)
    # It happened when planned: it stays there.
    assert meeting.scheduled_at == datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize("typed", ["ruth", "Ruth Adler", "ADLER", "ruth from quarry", "rúth"])
async def test_typing_the_name_at_the_meeting_list_picks_their_meeting(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await prep(user, "Ruth Adler", "Quarry Robotics", "CTO")
    await prep(user, "Dana Okafor", "Ledgerly")
    pick = await say(user, "/debrief")
    assert len(pick.labels) == 3
    first = await say(user, typed)
    assert "Let's debrief your meeting with Ruth Adler" in first.text
    assert FIRST_QUESTION in first.text
    await say(user, "Quarry is hiring in Berlin")
    ruth, dana = sorted(
        await contacts.recent_contacts(bot.services.db, user.id), key=lambda c: c.name, reverse=True
    )
    assert ruth.name == "Ruth Adler"
    assert len(await meetings.meetings_for_contact(bot.services.db, user.id, ruth.id)) == 1
    [note] = await all_notes(bot.services.db, user.id, ruth.id)
    assert note.body == "Quarry is hiring in Berlin"
    assert await all_notes(bot.services.db, user.id, dana.id) == []


@pytest.mark.parametrize("typed", ["Léa Dubois", "lea", "Sam from Initech"])
async def test_another_name_at_the_meeting_list_is_someone_else(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await prep(user, "Ruth Adler", "Quarry Robotics")
    await say(user, "/debrief")
    goal = await say(user, typed)
    name = typed.split(" from ")[0]
    assert f"What was the meeting with {name} about?" in goal.text
    first = await press(user, "Reconnect")
    assert RECONNECT_FIRST in first.text
    assert len(await contacts.recent_contacts(bot.services.db, user.id)) == 2


async def test_a_known_name_at_the_meeting_list_without_a_waiting_meeting_is_offered(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await prep(user, "Ruth Adler", "Quarry Robotics")
    await say(user, "/debrief")
    await press(user, "Ruth Adler · 23 Nov")
    for _ in range(6):
        await press(user, "Skip")
    await say(user, "/debrief")
    offer = await say(user, "ruth")
    assert "Do you mean Ruth Adler · Quarry Robotics?" in offer.text
    goal = await say(user, "yes")
    assert "What was the meeting with Ruth Adler about?" in goal.text


@pytest.mark.parametrize("how", ["button", "typed"])
async def test_someone_else_with_a_prepped_contact_uses_that_meeting(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock, how: str
) -> None:
    await prep(user, "Ruth Adler", "Quarry Robotics")
    await say(user, "/debrief")
    who = await press(user, "Someone else")
    if how == "button":
        first = await press(user, "Ruth Adler · Quarry Robotics")
    else:
        await say(user, "Ruth")
        first = await say(user, "that's her")
    assert GOAL_QUESTION not in first.text and FIRST_QUESTION in first.text
    assert "Who did you meet?" in who.text
    ruth = await only_contact(bot, user)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, ruth.id)
    assert meeting.scheduled_at == clock.now
    await no_check_in_comes(bot, user, clock, ruth)


async def test_a_meeting_months_ahead_is_found_by_the_name_typed(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await prep_new_contact(user, "Mira Patel", when="jan 20 at 10")
    pick = await say(user, "/debrief")
    assert pick.labels == ["Someone else"]  # too far ahead to offer unasked
    first = await say(user, "mira")
    assert GOAL_QUESTION not in first.text
    assert "Let's debrief your meeting with Mira Patel" in first.text
    mira = await only_contact(bot, user)
    [moved] = await meetings.meetings_for_contact(bot.services.db, user.id, mira.id)
    assert moved.scheduled_at == clock.now


async def test_cancel_says_what_it_kept(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Mira Patel")
    stopped = await say(user, "/cancel")
    assert "Nothing from that conversation was saved" in stopped.text

    await prep_new_contact(user, "Mira Patel")
    await say(user, "/debrief")
    await press(user, "Mira Patel · 23 Nov")
    await say(user, "She is moving to Lisbon")
    stopped = await say(user, "/cancel")
    assert "Nothing from that conversation was saved" not in stopped.text
    assert "debrief so far is kept" in stopped.text
    again = await say(user, "/debrief")
    assert "Carry on" in again.labels
