import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.coaching.brief import build_brief
from bot.coaching.playbooks import DEFAULT_PLAYBOOKS_DIR, load_library
from bot.coaching.situation import AskTarget, Situation
from bot.coaching.stages import GOALS, STAGES
from bot.config import PROJECT_ROOT
from bot.render import Renderer
from bot.sandbox.telegram_html import parse_html
from tests.unit.helpers import note


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

    situation = Situation(
        Contact.name,
        "intro",
        "trusted",
        company=Contact.company,
        relationship="friend",
        setting="event",
        setting_words="after <u>her</u> talk & drinks",
        topic="<b>bold</b> ideas",
        ask=AskTarget("<i>Victor</i> & co", can_help="no"),
        notes=(
            note("interests", "<i>likes</i> jazz & blues"),
            note("what_they_value", "fair <play>"),
            note("who_they_know", "<a href='x'>Ann</a>"),
        ),
        mine_open=("send <the> deck",),
        theirs_open=("intro to <Sam>",),
    )
    brief = build_brief(load_library(DEFAULT_PLAYBOOKS_DIR), situation, random.Random(0))
    html = render.message(
        "prep/brief",
        contact=Contact(),
        goal="intro",
        when=datetime(2026, 12, 3, 14, 0, tzinfo=UTC),
        all_day=False,
        situation=situation,
        brief=brief,
        next_follow_up=None,
        tz=UTC,
        offer_reminder=True,
    )
    shown = parse_html(html)
    assert "Brief: <script>&amp; Ω, A&B <Ltd>" in shown
    assert (
        "Thu 3 Dec, 14:00 · after <u>her</u> talk & drinks · talk: “<b>bold</b> ideas” · friend"
        in shown
    )
    assert "introducing me to <i>Victor</i> & co?" in shown
    assert "can't say yes to this" in shown
    assert "You promised to send <the> deck" in shown
    assert "offered an intro to <Sam>" in shown
    assert "Last time: “<i>likes</i> jazz & blues”" in shown
    assert "cares about “fair <play>”" in shown
    assert "• Who they know: <a href='x'>Ann</a>" in shown
