"""What /followups lists: due now, the next COMING_DAYS days by the user's day, and later."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.coaching.coming import COMING_DAYS, last_day, outlook

BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
# Saturday 5 December 2026, 17:00 UTC: 18:00 in Berlin, 09:00 in Los Angeles.
NOW = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


@dataclass(frozen=True)
class ToDo:
    name: str
    due_at: datetime


@dataclass(frozen=True)
class Meeting:
    name: str
    due_at: datetime
    all_day: bool = False


NO_TODO: list[ToDo] = []
NO_MEETINGS: list[Meeting] = []


def names(items: list[ToDo]) -> list[str]:
    return [item.name for item in items]


def test_due_now_comes_oldest_first_and_only_things_to_do() -> None:
    plan = outlook(
        [
            ToDo("yesterday", NOW - timedelta(days=1)),
            ToDo("last week", NOW - timedelta(days=7)),
            ToDo("this minute", NOW),
            ToDo("tonight", NOW + timedelta(hours=3)),
        ],
        [Meeting("this morning", NOW - timedelta(hours=6))],  # over: not due, not coming
        NOW,
        BERLIN,
    )
    assert names(plan.due_now) == ["last week", "yesterday", "this minute"]
    assert [(line.day, line.item.name) for line in plan.coming] == [(date(2026, 12, 5), "tonight")]
    assert plan.later == []


def test_the_window_is_thirty_of_the_users_days_and_the_rest_is_later() -> None:
    assert COMING_DAYS == 30
    assert last_day(NOW, BERLIN) == date(2027, 1, 4)  # across a month and a year end
    plan = outlook(
        [
            ToDo("in 14 days", NOW + timedelta(days=14)),
            ToDo("4 Jan, late evening", datetime(2027, 1, 4, 23, 30, tzinfo=BERLIN)),
            ToDo("5 Jan, just after midnight", datetime(2027, 1, 5, 0, 10, tzinfo=BERLIN)),
            ToDo("in 45 days", NOW + timedelta(days=45)),
        ],
        [
            Meeting("new year's eve", datetime(2026, 12, 31, 15, 0, tzinfo=BERLIN)),
            Meeting("in 10 days", NOW + timedelta(days=10)),
            Meeting("february", datetime(2027, 2, 1, tzinfo=BERLIN), all_day=True),
        ],
        NOW,
        BERLIN,
    )
    assert plan.due_now == []
    assert [(line.day, line.item.name) for line in plan.coming] == [
        (date(2026, 12, 15), "in 10 days"),
        (date(2026, 12, 19), "in 14 days"),
        (date(2026, 12, 31), "new year's eve"),
        (date(2027, 1, 4), "4 Jan, late evening"),
    ]
    assert [(line.day, line.item.name) for line in plan.later] == [
        (date(2027, 1, 5), "5 Jan, just after midnight"),
        (date(2027, 1, 19), "in 45 days"),
        (date(2027, 2, 1), "february"),
    ]
    assert plan


def test_days_are_the_users_own_in_either_zone() -> None:
    # 06:30 UTC on Tuesday 5 January: still Monday 4 January in Los Angeles, the last day
    # of its window; already Tuesday in Berlin, the first day after.
    edge = ToDo("edge", datetime(2027, 1, 5, 6, 30, tzinfo=UTC))
    in_la = outlook([edge], NO_MEETINGS, NOW, LOS_ANGELES)
    assert [line.day for line in in_la.coming] == [date(2027, 1, 4)] and in_la.later == []
    in_berlin = outlook([edge], NO_MEETINGS, NOW, BERLIN)
    assert in_berlin.coming == [] and [line.day for line in in_berlin.later] == [date(2027, 1, 5)]


def test_the_window_starts_from_the_users_today() -> None:
    # 23:30 UTC on Saturday 5 Dec is Sunday 6 Dec in Berlin: its window ends on 5 Jan.
    late = datetime(2026, 12, 5, 23, 30, tzinfo=UTC)
    assert last_day(late, BERLIN) == date(2027, 1, 5)
    assert last_day(late, LOS_ANGELES) == date(2027, 1, 4)


def test_an_all_day_meeting_today_stays_until_the_day_is_over() -> None:
    today = datetime(2026, 12, 5, tzinfo=LOS_ANGELES)  # stored as the local midnight
    yesterday = today - timedelta(days=1)
    plan = outlook(
        NO_TODO,
        [Meeting("today", today, all_day=True), Meeting("yesterday", yesterday, True)],
        NOW,
        LOS_ANGELES,
    )
    assert [(line.day, line.item.name) for line in plan.coming] == [(date(2026, 12, 5), "today")]


def test_one_day_sorts_by_time_with_an_all_day_meeting_first() -> None:
    day = date(2026, 12, 10)
    plan = outlook(
        [ToDo("follow up at nine", datetime(2026, 12, 10, 9, 0, tzinfo=BERLIN))],
        [
            Meeting("coffee at three", datetime(2026, 12, 10, 15, 0, tzinfo=BERLIN)),
            Meeting("conference", datetime(2026, 12, 10, tzinfo=BERLIN), all_day=True),
        ],
        NOW,
        BERLIN,
    )
    assert [(line.day, line.item.name) for line in plan.coming] == [
        (day, "conference"),
        (day, "follow up at nine"),
        (day, "coffee at three"),
    ]


def test_nothing_at_all_is_an_empty_outlook() -> None:
    plan = outlook(NO_TODO, NO_MEETINGS, NOW, BERLIN)
    assert not plan and plan.last_day == date(2027, 1, 4)
