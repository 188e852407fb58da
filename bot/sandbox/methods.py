"""The Bot API methods the sandbox implements, each as strict as Telegram about its input."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.sandbox import rules
from bot.sandbox.errors import NOT_MODIFIED, ApiError, bad_request
from bot.sandbox.models import CallbackAnswer
from bot.sandbox.params import Params
from bot.sandbox.telegram_html import utf16_length
from bot.sandbox.world import Chat, StoredFile, StoredMessage, World, bot_user

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_CALLBACK_ANSWER_LENGTH = 200


@dataclass(frozen=True)
class Call:
    world: World
    params: Params
    bot_id: int


Handler = Callable[[Call], Awaitable[Any]]
# Telegram matches method names case-insensitively; the value keeps the documented spelling.
METHODS: dict[str, tuple[str, Handler]] = {}


def _method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        METHODS[name.lower()] = (name, handler)
        return handler

    return register


def canonical_name(method: str) -> str | None:
    entry = METHODS.get(method.lower())
    return entry[0] if entry else None


@_method("getMe")
async def get_me(call: Call) -> dict[str, Any]:
    return {
        **bot_user(call.bot_id),
        "can_join_groups": call.world.settings.allow_groups,
        "can_read_all_group_messages": not call.world.settings.group_privacy,
        "supports_inline_queries": call.world.settings.inline_mode,
        "can_connect_to_business": call.world.settings.business_mode,
        "has_main_web_app": False,
    }


@_method("getUpdates")
async def get_updates(call: Call) -> list[dict[str, Any]]:
    params = call.params
    allowed = params.json("allowed_updates", what="allowed updates")
    if allowed is not None and (
        not isinstance(allowed, list) or not all(isinstance(kind, str) for kind in allowed)
    ):
        raise bad_request("can't parse allowed updates JSON object")
    return await call.world.get_updates(
        offset=params.integer("offset"),
        limit=min(max(params.integer("limit") or 100, 1), 100),
        wait=max(params.number("timeout") or 0.0, 0.0),
        allowed_updates=allowed,
    )


@_method("deleteWebhook")
async def delete_webhook(call: Call) -> bool:
    if call.params.boolean("drop_pending_updates"):
        call.world.drop_pending_updates()
    return True


@_method("getWebhookInfo")
async def get_webhook_info(call: Call) -> dict[str, Any]:
    return {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": call.world.pending_update_count,
    }


def _commands_key(params: Params) -> str:
    scope = params.json("scope", what="bot command scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True) + "|" + (params.string("language_code") or "")


@_method("setMyCommands")
async def set_my_commands(call: Call) -> bool:
    commands = rules.commands(call.params.json("commands", what="commands"))
    call.world.commands[_commands_key(call.params)] = commands
    return True


@_method("getMyCommands")
async def get_my_commands(call: Call) -> list[dict[str, str]]:
    return call.world.commands.get(_commands_key(call.params), [])


@_method("deleteMyCommands")
async def delete_my_commands(call: Call) -> bool:
    call.world.commands.pop(_commands_key(call.params), None)
    return True


def _chat_id(params: Params) -> int | None:
    if not params.has("chat_id"):
        raise bad_request("chat_id is empty")
    try:
        return params.integer("chat_id")
    except ApiError:
        # "@channelname" and other strings: no chat in the sandbox has a public username.
        raise bad_request("chat not found") from None


def _chat(call: Call, *, sending: bool) -> Chat:
    """The chat a call is for, if the bot may write there (or edit, when not `sending`)."""
    params = call.params
    chat_id = _chat_id(params)
    if params.has("business_connection_id"):
        # On behalf of a business account, into its chat with a customer.
        return call.world.business_chat(params.string("business_connection_id"), chat_id)
    chat = call.world.chat(chat_id)
    call.world.check_bot_may_write(chat, sending=sending)
    return chat


def _new_payload(call: Call, chat: Chat) -> dict[str, Any]:
    return {
        "message_id": chat.next_message_id(),
        "from": bot_user(call.bot_id),
        "chat": chat.chat_json(),
        "date": int(time.time()),
    }


def _reply_to(params: Params, chat: Chat) -> dict[str, Any] | None:
    reply = params.json("reply_parameters", what="reply parameters")
    if reply is None and params.has("reply_to_message_id"):
        reply = {"message_id": params.integer("reply_to_message_id")}
    if not isinstance(reply, dict):
        return None
    stored = chat.messages.get(reply.get("message_id", 0))
    if stored is not None:
        return {key: value for key, value in stored.payload.items() if key != "reply_to_message"}
    if reply.get("allow_sending_without_reply") or params.boolean("allow_sending_without_reply"):
        return None
    raise bad_request("message to be replied not found")


@_method("sendMessage")
async def send_message(call: Call) -> dict[str, Any]:
    chat = _chat(call, sending=True)
    content = rules.content(call.params, caption=False)
    markup = rules.reply_markup(call.params)
    reply_to = _reply_to(call.params, chat)
    payload = _new_payload(call, chat)
    payload["text"] = content.text
    if content.entities:
        payload["entities"] = content.entities
    if reply_to is not None:
        payload["reply_to_message"] = reply_to
    if markup is not None:
        payload["reply_markup"] = markup
    call.world.put_bot_message(
        chat,
        StoredMessage(payload, from_bot=True, source=content.source, parse_mode=content.parse_mode),
    )
    call.world.record_send(chat, "sendMessage", payload["message_id"])
    return payload


def _bot_message_to_edit(call: Call, chat: Chat) -> StoredMessage:
    if call.params.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    message_id = call.params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    stored = chat.messages.get(message_id)
    if stored is None:
        raise bad_request("message to edit not found")
    if not stored.from_bot:
        raise bad_request("message can't be edited")
    return stored


def _edited(
    stored: StoredMessage, changes: dict[str, Any], drop: tuple[str, ...]
) -> dict[str, Any]:
    payload = {key: value for key, value in stored.payload.items() if key not in drop}
    payload.update(changes)
    payload["edit_date"] = int(time.time())
    return payload


@_method("editMessageText")
async def edit_message_text(call: Call) -> dict[str, Any]:
    chat = _chat(call, sending=False)
    stored = _bot_message_to_edit(call, chat)
    if "text" not in stored.payload:
        raise bad_request("there is no text in the message to edit")
    content = rules.content(call.params, caption=False)
    # Leaving reply_markup out of an edit removes the keyboard, as in Telegram.
    markup = rules.reply_markup(call.params, inline_only=True)
    if (
        stored.payload["text"] == content.text
        and stored.payload.get("entities", []) == content.entities
        and stored.payload.get("reply_markup") == markup
    ):
        raise bad_request(NOT_MODIFIED)
    changes: dict[str, Any] = {"text": content.text}
    if content.entities:
        changes["entities"] = content.entities
    if markup is not None:
        changes["reply_markup"] = markup
    payload = _edited(stored, changes, drop=("text", "entities", "reply_markup", "edit_date"))
    call.world.put_bot_message(
        chat,
        StoredMessage(
            payload,
            from_bot=True,
            source=content.source,
            parse_mode=content.parse_mode,
            document=stored.document,
            edited=True,
        ),
    )
    return payload


@_method("editMessageReplyMarkup")
async def edit_message_reply_markup(call: Call) -> dict[str, Any]:
    chat = _chat(call, sending=False)
    stored = _bot_message_to_edit(call, chat)
    markup = rules.reply_markup(call.params, inline_only=True)
    if stored.payload.get("reply_markup") == markup:
        raise bad_request(NOT_MODIFIED)
    changes = {"reply_markup": markup} if markup is not None else {}
    payload = _edited(stored, changes, drop=("reply_markup", "edit_date"))
    call.world.put_bot_message(
        chat,
        StoredMessage(
            payload,
            from_bot=True,
            source=stored.source,
            parse_mode=stored.parse_mode,
            document=stored.document,
            edited=True,
        ),
    )
    return payload


@_method("deleteMessage")
async def delete_message(call: Call) -> bool:
    chat = _chat(call, sending=False)
    message_id = call.params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    call.world.delete_message(chat, message_id)
    return True


@_method("leaveChat")
async def leave_chat(call: Call) -> bool:
    call.world.bot_leaves(call.world.chat(_chat_id(call.params)))
    return True


@_method("answerCallbackQuery")
async def answer_callback_query(call: Call) -> bool:
    params = call.params
    text = params.string("text") or ""
    if utf16_length(text) > MAX_CALLBACK_ANSWER_LENGTH:
        raise bad_request("MESSAGE_TOO_LONG")
    answer = CallbackAnswer(text, params.boolean("show_alert"), params.string("url"))
    call.world.answer_query(params.string("callback_query_id"), answer)
    return True


@_method("sendChatAction")
async def send_chat_action(call: Call) -> bool:
    _chat(call, sending=True)
    rules.chat_action(call.params.string("action"))
    return True


def _document(call: Call) -> StoredFile:
    params = call.params
    reference = params.string("document")
    upload = params.uploads.get("document")
    if reference and reference.startswith("attach://"):
        upload = params.uploads.get(reference.removeprefix("attach://"))
        if upload is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
    if upload is not None:
        if not upload.content:
            raise bad_request("file must be non-empty")
        if len(upload.content) > MAX_UPLOAD_BYTES:
            raise ApiError(413, "Request Entity Too Large")
        return call.world.store_file(
            upload.filename or "document", upload.content, upload.content_type
        )
    if not reference:
        raise bad_request("there is no document in the request")
    known = call.world.files.get(reference)
    if known is not None:
        return known
    if reference.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    raise bad_request("wrong file identifier/HTTP URL specified")


@_method("sendDocument")
async def send_document(call: Call) -> dict[str, Any]:
    chat = _chat(call, sending=True)
    caption = rules.content(call.params, caption=True)
    markup = rules.reply_markup(call.params)
    reply_to = _reply_to(call.params, chat)
    document = _document(call)
    payload = _new_payload(call, chat)
    payload["document"] = document.document_json()
    if caption.text:
        payload["caption"] = caption.text
    if caption.entities:
        payload["caption_entities"] = caption.entities
    if reply_to is not None:
        payload["reply_to_message"] = reply_to
    if markup is not None:
        payload["reply_markup"] = markup
    call.world.put_bot_message(
        chat,
        StoredMessage(
            payload,
            from_bot=True,
            source=caption.source,
            parse_mode=caption.parse_mode,
            document=document,
        ),
    )
    call.world.record_send(chat, "sendDocument", payload["message_id"])
    return payload


# The cloud Bot API lets a bot download files of up to 20 MB; getFile refuses bigger ones.
BOT_DOWNLOAD_LIMIT = 20 * 1024 * 1024


@_method("getFile")
async def get_file(call: Call) -> dict[str, Any]:
    stored = call.world.files.get(call.params.string("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.content) > BOT_DOWNLOAD_LIMIT:
        raise bad_request("file is too big")
    return stored.file_json()
