"""Merging two contacts on real SQLite: every table that names a contact moves, once."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from bot.storage import briefs, debriefs, followups, interactions, meetings, merge, notes, search
from bot.storage.contacts import (
    create_contact,
    get_contact,
    match_contacts,
    recent_contacts,
    update_contact,
)
from bot.storage.db import Database, execute, fetch_all, fetch_one, to_db_time
from tests.stored_notes import all_notes
from tests.unit.helpers import Clock

ALICE = 1001
BOB = 2002


async def tables_naming_contacts(db: Database) -> set[str]:
    """Every table with a contact_id column or a foreign key to contacts."""
    found = set()
    for row in await fetch_all(
        db.conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%fts5%'"
    ):
        table = row["name"]
        columns = {c["name"] for c in await fetch_all(db.conn, f"PRAGMA table_info({table})")}
        targets = {
            k["table"] for k in await fetch_all(db.conn, f"PRAGMA foreign_key_list({table})")
        }
        if "contact_id" in columns or "contacts" in targets:
            found.add(table)
    return found - {"contacts"}


async def rows_of(db: Database, table: str, contact_id: int) -> int:
    row = await fetch_one(
        db.conn, f"SELECT COUNT(*) AS n FROM {table} WHERE contact_id = ?", (contact_id,)
    )
    assert row is not None
    return int(row["n"])


async def add_note(db: Database, owner: int, contact_id: int, slot: str, body: str) -> int:
    async with db.transaction() as conn:
        row = await fetch_one(
            conn,
            "INSERT INTO notes (owner_id, contact_id, slot, body, created_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id",
            (owner, contact_id, slot, body, to_db_time(db.now())),
        )
    assert row is not None
    return int(row["id"])


async def everything_about(db: Database, clock: Clock, owner: int, contact_id: int) -> None:
    """One row in every table that names a contact, and more: a debrief with its answer, a
    promise with its own reminder, a check-in, a cadence nudge, the brief's questions."""
    meeting = await meetings.create_meeting(
        db, owner, contact_id=contact_id, goal="learn", scheduled_at=clock.now + timedelta(days=2)
    )
    await briefs.record_questions(db, owner, meeting.id, ["intro.origin"])
    debrief = await debriefs.start_debrief(db, owner, meeting.id)
    assert await debriefs.record_answer(
        db,
        owner,
        debrief.id,
        step=0,
        step_id="learned",
        slot="learned",
        bodies=["Runs the quarry robotics lab"],
        update_id=1,
    )
    promise = await add_note(db, owner, contact_id, "my_promises", "Send the paper")
    await followups.create_followup(
        db,
        owner,
        contact_id=contact_id,
        kind="followup",
        due_at=clock.now + timedelta(days=5),
        promise_note_id=promise,
    )
    await followups.create_followup(
        db,
        owner,
        contact_id=contact_id,
        kind="debrief",
        due_at=clock.now + timedelta(days=2, hours=2),
        meeting_id=meeting.id,
    )
    await interactions.record_interaction(db, owner, contact_id, "meeting", clock.now)
    clock.tick()


async def test_every_table_naming_a_contact_moves_and_the_other_is_gone(
    db: Database, clock: Clock
) -> None:
    ruth_adler = await create_contact(db, ALICE, name="Ruth Adler")
    ruth = await create_contact(db, ALICE, name="Ruth", company="Quarry Robotics", role="CTO")
    await update_contact(db, ALICE, ruth.id, how_met="Robotics meetup", stage="feed")
    await everything_about(db, clock, ALICE, ruth.id)
    await everything_about(db, clock, ALICE, ruth_adler.id)

    tables = await tables_naming_contacts(db)
    # A table added later that merge does not move fails here, before a merge can lose it.
    assert tables == set(merge.MOVED)
    before = {
        t: await rows_of(db, t, ruth.id) + await rows_of(db, t, ruth_adler.id) for t in tables
    }
    assert all(n >= 2 for n in before.values()), before  # one row (or more) each, both sides

    moving = await merge.moving(db, ALICE, ruth.id)
    assert moving == merge.Moving(meetings=1, notes=1, promises=1, followups=2)

    kept = await merge.merge_contacts(db, ALICE, ruth_adler.id, ruth.id)
    assert kept is not None and kept.id == ruth_adler.id
    for table in tables:
        assert await rows_of(db, table, ruth.id) == 0, table
        assert await rows_of(db, table, ruth_adler.id) == before[table], table
    assert await get_contact(db, ALICE, ruth.id) is None
    # What the kept one did not know comes from the other; its name stays.
    assert (kept.name, kept.company, kept.role, kept.how_met, kept.stage) == (
        "Ruth Adler",
        "Quarry Robotics",
        "CTO",
        "Robotics meetup",
        "feed",
    )
    # Both answers and both promises, each once.
    bodies = sorted(n.body for n in await all_notes(db, ALICE, ruth_adler.id))
    assert bodies == ["Runs the quarry robotics lab"] * 2 + ["Send the paper"] * 2
    # The search index finds the moved notes under the kept one, and the other not at all.
    found = await search.search(db, ALICE, "quarry")
    assert {(h.contact_name, h.kind) for h in found.hits} == {
        ("Ruth Adler", "note"),
        ("Ruth Adler", "contact"),
    }
    assert found.total == 3  # two notes and the contact: nothing indexed twice
    assert await match_contacts(db, ALICE, "ruth") == [kept]
    words = await fetch_all(db.conn, "SELECT rowid FROM contact_words")
    assert [w["rowid"] for w in words] == [ruth_adler.id]
    # The kept contact's activity includes what moved.
    assert [c.id for c in await recent_contacts(db, ALICE)] == [ruth_adler.id]


