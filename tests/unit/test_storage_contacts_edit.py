"""Contacts: paging, fuzzy lookup, editing and archiving, each only for the owner."""

from __future__ import annotations

import pytest

from bot.storage import contacts
from bot.storage.contacts import (
    CLOSE,
    COMPANY,
    EXACT,
    PART,
    SHORT_QUERY_NAMES,
    WORDS,
    Rank,
    archive_contact,
    create_contact,
    find_contacts,
    fold,
    get_contact,
    list_contacts,
    match_contacts,
    match_rank,
    ranker,
    recent_contacts,
    restore_contact,
    same_company,
    update_contact,
)
from bot.storage.db import Database, execute, to_db_time
from bot.storage.meetings import create_meeting
from tests.unit.helpers import Clock

ALICE = 1001
BOB = 2002


async def names(db: Database, owner: int, query: str, *, archived: bool = False) -> list[str]:
    return [c.name for c in await match_contacts(db, owner, query, archived=archived)]


# -- paging --------------------------------------------------------------------------------------


async def test_pages_run_most_recent_first_and_count_everyone(db: Database, clock: Clock) -> None:
    made = []
    for n in range(19):
        made.append(await create_contact(db, ALICE, name=f"Person {n:02d}"))
        clock.tick()
    await create_contact(db, BOB, name="Not Alice's")
    first, total = await list_contacts(db, ALICE, offset=0, limit=8)
    assert total == 19
    assert [c.name for c in first] == [f"Person {n:02d}" for n in range(18, 10, -1)]
    second, _ = await list_contacts(db, ALICE, offset=8, limit=8)
    last, _ = await list_contacts(db, ALICE, offset=16, limit=8)
    assert len(second) == 8 and len(last) == 3
    everyone = {c.id for c in first + second + last}
    assert everyone == {c.id for c in made}
    assert await list_contacts(db, ALICE, offset=19, limit=8) == ([], 19)
    assert await list_contacts(db, ALICE, offset=0, limit=0) == ([], 19)
    assert await list_contacts(db, 999, offset=0) == ([], 0)


async def test_activity_moves_a_contact_to_the_top(db: Database, clock: Clock) -> None:
    old = await create_contact(db, ALICE, name="Old Friend")
    clock.tick()
    await create_contact(db, ALICE, name="New One")
    clock.tick()
    page, _ = await list_contacts(db, ALICE)
    assert [c.name for c in page] == ["New One", "Old Friend"]
    # A note (say, from a debrief) is activity.
    async with db.transaction() as conn:
        await execute(
            conn,
            "INSERT INTO notes (owner_id, contact_id, slot, body, created_at) "
            "VALUES (?, ?, 'learned', 'x', ?)",
            (ALICE, old.id, to_db_time(clock.now)),
        )
    page, _ = await list_contacts(db, ALICE)
    assert [c.name for c in page] == ["Old Friend", "New One"]
    clock.tick()
    newer = await create_contact(db, ALICE, name="Newest")
    clock.tick()
    await create_meeting(db, ALICE, contact_id=old.id, goal="learn", scheduled_at=None)
    page, _ = await list_contacts(db, ALICE)
    assert [c.name for c in page] == ["Old Friend", "Newest", "New One"]
    assert newer.id in {c.id for c in page}


async def test_archived_contacts_leave_lists_and_pickers_but_keep_their_data(
    db: Database,
) -> None:
    mira = await create_contact(db, ALICE, name="Mira", company="Globex")
    await create_contact(db, ALICE, name="Sam")
    await create_meeting(db, ALICE, contact_id=mira.id, goal="learn", scheduled_at=None)
    assert await archive_contact(db, ALICE, mira.id)
    page, total = await list_contacts(db, ALICE)
    assert [c.name for c in page] == ["Sam"] and total == 1
    assert [c.name for c in await recent_contacts(db, ALICE)] == ["Sam"]
    assert await find_contacts(db, ALICE, "Mira") == []
    assert await names(db, ALICE, "mira") == []
    assert await names(db, ALICE, "mira", archived=True) == ["Mira"]
    kept = await get_contact(db, ALICE, mira.id)
    assert kept is not None and kept.archived_at is not None and kept.company == "Globex"
    # Archiving again keeps the first date; restoring brings it back.
    assert await archive_contact(db, ALICE, mira.id)
    again = await get_contact(db, ALICE, mira.id)
    assert again is not None and again.archived_at == kept.archived_at
    assert await restore_contact(db, ALICE, mira.id)
    assert (await list_contacts(db, ALICE))[1] == 2


# -- fuzzy lookup --------------------------------------------------------------------------------


def test_fold_ignores_case_form_spacing_and_diacritics() -> None:
    assert fold("  Zoë   MÜLLER ") == "zoe muller"
    assert fold("Zoe\u0308") == fold("Zoë") == "zoe"
    assert fold("ΣΊΣΥΦΟΣ") == fold("σίσυφος") == "σισυφοσ"
    assert fold("Straße") == "strasse"


