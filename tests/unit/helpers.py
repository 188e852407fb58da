"""What several unit test modules share: a clock the test moves, sample notes, playbook
texts, the sandbox server with a connected bot, and query-plan reading."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import telegram

from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer
from bot.sandbox.telegram_html import parse_html, utf16_length
from bot.sandbox.user import SandboxUser
from bot.storage import search
from bot.storage.db import Database, fetch_all, to_db_time
from bot.storage.notes import Note

START = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: int = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


# -- notes -----------------------------------------------------------------------------------

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def note(slot: str, body: str, days_ago: int = 1) -> Note:
    return Note(
        id=days_ago,
        owner_id=1,
        contact_id=1,
        debrief_id=None,
        slot=slot,
        body=body,
        created_at=T0 - timedelta(days=days_ago),
        done_at=None,
    )


# -- long messages ---------------------------------------------------------------------------

LIMIT = 4096


def check_parts(html: str, parts: list[str], limit: int = LIMIT) -> None:
    """Every part is valid Telegram HTML within the limit, and together they show it all."""
    assert parts, "nothing to send"
    for part in parts:
        shown = parse_html(part)  # raises HtmlError where Telegram would answer 400
        assert shown.strip(), f"empty part in {parts!r}"
        assert utf16_length(shown) <= limit
    joined = "".join(parse_html(part) for part in parts)
    assert squash(joined) == squash(parse_html(html))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- playbooks -------------------------------------------------------------------------------

# Line numbers in test_playbooks.py refer to this text; tests change one thing in it and
# expect one error.
VALID_PREP = """\
id: sample
kind: prep
title: Sample
applies:
  stages: [seed]
  goals: [learn]
avoid:
  - Talking more than you listen.
questions:
  - id: story
    text: How did you get started?
    slot: origin_story
    why: People like telling their own story.
  - id: help
    text: What could I do to help you?
    slot: how_i_can_help
    why: Giving first sets the tone.
"""

VALID_DEBRIEF = """\
id: debrief
kind: debrief
title: Debrief
steps:
  - id: learned
    text: What did you learn?
    slot: learned
    hint: Anything worth remembering.
  - id: follow_up
    text: When will you follow up?
    slot: follow_up
    hint: Pick a date.
    answer: date
"""

FALLBACK = VALID_PREP.replace("id: sample", "id: fallback").replace(
    "stages: [seed]\n  goals: [learn]", "stages: any\n  goals: any"
)


# -- the sandbox and a bot connected to it (fixtures: import them by name) ------------------

ADA = 42


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as running:
        yield running


@pytest.fixture
async def bot(server: SandboxServer) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(
        SANDBOX_TOKEN, base_url=server.base_url, base_file_url=server.base_file_url
    ) as connected:
        yield connected


@pytest.fixture
def ada(server: SandboxServer) -> SandboxUser:
    return server.user(ADA, "Ada", "ada_l")


# -- query plans -----------------------------------------------------------------------------

OWNER = 1001
PLAN_PARAMS = {
    "owner_id": OWNER,
    "id": 1,
    "keep_meeting": 1,
    "now": to_db_time(START),
    "limit": 8,
    "offset": 0,
    "archived": 0,
    "name_key": "mira patel",
    "whole_key": "mira patel (globex)",
    "infix": "mira patel",
    "words": 'owner:"u1001" AND words:("mi"* OR "pa"*)',
    "query": search.match_query(OWNER, ["product"]),
    "counted": search.MAX_COUNTED + 1,
    "cap": -1,
    "contact_id": 1,
    "per_slot": 3,
    "debrief_id": 1,
    "ids": "[1, 2, 3]",
    "until": to_db_time(START),
    "since": to_db_time(START),
}
"""A value for each named parameter of the statements whose plans tests read."""


def whole_scans(plan: list[str]) -> list[str]:
    """Plan steps that read a whole table or index. FTS5 tables always say SCAN: one reads
    every row only when FTS5 was given no constraint (an empty index string, "INDEX 0:").
    A subquery's rows (and those of LATEST_PER_SLOT's `slots`, a recursive CTE) are scanned
    where they were made, which its own steps show, and json_each reads the array it is
    given (a few ids), not a table."""
    return [
        step
        for step in plan
        if step.startswith("SCAN ")
        and not step.startswith(("SCAN (subquery", "SCAN json_each", "SCAN slots"))
        and ("VIRTUAL TABLE" not in step or re.search(r"INDEX \d+:$", step))
    ]


async def plan_of(db: Database, sql: str) -> list[str]:
    names = set(re.findall(r"(?<![:\w]):(\w+)", sql))
    rows = await fetch_all(db.conn, "EXPLAIN QUERY PLAN " + sql, {n: PLAN_PARAMS[n] for n in names})
    return [row["detail"] for row in rows]