async def test_keeping_a_promise_after_a_merge_closes_its_own_reminder(
    db: Database, clock: Clock
) -> None:
    keep = await create_contact(db, ALICE, name="Dana Okafor")
    gone = await create_contact(db, ALICE, name="Dana")
    await everything_about(db, clock, ALICE, gone.id)
    assert await merge.merge_contacts(db, ALICE, keep.id, gone.id) is not None
    [promise] = await notes.open_promises(db, ALICE, keep.id)
    assert await notes.mark_promise_kept(db, ALICE, keep.id, promise.id, clock.now) is not None
    still_open = await followups.open_for_contact(db, ALICE, keep.id)
    assert [f.kind for f in still_open] == ["debrief"]


async def test_two_cadence_nudges_become_one_and_none_beside_a_follow_up(
    db: Database, clock: Clock
) -> None:
    keep = await create_contact(db, ALICE, name="Sam Lee")
    gone = await create_contact(db, ALICE, name="Sam")
    for contact in (keep, gone):
        assert await followups.add_cadence_nudge(db, ALICE, contact.id, clock.now)
    assert await merge.merge_contacts(db, ALICE, keep.id, gone.id) is not None
    assert [f.kind for f in await followups.open_for_contact(db, ALICE, keep.id)] == ["cadence"]

    other = await create_contact(db, ALICE, name="Sam L")
    await followups.create_followup(
        db, ALICE, contact_id=other.id, kind="followup", due_at=clock.now + timedelta(days=1)
    )
    assert await merge.merge_contacts(db, ALICE, keep.id, other.id) is not None
    assert [f.kind for f in await followups.open_for_contact(db, ALICE, keep.id)] == ["followup"]


async def test_only_the_owners_two_contacts_merge(db: Database, clock: Clock) -> None:
    mine = await create_contact(db, ALICE, name="Mira Patel")
    also_mine = await create_contact(db, ALICE, name="Mira")
    theirs = await create_contact(db, BOB, name="Mira", company="Secret")
    await everything_about(db, clock, BOB, theirs.id)
    counts = {t: await rows_of(db, t, theirs.id) for t in merge.MOVED}

    # Someone else's contact, on either side: nothing changes for anyone.
    assert await merge.merge_contacts(db, ALICE, mine.id, theirs.id) is None
    assert await merge.merge_contacts(db, ALICE, theirs.id, mine.id) is None
    assert await merge.merge_contacts(db, BOB, mine.id, also_mine.id) is None
    assert await merge.moving(db, ALICE, theirs.id) == merge.Moving(0, 0, 0, 0)
    assert await get_contact(db, BOB, theirs.id) == theirs
    assert {t: await rows_of(db, t, theirs.id) for t in merge.MOVED} == counts
    assert await get_contact(db, ALICE, mine.id) == mine
    assert await get_contact(db, ALICE, also_mine.id) == also_mine
    # The same contact twice, or one already merged away: nothing.
    assert await merge.merge_contacts(db, ALICE, mine.id, mine.id) is None
    assert await merge.merge_contacts(db, ALICE, mine.id, also_mine.id) is not None
    assert await merge.merge_contacts(db, ALICE, mine.id, also_mine.id) is None


async def test_a_failed_merge_changes_nothing(db: Database, clock: Clock) -> None:
    keep = await create_contact(db, ALICE, name="Lea")
    gone = await create_contact(db, ALICE, name="Léa Dubois")
    await everything_about(db, clock, ALICE, gone.id)
    # A trigger that fails the delete half way: the moves before it must be undone too.
    async with db.transaction() as conn:
        await execute(
            conn,
            "CREATE TRIGGER refuse BEFORE DELETE ON contacts BEGIN SELECT RAISE(ABORT, 'no'); END",
        )
    with pytest.raises(sqlite3.IntegrityError):
        await merge.merge_contacts(db, ALICE, keep.id, gone.id)
    assert await get_contact(db, ALICE, gone.id) is not None
    assert all([await rows_of(db, t, keep.id) == 0 for t in merge.MOVED])
    assert all([await rows_of(db, t, gone.id) > 0 for t in merge.MOVED])


async def test_the_kept_contact_is_as_recent_as_what_moved_to_it(
    db: Database, clock: Clock
) -> None:
    keep = await create_contact(db, ALICE, name="Noor Haddad")
    clock.tick()
    between = await create_contact(db, ALICE, name="Sam")
    clock.tick()
    gone = await create_contact(db, ALICE, name="Noor")
    await meetings.create_meeting(
        db, ALICE, contact_id=gone.id, goal="learn", scheduled_at=clock.now + timedelta(days=3)
    )
    assert await merge.merge_contacts(db, ALICE, keep.id, gone.id) is not None
    # Noor's coming meeting puts her first in /contacts and /prep, as it did "Noor".
    assert [c.id for c in await recent_contacts(db, ALICE)] == [keep.id, between.id]
