"""Reading meeting dates the way people type them, in their own time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal, TypeGuard
from zoneinfo import ZoneInfo

from dateparser.date import DateDataParser

# Longer input is never a date, and dateparser's cost grows with length.
MAX_DATE_TEXT = 64
# Someone may prep on the way to a coffee that has just started; an hour later it is over.
PAST_GRACE = timedelta(hours=1)
# Nobody books a meeting a century ahead. Refusing that also keeps every stored date far from
# datetime's last year, 9999, where showing it in another zone would overflow.
MAX_AHEAD = timedelta(days=100 * 365)

DayChoice = Literal["today", "tomorrow"]


@dataclass(frozen=True)
class MeetingTime:
    at: datetime
    """Aware, in UTC. For a whole day: that day's local midnight."""
    all_day: bool

    def local(self, tz: ZoneInfo) -> datetime:
        return self.at.astimezone(tz)


class DateRefused(ValueError):
    def __init__(self, reason: Literal["unreadable", "past"]) -> None:
        super().__init__(reason)
        self.reason: Literal["unreadable", "past"] = reason


def day_choice(choice: DayChoice, now: datetime, tz: ZoneInfo) -> MeetingTime:
    day = now.astimezone(tz).date() + timedelta(days=1 if choice == "tomorrow" else 0)
    return _whole_day(datetime.combine(day, time(), tzinfo=tz))


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> MeetingTime:
    """'tomorrow 15:00', 'next Tuesday', 'in 10 days', '2026-12-03 14:00', '3 Dec'..."""
    text = " ".join(text.split())
    if not text or len(text) > MAX_DATE_TEXT:
        raise DateRefused("unreadable")
    local_now = now.astimezone(tz)
    parser = DateDataParser(
        languages=["en"],
        settings={
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DATES_FROM": "future",
            # Day first: outside the US, 3/12 is the 3rd of December.
            "DATE_ORDER": "DMY",
            "RELATIVE_BASE": local_now.replace(tzinfo=None),
        },
    )
    data = parser.get_date_data(text)
    if data.date_obj is None:
        raise DateRefused("unreadable")
    local = data.date_obj.replace(tzinfo=tz) if data.date_obj.tzinfo is None else data.date_obj
    if local.date() > local_now.date() + MAX_AHEAD:
        raise DateRefused("unreadable")
    if data.period == "time":
        if local < local_now - PAST_GRACE:
            raise DateRefused("past")
        return MeetingTime(at=local.astimezone(ZoneInfo("UTC")), all_day=False)
    if local.date() < local_now.date():
        raise DateRefused("past")
    return _whole_day(datetime.combine(local.date(), time(), tzinfo=tz))


def _whole_day(local_midnight: datetime) -> MeetingTime:
    return MeetingTime(at=local_midnight.astimezone(ZoneInfo("UTC")), all_day=True)


# Buttons for "when": a day in the user's calendar, the time of day left open.
RelativeChoice = Literal["1d", "3d", "1w", "2w", "1m"]
RELATIVE_CHOICES: tuple[RelativeChoice, ...] = ("1d", "3d", "1w", "2w", "1m")
_RELATIVE_DAYS: dict[RelativeChoice, int] = {"1d": 1, "3d": 3, "1w": 7, "2w": 14, "1m": 30}


def is_relative_choice(value: object) -> TypeGuard[RelativeChoice]:
    return value in _RELATIVE_DAYS


def relative_choice(choice: RelativeChoice, now: datetime, tz: ZoneInfo) -> MeetingTime:
    """'in 3 days' etc. as a whole day, counted from the user's today."""
    day = now.astimezone(tz).date() + timedelta(days=_RELATIVE_DAYS[choice])
    return _whole_day(datetime.combine(day, time(), tzinfo=tz))
