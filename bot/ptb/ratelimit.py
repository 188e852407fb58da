"""Telegram's flood limits, plus a second try when a request fails on the way.

PTB's AIORateLimiter keeps the bot under the overall limits and waits out 429s, but any
other failure — a 5xx from Telegram, a refused connection — would end the handler and
leave the user with an apology instead of their reply.

A second try is only safe when the first certainly did not happen, or when doing it twice
changes nothing. A failure either proves the call never took effect (Telegram, or a proxy
in front of it, answered with an error; no connection could be made) or leaves it open
(the request went out and the connection dropped, or the answer was slower than the read
timeout: Telegram may well have carried it out, and usually has). A send in that second
case is not tried again: the person would see the message twice. The rare message that
never arrives costs less; what the person answered before it is stored either way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

# Backoff before each further try. Kept short: someone is waiting for the reply.
RETRY_DELAYS = (0.3, 1.0)
# Long polling has PTB's own retry loop; repeating it here would only delay that.
NOT_RETRIED = frozenset({"getUpdates", "get_updates"})
# Calls that put something new in the chat each time Telegram carries them out. The others
# (edits, button answers, deletes, gets and sets) end in the same state when repeated.
NEW_IN_CHAT = ("send", "forward", "copy")

# The transport failed before the request left: no connection could be made (refused, no such
# host, TLS), none was free in time, or the proxy or the URL's scheme refused it.
NEVER_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
    httpx.UnsupportedProtocol,
)

JSON = bool | dict[str, Any] | list[dict[str, Any]]


def maybe_delivered(error: TelegramError) -> bool:
    """Whether Telegram may have carried out a call that failed with `error`.

    PTB's transport (HTTPXRequest) raises its failures from the httpx error behind them;
    an error without one is PTB's reading of an answer from the server.
    """
    if not isinstance(error, NetworkError) or isinstance(error, BadRequest):
        return False  # refused, blocked, flood-limited: an answer saying it did not happen
    cause = error.__cause__
    if not isinstance(cause, httpx.HTTPError):
        # An error answer from the server: a 5xx, or a proxy's page PTB could not parse.
        return False
    # Sent, or partly sent, with no answer: a read time-out, the connection dropped.
    return not isinstance(cause, NEVER_SENT)


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
                # A refusal will not change; a time-out has already kept someone waiting.
                raise
            except NetworkError as error:
                if delay is None or endpoint in NOT_RETRIED:
                    raise
                if endpoint.startswith(NEW_IN_CHAT) and maybe_delivered(error):
                    raise
                # Not a warning: the caller reports the last failure, if it comes to that.
                log.info("%s failed (%s); trying again in %.1fs", endpoint, error, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")
