"""Stay-in-touch nudges come whether or not the user reads a digest.

The clock starts on Sunday 22 November 2026, 10:00 in Europe/Berlin (the bot's default
zone). A contact added then is a new acquaintance (seed: every two weeks), so their cadence
runs out on Sunday 6 December, which moves to Monday 7 December, 10:00.
"""

from bot.ptb.application import CommonGroundApplication
from bot.reminders.sweep import deliver_due
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups
from tests.e2e.helpers import Clock, next_new, press, say

REMINDER_BUTTONS = ["✓ Done", "👤 Open contact", "⏰ 1 day", "⏰ 3 days", "⏰ 1 week"]


async def test_with_the_digest_off_an_overdue_contact_still_gets_a_nudge_at_their_hour(
    user: SandboxUser,
    other_user: SandboxUser,
    bot: CommonGroundApplication,
    clock: Clock,
) -> None:
    await say(user, "/digest 19")
    off = await say(user, "/digest off")
    assert "Daily digest off" in off.text
    await say(other_user, "/digest off")
    await contacts.create_contact(bot.services.db, user.id, name="Sam Lee", company="Globex")

    clock.advance(days=15)  # Monday 7 December, 10:00: Sam's cadence has just run out
    assert await deliver_due(bot) == 0  # not in the morning: at the hour they chose
    clock.advance(hours=8, minutes=59)
    assert await deliver_due(bot) == 0
    await user.expect_silence()
    clock.advance(minutes=1)  # 19:00
    assert await deliver_due(bot) == 1
    nudge = await next_new(user)
    assert "Time to get back in touch with Sam Lee" in nudge.text
    assert "You added Sam Lee 2 weeks ago" in nudge.text
    assert "how are things at Globex?" in nudge.text
    assert nudge.labels == REMINDER_BUTTONS

    # Once: later sweeps (and Grace, who has nobody overdue) stay quiet.
    clock.advance(days=1)
    assert await deliver_due(bot) == 0
    await user.expect_silence()
    await other_user.expect_silence()

    await user.press(nudge, "✓ Done")
    await user.next_event()  # the buttons settle
    thanks = await next_new(user)
    assert "noted that you were in touch with Sam Lee" in thanks.text
    clock.advance(days=13)  # Tuesday 22 December: Done was 13 days ago
    assert await deliver_due(bot) == 0
    clock.advance(days=1)  # 14 days after Done, at 19:00
    assert await deliver_due(bot) == 1
    assert "Time to get back in touch with Sam Lee" in (await next_new(user)).text


async def test_with_the_digest_on_the_nudge_comes_in_the_digest_not_on_its_own(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await contacts.create_contact(bot.services.db, user.id, name="Sam Lee")
    clock.advance(days=15)  # Monday 7 December, 10:00: Sam's cadence has just run out
    assert await deliver_due(bot) == 0  # no message of its own
    clock.advance(hours=22)  # Tuesday 08:00: the digest hour
    assert await deliver_due(bot) == 1
    digest = await next_new(user)
    assert "Sam Lee" in digest.text and "time to get back in touch" in digest.text
    card = await press(user, "🌱 Sam Lee")
    assert "Time to get back in touch with Sam Lee" in card.text
    clock.advance(hours=12)
    assert await deliver_due(bot) == 0
    await user.expect_silence()


async def test_a_nudge_to_someone_who_blocked_the_bot_is_tried_once_not_every_sweep(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await followups.set_digest(bot.services.db, user.id, hour=None, off=True, next_at=None)
    await contacts.create_contact(bot.services.db, user.id, name="Sam Lee")
    user.blocked = True
    clock.advance(days=16)  # Tuesday 8 December, 09:00: the nudge was due at 08:00
    assert await deliver_due(bot) == 0
    for _ in range(3):
        clock.advance(hours=2)
        assert await deliver_due(bot) == 0
    assert [(r.method, r.status) for r in sandbox.rejections] == [("sendMessage", 403)]
    sandbox.rejections.clear()
