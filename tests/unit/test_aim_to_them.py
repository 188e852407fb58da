"""Questions from the aim are said as good questions to the person you meet: when you come to
give, they draw out what the other person needs instead of asking them for it; "Am I a fit?"
asks what they know of you; their own hiring is not asked about a role in another team."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pytest

from bot.coaching.aim import about_their_hiring, hiring_elsewhere, read_aim
from bot.coaching.brief import build_brief, pulls_away
from bot.coaching.playbooks import Library
from bot.coaching.situation import Situation
from bot.render import Renderer
from tests.unit.test_aim_cover import HIRE, meeting
from tests.unit.test_brief import brief_text, render, shipped

__all__ = ["render", "shipped"]  # the fixtures, shared with test_brief

# Asking them for what you came to give: their advice, tips, view, feedback.
FOR_YOURSELF = re.compile(
    r"\byour (?:advice|tips|take|view|views|thoughts|opinion|feedback|guidance|pointers)\b"
    r"|\b(?:should|could|can|do) I\b|^What should I\b",
    re.IGNORECASE,
)

GIVING = [
    (
        "Mainly to help her: career advice on breaking into architecture in Spain, the"
        " licensing route (she worries about the exams), and feedback on her CV.",
        "What are you weighing up about breaking into architecture in Spain?",
    ),
    (
        "give him my take on moving into product management",
        "What are you weighing up about moving into product management?",
    ),
    (
        "some tips on negotiating her first salary",
        "What are you weighing up about negotiating your first salary?",
    ),
    (
        "help her decide whether to take the PhD offer",
        "Which way are you leaning on whether to take the PhD offer?",
    ),
    (
        "the practice interview I promised him, and hear how his first round went",
        "How did your first round go?",
    ),
    (
        "guidance on his portfolio before the review",
        "What would you most like me to look at in your portfolio?",
    ),
    ("advice on how to prepare for a panel interview", None),
    ("her view on whether I should take the Lisbon offer", None),
]


@pytest.mark.parametrize(("aim", "first"), GIVING)
def test_coming_to_give_asks_what_they_need_never_for_what_you_give(
    aim: str, first: str | None
) -> None:
    reading = read_aim(aim, giving=True)
    assert reading.ask is None and reading.also is None
    questions = [c.question for c in reading.cover if c.question]
    assert questions[:1] == ([first] if first else [])
    assert not any(FOR_YOURSELF.search(q) for q in questions), questions
    assert not any(c.review for c in reading.cover)


def test_the_same_aim_for_yourself_still_asks_for_their_advice() -> None:
    reading = read_aim("some tips on negotiating my first salary")
    assert reading.ask is not None and reading.ask.kind == "advice"
    assert [c.question for c in reading.cover] == [
        "What are your tips on negotiating my first salary?"
    ]


def helping(aim: str) -> Situation:
    return Situation(
        "Lucía Ortega",
        "help",
        "seed",
        company="Universidad de Sevilla",
        role="Final-year architecture student",
        relationship="introduced",
        introducer="Carmen Vidal",
        setting="walk",
        aim=aim,
    )


@pytest.mark.parametrize("aim", [aim for aim, _ in GIVING])
def test_a_brief_to_give_help_asks_nothing_of_them_for_you(
    render: Renderer, shipped: Library, aim: str
) -> None:
    text = brief_text(render, shipped, helping(aim))
    questions = re.findall(r"^\d\. (.+)$", text, flags=re.MULTILINE)
    assert questions, text
    assert not any(FOR_YOURSELF.search(q) for q in questions), questions
    assert "The ask" not in text


@pytest.mark.parametrize(
    ("aim", "question"),
    [
        (
            "I want to know whether I am a fit for the analyst role",
            "From what you know of me, where would I be strong for the analyst role, and where"
            " would I fall short?",
        ),
        (
            "There's a planner role in her division. Whether I'm a good fit, and if so ask for"
            " a referral",
            "From what you know of me, where would I be strong for the role, and where would I"
            " fall short?",
        ),
        (
            "whether I'd be competitive for a senior job there",
            "From what you know of me, where would I be strong for a senior job there, and where"
            " would I fall short?",
        ),
        (
            "if I am qualified enough",
            "From what you know of me, where would I be strong, and where would I fall short?",
        ),
        (
            "what the hiring manager is like",
            "How well do you know the hiring manager, and what are they like to work with?",
        ),
        (
            "find out what the new director is like",
            "How well do you know the new director, and what are they like to work with?",
        ),
        # Their own: they know.
        ("what her boss is like", "What is your boss like?"),
        ("what the culture at Ocado is like", "What is the culture at Ocado like?"),
    ],
)
def test_a_want_about_yourself_or_a_third_person_is_asked_as_they_can_answer(
    aim: str, question: str
) -> None:
    assert [c.question for c in read_aim(aim).cover][:1] == [question]


def test_a_doubt_they_cannot_answer_is_left_out() -> None:
    assert read_aim("whether I am too old for this").cover == ()


@pytest.mark.parametrize(
    "aim",
    [
        "A Senior Analyst role is open in his broader division (not his team). Whether I am a"
        " fit, and ask him to refer me",
        "the opening is in another department; I'd like him to put me forward",
        "what the hiring manager is like, and a referral if he's comfortable",
        "The role reports to Dana Cole; his view on my chances",
    ],
)
def test_their_own_hiring_is_not_asked_about_a_role_in_another_team(
    aim: str, render: Renderer, shipped: Library
) -> None:
    situation = meeting(aim, goal="job", relationship="former_colleague")
    assert pulls_away(HIRE, situation, read_aim(aim, "Sonae"))
    for seed in range(8):
        brief = build_brief(shipped, situation, random.Random(seed))
        asked = [q.text for q in brief.questions]
        # Nor who gets into their team: "Which backgrounds have done well on your team?"
        assert not any(about_their_hiring(q) or "backgrounds" in q for q in asked), asked


@pytest.mark.parametrize(
    ("said", "elsewhere"),
    [
        ("Dana Cole at Sonae, the hiring manager. He will mention me to her.", True),
        ("The role reports to Dana Cole, who is building a new team.", True),
        ("She is the hiring manager for the analyst role", False),
        ("Priya's the one hiring, and the hiring manager too", False),
        ("Priya is the hiring manager", False),
        ("He reports to the CEO now", False),
        ("Training for the Berlin marathon", False),
    ],
)
def test_what_says_someone_else_fills_the_role(said: str, elsewhere: bool) -> None:
    assert hiring_elsewhere(said, "Priya Nair") is elsewhere


@dataclass(frozen=True)
class Note:
    slot: str
    body: str
    created_at: datetime = datetime(2026, 12, 1, tzinfo=UTC)
    done_at: datetime | None = None


def test_a_note_naming_someone_else_as_hiring_manager_drops_their_hiring_next_time(
    shipped: Library,
) -> None:
    aim = "advice on my presentation for the analyst role next week"
    noted = (Note("who_they_know", "Dana Cole at Sonae, the hiring manager"),)
    situation = replace(meeting(aim, goal="job", relationship="former_colleague"), notes=noted)
    assert pulls_away(HIRE, situation, read_aim(aim, "Sonae"))
    assert not pulls_away(HIRE, replace(situation, notes=()), read_aim(aim, "Sonae"))
    for seed in range(8):
        asked = [q.text for q in build_brief(shipped, situation, random.Random(seed)).questions]
        assert not any(about_their_hiring(q) for q in asked), asked


def test_a_role_in_their_own_team_still_asks_about_their_hiring() -> None:
    aim = "the analyst role on her team, and whether I am a fit"
    assert not pulls_away(HIRE, meeting(aim, goal="job"), read_aim(aim, "Sonae"))
