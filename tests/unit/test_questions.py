"""Which questions a person takes into a meeting: chosen by relationship, setting, goal and
stage, using what is known, never with a hole where a fact should be."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from typing import Any

import pytest

from bot.coaching.playbook_model import Advice, Conditions
from bot.coaching.playbooks import DEFAULT_PLAYBOOKS_DIR, Library, Playbook, Question, load_library
from bot.coaching.questions import select_questions
from bot.coaching.situation import (
    RELATIONSHIPS,
    SETTINGS,
    AskTarget,
    LastBrief,
    Relationship,
    Setting,
    Situation,
    stage_for,
)
from bot.coaching.slots import HELP_SLOT
from bot.coaching.stages import GOALS, STAGES, Goal, Stage
from bot.storage.notes import Note
from tests.unit.helpers import note

SEEDS = range(30)
COMBINATIONS: list[tuple[Stage, Goal]] = [(stage, goal) for stage in STAGES for goal in GOALS]


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(DEFAULT_PLAYBOOKS_DIR)


def meeting(stage: Stage = "seed", goal: Goal = "learn", **known: Any) -> Situation:
    return Situation("Dana Whitfield", goal, stage, **known)


def knowing(*slots: str) -> tuple[Note, ...]:
    return tuple(note(slot, f"about {slot}") for slot in slots)


def question(qid: str, slot: str, text: str | None = None, pid: str = "") -> Question:
    text = text or f"What about {qid}?"
    needs = frozenset(part.split("}")[0] for part in text.split("{")[1:])
    return Question(id=qid, text=text, slot=slot, why="Because.", needs=needs, playbook=pid)


def prep(pid: str, questions: Iterable[Question], **conditions: Any) -> Playbook:
    return Playbook(
        id=pid,
        kind="prep",
        title=pid,
        applies=Conditions(**{k: frozenset(v) for k, v in conditions.items()}),
        advice=Advice(),
        questions=tuple(
            Question(q.id, q.text, q.slot, q.why, q.probes, q.needs, pid) for q in questions
        ),
        steps=(),
        source=f"{pid}.yaml",
    )


DEBRIEF = Playbook(
    id="debrief",
    kind="debrief",
    title="Debrief",
    applies=Conditions(),
    advice=Advice(),
    questions=(),
    steps=(),
    source="debrief.yaml",
)

# A playbook for seed+learn only, one for any feed meeting, one for friends, one for a few
# minutes at an event, and a fallback; their slots differ so a chosen question shows where
# it came from.
SEED_LEARN = prep(
    "seed_learn",
    [question(f"sl{i}", slot) for i, slot in enumerate(["origin_story", "surprises", "advice"])]
    + [question("sl_help", HELP_SLOT)],
    stages=["seed"],
    goals=["learn"],
)
FEED_ANY = prep(
    "feed_any",
    [question("fa0", "their_goals"), question("fa_help", HELP_SLOT)],
    stages=["feed"],
)
FRIENDS = prep(
    "friends",
    [question("fr0", "interests"), question("fr_help", HELP_SLOT)],
    relationships=["friend"],
)
EVENT = prep(
    "event",
    [
        question("ev_topic", "what_they_value", "What made you pick {topic}?"),
        question("ev_plain", "what_they_value", "Which part of the talk mattered most to you?"),
        question("ev_help", HELP_SLOT, "Who would you like to meet here?"),
    ],
    settings=["event"],
)
FALLBACK = prep(
    "fallback",
    [
        question(f"fb{i}", slot)
        for i, slot in enumerate(["current_work", "current_challenge", "interests", "origin_story"])
    ]
    + [question("fb_company", "recent_changes", "What is new at {company}?")]
    + [question("fb_help", HELP_SLOT)],
)
SMALL = Library(prep=(SEED_LEARN, FEED_ANY, FRIENDS, EVENT, FALLBACK), debrief=DEBRIEF)


def ids(questions: list[Question]) -> list[str]:
    return [q.id for q in questions]


def texts(questions: list[Question]) -> list[str]:
    return [q.text for q in questions]


# --- the rules, on a small library ------------------------------------------------------------


def test_the_most_fitting_playbook_comes_first_and_others_fill_in() -> None:
    for seed in SEEDS:
        chosen = select_questions(SMALL, meeting("seed", "learn"), random.Random(seed), 5)
        # Two from the seed+learn playbook, then the fallback's, help last from the best fit.
        assert {q.playbook for q in chosen[:2]} == {"seed_learn"}
        assert {q.playbook for q in chosen[2:4]} == {"fallback"}
        assert chosen[4].id == "sl_help"


def test_playbooks_for_other_stages_goals_and_relationships_are_never_used() -> None:
    elsewhere = [meeting("seed", "job"), meeting("trusted", "learn"), meeting("rest", "ask")]
    for seed in SEEDS:
        for situation in elsewhere:
            chosen = select_questions(SMALL, situation, random.Random(seed))
            assert {q.playbook for q in chosen} == {"fallback"}, situation
        chosen = select_questions(SMALL, meeting("feed", "job"), random.Random(seed))
        assert "fa0" in ids(chosen) and not {"seed_learn", "friends"} & {q.playbook for q in chosen}


def test_a_relationship_or_setting_playbook_is_used_only_once_it_is_known() -> None:
    unknown = select_questions(SMALL, meeting("trusted", "ask"), random.Random(1))
    assert "friends" not in {q.playbook for q in unknown}
    friend = select_questions(
        SMALL, meeting("trusted", "ask", relationship="friend"), random.Random(1)
    )
    assert friend[0].id == "fr0" and friend[-1].id == "fr_help"
    event = select_questions(SMALL, meeting(setting="event"), random.Random(1))
    # Five minutes at an event outweigh a first meeting: its opener, its follow-up.
    assert ids(event) == ["ev_plain", "ev_help"]


def test_a_question_whose_facts_are_unknown_is_never_chosen() -> None:
    for seed in SEEDS:
        for count in (2, 3, 4, 5):
            chosen = select_questions(SMALL, meeting(setting="event"), random.Random(seed), count)
            assert "ev_topic" not in ids(chosen) and "fb_company" not in ids(chosen)
            assert not any("{" in text for text in texts(chosen))


def test_a_question_whose_facts_are_known_comes_first_and_is_filled_in() -> None:
    situation = meeting(setting="event", topic="observability on a budget", company="Globex")
    for seed in SEEDS:
        chosen = select_questions(SMALL, situation, random.Random(seed), 2)
        assert texts(chosen) == [
            "What made you pick observability on a budget?",
            "Who would you like to meet here?",
        ]
        chosen = select_questions(SMALL, meeting("trusted", company="Globex"), random.Random(seed))
        assert "What is new at Globex?" in texts(chosen)


def test_known_slots_are_not_asked_again_and_help_not_once_they_said_how() -> None:
    situation = meeting("seed", "learn", notes=knowing("origin_story", "surprises", HELP_SLOT))
    for seed in SEEDS:
        chosen = select_questions(SMALL, situation, random.Random(seed), 4)
        assert not {"origin_story", "surprises", HELP_SLOT} & {q.slot for q in chosen}
        assert len(chosen) == 4


def test_the_last_briefs_questions_are_not_asked_again_once_debriefed() -> None:
    first = select_questions(SMALL, meeting("seed", "learn"), random.Random(5), 4)
    asked = frozenset(q.key for q in first)
    answered = meeting("seed", "learn", last_brief=LastBrief(asked))
    for seed in SEEDS:
        again = select_questions(SMALL, answered, random.Random(seed), 4)
        assert not asked & {q.key for q in again}
        # Nor their slots, in other words: "How could I be useful?" once they said how.
        assert not {q.slot for q in first} & {q.slot for q in again}


def test_questions_that_went_unanswered_may_come_back() -> None:
    first = select_questions(SMALL, meeting("seed", "learn"), random.Random(5), 4)
    asked = frozenset(q.key for q in first)
    unanswered = meeting("seed", "learn", last_brief=LastBrief(asked, unanswered=asked))
    assert select_questions(SMALL, unanswered, random.Random(5), 4) == first
    one_left = next(q.key for q in first if q.slot != HELP_SLOT)
    partly = meeting("seed", "learn", last_brief=LastBrief(asked, frozenset({one_left})))
    keys = {q.key for q in select_questions(SMALL, partly, random.Random(5), 4)}
    assert keys & asked <= {one_left}


def test_help_is_offered_last_and_once() -> None:
    for seed in SEEDS:
        for situation in (meeting(), meeting("feed", "job"), meeting(setting="event")):
            chosen = select_questions(SMALL, situation, random.Random(seed))
            assert [q.slot for q in chosen].count(HELP_SLOT) == 1
            assert chosen[-1].slot == HELP_SLOT


def test_fewer_only_when_the_playbooks_run_out() -> None:
    tiny = Library(
        prep=(prep("tiny", [question("t0", "advice"), question("t_help", HELP_SLOT)]),),
        debrief=DEBRIEF,
    )
    rng = random.Random(0)
    assert ids(select_questions(tiny, meeting("seed", "job"), rng)) == ["t0", "t_help"]
    known = meeting("seed", "job", notes=knowing("advice"))
    assert ids(select_questions(tiny, known, rng)) == ["t_help"]


# --- the shipped playbooks --------------------------------------------------------------------


def consistent_situations() -> list[Situation]:
    """Every relationship (or none known) with the stages it can be at, every setting (or none)
    and every goal; facts all known, so that no question is left out for lack of them."""
    situations: list[Situation] = []
    relationships: list[Relationship | None] = [None, *RELATIONSHIPS]
    settings: list[Setting | None] = [None, *SETTINGS]
    for relationship in relationships:
        if relationship is None:
            stages: set[Stage] = set(STAGES)
        else:
            stages = {stage_for(relationship, t).stage for t in ("recent", "years")} | {"feed"}
        for stage in sorted(stages):
            for setting in settings:
                for goal in GOALS:
                    situations.append(
                        Situation(
                            "Dana Whitfield",
                            goal,
                            stage,
                            company="Globex",
                            role="Head of Data",
                            field="data engineering",
                            relationship=relationship,
                            introducer="Nina",
                            setting=setting,
                            topic="observability",
                            aim="how people join the platform team",
                            ask=AskTarget("Victor Hale", "runs the platform team"),
                        )
                    )
    return situations


def test_every_meeting_gets_the_count_its_setting_allows_with_help_last(shipped: Library) -> None:
    for situation in consistent_situations():
        chosen = select_questions(shipped, situation, random.Random(3))
        expected = {"event": 2, "video": 3, "drinks": 3, "walk": 3}.get(situation.setting or "", 4)
        assert len(chosen) == expected, situation
        assert chosen[-1].slot == HELP_SLOT, situation
        slots = [q.slot for q in chosen]
        assert len(slots) == len(set(slots)), situation
        assert not any("{" in q.text or "}" in q.text for q in chosen), situation


def test_with_nothing_known_every_meeting_still_gets_three_or_more(shipped: Library) -> None:
    for stage, goal in COMBINATIONS:
        for seed in SEEDS:
            chosen = select_questions(shipped, meeting(stage, goal), random.Random(seed))
            assert len(chosen) == 4 and not any("{" in q.text for q in chosen)


@pytest.mark.parametrize(
    ("situation", "playbook_id"),
    [
        (meeting(setting="event", topic="observability"), "hallway_chat"),
        (
            meeting("trusted", "intro", relationship="friend", ask=AskTarget("Victor")),
            "friend_intro",
        ),
        (meeting("dormant", "reconnect", relationship="former_manager"), "former_manager"),
        (meeting("seed", "learn", relationship="introduced", introducer="Nina"), "introduced_by"),
        (meeting("seed", "learn", field="product design"), "career_change"),
        (meeting("feed", "job", company="Globex"), "job_search"),
        (meeting("seed", "job", setting="interview"), "job_interview"),
        (meeting("trusted", "reconnect"), "reconnect"),
    ],
)
def test_the_first_question_comes_from_the_playbook_that_fits_best(
    shipped: Library, situation: Situation, playbook_id: str
) -> None:
    for seed in SEEDS:
        chosen = select_questions(shipped, situation, random.Random(seed))
        assert chosen[0].playbook == playbook_id, (seed, [q.key for q in chosen])


def test_an_event_chat_is_an_opener_about_the_talk_and_a_follow_up(shipped: Library) -> None:
    situation = meeting(setting="event", relationship="never_met", topic="observability")
    for seed in SEEDS:
        opener, follow_up = select_questions(shipped, situation, random.Random(seed))
        assert "observability" in opener.text and follow_up.slot == HELP_SLOT


def test_a_former_manager_and_a_stranger_get_different_questions(shipped: Library) -> None:
    manager = meeting("dormant", "reconnect", relationship="former_manager", company="Ledgerly")
    stranger = meeting("seed", "reconnect", relationship="never_met", company="Ledgerly")
    for seed in SEEDS:
        a = texts(select_questions(shipped, manager, random.Random(seed)))
        b = texts(select_questions(shipped, stranger, random.Random(seed)))
        # The goal is the same, so a catch-up question may be shared; the rest differ.
        assert a[0] != b[0] and len(set(a) & set(b)) <= 1, (a, b)


def test_the_questions_asked_vary_between_meetings(shipped: Library) -> None:
    for situation in (meeting("seed", "learn"), meeting("trusted", "ask"), meeting("rest", "ask")):
        asked = {
            tuple(ids(select_questions(shipped, situation, random.Random(seed)))) for seed in SEEDS
        }
        assert len(asked) >= 3, situation


def test_same_seed_same_questions(shipped: Library) -> None:
    first = select_questions(shipped, meeting("feed", "advice"), random.Random(42))
    again = select_questions(shipped, meeting("feed", "advice"), random.Random(42))
    assert first == again


def test_what_the_user_typed_they_want_is_asked_before_what_anyone_would_ask() -> None:
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    seeker = Situation(
        "Helen Marsh",
        "job",
        "seed",
        company="Monzo",
        relationship="never_met",
        setting="coffee",
        aim="what junior hiring looks like, whether my teaching background helps, and how I"
        " show my portfolio",
    )
    for seed in range(10):
        texts = [q.text for q in select_questions(library, seeker, random.Random(seed))]
        assert 3 <= len(texts) <= 5
        assert any("portfolio" in t for t in texts), texts
        assert any("background" in t for t in texts), texts
        assert "What's been the best part of your week so far?" not in texts


def test_a_job_seeker_eyeing_an_opening_is_asked_whether_applying_is_realistic() -> None:
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    second = Situation(
        "Helen Marsh",
        "job",
        "feed",
        company="Monzo",
        relationship="met_once",
        setting="coffee",
        # Monzo is in the aim and in many questions: it says nothing about which one fits.
        aim="her view on whether applying for the researcher role Monzo posted is realistic",
    )
    for seed in range(10):
        texts = [q.text for q in select_questions(library, second, random.Random(seed))]
        assert any("realistic candidate" in t for t in texts), texts


def test_a_friend_is_not_asked_how_they_ended_up_where_they_work() -> None:
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    friend = Situation(
        "Tom Reilly",
        "reconnect",
        "trusted",
        company="Ocado",
        role="Senior Software Engineer",
        relationship="friend",
        setting="coffee",
        # A second meeting: much is known already, so the general playbook is reached.
        notes=knowing("recent_changes", "current_work", "current_challenge", "their_goals"),
    )
    for seed in range(20):
        chosen = select_questions(library, friend, random.Random(seed))
        assert all(q.slot != "origin_story" for q in chosen), [q.text for q in chosen]


def test_an_aim_is_matched_on_what_it_is_about_not_on_first_or_long() -> None:
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    # "my first job" is no reason to ask what drew her to her company "in the first place":
    # the few minutes after her talk open on the talk.
    graduate = Situation(
        "Wanjiru Kamau",
        "job",
        "seed",
        company="Pesaflow",
        relationship="never_met",
        setting="event",
        setting_words="after her talk at the fintech meetup",
        aim="I'm a fresh graduate looking for my first job in fintech",
    )
    # "it's been too long" is no reason for "I'd love the long version".
    old_boss = Situation(
        "Greg Lindqvist",
        "reconnect",
        "dormant",
        company="Leo Burnett",
        relationship="former_manager",
        setting="meal",
        aim="just catch up, it's been too long",
    )
    for seed in SEEDS:
        opener = select_questions(library, graduate, random.Random(seed))[0]
        assert "your talk" in opener.text, opener.text
        asked = texts(select_questions(library, old_boss, random.Random(seed)))
        assert not any("long version" in t for t in asked), asked


def test_a_job_seeker_is_not_taken_for_a_career_changer_nor_told_of_an_opening() -> None:
    # A senior engineer asking a former colleague about her team: nothing said of a move
    # from another field, or of a role being open.
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    presumed = re.compile(
        r"outside the field|changing careers|new to the field|other careers|has open", re.I
    )
    aims = (
        "a referral for the senior backend engineer opening on her team",
        "whether her team is hiring backend engineers",
        None,
    )
    for relationship in (None, "never_met", "former_colleague", "friend"):
        for company, aim in zip((None, "Finlytic", None), aims, strict=True):
            seeker = Situation(
                "Kavya Rao",
                "job",
                "feed",
                company=company,
                relationship=relationship,
                setting="video",
                aim=aim,
            )
            for seed in SEEDS:
                asked = texts(select_questions(library, seeker, random.Random(seed)))
                assert not any(presumed.search(t) for t in asked), asked


def test_the_speaker_is_asked_about_their_work_next_not_what_they_hope_to_take_away() -> None:
    # She gave the talk; its topic was not typed. "What are you hoping to take away from
    # today?" is a question for someone who came to listen.
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    speaker = Situation(
        "Wanjiru Kamau",
        "learn",
        "seed",
        relationship="never_met",
        setting="event",
        setting_words="right after her talk",
    )
    for seed in SEEDS:
        opener, follow_up = select_questions(library, speaker, random.Random(seed))
        assert "your talk" in opener.text
        assert "take this work next" in follow_up.text, follow_up.text


def test_a_friend_asked_for_an_introduction_is_asked_how_to_approach_the_target_once() -> None:
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    friend = Situation(
        "Jonas Weber",
        "intro",
        "trusted",
        relationship="friend",
        setting="meal",
        aim="an introduction to Claudia Brandt",
        ask=AskTarget("Claudia Brandt", "she is general counsel at N26", "introduce"),
    )
    for seed in SEEDS:
        asked = texts(select_questions(library, friend, random.Random(seed)))
        assert sum("approach" in t for t in asked) <= 1, asked


def test_a_meeting_someone_set_up_asks_about_the_introducer_once() -> None:
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    for setting in ("video", "coffee", "walk", None):
        introduced = Situation(
            "Lerato Dube",
            "learn",
            "seed",
            company="Takealot",
            relationship="introduced",
            introducer="Thabo",
            setting=setting,
            aim="what it really takes to move from accounting into UX research",
        )
        for seed in SEEDS:
            asked = texts(select_questions(library, introduced, random.Random(seed)))
            assert sum("Thabo" in t for t in asked) == 1, asked


def test_a_career_changer_is_asked_about_the_move_the_aim_names() -> None:
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    for setting in ("video", "coffee"):
        changer = Situation(
            "Lerato Dube",
            "learn",
            "seed",
            company="Takealot",
            role="Senior UX researcher",
            field="UX research",
            relationship="introduced",
            introducer="Thabo",
            setting=setting,
            aim="I'm an accountant trying to get into UX research, want to know what it takes",
        )
        for seed in SEEDS:
            asked = texts(select_questions(library, changer, random.Random(seed)))
            assert any("UX research" in t for t in asked), asked


def test_what_you_came_for_gets_a_question_however_full_the_setting_and_relationship() -> None:
    # Advice sought over a pint from someone met once: the drinks and the first meeting
    # would fill a three-question brief on their own.
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    for goal in ("advice", "learn", "job", "ask", "reconnect"):
        for relationship in ("met_once", "never_met", "former_colleague", "friend"):
            if goal == "reconnect" and relationship == "never_met":
                continue
            for setting in ("drinks", "walk", "video"):
                situation = Situation(
                    "Marco Bianchi",
                    goal,
                    "feed",
                    company="Verdi Labs",
                    relationship=relationship,
                    setting=setting,
                    aim="whether to raise a seed round or keep bootstrapping",
                )
                for_goal = {p.id for p in library.applicable(situation) if p.applies.goals}
                for seed in SEEDS:
                    chosen = select_questions(library, situation, random.Random(seed))
                    others = [q for q in chosen if q.slot != HELP_SLOT]
                    assert any(q.playbook in for_goal for q in others), (
                        goal,
                        relationship,
                        setting,
                        texts(chosen),
                    )


def test_catching_up_asks_how_things_are_going_once() -> None:
    # "What's keeping you busy at Kraft Heinz these days?" and "How have things been at Kraft
    # Heinz lately?" are one question asked twice.
    library = load_library(DEFAULT_PLAYBOOKS_DIR)
    lately = re.compile(r"keeping you busy|most of your attention|how have things been", re.I)
    for relationship in ("former_manager", "former_colleague", "friend", "worked_together"):
        for setting in ("meal", "coffee", "video", "drinks"):
            catch_up = Situation(
                "Greg Lindqvist",
                "reconnect",
                "dormant",
                company="Kraft Heinz",
                relationship=relationship,
                setting=setting,
            )
            for seed in SEEDS:
                asked = texts(select_questions(library, catch_up, random.Random(seed)))
                assert sum(bool(lately.search(t)) for t in asked) <= 1, asked
