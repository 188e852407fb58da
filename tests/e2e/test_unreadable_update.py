"""An update the bot cannot read is set aside; the updates around it are handled.

python-telegram-bot reads a whole getUpdates batch at once: one update it cannot parse (a
field of the wrong type, from a proxy or a newer Bot API) used to make it drop the batch
and fetch it again, for ever, logging each time, and nobody got an answer again, even
after a restart.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.server import SandboxServer
from tests.e2e.helpers import TOKEN, next_new
from tests.e2e.processes import BotProcess

WITHIN = 20.0  # a guard for a subprocess on a busy machine, not a measure


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as server:
        yield server


def unreadable_message(user_id: int) -> dict[str, Any]:
    """A text message whose sender is a number instead of a user object."""
    return {
        "message_id": 999,
        "from": user_id,
        "chat": {"id": user_id, "type": "private", "first_name": "Ada"},
        "date": int(time.time()),
        "text": "/prep",
    }


def log_of(bot: BotProcess) -> str:
    return (bot.tmp_path / f"bot-{bot.starts:02d}.log").read_text()


async def test_an_update_that_cannot_be_read_is_set_aside_with_one_line(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    bot = BotProcess(sandbox, tmp_path, tmp_path / "bot.sqlite3")
    ada, grace = sandbox.user(1001, "Ada"), sandbox.user(2002, "Grace")
    await bot.start()
    try:
        # One batch: nothing here lets the sandbox's event loop run between the three.
        await ada.send("/prep")
        unreadable = sandbox.world.push_update("message", unreadable_message(1001))
        await grace.send("/prep")
        assert unreadable is not None

        assert "Who are you meeting?" in (await next_new(ada, within=WITHIN)).text
        assert "Who are you meeting?" in (await next_new(grace, within=WITHIN)).text
        await ada.send("Mira Patel")
        assert "Where does Mira Patel work?" in (await next_new(ada, within=WITHIN)).text
    finally:
        await bot.stop()
    log = log_of(bot)
    problems = [line for line in log.splitlines() if " INFO " not in line]
    assert len(problems) == 1 and f"update {unreadable} set aside" in problems[0], log
    assert TOKEN.split(":")[1] not in log
    assert sandbox.world.confirmed(unreadable)

    # Telegram has forgotten it, and so has the bot: it does not come back.
    await bot.start()
    try:
        await ada.send("Globex")
        assert "role at Globex" in (await next_new(ada, within=WITHIN)).text
        await ada.send("/prep")
        assert "Who are you meeting?" in (await next_new(ada, within=WITHIN)).text
    finally:
        await bot.stop()
    # (Updates left from the last run are queued before polling starts, so a replay of it
    # would be in the log by now.)
    assert "set aside" not in log_of(bot)
    assert sandbox.world.handed_out[unreadable] == 1
