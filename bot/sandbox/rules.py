"""Telegram's limits on what a bot may send, with the descriptions Telegram answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.errors import bad_request
from bot.sandbox.params import Params
from bot.sandbox.telegram_html import (
    FormattedText,
    HtmlError,
    parse_html_entities,
    strip_formatted,
    utf16_length,
)

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_COMMANDS = 100
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


@dataclass(frozen=True)
class Content:
    """Text or caption after Telegram has parsed it."""

    source: str
    parse_mode: str | None
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def content(params: Params, *, caption: bool) -> Content:
    """The message text (or document caption) as Telegram would store it."""
    text_field, entities_field = (
        ("caption", "caption_entities") if caption else ("text", "entities")
    )
    source = params.string(text_field) or ""
    parse_mode = params.string("parse_mode") or None
    explicit = params.json(entities_field, what="entities")
    if explicit is not None:
        formatted = strip_formatted(FormattedText(source))
        entities = _explicit_entities(explicit)
        parse_mode = None
    else:
        formatted = _parse(source, parse_mode)
        entities = [entity.to_json() for entity in formatted.entities]
    if not formatted.text and not caption:
        raise bad_request("message text is empty")
    limit = MAX_CAPTION_LENGTH if caption else MAX_TEXT_LENGTH
    if utf16_length(formatted.text) > limit:
        raise bad_request("message caption is too long" if caption else "message is too long")
    return Content(source, parse_mode, formatted.text, entities)


def _parse(source: str, parse_mode: str | None) -> FormattedText:
    mode = (parse_mode or "").lower()
    if not mode:
        return strip_formatted(FormattedText(source))
    if mode == "html":
        try:
            return parse_html_entities(source)
        except HtmlError as error:
            raise bad_request(f"can't parse entities: {error.description}") from None
    if mode in ("markdown", "markdownv2"):
        # Refused rather than passed through, so the difference cannot go unnoticed.
        raise bad_request(f"the sandbox implements parse_mode HTML only, not {parse_mode}")
    raise bad_request(f"unsupported parse_mode {parse_mode!r}")


def _explicit_entities(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(
        isinstance(entity, dict)
        and isinstance(entity.get("type"), str)
        and isinstance(entity.get("offset"), int)
        and isinstance(entity.get("length"), int)
        for entity in value
    ):
        raise bad_request("can't parse entities JSON object")
    return [entity for entity in value if entity["length"] > 0]


def reply_markup(params: Params, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Validate reply_markup; return it when it belongs on the message (inline keyboards only:
    Telegram never echoes reply keyboards in Message.reply_markup)."""
    markup = params.json("reply_markup", what="reply keyboard markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("object expected as reply markup")
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"])
        return {"inline_keyboard": markup["inline_keyboard"]}
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        _check_reply_keyboard(markup["keyboard"])
        return None
    if "remove_keyboard" in markup or "force_reply" in markup:
        return None
    raise bad_request("can't parse reply keyboard markup JSON object")


def _check_inline_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    for row in rows:
        for button in row:
            _check_inline_button(button)


def _check_inline_button(button: Any) -> None:
    prefix = "can't parse inline keyboard button: "
    if not isinstance(button, dict):
        raise bad_request(prefix + "InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request(prefix + 'Field "text" must be of type String')
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    # Telegram treats an empty callback_data as absent, hence its odd message for "".
    if not any(button.get(action) not in (None, "") for action in _INLINE_ACTIONS):
        raise bad_request(prefix + "Text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if data is not None:
        if not isinstance(data, str):
            raise bad_request(prefix + 'Field "callback_data" must be of type String')
        if len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (not isinstance(url, str) or not _is_button_url(url)):
        raise bad_request("BUTTON_URL_INVALID")


def _is_button_url(url: str) -> bool:
    return bool(re.match(r"(https?|tg)://[^\s/]+", url, re.IGNORECASE))


def _check_reply_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
    for row in rows:
        for button in row:
            text = button.get("text") if isinstance(button, dict) else button
            if not isinstance(text, str) or not text.strip():
                raise bad_request("can't parse keyboard button: Text must be non-empty")


def commands(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise bad_request("can't parse commands JSON object")
    if len(value) > MAX_COMMANDS:
        raise bad_request("too many commands specified")
    checked = []
    for command in value:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand: object expected")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not _COMMAND.fullmatch(name.removeprefix("/")):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        checked.append({"command": name.removeprefix("/"), "description": description})
    return checked


def chat_action(action: str | None) -> str:
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return action
