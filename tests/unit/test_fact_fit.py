"""A stored fact is named in a playbook's sentence only when it reads as its kind there: no
question asks what keeps someone busy "at Acme about 4 years ago", or how a student's
university finds out what its users need."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.coaching.fact_fit import (
    at_their_home,
    gave_the_talk,
    has_retired,
    reads_as_company,
    reads_as_field,
    reads_as_role,
    reads_as_topic,
    works_at_company,
)
from bot.coaching.facts import can_fill, fill
from bot.coaching.playbook_model import ADVICE_KINDS
from bot.coaching.playbooks import DEFAULT_PLAYBOOKS_DIR, Library, load_library
from bot.coaching.situation import AskTarget, Situation
from bot.coaching.stages import Goal, Stage


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(DEFAULT_PLAYBOOKS_DIR)


@pytest.mark.parametrize(
    "company",
    ["Ledgerly", "the University of Leeds", "Marks and Spencer", "ocado", "eBay", "H&M", "BBC"],
)
def test_names_read_as_companies(company: str) -> None:
    assert reads_as_company(company)


@pytest.mark.parametrize(
    "company",
    [
        "Zalando about 4 years ago",
        "Kestrel since 2019",
        "a small fintech in Porto",
        "my old firm",
        "runs Kestrel Robotics",
        "Ocado, she joined last year",
        "Acme but I think she left",
    ],
)
def test_sentences_and_descriptions_do_not(company: str) -> None:
    assert not reads_as_company(company)


def test_a_job_title_reads_as_a_role_a_sentence_does_not() -> None:
    assert reads_as_role("Senior data analyst") and reads_as_role("Head of Product")
    for said in (
        "My first manager at Zalando about 4 years ago",
        "Student, final year chemistry",
        "she was my mentor",
        "a recruiter I think",
    ):
        assert not reads_as_role(said), said


def test_students_retirees_and_people_between_jobs_do_not_work_where_the_card_says() -> None:
    for role in (
        "PhD student in linguistics",
        "Retired, was plant manager",
        "between jobs",
        "Former head of HR",
        "ex-Unilever, now job hunting",
        "final year undergrad",
    ):
        assert not works_at_company(role), role
    assert works_at_company("Staff engineer") and works_at_company(None)


def test_a_line_of_work_reads_as_a_field_a_place_or_a_verb_does_not() -> None:
    for field in ("UX research", "data", "product management", "the charity sector", "AI safety"):
        assert reads_as_field(field), field
    for field in ("Lisbon", "New York", "meet more people", "a new role", "do something else"):
        assert not reads_as_field(field), field


def test_a_guess_at_the_talk_is_no_title() -> None:
    assert reads_as_topic("pricing for marketplaces")
    assert reads_as_topic("Research with people who are busy")
    for guess in (
        "not sure yet, something on open data",
        "I think it was about pricing?",
        "no idea, probably AI",
    ):
        assert not reads_as_topic(guess), guess


@pytest.mark.parametrize(
    "words",
    [
        "right after her talk on pricing",
        "Ana's keynote at the summit",
        "she's speaking at the meetup",
        "after he presented, by the stage",
        "they were on the panel",
        "Ana is giving it",
        "she gave a talk on pricing",
        "breakfast on grid storage, she is on the panel",
        "she's one of the panellists",
        "Ana was the keynote speaker",
        "she is moderating the session",
        "she sat on a panel about pricing",
    ],
)
def test_they_gave_the_talk_only_when_the_user_says_so(words: str) -> None:
    assert gave_the_talk(words, "Ana")


@pytest.mark.parametrize(
    "words",
    [
        None,
        "quick chat at the meetup",
        "at the conference, by the coffee",
        "the meetup - she isn't speaking, just going",
        "after the keynote",
        "Tom's talk, she'll be there too",
        "heat maps. She isn't giving it.",
        "she talked about pricing with me",
        "she isn't on the panel, just attending",
        "she's not one of the speakers",
        "she's going to the panel",
    ],
)
def test_otherwise_the_talk_is_shared_ground(words: str | None) -> None:
    assert not gave_the_talk(words, "Ana")


@pytest.mark.parametrize(
    "words",
    [
        "dinner at her new house in Hamilton",
        "housewarming",
        "a house-warming at theirs",
        "lunch at his place",
        "drinks at Sam's flat",
        "coffee round theirs",
        "at their place for a barbecue",
        "he's cooking, at his",
        "Dinner At Her Home",
    ],
)
def test_they_are_the_host_when_you_meet_at_their_home(words: str) -> None:
    assert at_their_home(words)


@pytest.mark.parametrize(
    "words",
    [
        "dinner at Ana's",
        "dinner at Ana's on Saturday",
        "a barbecue at Ana and Joe's",
        "dinner at hers on Friday",
        "she invited me over for dinner",
        "they've asked me round for lunch",
    ],
)
def test_at_their_name_or_invited_over_is_their_home(words: str) -> None:
    assert at_their_home(words, "Ana")


@pytest.mark.parametrize(
    "words",
    ["dinner at Nando's", "lunch at Ana's office", "she's coming over for dinner", "at Bo's"],
)
def test_a_name_not_theirs_or_a_place_of_theirs_is_no_home(words: str) -> None:
    assert not at_their_home(words, "Ana")


@pytest.mark.parametrize(
    "words",
    [
        None,
        "",
        "dinner at Kimchi House on Bloor",
        "lunch near his office",
        "dinner at my place",
        "coffee near her home",
        "at the Clubhouse",
        "drinks at The Marble Arch",
        "at his office by the station",
    ],
)
def test_a_restaurant_an_office_or_your_own_home_has_no_host(words: str | None) -> None:
    assert not at_their_home(words)


# --- every playbook line, rendered with awkward facts ----------------------------------------

# What people really type about someone, stored as typed, that no sentence can hold.
AWKWARD: list[dict[str, str]] = [
    {"company": "Zalando about 4 years ago", "role": "my first manager at Zalando"},
    {"company": "a small fintech in Porto", "role": "Engineer"},
    {"company": "runs Kestrel Robotics", "role": "Founder"},
    {"company": "University of Toronto", "role": "PhD student in linguistics"},
    {"company": "Siemens", "role": "Retired, was plant manager"},
    {"company": "Unilever", "role": "between jobs, ex-Unilever"},
    {"company": "Ocado, she joined last year", "role": "Student, final year physics"},
]
AWKWARD_FIELDS = ["Lisbon", "meet more people", "a new role"]
AWKWARD_TOPICS = ["not sure yet, something on open data", "I think it was about pricing?"]
# Left in a sentence, each is a seam the reader sees.
GARBLED = [
    r"\bago\b",
    r"\bsince 20",
    r"\bat a small\b",
    r"\bruns Kestrel\b",
    r"University of Toronto",
    r"Siemens",
    r"Unilever",
    r"Ocado",
    r"Student,",
    r"\bLisbon\b",
    r"meet more people",
    r"a new role",
    r"not sure",
    r"I think",
    r"[{}]",
    r"  ",
]


def awkward_situations() -> Iterator[Situation]:
    goals: list[Goal] = ["learn", "job", "ask", "intro", "reconnect", "advice"]
    stages: list[Stage] = ["seed", "trusted", "dormant", "feed"]
    for i, known in enumerate(AWKWARD):
        yield Situation(
            "Mara Quist",
            goals[i % len(goals)],
            stages[i % len(stages)],
            company=known["company"],
            role=known["role"],
            field=AWKWARD_FIELDS[i % len(AWKWARD_FIELDS)],
            setting="event",
            topic=AWKWARD_TOPICS[i % len(AWKWARD_TOPICS)],
            ask=AskTarget("Ines Duarte"),
        )


def every_line(library: Library, facts: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Every question and advice line of every playbook that these facts can fill, filled."""
    for playbook in library.prep:
        for question in playbook.questions:
            if question.needs <= facts.keys():
                yield f"{playbook.id}.{question.id}", fill(question.text, facts)
        for kind in ADVICE_KINDS:
            for line in playbook.advice.lines(kind):
                if can_fill(line, facts):
                    yield f"{playbook.id}.{kind}", fill(line, facts)


