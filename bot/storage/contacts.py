"""The people a user networks with."""

from __future__ import annotations

import difflib
import json
import math
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import Enum
from typing import Final, Literal, NamedTuple

import aiosqlite

from bot.coaching.stages import NEW_CONTACT_STAGE
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
    relationship: str | None = None
    """How the user knows them: the coaching layer's id ("former_manager"); None: not said."""
    last_talked: str | None = None
    """When they last talked, as said when the relationship was ("years")."""
    introducer: str | None = None
    """Who introduced them, as typed or as the contact `introducer_id` names."""
    introducer_id: int | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    """E-mail, phone and profile link: what an import brings (migration 0017)."""


@dataclass(frozen=True)
class Acquaintance:
    """How the user knows a contact, as /prep asks it; None: not said."""

    relationship: str | None = None
    last_talked: str | None = None
    introducer: str | None = None
    introducer_id: int | None = None
    """The introducer when they are one of the owner's contacts."""


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
    c.cadence_days, c.how_met, c.relationship, c.last_talked, c.introducer, c.introducer_id,
    c.email, c.phone, c.url,
    (SELECT MAX(m.scheduled_at) FROM meetings AS m
      WHERE m.owner_id = c.owner_id AND m.contact_id = c.id AND m.scheduled_at <= :now
    ) AS last_met_at
"""

INSERT_CONTACT = """
INSERT INTO contacts
    (owner_id, name, name_key, company, role, stage, created_at,
     relationship, last_talked, introducer, introducer_id)
VALUES (:owner_id, :name, :name_key, :company, :role, :stage, :now,
        :relationship, :last_talked, :introducer, :introducer_id)
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
        relationship=row["relationship"],
        last_talked=row["last_talked"],
        introducer=row["introducer"],
        introducer_id=row["introducer_id"],
        email=row["email"],
        phone=row["phone"],
        url=row["url"],
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
    stage: str = NEW_CONTACT_STAGE,
    known: Acquaintance | None = None,
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
                **asdict(known or Acquaintance()),
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

# Counted in contacts_owner_activity, which holds just the contacts not archived: SQLite
# would otherwise pick contacts_owner_id and read every contact's row to check.
COUNT_CONTACTS = """
SELECT COUNT(*) AS n FROM contacts INDEXED BY contacts_owner_activity
WHERE owner_id = :owner_id AND archived_at IS NULL
"""

# Who a typed name may mean, for match_rank to score, found in two passes (rank_contacts).
# MATCH_WORDS: contacts whose words (of name and company) begin like the query's (see
# _words_query) and those of exactly that name: the exact and prefix matches, few and cheap.
# MATCH_CANDIDATES adds those whose name holds the query as typed (MIN_INFIX characters or
# more: shorter ones are in too many names to be worth scoring), which means reading every
# name key of the owner's, so only when the first pass found too few. A shorter query takes
# MATCH_WORDS both times: even NULL for the infix made SQLite read every name key.
# Both come in name order (exact names first), at most :cap of them (-1: all).
MIN_INFIX = 3
# A query shorter than MIN_INFIX ("m") begins a word of thousands of names in a big address
# book. Its first pass scores only the first SHORT_QUERY_NAMES of them in name order: when
# enough of those fit as well as any can (a word begins with it), the best few are among
# them, as the names sort. (Name order is that of name_key, which keeps accents: of names
# that differ only by accents, one may come first that would otherwise come later.)
SHORT_QUERY_NAMES = 100


def _candidates(infix: str) -> str:
    return f"""
SELECT c.id, c.name, c.company FROM contacts AS c
WHERE c.owner_id = :owner_id AND (c.archived_at IS NOT NULL) = :archived
  AND c.id IN (
      SELECT rowid FROM contact_words WHERE :words IS NOT NULL AND contact_words MATCH :words
      UNION ALL
      SELECT k.id FROM contacts AS k
      WHERE k.owner_id = :owner_id AND (k.name_key IN (:name_key, :whole_key){infix})
  )
ORDER BY c.name_key NOT IN (:name_key, :whole_key), c.name_key
LIMIT :cap
"""


MATCH_WORDS = _candidates("")
MATCH_CANDIDATES = _candidates(" OR instr(k.name_key, :infix) > 0")

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
        # What the steps below come to for ASCII, without Unicode normalization: a name
        # lookup folds every candidate's name.
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", name_key(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    # A spacing accent ("´") decomposes to a space and a mark: the space must go too.
    return unicodedata.normalize("NFC", " ".join(bare.split()))


# How a typed name fits a contact's, best first.
EXACT = 0
"""The whole name (or everything typed, when the contact was stored under all of it)."""
WORDS = 1
"""Each typed word begins a word of the name: a first name, a last name, a prefix."""
PART = 2
"""The typed name inside the name."""
COMPANY = 3
"""Inside the company, not the name."""
CLOSE = 4
"""A close spelling of the name, a word of it or the company."""

