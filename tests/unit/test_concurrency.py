"""PerUserUpdateProcessor fed the way PTB feeds it: a task per update, in order. Handlers
are held on events, never on the clock; the time-outs only guard against hanging."""

import asyncio
from collections.abc import Awaitable
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.ptb.concurrency import PerUserUpdateProcessor

GUARD = 10.0


def update(update_id: int, user_id: int) -> Update:
    user = User(user_id, "U", is_bot=False)
    chat = Chat(user_id, Chat.PRIVATE)
    message = Message(update_id, datetime(2026, 1, 1, tzinfo=UTC), chat, from_user=user, text="x")
    return Update(update_id, message=message)


class Handling:
    """Handlers that record when they start and finish, each held until its event is set."""

    def __init__(self) -> None:
        self.started: list[int] = []
        self.finished: list[int] = []
        self.release: dict[int, asyncio.Event] = {}
        self.changed = asyncio.Condition()

    async def handle(self, item: Update) -> None:
        await self._note(self.started, item.update_id)
        await self.release.setdefault(item.update_id, asyncio.Event()).wait()
        await self._note(self.finished, item.update_id)

    def let_go(self, *update_ids: int) -> None:
        for update_id in update_ids:
            self.release.setdefault(update_id, asyncio.Event()).set()

    async def until(self, done: list[int], *update_ids: int) -> None:
        async with self.changed:
            await asyncio.wait_for(
                self.changed.wait_for(lambda: set(update_ids) <= set(done)), GUARD
            )

    async def _note(self, into: list[int], update_id: int) -> None:
        async with self.changed:
            into.append(update_id)
            self.changed.notify_all()


def feed(
    processor: PerUserUpdateProcessor, handling: Handling, updates: list[Update]
) -> Awaitable[list[None]]:
    return asyncio.gather(
        *(
            asyncio.create_task(processor.process_update(item, handling.handle(item)))
            for item in updates
        )
    )


async def test_one_users_updates_keep_their_order_even_when_the_first_is_slow() -> None:
    handling = Handling()
    async with PerUserUpdateProcessor(max_concurrent_updates=16) as processor:
        done = feed(processor, handling, [update(1, 7), update(2, 7), update(3, 7)])
        await handling.until(handling.started, 1)
        handling.let_go(3, 2)  # the later ones could finish at once; they wait their turn
        await asyncio.sleep(0)
        assert handling.started == [1]
        handling.let_go(1)
        await asyncio.wait_for(done, GUARD)
    assert handling.finished == [1, 2, 3]


async def test_other_users_are_not_held_up_by_a_slow_one() -> None:
    handling = Handling()
    async with PerUserUpdateProcessor(max_concurrent_updates=16) as processor:
        done = feed(processor, handling, [update(1, 7), update(2, 8), update(3, 9)])
        handling.let_go(2, 3)
        await handling.until(handling.finished, 2, 3)
        assert 1 not in handling.finished
        handling.let_go(1)
        await asyncio.wait_for(done, GUARD)


async def test_one_users_backlog_longer_than_the_slots_holds_up_nobody_else() -> None:
    """Ada has far more updates queued than there are slots, and the first is stuck;
    Grace's update, queued behind all of them, is handled all the same."""
    ada, grace, slots = 7, 8, 4
    backlog = [update(number, ada) for number in range(1, 41)]
    handling = Handling()
    async with PerUserUpdateProcessor(max_concurrent_updates=slots) as processor:
        done = feed(processor, handling, [*backlog, update(100, grace)])
        handling.let_go(100)
        await handling.until(handling.finished, 100)
        assert handling.started == [1, 100] and handling.finished == [100]
        handling.let_go(*range(1, 41))
        await asyncio.wait_for(done, GUARD)
    assert handling.finished == [100, *range(1, 41)]


async def test_updates_of_as_many_users_as_slots_run_at_the_same_time() -> None:
    handling = Handling()
    async with PerUserUpdateProcessor(max_concurrent_updates=4) as processor:
        done = feed(processor, handling, [update(i, 100 + i) for i in range(1, 7)])
        # Four are under way at once, none finished: the other two wait for a slot.
        await handling.until(handling.started, 1, 2, 3, 4)
        assert handling.started == [1, 2, 3, 4] and handling.finished == []
        handling.let_go(*range(1, 7))
        await asyncio.wait_for(done, GUARD)
    assert sorted(handling.finished) == [1, 2, 3, 4, 5, 6]


async def test_idle_users_are_forgotten() -> None:
    processor = PerUserUpdateProcessor(max_concurrent_updates=4)

    async def nothing() -> None:
        return None

    await processor.process_update(update(1, 5), nothing())
    assert processor._locks == {} and processor._pending == {}
