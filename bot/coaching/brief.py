"""The pre-meeting brief: which questions to ask, what to keep in mind, what to avoid."""

from __future__ import annotations

import random
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from bot.coaching.playbook_model import Library, Playbook, Question, by_specificity
from bot.coaching.questions import select_questions
from bot.coaching.stages import Goal, Stage, is_goal, is_stage

# Caution ids; the wording lives in prompts/.
REST_STAGE = "rest_stage"
DONT_PITCH = "dont_pitch"
GIVE_FIRST = "give_first"
CAN_THEY_SAY_YES = "can_they_say_yes"

# A brief is read on a phone on the way in: with cautions to heed, one principle fewer.
PRINCIPLES_PLAIN = 3
PRINCIPLES_WITH_CAUTIONS = 2


@dataclass(frozen=True)
class Brief:
    questions: list[Question]
    principles: list[str]
    cautions: list[str]


def build_brief(
    library: Library,
    stage: Stage,
    goal: Goal,
    known_slots: AbstractSet[str],
    rng: random.Random,
) -> Brief:
    # Questions draw from the rng first, so a brief asks what select_questions alone would.
    questions = select_questions(library, stage, goal, known_slots, rng)
    cautions = cautions_for(stage, goal)
    count = PRINCIPLES_WITH_CAUTIONS if cautions else PRINCIPLES_PLAIN
    principles = pick_principles(library.applicable(stage, goal), rng, count)
    return Brief(questions=questions, principles=principles, cautions=cautions)


def cautions_for(stage: Stage, goal: Goal) -> list[str]:
    """Warnings for this meeting, most fundamental first: whether to meet, then how to ask."""
    if not is_stage(stage) or not is_goal(goal):
        raise ValueError(f"unknown stage or goal: {stage!r}, {goal!r}")
    cautions: list[str] = []
    # You weeded this contact on purpose; meeting anyway deserves a second thought.
    if stage == "rest":
        cautions.append(REST_STAGE)
    # Selling yourself to someone new, or to someone you have neglected, reads as using them.
    if stage in ("seed", "dormant") and goal in ("job", "ask"):
        cautions.append(DONT_PITCH)
    # Asks belong to mature relationships; until then, build it and give before you take.
    if goal == "ask" and stage != "trusted":
        cautions.append(GIVE_FIRST)
    # A "no" from someone without the power to say "yes" closes a door for nothing.
    if goal in ("ask", "intro"):
        cautions.append(CAN_THEY_SAY_YES)
    return cautions


def pick_principles(playbooks: Sequence[Playbook], rng: random.Random, count: int) -> list[str]:
    """Up to `count` distinct principles, from the most specific playbooks first."""
    picked: list[str] = []
    seen: set[str] = set()
    for rank in by_specificity(playbooks):
        tier = [principle for playbook in rank for principle in playbook.principles]
        rng.shuffle(tier)
        for principle in tier:
            if len(picked) == count:
                return picked
            if principle.casefold() not in seen:
                seen.add(principle.casefold())
                picked.append(principle)
    return picked
