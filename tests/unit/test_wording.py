"""Plurals, "3 weeks ago" and day labels, as the templates say them (Babel, not glibc)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import PROJECT_ROOT
from bot.render import Renderer
from bot.wording import day, duration, pattern, plural

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=BERLIN)  # a Thursday


@pytest.fixture(scope="module")
def render() -> Renderer:
    return Renderer(PROJECT_ROOT / "prompts")


@pytest.mark.parametrize(("count", "word"), [(1, "match"), (2, "matches"), (0, "matches")])
def test_plural_follows_the_count(count: int, word: str) -> None:
    assert plural(count, "match", "matches") == word


@pytest.mark.parametrize(("count", "shown"), [(1, "1 match"), (2, "2 matches"), (0, "0 matches")])
def test_the_search_heading_counts_its_matches(render: Renderer, count: int, shown: str) -> None:
    heading = render.message(
        "search/results", total=count, capped=False, query="x", groups=[], more=0
    )
    assert f"<b>{shown}</b>" in heading


def test_a_span_is_said_in_its_unit_singular_or_plural() -> None:
    assert duration((1, "weeks")) == "1 week"
    assert duration((3, "weeks")) == "3 weeks"
    assert duration((1, "days")) == "1 day"
    assert duration((2, "months")) == "2 months"


@pytest.mark.parametrize(
    ("days", "said", "narrow"),
    [
        (0, "today", "today"),
        (1, "yesterday", "yesterday"),
        (3, "3 days ago", "3d ago"),
        (13, "13 days ago", "13d ago"),
        (21, "3 weeks ago", "3w ago"),
        (100, "3 months ago", "3mo ago"),
        (800, "2 years ago", "2y ago"),
    ],
)
def test_ago_counts_days_weeks_months_years(
    render: Renderer, days: int, said: str, narrow: str
) -> None:
    moment = NOW - timedelta(days=days)
    assert render.ago(moment, NOW) == said
    assert render.ago(moment, NOW, narrow=True) == narrow


def test_ago_counts_the_users_days_not_utcs(render: Renderer) -> None:
    # 23:30 UTC on the 2nd is already the 3rd in Berlin: today there, not yesterday.
    late = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
    assert render.ago(late, NOW) == "today"
    assert render.ago(late, NOW.astimezone(UTC)) == "yesterday"


def test_never_met_is_said_so(render: Renderer) -> None:
    assert render.ago(None, NOW) == "not met yet"


def test_day_labels_with_and_without_time() -> None:
    # The day of the month without a leading zero, on any C library.
    assert day(NOW) == "Thu 3 Dec"
    assert day(NOW, time=True) == "Thu 3 Dec, 10:00"
    assert day(NOW, year=True) == "Thu 3 Dec 2026"
    assert day(NOW, time=True, year=True) == "Thu 3 Dec 2026, 10:00"
    assert day(date(2026, 9, 7)) == "Mon 7 Sep"
    assert day(date(2026, 9, 7), time=True) == "Mon 7 Sep"  # a day has no time to show
    assert pattern(NOW, "d MMM") == "3 Dec"


def test_a_time_is_shown_in_its_own_zone() -> None:
    assert day(NOW.astimezone(UTC), time=True) == "Thu 3 Dec, 09:00"


def test_templates_use_the_filters(render: Renderer) -> None:
    summary = render.message(
        "debrief/summary",
        name="Mira",
        answers=[],
        follow_up=NOW,
        follow_up_how=None,
        stage="feed",
        stage_changed=False,
    )
    assert "Follow-up:</b> Thu 3 Dec, 10:00" in summary
    caption = render.message("data/export_caption", kind="json", contacts=1, meetings=2, notes=0)
    assert "1 contact, 2 meetings, 0 notes" in caption
