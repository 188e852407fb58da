"""The date reader, as people type dates: a table of phrasings read at a month end, a year
end and a month end in February's shadow, in a day-first zone (Berlin) and a month-first
one (Los Angeles), plus follow-up dates counted from the meeting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.coaching.dates import (
    Ambiguous,
    DateRefused,
    MeetingTime,
    date_order,
    date_words,
    day_choice,
    example_date,
    is_relative_choice,
    parse_when,
    read_follow_up,
    relative_choice,
)

BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
ZONES = {"berlin": BERLIN, "la": LOS_ANGELES}

# The same wall-clock moment in each zone, so that the expected local results are the same.
MONTH_END = datetime(2026, 11, 30, 10, 0)  # Monday
YEAR_END = datetime(2026, 12, 29, 16, 0)  # Tuesday
JANUARY_END = datetime(2027, 1, 31, 9, 0)  # Sunday

Expected = datetime | date | str | dict[str, datetime | date | str]


def at(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm)


def day(y: int, m: int, d: int) -> date:
    return date(y, m, d)


TABLE: list[tuple[datetime, str, Expected]] = [
    # -- Monday 30 November, 10:00 ------------------------------------------------------
    (MONTH_END, "thursday at 5", at(2026, 12, 3, 17)),
    (MONTH_END, "Thursday at 5", at(2026, 12, 3, 17)),
    (MONTH_END, "tuesday at 9", at(2026, 12, 1, 9)),
    (MONTH_END, "jan 12 at 10", at(2027, 1, 12, 10)),
    (MONTH_END, "dec 10 at 5", at(2026, 12, 10, 17)),
    (MONTH_END, "12/20 3pm", at(2026, 12, 20, 15)),
    (MONTH_END, "20/12 15:00", at(2026, 12, 20, 15)),
    (MONTH_END, "next tues 9", at(2026, 12, 1, 9)),
    (MONTH_END, "noon tomorrow", at(2026, 12, 1, 12)),
    (MONTH_END, "tomorrow morning", at(2026, 12, 1, 9)),
    (MONTH_END, "in 3 days", day(2026, 12, 3)),
    (MONTH_END, "friday 2:30pm", at(2026, 12, 4, 14, 30)),
    (MONTH_END, "the 14th", day(2026, 12, 14)),
    (MONTH_END, "2026-12-18 14:00", at(2026, 12, 18, 14)),
    (MONTH_END, "2026-12-18T14:00", at(2026, 12, 18, 14)),
    (MONTH_END, "tonight", at(2026, 11, 30, 19)),
    (MONTH_END, "thurs 5pm", at(2026, 12, 3, 17)),
    (MONTH_END, "Wed", day(2026, 12, 2)),
    (MONTH_END, "weds at 11", at(2026, 12, 2, 11)),
    (MONTH_END, "on friday at 8", at(2026, 12, 4, 8)),
    (MONTH_END, "fri @ 7", at(2026, 12, 4, 19)),
    (MONTH_END, "monday", day(2026, 11, 30)),  # today is a Monday
    (MONTH_END, "monday at 8", at(2026, 12, 7, 8)),  # today's 8:00 has passed
    (MONTH_END, "next monday", day(2026, 12, 7)),
    (MONTH_END, "this friday", day(2026, 12, 4)),
    (MONTH_END, "this coming friday", day(2026, 12, 4)),
    (MONTH_END, "sat 10am", at(2026, 12, 5, 10)),
    (MONTH_END, "sunday", day(2026, 12, 6)),
    (MONTH_END, "tomorrow at 7:30", at(2026, 12, 1, 19, 30)),
    (MONTH_END, "tomorrow 07:30", at(2026, 12, 1, 7, 30)),
    (MONTH_END, "tomorrow 7:30am", at(2026, 12, 1, 7, 30)),
    (MONTH_END, "tomorrow at 5 in the morning", at(2026, 12, 1, 5)),
    (MONTH_END, "tmrw 3", at(2026, 12, 1, 15)),
    (MONTH_END, "the day after tomorrow", day(2026, 12, 2)),
    (MONTH_END, "in 2 weeks", day(2026, 12, 14)),
    (MONTH_END, "in a fortnight", day(2026, 12, 14)),
    (MONTH_END, "in a couple of days", day(2026, 12, 2)),
    (MONTH_END, "3 days from now", day(2026, 12, 3)),
    (MONTH_END, "in 2 hours", at(2026, 11, 30, 12)),
    (MONTH_END, "in 45 minutes", at(2026, 11, 30, 10, 45)),
    (MONTH_END, "dec 1st", day(2026, 12, 1)),
    (MONTH_END, "Dec. 10", day(2026, 12, 10)),
    (MONTH_END, "1st of december at 16:00", at(2026, 12, 1, 16)),
    (MONTH_END, "december the 3rd, 2pm", at(2026, 12, 3, 14)),
    (MONTH_END, "3 Dec 2026 10:00", at(2026, 12, 3, 10)),
    (MONTH_END, "thu 3 dec 15:00", at(2026, 12, 3, 15)),
    (MONTH_END, "12/20/2026 10:00", at(2026, 12, 20, 10)),
    (MONTH_END, "20.12.", day(2026, 12, 20)),
    (MONTH_END, "20.12 15:00", at(2026, 12, 20, 15)),
    (MONTH_END, "5/5", day(2027, 5, 5)),  # the same both ways; the nearest 5 May
    (MONTH_END, "5/12", {"berlin": day(2026, 12, 5), "la": day(2027, 5, 12)}),
    (MONTH_END, "10/12/2026", {"berlin": day(2026, 12, 10), "la": "past"}),
    (MONTH_END, "at 5", at(2026, 11, 30, 17)),
    (MONTH_END, "5pm", at(2026, 11, 30, 17)),
    (MONTH_END, "noon", at(2026, 11, 30, 12)),
    (MONTH_END, "lunch on friday", at(2026, 12, 4, 12)),
    (MONTH_END, "friday lunchtime", at(2026, 12, 4, 12)),
    (MONTH_END, "this afternoon", at(2026, 11, 30, 15)),
    (MONTH_END, "tomorrow evening at 8", at(2026, 12, 1, 20)),
    (MONTH_END, "8 tonight", at(2026, 11, 30, 20)),
    (MONTH_END, "wednesday 9ish", at(2026, 12, 2, 9)),
    (MONTH_END, "around 4 on thursday", at(2026, 12, 3, 16)),
    (MONTH_END, "friday 3.30", at(2026, 12, 4, 15, 30)),
    (MONTH_END, "5 o'clock tomorrow", at(2026, 12, 1, 17)),
    (MONTH_END, "3pm next thursday", at(2026, 12, 3, 15)),
    (MONTH_END, "monday next week", day(2026, 12, 7)),
    (MONTH_END, "next week friday", day(2026, 12, 11)),
    (MONTH_END, "Friday, 10:30.", at(2026, 12, 4, 10, 30)),
    (MONTH_END, "the 31st", day(2026, 12, 31)),
    (MONTH_END, "nov 30 at 11", at(2026, 11, 30, 11)),
    (MONTH_END, "tomorrow 2-3pm", at(2026, 12, 1, 14)),  # a range starts at its start
    (MONTH_END, "tomorrow 11-1pm", at(2026, 12, 1, 11)),
    (MONTH_END, "fri 14:00–15:00", at(2026, 12, 4, 14)),
    (MONTH_END, "2026/12/03", day(2026, 12, 3)),
    (MONTH_END, "a week today", day(2026, 12, 7)),
    (MONTH_END, "one week from tomorrow", day(2026, 12, 8)),
    (MONTH_END, "at five tomorrow", at(2026, 12, 1, 17)),
    (MONTH_END, "sometime next week", "vague"),
    (MONTH_END, "end of next week", "vague"),
    (MONTH_END, "this weekend", "vague"),
    (MONTH_END, "next week", "vague"),
    (MONTH_END, "next month", "vague"),
    (MONTH_END, "end of the week", "vague"),
    (MONTH_END, "12", "unreadable"),  # a bare number is never a year, nor a day
    (MONTH_END, "2110", "unreadable"),
    (MONTH_END, "at 2027", "unreadable"),
    (MONTH_END, "in -5 days", "unreadable"),
    (MONTH_END, "tomorrow 25:00", "unreadable"),
    (MONTH_END, "fri 3 dec", "wrong_weekday"),  # 3 December is a Thursday
    (MONTH_END, "feb 29", "unreadable"),  # no 29 February near
    (MONTH_END, "banana", "unreadable"),
    (MONTH_END, "yesterday", "past"),
    (MONTH_END, "last friday", "past"),
    (MONTH_END, "today 8:00", "past"),
    (MONTH_END, "2027-12-25", "too_far"),
    (MONTH_END, "in 2 years", "too_far"),
    (MONTH_END, "dec 10 2031", "too_far"),
    # -- Tuesday 29 December, 16:00 -----------------------------------------------------
    (YEAR_END, "jan 12 at 10", at(2027, 1, 12, 10)),  # next year's, not 2110
    (YEAR_END, "12/20", "past"),
    (YEAR_END, "12/20 3pm", "past"),
    (YEAR_END, "dec 31 at 9", at(2026, 12, 31, 9)),
    (YEAR_END, "jan 1", day(2027, 1, 1)),
    (YEAR_END, "the 2nd", day(2027, 1, 2)),
    (YEAR_END, "friday", day(2027, 1, 1)),
    (YEAR_END, "next tues 9", at(2027, 1, 5, 9)),
    (YEAR_END, "tuesday at 9", at(2027, 1, 5, 9)),  # today's 9:00 has passed
    (YEAR_END, "tuesday at 5", at(2026, 12, 29, 17)),
    (YEAR_END, "in 2 weeks", day(2027, 1, 12)),
    (YEAR_END, "tonight", at(2026, 12, 29, 19)),
    (YEAR_END, "this morning", "past"),
    (YEAR_END, "3/1", {"berlin": day(2027, 1, 3), "la": day(2027, 3, 1)}),
    (YEAR_END, "12/29 at 5", at(2026, 12, 29, 17)),
    (YEAR_END, "dec 29", day(2026, 12, 29)),
    (YEAR_END, "2027-12-29", day(2027, 12, 29)),
    (YEAR_END, "2028-01-05", "too_far"),
    # -- Sunday 31 January, 9:00 ----------------------------------------------------------
    (JANUARY_END, "in a month", day(2027, 2, 28)),
    (JANUARY_END, "the 30th", day(2027, 3, 30)),
    (JANUARY_END, "the 31st", day(2027, 1, 31)),
    (JANUARY_END, "feb 1 at 10", at(2027, 2, 1, 10)),
    (JANUARY_END, "tomorrow", day(2027, 2, 1)),
    (JANUARY_END, "2/3", {"berlin": day(2027, 3, 2), "la": day(2027, 2, 3)}),
    (JANUARY_END, "monday", day(2027, 2, 1)),
    (JANUARY_END, "sunday", day(2027, 1, 31)),
    (JANUARY_END, "next sunday", day(2027, 2, 7)),
    (JANUARY_END, "sunday at 7am", at(2027, 2, 7, 7)),
    (JANUARY_END, "in 29 days", day(2027, 3, 1)),
    (JANUARY_END, "jan 30", "past"),
    # Parts of the day said as people say them.
    (MONTH_END, "wed after work", at(2026, 12, 2, 19)),
    (MONTH_END, "thursday after lunch", at(2026, 12, 3, 15)),
    (MONTH_END, "tomorrow arvo", at(2026, 12, 1, 15)),
    (MONTH_END, "sat brunch", at(2026, 12, 5, 12)),
]


def test_the_table_is_large_enough() -> None:
    assert len({text for _, text, _ in TABLE}) >= 60


@pytest.mark.parametrize("zone", sorted(ZONES))
@pytest.mark.parametrize(("local_now", "text", "expected"), TABLE)
def test_dates_as_people_write_them(
    zone: str, local_now: datetime, text: str, expected: Expected
) -> None:
    tz = ZONES[zone]
    now = local_now.replace(tzinfo=tz).astimezone(UTC)
    want = expected[zone] if isinstance(expected, dict) else expected
    if isinstance(want, str):
        with pytest.raises(DateRefused) as refusal:
            parse_when(text, now, tz)
        assert refusal.value.reason == want
        return
    when = parse_when(text, now, tz)
    assert isinstance(when, MeetingTime)
    assert when.at.utcoffset() == timedelta(0)
    assert _local(when, tz) == want


def _local(when: MeetingTime, tz: ZoneInfo) -> datetime | date:
    local = when.local(tz)
    return local.date() if when.all_day else local.replace(tzinfo=None)


def test_a_refusal_shows_what_was_read() -> None:
    now = YEAR_END.replace(tzinfo=LOS_ANGELES)
    with pytest.raises(DateRefused) as refusal:
        parse_when("12/20 3pm", now, LOS_ANGELES)
    assert refusal.value.read is not None
    assert _local(refusal.value.read, LOS_ANGELES) == at(2026, 12, 20, 15)


def test_the_same_words_mean_a_different_instant_in_another_zone() -> None:
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    tokyo = parse_when("tomorrow 15:00", now, ZoneInfo("Asia/Tokyo"))
    berlin = parse_when("tomorrow 15:00", now, BERLIN)
    assert isinstance(tokyo, MeetingTime) and isinstance(berlin, MeetingTime)
    assert (berlin.at - tokyo.at).total_seconds() == 8 * 3600


@pytest.mark.parametrize("text", ["", "   ", "soon-ish", "x" * 65, "<b>tomorrow</b>"])
def test_unreadable_text_is_refused(text: str) -> None:
    with pytest.raises(DateRefused) as refusal:
        parse_when(text, MONTH_END.replace(tzinfo=BERLIN), BERLIN)
    assert refusal.value.reason == "unreadable"


SATURDAY_5_DEC = datetime(2026, 12, 5, 10, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("text", "said", "dated", "weekday"),
    [
        (
            "Wednesday 18 February at 12:30",
            date(2027, 2, 18),
            datetime(2027, 2, 18, 12, 30),
            datetime(2027, 2, 17, 12, 30),
        ),
        ("Mon 10/12", date(2026, 12, 10), datetime(2026, 12, 10), datetime(2026, 12, 7)),
        ("friday the 10th", date(2026, 12, 10), datetime(2026, 12, 10), datetime(2026, 12, 11)),
        # The weekday near the date has passed: only the date can be meant.
        ("Sat 7 Dec 8am", date(2026, 12, 7), datetime(2026, 12, 7, 8), None),
    ],
)
def test_a_weekday_that_is_not_the_dates_says_both_days(
    text: str, said: date, dated: datetime, weekday: datetime | None
) -> None:
    """It had only said "couldn't read", though the person was one day out."""
    with pytest.raises(DateRefused) as refusal:
        parse_when(text, SATURDAY_5_DEC, BERLIN)
    wrong = refusal.value
    assert (wrong.reason, wrong.said) == ("wrong_weekday", said)
    assert wrong.read is not None and wrong.read.local(BERLIN).replace(tzinfo=None) == dated
    shown = wrong.other.local(BERLIN).replace(tzinfo=None) if wrong.other else None
    assert shown == weekday


def test_a_weekday_and_a_date_both_past_are_refused_as_past() -> None:
    with pytest.raises(DateRefused) as refusal:
        parse_when("Tuesday 4 December", SATURDAY_5_DEC, BERLIN)  # a Friday
    assert refusal.value.reason == "past"


def test_a_follow_up_with_a_wrong_weekday_is_on_the_date() -> None:
    follow_up = read_follow_up("Wednesday 21 December, by email", SATURDAY_5_DEC, BERLIN)
    assert isinstance(follow_up.when, MeetingTime)
    assert follow_up.when.local(BERLIN).date() == date(2026, 12, 21)
    assert follow_up.how == "by email"


# -- day first or month first -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "order"),
    [
        ("America/Los_Angeles", "month_first"),
        ("America/New_York", "month_first"),
        ("US/Pacific", "month_first"),  # an old name, linked to Los Angeles
        ("Pacific/Honolulu", "month_first"),
        ("Asia/Manila", "month_first"),
        ("America/Sao_Paulo", "day_first"),
        ("America/Mexico_City", "day_first"),
        ("Europe/Berlin", "day_first"),
        ("Europe/London", "day_first"),
        ("Asia/Calcutta", "day_first"),
        ("Australia/Sydney", "day_first"),
        ("America/Toronto", None),  # Canada writes both
        ("UTC", None),
        ("Etc/GMT+5", None),
    ],
)
def test_the_order_of_day_and_month_follows_the_zones_country(zone: str, order: str | None) -> None:
    assert date_order(ZoneInfo(zone)) == order


def test_an_unclear_zone_gives_both_readings_of_an_ambiguous_date() -> None:
    now = MONTH_END.replace(tzinfo=UTC)
    both = parse_when("3/4 at 10", now, ZoneInfo("UTC"))
    assert isinstance(both, Ambiguous)
    assert _local(both.month_first, ZoneInfo("UTC")) == at(2027, 3, 4, 10)
    assert _local(both.day_first, ZoneInfo("UTC")) == at(2027, 4, 3, 10)
    # Told the user's order, it reads one.
    chosen = parse_when("3/4 at 10", now, ZoneInfo("UTC"), order="day_first")
    assert chosen == both.day_first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/20", day(2026, 12, 20)),  # only one reading is a date
        ("5/5", day(2027, 5, 5)),  # both readings are the same day
        ("fri 4/12", day(2026, 12, 4)),  # only 4 December is a Friday
        ("4/3 next week", None),  # refused, not guessed
    ],
)
def test_an_unclear_zone_asks_only_when_both_readings_stand(
    text: str, expected: date | None
) -> None:
    utc = ZoneInfo("UTC")
    now = MONTH_END.replace(tzinfo=utc)
    if expected is None:
        with pytest.raises(DateRefused):
            parse_when(text, now, utc)
        return
    when = parse_when(text, now, utc)
    assert isinstance(when, MeetingTime)
    assert _local(when, utc) == expected


def test_one_reading_past_leaves_the_other() -> None:
    utc = ZoneInfo("UTC")
    # On the 29th, 1 December has passed; 12 January has not.
    when = parse_when("1/12", YEAR_END.replace(tzinfo=utc), utc)
    assert isinstance(when, MeetingTime)
    assert _local(when, utc) == day(2027, 1, 12)


# -- examples and buttons -----------------------------------------------------------------------


@pytest.mark.parametrize("zone", sorted(ZONES))
@pytest.mark.parametrize("offset", range(14))
def test_the_example_in_a_message_is_ahead_and_reads_back(zone: str, offset: int) -> None:
    tz = ZONES[zone]
    now = (MONTH_END + timedelta(days=offset, hours=offset)).replace(tzinfo=tz)
    example = example_date(now, tz)
    assert example > now
    assert example.weekday() == 3 and (example.hour, example.minute) == (15, 0)
    shown = example.strftime("%a %-d %b %H:%M")  # as the templates show it
    when = parse_when(shown, now, tz)
    assert isinstance(when, MeetingTime) and when.local(tz) == example


def test_day_buttons_use_the_users_calendar_day() -> None:
    # 23:30 UTC on the 22nd is already the 23rd in Tokyo.
    late = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert day_choice("today", late, tokyo).local(tokyo).date().day == 23
    assert day_choice("tomorrow", late, tokyo).local(tokyo).date().day == 24
    assert day_choice("today", late, BERLIN).local(BERLIN).date().day == 23
    assert day_choice("today", late, ZoneInfo("America/Chicago")).all_day


# -- follow-ups -----------------------------------------------------------------------------------

# Tuesday 24 November, 10:00: a debrief written before Friday's dinner (27 November, 19:00).
TUESDAY = datetime(2026, 11, 24, 10, 0)
FRIDAY_DINNER = datetime(2026, 11, 27, 19, 0)


@pytest.mark.parametrize("zone", sorted(ZONES))
@pytest.mark.parametrize(
    ("text", "expected", "how"),
    [
        # Counted from the dinner, which is still ahead.
        ("monday", day(2026, 11, 30), None),  # the Monday after it, not the one before
        ("in a week", day(2026, 12, 4), None),
        ("in two weeks, by email", day(2026, 12, 11), "by email"),
        ("next week", day(2026, 12, 4), None),
        ("friday", day(2026, 12, 4), None),
        ("monday at 10am", at(2026, 11, 30, 10), None),
        ("by the end of next week, a call", day(2026, 12, 4), "a call"),
        ("a week from today", day(2026, 12, 1), None),  # from today, as it says
        # A counted day on a weekend moves to the Monday...
        ("in 8 days", day(2026, 12, 7), None),  # Saturday 5 December
        ("in a day", day(2026, 11, 30), None),  # Saturday 28 November
        ("next month", day(2026, 12, 28), None),  # Sunday 27 December
        # ...a weekend day the user named stays.
        ("saturday", day(2026, 11, 28), None),
        ("sunday, a quick call", day(2026, 11, 29), "a quick call"),
        ("this weekend", day(2026, 11, 28), None),
        ("dec 12", day(2026, 12, 12), None),  # a Saturday, by date
        # Today and tomorrow are the user's.
        ("tomorrow", day(2026, 11, 25), None),
    ],
)
def test_a_follow_up_counts_from_a_meeting_still_ahead(
    zone: str, text: str, expected: datetime | date, how: str | None
) -> None:
    tz = ZONES[zone]
    now = TUESDAY.replace(tzinfo=tz)
    meeting = FRIDAY_DINNER.replace(tzinfo=tz).astimezone(UTC)
    read = read_follow_up(text, now, tz, meeting_at=meeting)
    assert isinstance(read.when, MeetingTime)
    assert _local(read.when, tz) == expected
    assert read.how == how


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in a week", day(2026, 12, 1)),
        ("in 4 days", day(2026, 11, 30)),  # Saturday 28th -> Monday
        ("monday", day(2026, 11, 30)),
        ("tuesday", day(2026, 12, 1)),  # today is Tuesday: a follow-up is a week on
    ],
)
def test_a_follow_up_after_a_past_meeting_counts_from_today(text: str, expected: date) -> None:
    now = TUESDAY.replace(tzinfo=BERLIN)
    yesterday = (TUESDAY - timedelta(days=1)).replace(tzinfo=BERLIN)
    for meeting in (yesterday, None):
        read = read_follow_up(text, now, BERLIN, meeting_at=meeting)
        assert isinstance(read.when, MeetingTime)
        assert _local(read.when, BERLIN) == expected


@pytest.mark.parametrize(
    ("text", "expected", "how"),
    [
        ("in a week, email with the intros", day(2026, 12, 1), "email with the intros"),
        ("in a week, by email", day(2026, 12, 1), "by email"),
        ("by email in 2 weeks", day(2026, 12, 8), "by email"),
        ("Email her next Tuesday", day(2026, 12, 1), "Email her"),
        ("coffee in a couple of weeks", day(2026, 12, 8), "coffee"),
        ("Send the deck by Friday", day(2026, 11, 27), "Send the deck"),
        ("linkedin message friday at 10am", at(2026, 11, 27, 10), "linkedin message"),
        ("after the conference on the 20th", day(2026, 12, 20), "after the conference"),
        ("in 3 days", day(2026, 11, 27), None),
        ("next week and send the deck", day(2026, 12, 1), "send the deck"),
        ("A call on Thursday.", day(2026, 11, 26), "A call"),
        ("in a week or so, whatsapp", day(2026, 12, 1), "whatsapp"),
        ("call her tmrw at 4", at(2026, 11, 25, 16), "call her"),
        # The day first, the time last, how in between: one date, not "6pm today".
        ("Thursday, video call at 6pm", at(2026, 11, 26, 18), "video call"),
        ("Monday, coffee in Ancoats at 8:30am", at(2026, 11, 30, 8, 30), "coffee in Ancoats"),
        (
            "send the deck in 10 days and ask about the role",
            day(2026, 12, 4),
            "send the deck and ask about the role",
        ),
    ],
)
def test_how_is_kept_apart_from_when(text: str, expected: datetime | date, how: str) -> None:
    read = read_follow_up(text, TUESDAY.replace(tzinfo=BERLIN), BERLIN)
    assert isinstance(read.when, MeetingTime)
    assert _local(read.when, BERLIN) == expected
    assert read.how == how


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("email with the intros", "unreadable"),
        ("soon", "unreadable"),
        ("yesterday, by email", "past"),
        ("in 2 years", "too_far"),
        ("in a week " + "x" * 300, "unreadable"),
    ],
)
def test_a_follow_up_without_a_coming_date_is_refused(text: str, reason: str) -> None:
    with pytest.raises(DateRefused) as refusal:
        read_follow_up(text, TUESDAY.replace(tzinfo=BERLIN), BERLIN)
    assert refusal.value.reason == reason


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("1d", day(2026, 11, 30)),  # Saturday the 28th -> Monday
        ("3d", day(2026, 11, 30)),
        ("1w", day(2026, 12, 4)),
        ("2w", day(2026, 12, 11)),
        ("1m", day(2026, 12, 28)),  # Sunday the 27th -> Monday
    ],
)
def test_follow_up_buttons_count_from_the_meeting_and_skip_weekends(
    choice: str, expected: date
) -> None:
    assert is_relative_choice(choice)
    for tz in ZONES.values():
        now = TUESDAY.replace(tzinfo=tz)
        meeting = FRIDAY_DINNER.replace(tzinfo=tz)
        when = relative_choice(choice, now, tz, meeting_at=meeting)
        assert when.all_day and when.local(tz).date() == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("we said thursday at 5", "thursday at 5"),
        ("thursday at 5, at her office", "thursday at 5"),
        ("probably tmrw 9:30 I think", "tmrw 9:30"),
        ("friday morning, on zoom", "friday morning"),
        ("Thursday 5pm EAT", "Thursday 5pm"),
        ("not sure yet", None),
        ("at her office", None),
    ],
)
def test_the_date_in_a_sentence(text: str, words: str | None) -> None:
    assert date_words(text) == words


@pytest.mark.parametrize(
    ("text", "expected", "how"),
    [
        ("early january", date(2027, 1, 5), None),
        ("mid-january, by email", date(2027, 1, 15), "by email"),
        ("after the holidays", date(2027, 1, 5), None),
        ("in the new year", date(2027, 1, 5), None),
        ("coffee in march", date(2027, 3, 5), "coffee"),
        ("end of the month", date(2026, 12, 25), None),
        ("first week of february", date(2027, 2, 5), None),
    ],
)
def test_a_follow_up_in_a_part_of_a_month(text: str, expected: date, how: str | None) -> None:
    now = datetime(2026, 12, 5, 15, 0, tzinfo=BERLIN)
    read = read_follow_up(text, now, BERLIN)
    assert isinstance(read.when, MeetingTime)
    assert (read.when.local(BERLIN).date(), read.how) == (expected, how)


@pytest.mark.parametrize("text", ["early january", "after the holidays", "end of the month"])
def test_a_meeting_in_a_part_of_a_month_is_asked_again(text: str) -> None:
    with pytest.raises(DateRefused) as refusal:
        parse_when(text, datetime(2026, 12, 5, 15, 0, tzinfo=BERLIN), BERLIN)
    assert refusal.value.reason == "vague"
