"""Reading a meeting's goal from the words people type at the goal question."""

import pytest

from bot.coaching.goal_words import GoalReading, parse_table, read_goal
from bot.coaching.stages import GOALS


@pytest.mark.parametrize(
    ("typed", "goal"),
    [
        # The buttons' own words, typed.
        ("Learn about their field", "learn"),
        ("job search", "job"),
        ("Get advice", "advice"),
        ("reconnect", "reconnect"),
        ("Ask for something", "ask"),
        ("get an introduction", "intro"),
        # Sentences.
        ("advice on moving into management", "advice"),
        ("some tips on negotiating my salary", "advice"),
        ("should I take the offer from Globex?", "advice"),
        ("pick her brain about switching to UX", "advice"),
        ("find out what it's like working in climate tech", "learn"),
        ("curious how he got into venture capital", "learn"),
        ("learn how she got into product, and if ledgerly hires juniors", "learn"),
        ("see if they're hiring backend engineers", "job"),
        ("ask about open roles on her team", "job"),
        # What happened is not what is wanted; asking a question is not asking a favour.
        (
            "Thank her and update her: she introduced me to Marcus Bell. I want her advice on"
            " what to do differently.",
            "advice",
        ),
        (
            "make a real connection - ask one good question about their talk and get"
            " permission to stay in touch",
            "reconnect",
        ),
        ("I want to ask about the new role without assuming favouritism", "job"),
        (
            "Thank her and update her: she introduced me to Marcus Bell, we had a nice 30-min"
            " chat but no opening until Q2. She was my reference for a role at Arbor Education"
            " - I got to the final round but didn't get it. I want her advice on what to do"
            " differently.",
            "advice",
        ),
        (
            "The council has opened a 6-month Associate User Researcher role closing in three"
            " weeks; I want to ask about it without assuming any favouritism",
            "job",
        ),
        ("a referral for the data analyst position", "job"),
        ("Just to catch up, it's been a while", "reconnect"),
        ("back in touch with my old colleague", "reconnect"),
        ("would love an intro to their CTO", "intro"),
        ("ask for an intro to someone at Stripe", "intro"),
        ("put me in touch with their head of design", "intro"),
        ("a favour: borrow their studio for a shoot", "ask"),
        ("pitch our seed round, maybe they'll invest", "ask"),
        # Case and accents do not matter.
        ("CONSEJO? no — ADVICE, really", "advice"),
        ("réconnect", "reconnect"),
    ],
)
def test_typed_goals_are_read(typed: str, goal: str) -> None:
    reading = read_goal(typed)
    assert reading is not None and reading.goal == goal


@pytest.mark.parametrize(
    "typed", ["hello", "Ruth Adler", "42", "", "🙂", "not sure yet", "tomorrow at 5"]
)
def test_words_that_name_no_goal_are_not_read(typed: str) -> None:
    assert read_goal(typed) is None


def test_a_sentence_is_kept_as_the_aim_and_a_bare_goal_is_not() -> None:
    assert read_goal("advice on moving into management") == GoalReading(
        "advice", "advice on moving into management"
    )
    assert read_goal("  advice   on moving\ninto management ") == GoalReading(
        "advice", "advice on moving into management"
    )
    assert read_goal("Get advice") == GoalReading("advice", None)
    assert read_goal("jobs") == GoalReading("job", None)


def test_a_very_long_aim_is_cut_not_refused() -> None:
    reading = read_goal("advice " + "on a great many things " * 40)
    assert reading is not None and reading.goal == "advice"
    assert reading.words is not None and len(reading.words) <= 300


def test_a_word_must_start_where_a_prefix_entry_says() -> None:
    # "hir*" is hire, hiring; "chiropractor" merely contains the letters.
    assert read_goal("chiropractor") is None


def test_the_shipped_table_covers_every_goal() -> None:
    for goal in GOALS:
        reading = read_goal(goal)
        assert reading is not None, goal


def test_a_tie_goes_to_the_goal_listed_first() -> None:
    table = parse_table({"ask": ["coffee"], "learn": ["coffee"]})
    assert read_goal("coffee", table) == GoalReading("ask", None)
    table = parse_table({"learn": ["coffee"], "ask": ["coffee"]})
    assert read_goal("coffee", table) == GoalReading("learn", None)


def test_a_table_naming_an_unknown_goal_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown goal 'party'"):
        parse_table({"party": ["cake"]})
    with pytest.raises(ValueError, match="must list phrases"):
        parse_table({"learn": "field"})
