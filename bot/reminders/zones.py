"""The user's time zone where there is no update to read it from (the sweep)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.coaching.zones import user_zone
from bot.config import Settings
from bot.services import Services
from bot.storage import users


def zone(settings: Settings, name: str | None) -> ZoneInfo:
    """The zone the user chose in /start, else the bot's default."""
    return user_zone(name, settings.timezone)


async def zone_of(services: Services, owner: int) -> ZoneInfo:
    user = await users.get_user(services.db, owner)
    return zone(services.settings, user.timezone if user else None)
