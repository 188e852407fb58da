"""The answer cleaner: empty answers, several promises in one, their dates, and how a promise
is said back. Sunday 22 November 2026 is "now", as in the end-to-end tests."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.coaching.answers import (
    Clause,
    Promise,
    button_place,
    content_of,
    is_nothing,
    opens_with_nothing,
    promise_clause,
    promise_meant,
    promise_reminder_at,
    read_promise,
    read_promises,
    said_as_mine,
    sentences,
    split_promises,
)
from bot.config import PROJECT_ROOT
from bot.render import Renderer

BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SUNDAY = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
WEDNESDAY = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "nothing",
        "Nothing.",
        "  none ",
        "nothing really",
        "Nothing really!",
        "nope",
        "Nope 🙂",
        "n/a",
        "N/A.",
        "n.a.",
        "none",
        "None yet",
        "-",
        "—",
        "...",
        "not really",
        "Not really, no",
        "nothing this time",
        "no promises",
        "No promises made",
        "nah",
        "Nah 😅",
        "NO",
        "no one",
        "nobody",
        "nothing at all",
        "nothing new",
        "no one new this time",
        "nothing in particular",
        "nothing I can think of",
        "they didn't promise anything",
        "I don't know",
        "idk",
        "not sure",
        "🤷",
        "🤷‍♀️",
        "skip",
        "skip for now",
        "skip it",
        "TBD",
        "no clue",
        "prefer not to say",
        "we haven't set a date",
        "not decided yet",
    ],
)
def test_nothing_is_no_answer(text: str) -> None:
    assert is_nothing(text)


@pytest.mark.parametrize(
    "text",
    [
        "no-code tools",
        "Nothing Phone fan",
        "No, but she'll send me the deck",
        "nothing yet, but will send the deck",
        "not now",
        "Nora",
        "None of the big firms hire juniors",
        "Notion templates",
        "🎸",
        "send the deck",
        "set up a call with her boss",
        "date night ideas",
        "agreed to intro me",
    ],
)
def test_real_answers_are_kept(text: str) -> None:
    assert not is_nothing(text)


@pytest.mark.parametrize(
    ("text", "promises"),
    [
        (
            "intro to Ines. and send him a 3 line blurb for victor",
            ["intro to Ines", "send him a 3 line blurb for victor"],
        ),
        ("1) send deck 2) intro to Sam", ["send deck", "intro to Sam"]),
        (
            "1. send the deck 2. intro to Sam 3. ask Maya",
            ["send the deck", "intro to Sam", "ask Maya"],
        ),
        (
            "send the article; ask Maya about the role",
            ["send the article", "ask Maya about the role"],
        ),
        (
            "- send deck\n- intro to Sam\n• review her CV",
            ["send deck", "intro to Sam", "review her CV"],
        ),
        ("send deck\n\nintro to Sam\n", ["send deck", "intro to Sam"]),
        ("send the deck and intro to Sam", ["send the deck", "intro to Sam"]),
        (
            "I'll send the deck, intro to Sam and ask Maya about the role",
            ["I'll send the deck", "intro to Sam", "ask Maya about the role"],
        ),
        ("send the deck, then call Ana", ["send the deck", "call Ana"]),
        (
            "Send the deck. Also check in with Ana next month",
            ["Send the deck", "check in with Ana next month"],
        ),
        # Two offers in one breath, the second reported ("said she'd", "he offered a").
        (
            "she'll set up a shadow shift and said she'd look over my cover letter",
            ["she'll set up a shadow shift", "said she'd look over my cover letter"],
        ),
        (
            "he will refer me once he has my CV and he offered a mock interview",
            ["he will refer me once he has my CV", "he offered a mock interview"],
        ),
        (
            "they'll send the contract, and they also promised a desk by March",
            ["they'll send the contract", "they also promised a desk by March"],
        ),
        # One promise, however many "and"s.
        ("coffee and cake next time", ["coffee and cake next time"]),
        ("Tom and Jerry", ["Tom and Jerry"]),
        ("send the deck and the case study", ["send the deck and the case study"]),
        ("read and review her draft", ["read and review her draft"]),
        ("send notes to Dr. Lee", ["send notes to Dr. Lee"]),
        ("meet at 3.30 near the station", ["meet at 3.30 near the station"]),
        ("send 3 articles by J. Smith", ["send 3 articles by J. Smith"]),
        ("Send the <b>pricing</b> article.", ["Send the <b>pricing</b> article"]),
        # A "nothing" among the lines is no promise.
        ("send the deck\nnothing else", ["send the deck"]),
        ("nothing really", []),
    ],
)
def test_an_answer_is_split_into_its_promises(text: str, promises: list[str]) -> None:
    assert split_promises(text) == promises


def test_a_flood_of_promises_keeps_every_word() -> None:
    text = "\n".join(f"- send link {n}" for n in range(1, 16))
    promises = split_promises(text)
    assert len(promises) == 10
    assert "send link 15" in promises[-1] and "send link 10" in promises[-1]


@pytest.mark.parametrize(
    ("text", "promise"),
    [
        (
            "send him a 3 line blurb for victor by friday",
            ("send him a 3 line blurb for victor", date(2026, 11, 27)),
        ),
        ("send the deck by Friday.", ("send the deck", date(2026, 11, 27))),
        ("by fri send the deck", ("send the deck", date(2026, 11, 27))),
        ("tomorrow send the deck", ("send the deck", date(2026, 11, 23))),
        ("send the draft tomorrow morning", ("send the draft", date(2026, 11, 23))),
        ("call Sam on Monday at 10am", ("call Sam", date(2026, 11, 23))),
        ("intro to Ines before the 20th", ("intro to Ines", date(2026, 12, 19))),
        ("send it by the 30th", ("send it", date(2026, 11, 30))),
        ("send it by the 31st", ("send it", date(2026, 12, 31))),
        ("send the notes by end of next week", ("send the notes", date(2026, 11, 27))),
        ("send the notes end of the week", ("send the notes", date(2026, 11, 27))),
        ("send him the deck by EOW", ("send him the deck", date(2026, 11, 27))),
        ("send by end of the month", ("send", date(2026, 11, 30))),
        ("ask Maya by the end of next month", ("ask Maya", date(2026, 12, 31))),
        ("review CV within a week", ("review CV", date(2026, 11, 29))),
        ("send it in two weeks", ("send it", date(2026, 12, 6))),
        ("by 3 Dec send the report", ("send the report", date(2026, 12, 3))),
        ("send the report by Dec 3rd", ("send the report", date(2026, 12, 3))),
        ("grab coffee next week", ("grab coffee", date(2026, 11, 23))),
        # The date first: no comma is left hanging in front of what remains.
        ("in two weeks, by email", ("by email", date(2026, 12, 6))),
        ("by friday - the deck", ("the deck", date(2026, 11, 27))),
        # Nor a space before the comma the date stood in front of.
        ("send my CV by friday, and the list", ("send my CV, and the list", date(2026, 11, 27))),
        # No date in these.
        ("blurb for victor", ("blurb for victor", None)),
        ("send the 2nd draft", ("send the 2nd draft", None)),
        ("send Friday's slides", ("send Friday's slides", None)),
        ("send today's notes", ("send today's notes", None)),
        ("send 3 articles", ("send 3 articles", None)),
        ("intro to Ines", ("intro to Ines", None)),
    ],
)
def test_a_due_date_inside_a_promise_is_read_out(
    text: str, promise: tuple[str, date | None]
) -> None:
    assert read_promise(text, SUNDAY, BERLIN) == Promise(*promise)


@pytest.mark.parametrize(
    ("text", "promise"),
    [
        # A weekday before a date names that date: the weekday alone had become the coming
        # Monday, and the date was left in the promise ("...why I want the role 21 December").
        (
            "send him my CV and a short paragraph on why I want the role by Monday 21 December",
            ("send him my CV and a short paragraph on why I want the role", date(2026, 12, 21)),
        ),
        ("send the deck by Mon 21/12", ("send the deck", date(2026, 12, 21))),
        ("send the deck by Friday the 18th", ("send the deck", date(2026, 12, 18))),
        ("Friday, December 18 send the deck", ("send the deck", date(2026, 12, 18))),
        ("intro to Sam on Thursday 10th December", ("intro to Sam", date(2026, 12, 10))),
        # When they disagree, the date is trusted: 21 December 2026 is a Monday.
        ("send the deck by Wednesday 21 December", ("send the deck", date(2026, 12, 21))),
        ("send the deck by Tue the 18th.", ("send the deck", date(2026, 12, 18))),
    ],
)
def test_a_weekday_with_a_date_is_that_date(text: str, promise: tuple[str, date | None]) -> None:
    assert read_promise(text, SUNDAY, BERLIN) == Promise(*promise)


def test_end_of_week_counts_from_a_weekday_too() -> None:
    assert read_promise("send it by end of next week", WEDNESDAY, BERLIN).due == date(2026, 12, 4)
    assert read_promise("send it by end of the week", WEDNESDAY, BERLIN).due == date(2026, 11, 27)
    assert read_promise("send it by the 25th", WEDNESDAY, BERLIN).due == date(2026, 11, 25)


def test_the_day_is_the_persons_own() -> None:
    # 23:30 on Saturday in Los Angeles is already Sunday in UTC: "tomorrow" is their Sunday.
    saturday_night = datetime(2026, 11, 22, 7, 30, tzinfo=UTC)
    assert read_promise("send it tomorrow", saturday_night, LOS_ANGELES).due == date(2026, 11, 22)


def test_each_promise_keeps_its_own_date() -> None:
    assert read_promises(
        "intro to Ines. and send him a 3 line blurb for victor by friday", SUNDAY, BERLIN
    ) == [
        Promise("intro to Ines", None),
        Promise("send him a 3 line blurb for victor", date(2026, 11, 27)),
    ]


@pytest.mark.parametrize(
    "both", ["Both by Friday.", "all of it by friday", "Both of them by Friday"]
)
def test_both_by_friday_is_the_day_of_the_promises_before_it(both: str) -> None:
    """It had become a promise of its own: "You promised a Both"."""
    assert read_promises(
        f"Send her a thank-you note. Intro her to Sam. {both}", SUNDAY, BERLIN
    ) == [
        Promise("Send her a thank-you note", date(2026, 11, 27)),
        Promise("Intro her to Sam", date(2026, 11, 27)),
    ]


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        (
            "send him a 3 line blurb for victor",
            Clause("deed", "send him a 3 line blurb for victor"),
        ),
        ("Send the deck", Clause("deed", "send the deck")),
        ("I'll send my notes", Clause("deed", "send your notes")),
        ("I will intro her to Sam", Clause("deed", "intro her to Sam")),
        ("send me the deck", Clause("deed", "send you the deck")),
        ("she'll send me her slides", Clause("deed", "send you her slides")),
        ("Ines will intro me to Sam", Clause("deed", "intro you to Sam")),
        ("intro to Ines", Clause("thing", "an intro to Ines")),
        ("call with Sam", Clause("thing", "a call with Sam")),
        ("CV review for her brother", Clause("thing", "a CV review for her brother")),
        ("feedback on my deck", Clause("thing", "feedback on your deck")),
        ("the deck", Clause("thing", "the deck")),
        ("articles about hiring", Clause("thing", "articles about hiring")),
        ("update on the role", Clause("thing", "an update on the role")),
        # A verb no list knows, followed by what it acts on, is still something to do.
        ("Rewrite the README", Clause("deed", "rewrite the README")),
        ("I'll polish my portfolio site", Clause("deed", "polish your portfolio site")),
        ("Renew her a library pass", Clause("deed", "renew her a library pass")),
        ("coffee with her team", Clause("thing", "coffee with her team")),
        # The verb follows its turned pronoun: it had said "reminding him who you am".
        (
            "Send him an email reminding him who I am and what I'd like from Leah",
            Clause(
                "deed", "send him an email reminding him who you are and what you'd like from Leah"
            ),
        ),
        ("tell her where I was stuck", Clause("deed", "tell her where you were stuck")),
        # Said as what you agreed or said you'd do: "You promised a you agreed to…" had come.
        (
            "I agreed to give a guest talk to his students",
            Clause("deed", "give a guest talk to his students"),
        ),
        ("I said I'd send her the deck", Clause("deed", "send her the deck")),
    ],
)
def test_a_promise_said_back_to_its_writer(text: str, clause: Clause) -> None:
    assert promise_clause(text, to_writer=True) == clause


def test_a_promise_in_a_message_to_them_keeps_the_writers_words() -> None:
    assert promise_clause("send me the deck", to_writer=False) == Clause("deed", "send me the deck")


@pytest.mark.parametrize(
    ("side", "form", "words", "sentence"),
    [
        (
            "mine",
            "deed",
            "send him a 3 line blurb for victor",
            "You said you'd send him a 3 line blurb for victor.",
        ),
        ("mine", "thing", "an intro to Ines", "You promised an intro to Ines."),
        ("theirs", "deed", "send you the deck", "Mira said they'd send you the deck."),
        ("theirs", "thing", "an intro to Sam", "Mira promised you an intro to Sam."),
    ],
)
def test_the_sentences_read_well(side: str, form: str, words: str, sentence: str) -> None:
    render = Renderer(PROJECT_ROOT / "prompts")
    assert render.label(f"promises.{side}_{form}", promise=words, name="Mira") == sentence


def test_your_promise_is_recalled_on_its_morning_and_theirs_the_next_working_one() -> None:
    friday = date(2026, 11, 27)
    assert promise_reminder_at(friday, "mine", SUNDAY, BERLIN) == datetime(
        2026, 11, 27, 8, 0, tzinfo=UTC
    )
    assert promise_reminder_at(friday, "theirs", SUNDAY, BERLIN) == datetime(
        2026, 11, 30, 8, 0, tzinfo=UTC
    )
    # Due today and the morning has gone: nothing to remind of that is not in front of you.
    assert promise_reminder_at(date(2026, 11, 22), "mine", SUNDAY, BERLIN) is None


# --- a no with a reason, or with something after all (issue 13, point 7) -----------------------


@pytest.mark.parametrize(
    "typed",
    [
        "nothing",
        "none",
        "Nothing new really",
        "n/a",
        "no",
        "not really",
        "None - I was the one giving advice",
        "no, she was the one asking",
        "None — I did the advising",
        "Nope, it was the other way round",
        "none from her side, I gave the advice",
        "Not really, we just chatted",
        "Nothing: it was all about him",
        "no. they didn't ask for anything",
        "None - I mostly listened",
        # Seen in panel 3: stored as someone they know, and as something they asked.
        "Nobody specific, just the CSA committee.",
        "No one in particular, only the policy people generally",
        "Nothing specific - mostly general encouragement",
        "Nothing really, I offered the inspection report thing myself.",
        "nope, I volunteered to review it",
    ],
)
def test_a_no_and_why_it_is_no_is_no_answer(typed: str) -> None:
    assert content_of(typed) is None


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Nothing, but she mentioned a hiring freeze", "she mentioned a hiring freeze"),
        ("none - except the intro to Sam I offered", "the intro to Sam I offered"),
        (
            "Nothing new. Still training for the Berlin marathon",
            "Still training for the Berlin marathon",
        ),
        ("No - she wants to become a teacher", "she wants to become a teacher"),
        ("no-code tools for her team", "no-code tools for her team"),
        ("Nothing Phone fan", "Nothing Phone fan"),
        ("send the deck by Friday", "send the deck by Friday"),
        ("Hiring freeze until March. No juniors", "Hiring freeze until March. No juniors"),
        (
            "Nothing really, just a heads-up that Ana is leaving",
            "just a heads-up that Ana is leaving",
        ),
        ("Nobody specific - Ana Ruiz maybe", "Ana Ruiz maybe"),
    ],
)
def test_what_comes_after_a_no_is_kept_only_when_it_says_something(typed: str, kept: str) -> None:
    assert content_of(typed) == kept


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("not decided yet, she'll send a slot", True),
        ("tbd - waiting on his calendar", True),
        ("nope", True),
        ("Nothing Phone launch on friday", False),
        ("friday, if she's free", False),
    ],
)
def test_an_answer_that_opens_with_no(text: str, opens: bool) -> None:
    assert opens_with_nothing(text) is opens


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the second one", 2),
        ("2", 2),
        ("option 3", 3),
        ("2nd", 2),
        ("I'll take the third", 3),
        ("the first one", 1),
        ("one", 1),
        ("two weeks", None),
        ("2 pm", None),
        ("second meeting", None),
        ("one of them", None),
        ("no one", None),
        ("coffee", None),
    ],
)
def test_a_button_named_by_its_place(text: str, place: int | None) -> None:
    assert button_place(text) == place


def test_a_title_before_a_name_does_not_end_the_sentence() -> None:
    """A note broke at "Prof." into two fragments (panel 3b)."""
    assert sentences("I'll update Prof. Whitaker. She passed the defence.") == [
        "I'll update Prof. Whitaker.",
        "She passed the defence.",
    ]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("when I send the CV", 0),
        ("once I've sent her the agency list", 1),
        ("after we do the mock interview", 2),
        # Words that name no promise, or a deed every promise shares, name none.
        ("when I send it", None),
        ("when the moon is blue", None),
        ("when I get the job", None),
        ("next week", None),
    ],
)
def test_a_follow_up_said_as_a_promise_kept_names_that_promise(
    typed: str, meant: int | None
) -> None:
    promises = ["send her my CV", "send the agency list", "a mock interview in January"]
    assert promise_meant(typed, promises) == meant


@pytest.mark.parametrize(
    ("promise", "mine"),
    [
        ("I said I'd send her my CV", True),
        ("I'll intro him to Sam", True),
        ("I promised to send the deck", True),
        ("we agreed to meet again in March", False),
        ("she'll put me forward", False),
        ("send me the deck", False),
        ("I think she'll send it", False),
    ],
)
def test_a_promise_said_as_the_users_own(promise: str, mine: bool) -> None:
    assert said_as_mine(promise) is mine
