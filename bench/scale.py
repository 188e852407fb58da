"""Benchmark 3: the hot reads and writes on a big database, timed in-process.

`python -m bench.scale generate PATH [--quick]` builds the data (bench/scale_data.py);
`python -m bench.scale measure PATH` opens it as the bot does and times the brief, the
profile card, contact lookups and /search, runs EXPLAIN QUERY PLAN on every SQL statement
in bot/storage and reports the process's peak memory. Each step is its own process, so the
memory figure is that of a bot-like process using this database, not of the generator.
Both print one JSON document; `run()` drives them and `report()` prints the tables.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import pkgutil
import random
import re
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bot.storage
from bench import scale_data
from bench.stats import Summary, ms, table
from bot.coaching.brief import build_brief
from bot.coaching.names import reference
from bot.handlers.brief import read_situation
from bot.handlers.contacts import MEETINGS_SHOWN, NOTES_PER_SLOT
from bot.handlers.who import resolve
from bot.storage import contacts, debriefs, followups, interactions, meetings, notes, users
from bot.storage.db import Database, fetch_all, fetch_one

# The brief, the card, /search and every name lookup, before the user sees the answer.
TARGET_P95_MS = 10.0
RESOLVE_TARGET_P95_MS = TARGET_P95_MS
LATEST_MEETING = 2**62
_SQL = re.compile(r"^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)\b", re.IGNORECASE)
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_ALIAS = re.compile(r"\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", re.IGNORECASE)
# Typed names to resolve among the heavy user's 10,000 contacts (bench/scale_data.py: 30 first
# names, 30 last names, 20 companies, so "Mira" is about 330 of them).
RESOLVED = (
    "mira",  # a first name: hundreds of namesakes
    "Patel",  # a last name
    "Mira Patel",  # a full name: a dozen namesakes
    "mira from globex",  # a name and a company
    "Mira Patel, CTO at Globex",  # one line says it all
    "Xavier Quinn",  # somebody new
    "Mria Patel",  # a slip in the first letters
    "m",  # one letter
)
_KEYWORDS = {"WHERE", "ON", "SET", "LEFT", "JOIN", "CROSS", "INNER", "ORDER", "GROUP", "LIMIT"}


@dataclass
class Timing:
    name: str
    summary: Summary | None
    note: str = ""
    target_ms: float = TARGET_P95_MS
    cpu_p95_ms: float | None = None
    """The process's CPU time (both its threads) per operation: on a machine shared with
    other work, wall-clock figures carry the waits for a core, this does not."""


@dataclass
class Plan:
    where: str
    detail: str
    kind: str


@dataclass
class Measured:
    timings: list[Timing] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    statements_checked: int = 0
    rss_start_kb: int = 0
    rss_peak_kb: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    typical_notes: int = 0
    heavy_notes: int = 0


# -- measuring (in the `measure` process) --------------------------------------------------


async def _time(
    name: str,
    operation: Callable[[int], Awaitable[object]],
    repeats: int,
    target_ms: float = TARGET_P95_MS,
) -> Timing:
    try:
        await operation(0)  # first run: warm the page cache and the statement cache
        values = []
        cpu: list[float] = []
        for index in range(1, repeats + 1):
            start, start_cpu = time.perf_counter(), time.process_time()
            timed = await operation(index)
            # An operation that sets something up first returns the time of its own part.
            values.append(timed if isinstance(timed, float) else time.perf_counter() - start)
            if not isinstance(timed, float):
                cpu.append(time.process_time() - start_cpu)
    except (AttributeError, TypeError) as missing:
        return Timing(name, None, f"not measured: {missing}", target_ms)
    cpu_p95 = Summary.of_seconds(cpu).p95 if cpu else None
    return Timing(name, Summary.of_seconds(values), target_ms=target_ms, cpu_p95_ms=cpu_p95)


async def measure(path: Path, repeats: int) -> Measured:
    result = Measured(rss_start_kb=_rss_kb())
    db = Database(path, clock=lambda: scale_data.NOW)
    await db.open()
    try:
        library = scale_data._library()
        owner = scale_data.OWNER
        heavy, typical, typical_count = await _contacts_to_use(db)
        counted = await fetch_one(
            db.conn,
            "SELECT COUNT(*) AS n FROM notes WHERE owner_id = ? AND contact_id = ?",
            (owner, heavy),
        )
        result.heavy_notes = int(counted["n"]) if counted else 0
        result.typical_notes = typical_count
        for table_name in ("users", "contacts", "meetings", "notes", "followups", "search_index"):
            row = await fetch_one(db.conn, f"SELECT COUNT(*) AS n FROM {table_name}")
            result.rows[table_name] = int(row["n"]) if row else 0

        async def brief(contact_id: int, index: int) -> object:
            contact = await contacts.get_contact(db, owner, contact_id)
            assert contact is not None
            # What bot/handlers/brief.py send_brief reads, for a meeting after all others.
            situation = await read_situation(
                db, contact, LATEST_MEETING, "learn", datetime.now(UTC)
            )
            built = build_brief(library, situation, random.Random(index))
            await followups.open_for_contact(db, owner, contact_id)
            return built

        async def card(contact_id: int) -> object:
            # What bot/handlers/contacts.py send_card reads.
            await users.get_user(db, owner)
            await contacts.get_contact(db, owner, contact_id)
            await notes.latest_per_slot(db, owner, contact_id, NOTES_PER_SLOT)
            await notes.open_promises(db, owner, contact_id)
            await followups.open_for_contact(db, owner, contact_id)
            await meetings.latest_for_contact(db, owner, contact_id, MEETINGS_SHOWN)
            return await interactions.last_interaction(db, owner, contact_id)

        search = importlib.import_module("bot.storage.search")
        common: dict[str, object] = {
            "owner_id": owner,
            "query": search.match_query(owner, search.search_words(scale_data.COMMON_WORD)),
            "counted": search.MAX_COUNTED + 1,
            "limit": 10,
        }
        # A meeting waiting for its debrief reminder: the case the scheduler asks about.
        waiting = await meetings.create_meeting(
            db, owner, contact_id=typical, goal="learn", scheduled_at=scale_data.NOW
        )
        await meetings.set_debrief_reminder(db, owner, waiting.id, True)
        meeting_id = waiting.id
        operations: list[tuple[str, Callable[[int], Awaitable[object]]]] = [
            ("brief data, typical contact", lambda i: brief(typical, i)),
            ("brief data, heaviest contact", lambda i: brief(heavy, i)),
            ("profile card data, typical contact", lambda i: card(typical)),
            ("profile card data, heaviest contact", lambda i: card(heavy)),
            ("/search common word", lambda i: search.search(db, owner, scale_data.COMMON_WORD)),
            (
                "· its one query (the newest hits) alone",
                lambda i: fetch_all(db.conn, search.NEWEST, common),
            ),
            ("/search rare word", lambda i: search.search(db, owner, scale_data.RARE_WORD)),
            ("/search two words", lambda i: search.search(db, owner, "climbing porto")),
            ("/search prefix 'kit'", lambda i: search.search(db, owner, "kit")),
            ("/search contact name", lambda i: search.search(db, owner, "Patel")),
            ("/contacts first page", lambda i: contacts.list_contacts(db, owner)),
            (
                "/contact NAME (fuzzy match)",
                lambda i: contacts.match_contacts(db, owner, "mira", limit=9),
            ),
            (
                "/contact NAME, a typo in its first letters",
                lambda i: contacts.match_contacts(db, owner, "Mria Patel", limit=9),
            ),
            ("/contact one letter", lambda i: contacts.match_contacts(db, owner, "m", limit=9)),
            (
                "/prep start: recent contacts",
                lambda i: contacts.recent_contacts(db, owner, limit=6),
            ),
            (
                "reminder check: still_wants_debrief",
                lambda i: followups.still_wants_debrief(db, owner, meeting_id),
            ),
            ("edit a contact's company (write)", lambda i: _edit(db, typical, i)),
            ("record a debrief answer (write)", lambda i: _answer(db, typical, i)),
            ("discard a debrief of 7 answers (write)", lambda i: _discard(db, typical, i)),
        ]
        for name, operation in operations:
            result.timings.append(await _time(name, operation, repeats))
        # The one name resolver (/prep, /debrief, /contact): names as people type them.
        for typed in RESOLVED:

            async def resolution(index: int, typed: str = typed) -> object:
                return await resolve(db, owner, reference(typed))

            result.timings.append(
                await _time(f"resolve “{typed}”", resolution, repeats, RESOLVE_TARGET_P95_MS)
            )
        result.plans, result.statements_checked = await asyncio.to_thread(explain, path, typical)
    finally:
        await db.close()
    result.rss_peak_kb = _rss_kb()
    return result


async def _contacts_to_use(db: Database) -> tuple[int, int, int]:
    """The heavy user's contact with the most notes, and one with the median count."""
    rows = list(
        await db.conn.execute_fetchall(
            "SELECT contact_id, COUNT(*) AS n FROM notes WHERE owner_id = ? "
            "GROUP BY contact_id ORDER BY n",
            (scale_data.OWNER,),
        )
    )
    heavy = int(rows[-1]["contact_id"])
    middle = rows[len(rows) // 2]
    return heavy, int(middle["contact_id"]), int(middle["n"])


async def _edit(db: Database, contact_id: int, index: int) -> object:
    return await contacts.update_contact(
        db, scale_data.OWNER, contact_id, company=f"Globex {index}"
    )


async def _new_debrief(db: Database, contact_id: int) -> int:
    meeting = await meetings.create_meeting(
        db, scale_data.OWNER, contact_id=contact_id, goal="learn", scheduled_at=scale_data.NOW
    )
    return (await debriefs.start_debrief(db, scale_data.OWNER, meeting.id)).id


async def _answer(db: Database, contact_id: int, index: int) -> object:
    debrief_id = await _new_debrief(db, contact_id)
    start = time.perf_counter()
    await debriefs.record_answer(
        db,
        scale_data.OWNER,
        debrief_id,
        step=0,
        step_id="learned",
        slot="learned",
        bodies=["moved into product, runs a climbing club"],
        update_id=index + 1,
    )
    return time.perf_counter() - start


async def _discard(db: Database, contact_id: int, index: int) -> object:
    debrief_id = await _new_debrief(db, contact_id)
    for step in range(7):
        await debriefs.record_answer(
            db,
            scale_data.OWNER,
            debrief_id,
            step=step,
            step_id=f"step{step}",
            slot="learned",
            bodies=[f"answer {step} about product and porto"],
            update_id=step + 1,
        )
    start = time.perf_counter()
    await debriefs.discard_debrief(db, scale_data.OWNER, debrief_id)
    return time.perf_counter() - start


def _rss_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# -- EXPLAIN QUERY PLAN ----------------------------------------------------------------------


def storage_statements() -> list[tuple[str, str]]:
    """Every SQL statement that bot/storage keeps in a module constant: (where, sql)."""
    found = []
    for module_info in pkgutil.iter_modules(bot.storage.__path__):
        module = importlib.import_module(f"bot.storage.{module_info.name}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str) and _SQL.match(value):
                found.append((f"{module_info.name}.{name}", value))
    return found


def trigger_statements(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """The statements inside the schema's triggers, with new./old. columns as values."""
    found = []
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"):
        body = sql[sql.upper().index("BEGIN") + 5 : sql.upper().rindex("END")]
        body = re.sub(r"\b(?:new|old)\.\w+", "1", body)
        for statement in body.split(";"):
            if statement.strip():
                found.append((f"trigger {name}", statement.strip()))
    return found


def _params(sql: str, contact_id: int) -> dict[str, Any] | tuple[Any, ...]:
    from bot.storage.db import to_db_time

    names = set(_NAMED.findall(sql))
    if not names:
        return (None,) * sql.count("?")
    search = importlib.import_module("bot.storage.search")
    values: dict[str, Any] = {
        "owner_id": scale_data.OWNER,
        "contact_id": contact_id,
        "id": contact_id,
        "limit": 10,
        "offset": 0,
        "archived": 0,
        "query": search.match_query(scale_data.OWNER, ["product"]),
        "counted": 201,
        "cap": -1,
        "words": f'owner:"u{scale_data.OWNER}" AND words:("mi"* OR "pa"*)',
        "infix": "mira",
        "name_key": "mira patel",
        "whole_key": "mira patel (globex)",
    }
    now = to_db_time(scale_data.NOW)
    return {name: values.get(name, now if _looks_like_time(name) else 1) for name in names}


def _looks_like_time(name: str) -> bool:
    return name in ("now", "until", "since", "before", "after", "at") or name.endswith("_at")


def explain(path: Path, contact_id: int) -> tuple[list[Plan], int]:
    conn = sqlite3.connect(path)
    try:
        tables = {
            name
            for (name, sql) in conn.execute(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
            )
            if sql and not sql.upper().startswith("CREATE VIRTUAL")
        }
        virtual = {
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
            )
        }
        plans: list[Plan] = []
        statements = storage_statements() + trigger_statements(conn)
        for where, sql in statements:
            aliases = _aliases(sql)
            try:
                rows = conn.execute(f"EXPLAIN QUERY PLAN {sql}", _params(sql, contact_id))
            except sqlite3.Error as problem:
                plans.append(Plan(where, f"EXPLAIN failed: {problem}", "error"))
                continue
            for row in rows:
                detail = str(row[3])
                kind = _scan_kind(detail, aliases, tables, virtual)
                if kind:
                    plans.append(Plan(where, detail, kind))
        return plans, len(statements)
    finally:
        conn.close()


def _aliases(sql: str) -> dict[str, str]:
    aliases = {}
    for table_name, alias in _ALIAS.findall(sql):
        aliases[table_name] = table_name
        if alias and alias.upper() not in _KEYWORDS:
            aliases[alias] = table_name
    return aliases


def _scan_kind(detail: str, aliases: dict[str, str], tables: set[str], virtual: set[str]) -> str:
    if not detail.startswith("SCAN "):
        return ""
    name = detail.split()[1]
    table_name = aliases.get(name, name)
    if table_name in virtual:
        # FTS5 plans a MATCH as "INDEX 0:M..."; an empty index string reads every row.
        return "full FTS scan" if re.search(r"VIRTUAL TABLE INDEX \d+:$", detail) else ""
    if table_name not in tables:
        return ""
    if "USING" in detail and "INDEX" in detail:
        return "full index scan"
    return "FULL TABLE SCAN"


# -- driving the two processes ----------------------------------------------------------------


@dataclass
class Results:
    size: scale_data.Size
    generate_seconds: float
    db_bytes: int
    measured: Measured


async def _child(*args: str) -> dict[str, Any]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.scale",
        *args,
        stdout=asyncio.subprocess.PIPE,
        cwd=scale_data.PROJECT_ROOT,
    )
    out, _ = await asyncio.wait_for(process.communicate(), 600)
    if process.returncode != 0:
        raise RuntimeError(f"bench.scale {args[0]} failed with exit status {process.returncode}")
    data: dict[str, Any] = json.loads(out)
    return data


def _bytes(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.glob("scale.sqlite3*"))


async def run(quick: bool) -> Results:
    size = scale_data.QUICK if quick else scale_data.FULL
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as directory:
        path = Path(directory) / "scale.sqlite3"
        generated = await _child("generate", str(path), *(["--quick"] if quick else []))
        db_bytes = await asyncio.to_thread(_bytes, Path(directory))
        data = await _child("measure", str(path), "--repeats", "10" if quick else "20")
    measured = Measured(
        timings=[
            Timing(
                t["name"],
                Summary(**t["summary"]) if t["summary"] else None,
                t["note"],
                t["target_ms"],
                t["cpu_p95_ms"],
            )
            for t in data["timings"]
        ],
        plans=[Plan(**p) for p in data["plans"]],
        statements_checked=data["statements_checked"],
        rss_start_kb=data["rss_start_kb"],
        rss_peak_kb=data["rss_peak_kb"],
        rows=data["rows"],
        typical_notes=data["typical_notes"],
        heavy_notes=data["heavy_notes"],
    )
    return Results(size, float(generated["seconds"]), db_bytes, measured)


def report(results: Results) -> str:
    measured = results.measured
    rows = []
    for timing in measured.timings:
        summary = timing.summary
        if summary is None:
            rows.append([timing.name, "-", "-", "-", "-", "-", timing.note])
            continue
        verdict = "met" if summary.p95 < timing.target_ms else "NOT met"
        rows.append(
            [
                timing.name,
                ms(summary.p50),
                ms(summary.p95),
                ms(summary.max),
                "-" if timing.cpu_p95_ms is None else ms(timing.cpu_p95_ms),
                f"< {timing.target_ms:g}: {verdict}",
                "",
            ]
        )
    lines = [
        f"Data: {results.size.label}. Generated in {results.generate_seconds:.1f} s.",
        f"Rows: {', '.join(f'{name} {count:,}' for name, count in measured.rows.items())}.",
        f"Typical contact: {measured.typical_notes} notes; heaviest: {measured.heavy_notes}.",
        f"DB file: {results.db_bytes / 1e6:.1f} MB. Peak RSS of the measuring process: "
        f"{measured.rss_peak_kb / 1024:.0f} MB ({measured.rss_start_kb / 1024:.0f} MB after "
        "imports, before opening the database).",
        "",
        table(
            ["operation", "p50 ms", "p95 ms", "max ms", "CPU p95 ms", "p95 target ms", "note"],
            rows,
        ),
        "",
        f"EXPLAIN QUERY PLAN over {measured.statements_checked} statements (bot/storage constants "
        "and trigger bodies); scans of real tables:",
        "",
    ]
    plan_rows = [[plan.kind, plan.where, plan.detail] for plan in measured.plans]
    lines.append(table(["kind", "statement", "plan step"], plan_rows) if plan_rows else "(none)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("step", choices=("generate", "measure"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    if args.step == "generate":
        start = time.perf_counter()
        scale_data.generate(args.path, scale_data.QUICK if args.quick else scale_data.FULL)
        print(json.dumps({"seconds": time.perf_counter() - start}))
    else:
        measured = asyncio.run(measure(args.path, args.repeats))
        print(json.dumps(asdict(measured)))


if __name__ == "__main__":
    main()
