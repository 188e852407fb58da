"""The people a user networks with."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

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
