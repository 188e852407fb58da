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
    """At most `max_concurrent_updates` updates handled at once, at most one per user.

    An update waits for its user's turn before it takes one of the shared slots: PTB's own
    order (a slot, then `do_process_update`) would let a user with more updates queued than
    there are slots (a backlog restored at start-up, someone pressing a button again and
    again) park every slot on their own lock, and nobody else would be answered until their
    backlog was through.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._pending: dict[int, int] = {}

    # PTB marks process_update final, as the one place its slots are taken; this only puts
    # the user's turn in front of it and leaves the slots to PTB.
    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:  # type: ignore[misc]
        key = _owner(update)
        if key is None:
            await super().process_update(update, coroutine)
            return
        # Tasks reach this point in the order PTB created them (one per fetched update, in
        # order), and asyncio.Lock wakes waiters first come, first served: order is kept.
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._pending[key] = self._pending.get(key, 0) + 1
        try:
            async with lock:
                await super().process_update(update, coroutine)
        finally:
            self._pending[key] -= 1
            if not self._pending[key]:
                # Forget idle users, so memory does not grow with everyone who ever wrote.
                del self._pending[key], self._locks[key]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Called with the user's turn and a slot both taken."""
        await coroutine

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