def test_no_playbook_line_is_garbled_by_what_was_typed(shipped: Library) -> None:
    garbled = [
        f"{where}: {text!r}"
        for situation in awkward_situations()
        for where, text in every_line(shipped, situation.facts())
        if any(re.search(pattern, text) for pattern in GARBLED)
    ]
    assert garbled == []


def test_facts_that_read_well_are_still_named(shipped: Library) -> None:
    # The check above must not pass by naming nothing: clean facts still fill the lines.
    clean = Situation(
        "Mara Quist",
        "learn",
        "seed",
        company="Kestrel Robotics",
        role="Head of Product",
        field="UX research",
        setting="event",
        setting_words="right after her talk",
        topic="pricing for marketplaces",
    )
    lines = [text for _, text in every_line(shipped, clean.facts())]
    assert any("Kestrel Robotics" in line for line in lines)
    assert any("UX research" in line for line in lines)
    assert any("‘pricing for marketplaces’" in line for line in lines)
    assert "A specific thank-you for Mara's talk, naming the part you will use" in lines
    assert not any(re.search(pattern, line) for line in lines for pattern in GARBLED[-2:])


def test_without_their_talk_no_line_thanks_them_for_it(shipped: Library) -> None:
    heard = Situation("Mara Quist", "learn", "seed", setting="event", topic="pricing")
    lines = [text for _, text in every_line(shipped, heard.facts())]
    assert not [
        line for line in lines if re.search(r"thank\w* .*\btalk|give a talk|your talk", line)
    ]
    assert "What did you make of the talk on ‘pricing’?" in lines


@pytest.mark.parametrize(
    ("said", "retired"),
    [
        ("He's retired now - he was a senior pharmacist at Northside", True),
        ("retired senior pharmacist", True),
        ("she retired last year and volunteers at the museum", True),
        ("enjoying her retirement", True),
        ("saving for retirement", False),
        ("in retirement, but still consulting", True),
        ("not retired yet, two more years", False),
        ("he retired the old billing system", False),
        ("Head of pharmacy at Northside", False),
    ],
)
def test_what_says_someone_has_retired(said: str, retired: bool) -> None:
    assert has_retired(said) is retired
