"""The bot's own record of updates received: stored before acknowledged, marked when done."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.storage.db import Database, fetch_all, to_db_time

# Telegram drops unconfirmed updates after a day, so none older can come back.
KEEP_DONE = timedelta(days=1)

# One statement for a whole getUpdates batch: rows is a JSON array of
# [update_id, owner_id, payload]; it answers with the ids not stored before.
RECEIVE = """
INSERT INTO inbox (update_id, owner_id, payload, received_at)
SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), :now
FROM json_each(:rows) WHERE true  -- WHERE: SQLite's parser needs it before ON CONFLICT
ON CONFLICT (update_id) DO NOTHING
RETURNING update_id
"""
DONE = "UPDATE inbox SET done_at = :now WHERE update_id = :update_id AND done_at IS NULL"
FORGET = "DELETE FROM inbox WHERE update_id = :update_id"
PENDING = "SELECT update_id, payload FROM inbox WHERE done_at IS NULL ORDER BY update_id"
PRUNE = "DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < :before"


async def receive(db: Database, updates: Sequence[tuple[int, int | None, str]]) -> set[int]:
    """Record updates as (update_id, owner_id, payload); return the ids not seen before
    (the others are pending, or handled already)."""
    if not updates:
        return set()
    params = {"rows": json.dumps(updates, ensure_ascii=False), "now": to_db_time(db.now())}
    return {row["update_id"] for row in await db.write_returning(RECEIVE, params)}


def mark_done(update_id: int, now: datetime) -> tuple[str, dict[str, Any]]:
    """The statement that marks an update handled, for the caller to run in the transaction
    that stores what handling it left."""
    return DONE, {"update_id": update_id, "now": to_db_time(now)}


def forget(update_id: int) -> tuple[str, dict[str, Any]]:
    """As mark_done, for an update that must not be kept at all once handled."""
    return FORGET, {"update_id": update_id}


async def pending(db: Database) -> list[tuple[int, str]]:
    """Updates received but not handled (the process stopped first), oldest first."""
    return [(row["update_id"], row["payload"]) for row in await fetch_all(db.conn, PENDING)]


async def prune(db: Database, now: datetime) -> int:
    return await db.write(PRUNE, {"before": to_db_time(now - KEEP_DONE)})
