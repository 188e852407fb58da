"""`commonground run` as a process: it ends when it is told to, or when it cannot go on.

The bot runs in a subprocess against the sandbox, as an operator runs it. A revoked token
ends it with one line; SIGTERM and Ctrl-C end it whatever it is doing; a second process on
the same database refuses to start, naming the first.
"""

from __future__ import annotations

import asyncio
import re
import signal
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.sandbox.server import SandboxServer
from bot.sandbox.user import BotMessage, SandboxUser
from tests.e2e.helpers import TOKEN, next_new
from tests.e2e.processes import COMMAND, BotProcess, environment

# A guard against hanging only: how fast the bot stops is not what is measured.
GUARD = 20.0
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (?P<level>[A-Z]+) ")
SECRET = TOKEN.split(":")[1]


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    # Not conftest's: calls that hang, or answer 401, are what these tests are about.
    async with SandboxServer() as server:
        yield server


async def exit_code(bot: BotProcess) -> int:
    """The code the bot exits with, by itself or after a signal; fails if it does not."""
    assert bot.process is not None
    try:
        return await asyncio.wait_for(bot.process.wait(), timeout=GUARD)
    except TimeoutError:
        bot.process.kill()
        await bot.process.wait()
        raise AssertionError(f"the bot was still running {GUARD:.0f} s later") from None


def log_of(bot: BotProcess) -> str:
    return (bot.tmp_path / f"bot-{bot.starts:02d}.log").read_text()


def not_info(log: str) -> list[str]:
    """The lines of a log that are neither INFO records nor their continuation."""
    return [
        line
        for line in log.splitlines()
        if not ((found := LOG_LINE.match(line)) and found["level"] == "INFO")
    ]


async def until(condition: str, check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + GUARD
    while not check():
        assert time.monotonic() < deadline, f"never saw: {condition}"
        await asyncio.sleep(0.02)


async def test_a_token_revoked_while_running_ends_the_program_with_one_line(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    bot = BotProcess(sandbox, tmp_path, tmp_path / "bot.sqlite3")
    await bot.start()
    user = sandbox.user(1001, "Ada")
    await user.send("/start")
    assert "what should I call you" in (await next_new(user, within=GUARD)).text

    sandbox.revoke(TOKEN)  # in BotFather, while the bot waits in a long poll

    assert await exit_code(bot) == 1
    log = log_of(bot)
    assert not_info(log) == [
        f"commonground: TELEGRAM_BOT_TOKEN was refused by {sandbox.url} "
        "(revoked or mistyped, or TELEGRAM_API_URL is wrong)"
    ], log
    assert SECRET not in log


async def test_sigterm_and_ctrl_c_end_it_while_polling(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    bot = BotProcess(sandbox, tmp_path, tmp_path / "bot.sqlite3")
    for stop in (signal.SIGTERM, signal.SIGINT):
        await bot.start()
        assert bot.process is not None
        bot.process.send_signal(stop)
        assert await exit_code(bot) == 0
        assert not_info(log_of(bot)) == [], log_of(bot)


async def test_sigterm_ends_it_while_telegram_does_not_answer_at_start(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.inject("getMe", delay=60)
    bot = BotProcess(sandbox, tmp_path, tmp_path / "bot.sqlite3")
    bot.process = await asyncio.create_subprocess_exec(
        COMMAND,
        "run",
        env=environment(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=sandbox.url),
        cwd=tmp_path,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    await until("the bot asking getMe", lambda: sandbox.calls["getMe"] == 1)
    bot.process.send_signal(signal.SIGTERM)
    assert await exit_code(bot) == 0
    assert sandbox.calls["getUpdates"] == 0


async def test_sigterm_ends_it_while_polling_waits_out_telegram_errors(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    bot = BotProcess(sandbox, tmp_path, tmp_path / "bot.sqlite3")
    await bot.start()
    # Telegram down: each poll gets a 502, and PTB waits longer before each next one.
    sandbox.inject("getUpdates", status=502, times=1000)
    await sandbox.user(1001, "Ada").send("/start")  # ends the long poll under way
    await until(
        "three polls refused",
        lambda: sum(call.injected == "502" for call in sandbox.call_log) >= 3,
    )
    assert bot.process is not None
    bot.process.send_signal(signal.SIGTERM)
    assert await exit_code(bot) == 0


async def test_sigterm_ends_it_while_the_network_hangs_with_people_waiting(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    bot = BotProcess(sandbox, tmp_path, tmp_path / "bot.sqlite3")
    await bot.start()
    # Every answer the bot sends, and its next poll, get no reply: each call waits for its
    # time-out, and more people wait than the bot has connections.
    sandbox.inject("sendMessage", delay=600, times=1000)
    people = [sandbox.user(2000 + number, f"P{number}") for number in range(24)]
    for person in people:
        await person.send("/start")
    await until("every /start fetched", lambda: sandbox.world.pending_update_count == 0)
    sandbox.inject("getUpdates", delay=600, times=1000)
    await until("the bot trying to answer", lambda: sandbox.calls["sendMessage"] >= 8)
    assert bot.process is not None
    bot.process.send_signal(signal.SIGTERM)
    assert await exit_code(bot) == 0
    assert SECRET not in log_of(bot)


@pytest.mark.parametrize("second", ["run", "chat"])
async def test_a_second_process_on_the_same_database_refuses_to_start(
    sandbox: SandboxServer, tmp_path: Path, second: str
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    first = BotProcess(sandbox, tmp_path, db_path)
    await first.start()
    assert first.process is not None
    try:
        user = sandbox.user(1001, "Ada")
        await user.send("/start")
        keep = await next_new(user, within=GUARD)
        assert "what should I call you" in keep.text

        process = await asyncio.create_subprocess_exec(
            COMMAND,
            second,
            env=environment(
                tmp_path,
                TELEGRAM_BOT_TOKEN=TOKEN,
                TELEGRAM_API_URL=sandbox.url,
                COMMONGROUND_DB=str(db_path),
            ),
            cwd=tmp_path,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            output, _ = await asyncio.wait_for(process.communicate(), timeout=GUARD)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        assert process.returncode == 1
        assert output.decode().splitlines() == [
            f"commonground: {db_path} is in use by another Common Ground process "
            f"(pid {first.process.pid}): stop it first, one bot per database"
        ]

        # The first goes on, each answer to its own question.
        await user.press(keep, "Keep")
        assert "Which time zone" in (await next_new(user, within=GUARD)).text
        assert "Europe/Paris" in (await say_slowly(user, "Europe/Paris")).text

        # A first process killed outright holds nothing: the next one starts.
        await first.kill()
        await first.start()
    finally:
        await first.stop()


async def say_slowly(user: SandboxUser, text: str) -> BotMessage:
    """`say`, with room for a subprocess on a busy machine."""
    await user.send(text)
    return await next_new(user, within=GUARD)
