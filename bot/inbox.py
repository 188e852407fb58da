"""An update queue that makes every update durable before Telegram hears it was received.

PTB's Updater puts each fetched update on the application's queue and only then confirms it
to Telegram (the next getUpdates offset). Writing it to SQLite inside `put` means a
confirmed update is always in the database: if the process dies before handling it, it is
handled at the next start instead of being lost.
"""

from __future__ import annotations

import asyncio
import json

from telegram import Bot, Update

from bot.storage import inbox
from bot.storage.db import Database


class DurableUpdateQueue(asyncio.Queue[object]):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            await self._db.open()
            owner = item.effective_user.id if item.effective_user else None
            if not await inbox.receive(self._db, item.update_id, owner, _dump(item)):
                # Telegram sent it again after a crash: it is queued or handled already.
                return
        await super().put(item)

    async def restore(self, bot: Bot) -> int:
        """Queue what was received but not handled before the last stop; call before polling."""
        waiting = await inbox.pending(self._db)
        for _, payload in waiting:
            update = Update.de_json(json.loads(payload), bot)
            await super().put(update)
        return len(waiting)


def _dump(update: Update) -> str:
    return json.dumps(update.to_dict(), ensure_ascii=False, separators=(",", ":"))
