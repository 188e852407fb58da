"""The one SQLite connection the bot shares, its migrations, and how time is stored.

Every coroutine of the bot goes through a single aiosqlite connection. SQLite allows one
transaction per connection, so writers take turns through `Database.transaction()`; a write
that is not inside one would silently join whichever transaction another coroutine has open.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import re
import sqlite3
import stat
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.storage.errors import StorageError

log = logging.getLogger(__name__)

# STRICT tables need 3.37 and RETURNING 3.35; failing at open beats failing on first insert.
MIN_SQLITE_VERSION = (3, 37, 0)
BUSY_TIMEOUT_MS = 5_000
MEMORY = ":memory:"

_MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_SQL_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)


T = TypeVar("T")

Statement = tuple[str, dict[str, Any]]
"""An SQL statement and its named parameters."""


# -- time ------------------------------------------------------------------------------------


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """Aware datetime -> fixed-width UTC text, so that text order is time order in SQL."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        # A naive time is ambiguous by the user's whole UTC offset; refuse rather than guess.
        raise ValueError(f"naive datetime {moment!r}: pass a timezone-aware datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def from_db_time_or_none(text: str | None) -> datetime | None:
    return None if text is None else from_db_time(text)


# -- migrations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@functools.cache
def load_migrations() -> tuple[Migration, ...]:
    """The numbered .sql files shipped in bot/storage/migrations, in order."""
    folder = resources.files("bot.storage").joinpath("migrations")
    found: list[Migration] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _MIGRATION_FILE.match(entry.name)
        if match is None:
            raise StorageError(f"migration file {entry.name!r} is not named NNNN_name.sql")
        found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in found]
    if versions != list(range(1, len(found) + 1)):
        # user_version only records "how far", so a gap or a duplicate would be skipped forever.
        raise StorageError(f"migrations must be numbered 0001, 0002, ... without gaps: {versions}")
    return tuple(found)


def split_statements(script: str) -> list[str]:
    """Cut an SQL script into single statements.

    `executescript` would be simpler but it commits any open transaction first, and each
    migration must be applied atomically together with its user_version bump.
    """
    statements: list[str] = []
    start = 0
    for index, char in enumerate(script):
        # complete_statement knows about strings, comments and trigger bodies, so a ';'
        # inside any of them does not end the statement.
        if char == ";" and sqlite3.complete_statement(script[start : index + 1]):
            statement = script[start : index + 1].strip()
            if _has_code(statement.rstrip(";")):
                statements.append(statement)
            start = index + 1
    if _has_code(script[start:]):
        raise StorageError(f"unterminated SQL statement: {script[start:].strip()[:80]!r}")
    return statements


def _has_code(sql: str) -> bool:
    return bool(_SQL_COMMENT.sub("", sql).strip())


async def schema_version(conn: aiosqlite.Connection) -> int:
    rows = list(await conn.execute_fetchall("PRAGMA user_version"))
    return int(rows[0][0])


