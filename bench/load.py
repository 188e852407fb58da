"""Benchmarks 1 and 2: update throughput and latency, and concurrency without reordering.

The bot under test (the coach, or the bare echo bot that gives the floor) runs in this
process; the sandbox Bot API server and the scripted users run in bench/driver.py's process,
so each side's CPU time is counted on its own and the sandbox never competes with the bot
for the event loop it is measuring.
"""

from __future__ import annotations

import cProfile
import logging
import re
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Literal

from telegram.ext import BaseUpdateProcessor, SimpleUpdateProcessor

from bench.coach import ErrorCounter, StatementCounter, Variant, coach
from bench.echo import build_echo
from bench.sandbox_proc import SandboxProcess
from bench.stats import Stopwatch, Summary, ratio
from bench.users import RunResult, RunSpec, Script
from bot.app import CONCURRENT_UPDATES, running
from bot.coaching.situation import Situation
from bot.ptb.application import CommonGroundApplication
from bot.ptb.concurrency import PerUserUpdateProcessor
from bot.storage.db import fetch_all

Mode = Literal["saturation", "paced"]
_ANSWER = re.compile(r"answer #(\d+) from (\d+):")


@dataclass(frozen=True)
class BotSpec:
    kind: Literal["echo", "coach"]
    variant: Variant = field(default_factory=Variant)
    processing: Literal["per-user", "plain"] = "per-user"
    """For the echo bot: PerUserUpdateProcessor(CONCURRENT_UPDATES) as the coach has, or
    PTB's plain concurrent_updates(CONCURRENT_UPDATES)."""
    jitter: float = 0.0
    limited: bool = False
    """For the echo bot: PTB's AIORateLimiter (30 a second), as the coach as built has."""
    same_calls: bool = False
    """For the echo bot: a press costs the coach's three Bot API calls (bench/echo.py)."""

    @property
    def label(self) -> str:
        if self.kind == "coach":
            return self.variant.label
        details: list[str] = [] if self.processing == "per-user" else [self.processing]
        if self.same_calls:
            details.append("coach's calls")
        if self.limited:
            details.append("30/s limit")
        if self.jitter:
            details.append(f"jitter ≤{self.jitter * 1000:.0f} ms")
        return "echo" + (f" ({', '.join(details)})" if details else "")

    @property
    def script(self) -> Script:
        if self.kind == "coach":
            return "coach"
        return "echo_same_calls" if self.same_calls else "echo"

    def processor(self) -> BaseUpdateProcessor:
        if self.processing == "plain":
            return SimpleUpdateProcessor(CONCURRENT_UPDATES)
        return PerUserUpdateProcessor(CONCURRENT_UPDATES)


ECHO = BotSpec("echo")
ECHO_LIMITED = BotSpec("echo", limited=True)
ECHO_SAME_CALLS = BotSpec("echo", same_calls=True)
COACH = BotSpec("coach", Variant(throttled=False))
COACH_AS_BUILT = BotSpec("coach", Variant(throttled=True))


@dataclass
class Cell:
    bot: BotSpec
    users: int
    mode: Mode
    setting: str
    run: RunResult
    wall: float
    bot_cpu: float
    """CPU seconds of this process (all threads) while the users ran."""
    loop_cpu: float
    """CPU seconds of the event loop's thread."""
    cold: RunResult | None
    statements: Counter[str] = field(default_factory=Counter)
    bot_errors: int = 0
    first_bot_error: str | None = None
    write_lock_held: float = 0.0
    stored_checked: int = 0
    stored_misfiled: int = 0
    repeat: int = 0
    """0: the run shown in the tables; 1, 2, ...: further runs of the same bot and load, taken
    in turn with the floor's, for the median ratio (single runs swing by a third here)."""

    @property
    def throughput(self) -> float:
        return ratio(self.run.steps, self.run.elapsed)

    @property
    def latency(self) -> Summary:
        return Summary.of_seconds([v for values in self.run.latencies.values() for v in values])

    def per_update(self, value: float) -> float:
        return ratio(value, self.run.steps)

    @property
    def api_calls(self) -> float:
        return self.per_update(float(sum(self.run.calls.values())))


