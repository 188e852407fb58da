"""Contacts: ownership, recency, Unicode-aware lookup by name, and restarts."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.storage import debriefs
from bot.storage.contacts import (
    Contact,
    create_contact,
    find_contacts,
    get_contact,
    match_contacts,
    recent_contacts,
    set_stage,
)
from bot.storage.db import Database, apply_migrations, fetch_all, load_migrations, to_db_time
from bot.storage.interactions import record_interaction
from bot.storage.meetings import create_meeting
from tests.unit.helpers import START, Clock

ALICE = 1001
BOB = 2002


async def test_created_contact_reads_back_the_same(db: Database) -> None:
    created = await create_contact(db, ALICE, name="Grace", company="Navy", role="Admiral")
    assert created == Contact(
        id=created.id,
        owner_id=ALICE,
        name="Grace",
        company="Navy",
        role="Admiral",
        stage="seed",
        created_at=START,
        last_met_at=None,
    )
    assert await get_contact(db, ALICE, created.id) == created


async def test_missing_contact_is_none(db: Database) -> None:
    assert await get_contact(db, ALICE, 12345) is None


async def test_another_owner_cannot_see_or_change_a_contact(db: Database) -> None:
    grace = await create_contact(db, ALICE, name="Grace")

    assert await get_contact(db, BOB, grace.id) is None
    assert await set_stage(db, BOB, grace.id, "feed") is False
    assert await recent_contacts(db, BOB) == []
    assert await find_contacts(db, BOB, "Grace") == []
    assert await get_contact(db, ALICE, grace.id) == grace, "Alice's contact is untouched"


async def test_set_stage_moves_the_owners_contact(db: Database) -> None:
    grace = await create_contact(db, ALICE, name="Grace")
    assert await set_stage(db, ALICE, grace.id, "feed") is True
    moved = await get_contact(db, ALICE, grace.id)
    assert moved is not None and moved.stage == "feed"
    assert await set_stage(db, ALICE, 999_999, "feed") is False


async def test_empty_name_or_stage_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="name"):
        await create_contact(db, ALICE, name="  ")
    grace = await create_contact(db, ALICE, name="Grace")
    with pytest.raises(ValueError, match="stage"):
        await set_stage(db, ALICE, grace.id, "")
    assert await recent_contacts(db, ALICE) == [grace]


async def test_recent_contacts_follow_the_latest_activity(db: Database, clock: Clock) -> None:
    ada = await create_contact(db, ALICE, name="Ada")
    clock.tick()
    bea = await create_contact(db, ALICE, name="Bea")
    clock.tick()
    cy = await create_contact(db, ALICE, name="Cy")

    async def names() -> list[str]:
        return [c.name for c in await recent_contacts(db, ALICE)]

    assert await names() == ["Cy", "Bea", "Ada"], "newest contact first"

    clock.tick()
    await create_meeting(db, ALICE, contact_id=ada.id, goal="advice", scheduled_at=None)
    assert await names() == ["Ada", "Cy", "Bea"], "preparing a meeting brings Ada up"

    # Created before Cy's meeting, but scheduled for next week: the upcoming one counts.
    clock.tick()
    next_week = clock.now + timedelta(days=7)
    await create_meeting(db, ALICE, contact_id=bea.id, goal="intro", scheduled_at=next_week)
    clock.tick()
    await create_meeting(db, ALICE, contact_id=cy.id, goal="catch up", scheduled_at=None)
    assert await names() == ["Bea", "Cy", "Ada"]
    assert {c.id for c in await recent_contacts(db, ALICE)} == {ada.id, bea.id, cy.id}


async def test_recent_contacts_come_up_after_a_debrief_note_or_an_interaction(
    db: Database, clock: Clock
) -> None:
    ada = await create_contact(db, ALICE, name="Ada")
    meeting = await create_meeting(
        db, ALICE, contact_id=ada.id, goal="learn", scheduled_at=clock.now - timedelta(days=1)
    )
    clock.tick()
    bea = await create_contact(db, ALICE, name="Bea")
    clock.tick()
    cy = await create_contact(db, ALICE, name="Cy")

    async def names() -> list[str]:
        return [c.name for c in await recent_contacts(db, ALICE)]

    assert await names() == ["Cy", "Bea", "Ada"]
    clock.tick()
    debrief = await debriefs.start_debrief(db, ALICE, meeting.id)
    assert await debriefs.record_answer(
        db, ALICE, debrief.id, step=0, step_id="learned", slot="learned", bodies=["x"], update_id=1
    )
    assert await names() == ["Ada", "Cy", "Bea"], "the debrief's answer brings Ada up"
    clock.tick()
    await record_interaction(db, ALICE, bea.id, "followup", clock.now)
    assert await names() == ["Bea", "Ada", "Cy"]
    # An interaction logged for an earlier time moves nobody past later activity.
    await record_interaction(db, ALICE, cy.id, "meeting", clock.now - timedelta(days=3))
    assert await names() == ["Bea", "Ada", "Cy"]
    assert await recent_contacts(db, BOB) == []


async def test_discarding_a_debrief_takes_back_the_activity_of_its_answers(
    db: Database, clock: Clock
) -> None:
    ada = await create_contact(db, ALICE, name="Ada")
    meeting = await create_meeting(db, ALICE, contact_id=ada.id, goal="learn", scheduled_at=None)
    clock.tick()
    await create_contact(db, ALICE, name="Bea")
    clock.tick()
    debrief = await debriefs.start_debrief(db, ALICE, meeting.id)
    await debriefs.record_answer(
        db, ALICE, debrief.id, step=0, step_id="learned", slot="learned", bodies=["x"], update_id=1
    )
    assert [c.name for c in await recent_contacts(db, ALICE)] == ["Ada", "Bea"]
    assert await debriefs.discard_debrief(db, ALICE, debrief.id)
    assert [c.name for c in await recent_contacts(db, ALICE)] == ["Bea", "Ada"]


async def test_recent_contacts_limit(db: Database, clock: Clock) -> None:
    for index in range(8):
        clock.tick()
        await create_contact(db, ALICE, name=f"Person {index}")

    assert len(await recent_contacts(db, ALICE)) == 6, "six by default"
    assert [c.name for c in await recent_contacts(db, ALICE, limit=2)] == ["Person 7", "Person 6"]
    assert await recent_contacts(db, ALICE, limit=0) == []


async def test_archived_contacts_are_left_out(db: Database, clock: Clock) -> None:
    ada = await create_contact(db, ALICE, name="Ada")
    bea = await create_contact(db, ALICE, name="Bea")
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE contacts SET archived_at = ? WHERE id = ?", (to_db_time(clock.now), ada.id)
        )

    assert await recent_contacts(db, ALICE) == [bea]
    assert await find_contacts(db, ALICE, "Ada") == []
    archived = await get_contact(db, ALICE, ada.id)
    assert archived is not None and archived.archived_at == clock.now


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Ölaf", "ölaf"),
        ("ölaf", "ÖLAF"),
        ("ΣΊΣΥΦΟΣ", "σίσυφος"),  # capital and final sigma both fold to σ
        ("Straße", "STRASSE"),  # casefold, not lower()
        ("O\u0308laf", "Ölaf"),  # combining diaeresis vs precomposed Ö
        ("Ada  Lovelace ", "ada lovelace"),
    ],
)
async def test_find_contacts_ignores_unicode_case(db: Database, stored: str, typed: str) -> None:
    contact = await create_contact(db, ALICE, name=stored)
    assert await find_contacts(db, ALICE, typed) == [contact]
    assert contact.name == stored, "the name itself is kept as typed"


@pytest.mark.parametrize("typed", ["Olaf", "Öla", "Ölaf Jr", ""])
async def test_find_contacts_is_an_exact_match(db: Database, typed: str) -> None:
    await create_contact(db, ALICE, name="Ölaf")
    assert await find_contacts(db, ALICE, typed) == []


async def test_find_contacts_returns_every_namesake_oldest_first(
    db: Database, clock: Clock
) -> None:
    first = await create_contact(db, ALICE, name="Sam", company="Acme")
    clock.tick()
    second = await create_contact(db, ALICE, name="SAM", company="Globex")
    await create_contact(db, BOB, name="Sam")
    assert await find_contacts(db, ALICE, "sam") == [first, second]


@pytest.mark.parametrize(
    "name",
    [
        "Robert'); DROP TABLE contacts;--",
        '<b>Bold</b> & "quoted" <script>alert(1)</script>',
        "O'Brien",
        "% _ \\ LIKE wildcards",
        "李小龍 🐉",
    ],
)
async def test_hostile_looking_names_are_stored_unchanged(db: Database, name: str) -> None:
    contact = await create_contact(db, ALICE, name=name, company=name, role=name)
    again = await get_contact(db, ALICE, contact.id)
    assert again is not None
    assert (again.name, again.company, again.role) == (name, name, name)
    assert await find_contacts(db, ALICE, name) == [contact]
    tables = await fetch_all(db.conn, "SELECT name FROM sqlite_master WHERE name = 'contacts'")
    assert len(tables) == 1


async def test_last_met_at_is_the_latest_meeting_already_past(db: Database, clock: Clock) -> None:
    grace = await create_contact(db, ALICE, name="Grace")
    yesterday = clock.now - timedelta(days=1)
    last_week = clock.now - timedelta(days=7)
    await create_meeting(db, ALICE, contact_id=grace.id, goal="a", scheduled_at=last_week)
    await create_meeting(db, ALICE, contact_id=grace.id, goal="b", scheduled_at=yesterday)
    await create_meeting(
        db, ALICE, contact_id=grace.id, goal="c", scheduled_at=clock.now + timedelta(days=3)
    )

    contact = await get_contact(db, ALICE, grace.id)
    assert contact is not None and contact.last_met_at == yesterday

    clock.tick(minutes=60 * 24 * 4)  # the upcoming one is now in the past too
    contact = await get_contact(db, ALICE, grace.id)
    assert contact is not None and contact.last_met_at == START + timedelta(days=3)


async def test_contacts_survive_a_restart(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "bot.db"
    before = Database(path, clock=clock)
    await before.open()
    grace = await create_contact(before, ALICE, name="Grace", company="Navy")
    await set_stage(before, ALICE, grace.id, "feed")
    await before.close()

    after = Database(path, clock=clock)
    await after.open()
    try:
        restored = await get_contact(after, ALICE, grace.id)
        assert restored is not None
        assert (restored.name, restored.company, restored.stage) == ("Grace", "Navy", "feed")
        assert restored.created_at == START
    finally:
        await after.close()


async def test_a_database_from_before_0007_keeps_its_order_and_names_when_upgraded(
    tmp_path: Path, clock: Clock
) -> None:
    """People upgrade with their data in place: what migration 0007 stores is filled in."""
    path = tmp_path / "old.db"
    at = [to_db_time(START + timedelta(minutes=n)) for n in range(5)]
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await apply_migrations(conn, [m for m in load_migrations() if m.version < 7])
        await conn.execute(
            "INSERT INTO users (id, created_at, updated_at) VALUES (?, ?, ?)", (ALICE, at[0], at[0])
        )
        for contact_id, name, created in (
            (1, "Ada Zoë", at[0]),
            (2, "Beatrix", at[1]),
            (3, "Cy", at[2]),
        ):
            await conn.execute(
                "INSERT INTO contacts (id, owner_id, name, name_key, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (contact_id, ALICE, name, name.casefold(), created),
            )
        await conn.execute(
            "INSERT INTO meetings (owner_id, contact_id, goal, created_at) VALUES (?, 1, 'x', ?)",
            (ALICE, at[3]),
        )
        await conn.execute(
            "INSERT INTO notes (owner_id, contact_id, slot, body, created_at) "
            "VALUES (?, 2, 'learned', 'x', ?)",
            (ALICE, at[4]),
        )
    finally:
        await conn.close()

    db = Database(path, clock=clock)
    await db.open()
    try:
        assert [c.name for c in await recent_contacts(db, ALICE)] == ["Beatrix", "Ada Zoë", "Cy"]
        assert [c.name for c in await match_contacts(db, ALICE, "zoe")] == ["Ada Zoë"]
        assert [c.name for c in await match_contacts(db, ALICE, "Baetrix", limit=8)] == ["Beatrix"]
    finally:
        await db.close()


async def test_contact_ids_are_never_reused(db: Database) -> None:
    # Ids travel in button callback data; an old button must not point at a newer contact.
    first = await create_contact(db, ALICE, name="Gone")
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM contacts WHERE id = ?", (first.id,))
    second = await create_contact(db, ALICE, name="New")
    assert second.id > first.id


async def test_name_key_column_is_what_lookups_use(db: Database) -> None:
    # Guard against a fallback to SQLite's ASCII-only NOCASE: the stored key is casefolded.
    await create_contact(db, ALICE, name="ÖLAF")
    with sqlite3.connect(db.path) as raw:
        keys = raw.execute("SELECT name_key FROM contacts").fetchall()
    assert keys == [("ölaf",)]


async def test_a_greek_name_is_found_typed_without_its_accents(db: Database) -> None:
    nikos = await create_contact(db, ALICE, name="Νίκος Παπαδάκης", company="Ωκεανός")
    await create_contact(db, BOB, name="Νίκος Άλλος")
    for typed in ("Νίκος", "Νικος", "νικ", "Παπαδακης", "ωκεανος"):
        assert [c.id for c in await match_contacts(db, ALICE, typed)] == [nikos.id], typed


async def test_a_database_from_before_0010_finds_greek_names_without_accents(
    tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "old.db"
    at = to_db_time(START)
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await apply_migrations(conn, [m for m in load_migrations() if m.version < 10])
        await conn.execute(
            "INSERT INTO users (id, created_at, updated_at) VALUES (?, ?, ?)", (ALICE, at, at)
        )
        await conn.execute(
            "INSERT INTO contacts (id, owner_id, name, name_key, created_at) "
            "VALUES (1, ?, 'Ίρις Σταύρου', 'ίρις σταύρου', ?)",
            (ALICE, at),
        )
    finally:
        await conn.close()
    db = Database(path, clock=clock)
    await db.open()
    try:
        assert [c.name for c in await match_contacts(db, ALICE, "ιρις")] == ["Ίρις Σταύρου"]
    finally:
        await db.close()
