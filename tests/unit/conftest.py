"""Storage tests run on a real SQLite file with a clock the test moves."""

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.db import Database
from tests.unit.helpers import Clock


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def db(tmp_path: Path, clock: Clock, migrated_db: Path) -> AsyncIterator[Database]:
    path = tmp_path / "bot.db"
    shutil.copyfile(migrated_db, path)
    database = Database(path, clock=clock)
    await database.open()
    yield database
    await database.close()