# Words a company is written with or without: "Acme" is "ACME Inc.".
_COMPANY_FORMS = frozenset(
    """
    inc ltd llc llp gmbh corp co plc ag sa bv the company group &
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)


class Rank(NamedTuple):
    """How likely a typed name means a contact: lower is likelier. Two contacts of the same
    `likelihood` are as likely as each other; `closeness` only orders close spellings."""

    company: int
    """0 when the company typed with the name is theirs; 1 when none was typed, or theirs
    is not known (a contact at another company does not match at all)."""
    fit: int
    """EXACT, WORDS, PART, COMPANY or CLOSE."""
    closeness: float = 0.0
    """For CLOSE, minus difflib's ratio (closer is lower); 0 otherwise."""

    @property
    def likelihood(self) -> tuple[int, int]:
        return (self.company, self.fit)


def match_rank(query: str, name: str, company: str | None, *, at: str | None = None) -> Rank | None:
    """How well `query` (with `at`, the company typed with it) names a contact; None when
    it does not.

    Exact name, then a name or a word of it starting with the query, then the query anywhere
    in the name, then in the company, then close spellings of the name, a word of the name
    or the company. Case, Unicode form, spacing and diacritics never matter. A contact at
    the company typed comes before those whose company is not known.
    """
    return ranker(query, at=at)(name, company)


def ranker(
    query: str, *, at: str | None = None, whole: str | None = None
) -> Callable[[str, str | None], Rank | None]:
    """match_rank for one query and many contacts: the query is folded and indexed once.

    `whole` is everything the user typed when `query` and `at` were read from it ("Dana
    (Ledgerly)"): a contact stored under all of it is the exact match.
    """
    rank_folded = folded_ranker(query, at=at, whole=whole)
    return lambda name, company: rank_folded(fold(name), company)


def folded_ranker(
    query: str, *, at: str | None = None, whole: str | None = None
) -> Callable[[str, str | None], Rank | None]:
    """ranker, for names already folded: rank_contacts folds each name once, to sort by it
    too. A company is folded only when it matters, after the name's own fit."""
    wanted = fold(query)
    wanted_words = sorted(wanted.split(), key=len, reverse=True)
    typed_company = _company_words(fold(at)) if at else None
    typed_whole = fold(whole) if whole else ""
    matcher = difflib.SequenceMatcher(b=wanted, autojunk=False)
    # 2 * min(a, b) / (a + b) >= FUZZY_CUTOFF, for a name of b characters to be close.
    shortest = max(1, math.ceil(len(wanted) * FUZZY_CUTOFF / (2 - FUZZY_CUTOFF) - 1e-9))
    longest = math.floor(len(wanted) * (2 - FUZZY_CUTOFF) / FUZZY_CUTOFF + 1e-9)

    def rank(folded_name: str, company: str | None) -> Rank | None:
        if not wanted:
            return None
        if typed_whole and folded_name == typed_whole:
            return Rank(0, EXACT)
        known = 1
        folded_company = ""
        if typed_company is not None and company:
            folded_company = fold(company)
            if not _same_words(typed_company, _company_words(folded_company)):
                return None
            known = 0
        if folded_name == wanted:
            return Rank(known, EXACT)
        words = folded_name.split()
        if folded_name.startswith(wanted) or _begins_words(wanted_words, words):
            return Rank(known, WORDS)
        if wanted in folded_name:
            return Rank(known, PART)
        if company and not folded_company:
            folded_company = fold(company)
        if folded_company and wanted in folded_company:
            return Rank(known, COMPANY)
        best = 0.0
        for candidate in (folded_name, *words, folded_company):
            # What real_quick_ratio checks, without a call per name: most are far too long
            # or too short to come within FUZZY_CUTOFF.
            if not shortest <= len(candidate) <= longest:
                continue
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < FUZZY_CUTOFF or matcher.quick_ratio() < FUZZY_CUTOFF:
                continue
            best = max(best, matcher.ratio())
        return Rank(known, CLOSE, -best) if best >= FUZZY_CUTOFF else None

    return rank


def _begins_words(typed: list[str], words: list[str]) -> bool:
    """Whether each typed word begins a different word of the name, in any order: "dana",
    "okafor", "d okafor" and "okafor dana" all name Dana Okafor. `typed` comes longest
    first: a longer word takes the name's word it begins before a shorter one can."""
    if len(typed) == 1:
        return any(word.startswith(typed[0]) for word in words)
    left = list(words)
    for word in typed:
        found = next((i for i, candidate in enumerate(left) if candidate.startswith(word)), None)
        if found is None:
            return False
        del left[found]
    return bool(typed)


def same_company(typed: str, theirs: str) -> bool:
    """Whether two folded company names can be the same company: the words of one begin
    the other's, the last one perhaps cut short, with or without "Inc", "Ltd" and the like.
    "ledg" and "Quarry" fit "Ledgerly" and "Quarry Robotics"; "Acme" is not "Initech"."""
    return _same_words(_company_words(typed), _company_words(theirs))


def _same_words(typed: list[str], theirs: list[str]) -> bool:
    short, long = sorted((typed, theirs), key=len)
    if not short:
        return typed == theirs
    *whole, last = short
    facing = long[len(whole)]
    # Of two names as long as each other, either may be the one cut short.
    cut_short = facing.startswith(last) or (len(short) == len(long) and last.startswith(facing))
    return long[: len(whole)] == whole and cut_short


def _company_words(folded: str) -> list[str]:
    words = (word.strip(".,;:()'’\"") for word in folded.split())
    return [word for word in words if word and word not in _COMPANY_FORMS]


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
    of each word of `query`, or, with `slips`, with such a word for each word of `query`
    allowing for word_starts' slips. None when `query` has no words."""
    words = search_words(fold(query))
    if not words:
        return None
    if slips:
        terms = " AND ".join(
            "(" + " OR ".join(_prefix(start) for start in dict.fromkeys(word_starts(word))) + ")"
            for word in words
        )
    else:
        terms = " AND ".join(_prefix(word[:2]) for word in words)
    return f'owner:"u{owner_id:d}" AND words:({terms})'


def _prefix(start: str) -> str:
    return '"' + start.replace('"', '""') + '"*'


async def match_contacts(
    db: Database, owner_id: int, query: str, *, archived: bool = False, limit: int | None = None
) -> list[Contact]:
    """The owner's contacts that `query` could mean, best match first (see match_rank), at
    most `limit` of them; rank_contacts without the ranks."""
    ranked = await rank_contacts(db, owner_id, query, archived=archived, limit=limit)
    return [contact for _, contact in ranked]


async def rank_contacts(
    db: Database,
    owner_id: int,
    query: str,
    *,
    at: str | None = None,
    whole: str | None = None,
    archived: bool = False,
    limit: int | None = None,
) -> list[tuple[Rank, Contact]]:
    """The owner's contacts that `query` (at company `at`, read from `whole`: see ranker)
    could mean, best first, with how well each fits; at most `limit` of them.

    Archived contacts are left out unless `archived` is true, in which case only they are
    considered (for finding one again to restore it). Only MATCH_CANDIDATES are scored: a
    misspelt name is found when the first letters of its words are right, or slipped as
    word_starts allows.
    """
    key = name_key(query)
    params = {
        "owner_id": owner_id,
        "archived": int(archived),
        "name_key": key,
        "whole_key": name_key(whole) if whole else key,
        "infix": key,
    }
    rank_of = folded_ranker(query, at=at, whole=whole)
    found: dict[int, tuple[Rank, str]] = {}

    async def score(candidates: str, words: str | None, cap: int = -1) -> None:
        query_params = {**params, "words": words, "cap": cap}
        for row in await fetch_all(db.conn, candidates, query_params):
            if row["id"] in found:
                continue
            folded = fold(row["name"])
            rank = rank_of(folded, row["company"])
            if rank is not None:
                found[row["id"]] = (rank, folded)

    # The second pass adds names that hold the query and close spellings (several times as
    # many contacts to score), which rank after any exact or prefix match at the company
    # typed: when the first pass found `limit` of those, it cannot change the best few. With
    # no limit every match is wanted: the second pass at once (it finds the first's too).
    short = len(key) < MIN_INFIX
    if limit is not None:
        first = _words_query(owner_id, query, slips=False)
        await score(MATCH_WORDS, first, SHORT_QUERY_NAMES if short else -1)
    floor = Rank(0 if at else 1, PART)
    if limit is None or sum(1 for rank, _ in found.values() if rank < floor) < limit:
        wider = MATCH_WORDS if short else MATCH_CANDIDATES
        await score(wider, _words_query(owner_id, query, slips=True))
    ranked = sorted((rank, folded, contact_id) for contact_id, (rank, folded) in found.items())
    if limit is not None:
        ranked = ranked[: max(limit, 0)]
    ids = [contact_id for _, _, contact_id in ranked]
    rows = await fetch_all(db.conn, GET_CONTACTS, _params(db, owner_id, ids=json.dumps(ids)))
    contacts = {row["id"]: _contact(row) for row in rows}
    return [
        (rank, contacts[contact_id]) for rank, _, contact_id in ranked if contact_id in contacts
    ]


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
    known: Acquaintance | Literal[_Unset.UNSET] = UNSET,
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
    if known is not UNSET:
        changes.update(asdict(known))
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
