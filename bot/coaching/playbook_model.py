"""What a loaded playbook is, and the errors raised when one is malformed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.coaching.stages import GOALS, STAGES, Goal, Stage

Kind = Literal["prep", "debrief"]
KINDS: tuple[Kind, ...] = ("prep", "debrief")

AnswerKind = Literal["text", "date"]
ANSWER_KINDS: tuple[AnswerKind, ...] = ("text", "date")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    slot: str
    why: str
    probes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DebriefStep:
    id: str
    text: str
    slot: str
    hint: str
    answer: AnswerKind = "text"


@dataclass(frozen=True)
class Playbook:
    id: str
    kind: Kind
    title: str
    stages: frozenset[str]
    goals: frozenset[str]
    principles: tuple[str, ...]
    questions: tuple[Question, ...]
    steps: tuple[DebriefStep, ...]
    source: str
    """The file it was loaded from, for messages that point back at it."""

    def applies_to(self, stage: Stage, goal: Goal) -> bool:
        return stage in self.stages and goal in self.goals

    @property
    def specificity(self) -> int:
        """2 when written for particular stages and goals, 1 for either, 0 for a fallback.

        A list that names every stage (or goal) narrows nothing, so it counts as "any".
        """
        return int(self.stages != frozenset(STAGES)) + int(self.goals != frozenset(GOALS))


@dataclass(frozen=True)
class Library:
    prep: tuple[Playbook, ...]
    debrief: Playbook

    def applicable(self, stage: Stage, goal: Goal) -> list[Playbook]:
        """Prep playbooks for this meeting, most specific first (ties keep library order)."""
        matching = [p for p in self.prep if p.applies_to(stage, goal)]
        return sorted(matching, key=lambda p: -p.specificity)


def by_specificity(playbooks: Sequence[Playbook]) -> list[list[Playbook]]:
    """Playbooks grouped into ranks, most specific rank first, library order within a rank."""
    ranks: dict[int, list[Playbook]] = {}
    for playbook in playbooks:
        ranks.setdefault(playbook.specificity, []).append(playbook)
    return [ranks[rank] for rank in sorted(ranks, reverse=True)]


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
