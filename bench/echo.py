"""The floor: a bare python-telegram-bot echo bot on the same sandbox and concurrency setting.

It echoes every text with one inline button and answers every button press, so that its
users send the same mix of messages and presses as the coach's. No persistence, no job queue
and no rate limiter (unless `limited`: then PTB's AIORateLimiter with Telegram's 30 a second,
the floor for the coach as built): whatever the coach costs beyond this is its own work.

`same_calls`: a press is handled as the coach handles one, with three Bot API calls instead
of one: it is answered, the pressed message is edited into a record of the choice, and a new
message with a button is sent. This echo makes the coach's calls, method for method, so that
the coach's distance from it is the coach's own work (storage, templates, conversation
logic), not the number of its requests. Both use PTB's stock transport (HTTPXRequest).
"""

from __future__ import annotations

import asyncio
import random
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bench.users import ECHO_BUTTON

ECHO_TOKEN = "7000000002:bench-echo-token-aaaaaaaaaaaa"
_KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton(ECHO_BUTTON, callback_data="ok")]])

EchoApp = Application[Any, Any, Any, Any, Any, Any]


def build_echo(
    api_url: str,
    processor: BaseUpdateProcessor | bool,
    *,
    jitter: float = 0.0,
    limited: bool = False,
    same_calls: bool = False,
) -> EchoApp:
    """`processor`: what `ApplicationBuilder.concurrent_updates` is given. `jitter`: each
    reply waits up to that many seconds first (to show what reordering looks like)."""
    rng = random.Random(7)

    async def echo_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None and update.message is not None
        if jitter:
            await asyncio.sleep(rng.uniform(0, jitter))
        await context.bot.send_message(
            update.effective_chat.id, update.message.text or "…", reply_markup=_KEYBOARD
        )

    async def answer_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        if not same_calls:
            return
        assert isinstance(query.message, Message) and query.message.text is not None
        await query.edit_message_text(f"{query.message.text} ✓")
        await context.bot.send_message(query.message.chat.id, "…", reply_markup=_KEYBOARD)

    builder = (
        ApplicationBuilder()
        .token(ECHO_TOKEN)
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        .concurrent_updates(processor)
        .job_queue(None)
    )
    application: EchoApp = (
        builder.rate_limiter(AIORateLimiter()).build() if limited else builder.build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo_text))
    application.add_handler(CallbackQueryHandler(answer_press))
    return application
