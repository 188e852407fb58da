"""What the aim says the user wants to find out becomes questions in their voice, first in the
brief; playbook questions that pull the other way give up their place."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest

from bot.coaching.aim import about_their_hiring, read_aim
from bot.coaching.brief import build_brief, pulls_away
from bot.coaching.playbook_model import Question
from bot.coaching.playbooks import Library
from bot.coaching.situation import AskTarget, LastBrief, Relationship, Situation
from bot.coaching.stages import Goal, Stage
from bot.render import Renderer
from tests.unit.test_brief import FIRST_BRIEF_LIMIT, brief_text, render, shipped

__all__ = ["render", "shipped"]  # the fixtures, shared with test_brief

INTERVIEW = (
    "I have the final interview at Feedzai next week, I want her tips on how to handle the"
    " product sense round and to thank her for the reference"
)


@pytest.mark.parametrize(
    ("aim", "question"),
    [
        # Tips, advice, their view: on how to do something, on whether to, on a thing.
        (INTERVIEW, "How should I handle the product sense round?"),
        (
            "advice on how to prepare for a panel interview",
            "How should I prepare for a panel interview?",
        ),
        ("his tips for the case interview", "What are your tips for the case interview?"),
        (
            "any tips on negotiating a first salary",
            "What are your tips on negotiating a first salary?",
        ),
        (
            "his advice about moving into management",
            "What's your advice about moving into management?",
        ),
        ("her view on whether I should take the Lisbon offer", "Should I take the Lisbon offer?"),
        ("get their take on the Berlin offer", "What's your take on the Berlin offer?"),
        (
            "his thoughts on the data engineering market in Leeds",
            "What are your thoughts on the data engineering market in Leeds?",
        ),
        # How to handle, prepare for, approach.
        (
            "mainly how to approach a portfolio review at a design agency",
            "How should I approach a portfolio review at a design agency?",
        ),
        (
            "I'd like to know how to prepare for the final round",
            "How should I prepare for the final round?",
        ),
        # What something is like.
        ("what the culture at Ocado is like", "What is the culture at Ocado like?"),
        (
            "what her first year as a manager was like",
            "What was your first year as a manager like?",
        ),
        (
            "what it's like to work on the platform team",
            "What is it like to work on the platform team?",
        ),
        (
            "what a solutions engineer actually does all day",
            "What does a solutions engineer actually do all day?",
        ),
        # Whether.
        ("whether I should take the offer", "Should I take the offer?"),
        ("whether to go part-time for my masters", "Should I go part-time for my masters?"),
        ("whether the team is growing next year", "Is the team growing next year?"),
        ("whether it's too late to move into nursing", "Is it too late to move into nursing?"),
        # Whether you suit it asks what they know of you.
        (
            "whether I'm ready for a lead role",
            "From what you know of me, where would I be strong for a lead role, and where"
            " would I fall short?",
        ),
        (
            "ask whether Brightpath's data team ever takes people from teaching",
            "Does Brightpath's data team ever take people from teaching?",
        ),
        (
            "get a feel for whether the team would take someone junior",
            "Would the team take someone junior?",
        ),
        (
            "a sense of how long it takes to get promoted there",
            "How long does it take to get promoted there?",
        ),
        ("whether she thinks I'm ready", "Do you think I'm ready?"),
        ("whether he'd still recommend the MBA", "Would you still recommend the MBA?"),
        ("what he'd do in my shoes", "What would you do in my shoes?"),
        ("how she's settling into the new job", "How are you settling into the new job?"),
        # How they got where they are: her, his, their become "you".
        ("how he got into climate tech", "How did you get into climate tech?"),
        ("I'm curious how she ended up at the BBC", "How did you end up at the BBC?"),
        ("how they got into UX research", "How did you get into UX research?"),
        ("why she left consulting", "Why did you leave consulting?"),
        # Learn about, understand, hear.
        ("learn about her path into product", "Could you tell me about your path into product?"),
        (
            "learn more about the fintech scene in Porto",
            "What should I know about the fintech scene in Porto?",
        ),
        ("understand how the hiring process works", "How does the hiring process work?"),
        ("understand what the role involves", "What does the role involve?"),
        ("catch up and hear how her new job is going", "How is your new job going?"),
        ("find out what matters most to their team", "What matters most to your team?"),
    ],
)
def test_a_want_in_the_aim_becomes_a_question_in_the_users_voice(aim: str, question: str) -> None:
    assert [c.question for c in read_aim(aim).cover][:1] == [question]


@pytest.mark.parametrize(
    "aim",
    [
        # Not something to find out: said, given, done.
        "thank her for the reference",
        "catch up",
        "just catch up and say thanks for the intro",
        "congratulate him on the promotion",
        "tell her about my new job",
        "keep in touch",
        "buy him a coffee to say thanks",
        "see what happens",
        # Cannot be turned round without guessing: nothing rather than a garbled question.
        "how people move from analytics into data engineering",
        "whether my teaching background counts for anything",
        "what they look for in a product sense round",
        "learn about it",
        "understand her better",
        "advice on it",
        "tips",
        # "'s" and "'d" that are "has" and "had", and a "not" before "to": no half-turned verb.
        "how he's grown the team",
        "how she's been since the layoffs",
        "what it's been like",
        "how she'd moved teams",
        "how not to get stuck in the case study",
        # A condition on the ask, not a question: "Does it feel right?" asks about nothing.
        "and if it feels right, ask him to refer me internally",
        "whether this makes sense",
    ],
)
def test_what_is_not_a_question_or_cannot_be_turned_is_not_asked(aim: str) -> None:
    assert read_aim(aim).cover == ()


def test_thanking_them_for_a_reference_is_no_ask_for_one() -> None:
    assert read_aim("thank her for the reference").ask is None
    reading = read_aim(INTERVIEW)
    assert reading.ask is not None and reading.ask.kind == "advice"
    assert reading.company == "Feedzai"
    # Thanks for one thing does not hide an ask for another.
    after = read_aim("thank him for the intro to Sam, then ask for a reference for the PM job")
    assert after.ask is not None and after.ask.kind == "reference"
    assert read_aim("a reference, thanks to her I got the interview").ask is not None


@pytest.mark.parametrize(
    "aim",
    [
        INTERVIEW,
        "her tips for the case interview and how she got into consulting",
        "what his first year at Monzo was like, and whether his team is hiring",
        "learn about their team and how they handled the reorg",
        "hear how her marathon went and get his take on my move to Berlin",
    ],
)
def test_a_question_speaks_to_them_and_reads_as_one_sentence(aim: str) -> None:
    questions = [c.question for c in read_aim(aim).cover if c.question]
    assert questions, aim
    for question in questions:
        assert re.fullmatch(r"[A-Z][^?]*\?", question), question
        assert not re.search(r"\b(?:she|he|her|him|his|hers|they|them|their)\b", question, re.I)
        assert not re.search(r"\b(\w+) \1\b", question, re.I), question


# --- what gives way to the aim's questions ----------------------------------------------------


def meeting(
    aim: str,
    goal: Goal = "advice",
    stage: Stage = "trusted",
    relationship: Relationship | None = "former_manager",
) -> Situation:
    return Situation(
        "Priya Nair",
        goal,
        stage,
        company="Sonae",
        role="Head of product",
        relationship=relationship,
        setting="coffee",
        aim=aim,
    )


HIRE = Question(
    "manager_team", "What are you looking for in the people you hire now?", "what_they_value", ""
)
DECIDES = Question(
    "who_decides", "Who would make the final call on what I'm after?", "decision_power", ""
)
BUSY = Question(
    "their_news", "What has been keeping you busy since we last spoke?", "recent_changes", ""
)


@pytest.mark.parametrize(
    ("question", "situation", "away"),
    [
        # A job at another company: their hiring is beside the point.
        (HIRE, meeting(INTERVIEW), True),
        (HIRE, meeting(INTERVIEW, goal="job"), True),
        # Looking for a job with them: their hiring is the point.
        (HIRE, meeting("which teams to look at and what salary to expect", goal="job"), False),
        # Their view is theirs to give: nobody else makes a final call.
        (DECIDES, meeting(INTERVIEW), True),
        (DECIDES, meeting("whether I should take the offer", goal="ask"), True),
        # An introduction is someone else's yes: who decides still matters.
        (
            DECIDES,
            meeting(
                "an intro to someone in data at Sonae, and what the team is like", goal="intro"
            ),
            False,
        ),
        # Someone else named at "who exactly can say yes?".
        (
            DECIDES,
            replace(
                meeting("whether the team is growing", goal="ask"),
                ask=AskTarget("Victor Hale", can_help="introduce"),
            ),
            False,
        ),
        (BUSY, meeting(INTERVIEW), False),
    ],
)
def test_questions_that_pull_away_from_the_aim(
    question: Question, situation: Situation, away: bool
) -> None:
    assert pulls_away(question, situation, read_aim(situation.aim, "Sonae")) is away


def test_the_brief_asks_what_the_aim_wants_first_and_not_what_pulls_away(
    render: Renderer, shipped: Library
) -> None:
    text = brief_text(render, shipped, meeting(INTERVIEW))
    questions = re.findall(r"^\d\. (.+)$", text, flags=re.MULTILINE)
    assert questions[0] == "How should I handle the product sense round?"
    assert len(questions) == 4  # the playbooks still fill the rest
    assert "The ask" not in text
    assert len(text) < FIRST_BRIEF_LIMIT, text
    # A second meeting, after a brief that asked where she'd see you next and about the
    # reference: what is left must still not be her hiring or who makes the final call.
    second = replace(
        meeting(INTERVIEW),
        last_brief=LastBrief(
            frozenset({"former_manager.manager_view", "former_manager.manager_reference"})
        ),
    )
    for goal in ("advice", "job"):
        for seed in range(8):
            brief = build_brief(shipped, replace(second, goal=goal), random.Random(seed))
            asked = [q.text for q in brief.questions]
            assert asked, goal
            assert not any(about_their_hiring(q) or "final call" in q for q in asked), asked


def test_advice_the_ask_already_says_is_not_asked_again(render: Renderer, shipped: Library) -> None:
    text = brief_text(render, shipped, meeting(INTERVIEW, goal="ask"))
    assert "“Could I ask your advice on how to handle the product sense round?" in text
    assert "How should I handle the product sense round?" not in text


def test_a_few_minutes_at_an_event_open_first_then_ask_what_the_aim_wants(
    render: Renderer, shipped: Library
) -> None:
    hallway = Situation(
        "Tomás Reyes",
        "learn",
        "seed",
        company="Vela",
        relationship="met_once",
        setting="event",
        topic="open data in transport",
        aim="find out whether his team ever takes on volunteers",
    )
    questions = re.findall(r"^\d\. (.+)$", brief_text(render, shipped, hallway), re.MULTILINE)
    assert len(questions) == 2  # one opener, one follow-up
    assert questions[1] == "Does your team ever take on volunteers?"
    brief = build_brief(shipped, hallway, random.Random(7))
    # The opener is a playbook's, not the offer of help that closes a longer meeting.
    assert [q.text for q in brief.questions] == questions[:1]
    assert brief.questions[0].slot != "how_i_can_help"
