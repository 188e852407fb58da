"""The shipped playbooks, and how a malformed playbook is refused: `file:line: what is wrong`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.coaching.facts import FACTS
from bot.coaching.playbooks import (
    DEFAULT_PLAYBOOKS_DIR,
    Library,
    LibraryError,
    PlaybookError,
    check_playbooks,
    load_library,
    load_playbook,
)
from bot.coaching.situation import RELATIONSHIPS, SETTINGS, Situation
from bot.coaching.slots import HELP_SLOT, SLOTS
from bot.coaching.stages import (
    GOALS,
    NEW_CONTACT_STAGE,
    STAGES,
    Goal,
    Stage,
    is_goal,
    is_stage,
    stage_or_new,
)
from tests.unit.helpers import FALLBACK, VALID_DEBRIEF, VALID_PREP

KNOWN_SLOTS = ", ".join(sorted(SLOTS))
ALLOWED_CONDITIONS = (
    "relationships, settings, goals, stages, known, missing, facts, promises, unless"
)


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(DEFAULT_PLAYBOOKS_DIR)


def write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str | bytes, name: str = "bad.yaml") -> str:
    path = write(tmp_path, name, text)
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    assert caught.value.path == path
    return str(caught.value)


def changed(old: str, new: str, text: str = VALID_PREP) -> str:
    assert old in text, "the test's edit must apply"
    return text.replace(old, new, 1)


# --- vocabulary -------------------------------------------------------------------------------


def test_stage_and_goal_vocabulary_is_what_handlers_rely_on() -> None:
    assert STAGES == ("seed", "feed", "trusted", "dormant", "rest")
    assert GOALS == ("learn", "job", "advice", "reconnect", "ask", "intro", "help")
    assert NEW_CONTACT_STAGE == "seed"
    assert is_stage("dormant") and not is_stage("Dormant") and not is_stage(None)
    # A stage this version does not know is read as a new contact's, not refused.
    assert stage_or_new("dormant") == "dormant"
    assert stage_or_new("Dormant") == stage_or_new(None) == NEW_CONTACT_STAGE
    assert is_goal("intro") and not is_goal("introduction")


# --- the shipped library ----------------------------------------------------------------------


def test_shipped_playbooks_have_no_errors() -> None:
    assert [str(e) for e in check_playbooks([DEFAULT_PLAYBOOKS_DIR])] == []


def test_shipped_playbooks_are_the_promised_set(shipped: Library) -> None:
    assert {p.id for p in shipped.prep} == {
        "general",
        "first_meeting",
        "growing_relationship",
        "long_gap",
        "reconnect",
        "trusted_ask",
        "ask_well",
        "advice",
        "introduction",
        "friend_intro",
        "help_out",
        "introduced_by",
        "informational_interview",
        "career_change",
        "job_search",
        "job_offer",
        "hallway_chat",
        "video_call",
        "over_a_meal",
        "job_interview",
        "former_manager",
        "former_manager_next",
        "former_colleague",
        "owe_them",
        "coffee_chat",
        "met_once",
        "never_met",
        "drinks",
        "walk",
        "their_home",
    }
    assert shipped.debrief.id == "debrief"


def meeting(stage: Stage, goal: Goal, **known: object) -> Situation:
    return Situation("Dana Whitfield", goal, stage, **known)  # type: ignore[arg-type]


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("goal", GOALS)
def test_every_meeting_has_a_playbook(shipped: Library, stage: Stage, goal: Goal) -> None:
    assert shipped.applicable(meeting(stage, goal))


@pytest.mark.parametrize("relationship", RELATIONSHIPS)
def test_every_relationship_has_a_playbook_of_its_own(shipped: Library, relationship: str) -> None:
    written_for = {p.id for p in shipped.prep if relationship in (p.applies.relationships or ())}
    assert written_for, relationship


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_setting_has_a_playbook_of_its_own(shipped: Library, setting: str) -> None:
    assert any(setting in (p.applies.settings or ()) for p in shipped.prep), setting


@pytest.mark.parametrize(
    ("situation", "playbook_id"),
    [
        (meeting("seed", "reconnect"), "first_meeting"),
        (meeting("seed", "learn"), "informational_interview"),
        (meeting("feed", "job"), "job_search"),
        (meeting("dormant", "advice"), "long_gap"),
        (meeting("trusted", "reconnect"), "reconnect"),
        (meeting("trusted", "ask"), "trusted_ask"),
        (meeting("trusted", "advice"), "trusted_ask"),
        (meeting("seed", "ask"), "ask_well"),
        (meeting("feed", "intro"), "introduction"),
        (meeting("feed", "advice"), "growing_relationship"),
        (meeting("trusted", "intro", relationship="friend"), "friend_intro"),
        (meeting("dormant", "reconnect", relationship="former_manager"), "former_manager"),
        (meeting("seed", "learn", relationship="introduced", introducer="Nina"), "introduced_by"),
        (meeting("seed", "learn", field="data engineering"), "career_change"),
        (meeting("feed", "job", theirs_open=("keep me in mind for the role",)), "job_offer"),
        (meeting("seed", "learn", setting="event"), "hallway_chat"),
        (meeting("feed", "advice", setting="video"), "video_call"),
        (meeting("feed", "learn", setting="meal"), "over_a_meal"),
        (meeting("seed", "job", setting="interview"), "job_interview"),
        (meeting("feed", "learn", mine_open=("send the article",)), "owe_them"),
    ],
)
def test_shipped_playbooks_apply_where_their_titles_say(
    shipped: Library, situation: Situation, playbook_id: str
) -> None:
    assert playbook_id in [p.id for p in shipped.applicable(situation)]


@pytest.mark.parametrize(
    ("situation", "playbook_id"),
    [
        (meeting("trusted", "intro"), "friend_intro"),  # the relationship is not known
        (meeting("seed", "learn", relationship="introduced"), "introduced_by"),  # nor by whom
        (meeting("seed", "learn"), "career_change"),  # nor their field
        (meeting("feed", "job"), "job_offer"),  # they offered nothing
        (meeting("seed", "learn"), "hallway_chat"),  # nor the setting
        (meeting("feed", "ask", relationship="friend"), "reconnect"),  # not the goal
        (meeting("seed", "job", setting="interview"), "job_search"),  # it is the interview
    ],
)
def test_playbooks_for_something_unknown_do_not_apply(
    shipped: Library, situation: Situation, playbook_id: str
) -> None:
    assert playbook_id not in [p.id for p in shipped.applicable(situation)]


def test_a_hallway_chat_outranks_the_goal_but_coffee_or_a_call_do_not(shipped: Library) -> None:
    hallway = [p.id for p in shipped.applicable(meeting("seed", "learn", setting="event"))]
    assert hallway.index("hallway_chat") < hallway.index("informational_interview")
    friend = meeting("trusted", "intro", relationship="friend", setting="meal")
    ids = [p.id for p in shipped.applicable(friend)]
    # What you came for decides what to ask and give; the meal only the manner.
    assert ids[0] == "friend_intro" and ids.index("introduction") < ids.index("over_a_meal")
    assert ids[-1] == "general"
    seeker = meeting("seed", "job", relationship="never_met", setting="coffee")
    ids = [p.id for p in shipped.applicable(seeker)]
    assert ids.index("job_search") < ids.index("coffee_chat")
    assert ids.index("never_met") < ids.index("coffee_chat")


def test_informational_interview_outranks_first_meeting_when_you_came_to_learn(
    shipped: Library,
) -> None:
    ids = [p.id for p in shipped.applicable(meeting("seed", "learn"))]
    assert ids.index("informational_interview") < ids.index("general")
    assert ids.index("first_meeting") < ids.index("general")


def test_every_shipped_prep_playbook_offers_help_and_says_how_to_behave(
    shipped: Library,
) -> None:
    for playbook in shipped.prep:
        assert any(q.slot == HELP_SLOT for q in playbook.questions), playbook.id
        assert 2 <= len(playbook.questions) <= 10, playbook.id
        assert all(q.why for q in playbook.questions), playbook.id
        for kind in ("give", "avoid", "close"):
            assert playbook.advice.lines(kind), (playbook.id, kind)
        # What to walk out with follows from the goal: a playbook for a relationship or a
        # setting alone leaves it to the goal's, except five minutes at an event and a job
        # interview, which are aims of their own.
        applies = playbook.applies
        goal_left_open = (applies.relationships or applies.settings) and not applies.goals
        own_aim = playbook.id in ("hallway_chat", "job_interview")
        assert bool(playbook.advice.aim) != (goal_left_open and not own_aim), playbook.id


def test_playbooks_for_an_ask_write_the_ask_out(shipped: Library) -> None:
    for playbook in shipped.prep:
        if playbook.applies.goals and playbook.applies.goals <= {"ask", "intro"}:
            assert playbook.advice.ask, playbook.id


def test_introduction_playbook_checks_who_decides_and_asks_for_names(shipped: Library) -> None:
    intro = next(p for p in shipped.prep if p.id == "introduction")
    slots = {q.slot for q in intro.questions}
    assert {"decision_power", "who_they_know", HELP_SLOT} <= slots
    assert intro.advice.blurb, "an introduction comes with lines to forward"


def test_debrief_steps_come_in_the_promised_order(shipped: Library) -> None:
    steps = shipped.debrief.steps
    assert [s.slot for s in steps] == [
        "their_asks",  # after giving help: what they wanted help with
        "my_advice",
        "learned",
        "company_news",
        "what_they_value",
        "common_ground",
        "advice",
        "who_they_know",
        "my_promises",
        "their_promises",
        "their_promises",  # after giving help: what they will do next
        "follow_up",
    ]
    assert [s.answer for s in steps] == ["text"] * 11 + ["date"]
    assert all(s.text and s.hint for s in steps)


# --- one file ---------------------------------------------------------------------------------


def test_valid_playbook_loads_with_normalised_text(tmp_path: Path) -> None:
    text = changed(
        "    why: People like telling their own story.", "    why: >\n      Two\n      lines"
    )
    playbook = load_playbook(write(tmp_path, "ok.yaml", text))
    assert playbook.id == "sample"
    assert playbook.applies.stages == frozenset({"seed"})
    assert playbook.advice.avoid == ("Talking more than you listen.",)
    assert playbook.questions[0].why == "Two lines"
    assert playbook.questions[0].probes == ()
    assert playbook.source == str(tmp_path / "ok.yaml")


def test_any_means_every_stage_and_goal(tmp_path: Path) -> None:
    playbook = load_playbook(write(tmp_path, "any.yaml", FALLBACK))
    assert playbook.applies.stages is None and playbook.applies.goals is None
    assert playbook.specificity == 0
    every = changed("stages: [seed]", f"stages: [{', '.join(STAGES)}]")
    assert load_playbook(write(tmp_path, "every.yaml", every)).applies.stages is None


def test_error_string_is_path_line_message() -> None:
    error = PlaybookError(Path("playbooks/x.yaml"), 7, "title: is empty")
    assert (error.path, error.line, error.message) == (
        Path("playbooks/x.yaml"),
        7,
        "title: is empty",
    )
    assert str(error) == "playbooks/x.yaml:7: title: is empty"


def test_yaml_syntax_error_names_the_line_that_opened_the_bracket(tmp_path: Path) -> None:
    text = changed("stages: [seed]", "stages: [seed")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:5: YAML syntax error: expected ',' or ']', but got ':'"
        "; check that the bracket or quote opened here is closed"
    )


def test_yaml_unclosed_quote_points_at_the_quote(tmp_path: Path) -> None:
    text = changed("title: Sample", 'title: "Sample')
    message = error_for(tmp_path, text)
    assert message.startswith(f"{tmp_path}/bad.yaml:3: YAML syntax error:")
    assert message.endswith("check that the bracket or quote opened here is closed")


def test_text_with_an_unquoted_colon_gets_a_hint(tmp_path: Path) -> None:
    text = changed("text: How did you get started?", "text: Origin: how did you start?")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:11: YAML syntax error: mapping values are not allowed here;"
        " check the indentation, and quote text that contains ': '"
    )


def test_two_documents_in_one_file_are_refused(tmp_path: Path) -> None:
    assert error_for(tmp_path, VALID_PREP + "---\nid: other\n") == (
        f"{tmp_path}/bad.yaml:18: YAML syntax error:"
        " a playbook file holds one YAML document; remove the extra '---'"
    )


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert error_for(tmp_path, "- id: sample\n- kind: prep\n") == (
        f"{tmp_path}/bad.yaml:1: expected a mapping of 'key: value' lines, got a list"
    )


def test_missing_kind_says_which_kinds_exist(tmp_path: Path) -> None:
    assert error_for(tmp_path, changed("kind: prep\n", "")) == (
        f"{tmp_path}/bad.yaml:1: missing key 'kind' (prep or debrief)"
    )


def test_unknown_kind_lists_the_kinds(tmp_path: Path) -> None:
    assert error_for(tmp_path, changed("kind: prep", "kind: pre")) == (
        f"{tmp_path}/bad.yaml:2: kind: 'pre' is not a known kind;"
        " did you mean 'prep'? (known: prep, debrief)"
    )


def test_missing_key_in_a_question_names_the_question(tmp_path: Path) -> None:
    text = changed("    why: Giving first sets the tone.\n", "")
    assert error_for(tmp_path, text) == f"{tmp_path}/bad.yaml:14: questions[1]: missing key 'why'"


def test_misspelt_key_is_caught_with_a_suggestion_and_the_allowed_keys(tmp_path: Path) -> None:
    text = changed("avoid:", "avod:")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:7: unknown key 'avod'; did you mean 'avoid'?"
        " (allowed: id, kind, title, applies, questions, aim, ask, blurb, give, avoid, close)"
    )


def test_principles_of_the_old_form_say_what_replaced_them(tmp_path: Path) -> None:
    text = changed("avoid:", "principles:")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:7: 'principles' are no longer read; say it as give, avoid"
        " or close lines (see playbooks/general.yaml)"
    )


def test_unknown_key_in_a_question_lists_its_allowed_keys(tmp_path: Path) -> None:
    text = changed("    why: People like", "    probe: Tell me more\n    why: People like")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:13: questions[0]: unknown key 'probe';"
        " did you mean 'probes'? (allowed: id, text, slot, why, probes, needs, unless)"
    )


def test_duplicate_key_is_refused_rather_than_silently_overwritten(tmp_path: Path) -> None:
    text = changed("title: Sample\n", "title: Sample\ntitle: Other\n")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:4: title: duplicate key (first given on line 3)"
    )


def test_number_where_text_belongs_suggests_quotes(tmp_path: Path) -> None:
    assert error_for(tmp_path, changed("title: Sample", "title: 2024")) == (
        f"{tmp_path}/bad.yaml:3: title: expected text, got a number (2024);"
        " put it in quotes to use it as text"
    )


def test_mapping_where_a_list_belongs(tmp_path: Path) -> None:
    text = changed("  - Talking more than you listen.", "  first: Talking more than you listen.")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:8: avoid: expected a list, got a mapping"
    )


def test_single_stage_without_brackets_shows_the_list_form(tmp_path: Path) -> None:
    assert error_for(tmp_path, changed("stages: [seed]", "stages: seed")) == (
        f"{tmp_path}/bad.yaml:5: applies.stages:"
        " write a list, e.g. [seed], or 'any' for every stage"
    )


def test_empty_text_is_refused(tmp_path: Path) -> None:
    text = changed("why: Giving first sets the tone.", 'why: "  "')
    assert error_for(tmp_path, text) == f"{tmp_path}/bad.yaml:17: questions[1].why: is empty"


def test_missing_value_is_reported_as_empty(tmp_path: Path) -> None:
    assert error_for(tmp_path, changed("title: Sample", "title:")) == (
        f"{tmp_path}/bad.yaml:3: title: is empty"
    )


def test_empty_list_is_refused(tmp_path: Path) -> None:
    text = changed("  - Talking more than you listen.\n", "").replace("avoid:", "avoid: []")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:7: avoid: is empty; add at least one item"
    )


def test_unknown_stage_lists_the_stages(tmp_path: Path) -> None:
    text = changed("stages: [seed]", "stages: [seed, seeds]")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:5: applies.stages[1]: 'seeds' is not a known stage;"
        " did you mean 'seed'? (known: seed, feed, trusted, dormant, rest)"
    )


def test_unknown_goal_lists_the_goals(tmp_path: Path) -> None:
    text = changed("goals: [learn]", "goals:\n    - learn\n    - networking")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:8: applies.goals[1]: 'networking' is not a known goal"
        " (known: learn, job, advice, reconnect, ask, intro, help)"
    )


def test_unknown_slot_lists_the_slots(tmp_path: Path) -> None:
    text = changed("slot: origin_story", "slot: orign_story")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:12: questions[0].slot: 'orign_story' is not a known slot;"
        f" did you mean 'origin_story'? (known: {KNOWN_SLOTS})"
    )


def test_duplicate_question_id_points_at_the_second(tmp_path: Path) -> None:
    text = changed("  - id: help", "  - id: story")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:14: questions[1].id: 'story' is already used by questions[0]"
    )


def test_invalid_id_explains_the_allowed_form(tmp_path: Path) -> None:
    assert error_for(tmp_path, changed("id: sample", "id: First Meeting")) == (
        f"{tmp_path}/bad.yaml:1: id: 'First Meeting' is not a valid id; use up to 32 lowercase"
        " letters, digits and _, starting with a letter (e.g. first_meeting)"
    )


def test_prep_playbook_without_a_help_question_is_refused(tmp_path: Path) -> None:
    text = changed("slot: how_i_can_help", "slot: advice")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:10: questions: no question fills slot 'how_i_can_help';"
        " every prep playbook offers help (e.g. 'What could I do to help you?')"
    )


def test_yes_no_question_is_refused(tmp_path: Path) -> None:
    text = changed("text: How did you get started?", "text: Do you like your job?")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:11: questions[0].text: 'Do you like your job?' can be answered"
        " yes or no; ask it open-ended (what, how, who, tell me…)"
    )


def test_advice_too_long_for_a_phone_line(tmp_path: Path) -> None:
    text = changed("Talking more than you listen.", "Listen. " * 20)
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:8: avoid[0]: is 159 characters; keep avoid lines under 140"
        " so the top of a brief fits a phone screen"
    )


def test_question_too_long_to_read_at_a_glance(tmp_path: Path) -> None:
    text = changed("How did you get started?", "How " + "really " * 25 + "did you start?")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:11: questions[0].text: is 193 characters; keep questions under"
        " 140 so each can be read at a glance"
    )


def test_debrief_step_with_bad_answer_type(tmp_path: Path) -> None:
    text = changed("answer: date", "answer: datetime", VALID_DEBRIEF)
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:13: steps[1].answer: 'datetime' is not a known answer type;"
        " did you mean 'date'? (known: text, date)"
    )


def test_debrief_answer_defaults_to_text(tmp_path: Path) -> None:
    playbook = load_playbook(write(tmp_path, "debrief.yaml", VALID_DEBRIEF))
    assert [s.answer for s in playbook.steps] == ["text", "date"]
    assert playbook.questions == () and playbook.specificity == 0


def test_debrief_with_prep_keys_is_refused(tmp_path: Path) -> None:
    text = changed("title: Debrief\n", "title: Debrief\nprinciples: [Be brief]\n", VALID_DEBRIEF)
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:4: unknown key 'principles' (allowed: id, kind, title, steps)"
    )


def test_two_debrief_steps_writing_one_slot_are_refused(tmp_path: Path) -> None:
    text = changed("slot: follow_up", "slot: learned", VALID_DEBRIEF)
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:9: steps[1].slot: 'learned' is already written by step 'learned'"
    )


def test_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    raw = VALID_PREP.replace("Sample", "Caf\xe9").encode("latin-1")
    assert error_for(tmp_path, raw) == (
        f"{tmp_path}/bad.yaml:3: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    )


def test_utf8_with_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.yaml", "\ufeff" + VALID_PREP)
    assert load_playbook(path).title == "Sample"


def test_control_character_is_refused(tmp_path: Path) -> None:
    text = changed("title: Sample", "title: Sam\x07ple")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:3: YAML syntax error: character U+0007 is not allowed"
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_refused(tmp_path: Path, text: str) -> None:
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:1: file is empty; a playbook needs at least id, kind and title"
    )


def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "folder.yaml"
    path.mkdir()
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    assert str(caught.value) == f"{path}:1: cannot read file: Is a directory"


# --- placeholders and conditions --------------------------------------------------------------


def test_placeholders_and_conditions_are_read(tmp_path: Path) -> None:
    text = changed(
        "  stages: [seed]\n  goals: [learn]\n",
        "  relationships: [friend, introduced]\n  settings: [event]\n  known: [interests]\n"
        "  missing: [advice]\n  facts: [introducer]\n  promises: [theirs]\n"
        "  unless:\n    relationships: [friend]\n",
    ).replace(
        "    text: How did you get started?\n",
        "    text: How did you and {introducer} meet?\n    needs: [topic]\n",
    )
    playbook = load_playbook(write(tmp_path, "ok.yaml", text))
    applies = playbook.applies
    assert applies.relationships == frozenset({"friend", "introduced"})
    assert applies.settings == frozenset({"event"}) and applies.stages is None
    assert (applies.known, applies.missing) == (frozenset({"interests"}), frozenset({"advice"}))
    assert (applies.facts, applies.promises) == (frozenset({"introducer"}), frozenset({"theirs"}))
    assert applies.unless_relationships == frozenset({"friend"})
    assert applies.unless_settings == frozenset()
    assert playbook.questions[0].needs == frozenset({"introducer", "topic"})
    assert playbook.questions[0].key == "sample.story"
    # Two points each for relationship and setting, one for every other condition.
    assert playbook.specificity == 2 + 2 + 1 + 1 + 1 + 1


def test_unknown_placeholder_in_a_question_is_refused(tmp_path: Path) -> None:
    text = changed("How did you get started?", "How did you get started at {compnay}?")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:11: questions[0].text: unknown placeholder {{compnay}};"
        f" did you mean {{company}}? (known: {', '.join(FACTS)})"
    )


def test_unknown_placeholder_in_advice_is_refused(tmp_path: Path) -> None:
    text = changed("Talking more than you listen.", "Talking over {boss}.")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:8: avoid[0]: unknown placeholder {{boss}} (known: {', '.join(FACTS)})"
    )


def test_unknown_placeholder_in_a_probe_is_refused(tmp_path: Path) -> None:
    text = changed(
        "    why: Giving first", "    probes:\n      - And {their_boss}?\n    why: Giving first"
    )
    message = error_for(tmp_path, text)
    assert message.startswith(
        f"{tmp_path}/bad.yaml:18: questions[1].probes[0]: unknown placeholder {{their_boss}}"
    )


def test_a_brace_that_is_no_placeholder_is_refused(tmp_path: Path) -> None:
    text = changed("How did you get started?", "How did you get started {at Globex?")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:11: questions[0].text: a '{{' that opens or closes no placeholder"
        " (at character 25); placeholders look like {company}"
    )


def test_text_starting_with_a_placeholder_must_be_quoted(tmp_path: Path) -> None:
    text = changed("Talking more than you listen.", "{first_name} talks, you listen.")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:8: YAML syntax error: expected <block end>, but found '<scalar>';"
        " put text that starts with a {placeholder} in quotes"
    )
    alone = changed("Talking more than you listen.", "{first_name}")
    assert error_for(tmp_path, alone) == (
        f"{tmp_path}/bad.yaml:8: avoid[0]: expected text, got a mapping;"
        " put text that starts with a {placeholder} in quotes"
    )
    quoted = changed("Talking more than you listen.", "'{first_name} talks, you listen.'")
    assert load_playbook(write(tmp_path, "ok.yaml", quoted)).advice.avoid[0].startswith("{first")


def test_unknown_condition_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    assert error_for(tmp_path, changed("  stages: [seed]", "  stage: [seed]")) == (
        f"{tmp_path}/bad.yaml:5: applies: unknown condition 'stage'; did you mean 'stages'?"
        f" (allowed: {ALLOWED_CONDITIONS})"
    )


def test_empty_conditions_are_refused(tmp_path: Path) -> None:
    text = changed("applies:\n  stages: [seed]\n  goals: [learn]", "applies: {}")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:4: applies: is empty; name at least one condition, e.g. stages: any"
    )


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (
            "relationships: [boss]",
            "applies.relationships[0]: 'boss' is not a known relationship (known: "
            + ", ".join(RELATIONSHIPS)
            + ")",
        ),
        (
            "settings: [cofee]",
            "applies.settings[0]: 'cofee' is not a known setting; did you mean 'coffee'? (known: "
            + ", ".join(SETTINGS)
            + ")",
        ),
        (
            "known: [orign_story]",
            f"applies.known[0]: 'orign_story' is not a known slot; did you mean 'origin_story'?"
            f" (known: {KNOWN_SLOTS})",
        ),
        (
            "missing: [advise]",
            f"applies.missing[0]: 'advise' is not a known slot; did you mean 'advice'?"
            f" (known: {KNOWN_SLOTS})",
        ),
        (
            "facts: [compnay]",
            f"applies.facts[0]: 'compnay' is not a known fact; did you mean 'company'?"
            f" (known: {', '.join(FACTS)})",
        ),
        (
            "promises: [ours]",
            "applies.promises[0]: 'ours' is not a known side (known: mine, theirs)",
        ),
    ],
)
def test_unknown_condition_values_are_refused(tmp_path: Path, condition: str, message: str) -> None:
    text = changed("  goals: [learn]", f"  goals: [learn]\n  {condition}")
    assert error_for(tmp_path, text) == f"{tmp_path}/bad.yaml:7: {message}"


def test_unless_names_known_relationships_or_settings(tmp_path: Path) -> None:
    text = changed("  goals: [learn]", "  goals: [learn]\n  unless:\n    settings: [hallway]")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:8: applies.unless.settings[0]: 'hallway' is not a known setting"
        f" (known: {', '.join(SETTINGS)})"
    )
    text = changed("  goals: [learn]", "  goals: [learn]\n  unless:\n    goals: [job]")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:8: applies.unless: unknown condition 'goals'"
        " (allowed: relationships, settings, facts)"
    )


def test_unknown_fact_a_question_needs_is_refused(tmp_path: Path) -> None:
    text = changed("    slot: origin_story", "    slot: origin_story\n    needs: [budget]")
    assert error_for(tmp_path, text) == (
        f"{tmp_path}/bad.yaml:13: questions[0].needs[0]: 'budget' is not a known fact"
        f" (known: {', '.join(FACTS)})"
    )


def test_check_playbooks_names_file_and_line_of_bad_placeholders_and_conditions(
    tmp_path: Path,
) -> None:
    write(tmp_path, "debrief.yaml", VALID_DEBRIEF)
    write(tmp_path, "fallback.yaml", FALLBACK)
    write(
        tmp_path,
        "a.yaml",
        changed("id: sample", "id: a")
        .replace("{", "")
        .replace("How did you get started?", "What brought you to {employer}?"),
    )
    write(
        tmp_path, "b.yaml", changed("id: sample", "id: b").replace("goals: [learn]", "mood: [calm]")
    )
    assert [str(e) for e in check_playbooks([tmp_path])] == [
        f"{tmp_path}/a.yaml:11: questions[0].text: unknown placeholder {{employer}}"
        f" (known: {', '.join(FACTS)})",
        f"{tmp_path}/b.yaml:6: applies: unknown condition 'mood' (allowed: {ALLOWED_CONDITIONS})",
    ]


# --- a library --------------------------------------------------------------------------------


def test_check_collects_the_first_error_of_every_file(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", changed("title: Sample", "title:"))
    write(tmp_path, "b.yml", changed("id: sample", "id: other"))
    write(tmp_path, "c.yaml", changed("id: sample", "id: c").replace("why: P", "wy: P"))
    write(tmp_path, "notes.txt", "not a playbook")
    assert [str(e) for e in check_playbooks([tmp_path])] == [
        f"{tmp_path}/a.yaml:3: title: is empty",
        f"{tmp_path}/c.yaml:13: questions[0]: unknown key 'wy'; did you mean 'why'?"
        " (allowed: id, text, slot, why, probes, needs, unless)",
    ]


def test_a_complete_library_loads(tmp_path: Path) -> None:
    write(tmp_path, "debrief.yaml", VALID_DEBRIEF)
    write(tmp_path, "fallback.yaml", FALLBACK)
    write(tmp_path, "sample.yaml", VALID_PREP)
    library = load_library(tmp_path)
    assert library.debrief.id == "debrief"
    assert [p.id for p in library.prep] == ["fallback", "sample"]
    assert [p.id for p in library.applicable(meeting("seed", "learn"))] == ["sample", "fallback"]
    assert [p.id for p in library.applicable(meeting("feed", "learn"))] == ["fallback"]


def test_duplicate_playbook_ids_point_at_the_second_file(tmp_path: Path) -> None:
    write(tmp_path, "debrief.yaml", VALID_DEBRIEF)
    write(tmp_path, "a.yaml", FALLBACK)
    write(tmp_path, "b.yaml", "# a copy\n" + FALLBACK)
    assert [str(e) for e in check_playbooks([tmp_path])] == [
        f"{tmp_path}/b.yaml:2: id: 'fallback' is already used by {tmp_path}/a.yaml"
    ]


def test_library_without_a_debrief_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "fallback.yaml", FALLBACK)
    assert [str(e) for e in check_playbooks([tmp_path])] == [
        f"{tmp_path}:0: no debrief playbook (kind: debrief)"
    ]


def test_library_with_two_debriefs_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID_DEBRIEF)
    write(tmp_path, "b.yaml", changed("id: debrief", "id: debrief_two", VALID_DEBRIEF))
    write(tmp_path, "fallback.yaml", FALLBACK)
    assert [str(e) for e in check_playbooks([tmp_path])] == [
        f"{tmp_path}/b.yaml:2: kind: a second debrief playbook; the library uses one"
        f" (the first is {tmp_path}/a.yaml)"
    ]


def test_uncovered_stage_and_goal_combinations_are_reported_per_stage(tmp_path: Path) -> None:
    write(tmp_path, "debrief.yaml", VALID_DEBRIEF)
    write(tmp_path, "sample.yaml", changed("stages: [seed]", "stages: any"))
    errors = [str(e) for e in check_playbooks([tmp_path])]
    assert errors == [
        f"{tmp_path}:0: no prep playbook for stage '{stage}' with goal job, advice, reconnect,"
        " ask, intro, help; add one or widen an existing playbook's applies"
        for stage in STAGES
    ]


def test_coverage_is_not_reported_while_a_file_is_broken(tmp_path: Path) -> None:
    write(tmp_path, "debrief.yaml", VALID_DEBRIEF)
    write(tmp_path, "fallback.yaml", changed("kind: prep", "kind: [prep]", FALLBACK))
    assert [str(e) for e in check_playbooks([tmp_path])] == [
        f"{tmp_path}/fallback.yaml:2: kind: expected text, got a list"
    ]


def test_missing_paths_and_empty_directories_are_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing.yaml"
    assert [str(e) for e in check_playbooks([empty, missing])] == [
        f"{empty}:0: no playbooks here (*.yaml or *.yml)",
        f"{missing}:0: no such file or directory",
    ]


def test_load_library_raises_with_every_error(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", changed("title: Sample", "title:"))
    write(tmp_path, "b.yaml", changed("id: sample", "id: b").replace("kind: prep", "kind: pep"))
    with pytest.raises(LibraryError) as caught:
        load_library(tmp_path)
    assert [(e.path.name, e.line) for e in caught.value.errors] == [("a.yaml", 3), ("b.yaml", 2)]
    assert str(caught.value).splitlines() == [str(e) for e in caught.value.errors]


def test_a_playbook_or_a_question_can_rule_out_relationships_and_known_facts(
    tmp_path: Path,
) -> None:
    text = changed("  goals: [learn]\n", "  goals: [learn]\n  unless:\n    facts: [host]\n")
    text = changed(
        "    slot: origin_story\n",
        "    slot: origin_story\n    unless:\n"
        "      relationships: [friend]\n      facts: [target]\n",
        text,
    )
    playbook = load_playbook(write(tmp_path, "ok.yaml", text))
    assert playbook.applies.unless_facts == frozenset({"host"})
    story = playbook.questions[0]
    assert (story.unless_relationships, story.unless_facts) == (
        frozenset({"friend"}),
        frozenset({"target"}),
    )
    # Excluding adds no specificity: it fits fewer meetings, not any one better.
    assert playbook.specificity == 2


def test_a_question_cannot_rule_out_an_unknown_fact_or_a_setting(tmp_path: Path) -> None:
    unknown = changed(
        "    slot: origin_story\n", "    slot: origin_story\n    unless:\n      facts: [hots]\n"
    )
    assert error_for(tmp_path, unknown).startswith(
        f"{tmp_path}/bad.yaml:14: questions[0].unless.facts[0]: 'hots' is not a known fact;"
        " did you mean 'host'?"
    )
    setting = changed(
        "    slot: origin_story\n",
        "    slot: origin_story\n    unless:\n      settings: [event]\n",
    )
    assert "questions[0].unless: unknown condition 'settings'" in error_for(tmp_path, setting)
