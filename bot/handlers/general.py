"""Commands that work anywhere, and a friendly answer to anything no conversation expects."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.handlers import note
from bot.handlers.common import reply, show_help, toast
from bot.ptb.application import Context
from bot.ptb.ratelimit import maybe_delivered

log = logging.getLogger(__name__)


async def nothing_to_cancel(update: Update, context: Context) -> None:
    await reply(update, context, "common/nothing_to_cancel")


async def pointer(update: Update, context: Context) -> None:
    """Anything no conversation expects: news about a contact is offered as a note; else
    a word on what the bot does."""
    if not await note.offer(update, context):
        await reply(update, context, "common/pointer")


async def stale_button(update: Update, context: Context) -> None:
    await toast(update, context, "stale")
    await reply(update, context, "common/stale_button")


async def on_error(update: object, context: Context) -> None:
    """Log it, and tell the user something useful instead of going silent.

    Not when the call that failed may have gone through (bot/ptb/ratelimit.py): an apology
    after the answer it may have delivered would say that what they did was lost.
    """
    if isinstance(context.error, TelegramError) and maybe_delivered(context.error):
        log.warning("a call failed on the way and may have reached Telegram: %s", context.error)
        return
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(context.error, Forbidden) or not isinstance(update, Update):
        return  # the user blocked us, or there is nobody to tell
    if update.effective_chat is None:
        return
    try:
        await reply(update, context, "common/error")
    except TelegramError:
        log.warning("could not tell the user about the error", exc_info=True)


HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CommandHandler("help", show_help),
    CommandHandler("cancel", nothing_to_cancel),
    CallbackQueryHandler(stale_button),
    MessageHandler(filters.ChatType.PRIVATE, pointer),
]
