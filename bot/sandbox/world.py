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
from typing import Any, Literal

from bot.sandbox.errors import QUERY_INVALID, bad_request, conflict, forbidden
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
    started: bool = True
    """Has a private chat with the bot (pressed Start); the bot cannot write first."""

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


ChatKind = Literal["private", "group", "supergroup", "channel"]
BotStatus = Literal["member", "administrator", "left", "kicked"]


class Chat:
    """A chat the bot can see: a private chat with one person (chat id == user id), or a
    group, supergroup or channel with its members and the bot's own standing in it."""

    def __init__(
        self,
        chat_id: int,
        kind: ChatKind,
        *,
        person: Person | None = None,
        title: str | None = None,
        bot_status: BotStatus = "member",
    ) -> None:
        self.id = chat_id
        self.kind = kind
        self.person = person
        """The other side of a private chat; None for groups and channels."""
        self.title = title
        self.bot_status: BotStatus = bot_status
        self.members: set[int] = {person.id} if person else set()
        self.messages: dict[int, StoredMessage] = {}
        self.events: list[ChatEvent] = []
        self.answers: list[CallbackAnswer] = []
        self._message_ids = itertools.count(1)
        self._changed = asyncio.Event()

    @classmethod
    def private(cls, person: Person) -> Chat:
        return cls(person.id, "private", person=person)

    @property
    def bot_is_in(self) -> bool:
        return self.bot_status in ("member", "administrator")

    def chat_json(self) -> dict[str, Any]:
        if self.person is not None:
            return self.person.chat_json()
        return {"id": self.id, "type": self.kind, "title": self.title or ""}

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


