"""One typed line about a person, split into name, role and company."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.coaching.person_line import PersonLine, Workplace, read_person, read_workplace, unhedged

# What people type at "Who are you meeting?", and what it says: (name, role, company).
AT_THE_NAME_QUESTION = [
    # "runs" a team at a place is a role there, not a company called "the analytics team".
    (
        "Efua Mensah, she runs the analytics team at MTN Ghana",
        ("Efua Mensah", "Runs the analytics team", "MTN Ghana"),
    ),
    # One line says it all.
    (
        "Priya Raman, head of data at Northwind Health",
        ("Priya Raman", "Head of data", "Northwind Health"),
    ),
    ("Dana from Ledgerly", ("Dana", None, "Ledgerly")),
    ("Dana (Ledgerly)", ("Dana", None, "Ledgerly")),
    ("dana @ ledgerly", ("dana", None, "ledgerly")),
    ("dana@ledgerly", ("dana", None, "ledgerly")),
    ("Dana at Ledgerly", ("Dana", None, "Ledgerly")),
    ("Sam Lee - CTO, Acme", ("Sam Lee", "CTO", "Acme")),
    ("Björn Müller – Head of Sales, Zalando", ("Björn Müller", "Head of Sales", "Zalando")),
    ("Jo Ng, VP Sales @ Stripe", ("Jo Ng", "VP Sales", "Stripe")),
    ("Sam Lee, CTO", ("Sam Lee", "CTO", None)),
    ("Sam Lee, CTO, Acme", ("Sam Lee", "CTO", "Acme")),
    ("Dana Okafor, Ledgerly", ("Dana Okafor", None, "Ledgerly")),
    ("Dana, she's a senior PM at Ledgerly", ("Dana", "Senior PM", "Ledgerly")),
    ("Dana from Ledgerly, senior PM", ("Dana", "Senior PM", "Ledgerly")),
    ("Sam Lee from Acme, their CTO", ("Sam Lee", "CTO", "Acme")),
    (
        "Priya Raman (head of data, Northwind Health)",
        ("Priya Raman", "Head of data", "Northwind Health"),
    ),
    ("Dana (PM at Ledgerly)", ("Dana", "PM", "Ledgerly")),
    ("Dana (Ledgerly, PM)", ("Dana", "PM", "Ledgerly")),
    ("Dana (CTO)", ("Dana", "CTO", None)),
    ("Dr. Ana Lima, cardiologist at St. Mary's", ("Dr. Ana Lima", "Cardiologist", "St. Mary's")),
    ("Ana de la Cruz from Banco do Brasil", ("Ana de la Cruz", None, "Banco do Brasil")),
    ("Jean-Luc Picard, captain at Starfleet", ("Jean-Luc Picard", "Captain", "Starfleet")),
    ("Wei Chen | Tencent", ("Wei Chen", None, "Tencent")),
    ("  Mira   Patel ,  a designer at  Globex ", ("Mira Patel", "Designer", "Globex")),
    ("Kofi Mensah, engineer for Initech", ("Kofi Mensah", "Engineer", "Initech")),
    # A name and nothing else: no break to split at.
    ("Mary-Jane O'Neil", ("Mary-Jane O'Neil", None, None)),
    ("Ng", ("Ng", None, None)),
    ("Dr. Ana Lima", ("Dr. Ana Lima", None, None)),
    ("Ana de la Cruz", ("Ana de la Cruz", None, None)),
    ("Ludwig van Beethoven", ("Ludwig van Beethoven", None, None)),
    ("Vincent van der Berg", ("Vincent van der Berg", None, None)),
    ("Catherine of Aragon", ("Catherine of Aragon", None, None)),
    ("Pat Atwood", ("Pat Atwood", None, None)),
    ("Frances Fromm", ("Frances Fromm", None, None)),
    ("Zoë Müller", ("Zoë Müller", None, None)),
    ("Ahmad al-Tayyib", ("Ahmad al-Tayyib", None, None)),
    ("李小龍", ("李小龍", None, None)),
    ("Martin Luther King, Jr.", ("Martin Luther King, Jr.", None, None)),
    ("Ana Lima, PhD", ("Ana Lima, PhD", None, None)),
    ("@dana", ("@dana", None, None)),
    ("Dana from", ("Dana from", None, None)),
    ("from Ledgerly", ("from Ledgerly", None, None)),
    (", Acme", (", Acme", None, None)),
    ("Dana,", ("Dana,", None, None)),
]

# What people type at "Where does Dana work?": (company, role).
AT_THE_COMPANY_QUESTION = [
    # Words about the company, then a clause about them: the role is theirs, not the line.
    (
        "It's a health-tech startup in Melbourne, he's Head of Product at MedLoop",
        ("MedLoop", "Head of Product"),
    ),
    ("MedLoop, she leads the data team", ("MedLoop", "Leads the data team")),
    ("Ledgerly, she's a senior PM there", ("Ledgerly", "Senior PM")),
    ("Ledgerly", ("Ledgerly", None)),
    ("Ledgerly, senior PM", ("Ledgerly", "Senior PM")),
    ("Ledgerly - head of growth", ("Ledgerly", "Head of growth")),
    ("Ledgerly (CTO)", ("Ledgerly", "CTO")),
    ("CTO at Ledgerly", ("Ledgerly", "CTO")),
    ("she's a PM at Ledgerly", ("Ledgerly", "PM")),
    ("Acme Inc., VP Sales", ("Acme Inc.", "VP Sales")),
    ("Bank of America, director", ("Bank of America", "Director")),
    ("Northwind Health; he is the head of data now", ("Northwind Health", "Head of data")),
    # A company and nothing else.
    ("Ernst & Young", ("Ernst & Young", None)),
    ("Skadden, Arps", ("Skadden, Arps", None)),
    ("Eat at Joe's", ("Eat at Joe's", None)),
    ("Procter & Gamble", ("Procter & Gamble", None)),
    ("self-employed", ("self-employed", None)),
]


@pytest.mark.parametrize(("typed", "expected"), AT_THE_NAME_QUESTION)
def test_a_line_at_the_name_question(
    typed: str, expected: tuple[str, str | None, str | None]
) -> None:
    assert read_person(typed) == PersonLine(*expected)


@pytest.mark.parametrize(("typed", "expected"), AT_THE_COMPANY_QUESTION)
def test_a_line_at_the_company_question(typed: str, expected: tuple[str, str | None]) -> None:
    assert read_workplace(typed) == Workplace(*expected)


def test_the_tables_hold_enough_phrasings() -> None:
    assert len(AT_THE_NAME_QUESTION) + len(AT_THE_COMPANY_QUESTION) >= 30
    assert sum(1 for _, (_, role, company) in AT_THE_NAME_QUESTION if not (role or company)) >= 10


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(text=st.text())
def test_any_line_splits_into_pieces_of_itself(text: str) -> None:
    """Nothing is invented: every piece is words the user typed, the name is never empty
    when there was something to type, and a line that is not split is kept whole."""
    tidy = " ".join(text.split())
    person = read_person(text)
    if not person.split:
        assert person.name == tidy
    else:
        assert person.name and person.name in tidy
        for piece in (person.role, person.company):
            assert piece is None or (piece and piece[1:] in tidy)
    workplace = read_workplace(text)
    if workplace.role is None:
        # Whole, or without when it was said: "Lumen these days".
        assert workplace.company == (tidy or None) or (
            workplace.company and workplace.company in tidy
        )
    else:
        assert workplace.company and workplace.company in tidy


@pytest.mark.parametrize(
    ("typed", "name", "about"),
    [
        ("Priya Sharma from work", "Priya Sharma", "work"),
        ("Tom from the gym", "Tom", "the gym"),
        ("Leo from church", "Leo", "church"),
        ("Carla from the conference", "Carla", "the conference"),
        ("Liam from next door", "Liam", "next door"),
    ],
)
def test_where_you_know_them_from_is_no_company(typed: str, name: str, about: str) -> None:
    assert read_person(typed) == PersonLine(name, about=about)


@pytest.mark.parametrize(
    ("typed", "company"), [("Tom from Work & Co", "Work & Co"), ("Ade from LinkedIn", "LinkedIn")]
)
def test_a_company_that_starts_like_a_place_is_still_a_company(typed: str, company: str) -> None:
    assert read_person(typed).company == company


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("data scientist I think", "data scientist"),
        ("probably Nubank?", "Nubank"),
        ("Head of Data (I think)", "Head of Data"),
        ("PM, not sure", "PM"),
        ("Maybelline", "Maybelline"),
        ("maybe", "maybe"),
    ],
)
def test_how_sure_you_are_is_not_part_of_a_title(typed: str, kept: str) -> None:
    assert unhedged(typed) == kept
