"""The name resolver's decisions: who a typed name means among a user's contacts."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.coaching.names import Decision, Verdict, decide, offer_reply, reference
from bot.storage.contacts import fold, ranker

RUTH = ("Ruth Adler", "Quarry Robotics")
DANA = ("Dana Okafor", "Ledgerly")
OTHER_DANA = ("Dana Whitfield", "Initech")
PEOPLE = [
    RUTH,
    DANA,
    ("Zoë Müller", None),
    ("Priya Raman", "Northwind Health"),
    ("Mira Patel", "Globex"),
    ("Miranda Jones", None),
    ("Mira", None),
]


def resolve_among(
    typed: str, people: Sequence[tuple[str, str | None]], shown: int = 6
) -> Decision[tuple[str, str | None]]:
    """What bot/handlers/who.py resolve does, without the database: rank every contact as
    storage ranks its candidates, in storage's order, and decide."""
    person = reference(typed)
    rank = ranker(person.name, at=person.company, whole=person.typed)
    ranked = sorted(
        (fit, fold(name), index)
        for index, (name, company) in enumerate(people)
        if (fit := rank(name, company)) is not None
    )
    return decide([(fit.likelihood, people[index]) for fit, _, index in ranked], shown)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # A first name, a last name, a prefix, any case or accents.
        ("ruth", RUTH),
        ("Ruth", RUTH),
        ("RUTH ADLER", RUTH),
        ("adler", RUTH),
        ("Ru", RUTH),
        ("adler ruth", RUTH),
        ("dana", DANA),
        ("okafor", DANA),
        ("zoe", ("Zoë Müller", None)),
        ("ZOË MULLER", ("Zoë Müller", None)),
        ("zoe muller", ("Zoë Müller", None)),
        ("prìya", ("Priya Raman", "Northwind Health")),
        # With the company, however it is said.
        ("Dana from Ledgerly", DANA),
        ("dana @ ledgerly", DANA),
        ("Dana (Ledgerly)", DANA),
        ("dana at ledg", DANA),
        ("Ruth from Quarry", RUTH),
        ("Priya Raman, head of data at Northwind Health", ("Priya Raman", "Northwind Health")),
        # The whole name beats names that only begin with it.
        ("mira", ("Mira", None)),
        ("mira patel", ("Mira Patel", "Globex")),
        # A slip in the spelling, when nobody fits better.
        ("Ruht Adler", RUTH),
    ],
)
def test_one_likely_contact_is_offered(typed: str, meant: tuple[str, str | None]) -> None:
    assert resolve_among(typed, PEOPLE) == Decision(Verdict.ONE, (meant,))


def test_two_danas_are_both_listed_until_the_company_tells_them_apart() -> None:
    people = [*PEOPLE, OTHER_DANA]
    for typed in ("dana", "Dana", "DÁNA", "dan"):
        found = resolve_among(typed, people)
        assert found.verdict is Verdict.SEVERAL, typed
        assert set(found.people) == {DANA, OTHER_DANA}, typed
    assert resolve_among("Dana from Ledgerly", people).people == (DANA,)
    assert resolve_among("dana @ initech", people).people == (OTHER_DANA,)
    assert resolve_among("Dana Whitfield", people).people == (OTHER_DANA,)
    assert resolve_among("dana w", people).people == (OTHER_DANA,)


def test_the_company_typed_prefers_people_there_and_keeps_those_it_is_not_known_for() -> None:
    unknown = ("Dana Kim", None)
    people = [DANA, OTHER_DANA, unknown]
    assert resolve_among("Dana from Ledgerly", people) == Decision(Verdict.ONE, (DANA,))
    # Nobody known to be at Acme: the Dana whose company is not known may be the one.
    assert resolve_among("Dana from Acme", people) == Decision(Verdict.ONE, (unknown,))
    assert resolve_among("Dana from Acme", [DANA, OTHER_DANA]).verdict is Verdict.NONE


