"""What a note is, read from its words: nothing, the meeting itself, something already done,
an offer to look at your work, and when an event falls."""

from datetime import UTC, datetime

import pytest

from bot.coaching.note_kinds import is_done_already, is_null, is_the_meeting, offer_step, tense

NOTED = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)  # a Sunday


@pytest.mark.parametrize(
    ("body", "null"),
    [
        ("Nothing new really", True),
        ("none", True),
        ("n/a", True),
        ("None - I was the one giving advice", True),
        ("Nothing much. She was busy.", True),
        ("Keep the CV to one page", False),
        ("No-code tools are her thing", False),
        ("nothing yet, but she'll send the deck", False),
    ],
)
def test_an_answer_of_none_is_no_note(body: str, null: bool) -> None:
    assert is_null(body) is null


@pytest.mark.parametrize(
    ("promise", "meeting"),
    [
        ("dinner next time, my treat", True),
        ("let's catch up over dinner", True),
        ("Take him out for a pint to celebrate the new job", True),
        ("She asked to catch up again before the interviews start", True),
        ("He agreed to meet for coffee when I asked", True),
        ("send her the article over coffee", False),
        ("Rewrite the README of my project before we meet again", False),
        ("polish the deck for our coffee", False),
        ("grab a coffee when he's in town", True),
        ("introduce him to Sam at lunch", False),
        ("review my deck", False),
        ("bring a present for the baby when we meet", False),
    ],
)
def test_a_promise_to_meet_is_kept_by_meeting(promise: str, meeting: bool) -> None:
    assert is_the_meeting(promise) is meeting


@pytest.mark.parametrize(
    ("promise", "done"),
    [
        ("I helped her move house on Saturday", True),
        ("Gave up a Saturday to help him paint the flat", True),
        ("already sent the slides", True),
        ("help her move in February", False),
        ("send the slides by Friday", False),
    ],
)
def test_what_you_already_did_for_them_is_given_not_owed(promise: str, done: bool) -> None:
    assert is_done_already(promise) is done


@pytest.mark.parametrize(
    ("offer", "step"),
    [
        ("She offered to review my CV", "send"),
        ("look over my portfolio", "send"),
        ("He'll give me feedback on the pitch", "send"),
        ("an intro to Sam", "ready"),
        ("keep me in mind for the analyst role", "ready"),
    ],
)
def test_an_offer_to_look_at_your_work_asks_you_to_send_it(offer: str, step: str) -> None:
    assert offer_step(offer) == step


@pytest.mark.parametrize(
    ("sentence", "before", "after"),
    [
        ("running the Berlin marathon on 6 December", "coming", "passed"),
        ("moving house in two weeks", "coming", "passed"),
        ("their new office opens next month", "coming", "passed"),
        ("hiring two engineers in January", "coming", "passed"),
        ("training for a triathlon since summer", None, None),
    ],
)
def test_a_dated_event_is_coming_or_passed_by_the_day_you_meet(
    sentence: str, before: str | None, after: str | None
) -> None:
    assert tense(sentence, NOTED, datetime(2026, 11, 30, tzinfo=UTC)) == before
    assert tense(sentence, NOTED, datetime(2027, 2, 15, tzinfo=UTC)) == after
    assert tense(sentence, NOTED, None) is None  # no meeting day: nothing to compare with
