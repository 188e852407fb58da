"""Storage: one SQLite database (aiosqlite), its migrations, and a repository per aggregate.

Every row that belongs to a person carries the owner's Telegram user id and every query
filters on it. This package imports nothing from handlers, coaching, render or `telegram`
(PTB's persistence over these tables is bot/ptb/persistence.py).
"""

from bot.storage.db import Database
from bot.storage.errors import NotFound, StorageError

__all__ = ["Database", "NotFound", "StorageError"]
