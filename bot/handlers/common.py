"""Small pieces every conversation uses: replying from templates, keyboards, fallbacks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from markupsafe import Markup
from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.handlers.context import Context
from bot.render import split_message

log = logging.getLogger(__name__)

Button = tuple[str, str]
"""(label, callback data)"""

# Buttons that stay usable after their conversation ends (a brief's reminder offer, say).
# Every other button belongs to a step of a conversation and is stale once that step passed.
LASTING_BUTTONS = ("brief:", "contact:", "contacts:", "followup:", "digest:", "search:")

# Telegram cuts button labels visually anyway; a long name would push the others off screen.
MAX_BUTTON_LABEL = 48

# An answer typed to the question being asked: a new text message that is not a command. An
# edit of an earlier message is no answer to the question asked now; it gets the nudge.
TYPED = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND


def owner_id(update: Update) -> int:
    """The Telegram user an update comes from: the owner of everything it touches."""
    if update.effective_user is None:
        raise LookupError("update without a user")
    return update.effective_user.id


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(short_label(label), callback_data=data) for label, data in row]
            for row in rows
        ]
    )


def short_label(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= MAX_BUTTON_LABEL else label[: MAX_BUTTON_LABEL - 1] + "…"


async def reply(
    update: Update,
    context: Context,
    template: str,
    buttons: Sequence[Sequence[Button]] | None = None,
    **values: Any,
) -> Message:
    """Send prompts/<template>.html to the chat the update came from.

    Most templates are short, but one listing what the user stored (a brief with many open
    promises, a long list of follow-ups) can outgrow a message: see send_long.
    """
    html = context.services.render.message(template, **values)
    return await send_long(update, context, html, buttons)


async def send_long(
    update: Update,
    context: Context,
    html: str,
    buttons: Sequence[Sequence[Button]] | None = None,
) -> Message:
    """Send `html` in as many messages as Telegram needs; the buttons go on the last one."""
    if update.effective_chat is None:
        raise LookupError("update without a chat")
    parts = split_message(html)
    sent: Message | None = None
    for number, part in enumerate(parts, start=1):
        last = number == len(parts)
        sent = await context.bot.send_message(
            update.effective_chat.id,
            part,
            reply_markup=keyboard(buttons) if buttons and last else None,
        )
    if sent is None:
        raise ValueError("nothing to send")
    return sent


async def answer_query(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button press; a press Telegram no longer accepts answers for is no error.

    That happens when the bot was slow (Telegram waits about 15 seconds) and when a press
    is handled again after a crash: the press itself still counts.
    """
    try:
        await query.answer(text)
    except BadRequest as error:
        if "query is too old" not in error.message.lower():
            raise
        log.info("callback query %s expired before it was answered", query.id)


@contextmanager
def unchanged_is_fine() -> Iterator[None]:
    """An edit that changes nothing: a double tap, or a press handled again after a crash."""
    try:
        yield
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def settle_button(update: Update, context: Context, choice: str) -> None:
    """Answer the press and turn the question into a record of the answer.

    Removing the buttons once used keeps old keyboards from being pressed later, and the
    chosen answer stays visible in the chat history.
    """
    query = update.callback_query
    if query is None:
        return
    message = query.message
    if not isinstance(message, Message) or message.text is None:
        await answer_query(query)
        return
    record = context.services.render.message(
        # text_html is already Telegram HTML: escaping it again would show the tags.
        "common/chosen",
        question=Markup(message.text_html),
        choice=choice,
    )

    async def edit() -> None:
        with unchanged_is_fine():
            await query.edit_message_text(record)

    # At once: on a real network each call is a round trip the person waits through.
    await asyncio.gather(answer_query(query), edit())


async def toast(update: Update, context: Context, key: str) -> None:
    if update.callback_query is not None:
        await answer_query(update.callback_query, context.services.render.label(f"toasts.{key}"))


async def cancel(update: Update, context: Context) -> int:
    clear_drafts(context)
    await reply(update, context, "common/cancelled")
    return ConversationHandler.END


async def show_help(update: Update, context: Context) -> None:
    await reply(update, context, "common/help")


async def earlier_step(update: Update, context: Context) -> None:
    await toast(update, context, "earlier_step")


async def nudge(update: Update, context: Context) -> None:
    await reply(update, context, "common/nudge")


def conversation_fallbacks() -> list[BaseHandler[Update, Context, Any]]:
    """What every conversation does with input that does not answer the current question."""
    return [
        CommandHandler("cancel", cancel),
        CommandHandler("help", show_help),
        CallbackQueryHandler(earlier_step, pattern=f"^(?!{'|'.join(LASTING_BUTTONS)})"),
        MessageHandler(filters.ALL, nudge),
    ]


def draft(context: Context, key: str) -> dict[str, Any]:
    """The answers of the conversation in progress, kept in user_data so they persist."""
    if context.user_data is None:
        raise LookupError("update without a user")
    value = context.user_data.setdefault(key, {})
    if not isinstance(value, dict):
        raise TypeError(f"user_data[{key!r}] is not a dict")
    return value


def clear_drafts(context: Context) -> None:
    if context.user_data is not None:
        context.user_data.clear()
