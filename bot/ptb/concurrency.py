"""Updates from different users at once; each user's own updates one at a time, in order.

PTB's plain `concurrent_updates` would let a user's second answer overtake the first and
race the conversation state; processing everything sequentially makes one slow user hold up
everyone else.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerUserUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._pending: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _owner(update)
        if key is None:
            await coroutine
            return
        # Tasks reach this point in the order PTB created them (one per fetched update, in
        # order), and asyncio.Lock wakes waiters first come, first served: order is kept.
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._pending[key] = self._pending.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._pending[key] -= 1
            if not self._pending[key]:
                # Forget idle users, so memory does not grow with everyone who ever wrote.
                del self._pending[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up: locks are made on demand."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _owner(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None
