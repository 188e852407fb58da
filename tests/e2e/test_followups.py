"""Reminders, the digest and debrief offers, delivered by the real bot on the injected clock.

The clock starts on Sunday 22 November 2026, 09:00 UTC (10:00 in Europe/Berlin, the bot's
default zone). Tests move it and call deliver_due instead of waiting for the sweep job.
"""

import asyncio
import contextlib
import logging
from datetime import timedelta

import pytest

from bot.app import build_application, running
from bot.config import Settings
from bot.ptb.application import CommonGroundApplication
from bot.reminders.sweep import deliver_due
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import BotMessage, SandboxUser
from bot.storage import contacts, debriefs, followups, interactions, meetings, notes
from tests.e2e.helpers import (
    Clock,
    add_note,
    answered_nothing,
    follow_up,
    next_new,
    prep_new_contact,
    press,
    say,
    stored,
)

REMINDER_BUTTONS = ["✓ Done", "👤 Open contact", "⏰ 1 day", "⏰ 3 days", "⏰ 1 week"]
STALE = "That button is no longer active."


def data_of(message: BotMessage, label: str) -> str | None:
    [button] = [b for row in message.buttons for b in row if b.text == label]
    return button.callback_data


async def test_a_due_follow_up_arrives_with_its_reason_an_opener_and_buttons(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    f = await follow_up(bot, user.id)
    assert await deliver_due(bot) == 0  # not due yet
    await user.expect_silence()

    clock.advance(hours=1)
    assert await deliver_due(bot) == 1
    reminder = await next_new(user)
    assert "Follow up with Mira Patel" in reminder.text
    assert "You promised: send the hiring guide" in reminder.text
    assert "You could open with" in reminder.text
    assert "Hi Mira, it's been a while — how are things at Globex?" in reminder.text
    assert reminder.labels == REMINDER_BUTTONS
    assert data_of(reminder, "👤 Open contact") == f"contact:open:{f.contact_id}"

    # Delivered once: the next sweeps find nothing to send.
    assert await deliver_due(bot) == 0
    clock.advance(hours=5)
    assert await deliver_due(bot) == 0
    await user.expect_silence()
    assert (await stored(bot, f)).delivered_at == clock.now - timedelta(hours=5)


async def test_the_opener_builds_on_what_you_promised(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    f = await follow_up(bot, user.id, due_in=timedelta(0))
    meeting = await meetings.create_meeting(
        db, user.id, contact_id=f.contact_id, goal="learn", scheduled_at=clock.now
    )
    debrief = await debriefs.start_debrief(db, user.id, meeting.id)
    await debriefs.record_answer(
        db,
        user.id,
        debrief.id,
        step=0,
        step_id="promise",
        slot="my_promises",
        bodies=["send the <b>hiring</b> guide"],
        update_id=1,
    )
    await deliver_due(bot)
    reminder = await next_new(user)
    assert "following up on what I said I'd do: “send the <b>hiring</b> guide”" in reminder.text


async def test_a_reminder_due_while_the_bot_was_down_is_delivered_once_at_start(
    sandbox: SandboxServer, settings: Settings, clock: Clock
) -> None:
    user = sandbox.user(1001, "Ada")
    first = build_application(settings, clock=clock)
    async with running(first):
        f = await follow_up(first, user.id, due_in=timedelta(hours=2))
    await user.expect_silence()

    clock.advance(hours=3)  # the bot is down when it falls due
    restarted = build_application(settings, clock=clock)
    async with running(restarted):
        # No deliver_due here: the start-up sweep alone must deliver it.
        reminder = await next_new(user)
        assert "Follow up with Mira Patel" in reminder.text
        assert "send the hiring guide" in reminder.text
        assert await deliver_due(restarted) == 0
        await user.expect_silence()
        assert (await stored(restarted, f)).delivered_at == clock.now

    again = build_application(settings, clock=clock)
    async with running(again):
        await user.expect_silence(0.5)  # and not once more after another restart


async def test_snooze_moves_it_and_it_comes_back_after_the_new_time(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    f = await follow_up(bot, user.id, due_in=timedelta(0))
    # Without a digest, so that Monday 08:00 (which would list Mira) stays quiet here.
    await followups.set_digest(bot.services.db, user.id, hour=None, off=True, next_at=None)
    await deliver_due(bot)
    reminder = await next_new(user)
    await user.press(reminder, "⏰ 1 day")
    edited = await user.next_event()
    assert edited.edited and edited.message_id == reminder.message_id
    assert "Snoozed until Mon 23 Nov, 10:00" in edited.text  # 10:00 Berlin, a day later
    assert edited.buttons == []
    assert (await stored(bot, f)).due_at == clock.now + timedelta(days=1)

    clock.advance(hours=23, minutes=59)
    assert await deliver_due(bot) == 0
    await user.expect_silence()
    clock.advance(minutes=1)
    assert await deliver_due(bot) == 1
    back = await next_new(user)
    assert "Follow up with Mira Patel" in back.text and back.labels == REMINDER_BUTTONS


async def test_done_closes_it_and_resets_the_stay_in_touch_cadence(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    f = await follow_up(bot, user.id, due_in=timedelta(hours=1))
    clock.advance(days=15)  # Mira is a new contact (seed: every 2 weeks) — now overdue
    await deliver_due(bot)
    reminder = await next_new(user)
    assert "(due Sun 22 Nov)" in reminder.text  # two weeks late, and it says so

    await user.press(reminder, "✓ Done")
    settled = await user.next_event()
    assert settled.edited and "→ ✓ Done" in settled.text and settled.buttons == []
    thanks = await next_new(user)
    assert "noted that you were in touch with Mira Patel" in thanks.text
    assert "around Mon 21 Dec" in thanks.text  # 14 days from today, Mon 7 Dec

    db = bot.services.db
    assert (await stored(bot, f)).done_at == clock.now
    assert await interactions.last_interaction(db, user.id, f.contact_id) == clock.now
    # Being in touch reset the cadence: nobody is due.
    listing = await say(user, "/followups")
    assert "Nothing due, and nothing coming in the next 30 days" in listing.text

    # The same Done again (an old message, a double tap) changes nothing.
    await user.press_data(reminder.message_id, f"followup:done:{f.id}")
    await user.expect_silence()
    assert user.callback_answers[-1] == STALE


@pytest.mark.parametrize(("side", "kept"), [("my_promises", True), ("their_promises", False)])
async def test_done_on_a_reminder_of_your_promise_keeps_the_promise(
    user: SandboxUser, bot: CommonGroundApplication, side: str, kept: bool
) -> None:
    """Played: ✓ Done on "You said you'd send…" closed the reminder, and the next /prep
    still asked whether it was done. Done on a reminder of theirs is only followed up on."""
    db = bot.services.db
    mira = await contacts.create_contact(db, user.id, name="Mira Patel")
    await add_note(db, user.id, mira.id, side, "send the hiring guide")
    [promise] = await notes.open_promises(db, user.id, mira.id)
    await followups.create_followup(
        db,
        user.id,
        contact_id=mira.id,
        kind="followup",
        due_at=bot.services.clock(),
        reason="You promised: send the hiring guide",
        promise_note_id=promise.id,
    )
    await deliver_due(bot)
    reminder = await next_new(user)
    await user.press(reminder, "✓ Done")
    await next_new(user)
    still_open = [n.body for n in await notes.open_promises(db, user.id, mira.id)]
    assert still_open == ([] if kept else ["send the hiring guide"])


async def test_without_done_the_run_out_cadence_shows_up(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await contacts.create_contact(bot.services.db, user.id, name="Sam Lee")
    listing = await say(user, "/followups")
    assert "Nothing due" in listing.text
    clock.advance(days=15)
    listing = await say(user, "/followups")
    assert "Due now" in listing.text
    assert "Sam Lee</b> — time to get back in touch" in listing.html
    card = await press(user, "🌱 Sam Lee")
    assert "Time to get back in touch with Sam Lee" in card.text
    assert "You added Sam Lee 2 weeks ago" in card.text
    assert card.labels == REMINDER_BUTTONS


async def test_followups_works_in_the_middle_of_prep(user: SandboxUser) -> None:
    await say(user, "/prep")
    listing = await say(user, "/followups")
    assert "Nothing due" in listing.text
    company = await say(user, "Sam")  # /prep carried on
    assert "Where does Sam work?" in company.text


async def test_the_digest_comes_at_the_digest_hour_only_when_something_is_due(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    # Due Monday 09:00 Berlin; the default digest hour is 08:00 Berlin (07:00 UTC).
    f = await follow_up(bot, user.id, due_in=timedelta(hours=23))
    assert await deliver_due(bot) == 0  # Sunday 10:00: the first digest is tomorrow

    clock.advance(hours=21, minutes=59)  # Monday 07:59 Berlin
    assert await deliver_due(bot) == 0
    await user.expect_silence()
    clock.advance(minutes=1)
    assert await deliver_due(bot) == 1
    digest = await next_new(user)
    assert "who is due today" in digest.text
    assert "Mira Patel — You promised: send the hiring guide" in digest.text
    assert digest.labels == ["⏰ Mira Patel"]
    card = await press(user, "⏰ Mira Patel")
    assert "Follow up with Mira Patel" in card.text and card.labels == REMINDER_BUTTONS
    await press(user, "✓ Done")
    assert (await stored(bot, f)).done_at is not None

    clock.advance(days=1)  # Tuesday 08:00: nothing due, so no digest
    assert await deliver_due(bot) == 0
    await user.expect_silence()


async def test_digest_hour_can_be_chosen_or_turned_off(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await follow_up(bot, user.id, due_in=-timedelta(days=1))  # overdue
    await deliver_due(bot)
    await next_new(user)  # its reminder

    settings = await say(user, "/digest")
    assert "Every day at <b>08:00</b> (Europe/Berlin)" in settings.html
    assert "✓ 08:00" in settings.labels and "Off" in settings.labels
    saved = await press(user, "19:00")
    assert "Your digest comes at 19:00 (Europe/Berlin)" in saved.text

    clock.advance(hours=8, minutes=59)  # Sunday 18:59 Berlin
    assert await deliver_due(bot) == 0
    clock.advance(minutes=1)
    assert await deliver_due(bot) == 1
    digest = await next_new(user)
    assert "Mira Patel" in digest.text and "(since Sat 21 Nov)" in digest.text

    off = await say(user, "/digest off")
    assert "Daily digest off" in off.text
    clock.advance(days=1)
    assert await deliver_due(bot) == 0
    await user.expect_silence()

    again = await say(user, "/digest 7")
    assert "Your digest comes at 07:00" in again.text
    confused = await say(user, "/digest whenever")
    assert "I didn't catch that hour" in confused.text and "✓ 07:00" in confused.labels


async def test_a_debrief_is_offered_after_a_prepped_meeting_time_passes(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await prep_new_contact(user, "Mira Patel", when="today 17:00")  # 16:00 UTC
    await prep_new_contact(user, "Sam Lee", when="today 17:00")
    await press(user, "No debrief reminder")
    [mira] = await contacts.find_contacts(bot.services.db, user.id, "Mira Patel")
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, mira.id)

    clock.advance(hours=7, minutes=30)  # 17:30 Berlin: the meeting is on
    assert await deliver_due(bot) == 0
    clock.advance(minutes=30)  # an hour after it began
    assert await deliver_due(bot) == 1
    offer = await next_new(user)
    assert "How did it go with Mira Patel?" in offer.text
    assert "Your meeting at 17:00 on Sun 22 Nov has passed" in offer.text
    assert offer.labels == [
        "📝 Debrief now",
        "⏰ 1 day",
        "⏰ 3 days",
        "⏰ 1 week",
        "Not this time",
    ]
    assert data_of(offer, "📝 Debrief now") == f"debrief:start:{meeting.id}"
    assert "Sam Lee" not in offer.text  # who declined the reminder is not asked

    declined = await press(user, "Not this time")
    assert "no debrief this time" in declined.text
    clock.advance(days=2)
    assert await deliver_due(bot) == 0
    await user.expect_silence()


async def test_a_user_who_blocked_the_bot_does_not_stop_delivery_to_others(
    sandbox: SandboxServer,
    user: SandboxUser,
    other_user: SandboxUser,
    bot: CommonGroundApplication,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = await follow_up(bot, user.id, due_in=timedelta(0))
    second = await follow_up(bot, user.id, "Sam Lee", due_in=timedelta(minutes=1))
    later = await follow_up(bot, user.id, "Kim Ode", due_in=timedelta(days=3))
    theirs = await follow_up(bot, other_user.id, "Grace's Friend", due_in=timedelta(minutes=2))
    user.blocked = True

    clock.advance(minutes=5)
    with caplog.at_level(logging.WARNING, logger="bot.reminders.sweep"):
        assert await deliver_due(bot) == 1
        assert "Grace's Friend" in (await next_new(other_user)).text
        clock.advance(days=4)
        assert await deliver_due(bot) == 0
    await user.expect_silence()

    # Telegram was asked once for the blocked user, not once per reminder and sweep.
    assert [(r.method, r.status) for r in sandbox.rejections] == [("sendMessage", 403)]
    sandbox.rejections.clear()
    assert sum("blocked the bot" in r.getMessage() for r in caplog.records) == 1
    for f in (first, second, later):
        assert (await stored(bot, f)).cancelled_at is not None
    assert (await stored(bot, theirs)).delivered_at is not None
    setting = await followups.digest_setting(bot.services.db, user.id)
    assert setting is not None and setting.off


PILE = ["Ann Ames", "Bo Berg", "Cy Cole", "Di Dunn", "Ed Eyre", "Flo Fox"]


async def test_one_persons_pile_of_reminders_does_not_hold_up_anyone_elses(
    sandbox: SandboxServer,
    user: SandboxUser,
    other_user: SandboxUser,
    bot: CommonGroundApplication,
    clock: Clock,
) -> None:
    """Ada's six are paced (test_faults has the rate); Grace's, due after all of them, need
    not wait for that."""
    for name in PILE:
        await follow_up(bot, user.id, name, due_in=timedelta(0))
    await follow_up(bot, other_user.id, "Sam Lee", due_in=timedelta(seconds=1))
    clock.advance(seconds=1)
    assert await deliver_due(bot) == len(PILE) + 1

    assert "Follow up with Sam Lee" in (await next_new(other_user)).text
    for name in PILE:  # in the order they fell due
        assert f"Follow up with {name}" in (await next_new(user)).text
    # In the order Telegram got them: Ada's last is three seconds after her burst, and
    # Grace's would come after it if it waited its turn behind Ada's.
    chats = [send.chat_id for send in sandbox.world.sends]
    ada_last = len(chats) - 1 - chats[::-1].index(user.id)
    assert chats.index(other_user.id) < ada_last, "Grace's waited for Ada's paced ones"


async def test_a_reminder_closed_while_it_waits_its_turn_is_not_sent(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    pile = [await follow_up(bot, user.id, name, due_in=timedelta(0)) for name in PILE]
    sweep = asyncio.create_task(deliver_due(bot))
    for name in PILE[:3]:  # the burst; the rest wait a second each
        assert f"Follow up with {name}" in (await next_new(user)).text
    await followups.mark_done(bot.services.db, user.id, pile[-1].id, clock.now)
    await followups.snooze(bot.services.db, user.id, pile[-2].id, clock.now + timedelta(hours=1))

    assert await sweep == len(PILE) - 2
    assert "Follow up with Di Dunn" in (await next_new(user)).text
    await user.expect_silence()
    assert (await stored(bot, pile[-2])).delivered_at is None  # comes back in an hour
    clock.advance(hours=1)
    assert await deliver_due(bot) == 1
    assert "Follow up with Ed Eyre" in (await next_new(user)).text


async def test_stopping_does_not_wait_for_a_paced_pile_the_rest_comes_after_a_restart(
    sandbox: SandboxServer, settings: Settings, clock: Clock
) -> None:
    user = sandbox.user(1001, "Ada")
    first = build_application(settings, clock=clock)
    async with running(first):
        for name in PILE:
            await follow_up(first, user.id, name, due_in=timedelta(hours=1))
    clock.advance(hours=1)

    restarted = build_application(settings, clock=clock)
    async with running(restarted):  # its start-up sweep sends the burst, then paces
        for name in PILE[:3]:
            assert f"Follow up with {name}" in (await next_new(user)).text
    # Stopped at once rather than after the three seconds the rest of the pile would take.
    before_the_restart = sum("Follow up with" in m.text for m in user.messages)
    assert before_the_restart < len(PILE)

    again = build_application(settings, clock=clock)
    async with running(again):
        while f"Follow up with {PILE[-1]}" not in (await next_new(user)).text:
            pass
        await user.expect_silence()
    texts = [m.text for m in user.messages]
    for name in PILE:  # each once, in order, some before the stop and the rest after
        assert sum(f"Follow up with {name}" in text for text in texts) == 1
    assert texts == sorted(texts, key=lambda t: next(i for i, n in enumerate(PILE) if n in t))


async def test_replies_are_not_paced(user: SandboxUser, bot: CommonGroundApplication) -> None:
    """Only what the bot sends on its own is: here a person sets the pace. Their replies do
    not queue behind a pile of reminders that is waiting its turn in their chat."""
    pile = [f"Person {number:02d}" for number in range(10)]
    for name in pile:
        await follow_up(bot, user.id, name, due_in=timedelta(0))
    sweep = asyncio.create_task(deliver_due(bot))
    try:
        for name in pile[:3]:  # the burst; the other seven wait a second each
            assert f"Follow up with {name}" in (await next_new(user)).text
        for _ in range(6):
            await user.send("/help")
        helped = reminded = 0
        while helped < 6:
            text = (await next_new(user)).text
            helped += "/prep" in text
            reminded += "Follow up with" in text
        # Paced, the replies would come after the last of the pile, seven seconds on.
        assert reminded < len(pile) - 3
    finally:
        sweep.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweep


async def test_forged_followup_buttons_change_nothing_and_reveal_nothing(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication
) -> None:
    theirs = await follow_up(bot, other_user.id, "Secret Person", due_in=timedelta(0))
    await deliver_due(bot)
    await next_new(other_user)
    before = await stored(bot, theirs)

    mine = await say(user, "/followups")
    for forged in (
        f"followup:done:{theirs.id}",
        f"followup:skip:{theirs.id}",
        f"followup:snooze:{theirs.id}:1w",
        f"followup:show:{theirs.id}",
        "followup:done:999999",
    ):
        await user.press_data(mine.message_id, forged)
        await answered_nothing(user)
        assert user.callback_answers[-1] == STALE
    assert await stored(bot, theirs) == before
    assert (
        await interactions.last_interaction(bot.services.db, other_user.id, theirs.contact_id)
        is None
    )
    assert all("Secret" not in m.text for m in user.messages)
