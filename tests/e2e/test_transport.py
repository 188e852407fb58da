"""What the bot reads from PTB's own transport (HTTPXRequest): whether a failed call may
have reached Telegram (bot/ptb/ratelimit.py retries only those that cannot have), errors
that name no token, and the inbox's getUpdates request passing PTB's time-outs through.
Driven by a plain telegram.Bot against the sandbox."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import telegram
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.ptb.inbox import DurableUpdateQueue, UpdatesRequest
from bot.ptb.ratelimit import maybe_delivered
from bot.sandbox.server import SANDBOX_TOKEN, Hold, SandboxServer
from bot.storage.db import Database

ADA = 42


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as running:
        running.user(ADA, "Ada")
        yield running


def connected(server: SandboxServer, request: HTTPXRequest) -> telegram.Bot:
    return telegram.Bot(SANDBOX_TOKEN, base_url=server.base_url, request=request)


@pytest.mark.parametrize(
    ("injected", "may_have_gone_through"),
    [
        pytest.param({"status": 502}, False, id="502"),
        pytest.param({"status": 500}, False, id="500"),
        # A proxy in front of the Bot API answering with its own page.
        pytest.param({"status": 502, "quote_path": True}, False, id="502-page"),
        pytest.param({"retry_after": 1}, False, id="429"),
        # Dropped before the sandbox carried it out, but from the bot's side of the
        # connection this is the same as the next one.
        pytest.param({"drop": True}, True, id="dropped"),
        pytest.param({"lose_reply": True}, True, id="carried-out-then-dropped"),
        pytest.param({"delay_reply": 2.0}, True, id="answer-after-read-timeout"),
    ],
)
# PTB announces a type change of RetryAfter.retry_after whenever it reads a 429.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_a_failure_tells_whether_the_call_may_have_gone_through(
    server: SandboxServer, injected: dict[str, Any], may_have_gone_through: bool
) -> None:
    """What bot/ptb/ratelimit.py's retries and the bot's apologies rely on."""
    async with connected(server, HTTPXRequest(read_timeout=0.2)) as bot:
        server.inject("sendMessage", **injected)
        with pytest.raises(TelegramError) as raised:
            await bot.send_message(ADA, "perhaps")
        # The connection pool recovers: the next call goes through.
        await bot.send_message(ADA, "arrives")
    assert maybe_delivered(raised.value) is may_have_gone_through


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_a_call_that_never_reached_the_bot_api_certainly_did_not_go_through(
    server: SandboxServer,
) -> None:
    nowhere = telegram.Bot(
        SANDBOX_TOKEN, base_url=f"http://127.0.0.1:{closed_port()}/bot", request=HTTPXRequest()
    )
    with pytest.raises(NetworkError) as refused:
        await nowhere.initialize()
    assert not maybe_delivered(refused.value)

    request = HTTPXRequest(connection_pool_size=1, pool_timeout=0.2)
    async with connected(server, request) as bot:
        held = Hold()
        server.inject("sendMessage", hold=held)
        first = asyncio.create_task(bot.send_message(ADA, "holds the only connection"))
        await asyncio.wait_for(held.reached.wait(), timeout=30)
        with pytest.raises(TimedOut) as no_connection:
            await bot.send_message(ADA, "waits for it")
        held.release()
        await first
        with pytest.raises(BadRequest) as wrong:
            await bot.send_message(ADA, "<b>unclosed", parse_mode="HTML")
    assert not maybe_delivered(no_connection.value)
    assert not maybe_delivered(wrong.value)
    assert [m.text for m in server.user(ADA, "Ada").messages] == ["holds the only connection"]


@pytest.mark.parametrize(
    "base_url",
    [
        pytest.param(lambda: f"http://127.0.0.1:{closed_port()}/bot", id="nobody-listens"),
        pytest.param(lambda: "htp://127.0.0.1/bot", id="not-http"),
    ],
)
async def test_an_unreachable_bot_api_is_a_network_error_that_names_no_token(
    base_url: Callable[[], str],
) -> None:
    token = "123456:secret-token-that-must-not-show"
    bot = telegram.Bot(token, base_url=base_url(), request=HTTPXRequest())
    with pytest.raises(NetworkError) as raised:
        async with bot:
            pass
    assert "secret-token" not in str(raised.value)
    assert not maybe_delivered(raised.value)


async def test_the_inbox_request_lets_a_long_poll_outlast_the_read_timeout(
    server: SandboxServer, tmp_path: Path
) -> None:
    # PTB adds the poll's own timeout to the read timeout of the getUpdates request.
    db = Database(tmp_path / "inbox.sqlite3")
    updates = UpdatesRequest(DurableUpdateQueue(db), HTTPXRequest(read_timeout=0.2))
    bot = telegram.Bot(SANDBOX_TOKEN, base_url=server.base_url, get_updates_request=updates)
    try:
        async with bot:
            assert await bot.get_updates(timeout=1) == ()
    finally:
        await db.close()
