"""Export, import and forget on real SQLite: the round trip, idempotence, merging, refusals,
the contacts and calendar files read back by their libraries, and forget leaving nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from typing import Any

import icalendar
import pytest
import vobject

from bot.portability import schema
from bot.portability.export import export_data, export_json
from bot.portability.formats import calendar_ics, contacts_csv, contacts_vcard
from bot.portability.json_import import ALREADY_HERE, ImportRefused, import_export
from bot.storage import contacts, forget, search
from bot.storage.db import Database, fetch_all
from tests.portability_fixtures import SECRET_NAME, SECRET_NOTE, everything, mentions, populate
from tests.unit.helpers import Clock

OWNER = 1001
OTHER = 2002


def without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


async def export(db: Database, owner: int = OWNER) -> dict[str, Any]:
    return await export_data(db.conn, owner, db.now())


async def test_round_trip_export_forget_import_export_is_identical(
    db: Database, clock: Clock
) -> None:
    await populate(db, OWNER, clock.tick)
    first = await export(db)
    assert len(first["contacts"]) == 3 and len(first["meetings"]) == 3
    assert {note["slot"] for note in first["notes"]} == {"interests", "my_promises"}
    assert first["settings"]["digest_hour"] == 8 and first["settings"]["date_order"] == "day_first"

    await forget.forget_everything(db, OWNER, through_update=None)
    assert (await export(db))["contacts"] == []
    clock.tick(60)
    report = await import_export(db, OWNER, export_json(first), db.now())
    assert report.added["contacts"] == 3 and report.added["notes"] == 3
    assert report.settings_taken

    second = await export(db)
    assert second["exported_at"] != first["exported_at"]
    assert without_time(second) == without_time(first)
    # What the bot reads works on the imported rows: search, and the name lookups.
    found = await search.search(db, OWNER, "zanzibarquokka")
    assert [hit.contact_name for hit in found.hits] == [SECRET_NAME]
    assert [c.name for c in await contacts.find_contacts(db, OWNER, "dana okafor")] == [SECRET_NAME]


async def test_the_same_file_twice_changes_nothing(db: Database, clock: Clock) -> None:
    await populate(db, OWNER, clock.tick)
    data = export_json(await export(db))
    before = await everything(db)
    report = await import_export(db, OWNER, data, db.now())
    assert not report.changed
    assert report.skipped[("contacts", ALREADY_HERE)] == 3
    assert report.skipped[("notes", ALREADY_HERE)] == 3
    assert await everything(db) == before


async def test_another_account_merges_by_name_and_adds_the_rest(db: Database, clock: Clock) -> None:
    await populate(db, OWNER, clock.tick)
    data = export_json(await export(db))
    # The other user already has a Dana (no company): the file's Dana joins her.
    mine = await contacts.create_contact(db, OTHER, name="dana okafor")
    report = await import_export(db, OTHER, data, db.now())
    assert report.merged == [SECRET_NAME]
    assert report.added["contacts"] == 2
    assert report.settings_taken  # OTHER had not set theirs up
    dana = await contacts.get_contact(db, OTHER, mine.id)
    assert dana is not None and dana.name == "dana okafor" and dana.company == "Ledgerly"
    theirs = await export(db, OTHER)
    assert len(theirs["contacts"]) == 3
    assert {m["contact"] for m in theirs["meetings"] if m["goal"] in ("learn", "ask")} == {
        next(c["uid"] for c in theirs["contacts"] if c["name"] == "dana okafor")
    }
    again = await everything(db)
    await import_export(db, OTHER, data, db.now())
    assert await everything(db) == again
    # The first owner's rows are untouched by any of it.
    assert len((await export(db, OWNER))["contacts"]) == 3


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: b"\x89PNG\r\n", "not a JSON file"),
        (lambda d: json.dumps({"contacts": []}).encode(), "not a Common Ground export"),
        (lambda d: json.dumps({**d, "version": 2}).encode(), "version 2"),
        (
            lambda d: (
                json.dumps({**d, "notes": [*d["notes"], {**d["notes"][0], "uid": "n"}]})
                .replace('"created_at": "2030', '"created_at": "yesterday')
                .encode()
            ),
            "expected a date and time",
        ),
        (
            lambda d: json.dumps(
                {**d, "meetings": [{**d["meetings"][0], "contact": "nobody"}]}
            ).encode(),
            "meetings[0].contact: 'nobody' is not in contacts",
        ),
        (
            lambda d: json.dumps(
                {**d, "contacts": [*d["contacts"], {**d["contacts"][0]}]}
            ).encode(),
            "appears twice",
        ),
    ],
)
async def test_a_bad_file_changes_nothing_and_says_why(
    db: Database, clock: Clock, change: Any, reason: str
) -> None:
    await populate(db, OWNER, clock.tick)
    document = await export(db)
    await forget.forget_everything(db, OTHER, through_update=None)
    before = await everything(db)
    with pytest.raises(ImportRefused, match=reason.replace("[", r"\[").replace("(", r"\(")):
        await import_export(db, OTHER, change(document), db.now())
    assert await everything(db) == before


async def test_a_file_the_database_refuses_halfway_changes_nothing(
    db: Database, clock: Clock
) -> None:
    await populate(db, OWNER, clock.tick)
    document = await export(db)
    # Every record is well formed, but two notes claim the same debrief step: the unique
    # index refuses the second after the contacts and meetings were written.
    twin = {**document["notes"][0], "uid": "twin"}
    data = json.dumps({**document, "notes": [*document["notes"], twin]}).encode()
    before = await everything(db)
    with pytest.raises(ImportRefused, match="refused"):
        await import_export(db, OTHER, data, db.now())
    assert await everything(db) == before


async def test_every_column_of_an_exported_table_is_exported_or_named_internal(
    db: Database,
) -> None:
    for section in schema.SECTIONS:
        columns = {
            row["name"] for row in await fetch_all(db.conn, f"PRAGMA table_info({section.name})")
        }
        exported = {field.column for field in section.fields}
        assert columns - exported - set(schema.INTERNAL) == set(), section.name
    columns = {row["name"] for row in await fetch_all(db.conn, "PRAGMA table_info(users)")}
    exported = {field.column for field in schema.SETTINGS}
    assert columns - exported - set(schema.INTERNAL) == set()


async def test_vcard_parses_back_field_by_field(db: Database, clock: Clock) -> None:
    await populate(db, OWNER, clock.tick)
    document = await export(db)
    cards = list(vobject.readComponents(contacts_vcard(document).decode("utf-8")))
    by_name = {card.fn.value: card for card in cards}
    assert set(by_name) == {SECRET_NAME, "Sam Lee", "Ölaf Ünver"}
    dana = by_name[SECRET_NAME]
    assert dana.version.value == "3.0"
    assert (dana.n.value.given, dana.n.value.family) == ("Dana", "Okafor")
    assert dana.org.value == ["Ledgerly"] and dana.title.value == "Senior PM"
    assert by_name["Sam Lee"].note.value == "Rust meetup, Berlin"
    assert by_name["Ölaf Ünver"].org.value == ["Ærø & Co"]
    uids = {c["name"]: c["uid"] for c in document["contacts"]}
    assert dana.uid.value == f"{uids[SECRET_NAME]}@commonground"


async def test_csv_reads_back_with_the_csv_module(db: Database, clock: Clock) -> None:
    await populate(db, OWNER, clock.tick)
    document = await export(db)
    rows = list(csv.DictReader(io.StringIO(contacts_csv(document).decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == [SECRET_NAME, "Sam Lee", "Ölaf Ünver"]
    assert rows[0]["company"] == "Ledgerly" and rows[0]["role"] == "Senior PM"
    assert rows[1]["how_met"] == "Rust meetup, Berlin"
    assert rows[2]["archived_at"] != "" and rows[0]["archived_at"] == ""


def label(key: str, **values: str) -> str:
    return f"{key}:{values['name']}"


async def test_calendar_has_open_followups_and_coming_meetings_each_with_an_alarm(
    db: Database, clock: Clock
) -> None:
    await populate(db, OWNER, clock.tick)
    document = await export(db)
    parsed = icalendar.Calendar.from_ical(calendar_ics(document, db.now(), label))
    events = {str(event["summary"]): event for event in parsed.walk("VEVENT")}
    # The past meeting and the done follow-up are not in it.
    assert set(events) == {
        f"export.meeting:{SECRET_NAME}",
        "export.meeting:Sam Lee",
        f"export.followup:{SECRET_NAME}",
    }
    coming = events[f"export.meeting:{SECRET_NAME}"]
    meeting = next(m for m in document["meetings"] if m["goal"] == "ask")
    assert coming.decoded("dtstart") == datetime.fromisoformat(meeting["scheduled_at"])
    assert str(coming["description"]) == "ask"
    assert str(coming["uid"]) == f"{meeting['uid']}@commonground"
    [alarm] = coming.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(minutes=-30)
    # A date without a time is an all-day event on that date in the user's zone.
    all_day = events["export.meeting:Sam Lee"]
    assert all_day.decoded("dtstart") == datetime(2031, 5, 7).date()
    assert len(all_day.walk("VALARM")) == 1
    followup = events[f"export.followup:{SECRET_NAME}"]
    assert str(followup["description"]) == "You promised: send the article\nby email"
    due = next(f["due_at"] for f in document["followups"] if f["kind"] == "followup")
    assert followup.decoded("dtstart") == datetime.fromisoformat(due)
    assert followup.walk("VALARM")[0].decoded("trigger") == timedelta(0)


async def test_forget_everything_leaves_no_row_of_the_user_in_any_table(
    db: Database, clock: Clock
) -> None:
    await populate(db, OWNER, clock.tick)
    await populate(db, OTHER, clock.tick)
    await db.write(
        "INSERT INTO ptb_user_data (owner_id, data) VALUES (?, '{\"prep\": {}}')", (OWNER,)
    )
    await db.write(
        "INSERT INTO ptb_conversations (name, key, state) VALUES ('conversation', ?, '1')",
        (json.dumps([OWNER, OWNER]),),
    )
    await db.write(
        "INSERT INTO inbox (update_id, owner_id, payload, received_at) VALUES (5, ?, ?, 'x')",
        (OWNER, json.dumps({"text": SECRET_NOTE})),
    )
    other_before = await export(db, OTHER)

    await forget.forget_everything(db, OWNER, through_update=5)

    rows = await everything(db)
    tables = set(rows)
    # Every table is one forget knows about: a new table must say where its owner is.
    known = set(forget.OWNED) | set(forget.INDEXES)
    shadow = {t for t in tables if any(t.startswith(f"{i}_") for i in forget.INDEXES)}
    assert tables - known - shadow - {"sqlite_sequence"} == set()
    for table, where in forget.OWNED.items():
        left = await fetch_all(db.conn, f"SELECT * FROM {table} WHERE {where}", {"owner": OWNER})
        assert left == [], table
    # The other user's account is all there, and so is their text in the indexes.
    assert without_time(await export(db, OTHER)) == without_time(other_before)
    assert set(mentions(rows, f"u{OTHER}")) >= {"search_index", "contact_words"}
    # The owner's words are in no index segment any more: look inside the blobs too.
    assert mentions(rows, f"u{OWNER}") == []


async def test_forget_one_contact_takes_everything_about_them_and_nothing_else(
    db: Database, clock: Clock
) -> None:
    account = await populate(db, OWNER, clock.tick)
    before = await export(db)
    amount = await forget.about_contact(db, OWNER, account.dana.id)
    assert (amount.meetings, amount.notes, amount.followups) == (2, 3, 1)
    # Someone else cannot forget Dana.
    assert not await forget.forget_contact(db, OTHER, account.dana.id, through_update=None)
    assert await forget.forget_contact(db, OWNER, account.dana.id, through_update=None)

    after = await export(db)
    dana = next(c["uid"] for c in before["contacts"] if c["name"] == SECRET_NAME)
    for section in schema.SECTIONS:
        assert [r for r in after[section.name] if r.get("contact") == dana] == []
        kept = [r for r in before[section.name] if r.get("contact", r["uid"]) != dana]
        if section.name == "contacts":
            kept = [r for r in before["contacts"] if r["uid"] != dana]
        assert after[section.name] == kept, section.name
    rows = await everything(db)
    assert mentions(rows, "Zanzibarquokka", "zanzibarquokka", "Okafor", "okafor") == []
    assert not (await search.search(db, OWNER, "ledgerly")).hits
