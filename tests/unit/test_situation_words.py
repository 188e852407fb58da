"""What people type where /prep offers buttons, read as the choice they mean."""

from datetime import date

import pytest

from bot.coaching.situation import AskTarget, Situation
from bot.coaching.situation_words import (
    RelationshipReading,
    SettingReading,
    field_from_aim,
    gap_in,
    goal_instead,
    names_a_place,
    read_can_help,
    read_last_talked,
    read_relationship,
    read_setting,
    read_target,
    read_topic,
    short_topic,
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
        (
            "She was my head of department at Oakfield, we talked a few weeks ago",
            RelationshipReading("former_manager", "recent"),
        ),
        ("we shared a house at Leeds", RelationshipReading("friend")),
        (
            "we met at the UX Manchester conference, she introduced me to Nina Park afterwards",
            RelationshipReading("met_once"),
        ),
        ("Nina introduced me to her", RelationshipReading("introduced", introducer="Nina")),
        ("we taught together for two years", RelationshipReading("worked_together")),
        ("met once at PyCon", RelationshipReading("met_once")),
        ("we've never met", RelationshipReading("never_met")),
        ("cold outreach on LinkedIn", RelationshipReading("never_met")),
        (
            "she introduced me, Maria Lopez",
            RelationshipReading("introduced", introducer="Maria Lopez"),
        ),
        ("introduced by Nina", RelationshipReading("introduced", introducer="Nina")),
        (
            "Ben Whitaker introduced us - he's my old deputy head, she was his colleague."
            " Never talked to her.",
            RelationshipReading("introduced", "never", introducer="Ben Whitaker"),
        ),
        ("Nina Park put us in touch", RelationshipReading("introduced", introducer="Nina Park")),
        ("introduced by my friend nina", RelationshipReading("introduced")),
        ("Introduced by someone", RelationshipReading("introduced")),
        # How often you meet says when you last talked; how long ago something else was does
        # not: then the question is asked rather than a silence guessed.
        (
            "Uni friend, we did chemistry together. We see each other several times a year.",
            RelationshipReading("friend", "months"),
        ),
        ("a mate, we meet every couple of months", RelationshipReading("friend", "recent")),
        (
            "Close friend, we shared a flat 12 years ago, we talk every month",
            RelationshipReading("friend", "recent"),
        ),
        ("my first manager at Tiko about 4 years ago", RelationshipReading("former_manager")),
        (
            "my old boss, we had lunch last christmas",
            RelationshipReading("former_manager", "months"),
        ),
        (
            "I taught her at school, she left six years ago. She messaged me out of the blue.",
            RelationshipReading("friend"),
        ),
        ("my old boss, lost touch", RelationshipReading("former_manager", "years")),
    ],
)
def test_how_you_know_them_in_words(typed: str, reading: RelationshipReading) -> None:
    assert read_relationship(typed) == reading


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        # How you found them is no introducer: it had thanked "Disaster Mitigation".
        (
            "Never met. I found her through a webinar on the Disaster Mitigation and Adaptation"
            " Fund and messaged her cold on LinkedIn, she agreed to 30 minutes.",
            RelationshipReading("never_met"),
        ),
        ("never met, found him via LinkedIn", RelationshipReading("never_met")),
        ("I know of her through an article in The Globe", None),
        ("never met her, I saw her talk at the Climate Summit", RelationshipReading("never_met")),
        ("met once through the Women in Data meetup", RelationshipReading("met_once")),
        ("found him through the Rotary Club, never met", RelationshipReading("never_met")),
        ("we've never met, I came across her through Google", RelationshipReading("never_met")),
        # A person or a relation is.
        ("through my aunt", RelationshipReading("introduced", introducer="your aunt")),
        ("via Nina", RelationshipReading("introduced", introducer="Nina")),
        (
            "through Tomás Ruiz, never met",
            RelationshipReading("introduced", introducer="Tomás Ruiz"),
        ),
        # When the introduction was is not when you talked: you never have.
        (
            "We've never met - my uni friend Claire introduced us by email last week",
            RelationshipReading("introduced", introducer="Claire"),
        ),
        ("through a friend of mine", RelationshipReading("introduced")),
        ("my professor Glen introduced us", RelationshipReading("introduced", introducer="Glen")),
        (
            "Priya put us in touch after the DevOps Days conference",
            RelationshipReading("introduced", introducer="Priya"),
        ),
        ("introduced at the Climate Summit", RelationshipReading("introduced")),
        ("introduced through the alumni network", RelationshipReading("introduced")),
    ],
)
def test_an_introducer_is_a_person_never_how_you_found_them(
    typed: str, reading: RelationshipReading | None
) -> None:
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
        # How often is not how long ago.
        ("We see each other a few times a year.", "months"),
        ("once a year, at the reunion", "months"),
        ("never", "never"),
        ("no idea", None),
    ],
)
def test_when_you_last_talked_in_words(typed: str, talked: str | None) -> None:
    assert read_last_talked(typed) == talked


