"""/followups shows everything coming: what is due now, then the next 30 days (follow-ups,
promise deadlines, prepped meetings) one line each, then how much comes after, on a button.

The clock starts on Sunday 22 November 2026, 09:00 UTC (10:00 in Europe/Berlin): the 30 days
run to Tuesday 22 December.
"""

from datetime import timedelta

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import BotMessage, SandboxUser
from bot.storage import contacts, followups
from tests.e2e.helpers import (
    Clock,
    debrief,
    follow_up,
    next_new,
    prep_new_contact,
    press,
    replies_to,
    say,
)

STALE = "That button is no longer active."


def lines(message: BotMessage) -> list[str]:
    return [line for line in message.text.splitlines() if " · " in line]


async def test_a_follow_up_two_weeks_out_a_meeting_and_a_promise_all_show(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await debrief(
        user,
        clock,
        "Ana Costa",
        [None, None, None, "an intro to Ines by friday", None, "in 2 weeks, by email"],
    )
    await prep_new_contact(user, "Dana Okafor", when="dec 2 at 3pm")  # in 10 days

    listing = await say(user, "/followups")
    assert "Nothing due" not in listing.text
    assert lines(listing) == [
        "Fri 27 Nov · You promised an intro to Ines",
        "Wed 2 Dec 15:00 · Meeting with Dana Okafor (Globex)",
        # Two weeks from Sunday is a Sunday: the follow-up comes on the Monday.
        "Mon 7 Dec · Follow up with Ana Costa — by email",
    ]
    assert "more after" not in listing.text and listing.buttons == []  # nothing due, none later


async def test_a_follow_up_set_exactly_fourteen_days_out_shows(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await follow_up(bot, user.id, "Sam Lee", due_in=timedelta(days=14, minutes=1))
    listing = await say(user, "/followups")
    assert lines(listing) == ["Sun 6 Dec · Follow up with Sam Lee"]


async def test_their_promise_with_a_date_shows_as_theirs(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await debrief(
        user,
        clock,
        "Ben Adler",
        [None, None, None, None, "the deck by thursday", None],
    )
    listing = await say(user, "/followups")
    [line] = lines(listing)
    # Listed on the morning after their deadline: the day to ask after it.
    assert line == "Fri 27 Nov · Ben promised you the deck", line


async def test_due_now_keeps_its_buttons_and_what_comes_later_is_counted_and_shown(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await follow_up(bot, user.id, "Overdue Person", due_in=-timedelta(days=2), reason="Call back")
    await follow_up(bot, user.id, "Soon Person", due_in=timedelta(days=5))
    await follow_up(bot, user.id, "Last Day Person", due_in=timedelta(days=30, hours=12))
    await follow_up(bot, user.id, "Far Person", due_in=timedelta(days=45))
    await prep_new_contact(user, "Jo Park", when="jan 8 at 10")

    listing = await say(user, "/followups")
    text = listing.text
    assert text.index("Due now") < text.index("Fri 20 Nov · Overdue Person — Call back")
    assert text.index("Call back") < text.index("Coming up") < text.index("Soon Person")
    assert lines(listing)[1:] == [
        "Fri 27 Nov · Follow up with Soon Person",
        "Tue 22 Dec · Follow up with Last Day Person",  # 21:00 Berlin: the 30th day
    ]
    assert "2 more after Tue 22 Dec" in text
    assert "Far Person" not in text and "Jo Park" not in text
    assert listing.labels == ["⏰ Overdue Person", "Show"]

    later = await press(user, "Show")
    assert "After Tue 22 Dec" in later.text
    assert lines(later) == [
        "Wed 6 Jan · Follow up with Far Person",
        "Fri 8 Jan 10:00 · Meeting with Jo Park (Globex)",
    ]
    assert later.buttons == []

    # The overdue one still opens its reminder, as before.
    card = await press(user, "⏰ Overdue Person")
    assert "Follow up with Overdue Person" in card.text and "✓ Done" in card.labels


async def test_many_later_ones_come_a_page_at_a_time_within_telegrams_limits(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    long_name = "Someone With A Very Long Name Indeed"
    for n in range(45):
        await follow_up(bot, user.id, f"{long_name} {n:02d}", due_in=timedelta(days=40 + n))
    listing = await say(user, "/followups")
    assert "45 more after Tue 22 Dec" in listing.text

    await user.press(label="Show")
    shown: list[str] = []
    page = await next_new(user)
    while True:
        shown += lines(page)
        if "Show more" not in page.labels:
            break
        await user.press(page, "Show more")
        page = await next_new(user)
    assert shown == [
        line for n in range(45) for line in shown if line.endswith(f"{long_name} {n:02d}")
    ]
    assert len(shown) == 45


async def test_a_long_coming_list_is_split_into_messages_telegram_accepts(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    names = [f"Person {n:03d} " + "x" * 60 for n in range(120)]
    db = bot.services.db
    for n, name in enumerate(names):
        contact = await contacts.create_contact(db, user.id, name=name, company="C" * 60)
        await followups.create_followup(
            db,
            user.id,
            contact_id=contact.id,
            kind="followup",
            due_at=bot.services.clock() + timedelta(hours=1 + n * 5),
            how="by email, with the slides and the intro " + "h" * 60,
        )
    parts = await replies_to(user, "/followups")
    assert len(parts) > 1
    assert all(name in "".join(p.text for p in parts) for name in names)
    # (the sandbox refuses a message over 4096 characters, as Telegram does: see conftest)


async def test_another_users_follow_ups_promises_and_meetings_never_show(
    user: SandboxUser,
    other_user: SandboxUser,
    bot: CommonGroundApplication,
    clock: Clock,
) -> None:
    await prep_new_contact(other_user, "Secret Meeting", when="dec 2 at 3pm")
    await follow_up(bot, other_user.id, "Secret Soon", due_in=timedelta(days=14, minutes=1))
    await follow_up(bot, other_user.id, "Secret Later", due_in=timedelta(days=45))
    await follow_up(bot, other_user.id, "Secret Now", due_in=-timedelta(hours=1))
    await follow_up(bot, user.id, "Mine Later", due_in=timedelta(days=50))

    mine = await say(user, "/followups")
    assert "Secret" not in mine.text
    assert "1 more after Tue 22 Dec" in mine.text
    later = await press(user, "Show")
    assert lines(later) == ["Mon 11 Jan · Follow up with Mine Later"]

    theirs = await say(other_user, "/followups")
    assert "Mine" not in theirs.text
    assert "Secret Now" in theirs.text and "Secret Soon" in theirs.text
    assert "Secret Meeting" in theirs.text and "1 more after" in theirs.text

    # A forged page number reads the presser's own list: past its end, nothing.
    await user.press_data(mine.message_id, "followup:later:20")
    await user.expect_silence()
    assert user.callback_answers[-1] == STALE
    assert all("Secret" not in m.text for m in user.messages)


async def test_a_stay_in_touch_nudge_that_runs_out_on_a_sunday_comes_on_monday(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await contacts.create_contact(bot.services.db, user.id, name="Sam Lee")  # seed: 2 weeks
    clock.advance(days=14)  # Sunday 6 December, 10:00 in Berlin: the two weeks are up
    assert "Nothing due" in (await say(user, "/followups")).text
    clock.advance(days=1)  # Monday, the same time
    listing = await say(user, "/followups")
    assert "Sam Lee</b> — time to get back in touch" in listing.html
    assert listing.labels == ["🌱 Sam Lee"]
