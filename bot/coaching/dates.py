"""Reading dates the way people type them, in their own time zone.

A small grammar of our own rather than a general date parser. People type a handful of
forms ("thursday at 5", "jan 12 at 10", "12/20 3pm", "in a week, by email"), and for those
the answer must be the one they meant, every time; a general parser guesses instead (a bare
number became a year: "jan 12 at 10" was stored as 12 Jan 2110). What the grammar does not
know is refused, and the user is shown an example that works.

The rules people notice:
- An hour without am/pm: 1 to 7 is the afternoon ("at 5" is 17:00), 8 to 12 the morning up
  to noon. "07:30", with its zero, and 13 to 23 are read as written. "morning", "tonight",
  "lunch" and friends set the half of the day, or the time when no hour is given. A range
  ("2-3pm") is its start.
- A bare number is never a year, and never a date: "12" alone is refused. A four-digit year
  is read only as part of a date ("dec 10 2026", "10/12/2026").
- A date without a year is the nearest one: "jan 12" in late December is next month's;
  "dec 20" on the 29th was nine days ago, and is refused as past.
- "12/20" or "20/12": whichever is a real date. When both are, the user's region decides
  (`date_order`, from the time zone's country); when the zone does not tell (UTC), both
  readings come back as `Ambiguous`, for the caller to ask.
- A weekday is the coming one: today if the time is still ahead; "next friday" is the first
  Friday after today, never today.
- A meeting is a day ("the 14th", "in 3 days"), with a time if one is given. "next week",
  "this weekend" and "next month" name no day: a meeting there is refused as `vague`, while a
  follow-up takes them (a reminder a week on; that Saturday; a month on).
- Past (beyond PAST_GRACE) and more than MAX_AHEAD away are refused, with the date that was
  read, so the user sees what the bot understood. Nothing is ever "confirmed" into storage.

Follow-ups (`read_follow_up`) count from the meeting when it is still ahead, keep the words
around the date as how ("in a week, by email" -> "by email"), and move a counted date ("in a
week") off a weekend to the Monday; a day the user named ("saturday") stays.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Literal, TypeGuard
from zoneinfo import ZoneInfo

from bot.coaching.date_phrases import (
    FILLERS,
    PART_TIME,
    Clock,
    Day,
    DayKind,
    DayPart,
    Phrase,
    Token,
    date_runs,
    read_phrases,
    tokenize,
    trim,
)
from bot.coaching.date_phrases import DateOrder as DateOrder  # the callers' name for it

UTC = ZoneInfo("UTC")
# Longer input is never a meeting's date.
MAX_DATE_TEXT = 64
# A follow-up answer carries how as well; the date is looked for in at most this much.
MAX_FOLLOW_UP_TEXT = 300
# Someone may prep on the way to a coffee that has just started; an hour later it is over.
PAST_GRACE = timedelta(hours=1)
# A meeting more than a year out (or a follow-up a year after the meeting) is a typo far more
# often than a plan. Also keeps every stored date far from datetime's last year.
MAX_AHEAD = timedelta(days=366)

DayChoice = Literal["today", "tomorrow"]
Refusal = Literal["unreadable", "past", "too_far", "vague", "wrong_weekday"]


@dataclass(frozen=True)
class MeetingTime:
    at: datetime
    """Aware, in UTC. For a whole day: that day's local midnight."""
    all_day: bool

    def local(self, tz: ZoneInfo) -> datetime:
        return self.at.astimezone(tz)


@dataclass(frozen=True)
class Ambiguous:
    """Both readings of a date like 3/4, when the user's region does not say which it is."""

    month_first: MeetingTime
    day_first: MeetingTime

    def reading(self, order: DateOrder) -> MeetingTime:
        return self.month_first if order == "month_first" else self.day_first


@dataclass(frozen=True)
class FollowUpDate:
    when: MeetingTime | Ambiguous
    how: str | None
    """The user's words around the date ("by email"), as typed; None when there were none."""


