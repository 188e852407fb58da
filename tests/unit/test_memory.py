"""Memory becomes action: each kind of note turns into something different to do."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.coaching.memory import (
    Done,
    Give,
    Offer,
    Said,
    Thread,
    excerpt,
    remember,
    settled_slots,
)
from tests.unit.helpers import note


def test_each_kind_of_note_becomes_its_own_action() -> None:
    memory = remember(
        [
            note("learned", "training for the Berlin marathon"),
            note("what_they_value", "brevity; dislikes long decks"),
            note("how_i_can_help", "an intro to a designer"),
            note("common_ground", "both studied in Porto"),
        ],
        mine_open=["send the accessibility article"],
        theirs_open=["review my CV"],
    )
    assert memory.before == (Said("to send the accessibility article"),)
    assert memory.their_offers == (Offer(Said("to review your CV"), "send"),)
    assert memory.give == Give("their_need", "an intro to a designer")
    assert memory.threads == (Thread("news", "learned", "training for the Berlin marathon"),)
    assert memory.manners == ("brevity; dislikes long decks",)
    # Used once, shown once: only what became no action is listed as known.
    assert memory.known == (("common_ground", "both studied in Porto"),)


@pytest.mark.parametrize(
    ("idea", "give"),
    [
        (
            "maybe could help with new grad orientation if they need people",
            Give("my_idea", "help with new grad orientation if they need people"),
        ),
        ("could also intro her to Ravi", Give("my_idea", "intro her to Ravi")),
        ("perhaps I can host their meetup", Give("my_idea", "host their meetup")),
        # What they need, said as a need, is quoted as it is.
        ("an intro to a designer", Give("their_need", "an intro to a designer")),
        (
            "Can use a designer for the launch",
            Give("their_need", "Can use a designer for the launch"),
        ),
    ],
)
def test_what_you_might_do_for_them_is_said_as_the_deed(idea: str, give: Give) -> None:
    """Never "what they need, “maybe could help with…”": what you might do is yours."""
    assert remember([note("how_i_can_help", idea)], [], []).give == give


def test_what_they_asked_of_you_is_the_first_thing_to_give() -> None:
    memory = remember(
        [note("how_i_can_help", "an intro"), note("their_asks", "a CV review for her brother")],
        [],
        [],
    )
    assert memory.give == Give("their_ask", "a CV review for her brother")
    assert memory.known == (("how_i_can_help", "an intro"),)


def test_advice_they_gave_comes_back_as_a_report_and_news_as_questions_newest_first() -> None:
    memory = remember(
        [
            note("learned", "moving to Lisbon", 30),
            note("current_challenge", "hiring two engineers", 10),
            note("their_goals", "a book on climbing", 5),
            note("interests", "planning a sailing trip", 7),
            note("advice", "learn dbt first", 20),
        ],
        [],
        [],
    )
    assert memory.threads == (
        Thread("advice", "advice", "learn dbt first"),
        Thread("news", "their_goals", "a book on climbing"),
        Thread("news", "interests", "planning a sailing trip"),
    )
    # What did not fit among the threads is still known, listed once.
    assert dict(memory.known) == {
        "learned": "moving to Lisbon",
        "current_challenge": "hiring two engineers",
    }


def test_every_note_of_news_is_picked_up_newest_first_and_promises_are_never_knowledge() -> None:
    memory = remember(
        [
            note("learned", "moving to Lisbon", 30),
            note("learned", "starting a new team", 2),
            note("my_promises", "send the article", 1),
            note("follow_up", "2026-12-01", 1),
        ],
        [],
        [],
    )
    assert memory.threads == (
        Thread("news", "learned", "starting a new team"),
        Thread("news", "learned", "moving to Lisbon"),
    )
    assert memory.known == ()


def test_nothing_known_is_nothing_to_do() -> None:
    assert remember([], [], []) == remember([], (), ())
    empty = remember([], [], [])
    assert (empty.before, empty.threads, empty.give, empty.known) == ((), (), None, ())


def test_long_notes_are_shortened_inside_sentences() -> None:
    memory = remember([note("what_they_value", "x" * 300)], [], ["y" * 300])
    assert len(memory.manners[0]) == 80 and memory.manners[0].endswith("…")
    assert len(memory.their_offers[0].said.text) == 80


def test_kept_promises_are_context_and_what_a_promise_covers_is_no_give() -> None:
    memory = remember(
        [
            note("their_asks", "Just the tutoring link for her niece."),
            note("how_i_can_help", "Help them move in February, I can drive the van"),
        ],
        mine_open=["help with the move in February"],
        theirs_open=[],
        mine_kept=["send her the tutoring programme link"],
        theirs_kept=["feedback on my case study"],
    )
    # Done is done: not a to-do, not a give; their ask is what the kept promise did.
    assert memory.before == (Said("to help with the move in February"),)
    assert memory.give is None
    assert memory.done == (
        Done("mine", "send her the tutoring programme link", "gave"),
        Done("theirs", "feedback on my case study"),
    )
    # Nor is it listed as something you merely know.
    assert memory.known == ()


def test_a_long_note_of_news_is_followed_up_by_what_is_still_under_way() -> None:
    memory = remember(
        [
            note(
                "learned",
                "The council researches school admissions. She's running a meetup next month"
                " and invited me. She's training for her first triathlon in June.",
            )
        ],
        [],
        [],
    )
    assert [t.said for t in memory.threads] == [
        "She's running a meetup next month and invited me",
        "She's training for her first triathlon in June",
    ]


def test_what_you_hoped_for_is_yours_not_something_you_know_about_them() -> None:
    memory = remember(
        [
            note("aim", "Job search - and I helped her move house", 3),
            note("common_ground", "both from Stockport"),
        ],
        [],
        [],
    )
    assert [slot for slot, _ in memory.known] == ["common_ground"]


def test_a_promise_noted_twice_is_owed_once() -> None:
    memory = remember(
        [],
        [
            "send a card for the baby",
            "I still owe him a card for the baby, I completely forgot",
            "I'll bring a small present for Martha when we meet",
        ],
        [],
    )
    assert [s.text for s in memory.before] == [
        "to send a card for the baby",
        "to bring a small present for Martha when we meet",
    ]


def test_a_brief_lists_the_oldest_few_promises_and_counts_the_rest() -> None:
    mine = [f"send the {thing} report" for thing in ("pricing", "hiring", "travel", "audit", "tax")]
    theirs = ["an intro to Sam", "the CV template"]
    memory = remember([], mine, theirs)
    assert [s.text for s in memory.before] == [
        "to send the pricing report",
        "to send the hiring report",
        "to send the travel report",
    ]
    assert memory.before_more == 2
    assert [o.said.text for o in memory.their_offers] == ["an intro to Sam", "the CV template"]
    assert memory.offers_more == 0


# -- each kind of note, each once -----------------------------------------------------------


def test_an_answer_of_none_is_shown_nowhere() -> None:
    memory = remember(
        [
            note("advice", "Nothing new really"),
            note("who_they_know", "none"),
            note("their_asks", "None - I was the one giving advice"),
            note("common_ground", "both from Porto"),
        ],
        mine_open=["nothing"],
        theirs_open=["n/a"],
    )
    assert (memory.threads, memory.give, memory.before, memory.their_offers) == ((), None, (), ())
    assert memory.known == (("common_ground", "both from Porto"),)


def test_a_promise_to_meet_is_this_meeting_not_a_to_do() -> None:
    memory = remember(
        [],
        mine_open=["Take her out for dinner to celebrate the promotion", "send the deck"],
        theirs_open=["He suggested meeting for a coffee next time he's in town"],
        theirs_kept=["She asked to catch up again before the interviews", "sent me the slides"],
    )
    assert memory.before == (Said("to send the deck"),)
    assert memory.this_meeting == ("Take her out for dinner to celebrate the promotion",)
    assert memory.their_offers == ()
    # Thanks are for a favour done, not for wanting to meet.
    assert memory.done == (Done("theirs", "sent me the slides"),)


def test_what_you_already_did_for_them_is_done_not_owed() -> None:
    memory = remember([], ["I helped her move house on Saturday"], [])
    assert memory.before == ()
    assert memory.done == (Done("mine", "I helped her move house on Saturday"),)


def test_a_promise_said_again_in_other_words_is_owed_once() -> None:
    memory = remember(
        [],
        [
            "Introduce her to Farah Siddiqui for the industry side",
            "I still haven't introduced her to Farah - felt awkward asking for another favour",
            "Need to do it or suggest someone else",
            "send Farah the slides",
        ],
        [],
    )
    assert [s.text for s in memory.before] == [
        "to introduce her to Farah Siddiqui for the industry side",
        "to send Farah the slides",
    ]


def test_what_they_value_is_a_way_to_behave_never_news_to_ask_about() -> None:
    memory = remember(
        [note("what_they_value", "brevity; hates long decks"), note("learned", "Values honesty")],
        [],
        [],
    )
    assert memory.manners == ("brevity; hates long decks",)
    # A fact about them with nothing under way is known, not asked about "since".
    assert memory.threads == ()
    assert memory.known == (("learned", "Values honesty"),)


def test_what_you_told_them_about_yourself_is_not_their_news() -> None:
    memory = remember(
        [
            note(
                "learned",
                "He gave a reference for my analyst job. I got an interview next week."
                " He's training for a half marathon.",
            )
        ],
        [],
        [],
    )
    assert [t.said for t in memory.threads] == ["He's training for a half marathon"]


MET = datetime(2026, 11, 19, 10, 0, tzinfo=UTC)  # between the notes 5 and 1 days old


def test_news_picked_up_when_you_last_met_is_not_asked_again_as_new() -> None:
    notes = [note("learned", "training for the Berlin marathon", 5)]  # before you last met
    assert remember(notes, [], [], last_met=MET).threads == ()
    fresh = [note("learned", "training for the Berlin marathon", 1)]  # since then
    assert len(remember(fresh, [], [], last_met=MET).threads) == 1


def test_an_event_that_was_still_coming_when_you_met_is_asked_about_once_it_passed() -> None:
    notes = [note("learned", "running the Berlin marathon on 6 December", 5)]
    passed = remember(notes, [], [], meeting_at=datetime(2026, 12, 10, tzinfo=UTC), last_met=MET)
    assert passed.threads == (
        Thread("news", "learned", "running the Berlin marathon on 6 December", "passed"),
    )
    # Still ahead now as it was then: it was asked about last time.
    coming = remember(notes, [], [], meeting_at=datetime(2026, 12, 1, tzinfo=UTC), last_met=MET)
    assert coming.threads == ()
    first = remember(notes, [], [], meeting_at=datetime(2026, 12, 1, tzinfo=UTC))
    assert [t.tense for t in first.threads] == ["coming"]


def test_once_they_said_how_you_could_help_it_is_not_asked_again() -> None:
    assert settled_slots([note("their_asks", "a CV review for her brother")]) >= {
        "how_i_can_help",
        "their_asks",
    }
    # An answer of "nothing" told nothing: the question may still be asked.
    assert settled_slots([note("how_i_can_help", "nothing really")]) == frozenset()


def test_a_day_that_has_passed_is_picked_up_before_what_is_under_way() -> None:
    memory = remember(
        [
            note(
                "learned",
                "They're hiring two engineers. She's running the Berlin marathon on 6 December.",
                1,
            ),
            note("advice", "Keep the CV to one page"),
        ],
        [],
        [],
        meeting_at=datetime(2026, 12, 10, tzinfo=UTC),
    )
    assert memory.threads == (
        Thread("advice", "advice", "Keep the CV to one page"),
        Thread("news", "learned", "She's running the Berlin marathon on 6 December", "passed"),
        Thread("news", "learned", "They're hiring two engineers"),
    )


def test_advice_reported_on_when_you_last_met_is_not_a_thread_again() -> None:
    old = remember([note("advice", "learn dbt first", 5)], [], [], last_met=MET)
    assert old.threads == () and old.known == (("advice", "learn dbt first"),)
    new = remember([note("advice", "learn dbt first", 1)], [], [], last_met=MET)
    assert new.threads == (Thread("advice", "advice", "learn dbt first"),)


def test_what_a_note_says_besides_its_thread_is_still_known() -> None:
    memory = remember(
        [note("learned", "Grew up in Porto. Training for the Berlin marathon. Two kids.")],
        [],
        [],
    )
    assert [t.said for t in memory.threads] == ["Training for the Berlin marathon"]
    assert memory.known == (("learned", "Grew up in Porto. Two kids."),)


@pytest.mark.parametrize(
    ("offer", "said"),
    [
        ("She offered to review my CV", Said("to review your CV")),
        ("Said she would introduce me to Tom", Said("to introduce you to Tom")),
        ("an intro to her CTO", Said("an intro to her CTO")),
        # A sentence of its own reads as typed, quoted: never "an If you rewrite...".
        (
            "If I rewrite my CV she'll put it in front of two clients",
            Said("If I rewrite my CV she'll put it in front of two clients", quoted=True),
        ),
        ("He didn't say no to the intro", Said("He didn't say no to the intro", quoted=True)),
    ],
)
def test_their_offer_is_said_to_you(offer: str, said: Said) -> None:
    assert remember([], [], [offer]).their_offers[0].said == said


@pytest.mark.parametrize(
    ("promise", "said"),
    [
        (
            "I said I'd look over his parental leave agreement",
            "to look over his parental leave agreement",
        ),
        ("i told her i would send the sepsis huddle cards", "to send the sepsis huddle cards"),
        ("We said we'll book the room", "to book the room"),
    ],
)
def test_your_promise_reported_is_said_as_the_deed(promise: str, said: str) -> None:
    """ "You promised: “I said I'd look over…”" quotes a report of a promise; the brief says
    the promise itself."""
    assert remember([], [promise], []).before == (Said(said),)


@pytest.mark.parametrize(
    ("body", "thread", "rest"),
    [
        (
            "Mira had a scare last week but the baby is fine. he's taking leave from january",
            "he's taking leave from january",
            "Mira had a scare last week but the baby is fine.",
        ),
        (
            "just got back from Lisbon. she's starting at Zalando in february",
            "she's starting at Zalando in february",
            "just got back from Lisbon.",
        ),
    ],
)
def test_a_sentence_typed_in_lowercase_is_a_sentence_of_its_own(
    body: str, thread: str, rest: str
) -> None:
    """What happened before you heard of it is not "still ahead" because the next sentence,
    typed without a capital, is about January."""
    memory = remember(
        [note("recent_changes", body, days_ago=1)],
        [],
        [],
        meeting_at=datetime(2026, 12, 16, tzinfo=UTC),
    )
    assert [(t.said, t.tense) for t in memory.threads] == [(thread, "coming")]
    assert memory.known == (("recent_changes", rest),)


def test_a_kept_promise_of_yours_is_quoted_as_the_promise() -> None:
    """ "Done since you met: “I said I'd send her…”" quotes a report; the deed is what was done."""
    memory = remember(
        [],
        [],
        [],
        mine_kept=["I said I'd send her the sepsis huddle cards", "I told him I would book it"],
    )
    assert memory.done == (
        Done("mine", "send her the sepsis huddle cards", "gave"),
        Done("mine", "book it"),
    )


# -- news in the right tense (panel 3) -------------------------------------------------------

MEETS = datetime(2027, 2, 19, 17, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "body",
    [
        "Hiring at Northwind is slow, 2-3 months, and they'll ask for a case study.",
        "Recruiting there usually takes about six weeks.",
    ],
)
def test_how_a_process_works_is_known_not_a_thread_of_theirs(body: str) -> None:
    """Panel 3: "Still ahead for Marco: “Hiring at Metrolinx is slow, 2-3 months…”. Ask how
    it's shaping up" - the process was the user's, and no event at all."""
    memory = remember([note("company_news", body)], [], [], meeting_at=MEETS)
    assert memory.threads == ()
    assert memory.known == (("company_news", body),)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (
            "He invited me to their client evening / open house at the Leeds office.",
            "their client evening at the Leeds office",
        ),
        ("Their team dinner is on 19 February, she asked me along.", "dinner with her team"),
        ("Their summer party is on 19 Feb.", None),
    ],
)
def test_news_of_the_event_you_meet_at_is_this_meeting_not_a_thread(
    body: str, where: str | None
) -> None:
    """Panel 3: "He invited me to their client evening" came back as "That has happened since:
    ask how it went" in the brief for that very evening."""
    memory = remember([note("recent_changes", body)], [], [], meeting_at=MEETS, meeting_words=where)
    assert memory.threads == ()


