"""Errors the storage layer raises on purpose (sqlite3 errors mean a bug or a broken disk)."""


class StorageError(Exception):
    """The database cannot do what was asked: not open, too new, a failed migration."""


class NotFound(StorageError):
    """The row does not exist for this owner.

    Raised both when it does not exist at all and when it belongs to someone else, so that
    callers cannot tell the two apart and nothing about other people's data leaks.
    """
