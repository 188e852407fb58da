"""The hard moment of a meeting: which one a brief scripts, and the line the user can say."""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.coaching.brief import build_brief
from bot.coaching.moment import Moment, hard_moment, is_late, to_them, where_you_met
from bot.coaching.playbooks import Library
from bot.coaching.situation import RELATIONSHIPS, SETTINGS, AskTarget, Situation
from bot.coaching.stages import GOALS, Stage
from bot.render import Renderer
from tests.unit.test_brief import FIRST_BRIEF_LIMIT, brief_text, meeting, render, shipped

__all__ = ["render", "shipped"]  # fixtures, used by name

MET = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def said_line(text: str) -> str | None:
    """The scripted line at the top of a brief, if any."""
    found = re.search(r"^🗣 (?:Say(?: first)?|First): (.+)$", text, flags=re.MULTILINE)
    return found.group(1) if found else None


# -- when a promise is late -------------------------------------------------------------------


def test_a_promise_is_late_once_its_day_has_passed() -> None:
    noted = MET + timedelta(hours=2)
    assert is_late(noted, NOW - timedelta(days=1), MET, NOW)
    assert not is_late(noted, NOW + timedelta(days=1), MET, NOW)
    assert not is_late(noted, None, MET, NOW)


def test_a_promise_is_late_once_a_meeting_went_by_without_it() -> None:
    assert is_late(MET - timedelta(days=30), None, MET, NOW)
    assert not is_late(MET - timedelta(days=30), None, None, NOW)


# -- which moment -----------------------------------------------------------------------------


def test_an_easy_first_coffee_has_no_moment() -> None:
    for goal in GOALS:
        situation = meeting("seed", goal, relationship="never_met", setting="coffee")
        assert hard_moment(situation) is None


def test_a_late_promise_comes_before_everything_else() -> None:
    situation = meeting(
        "dormant",
        "reconnect",
        relationship="introduced",
        introducer="Nina",
        last_talked="years",
        mine_open=("Send him the grant report", "introduce him to Farah"),
        mine_late=("introduce him to Farah",),
        theirs_kept=("an intro to Sam",),
    )
    assert hard_moment(situation) == Moment("late_promise", "introduce you to Farah", owed=1)


def test_thanks_for_their_help_come_before_a_promise_still_in_time() -> None:
    situation = meeting(
        "feed",
        "learn",
        mine_open=("send the deck",),
        theirs_kept=("She offered to review my CV",),
    )
    assert hard_moment(situation) == Moment("thanks")
    met = replace_kept(situation, ("dinner next time, my treat",))
    assert hard_moment(met) == Moment("open_promise", "send the deck", owed=0)


def replace_kept(situation: Situation, kept: tuple[str, ...]) -> Situation:
    return replace(situation, theirs_kept=kept)


@pytest.mark.parametrize(
    ("known", "kind"),
    [
        ({"relationship": "introduced", "introducer": "Nina"}, "introducer"),
        ({"relationship": "introduced"}, None),  # nobody to name
        ({"relationship": "met_once"}, "met_once"),
        ({"relationship": "met_once", "last_met": MET}, None),  # met here since: no re-intro
        ({"relationship": "friend", "last_talked": "years", "stage": "dormant"}, "reconnect"),
        ({"relationship": "former_manager", "last_talked": "years"}, "reconnect"),
        ({"relationship": "friend", "last_talked": "recent"}, None),
    ],
)
def test_how_you_come_to_meet_decides_the_moment(known: dict[str, Any], kind: str | None) -> None:
    stage = known.pop("stage", "seed")
    moment = hard_moment(meeting(stage, "learn", **known))
    assert (moment.kind if moment else None) == kind


def test_a_scripted_ask_is_the_line_to_have_ready() -> None:
    introduced = meeting("seed", "intro", relationship="introduced", introducer="Nina")
    assert hard_moment(introduced, scripted=True) is None
    late = meeting("seed", "intro", mine_open=("send the deck",), mine_late=("send the deck",))
    assert hard_moment(late, scripted=True) == Moment("late_promise", "send the deck", owed=0)


@pytest.mark.parametrize(
    ("noted", "said"),
    [
        ("send her my case study", "send you my case study"),
        ("review his CV before Friday", "review your CV before Friday"),
        ("Introduce her to Farah", "Introduce you to Farah"),
        ("look at her portfolio", "look at your portfolio"),
        ("put them in touch with Sam", "put you in touch with Sam"),
    ],
)
def test_a_note_about_them_is_said_to_them(noted: str, said: str) -> None:
    assert to_them(noted) == said


# -- the line in the brief --------------------------------------------------------------------


def test_a_late_promise_is_owned_up_to_at_the_top_and_listed_once(
    render: Renderer, shipped: Library
) -> None:
    situation = meeting(
        "feed",
        "learn",
        relationship="met_once",
        last_met=MET,
        mine_open=("Introduce her to Farah",),
        mine_late=("Introduce her to Farah",),
    )
    text = brief_text(render, shipped, situation)
    assert said_line(text) == (
        "“First, I owe you an apology. I said I'd introduce you to Farah and I haven't yet."
        " I'll do it by [day].”"
    )
    assert text.count("Farah") == 1
    top = text.split("\n\n")[1]
    assert "🗣 Say first:" in top


