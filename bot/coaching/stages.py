"""Relationship stages (seed, feed, weed) and the goals a meeting can have."""

from __future__ import annotations

from typing import Literal, TypeGuard

Stage = Literal["seed", "feed", "trusted", "dormant", "rest"]
Goal = Literal["learn", "job", "advice", "reconnect", "ask", "intro", "help"]

# Order follows a relationship's life, so menus and coverage reports read naturally.
STAGES: tuple[Stage, ...] = ("seed", "feed", "trusted", "dormant", "rest")
"""seed: just met · feed: growing · trusted: mature, asking is fine · dormant: lost touch ·
rest: weeded, deliberately left alone."""

GOALS: tuple[Goal, ...] = ("learn", "job", "advice", "reconnect", "ask", "intro", "help")
"""learn about their field · job search · advice · reconnect · ask for something ·
get an introduction · give help (you are the one helping: mentoring, returning a favour,
an introduction you make for them)."""

GIVING_GOALS: frozenset[str] = frozenset({"help"})
"""Goals where you are the one giving: no ask of yours, and their playbooks lead the brief."""

NEW_CONTACT_STAGE: Stage = "seed"


def is_stage(value: object) -> TypeGuard[Stage]:
    return value in STAGES


def stage_or_new(value: object) -> Stage:
    """A contact's stored stage; one this version does not know (written by a later one, or
    by hand) counts as a new contact's."""
    return value if is_stage(value) else NEW_CONTACT_STAGE


def is_goal(value: object) -> TypeGuard[Goal]:
    return value in GOALS
