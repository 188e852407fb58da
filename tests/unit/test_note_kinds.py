"""What a note is, read from its words: nothing, the meeting itself, something already done,
an offer to look at your work, and when an event falls."""

from datetime import UTC, datetime

import pytest

from bot.coaching.note_kinds import (
    done_kind,
    event_day,
    is_agreed,
    is_done_already,
    is_how_it_works,
    is_milestone,
    is_null,
    is_pending,
    is_the_meeting,
    is_told,
    new_role,
    offer_step,
    tense,
)

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


@pytest.mark.parametrize(
    "sentence",
    [
        "Hiring at Northwind is slow, 2-3 months, and they'll ask for a case study",
        "their client evening / open house at the Leeds office",
        "it takes six weeks to hear back",
        "the drinks reception after work",
    ],
)
def test_a_length_of_time_or_a_part_of_the_day_names_no_day(sentence: str) -> None:
    """ "2-3 months" is how long, not a day three months on; "their client evening" is not
    this evening (panel 3 read both as dated events)."""
    assert event_day(sentence, NOTED) is None


@pytest.mark.parametrize(
    ("sentence", "how"),
    [
        ("Hiring at Northwind is slow, 2-3 months, and they'll ask for a case study", True),
        ("Recruiting usually takes about six weeks", True),
        ("You'll need to present a portfolio to the panel", True),
        ("She's hiring two analysts in March", False),
        ("He's moving the team to Leeds", False),
    ],
)
def test_how_a_process_works_is_no_news_of_theirs(sentence: str, how: bool) -> None:
    assert is_how_it_works(sentence) is how


@pytest.mark.parametrize(
    ("sentence", "reached"),
    [
        ("she got promoted to head of design in March", True),
        ("He won the regional innovation award", True),
        ("they had a baby girl in October", True),
        ("She and Tom closed on the flat on 2 May", True),
        ("he got married over the summer", True),
        ("she's applying for a promotion", False),
        ("hoping to win the bid", False),
        ("training for the Berlin marathon", False),
    ],
)
def test_something_they_reached_is_a_milestone(sentence: str, reached: bool) -> None:
    assert is_milestone(sentence) is reached


@pytest.mark.parametrize(
    ("offer", "agreed"),
    [
        ("She said yes to being a reference right away", True),
        ("He agreed to be my referee", True),
        ("she's happy to act as a mentor for the programme", True),
        ("He agreed to review my CV", False),
        ("She said yes to introducing me to Sam", False),
        ("She offered to be a reference", False),
    ],
)
def test_a_yes_already_given_is_no_offer_to_take_up(offer: str, agreed: bool) -> None:
    assert is_agreed(offer) is agreed


@pytest.mark.parametrize(
    ("sentence", "told"),
    [
        ("she emailed the survey report on 22 December", True),
        ("he did a half marathon in January and hurt his knee, he is fine now", True),
        (
            "Screening call on 14 January, then a first interview on 27 January, which went well",
            True,
        ),
        ("They closed on the flat on 30 January!", True),
        ("she was promoted to head of design in March", True),
        ("She's running the Lisbon half marathon on 12 December", False),
        ("his team launches the new app on 3 March", False),
        ("the offsite is booked for 12 January", False),
        ("she will send the report by Friday", False),
        ("He is interested in the meetup on 3 March", False),
        ("she was training for the Berlin marathon on 12 December", False),
        ("the launch was postponed to 3 March", False),
        ("their new office opens next month", False),
    ],
)
def test_what_was_done_when_noted_is_told_whatever_day_it_names(sentence: str, told: bool) -> None:
    """Panel 3b: "she emailed the inspection report on 22 December", noted before that day
    was played, came back as "That has happened since: ask how it went"."""
    assert is_told(sentence) is told


@pytest.mark.parametrize(
    ("sentence", "pending"),
    [
        ("She interviewed at Halden on 29 January and is waiting to hear", True),
        ("The studio submitted the river-parks bid, no result yet", True),
        ("his visa application is in progress", True),
        ("They pitched to the council last week and haven't heard back", True),
        ("She interviewed at Halden on 29 January and got the job", False),
        ("he's moving to Leeds in March", False),
    ],
)
def test_something_done_whose_outcome_was_awaited_is_pending(sentence: str, pending: bool) -> None:
    assert is_pending(sentence) is pending


def test_the_day_decides_coming_or_passed_only_for_what_was_still_ahead() -> None:
    later = datetime(2027, 2, 15, tzinfo=UTC)
    assert tense("she emailed the survey report on 22 December", NOTED, later) == "told"
    assert tense("she's emailing the survey report on 22 December", NOTED, later) == "passed"
    # Awaited news is asked about whether or not a day is known.
    assert tense("she applied to the fund in May and is waiting to hear", NOTED, later) == "pending"
    assert tense("the studio sent in the bid, no news yet", NOTED, None) == "pending"


@pytest.mark.parametrize(
    ("promise", "kind"),
    [
        # Given to them: ask what they made of it.
        ("send her the accessibility article", "gave"),
        ("I already sent him the pitch deck I mentioned", "gave"),
        ("review his portfolio before the 12th", "gave"),
        ("send her a summary of the case study I did for my certificate", "gave"),
        # An introduction made for them: ask if they have connected.
        ("introduce her to Farah at the council", "intro"),
        ("connect him with Sam, who runs the data team", "intro"),
        # A step of your own they helped with: tell them it is done, with thanks.
        ("Send him my CV and two lines on why I want the role", "own"),
        ("apply for the analyst role by Friday", "own"),
        ("forward my portfolio to her for the referral", "own"),
        # Anything else: said as done.
        ("I helped her move house on Saturday", "did"),
        # About them, noted among your promises: nothing you did.
        ("She seemed keen on real examples", None),
        ("He will email it to me", None),
    ],
)
def test_a_kept_promise_of_yours_says_what_to_do_with_it(promise: str, kind: str | None) -> None:
    """Panel 3b: "Mention it in a line; if it was for Amara, ask what they made of it" for
    every promise alike, and a sentence about her among them."""
    assert done_kind(promise) == kind


@pytest.mark.parametrize(
    ("news", "role"),
    [
        (
            "she was promoted to manager of her team in January (saw it on LinkedIn)",
            "manager of her team",
        ),
        ("He got promoted to head of design", "head of design"),
        ("She was made partner in March", "partner"),
        ("he's applying to be promoted to director", None),
        ("she made the team lunch on Friday", None),
        ("She took a new role as Director of Policy at Transport Canada", None),
    ],
)
def test_a_promotion_reached_gives_the_role_held_now(news: str, role: str | None) -> None:
    assert new_role(news) == role