@dataclass
class BusinessConnection:
    """A Telegram Business account (a person) that connected the bot to answer its customers.

    Each customer's chat is the person's private chat with that customer: the bot reads it,
    and writes into it only with this connection's id. `chats` holds what it wrote there.
    """

    id: str
    owner: Person
    enabled: bool = True
    chats: dict[int, Chat] = field(default_factory=dict)

    def chat_with(self, customer: Person) -> Chat:
        if customer.id not in self.chats:
            self.chats[customer.id] = Chat.private(customer)
        return self.chats[customer.id]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "user": self.owner.user_json(),
            "user_chat_id": self.owner.id,
            "date": int(time.time()),
            "is_enabled": self.enabled,
            "rights": {"can_reply": True, "can_read_messages": True},
        }


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
    def __init__(self, first_update_id: int = 1) -> None:
        self.people: dict[int, Person] = {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.commands: dict[str, list[dict[str, str]]] = {}
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(first_update_id)
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
        self._group_numbers = itertools.count(1)
        self.business: dict[str, BusinessConnection] = {}
        self.bot_id: int | None = None
        """The bot that called last: the one people add to groups."""
        self.settings = BotSettings()
        self.closing = False

    # People and chats

    def add_person(
        self, user_id: int, first_name: str, username: str | None, *, started: bool = True
    ) -> Chat:
        if user_id in self.chats:
            return self.chats[user_id]
        person = Person(user_id, first_name, username, started=started)
        self.people[user_id] = person
        chat = self.chats[user_id] = Chat.private(person)
        return chat

    def add_group(
        self, title: str, kind: ChatKind, members: list[Person], bot_status: BotStatus = "left"
    ) -> Chat:
        """A group, supergroup or channel, with ids as Telegram makes them."""
        if kind == "private":
            raise ValueError("a private chat comes with its person")
        number = next(self._group_numbers)
        chat_id = -(4_000_000_000 + number) if kind == "group" else -(1_002_000_000_000 + number)
        chat = self.chats[chat_id] = Chat(chat_id, kind, title=title, bot_status=bot_status)
        chat.members.update(member.id for member in members)
        return chat

    def chat(self, chat_id: int | None) -> Chat:
        chat = self.chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def check_bot_may_write(self, chat: Chat, *, sending: bool) -> None:
        """Telegram's refusals for a chat the bot may not write in (or edit, when not
        `sending`): it was blocked, never started, is not in the group, or is not a channel
        admin."""
        if chat.person is not None:
            if sending and chat.person.blocked:
                raise forbidden("bot was blocked by the user")
            if sending and not chat.person.started:
                raise forbidden("bot can't initiate conversation with a user")
            return
        if chat.bot_status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.kind} chat")
        if chat.bot_status == "left":
            raise forbidden(f"bot is not a member of the {chat.kind} chat")
        if chat.kind == "channel" and chat.bot_status != "administrator":
            raise bad_request("need administrator rights in the channel chat")

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

    def user_message(
        self, chat: Chat, content: dict[str, Any], sender: Person | None = None
    ) -> int:
        """A message `sender` (default: the person of a private chat) writes in `chat`; the
        bot gets it if Telegram would show it to the bot (see `_bot_sees`)."""
        sender = self._member(chat, sender)
        message_id = chat.next_message_id()
        payload = {
            "message_id": message_id,
            "from": sender.user_json(),
            "chat": chat.chat_json(),
            "date": int(time.time()),
            **content,
        }
        chat.messages[message_id] = StoredMessage(payload, from_bot=False)
        if chat.person is not None:
            chat.person.started = True
        if self._bot_sees(chat, payload):
            self.push_update("message", payload)
        return message_id

    def channel_post(self, channel: Chat, content: dict[str, Any], author: Person) -> int:
        """A post an admin of the channel publishes; it is signed by the channel, not them."""
        if channel.kind != "channel":
            raise AssertionError(f"chat {channel.id} is a {channel.kind}, not a channel")
        self._member(channel, author)
        message_id = channel.next_message_id()
        payload = {
            "message_id": message_id,
            "sender_chat": channel.chat_json(),
            "chat": channel.chat_json(),
            "date": int(time.time()),
            **content,
        }
        channel.messages[message_id] = StoredMessage(payload, from_bot=False)
        if channel.bot_is_in:
            self.push_update("channel_post", payload)
        return message_id

    def edit_user_message(
        self, chat: Chat, message_id: int, content: dict[str, Any], editor: Person | None = None
    ) -> int | None:
        """The sender changes the text of a message; the bot gets an edited_message (an
        edited_channel_post in a channel) if it saw the message in the first place."""
        editor = self._member(chat, editor)
        stored = chat.messages.get(message_id)
        if stored is None or stored.from_bot:
            raise AssertionError(f"no message #{message_id} of a person in chat {chat.id}")
        if chat.kind != "channel" and stored.payload["from"]["id"] != editor.id:
            raise AssertionError(f"message #{message_id} was not written by {editor.id}")
        kept = {k: v for k, v in stored.payload.items() if k not in ("text", "entities")}
        payload = {**kept, **content, "edit_date": int(time.time())}
        chat.messages[message_id] = StoredMessage(payload, from_bot=False)
        if not self._bot_sees(chat, payload):
            return None
        return self.push_update(
            "edited_channel_post" if chat.kind == "channel" else "edited_message", payload
        )

    def press(self, chat: Chat, message_id: int, data: str, presser: Person | None = None) -> str:
        presser = self._member(chat, presser)
        stored = chat.messages.get(message_id)
        if stored is None or not stored.from_bot:
            raise AssertionError(f"no bot message #{message_id} in chat {chat.id} to press on")
        query_id = str(secrets.randbits(63))
        self._queries[query_id] = _PendingQuery(chat)
        self.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": presser.user_json(),
                "message": stored.payload,
                "chat_instance": str(chat.id * 7919 + 104729),
                "data": data,
            },
        )
        return query_id

    def set_bot_status(self, chat: Chat, status: BotStatus, by: Person) -> None:
        """A member adds the bot (as a member or an administrator) or removes it: the bot
        gets a my_chat_member update, and a group a service message about it as well."""
        if chat.person is not None:
            raise AssertionError("a private chat has no members to add or remove")
        self._member(chat, by)
        if status in ("member", "administrator") and not self.settings.allow_groups:
            raise AssertionError("Allow Groups is off in @BotFather: Telegram offers no way")
        if chat.kind == "channel" and status == "member":
            raise AssertionError("a bot can join a channel only as an administrator")
        was_in = chat.bot_is_in
        self._bot_status_changes(chat, status, by.user_json())
        if chat.kind == "channel" or was_in == chat.bot_is_in:
            return
        bot = self._bot_json()
        service = {"new_chat_members": [bot]} if chat.bot_is_in else {"left_chat_member": bot}
        self.user_message(chat, service, by)

    def inline_query(self, person: Person, query: str) -> str:
        """The person types "@bot query" in any chat: only the bot hears it, not the chat."""
        if not self.settings.inline_mode:
            raise AssertionError("inline mode is off in @BotFather: Telegram sends no queries")
        query_id = str(secrets.randbits(63))
        self.push_update(
            "inline_query",
            {
                "id": query_id,
                "from": person.user_json(),
                "query": query,
                "offset": "",
                "chat_type": "sender",
            },
        )
        return query_id

    def inline_press(self, person: Person, data: str) -> str:
        """A press on a button of a message sent through the bot in inline mode: it sits in
        some chat of the person's the bot is not part of, so the query carries no chat."""
        if not self.settings.inline_mode:
            raise AssertionError("inline mode is off in @BotFather: no inline messages exist")
        query_id = str(secrets.randbits(63))
        # The answer (a toast) is shown to the person; the sandbox files it with their chat.
        self._queries[query_id] = _PendingQuery(self.chats[person.id])
        self.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": person.user_json(),
                "inline_message_id": secrets.token_urlsafe(18),
                "chat_instance": str(person.id * 7919 + 1),
                "data": data,
            },
        )
        return query_id

    def connect_business(self, owner: Person) -> BusinessConnection:
        if not self.settings.business_mode:
            raise AssertionError("Business Mode is off in @BotFather: it cannot be connected")
        connection = BusinessConnection(secrets.token_urlsafe(12), owner)
        self.business[connection.id] = connection
        self.push_update("business_connection", connection.to_json())
        return connection

    def business_message(
        self,
        connection: BusinessConnection,
        customer: Person,
        content: dict[str, Any],
        *,
        from_owner: bool,
        edit: int | None = None,
    ) -> int:
        """A message in the owner's private chat with a customer (new, or an edit of message
        `edit`): the bot reads it through the connection."""
        chat = connection.chat_with(customer)
        if edit is None:
            message_id = chat.next_message_id()
            kept: dict[str, Any] = {}
        else:
            stored = chat.messages.get(edit)
            if stored is None or stored.from_bot:
                raise AssertionError(f"no message #{edit} of a person in that business chat")
            message_id = edit
            kept = {k: v for k, v in stored.payload.items() if k not in ("text", "entities")}
            kept["edit_date"] = int(time.time())
        payload = {
            "business_connection_id": connection.id,
            "message_id": message_id,
            "from": (connection.owner if from_owner else customer).user_json(),
            "chat": customer.chat_json(),
            "date": int(time.time()),
            **kept,
            **content,
        }
        chat.messages[message_id] = StoredMessage(payload, from_bot=False)
        self.push_update("business_message" if edit is None else "edited_business_message", payload)
        return message_id

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

    def bot_leaves(self, chat: Chat) -> None:
        """leaveChat: the bot is out, and hears of it like of any change of its membership."""
        if chat.person is not None:
            raise bad_request("method is not available for private chats")
        self.check_bot_may_write(chat, sending=False)
        self._bot_status_changes(chat, "left", self._bot_json())

    def business_chat(self, connection_id: str | None, chat_id: int | None) -> Chat:
        """The customer chat a send with business_connection_id goes to."""
        connection = self.business.get(connection_id or "")
        if connection is None or not connection.enabled:
            raise bad_request("BUSINESS_CONNECTION_INVALID")
        chat = connection.chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

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

    # Helpers

    def _member(self, chat: Chat, person: Person | None) -> Person:
        if person is None:
            if chat.person is None:
                raise AssertionError(f"say who acts in {chat.kind} chat {chat.id}")
            return chat.person
        if person.id not in chat.members:
            raise AssertionError(f"{person.first_name} is not a member of chat {chat.id}")
        return person

    def _bot_status_changes(self, chat: Chat, status: BotStatus, by: dict[str, Any]) -> None:
        bot = self._bot_json()
        old, chat.bot_status = chat.bot_status, status
        self.push_update(
            "my_chat_member",
            {
                "chat": chat.chat_json(),
                "from": by,
                "date": int(time.time()),
                "old_chat_member": _member_json(bot, old, chat.kind),
                "new_chat_member": _member_json(bot, status, chat.kind),
            },
        )

    def _bot_json(self) -> dict[str, Any]:
        if self.bot_id is None:
            raise AssertionError("no bot has called the sandbox yet: nobody to add")
        return bot_user(self.bot_id)

    def _bot_sees(self, chat: Chat, payload: dict[str, Any]) -> bool:
        """Whether Telegram hands this message to the bot.

        In a private chat, always. In a group the bot must be a member; with privacy mode on
        (the default) and no admin rights it gets only commands for it, replies to its own
        messages and service messages. A channel's posts reach it only as an admin.
        """
        if chat.person is not None:
            return True
        if not chat.bot_is_in:
            return False
        if chat.bot_status == "administrator" or not self.settings.group_privacy:
            return True
        if chat.kind == "channel":
            return False
        if any(key in payload for key in _SERVICE):
            return True
        reply = payload.get("reply_to_message") or {}
        if reply.get("from", {}).get("id") == self.bot_id:
            return True
        return _command_for(payload, BOT_USERNAME)


