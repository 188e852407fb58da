"""Every update is stored in SQLite before Telegram hears it was received.

Telegram learns that updates arrived from the offset of the next getUpdates call. PTB's
Updater fetches a batch, puts each update on the application's queue, then asks for more.
So the queue holds a fetched batch back, and `UpdatesRequest` stores it in one transaction
right before sending that next call; only then do the updates go on to the handlers. A
confirmed update is therefore always in the database: if the process dies before handling
it, it is handled at the next start instead of being lost.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from telegram import Bot, Update
from telegram.request import RequestData

from bot.storage import inbox
from bot.storage.db import Database
from bot.transport import AiohttpRequest


class DurableUpdateQueue(asyncio.Queue[object]):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db
        self._fetched: list[Update] = []
        self._raw: dict[int, str] = {}

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            self._fetched.append(item)  # handed on by store_fetched
            return
        await super().put(item)

    async def store_fetched(self) -> None:
        """Store the updates put since the last call, then queue the ones not seen before."""
        fetched, self._fetched = self._fetched, []
        if not fetched:
            return
        rows = [
            (
                update.update_id,
                update.effective_user.id if update.effective_user else None,
                self._raw.get(update.update_id) or _dump(update),
            )
            for update in fetched
        ]
        try:
            await self._db.open()
            new = await inbox.receive(self._db, rows)
        except BaseException:
            self._fetched = fetched + self._fetched  # not confirmed: try again next call
            raise
        for update in fetched:
            # Not new: Telegram sent it again after a crash; it is queued or handled already.
            if update.update_id in new:
                await super().put(update)

    def remember_raw(self, payload: bytes) -> None:
        """Keep the updates of a getUpdates answer as Telegram wrote them: rebuilding the
        JSON from PTB's objects costs more than the rest of storing them."""
        try:
            result = json.loads(payload).get("result")
            self._raw = {
                item["update_id"]: json.dumps(item, ensure_ascii=False, separators=(",", ":"))
                for item in result
            }
        except (ValueError, TypeError, KeyError, AttributeError):
            self._raw = {}  # not a list of updates (an error answer): PTB reports it

    async def restore(self, bot: Bot) -> int:
        """Queue what was received but not handled before the last stop; call before polling."""
        waiting = await inbox.pending(self._db)
        for _, payload in waiting:
            update = Update.de_json(json.loads(payload), bot)
            await super().put(update)
        return len(waiting)


class UpdatesRequest(AiohttpRequest):
    """The connection for getUpdates (one, as PTB's own), storing the last batch first."""

    def __init__(self, queue: DurableUpdateQueue) -> None:
        super().__init__(connections=1)
        self._queue = queue

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        # A failure here becomes a NetworkError: PTB's polling retries, the offset unsent.
        await self._queue.store_fetched()
        code, payload = await super().do_request(url, method, request_data, *args, **kwargs)
        self._queue.remember_raw(payload)
        return code, payload


def _dump(update: Update) -> str:
    return json.dumps(update.to_dict(), ensure_ascii=False, separators=(",", ":"))
