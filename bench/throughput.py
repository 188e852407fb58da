"""Benchmark 1: updates per second and reply latency, the coach against the echo floor."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from bench.load import (
    COACH,
    COACH_AS_BUILT,
    ECHO,
    ECHO_LIMITED,
    ECHO_SAME_CALLS,
    Bench,
    BotSpec,
    Cell,
    Plan,
)
from bench.sandbox_proc import SandboxProcess
from bench.stats import Summary, ms, num, ratio, table

TARGET_RATIO = 0.5
# Bot API methods that get the injected round trip (not getUpdates: a long poll waits anyway).
SLOW_METHODS = ["sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery"]
TARGET_P99_MS = 50.0
# The targets: throughput against the echo at this many users, p99 when paced.
TARGET_USERS = 50


async def run(bench: Bench, plan: Plan) -> list[Cell]:
    cells: list[Cell] = []
    for users, rounds, deadline in zip(plan.counts, plan.rounds, plan.deadlines, strict=True):
        # In turn, so that a slow spell of the machine hits the floor and the coach alike.
        for repeat in range(plan.repeats):
            for bot in (ECHO, ECHO_SAME_CALLS, COACH):
                cell = await bench.cell(bot, users, "saturation", rounds=rounds, deadline=deadline)
                cell.repeat = repeat
                cells.append(cell)
                print(f"  {describe(cell)}", flush=True)
        if users in plan.as_built_saturation:
            for bot in (ECHO_LIMITED, COACH_AS_BUILT):
                cells.append(
                    await bench.cell(
                        bot,
                        users,
                        "saturation",
                        rounds=rounds,
                        deadline=min(deadline, plan.as_built_deadline),
                    )
                )
                print(f"  {describe(cells[-1])}", flush=True)
    for users in plan.paced_counts:
        for bot in (ECHO, COACH, COACH_AS_BUILT) if plan.as_built_paced else (ECHO, COACH):
            cell = await bench.cell(
                bot, users, "paced", rounds=1000, deadline=plan.paced_seconds, think=plan.think
            )
            cells.append(cell)
            print(f"  {describe(cell)}", flush=True)
    if plan.rtt > 0:
        cells.extend(await one_user_at_a_distance(plan))
    return cells


async def one_user_at_a_distance(plan: Plan) -> list[Cell]:
    """One user, each send, edit and press answer taking `plan.rtt`. On loopback, one user's
    updates a second measure only the bot's own sub-millisecond work; with a round trip like
    Telegram's, tens of milliseconds, that work is a small part of what a person waits for."""
    cells: list[Cell] = []
    async with SandboxProcess() as sandbox:
        distant = Bench(sandbox, f"{plan.rtt * 1000:.0f} ms round trip")
        await sandbox.inject_delay(SLOW_METHODS, plan.rtt, times=1_000_000)
        for repeat in range(plan.repeats):
            for bot in (ECHO, COACH):
                cell = await distant.cell(
                    bot, 1, "saturation", rounds=2, deadline=plan.rtt_deadline
                )
                cell.repeat = repeat
                cells.append(cell)
                print(f"  {describe(cell)}", flush=True)
    return cells


def label(cell: Cell) -> str:
    return cell.bot.label if cell.setting == "loopback" else f"{cell.bot.label}, {cell.setting}"


def describe(cell: Cell) -> str:
    latency = cell.latency
    again = f" (repeat {cell.repeat})" if cell.repeat else ""
    # A figure from a run with errors measures something else: say what went wrong.
    first = cell.run.error_examples[:1] or ([cell.first_bot_error] if cell.first_bot_error else [])
    return (
        f"{label(cell)}, {cell.users} users, {cell.mode}{again}: {cell.run.steps} updates, "
        f"{cell.throughput:.1f}/s, p99 {ms(latency.p99)} ms, errors {errors(cell)}"
        + "".join(f"\n    first error: {text}" for text in first)
    )


def errors(cell: Cell) -> str:
    """users' errors (no reply, wrong reply) / errors the bot logged / requests refused."""
    return f"{cell.run.errors}/{cell.bot_errors}/{cell.run.rejections}"


