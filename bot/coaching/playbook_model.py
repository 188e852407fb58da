"""What a loaded playbook is, and the errors raised when one is malformed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal

from bot.coaching.facts import can_fill
from bot.coaching.situation import Situation
from bot.coaching.stages import GIVING_GOALS

Kind = Literal["prep", "debrief"]

BEFORE_YOU_MET = frozenset({"never_met", "met_once", "introduced"})
"""How you know someone before your first real meeting: playbooks for only these no longer
apply once a meeting with them has been debriefed."""
KINDS: tuple[Kind, ...] = ("prep", "debrief")

AnswerKind = Literal["text", "date"]
ANSWER_KINDS: tuple[AnswerKind, ...] = ("text", "date")

Side = Literal["mine", "theirs"]
SIDES: tuple[Side, ...] = ("mine", "theirs")
"""Whose open promises a playbook can ask for: yours, or theirs (their offers)."""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    slot: str
    why: str
    probes: tuple[str, ...] = ()
    needs: frozenset[str] = frozenset()
    """The facts its text names (and any it declares): it is asked only when all are known."""
    playbook: str = ""
    """The id of the playbook it belongs to; with its id, it names the question library-wide."""
    unless_relationships: frozenset[str] = frozenset()
    unless_facts: frozenset[str] = frozenset()
    """Whom it is not for, though its playbook fits: a friend of ten years is not asked what
    they do when they're not working, nor someone who does not hire what they look for in
    the people they hire (another person, the target, decides)."""

    def fits(self, situation: Situation, facts: dict[str, str]) -> bool:
        return situation.relationship not in self.unless_relationships and not any(
            facts.get(name) for name in self.unless_facts
        )

    @property
    def key(self) -> str:
        return f"{self.playbook}.{self.id}"


@dataclass(frozen=True)
class Conditions:
    """When a prep playbook applies. None (or an empty set) narrows nothing.

    A playbook written for particular relationships or settings does not apply while the
    relationship or setting is unknown: the general ones cover that case.
    """

    relationships: frozenset[str] | None = None
    settings: frozenset[str] | None = None
    goals: frozenset[str] | None = None
    stages: frozenset[str] | None = None
    known: frozenset[str] = frozenset()
    """Slots that must be known about the contact."""
    missing: frozenset[str] = frozenset()
    """Slots that must not be known yet."""
    facts: frozenset[str] = frozenset()
    """Facts that must be known (see bot/coaching/facts.py)."""
    promises: frozenset[Side] = frozenset()
    """Sides that must have open promises."""
    unless_relationships: frozenset[str] = frozenset()
    unless_settings: frozenset[str] = frozenset()
    unless_facts: frozenset[str] = frozenset()
    """Relationships, settings and facts it is not for, though its other conditions fit:
    advice on how to be hired is no use in the job interview itself, nor an offer to pay
    when they have you round to their home."""

    def match(self, situation: Situation) -> bool:
        if (
            self.relationships
            and self.relationships <= BEFORE_YOU_MET
            and situation.last_met is not None
        ):
            # Written for the first real meeting ("say in one line where you met", "mention
            # who introduced you"): once you have met and debriefed, that is behind you.
            return False
        known = situation.known_slots()
        facts = situation.facts()
        open_sides = {
            side
            for side, promises in (("mine", situation.mine_open), ("theirs", situation.theirs_open))
            if promises
        }
        return (
            _allows(self.relationships, situation.relationship)
            and _allows(self.settings, situation.setting)
            and _allows(self.goals, situation.goal)
            and _allows(self.stages, situation.stage)
            and self.known <= known
            and not self.missing & known
            and all(facts.get(name) for name in self.facts)
            and self.promises <= open_sides
            and situation.relationship not in self.unless_relationships
            and situation.setting not in self.unless_settings
            and not any(facts.get(name) for name in self.unless_facts)
        )

    @property
    def specificity(self) -> int:
        """How closely it fits a meeting it applies to: one point per thing it narrows, two
        for the relationship and the setting, which change a conversation the most (a hallway
        chat is a hallway chat whatever your goal)."""
        return sum(_WEIGHT.get(f.name, 1) for f in fields(self) if getattr(self, f.name))


# Exclusions make a playbook fit fewer meetings, not any one better.
_WEIGHT = {
    "relationships": 2,
    "settings": 2,
    "unless_relationships": 0,
    "unless_settings": 0,
    "unless_facts": 0,
}


def _allows(allowed: frozenset[str] | None, value: str | None) -> bool:
    return allowed is None or value in allowed


@dataclass(frozen=True)
class DebriefStep:
    id: str
    text: str
    slot: str
    hint: str
    answer: AnswerKind = "text"
    applies: Conditions = Conditions()
    """The meetings it is asked after (goal, setting, relationship, stage): every one by
    default."""
    maybe: str | None = None
    """Where the parts of an answer said tentatively go ("could intro her to Sam"), when the
    step writes promises: one question collects what you promised and what you might do."""

    @property
    def slots(self) -> tuple[str, ...]:
        return (self.slot,) if self.maybe is None else (self.slot, self.maybe)


AdviceKind = Literal["aim", "ask", "blurb", "give", "avoid", "close"]
ADVICE_KINDS: tuple[AdviceKind, ...] = ("aim", "ask", "blurb", "give", "avoid", "close")


@dataclass(frozen=True)
class Advice:
    """Lines for the top of a brief, each kind a list of alternatives, best first.

    The first line whose facts are all known is used; later ones are fallbacks that name
    fewer facts.
    """

    aim: tuple[str, ...] = ()
    """What to walk out with, when the user gave no aim of their own."""
    ask: tuple[str, ...] = ()
    """The ask, written out as you would say it."""
    blurb: tuple[str, ...] = ()
    """A few lines for someone to forward, [bracketed] parts for you to fill."""
    give: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    close: tuple[str, ...] = ()
    """How to end the meeting well, scripted."""

    def lines(self, kind: AdviceKind) -> tuple[str, ...]:
        lines: tuple[str, ...] = getattr(self, kind)
        return lines

    def first(self, kind: AdviceKind, facts: dict[str, str]) -> str | None:
        return next((line for line in self.lines(kind) if can_fill(line, facts)), None)


@dataclass(frozen=True)
class Playbook:
    id: str
    kind: Kind
    title: str
    applies: Conditions
    advice: Advice
    questions: tuple[Question, ...]
    steps: tuple[DebriefStep, ...]
    source: str
    """The file it was loaded from, for messages that point back at it."""
    own: bool = False
    """Written by the user for their own meetings (sent to /playbooks), not built in."""

    def applies_to(self, situation: Situation) -> bool:
        return self.kind == "prep" and self.applies.match(situation)

    def steps_for(self, situation: Situation) -> tuple[DebriefStep, ...]:
        """The debrief steps asked after this meeting, in script order."""
        return tuple(step for step in self.steps if step.applies.match(situation))

    @property
    def specificity(self) -> int:
        return self.applies.specificity


@dataclass(frozen=True)
class Library:
    prep: tuple[Playbook, ...]
    debrief: Playbook

    def applicable(self, situation: Situation) -> list[Playbook]:
        """Prep playbooks for this meeting, best fit first.

        What you came for and who they are decide what to ask, give and avoid; where you
        meet only changes the manner, so a playbook written for coffee, a call or a meal
        alone comes after every other that applies but the general one. A few minutes at an
        event or a job interview are different conversations, and rank like any other. Then the most
        specific come first; between equally specific ones, one written for the setting goes
        before one for the relationship, then one for the goal. Remaining ties keep library
        order.

        When you came to give help, the playbooks written for that are the whole brief: the
        others are written for someone who came to get something ("That was generous of
        you", "If you were giving me a reference today…"). At a job interview, likewise
        the playbooks written for interviews.
        """
        matching = [p for p in self.prep if p.applies_to(situation)]
        giving = [p for p in matching if _giving(p.applies)]
        # A job interview is one too, whoever sits across the table: your former manager
        # on the panel still interviews you, and "could I come back to you" is no close.
        interview = [p for p in matching if _for_interviews(p.applies)]
        return sorted(giving or interview or matching, key=_fit)

    @staticmethod
    def by_specificity(playbooks: Sequence[Playbook]) -> list[Playbook]:
        """The same playbooks, most specific first, whatever they were written for: how to
        close is the setting's to say as much as anyone's."""
        return sorted(playbooks, key=_specific)


# Settings that change only the manner of a conversation, not what it is for.
_MANNER_SETTINGS = frozenset({"coffee", "video", "meal"})

Fit = tuple[bool, bool, int, bool, bool, bool]


def _manner_only(applies: Conditions) -> bool:
    return (
        applies.settings is not None
        and applies.settings <= _MANNER_SETTINGS
        and applies.relationships is None
        and applies.goals is None
    )


def _giving(applies: Conditions) -> bool:
    return applies.goals is not None and bool(applies.goals) and applies.goals <= GIVING_GOALS


def _for_interviews(applies: Conditions) -> bool:
    return applies.settings is not None and applies.settings == {"interview"}


def _specific(playbook: Playbook) -> tuple[int, bool, bool, bool]:
    applies = playbook.applies
    return (
        -playbook.specificity,
        applies.settings is None,
        applies.relationships is None,
        applies.goals is None,
    )


def _fit(playbook: Playbook) -> Fit:
    return (playbook.specificity == 0, _manner_only(playbook.applies), *_specific(playbook))


def by_fit(playbooks: Sequence[Playbook]) -> list[list[Playbook]]:
    """Playbooks grouped into ranks of equal fit, best rank first, library order within one."""
    ranks: dict[Fit, list[Playbook]] = {}
    for playbook in playbooks:
        ranks.setdefault(_fit(playbook), []).append(playbook)
    return [ranks[rank] for rank in sorted(ranks)]


class PlaybookError(Exception):
    """One thing wrong with a playbook, located as `path:line: message`.

    Line 0 means the error concerns no single line (a whole library, a missing file).
    """

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class LibraryError(Exception):
    """A playbook directory that cannot be used; `errors` says everything that is wrong."""

    def __init__(self, errors: Sequence[PlaybookError]) -> None:
        super().__init__(*errors)
        self.errors: list[PlaybookError] = list(errors)

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)
