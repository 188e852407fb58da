"""Which questions a person takes into a meeting."""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest

from bot.coaching.playbooks import DEFAULT_PLAYBOOKS_DIR, Library, Playbook, Question, load_library
from bot.coaching.questions import select_questions
from bot.coaching.slots import HELP_SLOT
from bot.coaching.stages import GOALS, STAGES, Goal, Stage

SEEDS = range(30)
COMBINATIONS: list[tuple[Stage, Goal]] = [(stage, goal) for stage in STAGES for goal in GOALS]
NOTHING_KNOWN: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(DEFAULT_PLAYBOOKS_DIR)


def question(qid: str, slot: str) -> Question:
    return Question(id=qid, text=f"What about {qid}?", slot=slot, why="Because.")


def prep(
    pid: str,
    questions: Iterable[Question],
    stages: Iterable[str] = STAGES,
    goals: Iterable[str] = GOALS,
) -> Playbook:
    return Playbook(
        id=pid,
        kind="prep",
        title=pid,
        stages=frozenset(stages),
        goals=frozenset(goals),
        principles=(f"{pid} principle",),
        questions=tuple(questions),
        steps=(),
        source=f"{pid}.yaml",
    )


DEBRIEF = Playbook(
    id="debrief",
    kind="debrief",
    title="Debrief",
    stages=frozenset(),
    goals=frozenset(),
    principles=(),
    questions=(),
    steps=(),
    source="debrief.yaml",
)

# A playbook for seed+learn only, one for any feed meeting, and a fallback; their slots differ
# so a chosen question shows where it came from.
SEED_LEARN = prep(
    "seed_learn",
    [question(f"sl{i}", slot) for i, slot in enumerate(["origin_story", "surprises", "advice"])]
    + [question("sl_help", HELP_SLOT)],
    stages=["seed"],
    goals=["learn"],
)
FEED_ANY = prep(
    "feed_any",
    [question("fa0", "their_goals"), question("fa_help", HELP_SLOT)],
    stages=["feed"],
)
FALLBACK = prep(
    "fallback",
    [
        question(f"fb{i}", slot)
        for i, slot in enumerate(["current_work", "current_challenge", "interests", "origin_story"])
    ]
    + [question("fb_help", HELP_SLOT)],
)
SMALL = Library(prep=(SEED_LEARN, FEED_ANY, FALLBACK), debrief=DEBRIEF)


def ids(questions: list[Question]) -> list[str]:
    return [q.id for q in questions]


def test_specific_playbook_comes_first_and_others_fill_in() -> None:
    for seed in SEEDS:
        chosen = select_questions(SMALL, "seed", "learn", NOTHING_KNOWN, random.Random(seed), 5)
        # The three seed+learn questions outrank the fallback's; one fallback question fills.
        assert set(ids(chosen[:3])) == {"sl0", "sl1", "sl2"}
        assert chosen[3].id.startswith("fb")
        assert chosen[4].id == "sl_help"


def test_playbooks_for_other_stages_and_goals_are_never_used() -> None:
    elsewhere: list[tuple[Stage, Goal]] = [("seed", "job"), ("trusted", "learn"), ("rest", "ask")]
    for seed in SEEDS:
        for stage, goal in elsewhere:
            chosen = select_questions(SMALL, stage, goal, NOTHING_KNOWN, random.Random(seed))
            assert all(q.id.startswith("fb") for q in chosen), (stage, goal)
        chosen = select_questions(SMALL, "feed", "job", NOTHING_KNOWN, random.Random(seed))
        assert "fa0" in ids(chosen) and not any(q.id.startswith("sl") for q in chosen)


def test_no_slot_is_asked_twice(shipped: Library) -> None:
    for stage, goal in COMBINATIONS:
        for seed in SEEDS:
            chosen = select_questions(shipped, stage, goal, NOTHING_KNOWN, random.Random(seed), 5)
            slots = [q.slot for q in chosen]
            assert len(slots) == len(set(slots)), (stage, goal, seed, slots)


