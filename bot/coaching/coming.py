"""What /followups shows: what is due now, what comes in the next COMING_DAYS, and how much after.

Two sorts of things come: things to do (follow-ups, promise deadlines, stay-in-touch nudges),
which stay due once their time has passed until they are done, and things that happen
(meetings), which are simply over once their time has passed. Days are the user's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, Protocol, TypeVar
from zoneinfo import ZoneInfo

# How far /followups looks ahead, in days after today: a month shows the meetings being
# prepared and the follow-ups set after them ("in two weeks") without scrolling for ever.
COMING_DAYS = 30


class ToDo(Protocol):
    @property
    def due_at(self) -> datetime: ...


class Happening(ToDo, Protocol):
    @property
    def all_day(self) -> bool:
        """Only the day is known; due_at is the start of that day in the user's zone."""
        ...


T = TypeVar("T", bound=ToDo)
H = TypeVar("H", bound=Happening)


@dataclass(frozen=True)
class Line(Generic[T]):
    day: date
    """The user's day it falls on."""
    item: T


@dataclass(frozen=True)
class Outlook(Generic[T, H]):
    due_now: list[T]
    """To do, and due by now: oldest first."""
    coming: list[Line[T | H]]
    """Later today up to and including `last_day`, soonest first."""
    later: list[Line[T | H]]
    """After `last_day`, soonest first."""
    last_day: date

    def __bool__(self) -> bool:
        return bool(self.due_now or self.coming or self.later)


def last_day(now: datetime, tz: ZoneInfo, days: int = COMING_DAYS) -> date:
    """The last of the user's days the coming list covers."""
    return now.astimezone(tz).date() + timedelta(days=days)


def outlook(
    to_do: Iterable[T],
    happening: Iterable[H],
    now: datetime,
    tz: ZoneInfo,
    days: int = COMING_DAYS,
) -> Outlook[T, H]:
    """Sort what is to do and what will happen into due now, the next `days` days, and later.

    A meeting whose time has passed is left out (its debrief offer is what is due); an
    all-day one stays for the whole of its day.
    """
    today = now.astimezone(tz).date()
    until = last_day(now, tz, days)
    due_now: list[T] = []
    ahead: list[Line[T | H]] = []
    for item in to_do:
        if item.due_at <= now:
            due_now.append(item)
        else:
            ahead.append(Line(item.due_at.astimezone(tz).date(), item))
    for event in happening:
        day = event.due_at.astimezone(tz).date()
        if event.due_at > now or (event.all_day and day >= today):
            ahead.append(Line(day, event))
    due_now.sort(key=lambda item: item.due_at)
    ahead.sort(key=lambda line: (line.day, line.item.due_at))
    return Outlook(
        due_now=due_now,
        coming=[line for line in ahead if line.day <= until],
        later=[line for line in ahead if line.day > until],
        last_day=until,
    )
