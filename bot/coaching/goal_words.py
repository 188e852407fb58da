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
from itertools import pairwise

import yaml

from bot.coaching.stages import Goal, is_goal

# Longest goal words kept: enough for a sentence, not for a pasted email.
MAX_WORDS = 300

# A typed goal of this many words or fewer is the goal's name ("job search", "get advice"),
# not something to keep.
BARE = 2

_WORD = re.compile(r"[\w']+")
# A clause that says what the person wants: "I want her advice", "I'd love to learn…". It
# ends at a comma: "…, he knows the industry inside out" tells why them, not what you want.
_WISH = re.compile(
    r"\b(?:i|i'd|i'm|we)\s+(?:\w+\s+)?(?:want|like|love|need|hope|hoping|looking)\b[^,.;!?]*",
    re.IGNORECASE,
)
# A wish said in passing, to the end of its sentence: "and maybe ask if they take interns".
# "…, but I also want to find out if they're hiring": "also" says it comes second too.
_HEDGED = re.compile(
    r"(?:\b(?:and|or)\s+)?\b(?:maybe|perhaps|possibly|if\s+there'?s\s+time|if\s+it\s+comes\s+up"
    r"|also)\b[^.;!?]*",
    re.IGNORECASE,
)
# "Mostly to catch up, …": what follows "mostly" is what they came for, like a first sentence.
_MAINLY = re.compile(r"\b(?:mostly|mainly|primarily|chiefly|above\s+all)\b[^,.;:!?]*", re.I)
# Up to the first full stop, question mark or dash between words, when more follows.
_FIRST_SENTENCE = re.compile(r"[^.!?:]*?(?=[.!?:]\s|\s[-–—]\s)")
# Phrases are found within a clause: "catch up, it's been ages" has two.
_CLAUSE = re.compile(r"[,.;:!?()\n]+|\s[-–—]+\s")
# "not after an intro", "don't want to ask for anything": words a few after these are no wish.
_NEGATIONS = frozenset(
    ["not", "don't", "dont", "didn't", "didnt", "never", "without", "isn't", "isnt", "won't"]
)
_NEGATION_REACH = 3
_QUESTION_WORDS = frozenset(
    ["about", "how", "what", "why", "when", "where", "who", "one", "some", "a", "questions"]
)
_SHE_IS = frozenset(["she's", "he's", "they're", "shes", "hes", "theyre"])
_IS = frozenset(["is", "are", "was", "were"])
_MINE = frozenset(["me", "my", "us", "our", "it", "that", "this"])

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
    phrases = table if table is not None else shipped_table()
    # "Learn how his team works, and maybe ask about internships": what comes after "maybe"
    # is the side dish; it decides only when nothing else says a goal.
    best = _best(_HEDGED.sub(" ", text), phrases) or _best(text, phrases)
    if best is None:
        return None
    typed = [w for clause in _clauses(text) for w in clause]
    kept = " ".join(text.split())
    return GoalReading(best, _cut(kept, MAX_WORDS) if len(typed) > BARE else None)


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, ending on a whole word and "…" when cut: the brief shows
    it as what you came for, and "and I wo" reads as a fault."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


# "I'm not really asking for anything", "there's no ask", "nothing to ask for".
_NO_ASK = re.compile(
    r"\b(?:not|n't)\s+(?:really\s+|actually\s+)?(?:asking|after\s+(?:any|a)thing|here\s+to\s+ask)"
    r"|\bno\s+(?:real\s+)?ask\b|\bnothing\s+to\s+ask\b",
    re.IGNORECASE,
)


def goal_without_ask(text: str) -> Goal | None:
    """The goal of words that say there is no ask, typed where who can say yes was asked:
    "Amara herself? I'm not really asking for anything, mostly giving help" -> help. None
    when they say no such thing, or name no other goal."""
    said = text.replace("’", "'")
    if _NO_ASK.search(said) is None:
        return None
    # What the other clauses want, among the goals that ask nothing: "not asking for a job"
    # is no job search, and "the only ask is whether I can update her tutor" no favour.
    rest = " . ".join(c for c in _CLAUSE.split(said) if _NO_ASK.search(c) is None)
    asking_nothing = {g: p for g, p in shipped_table().items() if g not in ("ask", "intro")}
    reading = read_goal(rest, asking_nothing)
    return reading.goal if reading else None


