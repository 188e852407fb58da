"""Small pieces every conversation uses: replying from templates, keyboards, fallbacks."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from markupsafe import Markup
from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

# Re-exported: the handlers take them from here with the rest.
from bot.keyboard import MAX_BUTTON_LABEL as MAX_BUTTON_LABEL
from bot.keyboard import Button as Button
from bot.keyboard import keyboard as keyboard
from bot.keyboard import short_label as short_label
from bot.ptb.application import Context
from bot.ptb.ratelimit import maybe_delivered
from bot.render import split_message
from bot.storage import debriefs

log = logging.getLogger(__name__)

# Buttons that stay usable after their conversation ends (a brief's reminder offer, say).
# Every other button belongs to a step of a conversation and is stale once that step passed.
LASTING_BUTTONS = (
    "brief:",
    "contact:",
    "contacts:",
    "followup:",
    "digest:",
    "search:",
    "suggested:",
)

# Telegram's refusals for a press it stopped waiting for or handed over twice, and for a
# message the person deleted or that is too old to edit.
GONE = ("query is too old", "message to edit not found", "message can't be edited")

# An answer typed to the question being asked: a new text message that is not a command. An
# edit of an earlier message is no answer to the question asked now; it gets the nudge.
TYPED = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND


def owner_id(update: Update) -> int:
    """The Telegram user an update comes from: the owner of everything it touches."""
    if update.effective_user is None:
        raise LookupError("update without a user")
    return update.effective_user.id


def button_value(context: Context, part: str) -> str:
    """The `(?P<part>...)` of the callback pattern that routed this button press: the pattern
    has refused forged data already, so what it names is there and of its shape."""
    if context.match is None:
        raise LookupError("a button handler without a pattern")
    value: str = context.match[part]
    return value


def button_id(context: Context, part: str) -> int:
    return int(button_value(context, part))


async def reply(
    update: Update,
    context: Context,
    template: str,
    buttons: Sequence[Sequence[Button]] | None = None,
    **values: Any,
) -> Message | None:
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
) -> Message | None:
    """Send `html` in as many messages as Telegram needs; the buttons go on the last one.

    A part that may have reached the person although the call failed (see bot/ptb/ratelimit.py)
    counts as sent: the step before it is stored, and sending it again could show it twice,
    while an apology would be wrong if it arrived. Returns the last part known to have arrived.
    """
    if update.effective_chat is None:
        raise LookupError("update without a chat")
    chat_id = update.effective_chat.id
    parts = split_message(html)
    if not parts:
        raise ValueError("nothing to send")
    sent: Message | None = None
    for number, part in enumerate(parts, start=1):
        last = number == len(parts)
        try:
            sent = await context.bot.send_message(
                chat_id, part, reply_markup=keyboard(buttons) if buttons and last else None
            )
        except NetworkError as error:
            if not maybe_delivered(error):
                raise
            log.warning("a message to chat %s may not have arrived: %s", chat_id, error)
    return sent


async def best_effort(call: Awaitable[object], what: str) -> None:
    """Make a call the conversation does not depend on: acknowledging a press, turning the
    pressed question into a record of the answer.

    The step counts and the next question goes out whatever happens to it. A press handled
    again after a crash, or one Telegram stopped waiting for (about 15 seconds), gets
    refusals that are no error at all; any other failure, once the rate limiter's own tries
    are spent, is one warning. Other refusals are raised: they mean our request is wrong.
    """
    try:
        await call
    except BadRequest as error:
        reason = error.message.lower()
        if "not modified" in reason:
            return  # a double tap, or a press handled again
        if not any(gone in reason for gone in GONE):
            raise
        log.info("%s: too late (%s)", what, error.message)
    except TelegramError as error:
        log.warning("%s failed, carrying on without it: %s", what, error)


async def answer_query(query: CallbackQuery, text: str | None = None) -> None:
    await best_effort(query.answer(text), "answering a button press")


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

    # At once: on a real network each call is a round trip the person waits through.
    await asyncio.gather(
        answer_query(query),
        best_effort(query.edit_message_text(record), "recording the answer on its question"),
    )


async def toast(update: Update, context: Context, key: str) -> None:
    if update.callback_query is not None:
        await answer_query(update.callback_query, context.services.render.label(f"toasts.{key}"))


async def cancel(update: Update, context: Context) -> int:
    """Leave the conversation. A prep's answers were only a draft; a debrief's are stored as
    they come, and the person should hear that they are kept."""
    in_prep = context.user_data is not None and "prep" in context.user_data
    kept = not in_prep and bool(await debriefs.open_debriefs(context.services.db, owner_id(update)))
    clear_drafts(context)
    await reply(update, context, "common/cancelled", kept=kept)
    return ConversationHandler.END


async def show_help(update: Update, context: Context) -> None:
    await reply(update, context, "common/help")


async def earlier_step(update: Update, context: Context) -> None:
    await toast(update, context, "earlier_step")


async def nudge(update: Update, context: Context, step: str = "", **values: str) -> None:
    """The answer to input that can't mean anything at the current question. `step` names
    that question, for the nudge to say what would work there (see common/nudge.html)."""
    await reply(update, context, "common/nudge", None, step=step, **values)


def nudge_at(step: str) -> BaseHandler[Update, Context, Any]:
    """The last handler of a conversation state: whatever its others did not take (a photo,
    an edit of an earlier message, text that can't answer it) is told what would."""

    async def told(update: Update, context: Context) -> None:
        await nudge(update, context, step)

    return MessageHandler(~filters.COMMAND, told)


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
