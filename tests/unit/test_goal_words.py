"""Reading a meeting's goal from the words people type at the goal question."""

import pytest

from bot.coaching.goal_words import (
    GoalReading,
    goal_without_ask,
    parse_table,
    read_goal,
    shipped_table,
)
from bot.coaching.stages import GOALS
from bot.config import PROJECT_ROOT
from bot.render import Renderer


@pytest.mark.parametrize(
    ("typed", "goal"),
    [
        # The buttons' own words, typed.
        ("Learn about their field", "learn"),
        # A wish said in passing after "maybe" is the side dish, not the goal.
        ("I want to learn how his team detects fraud and maybe ask if they take interns", "learn"),
        ("learn about his work, and maybe ask for an intro to his boss", "learn"),
        ("maybe ask for a referral", "ask"),
        # So is what comes "also", and what comes after "mostly" is the main dish.
        (
            "mostly to catch up, it's been two years, but I also want to find out if they're"
            " hiring for the new unit",
            "reconnect",
        ),
        ("learn how her team works, and I'd also like to ask for an intro to Sam", "learn"),
        ("catch up over lunch, but mainly get her advice on pricing", "advice"),
        # Why them, said after a comma, is not what you want; a choice about a role is advice.
        (
            "I want his advice on whether to take a management role at a2 Milk, he knows the"
            " dairy industry inside out",
            "advice",
        ),
        ("it's been ages, but mainly I want to ask her for a reference", "ask"),
        # What the first sentence says is what they came for; the rest is detail.
        (
            "Mostly to help him - he's nervous about interviews. Advice on his CV, and I'd love"
            " to understand the modelling tools he uses",
            "help",
        ),
        (
            "To help him again: run the practice interview I promised, and ask if he's fine with me"
            " telling his tutor",
            "help",
        ),
        (
            "Say hello again and ask her to introduce me to Tom Reid, who runs their data team."
            " I want to find out if they hire people from finance",
            "intro",
        ),
        ("job search", "job"),
        ("Get advice", "advice"),
        ("reconnect", "reconnect"),
        ("Ask for something", "ask"),
        ("get an introduction", "intro"),
        # Sentences.
        ("advice on moving into management", "advice"),
        # No ask, said as people say it.
        ("coffee chat, get to know her", "learn"),
        ("general networking", "learn"),
        ("no particular reason, we're friends", "reconnect"),
        ("to say thanks for the referral last year", "reconnect"),
        ("thank him for the intro", "reconnect"),
        ("mentor session", "advice"),
        ("raise money for my bakery", "ask"),
        ("talk about a collaboration", "ask"),
        ("some tips on negotiating my salary", "advice"),
        ("should I take the offer from Globex?", "advice"),
        ("pick her brain about switching to UX", "advice"),
        ("find out what it's like working in climate tech", "learn"),
        ("curious how he got into venture capital", "learn"),
        ("learn how she got into product, and if ledgerly hires juniors", "learn"),
        ("see if they're hiring backend engineers", "job"),
        ("ask about open roles on her team", "job"),
        # What happened is not what is wanted; asking a question is not asking a favour.
        (
            "Thank her and update her: she introduced me to Marcus Bell. I want her advice on"
            " what to do differently.",
            "advice",
        ),
        (
            "make a real connection - ask one good question about their talk and get"
            " permission to stay in touch",
            "reconnect",
        ),
        ("I want to ask about the new role without assuming favouritism", "job"),
        (
            "Thank her and update her: she introduced me to Marcus Bell, we had a nice 30-min"
            " chat but no opening until Q2. She was my reference for a role at Arbor Education"
            " - I got to the final round but didn't get it. I want her advice on what to do"
            " differently.",
            "advice",
        ),
        (
            "The council has opened a 6-month Associate User Researcher role closing in three"
            " weeks; I want to ask about it without assuming any favouritism",
            "job",
        ),
        ("a referral for the data analyst position", "job"),
        ("Just to catch up, it's been a while", "reconnect"),
        ("back in touch with my old colleague", "reconnect"),
        ("would love an intro to their CTO", "intro"),
        ("ask for an intro to someone at Stripe", "intro"),
        ("put me in touch with their head of design", "intro"),
        ("a favour: borrow their studio for a shoot", "ask"),
        ("pitch our seed round, maybe they'll invest", "ask"),
        # Case and accents do not matter.
        ("CONSEJO? no — ADVICE, really", "advice"),
        ("réconnect", "reconnect"),
    ],
)
def test_typed_goals_are_read(typed: str, goal: str) -> None:
    reading = read_goal(typed)
    assert reading is not None and reading.goal == goal