def test_match_rank_orders_exact_prefix_substring_company_fuzzy() -> None:
    assert match_rank("mira patel", "Mira Patel", None) == Rank(1, EXACT)
    assert match_rank("pat", "Mira Patel", None) == Rank(1, WORDS)
    assert match_rank("patel mi", "Mira Patel", None) == Rank(1, WORDS)
    assert match_rank("ira", "Mira Patel", None) == Rank(1, PART)
    assert match_rank("globe", "Mira Patel", "Globex") == Rank(1, COMPANY)
    fuzzy = match_rank("Myra", "Mira Patel", None)
    assert fuzzy is not None and fuzzy.fit == CLOSE and -1 < fuzzy.closeness < 0
    assert match_rank("Globx", "Mira", "Globex") is not None
    assert match_rank("zzz", "Mira Patel", "Globex") is None
    assert match_rank("   ", "Mira", None) is None


def test_the_company_typed_with_a_name_picks_among_namesakes() -> None:
    assert match_rank("dana", "Dana Okafor", "Ledgerly", at="ledgerly") == Rank(0, WORDS)
    assert match_rank("dana", "Dana Okafor", "Ledgerly Inc.", at="LEDG") == Rank(0, WORDS)
    assert match_rank("dana", "Dana Okafor", None, at="Ledgerly") == Rank(1, WORDS)
    assert match_rank("dana", "Dana Okafor", "Quarry", at="Ledgerly") is None
    # Before a better fit of the name at another company, or at none known.
    assert Rank(0, WORDS) < Rank(1, EXACT)
    whole = ranker("Dana", at="Ledgerly", whole="Dana (Ledgerly)")
    assert whole("Dana (Ledgerly)", None) == Rank(0, EXACT)


@pytest.mark.parametrize(
    ("typed", "theirs", "same"),
    [
        ("ledgerly", "ledgerly", True),
        ("ledg", "ledgerly", True),
        ("quarry", "quarry robotics", True),
        ("northwind health", "northwind", True),
        ("acme inc.", "acme", True),
        ("the guardian", "guardian media", True),
        ("acme", "initech", False),
        ("quarry robotics", "quarry labs", False),
        ("ledgerly", "led zeppelin", False),
    ],
)
def test_same_company(typed: str, theirs: str, same: bool) -> None:
    assert same_company(typed, theirs) is same
    assert same_company(theirs, typed) is same


async def test_match_contacts_is_forgiving_and_best_first(db: Database) -> None:
    await create_contact(db, ALICE, name="Zoë Müller", company="Initech")
    await create_contact(db, ALICE, name="Mira Patel", company="Globex")
    await create_contact(db, ALICE, name="Miranda Jones")
    await create_contact(db, ALICE, name="Jon Smith")
    await create_contact(db, BOB, name="Mira Patel")  # someone else's
    assert await names(db, ALICE, "zoe muller") == ["Zoë Müller"]
    assert await names(db, ALICE, "ZOË") == ["Zoë Müller"]
    assert await names(db, ALICE, "müll") == ["Zoë Müller"]
    assert await names(db, ALICE, "initech") == ["Zoë Müller"]
    assert await names(db, ALICE, "mira patel") == ["Mira Patel"]
    assert await names(db, ALICE, "mira") == ["Mira Patel", "Miranda Jones"]
    assert await names(db, ALICE, "Mira Patle") == ["Mira Patel"]  # a typo
    assert await names(db, ALICE, "John") == ["Jon Smith"]
    assert await names(db, ALICE, "Globx") == ["Mira Patel"]
    assert await names(db, ALICE, "nobody at all") == []
    assert await names(db, ALICE, "") == []
    assert [c.owner_id for c in await match_contacts(db, BOB, "mira")] == [BOB]
    best = await match_contacts(db, ALICE, "mira", limit=1)
    assert [c.name for c in best] == ["Mira Patel"]
    assert await match_contacts(db, ALICE, "mira", limit=0) == []


async def test_slips_in_the_first_letters_are_found_among_many_contacts(db: Database) -> None:
    for first in ("Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gus", "Ida", "Jan", "Kim"):
        for last in ("Moreau", "Ahmed", "Tanaka"):
            await create_contact(db, ALICE, name=f"{first} {last}", company="Initech")
    await create_contact(db, ALICE, name="Mira Patel", company="Globex")
    await create_contact(db, ALICE, name="John Smith")
    for typed in ("Mria Patel", "imra", "Miira", "amira patel", "Mira Ptael", "patle"):
        assert (await names(db, ALICE, typed))[:1] == ["Mira Patel"], typed
    assert (await names(db, ALICE, "Jhon"))[:1] == ["John Smith"]
    assert (await names(db, ALICE, "Glboex"))[:1] == ["Mira Patel"]
    # Names starting with it, then holding it, then close spellings.
    await create_contact(db, ALICE, name="Evie Brown")
    await create_contact(db, ALICE, name="Steve Jones")
    found = await match_contacts(db, ALICE, "eve", limit=5)
    assert [c.name for c in found] == [
        "Eve Ahmed",
        "Eve Moreau",
        "Eve Tanaka",
        "Steve Jones",
        "Evie Brown",
    ]
    assert await names(db, BOB, "Mria Patel") == []


