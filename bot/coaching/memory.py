"""What a brief brings back from earlier meetings, turned into something to do.

Each kind of note becomes a different action: news becomes a follow-up question, what they
value a reminder of how to come across, their offers your next step, what they need or asked
of you the thing to give, your own open promises the first thing to do. What is used for an
action is not listed again under "what you know".
"""

from __future__ import annotations

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
_NOT_KNOWLEDGE = frozenset({"my_promises", "their_promises", "follow_up"})
# Long notes are shortened in a brief: it is read on a phone on the way in.
EXCERPT = 140
QUOTE = 80
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


@dataclass(frozen=True)
class Remembrance:
    """The memory of a contact as actions, in the order a brief shows them."""

    before: tuple[str, ...] = ()
    """Your open promises: keep them before you meet."""
    their_offers: tuple[str, ...] = ()
    """What they offered or promised and have not done yet: your next step is to take it up."""
    give: Give | None = None
    threads: tuple[Thread, ...] = ()
    manners: tuple[str, ...] = ()
    """What they value: how to come across."""
    known: tuple[tuple[str, str], ...] = ()
    """(slot, note) of everything else known, each once."""


def remember(
    notes: Iterable[Remembered], mine_open: Sequence[str], theirs_open: Sequence[str]
) -> Remembrance:
    """Turn the latest note per slot and the open promises into actions."""
    latest = _latest_per_slot(notes)
    used: set[str] = set(_NOT_KNOWLEDGE)

    give: Give | None = None
    for slot, source in _GIVE_FROM:
        if slot in latest:
            give = Give(source, excerpt(latest[slot].body, QUOTE))
            used.add(slot)
            break

    threads: list[Thread] = []
    if "advice" in latest:
        threads.append(Thread("advice", "advice", excerpt(latest["advice"].body, QUOTE)))
    news = [latest[slot] for slot in NEWS_SLOTS if slot in latest]
    news.sort(key=lambda n: n.created_at, reverse=True)  # stable: slot order within a day
    threads.extend(Thread("news", n.slot, excerpt(n.body, QUOTE)) for n in news)
    threads = threads[:THREADS]
    used.update(t.slot for t in threads)

    manners: tuple[str, ...] = ()
    if "what_they_value" in latest:
        manners = (excerpt(latest["what_they_value"].body, QUOTE),)
        used.add("what_they_value")

    known = tuple((slot, excerpt(note.body)) for slot, note in latest.items() if slot not in used)
    return Remembrance(
        before=tuple(excerpt(p) for p in mine_open),
        their_offers=tuple(excerpt(p, QUOTE) for p in theirs_open),
        give=give,
        threads=tuple(threads),
        manners=manners,
        known=known,
    )


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
