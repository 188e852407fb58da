"""SqlitePersistence: PTB's state survives a restart, directly and through a real Application."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.ptb.persistence import SqlitePersistence
from bot.storage.db import Database, fetch_all
from bot.storage.errors import StorageError


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "bot.db"


@pytest.fixture
async def db(path: Path) -> AsyncIterator[Database]:
    database = Database(path)  # deliberately not opened: PTB calls get_* before post_init
    yield database
    await database.close()


async def restarted(path: Path) -> tuple[Database, SqlitePersistence]:
    database = Database(path)
    return database, SqlitePersistence(database)


async def test_everything_survives_a_restart(db: Database, path: Path) -> None:
    before = SqlitePersistence(db)
    await before.update_conversation("prep", (1, 1), "STATE")
    await before.update_conversation("prep", (2, 2), 3)
    await before.update_conversation("debrief", (1, 1), "ASK_COMMON_GROUND")
    await before.update_user_data(1, {"name": "Ölaf", "draft": {"goals": ["advice"]}})
    await before.flush()  # PTB's stop() ends with it
    await db.close()

    database, after = await restarted(path)
    try:
        assert await after.get_conversations("prep") == {(1, 1): "STATE", (2, 2): 3}
        assert await after.get_conversations("debrief") == {(1, 1): "ASK_COMMON_GROUND"}
        assert await after.get_conversations("never-used") == {}
        assert await after.get_user_data() == {1: {"name": "Ölaf", "draft": {"goals": ["advice"]}}}
    finally:
        await database.close()


async def test_a_none_state_ends_the_conversation(db: Database, path: Path) -> None:
    persistence = SqlitePersistence(db)
    await persistence.update_conversation("prep", (1, 1), "STATE")
    await persistence.update_conversation("prep", (2, 2), "OTHER")
    await persistence.update_conversation("prep", (1, 1), None)
    await persistence.flush()
    await db.close()

    database, after = await restarted(path)
    try:
        assert await after.get_conversations("prep") == {(2, 2): "OTHER"}
    finally:
        await database.close()


async def test_a_state_can_change(db: Database) -> None:
    persistence = SqlitePersistence(db)
    await persistence.update_conversation("prep", (1, 1), "FIRST")
    await persistence.flush()
    await persistence.update_conversation("prep", (1, 1), "SECOND")
    await persistence.flush()
    assert await persistence.get_conversations("prep") == {(1, 1): "SECOND"}


async def test_nothing_is_written_until_flushed_or_saved(
    db: Database,
) -> None:
    persistence = SqlitePersistence(db)
    await persistence.update_user_data(1, {"draft": "first"})
    await persistence.update_user_data(1, {"draft": "second"})
    await persistence.update_conversation("prep", (1, 1), "STATE")
    assert await persistence.get_user_data() == {}
    await persistence.save()
    assert await persistence.get_user_data() == {1: {"draft": "second"}}
    assert await persistence.get_conversations("prep") == {(1, 1): "STATE"}


async def test_saving_for_one_user_leaves_the_others_state_for_later(db: Database) -> None:
    # The bot saves after each update; another user's update may still be half-way through.
    persistence = SqlitePersistence(db)
    await persistence.update_user_data(1, {"draft": "done"})
    await persistence.update_conversation("conversation", (1, 1), "ASK")
    await persistence.update_user_data(2, {"draft": "half-way"})
    await persistence.update_conversation("conversation", (2, 2), "ASK")
    await persistence.save(1)
    assert await persistence.get_user_data() == {1: {"draft": "done"}}
    assert await persistence.get_conversations("conversation") == {(1, 1): "ASK"}
    await persistence.update_user_data(2, {"draft": "finished"})
    await persistence.save(2)
    assert await persistence.get_user_data() == {1: {"draft": "done"}, 2: {"draft": "finished"}}
    assert await persistence.get_conversations("conversation") == {(1, 1): "ASK", (2, 2): "ASK"}


async def test_a_rolled_back_write_is_kept_for_the_next_one(db: Database) -> None:
    persistence = SqlitePersistence(db)
    await persistence.update_user_data(1, {"draft": "kept"})
    await db.open()
    with pytest.raises(sqlite3.Error):
        await persistence.save(also=("INSERT INTO no_such_table VALUES (1)", {}))
    assert await persistence.get_user_data() == {}
    await persistence.flush()
    assert await persistence.get_user_data() == {1: {"draft": "kept"}}


async def test_get_methods_open_the_database_themselves(db: Database) -> None:
    persistence = SqlitePersistence(db)
    assert not db.is_open
    assert await persistence.get_user_data() == {}
    assert db.is_open
    assert await persistence.get_chat_data() == {}
    assert await persistence.get_bot_data() == {}
    assert await persistence.get_callback_data() is None


async def test_only_user_data_and_conversations_are_stored(db: Database) -> None:
    # The bot keeps its drafts in user_data; nothing uses the other kinds.
    store = SqlitePersistence(db).store_data
    assert store.user_data is True
    assert (store.chat_data, store.bot_data, store.callback_data) == (False, False, False)


async def test_drop_deletes(db: Database) -> None:
    persistence = SqlitePersistence(db)
    await persistence.update_user_data(1, {"a": 1})
    await persistence.update_user_data(2, {"b": 2})
    await persistence.drop_user_data(1)
    await persistence.flush()
    assert await persistence.get_user_data() == {2: {"b": 2}}


async def test_emptied_user_data_leaves_no_row(db: Database) -> None:
    persistence = SqlitePersistence(db)
    await persistence.update_user_data(1, {"a": 1})
    await persistence.update_user_data(1, {})
    await persistence.flush()
    assert await persistence.get_user_data() == {}
    assert await fetch_all(db.conn, "SELECT * FROM ptb_user_data") == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"when": datetime(2030, 1, 1, tzinfo=UTC)}, "cannot be stored as JSON"),
        ({"pair": (1, 2)}, "would not survive a restart"),
        ({5: "int key"}, "would not survive a restart"),
        ({"x": float("nan")}, "cannot be stored as JSON"),
    ],
)
async def test_data_that_would_come_back_different_is_refused(
    db: Database, data: dict[Any, Any], reason: str
) -> None:
    persistence = SqlitePersistence(db)
    await persistence.update_user_data(1, {"kept": True})
    with pytest.raises(StorageError, match=reason):
        await persistence.update_user_data(1, data)
    await persistence.flush()
    assert await persistence.get_user_data() == {1: {"kept": True}}


# -- through a real Application, offline --------------------------------------------------------

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "Common Ground", "username": "cg_bot"}


class OfflineRequest(BaseRequest):
    """Answers getMe locally (Application.initialize asks it); any other call is a test bug."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: object = None,
        read_timeout: object = None,
        write_timeout: object = None,
        connect_timeout: object = None,
        pool_timeout: object = None,
    ) -> tuple[int, bytes]:
        if url.endswith("/getMe"):
            return 200, json.dumps({"ok": True, "result": BOT_USER}).encode()
        raise AssertionError(f"unexpected Bot API call: {url}")


