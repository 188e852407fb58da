"""`commonground run`: poll until told to stop, or until Telegram refuses the token.

PTB's `run_polling` does this for most bots, but not in every state: with a refused token
it stops polling and keeps running, and on SIGTERM it waits for hung calls for as long as
their time-outs add up, or for ever once the database's thread was left open (it keeps the
process alive). Here the stop is bounded: what is still under way after the grace period is
cut short, as a crash would cut it, and handled at the next start (it is in the inbox).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Coroutine
from typing import Any

from telegram.error import InvalidToken

from bot.app import start, stop
from bot.ptb.application import CommonGroundApplication
from bot.ptb.inbox import DurableUpdateQueue

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
STOP_GRACE = 5.0
"""Seconds a stop waits for replies under way and for Telegram's last answer."""


async def serve(application: CommonGroundApplication, *, grace: float = STOP_GRACE) -> None:
    """Poll until SIGTERM or SIGINT, then stop within about `grace` seconds, whatever
    Telegram and the network are doing. Raises InvalidToken when Telegram refuses the token,
    at start or later."""
    updates = application.update_queue
    assert isinstance(updates, DurableUpdateQueue)
    signalled = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, signalled.set)
    try:
        try:
            if await _unless(signalled, start(application)):
                log.info("Common Ground is polling %s", application.services.settings.api_url)
                await _unless(signalled, updates.token_refused.wait())
        finally:
            await _stop_within(application, grace)
    finally:
        for signum in STOP_SIGNALS:
            loop.remove_signal_handler(signum)
    if updates.token_refused.is_set():
        raise InvalidToken("refused while polling")  # main() says so in one line


async def _unless(stopped: asyncio.Event, work: Coroutine[Any, Any, Any]) -> bool:
    """Do `work`, unless `stopped` is set first: then cancel it and return False."""
    task = asyncio.create_task(work)
    waiting = asyncio.create_task(stopped.wait())
    await asyncio.wait((task, waiting), return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    if task.done():
        task.result()  # raises what the work raised
        return True
    task.cancel()
    await asyncio.wait((task,))
    return False


async def _stop_within(application: CommonGroundApplication, grace: float) -> None:
    stopping = asyncio.create_task(stop(application))
    try:
        await asyncio.wait((stopping,), timeout=grace)
        if stopping.done():
            stopping.result()  # raises what stopping raised
            return
        log.warning("stopped without waiting longer than %.0f s for Telegram", grace)
        others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.wait(others, timeout=grace)
    finally:
        # Whatever happened above: the database's thread would keep the process alive, and
        # open connections would be reported at exit. Both are no-ops after a clean stop.
        closing = asyncio.gather(
            application.bot.shutdown(), application.services.db.close(), return_exceptions=True
        )
        await asyncio.wait((closing,), timeout=grace)