def test_known_slots_are_not_asked_again(shipped: Library) -> None:
    known = frozenset({"origin_story", "current_work", "what_they_value", "current_challenge"})
    for stage, goal in COMBINATIONS:
        for seed in SEEDS:
            chosen = select_questions(shipped, stage, goal, known, random.Random(seed))
            assert not {q.slot for q in chosen} & known, (stage, goal, seed)
            assert len(chosen) >= 3


def test_the_offer_of_help_is_always_there_and_comes_last(shipped: Library) -> None:
    for stage, goal in COMBINATIONS:
        for seed in SEEDS:
            chosen = select_questions(shipped, stage, goal, NOTHING_KNOWN, random.Random(seed))
            assert [q.slot for q in chosen].count(HELP_SLOT) == 1
            assert chosen[-1].slot == HELP_SLOT


def test_help_is_offered_even_when_already_known(shipped: Library) -> None:
    known = frozenset({HELP_SLOT})
    chosen = select_questions(shipped, "trusted", "ask", known, random.Random(1))
    assert chosen[-1].slot == HELP_SLOT


def test_help_question_comes_from_the_most_specific_playbook() -> None:
    for seed in SEEDS:
        chosen = select_questions(SMALL, "seed", "learn", NOTHING_KNOWN, random.Random(seed))
        assert chosen[-1].id == "sl_help"


@pytest.mark.parametrize(("asked", "expected"), [(0, 3), (3, 3), (4, 4), (5, 5), (9, 5)])
def test_count_is_kept_between_three_and_five(shipped: Library, asked: int, expected: int) -> None:
    for stage, goal in COMBINATIONS:
        chosen = select_questions(shipped, stage, goal, NOTHING_KNOWN, random.Random(7), asked)
        assert len(chosen) == expected, (stage, goal)


def test_fewer_only_when_the_playbooks_run_out() -> None:
    tiny = Library(
        prep=(prep("tiny", [question("t0", "advice"), question("t_help", HELP_SLOT)]),),
        debrief=DEBRIEF,
    )
    rng = random.Random(0)
    assert ids(select_questions(tiny, "seed", "job", NOTHING_KNOWN, rng)) == ["t0", "t_help"]
    known = frozenset({"advice"})
    assert ids(select_questions(tiny, "seed", "job", known, rng)) == ["t_help"]


def test_questions_with_a_known_slot_give_way_to_less_specific_ones() -> None:
    known = frozenset({"origin_story", "surprises", "advice"})
    chosen = select_questions(SMALL, "seed", "learn", known, random.Random(3), 4)
    assert len(chosen) == 4
    assert all(q.id.startswith("fb") for q in chosen[:3])
    assert "fb3" not in ids(chosen), "fb3's slot (origin_story) is already known"


def test_first_question_varies_with_the_seed(shipped: Library) -> None:
    meetings: list[tuple[Stage, Goal]] = [("seed", "learn"), ("trusted", "ask"), ("rest", "ask")]
    for stage, goal in meetings:
        firsts = {
            select_questions(shipped, stage, goal, NOTHING_KNOWN, random.Random(seed))[0].id
            for seed in SEEDS
        }
        assert len(firsts) >= 3, (stage, goal, firsts)


def test_same_seed_same_questions(shipped: Library) -> None:
    first = select_questions(shipped, "feed", "advice", NOTHING_KNOWN, random.Random(42))
    again = select_questions(shipped, "feed", "advice", NOTHING_KNOWN, random.Random(42))
    assert first == again


def test_unknown_stage_is_refused(shipped: Library) -> None:
    with pytest.raises(ValueError, match="unknown stage or goal"):
        select_questions(shipped, "friends", "learn", NOTHING_KNOWN, random.Random(0))  # type: ignore[arg-type]
