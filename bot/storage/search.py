"""Full-text search over what a user noted about their contacts, and the contacts themselves.

The FTS5 table `search_index` (migration 0003) is kept in step with notes and contacts by
triggers. Every query is pinned to one owner in two ways: the index's `owner` column must be
'u<owner_id>', and every hit is joined back to a note or contact row of that owner.

User text never reaches FTS5's query language: it is cut into words at spaces and
punctuation, and each word becomes a quoted prefix term, so quotes, AND, NEAR, *, -, ( ) and
the like are just characters to look for or to skip. Inside the quotes FTS5 cuts a word into
the very tokens the index holds (a word may hold several, searched as a phrase).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from bot.storage.db import Database, fetch_all

# Around the matched words in a snippet; private-use characters that no keyboard types.
# Whoever shows a snippet escapes it first, then turns these into markup.
MARK_START = "\ue000"
MARK_END = "\ue001"
SNIPPET_TOKENS = 12
MAX_WORDS = 8
MAX_WORD = 64

# Words are cut only where the index's tokenizer (unicode61) surely cuts too: at spaces,
# punctuation and control characters. Cutting finer — at a combining mark ("ẹ́kọ́"), at a
# character newer than SQLite's Unicode tables — would look for a token start the note never
# has; FTS5 itself cuts each quoted word further where the index did.
_SEPARATORS = ("P", "Cc")
# What the index can hold as a token: letters, digits, private-use and unassigned code points.
# A word without one ("***", "🙂") is nothing to look for.
_TOKEN_CATEGORIES = ("Co", "Cn")

# Past this many hits a search stops counting (the user sees "200+") and ranks only the
# newest this many. Ranking and counting every hit of a common word (40,000 among 200,000
# notes) took 250 ms; a search that broad is narrowed by another word, not by paging.
MAX_COUNTED = 200

# A note's or contact's hit (never another owner's, never an archived contact's) and its
# contact. Shared by both queries below, so that they count and rank the very same hits.
_HITS = """
FROM search_index AS s
LEFT JOIN notes AS n ON s.kind = 'note' AND n.id = s.ref AND n.owner_id = :owner_id
CROSS JOIN contacts AS c ON c.owner_id = :owner_id AND c.archived_at IS NULL
    AND c.id = CASE s.kind WHEN 'note' THEN n.contact_id WHEN 'contact' THEN s.ref END
WHERE search_index MATCH :query
"""

# The rowids of the newest hits (a rowid grows with the note's or contact's id), at most
# :counted. FTS5 reads its matches in this order, so it stops after :counted of them.
NEWEST = f"""
SELECT s.rowid AS id {_HITS}
ORDER BY s.rowid DESC
LIMIT :counted
"""

# The best hits among those from rowid :oldest on: all of them, unless there are more than
# MAX_COUNTED.
SEARCH = f"""
SELECT c.id AS contact_id, c.name AS contact_name, s.kind AS kind, n.slot AS slot,
    snippet(search_index, 1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_TOKENS:d}) AS snippet
{_HITS}
    AND s.rowid >= :oldest
ORDER BY s.rank, c.id
LIMIT :limit
"""


@dataclass(frozen=True)
class Hit:
    contact_id: int
    contact_name: str
    kind: str
    """'note' (something noted about the contact) or 'contact' (their name, company, ...)."""
    slot: str | None
    """The note's slot; None for a contact hit."""
    snippet: str
    """Plain text around the match, matched words between MARK_START and MARK_END."""


@dataclass(frozen=True)
class SearchResult:
    words: list[str]
    hits: list[Hit]
    """The best hits, best first, at most the limit asked for."""
    total: int
    """How many hits there are in all, counted up to MAX_COUNTED."""
    capped: bool = False
    """There are more than `total` (MAX_COUNTED) hits; `hits` are the best of the newest."""


def search_words(text: str) -> list[str]:
    """The words of `text` to look for, at most MAX_WORDS, duplicates dropped.

    Taken as typed, not normalized: the index holds notes as they were typed, so a full-width
    "ＡＢＣ" or a ligature is found by typing it the same way.
    """
    words: list[str] = []
    for word in _split(text):
        word = word[:MAX_WORD]
        if not any(_is_token_character(char) for char in word):
            continue
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    return words[:MAX_WORDS]


def _split(text: str) -> list[str]:
    words = [""]
    for char in text:
        if char.isspace() or unicodedata.category(char).startswith(_SEPARATORS):
            words.append("")
        else:
            words[-1] += char
    return [word for word in words if word]


def _is_token_character(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char) in _TOKEN_CATEGORIES


def match_query(owner_id: int, words: list[str]) -> str:
    """The FTS5 query: this owner's rows whose body has every word, each as a word prefix."""
    if not words:
        raise ValueError("nothing to search for")
    terms = " AND ".join(_quote(word) + "*" for word in words)
    return f"owner:{_quote(f'u{owner_id:d}')} AND body:({terms})"


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


async def search(db: Database, owner_id: int, text: str, *, limit: int = 10) -> SearchResult:
    """Hits for every word of `text` (as prefixes) in the owner's notes and contacts.

    Archived contacts and their notes are left out. Empty when `text` has no words. With more
    than MAX_COUNTED hits, the best of the newest MAX_COUNTED are shown.
    """
    words = search_words(text)
    if not words or limit <= 0:
        return SearchResult(words, [], 0)
    params = {"owner_id": owner_id, "query": match_query(owner_id, words)}
    newest = await fetch_all(db.conn, NEWEST, {**params, "counted": MAX_COUNTED + 1})
    counted = newest[:MAX_COUNTED]
    if not counted:
        return SearchResult(words, [], 0)
    rows = await fetch_all(db.conn, SEARCH, {**params, "oldest": counted[-1]["id"], "limit": limit})
    hits = [
        Hit(
            contact_id=row["contact_id"],
            contact_name=row["contact_name"],
            kind=row["kind"],
            slot=row["slot"],
            snippet=row["snippet"],
        )
        for row in rows
    ]
    return SearchResult(words, hits, len(counted), capped=len(newest) > MAX_COUNTED)
