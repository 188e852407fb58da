"""The durable inbox: an update is stored before Telegram is told it arrived."""

import json
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot, Chat, Message, Update, User

from bot.ptb.inbox import DurableUpdateQueue
from bot.storage import inbox
from bot.storage.db import Database

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
BOT = Bot("123456:" + "a" * 30)


def text_update(update_id: int, text: str, user_id: int = 7) -> Update:
    user = User(user_id, "Ada", is_bot=False)
    message = Message(update_id, NOW, Chat(user_id, Chat.PRIVATE), from_user=user, text=text)
    return Update(update_id, message=message)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "db.sqlite3", clock=lambda: NOW)
    yield database
    await database.close()


async def test_a_fetched_batch_reaches_the_handlers_only_once_stored(db: Database) -> None:
    queue = DurableUpdateQueue(db)
    await queue.put(text_update(1, "Ølaf <b>&</b> 😀"))
    await queue.put(text_update(2, "second"))
    # Telegram has not been told yet (that is the next getUpdates), so nothing is stored
    # and nothing may be handled.
    assert queue.qsize() == 0
    await db.open()
    assert await inbox.pending(db) == []
    await queue.store_fetched()  # what UpdatesRequest does before the next getUpdates
    assert [update_id for update_id, _ in await inbox.pending(db)] == [1, 2]
    assert [(await queue.get()).update_id for _ in range(2)] == [1, 2]  # type: ignore[attr-defined]


async def test_a_stored_update_survives_a_restart(db: Database) -> None:
    queue = DurableUpdateQueue(db)
    await queue.put(text_update(1, "Ølaf <b>&</b> 😀"))
    await queue.store_fetched()
    # The process dies here, before handling it. A new queue on the same database:
    restarted = DurableUpdateQueue(db)
    assert await restarted.restore(BOT) == 1
    update = await restarted.get()
    assert isinstance(update, Update) and update.message is not None
    assert (update.update_id, update.message.text) == (1, "Ølaf <b>&</b> 😀")
    assert update.message.from_user is not None and update.message.from_user.id == 7


async def test_the_update_is_stored_as_telegram_wrote_it(db: Database) -> None:
    queue = DurableUpdateQueue(db)
    update = text_update(3, "hello")
    as_sent = {**update.to_dict(), "field_from_a_newer_api": {"kept": True}}
    queue.received(json.dumps({"ok": True, "result": [as_sent]}).encode())
    await queue.put(update)
    await queue.store_fetched()
    [(_, payload)] = await inbox.pending(db)
    assert json.loads(payload) == as_sent


async def done(db: Database, update_id: int) -> None:
    await db.write(*inbox.mark_done(update_id, NOW))


async def test_telegram_sending_it_again_does_not_queue_it_twice(db: Database) -> None:
    queue = DurableUpdateQueue(db)
    await queue.put(text_update(5, "answer"))
    await queue.store_fetched()
    await queue.put(text_update(5, "answer"))  # pending: queued already
    await queue.store_fetched()
    assert queue.qsize() == 1
    await done(db, 5)
    await queue.put(text_update(5, "answer"))  # handled already: still not again
    await queue.store_fetched()
    assert queue.qsize() == 1


async def test_a_batch_that_could_not_be_stored_is_tried_again(db: Database) -> None:
    queue = DurableUpdateQueue(db)
    await queue.put(text_update(6, "answer"))
    await db.open()
    refuse = (
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON inbox BEGIN SELECT RAISE(ABORT, 'full'); END"
    )
    await db.conn.execute(refuse)  # any storage failure: a full disk, say
    with pytest.raises(sqlite3.Error, match="full"):
        await queue.store_fetched()
    assert queue.qsize() == 0
    await db.conn.execute("DROP TRIGGER refuse")
    await queue.store_fetched()
    assert queue.qsize() == 1


async def test_handled_updates_are_not_restored_and_are_pruned_after_a_day(db: Database) -> None:
    queue = DurableUpdateQueue(db)
    await queue.put(text_update(1, "a"))
    await queue.put(text_update(2, "b"))
    await queue.store_fetched()
    await done(db, 1)
    assert [update_id for update_id, _ in await inbox.pending(db)] == [2]
    assert await inbox.prune(db, NOW + timedelta(hours=23)) == 0
    assert await inbox.prune(db, NOW + timedelta(days=1, minutes=1)) == 1


async def test_objects_that_are_not_updates_pass_straight_through(db: Database) -> None:
    queue = DurableUpdateQueue(db)
    signal = object()  # PTB's stop signal travels on the same queue
    await queue.put(signal)
    assert await queue.get() is signal
    await db.open()
    assert await inbox.pending(db) == []


def answer(*items: dict[str, Any]) -> bytes:
    return json.dumps({"ok": True, "result": list(items)}).encode()


async def test_an_update_ptb_cannot_read_is_set_aside_and_the_rest_of_the_batch_kept(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    queue = DurableUpdateQueue(db)
    first, last = text_update(1, "first").to_dict(), text_update(3, "last").to_dict()
    unreadable = {**text_update(2, "middle").to_dict()}
    unreadable["message"] = {**unreadable["message"], "from": 7}  # a number, not a user

    given = json.loads(queue.received(answer(first, unreadable, last)))

    # PTB reads all three (and so confirms all three); the middle one as a bare id.
    assert [Update.de_json(item, BOT).update_id for item in given["result"]] == [1, 2, 3]
    assert given["result"][1] == {"update_id": 2}
    assert [record.getMessage()[:25] for record in caplog.records] == ["update 2 set aside: it ca"]
    # It goes through the inbox as Telegram wrote it, so it can be looked at there.
    for item in given["result"]:
        await queue.put(Update.de_json(item, BOT))
    await queue.store_fetched()
    payloads = dict(await inbox.pending(db))
    assert json.loads(payloads[2]) == unreadable


async def test_an_update_without_an_id_is_left_out_with_one_line(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    queue = DurableUpdateQueue(db)
    given = json.loads(queue.received(answer({"message": {}}, text_update(5, "x").to_dict())))
    assert [item["update_id"] for item in given["result"]] == [5]
    assert len(caplog.records) == 1 and "without an update id" in caplog.records[0].getMessage()


async def test_a_readable_answer_reaches_ptb_untouched(db: Database) -> None:
    queue = DurableUpdateQueue(db)
    payload = answer(text_update(1, "first").to_dict())
    assert queue.received(payload) is payload
    error = b'{"ok":false,"error_code":502,"description":"Bad Gateway"}'
    assert queue.received(error) is error


async def test_an_unreadable_update_left_from_the_last_run_is_restored_as_a_bare_id(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    queue = DurableUpdateQueue(db)
    unreadable = {"update_id": 4, "message": {"message_id": 1, "date": "today", "chat": 7}}
    queue.received(answer(unreadable))
    await queue.put(Update(4))
    await queue.store_fetched()
    caplog.clear()
    # The process died before handling it.
    restarted = DurableUpdateQueue(db)
    assert await restarted.restore(BOT) == 1
    update = await restarted.get()
    assert isinstance(update, Update) and (update.update_id, update.message) == (4, None)
    assert len(caplog.records) == 1 and "update 4 set aside" in caplog.records[0].getMessage()