def echo_for(cells: Sequence[Cell], cell: Cell, floor: BotSpec | None = None) -> Cell | None:
    """The floor for a cell: the echo bot under the same load, with the same rate limit."""
    if floor is None:
        floor = ECHO_LIMITED if cell.bot == COACH_AS_BUILT else ECHO
    key = (cell.users, cell.mode, cell.setting, cell.repeat)
    for other in cells:
        same = (other.users, other.mode, other.setting, other.repeat) == key
        if other.bot == floor and same:
            return other
    return None


def shown(cells: Sequence[Cell]) -> list[Cell]:
    """The cells of the tables: the first run of each bot and load."""
    return [cell for cell in cells if cell.repeat == 0]


def report(cells: Sequence[Cell], think: tuple[float, float]) -> str:
    rows = []
    for cell in shown(cells):
        echo = echo_for(cells, cell)
        latency = cell.latency
        comparable = echo is not None and cell.bot.kind != "echo" and cell.mode == "saturation"
        vs_echo = ratio(cell.throughput, echo.throughput) if echo and comparable else math.nan
        same = echo_for(cells, cell, ECHO_SAME_CALLS) if cell.bot == COACH else None
        vs_same = ratio(cell.throughput, same.throughput) if same and comparable else math.nan
        rows.append(
            [
                str(cell.users),
                cell.mode,
                label(cell),
                str(cell.run.steps),
                num(cell.throughput),
                num(vs_echo, 2),
                num(vs_same, 2),
                ms(latency.p50),
                ms(latency.p95),
                ms(latency.p99),
                ms(latency.max),
                ms(1000 * cell.per_update(cell.bot_cpu)),
                f"{100 * ratio(cell.loop_cpu, cell.wall):.0f}%",
                ms(1000 * cell.per_update(cell.bot_cpu - cell.loop_cpu)),
                f"{100 * ratio(cell.write_lock_held, cell.wall):.0f}%" if cell.statements else "-",
                ms(1000 * cell.per_update(cell.run.cpu)),
                f"{100 * ratio(cell.run.cpu, cell.wall):.0f}%",
                num(cell.api_calls, 2),
                errors(cell),
            ]
        )
    headers = [
        "users",
        "load",
        "bot",
        "updates",
        "upd/s",
        "× echo",
        "× same-calls echo",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "bot CPU ms/upd",
        "bot loop busy",
        "other threads ms/upd",
        "write tx open",
        "sandbox CPU ms/upd",
        "sandbox busy",
        "API calls/upd",
        "errors u/b/r",
    ]
    notes = (
        "saturation: every user sends the next update as soon as the reply arrives (closed "
        "loop, no pause), so latency there is queueing: users ÷ throughput.\n"
        f"paced: each user pauses {think[0]:g}–{think[1]:g} s (uniform) before every step.\n"
        "errors u/b/r: users' failed steps / errors the bot logged / requests the sandbox "
        "refused.\n"
        "bot CPU: the bot's process, all threads; loop busy: CPU of its event loop thread over "
        "wall time; other threads: mostly aiosqlite's; write tx open: share of wall time a "
        "write transaction (BEGIN IMMEDIATE…COMMIT) held the bot's single write lock."
    )
    return table(headers, rows) + "\n\n" + notes


def step_report(cell: Cell) -> str:
    rows = []
    for name, values in cell.run.latencies.items():
        summary = Summary.of_seconds(values)
        rows.append([name, str(summary.count), ms(summary.p50), ms(summary.p95), ms(summary.p99)])
    return table(["step", "count", "p50 ms", "p95 ms", "p99 ms"], rows)


def statements_report(cells: Sequence[Cell]) -> str:
    rows = []
    kinds = ("transaction", "read", "write", "persistence", "trigger")
    for cell in shown(cells):
        if not cell.statements:
            continue
        per = [num(cell.per_update(float(cell.statements[kind])), 1) for kind in kinds]
        total = num(cell.per_update(float(sum(cell.statements.values()))), 1)
        rows.append([f"{label(cell)}, {cell.users} users, {cell.mode}", *per, total])
    headers = [
        "run",
        "BEGIN/COMMIT",
        "reads",
        "writes",
        "PTB persistence",
        "triggers & FTS internals",
        "all",
    ]
    return table(headers, rows)


