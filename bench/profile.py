"""Where the bot's event loop spends its time under load (cProfile of the bot's process).

Figures are inclusive (a function and everything it calls, coroutines counted only while
running), as shares of the event loop thread's busy time; the rows overlap. cProfile slows
call-heavy code, so read the shares, not the absolute milliseconds.
"""

from __future__ import annotations

import cProfile
import pstats
from dataclasses import dataclass

from bench.load import Bench, BotSpec, Cell
from bench.stats import num, ratio, table

Where = tuple[str, str]
"""(end of the file path, function name)"""

ENTRIES: list[tuple[str, list[Where]]] = [
    (
        "handling updates (Application.process_update)",
        [("bot/ptb/application.py", "process_update"), ("ext/_application.py", "process_update")],
    ),
    ("· Bot API requests (PTB Bot._post, incl. getUpdates)", [("telegram/_bot.py", "_post")]),
    (
        "· · httpcore's failed `import sniffio`",
        [("httpcore/_synchronization.py", "current_async_library")],
    ),
    ("· · JSON → telegram objects (Message.de_json)", [("telegram/_message.py", "de_json")]),
    (
        "· state saved with the inbox mark (persistence, one transaction)",
        [("bot/ptb/application.py", "_save")],
    ),
    ("· templates (Renderer.message)", [("bot/render.py", "message")]),
    ("· typed dates (parse_when)", [("bot/coaching/dates.py", "parse_when")]),
    ("fetching updates (Updater polling_action_cb)", [("ext/_updater.py", "polling_action_cb")]),
    ("· inbox: store each batch before confirming it", [("bot/ptb/inbox.py", "store_fetched")]),
    ("SQLite calls queued (aiosqlite Connection._execute)", [("aiosqlite/core.py", "_execute")]),
    ("event loop machinery (_run_once, own time)", [("asyncio/base_events.py", "_run_once")]),
]
_IDLE = "<method 'poll' of 'select.epoll' objects>"


@dataclass
class Profile:
    cell: Cell
    busy: float
    idle: float
    rows: list[tuple[str, float | None]]


def attribute(stats: pstats.Stats) -> tuple[float, float, list[tuple[str, float | None]]]:
    raw = stats.stats  # type: ignore[attr-defined]
    total = idle = 0.0
    for (_, _, name), (_, _, own, _, _) in raw.items():
        total += own
        if name == _IDLE:
            idle += own
    rows: list[tuple[str, float | None]] = []
    for label, wheres in ENTRIES:
        found: float | None = None
        for suffix, function in wheres:
            for (path, _, name), (_, _, own, inclusive, _) in raw.items():
                if name == function and path.endswith(suffix):
                    value = own if label.startswith("event loop") else inclusive
                    found = (found or 0.0) + value
            if found is not None:
                break
        rows.append((label, found))
    return total - idle, idle, rows


async def run(bench: Bench, bot: BotSpec, users: int) -> Profile:
    profiler = cProfile.Profile()
    cell = await bench.cell(bot, users, "saturation", rounds=1, deadline=60.0, profiler=profiler)
    busy, idle, rows = attribute(pstats.Stats(profiler))
    return Profile(cell, busy, idle, rows)


def report(profiles: list[Profile]) -> str:
    headers = ["event loop time", *(f"{p.cell.bot.label}, {p.cell.users} users" for p in profiles)]
    body: list[list[str]] = []
    labels = [label for label, _ in profiles[0].rows] if profiles else []
    for index, label in enumerate(labels):
        cells = []
        for profile in profiles:
            value = profile.rows[index][1]
            cells.append("-" if value is None else f"{100 * ratio(value, profile.busy):.0f}%")
        body.append([label, *cells])
    body.append(
        [
            "busy ms per update (under cProfile)",
            *(num(1000 * p.cell.per_update(p.busy), 2) for p in profiles),
        ]
    )
    body.append(
        [
            "idle (waiting in epoll), share of all",
            *(f"{100 * ratio(p.idle, p.busy + p.idle):.0f}%" for p in profiles),
        ]
    )
    return table(headers, body)
