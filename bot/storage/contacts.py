"""The people a user networks with."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Final, Literal

import aiosqlite

from bot.storage.db import (
    Database,
    execute,
    fetch_all,
    fetch_one,
    from_db_time,
    from_db_time_or_none,
    to_db_time,
)
from bot.storage.users import insert_user_if_missing

DEFAULT_STAGE = "seed"


@dataclass(frozen=True)
class Contact:
    id: int
    owner_id: int
    name: str
    company: str | None
    role: str | None
    stage: str
    created_at: datetime
    last_met_at: datetime | None
    """The latest scheduled meeting time that is already in the past, if any."""
    archived_at: datetime | None = None
    cadence_days: int | None = None
    """Stay-in-touch cadence chosen by the user; None means the stage's default."""
    how_met: str | None = None


def name_key(name: str) -> str:
    """What two spellings of one name have in common: Unicode case and form, spacing.

    NFKC before and after casefold is Unicode's canonical caseless match, so "Ölaf" typed
    with a combining diaeresis still finds "ölaf", and "ΣΊΣΥΦΟΣ" finds "σίσυφος".
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(folded.split())


# last_met_at is derived from meetings rather than stored, so there is nothing to keep in sync.
_COLUMNS = """
    c.id, c.owner_id, c.name, c.company, c.role, c.stage, c.created_at, c.archived_at,
    c.cadence_days, c.how_met,
    (SELECT MAX(m.scheduled_at) FROM meetings AS m
      WHERE m.owner_id = c.owner_id AND m.contact_id = c.id AND m.scheduled_at <= :now
    ) AS last_met_at
"""

INSERT_CONTACT = """
INSERT INTO contacts (owner_id, name, name_key, company, role, stage, created_at)
VALUES (:owner_id, :name, :name_key, :company, :role, :stage, :now)
RETURNING id
"""

GET_CONTACT = f"""
SELECT {_COLUMNS} FROM contacts AS c WHERE c.owner_id = :owner_id AND c.id = :id
"""

# Activity is the latest of: any meeting created, any meeting's scheduled time (an upcoming
# meeting is what the user is about to prepare for), the contact's own creation.
RECENT_CONTACTS = f"""
SELECT {_COLUMNS},
    MAX(c.created_at, COALESCE(
        (SELECT MAX(MAX(m.created_at, COALESCE(m.scheduled_at, m.created_at)))
           FROM meetings AS m WHERE m.owner_id = c.owner_id AND m.contact_id = c.id),
        c.created_at)) AS activity
