"""The pre-meeting brief: the aim, the one ask, one thing to give and one to avoid, warnings
when the ask comes too early, questions, and memory turned into action, on one screen."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.coaching.brief import (
    Brief,
    Warning,
    build_brief,
    has_ask,
    too_early,
    warnings_for,
)
from bot.coaching.fact_fit import about_work
from bot.coaching.facts import can_fill
from bot.coaching.playbook_model import ADVICE_KINDS
from bot.coaching.playbooks import DEFAULT_PLAYBOOKS_DIR, Library, Playbook, load_library
from bot.coaching.situation import (
    RELATIONSHIPS,
    SETTINGS,
    AskTarget,
    LastTalked,
    Relationship,
    Setting,
    Situation,
    is_close,
    stage_for,
)
from bot.coaching.stages import GOALS, STAGES, Goal, Stage
from bot.config import PROJECT_ROOT
from bot.render import Renderer
from bot.sandbox.telegram_html import parse_html
from bot.storage.contacts import Contact
from tests.unit.helpers import note

THU = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
FIRST_BRIEF_LIMIT = 1200


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(DEFAULT_PLAYBOOKS_DIR)


@pytest.fixture(scope="module")
def render() -> Renderer:
    return Renderer(PROJECT_ROOT / "prompts")


def meeting(stage: Stage = "seed", goal: Goal = "learn", **known: Any) -> Situation:
    known.setdefault("name", "Dana Whitfield")
    name = known.pop("name")
    return Situation(name, goal, stage, **known)


def brief_text(
    render: Renderer, library: Library, situation: Situation, when: datetime | None = THU
) -> str:
    brief = build_brief(library, situation, random.Random(7), when)
    contact = Contact(
        id=1,
        owner_id=1,
        name=situation.name,
        company=situation.company,
        role=situation.role,
        stage=situation.stage,
        created_at=THU,
        last_met_at=None,
    )
    html = render.message(
        "prep/brief",
        contact=contact,
        goal=situation.goal,
        when=when,
        all_day=False,
        situation=situation,
        brief=brief,
        next_follow_up=None,
        tz=UTC,
        offer_reminder=when is not None,
    )
    return parse_html(html)  # what Telegram shows: refuses anything but valid Telegram HTML


# --- when the ask comes too early -------------------------------------------------------------


@pytest.mark.parametrize(
    ("situation", "reasons"),
    [
        (meeting("seed", "ask"), ("new", "nothing_given")),
        (meeting("dormant", "ask"), ("lapsed", "nothing_given")),
        (meeting("feed", "ask"), ("nothing_given",)),
        # A small ask (an introduction with lines to forward, their advice) is fine with
        # anyone you have met; an introduction is not a stranger's to make for you.
        (meeting("dormant", "intro"), ()),
        (meeting("seed", "intro", relationship="met_once"), ()),
        (meeting("seed", "intro", relationship="introduced", last_talked="recent"), ()),
        (meeting("seed", "intro", relationship="never_met"), ("new",)),
        (meeting("seed", "intro", relationship="introduced"), ("new",)),
        (
            meeting(
                "seed", "ask", relationship="met_once", aim="ask him to put me in touch with Lin"
            ),
            (),
        ),
        (meeting("seed", "ask", relationship="never_met", aim="her advice on pricing"), ()),
        (
            meeting("seed", "intro", relationship="met_once", mine_open=("the article",)),
            ("promises_open",),
        ),
        # A big ask from someone you have not met, or not given to, is early.
        (
            meeting("seed", "ask", relationship="met_once", aim="ask her to be a reference"),
            ("new", "nothing_given"),
        ),
        (
            meeting("feed", "ask", relationship="met_once", aim="ask him to look over my CV"),
            ("nothing_given",),
        ),
        (
            meeting(
                "seed", "ask", relationship="never_met", aim="ask if she could lend me her van"
            ),
            ("new", "nothing_given"),
        ),
        (meeting("feed", "ask", gave_before=True), ()),
        (meeting("trusted", "intro"), ()),
        (meeting("trusted", "intro", mine_open=("send the deck",)), ("promises_open",)),
        (meeting("rest", "ask", gave_before=True), ("lapsed",)),
        (meeting("seed", "learn"), ()),  # no ask, nothing to be early for
        (meeting("seed", "job", ask=AskTarget("Victor Hale")), ()),  # a job search asks nothing
        # A former manager out of touch for years can still be asked for a reference.
        (meeting("dormant", "ask", relationship="former_manager"), ()),
        (
            meeting("dormant", "ask", relationship="friend", mine_open=("the book",)),
            ("promises_open",),
        ),
    ],
)
def test_an_ask_is_early_when_new_lapsed_ungiven_or_owing(
    situation: Situation, reasons: tuple[str, ...]
) -> None:
    assert too_early(situation) == reasons


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        (meeting("seed", "learn"), ()),
        (meeting("trusted", "advice"), ()),
        (meeting("rest", "reconnect"), (Warning("rest_stage"),)),
        (
            meeting("trusted", "intro", ask=AskTarget("Victor", can_help="introduce")),
            (),
        ),
        (meeting("trusted", "ask"), (Warning("check_say_yes"),)),
        (
            meeting("trusted", "ask", ask=AskTarget("Victor", can_help="no")),
            (Warning("cant_say_yes"),),
        ),
        (
            meeting("rest", "ask"),
            (
                Warning("rest_stage"),
                Warning("too_early", ("lapsed", "nothing_given")),
                Warning("check_say_yes"),
            ),
        ),
    ],
)
def test_warnings_come_in_order_whether_to_meet_then_how_to_ask(
    situation: Situation, expected: tuple[Warning, ...]
) -> None:
    assert warnings_for(situation) == expected


def test_the_early_warning_says_why_and_what_to_give_first(
    render: Renderer, shipped: Library
) -> None:
    text = brief_text(
        render,
        shipped,
        meeting("feed", "ask", notes=(note("their_asks", "a CV review for her brother"),)),
    )
    assert "⚠️ Early for the ask: you haven't given anything yet. Today, ask for something" in text
    assert "🎁 Give first: what they asked of you, “a CV review for her brother”" in text
    owing = brief_text(render, shipped, meeting("trusted", "intro", mine_open=("the deck",)))
    assert "Early for the ask: you still owe them a promise. Keep your promise first" in owing
    lapsed = brief_text(render, shipped, meeting("dormant", "ask", gave_before=True))
    assert "Early for the ask: you've been out of touch. Catch up first;" in lapsed
    assert "Early for the ask" not in brief_text(render, shipped, meeting("trusted", "intro"))


@pytest.mark.parametrize("setting", ["event", "coffee", "video"])
@pytest.mark.parametrize(
    ("relationship", "last_talked"),
    [("met_once", "months"), ("met_once", "years"), ("introduced", "recent")],
)
def test_an_introduction_made_easy_is_not_early_with_someone_you_have_met(
    render: Renderer,
    shipped: Library,
    setting: Setting,
    relationship: Relationship,
    last_talked: LastTalked,
) -> None:
    """Someone senior you met once, asked to introduce you to a colleague, with three lines
    ready to forward: a small, easy ask that is exactly right, not one to hold back."""
    situation = meeting(
        stage_for(relationship, last_talked).stage,
        "intro",
        name="Walter Brandt",
        relationship=relationship,
        last_talked=last_talked,
        setting=setting,
        introducer="Nina",
        ask=AskTarget("Lena Fischer", "she leads the grid team", "introduce"),
    )
    text = brief_text(render, shipped, situation)
    assert "Early for the ask" not in text and "Give first" not in text
    assert "Lena Fischer" in text and "to forward" in text
    # What to walk out with is the introduction, even in a hallway.
    assert "🎯 Get an introduction: an introduction to Lena Fischer" in text


# --- the ask, written out ---------------------------------------------------------------------


def test_a_friend_asked_for_an_introduction_gets_the_ask_with_an_easy_way_out(
    shipped: Library,
) -> None:
    situation = meeting(
        "trusted",
        "intro",
        name="Sofia Marquez",
        relationship="friend",
        ask=AskTarget("Victor Hale", "runs the platform team", "introduce"),
    )
    brief = build_brief(shipped, situation, random.Random(1))
    assert brief.ask is not None
    assert "introducing me to Victor Hale" in brief.ask
    assert "three lines you can forward" in brief.ask and "no problem at all" in brief.ask
    assert brief.blurb is not None and brief.blurb.startswith("Hi Victor, I'm [your name]")
    assert "Sofia" in brief.blurb
    assert brief.warnings == ()  # a close friend who can introduce: nothing to warn about


def test_an_introduction_without_a_named_target_asks_who_it_should_be(shipped: Library) -> None:
    brief = build_brief(shipped, meeting("feed", "intro", gave_before=True), random.Random(1))
    assert brief.ask is not None and brief.ask.startswith(
        "“Who's the one person I should talk to next?"
    )
    assert brief.blurb is not None and "[their name]" in brief.blurb
    assert "{" not in brief.ask + brief.blurb


def test_no_ask_is_written_when_you_came_to_learn(shipped: Library) -> None:
    goals: list[Goal] = ["learn", "reconnect", "job", "advice"]
    for stage in STAGES:
        for goal in goals:
            brief = build_brief(shipped, meeting(stage, goal), random.Random(1))
            assert brief.ask is None and brief.blurb is None, (stage, goal)


def test_advice_comes_from_the_best_fitting_playbook(shipped: Library) -> None:
    hallway = build_brief(
        shipped, meeting(setting="event", topic="observability"), random.Random(1)
    )
    assert hallway.close is not None and "let you get to the next session" in hallway.close
    assert hallway.aim is not None and "observability" in hallway.aim
    introduced = build_brief(
        shipped, meeting(relationship="introduced", introducer="Nina"), random.Random(1)
    )
    assert introduced.close is not None and introduced.close.endswith("thank Nina today")


def test_the_users_own_aim_comes_first(shipped: Library) -> None:
    own = meeting(aim="how people move from analytics into data engineering")
    assert build_brief(shipped, own, random.Random(1)).aim == own.aim


def test_with_nothing_known_every_meeting_still_gets_aim_give_avoid_and_close(
    shipped: Library,
) -> None:
    for stage in STAGES:
        for goal in GOALS:
            brief = build_brief(shipped, meeting(stage, goal), random.Random(1))
            for line in (brief.aim, brief.give, brief.avoid, brief.close):
                assert line and "{" not in line, (stage, goal, brief)


# --- the brief on a phone ---------------------------------------------------------------------

FIRST_MEETINGS = [
    meeting(
        "seed",
        "learn",
        name="Ben Carter",
        company="Haulwise",
        role="Engineering Director",
        relationship="introduced",
        introducer="Nina",
        setting="coffee",
        aim="how people move from analytics into data engineering at Haulwise",
        field="data engineering",
    ),
    meeting(
        "trusted",
        "intro",
        name="Sofia Marquez",
        relationship="friend",
        setting="meal",
        ask=AskTarget("Victor Hale", "runs the platform team at Haulwise", "introduce"),
    ),
    meeting(
        "dormant",
        "reconnect",
        name="Ruth Okoye",
        company="Ledgerly",
        role="VP Product",
        relationship="former_manager",
        last_talked="years",
        setting="video",
    ),
    meeting(
        "seed",
        "learn",
        name="Kenji Mori",
        relationship="never_met",
        setting="event",
        topic="observability on a budget",
    ),
    meeting(
        "seed",
        "learn",
        name="Priya Raman",
        company="Northwind Logistics",
        role="Head of Data Science",
        relationship="never_met",
        setting="video",
        field="product design",
        aim="what it takes to move from graphic design into product design",
    ),
    meeting(
        "seed",
        "job",
        name="Alexandra Konstantinopoulou",
        company="Interstellar Freight Forwarding International",
        role="Senior Vice President of Engineering",
        setting="interview",
    ),
    meeting("seed", "ask", name="Sam"),
    meeting(
        "seed",
        "intro",
        name="Tom Becker",
        company="Globex",
        role="Recruiter",
        relationship="met_once",
        setting="coffee",
        ask=AskTarget("Maria Lopez-Fernandez", "leads hiring for the data platform"),
    ),
    meeting(
        "trusted",
        "ask",
        name="Jonas Weber",
        relationship="worked_together",
        setting="coffee",
        aim="a reference for the Globex application",
        ask=AskTarget("Jonas Weber", can_help="yes"),
    ),
    meeting(
        "dormant",
        "intro",
        name="Chiara Rossi",
        relationship="former_colleague",
        last_talked="years",
        setting="meal",
        ask=AskTarget("Aleksandra Wiśniewska-Kowalczyk", "runs design at Pinewood Health"),
    ),
    *(meeting(stage, goal) for stage in STAGES for goal in GOALS),
]


@pytest.mark.parametrize("situation", FIRST_MEETINGS, ids=lambda s: f"{s.name}-{s.goal}-{s.stage}")
def test_a_first_brief_fits_one_phone_screen(
    render: Renderer, shipped: Library, situation: Situation
) -> None:
    text = brief_text(render, shipped, situation)
    assert len(text) < FIRST_BRIEF_LIMIT, text
    top = text.split("\n\n")[1]  # after the header: aim, ask, give, avoid, warnings
    assert 3 <= len(top.splitlines()) <= 6, top
    assert top.startswith(f"🎯 {render.label(f'goals.{situation.goal}')}")
    questions = re.findall(r"^\d\. (.+)$", text, flags=re.MULTILINE)
    assert len(questions) == {"event": 2, "video": 3}.get(situation.setting or "", 4)
    assert "{" not in text and "}" not in text


def test_the_header_says_how_you_know_them_and_why_that_stage(
    render: Renderer, shipped: Library
) -> None:
    manager = brief_text(render, shipped, FIRST_MEETINGS[2])
    assert (
        "10:00 · video call · former manager · Dormant: quiet for over a year, but they know you"
        in manager
    )
    introduced = brief_text(render, shipped, FIRST_MEETINGS[0])
    assert "· coffee · Seed: introduced by Nina, first meeting" in introduced
    unknown = brief_text(render, shipped, meeting("seed", "learn"), when=None)
    assert "no date set · Seed · just met" in unknown


def test_a_hallway_chat_is_an_opener_a_follow_up_and_an_exit_line(
    render: Renderer, shipped: Library
) -> None:
    # Nothing said who gave the talk: it is ground you both share, not theirs to be thanked for.
    text = brief_text(render, shipped, FIRST_MEETINGS[3])
    # Any topic reads well when spoken: it is quoted as the talk's title, not pasted in.
    assert "1. What did you make of the talk on ‘observability on a budget’?" in text
    assert "2. What are you hoping to take away from today" in text
    assert "3. " not in text
    assert "I'll let you get to the next session" in text
    assert "thank-you for" not in text and "give a talk" not in text
    assert "Your own take on ‘observability on a budget’" in text
    # Said they spoke: the opener is about their talk, the follow-up about their work.
    spoke = replace(FIRST_MEETINGS[3], setting_words="right after his talk at the meetup")
    text = brief_text(render, shipped, spoke)
    assert "1. What drew you to talk about ‘observability on a budget’?" in text
    assert "2. Where do you want to take this work next, and what would help?" in text
    assert "3. " not in text
    assert "A specific thank-you for Kenji's talk" in text


def test_the_brief_says_where_in_your_words_and_the_playbooks_fit_the_kind(
    render: Renderer, shipped: Library
) -> None:
    pints = meeting(
        "trusted",
        "intro",
        relationship="friend",
        setting="drinks",
        setting_words="pints at The Marble Arch",
    )
    text = brief_text(render, shipped, pints)
    assert "Thu 26 Nov, 10:00 · pints at The Marble Arch · friend" in text
    assert "coffee" not in text.casefold()
    assert "drinks" in build_brief(shipped, pints, random.Random(1)).playbooks

    walk = meeting(setting="walk", setting_words="a walk around the park")
    text = brief_text(render, shipped, walk)
    assert "· a walk around the park ·" in text
    assert "video" not in text.casefold() and "camera" not in text.casefold()
    assert "walk" in build_brief(shipped, walk, random.Random(1)).playbooks

    # Words that name no kind are shown as typed; the brief is a neutral one.
    museum = meeting(setting=None, setting_words="at the Whitworth gallery")
    assert "Thu 26 Nov, 10:00 · at the Whitworth gallery · Seed" in brief_text(
        render, shipped, museum
    )


# --- memory becomes action --------------------------------------------------------------------

SECOND_MEETING = meeting(
    "feed",
    "job",
    company="Globex",
    notes=(
        note("learned", "training for the Berlin marathon"),
        note("what_they_value", "brevity; dislikes long decks"),
        note("how_i_can_help", "an intro to a UX researcher"),
        note("common_ground", "both studied in Porto"),
    ),
    mine_open=("send the accessibility article",),
    theirs_open=("review my CV",),
)


def test_the_second_brief_turns_each_kind_of_note_into_action(
    render: Renderer, shipped: Library
) -> None:
    text = brief_text(render, shipped, SECOND_MEETING)
    promise = text.index(
        "✅ You promised to send the accessibility article. Do it before you meet, or tell Dana"
    )
    offer = text.index("👀 Dana offered to review your CV. Send it before Thu 26 Nov, so they")
    thread = text.index(
        "• Last time: “training for the Berlin marathon”. Ask: “How has it gone since?”"
    )
    assert promise < offer < thread < text.index("Questions")
    assert (
        "• Dana cares about “brevity; dislikes long decks”: let it shape how you come across."
        in text
    )
    assert "🎁 Give: what they need, “an intro to a UX researcher”" in text
    # Each once: what became an action is not listed again as knowledge.
    for said in ("Berlin marathon", "long decks", "UX researcher", "accessibility", "your CV"):
        assert text.count(said) == 1, said
    assert "• Common ground: both studied in Porto" in text
    assert "ask how that has gone since" not in text  # the old, value-as-news wording


def test_a_job_seeker_with_an_offer_is_told_to_follow_it_up(shipped: Library) -> None:
    brief = build_brief(shipped, SECOND_MEETING, random.Random(1))
    assert brief.playbooks[0] == "job_offer"
    assert brief.avoid is not None and "their offer is yours to follow up" in brief.avoid


def test_a_second_brief_asks_as_many_fresh_questions_as_a_first(shipped: Library) -> None:
    # Threads from last time come on top: the panel saw second briefs with two questions.
    brief = build_brief(shipped, SECOND_MEETING, random.Random(1))
    assert brief.memory.threads and len(brief.questions) == 4


# --- no advice that contradicts the goal or the relationship -----------------------------------

# What a line must never say to someone with this goal, relationship or setting. Each pattern
# is a way the brief would contradict what the user told it.
_ASK_DENIED = [
    r"\bno ask\b",
    r"\bdon't ask\b",
    r"\bdo not ask\b",
    r"\bnever ask\b",
    r"not to ask",
    r"ask(?:ing)? for nothing",
    r"(?:save|hold back|keep back) (?:the|your) ask",
    r"not the (?:time|moment|day) (?:for|to) ask",
]
_NO_ASK_MADE = [
    r"\b(?:your|the) ask\b",
    r"(?<!return )\bthe favour\b",
    r"\bintroduc\w+ me\b",
    # Asking what they would say about you makes a catch-up or a chat to learn an appraisal.
    r"\breference\b",
    r"\brefer me\b",
]
AGAINST_GOAL: dict[str, list[str]] = {
    "job": [
        r"came to learn",
        r"not (?:to |for )?(?:ask|look)\w* (?:for )?(?:a |the )?job",
        r"not about (?:a |the )?job",
        r"forget the job",
        # The brief writes out a referral ask the user typed ("refer me for the opening").
        r"ask\w* (?:them )?for[^;]*\breferral",
    ],
    "ask": _ASK_DENIED,
    "intro": _ASK_DENIED,
    "learn": _NO_ASK_MADE,
    "reconnect": _NO_ASK_MADE,
}
_NEVER_MET = [
    r"since (?:we|you) last",
    r"back then",
    r"catch(?:ing)? up",
    r"when we (?:met|worked)",
    r"since we met",
    r"worked together",
]
_KNOWS_YOU = [
    r"just met",
    r"first meeting",
    r"(?:doesn't|don't|does not|do not) know you",
    r"never met",
    r"stranger",
    r"who you are",
    r"introduce yourself",
    r"first impression",
    r"remind them (?:who|where)",
]
# Questions from a stranger's interview: a friend of ten years, a former boss or someone
# senior you met once would wonder why you ask (seen in panel 3).
_INTERVIEWS_YOU = [
    r"learn the most from",
    r"a year from now",
    r"long version",
]
_KNOWS_YOUR_LIFE = [
    *_KNOWS_YOU,
    *_INTERVIEWS_YOU,
    r"proud",
    r"when you(?:'re| are) not working",
    r"what drew you",
    r"what made you choose",
]
AGAINST_RELATIONSHIP: dict[str, list[str]] = {
    "friend": _KNOWS_YOUR_LIFE,
    "worked_together": [*_KNOWS_YOU, *_INTERVIEWS_YOU],
    "former_manager": [*_KNOWS_YOU, *_INTERVIEWS_YOU],
    "former_colleague": [*_KNOWS_YOU, *_INTERVIEWS_YOU],
    "met_once": [r"learn the most from", r"a year from now", r"proud"],
}
# Said to anyone: how to be asked is not theirs to coach you on before you ask them.
AGAINST_EVERY_MEETING = [r"makes it easy for you to say yes"]
# Someone else (the target) is the one who hires or decides: the person you meet does not.
AGAINST_SOMEONE_ELSE_DECIDES = [r"\byou hire\b", r"makes you want to meet them"]
# At their home they are the host: nothing to pay or split, no half hour to keep to.
AGAINST_THEIR_HOME = [r"\bpay\b", r"\bsplit\b", r"go to them", r"half an hour"]
# Before the first real meeting with someone you have never talked to.
AGAINST_FIRST_MEETING = _NEVER_MET
AGAINST_STAGE: dict[str, list[str]] = {
    "trusted": [r"just met", r"(?:doesn't|don't) know you yet"],
    "dormant": [r"just met"],
    "rest": [r"just met"],
}
_CALL = r"\b(?:video|this|the) call\b"
# At an event the talk is theirs only when the user said they gave it ({speaker} known).
_THEIR_TALK = [r"thank\w*\b.*\btalk\b", r"give a talk", r"\byour talk\b", r"\btheir talk\b"]
_BILL = [r"\bpay\b", r"\bsplit\b"]
AGAINST_SETTING: dict[str, list[str]] = {
    "event": [
        *_BILL,
        r"coffee",
        r"\bmeal\b",
        r"food",
        r"camera",
        _CALL,
        r"half an hour",
        *_THEIR_TALK,
    ],
    "video": [*_BILL, r"coffee", r"\bmeal\b", r"food", r"hallway", r"session", r"corridor"],
    "meal": [r"camera", r"hallway", r"session", _CALL],
    "coffee": [r"camera", r"session", _CALL, r"food", r"\bmeal\b"],
    "drinks": [r"camera", r"hallway", r"session", _CALL, r"coffee", r"half an hour"],
    "walk": [*_BILL, r"camera", r"hallway", _CALL, r"coffee", r"\bmeal\b", r"off screen"],
    "interview": [r"coffee", r"\bmeal\b", r"food", r"hallway", r"session"],
}
# How you could know someone at each stage: a stage comes from the relationship and the
# silence, then moves on with meetings (feed) or by your choice (rest).
REACHABLE: dict[Relationship, set[Stage]] = {
    "never_met": {"seed"},
    "introduced": {"seed", "feed", "dormant"},
    **{
        r: {stage_for(r, t).stage for t in ("recent", "years")} | {"feed", "rest"}
        for r in RELATIONSHIPS
        if r not in ("never_met", "introduced")
    },
}


_AT_HOME: set[Setting | None] = {"meal", "coffee", "drinks", None}


def situations() -> Iterator[Situation]:
    """Every meeting a person could be preparing for, one for each combination that matters
    to which playbooks apply: everything known, and open promises both ways or none."""
    relationships: list[Relationship | None] = [None, *RELATIONSHIPS]
    settings: list[Setting | None] = [None, *SETTINGS]
    for relationship in relationships:
        stages = STAGES if relationship is None else sorted(REACHABLE[relationship])
        for stage in stages:
            for goal in GOALS:
                # One cannot reconnect with someone one has never talked to.
                if goal == "reconnect" and relationship in ("never_met", "introduced"):
                    continue
                for setting in settings:
                    # Somewhere with a bill, or round at theirs.
                    places = [None, "dinner at her place"] if setting in _AT_HOME else [None]
                    for promises, place in itertools.product(((), ("the deck",)), places):
                        yield Situation(
                            "Dana",
                            goal,
                            stage,
                            company="Globex",
                            field="design",
                            relationship=relationship,
                            introducer="Nina",
                            setting=setting,
                            setting_words=place,
                            topic="design systems",
                            aim="a view on design leadership",
                            ask=AskTarget("Victor"),
                            mine_open=promises,
                            theirs_open=promises,
                        )


def lines_of(
    playbook: Playbook, situation: Situation, facts: dict[str, str]
) -> list[tuple[str, str]]:
    """The lines a brief for this meeting could show: those its known facts can fill."""
    lines = [
        (kind, line)
        for kind in ADVICE_KINDS
        for line in playbook.advice.lines(kind)
        if can_fill(line, facts)
    ]
    return lines + [
        (f"questions.{q.id}", q.text)
        for q in playbook.questions
        if q.needs <= facts.keys() and q.fits(situation, facts)
    ]


def contradictions(library: Library) -> list[str]:
    found: list[str] = []
    for situation in situations():
        patterns = [
            *AGAINST_GOAL.get(situation.goal, []),
            *AGAINST_RELATIONSHIP.get(situation.relationship or "", []),
            *AGAINST_STAGE.get(situation.stage, []),
            *AGAINST_SETTING.get(situation.setting or "", []),
        ]
        if situation.stage == "seed" and situation.relationship in ("never_met", "introduced"):
            patterns += AGAINST_FIRST_MEETING
        facts = situation.facts()
        patterns += AGAINST_EVERY_MEETING
        if "target" in facts:
            patterns += AGAINST_SOMEONE_ELSE_DECIDES
        if "host" in facts:
            patterns += AGAINST_THEIR_HOME
        for playbook in library.applicable(situation):
            for where, line in lines_of(playbook, situation, facts):
                for pattern in patterns:
                    if re.search(pattern, line, flags=re.IGNORECASE):
                        found.append(
                            f"{playbook.id}.{where} says {line!r} under goal {situation.goal},"
                            f" relationship {situation.relationship}, stage {situation.stage},"
                            f" setting {situation.setting}"
                        )
    return sorted(set(found))


def test_no_playbook_contradicts_the_goal_relationship_or_setting(shipped: Library) -> None:
    assert contradictions(shipped) == []


def test_someone_who_knows_you_is_never_too_new_or_too_distant_to_ask() -> None:
    # A former manager or a friend after years of silence is dormant but trusted: only an
    # open promise of yours makes the ask early.
    for situation in situations():
        if is_close(situation.relationship):
            early = too_early(situation)
            assert set(early) <= {"promises_open"}, situation
            assert bool(early) == (has_ask(situation) and bool(situation.mine_open))


def test_the_check_catches_advice_that_denies_a_job_seekers_goal(shipped: Library) -> None:
    interview = next(p for p in shipped.prep if p.id == "informational_interview")
    # The line the panel marked down, in the playbook that used to say it for learn and job.
    bad = Playbook(
        id=interview.id,
        kind="prep",
        title=interview.title,
        applies=type(interview.applies)(goals=frozenset({"learn", "job"})),
        advice=type(interview.advice)(avoid=("You came to learn, not to ask for a job.",)),
        questions=interview.questions,
        steps=(),
        source=interview.source,
    )
    library = Library(prep=(bad,), debrief=shipped.debrief)
    found = contradictions(library)
    assert found and all("under goal job" in f for f in found)
    assert all("came to learn" in f for f in found)


def test_the_brief_tells_a_job_seeker_how_to_signal_interest(shipped: Library) -> None:
    for seed in range(10):
        brief: Brief = build_brief(shipped, meeting("seed", "job"), random.Random(seed))
        assert brief.avoid is not None and "let them offer" in brief.avoid
        assert brief.close is not None and "say it in one sentence" in brief.close
        assert [q.playbook for q in brief.questions[:2]] == ["job_search"] * 2


def test_the_blurb_is_signed_with_the_users_name_and_a_long_aim_is_not_pasted(
    shipped: Library,
) -> None:
    friend = meeting(
        "trusted",
        "intro",
        relationship="friend",
        ask=AskTarget("Priya Nair", can_help="introduce"),
        me="Daniel Okafor",
    )
    blurb = build_brief(shipped, friend, random.Random(1)).blurb
    assert blurb is not None and "I'm Daniel," in blurb and "[your name]" not in blurb
    aim = "Finally give her my observations on the admissions report, and ask about the role"
    asking = build_brief(shipped, meeting("feed", "ask", aim=aim * 2), random.Random(1))
    assert asking.ask is not None and "Finally give her" not in asking.ask


def test_a_second_brief_says_when_you_met_not_that_you_never_did(
    render: Renderer, shipped: Library
) -> None:
    met = meeting(
        "feed",
        "job",
        relationship="met_once",
        last_talked="recent",
        last_met=datetime(2026, 11, 3, 8, 30, tzinfo=UTC),
        mine_kept=("send her the case study",),
    )
    text = brief_text(render, shipped, met)
    assert "· last met 3 Nov · Feed: getting to know each other" in text
    assert "never met" not in text and "haven't met" not in text
    assert "✔️ Done since you met: “send her the case study”. Ask what Dana made of it." in text
    assert "You promised" not in text


@pytest.mark.parametrize(
    ("news", "header"),
    [
        (
            "She was promoted to head of research in October (saw it on LinkedIn)",
            "Head of research",
        ),
        ("Big news: he got promoted to principal engineer", "Principal engineer"),
        # Hoped for, not reached: the card's role stands.
        ("She is hoping to be promoted to head of research next year", "Senior researcher"),
    ],
)
def test_a_promotion_noted_since_is_the_role_the_brief_gives(
    render: Renderer, shipped: Library, news: str, header: str
) -> None:
    """Panel 3b: the brief still called her "Senior policy advisor" beside the
    congratulations on her promotion to manager."""
    met = meeting(
        "feed",
        "job",
        company="Monzo",
        role="Senior researcher",
        notes=(note("recent_changes", news, 3),),
        last_met=datetime(2026, 10, 3, 8, 30, tzinfo=UTC),
    )
    text = brief_text(render, shipped, met)
    assert text.startswith(f"📋 Brief: Dana Whitfield, {header} at Monzo\n")


def test_your_own_step_they_helped_with_is_told_with_thanks_once(
    render: Renderer, shipped: Library
) -> None:
    """Panel 3b: "Mention it in a line; if it was for Marco, ask what they made of it" for
    the CV sent for his referral."""
    met = meeting(
        "trusted",
        "job",
        last_met=datetime(2026, 11, 3, 8, 30, tzinfo=UTC),
        mine_kept=("Send him my CV for the referral",),
    )
    text = brief_text(render, shipped, met)
    assert "✔️ Done since you met: “Send him my CV for the referral”. Tell Dana it's done, with" in (
        text
    )
    thanked = replace(met, theirs_kept=("He will refer me to the hiring manager",))
    text = brief_text(render, shipped, thanked)
    assert "“Send him my CV for the referral”. Tell Dana it's done.\n" in text
    assert "🙏 Done by Dana: “He will refer me to the hiring manager”. Thank them" in text


def test_goal_questions_come_before_coffee_small_talk(shipped: Library) -> None:
    seeker = meeting("seed", "job", company="Monzo", relationship="never_met", setting="coffee")
    for seed in range(20):
        brief = build_brief(shipped, seeker, random.Random(seed))
        assert any(q.playbook == "job_search" for q in brief.questions), seed
        assert all(q.playbook != "coffee_chat" for q in brief.questions[:2]), seed


def test_the_introducer_is_thanked_after_the_first_meeting_not_at_every_one(
    shipped: Library,
) -> None:
    first = build_brief(
        shipped, meeting("seed", relationship="introduced", introducer="Ben"), random.Random(1)
    )
    assert first.close is not None and "thank Ben today" in first.close
    second = meeting("feed", relationship="introduced", introducer="Ben", last_talked="recent")
    for seed in range(5):
        brief = build_brief(shipped, second, random.Random(seed))
        for line in (brief.give, brief.avoid, brief.close):
            assert line is None or "Ben" not in line, line


def test_an_offer_split_in_two_is_thanked_for_once(render: Renderer, shipped: Library) -> None:
    met = meeting(
        "feed",
        "job",
        relationship="met_once",
        last_met=datetime(2026, 11, 3, 8, 30, tzinfo=UTC),
        theirs_kept=("look at the case study", "give me feedback on it"),
    )
    text = brief_text(render, shipped, met)
    assert text.count("Done by Dana") == 1
    assert "🙏 Done by Dana: “look at the case study”, “give me feedback on it”" in text


def test_the_blurb_without_a_target_is_still_signed_with_the_users_name(
    shipped: Library,
) -> None:
    untargeted = meeting("trusted", "intro", relationship="former_manager", me="Daniel")
    blurb = build_brief(shipped, untargeted, random.Random(1)).blurb
    assert blurb is not None and blurb.startswith("Hi [their name], I'm Daniel,")


# --- giving help (issue 13, point 1) -----------------------------------------------------------

# Lines that would have you receiving when you came to give: thanking them for their time or
# their help, asking for their advice, names or an introduction for yourself.
_AS_IF_RECEIVING = [
    r"generous of you",
    r"this helped",
    r"thank(?:s| you)? for (?:the|your|making the) time",
    r"what they taught you",
    r"\b(?:your|the) ask\b",
    r"introduc\w+ me\b",
    r"who else should I talk to",
    r"could I (?:email|send) you",
    r"advice would you give",
    r"someone like me",
    r"in my place",
]


def test_a_brief_for_giving_help_never_coaches_you_to_ask_or_to_receive(
    shipped: Library,
) -> None:
    for situation in situations():
        if situation.goal != "help":
            continue
        brief = build_brief(shipped, situation, random.Random(3))
        # Nothing from playbooks written for someone who came to get something.
        assert brief.playbooks == ("help_out",), situation
        assert brief.ask is None and brief.blurb is None, situation
        assert not {w.kind for w in brief.warnings} & {
            "too_early",
            "check_say_yes",
            "cant_say_yes",
        }, situation
        shown = [
            brief.aim,
            brief.give,
            brief.avoid,
            brief.close,
            *(q.text for q in brief.questions),
        ]
        for line in filter(None, shown):
            for pattern in _AS_IF_RECEIVING:
                assert not re.search(pattern, line, re.IGNORECASE), (line, situation)


def test_the_help_brief_is_about_listening_and_doors_you_open(
    render: Renderer, shipped: Library
) -> None:
    situation = meeting(
        "trusted",
        "help",
        name="Nadia Hussain",
        relationship="friend",
        setting="walk",
        aim="she wants advice on whether to become a teacher",
    )
    text = brief_text(render, shipped, situation)
    assert "🎯 Give help: she wants advice on whether to become a teacher" in text
    assert "Your full attention first" in text and "one thing you can do for them" in text
    assert "deciding for them; ask what worries them most" in text
    # Ends on the doors you can open for her, not on what she can do for you.
    assert "3. Who would you most like to talk to about this? I may know someone" in text
    assert "The ask" not in text and "Early for the ask" not in text
    assert len(text) < FIRST_BRIEF_LIMIT


@pytest.mark.parametrize("seed", range(6))
def test_help_with_a_worry_is_not_coached_as_a_career_choice(
    render: Renderer, shipped: Library, seed: int
) -> None:
    # Played: helping a friend worried about his mum's medicines got "your own bias said
    # first (I chose X…)" and "What do you do now that you'd miss…?".
    situation = meeting(
        "trusted",
        "help",
        name="Tomás Herrera",
        relationship="friend",
        setting="meal",
        aim="Mostly to help him - he's worried about his mum's medicines.",
    )
    brief = build_brief(shipped, situation, random.Random(seed))
    said = " ".join(filter(None, [brief.give, brief.avoid, *(q.text for q in brief.questions)]))
    assert not re.search(r"I chose|you'd miss|happily drop|leaning", said), said


@pytest.mark.parametrize(
    ("mine_open", "early"),
    [
        (("send the deck",), True),
        # The dinner you promised is this meeting, not a promise still to keep.
        (("dinner next time, my treat",), False),
        (("Let's catch up over drinks",), False),
    ],
)
def test_only_a_promise_still_to_keep_makes_the_ask_early(
    shipped: Library, mine_open: tuple[str, ...], early: bool
) -> None:
    friend = meeting("trusted", "ask", relationship="friend", mine_open=mine_open)
    assert build_brief(shipped, friend, random.Random(1)).too_early is early


def test_what_you_did_for_them_counts_as_given(shipped: Library) -> None:
    helped = meeting("feed", "ask", mine_open=("I helped her move house on Saturday",))
    assert not build_brief(shipped, helped, random.Random(1)).too_early
    nothing = meeting("feed", "ask", mine_open=("help her move in February",))
    assert build_brief(shipped, nothing, random.Random(1)).warnings == (
        Warning("too_early", ("nothing_given", "promises_open")),
        Warning("check_say_yes"),
    )


def test_how_you_could_help_is_not_asked_once_they_said_how(shipped: Library) -> None:
    for said in ("their_asks", "how_i_can_help"):
        situation = meeting("feed", "learn", notes=(note(said, "a CV review for her brother"),))
        for seed in range(5):
            brief = build_brief(shipped, situation, random.Random(seed))
            assert not {"how_i_can_help", "their_asks"} & {q.slot for q in brief.questions}


def test_a_dinner_promised_is_this_meeting_and_a_favour_done_is_given(
    render: Renderer, shipped: Library
) -> None:
    dinner = meeting(
        "trusted",
        "ask",
        name="Rosa Lind",
        relationship="friend",
        mine_open=("Take her out for dinner to celebrate the new job",),
        mine_kept=("Help her move flat with the van on Saturday",),
        gave_before=True,
    )
    text = brief_text(render, shipped, dinner)
    assert "🤝 This meeting keeps your promise: “Take her out for dinner to celebrate" in text
    assert "You promised" not in text and "Early for the ask" not in text
    assert "How could what I promised be most useful to you now?" not in text


@pytest.mark.parametrize(
    ("relationship", "playbook"),
    [("met_once", "met_once"), ("introduced", "introduced_by"), ("never_met", "never_met")],
)
def test_first_meeting_playbooks_are_behind_you_once_you_have_met(
    shipped: Library, relationship: str, playbook: str
) -> None:
    """ "Say in one line where you met" and "mention who introduced you" fit the first real
    meeting; at the next one, after a debrief, they are stale."""
    first = meeting("seed", "learn", relationship=relationship, introducer="Nina")
    assert playbook in build_brief(shipped, first, random.Random(1)).playbooks
    again = replace(first, last_met=THU - timedelta(days=20))
    assert playbook not in build_brief(shipped, again, random.Random(1)).playbooks


def test_a_promise_the_aim_says_you_meet_to_keep_is_this_meeting_not_a_to_do(
    render: Renderer, shipped: Library
) -> None:
    """ "Do it before you meet" about the mock interview the walk is for was the judge's
    example of a brief that misread the moment."""
    walk = meeting(
        "trusted",
        "help",
        name="Amara Nwosu",
        relationship="introduced",
        setting="walk",
        aim="finally do the mock interview I promised, while we walk",
        mine_open=("do a mock interview with her in January", "send her the licensing guide"),
    )
    text = brief_text(render, shipped, walk)
    assert "This meeting keeps your promise: “do a mock interview with her in January”" in text
    assert "You promised to send her the licensing guide" in text
    assert "You promised to do a mock interview" not in text


@pytest.mark.parametrize(
    "words",
    [
        "by the coffee after the panel, she was one of the panellists",
        "after her keynote at the summit",
        "she's moderating the session, I'll catch her after",
    ],
)
def test_who_was_on_stage_is_not_asked_what_they_made_of_the_talk(
    shipped: Library, words: str
) -> None:
    goals: tuple[Goal, ...] = ("learn", "intro", "job")
    relationships: tuple[Relationship | None, ...] = ("never_met", "met_once", None)
    for relationship, goal in itertools.product(relationships, goals):
        situation = meeting(
            "seed",
            goal,
            name="Ines Duarte",
            relationship=relationship,
            setting="event",
            setting_words=words,
            topic="grid storage",
        )
        assert situation.facts().get("speaker") == "Ines"
        for seed in range(8):
            asked = [q.text for q in build_brief(shipped, situation, random.Random(seed)).questions]
            assert not any("make of the talk" in q or "brought you" in q for q in asked), asked


# --- the close: with an ask, what you send next --------------------------------------------


@pytest.mark.parametrize(
    ("aim", "step"),
    [
        ("ask her to refer me for the analyst role on her team", "I'll send you everything"),
        ("ask if he'd be a reference for the engineer job at Arup", "the job ad"),
        ("get him to look over my CV before I apply", "I'll send you my CV tonight"),
        ("ask her to keep me in mind for analyst roles at Telus", "my CV and two lines"),
        ("ask her to introduce me to Ravi Shah, who runs the lab", "three lines to forward"),
    ],
)
@pytest.mark.parametrize("relationship", ["former_manager", "friend", "former_colleague"])
@pytest.mark.parametrize("setting", ["coffee", "meal", "video", "drinks"])
def test_with_an_ask_the_close_names_what_you_send_and_when(
    render: Renderer,
    shipped: Library,
    aim: str,
    step: str,
    relationship: Relationship,
    setting: Setting,
) -> None:
    """ "Could I come back to you when something comes up?" after asking a former boss for a
    referral leaves the ask hanging: the close is the next step."""
    for goal in ("ask", "job"):
        situation = meeting(
            "trusted",
            goal,
            name="Jo Barker",
            relationship=relationship,
            setting=setting,
            aim=aim,
        )
        text = brief_text(render, shipped, situation)
        close = next(line for line in text.splitlines() if line.startswith("👋"))
        assert close.startswith("👋 Close on the next step: “Thank you") and step in close, close
        assert "tonight" in close


@pytest.mark.parametrize("setting", [None, *SETTINGS])
@pytest.mark.parametrize("relationship", RELATIONSHIPS)
def test_an_introduction_asked_closes_on_the_lines_to_send_wherever_you_meet(
    render: Renderer, shipped: Library, setting: Setting | None, relationship: Relationship
) -> None:
    situation = meeting(
        stage_for(relationship, "months").stage,
        "intro",
        relationship=relationship,
        last_talked="months",
        setting=setting,
        aim="ask if she'd introduce me to Ravi Shah, who runs the water lab",
    )
    text = brief_text(render, shipped, situation)
    close = [line for line in text.splitlines() if line.startswith("👋")]
    if too_early(situation):  # a stranger: no introduction to close on yet
        assert relationship == "never_met" and "Close on the next step" not in close[0]
    else:
        assert close == [
            "👋 Close on the next step: “Thank you. I'll send you the three lines to forward"
            " tonight, and tell you how it goes.”"
        ]


def test_an_ask_without_a_script_closes_as_the_asking_playbooks_say(shipped: Library) -> None:
    for relationship in ("former_colleague", "met_once", "friend"):
        for setting in ("event", "walk", "coffee", None):
            for goal in ("intro", "ask"):
                situation = meeting(
                    "feed",
                    goal,
                    relationship=relationship,
                    setting=setting,
                    gave_before=True,
                    last_met=THU - timedelta(days=30),
                )
                brief = build_brief(shipped, situation, random.Random(1))
                assert brief.next_step is None and brief.close is not None
                asking = [
                    p
                    for p in shipped.prep
                    if p.applies.goals and goal in p.applies.goals and p.applies_to(situation)
                ]
                closes = {
                    line.replace("{first_name}", "Dana") for p in asking for line in p.advice.close
                }
                assert brief.close in closes, (relationship, setting, goal, brief.close)


def test_an_early_ask_keeps_the_playbooks_close(render: Renderer, shipped: Library) -> None:
    situation = meeting("seed", "ask", relationship="met_once", aim="ask her to be a reference")
    brief = build_brief(shipped, situation, random.Random(1))
    assert brief.too_early and brief.next_step is None and brief.close is not None


# --- where you meet and who they are decide the close and the questions ------------------------


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("meal", "dinner at her new house in Hamilton"),
        ("meal", "lunch at his place"),
        ("coffee", "coffee at Sam's flat"),
        ("drinks", "drinks round theirs"),
        ("meal", "dinner at Pri's on Saturday"),
        ("meal", "she invited me over for dinner"),
    ],
)
@pytest.mark.parametrize(
    ("relationship", "goal"),
    [("friend", "reconnect"), ("former_colleague", "advice"), ("met_once", "learn")],
)
def test_at_their_home_you_thank_the_host_and_nobody_pays(
    render: Renderer,
    shipped: Library,
    setting: Setting,
    words: str,
    relationship: Relationship,
    goal: Goal,
) -> None:
    situation = meeting(
        stage_for(relationship, "recent").stage,
        goal,
        name="Pri Sandhu",
        relationship=relationship,
        setting=setting,
        setting_words=words,
    )
    text = brief_text(render, shipped, situation)
    assert not re.search(r"\bpay\b|\bsplit\b|half an hour|go to them", text, re.IGNORECASE), text
    brief = build_brief(shipped, situation, random.Random(1))
    assert brief.close is not None and brief.close.startswith("Thank Pri for having you")


@pytest.mark.parametrize("goal", ["intro", "ask", "reconnect", "job"])
def test_at_their_home_the_home_is_asked_about_once_at_most(shipped: Library, goal: Goal) -> None:
    # Played: a friend asked for an introduction over tacos at his place got three
    # questions, two of them about the house ("What's on your list for the place…?").
    for seed in range(8):
        situation = meeting(
            "trusted",
            goal,
            relationship="friend",
            setting="meal",
            setting_words="tacos and beers at his place",
        )
        brief = build_brief(shipped, situation, random.Random(seed))
        about_home = [
            q.text for q in brief.questions if re.search(r"place|home|house|living here", q.text)
        ]
        assert len(about_home) <= 1, (seed, about_home)


def test_at_a_restaurant_the_bill_is_still_yours_to_offer(shipped: Library) -> None:
    for words in ("dinner at Kimchi House on Bloor", "lunch near his office", None):
        situation = meeting("trusted", "reconnect", relationship="friend", setting="meal")
        situation = replace(situation, setting_words=words)
        brief = build_brief(shipped, situation, random.Random(1))
        assert brief.close is not None and "pay or split" in brief.close


# Questions a friend of ten years, a former boss, or someone senior met once would hear as
# an interview (panel 3: "not how you talk to your old roommate"). Asking your former boss
# what they are proudest of is a peer's question; asking a senior partner met once is not.
_INTERVIEW = r"a year from now|learn the most from|makes it easy for you to say yes"
INTERVIEWS: dict[Relationship, re.Pattern[str]] = {
    "friend": re.compile(
        rf"{_INTERVIEW}|when you(?:'re| are) not working|long version|proud", re.IGNORECASE
    ),
    "former_manager": re.compile(rf"{_INTERVIEW}|long version", re.IGNORECASE),
    "met_once": re.compile(rf"{_INTERVIEW}|proud", re.IGNORECASE),
}


@pytest.mark.parametrize("relationship", ["friend", "former_manager", "met_once"])
@pytest.mark.parametrize("setting", [None, "meal", "walk", "coffee", "event"])
def test_people_who_know_you_are_not_interviewed(
    shipped: Library, relationship: Relationship, setting: Setting | None
) -> None:
    for goal in ("reconnect", "ask", "advice", "learn"):
        stage: Stage = "feed" if relationship == "met_once" else "trusted"
        for seed in range(8):
            situation = meeting(
                stage,
                goal,
                relationship=relationship,
                setting=setting,
                company="Greenline Studio",
                last_met=THU - timedelta(days=60) if relationship == "met_once" else None,
            )
            brief = build_brief(shipped, situation, random.Random(seed))
            asked = [q.text for q in brief.questions if INTERVIEWS[relationship].search(q.text)]
            assert asked == [], (goal, seed)


# Keeping score ("where I could return the favour", "in return"), said to a friend of ten
# years, turns a favour between friends into a transaction.
KEEPING_SCORE = re.compile(r"return the favour|in return\b|someone like me", re.IGNORECASE)


def test_every_question_that_keeps_score_is_not_for_a_friend(shipped: Library) -> None:
    scoring = [q for p in shipped.prep for q in p.questions if KEEPING_SCORE.search(q.text)]
    assert scoring  # the rule has something to check
    for question in scoring:
        playbook = next(p for p in shipped.prep if p.id == question.playbook)
        only_for = playbook.applies.relationships
        assert "friend" in question.unless_relationships or (
            only_for is not None and "friend" not in only_for
        ), question.key


@pytest.mark.parametrize("setting", [None, *SETTINGS])
def test_a_friend_is_never_offered_a_favour_in_return(
    shipped: Library, setting: Setting | None
) -> None:
    for goal, seed in itertools.product(GOALS, range(6)):
        situation = meeting(
            "trusted",
            goal,
            name="Pri Sandhu",
            relationship="friend",
            setting=setting,
            ask=AskTarget("Tom Reyes", "he runs the lab", "introduce") if goal == "intro" else None,
        )
        asked = [q.text for q in build_brief(shipped, situation, random.Random(seed)).questions]
        assert not any(KEEPING_SCORE.search(q) for q in asked), (goal, seed, asked)


@pytest.mark.parametrize("goal", ["job", "ask", "advice"])
def test_whom_they_hire_is_not_asked_when_someone_else_decides(
    shipped: Library, goal: Goal
) -> None:
    # The former manager can refer you; the hiring manager is someone else.
    for seed in range(20):
        situation = meeting(
            "trusted",
            goal,
            name="Marco Bellini",
            company="Metrolinx",
            relationship="former_manager",
            setting="coffee",
            ask=AskTarget("Shauna Patel", "she's the hiring manager", "introduce"),
        )
        brief = build_brief(shipped, situation, random.Random(seed))
        hiring = [
            q.text for q in brief.questions if re.search(r"you hire|want to meet them", q.text)
        ]
        assert hiring == [], seed


@pytest.mark.parametrize("relationship", ["former_manager", "friend", "met_once", "never_met"])
def test_a_job_interview_is_coached_as_one_whoever_interviews_you(
    shipped: Library, relationship: Relationship
) -> None:
    # Played: the former manager who put you forward now sits on the panel. The brief had
    # "If you gave me a reference today…" and closed on "Could I come back to you…".
    for seed in range(8):
        situation = meeting(
            "trusted",
            "job",
            relationship=relationship,
            setting="interview",
            company="Lumen Health",
        )
        brief = build_brief(shipped, situation, random.Random(seed))
        assert brief.close is not None and "next steps" in brief.close, (seed, brief.close)
        asked = " ".join(q.text for q in brief.questions)
        assert "reference" not in asked and "in return" not in asked, (seed, asked)
        assert {q.playbook for q in brief.questions} == {"job_interview"}, (seed, asked)


@pytest.mark.parametrize("relationship", ["friend", "former_colleague", "met_once"])
def test_a_job_search_through_someone_asks_about_the_person_who_decides(
    shipped: Library, relationship: Relationship
) -> None:
    # Played: a friend at the company was to introduce the user to the CTO who decides on
    # the hires; the brief asked how people join the friend's own team, never about her.
    for seed in range(8):
        for company in ("Kavak", None):
            situation = replace(
                meeting("trusted", "job", relationship=relationship, company=company),
                ask=AskTarget("Mariana Ortega", "the CTO", None),
            )
            brief = build_brief(shipped, situation, random.Random(seed))
            assert any("Mariana Ortega" in q.text for q in brief.questions), (seed, company)


def test_a_job_interview_with_someone_you_know_well_still_has_questions_to_ask(
    shipped: Library,
) -> None:
    # Played: an interview with a former manager, after a debrief had filled what she values
    # and her challenges, came out with a single question.
    for seed in range(8):
        situation = meeting(
            "trusted",
            "job",
            relationship="former_manager",
            setting="interview",
            last_met=THU - timedelta(days=30),
            notes=tuple(
                note(slot, "said at the last meeting")
                for slot in ("what_they_value", "current_challenge", "learned", "interests")
            ),
        )
        brief = build_brief(shipped, situation, random.Random(seed))
        assert len(brief.questions) >= 3, (seed, [q.text for q in brief.questions])


@pytest.mark.parametrize("goal", ["learn", "advice", "job"])
def test_who_introduced_you_is_named_in_the_line_to_say_not_again_in_give_and_avoid(
    shipped: Library, goal: Goal
) -> None:
    # Played: "Claire suggested we talk…", then "Give: a word on why Claire thought…",
    # "Avoid: forgetting Claire…", a question and the close about Claire too.
    situation = meeting(
        "seed", goal, relationship="introduced", introducer="Claire Tan", setting="coffee"
    )
    brief = build_brief(shipped, situation, random.Random(1))
    assert brief.moment is not None and brief.moment.kind == "introducer"
    assert brief.give is not None and "Claire" not in brief.give
    assert brief.avoid is not None and "Claire" not in brief.avoid


def test_why_them_is_said_in_brackets_only_as_its_first_clause(shipped: Library) -> None:
    # Played: "an introduction to Mark Deng (he leads the … team (the EMR medication
    # module) at Eastbay Health in Melbourne. That's exactly the kind of work I want…)".
    why = (
        "he leads the medication management team (the EMR module) at Eastbay Health."
        " That's exactly the kind of work I want to move into"
    )
    situation = meeting(
        "feed", "intro", relationship="met_once", ask=AskTarget("Mark Deng", why, "introduce")
    )
    brief = build_brief(shipped, situation, random.Random(1))
    assert brief.aim == "an introduction to Mark Deng (he leads the medication management team)"


@pytest.mark.parametrize("goal", ["reconnect", "advice", "learn"])
@pytest.mark.parametrize("setting", [None, "walk", "coffee", "meal"])
def test_someone_retired_is_not_asked_about_work(
    shipped: Library, goal: Goal, setting: Setting | None
) -> None:
    # Played: a retired mentor got "What's taking up most of your thinking at work these
    # days?" and "What are you working on where a name would help?".
    for seed in range(6):
        situation = meeting(
            "dormant",
            goal,
            name="Ben Harcourt",
            relationship="former_manager",
            setting=setting,
            company="Northside Hospital",
            last_talked="years",
            aim="He's retired now - he was my mentor in my intern year",
        )
        brief = build_brief(shipped, situation, random.Random(seed))
        asked = [q.text for q in brief.questions]
        assert asked and not [q for q in asked if about_work(q)], (seed, asked)


def test_a_referee_who_said_yes_is_not_sounded_out_about_a_reference(shipped: Library) -> None:
    # Played: "Grace said yes already: 'She said yes to being my referee'", then
    # "1. If you gave me a reference today, what would you say…?".
    for seed in range(10):
        situation = meeting(
            "trusted",
            "job",
            relationship="former_manager",
            setting="video",
            last_met=THU - timedelta(days=60),
            theirs_open=("She said yes to being my referee",),
        )
        brief = build_brief(shipped, situation, random.Random(seed))
        assert not [q.text for q in brief.questions if "reference" in q.text], seed


@pytest.mark.parametrize("goal", ["advice", "reconnect", "learn"])
def test_a_former_managers_close_names_no_cv_unless_you_came_for_a_job(
    shipped: Library, goal: Goal
) -> None:
    # Played: a walk with a retired mentor to talk through a decision closed on "like 'I'll
    # send you my CV and two lines tonight'".
    situation = meeting(
        "trusted", goal, relationship="former_manager", setting="walk", last_talked="months"
    )
    brief = build_brief(shipped, situation, random.Random(1))
    assert brief.close is not None and "CV" not in brief.close
