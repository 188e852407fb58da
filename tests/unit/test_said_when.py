"""Dates said in passing: the day inside where you meet ("lunch near her office on friday at
1pm"), and how long ago you last talked from a day named in the past ("last christmas"),
both counted from today in the user's zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.coaching.date_phrases import past_day
from bot.coaching.dates import when_inside
from bot.coaching.situation_words import read_last_talked, read_setting

LISBON = ZoneInfo("Europe/Lisbon")
TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 12, 5, 20, 0, tzinfo=ZoneInfo("UTC"))  # a Saturday evening in Lisbon


@pytest.mark.parametrize(
    ("typed", "local", "rest", "setting"),
    [
        (
            "lunch near her office on friday at 1pm",
            (12, 11, 13, 0),
            "lunch near her office",
            "meal",
        ),
        ("zoom tomorrow 9am", (12, 6, 9, 0), "zoom", "video"),
        ("coffee at Fábrica, Thursday 10:30", (12, 10, 10, 30), "coffee at Fábrica", "coffee"),
        ("video call next tuesday at 4", (12, 8, 16, 0), "video call", "video"),
        ("Teams call, Dec 10 14:00", (12, 10, 14, 0), "Teams call", "video"),
        ("a walk in the park sunday morning", (12, 6, 9, 0), "a walk in the park", "walk"),
        (
            "drinks at the Crown on Wednesday 6.30pm",
            (12, 9, 18, 30),
            "drinks at the Crown",
            "drinks",
        ),
        (
            "Thursday 10am, coffee near the station",
            (12, 10, 10, 0),
            "coffee near the station",
            "coffee",
        ),
    ],
)
def test_the_day_inside_where_you_meet(
    typed: str, local: tuple[int, int, int, int], rest: str, setting: str
) -> None:
    said = when_inside(typed, NOW, LISBON)
    assert said is not None and said.when is not None
    at = said.when.local(LISBON)
    assert (at.month, at.day, at.hour, at.minute) == local
    assert said.rest == rest
    reading = read_setting(said.rest)
    assert reading is not None and reading.words is not None
    assert reading.setting == setting and reading.words.casefold() == rest.casefold()


@pytest.mark.parametrize(
    "typed",
    [
        "lunch near her office",  # lunch is a time of day too, but names no day
        "pints at the Crown after work",
        "coffee in the morning",
        "a 30-minute walk around the park",  # how long, not when
        "two hours at the pub",
    ],
)
def test_no_day_or_clock_is_no_date(typed: str) -> None:
    assert when_inside(typed, NOW, ZoneInfo("UTC")) is None


@pytest.mark.parametrize(
    ("typed", "rest"),
    [
        ("coffee on 3/4 at 10", "coffee"),  # unclear in a zone that does not order it
        ("coffee on 1 March 2020", "coffee"),  # past
        ("coffee next week", "coffee"),  # no day yet
    ],
)
def test_an_unclear_day_is_left_to_the_date_question_but_not_kept_as_the_place(
    typed: str, rest: str
) -> None:
    said = when_inside(typed, NOW, ZoneInfo("UTC"))
    assert said is not None and said.when is None and said.rest == rest


def test_tomorrow_is_the_users_tomorrow() -> None:
    said = when_inside("zoom tomorrow 9am", NOW, TOKYO)  # already Sunday in Tokyo
    assert said is not None and said.when is not None and said.when.local(TOKYO).day == 7


TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(
    ("typed", "talked"),
    [
        ("we had lunch last christmas", "months"),
        ("in the summer", "months"),
        ("two years ago", "years"),
        ("a few times a year", "months"),
        ("never really lost touch", "months"),
        ("we kept in touch", "months"),
        ("at her wedding in 2023", "years"),
        ("we met up in October", "recent"),
        ("last spoke in March", "months"),
        ("in May 2024", "years"),
        ("at the Halloween party", "recent"),
        ("since easter", "months"),
        ("we may have, not sure", None),
    ],
)
def test_when_you_last_talked_from_a_day_in_the_past(typed: str, talked: str | None) -> None:
    assert read_last_talked(typed, TODAY) == talked


def test_last_christmas_depends_on_today() -> None:
    assert read_last_talked("we had lunch last christmas", date(2027, 1, 20)) == "recent"
    assert read_last_talked("we had lunch last christmas", date(2027, 12, 30)) == "recent"
    assert read_last_talked("we had lunch last christmas", date(2027, 12, 20)) == "months"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("last christmas", date(2025, 12, 25)),
        ("in 2023", date(2023, 7, 1)),
        ("in May 2024", date(2024, 5, 15)),
        ("in March", date(2026, 3, 15)),
        ("in December", date(2026, 12, 5)),  # this month: no later than today
        ("we may meet", None),
        ("in 2027", None),
    ],
)
def test_the_day_a_sentence_names(typed: str, day: date | None) -> None:
    assert past_day(typed, TODAY) == day
