"""Choosing the open questions to take into a meeting."""

from __future__ import annotations

import random
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.coaching.playbook_model import Library, Playbook, Question, by_specificity
from bot.coaching.slots import HELP_SLOT
from bot.coaching.stages import Goal, Stage, is_goal, is_stage

# Fewer than three leaves a silence to fill; more than five will not be remembered.
MIN_QUESTIONS = 3
MAX_QUESTIONS = 5


def select_questions(
    library: Library,
    stage: Stage,
    goal: Goal,
    known_slots: AbstractSet[str],
    rng: random.Random,
    count: int = 4,
) -> list[Question]:
    """Questions for a meeting, one per slot, ending with an offer of help.

    Slots already known about the contact are skipped, except help: what they need changes,
    so asking how to help is never done. The most specific playbooks are drawn from first;
    within equally specific ones the order is shuffled so each meeting opens differently.
    Fewer than `count` come back only when the playbooks run out of unknown slots.
    """
    if not is_stage(stage) or not is_goal(goal):
        raise ValueError(f"unknown stage or goal: {stage!r}, {goal!r}")
    wanted = min(max(count, MIN_QUESTIONS), MAX_QUESTIONS)
    candidates = ranked_questions(library.applicable(stage, goal), rng)
    offer = next((q for q in candidates if q.slot == HELP_SLOT), None)
    others_wanted = wanted - (1 if offer else 0)

    chosen: list[Question] = []
    used_slots = {HELP_SLOT} | known_slots
    for question in candidates:
        if len(chosen) == others_wanted:
            break
        if question.slot not in used_slots:
            chosen.append(question)
            used_slots.add(question.slot)
    # Offering help last closes the conversation on giving, the note it should end on.
    if offer is not None:
        chosen.append(offer)
    return chosen


def ranked_questions(playbooks: Sequence[Playbook], rng: random.Random) -> list[Question]:
    """All their questions, most specific playbooks first, shuffled within each rank."""
    ranked: list[Question] = []
    for rank in by_specificity(playbooks):
        tier = [q for playbook in rank for q in playbook.questions]
        rng.shuffle(tier)
        ranked.extend(tier)
    return ranked
