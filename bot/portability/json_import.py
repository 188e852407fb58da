"""Importing a JSON export of our own: idempotent, merging by name, all or nothing.

Rows are matched by the uid the export gives each (migration 0015): a row whose uid the
user already has is left as it is, so the same file imported twice changes nothing, and a
later export of the same account adds only what is new. A contact whose uid is unknown but
whose name is that of exactly one contact the user had before this import is merged into
it: its meetings, notes and follow-ups join that contact, and what the file knows that the
contact lacks (company, role, how you met, cadence) fills the gaps; nothing is overwritten.
Settings are taken from the file only by a user who has not set theirs up (after /forget,
or on a new bot); otherwise the user's own are kept.

The whole file is checked before anything is written, and written in one transaction: a
malformed file, one of another format or version, or one the database refuses, changes
nothing and raises ImportRefused with the reason.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiosqlite

from bot.portability.schema import FORMAT, SECTIONS, SETTINGS, VERSION, Field, Section
from bot.storage.contacts import name_key
from bot.storage.db import Database, execute, fetch_all, fetch_one, to_db_time
from bot.storage.users import insert_user_if_missing

ALREADY_HERE = "already here"


class ImportRefused(ValueError):
    """The file was not imported, and nothing changed; str() says why, for the user."""


@dataclass
class ImportReport:
    added: Counter[str] = field(default_factory=Counter)
    """Rows added, by section ("contacts", "notes", ...)."""
    merged: list[str] = field(default_factory=list)
    """Contacts of the file merged into the user's contact of the same name (their names)."""
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Rows not added, by (section, reason): ALREADY_HERE for rows with a known uid."""
    settings_taken: bool = False
    """Whether the file's settings were taken (the user had none of their own)."""

    @property
    def changed(self) -> bool:
        return bool(self.added) or bool(self.merged) or self.settings_taken


