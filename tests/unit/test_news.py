"""News typed between meetings: who it is about, and whether it says a promise was kept."""

import pytest

from bot.coaching.news import NEWS_SLOT, kept_promise, leading_names, note_slots, read_note_line


@pytest.mark.parametrize(
    ("text", "name", "body", "explicit"),
    [
        ("Farah: she's hiring a junior analyst", "Farah", "she's hiring a junior analyst", False),
        ("Update on Farah: she emailed me", "Farah", "she emailed me", True),
        ("news from Dana Okafor - the reorg is done", "Dana Okafor", "the reorg is done", True),
        ("Quick update on Sam, got the job!", "Sam", "got the job!", True),
        ("Kwame Asante — moved to Leeds", "Kwame Asante", "moved to Leeds", False),
        (
            "Just heard from Nomvula, she's moving to Cape Town",
            "Nomvula",
            "she's moving to Cape Town",
            False,
        ),
        ("spoke to Ravi Kumar - he got the job", "Ravi Kumar", "he got the job", False),
        ("Bumped into Lena and she's hiring", "Lena", "she's hiring", False),
        ("got an email from Sam Lee, he wants to meet", "Sam Lee", "he wants to meet", False),
    ],
)
def test_a_line_that_names_someone_first(text: str, name: str, body: str, explicit: bool) -> None:
    line = read_note_line(text)
    assert line is not None
    assert (line.name, line.body, line.explicit) == (name, body, explicit)


@pytest.mark.parametrize(
    "text",
    [
        "what should I ask her?",
        "hello",
        "tomorrow at 5",
        "https://example.com",
        "I just heard the news",
    ],
)
def test_a_line_that_names_nobody(text: str) -> None:
    assert read_note_line(text) is None


def test_the_first_words_are_tried_as_names_longest_first() -> None:
    assert leading_names("Farah Siddiqui emailed me today") == [
        "Farah Siddiqui emailed",
        "Farah Siddiqui",
        "Farah",
    ]
    assert leading_names("  ") == []
    assert leading_names("42 is the answer") == []


def test_news_that_a_promise_was_kept_finds_it() -> None:
    promises = ["send her my CV", "an intro to Victor Hale"]
    assert kept_promise("She sent me the intro to Victor yesterday", promises) is not None
    assert kept_promise("She sent me the intro to Victor yesterday", promises).index == 1  # type: ignore[union-attr]


def test_news_is_news() -> None:
    promises = ["an intro to Victor Hale"]
    assert kept_promise("She's hiring a junior analyst", promises) is None
    # Done words about something else: not the promise.
    assert kept_promise("She finished her marathon", promises) is None
    # About the promise, but not done.
    assert kept_promise("She hasn't made the intro to Victor yet", promises) is None


def test_a_note_is_sorted_into_what_you_share_what_they_value_and_news() -> None:
    assert note_slots(
        "she got promoted. She likes short emails. We both grew up in Porto. Her team is hiring"
    ) == [
        (NEWS_SLOT, "she got promoted. Her team is hiring"),
        ("what_they_value", "She likes short emails."),
        ("common_ground", "We both grew up in Porto."),
    ]
    # "under 5." ends a sentence: a number is no initial.
    assert [slot for slot, _ in note_slots("Two kids under 5. He hates long decks.")] == [
        NEWS_SLOT,
        "what_they_value",
    ]


def test_who_did_it_keeps_only_a_promise_of_their_side() -> None:
    """Played: "He sent the med list" closed the user's own promise to review it."""
    promises = ["review his mum's med list", "he'll send me his mum's med list"]
    theirs = [False, True]
    kept = kept_promise("He sent me his mum's med list today", promises, "Tomás", theirs)
    assert kept is not None and kept.index == 1
    assert kept_promise("Tomás sent the med list", promises[:1], "Tomás", theirs[:1]) is None
    assert kept_promise("I sent him my notes on the med list", promises[1:], "", theirs[1:]) is None


def test_the_first_of_several_keeps_no_promise() -> None:
    """Played: "first SQL session today" closed "teach me SQL - four afternoon sessions"."""
    promises = ["he offered to teach me SQL - four afternoon sessions in January"]
    first = "first SQL session today at his place. He gave me homework"
    assert kept_promise(first, promises, "Tomás", [True]) is None
    done = "Tomás finished teaching me SQL, all four sessions done"
    assert kept_promise(done, promises, "Tomás", [True]) is not None
