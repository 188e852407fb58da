"""The time zone a user's dates are read and shown in, and how they write a date."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update

from bot.coaching.dates import DateOrder, is_date_order
from bot.coaching.zones import user_zone
from bot.handlers.common import owner_id
from bot.ptb.application import Context
from bot.storage import users


async def user_timezone(update: Update, context: Context) -> ZoneInfo:
    """Theirs if they set one in /start, else the bot's default."""
    user = await users.get_user(context.services.db, owner_id(update))
    return user_zone(user.timezone if user else None, context.services.settings.timezone)


async def user_date_order(update: Update, context: Context) -> DateOrder | None:
    """Month or day first, if they told us; None lets their zone's country decide."""
    user = await users.get_user(context.services.db, owner_id(update))
    return user.date_order if user and is_date_order(user.date_order) else None
