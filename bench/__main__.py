"""python -m bench [--quick] [--only NAME ...]: the benchmarks, printed as Markdown tables.

    sandbox      is the sandbox fast enough to measure with (raw request loops, keep-alive,
                 TCP_NODELAY)
    throughput   updates/s and latency for 1, 50 and 500 users, coach against the echo floor
    concurrency  per-user processor against sequential, and the no-reordering check
    profile      where the bot's event loop spends its time (cProfile, 50 users)
    scale        the brief, the card, lookups and /search on a big database; query plans
    startup      `commonground run` to the first reply, and the import time of bot.app
    import       importing 5,000 contacts from a phone's .vcf and LinkedIn's CSV

--what-if adds throughput runs with httpcore's failed `import sniffio` short-circuited.

Everything runs on 127.0.0.1; every loop is bounded in count and in time. The full run
takes about 10 minutes, --quick under one (smaller counts, shorter runs, less data).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import replace

from bench import imports, load, profile, races, sandbox_check, scale, startup, throughput
from bench.load import COACH, ECHO, Bench, Cell
from bench.sandbox_proc import SandboxProcess
from bench.stats import machine

SECTIONS = ("sandbox", "throughput", "concurrency", "profile", "scale", "startup", "import")
_NEEDS_SANDBOX = ("sandbox", "throughput", "concurrency", "profile")


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


async def with_sandbox(chosen: set[str], quick: bool, what_if: bool) -> list[str]:
    plan = replace(load.QUICK if quick else load.FULL, whatif=what_if)
    verdicts: list[str] = []
    cells: list[Cell] = []
    async with SandboxProcess() as sandbox:
        bench = Bench(sandbox)
        if "sandbox" in chosen:
            heading("0. The sandbox itself")
            results = await sandbox_check.run(sandbox, 300 if quick else 2000)
            print(sandbox_check.report(results), flush=True)
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
        if "concurrency" in chosen:
            heading("2. Concurrency without races")
            results_2 = await races.run(bench, plan, cells)
            print()
            print(races.report(results_2))
            for line in races.examples(results_2):
                print(line)
            for pair in results_2.pairs:
                if pair.concurrent.bot.kind == "coach":
                    met = "met" if pair.speedup >= races.TARGET_SPEEDUP else "NOT met"
                    verdicts.append(
                        f"- per-user processor ≥ {races.TARGET_SPEEDUP:g}× sequential, "
                        f"{pair.setting}: {pair.speedup:.2f}× → {met}"
                    )
            for cell in results_2.order:
                verdicts.append(
                    f"- order check, {cell.bot.label}, {cell.setting}: {races.order_verdict(cell)}"
                )
        if "profile" in chosen:
            heading("3a. Where the bot's time goes (cProfile of the bot process)")
            users = 20 if quick else 50
            profiles = [await profile.run(bench, bot, users) for bot in (ECHO, COACH)]
            print(profile.report(profiles), flush=True)
    return verdicts


async def main_async(chosen: set[str], quick: bool, what_if: bool) -> None:
    started = time.perf_counter()
    print(f"# Common Ground benchmarks{' (--quick)' if quick else ''}\n\n{machine()}", flush=True)
    verdicts: list[str] = []
    if chosen & set(_NEEDS_SANDBOX):
        verdicts += await with_sandbox(chosen, quick, what_if)
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
        heading("4. Start-up")
        print(startup.report(await startup.run(1 if quick else 5)), flush=True)
    if "import" in chosen:
        heading("5. Importing contacts")
        timings = await imports.run(1000 if quick else 5000)
        print(imports.report(timings), flush=True)
        verdicts += imports.verdicts(timings)
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
    parser.add_argument(
        "--what-if",
        action="store_true",
        help="throughput: also run at 50 users with httpcore's failed `import sniffio` "
        "short-circuited (about 40 s more)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    chosen = set(args.only or SECTIONS)
    if args.quick and not args.only:
        chosen.discard("profile")
    asyncio.run(main_async(chosen, args.quick, args.what_if))


if __name__ == "__main__":
    main()
