"""Which updates the privacy gate lets through to the handlers: only a message, an edit or a
button press in the private chat between the bot and the person it comes from."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Bot, Update

from bot.handlers.private import in_own_private_chat

BOT = Bot("123456:" + "a" * 30)
ADA = {"id": 7, "is_bot": False, "first_name": "Ada"}
CARL = {"id": 8, "is_bot": False, "first_name": "Carl"}
PRIVATE = {"id": 7, "type": "private", "first_name": "Ada"}
GROUP = {"id": -4000000001, "type": "group", "title": "Team"}
SUPERGROUP = {"id": -1002000000001, "type": "supergroup", "title": "Team"}
CHANNEL = {"id": -1002000000002, "type": "channel", "title": "News"}


def message(
    chat: dict[str, Any], sender: dict[str, Any] | None = ADA, **extra: Any
) -> dict[str, Any]:
    data = {"message_id": 1, "date": 0, "chat": chat, "text": "/contacts", **extra}
    if sender is not None:
        data["from"] = sender
    return data


def press(on: dict[str, Any] | None, by: dict[str, Any] = ADA, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "1", "from": by, "chat_instance": "1", "data": "contact:open:1"}
    if on is None:
        data["inline_message_id"] = "abc"
    else:
        bot = {**ADA, "id": 99, "is_bot": True}
        data["message"] = {**message(on, None), "from": bot, **extra}
    return data


def update(kind: str, payload: dict[str, Any]) -> Update:
    parsed = Update.de_json({"update_id": 1, kind: payload}, BOT)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("message", message(PRIVATE)),
        ("edited_message", {**message(PRIVATE), "edit_date": 1}),
        ("callback_query", press(PRIVATE)),
    ],
    ids=["message", "edit", "press"],
)
def test_the_owners_private_chat_passes(kind: str, payload: dict[str, Any]) -> None:
    assert in_own_private_chat(update(kind, payload))


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("message", message(GROUP)),
        ("message", message(SUPERGROUP)),
        ("edited_message", {**message(SUPERGROUP), "edit_date": 1}),
        ("callback_query", press(GROUP)),
        ("callback_query", press(None)),
        ("channel_post", message(CHANNEL, None, sender_chat=CHANNEL)),
        # The customer's chat is private too: it is the kind of update that tells.
        ("business_message", message({**PRIVATE, "id": 8}, CARL, business_connection_id="b")),
        ("business_message", message({**PRIVATE, "id": 7}, ADA, business_connection_id="b")),
        ("callback_query", press({**PRIVATE, "id": 8}, CARL, business_connection_id="b")),
        ("inline_query", {"id": "1", "from": ADA, "query": "Dana", "offset": ""}),
        # A private chat that is not the sender's own: Telegram never makes one; forged.
        ("message", message({**PRIVATE, "id": 8})),
        ("a_kind_telegram_adds_later", {"chat": PRIVATE, "from": ADA}),
    ],
    ids=[
        "group",
        "supergroup",
        "group edit",
        "press in a group",
        "press on an inline message",
        "channel post",
        "business chat, customer writes",
        "business chat, owner writes",
        "business chat, customer presses",
        "inline query",
        "someone else's private chat",
        "unknown kind",
    ],
)
def test_everything_else_is_stopped(kind: str, payload: dict[str, Any]) -> None:
    assert not in_own_private_chat(update(kind, payload))
