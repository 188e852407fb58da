"""Reading the ask and what to cover from the aim typed in the user's own words, and the
brief saying it as a script in their voice."""

from __future__ import annotations

import random
import re

import pytest

from bot.coaching.aim import (
    NOTHING,
    Ask,
    Cover,
    compile_table,
    names_themself,
    parse_table,
    read_aim,
)
from bot.coaching.brief import Warning, build_brief, warnings_for
from bot.coaching.playbooks import Library
from bot.coaching.situation import AskTarget, Relationship, Situation
from bot.coaching.stages import Goal, Stage
from bot.render import Renderer
from tests.unit.test_brief import FIRST_BRIEF_LIMIT, brief_text, render, shipped

__all__ = ["render", "shipped"]  # the fixtures, shared with test_brief

PRIYA = (
    "I want to ask her for a reference for a product manager job at Feedzai, and maybe hear if"
    " she knows anyone there"
)


@pytest.mark.parametrize(
    ("aim", "ask"),
    [
        # A reference: the role and the company, with the article the sentence needs.
        (PRIYA, Ask("reference", role="product manager role", det="the", company="Feedzai")),
        (
            "I want to ask him to be a referee for data jobs, because my head teacher is sour",
            Ask("reference", role="data roles"),
        ),
        (
            "a reference for the Globex application",
            Ask("reference", role="Globex application", det="the"),
        ),
        (
            "could she write me a letter of recommendation for my master's application",
            Ask("reference", role="master's application", det="my"),
        ),
        (
            "a reference for an analyst internship",
            Ask("reference", role="analyst internship", det="an"),
        ),
        ("see if he would vouch for me", Ask("reference")),
        # Not a job: no role rather than a wrong one.
        ("a reference for when I apply next year", Ask("reference")),
        # An introduction to a named person, or to whoever fits.
        (
            "ask him to introduce me to Victor Hale, he runs the platform team",
            Ask("intro", person="Victor Hale"),
        ),
        ("would love an intro to their CTO", Ask("intro", person="your CTO")),
        (
            "ask if he can introduce me to the hiring manager for the data team",
            Ask("intro", person="the hiring manager for the data team"),
        ),
        (
            "ask for an introduction to Dr. Amara Obi at the Wellcome Trust",
            Ask("intro", person="Dr Amara Obi at the Wellcome Trust"),
        ),
        (
            "put me in touch with someone who hires junior analysts",
            Ask("intro", anyone="who hires junior analysts"),
        ),
        (
            "ideally get an introduction to someone in the GMCA environment team, since he works"
            " with them",
            Ask("intro", anyone="in the GMCA environment team"),
        ),
        ("see if she knows anyone at Stripe", Ask("intro", anyone="at Stripe")),
        (
            "find out if anyone in her team knows people in fintech",
            Ask("intro", anyone="in fintech"),
        ),
        # A review of something of theirs.
        ("ask her to look over my portfolio before I apply", Ask("review", thing="my portfolio")),
        ("get feedback on my pitch deck", Ask("review", thing="my pitch deck")),
        ("have him review my README", Ask("review", thing="my README")),
        (
            "I'd love her to look at my cover letter for the Monzo role and tell me if I'm ready",
            Ask("review", thing="my cover letter for the Monzo role"),
        ),
        # Kept in mind: interest, not a request for a job.
        (
            "ask if she'd keep me in mind for a product manager role at Monzo",
            Ask("roles", role="product manager role", det="a", company="Monzo"),
        ),
        ("let her know I'm looking, and keep me in mind if anything comes up", Ask("roles")),
        # Advice on a topic, and favours of every shape.
        ("advice on moving into management", Ask("advice", topic="moving into management")),
        ("get his take on whether to go freelance", Ask("advice", topic="whether to go freelance")),
        (
            "ask him if he could send me the slides from his talk",
            Ask("favour", favour="send me the slides from your talk"),
        ),
        (
            "ask them whether I could shadow the team for a day",
            Ask("favour", favour="shadow the team for a day", modal="could_i"),
        ),
        (
            "ask her if she's willing to mentor me",
            Ask("favour", favour="be willing to mentor me", modal="would_you"),
        ),
        (
            "ask him if he'd sponsor my visa",
            Ask("favour", favour="sponsor my visa", modal="would_you"),
        ),
        (
            "ask her to speak at our meetup in March",
            Ask("favour", favour="speak at our meetup in March"),
        ),
        # The role first, then the name: the introduction is to the name.
        (
            "want him to introduce me to the CTO, Mariana Ortega, who decides on the data hires",
            Ask("intro", person="Mariana Ortega"),
        ),
        ("an intro to his boss, I think she runs the team", Ask("intro", person="your boss")),
    ],
)
def test_the_ask_is_read_by_kind_with_what_it_is_for(aim: str, ask: Ask) -> None:
    assert read_aim(aim).ask == ask


