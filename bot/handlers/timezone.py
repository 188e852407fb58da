"""The time zone a user's dates are read and shown in."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update

from bot.coaching.zones import stored_zone
from bot.handlers.common import owner_id
from bot.handlers.context import Context
from bot.storage import users


async def user_timezone(update: Update, context: Context) -> ZoneInfo:
    """Theirs if they set one in /start, else the bot's default."""
    user = await users.get_user(context.services.db, owner_id(update))
    zone = stored_zone(user.timezone) if user and user.timezone else None
    return ZoneInfo(zone) if zone else context.services.settings.timezone
