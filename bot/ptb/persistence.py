"""python-telegram-bot persistence in the bot's own SQLite database.

Conversation states and user_data (drafts) are stored as JSON, one row per user or
conversation key; nothing uses chat_data, bot_data or callback data, so they are not
stored. So the values put in them must be JSON-shaped: str keys, lists rather than tuples,
no datetimes or objects. That is checked when PTB hands a value over and refused with a
`StorageError` naming what was refused, rather than silently coming back different after a
restart.

PTB hands values over in `update_*` calls; they are staged, and written in one transaction by
`save()`, which may add a statement of the caller's (the bot adds the update's inbox mark:
one transaction per update instead of one per value), or by `flush()`, which PTB calls on
stop.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.storage.db import Database, Statement, fetch_all
from bot.storage.errors import StorageError

# The shapes PTB uses (telegram.ext._utils.types is private, so they are spelled out here).
ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]
CallbackData = tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]
Data = dict[Any, Any]
Row = tuple[str, str]
"""What a staged write is to: its kind and key."""
Write = tuple[int | None, str, dict[str, Any], str | None]
"""Whose it is (a user id, or None: anyone's), a statement, its parameters, and what the row
holds after it (None: no row)."""

GET_USER_DATA = "SELECT owner_id, data FROM ptb_user_data"
UPSERT_USER_DATA = """
INSERT INTO ptb_user_data (owner_id, data) VALUES (:id, :data)
ON CONFLICT (owner_id) DO UPDATE SET data = excluded.data
"""
DELETE_USER_DATA = "DELETE FROM ptb_user_data WHERE owner_id = :id"

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
            store_data=PersistenceInput(chat_data=False, bot_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self._db = db
        # Keyed by the row written, so a later value replaces an earlier one not yet written.
        self._staged: dict[Row, Write] = {}
        # What each row known to be in the database holds (None: no row). PTB hands values
        # over after every update, mostly unchanged: those need no write.
        self._stored: dict[Row, str | None] = {}

    async def get_user_data(self) -> dict[int, Data]:
        await self._db.open()
        rows = await fetch_all(self._db.conn, GET_USER_DATA)
        for row in rows:
            self._stored[("user_data", str(row["owner_id"]))] = row["data"]
        return {int(row["owner_id"]): json.loads(row["data"]) for row in rows}

    async def get_chat_data(self) -> dict[int, Data]:
        return {}

    async def get_bot_data(self) -> Data:
        return {}

    async def get_callback_data(self) -> CallbackData | None:
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        await self._db.open()
        rows = await fetch_all(self._db.conn, GET_CONVERSATIONS, {"name": name})
        for row in rows:
            self._stored[("conversation", f"{name}/{row['key']}")] = row["state"]
        return {tuple(json.loads(row["key"])): json.loads(row["state"]) for row in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        params = {"name": name, "key": to_json(list(key), f"conversation {name!r} key")}
        row = ("conversation", f"{name}/{params['key']}")
        # Keyed per chat and user, so the user is the last part.
        owner = key[-1] if key and isinstance(key[-1], int) else None
        if new_state is None:
            self._stage(row, (owner, DELETE_CONVERSATION, params, None))
        else:
            state = to_json(new_state, f"conversation {name!r} state")
            self._stage(row, (owner, UPSERT_CONVERSATION, {**params, "state": state}, state))

    async def update_user_data(self, user_id: int, data: Data) -> None:
        self._stage_user_data(user_id, data)

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        """Not stored: see store_data."""

    async def update_bot_data(self, data: Data) -> None:
        """Not stored: see store_data."""

    async def update_callback_data(self, data: CallbackData) -> None:
        """Not stored: see store_data."""

    async def drop_user_data(self, user_id: int) -> None:
        row = ("user_data", str(user_id))
        self._stage(row, (user_id, DELETE_USER_DATA, {"id": user_id}, None))

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not stored: see store_data."""

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """Nothing else writes these tables, so the in-memory copy is always current."""

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        """Not stored: see store_data."""

    async def refresh_bot_data(self, bot_data: Data) -> None:
        """Not stored: see store_data."""

    async def save(self, owner: int | None = None, *, also: Statement | None = None) -> None:
        """Write what is staged, and `also` a statement of the caller's, in one transaction.

        With an `owner`, only that user's state (and nobody's in particular) is written: the
        rest belongs to updates still being handled, which write it when they are done.
        """
        staged = {
            row: write
            for row, write in self._staged.items()
            if owner is None or write[0] in (None, owner)
        }
        if not staged and also is None:
            return
        self._staged = {row: write for row, write in self._staged.items() if row not in staged}
        try:
            await self._db.open()
            statements = [(sql, params) for _, sql, params, _ in staged.values()]
            if also is not None:
                statements.append(also)
            if len(statements) == 1:
                await self._db.write(*statements[0])  # alone it is atomic, without BEGIN
            else:
                await self._db.write_all(statements)
        except BaseException:
            # Rolled back: keep them for the next try, unless newer values came meanwhile.
            self._staged = {**staged, **self._staged}
            raise
        self._stored.update((row, write[3]) for row, write in staged.items())

    async def flush(self) -> None:
        """Write what is staged. The database stays open: the application closes it."""
        await self.save()

    def _stage(self, row: Row, write: Write) -> None:
        if row not in self._staged and row in self._stored and self._stored[row] == write[3]:
            return  # the database holds this already
        self._staged[row] = write

    def _stage_user_data(self, user_id: int, data: Data) -> None:
        text = to_json(data, f"user_data of {user_id}")
        row = ("user_data", str(user_id))
        # PTB hands over an empty dict for everyone who sent an update; a missing row loads
        # back as the same empty dict, so do not keep a row for it.
        if data:
            self._stage(row, (user_id, UPSERT_USER_DATA, {"id": user_id, "data": text}, text))
        else:
            self._stage(row, (user_id, DELETE_USER_DATA, {"id": user_id}, None))
