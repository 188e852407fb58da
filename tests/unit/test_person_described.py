"""A name typed with a sentence about the person, as people answer "Who are you meeting?":
the name, the company and role where the words give them, and how you know them and when
you last talked read from the rest. No sentence ever becomes a role or a company."""

from __future__ import annotations

from datetime import date

import pytest

from bot.coaching.person_line import ROLE_WORDS, read_person
from bot.coaching.situation_words import SaidAbout, read_said_about

TODAY = date(2026, 12, 5)

# (typed, (name, role, company), what the rest says about you and them)
DESCRIBED = [
    (
        "Priya, she was my first manager at Sonae about 4 years ago",
        ("Priya", None, None),  # Sonae was then: see test_person_past
        # The years date the job, not the silence: when you last talked is asked.
        SaidAbout("former_manager", None),
    ),
    (
        "Tom, he runs Ashdown Analytics, a small climate data consultancy",
        ("Tom", None, "Ashdown Analytics"),
        None,
    ),
    (
        "Tom Hale - he runs Ashdown Analytics, a small climate data consultancy",
        ("Tom Hale", None, "Ashdown Analytics"),
        None,
    ),
    ("Farah Siddiqui - not a meeting, she emailed me", ("Farah Siddiqui", None, None), None),
    ("my old uni friend Lucy Brennan", ("Lucy Brennan", None, None), SaidAbout("friend", None)),
    ("Lucy Brennan, my old uni friend", ("Lucy Brennan", None, None), SaidAbout("friend", None)),
    (
        "Dr. Amara Obi from the hospital, we've never met, my aunt introduced us",
        ("Dr. Amara Obi", None, "the hospital"),
        SaidAbout("introduced", None, "your aunt"),
    ),
    ("Ana, she works at Google", ("Ana", None, "Google"), None),
    ("Ana Lopes, she's at Google now", ("Ana Lopes", None, "Google"), None),
    ("Hannah Meyer, she founded Klara Labs", ("Hannah Meyer", "Founder", "Klara Labs"), None),
    (
        "Ben Ortiz - my old boss from Deloitte, haven't talked in years",
        ("Ben Ortiz", None, None),
        SaidAbout("former_manager", "years"),
    ),
    ("an ex-colleague, Sam Patel", ("Sam Patel", None, None), SaidAbout("former_colleague", None)),
    ("Grace Ho, ex-boss", ("Grace Ho", None, None), SaidAbout("former_manager", None)),
    (
        "my cousin's friend Jo Kim",
        ("Jo Kim", None, None),
        SaidAbout("introduced", None, "your cousin"),
    ),
    (
        "Marta Silva from Feedzai, we met at Web Summit in November",
        ("Marta Silva", None, "Feedzai"),
        SaidAbout("met_once", "recent"),
    ),
    (
        "Kwame Asante, friend of a friend, never met",
        ("Kwame Asante", None, None),
        SaidAbout("introduced", None),
    ),
    (
        "Olu Ade, head of design at Paystack - we worked together at Andela until 2022",
        ("Olu Ade", "Head of design", "Paystack"),
        SaidAbout("worked_together", None),
    ),
    ("Joe, a friend from school", ("Joe", None, None), SaidAbout("friend", None)),
    (
        "Joe Bloggs, school friend, we talk every month",
        ("Joe Bloggs", None, None),
        SaidAbout("friend", "recent"),
    ),
    (
        "Rosa Diaz (my former colleague at Nine-Nine)",
        ("Rosa Diaz", None, None),
        SaidAbout("former_colleague", None),
    ),
    (
        "Tom Reid - met him once at a conference",
        ("Tom Reid", None, None),
        SaidAbout("met_once", None),
    ),
    (
        "Nina Park, introduced by Ben Whitaker",
        ("Nina Park", None, None),
        SaidAbout("introduced", None, "Ben Whitaker"),
    ),
    (
        "Maria Lopez, PM at Stripe, my old flatmate",
        ("Maria Lopez", "PM", "Stripe"),
        SaidAbout("friend", None),
    ),
    (
        "Leila Haddad, she was my thesis supervisor",
        ("Leila Haddad", None, None),
        SaidAbout("former_manager", None),
    ),
    ("Pedro, not sure what he does", ("Pedro", None, None), None),
    (
        "Chloé Martin, we had lunch last christmas",
        ("Chloé Martin", None, None),
        SaidAbout(None, "months"),
    ),
    (
        "Ravi, my best friend, we never really lost touch",
        ("Ravi", None, None),
        SaidAbout("friend", "months"),
    ),
    (
        "Kwame Asante - we've never met, a friend of a friend at Flutterwave",
        ("Kwame Asante", None, "Flutterwave"),
        SaidAbout("introduced", None),  # who introduced you is asked: not the company
    ),
    (
        "Ines Costa, my colleague at Stripe, Ana Reis, introduced us",
        ("Ines Costa", None, "Stripe"),
        SaidAbout("introduced", None, "Ana Reis"),
    ),
    (
        "Jonas Weber. He's a partner at a VC fund in Berlin, we met at a dinner last spring",
        ("Jonas Weber", "Partner", "a VC fund in Berlin"),
        SaidAbout("met_once", "months"),
    ),
    (
        "Ayesha Khan who I met at the PyData meetup",
        ("Ayesha Khan", None, None),
        SaidAbout("met_once", None),
    ),
    (
        "Dave, old teammate from Accenture, we still chat on WhatsApp",
        ("Dave", None, None),
        SaidAbout("former_colleague", "recent"),
    ),
    (
        "Emma Wilson. Recruiter at Spotify. Never spoken.",
        ("Emma Wilson", "Recruiter", "Spotify"),
        SaidAbout(None, "never"),
    ),
    (
        "Luca Bianchi, he's the CTO of Satispay and a friend of my brother",
        ("Luca Bianchi", "CTO of Satispay", None),
        SaidAbout("introduced", None, "your brother"),
    ),
    ("Carlos — my neighbour, works in fintech", ("Carlos", None, None), None),
    (
        "Sofia Rossi, we were at her wedding in 2023",
        ("Sofia Rossi", None, None),
        SaidAbout(None, "years"),
    ),
]


