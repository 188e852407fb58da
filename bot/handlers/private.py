"""The bot converses only in the private chat of the person whose notebook it is.

This gate sees every update before any other handler. Anything that is not a message, an
edit or a button press in the private chat between the bot and the person it comes from ends
here, so no handler that can show stored data ever hears of it: not a command typed in a
group, not a button pressed on a message in a group, not a Telegram Business chat with a
customer, a channel post, an inline query, or a kind of update Telegram adds later. Added to
a group or a channel, the bot says once that it works in private chats and leaves. With an
allowlist (COMMONGROUND_ALLOWED_USERS), someone not on it gets a polite refusal here, in
their private chat, and nothing further.
"""

from __future__ import annotations

import logging

from telegram import ChatMember, ChatMemberUpdated, Message, Update
from telegram.constants import ChatType, MessageEntityType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.handlers.common import answer_query
from bot.ptb.application import Context

log = logging.getLogger(__name__)

_IN = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR)


def in_own_private_chat(update: Update) -> bool:
    """A message, an edit or a button press in the private chat with its own sender.

    Named kinds rather than "has a private chat": a Telegram Business chat is a private
    chat too, the customer's, and a customer pressing a button there is its own sender.
    """
    user = update.effective_user
    if update.callback_query is not None:
        message = update.callback_query.message
    else:
        message = update.message or update.edited_message
    if user is None or message is None:
        return False
    if isinstance(message, Message) and message.business_connection_id:
        return False
    return message.chat.type == ChatType.PRIVATE and message.chat.id == user.id


async def keep_private(update: Update, context: Context) -> None:
    """Let the update through to the handlers, or answer it here at most with a pointer to
    a private chat (or, for someone the operator has not let in, a polite refusal), and
    stop it."""
    if in_own_private_chat(update) and admitted(update, context):
        return
    try:
        if in_own_private_chat(update):
            await _turn_away(update, context)
        else:
            await _point_elsewhere(update, context)
    except TelegramError as error:
        # Removed from the group meanwhile, no right to post in a channel: nobody to tell.
        log.info("could not answer outside a private chat: %s", error)
    except Exception:
        log.exception("error while answering outside a private chat")
    # Stopped however answering went: an error handed on to PTB would let the update go on
    # to the next handler group.
    raise ApplicationHandlerStop


def admitted(update: Update, context: Context) -> bool:
    """Whether the operator's allowlist (COMMONGROUND_ALLOWED_USERS) lets this person in.

    Nothing about anyone else is kept: no handler that stores sees their update, and the
    application forgets the update itself once answered (CommonGroundApplication._save).
    """
    user = update.effective_user
    return user is not None and context.services.settings.admits(user.id)


async def _turn_away(update: Update, context: Context) -> None:
    """One refusal per message; a press of a button (of the time before the allowlist)
    gets it as a toast, an edit nothing."""
    if update.callback_query is not None:
        # Plain text with no markup, so it serves as a toast as it is.
        await answer_query(
            update.callback_query, context.services.render.message("common/not_allowed")
        )
    elif update.message is not None:
        await context.bot.send_message(
            update.message.chat_id, context.services.render.message("common/not_allowed")
        )


async def _point_elsewhere(update: Update, context: Context) -> None:
    if update.callback_query is not None:
        await answer_query(
            update.callback_query, context.services.render.label("toasts.private_only")
        )
    elif update.my_chat_member is not None and _added(update.my_chat_member):
        await _say_goodbye(update.my_chat_member, context)
    elif update.message is not None and _is_command(update.message):
        await _send_pointer(update.message.chat_id, context)
    else:
        # Edits, service messages, channel posts, business chats, inline queries, updates
        # without a chat: silence, so nothing is said twice or where nobody asked.
        log.debug("ignored update %s outside a private chat", update.update_id)


def _added(change: ChatMemberUpdated) -> bool:
    """The bot was just added to a group, supergroup or channel."""
    return (
        change.chat.type != ChatType.PRIVATE
        and change.new_chat_member.status in _IN
        and change.old_chat_member.status not in _IN
    )


def _is_command(message: Message) -> bool:
    entities = message.entities
    return (
        bool(entities)
        and entities[0].type == MessageEntityType.BOT_COMMAND
        and not entities[0].offset
    )


async def _say_goodbye(change: ChatMemberUpdated, context: Context) -> None:
    """Say where the bot works, then leave, even if saying it failed."""
    try:
        await _send_pointer(change.chat.id, context)
    finally:
        await context.bot.leave_chat(change.chat.id)


async def _send_pointer(chat_id: int, context: Context) -> None:
    html = context.services.render.message("common/private_only", link=context.bot.link)
    await context.bot.send_message(chat_id, html)
