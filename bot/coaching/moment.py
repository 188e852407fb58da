"""The hard moment of a meeting: the one line worth having ready, in the user's own voice.

A brief can coach a whole meeting, but what people fumble is one sentence: owning up to a
promise they have not kept, thanking someone for what their help led to, reminding someone
met once who they are, naming a long silence, mentioning who introduced them. The brief
scripts at most one, the one that matters most; an easy first coffee has none. The close of
a quick chat at an event is the playbooks' close line, already scripted below the questions.

prompts/prep/moment.html words each kind; this module only decides which, and turns what
was noted into words the user can say to them ("send her my deck" -> "send you my deck").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from bot.coaching.answers import promise_clause
from bot.coaching.memory import PROMISES_SHOWN, SENTENCE_START, distinct
from bot.coaching.note_kinds import is_the_meeting
from bot.coaching.situation import Situation

MomentKind = Literal[
    "late_promise", "open_promise", "thanks", "introducer", "reconnect", "met_once"
]
"""late_promise: yours, past its day or older than your last meeting (an apology) ·
open_promise: yours, not late yet (say when) · thanks: theirs, kept since you last met (say
what it led to) · introducer: a first meeting someone set up · reconnect: after a year or
more of silence · met_once: met once, before any meeting here (say who you are, and where)."""


@dataclass(frozen=True)
class Moment:
    kind: MomentKind
    said: str | None = None
    """For a promise: what it was, said to them ("send you my case study")."""
    deed: bool = True
    """Whether `said` is a deed ("send you the deck") or a thing ("an intro to Sam")."""
    owed: int | None = None
    """For your promise: its place among those the brief lists, so it is not listed twice."""
    where: str | None = None
    """For met_once: where you met, from how the user said they know them ("a conference in
    Montreal")."""
    what: str | None = None
    """For met_once: what you talked about there ("bridge scour")."""


def is_late(
    noted_at: datetime, due_at: datetime | None, last_met: datetime | None, at: datetime
) -> bool:
    """Whether a promise of yours is late by `at`: its day has passed, or it was noted before
    your last meeting and that meeting went by without it."""
    return (due_at is not None and due_at < at) or (last_met is not None and noted_at < last_met)


def hard_moment(situation: Situation, scripted: bool = False) -> Moment | None:
    """The one hard moment of this meeting, most pressing first, or None for an easy one.

    `situation.mine_open` holds what is still to do before you meet (brief.build_brief leaves
    out the meeting itself and what is done). A promise you let slip comes first: nothing
    else lands until it is owned. Then thanks for what their help led to, then a promise
    still in time, then how the two of you come to be meeting: an introducer, a long silence,
    a single earlier meeting; those only when the brief scripts no ask (`scripted`), which
    is then the line to have ready.
    """
    # The brief lists the oldest few: a late one among them is the one to own first.
    owed = distinct(situation.mine_open, PROMISES_SHOWN)[0]
    late = [p for p in owed if p in situation.mine_late]
    if late:
        return replace(_promise("late_promise", late[0]), owed=owed.index(late[0]))
    # Their offer to meet is this meeting: nothing to thank them for yet.
    thanked = [p for p in situation.theirs_kept if not is_the_meeting(p)]
    if thanked:
        return Moment("thanks")
    if owed:
        return replace(_promise("open_promise", owed[0]), owed=0)
    if scripted:
        return None
    first_meeting = situation.last_met is None
    if first_meeting and situation.relationship == "introduced" and situation.introducer:
        return Moment("introducer")
    if situation.stage == "dormant" or situation.last_talked == "years":
        return Moment("reconnect")
    if first_meeting and situation.relationship == "met_once":
        where, what = where_you_met(situation.known_from)
        return Moment("met_once", where=where, what=what)
    return None


# "met at a conference in Montreal last May", "we met at Sam's leaving do": the place runs to
# a clause's end, a time ("last May", "in 2023") or what came next ("after his talk").
_MET_AT = re.compile(
    r"\bmet\b(?:\s+(?:him|her|them))?(?:\s+(?:once|briefly|properly))?(?:\s+for\s+[\w\s-]+?)?"
    r"\s+(?:at|during)\s+"
    r"(?P<where>[^.,;:!?()]+)",
    re.IGNORECASE,
)
_WHERE_ENDS = re.compile(
    r"\s+(?:last|this|in\s+(?:\d{4}|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|the\s+(?:spring|summer|autumn|fall|winter))|"
    r"(?:about|around|some|a few|two|three|\d+)\s+\w+\s+ago|after|before|where|when|and|"
    r"but|while|talking|talked|chatting|chatted|we|i|he|she|they)\b.*$",
    re.IGNORECASE,
)
# "talked about bridge scour", "I asked him a question about bridge scour", "chatted about
# hiring": what you talked about, up to the clause's end.
_TALKED_ABOUT = re.compile(
    r"\b(?:talk(?:ed|ing)|chat(?:ted|ting)?|spoke|discuss(?:ed|ing)?|"
    r"asked\s+(?:him|her|them)?\s*(?:a\s+question\s+)?|question)\s+(?:about|on)\s+"
    r"(?P<what>[^.,;:!?()]+)",
    re.IGNORECASE,
)
_WHAT_ENDS = re.compile(
    r"\s+(?:and|but|then|so|which|after|before|when|while|last|at)\b.*$", re.IGNORECASE
)
MAX_PLACE_WORDS = 10
# A guess or a sentence is not a place to say back: "some party, I think", "where I worked".
_GUESS = re.compile(
    r"\b(?:i|i'm|me|my|you|not sure|think|maybe|probably|perhaps|some|something|somewhere|"
    r"can't remember|don't remember|forget)\b|\?",
    re.IGNORECASE,
)


def where_you_met(words: str | None) -> tuple[str | None, str | None]:
    """Where you met and what you talked about, from how the user said they know someone
    ("met once at a conference in Montreal, talked about bridge scour"): each None when the
    words do not say it plainly enough to be said back to them."""
    if not words:
        return None, None
    return _phrase(_MET_AT, "where", _WHERE_ENDS, words), _phrase(
        _TALKED_ABOUT, "what", _WHAT_ENDS, words
    )


def _phrase(pattern: re.Pattern[str], group: str, ends: re.Pattern[str], words: str) -> str | None:
    found = pattern.search(words)
    if found is None:
        return None
    phrase = ends.sub("", found.group(group)).strip()
    count = len(phrase.split())
    # "I think" or a whole story is no place to say back; "a conference in Montreal" is.
    if not 0 < count <= MAX_PLACE_WORDS or _GUESS.search(phrase):
        return None
    return phrase


def _promise(kind: MomentKind, promise: str) -> Moment:
    clause = promise_clause(promise, to_writer=False)
    words = clause.words.split()
    # A sentence of its own ("If I rewrite my CV she'll send it on") fits no script's slot:
    # the line then leaves the thing in brackets for the user to say.
    if clause.form == "thing" and len(words) > 1 and words[1].casefold() in SENTENCE_START:
        return Moment(kind)
    return Moment(kind, to_them(clause.words), clause.form == "deed")


# Said to the person it is about, "her" is "you" before what she is given ("send her the
# deck") and "your" before what is hers ("review her deck").
_ABOUT_THEM = re.compile(r"\b(she|he|they|him|them|his|hers|her|their|theirs)\b", re.IGNORECASE)
_OBJECT_NEXT = frozenset(
    """a an the some my our this that these those to about on for with at in by from and or
    any one two three""".split()  # noqa: SIM905 - a word list reads best as words
)
_TURNED = {
    "she": "you",
    "he": "you",
    "they": "you",
    "him": "you",
    "them": "you",
    "his": "your",
    "hers": "yours",
    "their": "your",
    "theirs": "yours",
}


def to_them(words: str) -> str:
    """What the user noted about them, said to them: "send her my deck" -> "send you my deck",
    "review his CV" -> "review your CV"."""

    def turned(match: re.Match[str]) -> str:
        word = match.group(1).casefold()
        if word != "her":
            return _TURNED[word]
        rest = words[match.end() :].split()
        return "you" if not rest or rest[0].casefold().strip(".,;:!?") in _OBJECT_NEXT else "your"

    return _ABOUT_THEM.sub(turned, words)
