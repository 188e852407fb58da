"""One bot process per database.

Two bots on one file would both poll Telegram and take turns at the same people's updates,
each with its own idea of where a conversation is: answers end up under the wrong question.
The lock is the operating system's (flock on a file beside the database), so it ends with
the process that holds it, however that process ends: a kill -9 does not block a restart.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from bot.storage.db import MEMORY
from bot.storage.errors import StorageError


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


@contextlib.contextmanager
def only_process(db_path: Path) -> Iterator[None]:
    """Hold the database for this process; StorageError naming the holder if another does."""
    if str(db_path) == MEMORY:
        yield
        return
    path = lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise StorageError(f"{path}: cannot create the lock file: {error.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise StorageError(
                f"{db_path} is in use by another Common Ground process (pid {holder}): "
                "stop it first, one bot per database"
            ) from None
        # Written for the message above, never read back as the lock itself.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays, as removing it would race