async def test_lookup_follows_renames_and_finds_names_without_letters(db: Database) -> None:
    mira = await create_contact(db, ALICE, name="Mira", company="Globex")
    await update_contact(db, ALICE, mira.id, name="Mirabel Okafor", company="Initech")
    assert await names(db, ALICE, "okafor") == ["Mirabel Okafor"]
    assert await names(db, ALICE, "initech") == ["Mirabel Okafor"]
    assert await names(db, ALICE, "globex") == []
    await create_contact(db, ALICE, name="🐉🐉")
    await create_contact(db, ALICE, name="李小龍")
    assert await names(db, ALICE, "🐉🐉") == ["🐉🐉"]
    assert await names(db, ALICE, "李小") == ["李小龍"]


# -- editing -------------------------------------------------------------------------------------


async def test_update_changes_only_the_given_fields(db: Database) -> None:
    mira = await create_contact(db, ALICE, name="Mira", company="Globex", role="CTO")
    renamed = await update_contact(db, ALICE, mira.id, name="Mira Patel-Ó")
    assert renamed is not None
    assert (renamed.name, renamed.company, renamed.role) == ("Mira Patel-Ó", "Globex", "CTO")
    assert [c.id for c in await find_contacts(db, ALICE, "mira patel-ó")] == [mira.id]
    cleared = await update_contact(db, ALICE, mira.id, company=None, stage="feed")
    assert cleared is not None and cleared.company is None and cleared.stage == "feed"
    assert cleared.role == "CTO"
    paced = await update_contact(db, ALICE, mira.id, cadence_days=30, how_met="PyCon")
    assert paced is not None and paced.cadence_days == 30 and paced.how_met == "PyCon"
    back = await update_contact(db, ALICE, mira.id, cadence_days=None)
    assert back is not None and back.cadence_days is None and back.how_met == "PyCon"
    unchanged = await update_contact(db, ALICE, mira.id)
    assert unchanged == back


async def test_update_refuses_nonsense(db: Database) -> None:
    mira = await create_contact(db, ALICE, name="Mira")
    with pytest.raises(ValueError):
        await update_contact(db, ALICE, mira.id, name="  ")
    with pytest.raises(ValueError):
        await update_contact(db, ALICE, mira.id, stage="")
    with pytest.raises(ValueError):
        await update_contact(db, ALICE, mira.id, cadence_days=0)
    assert await get_contact(db, ALICE, mira.id) == mira


async def test_nobody_edits_or_archives_someone_elses_contact(db: Database) -> None:
    mira = await create_contact(db, ALICE, name="Mira", company="Globex")
    assert await update_contact(db, BOB, mira.id, name="Hacked", company=None) is None
    assert await update_contact(db, BOB, mira.id) is None
    assert await update_contact(db, ALICE, 987654, name="Ghost") is None
    assert not await archive_contact(db, BOB, mira.id)
    assert not await restore_contact(db, BOB, mira.id)
    assert not await archive_contact(db, ALICE, 987654)
    assert await get_contact(db, ALICE, mira.id) == mira
    assert contacts.PAGE_SIZE == 8


async def test_one_letter_among_many_names_still_finds_the_best_first(db: Database) -> None:
    """A letter begins a word of more names than are scored at first: the exact name and
    the names a word of which begins with it still come first, in name order; when the first
    names in order only have it in their company, the rest are read too."""
    for n in range(SHORT_QUERY_NAMES + 20):
        await create_contact(db, ALICE, name=f"Ma{n:03d} Zed")
    await create_contact(db, ALICE, name="Sam Ito")  # "m" inside the name: after the others
    await create_contact(db, ALICE, name="Zoe Moss")
    await create_contact(db, ALICE, name="M")
    assert [c.name for c in await match_contacts(db, ALICE, "m", limit=3)] == [
        "M",
        "Ma000 Zed",
        "Ma001 Zed",
    ]
    for n in range(SHORT_QUERY_NAMES + 20):
        await create_contact(db, BOB, name=f"Aa{n:03d}", company="Mega")
    await create_contact(db, BOB, name="Zoe Moss")
    assert [c.name for c in await match_contacts(db, BOB, "m", limit=1)] == ["Zoe Moss"]
