"""The bot's own transport (bot/transport.py) keeps the promises PTB's HTTPXRequest made:
time-outs, errors PTB and our retries understand, uploads and downloads, and no token in
what it raises. Driven by a plain telegram.Bot against the sandbox."""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import telegram
import trustme
from aiohttp import web
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut

from bot.ptb.ratelimit import maybe_delivered
from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer
from bot.transport import AiohttpRequest

ADA = 42


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as running:
        running.user(ADA, "Ada")
        yield running


def connected(server: SandboxServer, request: AiohttpRequest) -> telegram.Bot:
    return telegram.Bot(
        SANDBOX_TOKEN,
        base_url=server.base_url,
        base_file_url=f"{server.url}/file/bot",
        request=request,
    )


async def test_a_dropped_connection_is_a_network_error_and_the_next_call_goes_through(
    server: SandboxServer,
) -> None:
    async with connected(server, AiohttpRequest()) as bot:
        server.inject("sendMessage", drop=True)
        with pytest.raises(NetworkError) as raised:
            await bot.send_message(ADA, "lost on the way")
        assert not isinstance(raised.value, TimedOut)
        await bot.send_message(ADA, "arrives")
    assert [m.text for m in server.user(ADA, "Ada").messages] == ["arrives"]


async def test_an_answer_slower_than_the_read_timeout_is_timed_out(
    server: SandboxServer,
) -> None:
    async with connected(server, AiohttpRequest(read_timeout=0.2)) as bot:
        server.inject("sendMessage", delay_reply=1.0)
        started = time.monotonic()
        with pytest.raises(TimedOut):
            await bot.send_message(ADA, "slow")
        assert time.monotonic() - started < 0.9
        await bot.send_message(ADA, "fast")


async def test_a_long_poll_may_outlast_the_default_read_timeout(server: SandboxServer) -> None:
    # PTB adds the poll's own timeout to the read timeout for getUpdates.
    async with connected(server, AiohttpRequest(read_timeout=0.2)) as bot:
        started = time.monotonic()
        assert await bot.get_updates(timeout=1) == ()
        assert time.monotonic() - started >= 0.9


async def test_a_call_that_cannot_get_a_connection_in_time_is_timed_out_and_not_sent(
    server: SandboxServer,
) -> None:
    request = AiohttpRequest(1, pool_timeout=0.2, connect_timeout=0.1)
    async with connected(server, request) as bot:
        server.inject("sendMessage", delay=1.0)
        first = asyncio.create_task(bot.send_message(ADA, "holds the only connection"))
        await asyncio.sleep(0.1)
        with pytest.raises(TimedOut):
            await bot.send_message(ADA, "waits for it")
        await first
    assert [m.text for m in server.user(ADA, "Ada").messages] == ["holds the only connection"]


@pytest.mark.parametrize(
    ("injected", "may_have_gone_through"),
    [
        pytest.param({"status": 502}, False, id="502"),
        pytest.param({"status": 500}, False, id="500"),
        pytest.param({"retry_after": 1}, False, id="429"),
        # Dropped before the sandbox carried it out, but from the bot's side of the
        # connection this is the same as the next one.
        pytest.param({"drop": True}, True, id="dropped"),
        pytest.param({"lose_reply": True}, True, id="carried-out-then-dropped"),
        pytest.param({"delay_reply": 1.0}, True, id="answer-after-read-timeout"),
    ],
)
# PTB announces a type change of RetryAfter.retry_after whenever it reads a 429.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_a_failure_tells_whether_the_call_may_have_gone_through(
    server: SandboxServer, injected: dict[str, Any], may_have_gone_through: bool
) -> None:
    """What bot/ptb/ratelimit.py's retries and the bot's apologies rely on."""
    async with connected(server, AiohttpRequest(read_timeout=0.2)) as bot:
        server.inject("sendMessage", **injected)
        with pytest.raises(TelegramError) as raised:
            await bot.send_message(ADA, "perhaps")
    assert maybe_delivered(raised.value) is may_have_gone_through


async def test_a_call_that_never_reached_the_bot_api_certainly_did_not_go_through(
    server: SandboxServer,
) -> None:
    nowhere = telegram.Bot(
        SANDBOX_TOKEN, base_url=f"http://127.0.0.1:{closed_port()}/bot", request=AiohttpRequest()
    )
    with pytest.raises(NetworkError) as refused:
        await nowhere.initialize()
    assert not maybe_delivered(refused.value)

    async with connected(server, AiohttpRequest(1, pool_timeout=0.2, connect_timeout=0.1)) as bot:
        server.inject("sendMessage", delay=1.0)
        first = asyncio.create_task(bot.send_message(ADA, "holds the only connection"))
        await asyncio.sleep(0.1)
        with pytest.raises(TimedOut) as no_connection:
            await bot.send_message(ADA, "waits for it")
        await first
        with pytest.raises(BadRequest) as wrong:
            await bot.send_message(ADA, "<b>unclosed", parse_mode="HTML")
    assert not maybe_delivered(no_connection.value)
    assert not maybe_delivered(wrong.value)