@pytest.mark.parametrize(
    "typed", ["Sam", "Xavier Quinn", "Okafor Dana Smith", "Dana from Acme", "Ruth from Initech"]
)
def test_nobody_fits_makes_a_new_contact(typed: str) -> None:
    assert resolve_among(typed, PEOPLE) == Decision(Verdict.NONE, ())


def test_many_equally_likely_are_listed_up_to_the_number_shown() -> None:
    people = [(f"Alex {n:02d}", None) for n in range(9)]
    found = resolve_among("alex", people, shown=6)
    assert found.verdict is Verdict.SEVERAL and found.more
    assert [name for name, _ in found.people] == [f"Alex {n:02d}" for n in range(6)]
    # The exact name is the one, however many others begin with it.
    assert resolve_among("alex", [*people, ("Alex", None)]).people == (("Alex", None),)


def test_decide_is_about_likelihoods_only() -> None:
    assert decide([], 6) == Decision(Verdict.NONE, ())
    assert decide([((1, 1), "a")], 6) == Decision(Verdict.ONE, ("a",))
    assert decide([((0, 1), "a"), ((1, 0), "b")], 6) == Decision(Verdict.ONE, ("a",))
    assert decide([((1, 1), "a"), ((1, 1), "b")], 6) == Decision(Verdict.SEVERAL, ("a", "b"))
    assert decide([((1, 1), "a"), ((1, 1), "b"), ((1, 2), "c")], 2) == Decision(
        Verdict.SEVERAL, ("a", "b"), more=True
    )


def test_a_contact_stored_under_the_whole_line_is_found_by_it() -> None:
    # Contacts made before lines were split kept all of it as the name.
    stored = ("Priya Raman, head of data at Northwind Health", None)
    found = resolve_among("Priya Raman, head of data at Northwind Health", [stored])
    assert found == Decision(Verdict.ONE, (stored,))
    assert resolve_among("Dana (Ledgerly)", [("Dana (Ledgerly)", None), DANA]).people == (
        ("Dana (Ledgerly)", None),
    )


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("yes", "yes"),
        ("Yes!", "yes"),
        ("yep", "yes"),
        ("y", "yes"),
        ("that's her", "yes"),
        ("That’s him", "yes"),
        ("ok", "yes"),
        ("no", "new"),
        ("Nope", "new"),
        ("someone new", "new"),
        ("no, someone else", "new"),
        ("new", "new"),
        ("Dana", None),
        ("yes dana okafor", "yes"),
        ("ya thats him", "yes"),
        ("Yes that's her", "yes"),
        ("yeah, the one from Ledgerly", "yes"),
        ("nope, a different Dana", "new"),
        ("no that's someone else", "new"),
        ("Nora", None),
        ("Yann Lee", None),
        ("Noah", None),
        ("Yasmin", None),
        ("it's her", "yes"),
        ("that's the one", "yes"),
        ("same person", "yes"),
        ("the first one", "yes"),
        ("👍", "yes"),
        ("a new one", "new"),
        ("someone different", "new"),
        ("another person", "new"),
        ("Thatcher", None),
        ("Newton", None),
        ("Itsuki", None),
    ],
)
def test_a_typed_answer_to_the_one_offered(typed: str, reply: str | None) -> None:
    assert offer_reply(typed) == reply


def test_a_reference_keeps_all_that_was_typed() -> None:
    person = reference("  Dana   from Ledgerly ")
    assert (person.name, person.company, person.role, person.typed) == (
        "Dana",
        "Ledgerly",
        None,
        "Dana from Ledgerly",
    )
    as_typed = reference("Dana from Ledgerly", split=False)
    assert (as_typed.name, as_typed.company) == ("Dana from Ledgerly", None)


@pytest.mark.parametrize(
    ("typed", "sought"),
    [("Ms Sharma", "Sharma"), ("Dr. Mensah", "Mensah"), ("prof Ada Obi", "Ada Obi"), ("Dr", "Dr")],
)
def test_a_title_before_the_name_is_not_looked_for(typed: str, sought: str) -> None:
    assert reference(typed).sought == sought
