"""What the reminder engine keeps between sweeps: one per application, on its Services."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime

from bot.reminders.pacing import ChatPace


@dataclass
class ReminderState:
    sweeping: asyncio.Lock = field(default_factory=asyncio.Lock)
    """One sweep at a time: the job and a test's deliver_due must not both send the same due
    reminder before either has marked it delivered."""
    pace: ChatPace = field(default_factory=ChatPace)
    next_nudge_round: datetime | None = None
    """When the sweep next looks for run-out stay-in-touch cadences (None: at once)."""
