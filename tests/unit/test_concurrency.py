import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.ptb.concurrency import PerUserUpdateProcessor


def update(update_id: int, user_id: int) -> Update:
    user = User(user_id, "U", is_bot=False)
    chat = Chat(user_id, Chat.PRIVATE)
    message = Message(update_id, datetime(2026, 1, 1, tzinfo=UTC), chat, from_user=user, text="x")
    return Update(update_id, message=message)


async def run_all(updates: list[tuple[Update, float]]) -> list[int]:
    """Feeds updates the way PTB does (a task each, in order); returns the finishing order."""
    processor = PerUserUpdateProcessor(max_concurrent_updates=16)
    finished: list[int] = []

    async def handle(item: Update, seconds: float) -> None:
        await asyncio.sleep(seconds)
        finished.append(item.update_id)

    async with processor:
        await asyncio.gather(
            *(
                asyncio.create_task(processor.process_update(item, handle(item, seconds)))
                for item, seconds in updates
            )
        )
    return finished


async def test_one_users_updates_keep_their_order_even_when_the_first_is_slow() -> None:
    finished = await run_all([(update(1, 7), 0.05), (update(2, 7), 0.0), (update(3, 7), 0.0)])
    assert finished == [1, 2, 3]


async def test_other_users_are_not_held_up_by_a_slow_one() -> None:
    finished = await run_all([(update(1, 7), 0.1), (update(2, 8), 0.0), (update(3, 9), 0.01)])
    assert finished == [2, 3, 1]


async def test_users_run_at_the_same_time() -> None:
    started = asyncio.get_running_loop().time()
    await run_all([(update(i, 100 + i), 0.05) for i in range(20)])
    # Twenty 50 ms updates one after another would take a second.
    assert asyncio.get_running_loop().time() - started < 0.5


async def test_idle_users_are_forgotten() -> None:
    processor = PerUserUpdateProcessor(max_concurrent_updates=4)

    async def nothing() -> None:
        return None

    await processor.process_update(update(1, 5), nothing())
    assert processor._locks == {} and processor._pending == {}