@pytest.mark.parametrize(("typed", "person", "said"), DESCRIBED)
def test_a_name_with_a_sentence_about_them(
    typed: str, person: tuple[str, str | None, str | None], said: SaidAbout | None
) -> None:
    read = read_person(typed)
    assert (read.name, read.role, read.company) == person
    assert (read_said_about(read.about, TODAY) if read.about else None) == said


@pytest.mark.parametrize(("typed", "person", "said"), DESCRIBED)
def test_no_sentence_becomes_a_role_or_a_company(
    typed: str, person: tuple[str, str | None, str | None], said: SaidAbout | None
) -> None:
    """A role is a title (it has a title's word, or was derived from "founded"); a company
    is a name or "the …", never words about you and them."""
    read = read_person(typed)
    if read.role is not None:
        assert read.role in ("Founder", "Co-founder") or ROLE_WORDS.intersection(
            read.role.casefold().split()
        )
    for piece in (read.role, read.company):
        words = set((piece or "").casefold().split())
        assert not words & {"my", "we", "me", "she", "he", "was", "never", "not", "introduced"}


def test_enough_phrasings_and_some_say_only_the_name() -> None:
    assert len(DESCRIBED) >= 25
    assert sum(1 for _, (_, role, company), _ in DESCRIBED if not (role or company)) >= 10


@pytest.mark.parametrize(
    "line",
    [
        "Otieno Kamau, he gave the talk on mobile money fraud at the fintech meetup tonight",
        "Bo Li, they organise the meetup",
        "Ravi Shah - he organised the hackathon",
    ],
)
def test_what_someone_did_is_no_role(line: str) -> None:
    """ "He gave the talk…" says what he did: the brief's title line must not read "Gave the
    talk on mobile money fraud at the fintech meetup tonight"."""
    person = read_person(line)
    assert person.role is None and person.company is None
    assert person.about is not None and person.about.split()[0] in ("he", "they", "she")