@dataclass
class BotSettings:
    """What the bot's owner switched on or off in @BotFather; getMe tells the bot."""

    allow_groups: bool = True
    group_privacy: bool = True
    inline_mode: bool = False
    business_mode: bool = False


# Service messages: every group member sees them, the bot too, privacy mode or not.
_SERVICE = ("new_chat_members", "left_chat_member", "new_chat_title", "group_chat_created")


def _command_for(payload: dict[str, Any], username: str) -> bool:
    """A message that starts with "/command" or "/command@this_bot"."""
    text = str(payload.get("text", ""))
    entities = payload.get("entities") or []
    if not entities or entities[0].get("type") != "bot_command" or entities[0].get("offset"):
        return False
    command = text[: entities[0]["length"]]
    return "@" not in command or command.split("@", 1)[1].lower() == username.lower()


def _member_json(bot: dict[str, Any], status: BotStatus, kind: ChatKind) -> dict[str, Any]:
    member: dict[str, Any] = {"status": status, "user": bot}
    if status == "kicked":
        member["until_date"] = 0
    if status == "administrator":
        rights = (
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
        )
        member.update(dict.fromkeys(rights, True))
        member.update(can_be_edited=False, is_anonymous=False, can_promote_members=False)
        if kind == "channel":
            member.update(can_post_messages=True, can_edit_messages=True)
        else:
            member.update(can_pin_messages=True)
    return member


def _sender(update: dict[str, Any]) -> int | None:
    for key, payload in update.items():
        if key != "update_id" and isinstance(payload, dict):
            sender = payload.get("from") or payload.get("chat") or {}
            return int(sender["id"]) if "id" in sender else None
    return None
