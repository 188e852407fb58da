"""A person in the sandbox: what tests use to talk to the bot and to read what it did."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any

from bot.sandbox.models import BotMessage, Button, CallbackAnswer, ChatEvent, Rejection
from bot.sandbox.telegram_html import utf16_length
from bot.sandbox.world import Chat, World

__all__ = ["BotMessage", "Button", "CallbackAnswer", "NoBotReplyError", "SandboxUser"]

# Telegram marks every "/command" (optionally "/command@botname") that starts a word.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,32})?")


class NoBotReplyError(AssertionError, TimeoutError):
    """The bot did not send or edit anything in time (an AssertionError for pytest, and a
    TimeoutError for code that waits with asyncio)."""


class SandboxUser:
    def __init__(self, world: World, chat: Chat, rejections: list[Rejection]) -> None:
        self._world = world
        self._chat = chat
        self._rejections = rejections
        self._cursor = 0

    @property
    def id(self) -> int:
        return self._chat.id

    @property
    def first_name(self) -> str:
        return self._chat.person.first_name

    @property
    def username(self) -> str | None:
        return self._chat.person.username

    @property
    def blocked(self) -> bool:
        """While True, the bot's sends to this person answer 403 like Telegram's."""
        return self._chat.person.blocked

    @blocked.setter
    def blocked(self, value: bool) -> None:
        self._chat.person.blocked = value

    # Acting

    async def send(self, text: str) -> int:
        """Send a text message; returns its message_id."""
        content: dict[str, Any] = {"text": text}
        entities = _command_entities(text)
        if entities:
            content["entities"] = entities
        return self._world.user_message(self._chat, content)

    async def share_contact(
        self,
        phone: str,
        first_name: str,
        last_name: str | None = None,
        *,
        user_id: int | None = None,
    ) -> int:
        contact: dict[str, Any] = {"phone_number": phone, "first_name": first_name}
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

    async def press(self, message: BotMessage | str | None = None, label: str | None = None) -> str:
        """Press the inline button labelled `label` on `message` (default: the latest bot
        message with buttons), as it stands now. Both `press("Skip")` and
        `press(msg, "Skip")` work. Returns the callback_data sent, or the URL of a link
        button (which, as in Telegram, sends the bot nothing)."""
        if isinstance(message, str):
            if label is not None:
                raise TypeError("press() takes a message and a label, not two labels")
            message, label = None, message
        if label is None:
            raise TypeError("press() needs the label of the button to press")
        current = self._current(message)
        button = _find_button(current, label)
        if button.callback_data is None:
            return button.url or ""
        self._world.press(self._chat, current.message_id, button.callback_data)
        return button.callback_data

    async def press_data(self, message_id: int, data: str) -> None:
        """Press with arbitrary callback data: a stale keyboard, or a forged request."""
        self._world.press(self._chat, message_id, data)

    # Reading

    @property
    def messages(self) -> list[BotMessage]:
        """Every bot message in the chat as it stands: edits applied, deletions gone."""
        return self._chat.bot_messages()

    @property
    def last(self) -> BotMessage:
        messages = self.messages
        if not messages:
            raise AssertionError(f"the bot has no messages in chat {self.id}")
        return messages[-1]

    @property
    def update_ids(self) -> list[int]:
        """The update_id of everything this person sent or pressed, oldest first."""
        return [int(update["update_id"]) for update in self._world.updates_from(self.id)]

    @property
    def callback_answers(self) -> list[str]:
        """Texts of the bot's answers to this person's presses ("" for a silent answer)."""
        return [answer.text for answer in self._chat.answers]

    # The timeout parameter is this API's promise to tests, hence the noqa.
    async def next_event(self, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        """The next message the bot sent or edited here that this method has not returned yet."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            events = self._chat.events
            while self._cursor < len(events):
                event = events[self._cursor]
                self._cursor += 1
                if isinstance(event, BotMessage):
                    return event
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise NoBotReplyError(
                    f"the bot sent or edited nothing in chat {self.id} within {timeout}s.\n"
                    + self._situation()
                )
            await self._chat.wait_for_change(remaining)

    async def expect_silence(self, seconds: float = 0.3) -> None:
        """Assert the bot sends and edits nothing here for `seconds`. Messages that arrived
        earlier but were never read with next_event count as noise too."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            unread = [e for e in self._chat.events[self._cursor :] if isinstance(e, BotMessage)]
            if unread:
                raise AssertionError(
                    f"expected silence in chat {self.id}, but the bot sent or edited:\n"
                    + "\n".join(f"  {message.describe()}" for message in unread)
                )
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            await self._chat.wait_for_change(remaining)

    async def follow(self) -> AsyncIterator[ChatEvent]:
        """Everything the bot does in this chat from now on: messages, edits, deletions and
        callback answers. Independent of next_event's reading position."""
        index = len(self._chat.events)
        while True:
            events = self._chat.events
            while index < len(events):
                yield events[index]
                index += 1
            await self._chat.wait_for_change(None)

    def _current(self, message: BotMessage | None) -> BotMessage:
        messages = self.messages
        if message is None:
            with_buttons = [m for m in messages if m.buttons]
            if not with_buttons:
                raise AssertionError(
                    f"no bot message with buttons in chat {self.id}.\n" + self._situation()
                )
            return with_buttons[-1]
        for current in messages:
            if current.message_id == message.message_id:
                return current
        raise AssertionError(f"bot message #{message.message_id} is gone (deleted)")

    def _situation(self) -> str:
        lines = ["Bot messages in this chat now:"]
        lines += [f"  {m.describe()}" for m in self.messages] or ["  (none)"]
        refused = [r for r in self._rejections if _concerns(r, self.id)]
        if refused:
            lines.append("Requests the sandbox refused:")
            lines += [f"  {rejection}" for rejection in refused[-5:]]
        return "\n".join(lines)


def _concerns(rejection: Rejection, chat_id: int) -> bool:
    chat = rejection.params.get("chat_id")
    return chat is None or str(chat) == str(chat_id)


def _find_button(message: BotMessage, label: str) -> Button:
    buttons = [button for row in message.buttons for button in row]
    exact = [button for button in buttons if button.text == label]
    if len(exact) == 1:
        return exact[0]
    partial = [button for button in buttons if label.casefold() in button.text.casefold()]
    if not exact and len(partial) == 1:
        return partial[0]
    problem = "several buttons match" if exact or partial else "no button matches"
    raise AssertionError(
        f"{problem} {label!r} on bot message #{message.message_id}; "
        f"its buttons are {message.labels}"
    )


def _command_entities(text: str) -> list[dict[str, Any]]:
    return [
        {
            "type": "bot_command",
            "offset": utf16_length(text[: match.start()]),
            "length": utf16_length(match.group()),
        }
        for match in _COMMAND.finditer(text)
    ]
