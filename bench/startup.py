"""Benchmark 4: from `commonground run` to the first answered update, its memory, and import
time.

The sandbox runs here; the bot is the real console script in a process of its own, pointed
at the sandbox with TELEGRAM_API_URL. A person has already sent /start when the process is
spawned, so the figure is spawn → the bot's reply arriving in the sandbox. The bot's peak
resident memory (VmHWM) is read from /proc once it has answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.coach import COACH_TOKEN
from bench.stats import ms, table
from bot.sandbox.server import SandboxServer

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TARGET_FIRST_REPLY_S = 1.0
TARGET_PEAK_RSS_MB = 120.0
_OWN_VARIABLES = ("TELEGRAM_", "COMMONGROUND_")


@dataclass
class Series:
    name: str
    seconds: list[float]

    def row(self) -> list[str]:
        values = [1000 * value for value in self.seconds]
        if not values:
            return [self.name, "0", "-", "-", "-"]
        return [
            self.name,
            str(len(values)),
            ms(statistics.median(values)),
            ms(min(values)),
            ms(max(values)),
        ]


@dataclass
class Results:
    series: list[Series]
    top_imports: list[tuple[str, float]]
    """Top-level modules imported by `import bot.app`, with their cumulative ms."""
    failures: list[str]
    peak_rss_kb: list[int]
    """Of each `commonground run`, once it answered (none where /proc cannot tell)."""


async def _wall(*command: str) -> float:
    start = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *command,
        cwd=PROJECT_ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    if await process.wait() != 0:
        raise RuntimeError(f"{' '.join(command)} failed")
    return time.perf_counter() - start


async def top_imports(limit: int = 10) -> list[tuple[str, float]]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-X",
        "importtime",
        "-c",
        "import bot.app",
        cwd=PROJECT_ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await process.communicate()
    found: dict[str, float] = {}
    for line in err.decode(errors="replace").splitlines():
        parts = line.split("|")
        if not line.startswith("import time:") or len(parts) != 3:
            continue
        name = parts[2].rstrip()
        level = (len(name) - len(name.lstrip()) - 1) // 2
        # bot.app itself (level 0), and what it imports directly (level 1).
        if name.strip() == "bot.app" or level == 1:
            try:
                found[name.strip()] = int(parts[1]) / 1000
            except ValueError:
                continue
    return sorted(found.items(), key=lambda item: -item[1])[:limit]


def _environment(api_url: str, directory: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(_OWN_VARIABLES)}
    environment.update(
        TELEGRAM_BOT_TOKEN=COACH_TOKEN,
        TELEGRAM_API_URL=api_url,
        COMMONGROUND_DB=str(directory / "bot.sqlite3"),
        COMMONGROUND_TZ="Europe/Berlin",
    )
    return environment


def peak_rss_kb(pid: int) -> int | None:
    """The process's peak resident memory so far, from Linux's /proc; None elsewhere."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


async def _first_reply(
    server: SandboxServer, user_id: int, directory: Path, rss: list[int]
) -> float:
    """Spawn `commonground run`, with /start already waiting; seconds until its reply. Its
    peak memory then goes to `rss`."""
    server.world.drop_pending_updates()
    person = server.user(user_id, "Ada")
    await person.send("/start")
    script = Path(sys.executable).parent / "commonground"
    log = directory / "bot.log"
    with log.open("wb") as stderr:
        start = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            str(script),
            "run",
            cwd=directory,
            env=_environment(server.url, directory),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            await person.next_event(timeout=60.0)
            seconds = time.perf_counter() - start
            peak = peak_rss_kb(process.pid)
            if peak is not None:
                rss.append(peak)
            return seconds
        except TimeoutError:
            tail = log.read_text(errors="replace")[-600:]
            raise RuntimeError(f"no reply to /start within 60 s; the bot logged:\n{tail}") from None
        finally:
            if process.returncode is None:
                process.terminate()
                try:
                    await asyncio.wait_for(process.wait(), 20)
                except TimeoutError:
                    process.kill()
                    await process.wait()


async def run(repeats: int) -> Results:
    interpreter = Series("python -c pass (interpreter alone)", [])
    imports = Series("python -c 'import bot.app'", [])
    fresh = Series("commonground run → reply to /start, new database", [])
    again = Series("commonground run → reply to /start, existing database", [])
    failures: list[str] = []
    rss: list[int] = []
    for _ in range(repeats):
        interpreter.seconds.append(await _wall(sys.executable, "-c", "pass"))
        imports.seconds.append(await _wall(sys.executable, "-c", "import bot.app"))
    async with SandboxServer() as server:
        for index in range(repeats):
            with tempfile.TemporaryDirectory(prefix="bench-start-") as name:
                directory = Path(name)
                try:
                    fresh.seconds.append(
                        await _first_reply(server, 70_000 + 2 * index, directory, rss)
                    )
                    again.seconds.append(
                        await _first_reply(server, 70_001 + 2 * index, directory, rss)
                    )
                except RuntimeError as problem:
                    failures.append(str(problem))
                    break
    with contextlib.suppress(RuntimeError):
        return Results([interpreter, imports, fresh, again], await top_imports(), failures, rss)
    return Results([interpreter, imports, fresh, again], [], failures, rss)


def report(results: Results) -> str:
    lines = [
        table(
            ["measure", "runs", "median ms", "min ms", "max ms"], [s.row() for s in results.series]
        )
    ]
    if results.peak_rss_kb:
        lines.append(
            f"\nPeak RSS of `commonground run` after its first reply: at most "
            f"{max(results.peak_rss_kb) / 1024:.0f} MB ({len(results.peak_rss_kb)} runs)."
        )
    if results.top_imports:
        lines += [
            "",
            "Slowest top-level imports under `import bot.app` (python -X importtime):",
            "",
        ]
        lines.append(
            table(
                ["module", "cumulative ms"],
                [[name, ms(value)] for name, value in results.top_imports],
            )
        )
    lines += [f"- FAILED: {failure}" for failure in results.failures]
    return "\n".join(lines)


def verdicts(results: Results) -> list[str]:
    found = []
    fresh = results.series[2].seconds
    if fresh:
        first = statistics.median(fresh)
        met = "met" if first < TARGET_FIRST_REPLY_S else "NOT met"
        found.append(
            f"- start-up to the first reply < {TARGET_FIRST_REPLY_S:g} s (median, new database): "
            f"{first:.2f} s → {met}"
        )
    if results.peak_rss_kb:
        peak = max(results.peak_rss_kb) / 1024
        met = "met" if peak < TARGET_PEAK_RSS_MB else "NOT met"
        found.append(
            f"- peak RSS < {TARGET_PEAK_RSS_MB:g} MB after start-up: {peak:.0f} MB → {met}"
        )
    return found
