"""A database file the bot cannot use: one line naming it, and the file left as it was.

Each case starts from a real database of the bot's (with a contact and a meeting in it), as
an operator would have one, then spoils it the way disks, backups and chmod do.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.sandbox.server import SandboxServer
from tests.e2e.helpers import TOKEN
from tests.e2e.processes import COMMAND, environment, seed_meeting

GUARD = 20.0  # against hanging only


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as server:
        yield server


def overwrite_page_of(table: str) -> Callable[[Path], None]:
    """Fill the first page of `table` with noise, as a bad sector or a torn copy would."""

    def damage(path: Path) -> None:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            (root,) = conn.execute(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,)
            ).fetchone()
            (size,) = conn.execute("PRAGMA page_size").fetchone()
        data = bytearray(path.read_bytes())
        start = (root - 1) * size
        data[start : start + size] = random.Random(root).randbytes(size)
        path.write_bytes(bytes(data))

    return damage


def read_only(path: Path) -> None:
    path.chmod(0o444)  # root may still write it; the operator meant it not to be


def not_a_database(path: Path) -> None:
    path.write_bytes(b"Name,Company\nDana Whitfield,Acme\n" * 200)


def header_spoiled(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(b"SQLite format 4\x00" + data[16:])


@pytest.mark.parametrize(
    ("spoil", "verdict"),
    [
        (read_only, "the database file is read-only"),
        (not_a_database, "file is not a database"),
        (header_spoiled, "file is not a database"),
        # Read at start (PTB's saved state): this one used to end in a 49-line traceback.
        (overwrite_page_of("ptb_user_data"), "the database is damaged"),
        # Read by no start-up query: the bot used to start, and write, on a damaged file.
        (overwrite_page_of("notes"), "the database is damaged"),
    ],
    ids=["read-only", "not-a-database", "header", "damaged-state-page", "damaged-notes-page"],
)
async def test_a_database_file_it_cannot_use_is_one_line_and_left_as_it_was(
    sandbox: SandboxServer, tmp_path: Path, spoil: Callable[[Path], None], verdict: str
) -> None:
    path = tmp_path / "people.sqlite3"
    await seed_meeting(path, 1001, "Dana Whitfield")
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the one file, as a copy
    spoil(path)
    before = path.read_bytes()

    process = await asyncio.create_subprocess_exec(
        COMMAND,
        "run",
        env=environment(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=sandbox.url,
            COMMONGROUND_DB=str(path),
        ),
        cwd=tmp_path,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        output, _ = await asyncio.wait_for(process.communicate(), timeout=GUARD)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()

    assert process.returncode == 1
    [line] = output.decode().splitlines()
    assert line.startswith(f"commonground: {path}: ") and verdict in line, line
    assert path.read_bytes() == before
    assert sandbox.calls["getUpdates"] == 0
