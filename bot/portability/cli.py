"""`commonground export`: one user's data as a file, for the operator.

Export only reads, so it takes no process lock (bot/storage/lock.py) and runs beside a
running bot: it opens the database read-only (SQLite's mode=ro), which also guarantees it
cannot change a row, create the file, or migrate it.
"""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.portability.export import export_data
from bot.portability.formats import Label, export_file
from bot.storage.db import load_migrations, schema_version
from bot.storage.errors import StorageError


def export_user(db_path: Path, owner_id: int, kind: str, label: Label) -> tuple[str, bytes]:
    """The file name and content; StorageError (one line) when there is nothing to export."""
    if not db_path.is_file():
        raise StorageError(f"{db_path}: no such database file")
    uri = f"{db_path.resolve().as_uri()}?mode=ro"
    return asyncio.run(_export(uri, db_path, owner_id, kind, label))


async def _export(
    uri: str, db_path: Path, owner_id: int, kind: str, label: Label
) -> tuple[str, bytes]:
    try:
        async with aiosqlite.connect(uri, uri=True) as conn:
            conn.row_factory = aiosqlite.Row
            latest = load_migrations()[-1].version
            if await schema_version(conn) != latest:
                raise StorageError(
                    f"{db_path}: the database is not at this release's schema version "
                    f"({latest}): start the bot once with this release, then export"
                )
            now = datetime.now(UTC)
            # One read transaction: a snapshot, whatever the running bot writes meanwhile.
            await conn.execute("BEGIN")
            document = await export_data(conn, owner_id, now)
            await conn.rollback()
    except sqlite3.Error as error:
        raise StorageError(f"{db_path}: cannot read the database: {error}") from None
    if document["settings"] is None and not document["contacts"]:
        raise StorageError(f"{db_path}: nothing stored for user {owner_id}")
    return export_file(document, kind, now, label)
