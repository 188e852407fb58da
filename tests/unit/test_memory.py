"""Memory becomes action: each kind of note turns into something different to do."""

from __future__ import annotations

from bot.coaching.memory import Done, Give, Offer, Thread, remember
from tests.unit.helpers import note


def test_each_kind_of_note_becomes_its_own_action() -> None:
    memory = remember(
        [
            note("learned", "training for the Berlin marathon"),
            note("what_they_value", "brevity; dislikes long decks"),
            note("how_i_can_help", "an intro to a designer"),
            note("common_ground", "both studied in Porto"),
        ],
        mine_open=["send the accessibility article"],
        theirs_open=["review my CV"],
    )
    assert memory.before == ("to send the accessibility article",)
    assert memory.their_offers == (Offer("to review your CV", "send"),)
    assert memory.give == Give("their_need", "an intro to a designer")
    assert memory.threads == (Thread("news", "learned", "training for the Berlin marathon"),)
    assert memory.manners == ("brevity; dislikes long decks",)
    # Used once, shown once: only what became no action is listed as known.
    assert memory.known == (("common_ground", "both studied in Porto"),)


def test_what_they_asked_of_you_is_the_first_thing_to_give() -> None:
    memory = remember(
        [note("how_i_can_help", "an intro"), note("their_asks", "a CV review for her brother")],
        [],
        [],
    )
    assert memory.give == Give("their_ask", "a CV review for her brother")
    assert memory.known == (("how_i_can_help", "an intro"),)


def test_advice_they_gave_comes_back_as_a_report_and_news_as_questions_newest_first() -> None:
    memory = remember(
        [
            note("learned", "moving to Lisbon", 30),
            note("current_challenge", "hiring two engineers", 10),
            note("their_goals", "a book on climbing", 5),
            note("advice", "learn dbt first", 20),
        ],
        [],
        [],
    )
    assert memory.threads == (
        Thread("advice", "advice", "learn dbt first"),
        Thread("news", "their_goals", "a book on climbing"),
    )
    # What did not fit among the threads is still known, listed once.
    assert dict(memory.known) == {
        "learned": "moving to Lisbon",
        "current_challenge": "hiring two engineers",
    }


def test_the_latest_note_of_a_slot_wins_and_promises_are_never_listed_as_knowledge() -> None:
    memory = remember(
        [
            note("learned", "moving to Lisbon", 30),
            note("learned", "starting a new team", 2),
            note("my_promises", "send the article", 1),
            note("follow_up", "2026-12-01", 1),
        ],
        [],
        [],
    )
    assert memory.threads == (Thread("news", "learned", "starting a new team"),)
    assert memory.known == ()


def test_nothing_known_is_nothing_to_do() -> None:
    assert remember([], [], []) == remember([], (), ())
    empty = remember([], [], [])
    assert (empty.before, empty.threads, empty.give, empty.known) == ((), (), None, ())


def test_long_notes_are_shortened_inside_sentences() -> None:
    memory = remember([note("what_they_value", "x" * 300)], [], ["y" * 300])
    assert len(memory.manners[0]) == 80 and memory.manners[0].endswith("…")
    assert len(memory.their_offers[0].said) == 80


def test_kept_promises_are_context_and_what_a_promise_covers_is_no_give() -> None:
    memory = remember(
        [
            note("their_asks", "Just the tutoring link for her niece."),
            note("how_i_can_help", "Help them move in February, I can drive the van"),
        ],
        mine_open=["help with the move in February"],
        theirs_open=[],
        mine_kept=["send her the tutoring programme link"],
        theirs_kept=["feedback on my case study"],
    )
    # Done is done: not a to-do, not a give; their ask is what the kept promise did.
    assert memory.before == ("to help with the move in February",)
    assert memory.give is None
    assert memory.done == (
        Done("mine", "send her the tutoring programme link"),
        Done("theirs", "feedback on my case study"),
    )
    # Nor is it listed as something you merely know.
    assert memory.known == ()


def test_a_long_note_of_news_is_followed_up_by_what_is_still_under_way() -> None:
    memory = remember(
        [
            note(
                "learned",
                "The council researches school admissions. She's running a meetup next month"
                " and invited me. She's training for her first triathlon in June.",
            )
        ],
        [],
        [],
    )
    assert [t.said for t in memory.threads] == [
        "She's running a meetup next month and invited me",
        "She's training for her first triathlon in June",
    ]


def test_what_you_hoped_for_is_yours_not_something_you_know_about_them() -> None:
    memory = remember(
        [
            note("aim", "Job search - and I helped her move house", 3),
            note("common_ground", "both from Stockport"),
        ],
        [],
        [],
    )
    assert [slot for slot, _ in memory.known] == ["common_ground"]


def test_a_promise_noted_twice_is_owed_once() -> None:
    memory = remember(
        [],
        [
            "send a card for the baby",
            "I still owe him a card for the baby, I completely forgot",
            "I'll bring a small present for Martha when we meet",
        ],
        [],
    )
    assert memory.before == (
        "to send a card for the baby",
        "to bring a small present for Martha when we meet",
    )


def test_a_brief_lists_the_oldest_few_promises_and_counts_the_rest() -> None:
    mine = [f"send the {thing} report" for thing in ("pricing", "hiring", "travel", "audit", "tax")]
    theirs = ["an intro to Sam", "the CV template"]
    memory = remember([], mine, theirs)
    assert memory.before == (
        "to send the pricing report",
        "to send the hiring report",
        "to send the travel report",
    )
    assert memory.before_more == 2
    assert [o.said for o in memory.their_offers] == ["an intro to Sam", "the CV template"]
    assert memory.offers_more == 0
