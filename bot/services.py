"""What every handler and the reminder engine can reach: one object per application."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.coaching.playbooks import Library
from bot.config import Settings
from bot.reminders.state import ReminderState
from bot.render import Renderer
from bot.storage.db import Database


@dataclass
class Services:
    settings: Settings
    db: Database
    library: Library
    render: Renderer
    clock: Callable[[], datetime]
    """Aware UTC now; tests inject their own."""
    reminders: ReminderState = field(default_factory=ReminderState)
    """The reminder engine's state between sweeps (bot/reminders)."""
