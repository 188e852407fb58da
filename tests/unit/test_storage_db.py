"""The connection, its pragmas, migrations and transactions, on real SQLite files."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import aiosqlite
import pytest

from bot.storage import contacts, users
from bot.storage.db import (
    Database,
    Migration,
    apply_migrations,
    fetch_all,
    from_db_time,
    load_migrations,
    schema_version,
    split_statements,
    to_db_time,
)
from bot.storage.errors import StorageError

LATEST = len(load_migrations())


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "bot.db")
    await database.open()
    yield database
    await database.close()


def raw_user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


async def test_fresh_database_gets_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "data" / "nested" / "bot.db"
    db = Database(path)
    await db.open()
    try:
        tables = {
            row["name"]
            for row in await fetch_all(db.conn, "SELECT name FROM sqlite_master WHERE type='table'")
        }
    finally:
        await db.close()

    assert path.exists(), "open() creates the missing parent folders"
    assert raw_user_version(path) == LATEST
    assert {"users", "contacts", "meetings", "ptb_user_data", "ptb_conversations"} <= tables


async def test_shipped_migrations_are_numbered_from_one_without_gaps() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "0001_initial.sql"
    assert all(split_statements(m.sql) for m in migrations)


async def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    first = Database(path)
    await first.open()
    await users.save_profile(first, 1, name="Ada", timezone="Europe/London")
    await first.close()

    second = Database(path)
    await second.open()
    await second.open()  # idempotent on an open database too
    try:
        assert await schema_version(second.conn) == LATEST
        assert await users.get_user(second, 1) == users.User(1, "Ada", "Europe/London", True)
    finally:
        await second.close()


async def test_concurrent_opens_share_one_connection(tmp_path: Path) -> None:
    db = Database(tmp_path / "bot.db")
    await asyncio.gather(*(db.open() for _ in range(5)))
    try:
        conn = db.conn
        await db.open()
        assert db.conn is conn
        assert await schema_version(conn) == LATEST
    finally:
        await db.close()


async def test_wal_and_foreign_keys_are_really_on(db: Database) -> None:
    journal = await fetch_all(db.conn, "PRAGMA journal_mode")
    foreign_keys = await fetch_all(db.conn, "PRAGMA foreign_keys")
    assert journal[0][0] == "wal"
    assert foreign_keys[0][0] == 1
    # Behaviour, not just the flag: a contact whose owner does not exist is refused.
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO contacts (owner_id, name, name_key, created_at) "
                "VALUES (404, 'x', 'x', '2030-01-01T00:00:00.000000+00:00')"
            )


async def test_a_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    db = Database(path)
    await db.open()
    await db.close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {LATEST + 7}")

    newer = Database(path)
    try:
        with pytest.raises(StorageError, match=rf"schema version {LATEST + 7}.*newer release"):
            await newer.open()
    finally:
        await newer.close()  # a leaked aiosqlite thread would keep pytest from exiting
    assert not newer.is_open
    with pytest.raises(StorageError, match="not open"):
        _ = newer.conn
    assert raw_user_version(path) == LATEST + 7, "a refused database is left untouched"


async def made(path: Path) -> bytes:
    """A database of the bot's, all in its one file (as a copy of it would be)."""
    db = Database(path)
    await db.open()
    await users.ensure_user(db, 3)
    await db.close()
    return in_one_file(path)


def in_one_file(path: Path) -> bytes:
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")
    return path.read_bytes()


async def test_a_read_only_file_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    before = await made(path)
    path.chmod(0o444)  # even for root, who could write it anyway
    db = Database(path)
    with pytest.raises(StorageError, match=rf"^{path}: the database file is read-only"):
        await db.open()
    assert not db.is_open
    assert path.read_bytes() == before


async def test_a_damaged_file_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    before = bytearray(await made(path))
    with sqlite3.connect(path) as raw:
        (root,) = raw.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'users'").fetchone()
    before[(root - 1) * 4096 : root * 4096] = b"\xff" * 4096
    path.write_bytes(before)
    db = Database(path)
    with pytest.raises(StorageError, match=rf"^{path}: the database is damaged \(.+\): restore"):
        await db.open()
    assert not db.is_open
    # Still in rollback-journal mode: WAL, which open() would switch on, was never set.
    assert path.read_bytes() == before


async def test_using_the_connection_before_open_says_so(tmp_path: Path) -> None:
    db = Database(tmp_path / "bot.db")
    with pytest.raises(StorageError, match=r"not open: await Database.open\(\) first"):
        await users.get_user(db, 1)


async def test_close_twice_is_harmless_and_reopen_works(tmp_path: Path) -> None:
    db = Database(tmp_path / "bot.db")
    await db.open()
    await db.close()
    await db.close()
    await db.open()
    try:
        assert await users.ensure_user(db, 3) == users.User(3, None, None, False)
    finally:
        await db.close()


