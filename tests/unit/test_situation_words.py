"""What people type where /prep offers buttons, read as the choice they mean."""

import pytest

from bot.coaching.situation_words import (
    RelationshipReading,
    SettingReading,
    field_from_aim,
    read_can_help,
    read_last_talked,
    read_relationship,
    read_setting,
    read_target,
    read_topic,
)


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        ("we worked together at Acme", RelationshipReading("worked_together")),
        ("Worked together", RelationshipReading("worked_together")),
        ("she was my manager at Globex", RelationshipReading("former_manager")),
        ("my old boss, haven't talked in years", RelationshipReading("former_manager", "years")),
        ("ex-colleague", RelationshipReading("former_colleague")),
        ("friend for ten years, we talk every week", RelationshipReading("friend", "recent")),
        ("a friend from school", RelationshipReading("friend")),
        ("met once at PyCon", RelationshipReading("met_once")),
        ("we've never met", RelationshipReading("never_met")),
        ("cold outreach on LinkedIn", RelationshipReading("never_met")),
        (
            "she introduced me, Maria Lopez",
            RelationshipReading("introduced", introducer="Maria Lopez"),
        ),
        ("introduced by Nina", RelationshipReading("introduced", introducer="Nina")),
        ("Nina Park put us in touch", RelationshipReading("introduced", introducer="Nina Park")),
        ("introduced by my friend nina", RelationshipReading("introduced")),
        ("Introduced by someone", RelationshipReading("introduced")),
    ],
)
def test_how_you_know_them_in_words(typed: str, reading: RelationshipReading) -> None:
    assert read_relationship(typed) == reading


@pytest.mark.parametrize("typed", ["hmm, long story", "tomorrow 15:00", "Dana", ""])
def test_words_that_say_no_relationship_are_not_guessed(typed: str) -> None:
    assert read_relationship(typed) is None


@pytest.mark.parametrize(
    ("typed", "talked"),
    [
        ("a few weeks ago", "recent"),
        ("last month", "recent"),
        ("3 months ago", "recent"),
        ("In the last few months", "recent"),
        ("This year", "months"),
        ("last summer", "months"),
        ("Over a year ago", "years"),
        ("ages ago", "years"),
        ("not since 2019", "years"),
        ("never", "never"),
        ("no idea", None),
    ],
)
def test_when_you_last_talked_in_words(typed: str, talked: str | None) -> None:
    assert read_last_talked(typed) == talked


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        ("coffee", SettingReading("coffee")),
        ("zoom", SettingReading("video")),
        ("a Teams call", SettingReading("video")),
        ("lunch near her office", SettingReading("meal")),
        ("Quick chat at an event", SettingReading("event")),
        ("job interview", SettingReading("interview")),
        (
            "after her talk on data contracts at the meetup",
            SettingReading("event", "data contracts"),
        ),
        (
            "at the conference, his talk was about privacy engineering",
            SettingReading("event", "privacy engineering"),
        ),
    ],
)
def test_where_you_meet_in_words(typed: str, reading: SettingReading) -> None:
    assert read_setting(typed) == reading


@pytest.mark.parametrize("typed", ["informational interview", "tomorrow", "not sure yet"])
def test_words_that_name_no_setting_are_not_guessed(typed: str) -> None:
    assert read_setting(typed) is None


def test_a_topic_typed_on_its_own_is_not_a_sentence_about_a_talk() -> None:
    assert read_topic("data contracts") is None
    assert (
        read_topic("the talk was about: observability on a budget") == "observability on a budget"
    )


@pytest.mark.parametrize(
    ("typed", "can_help"),
    [
        ("She can introduce me", "introduce"),
        ("he knows him well, could connect us", "introduce"),
        ("Neither", "no"),
        ("no, he can't decide that", "no"),
        ("yes, she decides", "yes"),
        ("She can say yes", "yes"),
        ("not sure", None),
        ("don't know", None),
    ],
)
def test_whether_they_can_say_yes_in_words(typed: str, can_help: str | None) -> None:
    assert read_can_help(typed) == can_help


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("Victor Hale, he runs the platform team", ("Victor Hale", "he runs the platform team")),
        ("Victor Hale because he runs payments", ("Victor Hale", "he runs payments")),
        ("Victor Hale - head of platform", ("Victor Hale", "head of platform")),
        ("Victor Hale", ("Victor Hale", None)),
    ],
)
def test_who_exactly_and_why_them(typed: str, target: tuple[str, str | None]) -> None:
    assert read_target(typed) == target


@pytest.mark.parametrize(
    ("aim", "field"),
    [
        ("how to move from teaching into UX research", "UX research"),
        ("learn what it takes to switch to data engineering", "data engineering"),
        ("how people get into product at Ledgerly and who hires", "product"),
        ("a referral for the March opening", None),
        ("what she is building now", None),
    ],
)
def test_the_field_a_career_changer_is_moving_into(aim: str, field: str | None) -> None:
    assert field_from_aim(aim) == field
