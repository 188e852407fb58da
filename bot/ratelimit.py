"""Telegram's flood limits, plus a second try when a request fails on the way.

PTB's AIORateLimiter keeps the bot under the overall limits and waits out 429s, but any
other failure — a 5xx from Telegram, a dropped connection — would end the handler and
leave the user with an apology instead of their reply.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

# Backoff before each further try. Kept short: someone is waiting for the reply.
RETRY_DELAYS = (0.3, 1.0)
# Long polling has PTB's own retry loop; repeating it here would only delay that.
NOT_RETRIED = frozenset({"getUpdates", "get_updates"})

JSON = bool | dict[str, Any] | list[dict[str, Any]]


class RetryingRateLimiter(AIORateLimiter):
    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        for delay in (*RETRY_DELAYS, None):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except (BadRequest, TimedOut):
                # A refusal will not change; a time-out may have gone through already.
                raise
            except NetworkError as error:
                if delay is None or endpoint in NOT_RETRIED:
                    raise
                log.warning("%s failed (%s); trying again in %.1fs", endpoint, error, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")
