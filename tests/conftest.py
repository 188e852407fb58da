"""What unit and end-to-end tests share: one migrated database per test run."""

import asyncio
from pathlib import Path

import pytest

from bot.storage.db import Database


async def _migrate(path: Path) -> None:
    database = Database(path)
    await database.open()
    await database.close()


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file brought to the latest schema by the bot's own migrations, once per
    run: a test copies it rather than migrating its own, which costs about as much as a
    small test. The tests of migrations themselves (test_storage_db.py) migrate for real.
    Copy it, never open it: it is shared by every test of the run."""
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    asyncio.run(_migrate(path))
    # Closed cleanly, everything is in the one file (no -wal beside it) to copy.
    assert not path.with_name(path.name + "-wal").exists()
    path.chmod(0o444)
    return path
