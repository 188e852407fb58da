"""The state behind the sandbox: people, their private chats with the bot, files, updates.

One world per server: every valid token talks to the same people, which is all the terminal
chat, the end-to-end tests and the benchmarks need.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import mimetypes
import secrets
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.errors import QUERY_INVALID, bad_request, conflict
from bot.sandbox.models import BotMessage, Button, CallbackAnswer, ChatEvent, MessageDeleted

BOT_FIRST_NAME = "Common Ground"
BOT_USERNAME = "commonground_test_bot"
# Telegram's default when allowed_updates was never set or set to [].
DEFAULT_ALLOWED_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)


def bot_user(bot_id: int) -> dict[str, Any]:
    return {
        "id": bot_id,
        "is_bot": True,
        "first_name": BOT_FIRST_NAME,
        "username": BOT_USERNAME,
    }


@dataclass
class Person:
    id: int
    first_name: str
    username: str | None = None
    blocked: bool = False

    def user_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": "en",
        }
        if self.username:
            data["username"] = self.username
        return data

    def chat_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        return data


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    file_name: str
    mime_type: str
    content: bytes

    def document_json(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }

    def file_json(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }


@dataclass
class StoredMessage:
    """A message in a chat. `payload` is the Telegram Message JSON and is replaced, never
    mutated, so updates already queued keep the state they were created with."""

    payload: dict[str, Any]
    from_bot: bool
    source: str = ""
    parse_mode: str | None = None
    document: StoredFile | None = None
    edited: bool = False

    @property
    def message_id(self) -> int:
        return int(self.payload["message_id"])

    def snapshot(self) -> BotMessage:
        payload = self.payload
        markup = payload.get("reply_markup") or {}
        buttons = [
            [
                Button(
                    text=str(button.get("text", "")),
                    callback_data=button.get("callback_data"),
                    url=button.get("url"),
                )
                for button in row
            ]
            for row in markup.get("inline_keyboard", [])
        ]
        is_caption = "text" not in payload
        return BotMessage(
            message_id=self.message_id,
            html=self.source,
            text=str(payload.get("caption" if is_caption else "text", "")),
            buttons=buttons,
            edited=self.edited,
            parse_mode=self.parse_mode,
            entities=list(payload.get("caption_entities" if is_caption else "entities", [])),
            document_name=self.document.file_name if self.document else None,
            document_content=self.document.content if self.document else None,
            document_mime_type=self.document.mime_type if self.document else None,
        )


class Chat:
    """A private chat between the bot and one person (chat id == user id)."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self.messages: dict[int, StoredMessage] = {}
        self.events: list[ChatEvent] = []
        self.answers: list[CallbackAnswer] = []
        self._message_ids = itertools.count(1)
        self._changed = asyncio.Event()

    @property
    def id(self) -> int:
        return self.person.id

    def next_message_id(self) -> int:
        return next(self._message_ids)

    def record(self, event: ChatEvent) -> None:
        self.events.append(event)
        # Every waiter holds the old event; replacing it wakes them all exactly once.
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for_change(self, at_most: float | None) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), at_most)

    def bot_messages(self) -> list[BotMessage]:
        return [stored.snapshot() for stored in self.messages.values() if stored.from_bot]


@dataclass(frozen=True)
class Send:
    """A message the bot sent, as the sandbox saw it arrive (for rate checks)."""

    at: float
    """time.monotonic() when the sandbox accepted it."""
    chat_id: int
    method: str
    message_id: int


@dataclass
class _Poll:
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    superseded: bool = False
    ended: bool = False


@dataclass
class _PendingQuery:
    chat: Chat
    answered: bool = False


