"""The meeting's situation: the stage that follows from how you know someone, and the facts
that playbook text may name."""

from __future__ import annotations

import pytest

from bot.coaching.situation import (
    LAST_TALKED,
    RELATIONSHIPS,
    AskTarget,
    LastTalked,
    Relationship,
    Situation,
    StageReading,
    after_meeting,
    fitting_goal,
    stage_for,
)
from bot.coaching.situation_words import read_relationship
from bot.coaching.stages import STAGES


@pytest.mark.parametrize(
    ("relationship", "last_talked", "stage", "reason"),
    [
        ("never_met", None, "seed", "not_met"),
        ("never_met", "years", "seed", "not_met"),  # "years" of never talking is still never
        ("introduced", None, "seed", "introduced"),
        ("introduced", "never", "seed", "introduced"),
        ("introduced", "recent", "seed", "met_once"),
        ("introduced", "years", "dormant", "lapsed"),
        ("met_once", "months", "seed", "met_once"),
        ("met_once", "years", "dormant", "lapsed"),
        ("friend", "recent", "trusted", "close"),
        ("friend", None, "trusted", "close"),
        ("friend", "years", "dormant", "close_lapsed"),
        ("worked_together", "months", "trusted", "close"),
        ("former_colleague", "recent", "trusted", "close"),
        ("former_manager", "months", "trusted", "close"),
        ("former_manager", "years", "dormant", "close_lapsed"),  # the manager of three years ago
    ],
)
def test_stage_follows_from_the_relationship_and_the_silence(
    relationship: Relationship, last_talked: LastTalked | None, stage: str, reason: str
) -> None:
    reading = stage_for(relationship, last_talked)
    assert (reading.stage, reading.reason) == (stage, reason)


def test_every_relationship_and_silence_has_a_stage_a_brief_can_use() -> None:
    for relationship in RELATIONSHIPS:
        for last_talked in (*LAST_TALKED, None):
            stage = stage_for(relationship, last_talked).stage
            # Feed is earned by meeting and following up; rest is chosen by the user.
            assert stage in STAGES and stage not in ("feed", "rest")


def test_a_friend_of_ten_years_and_a_stranger_are_not_both_seeds() -> None:
    assert stage_for("friend", "recent").stage == "trusted"
    assert stage_for("never_met", None).stage == "seed"


def test_facts_are_the_known_ones_tidied() -> None:
    situation = Situation(
        "  Dana   Whitfield ",
        "intro",
        "feed",
        company="Globex",
        role="  ",
        introducer="Nina",
        ask=AskTarget("Victor Hale", why="runs the platform team"),
    )
    assert situation.facts() == {
        "name": "Dana Whitfield",
        "first_name": "Dana",
        "company": "Globex",
        "introducer": "Nina",
        "target": "Victor Hale",
        "target_first_name": "Victor",
        "target_why": "runs the platform team",
    }
    assert Situation("Sam", "learn", "seed").facts() == {"name": "Sam", "first_name": "Sam"}


def test_no_reconnecting_with_someone_never_met() -> None:
    assert fitting_goal("reconnect", "never_met") == "learn"
    assert fitting_goal("reconnect", "former_manager") == "reconnect"
    assert fitting_goal("reconnect", None) == "reconnect"
    assert fitting_goal("advice", "never_met") == "advice"


@pytest.mark.parametrize(
    ("relationship", "last_talked", "stage"),
    [
        ("never_met", None, "feed"),
        ("met_once", "recent", "feed"),
        ("introduced", "recent", "feed"),
        ("former_manager", "recent", "trusted"),  # met again: close still means trusted
        ("met_once", "years", "dormant"),  # met long ago and silent since
    ],
)
def test_once_you_have_met_a_stranger_is_no_longer_a_seed(
    relationship: Relationship, last_talked: LastTalked | None, stage: str
) -> None:
    assert stage_for(relationship, last_talked, met=True).stage == stage


def test_a_meeting_makes_a_stranger_someone_met_once_and_ends_the_silence() -> None:
    assert after_meeting("never_met", None) == ("met_once", "recent")
    assert after_meeting("former_manager", "years") == ("former_manager", "recent")
    assert after_meeting("introduced", None) == ("introduced", "recent")
    assert after_meeting(None, None) == (None, None)


def test_a_paragraph_of_aims_is_no_fact_to_quote_but_the_users_name_is() -> None:
    short = Situation("Ana", "ask", "feed", aim="a reference for Arbor", me="Daniel Okafor")
    assert short.facts()["aim"] == "a reference for Arbor"
    assert short.facts()["my_name"] == "Daniel"
    long = Situation("Ana", "ask", "feed", aim="Finally give her my observations " * 5)
    assert "aim" not in long.facts() and "my_name" not in long.facts()


def test_a_company_said_with_a_description_is_named_without_it_in_questions() -> None:
    situation = Situation(
        "Gareth", "ask", "dormant", company="Brightpath (ed-tech startup in Leeds)"
    )
    assert situation.facts()["company"] == "Brightpath"


@pytest.mark.parametrize(
    "typed",
    [
        "Friend from uni, we see each other a few times a year.",
        "old friend, several times a year",
        "a mate, we meet every couple of months",
        "we worked together, we had lunch last christmas",
        "my old manager, we catch up every few months",
    ],
)
def test_someone_you_see_through_the_year_is_trusted_not_dormant(typed: str) -> None:
    reading = read_relationship(typed)
    assert reading is not None
    assert stage_for(reading.relationship, reading.last_talked) == StageReading("trusted", "close")
