"""Debrief answers as people type them on a phone: "nothing really", several promises in one
message, a due date inside a promise. What lands on the card, and what reminds you later.

The clock starts on Sunday 22 November 2026, 09:00 UTC (10:00 in Europe/Berlin).
"""

from datetime import timedelta

from bot.ptb.application import CommonGroundApplication
from bot.reminders.sweep import deliver_due
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups
from tests.e2e.helpers import Clock, debrief, next_new, press
from tests.stored_notes import all_notes


async def no_digest(bot: CommonGroundApplication, user: SandboxUser) -> None:
    """The morning digest would list what is due too; these tests watch the reminders."""
    await followups.set_digest(bot.services.db, user.id, hour=None, off=True, next_at=None)


async def test_answers_that_say_nothing_store_nothing(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    summary = await debrief(
        user,
        clock,
        "Ana Costa",
        [
            "nothing really",
            "No-code tools, and teams that ship small",
            "Nope 🙂",
            "n/a",
            "nothing this time",
            "in 10 days",
        ],
    )
    assert "Advice they gave: No-code tools, and teams that ship small" in summary.text
    assert "You promised" not in summary.text and "nothing" not in summary.text.casefold()
    assert "Follow-up: Wed 2 Dec, 09:00" in summary.text

    card = (await press(user, "Open contact card")).text
    assert "No-code tools, and teams that ship small" in card
    for empty in ("nothing really", "Nope", "n/a", "nothing this time", "Open promises"):
        assert empty not in card, empty
    # The follow-up is a follow-up, not something you know about Ana.
    assert "in 10 days" not in card
    assert "Follow-ups" in card and "Wed 2 Dec" in card
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)
    stored = await all_notes(bot.services.db, user.id, contact.id)
    assert [(n.slot, n.body) for n in stored] == [
        ("advice", "No-code tools, and teams that ship small")
    ]


async def test_one_message_with_several_promises_gives_each_its_own_tick_and_date(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await no_digest(bot, user)
    summary = await debrief(
        user,
        clock,
        "Ana Costa",
        [
            "Runs the Lisbon office",
            None,
            "nothing",
            "intro to Ines. and send him a 3 line blurb for victor by friday",
            "1) her slides from the talk 2) ask her manager about the role",
            None,
        ],
    )
    assert "You promised: intro to Ines; send him a 3 line blurb for victor (⏰ Fri 27 Nov)" in (
        summary.text
    )
    assert "They promised: her slides from the talk; ask her manager about the role" in (
        summary.text
    )

    card = await press(user, "Open contact card")
    for promise in (
        "intro to Ines",
        "send him a 3 line blurb for victor",
        "her slides from the talk",
        "ask her manager about the role",
    ):
        assert f"• {promise}\n" in card.text, promise
    assert "by friday" not in card.text
    assert card.labels[:4] == [
        "✓ intro to Ines",
        "✓ send him a 3 line blurb for victor",
        "✓ They: her slides from the talk",
        "✓ They: ask her manager about the role",
    ]
    # The dated promise has its reminder on the card, in words.
    assert "Fri 27 Nov — Follow up: You said you'd send him a 3 line blurb for victor." in (
        card.text
    )

    # Ticking one promise leaves the others open.
    after = await press(user, "✓ intro to Ines")
    assert "Promise kept: intro to Ines" in after.text
    assert "✓ send him a 3 line blurb for victor" in after.labels

    # Friday morning, the dated promise comes back as a sentence, not as raw text.
    clock.now = clock.now.replace(day=27, hour=8)  # 09:00 in Berlin
    assert await deliver_due(bot) == 1
    reminder = await next_new(user)
    assert "Follow up with Ana Costa" in reminder.text
    assert "You said you'd send him a 3 line blurb for victor." in reminder.text
    assert "by friday" not in reminder.text
    # The opener is about this promise too, not another one still open.
    assert "what I said I'd do: “send him a 3 line blurb for victor”" in reminder.text
    assert await deliver_due(bot) == 0


async def test_promises_on_lines_each_with_a_date_and_a_kept_one_is_not_chased(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await no_digest(bot, user)
    summary = await debrief(
        user,
        clock,
        "Ben Okoro",
        [
            None,
            None,
            None,
            "- send the deck tomorrow\n- review his CV before the 1st",
            "She'll send me the hiring plan by the 30th",
            None,
        ],
    )
    assert "send the deck (⏰ Mon 23 Nov); review his CV (⏰ Mon 30 Nov)" in summary.text
    # Theirs is asked after the next working morning after it was due: Tue 1 Dec.
    assert "She'll send me the hiring plan (⏰ Tue 1 Dec)" in summary.text

    card = await press(user, "Open contact card")
    assert "✓ They: She'll send me the hiring plan" in card.labels
    await press(user, "✓ They: She'll send me the hiring plan")  # it came early

    clock.now = clock.now.replace(day=23, hour=8)
    assert await deliver_due(bot) == 1
    assert "You said you'd send the deck." in (await next_new(user)).text
    clock.now = clock.now.replace(day=30, hour=8)
    assert await deliver_due(bot) == 1
    reminder = (await next_new(user)).text
    assert "You said you'd review his CV." in reminder
    # "send the deck" is still open, but this reminder is about the CV, and so is its opener.
    assert "what I said I'd do: “review his CV”" in reminder
    clock.now = clock.now + timedelta(days=1)
    assert await deliver_due(bot) == 0  # the hiring plan came: no reminder to chase it
    await user.expect_silence()


async def test_their_promise_reads_as_theirs_in_the_reminder(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await no_digest(bot, user)
    await debrief(
        user,
        clock,
        "Ben Okoro",
        [None, None, None, "nope", "intro me to his cofounder by Thursday", None],
    )
    clock.now = clock.now.replace(day=27, hour=8)  # the working morning after Thursday
    assert await deliver_due(bot) == 1
    reminder = await next_new(user)
    assert "Ben said they'd intro you to his cofounder." in reminder.text
    assert "Any news on “intro me to his cofounder”?" in reminder.text


async def test_a_promise_dated_with_its_weekday_is_due_that_day_and_said_back_well(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    """Seen in panel 3: "by Monday 21 December" had its reminder on the coming Monday, the
    date was left in the promise, and "who I am" came back as "who you am"."""
    await no_digest(bot, user)
    summary = await debrief(
        user,
        clock,
        "Rui Lopes",
        [
            "Moving the team to Porto",
            None,
            "Nobody specific, just the alumni committee.",
            "Send him my CV and a note on why I want the role by Monday 21 December. And"
            " email him two lines reminding him who I am by Fri the 18th",
            "Nothing really, I offered the case study myself.",
            None,
        ],
    )
    assert (
        "You promised: Send him my CV and a note on why I want the role (⏰ Mon 21 Dec);"
        " email him two lines reminding him who I am (⏰ Fri 18 Dec)" in summary.text
    )
    assert "21 December" not in summary.text and "the 18th" not in summary.text
    assert "Who they know" not in summary.text and "alumni committee" not in summary.text
    assert "They promised" not in summary.text and "case study" not in summary.text

    card = (await press(user, "Open contact card")).text
    assert "Fri 18 Dec — Follow up: You said you'd email him two lines reminding him who you" in (
        card
    )
    assert "who you are." in card and "who you am" not in card
