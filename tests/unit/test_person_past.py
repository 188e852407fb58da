"""Where someone worked before is not where they work now: "she was my charge nurse at
Santa Maria until 2022" names a past workplace, which /prep keeps as where you knew them and
never shows as their company. A role typed as a sentence at the role question ("she's nurse
manager at CUF now") is the role and where they work now, with no pronoun or filler in it."""

from __future__ import annotations

from datetime import date

import pytest

from bot.coaching.person_line import Workplace, read_person, read_role, read_workplace, still_at
from bot.coaching.situation_words import read_said_about

TODAY = date(2026, 12, 9)

# (typed, the company they left)
PAST = [
    ("Joana Mendes, she was my charge nurse at Santa Maria hospital until 2022", "Santa Maria"),
    ("Tom Berg, he used to work at Spotify", "Spotify"),
    ("Lea Novak, formerly at Zalando", "Zalando"),
    ("Ben Ortiz, previously at Stripe", "Stripe"),
    ("Kai Ito, ex-Google", "Google"),
    ("Kai Ito (ex-McKinsey)", "McKinsey"),
    ("Tom Berg - he left Spotify last year", "Spotify"),
    ("Mira Sen, worked with her at Nubank until 2021", "Nubank"),
    ("Marta Silva, my old boss at Deloitte", "Deloitte"),
    ("Hugo, he was my team lead at Glovo", "Glovo"),
    ("Ana Lima, my manager at Sonae back in 2019", "Sonae"),
]


@pytest.mark.parametrize(("typed", "left"), PAST)
def test_a_workplace_in_the_past_is_not_their_company(typed: str, left: str) -> None:
    person = read_person(typed)
    assert (person.company, person.role, person.past_company) == (None, None, left)
    assert person.about is not None and left in person.about  # kept as how you know them


@pytest.mark.parametrize(
    ("typed", "now"),
    [
        ("Ines Costa, my colleague at Stripe", "Stripe"),
        ("Ana Lopes, she's at Google now", "Google"),
        ("Hugo, my team lead at Glovo", "Glovo"),
        ("Marta Silva from Feedzai, we met at Web Summit in November", "Feedzai"),
    ],
)
def test_a_workplace_said_in_the_present_stays_their_company(typed: str, now: str) -> None:
    person = read_person(typed)
    assert (person.company, person.past_company) == (now, None)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Carla Mendes, she was at Microsoft, now at Google", (None, "Google", "Microsoft")),
        ("Nadia Berg, formerly Spotify, now Klarna", (None, "Klarna", "Spotify")),
        ("Eva Lund, she left Ericsson in 2021 and joined Spotify", (None, "Spotify", "Ericsson")),
        ("Paulo, my old manager at EDP, he is now at Galp", (None, "Galp", "EDP")),
        ("Sun Li, we worked together at Huawei (she is now at Xiaomi)", (None, "Xiaomi", "Huawei")),
        ("Dana Cruz, ex-Meta, now CTO at Mistral", ("CTO", "Mistral", "Meta")),
        ("Dana Cruz, ex-Meta, now CTO", ("CTO", None, "Meta")),
        # No name to show as a company: what they do is the role.
        (
            "Rui Sousa, used to be my boss at KPMG, now runs her own firm",
            ("Runs own firm", None, "KPMG"),
        ),
    ],
)
def test_where_they_moved_to_is_their_company(
    typed: str, expected: tuple[str | None, str | None, str]
) -> None:
    person = read_person(typed)
    assert (person.role, person.company, person.past_company) == expected


def test_the_workplace_now_and_the_one_before_in_one_line() -> None:
    rosa = read_person("Rosa Pinto, ward manager at Hospital Luz, formerly at São João")
    rosa_read = (rosa.role, rosa.company, rosa.past_company)
    assert rosa_read == ("Ward manager", "Hospital Luz", "São João")
    lena = read_person("Lena Vogel, she is head of HR at Zalando, we worked together at SAP")
    assert (lena.role, lena.company, lena.past_company) == ("Head of HR", "Zalando", "SAP")


@pytest.mark.parametrize(
    "typed",
    [
        "Joana Mendes, she was my charge nurse at Santa Maria hospital until 2022",
        "Hugo, he was my team lead at Glovo",
        "Rita Sousa, she used to be my boss at KPMG",
        "Ana Lima, my manager at Sonae back in 2019",
        "Pedro Alves, he was my line manager",
        "Yara Haddad - she was my shift lead at the warehouse",
    ],
)
def test_who_was_in_charge_of_you_is_a_former_manager(typed: str) -> None:
    about = read_person(typed).about
    said = read_said_about(about, TODAY) if about else None
    assert said is not None and said.relationship == "former_manager"
    # "Until 2022" dates the job, not when you last talked: that is still asked.
    assert said.last_talked is None


# (typed at "What is X's role?", (role, the company they work at now when it names one))
ROLES = [
    ("she's nurse manager at CUF Descobertas now", ("nurse manager", "CUF Descobertas")),
    ("he runs the data team at Bolt", ("runs the data team", "Bolt")),
    ("she's now head of HR at a startup called Lumen", ("head of HR", "Lumen")),
    ("now he's CTO at Acme", ("CTO", "Acme")),
    ("he's the head of growth at Revolut these days", ("head of growth", "Revolut")),
    ("she's at CUF Descobertas now as nurse manager", ("nurse manager", "CUF Descobertas")),
    ("she moved to Google as a PM", ("PM", "Google")),
    ("VP Sales @ Pipedrive", ("VP Sales", "Pipedrive")),
    ("currently a staff engineer", ("staff engineer", None)),
    ("nurse manager", ("nurse manager", None)),
    ("they're a senior designer there", ("senior designer", None)),
    # A place that names no one stays with the role rather than become a company.
    ("PM at a small fintech", ("PM at a small fintech", None)),
    # Words about the company first, then the clause about them.
    (
        "It's a health-tech startup in Melbourne, he's Head of Product at MedLoop",
        ("Head of Product", "MedLoop"),
    ),
    ("MedLoop, a health-tech startup. He is Head of Product", ("Head of Product", "MedLoop")),
    ("a small bank, she runs their risk team", ("runs their risk team", None)),
]


@pytest.mark.parametrize(("typed", "expected"), ROLES)
def test_a_role_typed_as_a_sentence(typed: str, expected: tuple[str, str | None]) -> None:
    role, company = expected
    assert read_role(typed) == Workplace(company, role)
    fillers = {"she", "he", "they", "she's", "he's", "they're", "now", "currently", "there"}
    assert not set(role.casefold().split()) & fillers


def test_a_company_answer_loses_its_now() -> None:
    assert read_workplace("she's nurse manager at CUF Descobertas now") == Workplace(
        "CUF Descobertas",
        "Nurse manager",  # capitalised, as with the name
    )
    assert read_workplace("Lumen these days") == Workplace("Lumen")


@pytest.mark.parametrize(
    ("typed", "company"),
    [
        ("still there", "Glovo"),
        ("She's still at Glovo", "Glovo"),
        ("he is still at Glovo Portugal", "Glovo Portugal"),
        ("same place", "Glovo"),
        ("Same", "Glovo"),
        ("Bolt", None),
        ("she moved to Bolt", None),
    ],
)
def test_still_there_at_the_question_of_where_now(typed: str, company: str | None) -> None:
    assert still_at(typed, "Glovo") == company