async def test_a_failing_transaction_leaves_nothing_behind(db: Database) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        async with asyncio.timeout(10), db.transaction():
            await users.ensure_user(db, 1)
            raise RuntimeError("boom")
    assert await users.get_user(db, 1) is None


async def test_nested_transaction_rolls_back_only_its_own_part(db: Database) -> None:
    # A nested transaction that waited for the outer one's lock would hang, not fail.
    async with asyncio.timeout(10), db.transaction():
        await users.ensure_user(db, 1)
        with pytest.raises(RuntimeError):
            async with db.transaction():
                await users.ensure_user(db, 2)
                raise RuntimeError("inner")
        await users.ensure_user(db, 3)
    assert await users.get_user(db, 1) is not None
    assert await users.get_user(db, 2) is None
    assert await users.get_user(db, 3) is not None


async def test_concurrent_writers_take_turns(db: Database) -> None:
    # Without serialisation the second BEGIN on the shared connection fails with
    # "cannot start a transaction within a transaction".
    created = await asyncio.gather(
        *(contacts.create_contact(db, owner, name=f"n{owner}") for owner in range(1, 41))
    )
    assert len({c.id for c in created}) == 40
    count = await fetch_all(db.conn, "SELECT COUNT(*) FROM contacts")
    assert count[0][0] == 40


