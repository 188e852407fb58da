"""One bot process per database: the lock beside it, held by the operating system."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.storage.errors import StorageError
from bot.storage.lock import lock_path, only_process

HOLD = """
import sys, time
from pathlib import Path
from bot.storage.lock import only_process
with only_process(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_holder_is_refused_with_the_first_ones_pid(tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "bot.sqlite3"  # the folder does not exist yet
    with only_process(db_path):
        with pytest.raises(StorageError) as refused, only_process(db_path):
            pass
        assert str(refused.value) == (
            f"{db_path} is in use by another Common Ground process (pid {os.getpid()}): "
            "stop it first, one bot per database"
        )
    with only_process(db_path):  # released on leaving
        pass
    assert not db_path.exists(), "the lock does not touch the database itself"


def test_a_holder_killed_outright_holds_nothing(tmp_path: Path) -> None:
    db_path = tmp_path / "bot.sqlite3"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(StorageError, match=rf"\(pid {holder.pid}\)"), only_process(db_path):
            pass
    finally:
        holder.kill()
        holder.wait()
    with only_process(db_path):
        assert lock_path(db_path).read_text() == f"{os.getpid()}\n"


def test_a_lock_file_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "bot.sqlite3.lock").mkdir()  # a folder where the lock file would go
    refused = pytest.raises(StorageError, match=r"bot\.sqlite3\.lock: cannot create the lock file")
    with refused, only_process(tmp_path / "bot.sqlite3"):
        pass
