"""What a brief brings back from earlier meetings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, TypeVar

# Slots about the other person's life and work, where "how did it go?" makes sense later.
# Promises and follow-ups are shown on their own; common ground is already shared.
DEEPER_SLOTS = (
    "current_challenge",
    "their_goals",
    "recent_changes",
    "current_work",
    "learned",
    "what_they_value",
)
DEEPER_COUNT = 2
# Long notes are shortened in a brief: it is read on a phone on the way in.
EXCERPT = 140


class Remembered(Protocol):
    """A note as storage keeps it (bot.storage.notes.Note fits)."""

    @property
    def slot(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


R = TypeVar("R", bound=Remembered)


def go_deeper(notes: Iterable[R]) -> list[R]:
    """The latest things they mentioned worth asking about again, one per slot."""
    latest: dict[str, R] = {}
    for note in sorted(notes, key=lambda n: n.created_at, reverse=True):
        if note.slot in DEEPER_SLOTS and note.slot not in latest:
            latest[note.slot] = note
    ranked = sorted(latest.values(), key=lambda n: DEEPER_SLOTS.index(n.slot))
    return ranked[:DEEPER_COUNT]


def known_facts(notes: Iterable[Remembered]) -> dict[str, str]:
    """Latest note per slot, for "what you know" at the top of a brief."""
    facts: dict[str, str] = {}
    for note in sorted(notes, key=lambda n: n.created_at, reverse=True):
        facts.setdefault(note.slot, note.body)
    return facts


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