@pytest.mark.parametrize(
    "aim",
    [
        "ask him for a loan",  # no kind it can say
        "introduce me to her",  # the person met is no one to be introduced to
        "ask her if she thinks I'm ready",  # "she thinks" would need its verb changed
        "ask her whether the team is growing",  # a question, not a favour
        "find out if she knows anyone there",  # "there" with no company anywhere
        "catch up and hear how the new job is going",
        "introduce me to someone",  # to whom? the brief asks rather than guess
        "ask them to",
        "",
        "   ",
    ],
)
def test_what_cannot_be_read_with_confidence_is_not_scripted(aim: str) -> None:
    assert read_aim(aim).ask is None


def test_a_second_part_is_a_second_lighter_ask() -> None:
    reading = read_aim(PRIYA)
    assert reading.also == Ask("intro", anyone="at Feedzai")  # "there" is the aim's Feedzai
    # The company she works at, when the aim names none of its own.
    there = read_aim("a reference, and hear if she knows anyone there", company="Sonae")
    assert there.ask == Ask("reference") and there.also == Ask("intro", anyone="at Sonae")
    advice = read_aim("a reference, and her take on whether I should go back to school")
    assert advice.also == Ask("advice", topic="whether I should go back to school")
    # Two parts of the same kind are one ask.
    assert read_aim("a reference, and maybe be my referee again later").also is None


@pytest.mark.parametrize(
    ("aim", "cover"),
    [
        (
            "get her view on my CV, which job titles to look for and what salary to expect",
            (
                Cover(review="my CV"),
                Cover(question="Which job titles should I look for?"),
                Cover(question="What salary should I expect?"),
            ),
        ),
        (
            "Job search help. Honest feedback on my CV, which job titles I should go for (data"
            " analyst, BI analyst, insight analyst?), what salary to expect coming from teaching,"
            " and generally to feel less lost.",
            (
                Cover(review="my CV"),
                Cover(
                    question="Which job titles should I go for"
                    " (data analyst, BI analyst, insight analyst)?"
                ),
                Cover(question="What salary should I expect coming from teaching?"),
            ),
        ),
        (
            "whether I should do an MBA and how to pay for it",
            (Cover(question="Should I do an MBA?"), Cover(question="How should I pay for it?")),
        ),
        ("what I need to learn first", (Cover(question="What do I need to learn first?"),)),
        (
            "how to approach her boss about a raise",
            (Cover(question="How should I approach your boss about a raise?"),),
        ),
        # Nothing turned round that would need a verb changed, or that is not a noun before "to".
        ("how people move from analytics into data engineering", ()),
        ("whether my teaching background counts for anything", ()),
        ("how best to approach him", ()),
        # A part that is an ask is scripted as one, not asked again as a question.
        ("ask them whether I could shadow the team for a day", ()),
        # "Has" as a verb is asked; as a tense, or "has or will have", it is not turned.
        (
            "find out whether Harbourside has a pharmacist role",
            (Cover(question="Does Harbourside have a pharmacist role?"),),
        ),
        ("whether she has been promoted", ()),
        ("whether Harbourside has or will have a role", ()),
        # A wish said after "but I also want to" is still something to find out.
        (
            "mostly to catch up, it's been two years, but I also want to find out if CUF is"
            " hiring for the new day-surgery unit",
            (Cover(question="Is CUF hiring for the new day-surgery unit?"),),
        ),
        # Who someone is, said after their name, asks nothing; said as a thing to find out,
        # it asks.
        ("an intro to the CTO, Mariana Ortega, who decides on the data hires", ()),
        (
            "learn how Ana got into UX, and who decides on hiring at Globex",
            (
                Cover(question="How did Ana get into UX?"),
                Cover(question="Who decides on hiring at Globex?"),
            ),
        ),
    ],
)
def test_what_the_aim_wants_found_out_becomes_questions(aim: str, cover: tuple[Cover, ...]) -> None:
    assert read_aim(aim).cover == cover


