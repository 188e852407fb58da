"""Which debrief questions a meeting gets (issue 13, point 7): they fit its goal and setting,
never ask the same thing twice, and never more than six (eight messages with /debrief and the
tap on the meeting). How a step's conditions are refused: `file:line: what is wrong`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.coaching.playbooks import (
    DEFAULT_PLAYBOOKS_DIR,
    MAX_DEBRIEF_STEPS,
    Library,
    PlaybookError,
    check_playbooks,
    load_library,
    load_playbook,
)
from bot.coaching.situation import RELATIONSHIPS, SETTINGS, Relationship, Setting, Situation
from bot.coaching.stages import GOALS, STAGES, Goal


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(DEFAULT_PLAYBOOKS_DIR)


def asked(
    library: Library,
    goal: Goal,
    *,
    setting: Setting | None = None,
    relationship: Relationship | None = None,
) -> list[str]:
    situation = Situation("Dana", goal, "seed", relationship=relationship, setting=setting)
    return [step.id for step in library.debrief.steps_for(situation)]


def test_a_job_seeker_is_asked_about_the_company_advice_and_people(shipped: Library) -> None:
    assert asked(shipped, "job", setting="coffee", relationship="never_met") == [
        "company_news",
        "advice",
        "who_they_know",
        "my_promises",
        "their_promises",
        "follow_up",
    ]


def test_reconnecting_with_a_friend_asks_about_them_not_their_company(shipped: Library) -> None:
    steps = asked(shipped, "reconnect", setting="meal", relationship="friend")
    assert steps == [
        "learned",
        "what_they_value",
        "my_promises",
        "their_promises",
        "follow_up",
    ]


def test_learning_about_a_field_keeps_the_advice_and_the_names(shipped: Library) -> None:
    assert asked(shipped, "learn") == [
        "learned",
        "advice",
        "who_they_know",
        "my_promises",
        "their_promises",
        "follow_up",
    ]


def test_five_minutes_at_an_event_ask_what_you_share_instead_of_advice(
    shipped: Library,
) -> None:
    steps = asked(shipped, "learn", setting="event")
    assert "common_ground" in steps and "advice" not in steps
    assert "common_ground" not in asked(shipped, "learn", setting="coffee")


def test_an_introduction_asks_who_they_suggested_and_what_you_will_do(shipped: Library) -> None:
    steps = asked(shipped, "intro", relationship="friend")
    # What they asked of you is what you will do: one question, not two collecting it twice.
    assert "who_they_know" in steps and "my_promises" in steps and "their_asks" not in steps
    assert "company_news" not in steps


def test_every_debrief_is_short_and_asks_for_promises_and_a_follow_up(shipped: Library) -> None:
    for goal in GOALS:
        for stage in STAGES:
            for setting in (None, *SETTINGS):
                for relationship in (None, *RELATIONSHIPS):
                    situation = Situation(
                        "Dana", goal, stage, relationship=relationship, setting=setting
                    )
                    steps = shipped.debrief.steps_for(situation)
                    assert len(steps) <= MAX_DEBRIEF_STEPS == 6, situation
                    slots = [slot for step in steps for slot in step.slots]
                    assert len(slots) == len(set(slots)), situation
                    assert {"my_promises", "how_i_can_help", "follow_up"} <= set(slots)
                    assert steps[-1].answer == "date"


def test_what_you_will_do_and_what_you_could_do_are_one_question(shipped: Library) -> None:
    [mine] = [s for s in shipped.debrief.steps if "how_i_can_help" in s.slots]
    assert mine.slots == ("my_promises", "how_i_can_help")


# --- how a step's conditions are refused ------------------------------------------------------

DEBRIEF = """\
id: debrief
kind: debrief
title: Debrief
steps:
  - id: news
    text: What's new at their company?
    slot: company_news
    hint: Hiring, a freeze.
    applies:
      goals: [job]
  - id: mine
    text: What will you do for them?
    slot: my_promises
    maybe: how_i_can_help
    hint: Promises and ideas.
  - id: follow_up
    text: When will you follow up?
    slot: follow_up
    hint: Pick a date.
    answer: date