async def test_an_uploaded_file_comes_back_byte_for_byte(server: SandboxServer) -> None:
    content = bytes(range(256)) * 40 + "ünïcode\r\n--boundary--".encode()
    async with connected(server, AiohttpRequest()) as bot:
        sent = await bot.send_document(
            ADA, document=content, filename="notes.bin", caption="<b>mine</b>", parse_mode="HTML"
        )
        assert sent.document is not None and sent.caption == "mine"
        file = await bot.get_file(sent.document.file_id)
        assert bytes(await file.download_as_bytearray()) == content


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    "base_url",
    [
        pytest.param(lambda: f"http://127.0.0.1:{closed_port()}/bot", id="nobody-listens"),
        # aiohttp quotes the whole URL, token and all, in this one.
        pytest.param(lambda: "htp://127.0.0.1/bot", id="not-http"),
    ],
)
async def test_an_unreachable_bot_api_is_a_network_error_that_names_no_token(
    base_url: Callable[[], str],
) -> None:
    token = "123456:secret-token-that-must-not-show"
    bot = telegram.Bot(token, base_url=base_url(), request=AiohttpRequest())
    with pytest.raises(NetworkError) as raised:
        async with bot:
            pass
    assert "secret-token" not in str(raised.value)


@asynccontextmanager
async def get_me_api(
    username: str, tls: ssl.SSLContext | None = None
) -> AsyncIterator[tuple[int, list[str]]]:
    """A Bot API that answers getMe only, as `username`; yields its port and the URLs it was
    asked for (a proxy is asked for the whole URL)."""
    asked: list[str] = []

    async def get_me(request: web.Request) -> web.Response:
        asked.append(str(request.url))
        me = {"id": 1, "is_bot": True, "first_name": username, "username": username}
        return web.json_response({"ok": True, "result": me})

    app = web.Application()
    app.router.add_post("/bot{token}/getMe", get_me)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0, ssl_context=tls).start()
    try:
        yield runner.addresses[0][1], asked
    finally:
        await runner.cleanup()


@pytest.fixture
async def tls_api(tmp_path: Path) -> AsyncIterator[tuple[str, Path]]:
    """getMe over TLS with a certificate from a CA of our own; yields the base URL and the
    CA's certificate file."""
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    async with get_me_api("tls_bot", context) as (port, _):
        yield f"https://127.0.0.1:{port}/bot", ca_file


async def test_tls_is_verified_against_the_ca_file_the_environment_names(
    tls_api: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url, ca_file = tls_api
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    async with telegram.Bot(SANDBOX_TOKEN, base_url=base_url, request=AiohttpRequest()) as bot:
        assert bot.username == "tls_bot"


async def test_tls_with_a_certificate_nobody_vouches_for_is_refused(
    tls_api: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # With no CA named, certifi's roots decide, and they do not know ours.
    base_url, _ = tls_api
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    bot = telegram.Bot(SANDBOX_TOKEN, base_url=base_url, request=AiohttpRequest())
    with pytest.raises(NetworkError, match=r"[Cc]ertificate") as raised:
        async with bot:
            pass
    assert SANDBOX_TOKEN not in str(raised.value)


@pytest.fixture
async def proxy() -> AsyncIterator[tuple[str, list[str]]]:
    """An HTTP proxy that answers getMe itself; yields its URL and the URLs it was asked for."""
    async with get_me_api("proxied_bot") as (port, asked):
        yield f"http://127.0.0.1:{port}", asked


def only_proxy_settings(monkeypatch: pytest.MonkeyPatch, **settings: str) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)


async def test_requests_go_through_the_proxy_the_environment_names(
    proxy: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy_url, asked = proxy
    only_proxy_settings(monkeypatch, HTTP_PROXY=proxy_url)
    base_url = "http://api.telegram.invalid/bot"
    async with telegram.Bot(SANDBOX_TOKEN, base_url=base_url, request=AiohttpRequest()) as bot:
        assert bot.username == "proxied_bot"
    assert asked == [f"http://api.telegram.invalid/bot{SANDBOX_TOKEN}/getMe"]


async def test_hosts_in_no_proxy_are_reached_directly(
    server: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_proxy_settings(
        monkeypatch, HTTP_PROXY=f"http://127.0.0.1:{closed_port()}", NO_PROXY="127.0.0.1"
    )
    async with connected(server, AiohttpRequest()) as bot:
        await bot.send_message(ADA, "straight there")
    assert [m.text for m in server.user(ADA, "Ada").messages] == ["straight there"]
