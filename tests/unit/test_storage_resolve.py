"""The one name resolver on real SQLite: the owner's contacts a typed name means, and only
the owner's."""

from __future__ import annotations

from bot.coaching.names import Verdict, reference
from bot.handlers.who import resolve
from bot.storage.contacts import (
    EXACT,
    WORDS,
    archive_contact,
    create_contact,
    rank_contacts,
    update_contact,
)
from bot.storage.db import Database

ALICE = 1001
BOB = 2002


async def names_meant(db: Database, owner: int, typed: str) -> tuple[Verdict, list[str]]:
    found = await resolve(db, owner, reference(typed))
    return found.verdict, [contact.name for contact in found.people]


async def test_a_first_name_last_name_or_company_finds_the_one(db: Database) -> None:
    await create_contact(db, ALICE, name="Ruth Adler", company="Quarry Robotics")
    await create_contact(db, ALICE, name="Dana Okafor", company="Ledgerly")
    await create_contact(db, ALICE, name="Zoë Müller")
    for typed in ("ruth", "Adler", "RU", "ruth adler", "Ruth from Quarry", "ruth @ quarry"):
        assert await names_meant(db, ALICE, typed) == (Verdict.ONE, ["Ruth Adler"]), typed
    for typed in ("dana", "Dana (Ledgerly)", "okafor", "Dana, PM at Ledgerly"):
        assert await names_meant(db, ALICE, typed) == (Verdict.ONE, ["Dana Okafor"]), typed
    assert await names_meant(db, ALICE, "zoe muller") == (Verdict.ONE, ["Zoë Müller"])
    assert await names_meant(db, ALICE, "Priya Raman") == (Verdict.NONE, [])
    assert await names_meant(db, ALICE, "Dana from Initech") == (Verdict.NONE, [])


async def test_another_users_contacts_never_match(db: Database) -> None:
    await create_contact(db, BOB, name="Dana Okafor", company="Ledgerly")
    await create_contact(db, BOB, name="Ruth Adler", company="Quarry Robotics")
    await create_contact(db, ALICE, name="Dana Whitfield", company="Initech")
    for typed in ("ruth", "Ruth Adler", "Ruth from Quarry", "Rtuh Adler", "quarry", "adl"):
        assert await names_meant(db, ALICE, typed) == (Verdict.NONE, []), typed
    assert await names_meant(db, ALICE, "dana") == (Verdict.ONE, ["Dana Whitfield"])
    assert await names_meant(db, ALICE, "Dana from Ledgerly") == (Verdict.NONE, [])
    assert await names_meant(db, BOB, "dana") == (Verdict.ONE, ["Dana Okafor"])
    ranked = await rank_contacts(db, ALICE, "dana", at="ledgerly", whole="dana @ ledgerly")
    assert ranked == []


async def test_two_namesakes_are_both_offered_and_the_company_picks_one(db: Database) -> None:
    await create_contact(db, ALICE, name="Dana Okafor", company="Ledgerly")
    await create_contact(db, ALICE, name="Dana Whitfield", company="Initech")
    assert await names_meant(db, ALICE, "dana") == (
        Verdict.SEVERAL,
        ["Dana Okafor", "Dana Whitfield"],
    )
    assert await names_meant(db, ALICE, "Dana from Ledgerly") == (Verdict.ONE, ["Dana Okafor"])
    assert await names_meant(db, ALICE, "dana (initech)") == (Verdict.ONE, ["Dana Whitfield"])
    [(rank, contact)] = await rank_contacts(db, ALICE, "dana", at="Ledgerly Inc")
    assert (rank.company, rank.fit, contact.name) == (0, WORDS, "Dana Okafor")


async def test_renamed_and_archived_contacts(db: Database) -> None:
    dana = await create_contact(db, ALICE, name="Dana", company="Ledgerly")
    await update_contact(db, ALICE, dana.id, name="Dana Okafor")
    assert await names_meant(db, ALICE, "okafor") == (Verdict.ONE, ["Dana Okafor"])
    await archive_contact(db, ALICE, dana.id)
    assert await names_meant(db, ALICE, "okafor") == (Verdict.NONE, [])
    archived = await resolve(db, ALICE, reference("okafor"), archived=True)
    assert [c.id for c in archived.people] == [dana.id]


async def test_a_contact_stored_under_a_whole_line_is_found_by_that_line(db: Database) -> None:
    line = "Priya Raman, head of data at Northwind Health"
    whole = await create_contact(db, ALICE, name=line)
    await create_contact(db, ALICE, name="Priya Raman", company="Initech")
    [(rank, contact), *_] = await rank_contacts(
        db, ALICE, "Priya Raman", at="Northwind Health", whole=line
    )
    assert (rank.company, rank.fit, contact.id) == (0, EXACT, whole.id)
    assert await names_meant(db, ALICE, line) == (Verdict.ONE, [line])


async def test_many_namesakes_show_a_few_and_say_there_are_more(db: Database) -> None:
    for n in range(10):
        await create_contact(db, ALICE, name=f"Sam {n}")
    found = await resolve(db, ALICE, reference("sam"), shown=6)
    assert found.verdict is Verdict.SEVERAL and found.more and len(found.people) == 6
