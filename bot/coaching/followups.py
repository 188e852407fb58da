"""When to remind, and about what: the follow-up rules, as pure functions.

No telegram and no storage here: the reminder engine (bot/reminders/) feeds these the
rows it read and the clock's now, so every rule is tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, Protocol, TypeGuard, TypeVar
from zoneinfo import ZoneInfo

from bot.coaching.cadence import cadence_days, off_weekend
from bot.coaching.memory import excerpt

# -- debrief offers ---------------------------------------------------------------------------

# A coffee has usually ended an hour after it began; that is when the details are fresh.
DEBRIEF_DELAY = timedelta(hours=1)
# A meeting on a day without a time: offer in the early evening, once the day's work is done.
ALL_DAY_DEBRIEF_AT = time(18, 0)
# Meetings that passed longer ago than this (the bot was down for a long time) are not
# offered any more: a debrief a week late remembers little.
DEBRIEF_OFFER_WINDOW = timedelta(days=7)


def debrief_offer_time(scheduled_at: datetime, all_day: bool, tz: ZoneInfo) -> datetime:
    """An hour after a timed meeting; 18:00 local on the day of an all-day one. In UTC."""
    if not all_day:
        return (scheduled_at + DEBRIEF_DELAY).astimezone(UTC)
    day = scheduled_at.astimezone(tz).date()
    return _local(day, ALL_DAY_DEBRIEF_AT, tz)


def debrief_offer_expired(offer_due: datetime, now: datetime) -> bool:
    """An offer left unanswered this long drops off the lists: the moment has passed."""
    return now - offer_due > DEBRIEF_OFFER_WINDOW


# -- snoozing ---------------------------------------------------------------------------------

SnoozeChoice = Literal["1d", "3d", "1w"]
SNOOZE_CHOICES: tuple[SnoozeChoice, ...] = ("1d", "3d", "1w")
_SNOOZE_DAYS: dict[SnoozeChoice, int] = {"1d": 1, "3d": 3, "1w": 7}
# A snoozed reminder comes back at the same time of day, unless that is the middle of the
# night (snoozed at 23:30): then it comes in the morning.
WAKING_FROM = time(8, 0)
WAKING_UNTIL = time(21, 0)
MORNING = time(9, 0)


def is_snooze_choice(value: object) -> TypeGuard[SnoozeChoice]:
    return value in _SNOOZE_DAYS


def snooze_until(choice: SnoozeChoice, now: datetime, tz: ZoneInfo) -> datetime:
    """The same local time of day 1, 3 or 7 calendar days later (09:00 if that is at night)."""
    local = now.astimezone(tz)
    day = local.date() + timedelta(days=_SNOOZE_DAYS[choice])
    at = local.time().replace(second=0, microsecond=0, tzinfo=None)
    if not WAKING_FROM <= at <= WAKING_UNTIL:
        at = MORNING
    return _local(day, at, tz)


# -- stay-in-touch cadence --------------------------------------------------------------------


def cadence_due(last_touch: datetime, cadence: int | None, tz: ZoneInfo) -> datetime | None:
    """When to get back in touch: `cadence` days after the last contact, off the weekend;
    None: never."""
    return None if cadence is None else off_weekend(last_touch + timedelta(days=cadence), tz)


def stay_in_touch_due(
    stage: str,
    chosen_cadence: int | None,
    created_at: datetime,
    last_touch: datetime | None,
    now: datetime,
    tz: ZoneInfo,
    nudged_until: datetime | None = None,
) -> datetime | None:
    """When the contact's cadence ran out, if it has by `now` and no nudge was made for it
    yet; else None.

    Counted from the last touch (an interaction or a meeting), or from when the contact was
    added, moved off a weekend. A resting contact (or an unknown stage) has no cadence unless
    the user set one. `nudged_until`: the latest due time of any nudge made for the contact;
    one due at or after this run-out was made for this silence, and however it ended
    (dismissed, or never delivered), one nudge per silence is enough.
    """
    chosen = chosen_cadence if chosen_cadence and chosen_cadence > 0 else None
    days = cadence_days(stage, chosen)
    base = max(created_at, last_touch) if last_touch is not None else created_at
    due = cadence_due(base, days, tz)
    if due is None or due > now or (nudged_until is not None and nudged_until >= due):
        return None
    return due


def nudge_time(run_out: datetime, tz: ZoneInfo, hour: int) -> datetime:
    """When a stay-in-touch nudge sent on its own arrives: at the user's daily hour (the
    digest's, used or not), the first at or after the cadence ran out, off the weekend; a
    cadence running out at night does not wake anyone. In UTC."""
    local = run_out.astimezone(tz)
    at = _local(local.date(), time(hour), tz)
    if at < run_out:
        at = _local(local.date() + timedelta(days=1), time(hour), tz)
    return off_weekend(at, tz)


Unit = Literal["days", "weeks", "months"]


def elapsed(since: datetime, now: datetime) -> tuple[int, Unit]:
    """ "3 weeks" rather than "23 days": how long ago, as a person would say it."""
    days = max(0, (now - since).days)
    if days < 14:
        return days, "days"
    if days < 60:
        return days // 7, "weeks"
    return days // 30, "months"


# -- the daily digest -------------------------------------------------------------------------

DEFAULT_DIGEST_HOUR = 8
# A digest more than this late (the bot was down at the digest hour) is skipped: a morning
# summary arriving at night helps nobody, and the next one comes the following day.
DIGEST_LATE_LIMIT = timedelta(hours=6)


def next_digest_time(now: datetime, tz: ZoneInfo, hour: int) -> datetime:
    """The next `hour`:00 local strictly after now, in UTC."""
    if not 0 <= hour <= 23:
        raise ValueError(f"digest hour {hour} is not 0-23")
    local = now.astimezone(tz)
    candidate = _local(local.date(), time(hour), tz)
    if candidate <= now:
        candidate = _local(local.date() + timedelta(days=1), time(hour), tz)
    return candidate


def digest_is_timely(scheduled: datetime, now: datetime) -> bool:
    return now - scheduled <= DIGEST_LATE_LIMIT


def end_of_day(now: datetime, tz: ZoneInfo) -> datetime:
    """The first instant of the user's tomorrow, in UTC."""
    return _local(now.astimezone(tz).date() + timedelta(days=1), time(0), tz)


