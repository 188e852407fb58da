"""What a brief brings back from earlier meetings, turned into something to do.

Each kind of note becomes a different action: news becomes a follow-up question, what they
value a reminder of how to come across, their offers your next step, what they need or asked
of you the thing to give, your own open promises the first thing to do. What is used for an
action is not listed again under "what you know". What is done is done: a promise kept since
you last met is something to talk about, not a to-do, and what they asked of you that a promise
already covers is not offered as a give again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol, TypeVar

# News about their life and work, where "how did it go?" makes sense next time; the order is
# the order of interest when there are more than a brief has room for.
NEWS_SLOTS = (
    "company_news",
    "recent_changes",
    "current_challenge",
    "their_goals",
    "current_work",
    "learned",
    "interests",
)
THREADS = 2
"""Threads to pick up at most: with the questions, a brief asks three to five things."""
# Never listed under "what you know": promises are owed (listed apart), a follow-up is a date.
# Promises and the follow-up have their own lines; what you hoped for (a debrief's "aim") is
# yours, not something you know about them.
_NOT_KNOWLEDGE = frozenset({"my_promises", "their_promises", "follow_up", "aim"})
# Long notes are shortened in a brief: it is read on a phone on the way in.
EXCERPT = 140
QUOTE = 80
PROMISES_SHOWN = 3
"""Open promises a brief lists each way; more would bury the questions."""
"""A note quoted inside a sentence is kept shorter than one listed on its own."""


class Remembered(Protocol):
    """A note as storage keeps it (bot.storage.notes.Note fits)."""

    @property
    def slot(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


R = TypeVar("R", bound=Remembered)

ThreadKind = Literal["news", "advice"]


@dataclass(frozen=True)
class Thread:
    """Something from last time to pick up: news to ask about, advice to report back on."""

    kind: ThreadKind
    slot: str
    said: str


GiveSource = Literal["their_ask", "their_need"]


# What to bring, most concrete first: what they asked of you, then how you could help.
_GIVE_FROM: tuple[tuple[str, GiveSource], ...] = (
    ("their_asks", "their_ask"),
    ("how_i_can_help", "their_need"),
)


@dataclass(frozen=True)
class Give:
    source: GiveSource
    """their_ask: something they asked of you · their_need: how you noted you could help."""
    said: str


DoneSide = Literal["mine", "theirs"]


@dataclass(frozen=True)
class Done:
    """A promise kept since you last met: mine (ask what they made of it) or theirs (thank
    them, and say what you did with it)."""

    side: DoneSide
    said: str


@dataclass(frozen=True)
class Remembrance:
    """The memory of a contact as actions, in the order a brief shows them."""

    before: tuple[str, ...] = ()
    """Your open promises: keep them before you meet."""
    before_more: int = 0
    """Open promises of yours not listed (the card has them)."""
    their_offers: tuple[str, ...] = ()
    """What they offered or promised and have not done yet: your next step is to take it up."""
    offers_more: int = 0
    give: Give | None = None
    done: tuple[Done, ...] = ()
    """Promises kept since you last met, yours first."""
    threads: tuple[Thread, ...] = ()
    manners: tuple[str, ...] = ()
    """What they value: how to come across."""
    known: tuple[tuple[str, str], ...] = ()
    """(slot, note) of everything else known, each once."""


def remember(
    notes: Iterable[Remembered],
    mine_open: Sequence[str],
    theirs_open: Sequence[str],
    mine_kept: Sequence[str] = (),
    theirs_kept: Sequence[str] = (),
) -> Remembrance:
    """Turn the latest note per slot and the promises into actions."""
    latest = _latest_per_slot(notes)
    used: set[str] = set(_NOT_KNOWLEDGE)

    # What a promise of yours covers is owed (listed as the promise) or given (done): either
    # way it is no longer a thing to give, nor a thing you merely know.
    promised = set().union(*(content_words(p) for p in (*mine_open, *mine_kept)))
    give: Give | None = None
    for slot, source in _GIVE_FROM:
        if slot in latest:
            # A note of what they asked or need is what a promise is about when they share a
            # thing: "Just the tutoring link for her niece", "send her the tutoring link".
            if content_words(latest[slot].body) & promised:
                used.add(slot)
            elif give is None:
                give = Give(source, excerpt(latest[slot].body, QUOTE))
                used.add(slot)

    threads: list[Thread] = []
    if "advice" in latest:
        threads.append(Thread("advice", "advice", excerpt(latest["advice"].body, QUOTE)))
    news = [latest[slot] for slot in NEWS_SLOTS if slot in latest]
    news.sort(key=lambda n: n.created_at, reverse=True)  # stable: slot order within a day
    threads.extend(
        Thread("news", n.slot, excerpt(said, QUOTE)) for n in news for said in news_to_ask(n.body)
    )
    threads = threads[:THREADS]
    used.update(t.slot for t in threads)

    manners: tuple[str, ...] = ()
    if "what_they_value" in latest:
        manners = (excerpt(latest["what_they_value"].body, QUOTE),)
        used.add("what_they_value")

    known = tuple((slot, excerpt(note.body)) for slot, note in latest.items() if slot not in used)
    # The oldest few, each once: the brief is read on the way in; the card lists them all.
    before, before_more = distinct(mine_open, PROMISES_SHOWN)
    offers, offers_more = distinct(theirs_open, PROMISES_SHOWN)
    return Remembrance(
        before=tuple(excerpt(p) for p in before),
        before_more=before_more,
        their_offers=tuple(excerpt(p, QUOTE) for p in offers),
        offers_more=offers_more,
        give=give,
        done=(
            *(Done("mine", excerpt(p, QUOTE)) for p in mine_kept),
            *(Done("theirs", excerpt(p, QUOTE)) for p in theirs_kept),
        ),
        threads=tuple(threads),
        manners=manners,
        known=known,
    )


# A sentence about something still under way, or coming: the thing to ask about next time
# ("training for her first triathlon in June", "thinking about leaving for a startup").
_UNDER_WAY = re.compile(
    r"\b(?:training|moving|buying|selling|hiring|planning|starting|launching|raising|running an?|"
    r"building|writing|learning|applying|thinking about|deciding|looking for|going to|"
    r"will|next (?:week|month|year|spring|summer|autumn|fall|winter|quarter)|this (?:year|month)|"
    r"new year|in (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|q[1-4]))\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'])")
NEWS_PER_NOTE = 2
"""Sentences of one note to follow up on at most: a long "what you learned" holds several."""


def news_to_ask(body: str) -> list[str]:
    """The sentences of a note worth a "how did it go?" next time, most promising first.

    A note of what you learned often tells a life story in five sentences; the ones about
    something still under way are what a follow-up question can pick up. Without any, the
    note is asked about as a whole.
    """
    sentences = [s.strip() for s in _SENTENCE_END.split(" ".join(body.split())) if s.strip()]
    under_way = [s for s in sentences if _UNDER_WAY.search(s)]
    # Quoted inside a sentence of the brief, which brings its own full stop.
    return [s.rstrip(". ") for s in under_way[:NEWS_PER_NOTE] or [" ".join(body.split())]]


_WORD = re.compile(r"[a-z0-9]+")
# Words any two requests share without being about the same thing.
_COMMON = frozenset(
    """about after again also and any are ask asked back been before both but can could did
    does done for from get give had has have her him his how into its just let like made make
    maybe more most much not now off once one our out over please really said same see send
    sent share she should some something than that the their them then there they thing this
    those through time tell told too two very want was way week what when which who will with
    would you your yours""".split()  # noqa: SIM905 - a word list reads best as words
)


def content_words(text: str) -> set[str]:
    """The words that say what a text is about, folded: "Sent the case studies" ->
    {"case", "studie"}."""
    return {
        w.removesuffix("s")
        for w in _WORD.findall(text.casefold())
        if len(w) > 3 and w not in _COMMON
    }


def distinct(promises: Sequence[str], most: int | None = None) -> tuple[list[str], int]:
    """The promises, each thing once, at most `most` of them, and how many were not looked at.

    "send a card for the baby" noted in one debrief and "I still owe him a card for the baby"
    in the next are one promise, listed as first noted: two are one when they share two
    thirds of the shorter one's words.
    """
    kept: list[tuple[str, int]] = []
    having: dict[str, list[int]] = {}  # word -> the kept promises that have it
    for looked, promise in enumerate(promises):
        if most is not None and len(kept) == most:
            return [p for p, _ in kept], len(promises) - looked
        words = content_words(promise)
        shared = Counter(index for word in words for index in having.get(word, ()))
        if any(3 * n >= 2 * min(len(words), kept[i][1]) for i, n in shared.items()):
            continue
        for word in words:
            having.setdefault(word, []).append(len(kept))
        kept.append((promise, len(words)))
    return [p for p, _ in kept], 0


def _latest_per_slot(notes: Iterable[R]) -> dict[str, R]:
    latest: dict[str, R] = {}
    for note in sorted(notes, key=lambda n: n.created_at, reverse=True):
        latest.setdefault(note.slot, note)
    return latest


def known_facts(notes: Iterable[Remembered]) -> dict[str, str]:
    """Latest note per slot, for what a reminder or card says you know."""
    return {slot: note.body for slot, note in _latest_per_slot(notes).items()}


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
