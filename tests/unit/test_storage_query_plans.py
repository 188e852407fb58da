"""The hot reads of /contacts, /prep, /contact NAME, /search and the card, and the triggers
that keep their data, go through indexes: EXPLAIN QUERY PLAN shows no scan of a whole table, so they
stay fast however many contacts and notes one user, or all users together, have.

(The scheduler's queries have the same check in test_storage_followups.py; `python -m
bench.scale` runs it over every statement, on a big database.)
"""

from __future__ import annotations

import re

import pytest

from bot.storage import contacts, followups, meetings, notes, search
from bot.storage.db import Database, fetch_all
from tests.unit.helpers import plan_of, whole_scans

HOT = {
    "contacts.LIST_CONTACTS": contacts.LIST_CONTACTS,
    "contacts.COUNT_CONTACTS": contacts.COUNT_CONTACTS,
    "contacts.GET_CONTACT": contacts.GET_CONTACT,
    "contacts.MATCH_CANDIDATES": contacts.MATCH_CANDIDATES,
    "contacts.MATCH_WORDS": contacts.MATCH_WORDS,
    "contacts.GET_CONTACTS": contacts.GET_CONTACTS,
    "search.NEWEST": search.NEWEST,
    "notes.LATEST_PER_SLOT": notes.LATEST_PER_SLOT,
    "notes.OPEN_PROMISES": notes.OPEN_PROMISES,
    "followups.OPEN_FOR_CONTACT": followups.OPEN_FOR_CONTACT,
    "followups.SUPERSEDE_FOR_CONTACT": followups.SUPERSEDE_FOR_CONTACT,
    "meetings.LATEST_MEETINGS": meetings.LATEST_MEETINGS,
    "notes.DEBRIEF_ANSWERS": notes.DEBRIEF_ANSWERS,
    "followups.OPEN_LISTED": followups.OPEN_LISTED,
    "meetings.AHEAD": meetings.AHEAD,
}
# The triggers of migration 0007, which run on every note, meeting and interaction written,
# and of 0011 and 0012, on every promise marked kept.
TRIGGERS = re.compile(r"_activity_|_words_|_reason_|_promise_note_")


@pytest.mark.parametrize("name", sorted(HOT))
async def test_hot_queries_read_through_indexes(db: Database, name: str) -> None:
    plan = await plan_of(db, HOT[name])
    assert plan and whole_scans(plan) == [], (name, plan)


async def test_the_followups_list_reads_one_owners_rows_in_due_order(db: Database) -> None:
    plan = await plan_of(db, followups.OPEN_LISTED)
    assert any("followups_owner_due" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan


async def test_the_contact_lists_come_in_index_order(db: Database) -> None:
    plan = await plan_of(db, contacts.LIST_CONTACTS)
    assert any("contacts_owner_activity" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan  # no sorting of every contact


async def test_the_triggers_of_0007_and_0011_read_through_indexes(db: Database) -> None:
    triggers = await fetch_all(
        db.conn, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"
    )
    checked = 0
    for trigger in triggers:
        if not TRIGGERS.search(trigger["name"]):
            continue
        body = trigger["sql"][trigger["sql"].upper().index("BEGIN") + 5 : -3]
        for statement in filter(str.strip, re.sub(r"\b(?:new|old)\.\w+", "1", body).split(";")):
            plan = await plan_of(db, statement)
            assert whole_scans(plan) == [], (trigger["name"], plan)
            checked += 1
    assert checked >= 10
