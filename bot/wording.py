"""Numbers and dates said the way the messages say them, by Babel (Unicode CLDR).

Registered as template filters (bot/render.py), so that a plural or "3 weeks ago" is
written in the template that says it, not assembled in Python; and portable, unlike
strftime's "%-d", which only glibc knows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_datetime, format_timedelta
from babel.units import format_unit

LOCALE = Locale("en")

DAY = "EEE d MMM"
"""Thu 3 Dec: a day within the year or so a message talks about."""

# "13 days ago" but "2 weeks ago", "8 weeks ago" but "2 months ago": a unit is used from two
# of it, as people say it (Babel's default, 0.85, would make six days "1 week").
_THRESHOLD = 2

Unit = Literal["days", "weeks", "months", "years"]


def plural(count: int, one: str, other: str) -> str:
    """`one` or `other`, as the count needs: {{ n }} {{ n | plural("match", "matches") }}."""
    return one if LOCALE.plural_form(count) == "one" else other


def duration(amount: tuple[int, Unit]) -> str:
    """(3, "weeks") -> "3 weeks", (1, "days") -> "1 day"."""
    count, unit = amount
    return format_unit(count, f"duration-{unit.removesuffix('s')}", length="long", locale=LOCALE)


def ago(days: int, *, narrow: bool = False) -> str:
    """How long ago, in whole days: "3 days ago", "2 weeks ago", "5 months ago", "2 years
    ago"; `narrow` for a button: "3d ago"."""
    return format_timedelta(
        timedelta(days=-days),
        threshold=_THRESHOLD,
        add_direction=True,
        format="narrow" if narrow else "long",
        locale=LOCALE,
    )


def day(moment: date, *, time: bool = False, year: bool = False) -> str:
    """A day label, "Thu 3 Dec"; with `year` "Thu 3 Dec 2026"; with `time` "Thu 3 Dec, 15:00".

    A datetime is shown in its own zone: pass it converted to the user's.
    """
    pattern = DAY + (" y" if year else "")
    if time and isinstance(moment, datetime):
        return format_datetime(moment, f"{pattern}, HH:mm", locale=LOCALE)
    return format_date(moment, pattern, locale=LOCALE)


def pattern(moment: date, cldr: str) -> str:
    """A date in a CLDR pattern ("d MMM", "EEE d MMM HH:mm"), for what `day` does not say."""
    if isinstance(moment, datetime):
        return format_datetime(moment, cldr, locale=LOCALE)
    return format_date(moment, cldr, locale=LOCALE)
