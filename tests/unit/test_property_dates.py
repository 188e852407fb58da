"""parse_when and read_follow_up, for any text, any moment and any zone: a MeetingTime (or
two, when the order of day and month is unclear) that is neither in the past nor beyond
MAX_AHEAD, or DateRefused, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.coaching.dates import (
    MAX_AHEAD,
    PAST_GRACE,
    Ambiguous,
    DateRefused,
    MeetingTime,
    parse_when,
    read_follow_up,
)

# A zone at each end of the offsets (UTC-12 and +14), one with half hours, one with DST.
ZONES = ("Etc/GMT+12", "Pacific/Kiritimati", "Asia/Kolkata", "Europe/Berlin", "UTC")
# Pieces of the ways people write dates, and of ways they can go wrong.
DATE_WORDS = (
    *("today", "tomorrow", "yesterday", "next", "last", "this", "in", "ago", "at", "on"),
    *("day", "days", "week", "weeks", "month", "months", "year", "years", "hours", "minutes"),
    *("Monday", "tue", "Friday", "Dec", "December", "jan", "noon", "midnight", "am", "pm"),
    *("0", "1", "3", "12", "24", "29", "31", "59", "60", "99", "2026", "9999", "10000"),
    *("99999999999", "1e9", "-5", "15:00", "3pm", "25:61", "00:00", "23:59", "2026-12-03"),
    *("9999-12-31", "0001-01-01", "31/02", "3/12", "12.03.2026", "T", "Z", "+14:00", "UTC"),
)
SEPARATORS = (" ", "  ", "/", "-", ":", ".", ",", "")

date_like = st.lists(
    st.tuples(st.sampled_from(DATE_WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=6
).map(lambda parts: "".join(word + sep for word, sep in parts))
anything = st.text(max_size=80)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(text=st.one_of(date_like, anything), now=moments, zone=st.sampled_from(ZONES))
@example(text="9999-12-31 23:59", now=datetime(2026, 11, 22, 9, tzinfo=UTC), zone="Etc/GMT+12")
@example(text="in 7000 years", now=datetime(2026, 11, 22, 9, tzinfo=UTC), zone="UTC")
@example(text="0001-01-01", now=datetime(2026, 11, 22, 9, tzinfo=UTC), zone="Pacific/Kiritimati")
def test_parse_when_reads_a_coming_moment_or_refuses(text: str, now: datetime, zone: str) -> None:
    tz = ZoneInfo(zone)
    try:
        read = parse_when(text, now, tz)
    except DateRefused as refusal:
        assert refusal.reason in ("unreadable", "past", "too_far", "vague")
        return
    for when in (read.month_first, read.day_first) if isinstance(read, Ambiguous) else (read,):
        _assert_coming(when, now, tz)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(text=st.one_of(date_like, anything), now=moments, zone=st.sampled_from(ZONES))
@example(text="in 7000 years, by email", now=datetime(2026, 11, 22, 9, tzinfo=UTC), zone="UTC")
def test_read_follow_up_reads_a_coming_moment_or_refuses(
    text: str, now: datetime, zone: str
) -> None:
    tz = ZoneInfo(zone)
    try:
        read = read_follow_up(text, now, tz)
    except DateRefused as refusal:
        assert refusal.reason in ("unreadable", "past", "too_far")
        return
    assert read.how is None or all(word in text for word in read.how.split())
    when = read.when
    for one in (when.month_first, when.day_first) if isinstance(when, Ambiguous) else (when,):
        _assert_coming(one, now, tz)


def _assert_coming(when: MeetingTime, now: datetime, tz: ZoneInfo) -> None:
    assert when.at.utcoffset() == timedelta(0)
    local = when.local(tz)
    assert local.date() <= now.astimezone(tz).date() + MAX_AHEAD
    if when.all_day:
        assert local.time() == time(0, 0)
        assert local.date() >= now.astimezone(tz).date()
    else:
        assert when.at >= now - PAST_GRACE