class World:
    def __init__(self) -> None:
        self.people: dict[int, Person] = {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.commands: dict[str, list[dict[str, str]]] = {}
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(1)
        # What happened to updates, for tests that check nothing was lost: every update ever
        # made (by id), how often getUpdates handed each out, and the offset the bot has
        # confirmed (every update with a smaller id is gone from Telegram for good).
        self.history: dict[int, dict[str, Any]] = {}
        self.handed_out: Counter[int] = Counter()
        self.confirmed_offset = 0
        self.sends: list[Send] = []
        self._allowed_updates = DEFAULT_ALLOWED_UPDATES
        self._poll: _Poll | None = None
        self._queries: dict[str, _PendingQuery] = {}
        self._file_numbers = itertools.count(1)
        self.closing = False

    # People and chats

    def add_person(self, user_id: int, first_name: str, username: str | None) -> Chat:
        if user_id in self.chats:
            return self.chats[user_id]
        person = Person(user_id, first_name, username)
        self.people[user_id] = person
        chat = self.chats[user_id] = Chat(person)
        return chat

    def chat(self, chat_id: int | None) -> Chat:
        chat = self.chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    # Updates and long polling

    def push_update(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue an update for the bot; its update_id, or None if the bot does not take it."""
        # Telegram does not create updates of types the bot has not asked for.
        if kind not in self._allowed_updates:
            return None
        update_id = next(self._update_ids)
        update = {"update_id": update_id, kind: payload}
        self._updates.append(update)
        self.history[update_id] = update
        if self._poll is not None:
            self._poll.wake.set()
        return update_id

    def confirmed(self, update_id: int) -> bool:
        """The bot told Telegram it has this update (a later getUpdates offset passed it)."""
        return update_id < self.confirmed_offset

    def updates_from(self, chat_id: int) -> list[dict[str, Any]]:
        """Every update a person in this private chat caused, oldest first."""
        return [update for update in self.history.values() if _sender(update) == chat_id]

    def record_send(self, chat: Chat, method: str, message_id: int) -> None:
        self.sends.append(Send(time.monotonic(), chat.id, method, message_id))

    def drop_pending_updates(self) -> None:
        self._updates.clear()

    @property
    def pending_update_count(self) -> int:
        return len(self._updates)

    async def get_updates(
        self,
        *,
        offset: int | None,
        limit: int,
        wait: float,
        allowed_updates: list[str] | None,
    ) -> list[dict[str, Any]]:
        if allowed_updates is not None:
            self._allowed_updates = (
                frozenset(allowed_updates) if allowed_updates else DEFAULT_ALLOWED_UPDATES
            )
        if offset:
            self._confirm(offset)
        # Like Telegram, a new getUpdates ends the one already waiting, which gets the 409.
        if self._poll is not None:
            self._poll.superseded = True
            self._poll.wake.set()
        poll = self._poll = _Poll()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        try:
            while True:
                if poll.superseded:
                    raise conflict()
                if poll.ended:
                    return []
                remaining = deadline - loop.time()
                if self._updates or self.closing or remaining <= 0:
                    batch = list(itertools.islice(self._updates, limit))
                    self.handed_out.update(update["update_id"] for update in batch)
                    return batch
                poll.wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(poll.wake.wait(), remaining)
        finally:
            if self._poll is poll:
                self._poll = None

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self.confirmed_offset = max(self.confirmed_offset, offset)
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
        else:
            while len(self._updates) > -offset:
                self._updates.popleft()

    def end_poll(self) -> None:
        """End the waiting long poll now, with no updates."""
        if self._poll is not None:
            self._poll.ended = True
            self._poll.wake.set()

    def close(self) -> None:
        """Let a waiting long poll return now instead of holding the server's shutdown."""
        self.closing = True
        if self._poll is not None:
            self._poll.wake.set()

    # What people do

    def user_message(self, chat: Chat, content: dict[str, Any]) -> int:
        message_id = chat.next_message_id()
        payload = {
            "message_id": message_id,
            "from": chat.person.user_json(),
            "chat": chat.person.chat_json(),
            "date": int(time.time()),
            **content,
        }
        chat.messages[message_id] = StoredMessage(payload, from_bot=False)
        self.push_update("message", payload)
        return message_id

    def press(self, chat: Chat, message_id: int, data: str) -> str:
        stored = chat.messages.get(message_id)
        if stored is None or not stored.from_bot:
            raise AssertionError(f"no bot message #{message_id} in chat {chat.id} to press on")
        query_id = str(secrets.randbits(63))
        self._queries[query_id] = _PendingQuery(chat)
        self.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": chat.person.user_json(),
                "message": stored.payload,
                "chat_instance": str(chat.id * 7919 + 104729),
                "data": data,
            },
        )
        return query_id

    def answer_query(self, query_id: str | None, answer: CallbackAnswer) -> None:
        pending = self._queries.get(query_id or "")
        if pending is None or pending.answered:
            raise bad_request(QUERY_INVALID)
        pending.answered = True
        pending.chat.answers.append(answer)
        pending.chat.record(answer)

    # What the bot does

    def put_bot_message(self, chat: Chat, stored: StoredMessage) -> None:
        """A new bot message, or the new state of an edited one."""
        chat.messages[stored.message_id] = stored
        chat.record(stored.snapshot())

    def delete_message(self, chat: Chat, message_id: int) -> None:
        stored = chat.messages.pop(message_id, None)
        if stored is None:
            raise bad_request("message to delete not found")
        if stored.from_bot:
            chat.record(MessageDeleted(message_id))

    # Files

    def store_file(self, file_name: str, content: bytes, mime_type: str | None) -> StoredFile:
        number = next(self._file_numbers)
        suffix = file_name.rsplit(".", 1)[1].lower() if "." in file_name else ""
        if not (suffix.isascii() and suffix.isalnum() and len(suffix) <= 8):
            suffix = "bin"
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:06d}{secrets.token_urlsafe(24)}",
            file_unique_id=f"AgAD{number:06d}{secrets.token_urlsafe(6)}",
            file_path=f"documents/file_{number}.{suffix}",
            file_name=file_name,
            mime_type=mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream",
            content=content,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored


def _sender(update: dict[str, Any]) -> int | None:
    for key, payload in update.items():
        if key != "update_id" and isinstance(payload, dict):
            sender = payload.get("from") or payload.get("chat") or {}
            return int(sender["id"]) if "id" in sender else None
    return None