@pytest.mark.parametrize(
    ("answer", "themself"),
    [
        ("Priya herself - the reference is from her", True),
        ("Priya", True),
        ("priya nair", True),
        ("her", True),
        ("she can, it's her reference", True),
        ("himself", True),
        ("Victor Hale, he decides on the March hires", False),
        ("Priya's boss, Tom", False),
        ("Priyanka in HR", False),
        ("Priya and her CTO", False),
    ],
)
def test_who_can_say_yes_can_be_the_person_you_meet(answer: str, themself: bool) -> None:
    assert names_themself(answer, "Priya Nair") is themself


def test_the_words_table_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown kind of ask 'loan'"):
        parse_table({"loan": ["borrow money"]})
    with pytest.raises(ValueError, match="must list phrases"):
        parse_table({"reference": "referee"})
    # A word ending in * matches any word that starts with it.
    pattern = compile_table(parse_table({"reference": ["recommend*"]}))["reference"]
    assert pattern.search("a recommendation letter") and not pattern.search("recommit")


# --- the brief says it ------------------------------------------------------------------------


def situation(
    aim: str,
    goal: Goal = "ask",
    stage: Stage = "trusted",
    relationship: Relationship | None = "former_manager",
    **known: object,
) -> Situation:
    known.setdefault("setting", "meal")
    return Situation(
        "Priya Nair",
        goal,
        stage,
        company="Sonae",
        relationship=relationship,
        aim=aim,
        **known,  # type: ignore[arg-type]
    )


def the_ask(text: str) -> str:
    [line] = [line for line in text.splitlines() if line.startswith("💬 The ask: ")]
    return line.removeprefix("💬 The ask: ")


@pytest.mark.parametrize(
    ("meeting", "said"),
    [
        (
            situation(PRIYA, stage="dormant", last_talked="years"),
            "“Would you be a reference for me for the product manager role at Feedzai? I'll send"
            " you the job ad and a few lines on what we worked on together, so it takes you five"
            " minutes.” Then, lighter: “Do you know anyone at Feedzai I could talk to?”",
        ),
        (
            situation("ask her to introduce me to Victor Hale", relationship="friend"),
            "“Would you introduce me to Victor Hale? I'll send you three lines you can forward."
            " And if it's awkward, no problem at all.” — first make sure Priya can introduce you.",
        ),
        (
            situation("a reference for data analyst jobs", relationship="friend"),
            "“Would you be a reference for me for data analyst roles? I'll send you the job ad"
            " and a few lines on what I've been doing, so it takes you five minutes.”",
        ),
        (
            situation("have her review my slides for the board"),
            "“Would you look over my slides for the board? I'll send them ahead; the one thing"
            " you'd change first is plenty.”",
        ),
        (
            situation("keep me in mind for a data engineering role at Monzo", goal="job"),
            "“I'm looking for a data engineering role at Monzo now. If you hear of anything,"
            " I'd love to know.”",
        ),
        (
            situation("get her to keep me in mind if anything comes up", goal="job"),
            "“I'm looking for my next role now. If you hear of anything, I'd love to know.”",
        ),
        (
            situation("ask her whether I could shadow the team for a day"),
            "“Could I shadow the team for a day? And if it's not possible, no problem at all.”",
        ),
        (
            situation("put me in touch with someone who runs a data team", goal="intro"),
            "“Do you know anyone who runs a data team? If so, I'll send you three lines you can"
            " forward.” — first make sure Priya can introduce you.",
        ),
        (
            situation("her advice on whether to take the Berlin offer"),
            "“Could I ask your advice on whether to take the Berlin offer? I'd value your honest"
            " view.”",
        ),
    ],
)
def test_the_brief_scripts_the_ask_in_the_users_voice(
    render: Renderer, shipped: Library, meeting: Situation, said: str
) -> None:
    text = brief_text(render, shipped, meeting)
    assert the_ask(text) == said
    assert len(text) < FIRST_BRIEF_LIMIT, text


def test_an_aim_that_cannot_be_scripted_is_quoted_in_a_clean_sentence(
    render: Renderer, shipped: Library
) -> None:
    said = the_ask(brief_text(render, shipped, situation("ask him for a loan", stage="feed")))
    assert said.startswith("Ask for it in one sentence (you said “ask him for a loan”)")
    # Too long to quote: a plain script to fill in, never the aim pasted into a sentence.
    long = "I need to ask him about something delicate to do with the flat, money and his sister"
    said = the_ask(brief_text(render, shipped, situation(long, stage="feed")))
    assert said.startswith("One sentence, out loud, “Could you …?")


