"""Promises marked kept: only the owner's open promise, once, and nothing else."""

from __future__ import annotations

from bot.storage import followups, notes
from bot.storage.contacts import create_contact
from bot.storage.db import Database, execute, fetch_all, to_db_time
from tests.stored_notes import all_notes
from tests.unit.helpers import Clock

ALICE = 1001
BOB = 2002


async def add_note(db: Database, owner: int, contact_id: int, slot: str, body: str) -> int:
    async with db.transaction() as conn:
        await execute(
            conn,
            "INSERT INTO notes (owner_id, contact_id, slot, body, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (owner, contact_id, slot, body, to_db_time(db.now())),
        )
        [(note_id,)] = await fetch_all(conn, "SELECT last_insert_rowid()")
    return int(note_id)


async def every_note(db: Database) -> list[tuple[object, ...]]:
    return [tuple(row) for row in await fetch_all(db.conn, "SELECT * FROM notes ORDER BY id")]


async def test_the_owner_marks_an_open_promise_kept_once(db: Database, clock: Clock) -> None:
    mira = await create_contact(db, ALICE, name="Mira")
    deck = await add_note(db, ALICE, mira.id, "my_promises", "Send the deck")
    intro = await add_note(db, ALICE, mira.id, "their_promises", "Intro to their CFO")
    kept_at = clock.tick(60)

    assert await notes.mark_promise_kept(db, ALICE, mira.id, deck, kept_at) is not None
    assert [p.body for p in await notes.open_promises(db, ALICE, mira.id)] == ["Intro to their CFO"]
    [stored] = [n for n in await all_notes(db, ALICE, mira.id) if n.id == deck]
    assert stored.done_at == kept_at

    # Kept already: nothing changes, not even the time it was kept.
    assert await notes.mark_promise_kept(db, ALICE, mira.id, deck, clock.tick(60)) is None
    [again] = [n for n in await all_notes(db, ALICE, mira.id) if n.id == deck]
    assert again.done_at == kept_at

    # Their promises can be marked kept too.
    assert await notes.mark_promise_kept(db, ALICE, mira.id, intro, clock.tick()) is not None
    assert await notes.open_promises(db, ALICE, mira.id) == []


async def test_someone_elses_promise_or_another_contact_changes_nothing(
    db: Database, clock: Clock
) -> None:
    mira = await create_contact(db, ALICE, name="Mira")
    sam = await create_contact(db, ALICE, name="Sam")
    secret = await create_contact(db, BOB, name="Secret")
    theirs = await add_note(db, BOB, secret.id, "my_promises", "Bob's promise")
    mine = await add_note(db, ALICE, mira.id, "my_promises", "Send the deck")
    before = await every_note(db)

    now = clock.tick()
    assert await notes.mark_promise_kept(db, ALICE, secret.id, theirs, now) is None
    assert await notes.mark_promise_kept(db, ALICE, mira.id, theirs, now) is None
    assert await notes.mark_promise_kept(db, BOB, mira.id, mine, now) is None
    assert await notes.mark_promise_kept(db, BOB, secret.id, mine, now) is None
    assert await notes.mark_promise_kept(db, ALICE, sam.id, mine, now) is None  # not Sam's
    assert await notes.mark_promise_kept(db, ALICE, mira.id, 999_999, now) is None
    assert await every_note(db) == before
    assert [p.body for p in await notes.open_promises(db, BOB, secret.id)] == ["Bob's promise"]


async def test_a_note_that_is_no_promise_cannot_be_marked(db: Database, clock: Clock) -> None:
    mira = await create_contact(db, ALICE, name="Mira")
    learned = await add_note(db, ALICE, mira.id, "learned", "Runs a climbing club")
    asked = await add_note(db, ALICE, mira.id, "their_asks", "A CV review")
    before = await every_note(db)
    for note_id in (learned, asked):
        assert await notes.mark_promise_kept(db, ALICE, mira.id, note_id, clock.tick()) is None
    assert await every_note(db) == before


async def test_a_follow_up_stops_quoting_a_promise_once_it_is_kept(
    db: Database, clock: Clock
) -> None:
    mira = await create_contact(db, ALICE, name="Mira")
    deck = await add_note(db, ALICE, mira.id, "my_promises", "Send the deck")
    other = await add_note(db, ALICE, mira.id, "my_promises", "Book the room")
    secret = await create_contact(db, BOB, name="Secret")
    bobs = await add_note(db, BOB, secret.id, "my_promises", "Bob's promise")
    due = clock.tick(60 * 24)

    async def follow_up(reason_note: int) -> int:
        made = await followups.create_followup(
            db,
            ALICE,
            contact_id=mira.id,
            kind="followup",
            due_at=due,
            reason="You promised: Send the deck",
            reason_note_id=reason_note,
        )
        return made.id

    quoting = await follow_up(deck)
    forged = await follow_up(bobs)  # someone else's note is never linked

    async def reason(followup_id: int) -> str | None:
        found = await followups.get_followup(db, ALICE, followup_id)
        assert found is not None
        return found.reason

    await notes.mark_promise_kept(db, ALICE, mira.id, other, clock.tick())
    assert await reason(quoting) == "You promised: Send the deck"  # another promise kept
    await notes.mark_promise_kept(db, BOB, secret.id, bobs, clock.tick())
    assert await reason(forged) == "You promised: Send the deck"  # Bob's keeping is his own

    await notes.mark_promise_kept(db, ALICE, mira.id, deck, clock.tick())
    assert await reason(quoting) is None
    assert await reason(forged) == "You promised: Send the deck"
