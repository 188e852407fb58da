"""The people who use the bot: the owners of everything else."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import aiosqlite

from bot.storage.db import Database, execute, fetch_one, to_db_time


@dataclass(frozen=True)
class User:
    id: int
    name: str | None
    timezone: str | None
    onboarded: bool
    date_order: str | None = None
    """'month_first' or 'day_first' as the user chose; which exist is coaching's business."""


_COLUMNS = "id, name, timezone, onboarded, date_order"

GET_USER = f"SELECT {_COLUMNS} FROM users WHERE id = :id"

INSERT_USER_IF_MISSING = """
INSERT INTO users (id, created_at, updated_at) VALUES (:id, :now, :now)
ON CONFLICT (id) DO NOTHING
"""

SAVE_PROFILE = f"""
INSERT INTO users (id, name, timezone, onboarded, created_at, updated_at)
VALUES (:id, :name, :timezone, 1, :now, :now)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name,
    timezone = excluded.timezone,
    onboarded = 1,
    updated_at = excluded.updated_at
RETURNING {_COLUMNS}
"""

SET_DATE_ORDER = """
UPDATE users SET date_order = :date_order, updated_at = :now WHERE id = :id
"""


def _user(row: aiosqlite.Row) -> User:
    return User(
        id=row["id"],
        name=row["name"],
        timezone=row["timezone"],
        onboarded=bool(row["onboarded"]),
        date_order=row["date_order"],
    )


async def get_user(db: Database, user_id: int) -> User | None:
    row = await fetch_one(db.conn, GET_USER, {"id": user_id})
    return None if row is None else _user(row)


async def ensure_user(db: Database, user_id: int) -> User:
    """The user, created (not onboarded) on first contact; an existing profile is kept."""
    async with db.transaction() as conn:
        await insert_user_if_missing(conn, user_id, db.now())
        row = await fetch_one(conn, GET_USER, {"id": user_id})
    assert row is not None  # inserted above, inside the same transaction
    return _user(row)


async def save_profile(db: Database, user_id: int, *, name: str, timezone: str) -> User:
    """Record name and time zone and mark the user onboarded; running /start again updates."""
    params = {"id": user_id, "name": name, "timezone": timezone, "now": to_db_time(db.now())}
    async with db.transaction() as conn:
        row = await fetch_one(conn, SAVE_PROFILE, params)
    assert row is not None  # RETURNING always yields the upserted row
    return _user(row)


async def set_date_order(db: Database, user_id: int, date_order: str) -> None:
    """Remember how the user writes 3/4 ('month_first' or 'day_first')."""
    params = {"id": user_id, "date_order": date_order, "now": to_db_time(db.now())}
    async with db.transaction() as conn:
        await insert_user_if_missing(conn, user_id, db.now())
        await execute(conn, SET_DATE_ORDER, params)


async def insert_user_if_missing(conn: aiosqlite.Connection, user_id: int, now: datetime) -> None:
    """For writers of owned rows: the owner must exist for the foreign key to hold."""
    await execute(conn, INSERT_USER_IF_MISSING, {"id": user_id, "now": to_db_time(now)})


def timezone_on_file(path: Path, user_id: int) -> str | None:
    """The time zone a user chose, read from the database file before the bot opens it (the
    terminal chat's `--today` needs it for its clock); None when there is no such file,
    user or choice. Read-only: it writes nothing and takes no lock."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT timezone FROM users WHERE id = ?", (user_id,)).fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] else None
