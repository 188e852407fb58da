"""The follow-up rules: when to offer a debrief, snooze, nudge, and send the digest."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.coaching.followups import (
    DEBRIEF_DELAY,
    Opener,
    cadence_due,
    choose_opener,
    debrief_offer_expired,
    debrief_offer_time,
    digest_entries,
    digest_is_timely,
    elapsed,
    end_of_day,
    is_snooze_choice,
    next_digest_time,
    nudge_time,
    snooze_until,
    stay_in_touch_due,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# Sunday 22 November 2026, 09:00 UTC = 10:00 in Berlin.
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


@dataclass(frozen=True)
class Item:
    name: str
    due_at: datetime


# -- debrief offers ---------------------------------------------------------------------------


def test_debrief_is_offered_an_hour_after_a_timed_meeting() -> None:
    meeting = berlin(23, 15)
    offer = debrief_offer_time(meeting, all_day=False, tz=BERLIN)
    assert offer == meeting + DEBRIEF_DELAY == berlin(23, 16)
    assert offer.tzinfo == UTC


def test_debrief_for_an_all_day_meeting_is_offered_at_six_in_the_evening_local() -> None:
    midnight = berlin(23, 0)  # how an all-day meeting is stored: the local midnight
    assert debrief_offer_time(midnight, all_day=True, tz=BERLIN) == berlin(23, 18)


def test_all_day_offer_follows_the_users_zone_not_utc() -> None:
    midnight = datetime(2026, 11, 23, tzinfo=NEW_YORK).astimezone(UTC)
    offer = debrief_offer_time(midnight, all_day=True, tz=NEW_YORK)
    assert offer.astimezone(NEW_YORK) == datetime(2026, 11, 23, 18, tzinfo=NEW_YORK)


def test_an_unanswered_debrief_offer_expires_after_a_week() -> None:
    offer = berlin(22, 18)
    assert not debrief_offer_expired(offer, offer + timedelta(days=7))
    assert debrief_offer_expired(offer, offer + timedelta(days=7, minutes=1))


# -- snoozing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("choice", "days"), [("1d", 1), ("3d", 3), ("1w", 7)])
def test_snooze_keeps_the_time_of_day(choice: str, days: int) -> None:
    assert is_snooze_choice(choice)
    assert snooze_until(choice, NOW, BERLIN) == berlin(22 + days, 10)


def test_snooze_at_night_comes_back_in_the_morning() -> None:
    late = berlin(22, 23, 30)
    assert snooze_until("1d", late, BERLIN) == berlin(23, 9)
    early = berlin(22, 5, 15)
    assert snooze_until("3d", early, BERLIN) == berlin(25, 9)


def test_snooze_counts_calendar_days_across_a_clock_change() -> None:
    # Berlin leaves summer time on Sunday 25 October 2026: a day is 25 hours long.
    before = berlin(24, 10, month=10)
    after = snooze_until("1d", before, BERLIN)
    assert after == berlin(25, 10, month=10)
    assert after - before == timedelta(hours=25)


def test_unknown_snooze_choices_are_refused() -> None:
    assert not is_snooze_choice("2d")
    assert not is_snooze_choice("")


# -- cadence ----------------------------------------------------------------------------------


def test_cadence_due_adds_the_cadence_to_the_last_touch() -> None:
    assert cadence_due(NOW, 12, BERLIN) == NOW + timedelta(days=12)  # Fri 4 Dec
    assert cadence_due(NOW, None, BERLIN) is None


@pytest.mark.parametrize(("days", "monday"), [(13, 7), (14, 7), (15, 7), (20, 14), (21, 14)])
def test_a_nudge_counted_to_a_weekend_comes_on_the_monday_at_the_same_time(
    days: int, monday: int
) -> None:
    due = cadence_due(NOW, days, BERLIN)
    assert due == berlin(monday, 10, month=12)  # 10:00 in Berlin, like the last touch


def test_the_weekend_is_the_users_own() -> None:
    # Friday 4 Dec, 23:30 in New York is already Saturday in UTC: a Friday there, it stays.
    friday_night = datetime(2026, 11, 20, 23, 30, tzinfo=NEW_YORK)
    assert cadence_due(friday_night, 14, NEW_YORK) == friday_night + timedelta(days=14)
    # Saturday 00:30 in Berlin is still Friday in UTC: a Saturday there, it moves.
    saturday = datetime(2026, 11, 21, 0, 30, tzinfo=BERLIN)
    assert cadence_due(saturday, 14, BERLIN) == saturday + timedelta(days=16)


def test_stage_default_cadence_runs_out_from_the_last_touch() -> None:
    added = NOW - timedelta(days=40)
    met = NOW - timedelta(days=16)
    # A seed contact (14 days) last met on Friday 6 Nov was due on Friday 20 Nov.
    assert stay_in_touch_due("seed", None, added, met, NOW, BERLIN) == met + timedelta(days=14)
    # A feed contact (30 days) met 16 days ago is not due yet.
    assert stay_in_touch_due("feed", None, added, met, NOW, BERLIN) is None


def test_a_cadence_run_out_on_saturday_waits_for_monday() -> None:
    met = NOW - timedelta(days=15)  # Saturday 7 Nov: 14 days on is Saturday 21 Nov
    assert stay_in_touch_due("seed", None, met, met, NOW, BERLIN) is None  # not on Sunday
    monday = NOW + timedelta(days=1)
    assert stay_in_touch_due("seed", None, met, met, monday, BERLIN) == monday


def test_without_any_touch_the_cadence_counts_from_when_the_contact_was_added() -> None:
    added = NOW - timedelta(days=20)
    assert stay_in_touch_due("seed", None, added, None, NOW, BERLIN) == added + timedelta(days=14)
    assert stay_in_touch_due("seed", None, NOW - timedelta(days=3), None, NOW, BERLIN) is None


def test_the_contacts_own_cadence_overrides_the_stage() -> None:
    last = NOW - timedelta(days=9)
    added = NOW - timedelta(days=100)
    assert stay_in_touch_due("trusted", 7, added, last, NOW, BERLIN) == last + timedelta(days=7)
    assert stay_in_touch_due("seed", 30, added, last, NOW, BERLIN) is None


def test_resting_contacts_get_no_nudges_unless_the_user_set_a_cadence() -> None:
    long_ago = NOW - timedelta(days=400)
    assert stay_in_touch_due("rest", None, long_ago, long_ago, NOW, BERLIN) is None
    assert stay_in_touch_due("rest", 90, long_ago, long_ago, NOW, BERLIN) is not None
    assert stay_in_touch_due("no-such-stage", None, long_ago, None, NOW, BERLIN) is None


def test_one_nudge_per_silence_however_it_ended() -> None:
    added = NOW - timedelta(days=20)
    run_out = added + timedelta(days=14)
    # A nudge made for this run-out (due then or later, at the user's hour): no second one.
    assert stay_in_touch_due("seed", None, added, None, NOW, BERLIN, run_out) is None
    later = run_out + timedelta(hours=10)
    assert stay_in_touch_due("seed", None, added, None, NOW, BERLIN, later) is None
    # One for an earlier silence, before the last touch, does not count.
    earlier = run_out - timedelta(days=20)
    assert stay_in_touch_due("seed", None, added, None, NOW, BERLIN, earlier) == run_out


def test_a_nudge_on_its_own_comes_at_the_users_hour_on_a_weekday() -> None:
    # Run out Monday 10:00: the user's 08:00 has passed, so Tuesday 08:00; 19:00 the same day.
    assert nudge_time(berlin(23, 10), BERLIN, 8) == berlin(24, 8)
    assert nudge_time(berlin(23, 10), BERLIN, 19) == berlin(23, 19)
    assert nudge_time(berlin(23, 8), BERLIN, 8) == berlin(23, 8)  # on the hour: at once
    # Run out Friday 22:00: not at night, and not on Saturday either, but Monday morning.
    assert nudge_time(berlin(27, 22), BERLIN, 8) == berlin(30, 8)
    # In the user's own zone: 08:00 in New York is 14:00 in Berlin.
    assert nudge_time(berlin(23, 10), NEW_YORK, 8) == berlin(23, 14)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, (0, "days")), (1, (1, "days")), (13, (13, "days")), (14, (2, "weeks")),
     (59, (8, "weeks")), (60, (2, "months")), (400, (13, "months"))],
)  # fmt: skip
def test_elapsed_reads_like_a_person_would_say_it(days: int, expected: tuple[int, str]) -> None:
    assert elapsed(NOW - timedelta(days=days, hours=1), NOW) == expected


# -- digest -----------------------------------------------------------------------------------


def test_next_digest_is_later_today_or_tomorrow() -> None:
    assert next_digest_time(NOW, BERLIN, 18) == berlin(22, 18)  # 10:00 now: today
    assert next_digest_time(NOW, BERLIN, 8) == berlin(23, 8)  # already past: tomorrow
    assert next_digest_time(berlin(22, 8), BERLIN, 8) == berlin(23, 8)  # strictly after


def test_next_digest_is_in_the_users_zone() -> None:
    # 09:00 UTC is 04:00 in New York: their 08:00 is still to come today.
    at = next_digest_time(NOW, NEW_YORK, 8)
    assert at.astimezone(NEW_YORK) == datetime(2026, 11, 22, 8, tzinfo=NEW_YORK)


def test_next_digest_refuses_impossible_hours() -> None:
    with pytest.raises(ValueError, match="24"):
        next_digest_time(NOW, BERLIN, 24)


def test_a_digest_many_hours_late_is_skipped() -> None:
    scheduled = berlin(22, 8)
    assert digest_is_timely(scheduled, scheduled + timedelta(hours=2))
    assert not digest_is_timely(scheduled, scheduled + timedelta(hours=13))


def test_digest_lists_what_is_due_today_or_overdue_oldest_first() -> None:
    items = [
        Item("tonight", berlin(22, 23, 30)),
        Item("tomorrow", berlin(23, 0, 0)),
        Item("overdue", berlin(18, 9)),
        Item("now", NOW),
    ]
    due = digest_entries(items, NOW, BERLIN)
    assert [item.name for item in due] == ["overdue", "now", "tonight"]
    assert digest_entries([Item("next week", berlin(29, 9))], NOW, BERLIN) == []


def test_end_of_day_is_the_users_midnight() -> None:
    assert end_of_day(NOW, BERLIN) == berlin(23, 0)
    assert end_of_day(NOW, NEW_YORK).astimezone(NEW_YORK).hour == 0


# -- openers ----------------------------------------------------------------------------------


def test_a_promise_you_made_is_the_best_opener() -> None:
    opener = choose_opener(
        {"how_i_can_help": "intro to Sam", "current_challenge": "hiring"},
        ["send the hiring guide."],
        ["intro me to their CTO"],
    )
    assert opener == Opener("promise", "send the hiring guide")


def test_then_what_they_asked_then_how_you_can_help() -> None:
    assert choose_opener({"their_asks": "a reference", "how_i_can_help": "x"}, []).kind == (
        "their_ask"
    )
    assert choose_opener({"how_i_can_help": "intro to Sam"}, []) == Opener("help", "intro to Sam")


def test_then_their_promise_then_their_world() -> None:
    assert choose_opener({"current_challenge": "hiring"}, [], ["the report"]).kind == (
        "their_promise"
    )
    assert choose_opener({"current_challenge": "hiring"}, []) == Opener("how_it_went", "hiring")
    assert choose_opener({"common_ground": "cycling"}, []) == Opener("common_ground", "cycling")


def test_nothing_known_gives_a_plain_check_in_offering_help() -> None:
    assert choose_opener({}, []) == Opener("check_in", None)


def test_long_notes_are_shortened_for_the_opener() -> None:
    opener = choose_opener({}, ["word " * 40])
    assert opener.detail is not None and len(opener.detail) <= 80 and opener.detail.endswith("…")
