"""Benchmark 2: each user's updates are answered in order, whatever arrives at once.

Users fire all their debrief answers at once; the questions must come back numbered in order
and every answer must be stored under its own question. The same check on an echo bot with
random reply delays shows that it does catch reordering: PTB's plain concurrent_updates
reorders, the per-user processor does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.load import COACH, Bench, BotSpec, Cell, Plan
from bench.stats import table
from bench.users import DEBRIEF_ANSWERS, Script

JITTER = 0.005
ECHO_JITTER = BotSpec("echo", jitter=JITTER)
ECHO_PLAIN_JITTER = BotSpec("echo", processing="plain", jitter=JITTER)


@dataclass
class Results:
    order: list[Cell]


async def run(bench: Bench, plan: Plan) -> Results:
    order: list[Cell] = []
    for bot in (COACH, ECHO_JITTER, ECHO_PLAIN_JITTER):
        script: Script = "coach_burst" if bot.kind == "coach" else "echo_burst"
        order.append(
            await bench.cell(
                bot, plan.burst_users, "saturation", rounds=1, deadline=60.0, script=script
            )
        )
    return Results(order)


def report(results: Results) -> str:
    rows = []
    for cell in results.order:
        stored = (
            f"{cell.stored_checked}/{cell.users * DEBRIEF_ANSWERS}, {cell.stored_misfiled} misfiled"
            if cell.bot.kind == "coach"
            else "-"
        )
        rows.append(
            [
                cell.bot.label,
                str(cell.users),
                str(cell.run.order_checked),
                str(cell.run.order_violations),
                stored,
                str(cell.run.errors),
                order_verdict(cell),
            ]
        )
    return table(
        ["bot", "users", "bursts checked", "out of order", "answers stored", "errors", "result"],
        rows,
    )


def order_verdict(cell: Cell) -> str:
    clean = (
        cell.run.order_violations == 0
        and cell.stored_misfiled == 0
        and cell.run.errors == 0
        and cell.run.order_checked == cell.users
    )
    if cell.bot.processing == "plain":
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