@pytest.mark.parametrize(
    "typed", ["hello", "Ruth Adler", "42", "", "🙂", "not sure yet", "tomorrow at 5"]
)
def test_words_that_name_no_goal_are_not_read(typed: str) -> None:
    assert read_goal(typed) is None


def test_a_sentence_is_kept_as_the_aim_and_a_bare_goal_is_not() -> None:
    assert read_goal("advice on moving into management") == GoalReading(
        "advice", "advice on moving into management"
    )
    assert read_goal("  advice   on moving\ninto management ") == GoalReading(
        "advice", "advice on moving into management"
    )
    assert read_goal("Get advice") == GoalReading("advice", None)
    assert read_goal("jobs") == GoalReading("job", None)


def test_a_very_long_aim_is_cut_not_refused() -> None:
    reading = read_goal("advice " + "on a great many things " * 40)
    assert reading is not None and reading.goal == "advice"
    assert reading.words is not None and len(reading.words) <= 300
    # On a whole word, said to be cut.
    assert reading.words.endswith(("things…", "many…", "great…", "a…", "on…"))


def test_a_word_must_start_where_a_prefix_entry_says() -> None:
    # "hir*" is hire, hiring; "chiropractor" merely contains the letters.
    assert read_goal("chiropractor") is None


def test_every_goal_buttons_label_typed_is_that_goal() -> None:
    render = Renderer(PROJECT_ROOT / "prompts")
    for goal in GOALS:
        reading = read_goal(render.label(f"goals.{goal}"))
        assert reading is not None and reading.goal == goal, goal


def test_a_tie_goes_to_the_goal_listed_first() -> None:
    table = parse_table({"ask": ["coffee"], "learn": ["coffee"]})
    assert read_goal("coffee", table) == GoalReading("ask", None)
    table = parse_table({"learn": ["coffee"], "ask": ["coffee"]})
    assert read_goal("coffee", table) == GoalReading("learn", None)


def test_a_table_naming_an_unknown_goal_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown goal 'party'"):
        parse_table({"party": ["cake"]})
    with pytest.raises(ValueError, match="must list phrases"):
        parse_table({"learn": "field"})


# --- giving help, and who does what (issue 13, points 1 and 2) --------------------------------

GIVING = [
    "give help",
    "she wants advice on whether to become a teacher",
    "I promised to help him with his CV",
    "I want to introduce her to my colleague",
    "mentoring a junior designer on my team",
    "he's my mentee, we meet every month",
    "returning the favour, she helped me get my first job",
    "be a sounding board while he decides about the PhD",
    "help my old friend think it through: stay or leave the startup",
    "a former student wants to pick my brain about medicine",
    "look over her application for the fellowship",
    "put him in touch with someone in climate tech",
    "she asked me for advice about going freelance",
    "I owe him one, so I'll help with his pitch deck",
    "an intro for her to our head of design",
    "give him feedback on his portfolio",
    "talk things through with my mentee about her promotion",
    # Doing what you promised them is giving; asking whether they mind is no favour.
    "Run the mock interview I promised, over lunch; hear how her first round went; and ask"
    " whether she is OK with me telling Dr. Lee.",
    "help with her move to Porto next month",
    "prepare him for the panel on Thursday",
    "the practice interview, as promised, and ask if he's fine with me sharing his CV",
    "I promised him a look at the pitch deck; ask whether they're comfortable with me recording it",
]