async def test_a_lone_write_inside_a_transaction_is_part_of_it(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with asyncio.timeout(10), db.transaction():
            await db.write("INSERT INTO inbox (update_id, payload, received_at) VALUES (8, '', '')")
            raise RuntimeError("rolled back")
    assert await fetch_all(db.conn, "SELECT update_id FROM inbox") == []


INBOX_ROW = "INSERT INTO inbox (update_id, payload, received_at) VALUES (:id, '{}', 'now')"


async def inbox_ids(db: Database) -> list[int]:
    return [row[0] for row in await fetch_all(db.conn, "SELECT update_id FROM inbox")]


async def test_write_all_is_one_transaction(db: Database) -> None:
    assert await db.write_all([(INBOX_ROW, {"id": 1}), (INBOX_ROW, {"id": 2})])
    with pytest.raises(sqlite3.IntegrityError):  # the third repeats update 3's key
        await db.write_all([(INBOX_ROW, {"id": 3}), (INBOX_ROW, {"id": 4}), (INBOX_ROW, {"id": 3})])
    assert await inbox_ids(db) == [1, 2]  # none of 3 and 4
    assert await db.write_all([(INBOX_ROW, {"id": 5})])  # the connection is usable after it
    assert await inbox_ids(db) == [1, 2, 5]


async def test_guarded_write_all_writes_nothing_when_its_condition_fails(db: Database) -> None:
    mark = "UPDATE inbox SET done_at = 'then' WHERE update_id = :id AND done_at IS NULL"
    await db.write(INBOX_ROW, {"id": 1})
    assert await db.write_all([(mark, {"id": 1}), (INBOX_ROW, {"id": 2})], guarded=True)
    # Update 1 is done already: the condition changes no row, so update 3 is not stored.
    assert not await db.write_all([(mark, {"id": 1}), (INBOX_ROW, {"id": 3})], guarded=True)
    assert await inbox_ids(db) == [1, 2]
    async with db.transaction():  # the same inside a caller's transaction
        assert not await db.write_all([(mark, {"id": 1}), (INBOX_ROW, {"id": 4})], guarded=True)
    assert await inbox_ids(db) == [1, 2]


async def test_write_all_inside_a_transaction_is_rolled_back_with_it(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with asyncio.timeout(10), db.transaction():
            await db.write_all([(INBOX_ROW, {"id": 1}), (INBOX_ROW, {"id": 2})])
            raise RuntimeError("rolled back")
    assert await inbox_ids(db) == []


LoneWrite = Callable[[Database], Awaitable[object]]
LONE_WRITES: dict[str, LoneWrite] = {
    "write": lambda db: db.write(INBOX_ROW, {"id": 7}),
    "write_returning": lambda db: db.write_returning(INBOX_ROW + " RETURNING update_id", {"id": 7}),
    "write_all": lambda db: db.write_all([(INBOX_ROW, {"id": 7}), (INBOX_ROW, {"id": 8})]),
}


@pytest.mark.parametrize("kind", LONE_WRITES)
@pytest.mark.parametrize("when", ["while one is open", "just before one begins", "between two"])
async def test_a_lone_write_never_lands_in_someone_elses_transaction(
    db: Database, kind: str, when: str
) -> None:
    # One connection: a statement run while another coroutine's transaction is open would
    # become part of it, and vanish with its rollback. A lone write goes to the database's
    # thread without holding the write lock, so it must get there after the transaction
    # ahead of it ended and before the next one's BEGIN.
    opened = asyncio.Event()

    async def failing_transaction(owner: int) -> None:
        async with db.transaction():
            await users.ensure_user(db, owner)
            opened.set()
            await asyncio.sleep(0.05)
            raise RuntimeError("rolled back")

    async def lone_write() -> object:
        await opened.wait()
        return await LONE_WRITES[kind](db)

    async def after_the_lone_write() -> None:
        await opened.wait()
        await asyncio.sleep(0)  # lone_write, woken first, asks for its turn first
        await failing_transaction(2)

    if when == "just before one begins":
        opened.set()
    transactions = [failing_transaction(1)]
    if when == "between two":
        transactions.append(after_the_lone_write())
    wrote, *failed = await asyncio.gather(lone_write(), *transactions, return_exceptions=True)
    assert all(isinstance(error, RuntimeError) for error in failed)
    assert not isinstance(wrote, BaseException)
    assert await users.get_user(db, 1) is None and await users.get_user(db, 2) is None
    assert await inbox_ids(db) == ([7, 8] if kind == "write_all" else [7])


async def test_a_write_is_committed_before_the_call_returns(db: Database) -> None:
    await contacts.create_contact(db, 1, name="Grace")
    # A second, independent connection only sees committed data.
    with sqlite3.connect(db.path) as other:
        names = other.execute("SELECT name FROM contacts WHERE owner_id = 1").fetchall()
    assert names == [("Grace",)]


async def test_a_write_survives_kill_9(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    script = textwrap.dedent(
        f"""
        import asyncio, os, signal
        from bot.storage.db import Database
        from bot.storage.contacts import create_contact

        async def main():
            db = Database({str(path)!r})
            await db.open()
            await create_contact(db, 42, name="Survivor")
            os.kill(os.getpid(), signal.SIGKILL)

        asyncio.run(main())
        """
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", script, stderr=asyncio.subprocess.PIPE
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == -signal.SIGKILL, stderr.decode()

    db = Database(path)
    await db.open()
    try:
        assert [c.name for c in await contacts.recent_contacts(db, 42)] == ["Survivor"]
    finally:
        await db.close()


async def test_a_failing_migration_is_rolled_back_whole(tmp_path: Path) -> None:
    migrations = [
        Migration(1, "0001_a.sql", "CREATE TABLE a (x INTEGER);"),
        Migration(2, "0002_b.sql", "CREATE TABLE b (x INTEGER);\nINSERT INTO missing VALUES (1);"),
    ]
    conn = await aiosqlite.connect(tmp_path / "m.db", isolation_level=None)
    try:
        with pytest.raises(StorageError, match=r"migration 0002_b\.sql failed.*missing"):
            await apply_migrations(conn, migrations)
        assert await schema_version(conn) == 1
        tables = [row[0] for row in await fetch_all(conn, "SELECT name FROM sqlite_master")]
        assert tables == ["a"]
        assert not conn.in_transaction
    finally:
        await conn.close()


def test_split_statements_respects_strings_comments_and_triggers() -> None:
    script = """
    -- a comment; with a semicolon
    CREATE TABLE t (x TEXT DEFAULT 'a;b');
    /* block; comment */
    CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN
        UPDATE t SET x = 'c;d';
        DELETE FROM t WHERE x = '';
    END;
    -- trailing comment
    """
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[0].endswith("DEFAULT 'a;b');")
    assert statements[1].startswith("/* block; comment */\n    CREATE TRIGGER")
    assert statements[1].endswith("END;")
    assert split_statements("SELECT 1;; -- done\n;") == ["SELECT 1;"]
    with pytest.raises(StorageError, match="unterminated"):
        split_statements("CREATE TABLE x (y)")


def test_times_are_stored_as_sortable_utc_text() -> None:
    plus_two = timezone(timedelta(hours=2))
    moment = datetime(2030, 5, 1, 12, 0, tzinfo=plus_two)
    text = to_db_time(moment)
    assert text == "2030-05-01T10:00:00.000000+00:00"
    assert from_db_time(text) == moment
    assert from_db_time(text).tzinfo == UTC
    later = to_db_time(datetime(2030, 5, 1, 10, 0, 0, 1, tzinfo=UTC))
    assert text < later
    with pytest.raises(ValueError, match="naive"):
        to_db_time(datetime(2030, 5, 1, 12, 0))


async def test_a_naive_clock_is_refused(tmp_path: Path) -> None:
    db = Database(tmp_path / "bot.db", clock=lambda: datetime(2030, 1, 1))
    await db.open()
    try:
        with pytest.raises(ValueError, match="naive"):
            await users.ensure_user(db, 1)
    finally:
        await db.close()
