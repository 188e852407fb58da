"""The bot token never appears in what the program prints, whatever the Bot API answers.

A self-hosted Bot API server, or a proxy in front of one (both are where TELEGRAM_API_URL
points), may quote the request path `/bot<token>/<method>` in an error: as a JSON
description, or in a 502 page. Here the sandbox does exactly that, at start-up and while
the bot runs, and `commonground run` runs as the operator runs it, its output captured.
"""

from __future__ import annotations

import asyncio
import re
import signal
from pathlib import Path

import pytest

from bot.__main__ import CHAT_TOKEN
from bot.logs import REDACTED
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from tests.e2e.helpers import TOKEN, next_new
from tests.e2e.processes import COMMAND, environment, run

SECRET = TOKEN.split(":")[1]
ENCODED = TOKEN.replace(":", "%3A")
# A log record's first line; any other line is a traceback, a print or the program's verdict.
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ [A-Z]+ ")


def assert_no_token(output: str) -> None:
    for form in (TOKEN, ENCODED, ENCODED.lower(), SECRET):
        assert form not in output, output


@pytest.mark.parametrize(
    ("method", "status"),
    [
        ("getMe", 400),
        ("getMe", 401),
        ("getMe", 404),
        ("getMe", 409),
        ("getMe", 502),
        ("setMyCommands", 400),
        ("deleteWebhook", 502),
    ],
)
async def test_a_start_up_error_quoting_the_token_is_one_line_without_it(
    sandbox: SandboxServer, tmp_path: Path, method: str, status: int
) -> None:
    # Every try gets the same answer: the bot's retries do not get past it.
    sandbox.inject(method, status=status, quote_path=True, times=10)
    code, output = await run(
        tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=sandbox.url
    )
    assert code == 1
    assert_no_token(output)
    assert "Traceback" not in output, output
    verdict = [line for line in output.splitlines() if line.strip() and not LOG_LINE.match(line)]
    assert len(verdict) == 1 and verdict[0].startswith("commonground: "), output
    assert sandbox.url in verdict[0]


async def answered_or_ended(user: SandboxUser, bot: asyncio.subprocess.Process) -> bool:
    """Whether the bot answered the user (an apology counts) before it ended, if it did."""
    answer = asyncio.create_task(next_new(user, within=60))
    ended = asyncio.create_task(bot.wait())
    done, _ = await asyncio.wait({answer, ended}, return_when=asyncio.FIRST_COMPLETED)
    ended.cancel()
    if answer in done:
        answer.result()
        return True
    answer.cancel()
    return False


async def stop(bot: asyncio.subprocess.Process) -> None:
    if bot.returncode is None:
        bot.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(bot.wait(), timeout=30)
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()


@pytest.mark.parametrize(
    ("method", "status"),
    [
        ("getUpdates", 400),
        ("getUpdates", 502),
        ("sendMessage", 400),
        ("sendMessage", 401),
        ("sendMessage", 404),
        ("sendMessage", 409),
        ("sendMessage", 502),
        ("answerCallbackQuery", 400),
        ("editMessageText", 502),
    ],
)
async def test_an_error_quoting_the_token_while_running_is_reported_without_it(
    sandbox: SandboxServer, tmp_path: Path, method: str, status: int
) -> None:
    user = sandbox.user(1001, "Ada")
    if method == "getUpdates":
        sandbox.inject(method, status=status, quote_path=True, times=2)  # PTB polls again
    output_file = tmp_path / "output.txt"
    with output_file.open("wb") as output_sink:
        bot = await asyncio.create_subprocess_exec(
            COMMAND,
            "run",
            env=environment(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=sandbox.url),
            cwd=tmp_path,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=output_sink,
            stderr=output_sink,
        )
    try:
        if method == "sendMessage":
            sandbox.inject(method, status=status, quote_path=True)
        await user.send("/start")
        if method in ("answerCallbackQuery", "editMessageText"):
            welcome = await next_new(user, within=60)
            sandbox.inject(method, status=status, quote_path=True)
            await user.press(welcome, welcome.labels[0])
        answered = await answered_or_ended(user, bot)
    finally:
        await stop(bot)
    output = output_file.read_text()
    assert (method, str(status)) in [(call.method, call.injected) for call in sandbox.call_log]
    assert_no_token(output)
    if answered:  # the bot reported the error in its log, with the token left out
        assert f"/bot{REDACTED}/{method}" in output, output


async def test_the_terminal_chat_never_shows_a_token(tmp_path: Path) -> None:
    # Someone pastes their token into the chat: what it echoes and answers leaves it out.
    chat_secret = CHAT_TOKEN.split(":")[1]
    typed = f"/help\nmy token: {TOKEN} {ENCODED} {CHAT_TOKEN} {chat_secret}\n/quit\n"
    process = await asyncio.create_subprocess_exec(
        COMMAND,
        "chat",
        env=environment(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN),
        cwd=tmp_path,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(typed.encode()), timeout=60)
    shown = output.decode()
    assert process.returncode == 0, shown
    assert_no_token(shown)
    assert chat_secret not in shown
    assert f"you: my token: {' '.join([REDACTED] * 4)}" in shown, shown
