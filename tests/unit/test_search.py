"""/search's storage: FTS5 queries built safely from any text, pinned to one owner."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.config import PROJECT_ROOT
from bot.handlers.search import snippet_segments
from bot.render import Renderer
from bot.sandbox.telegram_html import parse_html_entities
from bot.storage import contacts
from bot.storage.db import (
    Database,
    apply_migrations,
    execute,
    fetch_all,
    load_migrations,
    to_db_time,
)
from bot.storage.search import (
    MARK_END,
    MARK_START,
    MAX_COUNTED,
    MAX_WORDS,
    fold_greek,
    match_query,
    search,
    search_words,
)
from tests.unit.helpers import plan_of, whole_scans

ALICE = 1001
BOB = 2002
START = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "bot.db", clock=lambda: START)
    await database.open()
    yield database
    await database.close()


async def add_note(
    db: Database, owner: int, contact_id: int, body: str, slot: str = "learned"
) -> int:
    async with db.transaction() as conn:
        await execute(
            conn,
            "INSERT INTO notes (owner_id, contact_id, slot, body, created_at) "
            "VALUES (:owner, :contact, :slot, :body, :at)",
            {
                "owner": owner,
                "contact": contact_id,
                "slot": slot,
                "body": body,
                "at": to_db_time(START + timedelta(minutes=contact_id)),
            },
        )
        rows = await conn.execute_fetchall("SELECT last_insert_rowid()")
    return int(next(iter(rows))[0])


def marked(snippet: str) -> list[str]:
    return [text for text, bold in snippet_segments(snippet) if bold]


# -- building the query ----------------------------------------------------------------------


def test_words_are_cut_like_the_tokenizer_and_quoted_as_prefixes() -> None:
    assert search_words('climb "AND" NEAR(x, y) -foo* bar:baz ^q') == [
        "climb",
        "AND",
        "NEAR",
        "x",
        "y",
        "foo",
        "bar",
        "baz",
    ]
    assert match_query(7, ["climb", "NEAR"]) == 'owner:"u7" AND body:("climb"* AND "NEAR"*)'
    with pytest.raises(ValueError):
        match_query(7, [])


def test_words_of_any_script_survive_and_punctuation_is_dropped() -> None:
    assert search_words("Мария, σίσυφος; café—crème 東京 42") == [
        "Мария",
        "σίσυφος",
        "café",
        "crème",
        "東京",
        "42",
    ]
    assert search_words("*** --- () \"\" ''") == []
    assert search_words("a a A b") == ["a", "b"]  # repeats add nothing
    assert len(search_words(" ".join(f"w{n}" for n in range(50)))) == MAX_WORDS


# -- searching ---------------------------------------------------------------------------------


async def test_finds_a_note_by_a_word_and_by_a_prefix(db: Database) -> None:
    mira = await contacts.create_contact(db, ALICE, name="Mira Patel", company="Globex")
    await add_note(db, ALICE, mira.id, "She goes climbing every weekend", "interests")
    for text in ("climbing", "climb", "CLIMB", "weekend climb"):
        result = await search(db, ALICE, text)
        assert [(h.contact_name, h.kind, h.slot) for h in result.hits] == [
            ("Mira Patel", "note", "interests")
        ], text
        assert result.total == 1
    [hit] = (await search(db, ALICE, "clim")).hits
    assert marked(hit.snippet) == ["climbing"]
    assert (await search(db, ALICE, "limbing")).hits == []  # prefixes, not infixes


async def test_a_prefix_of_any_length_finds_the_word(db: Database) -> None:
    """The index keeps prefixes of up to 8 characters ready (migration 0018); shorter,
    exactly that long and longer ones all find the word, in any case or accent."""
    lea = await contacts.create_contact(db, ALICE, name="Léa")
    await add_note(db, ALICE, lea.id, "Kitesurfing instructor in Peniche")
    for typed in ("k", "ki", "kitesurf", "kitesurfi", "KITESURFING", "kitesurfing", "péniche"):
        assert [h.contact_name for h in (await search(db, ALICE, typed)).hits] == ["Léa"], typed
    assert (await search(db, ALICE, "kitesurfings")).hits == []


async def test_the_best_match_comes_first(db: Database) -> None:
    """Among the hits, a note that holds the word more often comes first, and of two that
    hold it as often, the shorter; equally good ones by contact, the newest first."""
    ines = await contacts.create_contact(db, ALICE, name="Ines")
    bo = await contacts.create_contact(db, ALICE, name="Bo")
    long = "kayak trip with the club, then a long talk about boats, tides and old maps"
    for body in ("kayak and kayak again", "kayak", long):  # the newest is the worst
        await add_note(db, ALICE, ines.id, body)
    await add_note(db, ALICE, ines.id, "canoe six")
    await add_note(db, ALICE, bo.id, "canoe one")
    await add_note(db, ALICE, bo.id, "canoe two")

    shown = [plain_text(h.snippet) for h in (await search(db, ALICE, "kayak")).hits]
    assert shown[:2] == ["kayak and kayak again", "kayak"] and len(shown) == 3
    assert shown[2].startswith("kayak trip")
    canoes = [plain_text(h.snippet) for h in (await search(db, ALICE, "canoe")).hits]
    assert canoes == ["canoe six", "canoe two", "canoe one"]  # Ines is the older contact


def plain_text(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


async def test_every_word_must_match(db: Database) -> None:
    mira = await contacts.create_contact(db, ALICE, name="Mira")
    await add_note(db, ALICE, mira.id, "loves jazz and old maps")
    await add_note(db, ALICE, mira.id, "jazz festival in July")
    assert (await search(db, ALICE, "jazz")).total == 2
    [hit] = (await search(db, ALICE, "jazz maps")).hits
    assert marked(hit.snippet) == ["jazz", "maps"]
    assert (await search(db, ALICE, "jazz opera")).hits == []


async def test_cyrillic_greek_and_accents(db: Database) -> None:
    anna = await contacts.create_contact(db, ALICE, name="Анна Смирнова", company="Яндекс")
    await add_note(db, ALICE, anna.id, "Увлекается скалолазанием и джазом")
    await add_note(db, ALICE, anna.id, "Reads Σίσυφος in Greek")
    await add_note(db, ALICE, anna.id, "Ate crème brûlée at Café Zoë")
    assert [h.kind for h in (await search(db, ALICE, "СКАЛО")).hits] == ["note"]
    assert [h.kind for h in (await search(db, ALICE, "смирн")).hits] == ["contact"]
    assert [h.kind for h in (await search(db, ALICE, "яндекс")).hits] == ["contact"]
    assert len((await search(db, ALICE, "σίσυφ")).hits) == 1  # Greek, case folded
    for text in ("creme brulee", "cafe zoe", "CRÈME", "Zoe"):
        assert len((await search(db, ALICE, text)).hits) == 1, text
    [hit] = (await search(db, ALICE, "brulee")).hits
    assert marked(hit.snippet) == ["brûlée"]


async def test_greek_is_found_with_or_without_its_accents(db: Database) -> None:
    """Greek is often typed without tonos and dialytika, which the tokenizer does not fold."""
    nikos = await contacts.create_contact(db, ALICE, name="Νίκος Παπαδάκης", company="Ωκεανός")
    await add_note(db, ALICE, nikos.id, "Διαβάζει τον Σίσυφο, αγαπά το τσάι")
    await add_note(db, ALICE, nikos.id, "Πήγε στο Αιγαιο με τον Πρωταγορα")  # typed bare
    await add_note(db, ALICE, nikos.id, "Μιλάει για προϋπολογισμό και ΰφος")
    for text in ("σισυφο", "ΣΙΣΥΦΟ", "Σισυφ", "σίσυφο", "ΣΊΣΥΦΟ", "τσαι αγαπα"):
        [hit] = (await search(db, ALICE, text)).hits
        assert hit.kind == "note" and "Σίσυφο" in hit.snippet, text
    for text in ("Αιγαίο", "πρωταγόρα", "ΑΙΓΑΊΟ"):  # an accented search, a bare note
        [hit] = (await search(db, ALICE, text)).hits
        assert "Αιγαιο" in hit.snippet, text
    for text in ("προυπολογισμο", "προϋπολογισμό", "προΰπολ", "υφος"):  # dialytika, ΰ
        assert len((await search(db, ALICE, text)).hits) == 1, text
    for text in ("νικος", "ΠΑΠΑΔΑΚΗΣ", "ωκεανος", "Ωκεανος"):
        [hit] = (await search(db, ALICE, text)).hits
        assert hit.kind == "contact" and hit.contact_id == nikos.id, text
    # Latin accents are folded as before, and words still have to match.
    await add_note(db, ALICE, nikos.id, "Ate crème brûlée")
    assert len((await search(db, ALICE, "creme brûlee")).hits) == 1
    assert (await search(db, ALICE, "σισυφος")).hits == []  # a longer word, not a prefix
    assert (await search(db, ALICE, "σισυφο αιγαιο")).hits == []


async def test_the_index_and_the_words_searched_fold_greek_alike(db: Database) -> None:
    """Migrations 0009 and 0010 fold in SQL, search.py in Python: the tables must agree."""
    greek = "".join(chr(code) for code in range(0x0370, 0x0400) if chr(code).isalpha())
    mira = await contacts.create_contact(db, ALICE, name="Mira")
    note_id = await add_note(db, ALICE, mira.id, greek + " café")
    [row] = await fetch_all(
        db.conn, "SELECT body FROM search_index WHERE rowid = ?", (2 * note_id,)
    )
    assert row["body"] == fold_greek(greek) + " café"
    # Migration 0010 folds the names /contact NAME matches with the same table.
    named = await contacts.create_contact(db, ALICE, name=greek)
    [row] = await fetch_all(db.conn, "SELECT words FROM contact_words WHERE rowid = ?", (named.id,))
    assert row["words"] == fold_greek(greek) + " "
    assert fold_greek("ΆάΐΰΫϋ Σίσυφος") == "ΑαιυΥυ Σισυφος"
    assert all(len(fold_greek(char).encode()) == len(char.encode()) for char in greek)


async def test_the_search_triggers_of_0009_read_through_indexes(db: Database) -> None:
    triggers = await fetch_all(
        db.conn,
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_search_%'",
    )
    checked = 0
    for trigger in triggers:
        body = trigger["sql"][trigger["sql"].upper().index("BEGIN") + 5 : -3]
        for statement in filter(str.strip, re.sub(r"\b(?:new|old)\.\w+", "1", body).split(";")):
            plan = await plan_of(db, statement)
            assert whole_scans(plan) == [], (trigger["name"], plan)
            checked += 1
    assert checked == 6


async def test_a_snippet_shows_the_note_as_it_was_typed(db: Database) -> None:
    nikos = await contacts.create_contact(db, ALICE, name="Νίκος")
    long = " ".join(["Πρώτα"] * 20 + ["ο", "Σίσυφος", "ανεβάζει", "την", "πέτρα"] + ["ξανά"] * 20)
    for body in (long, "Ο Σίσυφος, ο Ίκαρος; και η Ελένη!", "«Σίσυφος» …ΐ"):
        await add_note(db, ALICE, nikos.id, body)
    hits = (await search(db, ALICE, "σισυφος")).hits
    assert len(hits) == 3
    for hit in hits:
        assert marked(hit.snippet) == ["Σίσυφος"], hit.snippet
    shown = {hit.snippet.replace(MARK_START, "").replace(MARK_END, "") for hit in hits}
    assert "Ο Σίσυφος, ο Ίκαρος; και η Ελένη!" in shown
    assert "«Σίσυφος» …ΐ" in shown
    [middle] = [text for text in shown if text.startswith("…")]
    assert middle.endswith("…") and "Πρώτα ο Σίσυφος ανεβάζει την πέτρα ξανά" in middle
    [hit] = (await search(db, ALICE, "ικαρ ελενη")).hits
    assert marked(hit.snippet) == ["Ίκαρος", "Ελένη"]
    [contact] = (await search(db, ALICE, "νικος")).hits
    assert marked(contact.snippet) == ["Νίκος"]


async def test_greek_searches_stay_with_their_owner(db: Database) -> None:
    mine = await contacts.create_contact(db, ALICE, name="Ελένη")
    theirs = await contacts.create_contact(db, BOB, name="Ελένη Μυστική")
    await add_note(db, ALICE, mine.id, "Ταξίδι στη Σαντορίνη")
    await add_note(db, BOB, theirs.id, "Ταξίδι στη Σαντορίνη, μυστικό")
    assert [h.contact_id for h in (await search(db, ALICE, "ελενη")).hits] == [mine.id]
    assert [h.contact_id for h in (await search(db, ALICE, "σαντορινη")).hits] == [mine.id]
    assert (await search(db, ALICE, "μυστικη")).hits == []
    assert [h.contact_id for h in (await search(db, BOB, "ταξιδι")).hits] == [theirs.id]


async def test_greek_notes_from_before_0009_are_found_without_accents(
    tmp_path: Path,
) -> None:
    """People upgrade with their data in place: notes and contacts already indexed are folded."""
    path = tmp_path / "old.db"
    at = to_db_time(START)
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await apply_migrations(conn, [m for m in load_migrations() if m.version <= 8])
        for owner in (ALICE, BOB):
            await conn.execute(
                "INSERT INTO users (id, created_at, updated_at) VALUES (?, ?, ?)", (owner, at, at)
            )
        for contact_id, owner, name in ((1, ALICE, "Νίκος"), (2, ALICE, "Mira"), (3, BOB, "Ίρις")):
            await conn.execute(
                "INSERT INTO contacts (id, owner_id, name, name_key, company, created_at) "
                "VALUES (?, ?, ?, ?, 'Ωκεανός', ?)",
                (contact_id, owner, name, name.casefold(), at),
            )
        for contact_id, owner, body in (
            (1, ALICE, "Διαβάζει τον Σίσυφο"),
            (2, ALICE, "Ate crème brûlée"),
            (3, BOB, "Διαβάζει τον Σίσυφο"),
        ):
            await conn.execute(
                "INSERT INTO notes (owner_id, contact_id, slot, body, created_at) "
                "VALUES (?, ?, 'learned', ?, ?)",
                (owner, contact_id, body, at),
            )
    finally:
        await conn.close()

    db = Database(path, clock=lambda: START)
    await db.open()
    try:
        [hit] = (await search(db, ALICE, "σισυφο")).hits
        assert hit.contact_id == 1 and marked(hit.snippet) == ["Σίσυφο"]
        [hit] = (await search(db, ALICE, "νικος")).hits
        assert hit.kind == "contact" and marked(hit.snippet) == ["Νίκος"]
        assert len((await search(db, ALICE, "ωκεανος")).hits) == 2
        assert len((await search(db, ALICE, "brulee")).hits) == 1
        assert [h.contact_id for h in (await search(db, BOB, "ιρις")).hits] == [3]
        # Written after the upgrade, by the new triggers.
        await add_note(db, ALICE, 2, "Πάει στην Αθήνα")
        assert len((await search(db, ALICE, "αθηνα")).hits) == 1
    finally:
        await db.close()


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""',
        'climbing"',
        "climbing AND",
        "AND OR NOT",
        "NEAR(climbing jazz, 2)",
        "climb*",
        "*",
        "-climbing",
        "(climbing",
        "climbing)",
        "^climbing",
        "body:climbing",
        "owner:u2002",
        "{owner body}: x",
        "climbing + jazz",
        "\x00",
        "'; DROP TABLE notes; --",
    ],
)
async def test_query_syntax_in_user_text_is_never_an_error(db: Database, text: str) -> None:
    mira = await contacts.create_contact(db, ALICE, name="Mira")
    await add_note(db, ALICE, mira.id, "climbing and jazz; not near the coast")
    secret = await contacts.create_contact(db, BOB, name="Secret Person")
    await add_note(db, BOB, secret.id, "climbing owner u2002 body")
    result = await search(db, ALICE, text)  # must not raise
    assert all(hit.contact_id == mira.id for hit in result.hits)


async def test_operators_are_searched_as_plain_words(db: Database) -> None:
    mira = await contacts.create_contact(db, ALICE, name="Mira")
    await add_note(db, ALICE, mira.id, "Salt and pepper, not near the sea")
    await add_note(db, ALICE, mira.id, "Only pepper")
    assert (await search(db, ALICE, "pepper")).total == 2
    # AND, NOT and NEAR are words to find, not operators that change the query.
    assert (await search(db, ALICE, "pepper AND")).total == 1
    assert (await search(db, ALICE, "NOT pepper")).total == 1
    assert (await search(db, ALICE, "pepper NEAR")).total == 1
    assert (await search(db, ALICE, "pepper OR salt")).total == 0


async def test_one_owner_never_sees_another_owners_rows(db: Database) -> None:
    mine = await contacts.create_contact(db, ALICE, name="Mira", company="Globex")
    theirs = await contacts.create_contact(db, BOB, name="Globex Spy", company="Globex")
    await add_note(db, ALICE, mine.id, "budget talk")
    await add_note(db, BOB, theirs.id, "budget secret")
    result = await search(db, ALICE, "globex")
    assert [h.contact_id for h in result.hits] == [mine.id]
    assert [h.contact_id for h in (await search(db, ALICE, "budget")).hits] == [mine.id]
    assert (await search(db, ALICE, "secret")).hits == []
    assert (await search(db, ALICE, "spy")).hits == []
    # The owner tag is not searchable text.
    assert (await search(db, ALICE, f"u{BOB}")).hits == []
    assert (await search(db, ALICE, f"u{ALICE}")).hits == []
    assert [h.contact_id for h in (await search(db, BOB, "budget")).hits] == [theirs.id]


async def test_archived_contacts_and_their_notes_are_left_out(db: Database) -> None:
    mira = await contacts.create_contact(db, ALICE, name="Mira Archived")
    await add_note(db, ALICE, mira.id, "sailing")
    assert (await search(db, ALICE, "sailing")).total == 1
    assert await contacts.archive_contact(db, ALICE, mira.id)
    assert (await search(db, ALICE, "sailing")).hits == []
    assert (await search(db, ALICE, "mira")).hits == []
    assert await contacts.restore_contact(db, ALICE, mira.id)
    assert (await search(db, ALICE, "sailing")).total == 1


async def test_edits_to_a_contact_are_searchable_at_once(db: Database) -> None:
    mira = await contacts.create_contact(db, ALICE, name="Mira", company="Globex")
    await contacts.update_contact(db, ALICE, mira.id, company="Initech", role="CTO")
    assert (await search(db, ALICE, "globex")).hits == []
    [hit] = (await search(db, ALICE, "initech cto")).hits
    assert hit.kind == "contact" and hit.slot is None
    await contacts.update_contact(db, ALICE, mira.id, how_met="Met at PyCon Berlin")
    [hit] = (await search(db, ALICE, "pycon")).hits
    assert hit.contact_id == mira.id and marked(hit.snippet) == ["PyCon"]


async def test_hits_are_capped_and_counted(db: Database) -> None:
    people = [await contacts.create_contact(db, ALICE, name=f"P{n}") for n in range(4)]
    for n in range(25):
        await add_note(db, ALICE, people[n % 4].id, f"talked about kayaks, note {n}")
    result = await search(db, ALICE, "kayak", limit=10)
    assert len(result.hits) == 10 and result.total == 25
    assert (await search(db, ALICE, "kayak", limit=30)).total == 25
    assert (await search(db, ALICE, "kayak", limit=0)).hits == []


async def test_a_broad_search_stops_counting_at_the_cap(db: Database) -> None:
    mira = await contacts.create_contact(db, ALICE, name="Mira")
    async with db.transaction() as conn:
        for n in range(MAX_COUNTED + 5):
            await execute(
                conn,
                "INSERT INTO notes (owner_id, contact_id, slot, body, created_at) "
                "VALUES (?, ?, 'learned', ?, ?)",
                (ALICE, mira.id, f"paddled kayaks with the club, trip {n}", to_db_time(START)),
            )
    await add_note(db, ALICE, mira.id, "kayak")  # the newest, and the closest match
    result = await search(db, ALICE, "kayak")
    assert result.total == MAX_COUNTED and result.capped
    assert len(result.hits) == 10 and marked(result.hits[0].snippet) == ["kayak"]
    exact = await search(db, ALICE, "kayak trip 7")  # trip 7 and trip 7x: few enough to count
    assert exact.total == 11 and not exact.capped


# -- showing a snippet ----------------------------------------------------------------------------


def test_snippet_segments_mark_the_matches_and_survive_stray_markers() -> None:
    assert snippet_segments(f"likes {MARK_START}jazz{MARK_END} a lot") == [
        ("likes ", False),
        ("jazz", True),
        (" a lot", False),
    ]
    # A note that itself contains a marker character cannot unbalance anything.
    stray = f"{MARK_END}a{MARK_START}{MARK_START}b"
    assert "".join(t for t, _ in snippet_segments(stray)) == "ab"


def test_results_escape_user_text_and_bold_only_the_matches() -> None:
    render = Renderer(PROJECT_ROOT / "prompts")
    hostile = f"<b>&amp; {MARK_START}<i>jazz</i>{MARK_END} & </b>"
    html = render.message(
        "search/results",
        query="<jazz & co>",
        total=1,
        capped=False,
        groups=[{"name": "<b>Bob & Co</b>", "lines": [("Interests", snippet_segments(hostile))]}],
        more=0,
    )
    shown = parse_html_entities(html)
    assert "<b>Bob & Co</b>" in shown.text
    assert "<b>&amp; <i>jazz</i> & </b>" in shown.text
    assert "“<jazz & co>”" in shown.text
    units = shown.text.encode("utf-16-le")  # entity offsets count UTF-16 code units
    bold = [
        units[2 * e.offset : 2 * (e.offset + e.length)].decode("utf-16-le")
        for e in shown.entities
        if e.type == "bold"
    ]
    assert bold == ["1 match", "<b>Bob & Co</b>", "<i>jazz</i>"]


def test_a_capped_count_is_shown_as_a_lower_bound() -> None:
    render = Renderer(PROJECT_ROOT / "prompts")
    lines = [("Interests", [("kayaks", True)])]
    capped = render.message(
        "search/results",
        query="kayak",
        total=MAX_COUNTED,
        capped=True,
        groups=[{"name": "Mira", "lines": lines}],
        more=MAX_COUNTED - 1,
    )
    text = parse_html_entities(capped).text
    assert f"{MAX_COUNTED}+ matches" in text and f"{MAX_COUNTED - 1}+ more" in text
    exact = render.message(
        "search/results",
        query="kayak",
        total=14,
        capped=False,
        groups=[{"name": "Mira", "lines": lines}],
        more=13,
    )
    text = parse_html_entities(exact).text
    assert "14 matches" in text and "+13 more" in text and "+ matches" not in text
