"""Full-text search over what a user noted about their contacts, and the contacts themselves.

The FTS5 table `search_index` (migration 0003) is kept in step with notes and contacts by
triggers. Every query is pinned to one owner in two ways: the index's `owner` column must be
'u<owner_id>', and every hit is joined back to a note or contact row of that owner.

User text never reaches FTS5's query language: it is cut into words at spaces and
punctuation, and each word becomes a quoted prefix term, so quotes, AND, NEAR, *, -, ( ) and
the like are just characters to look for or to skip. Inside the quotes FTS5 cuts a word into
the very tokens the index holds (a word may hold several, searched as a phrase).

Greek accents (tonos, dialytika) are folded away on both sides, since the tokenizer folds only
Latin ones and Greek is often typed without them: the index holds notes folded (migration
0009) and each searched word is folded alike (_GREEK_FOLD). Snippets still show notes as typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import aiosqlite

from bot.storage.db import Database, fetch_all

# Around the matched words in a snippet; private-use characters that no keyboard types.
# Whoever shows a snippet escapes it first, then turns these into markup.
MARK_START = "\ue000"
MARK_END = "\ue001"
# Where a snippet leaves text out, while it is lined up with the text as typed; "…" after.
_CUT = "\ue002"
_ELLIPSIS = "…"
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

# The Greek letters with tonos or dialytika, and each without. Migration 0009 folds the indexed
# text with the same table (replace() calls in its view search_text): change both together.
# Each letter becomes one of the same length, so a snippet of the folded text lines up with
# the note as typed (_as_typed).
_GREEK_FOLD = str.maketrans("άέήίόύώϊϋΐΰΆΈΉΊΌΎΏΪΫ", "αεηιουωιυιυΑΕΗΙΟΥΩΙΥ")

# Past this many hits a search stops counting (the user sees "200+") and ranks only the
# newest this many: a search that broad is narrowed by another word, not by paging.
MAX_COUNTED = 200

# The newest hits (a rowid grows with the note's or contact's id), at most :counted, each a
# note's or contact's (never another owner's, never an archived contact's) with its contact.
# FTS5 reads its matches in rowid order and stops after :counted of them, and the prefix
# indexes (migration 0018) let it do so for a word typed in part too. The snippet is cut
# from the folded text; `typed` is the same text as the user typed it (what search_text in
# migration 0009 says a contact is indexed as), to show instead. They are ranked in Python
# (rank_hits): FTS5's own rank (bm25) first counts every row of every word searched, the
# owner's too, which is all of a heavy user's rows.
NEWEST = f"""
SELECT s.rowid AS id, c.id AS contact_id, c.name AS contact_name, s.kind AS kind,
    n.slot AS slot,
    snippet(search_index, 1, '{MARK_START}', '{MARK_END}', '{_CUT}', {SNIPPET_TOKENS:d})
        AS snippet,
    s.body AS folded,
    CASE s.kind WHEN 'note' THEN n.body
        ELSE c.name || ' ' || coalesce(c.company, '') || ' ' || coalesce(c.role, '')
             || ' ' || coalesce(c.how_met, '')
    END AS typed
FROM search_index AS s
LEFT JOIN notes AS n ON s.kind = 'note' AND n.id = s.ref AND n.owner_id = :owner_id
CROSS JOIN contacts AS c ON c.owner_id = :owner_id AND c.archived_at IS NULL
    AND c.id = CASE s.kind WHEN 'note' THEN n.contact_id WHEN 'contact' THEN s.ref END