class DateRefused(ValueError):
    """`read`: for past and too_far, the moment that was understood, to show back.

    For wrong_weekday ("Wednesday 18 February" when the 18th is a Thursday): `said` is the
    date as written, `read` that date (None when it is past or too far) and `other` the
    named weekday nearest it (Wed 17 Feb), for the person to pick."""

    def __init__(
        self,
        reason: Refusal,
        read: MeetingTime | None = None,
        *,
        other: MeetingTime | None = None,
        said: date | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason: Refusal = reason
        self.read = read
        self.other = other
        self.said = said


def parse_when(
    text: str, now: datetime, tz: ZoneInfo, order: DateOrder | None = None
) -> MeetingTime | Ambiguous:
    """A meeting's date and time: 'thursday at 5', 'jan 12 at 10', '12/20 3pm', 'noon
    tomorrow', 'in 3 days', '2026-12-18 14:00'... The whole text must be the date.

    `order`: how this user writes numeric dates, when known; otherwise their zone decides.
    Raises DateRefused.
    """
    if len(text) > MAX_DATE_TEXT:
        raise DateRefused("unreadable")
    tokens = tokenize(text)
    phrases = read_phrases(trim(tokens))
    if not phrases:
        raise DateRefused("unreadable")
    today = now.astimezone(tz).date()
    return _settle(phrases, _Context(now, tz, today, today, follow_up=False), order)


def read_follow_up(
    text: str,
    now: datetime,
    tz: ZoneInfo,
    *,
    meeting_at: datetime | None = None,
    order: DateOrder | None = None,
) -> FollowUpDate:
    """When to follow up, and how: 'in a week, by email', 'monday', 'coffee in two weeks'.

    Counts ("in a week", "monday", "next month") start from the meeting when it is still
    ahead, else from today. A counted day on a weekend moves to the Monday. Raises
    DateRefused.
    """
    if len(text) > MAX_FOLLOW_UP_TEXT:
        raise DateRefused("unreadable")
    tokens = tokenize(text)
    today = now.astimezone(tz).date()
    base = max(today, meeting_at.astimezone(tz).date()) if meeting_at else today
    ctx = _Context(now, tz, today, base, follow_up=True)
    runs = list(date_runs(tokens))
    split = _day_and_time_apart(tokens, runs)
    if split is not None:
        (day_start, day_end), (time_start, time_end), phrases = split
        when = _settle(phrases, ctx, order)
        how = [_how(text, tokens[:time_start], day_start, day_end)]
        if time_end < len(tokens):
            how.append(text[tokens[time_end].start :].strip(" ,.;!"))
        return FollowUpDate(when, " ".join(h for h in how if h) or None)
    for start, end, phrases in runs:
        try:
            when = _settle(phrases, ctx, order)
        except DateRefused as refusal:
            if refusal.reason == "unreadable":
                continue  # "monday or tuesday" is no date; "monday" alone may be
            raise
        return FollowUpDate(when, _how(text, tokens, start, end))
    raise DateRefused("unreadable")


@dataclass(frozen=True)
class SaidWhen:
    when: MeetingTime | None
    """None when the day named is unclear (3/4), vague ("next week"), past or too far: it is
    then asked as usual."""
    rest: str
    """The words around the date, as typed: "lunch near her office on friday at 1pm" ->
    "lunch near her office"."""


def when_inside(
    text: str, now: datetime, tz: ZoneInfo, order: DateOrder | None = None
) -> SaidWhen | None:
    """A meeting's day and time said inside a longer answer ("zoom tomorrow 9am", "coffee at
    Fábrica, Thursday 10:30"), with the words around it. None when no day or clock is named:
    a time of day alone ("lunch") says where as much as when, "30-minute" says how long."""
    if len(text) > MAX_FOLLOW_UP_TEXT:
        return None
    tokens = tokenize(text)
    today = now.astimezone(tz).date()
    ctx = _Context(now, tz, today, today, follow_up=False)
    for start, end, phrases in date_runs(tokens):
        if not any(p.days or p.clock is not None for p in phrases):
            continue
        try:
            settled = _settle(phrases, ctx, order)
        except DateRefused:
            settled = None
        when = settled if isinstance(settled, MeetingTime) else None
        rest = _how(text, tokens, start, end) or ""
        return SaidWhen(when, _DANGLING_END.sub("", rest).strip(" ,.;-–—"))
    return None


def date_words(text: str) -> str | None:
    """The words that say when in an answer that says more ("we said thursday at 5, at her
    office" -> "thursday at 5"), for parse_when; None when no day or clock is named."""
    if len(text) > MAX_FOLLOW_UP_TEXT:
        return None
    tokens = tokenize(text)
    for start, end, phrases in date_runs(tokens):
        if any(p.days or p.clock is not None for p in phrases):
            return text[tokens[start].start : tokens[end - 1].end]
    return None


# What the date leaves behind at the end of the words: "lunch near her office on".
_DANGLING_END = re.compile(r"(?:[\s,]+(?:on|at|this|next|for|by|around|from))+\s*$", re.I)

Span = tuple[int, int]


def _day_and_time_apart(
    tokens: Sequence[Token], runs: Sequence[tuple[int, int, list[Phrase]]]
) -> tuple[Span, Span, list[Phrase]] | None:
    """ "Thursday, video call at 6pm": a day first and a time last with how in between are
    one date (Thursday at 6pm), not the time alone (6pm today) with "Thursday" taken for how.
    """
    days = [(s, e) for s, e, found in runs if all(p.days and p.clock is None for p in found)]
    times = [
        (s, e) for s, e, found in runs if all(not p.days and p.clock is not None for p in found)
    ]
    for day_start, day_end in days:
        for time_start, time_end in times:
            between = tokens[day_end:time_start]
            # Words between them ("video call"), or a single run reads both already.
            if any(t.kind != "sep" and t.text.casefold() not in FILLERS for t in between):
                joined = read_phrases(
                    trim([*tokens[day_start:day_end], *tokens[time_start:time_end]])
                )
                if joined:
                    return (day_start, day_end), (time_start, time_end), joined
    return None


def day_choice(choice: DayChoice, now: datetime, tz: ZoneInfo) -> MeetingTime:
    day = now.astimezone(tz).date() + timedelta(days=1 if choice == "tomorrow" else 0)
    return _whole_day(day, tz)


# Buttons for a follow-up: a day in the user's calendar, the time of day left open.
RelativeChoice = Literal["1d", "3d", "1w", "2w", "1m"]
RELATIVE_CHOICES: tuple[RelativeChoice, ...] = ("1d", "3d", "1w", "2w", "1m")
_RELATIVE: dict[RelativeChoice, tuple[int, str]] = {
    "1d": (1, "days"),
    "3d": (3, "days"),
    "1w": (1, "weeks"),
    "2w": (2, "weeks"),
    "1m": (1, "months"),
}


def is_relative_choice(value: object) -> TypeGuard[RelativeChoice]:
    return value in _RELATIVE


def relative_choice(
    choice: RelativeChoice, now: datetime, tz: ZoneInfo, meeting_at: datetime | None = None
) -> MeetingTime:
    """'In 2 weeks' etc. as a whole day: counted like a typed follow-up, off weekends."""
    today = now.astimezone(tz).date()
    base = max(today, meeting_at.astimezone(tz).date()) if meeting_at else today
    amount, unit = _RELATIVE[choice]
    return _whole_day(_weekday_on_or_after(_add(base, amount, unit)), tz)


def example_date(now: datetime, tz: ZoneInfo) -> datetime:
    """A date to show in an example that is always ahead: next Thursday, 15:00, local."""
    today = now.astimezone(tz).date()
    day = today + timedelta(days=(3 - today.weekday()) % 7 or 7)
    return datetime.combine(day, time(15, 0), tzinfo=tz)


# -- the user's region ------------------------------------------------------------------------

# Countries that write the month first: the US and the places that follow it, and those that
# write year, month, day, whose dates without the year read month, day. Canada writes both.
_MONTH_FIRST = frozenset(
    {"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW", "CN", "TW", "JP", "KR"}
)
_EITHER = frozenset({"CA"})
DATE_ORDERS: tuple[DateOrder, ...] = ("month_first", "day_first")


def is_date_order(value: object) -> TypeGuard[DateOrder]:
    return value in DATE_ORDERS


def date_order(tz: ZoneInfo) -> DateOrder | None:
    """How people in this zone's country write 3/4; None when the zone does not tell."""
    country = _zone_countries().get(_zone_links().get(tz.key, tz.key))
    if country is None or country in _EITHER:
        return None
    return "month_first" if country in _MONTH_FIRST else "day_first"


@cache
def _zone_countries() -> dict[str, str]:
    """Zone -> ISO country, from the IANA zone.tab that the tzdata package ships."""
    countries: dict[str, str] = {}
    for line in _tzdata_file("zone.tab").splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#"):
            countries[fields[2]] = fields[0]
    return countries


@cache
def _zone_links() -> dict[str, str]:
    """Old names ("US/Pacific", "Asia/Calcutta") -> the zone zone.tab lists."""
    links: dict[str, str] = {}
    for line in _tzdata_file("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, name = line.split()
            links[name] = target
    return links


def _tzdata_file(name: str) -> str:
    try:
        return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        # Without the data no zone tells its country, and ambiguous dates are asked about.
        return ""


# -- from a phrase to a moment ----------------------------------------------------------------

# Name no day of their own: a meeting there is asked about again.
_VAGUE: frozenset[DayKind] = frozenset(
    {
        "next_week",
        "early_next_week",
        "end_of_week",
        "end_of_next_week",
        "weekend",
        "next_weekend",
        "next_month",
        "part_of_month",
    }
)
# Counted rather than named: a follow-up that lands on a weekend moves to the Monday.
_COUNTED: frozenset[DayKind] = frozenset({"offset", "next_week", "next_month", "part_of_month"})


@dataclass(frozen=True)
class _Context:
    now: datetime
    tz: ZoneInfo
    today: date
    base: date
    """The day counts start from: the meeting's, for a follow-up when it is still ahead."""
    follow_up: bool


def _settle(
    phrases: Sequence[Phrase], ctx: _Context, order: DateOrder | None
) -> MeetingTime | Ambiguous:
    """One moment from the readings of a text, both when its order is unclear, or refused."""
    order = order or date_order(ctx.tz)
    if order is not None:
        phrases = [p for p in phrases if _order(p) in (None, order)]
    results: dict[DateOrder | None, MeetingTime] = {}
    refusals: list[DateRefused] = []
    for phrase in phrases:
        try:
            results.setdefault(_order(phrase), _resolve(phrase, ctx))
        except DateRefused as refusal:
            refusals.append(refusal)
    first, second = results.get("month_first"), results.get("day_first")
    if first is not None and second is not None and first != second:
        return Ambiguous(month_first=first, day_first=second)
    if results:
        return next(iter(results.values()))
    refusals.sort(key=lambda r: r.reason == "unreadable")  # say what was read, if anything
    first_refusal = refusals[0]
    if ctx.follow_up and first_refusal.reason == "wrong_weekday" and first_refusal.read:
        # A reminder's day: the date written is trusted over its weekday, and shown with it.
        return first_refusal.read
    raise first_refusal


def _order(phrase: Phrase) -> DateOrder | None:
    """Which reading of an ambiguous numeric date the phrase took, if it has one."""
    return next((d.order for d in phrase.days if d.order is not None), None)


def _resolve(phrase: Phrase, ctx: _Context) -> MeetingTime:
    if phrase.moment is not None:
        return _checked(MeetingTime((ctx.now + phrase.moment).astimezone(UTC), False), ctx)
    clock = _time_of_day(phrase.clock, phrase.part)
    try:
        day, kind = _day(phrase.days, ctx, clock)
    except _WrongWeekday as wrong:
        raise _wrong_weekday(wrong, phrase, ctx, clock) from None
    return _on(day, kind, phrase, ctx, clock)


class _WrongWeekday(Exception):
    def __init__(self, day: date, weekday: int, kind: DayKind) -> None:
        super().__init__(day)
        self.day, self.weekday, self.kind = day, weekday, kind


def _wrong_weekday(
    wrong: _WrongWeekday, phrase: Phrase, ctx: _Context, clock: time | None
) -> DateRefused:
    """Both days a "Wednesday 18 February" may mean, when the 18th is a Thursday: the date,
    and the named weekday nearest it."""
    ahead = (wrong.weekday - wrong.day.weekday()) % 7
    near = wrong.day + timedelta(days=ahead if ahead <= 3 else ahead - 7)
    try:
        other: MeetingTime | None = _on(near, "weekday", phrase, ctx, clock)
    except DateRefused:
        other = None
    try:
        dated = _on(wrong.day, wrong.kind, phrase, ctx, clock)
    except DateRefused as refusal:
        if other is None:
            return refusal  # neither can be: say why the date cannot
        dated = None
    return DateRefused("wrong_weekday", dated, other=other, said=wrong.day)


def _on(day: date, kind: DayKind, phrase: Phrase, ctx: _Context, clock: time | None) -> MeetingTime:
    if kind in _VAGUE and not ctx.follow_up:
        raise DateRefused("vague")
    if ctx.follow_up and kind in _COUNTED:
        day = _weekday_on_or_after(day)
    if clock is None:
        return _checked(_whole_day(day, ctx.tz), ctx)
    moment = _at(day, clock, ctx.tz)
    if phrase.clock is None and phrase.part is not None and day == ctx.today:
        # "tonight" at 21:00: later today, though its usual hour has gone.
        part_ends = _at(day, PART_TIME[phrase.part][1], ctx.tz)
        if moment < ctx.now - PAST_GRACE <= part_ends:
            return _whole_day(day, ctx.tz)
    return _checked(MeetingTime(moment.astimezone(UTC), all_day=False), ctx)


def _day(days: tuple[Day, ...], ctx: _Context, clock: time | None) -> tuple[date, DayKind]:
    if not days:
        return ctx.today, "today"
    if len(days) == 1:
        return _one_day(days[0], ctx, clock), days[0].kind
    offset = next((d for d in days if d.kind == "offset"), None)
    start = next((d for d in days if d.kind in ("today", "tomorrow")), None)
    if offset is not None and start is not None:
        # "a week from today", "a week tomorrow": counted from that day, not the meeting
        return _add(_one_day(start, ctx, clock), offset.number, offset.unit), "offset"
    weekday = next((d for d in days if d.kind == "weekday"), None)
    other = next((d for d in days if d is not weekday), None)
    if weekday is None or other is None:
        raise DateRefused("unreadable")
    if other.kind in ("next_week", "early_next_week"):
        # "monday next week", "next week on friday"
        monday = ctx.base - timedelta(days=ctx.base.weekday()) + timedelta(weeks=1)
        return monday + timedelta(days=weekday.number), "weekday"
    day = _one_day(other, ctx, clock)
    if day.weekday() != weekday.number:
        raise _WrongWeekday(day, weekday.number, other.kind)  # "friday 12/20", a Sunday
    return day, other.kind


def _one_day(day: Day, ctx: _Context, clock: time | None) -> date:
    base, today = ctx.base, ctx.today
    match day.kind:
        case "today":
            return today
        case "tomorrow":
            return today + timedelta(days=1)
        case "after_tomorrow":
            return today + timedelta(days=2)
        case "yesterday":
            return today - timedelta(days=1)
        case "weekday":
            after = base if ctx.follow_up or day.strict else base - timedelta(days=1)
            found = after + timedelta(days=(day.number - after.weekday() - 1) % 7 + 1)
            passed = clock is not None and _at(found, clock, ctx.tz) < ctx.now - PAST_GRACE
            return found + timedelta(weeks=1) if found == today and passed else found
        case "last_weekday":
            return today - timedelta(days=(today.weekday() - day.number - 1) % 7 + 1)
        case "offset":
            return _add(base, day.number, day.unit)
        case "date":
            return _date(day, ctx)
        case "part_of_month" if day.month:
            return _date(Day("date", day.number, month=day.month), ctx)
        case "part_of_month":
            return _next_day_of_month(base, day.number)
        case "day_of_month":
            return _next_day_of_month(base, day.number)
        case "next_week":
            return base + timedelta(weeks=1)
        case "early_next_week":
            return base - timedelta(days=base.weekday()) + timedelta(weeks=1)
        case "weekend" | "next_weekend":
            saturday = base + timedelta(days=(5 - base.weekday()) % 7)
            if base.weekday() == 6:
                saturday = base  # on a Sunday, this weekend is today
            return saturday + timedelta(weeks=1 if day.kind == "next_weekend" else 0)
        case "next_month":
            return _add(base, 1, "months")
        case "end_of_week":
            return base + timedelta(days=(4 - base.weekday()) % 7)
        case "end_of_next_week":
            return base - timedelta(days=base.weekday()) + timedelta(weeks=1, days=4)
    raise AssertionError(day.kind)


def _date(day: Day, ctx: _Context) -> date:
    if day.year is not None:
        # Never near datetime's first or last year, where moving between zones overflows.
        if day.year > ctx.base.year + 1:
            raise DateRefused("too_far")
        if day.year < ctx.today.year - 1:
            raise DateRefused("past")
        try:
            return date(day.year, day.month, day.number)
        except ValueError:
            raise DateRefused("unreadable") from None
    # The nearest such date: "jan 12" in late December is next month's.
    candidates = []
    for year in (ctx.base.year - 1, ctx.base.year, ctx.base.year + 1):
        try:
            candidates.append(date(year, day.month, day.number))
        except ValueError:
            continue  # 29 February
    if not candidates:
        raise DateRefused("unreadable")
    return min(candidates, key=lambda d: (abs((d - ctx.base).days), d < ctx.base))


def _next_day_of_month(base: date, number: int) -> date:
    year, month = base.year, base.month
    for _ in range(13):
        if number <= calendar.monthrange(year, month)[1] and date(year, month, number) >= base:
            return date(year, month, number)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise DateRefused("unreadable")


def _time_of_day(clock: Clock | None, part: DayPart | None) -> time | None:
    if clock is None:
        return PART_TIME[part][0] if part is not None else None
    hour = clock.hour
    morning = part in ("breakfast", "morning")
    later = part in ("afternoon", "evening")
    if clock.meridiem is not None:
        hour = hour % 12 + (12 if clock.meridiem == "pm" else 0)
        if (morning and hour >= 12) or (later and hour < 12) or (part == "noon" and hour != 12):
            raise DateRefused("unreadable")
    elif clock.as_written or hour == 0:
        if (morning and hour >= 12) or (later and hour < 12):
            raise DateRefused("unreadable")
    elif morning:
        if hour == 12:
            raise DateRefused("unreadable")
    elif later:
        if part == "evening" and hour == 12:
            raise DateRefused("unreadable")
        hour = hour + 12 if hour < 12 else hour
    elif part == "noon":
        if hour != 12:
            raise DateRefused("unreadable")
    elif hour <= 7:
        # "at 5" is five in the afternoon: nobody means a 5 a.m. meeting without saying so.
        hour += 12
    return time(hour, clock.minute)


def _checked(when: MeetingTime, ctx: _Context) -> MeetingTime:
    local = when.local(ctx.tz)
    past = local.date() < ctx.today if when.all_day else when.at < ctx.now - PAST_GRACE
    if past:
        raise DateRefused("past", when)
    if local.date() > ctx.base + MAX_AHEAD:
        raise DateRefused("too_far", when)
    return when


def _add(day: date, amount: int, unit: str) -> date:
    try:
        if unit == "days":
            return day + timedelta(days=amount)
        if unit == "weeks":
            return day + timedelta(weeks=amount)
        months = day.month - 1 + amount * (12 if unit == "years" else 1)
        year, month = day.year + months // 12, months % 12 + 1
        return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    except (OverflowError, ValueError):
        raise DateRefused("too_far") from None


def _weekday_on_or_after(day: date) -> date:
    """A counted follow-up on a Saturday or Sunday comes on the Monday."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def _at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def _whole_day(day: date, tz: ZoneInfo) -> MeetingTime:
    return MeetingTime(at=datetime.combine(day, time(), tzinfo=tz).astimezone(UTC), all_day=True)


# -- a date inside a follow-up answer ---------------------------------------------------------

# Words that join the date to how and say nothing once the date is gone: "in a week, and
# email her" is "email her"; "send it in 10 days and ask" keeps its "and".
_JOINERS = frozenset({"and", "then"})


def _how(text: str, tokens: Sequence[Token], start: int, end: int) -> str | None:
    before = list(tokens[:start])
    after = list(tokens[end:])
    while before and before[-1].kind == "sep":
        before.pop()
    while after and (after[0].kind == "sep" or (not before and after[0].text in _JOINERS)):
        after.pop(0)
    while before and not after and before[-1].text in _JOINERS:
        before.pop()
    while after and after[-1].kind == "sep" and after[-1].text in ".,;!":
        after.pop()
    pieces = [text[run[0].start : run[-1].end].strip() for run in (before, after) if run]
    return " ".join(pieces) or None