class Due(Protocol):
    @property
    def due_at(self) -> datetime: ...


D = TypeVar("D", bound=Due)


def digest_entries(items: Iterable[D], now: datetime, tz: ZoneInfo) -> list[D]:
    """What the digest lists: open items due today (local) or overdue, oldest first.
    Empty means no digest is sent today."""
    until = end_of_day(now, tz)
    return sorted((item for item in items if item.due_at < until), key=lambda item: item.due_at)


# -- what to say ------------------------------------------------------------------------------

OpenerKind = Literal[
    "promise", "their_ask", "help", "their_promise", "how_it_went", "common_ground", "check_in"
]

# The best reason to get in touch comes first: keep a promise, answer what they asked, offer
# help (give before you ask); then ask about their world; only then a plain check-in.
_OPENER_SLOTS: tuple[tuple[str, OpenerKind], ...] = (
    ("their_asks", "their_ask"),
    ("how_i_can_help", "help"),
    ("current_challenge", "how_it_went"),
    ("their_goals", "how_it_went"),
    ("recent_changes", "how_it_went"),
    ("company_news", "how_it_went"),
    ("current_work", "how_it_went"),
    ("common_ground", "common_ground"),
)
OPENER_DETAIL = 80


@dataclass(frozen=True)
class Opener:
    kind: OpenerKind
    detail: str | None
    """The remembered words the opener builds on, shortened for a phone screen."""


def choose_opener(
    facts: Mapping[str, str], my_promises: Sequence[str], their_promises: Sequence[str] = ()
) -> Opener:
    """A first line to send: from what you promised, else what they asked or what you can do
    for them, else their world; a plain check-in when nothing is known."""
    if my_promises:
        return Opener("promise", _short(my_promises[0]))
    for slot, kind in _OPENER_SLOTS[:2]:
        if facts.get(slot):
            return Opener(kind, _short(facts[slot]))
    if their_promises:
        return Opener("their_promise", _short(their_promises[0]))
    for slot, kind in _OPENER_SLOTS[2:]:
        if facts.get(slot):
            return Opener(kind, _short(facts[slot]))
    return Opener("check_in", None)


def _short(text: str) -> str:
    return excerpt(text.strip().rstrip(".!"), OPENER_DETAIL)


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """A local wall-clock time as UTC; in a DST gap, zoneinfo's fold=0 moves it forward."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