def test_news_that_only_shares_a_place_with_the_meeting_is_still_news() -> None:
    memory = remember(
        [note("learned", "They're buying an old house in Leith")],
        [],
        [],
        meeting_at=MEETS,
        meeting_words="dinner at her new house in Leith",
    )
    assert [t.said for t in memory.threads] == ["They're buying an old house in Leith"]


@pytest.mark.parametrize(
    "body",
    [
        "she got promoted to head of design in January (saw it on LinkedIn)",
        "He won the regional innovation award",
        "They had a baby girl in December",
    ],
)
def test_something_they_reached_is_congratulated_not_asked_how_it_went(body: str) -> None:
    memory = remember([note("recent_changes", body)], [], [], meeting_at=MEETS)
    assert [(t.said, t.tense) for t in memory.threads] == [(body, "congrats")]


def test_a_wedding_still_ahead_is_asked_about_as_coming() -> None:
    memory = remember(
        [note("recent_changes", "She's getting married in March")], [], [], meeting_at=MEETS
    )
    assert [t.tense for t in memory.threads] == ["coming"]


def test_a_newer_note_on_the_same_thing_says_where_it_stands_now() -> None:
    """Panel 3: "How has the house gone since?" though a later note said they closed on it."""
    memory = remember(
        [
            note("learned", "She and her partner Tom are buying a barn in Devon", 40),
            note("recent_changes", "Tom and she finished the barn on 30 January. Busy.", 2),
        ],
        [],
        [],
        meeting_at=MEETS,
    )
    # Done when noted: nothing to ask how it went, and the barn still being bought is stale.
    assert memory.threads == ()
    assert memory.known == (
        ("recent_changes", "Tom and she finished the barn on 30 January. Busy."),
    )


