"""The JSON export: everything one user stored, in the versioned format of schema.py.

Reads only, through any connection to the database: the bot's own, or a read-only one the
command line opens beside a running bot.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import aiosqlite

from bot.portability.schema import FORMAT, SECTIONS, SETTINGS, VERSION, Field, Section
from bot.storage.db import fetch_all, fetch_one, to_db_time

Export = dict[str, Any]
"""A JSON export as loaded: {"format", "version", "exported_at", "settings", <sections>}."""


def _select(section: Section) -> str:
    columns = ["t.uid AS uid"]
    for field in section.fields:
        if field.kind == "ref":
            columns.append(
                f"(SELECT r.uid FROM {field.target} AS r WHERE r.id = t.{field.column})"
                f" AS {field.key}"
            )
        else:
            columns.append(f"t.{field.column} AS {field.key}")
    return (
        f"SELECT {', '.join(columns)} FROM {section.name} AS t "
        f"WHERE t.owner_id = :owner_id ORDER BY t.{section.order}, t.uid"
    )


_SELECTS = {section.name: _select(section) for section in SECTIONS}
_SETTINGS = f"SELECT {', '.join(f.column for f in SETTINGS)} FROM users WHERE id = :owner_id"


def _value(field: Field, value: Any) -> Any:
    if value is None:
        return None
    if field.kind == "bool":
        return bool(value)
    if field.kind == "list":
        return json.loads(value)
    return value


async def export_data(conn: aiosqlite.Connection, owner_id: int, now: datetime) -> Export:
    """Everything `owner_id` stored. Times are the database's own UTC text, so exporting
    the same rows twice gives the same document but for `exported_at`. Call it inside a
    transaction: its reads are then one snapshot, and every uid a record names is in it."""
    params = {"owner_id": owner_id}
    row = await fetch_one(conn, _SETTINGS, params)
    settings = None if row is None else {f.key: _value(f, row[f.column]) for f in SETTINGS}
    document: Export = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_db_time(now),
        "settings": settings,
    }
    for section in SECTIONS:
        rows = await fetch_all(conn, _SELECTS[section.name], params)
        document[section.name] = [
            {"uid": row["uid"], **{f.key: _value(f, row[f.key]) for f in section.fields}}
            for row in rows
        ]
    return document


def export_json(document: Export) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
