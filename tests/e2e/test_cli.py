"""The installed `commonground` command, run as a user would run it."""

import asyncio
import signal
import sqlite3
from datetime import UTC, date
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.__main__ import _chat_zone
from bot.app import shifted_clock
from bot.sandbox.server import SandboxServer
from tests.e2e.helpers import TOKEN, next_new
from tests.e2e.processes import COMMAND, environment, run


async def test_run_answers_and_stops_cleanly_on_sigterm(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    process = await asyncio.create_subprocess_exec(
        COMMAND,
        "run",
        env=environment(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=sandbox.url),
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        user = sandbox.user(1001, "Ada")
        await user.send("/start")
        welcome = await next_new(user, within=30)
        assert "what should I call you" in welcome.text
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    log = output.decode()
    assert process.returncode == 0, log
    assert "polling" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert "Traceback" not in log


async def test_a_missing_token_is_one_clear_line(tmp_path: Path) -> None:
    code, output = await run(tmp_path, "run")
    assert code == 1
    assert output.strip().splitlines() == [
        "commonground: TELEGRAM_BOT_TOKEN is not set: get one from @BotFather, or use "
        "`commonground chat` to try the bot in the terminal"
    ]


async def test_a_malformed_setting_is_one_clear_line(tmp_path: Path) -> None:
    code, output = await run(tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, COMMONGROUND_TZ="Mars/Base")
    assert code == 1
    assert output.strip().splitlines() == [
        "commonground: COMMONGROUND_TZ: 'Mars/Base' is not an IANA time zone name "
        "(for example Europe/Berlin)"
    ]


async def test_invalid_playbooks_stop_start_up_with_file_and_line(tmp_path: Path) -> None:
    books = tmp_path / "books"
    books.mkdir()
    (books / "broken.yaml").write_text("id: broken\nkind: prep\ntitle: [unclosed\n")
    code, output = await run(
        tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, COMMONGROUND_PLAYBOOKS=str(books)
    )
    assert code == 1
    assert f"{books / 'broken.yaml'}:3:" in output
    assert "Traceback" not in output

    code, output = await run(tmp_path, "check-playbooks", str(books / "broken.yaml"))
    assert code == 1 and f"{books / 'broken.yaml'}:3:" in output


async def test_check_playbooks_passes_the_shipped_ones(tmp_path: Path) -> None:
    code, output = await run(tmp_path, "check-playbooks")
    assert (code, output.strip()) == (0, "playbooks OK")


async def test_chat_talks_to_the_bot_in_the_terminal(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        COMMAND,
        "chat",
        env=environment(tmp_path),
        cwd=tmp_path,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdin is not None and process.stdout is not None
    seen = ""

    async def read_until(text: str) -> None:
        nonlocal seen
        assert process.stdout is not None
        while text not in seen:
            chunk = await asyncio.wait_for(process.stdout.read(4096), timeout=30)
            assert chunk, f"chat ended before showing {text!r}:\n{seen}"
            seen += chunk.decode()

    try:
        process.stdin.write(b"/start\n")
        await read_until("Keep")
        assert "what should I call you" in seen
        assert "[1] Keep" in seen
        process.stdin.write(b"1\n")  # press "Keep ..." by its number
        await read_until("Which time zone")
        process.stdin.write(b"Europe/Paris\n")
        await read_until("Europe/Paris")
        process.stdin.write(b"/quit\n")
        await process.stdin.drain()
        await asyncio.wait_for(process.wait(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
    assert process.returncode == 0
    assert "<b>" not in seen  # HTML is rendered, not shown raw
    assert (tmp_path / "bot.sqlite3").is_file()


async def chat(tmp_path: Path, typed: bytes, *args: str) -> str:
    """Run `commonground chat` on typed lines to its end; what it printed."""
    process = await asyncio.create_subprocess_exec(
        COMMAND,
        "chat",
        *args,
        env=environment(tmp_path),
        cwd=tmp_path,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(typed), timeout=60)
    assert process.returncode == 0, output.decode()
    return output.decode()


async def test_chat_started_again_on_the_same_database_answers_at_once(tmp_path: Path) -> None:
    """The bot remembers the update ids it handled; a second run of the chat must not be
    taken for a replay of the first."""
    for start in range(2):
        typed = b"/help\n/prep\n/quit\n" if start == 0 else b"/help\n/quit\n"
        output = await chat(tmp_path, typed)
        assert "/debrief" in output, output  # /help answered, first thing


async def test_chat_today_plays_the_bot_on_that_day(tmp_path: Path) -> None:
    """`chat --today` lets someone trying the bot play a meeting and one weeks later in one
    sitting: what they type is stamped with the day they said, not the real one."""
    await chat(tmp_path, b"/start\n1\nEurope/Paris\n/quit\n", "--today", "2031-03-04")
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        (created,) = db.execute("SELECT created_at FROM users").fetchone()
    assert created.startswith("2031-03-04"), created


async def test_chat_today_is_that_day_in_the_users_time_zone(tmp_path: Path) -> None:
    """Played in Melbourne at 23:50 UTC: `--today 2026-12-08` was the 8th in UTC, already
    the 9th there, so "Wed 9 Dec 08:00" had "already passed". Whatever the hour, one of a
    zone 14 hours ahead and one 11 behind has another date than UTC."""
    await chat(tmp_path, b"/start\n1\nPacific/Kiritimati\n/quit\n")
    zone = _chat_zone(tmp_path / "bot.sqlite3")
    assert zone == ZoneInfo("Pacific/Kiritimati")
    for place in (zone, ZoneInfo("Pacific/Pago_Pago")):
        now = shifted_clock(date(2031, 3, 4), place)()
        assert now.astimezone(place).date() == date(2031, 3, 4), place
    # No database yet, or no user in it: UTC.
    assert _chat_zone(tmp_path / "none.sqlite3") == UTC