@pytest.mark.parametrize(
    ("typed", "setting", "topic"),
    [
        ("coffee", "coffee", None),
        ("zoom", "video", None),
        ("a Teams call", "video", None),
        ("phone call", "video", None),
        ("lunch near her office", "meal", None),
        ("Quick chat at an event", "event", None),
        ("job interview", "interview", None),
        ("after her talk on data contracts at the meetup", "event", "data contracts"),
        (
            "at the conference, his talk was about privacy engineering",
            "event",
            "privacy engineering",
        ),
        ("Pints at The Marble Arch pub - he's in town for a wedding", "drinks", None),
        ("pub after work", "drinks", None),
        ("beers with the team", "drinks", None),
        ("a walk around the park (she hates video calls)", "walk", None),
        ("A 30-minute walk around Castlefield at lunchtime - she hates video calls", "walk", None),
        ("dinner at hers", "meal", None),
        ("lunch", "meal", None),  # a time of day too, but here a place
        ("at the meetup after the talk", "event", None),
        (
            "Coffee break right after Sam's talk \"Research with people who are tired, scared and"
            " busy\" at the UX Manchester conference. I'll have five minutes.",
            "event",
            "Research with people who are tired, scared and busy",
        ),
        # A few minutes at an event, though a meal names it: nobody sits down to a bill.
        (
            "Quick chat at the Board of Trade breakfast on climate risk - he's on the panel,"
            " I'll try to catch him by the coffee afterwards, maybe 10 minutes",
            "event",
            None,
        ),
        ("lunch at the summit, a quick word between sessions", "event", None),
        ("standing chat at the harbour forum reception, she's a panellist", "event", None),
        ("drinks reception at the soil science symposium", "event", None),
        ("a few words at her stand at the trade fair", "event", None),
        ("long dinner at Kimchi House, ten minutes from her office", "meal", None),
    ],
)
def test_where_you_meet_in_words_is_the_nearest_kind(
    typed: str, setting: str, topic: str | None
) -> None:
    reading = read_setting(typed)
    assert reading is not None
    assert (reading.setting, reading.topic) == (setting, topic)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        (
            "Pints at The Marble Arch pub - he's in town for a wedding",
            "pints at The Marble Arch pub",
        ),
        ("a walk around the park (she hates video calls)", "a walk around the park"),
        (
            "Pints at the Marble Arch again, he's back for Christmas",
            "pints at the Marble Arch again",
        ),
        ("zoom", "zoom"),
        (
            "Coffee break right after Sam's talk \"Research with people who are tired, scared and"
            " busy\" at the UX Manchester conference, Bridgewater Hall. I'll have five minutes.",
            "coffee break right after Sam's talk at the UX Manchester conference",
        ),
        ("Sam's place", "Sam's place"),  # a name stays capitalised
    ],
)
def test_where_you_meet_keeps_your_words_without_the_asides(typed: str, words: str) -> None:
    reading = read_setting(typed)
    assert reading is not None and reading.words == words


@pytest.mark.parametrize(
    "typed", ["informational interview", "at the museum", "her place", "the usual spot"]
)
def test_words_that_name_no_kind_are_kept_with_no_kind(typed: str) -> None:
    assert read_setting(typed) == SettingReading(None, None, typed)


