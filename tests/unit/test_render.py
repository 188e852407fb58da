from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.coaching.stages import GOALS, STAGES
from bot.config import PROJECT_ROOT
from bot.render import Renderer
from bot.sandbox.telegram_html import parse_html


@pytest.fixture(scope="module")
def render() -> Renderer:
    return Renderer(PROJECT_ROOT / "prompts")


def test_every_goal_and_stage_has_a_label(render: Renderer) -> None:
    for goal in GOALS:
        assert render.label(f"goals.{goal}")
    for stage in STAGES:
        assert render.label(f"stages.{stage}")


def test_labels_fill_in_values(render: Renderer) -> None:
    assert render.label("keep_name", name="Ada") == "Keep “Ada”"


def test_html_in_user_text_is_shown_literally(render: Renderer) -> None:
    html = render.message("prep/company", name="<b>Bob & Co</b>")
    assert "<b>Bob" not in html
    assert "<b>Bob & Co</b>" in parse_html(html)


def test_a_missing_value_is_an_error_not_a_gap(render: Renderer) -> None:
    with pytest.raises(Exception, match="name"):
        render.message("prep/company")


def test_every_template_is_valid_jinja() -> None:
    prompts = PROJECT_ROOT / "prompts"
    render = Renderer(prompts)
    names = sorted(p.relative_to(prompts).with_suffix("") for p in prompts.rglob("*.html"))
    assert len(names) > 10
    for name in names:
        # Loading compiles the template, so a syntax error fails here.
        render._env.get_template(f"{Path(name)}.html")


def test_brief_is_valid_telegram_html_with_hostile_names(render: Renderer) -> None:
    class Contact:
        name = "<script>&amp; Ω"
        company = "A&B <Ltd>"
        role = None
        stage = "seed"

    class Question:
        text = "What's <new>?"
        why = "Because & so"

    html = render.message(
        "prep/brief",
        contact=Contact(),
        goal="ask",
        when=datetime(2026, 12, 3, 14, 0, tzinfo=UTC),
        all_day=False,
        facts={"learned": "<i>likes</i> jazz & blues"},
        mine=["send <the> deck"],
        theirs=[],
        next_follow_up=None,
        tz=UTC,
        deeper=[("learned", "a <new> job")],
        questions=[Question()] * 3,
        principles=["Listen > talk"],
        cautions=["dont_pitch", "give_first", "can_they_say_yes", "rest_stage"],
        offer_reminder=True,
    )
    shown = parse_html(html)
    assert "Brief: <script>&amp; Ω, A&B <Ltd>" in shown
    assert "Thu 3 Dec, 14:00" in shown
    assert "Listen > talk" in shown
    assert shown.count("⚠️") == 4
    assert "What you learned: <i>likes</i> jazz & blues" in shown
    assert "You promised: send <the> deck" in shown
    assert "Last time: “a <new> job”" in shown