ASK_NAME = "ASK_NAME"


def build(
    database: Database, seen: list[tuple[str, dict[Any, Any]]]
) -> Application[Any, Any, Any, Any, Any, Any]:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
        assert context.user_data is not None
        context.user_data["started"] = True
        return ASK_NAME

    async def name(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        assert update.message is not None and update.message.text is not None
        assert context.user_data is not None
        seen.append((update.message.text, dict(context.user_data)))
        context.user_data["name"] = update.message.text
        return ConversationHandler.END

    app = (
        ApplicationBuilder()
        .token("4242:offline")
        .request(OfflineRequest())
        .get_updates_request(OfflineRequest())
        .persistence(SqlitePersistence(database))
        .build()
    )
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("start", start)],
            states={ASK_NAME: [MessageHandler(filters.TEXT & ~filters.COMMAND, name)]},
            fallbacks=[],
            name="onboarding",
            persistent=True,
        )
    )
    return app


def message(app: Application[Any, Any, Any, Any, Any, Any], update_id: int, text: str) -> Update:
    user = {"id": 7, "is_bot": False, "first_name": "Ölaf"}
    payload: dict[str, Any] = {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_900_000_000,
            "chat": {"id": 7, "type": "private"},
            "from": user,
            "text": text,
        },
    }
    if text.startswith("/"):
        payload["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    update = Update.de_json(payload, app.bot)
    assert update is not None
    return update


async def test_a_conversation_resumes_after_a_restart(path: Path) -> None:
    seen: list[tuple[str, dict[Any, Any]]] = []

    first_db = Database(path)
    first = build(first_db, seen)
    await first.initialize()
    await first.process_update(message(first, 1, "/start"))
    await first.shutdown()  # updates and flushes the persistence, as on a normal stop
    await first_db.close()

    second_db = Database(path)
    second = build(second_db, seen)
    await second.initialize()
    try:
        # The second process never saw /start: only the stored state routes this to `name`.
        await second.process_update(message(second, 2, "Ölaf <b>&</b>"))
        await second.update_persistence()
        persistence = second.persistence
        assert isinstance(persistence, SqlitePersistence)
        await persistence.flush()
        assert seen == [("Ölaf <b>&</b>", {"started": True})]
        assert await persistence.get_conversations("onboarding") == {}, "END deletes the state"
        assert await persistence.get_user_data() == {7: {"started": True, "name": "Ölaf <b>&</b>"}}
    finally:
        await second.shutdown()
        await second_db.close()


async def test_a_value_changed_and_changed_back_before_saving_ends_as_the_last_one(
    db: Database,
) -> None:
    # Unchanged values are not written again; one changed and changed back must still be.
    persistence = SqlitePersistence(db)
    await persistence.update_user_data(1, {"draft": "A"})
    await persistence.flush()
    await persistence.update_user_data(1, {"draft": "B"})
    await persistence.update_user_data(1, {"draft": "A"})
    await persistence.flush()
    assert await persistence.get_user_data() == {1: {"draft": "A"}}
    await persistence.update_user_data(1, {"draft": "B"})
    await persistence.flush()
    await persistence.update_user_data(1, {"draft": "A"})
    await persistence.flush()
    assert await SqlitePersistence(db).get_user_data() == {1: {"draft": "A"}}


async def test_flushing_with_nothing_staged_leaves_a_closed_database_closed(db: Database) -> None:
    # PTB flushes on every stop; the application may have closed the database already.
    await SqlitePersistence(db).flush()
    assert not db.is_open
