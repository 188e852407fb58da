"""How fast the bot writes to one chat when it speaks first (reminders, digests).

Telegram, on bulk notifications: "In a single chat, avoid sending more than one message per
second. We may allow short bursts that go over this limit, but eventually you'll begin
receiving 429 errors." PTB's AIORateLimiter keeps the overall limit (about 30 a second) but
spaces messages to one chat only in groups, so someone with six reminders due at once would
get them back to back.

Replies are not paced: there a person sets the pace by typing and pressing, and waiting a
second per message would only make every conversation slower.

Only the decision lives here, time in and "wait this long" out, so it is tested without
Telegram or an event loop.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

# A few at once read as one arrival, and Telegram allows short bursts; more earn 429s.
BURST = 3
# Telegram's figure for one chat. Our own sending time only spaces messages further apart.
PER_SECOND = 1.0


class Pacer:
    """A token bucket per chat: BURST messages at once, then PER_SECOND.

    Each bucket is kept as the one number that describes it: when it will be full again.
    A chat whose bucket is full is forgotten, so only chats written to in the last few
    seconds take memory.
    """

    def __init__(self, burst: int = BURST, per_second: float = PER_SECOND) -> None:
        if burst < 1 or per_second <= 0:
            raise ValueError(
                f"a bucket needs burst >= 1 and per_second > 0, not {burst}, {per_second}"
            )
        self._interval = 1.0 / per_second
        # How far ahead of now a bucket may be full again and still hold one message.
        self._slack = (burst - 1) * self._interval
        self._full_at: dict[int, float] = {}

    def book(self, chat_id: int, now: float) -> float:
        """Book the chat's next message at `now` (seconds on a monotonic clock); return how
        many seconds to wait before sending it.

        The turn is taken at once, so messages booked one after another queue up behind it:
        book once per message, right before sending, and send after the wait.
        """
        self._forget_full(now)
        full_at = max(self._full_at.get(chat_id, now), now)
        send_at = max(now, full_at - self._slack)
        self._full_at[chat_id] = full_at + self._interval
        return send_at - now

    def __len__(self) -> int:
        """How many chats are being paced (their bucket is not full)."""
        return len(self._full_at)

    def _forget_full(self, now: float) -> None:
        for chat_id in [c for c, full_at in self._full_at.items() if full_at <= now]:
            del self._full_at[chat_id]


class PaceClock:
    """Seconds for pacing: a monotonic clock's, moved on further whenever the bot's clock
    moves further than it.

    Telegram counts real seconds, and in production the bot's clock is the real one, so this
    is the monotonic clock (which, unlike the bot's, never steps back). Tests move the bot's
    clock hours ahead between sweeps instead of waiting: messages hours apart by the bot's
    clock must not be paced as if they had been sent back to back.
    """

    def __init__(self) -> None:
        self._last: tuple[float, datetime] | None = None
        self._now = 0.0

    def now(self, real: float, bot: datetime) -> float:
        """`real`: a monotonic clock's reading in seconds; `bot`: the bot's clock."""
        if self._last is None:
            self._now = real
        else:
            last_real, last_bot = self._last
            self._now += max(real - last_real, (bot - last_bot).total_seconds(), 0.0)
        self._last = (real, bot)
        return self._now


@dataclass
class ChatPace:
    """Every chat's pace, kept between sweeps: two sweeps in a row must not make two bursts."""

    pacer: Pacer = field(default_factory=Pacer)
    clock: PaceClock = field(default_factory=PaceClock)

    def wait(self, chat_id: int, bot_now: datetime) -> float:
        """Book a message to the chat; how many seconds to wait before sending it."""
        return self.pacer.book(chat_id, self.clock.now(time.monotonic(), bot_now))