async def apply_migrations(
    conn: aiosqlite.Connection, migrations: Sequence[Migration], *, where: str = "database"
) -> int:
    """Bring the schema up to the last migration; return the resulting version.

    Each migration runs in its own transaction together with its `PRAGMA user_version`
    bump, so a failure leaves the database at the previous version, never half-migrated.
    """
    latest = migrations[-1].version if migrations else 0
    current = await schema_version(conn)
    if current > latest:
        raise StorageError(
            f"{where} has schema version {current}, but this version of the bot only knows "
            f"up to {latest}: it was written by a newer release. Upgrade the bot (or restore "
            "a backup) instead of running an older release on it."
        )
    for migration in migrations:
        if migration.version <= current:
            continue
        await execute(conn, "BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the write lock.
            current = await schema_version(conn)
            if migration.version > current:
                for statement in split_statements(migration.sql):
                    await execute(conn, statement)
                # PRAGMA takes no parameters; the version is an int parsed from the file name.
                await execute(conn, f"PRAGMA user_version = {migration.version:d}")
                current = migration.version
                log.info("applied migration %s to %s", migration.name, where)
            await conn.commit()
        except sqlite3.Error as exc:
            await conn.rollback()
            raise StorageError(f"migration {migration.name} failed on {where}: {exc}") from exc
        except BaseException:
            await conn.rollback()
            raise
    return current


# -- the connection --------------------------------------------------------------------------


class Database:
    """One SQLite file, opened once and shared by every coroutine of the bot.

    `clock` stamps created_at and decides which meetings are in the past; the application
    passes the same clock its handlers use so that tests can move time.
    """

    def __init__(self, path: str | Path, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._path = Path(path)
        self.clock = clock
        self._conn: aiosqlite.Connection | None = None
        self._open_lock = asyncio.Lock()
        self._write_lock = asyncio.Lock()
        self._turns = 0  # coroutines holding or waiting for the write lock
        self._writer: asyncio.Task[Any] | None = None
        self._savepoints = 0

    @property
    def path(self) -> Path:
        return self._path

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise StorageError(f"database {self._path} is not open: await Database.open() first")
        return self._conn

    def now(self) -> datetime:
        moment = self.clock()
        to_db_time(moment)  # the clock must be aware; fail here rather than in a query
        return moment.astimezone(UTC)

    async def open(self) -> None:
        """Connect and migrate. Safe to call again, and from several coroutines at once."""
        if self._conn is not None:
            return
        async with self._open_lock:
            if self._conn is not None:
                return
            if sqlite3.sqlite_version_info < MIN_SQLITE_VERSION:
                raise StorageError(
                    f"SQLite {sqlite3.sqlite_version} is too old: Common Ground needs "
                    f"{'.'.join(map(str, MIN_SQLITE_VERSION))} or newer"
                )
            try:
                self._conn = await self._connect()
            except (sqlite3.Error, OSError) as error:
                # Not a database, unreadable, a folder...: one line naming the file.
                raise StorageError(f"{self._path}: cannot open the database: {error}") from None

    async def _connect(self) -> aiosqlite.Connection:
        in_memory = str(self._path) == MEMORY
        if not in_memory:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            _refuse_read_only(self._path)
        # isolation_level=None: transactions are begun explicitly by transaction(), never
        # implicitly by the sqlite3 module before a write.
        conn = await aiosqlite.connect(self._path, isolation_level=None)
        try:
            conn.row_factory = aiosqlite.Row
            await self._configure(conn, in_memory=in_memory)
            await apply_migrations(conn, load_migrations(), where=str(self._path))
        except BaseException:
            await conn.close()
            raise
        return conn

    async def _configure(self, conn: aiosqlite.Connection, *, in_memory: bool) -> None:
        await execute(conn, f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        # Before anything writes (WAL mode, migrations, the bot's first update): a damaged
        # file is left as it was, for its owner to restore, and never half-used. It reads
        # every page once, at start, when nobody waits for an answer yet.
        try:
            problems = [row[0] for row in await conn.execute_fetchall("PRAGMA quick_check")]
        except sqlite3.DatabaseError as error:
            if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_CORRUPT:
                raise  # not a database at all, say: open() words it
            problems = [str(error)]
        if problems != ["ok"]:
            raise StorageError(
                f"{self._path}: the database is damaged ({' '.join(problems[0].split())}): "
                "restore it from a backup"
            )
        rows = list(await conn.execute_fetchall("PRAGMA journal_mode = WAL"))
        if not in_memory and rows[0][0] != "wal":
            # Still correct, only slower and with readers blocking the writer.
            log.warning("%s: WAL journal mode refused, running in %s mode", self._path, rows[0][0])
        # With WAL, NORMAL keeps every commit atomic and durable across a process crash;
        # only a power cut may lose the last commits.
        await execute(conn, "PRAGMA synchronous = NORMAL")
        await execute(conn, "PRAGMA foreign_keys = ON")
        rows = list(await conn.execute_fetchall("PRAGMA foreign_keys"))
        if not rows or rows[0][0] != 1:
            # Ownership of meetings is enforced by a foreign key; without it, refuse to run.
            raise StorageError("this SQLite build cannot enforce foreign keys")

    async def close(self) -> None:
        """Let a running transaction finish, then close. Closing twice is fine."""
        if self._writer is not None and self._writer is asyncio.current_task():
            raise StorageError("close() called inside a transaction")
        async with self._open_lock, self._turn():
            conn, self._conn = self._conn, None
            if conn is None:
                return
            try:
                # SQLite's advice for long-lived connections: refresh planner statistics.
                await execute(conn, "PRAGMA optimize")
            finally:
                await conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """`BEGIN IMMEDIATE` ... `COMMIT`, or `ROLLBACK` if the block raises.

        Nested use in the same task becomes a savepoint, so repository functions compose
        into a larger atomic change. IMMEDIATE takes the write lock up front: a deferred
        transaction that reads and then writes could fail with SQLITE_BUSY halfway.
        """
        conn = self.conn
        task = asyncio.current_task()
        if task is not None and self._writer is task:
            async with self._savepoint(conn):
                yield conn
            return
        async with self._turn():
            conn = self.conn  # close() may have run while this task waited
            self._writer = task
            try:
                await execute(conn, "BEGIN IMMEDIATE")
                try:
                    yield conn
                    await conn.commit()
                except BaseException:
                    # Also after a failed COMMIT, which leaves the transaction open and would
                    # make every later BEGIN fail; a no-op when SQLite already rolled back.
                    await conn.rollback()
                    raise
            finally:
                self._writer = None

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        self._turns += 1
        try:
            async with self._write_lock:
                yield
        finally:
            self._turns -= 1

    async def _alone(self, trip: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Make `trip`, one round trip that is a whole transaction (or a lone statement).

        aiosqlite's thread runs calls in the order they are made, so a trip only has to be
        made after any transaction() ahead of it has ended and before the next one begins:
        it waits for its turn at the write lock (straight through when nobody holds or
        wants it) and is queued in the thread before the lock passes on. Holding the lock
        for the trip itself would cost a turn of the busy event loop per writer, with all
        the others queued behind it.
        """
        if self._turns:
            async with self._turn():
                pass
        return await trip(self.conn)  # queued in the thread before this coroutine yields

    async def write(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> int:
        """One statement without rows (write_returning reads those) as a transaction of its
        own; return how many rows it changed.

        SQLite makes a lone statement atomic by itself, so this skips BEGIN and COMMIT (two
        of three round trips); inside a transaction() it joins it.
        """
        task = asyncio.current_task()
        if task is not None and self._writer is task:
            return await execute(self.conn, sql, params)
        cursor = await self._alone(lambda conn: conn.execute(sql, params))
        if cursor.description is not None:
            await cursor.close()  # rows nobody reads: end the statement, and its transaction
        return cursor.rowcount

    async def write_returning(
        self, sql: str, params: Iterable[Any] | dict[str, Any] = ()
    ) -> list[aiosqlite.Row]:
        """As `write`, for a statement with RETURNING: its rows."""
        task = asyncio.current_task()
        if task is not None and self._writer is task:
            return await fetch_all(self.conn, sql, params)
        return await self._alone(lambda conn: fetch_all(conn, sql, params))

    async def write_all(self, statements: Sequence[Statement], *, guarded: bool = False) -> bool:
        """Run `statements` as one transaction (inside a transaction() of the same task, as
        part of it).

        `guarded`: the first statement is a condition; when it changes no row, nothing is
        written and the result is False.
        """
        async with self.transaction() as conn:
            for number, (sql, params) in enumerate(statements):
                if await execute(conn, sql, params) == 0 and guarded and number == 0:
                    return False  # nothing written yet: the transaction ends empty
        return True

    @asynccontextmanager
    async def _savepoint(self, conn: aiosqlite.Connection) -> AsyncIterator[None]:
        self._savepoints += 1
        name = f"sp_{self._savepoints:d}"
        await execute(conn, f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            await execute(conn, f"ROLLBACK TO {name}")
            await execute(conn, f"RELEASE {name}")
            raise
        await execute(conn, f"RELEASE {name}")


def _refuse_read_only(path: Path) -> None:
    """SQLite opens a file it may not write read-only without a word, and the first write
    fails, mid-update. A file with no write permission for anyone counts as read-only for
    root too, who could write it: its owner meant it to stay as it is."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return  # SQLite creates it
    if not (stat.S_IMODE(mode) & 0o222 and os.access(path, os.W_OK)):
        raise StorageError(
            f"{path}: the database file is read-only, and the bot writes every answer to it: "
            "make it writable for this user"
        )


# Each aiosqlite call is a round trip to its thread and back through the event loop; these
# helpers make one per statement (a cursor's execute, fetch and close would be three or four).


async def fetch_one(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any] | dict[str, Any] = ()
) -> aiosqlite.Row | None:
    """Run a statement and return its first row; also the way to read an INSERT ... RETURNING.

    All rows are fetched, so that a write is finished before COMMIT: callers expect one.
    """
    rows = await conn.execute_fetchall(sql, params)
    return next(iter(rows), None)


async def execute(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any] | dict[str, Any] = ()
) -> int:
    """Run a write and return how many rows it changed."""
    cursor = await conn.execute(sql, params)
    if cursor.description is not None:
        # A statement that yields rows stays open until its cursor is closed.
        await cursor.close()
    # A write without RETURNING ran to its end within execute and needs no close.
    return cursor.rowcount


async def fetch_all(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any] | dict[str, Any] = ()
) -> list[aiosqlite.Row]:
    return list(await conn.execute_fetchall(sql, params))