def test_news_that_repeats_a_kept_promise_is_the_promise_not_a_thread() -> None:
    memory = remember(
        [note("recent_changes", "she emailed the survey report on 22 December")],
        [],
        [],
        theirs_kept=["She'll email me the survey report"],
        meeting_at=MEETS,
    )
    assert memory.threads == () and memory.known == ()


def test_several_notes_since_you_met_each_give_a_thread_at_most_three() -> None:
    """Panel 3: with several /notes between meetings only the latest news came back."""
    memory = remember(
        [
            note("recent_changes", "She submitted her thesis draft on 9 February", 1),
            note("recent_changes", "Her work permit application is in progress", 2),
            note("recent_changes", "She's interviewing with Halden next week", 3),
            note("recent_changes", "She's moving flats in spring", 4),
        ],
        [],
        [],
        meeting_at=MEETS,
    )
    # Submitted when noted, with nothing said to await: known, not asked how it went.
    assert [(t.said, t.tense) for t in memory.threads] == [
        ("She's interviewing with Halden next week", "passed"),
        ("Her work permit application is in progress", "pending"),
        ("She's moving flats in spring", "since"),
    ]
    assert ("recent_changes", "She submitted her thesis draft on 9 February") in memory.known


def test_a_yes_already_given_is_neither_an_offer_nor_a_to_do() -> None:
    """Panel 3: "👀 Pri offered: “She said yes to being a reference right away”. Take them up
    on it: have what it needs ready"."""
    memory = remember(
        [], [], ["He said yes to being my referee straight away", "She offered to review my CV"]
    )
    assert memory.their_offers == (Offer(Said("to review your CV"), "send"),)
    assert memory.agreed == ("He said yes to being my referee straight away",)


