"""Users: created on first contact, onboarded by /start, unchanged by a restart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.db import Database
from bot.storage.users import User, ensure_user, get_user, save_profile, set_date_order


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "bot.db")
    await database.open()
    yield database
    await database.close()


async def test_unknown_user_is_none(db: Database) -> None:
    assert await get_user(db, 1) is None


async def test_ensure_user_creates_a_user_who_is_not_onboarded(db: Database) -> None:
    assert await ensure_user(db, 1) == User(1, None, None, False)
    assert await get_user(db, 1) == User(1, None, None, False)


async def test_ensure_user_keeps_an_existing_profile(db: Database) -> None:
    await save_profile(db, 1, name="Ada", timezone="Europe/London")
    assert await ensure_user(db, 1) == User(1, "Ada", "Europe/London", True)


async def test_start_onboards_a_user_first_seen_earlier(db: Database) -> None:
    await ensure_user(db, 1)
    assert await save_profile(db, 1, name="Ada", timezone="UTC") == User(1, "Ada", "UTC", True)
    assert await get_user(db, 1) == User(1, "Ada", "UTC", True)


async def test_running_start_again_updates_the_profile(db: Database) -> None:
    first = await save_profile(db, 1, name="Ada", timezone="Europe/London")
    second = await save_profile(db, 1, name="Ada L.", timezone="Asia/Tokyo")
    assert first == User(1, "Ada", "Europe/London", True)
    assert second == User(1, "Ada L.", "Asia/Tokyo", True)
    assert await get_user(db, 1) == second


async def test_profiles_are_per_user(db: Database) -> None:
    await save_profile(db, 1, name="Ada", timezone="Europe/London")
    await ensure_user(db, 2)
    assert await get_user(db, 2) == User(2, None, None, False)


async def test_profile_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    before = Database(path)
    await before.open()
    await save_profile(before, 7, name="<b>Ölaf</b> & 'co'", timezone="America/New_York")
    await before.close()

    after = Database(path)
    await after.open()
    try:
        assert await get_user(after, 7) == User(7, "<b>Ölaf</b> & 'co'", "America/New_York", True)
    finally:
        await after.close()


async def test_the_chosen_date_order_is_kept_per_user_and_across_start(db: Database) -> None:
    await set_date_order(db, 1, "month_first")  # a user never seen before is created
    await save_profile(db, 2, name="Grace", timezone="UTC")
    await set_date_order(db, 2, "day_first")
    await save_profile(db, 2, name="Grace H.", timezone="UTC")  # /start again keeps it
    assert (await get_user(db, 1)) == User(1, None, None, False, "month_first")
    assert (await get_user(db, 2)) == User(2, "Grace H.", "UTC", True, "day_first")
