"""Benchmark 2: what the per-user update processor buys, and that it never reorders a user.

Throughput with 50 users, per-user processor against PTB's sequential processing, on
loopback and with a Telegram-like round trip injected into every send, edit and answer.
Then the order check: users fire all their debrief answers at once; the questions must come
back numbered in order and every answer must be stored under its own question. The same
check on an echo bot with random reply delays shows it does catch reordering: PTB's plain
concurrent_updates reorders, the per-user processor does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.load import COACH, COACH_SEQUENTIAL, ECHO, ECHO_SEQUENTIAL, Bench, BotSpec, Cell, Plan
from bench.sandbox_proc import SandboxProcess
from bench.stats import num, ratio, table
from bench.users import DEBRIEF_ANSWERS, Script

TARGET_SPEEDUP = 3.0
JITTER = 0.005
ECHO_JITTER = BotSpec("echo", jitter=JITTER)
ECHO_PLAIN_JITTER = BotSpec("echo", processing="plain", jitter=JITTER)
# Bot API methods that get the injected round trip (not getUpdates: a long poll waits anyway).
SLOW_METHODS = ["sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery"]


@dataclass
class Pair:
    setting: str
    concurrent: Cell
    sequential: Cell

    @property
    def speedup(self) -> float:
        return ratio(self.concurrent.throughput, self.sequential.throughput)


@dataclass
class Results:
    pairs: list[Pair]
    order: list[Cell]


def _find(cells: Sequence[Cell], bot: BotSpec, users: int) -> Cell | None:
    for cell in cells:
        same = (cell.users, cell.mode, cell.setting) == (users, "saturation", "loopback")
        if cell.bot == bot and same:
            return cell
    return None


async def run(bench: Bench, plan: Plan, earlier: Sequence[Cell]) -> Results:
    users = plan.concurrency_users
    pairs: list[Pair] = []
    order: list[Cell] = []

    async def pair(where: Bench, concurrent: BotSpec, sequential: BotSpec, deadline: float) -> None:
        first = _find(earlier, concurrent, users) if where is bench else None
        if first is None:
            first = await where.cell(concurrent, users, "saturation", rounds=2, deadline=deadline)
        second = await where.cell(sequential, users, "saturation", rounds=2, deadline=deadline)
        pairs.append(Pair(where.setting, first, second))
        print(
            f"  {where.setting}, {concurrent.label}: {first.throughput:.1f}/s per-user, "
            f"{second.throughput:.1f}/s sequential",
            flush=True,
        )

    if plan.echo_pair:
        await pair(bench, ECHO, ECHO_SEQUENTIAL, plan.sequential_deadline)
    await pair(bench, COACH, COACH_SEQUENTIAL, plan.sequential_deadline)
    for bot in (COACH, ECHO_JITTER, ECHO_PLAIN_JITTER):
        script: Script = "coach_burst" if bot.kind == "coach" else "echo_burst"
        order.append(
            await bench.cell(
                bot, plan.burst_users, "saturation", rounds=1, deadline=60.0, script=script
            )
        )
    if plan.rtt > 0:
        async with SandboxProcess() as sandbox:
            setting = f"{plan.rtt * 1000:.0f} ms round trip"
            slow = Bench(sandbox, setting)
            await sandbox.inject_delay(SLOW_METHODS, plan.rtt, times=50_000)
            await pair(slow, COACH, COACH_SEQUENTIAL, plan.rtt_deadline)
            order.append(
                await slow.cell(
                    COACH,
                    plan.burst_users,
                    "saturation",
                    rounds=1,
                    deadline=60.0,
                    script="coach_burst",
                )
            )
    return Results(pairs, order)


def report(results: Results) -> str:
    rows = [
        [
            pair.setting,
            pair.concurrent.bot.label.replace(" (sequential)", ""),
            str(pair.concurrent.users),
            num(pair.concurrent.throughput),
            num(pair.sequential.throughput),
            num(pair.speedup, 2),
            "met" if pair.speedup >= TARGET_SPEEDUP else "NOT met",
        ]
        for pair in results.pairs
    ]
    speed = table(
        [
            "network",
            "bot",
            "users",
            "per-user processor upd/s",
            "sequential upd/s",
            "speed-up",
            f"≥ {TARGET_SPEEDUP:g}×",
        ],
        rows,
    )
    order_rows = []
    for cell in results.order:
        stored = (
            f"{cell.stored_checked}/{cell.users * DEBRIEF_ANSWERS}, {cell.stored_misfiled} misfiled"
            if cell.bot.kind == "coach"
            else "-"
        )
        order_rows.append(
            [
                cell.setting,
                cell.bot.label,
                str(cell.users),
                str(cell.run.order_checked),
                str(cell.run.order_violations),
                stored,
                str(cell.run.errors),
                order_verdict(cell),
            ]
        )
    order = table(
        [
            "network",
            "bot",
            "users",
            "bursts checked",
            "out of order",
            "answers stored",
            "errors",
            "result",
        ],
        order_rows,
    )
    return speed + "\n\n" + order


def order_verdict(cell: Cell) -> str:
    expect_disorder = cell.bot.processing == "plain"
    clean = (
        cell.run.order_violations == 0
        and cell.stored_misfiled == 0
        and cell.run.errors == 0
        and cell.run.order_checked == cell.users
    )
    if expect_disorder:
        return (
            "reordering detected (expected: the check works)"
            if cell.run.order_violations
            else "no reordering seen (check inconclusive)"
        )
    return "PASS: in order" if clean else "FAIL"


def examples(results: Results) -> list[str]:
    lines = []
    for cell in results.order:
        lines += [f"  {cell.bot.label}: {text}" for text in cell.run.order_examples[:2]]
        lines += [f"  {cell.bot.label}: {text}" for text in cell.run.error_examples[:2]]
    return lines