@pytest.mark.parametrize(
    ("body", "known"),
    [
        ("I still haven't sent her the workshop slides. Embarrassing.", ()),
        (
            "honestly I haven't rung him just to chat since the summer. He sold the company.",
            (("recent_changes", "He sold the company."),),
        ),
        (
            "She said I undersell my data work.",
            (("recent_changes", "She said I undersell my data work."),),
        ),
    ],
)
def test_what_you_noted_about_yourself_is_not_their_news(
    body: str, known: tuple[tuple[str, str], ...]
) -> None:
    """Panel 3: "What you know: Recent changes: I still haven't sent his daughter the mentor's
    name. Embarrassing." """
    memory = remember([note("recent_changes", body)], ["send her the workshop slides"], [])
    assert memory.known == known


def test_a_note_that_tells_of_the_meeting_still_brings_its_other_news() -> None:
    memory = remember(
        [
            note(
                "recent_changes",
                "He invited me to their partner evening at the Osaka office."
                " He got promoted to partner last month.",
            )
        ],
        [],
        [],
        meeting_at=MEETS,
        meeting_words="their partner evening at the Osaka office",
    )
    assert [(t.said, t.tense) for t in memory.threads] == [
        ("He got promoted to partner last month", "congrats")
    ]


def test_news_you_know_is_the_newest_note_that_is_not_about_you() -> None:
    """A last /note about yourself does not hide what an earlier one said of them."""
    memory = remember(
        [
            note("recent_changes", "Recruiting at Hoshi usually takes two months.", 3),
            note("recent_changes", "honestly I haven't written to him since summer. Awkward.", 1),
        ],
        [],
        [],
    )
    assert memory.known == (("recent_changes", "Recruiting at Hoshi usually takes two months."),)


