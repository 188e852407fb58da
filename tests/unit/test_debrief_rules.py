from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.coaching.dates import MeetingTime
from bot.coaching.debrief import (
    follow_up_due,
    follow_up_reason,
    resume_reply,
    stage_after_debrief,
)
from bot.coaching.memory import excerpt, known_facts
from bot.storage.notes import Note

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def test_a_follow_up_on_a_day_comes_in_the_morning_of_that_day() -> None:
    day = MeetingTime(at=datetime(2026, 12, 1, 23, 0, tzinfo=UTC), all_day=True)  # 2 Dec, Berlin
    assert follow_up_due(day, BERLIN) == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    timed = MeetingTime(at=datetime(2026, 12, 2, 14, 30, tzinfo=UTC), all_day=False)
    assert follow_up_due(timed, BERLIN) == timed.at


def test_the_follow_up_reason_prefers_your_own_promise() -> None:
    answers = {"how_i_can_help": "intro to Sam", "their_asks": "a CV review", "learned": "x"}
    assert follow_up_reason(answers) == ("their_asks", "a CV review")
    assert follow_up_reason({**answers, "my_promises": "send the deck"}) == (
        "my_promises",
        "send the deck",
    )
    assert follow_up_reason({"learned": "likes cats"}) is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("seed", "feed"),
        ("dormant", "feed"),
        ("feed", "feed"),
        ("trusted", "trusted"),
        ("rest", "rest"),
    ],
)
def test_meeting_moves_new_and_lapsed_contacts_on(before: str, after: str) -> None:
    assert stage_after_debrief(before) == after  # type: ignore[arg-type]


def note(slot: str, body: str, days_ago: int) -> Note:
    return Note(
        id=days_ago,
        owner_id=1,
        contact_id=1,
        debrief_id=None,
        slot=slot,
        body=body,
        created_at=T0 - timedelta(days=days_ago),
        done_at=None,
    )


def test_known_facts_keep_the_latest_answer_per_slot() -> None:
    facts = known_facts([note("learned", "old", 9), note("learned", "new", 1)])
    assert facts == {"learned": "new"}


def test_excerpt_shortens_on_a_phone_screen() -> None:
    assert excerpt("short\n text") == "short text"
    long = excerpt("word " * 100, limit=20)
    assert len(long) <= 20 and long.endswith("…")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("yes", "carry_on"),
        ("Carry on", "carry_on"),
        ("continue!", "carry_on"),
        ("ok", "carry_on"),
        ("let's go", "carry_on"),
        ("Throw it away", "discard"),
        ("discard", "discard"),
        ("start over", "discard"),
        # Anything else is an answer to the question the debrief stopped at.
        ("no", None),
        ("she said yes to coffee", None),
        ("continue the conversation about hiring", None),
    ],
)
def test_a_typed_answer_to_carry_on_or_throw_away(typed: str, meant: str | None) -> None:
    said = resume_reply(typed)
    assert (said.value if said else None) == meant


def test_a_former_manager_met_again_after_years_is_trusted_again() -> None:
    assert stage_after_debrief("dormant", "former_manager", "recent") == "trusted"
    assert stage_after_debrief("seed", "met_once", "recent") == "feed"
