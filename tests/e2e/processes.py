"""The installed `commonground` command run as a separate program, as a user runs it, and
its database read as another program would."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from bot.sandbox.server import SandboxServer
from bot.storage import contacts, meetings
from bot.storage.db import Database
from tests.e2e.helpers import TOKEN

COMMAND = str(Path(sys.executable).parent / "commonground")
# Only against a hang: a program that starts slowly on a busy machine is still correct.
START_GUARD = 60.0


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "COMMONGROUND_"))}
    return {**env, "COMMONGROUND_DB": str(tmp_path / "bot.sqlite3"), **extra}


async def run(tmp_path: Path, *args: str, **extra: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        COMMAND,
        *args,
        env=environment(tmp_path, **extra),
        cwd=tmp_path,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    return process.returncode or 0, output.decode()


class BotProcess:
    """`commonground run` against the sandbox, started, killed and restarted by the test."""

    def __init__(self, sandbox: SandboxServer, tmp_path: Path, db_path: Path) -> None:
        self.sandbox = sandbox
        self.tmp_path = tmp_path
        self.db_path = db_path
        self.starts = 0
        self.process: asyncio.subprocess.Process | None = None
        self._log: IO[bytes] | None = None

    async def start(self) -> None:
        """Start the bot and return once it polls."""
        polls = self.sandbox.calls["getUpdates"]
        self.starts += 1
        self._log = (self.tmp_path / f"bot-{self.starts:02d}.log").open("wb")
        self.process = await asyncio.create_subprocess_exec(
            COMMAND,
            "run",
            env=environment(
                self.tmp_path,
                TELEGRAM_BOT_TOKEN=TOKEN,
                TELEGRAM_API_URL=self.sandbox.url,
                COMMONGROUND_DB=str(self.db_path),
            ),
            cwd=self.tmp_path,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=self._log,
        )
        process = self.process

        def polling() -> bool:
            assert process.returncode is None, f"the bot died at start (run {self.starts})"
            return self.sandbox.calls["getUpdates"] > polls

        await until(polling, within=START_GUARD, what="the bot polling")

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
        self._close_log()

    async def stop(self) -> None:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(self.process.wait(), timeout=30)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


async def until(
    condition: Callable[[], bool], within: float = 30.0, what: str = "it to happen"
) -> None:
    """Wait for `condition`, checked every few milliseconds; `within` only guards a hang."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        assert loop.time() < deadline, f"waited {within}s for {what}"
        await asyncio.sleep(0.005)


async def seed_meeting(db_path: Path, owner: int, name: str) -> None:
    """A contact and a meeting with them a month ago, written before the bot starts."""
    db = Database(db_path)
    await db.open()
    try:
        contact = await contacts.create_contact(db, owner, name=name)
        await meetings.create_meeting(
            db,
            owner,
            contact_id=contact.id,
            goal="learn",
            scheduled_at=datetime.now(UTC) - timedelta(days=30),
        )
    finally:
        await db.close()


@dataclass
class Inspection:
    integrity: list[str]
    notes: Counter[str]
    """Note bodies, with how often each is stored."""
    finished_without_one_follow_up: int
    """Finished debriefs whose date answer did not make exactly one follow-up."""
    reminders: dict[str, tuple[str | None, str | None]]
    """Reminder contact name -> (delivered_at, cancelled_at), for the `reminded` user."""


def inspect(db_path: Path, reminded: int | None = None) -> Inspection:
    """Read the database as a separate program would, with the bot dead or alive."""
    with contextlib.closing(sqlite3.connect(db_path, timeout=10)) as conn:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        notes = Counter(
            body for (body,) in conn.execute("SELECT body FROM notes WHERE step_id <> 'follow_up'")
        )
        (odd,) = conn.execute(
            """SELECT count(*) FROM debriefs AS d
               WHERE d.finished_at IS NOT NULL
                 AND (SELECT count(*) FROM followups AS f
                      WHERE f.meeting_id = d.meeting_id AND f.kind = 'followup') <> 1"""
        ).fetchone()
        reminders = {
            name: (delivered, cancelled)
            for name, delivered, cancelled in conn.execute(
                """SELECT c.name, f.delivered_at, f.cancelled_at
                   FROM followups AS f JOIN contacts AS c ON c.id = f.contact_id
                   WHERE f.owner_id = ?""",
                (reminded,),
            )
        }
    return Inspection(integrity, notes, odd, reminders)