@pytest.mark.parametrize("typed", ["tomorrow", "Friday at 7pm", "not sure yet"])
def test_a_date_or_a_not_yet_is_no_setting(typed: str) -> None:
    assert read_setting(typed) is None


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        (
            "How to do user research ethically with exhausted, vulnerable people - carers and"
            " people with early-stage dementia. Consent, short sessions, going to them.",
            "How to do user research ethically with exhausted, vulnerable people",
        ),
        (
            "Ethical research with exhausted carers and people with early dementia - consent,"
            " short sessions",
            "Ethical research with exhausted carers and people with early dementia",
        ),
        ("it was about consent in dementia research", "consent in dementia research"),
        (
            "It was about how they moved their data pipelines to dbt and what broke along the"
            " way; lots of war stories.",
            "how they moved their data pipelines to dbt",
        ),
        ("data contracts", "data contracts"),
        # A guess before the title is not part of it.
        ("Not sure yet, I think it's something about heat maps.", "heat maps"),
        ("I think it was about pricing", "pricing"),
        # A remark with its own subject after the title is not part of it either.
        ("probably something about ocean sensors, Rui is just attending", "ocean sensors"),
        ("Tired, scared and busy", "Tired, scared and busy"),
    ],
)
def test_a_typed_topic_is_kept_as_a_short_title(typed: str, topic: str) -> None:
    assert short_topic(typed) == topic


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
        # The role first, then the name: the name is who.
        (
            "the CTO, Mariana, I don't know her surname. she decides on the data hires",
            ("Mariana", "the CTO; I don't know her surname. she decides on the data hires"),
        ),
        ("his boss - Tom Ellis", ("Tom Ellis", "his boss")),
        ("their head of data, Priya Nair", ("Priya Nair", "their head of data")),
        # A role alone is kept as said; a pronoun after it is no name.
        ("the CTO, she decides on hires", ("the CTO", "she decides on hires")),
        ("her manager, I think", ("her manager", "I think")),
        ("the CTO, I'm not sure of her name", ("the CTO", "I'm not sure of her name")),
    ],
)
def test_who_exactly_and_why_them(typed: str, target: tuple[str, str | None]) -> None:
    assert read_target(typed) == target


@pytest.mark.parametrize(
    "typed",
    [
        "No one this time - I'm not after an intro, I want her advice.",
        "nobody",
        "not sure yet",
        "no one in particular",
        "No-one",
        "skip",
        "I'm not sure who's hiring - maybe Ana's own team.",
    ],
)
def test_words_that_name_no_one_are_no_target(typed: str) -> None:
    assert read_target(typed) is None


def test_whoever_holds_a_role_is_the_person_who_holds_it() -> None:
    typed = "Whoever leads the school energy pilot at GMCA - I don't have a name"
    target = read_target(typed)
    assert target is not None
    assert target[0].startswith("the person who leads the school energy pilot at GMCA")
    facts = Situation("Kwame", "intro", "feed", ask=AskTarget(target[0])).facts()
    assert "target_first_name" not in facts


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("Nora Nobody", ("Nora Nobody", None)),
        ("Noel Fielding", ("Noel Fielding", None)),
        ("Priya Nair, their head of research", ("Priya Nair", "their head of research")),
    ],
)
def test_names_that_start_like_no_one_are_still_names(
    typed: str, target: tuple[str, str | None]
) -> None:
    assert read_target(typed) == target


def test_no_one_with_another_aim_names_that_goal_not_the_refused_intro() -> None:
    assert goal_instead("No one this time - I'm not after an intro, I want her advice.") == "advice"
    assert goal_instead("nobody") is None
    assert goal_instead("no one in particular - whoever knows the research side") is None


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


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("pints at the Crown after work", True),
        ("coffee near the station", True),
        ("Anna Li, she gave the talk on pricing", False),
        ("Victor Hale, he runs the platform team", False),
        ("priya nair", False),
    ],
)
def test_where_you_meet_typed_at_who_is_no_person(typed: str, place: bool) -> None:
    assert names_a_place(typed) is place


@pytest.mark.parametrize(
    ("typed", "talked"),
    [
        ("mostly to catch up, it's been two years, but I also want to hear her news", "years"),
        ("we haven't talked in months, so just catch up", "months"),
        ("catch up - it has been ages", "years"),
        # Other days named in the aim say nothing of when you last talked.
        ("ask about the role she posted last week", None),
        ("learn how they plan to hire this year", None),
    ],
)
def test_a_gap_said_in_passing_is_when_you_last_talked(typed: str, talked: str | None) -> None:
    assert gap_in(typed, date(2026, 12, 9)) == talked
