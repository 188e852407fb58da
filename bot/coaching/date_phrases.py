"""The words of dates: what people type, read into phrases that name a day and a time.

Only the shape is read here ("thursday at 5" is a weekday and an hour); which Thursday, and
whether 5 is in the afternoon, is settled in bot/coaching/dates.py against today and the
user's zone. A text may have several readings ("3/4", "3.30"): all are returned.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import Literal, cast

DateOrder = Literal["month_first", "day_first"]
# The longest date phrase inside a longer answer, in tokens ("next tues at 9 in the
# morning" is 7): bounds the search for it.
MAX_PHRASE = 10

# -- tokens -----------------------------------------------------------------------------------

TokenKind = Literal["word", "number", "ordinal", "clock", "ampm", "numdate", "iso", "sep", "other"]


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    start: int
    end: int


_TOKEN = re.compile(
    r"""
      (?P<iso>\d{4}([-/.])\d{1,2}\2\d{1,2})(?:t(?=\d))?
    | (?P<ampm>\d{1,2}(?:[:.]\d{2})?(?:\s?[ap]\.?m\b\.?|[ap]\b))
    | (?P<clock>\d{1,2}[:h]\d{2})(?!\d)
    | (?P<numdate>\d{1,2}[/.]\d{1,2}(?:[/.](?:\d{4}|\d{2}))?)(?![\d/])\.?
    | (?P<ordinal>\d{1,2}(?:st|nd|rd|th))\b
    | (?P<number>\d+)
    | (?P<word>o'?\s?clock\b|[a-z]+(?:'[a-z]+)?)
    | (?P<sep>[,;:.!?()\-–—/~"'&+*|])
    | (?P<at>@)
    | (?P<other>\S)
    """,
    re.IGNORECASE | re.ASCII | re.VERBOSE,
)


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        value = match.group(kind).lower()
        if kind == "at":
            out.append(Token("word", "at", match.start(), match.end()))
        elif kind == "word" and "clock" in value:
            out.append(Token("word", "oclock", match.start(), match.end()))
        else:
            out.append(Token(cast(TokenKind, kind), value, match.start(), match.end()))
    return out


def trim(tokens: Sequence[Token]) -> list[Token]:
    """Without separators: they may sit anywhere in a date ("fri, 3pm."). A dash before a
    number stays: "2-3pm" is a range, and "in -5 days" is not in five."""
    return [
        t
        for i, t in enumerate(tokens)
        if t.kind != "sep" or (t.text in "-–—" and _glued_number(tokens, i))
    ]


def _glued_number(tokens: Sequence[Token], i: int) -> bool:
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return after is not None and after.start == tokens[i].end and after.text[0].isdigit()


# -- words ------------------------------------------------------------------------------------

_WEEKDAYS = {
    **dict.fromkeys(("mon", "monday", "mondy"), 0),
    **dict.fromkeys(("tue", "tues", "tuesday", "tuseday", "teusday"), 1),
    **dict.fromkeys(("wed", "weds", "wednesday", "wensday", "wendsday", "wednsday"), 2),
    **dict.fromkeys(("thu", "thur", "thurs", "thursday", "thrusday", "thursay"), 3),
    **dict.fromkeys(("fri", "friday", "firday"), 4),
    **dict.fromkeys(("sat", "saturday"), 5),
    **dict.fromkeys(("sun", "sunday"), 6),
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TOMORROW = frozenset({"tomorrow", "tmrw", "tmr", "tmrow", "tomorow", "tommorow", "tommorrow"})
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "couple": 2,
    "few": 3,
}
# Number words that are amounts, never an hour: "at a" is no time.
_QUANTITIES = frozenset({"a", "an", "couple", "few"})
_UNITS = {
    **dict.fromkeys(("day", "days", "day's"), "days"),
    **dict.fromkeys(("week", "weeks", "wk", "wks", "week's"), "weeks"),
    **dict.fromkeys(("fortnight", "fortnights"), "fortnights"),
    **dict.fromkeys(("month", "months", "month's"), "months"),
    **dict.fromkeys(("year", "years", "yr", "yrs", "year's"), "years"),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), "hours"),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), "minutes"),
}
# Parts of the day: the time when no hour is given, the half of the day an hour is in, and
# until when "tonight" still means later today.
DayPart = Literal["breakfast", "morning", "noon", "lunch", "afternoon", "evening"]
_PARTS: dict[str, DayPart] = {
    "breakfast": "breakfast",
    "morning": "morning",
    "noon": "noon",
    "midday": "noon",
    "lunch": "lunch",
    "lunchtime": "lunch",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "evening",
    "nite": "evening",
    "dinner": "evening",
    "supper": "evening",
    "arvo": "afternoon",
    "brunch": "lunch",
}
# "after work", "after lunch": the part of the day that follows.
_AFTER_PARTS: dict[str, DayPart] = {"work": "evening", "lunch": "afternoon", "school": "afternoon"}
PART_TIME: dict[DayPart, tuple[time, time]] = {
    "breakfast": (time(8), time(11)),
    "morning": (time(9), time(12)),
    "noon": (time(12), time(14)),
    "lunch": (time(12), time(14)),
    "afternoon": (time(15), time(18)),
    "evening": (time(19), time(23, 59)),
}
# Words that may stand before or between the parts of a date and mean nothing more.
FILLERS = frozenset(
    {"at", "on", "the", "of", "around", "about", "approx", "circa", "by", "over", "from", "or"}
    | {"sometime", "anytime"}
)
# Words that may end a date: "at 5ish", "5 o'clock", "in a week or so", "2 weeks from now".
_TAIL = frozenset({"ish", "oclock", "so", "now", "later", "time"})


# -- phrases ----------------------------------------------------------------------------------

DayKind = Literal[
    "today",
    "tomorrow",
    "after_tomorrow",
    "yesterday",
    "weekday",
    "last_weekday",
    "offset",
    "date",
    "day_of_month",
    "next_week",
    "early_next_week",
    "weekend",
    "next_weekend",
    "next_month",
    "end_of_week",
    "end_of_next_week",
    "part_of_month",
]


@dataclass(frozen=True)
class Day:
    kind: DayKind
    number: int = 0
    """The weekday (0 = Monday), the day of the month, or how many `unit`s."""
    unit: str = ""
    month: int = 0
    year: int | None = None
    strict: bool = False
    """'next friday': never today."""
    order: DateOrder | None = None
    """Which reading of an ambiguous numeric date this is."""


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    meridiem: Literal["am", "pm"] | None = None
    as_written: bool = False
    """'07:30' or '15:00': a 24-hour time, read as written."""
    bare: bool = False
    """A number alone ('thursday 5'): an hour only next to a day."""
    dotted: bool = False
    """'3.30': a time here, though it could be a date."""


@dataclass(frozen=True)
class Phrase:
    days: tuple[Day, ...] = ()
    clock: Clock | None = None
    part: DayPart | None = None
    moment: timedelta | None = None
    dotted_date: bool = False

    def add(self, piece: _Piece) -> Phrase | None:
        """This phrase with one more piece, or None when they contradict each other."""
        if self.moment is not None:
            return None
        if isinstance(piece, Day):
            return replace(self, days=(*self.days, piece)) if len(self.days) < 2 else None
        if isinstance(piece, Clock):
            return replace(self, clock=piece) if self.clock is None else None
        if isinstance(piece, timedelta):
            empty = not self.days and self.clock is None and self.part is None
            return replace(self, moment=piece) if empty else None
        if isinstance(piece, Part):
            return replace(self, part=piece.part) if self.part in (None, piece.part) else None
        return replace(self, dotted_date=True)


@dataclass(frozen=True)
class Part:
    part: DayPart


@dataclass(frozen=True)
class _DottedDate:
    """Marks a phrase that read '3.30' as a date: dropped when it reads as a time too."""


_Piece = Day | Clock | Part | timedelta | _DottedDate


def read_phrases(tokens: Sequence[Token]) -> list[Phrase]:
    """Every complete reading of the tokens, the unlikely ones dropped; [] if none."""
    if not any(t.kind != "word" or t.text not in FILLERS | _TAIL for t in tokens):
        return []
    found = list(dict.fromkeys(p for p in _read(tokens, 0, Phrase()) if _complete(p)))
    if any(p.clock is not None and p.clock.dotted for p in found):
        found = [p for p in found if not p.dotted_date]
    return found


def _complete(phrase: Phrase) -> bool:
    if phrase.clock is not None and phrase.clock.bare and not (phrase.days or phrase.part):
        return False
    return bool(phrase.days or phrase.clock or phrase.part or phrase.moment)


def _read(tokens: Sequence[Token], i: int, phrase: Phrase) -> Iterator[Phrase]:
    if i == len(tokens):
        yield phrase
        return
    token = tokens[i]
    if token.kind == "word" and token.text in FILLERS | _TAIL:
        yield from _read(tokens, i + 1, phrase)
    for pieces, j in _pieces(tokens, i):
        grown: Phrase | None = phrase
        for piece in pieces:
            grown = grown.add(piece) if grown is not None else None
        if grown is not None:
            yield from _read(tokens, j, grown)


def _pieces(tokens: Sequence[Token], i: int) -> Iterator[tuple[tuple[_Piece, ...], int]]:
    """What the tokens from i can be, each with where it ends."""
    token = tokens[i]
    text = token.text
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    before = tokens[i - 1].text if i > 0 else ""
    at_hour = before in ("at", "around", "about", "by", "circa", "approx") or after == "oclock"

    if token.kind == "iso":
        year, month, day = (int(part) for part in re.split("[-/.]", text))
        if _valid(month, day):
            yield (Day("date", day, month=month, year=year),), i + 1
    elif token.kind == "numdate":
        yield from _numeric_date(token, i, at_hour)
    elif token.kind == "ordinal":
        yield from _day_number(tokens, i, int(text[:-2]))
    elif token.kind == "number":
        if len(text) <= 2:
            yield from _day_number(tokens, i, int(text))
        yield from _offset(tokens, i)
    elif token.kind == "word":
        yield from _word(tokens, i, at_hour)
    clock = _time(token, at_hour)
    if clock is not None:
        yield (clock,), i + 1
        # "2-3pm", "14:00 to 15:00": the meeting starts at the start.
        end = _time(tokens[i + 2], True) if i + 2 < len(tokens) else None
        if end is not None and tokens[i + 1].text in ("-", "–", "—", "to", "till", "until"):
            yield (_range_start(clock, end),), i + 3


def _time(token: Token, at_hour: bool) -> Clock | None:
    """A clock time in one token: '15:00', '3pm', '3:30 p.m.', or '5' (an hour next to a
    day, or after 'at')."""
    text = token.text
    if token.kind == "clock":
        hour, minute = (int(part) for part in re.split("[:h]", text))
        return _clock(hour, minute, None, as_written=text[0] == "0")
    if token.kind == "ampm":
        match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?m?\.?", text)
        meridiem: Literal["am", "pm"] = "am" if match and match[3] == "a" else "pm"
        return _clock(int(match[1]), int(match[2] or 0), meridiem) if match else None
    if token.kind == "number" and len(text) <= 2:
        return _clock(int(text), 0, None, bare=not at_hour)
    if token.kind == "word" and at_hour and text in _NUMBER_WORDS:
        return _clock(_NUMBER_WORDS[text], 0, None) if text not in _QUANTITIES else None
    return None


def _range_start(start: Clock, end: Clock) -> Clock:
    """The start of a range, in the half of the day its end says: 2-3pm is 14:00 to 15:00,
    11-1pm is 11:00 to 13:00."""
    if start.meridiem is not None or end.meridiem is None or start.as_written:
        return start
    same_half = start.hour % 12 <= end.hour % 12
    meridiem: Literal["am", "pm"] = end.meridiem if same_half else "am"
    return replace(start, meridiem=meridiem, bare=False)


def _word(
    tokens: Sequence[Token], i: int, at_hour: bool
) -> Iterator[tuple[tuple[_Piece, ...], int]]:
    text = tokens[i].text
    rest = [t.text for t in tokens[i + 1 : i + 5]]
    if text == "today":
        yield (Day("today"),), i + 1
    elif text in ("tonight", "tonite"):
        yield (Day("today"), Part("evening")), i + 1
    elif text in _TOMORROW:
        yield (Day("tomorrow"),), i + 1
    elif text == "yesterday":
        yield (Day("yesterday"),), i + 1
    elif text == "day" and rest[:2] == ["after", "tomorrow"]:
        yield (Day("after_tomorrow"),), i + 3
    elif text in _WEEKDAYS:
        yield (Day("weekday", _WEEKDAYS[text]),), i + 1
    elif text == "last" and rest[:1] and rest[0] in _WEEKDAYS:
        yield (Day("last_weekday", _WEEKDAYS[rest[0]]),), i + 2
    elif text in ("this", "next", "coming") and rest:
        strict = text == "next"
        skip = 1 if rest[0] == "coming" and text == "this" else 0
        word = rest[skip] if skip < len(rest) else ""
        if word in _WEEKDAYS:
            yield (Day("weekday", _WEEKDAYS[word], strict=strict),), i + 2 + skip
        elif text == "this" and word in _PARTS:
            yield (Day("today"), Part(_PARTS[word])), i + 2
        elif text == "this" and word == "weekend":
            yield (Day("weekend"),), i + 2
        elif text == "next" and word in ("week", "wk"):
            yield (Day("next_week"),), i + 2
        elif text == "next" and word == "weekend":
            yield (Day("next_weekend"),), i + 2
        elif text == "next" and word == "month":
            yield (Day("next_month"),), i + 2
    elif text in ("early", "start", "beginning") and rest[:3] in (
        ["next", "week"],
        ["of", "next", "week"],
    ):
        yield (Day("early_next_week"),), i + 3 if rest[0] == "next" else i + 4
    elif text == "weekend":
        yield (Day("weekend"),), i + 1
    elif text == "end" and rest[:1] == ["of"] and rest[1:3] == ["next", "week"]:
        yield (Day("end_of_next_week"),), i + 4
    elif text == "end" and rest[:1] == ["of"] and "week" in rest[1:3]:
        yield (Day("end_of_week"),), i + 2 + rest[1:3].index("week") + 1
    elif text == "eow":
        yield (Day("end_of_week"),), i + 1
    elif text in _MONTHS:
        # A month alone is no date: April, June and August are names too ("in june" is).
        yield from _month_first(tokens, i)
    elif (part := _part_of_month(rest, text)) is not None:
        yield (part[0],), i + 1 + part[1]
    elif text in _PARTS:
        yield (Part(_PARTS[text]),), i + 1
    elif text == "in" and rest[:1] == ["the"] and rest[1:2] and rest[1] in _PARTS:
        yield (Part(_PARTS[rest[1]]),), i + 3
    elif text == "after" and rest[:1] and rest[0] in _AFTER_PARTS:
        yield (Part(_AFTER_PARTS[rest[0]]),), i + 2
    elif text in ("in", "within", "after"):
        yield from _offset(tokens, i + 1)
    elif text in _NUMBER_WORDS:
        yield from _offset(tokens, i)


# "early january", "mid-march", "end of the month", "after the holidays": a day near then.
_MONTH_PARTS = {"early": 5, "start": 5, "beginning": 5, "mid": 15, "middle": 15, "late": 25}
_NEW_YEAR = (
    ["new", "year"],
    ["the", "new", "year"],
    ["next", "year"],
    ["the", "holidays"],
    ["christmas"],
    ["xmas"],
)


def _part_of_month(rest: Sequence[str], text: str) -> tuple[Day, int] | None:
    """The day a month's part names, and how many words after `text` it took."""
    words = list(rest)
    of = 1 if words[:1] == ["of"] else 0
    month = words[of] if of < len(words) else ""
    if text in _MONTH_PARTS and month in _MONTHS:
        return Day("part_of_month", _MONTH_PARTS[text], month=_MONTHS[month]), of + 1
    if text == "in" and words[:1] and words[0] in _MONTHS:
        return Day("part_of_month", 5, month=_MONTHS[words[0]]), 1
    if text == "end" and of and month in _MONTHS:
        return Day("part_of_month", 25, month=_MONTHS[month]), 2
    if text == "end" and words[:3] in (["of", "the", "month"], ["of", "this", "month"]):
        return Day("part_of_month", 25), 3
    if text == "end" and words[:2] == ["of", "month"]:
        return Day("part_of_month", 25), 2
    if text == "first" and words[:2] == ["week", "of"] and words[2:3] and words[2] in _MONTHS:
        return Day("part_of_month", 5, month=_MONTHS[words[2]]), 3
    for said in _NEW_YEAR:
        if text in ("after", "early", "in") and words[: len(said)] == said:
            return Day("part_of_month", 5, month=1), len(said)
    if text == "new" and words[:1] == ["year"]:
        return Day("part_of_month", 5, month=1), 1
    return None


def _clock(
    hour: int,
    minute: int,
    meridiem: Literal["am", "pm"] | None,
    *,
    as_written: bool = False,
    bare: bool = False,
    dotted: bool = False,
) -> Clock | None:
    top = 12 if meridiem else 23
    if (1 if meridiem else 0) <= hour <= top and 0 <= minute <= 59:
        return Clock(hour, minute, meridiem, as_written or hour > 12, bare, dotted)
    return None


def _numeric_date(token: Token, i: int, at_hour: bool) -> Iterator[tuple[tuple[_Piece, ...], int]]:
    parts = [int(p) for p in re.split("[/.]", token.text.rstrip("."))]
    first, second = parts[0], parts[1]
    year = None
    if len(parts) == 3:
        year = parts[2] + 2000 if parts[2] < 100 else parts[2]
    both: tuple[tuple[DateOrder, int, int], ...] = (
        ("month_first", first, second),
        ("day_first", second, first),
    )
    readings = [(order, month, day) for order, month, day in both if _valid(month, day)]
    dotted = "." in token.text and len(parts) == 2 and len(token.text.split(".")[1]) == 2
    for order, month, day in readings:
        tag: DateOrder | None = order if len(readings) == 2 and first != second else None
        marks: tuple[_Piece, ...] = (_DottedDate(),) if dotted else ()
        yield (Day("date", day, month=month, year=year, order=tag), *marks), i + 1
        if tag is None:
            break  # 5/5 reads the same both ways
    clock = _clock(first, second, None, bare=not at_hour, dotted=True) if dotted else None
    if clock is not None:
        yield (clock,), i + 1


def _month_first(tokens: Sequence[Token], i: int) -> Iterator[tuple[tuple[_Piece, ...], int]]:
    """'dec 10', 'december the 10th', 'dec 10, 2026'."""
    month = _MONTHS[tokens[i].text]
    j = i + 1
    if j < len(tokens) and tokens[j].text == "the":
        j += 1
    day = _day_of_month(tokens[j]) if j < len(tokens) else None
    if day is None or not _valid(month, day):
        return
    yield (Day("date", day, month=month),), j + 1
    year = _year(tokens[j + 1]) if j + 1 < len(tokens) else None
    if year is not None:
        yield (Day("date", day, month=month, year=year),), j + 2


def _day_number(
    tokens: Sequence[Token], i: int, day: int
) -> Iterator[tuple[tuple[_Piece, ...], int]]:
    """'10 dec', '10th of december 2026', and an ordinal alone: 'the 14th'."""
    if not 1 <= day <= 31:
        return
    j = i + 1
    if j < len(tokens) and tokens[j].text == "of":
        j += 1
    if j < len(tokens) and tokens[j].text in _MONTHS:
        month = _MONTHS[tokens[j].text]
        if _valid(month, day):
            yield (Day("date", day, month=month),), j + 1
            year = _year(tokens[j + 1]) if j + 1 < len(tokens) else None
            if year is not None:
                yield (Day("date", day, month=month, year=year),), j + 2
    elif tokens[i].kind == "ordinal" or (i > 0 and tokens[i - 1].text == "the"):
        yield (Day("day_of_month", day),), i + 1


def _offset(tokens: Sequence[Token], i: int) -> Iterator[tuple[tuple[_Piece, ...], int]]:
    """'a week', '2 weeks', 'a couple of days', 'three months' (after 'in' or not)."""
    if i >= len(tokens):
        return
    first = tokens[i].text
    j = i + 1
    if first in ("a", "an") and j < len(tokens) and tokens[j].text in ("couple", "few"):
        first = tokens[j].text
        j += 1
    if j < len(tokens) and tokens[j].text == "of" and first in ("couple", "few"):
        j += 1
    if tokens[i].kind == "number" and len(first) <= 4:
        amount = int(first)
    elif first in _NUMBER_WORDS:
        amount = _NUMBER_WORDS[first]
    else:
        return
    unit = _UNITS.get(tokens[j].text) if j < len(tokens) else None
    if unit is None:
        return
    if unit == "hours":
        yield (timedelta(hours=amount),), j + 1
    elif unit == "minutes":
        yield (timedelta(minutes=amount),), j + 1
    elif unit == "fortnights":
        yield (Day("offset", amount * 2, unit="weeks"),), j + 1
    else:
        yield (Day("offset", amount, unit=unit),), j + 1


def _day_of_month(token: Token) -> int | None:
    if token.kind == "ordinal":
        return int(token.text[:-2])
    if token.kind == "number" and len(token.text) <= 2:
        return int(token.text)
    return None


def _year(token: Token) -> int | None:
    return int(token.text) if token.kind == "number" and len(token.text) == 4 else None


def _valid(month: int, day: int) -> bool:
    # 29 February is a date in some years; which year is settled later.
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def date_runs(tokens: Sequence[Token]) -> Iterator[tuple[int, int, list[Phrase]]]:
    """Runs of tokens that read as a date, as (start, end, readings), longest first, then
    leftmost. A run may begin with a filler ("by friday"), not end with one: in "in a week,
    by email" the date is "in a week" and "by email" is how."""
    for length in range(min(MAX_PHRASE, len(tokens)), 0, -1):
        for start in range(len(tokens) - length + 1):
            run = tokens[start : start + length]
            last = run[-1]
            if run[0].kind == "sep" or last.kind == "sep" or last.text in FILLERS:
                continue
            found = read_phrases(trim(run))
            if found:
                yield start, start + length, found


# Days of the year people date a past meeting by: "at Christmas", "last Easter". Easter
# moves; early April is near enough for how long ago it was.
_HOLIDAYS = {
    **dict.fromkeys(("christmas", "xmas", "x-mas"), (12, 25)),
    **dict.fromkeys(("easter",), (4, 5)),
    **dict.fromkeys(("halloween",), (10, 31)),
    **dict.fromkeys(("thanksgiving",), (11, 25)),
    **dict.fromkeys(("nye",), (12, 31)),
}
_PAST_YEAR = re.compile(r"\b(?:(?P<named>[a-z-]{3,12})\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)
_PAST_NAMED = re.compile(
    r"\b(?P<lead>in|last|at|since|over|around|during)\s+(?:the\s+)?(?P<named>[a-z-]{3,12})\b"
    r"|\b(?P<holiday>christmas|xmas|x-mas|easter|halloween|thanksgiving|nye)\b",
    re.IGNORECASE,
)


def past_day(text: str, today: date) -> date | None:
    """The day a sentence about the past names, near enough to say how long ago it was:
    "we had lunch last christmas", "at her wedding in 2023", "in March" (the last March
    before today), "in May 2024"; None when it names none or only a day still to come."""
    for found in _PAST_YEAR.finditer(text):
        year = int(found["year"])
        month, number = _named_day((found["named"] or "").casefold(), lead=True) or (7, 1)
        day = min(date(year, month, number), today) if year == today.year else None
        day = day or date(year, month, number)
        if day <= today:
            return day
    for found in _PAST_NAMED.finditer(text):
        named = (found["named"] or found["holiday"] or "").casefold()
        known = _named_day(named, lead=bool(found["lead"]))
        if known is not None:
            day = date(today.year, *known)
            if day <= today:
                return day
            # "in December", said on the 5th: earlier this month, not a year ago.
            this_month = named in _MONTHS and known[0] == today.month
            return today if this_month else date(today.year - 1, *known)
    return None


def _named_day(named: str, *, lead: bool) -> tuple[int, int] | None:
    if named in _HOLIDAYS:
        return _HOLIDAYS[named]
    # "may" is a month only after "in", "last", ...: "we may meet" is no date.
    if named in _MONTHS and (named != "may" or lead):
        return _MONTHS[named], 15
    return None