FROM contacts AS c
WHERE c.owner_id = :owner_id AND c.archived_at IS NULL
ORDER BY activity DESC, c.id DESC
LIMIT :limit
"""

FIND_CONTACTS = f"""
SELECT {_COLUMNS} FROM contacts AS c
WHERE c.owner_id = :owner_id AND c.name_key = :name_key AND c.archived_at IS NULL
ORDER BY c.id
"""

SET_STAGE = "UPDATE contacts SET stage = :stage WHERE owner_id = :owner_id AND id = :id"


def _contact(row: aiosqlite.Row) -> Contact:
    return Contact(
        id=row["id"],
        owner_id=row["owner_id"],
        name=row["name"],
        company=row["company"],
        role=row["role"],
        stage=row["stage"],
        created_at=from_db_time(row["created_at"]),
        last_met_at=from_db_time_or_none(row["last_met_at"]),
        archived_at=from_db_time_or_none(row["archived_at"]),
        cadence_days=row["cadence_days"],
        how_met=row["how_met"],
    )


def _require_text(what: str, value: str) -> None:
    if not value.strip():
        raise ValueError(f"{what} must not be empty")


async def create_contact(
    db: Database,
    owner_id: int,
    *,
    name: str,
    company: str | None = None,
    role: str | None = None,
    stage: str = DEFAULT_STAGE,
) -> Contact:
    """Store a new contact; the name is kept exactly as given (escaping is the renderer's job)."""
    _require_text("contact name", name)
    _require_text("stage", stage)
    now = db.now()
    async with db.transaction() as conn:
        await insert_user_if_missing(conn, owner_id, now)
        inserted = await fetch_one(
            conn,
            INSERT_CONTACT,
            {
                "owner_id": owner_id,
                "name": name,
                "name_key": name_key(name),
                "company": company,
                "role": role,
                "stage": stage,
                "now": to_db_time(now),
            },
        )
        assert inserted is not None  # RETURNING always yields the inserted row
        row = await fetch_one(conn, GET_CONTACT, _params(db, owner_id, id=inserted["id"]))
    assert row is not None
    return _contact(row)


async def get_contact(db: Database, owner_id: int, contact_id: int) -> Contact | None:
    """The contact, or None if it does not exist or belongs to someone else."""
    row = await fetch_one(db.conn, GET_CONTACT, _params(db, owner_id, id=contact_id))
    return None if row is None else _contact(row)


async def recent_contacts(db: Database, owner_id: int, limit: int = 6) -> list[Contact]:
    """Contacts with the most recent activity first (archived ones left out)."""
    if limit <= 0:
        return []  # SQLite reads a negative LIMIT as "no limit"
    rows = await fetch_all(db.conn, RECENT_CONTACTS, _params(db, owner_id, limit=limit))
    return [_contact(row) for row in rows]


async def find_contacts(db: Database, owner_id: int, name: str) -> list[Contact]:
    """Contacts whose name equals `name` ignoring case, Unicode form and spacing; oldest first."""
    rows = await fetch_all(db.conn, FIND_CONTACTS, _params(db, owner_id, name_key=name_key(name)))
    return [_contact(row) for row in rows]


async def set_stage(db: Database, owner_id: int, contact_id: int, stage: str) -> bool:
    """Move a contact to another relationship stage; False if it is not this owner's."""
    _require_text("stage", stage)
    async with db.transaction() as conn:
        changed = await execute(
            conn, SET_STAGE, {"stage": stage, "owner_id": owner_id, "id": contact_id}
        )
    return changed == 1


def _params(db: Database, owner_id: int, **extra: object) -> dict[str, object]:
    return {"owner_id": owner_id, "now": to_db_time(db.now()), **extra}


# -- browsing, fuzzy lookup, editing, archiving ----------------------------------------------

PAGE_SIZE = 8

# Most recent first: the latest of the contact's creation, any meeting created or scheduled,
# any recorded interaction and any note.
LIST_CONTACTS = f"""
SELECT {_COLUMNS},
    MAX(c.created_at,
        COALESCE((SELECT MAX(MAX(m.created_at, COALESCE(m.scheduled_at, m.created_at)))
                    FROM meetings AS m WHERE m.owner_id = c.owner_id AND m.contact_id = c.id),
                 c.created_at),
        COALESCE((SELECT MAX(i.at) FROM interactions AS i
                   WHERE i.owner_id = c.owner_id AND i.contact_id = c.id), c.created_at),
        COALESCE((SELECT MAX(n.created_at) FROM notes AS n
                   WHERE n.owner_id = c.owner_id AND n.contact_id = c.id), c.created_at)
    ) AS activity
FROM contacts AS c
WHERE c.owner_id = :owner_id AND c.archived_at IS NULL
ORDER BY activity DESC, c.id DESC
LIMIT :limit OFFSET :offset
"""

COUNT_CONTACTS = """
SELECT COUNT(*) AS n FROM contacts WHERE owner_id = :owner_id AND archived_at IS NULL
"""

MATCH_CANDIDATES = """
SELECT id, name, company, archived_at FROM contacts
WHERE owner_id = :owner_id AND (:archived OR archived_at IS NULL)
"""

SET_ARCHIVED = """
UPDATE contacts SET archived_at = CASE WHEN :archive THEN COALESCE(archived_at, :now) END
WHERE owner_id = :owner_id AND id = :id
"""

# How close a misspelling may be (difflib's ratio) to count as a match.
FUZZY_CUTOFF = 0.75


class _Unset(Enum):
    UNSET = "unset"


UNSET: Final = _Unset.UNSET
"""Default of update_contact's fields: leave the value as it is (None clears a field)."""


async def list_contacts(
    db: Database, owner_id: int, *, offset: int = 0, limit: int = PAGE_SIZE
) -> tuple[list[Contact], int]:
    """One page of the owner's contacts (archived left out), most recent activity first, and
    how many there are in all."""
    total_row = await fetch_one(db.conn, COUNT_CONTACTS, {"owner_id": owner_id})
    total = int(total_row["n"]) if total_row else 0
    if limit <= 0 or offset >= total:
        return [], total
    rows = await fetch_all(
        db.conn, LIST_CONTACTS, _params(db, owner_id, limit=limit, offset=max(offset, 0))
    )
    return [_contact(row) for row in rows], total


def fold(text: str) -> str:
    """name_key without diacritics: "Zoë Müller" and "zoe muller" fold alike."""
    decomposed = unicodedata.normalize("NFKD", name_key(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare)


def match_rank(query: str, name: str, company: str | None) -> tuple[int, float] | None:
    """How well `query` names a contact, lower is better; None when it does not.

    Exact name, then a name or a word of it starting with the query, then the query anywhere
    in the name, then in the company, then close spellings of the name, a word of the name
    or the company. Case, Unicode form, spacing and diacritics never matter.
    """
    wanted = fold(query)
    if not wanted:
        return None
    folded_name = fold(name)
    folded_company = fold(company) if company else ""
    words = folded_name.split()
    if folded_name == wanted:
        return (0, 0.0)
    if folded_name.startswith(wanted) or any(word.startswith(wanted) for word in words):
        return (1, 0.0)
    if wanted in folded_name:
        return (2, 0.0)
    if folded_company and wanted in folded_company:
        return (3, 0.0)
    matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)
    best = 0.0
    for candidate in (folded_name, *words, folded_company):
        if not candidate:
            continue
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < FUZZY_CUTOFF or matcher.quick_ratio() < FUZZY_CUTOFF:
            continue
        best = max(best, matcher.ratio())
    return (4, -best) if best >= FUZZY_CUTOFF else None


async def match_contacts(
    db: Database, owner_id: int, query: str, *, archived: bool = False, limit: int | None = None
) -> list[Contact]:
    """The owner's contacts that `query` could mean, best match first (see match_rank), at
    most `limit` of them.

    Archived contacts are left out unless `archived` is true, in which case only they are
    considered (for finding one again to restore it).
    """
    rows = await fetch_all(
        db.conn, MATCH_CANDIDATES, {"owner_id": owner_id, "archived": int(archived)}
    )
    ranked: list[tuple[tuple[int, float], str, int]] = []
    for row in rows:
        if archived and row["archived_at"] is None:
            continue
        rank = match_rank(query, row["name"], row["company"])
        if rank is not None:
            ranked.append((rank, fold(row["name"]), row["id"]))
    ranked.sort()
    if limit is not None:
        ranked = ranked[: max(limit, 0)]
    found = [await get_contact(db, owner_id, contact_id) for _, _, contact_id in ranked]
    return [contact for contact in found if contact is not None]


async def update_contact(
    db: Database,
    owner_id: int,
    contact_id: int,
    *,
    name: str | Literal[_Unset.UNSET] = UNSET,
    company: str | Literal[_Unset.UNSET] | None = UNSET,
    role: str | Literal[_Unset.UNSET] | None = UNSET,
    stage: str | Literal[_Unset.UNSET] = UNSET,
    cadence_days: int | Literal[_Unset.UNSET] | None = UNSET,
    how_met: str | Literal[_Unset.UNSET] | None = UNSET,
) -> Contact | None:
    """Change the given fields (None clears an optional one); None if not this owner's."""
    changes: dict[str, object] = {}
    if name is not UNSET:
        _require_text("contact name", name)
        changes["name"] = name
        changes["name_key"] = name_key(name)
    if stage is not UNSET:
        _require_text("stage", stage)
        changes["stage"] = stage
    if cadence_days is not UNSET:
        if cadence_days is not None and cadence_days <= 0:
            raise ValueError("cadence_days must be positive")
        changes["cadence_days"] = cadence_days
    for column, value in (("company", company), ("role", role), ("how_met", how_met)):
        if value is not UNSET:
            changes[column] = value
    params = _params(db, owner_id, id=contact_id)
    async with db.transaction() as conn:
        if changes:
            # Column names come from the fixed list above, never from the caller.
            assignments = ", ".join(f"{column} = :set_{column}" for column in changes)
            await execute(
                conn,
                f"UPDATE contacts SET {assignments} WHERE owner_id = :owner_id AND id = :id",
                {**params, **{f"set_{column}": value for column, value in changes.items()}},
            )
        row = await fetch_one(conn, GET_CONTACT, params)
    return None if row is None else _contact(row)


async def archive_contact(db: Database, owner_id: int, contact_id: int) -> bool:
    """Hide a contact from lists and pickers, keeping everything about it; False if it is
    not this owner's. Archiving an archived contact keeps its first archived_at."""
    return await _set_archived(db, owner_id, contact_id, archive=True)


async def restore_contact(db: Database, owner_id: int, contact_id: int) -> bool:
    """Undo archive_contact; False if the contact is not this owner's."""
    return await _set_archived(db, owner_id, contact_id, archive=False)


async def _set_archived(db: Database, owner_id: int, contact_id: int, *, archive: bool) -> bool:
    async with db.transaction() as conn:
        changed = await execute(
            conn, SET_ARCHIVED, _params(db, owner_id, id=contact_id, archive=int(archive))
        )
    return changed == 1
