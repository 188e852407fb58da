"""People suggested in a debrief answer, and what you will do split from what you might do."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.coaching.answers import is_tentative, read_promises, split_tentative
from bot.coaching.person_line import PersonLine
from bot.coaching.suggested import MAX_PEOPLE, read_people


@pytest.mark.parametrize(
    ("said", "people"),
    [
        (
            "Victor Hale at Stripe, and Ana from Figma",
            [PersonLine("Victor Hale", company="Stripe"), PersonLine("Ana", company="Figma")],
        ),
        (
            "Victor Hale at Stripe, Ana from Figma",
            [PersonLine("Victor Hale", company="Stripe"), PersonLine("Ana", company="Figma")],
        ),
        ("Victor, Ana and Tom", [PersonLine("Victor"), PersonLine("Ana"), PersonLine("Tom")]),
        # One person: a comma before a role or a lone company does not start another.
        (
            "Priya Raman, head of data at Northwind",
            [PersonLine("Priya Raman", "Head of data", "Northwind")],
        ),
        ("Victor Hale, Stripe", [PersonLine("Victor Hale", company="Stripe")]),
        (
            "maybe Sam Lee (CTO, Acme); also Dana",
            [PersonLine("Sam Lee", "CTO", "Acme"), PersonLine("Dana")],
        ),
        (
            "Ana from Figma\nTom Reyes, CTO at Acme and Victor",
            [
                PersonLine("Ana", company="Figma"),
                PersonLine("Tom Reyes", "CTO", "Acme"),
                PersonLine("Victor"),
            ],
        ),
        ("Ana and ana", [PersonLine("Ana")]),
        ("nobody really", []),
        ("-", []),
    ],
)
def test_each_person_named(said: str, people: list[PersonLine]) -> None:
    assert read_people(said) == people


def test_a_long_list_is_cut_short() -> None:
    names = ", ".join(
        f"{name} from Acme" for name in ["Ana", "Ben", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ida"]
    )
    assert len(read_people(names)) == MAX_PEOPLE


@pytest.mark.parametrize(
    ("part", "tentative"),
    [
        ("could intro her to Sam", True),
        ("maybe send the article", True),
        ("I'd be happy to review her deck", True),
        ("if she wants, a coffee with my team", True),
        ("send the deck", False),
        ("send it if it helps", False),
        ("intro to Ines", False),
    ],
)
def test_what_you_might_do_is_told_from_what_you_promised(part: str, tentative: bool) -> None:
    assert is_tentative(part) is tentative


def test_one_answer_holds_promises_and_ideas() -> None:
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    promises = read_promises(
        "send her my portfolio by Friday, could intro her to Sam", now, ZoneInfo("UTC")
    )
    promised, might = split_tentative(promises)
    assert [p.text for p in promised] == ["send her my portfolio"]
    assert promised[0].due is not None and promised[0].due.isoformat() == "2026-11-27"
    assert [p.text for p in might] == ["could intro her to Sam"]


@pytest.mark.parametrize(
    "said",
    [
        "someone on her platform team",
        "a recruiter she knows",
        "intro to Ines and send her a short blurb by friday",  # a promise, typed a step late
    ],
)
def test_a_description_is_no_one_to_add(said: str) -> None:
    assert read_people(said) == []


@pytest.mark.parametrize(
    "said", ["answer #3 from 1001: met at the Porto meetup", "the 2 founders at Acme"]
)
def test_a_sentence_is_no_one_to_add(said: str) -> None:
    assert read_people(said) == []