def parse(data: bytes) -> dict[str, Any]:
    """The export in `data`, checked; ImportRefused when it is not one we can import."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused(f"not a JSON file ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRefused(f'not a Common Ground export (no "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise ImportRefused(
            f"export version {document.get('version')!r}: this bot reads version {VERSION}"
        )
    settings = document.get("settings")
    if settings is not None:
        _check_record("settings", settings, SETTINGS)
    uids: dict[str, set[str]] = {}
    for section in SECTIONS:
        records = document.get(section.name, [])
        if not isinstance(records, list):
            raise ImportRefused(f"{section.name}: expected a list")
        seen = uids[section.name] = set()
        for number, record in enumerate(records):
            where = f"{section.name}[{number}]"
            _check_record(where, record, section.fields)
            uid = record.get("uid")
            if not isinstance(uid, str) or not uid or len(uid) > 100:
                raise ImportRefused(f"{where}.uid: expected a short text")
            if uid in seen:
                raise ImportRefused(f"{where}.uid: {uid!r} appears twice")
            seen.add(uid)
            for ref in section.fields:
                value = record.get(ref.key)
                if ref.kind == "ref" and value is not None:
                    assert ref.target is not None
                    if value not in uids.get(ref.target, ()):
                        raise ImportRefused(f"{where}.{ref.key}: {value!r} is not in {ref.target}")
    return document


def _check_record(where: str, record: Any, fields: tuple[Field, ...]) -> None:
    if not isinstance(record, dict):
        raise ImportRefused(f"{where}: expected an object")
    for spec in fields:
        value = record.get(spec.key)
        problem = _problem(spec, value)
        if problem:
            raise ImportRefused(f"{where}.{spec.key}: {problem}")


def _problem(spec: Field, value: Any) -> str | None:
    if value is None:
        return None if spec.optional else "missing"
    if spec.kind in ("text", "ref"):
        if not isinstance(value, str) or (spec.kind == "text" and not value.strip()):
            return "expected a text"
        if spec.choices is not None and value not in spec.choices:
            return f"expected one of {', '.join(sorted(spec.choices))}"
    elif spec.kind == "time":
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.utcoffset() is None:
            return "expected a date and time with its UTC offset"
    elif spec.kind == "bool":
        if not isinstance(value, bool):
            return "expected true or false"
    elif spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return "expected a whole number"
        if spec.minimum is not None and value < spec.minimum:
            return f"expected at least {spec.minimum}"
        if spec.maximum is not None and value > spec.maximum:
            return f"expected at most {spec.maximum}"
    elif spec.kind == "list" and (
        not isinstance(value, list) or not all(isinstance(item, str) for item in value)
    ):
        return "expected a list of texts"
    return None


def _column_value(spec: Field, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "time":
        return to_db_time(datetime.fromisoformat(value))
    if spec.kind == "bool":
        return int(value)
    if spec.kind == "list":
        return json.dumps(value)
    return value


async def import_export(db: Database, owner_id: int, data: bytes, now: datetime) -> ImportReport:
    """Import a JSON export (bytes as sent) into `owner_id`'s account; see the module doc.

    Raises ImportRefused, having changed nothing, for a file it cannot import.
    """
    document = parse(data)
    report = ImportReport()
    try:
        async with db.transaction() as conn:
            had_user = await fetch_one(
                conn, "SELECT onboarded FROM users WHERE id = :id", {"id": owner_id}
            )
            await insert_user_if_missing(conn, owner_id, now)
            settings = document.get("settings")
            if settings is not None and (had_user is None or not had_user["onboarded"]):
                await _take_settings(conn, owner_id, settings, now)
                report.settings_taken = True
            ids: dict[str, dict[str, int]] = {}
            for section in SECTIONS:
                ids[section.name] = await _import_section(
                    conn, owner_id, section, document.get(section.name, []), ids, report
                )
    except sqlite3.IntegrityError as error:
        raise ImportRefused(f"the database refused the file's records ({error})") from None
    return report


async def _take_settings(
    conn: aiosqlite.Connection, owner_id: int, settings: dict[str, Any], now: datetime
) -> None:
    assignments = ", ".join(f"{spec.column} = :{spec.column}" for spec in SETTINGS)
    params = {spec.column: _column_value(spec, settings.get(spec.key)) for spec in SETTINGS}
    await execute(
        conn,
        f"UPDATE users SET {assignments}, digest_next_at = NULL, updated_at = :now "
        "WHERE id = :owner_id",
        {**params, "owner_id": owner_id, "now": to_db_time(now)},
    )


async def _import_section(
    conn: aiosqlite.Connection,
    owner_id: int,
    section: Section,
    records: list[dict[str, Any]],
    ids: dict[str, dict[str, int]],
    report: ImportReport,
) -> dict[str, int]:
    """Each record's uid -> the id of its row here, added or found."""
    known = {
        row["uid"]: row["id"]
        for row in await fetch_all(
            conn, f"SELECT uid, id FROM {section.name} WHERE owner_id = :o", {"o": owner_id}
        )
    }
    by_name: dict[str, list[int]] = {}
    if section.name == "contacts":
        for row in await fetch_all(
            conn, "SELECT id, name_key FROM contacts WHERE owner_id = :o", {"o": owner_id}
        ):
            by_name.setdefault(row["name_key"], []).append(row["id"])
    found: dict[str, int] = {}
    columns = [spec.column for spec in section.fields]
    extra = ["name_key"] if section.name == "contacts" else []
    insert = (
        f"INSERT INTO {section.name} (owner_id, uid, {', '.join(columns + extra)}) "
        f"VALUES (:owner_id, :uid, {', '.join(':' + c for c in columns + extra)}) RETURNING id"
    )
    for record in records:
        uid = record["uid"]
        if uid in known:
            found[uid] = known[uid]
            report.skipped[(section.name, ALREADY_HERE)] += 1
            continue
        if section.name == "contacts":
            same = by_name.get(name_key(record["name"]), [])
            if len(same) == 1:
                found[uid] = same[0]
                await _fill_gaps(conn, owner_id, same[0], record)
                report.merged.append(record["name"])
                continue
        params: dict[str, Any] = {"owner_id": owner_id, "uid": uid}
        for spec in section.fields:
            value = record.get(spec.key)
            if spec.kind == "ref":
                assert spec.target is not None
                params[spec.column] = None if value is None else ids[spec.target][value]
            else:
                params[spec.column] = _column_value(spec, value)
        if section.name == "contacts":
            params["name_key"] = name_key(record["name"])
        inserted = await fetch_one(conn, insert, params)
        assert inserted is not None  # RETURNING yields the inserted row
        found[uid] = inserted["id"]
        report.added[section.name] += 1
    return found


# Only when a gap is filled: an update rewrites the contact's full-text entries.
FILL_GAPS = """
UPDATE contacts SET
    company = COALESCE(company, :company),
    role = COALESCE(role, :role),
    how_met = COALESCE(how_met, :how_met),
    cadence_days = COALESCE(cadence_days, :cadence_days)
WHERE owner_id = :owner_id AND id = :id
  AND ((company IS NULL AND :company IS NOT NULL) OR (role IS NULL AND :role IS NOT NULL)
       OR (how_met IS NULL AND :how_met IS NOT NULL)
       OR (cadence_days IS NULL AND :cadence_days IS NOT NULL))
"""


async def _fill_gaps(
    conn: aiosqlite.Connection, owner_id: int, contact_id: int, record: dict[str, Any]
) -> None:
    params = {key: record.get(key) for key in ("company", "role", "how_met", "cadence_days")}
    await execute(conn, FILL_GAPS, {**params, "owner_id": owner_id, "id": contact_id})
