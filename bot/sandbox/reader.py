"""Reading one chat as a person in it sees it: the bot's messages, edits and answers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from bot.sandbox.models import BotMessage, Button, ChatEvent, Rejection
from bot.sandbox.world import BotStatus, Chat, ChatKind


class NoBotReplyError(AssertionError, TimeoutError):
    """The bot did not send or edit anything in time (an AssertionError for pytest, and a
    TimeoutError for code that waits with asyncio)."""


class ChatReader:
    """What the bot did in one chat, read in order (next_event) or as it stands (messages)."""

    def __init__(self, chat: Chat, rejections: list[Rejection]) -> None:
        self._chat = chat
        self._rejections = rejections
        self._cursor = 0

    @property
    def id(self) -> int:
        return self._chat.id

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
    def callback_answers(self) -> list[str]:
        """Texts of the bot's answers to presses in this chat ("" for a silent answer)."""
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


class SandboxChat(ChatReader):
    """A group, supergroup or channel: its people act through SandboxUser (`chat=`)."""

    @property
    def kind(self) -> ChatKind:
        return self._chat.kind

    @property
    def title(self) -> str:
        return self._chat.title or ""

    @property
    def bot_status(self) -> BotStatus:
        """ "member" or "administrator" while the bot is in; "left" or "kicked" after."""
        return self._chat.bot_status


def find_button(message: BotMessage, label: str) -> Button:
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


def _concerns(rejection: Rejection, chat_id: int) -> bool:
    chat = rejection.params.get("chat_id")
    return chat is None or str(chat) == str(chat_id)
