"""python -m bench [--quick] [--only NAME ...]: the benchmarks, printed as Markdown tables.

    throughput   updates/s and latency for 1, 50 and 500 users, coach against a bare PTB
                 echo bot on the same sandbox, both on PTB's stock transport
    ordering     each user's updates answered in order, whatever arrives at once
    scale        the brief, the card, lookups and /search on a big database; query plans;
                 the peak memory of a process using it
    startup      `commonground run` to the first reply, its peak memory, and the import
                 time of bot.app

Everything runs on 127.0.0.1; every loop is bounded in count and in time. The full run
takes about 10 minutes, --quick under one (smaller counts, shorter runs, less data).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from collections.abc import Sequence

from bench import load, ordering, scale, startup, throughput
from bench.load import COACH, Bench, Cell
from bench.sandbox_proc import SandboxProcess
from bench.stats import machine

SECTIONS = ("throughput", "ordering", "scale", "startup")
_NEEDS_SANDBOX = ("throughput", "ordering")


def heading(title: str) -> None:
    print(f"\n## {title}\n", flush=True)


def sandbox_verdict(cells: Sequence[Cell]) -> str:
    if not cells:
        return ""
    busiest = max(cells, key=lambda cell: cell.run.cpu / cell.wall if cell.wall else 0.0)
    share = busiest.run.cpu / busiest.wall if busiest.wall else 0.0
    worst = max(
        (cell.per_update(cell.run.cpu) / cell.per_update(cell.bot_cpu), cell)
        for cell in cells
        if cell.bot_cpu > 0
    )
    verdict = "does not limit these figures" if share < 0.8 else "MAY LIMIT these figures"
    return (
        f"Sandbox process: at most {100 * share:.0f}% busy (in {throughput.label(busiest)}, "
        f"{busiest.users} users, {busiest.mode}); its CPU per update is at most "
        f"{100 * worst[0]:.0f}% of the bot's ({throughput.label(worst[1])}, {worst[1].users} "
        f"users) → the sandbox {verdict}."
    )


async def with_sandbox(chosen: set[str], quick: bool) -> list[str]:
    plan = load.QUICK if quick else load.FULL
    verdicts: list[str] = []
    cells: list[Cell] = []
    async with SandboxProcess() as sandbox:
        bench = Bench(sandbox)
        if "throughput" in chosen:
            heading("1. Update throughput and latency")
            cells = await throughput.run(bench, plan)
            print()
            print(throughput.report(cells, plan.think))
            repeats = throughput.repeats_report(cells)
            if repeats:
                print(f"\nEach trio at saturation, {plan.repeats} times in turn:\n\n{repeats}")
            print("\nLatency by step, coach (no 30/s limit):\n")
            for cell in throughput.shown(cells):
                if cell.bot == COACH and cell.users in (1, 50) and cell.setting == "loopback":
                    print(f"{cell.users} users, {cell.mode}:\n\n{throughput.step_report(cell)}\n")
            print("SQL statements per update (sqlite3 trace):\n")
            print(throughput.statements_report(cells))
            print("\n" + throughput.cold_report(cells))
            print("\n" + sandbox_verdict(cells), flush=True)
            verdicts += throughput.verdicts(cells)
        if "ordering" in chosen:
            heading("2. Each user's updates in order")
            order = await ordering.run(bench, plan)
            print(ordering.report(order))
            for line in ordering.examples(order):
                print(line)
            for cell in order.order:
                verdicts.append(f"- order check, {cell.bot.label}: {ordering.order_verdict(cell)}")
    return verdicts


async def main_async(chosen: set[str], quick: bool) -> None:
    started = time.perf_counter()
    print(f"# Common Ground benchmarks{' (--quick)' if quick else ''}\n\n{machine()}", flush=True)
    verdicts: list[str] = []
    if chosen & set(_NEEDS_SANDBOX):
        verdicts += await with_sandbox(chosen, quick)
    if "scale" in chosen:
        heading("3. Data scale")
        results = await scale.run(quick)
        print(scale.report(results), flush=True)
        for timing in results.measured.timings:
            if timing.summary is not None:
                met = "met" if timing.summary.p95 < timing.target_ms else "NOT met"
                verdicts.append(
                    f"- p95 < {timing.target_ms:g} ms, {timing.name}: "
                    f"{timing.summary.p95:.1f} ms → {met}"
                )
    if "startup" in chosen:
        heading("4. Start-up and memory")
        started_up = await startup.run(1 if quick else 5)
        print(startup.report(started_up), flush=True)
        verdicts += startup.verdicts(started_up)
    heading("Targets")
    print("\n".join(verdicts) or "(no targets in the chosen benchmarks)")
    print(f"\nTotal time: {time.perf_counter() - started:.0f} s")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run, under a minute")
    parser.add_argument(
        "--only",
        action="append",
        choices=SECTIONS,
        help="run only this benchmark (repeatable); default: all",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    chosen = set(args.only or SECTIONS)
    asyncio.run(main_async(chosen, args.quick))


if __name__ == "__main__":
    main()
