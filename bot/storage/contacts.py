"""The people a user networks with."""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections.abc import Callable
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
from bot.storage.search import search_words
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

# The contacts of a list of ids (a JSON array), in one query: match_contacts' best few.
GET_CONTACTS = f"""
SELECT {_COLUMNS} FROM contacts AS c
WHERE c.owner_id = :owner_id AND c.id IN (SELECT value FROM json_each(:ids))
"""

# Most recent activity first: contacts.last_activity_at is the latest of the contact's
# creation, any meeting created or scheduled, any interaction and any note, kept up to date by
# triggers (migration 0007) and indexed in this order, so a page reads only its own rows.
LIST_CONTACTS = f"""
SELECT {_COLUMNS} FROM contacts AS c
WHERE c.owner_id = :owner_id AND c.archived_at IS NULL
ORDER BY c.last_activity_at DESC, c.id DESC
LIMIT :limit OFFSET :offset
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
    """Contacts with the most recent activity first (archived ones left out): a meeting
    prepared or scheduled, an interaction or a note brings a contact to the top."""
    if limit <= 0:
        return []  # SQLite reads a negative LIMIT as "no limit"
    rows = await fetch_all(db.conn, LIST_CONTACTS, _params(db, owner_id, limit=limit, offset=0))
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

COUNT_CONTACTS = """
SELECT COUNT(*) AS n FROM contacts WHERE owner_id = :owner_id AND archived_at IS NULL
"""

# Who /contact NAME may mean, for match_rank to score: contacts whose words (of name and
# company) begin like the query's (see _words_query), those whose name holds the query as
# typed (MIN_INFIX characters or more: shorter ones are in too many names to be worth
# scoring) and those of exactly that name. Scoring every contact instead took 150 ms at
# 10,000 contacts. A shorter query takes MATCH_CANDIDATES_SHORT, without the infix: even
# NULL there made SQLite read every name key of the owner's.
MIN_INFIX = 3
_MATCH_CANDIDATES = """
SELECT c.id, c.name, c.company FROM contacts AS c
WHERE c.owner_id = :owner_id AND (c.archived_at IS NOT NULL) = :archived
  AND c.id IN (
      SELECT rowid FROM contact_words WHERE :words IS NOT NULL AND contact_words MATCH :words
      UNION ALL
      SELECT k.id FROM contacts AS k
      WHERE k.owner_id = :owner_id AND (k.name_key = :name_key{infix})
  )
"""
MATCH_CANDIDATES = _MATCH_CANDIDATES.format(infix=" OR instr(k.name_key, :infix) > 0")
MATCH_CANDIDATES_SHORT = _MATCH_CANDIDATES.format(infix="")

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
    if text.isascii():
        # What the steps below come to for ASCII, several times faster: /contact NAME folds
        # hundreds of names.
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", name_key(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare)


Rank = tuple[int, float]


def match_rank(query: str, name: str, company: str | None) -> Rank | None:
    """How well `query` names a contact, lower is better; None when it does not.

    Exact name, then a name or a word of it starting with the query, then the query anywhere
    in the name, then in the company, then close spellings of the name, a word of the name
    or the company. Case, Unicode form, spacing and diacritics never matter.
    """
    return ranker(query)(name, company)


def ranker(query: str) -> Callable[[str, str | None], Rank | None]:
    """match_rank for one query and many contacts: the query is folded and indexed once."""
    wanted = fold(query)
    matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)

    def rank(name: str, company: str | None) -> Rank | None:
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
        best = 0.0
        for candidate in (folded_name, *words, folded_company):
            if not candidate:
                continue
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < FUZZY_CUTOFF or matcher.quick_ratio() < FUZZY_CUTOFF:
                continue
            best = max(best, matcher.ratio())
        return (4, -best) if best >= FUZZY_CUTOFF else None

    return rank


def word_starts(word: str) -> list[str]:
    """How a word of the contact meant may begin when `word` (folded) was typed with a slip
    in its first letters: as typed, with the first two letters swapped, or without the typed
    word's second or first letter (one letter too many, or the second and third swapped).

    "imra", "miira" and "amira" all find Mira; a wrong first or second letter ("myra") does
    not: the prefix that would allow it ("m") is in too many names to score them all.
    """
    starts = [word[:2]]
    if len(word) >= 2:
        starts.append(word[1] + word[0])
    if len(word) >= 3:
        starts += [word[0] + word[2], word[1] + word[2]]
    return starts


def _words_query(owner_id: int, query: str, *, slips: bool) -> str | None:
    """The contact_words MATCH text: contacts with a word beginning with the first two letters
    of each word of `query`, or, with `slips`, of any word allowing for word_starts' slips.
    None when `query` has no words."""
    words = search_words(fold(query))
    if not words:
        return None
    if slips:
        starts = dict.fromkeys(start for word in words for start in word_starts(word))
        terms = " OR ".join(_prefix(start) for start in starts)
    else:
        terms = " AND ".join(_prefix(word[:2]) for word in words)
    return f'owner:"u{owner_id:d}" AND words:({terms})'


def _prefix(start: str) -> str:
    return '"' + start.replace('"', '""') + '"*'


async def match_contacts(
    db: Database, owner_id: int, query: str, *, archived: bool = False, limit: int | None = None
) -> list[Contact]:
    """The owner's contacts that `query` could mean, best match first (see match_rank), at
    most `limit` of them.

    Archived contacts are left out unless `archived` is true, in which case only they are
    considered (for finding one again to restore it). Only MATCH_CANDIDATES are scored: a
    misspelt name is found when the first letters of its words are right, or slipped as
    word_starts allows.
    """
    key = name_key(query)
    params = {"owner_id": owner_id, "archived": int(archived), "name_key": key, "infix": key}
    candidates = MATCH_CANDIDATES if len(key) >= MIN_INFIX else MATCH_CANDIDATES_SHORT
    # Contacts whose words begin as typed are few, and with those whose name holds the query
    # they give the exact, prefix and substring matches. Only when these are too few are
    # slips allowed for (several times as many contacts to score). With no limit every match
    # is wanted: slips at once.
    rank_of = ranker(query)
    ranked: list[tuple[Rank, str, int]] = []
    for slips in (True,) if limit is None else (False, True):
        words = _words_query(owner_id, query, slips=slips)
        ranked = []
        for row in await fetch_all(db.conn, candidates, {**params, "words": words}):
            rank = rank_of(row["name"], row["company"])
            if rank is not None:
                ranked.append((rank, fold(row["name"]), row["id"]))
        if limit is None or len(ranked) >= limit:
            break
    ranked.sort()
    if limit is not None:
        ranked = ranked[: max(limit, 0)]
    ids = [contact_id for _, _, contact_id in ranked]
    rows = await fetch_all(db.conn, GET_CONTACTS, _params(db, owner_id, ids=json.dumps(ids)))
    found = {row["id"]: _contact(row) for row in rows}
    return [found[contact_id] for contact_id in ids if contact_id in found]


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
