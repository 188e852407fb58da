"""A meeting's goal from the words a person types instead of pressing a goal button.

"advice on moving into management" is the goal `advice`, and the words say more than the
goal does: they are kept as what the person hopes to find out (see `GoalReading.words`). The
phrase table is content, in goal_words.yaml beside this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from bot.coaching.stages import Goal, is_goal

# Longest goal words kept: enough for a sentence, not for a pasted email.
MAX_WORDS = 300

# A typed goal of this many words or fewer is the goal's name ("job search", "get advice"),
# not something to keep.
BARE = 2

_WORD = re.compile(r"[\w']+")
# A clause that says what the person wants: "I want her advice", "I'd love to learn…".
_WISH = re.compile(
    r"\b(?:i|i'd|i'm|we)\s+(?:\w+\s+)?(?:want|like|love|need|hope|hoping|looking)\b[^.;!?]*",
    re.IGNORECASE,
)
_QUESTION_WORDS = frozenset(
    ["about", "how", "what", "why", "when", "where", "who", "one", "some", "a", "questions"]
)

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class GoalReading:
    goal: Goal
    words: str | None
    """What the person typed, when it says more than the goal's name: their aim."""


def read_goal(
    text: str, table: Mapping[Goal, Sequence[Phrase]] | None = None
) -> GoalReading | None:
    """The goal `text` means, or None when no goal's words are in it."""
    typed = _words(text)
    wished = [w for clause in _WISH.findall(text) for w in _words(clause)]
    phrases = table if table is not None else _table()
    best: Goal | None = None
    best_score = 0
    for goal, listed in phrases.items():  # in the table's order: a tie goes to the first
        # What the sentence says you want outweighs what it tells: "…no opening… a role at
        # Arbor… I want her advice on what to do differently" is advice.
        score = sum(_found(p, typed) + 2 * _found(p, wished) for p in listed)
        if score > best_score:
            best, best_score = goal, score
    if best is None:
        return None
    said = " ".join(text.split())
    return GoalReading(best, said[:MAX_WORDS] if len(typed) > BARE else None)


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = _WORD.findall(plain)
    # "ask about the role", "ask one good question": a question, not a favour.
    return [
        w
        for i, w in enumerate(words)
        if not (w == "ask" and i + 1 < len(words) and words[i + 1] in _QUESTION_WORDS)
    ]


def _found(phrase: Phrase, typed: Sequence[str]) -> bool:
    size = len(phrase)
    return any(
        all(_matches(want, got) for want, got in zip(phrase, typed[i : i + size], strict=True))
        for i in range(len(typed) - size + 1)
    )


def _matches(want: str, got: str) -> bool:
    return got.startswith(want[:-1]) if want.endswith("*") else got == want


@cache
def _table() -> dict[Goal, tuple[Phrase, ...]]:
    source = resources.files("bot.coaching").joinpath("goal_words.yaml").read_text("utf-8")
    return parse_table(yaml.safe_load(source))


def parse_table(data: object) -> dict[Goal, tuple[Phrase, ...]]:
    """The YAML's goal -> phrases, each phrase split into its words; refuses unknown goals."""
    if not isinstance(data, dict):
        raise ValueError("goal words: expected a mapping of goal to phrases")
    table: dict[Goal, tuple[Phrase, ...]] = {}
    for goal, entries in data.items():
        if not is_goal(goal):
            raise ValueError(f"goal words: unknown goal {goal!r}")
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise ValueError(f"goal words: {goal} must list phrases")
        table[goal] = tuple(tuple(e.casefold().split()) for e in entries if e.split())
    return table
