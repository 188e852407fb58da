from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.coaching.dates import DateRefused, day_choice, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
# Sunday 22 November 2026, 10:00 in Berlin.
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "local", "all_day"),
    [
        ("tomorrow 15:00", datetime(2026, 11, 23, 15, 0), False),
        ("tomorrow 3pm", datetime(2026, 11, 23, 15, 0), False),
        ("next Tuesday", datetime(2026, 11, 24), True),
        ("Friday 10:30", datetime(2026, 11, 27, 10, 30), False),
        ("in 10 days", datetime(2026, 12, 2), True),
        ("in 2 hours", datetime(2026, 11, 22, 12, 0), False),
        ("2026-12-03 14:00", datetime(2026, 12, 3, 14, 0), False),
        ("3/12", datetime(2026, 12, 3), True),
        ("12 Dec", datetime(2026, 12, 12), True),
        ("  today   18:00 ", datetime(2026, 11, 22, 18, 0), False),
        # Within the hour's grace: prepping on the way to a coffee that just started.
        ("today 9:30", datetime(2026, 11, 22, 9, 30), False),
    ],
)
def test_accepted_forms_are_read_in_the_users_zone(
    text: str, local: datetime, all_day: bool
) -> None:
    when = parse_when(text, NOW, BERLIN)
    assert when.local(BERLIN).replace(tzinfo=None) == local
    assert when.all_day is all_day
    assert when.at.tzinfo is not None and when.at.utcoffset() == UTC.utcoffset(None)


def test_the_same_words_mean_a_different_instant_in_another_zone() -> None:
    tokyo = parse_when("tomorrow 15:00", NOW, ZoneInfo("Asia/Tokyo"))
    berlin = parse_when("tomorrow 15:00", NOW, BERLIN)
    assert (berlin.at - tokyo.at).total_seconds() == 8 * 3600


@pytest.mark.parametrize("text", ["", "   ", "soon-ish", "banana", "x" * 65, "<b>tomorrow</b>"])
def test_unreadable_text_is_refused(text: str) -> None:
    with pytest.raises(DateRefused) as refusal:
        parse_when(text, NOW, BERLIN)
    assert refusal.value.reason == "unreadable"


@pytest.mark.parametrize("text", ["yesterday", "2025-01-01", "today 8:00", "2026-11-21 23:00"])
def test_past_dates_are_refused(text: str) -> None:
    with pytest.raises(DateRefused) as refusal:
        parse_when(text, NOW, BERLIN)
    assert refusal.value.reason == "past"


def test_day_buttons_use_the_users_calendar_day() -> None:
    # 23:30 UTC on the 22nd is already the 23rd in Tokyo.
    late = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert day_choice("today", late, tokyo).local(tokyo).date().day == 23
    assert day_choice("tomorrow", late, tokyo).local(tokyo).date().day == 24
    assert day_choice("today", late, BERLIN).local(BERLIN).date().day == 23
    assert day_choice("today", late, ZoneInfo("America/Chicago")).all_day