def cold_report(cells: Sequence[Cell]) -> str:
    """The slowest step of the very first conversation each kind of bot had after starting."""
    lines = []
    seen: set[str] = set()
    for cell in cells:
        if cell.cold is None or cell.bot.kind in seen or not cell.cold.latencies:
            continue
        seen.add(cell.bot.kind)
        worst, step = max((max(values), name) for name, values in cell.cold.latencies.items())
        lines.append(
            f"- {cell.bot.kind}: first conversation after start, slowest step `{step}` "
            f"{ms(worst * 1000)} ms"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class Ratio:
    """The coach's throughput over a floor's, over the runs each took in turn."""

    coach: BotSpec
    users: int
    setting: str
    floor: str
    runs: tuple[float, ...]
    by_cpu: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def runs_of(cells: Sequence[Cell], cell: Cell) -> list[Cell]:
    """`cell` and its repeats."""
    key = (cell.bot, cell.users, cell.mode, cell.setting)
    return [run for run in cells if (run.bot, run.users, run.mode, run.setting) == key]


def ratios(cells: Sequence[Cell]) -> list[Ratio]:
    found: list[Ratio] = []
    for cell in shown(cells):
        if cell.bot.kind != "coach" or cell.mode != "saturation":
            continue
        floors: list[tuple[BotSpec | None, str]] = [(None, "echo")]
        if cell.bot == COACH:
            floors.append((ECHO_SAME_CALLS, ECHO_SAME_CALLS.label))
        for floor, name in floors:
            pairs = [
                (run, echo) for run in runs_of(cells, cell) if (echo := echo_for(cells, run, floor))
            ]
            if pairs:
                found.append(
                    Ratio(
                        cell.bot,
                        cell.users,
                        cell.setting,
                        name,
                        tuple(ratio(run.throughput, echo.throughput) for run, echo in pairs),
                        # CPU per update is steadier than wall-clock throughput here.
                        tuple(
                            ratio(echo.per_update(echo.bot_cpu), run.per_update(run.bot_cpu))
                            for run, echo in pairs
                        ),
                    )
                )
    return found


def ratio_verdict(found: Ratio) -> str:
    spread = (
        f" (median of {len(found.runs)} runs in turn with it, "
        f"{min(found.runs):.2f}–{max(found.runs):.2f})"
        if len(found.runs) > 1
        else ""
    )
    figures = (
        f"{found.median:.2f}×{spread}, by CPU per update {statistics.median(found.by_cpu):.2f}×"
    )
    where = "" if found.setting == "loopback" else f", {found.setting}"
    if found.floor != "echo" or found.users != TARGET_USERS or where:
        # The target is against the bare echo at TARGET_USERS; the rest is for comparison.
        pair = f"{found.coach.label} / {found.floor}"
        return f"- for comparison, {pair}, {found.users} users{where}: {figures}"
    verdict = "met" if found.median >= TARGET_RATIO else "NOT met"
    return (
        f"- throughput ≥ {TARGET_RATIO}× {found.floor}, {found.users} users{where}, "
        f"{found.coach.label}: {figures} → {verdict}"
    )


def repeats_report(cells: Sequence[Cell]) -> str:
    """Every run of the trios taken in turn: the spread behind the verdicts' medians."""
    rows = []
    for found in ratios(cells):
        if len(found.runs) < 2:
            continue
        runs = " · ".join(f"{value:.2f}" for value in found.runs)
        where = "" if found.setting == "loopback" else f", {found.setting}"
        rows.append(
            [str(found.users), found.coach.label + where, found.floor, runs, f"{found.median:.2f}"]
        )
    if not rows:
        return ""
    return table(["users", "bot", "floor", "× floor, run by run", "median"], rows)


def verdicts(cells: Sequence[Cell]) -> list[str]:
    lines = [ratio_verdict(found) for found in ratios(cells)]
    for cell in shown(cells):
        paced = cell.mode == "paced" and cell.setting == "loopback"
        if cell.bot.kind != "coach" or cell.users != TARGET_USERS or not paced:
            continue
        p99 = cell.latency.p99
        verdict = "met" if p99 < TARGET_P99_MS else "NOT met"
        lines.append(
            f"- p99 < {TARGET_P99_MS:.0f} ms at {cell.users} users, {cell.mode}, "
            f"{cell.bot.label}: {ms(p99)} ms → {verdict}"
        )
    return lines
