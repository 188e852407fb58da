"""python-telegram-bot persistence in the bot's own SQLite database.

Conversation states, user_data, chat_data and bot_data are stored as JSON, one row per
user, chat or conversation key, and every write is committed at once. So the values put in
them must be JSON-shaped: str keys, lists rather than tuples, no datetimes or objects. That
is checked on every write and refused with a `StorageError` naming what was refused, rather
than silently coming back different after a restart. Callback data is not stored.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.storage.db import Database, execute, fetch_all, fetch_one
from bot.storage.errors import StorageError

# The shapes PTB uses (telegram.ext._utils.types is private, so they are spelled out here).
ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]
CallbackData = tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]
Data = dict[Any, Any]

GET_USER_DATA = "SELECT owner_id, data FROM ptb_user_data"
UPSERT_USER_DATA = """
INSERT INTO ptb_user_data (owner_id, data) VALUES (:id, :data)
ON CONFLICT (owner_id) DO UPDATE SET data = excluded.data
"""
DELETE_USER_DATA = "DELETE FROM ptb_user_data WHERE owner_id = :id"

GET_CHAT_DATA = "SELECT chat_id, data FROM ptb_chat_data"
UPSERT_CHAT_DATA = """
INSERT INTO ptb_chat_data (chat_id, data) VALUES (:id, :data)
ON CONFLICT (chat_id) DO UPDATE SET data = excluded.data
"""
DELETE_CHAT_DATA = "DELETE FROM ptb_chat_data WHERE chat_id = :id"

GET_BOT_DATA = "SELECT data FROM ptb_bot_data WHERE id = 1"
UPSERT_BOT_DATA = """
INSERT INTO ptb_bot_data (id, data) VALUES (1, :data)
ON CONFLICT (id) DO UPDATE SET data = excluded.data
"""

GET_CONVERSATIONS = "SELECT key, state FROM ptb_conversations WHERE name = :name"
UPSERT_CONVERSATION = """
INSERT INTO ptb_conversations (name, key, state) VALUES (:name, :key, :state)
ON CONFLICT (name, key) DO UPDATE SET state = excluded.state
"""
DELETE_CONVERSATION = "DELETE FROM ptb_conversations WHERE name = :name AND key = :key"


def to_json(value: object, what: str) -> str:
    """JSON text that loads back equal to `value`, or a StorageError saying why not."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise StorageError(f"{what} cannot be stored as JSON: {exc}") from exc
    if json.loads(text) != value:
        # json.dumps turns tuples into lists and int keys into str without complaint; the
        # handler reading them after a restart would then miss its keys.
        raise StorageError(
            f"{what} would not survive a restart unchanged: use str keys and lists, not "
            "tuples or int keys"
        )
    return text


class SqlitePersistence(BasePersistence[Data, Data, Data]):
    """BasePersistence over the bot's `Database`.

    PTB calls the get_* methods from `Application.initialize()`, before post_init, so every
    method opens the database first (opening is idempotent).
    """

    def __init__(self, db: Database, update_interval: float = 60) -> None:
        super().__init__(
            # Only conversations and user_data (drafts) carry state: writing empty chat_data and
            # bot_data after every update costs a transaction each for nothing.
            store_data=PersistenceInput(chat_data=False, bot_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self._db = db
        # bot_data is written on every update_persistence run, changed or not.
        self._stored_bot_data: str | None = None

    async def get_user_data(self) -> dict[int, Data]:
        await self._db.open()
        rows = await fetch_all(self._db.conn, GET_USER_DATA)
        return {int(row["owner_id"]): json.loads(row["data"]) for row in rows}

    async def get_chat_data(self) -> dict[int, Data]:
        await self._db.open()
        rows = await fetch_all(self._db.conn, GET_CHAT_DATA)
        return {int(row["chat_id"]): json.loads(row["data"]) for row in rows}

    async def get_bot_data(self) -> Data:
        await self._db.open()
        row = await fetch_one(self._db.conn, GET_BOT_DATA)
        if row is None:
            return {}
        self._stored_bot_data = row["data"]
        data: Data = json.loads(row["data"])
        return data

    async def get_callback_data(self) -> CallbackData | None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        await self._db.open()
        rows = await fetch_all(self._db.conn, GET_CONVERSATIONS, {"name": name})
        return {tuple(json.loads(row["key"])): json.loads(row["state"]) for row in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        await self._db.open()
        params = {"name": name, "key": to_json(list(key), f"conversation {name!r} key")}
        async with self._db.transaction() as conn:
            if new_state is None:
                await execute(conn, DELETE_CONVERSATION, params)
            else:
                state = to_json(new_state, f"conversation {name!r} state")
                await execute(conn, UPSERT_CONVERSATION, {**params, "state": state})

    async def update_user_data(self, user_id: int, data: Data) -> None:
        await self._store(UPSERT_USER_DATA, DELETE_USER_DATA, user_id, data, "user_data")

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        await self._store(UPSERT_CHAT_DATA, DELETE_CHAT_DATA, chat_id, data, "chat_data")

    async def update_bot_data(self, data: Data) -> None:
        text = to_json(data, "bot_data")
        if text == self._stored_bot_data:
            return
        await self._db.open()
        async with self._db.transaction() as conn:
            await execute(conn, UPSERT_BOT_DATA, {"data": text})
        self._stored_bot_data = text

    async def update_callback_data(self, data: CallbackData) -> None:
        """Not stored: see store_data."""

    async def drop_user_data(self, user_id: int) -> None:
        await self._delete(DELETE_USER_DATA, user_id)

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._delete(DELETE_CHAT_DATA, chat_id)

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """Nothing else writes these tables, so the in-memory copy is always current."""

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        """Nothing else writes these tables, so the in-memory copy is always current."""

    async def refresh_bot_data(self, bot_data: Data) -> None:
        """Nothing else writes these tables, so the in-memory copy is always current."""

    async def flush(self) -> None:
        """Every write was committed when it was made, so there is nothing left to save.

        The database stays open: it belongs to the application, which closes it.
        """

    async def _store(self, upsert: str, delete: str, id_: int, data: Data, what: str) -> None:
        text = to_json(data, f"{what} of {id_}")
        await self._db.open()
        async with self._db.transaction() as conn:
            # PTB hands over an empty dict for everyone who sent an update; a missing row
            # loads back as the same empty dict, so do not keep a row for it.
            if data:
                await execute(conn, upsert, {"id": id_, "data": text})
            else:
                await execute(conn, delete, {"id": id_})

    async def _delete(self, delete: str, id_: int) -> None:
        await self._db.open()
        async with self._db.transaction() as conn:
            await execute(conn, delete, {"id": id_})
