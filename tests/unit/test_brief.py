"""The pre-meeting brief: questions, a few principles, and cautions where they apply."""

from __future__ import annotations

import random

import pytest

from bot.coaching.brief import build_brief, cautions_for
from bot.coaching.playbooks import DEFAULT_PLAYBOOKS_DIR, Library, Playbook, load_library
from bot.coaching.questions import select_questions
from bot.coaching.stages import GOALS, STAGES, Goal, Stage

COMBINATIONS: list[tuple[Stage, Goal]] = [(stage, goal) for stage in STAGES for goal in GOALS]
NOTHING_KNOWN: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(DEFAULT_PLAYBOOKS_DIR)


def meetings_where(caution: str) -> set[tuple[str, str]]:
    return {(stage, goal) for stage, goal in COMBINATIONS if caution in cautions_for(stage, goal)}


def test_dont_pitch_fires_for_job_or_ask_with_someone_new_or_neglected() -> None:
    assert meetings_where("dont_pitch") == {
        ("seed", "job"),
        ("seed", "ask"),
        ("dormant", "job"),
        ("dormant", "ask"),
    }


def test_give_first_fires_for_every_ask_outside_a_trusted_relationship() -> None:
    assert meetings_where("give_first") == {
        ("seed", "ask"),
        ("feed", "ask"),
        ("dormant", "ask"),
        ("rest", "ask"),
    }


def test_can_they_say_yes_fires_for_every_ask_and_introduction() -> None:
    assert meetings_where("can_they_say_yes") == {
        (stage, goal) for stage in STAGES for goal in ("ask", "intro")
    }


def test_rest_stage_fires_for_every_meeting_with_a_rested_contact() -> None:
    assert meetings_where("rest_stage") == {("rest", goal) for goal in GOALS}


@pytest.mark.parametrize(
    ("stage", "goal", "expected"),
    [
        ("seed", "learn", []),
        ("trusted", "advice", []),
        ("feed", "job", []),
        ("trusted", "ask", ["can_they_say_yes"]),
        ("seed", "ask", ["dont_pitch", "give_first", "can_they_say_yes"]),
        ("rest", "ask", ["rest_stage", "give_first", "can_they_say_yes"]),
        ("rest", "intro", ["rest_stage", "can_they_say_yes"]),
        ("dormant", "job", ["dont_pitch"]),
    ],
)
def test_cautions_come_in_order_whether_to_meet_then_how_to_ask(
    stage: Stage, goal: Goal, expected: list[str]
) -> None:
    assert cautions_for(stage, goal) == expected


def test_brief_carries_the_cautions(shipped: Library) -> None:
    brief = build_brief(shipped, "seed", "ask", NOTHING_KNOWN, random.Random(0))
    assert brief.cautions == ["dont_pitch", "give_first", "can_they_say_yes"]


def test_brief_asks_what_select_questions_would(shipped: Library) -> None:
    known = frozenset({"origin_story"})
    for stage, goal in COMBINATIONS:
        brief = build_brief(shipped, stage, goal, known, random.Random(11))
        expected = select_questions(shipped, stage, goal, known, random.Random(11))
        assert brief.questions == expected


def test_principles_are_few_distinct_and_from_the_meetings_playbooks(shipped: Library) -> None:
    for stage, goal in COMBINATIONS:
        allowed = {p for book in shipped.applicable(stage, goal) for p in book.principles}
        for seed in range(10):
            brief = build_brief(shipped, stage, goal, NOTHING_KNOWN, random.Random(seed))
            assert len(brief.principles) == len(set(brief.principles))
            assert set(brief.principles) <= allowed
            # A phone screen: three lines of advice, or two when cautions also need room.
            assert len(brief.principles) == (2 if brief.cautions else 3), (stage, goal)


def test_principles_come_from_the_most_specific_playbook_first() -> None:
    def book(pid: str, principles: tuple[str, ...], stages: frozenset[str]) -> Playbook:
        return Playbook(
            id=pid,
            kind="prep",
            title=pid,
            stages=stages,
            goals=frozenset(GOALS),
            principles=principles,
            questions=(),
            steps=(),
            source=f"{pid}.yaml",
        )

    specific = book("seed_only", ("Listen.", "Be curious.", "Smile."), frozenset({"seed"}))
    general = book("general", ("Give first.", "Listen."), frozenset(STAGES))
    debrief = book("debrief", (), frozenset())
    library = Library(prep=(general, specific), debrief=debrief)
    for seed in range(10):
        brief = build_brief(library, "seed", "learn", NOTHING_KNOWN, random.Random(seed))
        assert sorted(brief.principles) == ["Be curious.", "Listen.", "Smile."]
        brief = build_brief(library, "feed", "learn", NOTHING_KNOWN, random.Random(seed))
        assert sorted(brief.principles) == ["Give first.", "Listen."]


def test_principles_vary_between_meetings(shipped: Library) -> None:
    seen = {
        tuple(build_brief(shipped, "seed", "learn", NOTHING_KNOWN, random.Random(s)).principles)
        for s in range(20)
    }
    assert len(seen) > 1