WHERE search_index MATCH :query
ORDER BY s.rowid DESC
LIMIT :counted
"""

# BM25's constants, as FTS5's bm25() has them: how fast repeats of a word stop counting, and
# how much a long text's length weighs against it.
_K1 = 1.2
_B = 0.75


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
    """The words of `text` to look for, at most MAX_WORDS, repeats (by case or accent) dropped.

    Taken as typed, not normalized: the index holds notes as they were typed, so a full-width
    "ＡＢＣ" or a ligature is found by typing it the same way.
    """
    words: list[str] = []
    for word in _split(text):
        word = word[:MAX_WORD]
        if not any(_is_token_character(char) for char in word):
            continue
        if _key(word) not in (_key(w) for w in words):
            words.append(word)
    return words[:MAX_WORDS]


def _key(word: str) -> str:
    return fold_greek(word).casefold()


def fold_greek(text: str) -> str:
    """`text` without Greek tonos and dialytika, as search_index holds it: "Σίσυφος" → "Σισυφος"."""
    return text.translate(_GREEK_FOLD)


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
    terms = " AND ".join(_quote(fold_greek(word)) + "*" for word in words)
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
    params = {
        "owner_id": owner_id,
        "query": match_query(owner_id, words),
        "counted": MAX_COUNTED + 1,
    }
    newest = await fetch_all(db.conn, NEWEST, params)
    counted = newest[:MAX_COUNTED]
    hits = [
        Hit(
            contact_id=row["contact_id"],
            contact_name=row["contact_name"],
            kind=row["kind"],
            slot=row["slot"],
            snippet=_as_typed(row["snippet"], row["folded"], row["typed"]),
        )
        for row in rank_hits(words, counted)[:limit]
    ]
    return SearchResult(words, hits, len(counted), capped=len(newest) > MAX_COUNTED)


def rank_hits(words: list[str], rows: list[aiosqlite.Row]) -> list[aiosqlite.Row]:
    """`rows` (each with its `folded` text, contact_id and id), best match first.

    BM25 among the hits, as FTS5 ranks: a text that holds the words more often counts more,
    with diminishing returns, and a long one less. Every hit holds every word, so how rare a
    word is changes nothing here. Equally good hits: by contact, then the newest first.
    """
    wanted = sorted({_bare(fold_greek(word)) for word in words}, key=len, reverse=True)
    # Where a word of the text begins with a searched word (the longest that fits).
    starts = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, wanted)) + ")")
    texts = [_bare(row["folded"]) for row in rows]
    lengths = [len(text.split()) for text in texts]
    average = sum(lengths) / len(lengths) if lengths else 0.0

    def score(text: str, length: int) -> float:
        norm = _K1 * (1 - _B + _B * length / average) if average else _K1
        found = starts.findall(text)
        return sum(
            often * (_K1 + 1) / (often + norm) for often in map(found.count, wanted) if often
        )

    scores = [score(text, length) for text, length in zip(texts, lengths, strict=True)]
    order = sorted(
        range(len(rows)), key=lambda i: (-scores[i], rows[i]["contact_id"], -rows[i]["id"])
    )
    return [rows[i] for i in order]


def _bare(text: str) -> str:
    """`text` without case and without the marks remove_diacritics takes off."""
    text = text.casefold()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _as_typed(snippet: str, folded: str, typed: str) -> str:
    """`snippet`, cut from `folded`, showing the same stretch of `typed` instead.

    The snippet is a stretch of `folded` with marks around the matches, after a _CUT unless it
    starts at the beginning and before one unless it runs to the end. `folded` and `typed`
    line up letter by letter (_GREEK_FOLD keeps lengths), so the stretch is found in `folded`
    and read from `typed` at the same place. One that does not line up (a contact indexed
    before how_met was) is shown folded: still the right words.
    """
    cut_before = snippet.startswith(_CUT)
    cut_after = snippet.endswith(_CUT) and len(snippet) > int(cut_before)
    inner = snippet[int(cut_before) : len(snippet) - int(cut_after)]
    if folded != typed:
        stretch = inner.replace(MARK_START, "").replace(MARK_END, "")
        if not cut_before:
            start = 0
        elif not cut_after:
            start = len(folded) - len(stretch)
        else:
            # In the middle: the first place it fits. Where the same folded words come twice,
            # this may show the other one's accents, never other words.
            start = folded.find(stretch, 1)
        shown = typed[start : start + len(stretch)]
        if start >= 0 and folded[start : start + len(stretch)] == stretch == fold_greek(shown):
            letters = iter(shown)
            inner = "".join(
                char if char in (MARK_START, MARK_END) else next(letters) for char in inner
            )
    return _ELLIPSIS * cut_before + inner + _ELLIPSIS * cut_after
