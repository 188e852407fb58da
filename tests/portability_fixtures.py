"""A populated account, for the export, import and forget tests (unit and end-to-end)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.storage import briefs, contacts, debriefs, followups, interactions, meetings, notes, users
from bot.storage.db import Database, fetch_all

# Words that appear nowhere but in this account, to look for after /forget.
SECRET_NOTE = "Zanzibarquokka sailing trip"
SECRET_NAME = "Dana Okafor"


@dataclass(frozen=True)
class Account:
    owner: int
    dana: contacts.Contact
    sam: contacts.Contact


async def populate(db: Database, owner: int, tick: Callable[[], object]) -> Account:
    """Contacts (one archived), meetings past and coming, a finished debrief with notes and
    promises (one kept), follow-ups (one with a promise of its own, one done), interactions,
    and settings. `tick` moves the clock on so rows do not all share one time."""
    await users.save_profile(db, owner, name="Ada", timezone="Europe/Berlin")
    await users.set_date_order(db, owner, "day_first")
    await followups.set_digest(db, owner, hour=8, off=False, next_at=None)
    dana = await contacts.create_contact(
        db, owner, name=SECRET_NAME, company="Ledgerly", role="Senior PM"
    )
    tick()
    sam = await contacts.create_contact(db, owner, name="Sam Lee", company=None, role=None)
    await contacts.update_contact(db, owner, sam.id, how_met="Rust meetup, Berlin")
    tick()
    old = await contacts.create_contact(db, owner, name="Ölaf Ünver", company="Ærø & Co")
    await contacts.archive_contact(db, owner, old.id)
    tick()
    now = db.now()
    past = await meetings.create_meeting(
        db, owner, contact_id=dana.id, goal="learn", scheduled_at=now - timedelta(days=1)
    )
    await briefs.record_questions(db, owner, past.id, ["coffee.origin", "any.help"])
    tick()
    await meetings.create_meeting(
        db, owner, contact_id=dana.id, goal="ask", scheduled_at=now + timedelta(days=3)
    )
    await meetings.create_meeting(
        db,
        owner,
        contact_id=sam.id,
        goal="advice",
        scheduled_at=datetime(2031, 5, 6, 22, 0, tzinfo=UTC),
        all_day=True,
    )
    tick()
    debrief = await debriefs.start_debrief(db, owner, past.id)
    await debriefs.record_answer(
        db,
        owner,
        debrief.id,
        step=0,
        step_id="learned",
        slot="interests",
        bodies=[SECRET_NOTE],
        update_id=10,
    )
    tick()
    await debriefs.record_answer(
        db,
        owner,
        debrief.id,
        step=1,
        step_id="promises",
        slot="my_promises",
        bodies=["send the article", "intro to Ines"],
        update_id=11,
    )
    await debriefs.finish_debrief(db, owner, debrief.id)
    tick()
    promises = await notes.open_promises(db, owner, dana.id)
    await followups.create_followup(
        db,
        owner,
        contact_id=dana.id,
        kind="followup",
        due_at=db.now() + timedelta(days=2),
        reason="You promised: send the article",
        reason_note_id=promises[0].id,
        promise_note_id=promises[0].id,
        how="by email",
    )
    done = await followups.create_followup(
        db, owner, contact_id=sam.id, kind="cadence", due_at=db.now() + timedelta(days=30)
    )
    await followups.mark_done(db, owner, done.id, db.now())
    await notes.mark_promise_kept(db, owner, dana.id, promises[1].id, db.now())
    await interactions.record_interaction(db, owner, dana.id, "meeting", db.now())
    tick()
    return Account(owner, dana, sam)


async def everything(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, FTS shadow tables included, by table name."""
    tables = [
        row["name"]
        for row in await fetch_all(
            db.conn, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {
        table: [tuple(row) for row in await fetch_all(db.conn, f'SELECT * FROM "{table}"')]
        for table in tables
    }


def mentions(rows: dict[str, list[tuple[Any, ...]]], *needles: str) -> list[str]:
    """Tables holding any needle, as text or inside a blob (FTS index segments)."""
    found = []
    for table, values in rows.items():
        for row in values:
            for value in row:
                haystack = value if isinstance(value, bytes) else str(value).encode()
                if any(needle.encode() in haystack for needle in needles):
                    found.append(table)
    return found