def test_a_promise_in_time_gets_its_when_said_on_its_own_line(
    render: Renderer, shipped: Library
) -> None:
    situation = meeting("feed", "learn", last_met=MET, mine_open=("send the grant report",))
    text = brief_text(render, shipped, situation)
    assert said_line(text) is None
    assert (
        "✅ You promised to send the grant report. Do it before you meet, or tell Dana when you"
        " will: “I haven't done it yet. I'll do it by [day].”"
    ) in text
    assert "apology" not in text


def test_thanks_come_first_on_their_own_line_with_no_blank_to_fill(
    render: Renderer, shipped: Library
) -> None:
    situation = meeting(
        "feed", "job", last_met=MET, theirs_kept=("She'll send my CV to two recruiters",)
    )
    text = brief_text(render, shipped, situation)
    assert said_line(text) is None
    assert (
        "🙏 Done by Dana: “She'll send my CV to two recruiters”. Thank them first thing, and"
        " say in a line what came of it."
    ) in text
    # A judge read "It led to [what came of it]" as a template left unfilled.
    assert "[" not in text.split("🙏", 1)[1].split("\n", 1)[0]
    assert text.count("recruiters") == 1


@pytest.mark.parametrize(
    ("known", "line"),
    [
        (
            {"relationship": "introduced", "introducer": "Elin Berg"},
            "“Elin Berg suggested we talk, because [why they thought of us both].”",
        ),
        (
            {
                "relationship": "met_once",
                "me": "Jonas Weber",
                "known_from": "met once at a conference in Montreal, talked about bridge scour",
            },
            "“Hi Dana, Jonas. We met at a conference in Montreal, talking about bridge scour.”",
        ),
        (
            {
                "relationship": "met_once",
                "known_from": "We met at Sam's leaving do two years ago",
            },
            "“Hi Dana, [your name]. We met at Sam's leaving do.”",
        ),
        (
            {"relationship": "met_once", "known_from": "we chatted about pricing, briefly"},
            "“Hi Dana, [your name]. We talked about pricing when we met.”",
        ),
        (
            {"relationship": "met_once", "known_from": "met once, I think at some party"},
            "remind Dana in one line who you are, where you met and what you talked about.",
        ),
        (
            {"relationship": "met_once"},
            "remind Dana in one line who you are, where you met and what you talked about.",
        ),
        (
            {"relationship": "former_colleague", "last_talked": "years"},
            "“It's been far too long! What have you been up to?”",
        ),
    ],
)
def test_a_first_meeting_line_names_how_you_come_to_meet(
    render: Renderer, shipped: Library, known: dict[str, Any], line: str
) -> None:
    stage: Stage = "dormant" if known.get("last_talked") == "years" else "seed"
    text = brief_text(render, shipped, meeting(stage, "learn", setting="coffee", **known))
    assert said_line(text) == line
    assert len(text) < FIRST_BRIEF_LIMIT, text


def test_never_more_than_one_line_and_a_first_brief_stays_short(
    render: Renderer, shipped: Library
) -> None:
    for relationship, setting, goal in itertools.product(RELATIONSHIPS, SETTINGS, GOALS):
        situation = meeting(
            "seed",
            goal,
            relationship=relationship,
            setting=setting,
            introducer="Elin" if relationship == "introduced" else None,
            ask=AskTarget("Victor Hale") if goal == "intro" else None,
        )
        text = brief_text(render, shipped, situation)
        assert len(re.findall(r"^🗣", text, flags=re.MULTILINE)) <= 1
        if relationship == "never_met":
            assert said_line(text) is None
        assert len(text) < FIRST_BRIEF_LIMIT, text
        brief = build_brief(shipped, situation, random.Random(7))
        if brief.script or brief.ask:
            assert said_line(text) is None, text


@pytest.mark.parametrize(
    ("words", "where", "what"),
    [
        (
            "Met once for five minutes at the Canadian Climate Adaptation conference in Montreal"
            " last May, after his talk on flood risk. I asked a question about bridge scour and"
            " we swapped cards.",
            "the Canadian Climate Adaptation conference in Montreal",
            "bridge scour",
        ),
        (
            "met her at the Lisbon web summit, we spoke about carbon accounting",
            "the Lisbon web summit",
            "carbon accounting",
        ),
        (
            "met once at the RIBA awards and chatted about timber frames",
            "the RIBA awards",
            "timber frames",
        ),
        ("Met him at a friend's wedding in 2023", "a friend's wedding", None),
        ("met once", None, None),
        ("met at some party I think", None, None),
        ("met at my old job", None, None),
        (None, None, None),
    ],
)
def test_where_you_met_is_read_from_how_you_said_you_know_them(
    words: str | None, where: str | None, what: str | None
) -> None:
    assert where_you_met(words) == (where, what)


def test_a_re_introduction_never_leaves_blanks_about_where_you_met(
    render: Renderer, shipped: Library
) -> None:
    for known_from in (None, "met once", "met at a conference in Oslo", "we talked about tides"):
        situation = meeting(
            "seed", "learn", relationship="met_once", setting="event", known_from=known_from
        )
        text = brief_text(render, shipped, situation)
        assert "[where]" not in text and "[what]" not in text, text
