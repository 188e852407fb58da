"""Every update is stored in SQLite before Telegram hears it was received.

Telegram learns that updates arrived from the offset of the next getUpdates call. PTB's
Updater fetches a batch, puts each update on the application's queue, then asks for more.
So the queue holds a fetched batch back, and `UpdatesRequest` stores it in one transaction
right before sending that next call; only then do the updates go on to the handlers. A
confirmed update is therefore always in the database: if the process dies before handling
it, it is handled at the next start instead of being lost.

`UpdatesRequest` also sees each answer before PTB reads it, which is where two things that
would stop polling for good are caught: an update PTB cannot read, and a refused token.
"""

from __future__ import annotations

import asyncio
import json
import logging
from http import HTTPStatus
from typing import Any

from telegram import Bot, Update
from telegram.request import BaseRequest, RequestData

from bot.storage import inbox
from bot.storage.db import Database

log = logging.getLogger(__name__)

# What Telegram answers for a revoked or mistyped token (PTB raises InvalidToken for both).
REFUSED = frozenset({HTTPStatus.UNAUTHORIZED, HTTPStatus.NOT_FOUND})
# The answer to getUpdates calls once the token was refused: see UpdatesRequest.
_NO_UPDATES = b'{"ok":true,"result":[]}'


class DurableUpdateQueue(asyncio.Queue[object]):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db
        self._fetched: list[Update] = []
        self._raw: dict[int, str] = {}
        self.token_refused = asyncio.Event()
        """Set when Telegram refused the token while polling: no update will come again."""

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

    def received(self, payload: bytes) -> bytes:
        """Read a getUpdates answer before PTB does; return it as PTB is to read it.

        Each update is kept as Telegram wrote it (rebuilding the JSON from PTB's objects
        costs more than the rest of storing it). One that PTB cannot read would make PTB
        drop the whole batch and fetch it again, forever, logging each time: it is set
        aside instead, with one line in the log. PTB gets its bare update id, so that it
        still confirms it, and it goes through the inbox like any other update (stored as
        Telegram wrote it, then done), taken by no handler.
        """
        self._raw = {}
        try:
            answer = json.loads(payload)
            result = answer["result"]
        except (ValueError, TypeError, KeyError):
            return payload  # not a list of updates (an error answer): PTB reports it
        if not isinstance(result, list) or not result:
            return payload
        given: list[Any] = []
        for item in result:
            update_id = item.get("update_id") if isinstance(item, dict) else None
            if not isinstance(update_id, int):
                log.warning("an update without an update id set aside: nothing can confirm it")
                continue
            self._raw[update_id] = _text(item)
            given.append(item if _read(item) is not None else {"update_id": update_id})
        if given == result:  # the same objects: a quick comparison
            return payload
        answer["result"] = given
        return json.dumps(answer).encode()

    async def restore(self, bot: Bot) -> int:
        """Queue what was received but not handled before the last stop; call before polling."""
        waiting = await inbox.pending(self._db)
        for update_id, payload in waiting:
            update = _read(json.loads(payload), bot) or Update(update_id)
            await super().put(update)
        return len(waiting)


def _read(item: dict[str, Any], bot: Bot | None = None) -> Update | None:
    """The update as PTB reads it, or None (logged) when PTB cannot read it."""
    try:
        return Update.de_json(item, bot)
    except Exception as error:  # whatever PTB's parsing raises
        # One line: what the parser said (about fields and types; no token is involved).
        log.warning(
            "update %s set aside: it cannot be read (%s: %s); it stays in the inbox table "
            "for a day",
            item.get("update_id"),
            type(error).__name__,
            " ".join(str(error).split())[:200],
        )
        return None


class UpdatesRequest(BaseRequest):
    """getUpdates through `request` (any BaseRequest: PTB's HTTPXRequest in the bot),
    storing the last batch first."""

    def __init__(self, queue: DurableUpdateQueue, request: BaseRequest) -> None:
        self._queue = queue
        self._request = request

    @property
    def read_timeout(self) -> float | None:
        return self._request.read_timeout

    async def initialize(self) -> None:
        await self._request.initialize()

    async def shutdown(self) -> None:
        await self._request.shutdown()

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
        if self._queue.token_refused.is_set():
            # PTB's last call while stopping, to confirm the last batch: with a refused
            # token it cannot; an error here would only add a traceback to the log.
            return HTTPStatus.OK, _NO_UPDATES
        code, payload = await self._request.do_request(url, method, request_data, *args, **kwargs)
        if code in REFUSED:
            # PTB would log it with a traceback and stop polling but not the program.
            # `serve` stops the program instead, and cancels this call as it does.
            self._queue.token_refused.set()
            await asyncio.Future[None]()
        return code, self._queue.received(payload)


def _text(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def _dump(update: Update) -> str:
    return _text(update.to_dict())