def test_what_was_done_when_noted_is_known_and_what_awaits_news_asks_for_it() -> None:
    """Panel 3b: "she emailed the inspection report on 22 December" and "She interviewed with
    Ben on 29 January and is waiting to hear" both came back as "That has happened since: ask
    how it went"."""
    memory = remember(
        [
            note("recent_changes", "she posted the signed contract to me on 20 December", 50),
            note("recent_changes", "He sat the chartership exam on 12 January, no result yet", 30),
            note("recent_changes", "Their team is launching the new app on 3 February", 40),
        ],
        [],
        [],
        meeting_at=MEETS,
    )
    assert [(t.said, t.tense) for t in memory.threads] == [
        ("Their team is launching the new app on 3 February", "passed"),
        ("He sat the chartership exam on 12 January, no result yet", "pending"),
    ]
    assert ("recent_changes", "she posted the signed contract to me on 20 December") in (
        memory.known
    )


@pytest.mark.parametrize(
    "body",
    [
        # The steps of your own application, said without whose they are.
        "Phone screen on 10 January, then a first interview with the CTO on 25 January",
        "Second-round interview at the studio on 9 February",
        # Going on from a sentence about you, without a subject of its own.
        "I sent my portfolio to the studio on 4 January. Have not heard back yet.",
        "I pitched the idea to her boss on 20 January. Still waiting to hear.",
    ],
)
def test_your_own_steps_are_never_asked_about_as_their_news(body: str) -> None:
    """Panel 3b: the user's own interviews, typed in a /note on her former manager, came
    back as a question for him: "ask how it went"."""
    memory = remember([note("recent_changes", body, 30)], [], [], meeting_at=MEETS)
    assert memory.threads == ()