def test_a_meeting_to_learn_gets_questions_on_what_the_aim_names_and_no_ask(
    render: Renderer, shipped: Library
) -> None:
    aim = "get her view on my CV, which job titles to look for and what salary to expect"
    text = brief_text(render, shipped, situation(aim, goal="learn", relationship="friend"))
    assert "The ask" not in text
    questions = re.findall(r"^\d\. (.+)$", text, flags=re.MULTILINE)
    assert questions[:3] == [
        "What would you change first in my CV?",
        "Which job titles should I look for?",
        "What salary should I expect?",
    ]
    assert len(questions) == 4  # the playbooks fill the rest, as many as a meal allows
    # A few minutes at an event leave room for one of them.
    hallway = brief_text(
        render, shipped, situation(aim, goal="learn", relationship="met_once", setting="event")
    )
    assert len(re.findall(r"^\d\. ", hallway, flags=re.MULTILINE)) == 2


def test_a_reference_from_them_needs_no_check_that_they_can_say_yes(shipped: Library) -> None:
    reference = situation(PRIYA, stage="dormant")
    assert warnings_for(reference) == ()
    # An introduction is someone else's yes: still worth checking.
    intro = situation("an introduction to Victor Hale", stage="dormant")
    assert warnings_for(intro) == (Warning("check_say_yes"),)
    # A named target at "who exactly?" keeps the playbook's ask and the lines to forward.
    named = situation(
        "an intro to Victor", goal="intro", ask=AskTarget("Victor Hale", can_help="introduce")
    )
    brief = build_brief(shipped, named, random.Random(1))
    assert brief.script is None and brief.ask is not None and "Victor Hale" in brief.ask
    assert brief.blurb is not None


def test_nothing_is_read_from_no_aim() -> None:
    assert read_aim(None) == NOTHING
    assert not NOTHING.from_them


def test_a_paragraph_of_aim_is_cut_to_its_first_sentence_once_the_ask_says_it(
    render: Renderer, shipped: Library
) -> None:
    aim = (
        "I want to ask him to be a referee for nursing jobs, because my ward manager is unhappy"
        " that I'm leaving. And ask whether the clinical informatics team ever takes nurses,"
        " and maybe if he knows anyone in the data team there."
    )
    meeting = Situation(
        "Owen Hughes",
        "ask",
        "dormant",
        company="Carebridge (health-tech startup in Cardiff)",
        role="Head of clinical informatics",
        relationship="former_manager",
        last_talked="years",
        setting="meal",
        setting_words="lunch at a café near Cardiff Central",
        aim=aim,
    )
    text = brief_text(render, shipped, meeting)
    assert (
        "🎯 Ask for something: I want to ask him to be a referee for nursing jobs, because my"
        " ward manager is unhappy that I'm leaving…\n" in text
    )
    assert "Then, lighter: “Do you know anyone in the data team at Carebridge I could" in " ".join(
        text.split()
    )
    assert len(text) < FIRST_BRIEF_LIMIT, text
    # Without a script there is nothing that says the rest: the aim stays whole.
    learn = brief_text(render, shipped, Situation("Owen Hughes", "learn", "dormant", aim=aim))
    assert aim in learn


SAID_AIMS = [
    PRIYA,
    "ask him to be a referee for data jobs, and maybe hear if he knows anyone there",
    "a reference for my master's application, and her take on whether to go part-time",
    "ask her to introduce me to her old team at Google and get her view on my CV",
    "ask if she knows anyone who has moved from nursing into UX",
    "keep me in mind for backend roles at Monzo",
    "ask him if he could send me the slides from his talk",
    "ask them whether I could shadow the team for a day",
    "ask her if she's willing to mentor me",
    "I'd love her to look at my cover letter for the Monzo role",
    "ask him to tell me honestly whether my thesis is publishable",
    "ask for an introduction to Dr. Amara Obi at the Wellcome Trust",
]


@pytest.mark.parametrize("aim", SAID_AIMS)
@pytest.mark.parametrize("relationship", ["friend", "former_manager", "never_met", None])
def test_a_scripted_ask_reads_as_one_person_talking_to_another(
    render: Renderer, shipped: Library, aim: str, relationship: Relationship | None
) -> None:
    said = the_ask(brief_text(render, shipped, situation(aim, relationship=relationship)))
    assert said.startswith("“") and "”" in said
    spoken = said[: said.rindex("”")]
    # The person you meet is "you", never "she" or "him"; no word twice in a row.
    assert not re.search(r"\b(?:she|he|her|him|his|they|them)\b", spoken, re.IGNORECASE), said
    assert not re.search(r"\b(\w+) \1\b", spoken, re.IGNORECASE), said
    assert "{" not in said and "None" not in said