def _best(text: str, phrases: Mapping[Goal, Sequence[Phrase]]) -> Goal | None:
    # What the sentence says you want outweighs what it tells: "…no opening… a role at
    # Arbor… I want her advice on what to do differently" is advice.
    said = _found_in(_clauses(text), phrases)
    wished = _found_in([c for w in _WISH.findall(text) for c in _clauses(w)], phrases)
    # People lead with what they came for: "Mainly to help her - she's anxious… I'd also love
    # to understand…" is help; what the first sentence says counts as much as a wish.
    lead = _MAINLY.search(text) or _FIRST_SENTENCE.match(text)
    first = _found_in(_clauses(lead.group(0)), phrases) if lead else {}
    best: Goal | None = None
    best_score = 0
    for goal in phrases:  # in the table's order: a tie goes to the first
        score = (
            len(said.get(goal, set()))
            + 2 * len(wished.get(goal, set()))
            + 2 * len(first.get(goal, set()))
        )
        if score > best_score:
            best, best_score = goal, score
    return best


def _found_in(
    clauses: Sequence[Sequence[str]], table: Mapping[Goal, Sequence[Phrase]]
) -> dict[Goal, set[Phrase]]:
    """Per goal, its phrases found in the clauses, except those said with a "not" before them
    and those inside a longer phrase of another goal: "introduce her to" is help, though
    "introduce" alone is an introduction for you; "she wants advice" is hers."""
    hits: list[tuple[Goal, Phrase, int, int, int]] = []  # goal, phrase, clause, start, end
    for goal, listed in table.items():
        for phrase in listed:
            for n, clause in enumerate(clauses):
                for start in _starts(phrase, clause):
                    if not _negated(clause, start):
                        hits.append((goal, phrase, n, start, start + len(phrase)))
    found: dict[Goal, set[Phrase]] = {}
    for goal, phrase, n, start, end in hits:
        covered = any(
            other != goal and m == n and s <= start and end <= e and e - s > end - start
            for other, _, m, s, e in hits
        )
        if not covered:
            found.setdefault(goal, set()).add(phrase)
    return found


def _clauses(text: str) -> list[list[str]]:
    return [words for part in _CLAUSE.split(text) if (words := _words(part))]


def _negated(clause: Sequence[str], start: int) -> bool:
    before = clause[max(0, start - _NEGATION_REACH) : start]
    return any(w in _NEGATIONS for w in before) or clause[start - 1 : start] == ["no"]


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = _WORD.findall(plain)
    # "ask about the role", "ask one good question", "ask whether she is OK with me telling
    # her tutor": a question, not a favour.
    return [w for i, w in enumerate(words) if not (w == "ask" and _asks_a_question(words[i + 1 :]))]


def _asks_a_question(after: Sequence[str]) -> bool:
    if after[:1] and after[0] in _QUESTION_WORDS:
        return True
    # "if she is OK with me telling…", "whether they're fine with it": whether they mind
    # what you do; "if she is OK with lending us the hall" asks her to do something.
    if after[:1] not in (["if"], ["whether"]) or len(after) < 5:
        return False
    subject_is = 2 if after[1] in _SHE_IS else 3 if after[2] in _IS else None
    if subject_is is None:
        return False
    rest = after[subject_is : subject_is + 4]
    return any(w == "with" and mine in _MINE for w, mine in pairwise(rest))


def _starts(phrase: Phrase, typed: Sequence[str]) -> list[int]:
    size = len(phrase)
    return [
        i
        for i in range(len(typed) - size + 1)
        if all(_matches(want, got) for want, got in zip(phrase, typed[i : i + size], strict=True))
    ]


def _matches(want: str, got: str) -> bool:
    return got.startswith(want[:-1]) if want.endswith("*") else got == want


@cache
def shipped_table() -> dict[Goal, tuple[Phrase, ...]]:
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