@pytest.mark.parametrize(
    ("text", "shortened"),
    [
        (
            "Phone screen on 14 January, first interview with the head of data on 27 January,"
            " which went well",
            "Phone screen on 14 January, first interview with the head of data on 27 January…",
        ),
        (
            "He offered to put me forward for the role and to mention me to the hiring manager",
            "He offered to put me forward for the role…",
        ),
        (
            "She grew up in Porto and studied in Leeds. She runs the accessibility guild and"
            " mentors two juniors",
            "She grew up in Porto and studied in Leeds…",
        ),
        (
            "Hydrology modelling of urban catchments using two dimensional hydraulic software"
            " packages",
            "Hydrology modelling of urban catchments using two dimensional hydraulic…",
        ),
    ],
)
def test_a_note_is_shortened_where_a_sentence_or_clause_ends(text: str, shortened: str) -> None:
    """Panel 3b: "first interview with Shauna Patel on 27 Januar…", "and I wo…"."""
    assert excerpt(text, 80) == shortened


def test_a_long_note_a_newer_one_overtakes_is_not_shown_as_known() -> None:
    """Panel 3b: "What you know: She and her partner Dev are buying an old house…" beside
    the congratulations on closing on it."""
    memory = remember(
        [
            note(
                "learned",
                "She and her partner Sunil are buying a flat in Leith (1970s, top floor, no lift)"
                " and the survey worries them: damp along the back wall. Likes plain talk.",
                40,
            ),
            note("recent_changes", "She and Sunil bought the flat on 30 January!", 2),
        ],
        [],
        [],
        meeting_at=MEETS,
    )
    assert [t.tense for t in memory.threads] == ["congrats"]
    assert all("buying" not in said for _, said in memory.known)


