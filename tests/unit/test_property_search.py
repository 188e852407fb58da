"""/search's query building on real SQLite FTS5, for any text.

The statement is the one bot.storage.search runs (NEWEST, with match_query's
MATCH text), on an in-memory database with every migration applied; plain sqlite3 keeps each
example to microseconds, so hypothesis can try many.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.handlers.search import MAX_TEXT
from bot.storage.db import load_migrations, split_statements
from bot.storage.search import (
    MAX_COUNTED,
    MAX_WORDS,
    NEWEST,
    _as_typed,
    fold_greek,
    match_query,
    search_words,
)

OWNER = 1001
OTHER = 2002
AT = "2030-01-01T09:00:00.000000+00:00"
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)

# Text from scripts people write notes in, with what makes them hard: combining marks that
# have no precomposed form (Yoruba ẹ́), marks of Indic scripts, Hebrew points and Arabic
# vowels, full-width Latin as Japanese keyboards type it, ligatures and fractions pasted from
# documents, emoji with joiners, and private-use characters.
SCRIPTS = (
    "abcxyzABCXYZ0123456789",
    "éèêëàçñøåßłŁ",
    "\u0301\u0300\u0308\u0323",
    "ẹọṣ",
    "αβγΣίσυφος",
    "абвгджЯЁё",
    "שָׁלוֹם",
    "مَرْحَبًا",
    "नमस्तेक्षि",
    "தமிழ்",
    "สวัสดีครับ",
    "東京大学中文字",
    "한국어",
    "ひらがなカタカナｶﾀｶﾅ",
    "ＡＢＣａｂｃ０１２",
    "ﬁﬂ½²³№™",
    "😀👍🏽\u200d\ufe0f",
    "\ue000\ue001\uf8ff",
    " ,.;:!?-—()'\"*&/",
)
real_text = st.text(alphabet=st.sampled_from("".join(SCRIPTS)), min_size=1, max_size=60)
any_text = st.text(max_size=120)
any_body = st.text(min_size=1, max_size=120)


@pytest.fixture(scope="module")
def conn() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.row_factory = sqlite3.Row
    for migration in load_migrations():
        for statement in split_statements(migration.sql):
            connection.execute(statement)
    for owner in (OWNER, OTHER):
        connection.execute(
            "INSERT INTO users (id, created_at, updated_at) VALUES (?, ?, ?)", (owner, AT, AT)
        )
        connection.execute(
            "INSERT INTO contacts (id, owner_id, name, name_key, created_at) "
            "VALUES (?, ?, 'Sam', 'sam', ?)",
            (owner, owner, AT),
        )
    yield connection
    connection.close()


def note(conn: sqlite3.Connection, owner: int, body: str) -> None:
    conn.execute("DELETE FROM notes WHERE owner_id = ?", (owner,))
    conn.execute(
        "INSERT INTO notes (owner_id, contact_id, slot, body, created_at) "
        "VALUES (?, ?, 'learned', ?, ?)",
        (owner, owner, body, AT),
    )


def hits(conn: sqlite3.Connection, owner: int, typed: str) -> list[sqlite3.Row] | None:
    """What /search shows for `typed` (None: "type at least one word")."""
    words = search_words(" ".join(typed.split())[:MAX_TEXT])
    if not words:
        return None
    params = {"owner_id": owner, "query": match_query(owner, words), "counted": MAX_COUNTED + 1}
    return list(conn.execute(NEWEST, params))


@SETTINGS
@given(typed=st.one_of(any_text, real_text), body=st.one_of(any_body, real_text))
@example(typed='"', body="x")
@example(typed='NEAR(a b, 2) AND "c*" OR -d ^e owner:u2002 body:x {owner}: y', body="a b c")
@example(typed="\x00", body="\x00")
def test_no_text_makes_a_query_sqlite_refuses_or_one_that_leaves_its_owner(
    conn: sqlite3.Connection, typed: str, body: str
) -> None:
    note(conn, OTHER, body)
    for owner in (OWNER, OTHER):
        found = hits(conn, owner, typed) or []
        assert all(row["contact_id"] == owner for row in found)
    # OWNER has no notes: at most their contact's profile, never OTHER's note.
    assert all(row["kind"] == "contact" for row in hits(conn, OWNER, typed) or [])
    assert len(search_words(typed)) <= MAX_WORDS


@SETTINGS
@given(body=real_text)
@example(body="ẹ́kọ́ ilé")  # Yoruba: marks with no precomposed letter
@example(body="ＡＢＣ商事")  # full-width Latin
@example(body="ﬁnance ½")  # a ligature and a fraction
@example(body="q\u0301z")
def test_a_note_is_found_by_its_own_words(conn: sqlite3.Connection, body: str) -> None:
    note(conn, OWNER, body)
    found = hits(conn, OWNER, body)
    if found is not None:
        assert "note" in [row["kind"] for row in found], search_words(body)


@SETTINGS
@given(body=real_text)
@example(body="Ο Σίσυφος, ο Ίκαρος")
@example(body="ΐΰ ϊϋ ΪΫ άέήίόύώ ΆΈΉΊΌΎΏ")
@example(body="…Σίσυφος…")
@example(body=" ".join(["Πρώτα"] * 15 + ["Σίσυφος"] + ["ξανά"] * 15))  # cut on both sides
def test_greek_is_found_without_its_accents_and_shown_with_them(
    conn: sqlite3.Connection, body: str
) -> None:
    note(conn, OWNER, body)
    for typed in (fold_greek(body), body):
        found = hits(conn, OWNER, typed)
        if found is None:
            continue
        [row] = [row for row in found if row["kind"] == "note"]
        if "\ue000" in body or "\ue001" in body:
            continue  # a marker the note itself holds cannot be told from one of the snippet's
        shown = _as_typed(row["snippet"], row["folded"], row["typed"])
        plain = shown.replace("\ue000", "").replace("\ue001", "")
        assert plain.removeprefix("…").removesuffix("…") in body, (shown, body)