"""


def error_for(tmp_path: Path, text: str) -> str:
    path = tmp_path / "debrief.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    return str(caught.value)


def test_a_step_for_some_goals_is_asked_only_after_those(tmp_path: Path) -> None:
    path = tmp_path / "debrief.yaml"
    path.write_text(DEBRIEF, encoding="utf-8")
    playbook = load_playbook(path)
    job = playbook.steps_for(Situation("Dana", "job", "seed"))
    learn = playbook.steps_for(Situation("Dana", "learn", "seed"))
    assert [s.id for s in job] == ["news", "mine", "follow_up"]
    assert [s.id for s in learn] == ["mine", "follow_up"]


def test_an_unknown_goal_in_a_step_names_its_line(tmp_path: Path) -> None:
    text = DEBRIEF.replace("goals: [job]", "goals: [jobs]")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/debrief.yaml:10: steps[0].applies.goals[0]: 'jobs' is not a known goal;"
        " did you mean 'job'? (known: learn, job, advice, reconnect, ask, intro, help)"
    )


def test_a_prep_only_condition_in_a_step_is_refused(tmp_path: Path) -> None:
    text = DEBRIEF.replace("goals: [job]", "known: [advice]")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/debrief.yaml:10: steps[0].applies: unknown condition 'known'"
        " (allowed: relationships, settings, goals, stages, unless)"
    )


def test_maybe_belongs_to_a_promise_step(tmp_path: Path) -> None:
    text = DEBRIEF.replace("slot: my_promises\n    maybe", "slot: learned\n    maybe")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/debrief.yaml:14: steps[1].maybe: only a step writing my_promises or"
        " their_promises can send its tentative parts to another slot"
    )


def test_a_debrief_longer_than_six_questions_is_refused_by_check_playbooks(
    tmp_path: Path,
) -> None:
    for path in DEFAULT_PLAYBOOKS_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    script = tmp_path / "debrief.yaml"
    # Company news for every goal: a job seeker's debrief would ask seven questions.
    script.write_text(
        script.read_text(encoding="utf-8").replace("    applies:\n      goals: [job]\n", "", 1),
        encoding="utf-8",
    )
    [error] = check_playbooks([tmp_path])
    steps_line = script.read_text(encoding="utf-8").splitlines().index("steps:") + 1
    assert str(error).startswith(
        f"{script}:{steps_line}: the debrief after a meeting with goal learn"
    )
    assert "asks 7 questions" in str(error) and "at most 8 messages" in str(error)


def test_giving_help_asks_what_they_wanted_what_you_suggested_and_offered(
    shipped: Library,
) -> None:
    # You were the one giving advice: never asked what advice they gave you.
    for relationship in (None, *RELATIONSHIPS):
        for setting in (None, *SETTINGS):
            steps = asked(shipped, "help", setting=setting, relationship=relationship)
            assert steps == [
                "help_asked",
                "help_suggested",
                "my_promises",
                "help_next",
                "follow_up",
            ]
    texts = {s.id: s.text for s in shipped.debrief.steps}
    assert texts["help_asked"] == "What did they want help with?"
    assert texts["help_suggested"] == "What did you suggest?"


def test_one_slot_may_be_worded_per_goal_but_never_asked_twice(tmp_path: Path) -> None:
    def script(first_goals: str, second_goals: str) -> str:
        return f"""\
id: debrief
kind: debrief
title: Debrief
steps:
  - id: asked
    text: What did they ask of you?
    slot: their_asks
    hint: A favour, a name.
    applies:
      goals: {first_goals}
  - id: help_asked
    text: What did they want help with?
    slot: their_asks
    hint: The decision they came with.
    applies:
      goals: {second_goals}
  - id: when
    text: When will you follow up?
    slot: follow_up
    hint: Pick a date.
    answer: date
"""

    apart = tmp_path / "apart.yaml"
    apart.write_text(script("[ask, intro]", "[help]"))
    assert [s.id for s in load_playbook(apart).steps] == ["asked", "help_asked", "when"]
    both = tmp_path / "both.yaml"
    both.write_text(script("[ask, help]", "[help]"))
    with pytest.raises(PlaybookError, match="'their_asks' is already written by step 'asked'"):
        load_playbook(both)