GETTING = [
    ("job search help", "job"),
    ("looking for work in data", "job"),
    ("want her to put me forward for the analyst role", "job"),
    ("see if he'd recommend me to the hiring manager", "job"),
    ("my CV, and whether they take people without a degree", "job"),
    ("pick his brain about product management", "advice"),
    ("a second opinion on my pricing", "advice"),
    ("I'd like her to be my mentor", "advice"),
    ("I want her to introduce me to the editor", "intro"),
    ("an introduction to someone in their legal team", "intro"),
    ("catch up, it's been ages", "reconnect"),
    ("haven't seen him since the wedding, just want to see how he's doing", "reconnect"),
    ("I want to ask if she can lend us the venue", "ask"),
    ("understand what a day as a paramedic is like", "learn"),
    ("I need help with my visa paperwork", "ask"),
    ("quarterly check-in with my old boss", "reconnect"),
    ("my mentor, quarterly", "advice"),
    ("ask her for a mock interview before my final round", "ask"),
    ("ask if he is willing to sponsor my visa", "ask"),
    ("ask whether she is OK with lending us the hall", "ask"),
    ("introduce myself to the keynote speaker", "learn"),
]


@pytest.mark.parametrize("typed", GIVING)
def test_helping_them_is_read_as_giving_help(typed: str) -> None:
    reading = read_goal(typed)
    assert reading is not None and reading.goal == "help", typed


@pytest.mark.parametrize(("typed", "goal"), GETTING)
def test_more_ways_of_saying_what_you_hope_to_get(typed: str, goal: str) -> None:
    reading = read_goal(typed)
    assert reading is not None and reading.goal == goal, typed


# A goal the words contradict: the brief would coach the opposite of what the person said.
CONTRADICTED = [
    # You give: never coached as asking, or as getting their advice or their introduction.
    *[(typed, {"ask", "intro", "advice", "job", "learn"}) for typed in GIVING],
    # You get: never coached as the one helping.
    *[(typed, {"help"}) for typed, _ in GETTING],
    # Said with a "not": not what is wanted.
    ("not after an intro, just a catch up", {"intro", "ask"}),
    ("I'm not asking for a job, I want to learn how the team works", {"job", "ask"}),
    ("don't want to ask for anything, only to help her decide", {"ask", "intro", "advice"}),
    ("not here to give advice, I want hers on my move into policy", {"help"}),
    ("no favours, it's been ages and I miss him", {"ask"}),
    # You are the one hiring: not coached as looking for a job.
    ("I'm hiring and want to see if she'd join my team", {"job", "help"}),
    ("recruit him for our data team", {"job"}),
    # A reference you give is help; one you hope for is not.
    ("she needs a reference from me for the PGCE", {"job", "ask", "intro", "advice"}),
    ("get a reference for the council role", {"help"}),
]


@pytest.mark.parametrize(("typed", "never"), CONTRADICTED)
def test_no_phrasing_lands_on_a_goal_that_contradicts_it(typed: str, never: set[str]) -> None:
    reading = read_goal(typed)
    assert reading is None or reading.goal not in never, (typed, reading)


def test_every_entry_in_the_table_typed_alone_is_its_own_goal() -> None:
    # Else an entry is shadowed by another goal's and can never decide anything by itself.
    for goal, phrases in shipped_table().items():
        for phrase in phrases:
            typed = " ".join(word.rstrip("*") for word in phrase)
            reading = read_goal(typed)
            assert reading is not None and reading.goal == goal, (typed, reading)


@pytest.mark.parametrize(
    ("typed", "goal"),
    [
        (
            "Lena herself? I'm not really asking for anything, mostly giving help. The only ask"
            " is whether I can tell her tutor.",
            "help",
        ),
        ("no one - I'm not after anything, just catching up", "reconnect"),
        ("nobody, no real ask - I just want to learn how the team works", "learn"),
        # Who can say yes, and why: no word against asking.
        ("Victor Hale, he decides on the March hires", None),
        ("Dana, she needs help with hiring", None),
        ("not really asking", None),
    ],
)
def test_saying_there_is_no_ask_where_who_says_yes_is_asked_names_the_goal(
    typed: str, goal: str | None
) -> None:
    assert goal_without_ask(typed) == goal
