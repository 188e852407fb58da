"""One person's backlog holds up nobody else: with more of Ada's updates waiting than the bot
handles at once, and her replies stuck on their way to Telegram, Grace is still answered."""

from __future__ import annotations

import asyncio

from bot.app import CONCURRENT_UPDATES
from bot.ptb.application import CommonGroundApplication
from bot.sandbox.server import Hold, SandboxServer
from bot.sandbox.user import SandboxUser
from tests.e2e.helpers import next_new

# A guard against hanging, not a measure.
PATIENT = 30.0


async def test_another_persons_update_is_answered_while_one_persons_backlog_is_stuck(
    sandbox: SandboxServer,
    bot: CommonGroundApplication,
    user: SandboxUser,
    other_user: SandboxUser,
) -> None:
    backlog = CONCURRENT_UPDATES + 8
    stuck = Hold()
    # Each of Ada's replies waits (the bot may give up on one after its read time-out and
    # go on to her next), and none reaches her until the hold is released.
    sandbox.inject("sendMessage", hold=stuck, chat_id=user.person.id, times=backlog)
    for _ in range(backlog):
        await user.send("/help")
    await other_user.send("/help")

    assert "helps you prepare" in (await next_new(other_user, within=PATIENT)).text
    await asyncio.wait_for(stuck.reached.wait(), PATIENT)
    assert user.messages == []

    stuck.release()
    for _ in range(backlog):
        assert "helps you prepare" in (await next_new(user, within=PATIENT)).text
