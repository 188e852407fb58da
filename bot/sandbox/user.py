"""A person in the sandbox: what tests use to talk to the bot and to read what it did.

A person reads their private chat with the bot (ChatReader); they act there by default, or in
a group or channel they belong to with `chat=`.
"""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.models import BotMessage, Button, CallbackAnswer, Rejection
from bot.sandbox.reader import ChatReader, NoBotReplyError, SandboxChat, find_button
from bot.sandbox.telegram_html import utf16_length
from bot.sandbox.world import BotStatus, BusinessConnection, Chat, Person, World

__all__ = [
    "BotMessage",
    "Button",
    "CallbackAnswer",
    "NoBotReplyError",
    "SandboxBusiness",
    "SandboxChat",
    "SandboxUser",
]

# Telegram marks every "/command" (optionally "/command@botname") that starts a word.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,32})?")


class SandboxUser(ChatReader):
    def __init__(
        self, world: World, person: Person, chat: Chat, rejections: list[Rejection]
    ) -> None:
        super().__init__(chat, rejections)
        self._world = world
        self.person = person

    @property
    def first_name(self) -> str:
        return self.person.first_name

    @property
    def username(self) -> str | None:
        return self.person.username

    @property
    def blocked(self) -> bool:
        """While True, the bot's sends to this person answer 403 like Telegram's."""
        return self.person.blocked

    @blocked.setter
    def blocked(self, value: bool) -> None:
        self.person.blocked = value

    # Acting

    async def send(
        self, text: str, *, chat: SandboxChat | None = None, reply_to: int | None = None
    ) -> int:
        """Send a text message (in the private chat, or in `chat`), perhaps as a reply to
        message `reply_to` there; returns its message_id."""
        where = self._where(chat)
        content = text_content(text)
        if reply_to is not None:
            replied = where.messages[reply_to].payload
            # Telegram nests one level: the replied-to message comes without its own reply.
            content["reply_to_message"] = {
                key: value for key, value in replied.items() if key != "reply_to_message"
            }
        return self._world.user_message(where, content, self.person)

    async def edit(self, message_id: int, text: str, *, chat: SandboxChat | None = None) -> None:
        """Change the text of a message this person sent (the bot gets an edited_message)."""
        self._world.edit_user_message(
            self._where(chat), message_id, text_content(text), self.person
        )

    async def share_contact(
        self,
        phone: str,
        first_name: str,
        last_name: str | None = None,
        *,
        user_id: int | None = None,
        vcard: str | None = None,
    ) -> int:
        contact: dict[str, Any] = {"phone_number": phone, "first_name": first_name}
        if vcard is not None:
            contact["vcard"] = vcard
        if last_name:
            contact["last_name"] = last_name
        if user_id is not None:
            contact["user_id"] = user_id
        return self._world.user_message(self._chat, {"contact": contact})

    async def upload(
        self,
        filename: str,
        content: bytes,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
    ) -> int:
        """Send a file as a document; the bot can getFile and download it."""
        stored = self._world.store_file(filename, content, mime_type)
        message: dict[str, Any] = {"document": stored.document_json()}
        if caption:
            message["caption"] = caption
        return self._world.user_message(self._chat, message)

    async def press(
        self,
        message: BotMessage | str | None = None,
        label: str | None = None,
        *,
        chat: SandboxChat | None = None,
    ) -> str:
        """Press the inline button labelled `label` on `message` (default: the latest bot
        message with buttons) in the private chat or `chat`, as it stands now. Both
        `press("Skip")` and `press(msg, "Skip")` work. Returns the callback_data sent, or the
        URL of a link button (which, as in Telegram, sends the bot nothing)."""
        if isinstance(message, str):
            if label is not None:
                raise TypeError("press() takes a message and a label, not two labels")
            message, label = None, message
        if label is None:
            raise TypeError("press() needs the label of the button to press")
        reader: ChatReader = chat or self
        current = reader._current(message)
        button = find_button(current, label)
        if button.callback_data is None:
            return button.url or ""
        self._world.press(self._where(chat), current.message_id, button.callback_data, self.person)
        return button.callback_data

    async def press_data(
        self, message_id: int, data: str, *, chat: SandboxChat | None = None
    ) -> None:
        """Press with arbitrary callback data: a stale keyboard, or a forged request."""
        self._world.press(self._where(chat), message_id, data, self.person)

    async def add_bot(self, chat: SandboxChat, *, admin: bool = False) -> None:
        """Add the bot to a group this person is in, or make it an admin of their channel."""
        status: BotStatus = "administrator" if admin or chat.kind == "channel" else "member"
        self._world.set_bot_status(self._where(chat), status, self.person)

    async def remove_bot(self, chat: SandboxChat) -> None:
        """Remove the bot from the group (Telegram calls it kicked)."""
        self._world.set_bot_status(self._where(chat), "kicked", self.person)

    async def post(self, channel: SandboxChat, text: str) -> int:
        """Publish a post in a channel this person runs."""
        return self._world.channel_post(self._where(channel), text_content(text), self.person)

    async def inline_query(self, query: str) -> str:
        """Type "@bot `query`" in any chat (needs inline mode on: world.settings)."""
        return self._world.inline_query(self.person, query)

    async def press_inline(self, data: str) -> str:
        """Press a button on a message sent through the bot in inline mode (needs inline mode
        on: world.settings); the bot gets a callback query without a chat."""
        return self._world.inline_press(self.person, data)

    async def connect_business(self) -> SandboxBusiness:
        """Connect the bot to this person's Telegram Business account (needs Business Mode
        on: world.settings)."""
        connection = self._world.connect_business(self.person)
        return SandboxBusiness(self._world, connection, self._rejections)

    # Reading

    @property
    def update_ids(self) -> list[int]:
        """The update_id of everything this person sent or pressed, oldest first."""
        return [int(update["update_id"]) for update in self._world.updates_from(self.id)]

    def _where(self, chat: SandboxChat | None) -> Chat:
        return self._chat if chat is None else self._world.chat(chat.id)


class SandboxBusiness:
    """A business account's connection to the bot: its chats with customers."""

    def __init__(
        self, world: World, connection: BusinessConnection, rejections: list[Rejection]
    ) -> None:
        self._world = world
        self._connection = connection
        self._rejections = rejections

    @property
    def id(self) -> str:
        return self._connection.id

    async def message(self, customer: SandboxUser, text: str, *, from_owner: bool = False) -> int:
        """A message in the owner's chat with `customer`, written by either of them."""
        return self._world.business_message(
            self._connection, customer.person, text_content(text), from_owner=from_owner
        )

    async def edit(
        self, customer: SandboxUser, message_id: int, text: str, *, from_owner: bool = False
    ) -> None:
        self._world.business_message(
            self._connection,
            customer.person,
            text_content(text),
            from_owner=from_owner,
            edit=message_id,
        )

    def chat(self, customer: SandboxUser) -> ChatReader:
        """What the bot wrote into the owner's chat with `customer` (through this connection)."""
        return ChatReader(self._connection.chat_with(customer.person), self._rejections)


def text_content(text: str) -> dict[str, Any]:
    """A typed text as Telegram delivers it: commands marked as entities."""
    content: dict[str, Any] = {"text": text}
    entities = [
        {
            "type": "bot_command",
            "offset": utf16_length(text[: match.start()]),
            "length": utf16_length(match.group()),
        }
        for match in _COMMAND.finditer(text)
    ]
    if entities:
        content["entities"] = entities
    return content