def test_kept_promises_are_mentioned_two_a_side_at_most() -> None:
    """Panel 3b: "🙏 Pri followed through:" quoted three promises in one line."""
    memory = remember(
        [],
        [],
        [],
        ["send the brochure", "book the venue", "draft the invite"],
        ["She said yes to being a reference", "review my cover letter", "lend me the tent"],
    )
    assert [d.side for d in memory.done] == ["mine", "mine", "theirs", "theirs"]


def test_a_life_story_told_in_the_past_is_known_not_a_thread() -> None:
    """Panel 3b: "She was a municipal engineer for ten years before moving to policy" came
    back as "Ask: How has it gone since?"."""
    memory = remember(
        [
            note(
                "learned",
                "He was a paramedic for eight years before moving into health tech. He is"
                " writing a book on triage.",
                20,
            )
        ],
        [],
        [],
        meeting_at=MEETS,
    )
    assert [t.said for t in memory.threads] == ["He is writing a book on triage"]


def test_what_they_did_towards_you_is_known_not_news_to_ask_after() -> None:
    """Played: "he thanked me warmly for the demo feedback" came back as "Ask: How has that
    settled in?"; a move of theirs is still asked after."""
    thanked = remember(
        [note("recent_changes", "he thanked me warmly for the demo feedback", 20)],
        [],
        [],
        meeting_at=MEETS,
    )
    assert thanked.threads == ()
    assert ("recent_changes", "he thanked me warmly for the demo feedback") in thanked.known
    moved = remember([note("recent_changes", "She moved to Berlin", 20)], [], [], meeting_at=MEETS)
    assert [t.said for t in moved.threads] == ["She moved to Berlin"]
