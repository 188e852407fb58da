"""The sandbox's /revoke: the token stops working, for the long poll under way as well."""

from __future__ import annotations

import asyncio

import pytest
import telegram
from telegram.error import InvalidToken

from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer


async def test_a_revoked_token_is_refused_everywhere_at_once() -> None:
    async with (
        SandboxServer() as server,
        telegram.Bot(SANDBOX_TOKEN, base_url=server.base_url) as bot,
    ):
        polling = asyncio.create_task(bot.get_updates(timeout=30))
        for _ in range(500):  # until the long poll waits in the sandbox
            if server.calls["getUpdates"]:
                break
            await asyncio.sleep(0.01)
        server.revoke(SANDBOX_TOKEN)
        with pytest.raises(InvalidToken):
            await asyncio.wait_for(polling, timeout=5)
        with pytest.raises(InvalidToken):
            await bot.get_me()
        # Only the bot's own token: refusing it was not the bot's mistake.
        assert server.rejections == []
        other = telegram.Bot("987654321:another-sandbox-token-xx", base_url=server.base_url)
        async with other:
            assert (await other.get_me()).id == 987654321
