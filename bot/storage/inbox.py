"""The bot's own record of updates received: stored before acknowledged, marked when done."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.storage.db import Database, execute, fetch_all, to_db_time

# Telegram drops unconfirmed updates after a day, so none older can come back.
KEEP_DONE = timedelta(days=1)

RECEIVE = """
INSERT INTO inbox (update_id, owner_id, payload, received_at)
VALUES (:update_id, :owner_id, :payload, :now)
ON CONFLICT (update_id) DO NOTHING
"""
DONE = "UPDATE inbox SET done_at = :now WHERE update_id = :update_id AND done_at IS NULL"
PENDING = "SELECT update_id, payload FROM inbox WHERE done_at IS NULL ORDER BY update_id"
PRUNE = "DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < :before"


async def receive(db: Database, update_id: int, owner_id: int | None, payload: str) -> bool:
    """Record an update; False if it was seen before (pending, or already handled)."""
    params = {
        "update_id": update_id,
        "owner_id": owner_id,
        "payload": payload,
        "now": to_db_time(db.now()),
    }
    async with db.transaction() as conn:
        return await execute(conn, RECEIVE, params) == 1


async def mark_done(db: Database, update_id: int) -> None:
    async with db.transaction() as conn:
        await execute(conn, DONE, {"update_id": update_id, "now": to_db_time(db.now())})


async def pending(db: Database) -> list[tuple[int, str]]:
    """Updates received but not handled (the process stopped first), oldest first."""
    return [(row["update_id"], row["payload"]) for row in await fetch_all(db.conn, PENDING)]


async def prune(db: Database, now: datetime) -> int:
    async with db.transaction() as conn:
        return await execute(conn, PRUNE, {"before": to_db_time(now - KEEP_DONE)})
