"""The real bot, built by bot.app.build_application, with the benchmark's variations.

build_application takes the rate limiter as an argument: with `throttled=False` the bot's
rate limiter has no overall 30 messages/second limit (retries on 429 are kept), to measure
the bot's own cost rather than Telegram's limit. The transport is whatever build_application
gives the bot: nothing here replaces it.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.app import build_application, running
from bot.config import load_settings
from bot.ptb.application import CommonGroundApplication
from bot.ptb.ratelimit import RetryingRateLimiter

COACH_TOKEN = "7000000001:bench-coach-token-aaaaaaaaaaa"
# Sunday 22 November 2026, 09:00 UTC, as in tests/e2e: "today 10:00" is a valid meeting time.
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return NOW


@dataclass(frozen=True)
class Variant:
    throttled: bool = True

    @property
    def label(self) -> str:
        parts = ["coach"]
        if not self.throttled:
            parts.append("no 30/s limit")
        return parts[0] + (f" ({', '.join(parts[1:])})" if parts[1:] else "")


def _options(variant: Variant) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if not variant.throttled:
        options["rate_limiter"] = RetryingRateLimiter(
            overall_max_rate=0, group_max_rate=0, max_retries=3
        )
    return options


class StatementCounter:
    """SQL statements the bot's connection runs, by kind (sqlite3's trace callback).

    SQLite traces a statement again each time it enters one of its triggers, and traces the
    statements FTS5 runs on its shadow tables as "-- ..." comments: both count as "trigger".
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._last = ""
        self._began: float | None = None
        self.held = 0.0
        """Seconds a write transaction was open (BEGIN to COMMIT): the bot's one connection
        runs one at a time, so this over wall time is how busy its write lock was."""

    def reset(self) -> None:
        self.counts.clear()
        self.held = 0.0

    def __call__(self, statement: str) -> None:
        text = statement.lstrip()
        word = text.split(None, 1)[0].upper() if text else ""
        repeated = text == self._last
        if not text.startswith("--"):
            self._last = text
        if word in ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"):
            kind = "transaction"
            now = time.perf_counter()
            if word == "BEGIN":
                self._began = now
            elif word in ("COMMIT", "ROLLBACK") and self._began is not None:
                self.held += now - self._began
                self._began = None
        elif text.startswith("--") or repeated:
            kind = "trigger"
        elif "ptb_" in text:
            kind = "persistence"
        elif word in ("SELECT", "WITH", "PRAGMA"):
            kind = "read"
        else:
            kind = "write"
        self.counts[kind] += 1


class ErrorCounter(logging.Handler):
    """Errors the bot logs (its error handler logs every exception a handler raised)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0
        self.first: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if self.first is None:
            self.first = f"{record.name}: {record.getMessage()}"
            if record.exc_info and record.exc_info[1] is not None:
                self.first += f" ({record.exc_info[1]!r})"


@asynccontextmanager
async def coach(
    api_url: str, variant: Variant, statements: StatementCounter | None = None
) -> AsyncIterator[CommonGroundApplication]:
    """The coach polling `api_url`, on a fresh database in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="bench-coach-") as directory:
        folder = Path(directory)
        settings = load_settings(
            {
                "TELEGRAM_BOT_TOKEN": COACH_TOKEN,
                "TELEGRAM_API_URL": api_url,
                "COMMONGROUND_DB": str(folder / "bot.sqlite3"),
                "COMMONGROUND_TZ": "Europe/Berlin",
            },
            env_file=folder / ".env",
        )
        application = build_application(settings, clock=fixed_clock, **_options(variant))
        async with running(application):
            if statements is not None:
                await application.services.db.conn.set_trace_callback(statements)
            yield application