class Bench:
    """Runs cells: a fresh bot, a warm-up conversation, then the measured users."""

    def __init__(self, sandbox: SandboxProcess, setting: str = "loopback") -> None:
        self.sandbox = sandbox
        self.setting = setting
        self._next_user = 100_000

    def take_users(self, count: int) -> int:
        first = self._next_user
        self._next_user += count
        return first

    async def cell(
        self,
        bot: BotSpec,
        users: int,
        mode: Mode,
        *,
        rounds: int,
        deadline: float,
        think: tuple[float, float] | None = None,
        script: Script | None = None,
        step_timeout: float = 60.0,
        warm: bool = True,
        profiler: cProfile.Profile | None = None,
    ) -> Cell:
        await self.sandbox.reset()
        statements = StatementCounter()
        errors = ErrorCounter()
        logging.getLogger().addHandler(errors)
        try:
            async with self._started(bot, statements) as application:
                cold = None
                if warm:
                    cold = await self.sandbox.run(
                        RunSpec(bot.script, users=1, first_user=self.take_users(1), rounds=1)
                    )
                statements.reset()
                spec = RunSpec(
                    script or bot.script,
                    users=users,
                    first_user=self.take_users(users),
                    rounds=rounds,
                    deadline=deadline,
                    think=think if mode == "paced" else None,
                    step_timeout=step_timeout,
                )
                watch = Stopwatch()
                if profiler is not None:
                    profiler.enable()
                try:
                    run = await self.sandbox.run(spec)
                finally:
                    if profiler is not None:
                        profiler.disable()
                wall, cpu, loop_cpu = watch.elapsed()
                cell = Cell(bot, users, mode, self.setting, run, wall, cpu, loop_cpu, cold)
                cell.statements = Counter(statements.counts)
                cell.write_lock_held = statements.held
                if application is not None and spec.script in ("coach", "coach_burst"):
                    cell.stored_checked, cell.stored_misfiled = await _stored_answers(
                        application, spec.first_user, users
                    )
        finally:
            logging.getLogger().removeHandler(errors)
        cell.bot_errors, cell.first_bot_error = errors.count, errors.first
        return cell

    @asynccontextmanager
    async def _started(
        self, bot: BotSpec, statements: StatementCounter
    ) -> AsyncIterator[CommonGroundApplication | None]:
        if bot.kind == "echo":
            application = build_echo(
                self.sandbox.url,
                bot.processor(),
                jitter=bot.jitter,
                limited=bot.limited,
                same_calls=bot.same_calls,
            )
            async with running(application):
                yield None
        else:
            async with coach(self.sandbox.url, bot.variant, statements) as application:
                yield application


async def _stored_answers(
    application: CommonGroundApplication, first_user: int, users: int
) -> tuple[int, int]:
    """How many debrief answers of these users are stored, and how many of them under a step
    other than the one they answered (each answer names its question's number)."""
    # The users' meetings were to learn about someone's field: the questions asked after it.
    asked = application.services.library.debrief.steps_for(Situation("?", "learn", "seed"))
    steps = {step.id: index for index, step in enumerate(asked)}
    rows = await fetch_all(
        application.services.db.conn,
        "SELECT owner_id, step_id, body FROM notes WHERE owner_id BETWEEN ? AND ?",
        (first_user, first_user + users - 1),
    )
    checked = misfiled = 0
    for row in rows:
        found = _ANSWER.match(row["body"])
        if found is None:
            continue  # the date step's answer ("Next week")
        checked += 1
        number, user = int(found.group(1)), int(found.group(2))
        if user != row["owner_id"] or steps.get(row["step_id"], -1) + 1 != number:
            misfiled += 1
    return checked, misfiled


# -- plans ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    counts: tuple[int, ...] = (1, 50, 500)
    rounds: tuple[int, ...] = (6, 2, 1)
    deadlines: tuple[float, ...] = (40.0, 45.0, 150.0)
    paced_counts: tuple[int, ...] = (50, 500)
    paced_seconds: float = 12.0
    think: tuple[float, float] = (1.0, 3.0)
    as_built_saturation: tuple[int, ...] = (1, 50)
    as_built_deadline: float = 20.0
    as_built_paced: bool = True
    repeats: int = 3
    """Runs of each echo/coach trio at saturation without the 30/s limit, in turn."""
    rtt: float = 0.04
    rtt_deadline: float = 15.0
    burst_users: int = 50


FULL = Plan()
QUICK = Plan(
    counts=(1, 50, 500),
    rounds=(1, 1, 1),
    deadlines=(10.0, 3.0, 1.5),
    paced_counts=(50,),
    paced_seconds=3.0,
    as_built_saturation=(50,),
    as_built_deadline=2.0,
    as_built_paced=False,
    repeats=1,
    rtt=0.0,
    burst_users=10,
)
