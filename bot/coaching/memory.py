"""What a brief brings back from earlier meetings, turned into something to do.

Each kind of note becomes a different action: news becomes a follow-up question in the tense
of the day you meet (an event still ahead, one that has passed, something under way, news of
something done whose outcome was awaited), or a congratulation for something they reached;
what was done already when you heard it is known, with nothing to ask how it went, and your
own steps are never their news; the newest note on a thing says where it stands,
and news of the meeting itself, how a process works, or what you said of yourself is no
thread of theirs. What they value becomes a reminder of how to come across, their offers
your next step (a yes they already gave is nothing to chase), what they need or asked of you
the thing to give, your own open promises the first thing to do, each once. What
is used for an action is not listed again under "what you know". What is done is done: a
promise kept since you last met is something to talk about, not a to-do, and what they asked
of you that a promise already covers is not offered as a give again. A promise to meet
("dinner next time, my treat") is kept by the meeting, an answer of "none" is no fact, and
what was picked up when you last met is not brought back as new.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Literal, Protocol, TypeVar

from bot.coaching.answers import promise_clause, sentences
from bot.coaching.note_kinds import (
    DoneKind,
    OfferStep,
    Tense,
    done_kind,
    event_day,
    is_agreed,
    is_done_already,
    is_how_it_works,
    is_milestone,
    is_null,
    is_pending,
    is_the_meeting,
    is_told,
    new_role,
    offer_step,
    tense,
)

# News about their life and work, where "how did it go?" makes sense next time; the order is
# the order of interest when there are more than a brief has room for.
NEWS_SLOTS = (
    "company_news",
    "recent_changes",
    "current_challenge",
    "their_goals",
    "current_work",
    "learned",
    "interests",
)
THREADS = 3
"""Threads to pick up at most: with the questions, a brief asks three to five things."""
# Never listed under "what you know": promises are owed (listed apart), a follow-up is a date.
# Promises and the follow-up have their own lines; what you hoped for (a debrief's "aim") is
# yours, not something you know about them.
_NOT_KNOWLEDGE = frozenset({"my_promises", "their_promises", "follow_up", "aim"})
# Long notes are shortened in a brief: it is read on a phone on the way in.
EXCERPT = 140
QUOTE = 80
"""A note quoted inside a sentence is kept shorter than one listed on its own."""
PROMISES_SHOWN = 3
"""Open promises a brief lists each way; more would bury the questions."""
DONE_SHOWN = 2
"""Kept promises a brief mentions each way: something to talk about, not a list to read out
(the card has them all)."""


class Remembered(Protocol):
    """A note as storage keeps it (bot.storage.notes.Note fits)."""

    @property
    def slot(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


R = TypeVar("R", bound=Remembered)

ThreadKind = Literal["news", "advice"]
FollowUp = Tense | Literal["congrats"]
"""How news is picked up: a tense of the day you meet, or congrats for something reached."""


@dataclass(frozen=True)
class Thread:
    """Something from last time to pick up: news to ask about, advice to report back on."""

    kind: ThreadKind
    slot: str
    said: str
    tense: FollowUp = "since"
    """For news: under way (ask how it has gone), a dated event still coming or passed by
    the day you meet, or something they reached (congratulate them)."""


@dataclass(frozen=True)
class Said:
    """A promise said to you: after "You promised" or "<name> offered" when it reads as a
    deed or a thing ("to send the deck", "an intro to Sam"), else quoted as typed."""

    text: str
    quoted: bool = False


@dataclass(frozen=True)
class Offer:
    """Something they offered and have not done yet, said to you ("to review your CV")."""

    said: Said
    step: OfferStep


GiveSource = Literal["their_ask", "their_need", "my_idea"]


# What to bring, most concrete first: what they asked of you, then how you could help.
_GIVE_FROM: tuple[tuple[str, GiveSource], ...] = (
    ("their_asks", "their_ask"),
    ("how_i_can_help", "their_need"),
)


@dataclass(frozen=True)
class Give:
    source: GiveSource
    """their_ask: something they asked of you · their_need: how you noted you could help ·
    my_idea: what you said you might do ("could intro her to Ravi"), said as the deed."""
    said: str


# "maybe could help with…", "I could also intro her to…": what you might do, not what they
# need; the brief says the deed.
_MIGHT = re.compile(
    r"^(?:also\s+)?(?:(?:i|we)\s+)?(?P<maybe>(?:maybe|perhaps|possibly)\s+)?(?:(?:i|we)\s+)?"
    r"(?P<could>(?:could|might|(?:(?<=\bi\s)|(?<=\bwe\s))can)\s+)?(?:also\s+)?"
    r"(?:be\s+able\s+to\s+)?",
    re.IGNORECASE,
)


def _give(source: GiveSource, body: str) -> Give:
    said = " ".join(body.split())
    might = _MIGHT.match(said)
    idea = said[might.end() :] if might and (might["maybe"] or might["could"]) else ""
    if source == "their_need" and idea:
        return Give("my_idea", excerpt(idea, QUOTE))
    return Give(source, excerpt(said, QUOTE))


DoneSide = Literal["mine", "theirs"]


@dataclass(frozen=True)
class Done:
    """A promise kept since you last met: mine (said by its kind) or theirs (thank them, and
    say what you did with it)."""

    side: DoneSide
    said: str
    kind: DoneKind = "did"
    """For mine: what to say of it (note_kinds.done_kind)."""


@dataclass(frozen=True)
class Remembrance:
    """The memory of a contact as actions, in the order a brief shows them."""

    before: tuple[Said, ...] = ()
    """Your open promises, each once, phrased after "You promised": "to send the deck",
    "an intro to Sam". Keep them before you meet."""
    this_meeting: tuple[str, ...] = ()
    """Your promises that are the meeting itself ("dinner next time, my treat"): meeting
    keeps them."""
    before_more: int = 0
    """Open promises of yours not listed (the card has them)."""
    their_offers: tuple[Offer, ...] = ()
    """What they offered or promised and have not done yet: your next step is to take it up."""
    offers_more: int = 0
    agreed: tuple[str, ...] = ()
    """A yes they already gave to being something for you ("said yes to being a reference"):
    nothing to take up or chase, only to keep them posted on."""
    give: Give | None = None
    done: tuple[Done, ...] = ()
    """Promises kept since you last met, yours first."""
    threads: tuple[Thread, ...] = ()
    manners: tuple[str, ...] = ()
    """What they value: how to come across."""
    known: tuple[tuple[str, str], ...] = ()
    """(slot, note) of everything else known, each once."""
    role: str | None = None
    """The role news says they hold now ("promoted to manager of her team"): newer than the
    one on the card, which the brief's header would otherwise still give."""

    @property
    def mine_done(self) -> list[tuple[DoneKind, tuple[str, ...]]]:
        """Your kept promises, one line a kind: what you gave (anything else you did is
        asked about with it), introductions you made, your own steps they helped with, and
        anything else, said as done."""
        mine = [d for d in self.done if d.side == "mine"]
        gave = any(d.kind == "gave" for d in mine)
        groups: tuple[tuple[DoneKind, tuple[DoneKind, ...]], ...] = (
            ("gave", ("gave", "did") if gave else ("gave",)),
            ("intro", ("intro",)),
            ("own", ("own",)),
            ("did", () if gave else ("did",)),
        )
        lines = [(key, tuple(d.said for d in mine if d.kind in kinds)) for key, kinds in groups]
        return [(key, said) for key, said in lines if said]


def remember(
    notes: Iterable[Remembered],
    mine_open: Sequence[str],
    theirs_open: Sequence[str],
    mine_kept: Sequence[str] = (),
    theirs_kept: Sequence[str] = (),
    *,
    meeting_at: datetime | None = None,
    last_met: datetime | None = None,
    aim: str | None = None,
    meeting_words: str | None = None,
) -> Remembrance:
    """Turn the notes and the promises into actions.

    News is read from every note given (a few per slot: several /notes between meetings are
    all news), the rest from the latest note of each slot. `meeting_at`: the day of the
    meeting prepared for, which decides whether an event they told you about is still coming
    or has passed. `last_met`: when you last met; news noted before then was picked up in that
    meeting's brief, and is not asked about again as new. `meeting_words`: where you meet, as
    typed ("their client evening at the Toronto office"): news of that event is this meeting.
    `aim`: what this meeting is for, in the user's words; a promise it says they will keep
    there is this meeting, not a to-do before it.
    """
    # "nothing new really" is an answer, not something known.
    notes = [n for n in notes if not is_null(n.body)]
    latest = _latest_per_slot(notes)
    mine_open, theirs_open, mine_kept, theirs_kept = (
        [p for p in promises if not is_null(p)]
        for promises in (mine_open, theirs_open, mine_kept, theirs_kept)
    )
    owed = owed_before(mine_open, aim)
    used: set[str] = set(_NOT_KNOWLEDGE)

    # What a promise of yours covers is owed (listed as the promise) or given (done): either
    # way it is no longer a thing to give, nor a thing you merely know.
    promised = set().union(*(content_words(p) for p in (*mine_open, *mine_kept)))
    give: Give | None = None
    for slot, source in _GIVE_FROM:
        if slot in latest:
            # A note of what they asked or need is what a promise is about when they share a
            # thing: "Just the tutoring link for her niece", "send her the tutoring link".
            if content_words(latest[slot].body) & promised:
                used.add(slot)
            elif give is None:
                give = _give(source, latest[slot].body)
                used.add(slot)

    threads: list[Thread] = []
    # Advice noted before you last met was reported on then.
    if "advice" in latest and (last_met is None or latest["advice"].created_at >= last_met):
        threads.append(Thread("advice", "advice", excerpt(latest["advice"].body, QUOTE)))
    news = [n for n in notes if n.slot in NEWS_SLOTS]
    news.sort(key=lambda n: (n.created_at, -NEWS_SLOTS.index(n.slot)), reverse=True)
    news_by_slot: dict[str, list[Remembered]] = {}
    for n in news:
        news_by_slot.setdefault(n.slot, []).append(n)
    picked, dropped = _newest_of_each(
        [t for n in news for t in news_threads(n, meeting_at, last_met, meeting_words)],
        [*mine_open, *theirs_open, *mine_kept, *theirs_kept],
    )
    # What was done when you heard of it says where a thing stands, which an older note on it
    # no longer does; it is something you know, with no "how did it go?" to ask.
    picked = [t for t in picked if t.tense != "told"]
    # Something reached is the warmest opener; then a day that has come and gone is the
    # surest question, then one still ahead.
    picked.sort(key=lambda t: _TENSE_FIRST.index(t.tense))
    threads.extend(picked)
    threads = threads[:THREADS]
    used.update(t.slot for t in threads)

    manners: tuple[str, ...] = ()
    if "what_they_value" in latest:
        manners = (excerpt(latest["what_they_value"].body, QUOTE),)
        used.add("what_they_value")

    known: list[tuple[str, str]] = []
    for slot, note in latest.items():
        # News is the newest note that still says something of theirs: what you noted of
        # yourself is not their news, and what a thread or a promise says is not said twice.
        for said in news_by_slot.get(slot, [note]):
            rest = said.body if slot not in used else _not_asked(said.body, slot, threads)
            if slot in NEWS_SLOTS:
                # A thread quotes a long sentence shortened: compare it so.
                rest = " ".join(
                    s for s in _theirs(rest) if excerpt(s.rstrip(". "), QUOTE) not in dropped
                )
            if rest:
                known.append((slot, excerpt(rest)))
                break
    # The oldest few, each once: the brief is read on the way in; the card lists them all.
    before, before_more = distinct(owed, PROMISES_SHOWN)
    # Their offer to meet is this meeting: nothing to take up, nothing to thank them for.
    offers, offers_more = distinct(
        [p for p in theirs_open if not is_the_meeting(p) and not is_agreed(p)], PROMISES_SHOWN
    )
    done_mine = [*mine_kept, *(p for p in mine_open if is_done_already(p))]
    return Remembrance(
        before=tuple(said_promised(p) for p in before),
        this_meeting=tuple(
            excerpt(p, QUOTE) for p in distinct(meeting_promises(mine_open, aim), PROMISES_SHOWN)[0]
        ),
        before_more=before_more,
        their_offers=tuple(Offer(said_promised(p, QUOTE), offer_step(p)) for p in offers),
        offers_more=offers_more,
        agreed=tuple(
            excerpt(p, QUOTE)
            for p in distinct([p for p in theirs_open if is_agreed(p)], PROMISES_SHOWN)[0]
        ),
        give=give,
        done=(
            *(
                Done("mine", excerpt(_unreported(p), QUOTE), kind)
                for p in distinct(done_mine, DONE_SHOWN)[0]
                if (kind := done_kind(_unreported(p))) is not None
            ),
            *(
                Done("theirs", excerpt(p, QUOTE))
                for p in distinct(theirs_kept, DONE_SHOWN)[0]
                if not is_the_meeting(p)
            ),
        ),
        threads=tuple(threads),
        manners=manners,
        known=tuple(known),
        role=role_now(news),
    )


def role_now(news: Iterable[Remembered]) -> str | None:
    """The role the newest news of a promotion says they hold, said as a title."""
    for note in sorted(news, key=lambda n: n.created_at, reverse=True):
        for said in _theirs(note.body):
            role = new_role(said)
            if role:
                return role[0].upper() + role[1:]
    return None


# Once they said how you could help, or asked you for something, "how could I be useful?"
# asks what they already told you.
_HOW_TO_HELP = frozenset({"how_i_can_help", "their_asks"})


def settled_slots(notes: Iterable[Remembered]) -> frozenset[str]:
    """The slots a question need not ask about: those known (an answer of "none" tells
    nothing), and every way to help once one of them is known."""
    known = frozenset(n.slot for n in notes if not is_null(n.body))
    return known | _HOW_TO_HELP if known & _HOW_TO_HELP else known


_TENSE_FIRST: tuple[FollowUp, ...] = ("congrats", "passed", "pending", "coming", "since")


def owed_before(mine_open: Iterable[str], aim: str | None = None) -> list[str]:
    """Your open promises that are something to do before you meet: not the meeting itself
    ("dinner next time, my treat", or what you came to do: a promised mock interview when
    the aim is to do it on the walk), not what you already did ("I helped her move house")."""
    return [
        p
        for p in mine_open
        if not is_null(p) and not _kept_by_meeting(p, aim) and not is_done_already(p)
    ]


def meeting_promises(mine_open: Iterable[str], aim: str | None = None) -> list[str]:
    """Your open promises that meeting keeps: "let's catch up over dinner", or the one the
    aim says you meet to keep."""
    return [p for p in mine_open if _kept_by_meeting(p, aim) and not is_done_already(p)]


AIM_KEEPS = 2
"""Words a promise shares with the meeting's aim for the meeting to be how it is kept
("do a mock interview in January" and "finally do the mock interview while we walk")."""


def _kept_by_meeting(promise: str, aim: str | None) -> bool:
    if is_the_meeting(promise):
        return True
    return aim is not None and len(content_words(promise) & content_words(aim)) >= AIM_KEEPS


def gave_already(mine_open: Iterable[str]) -> bool:
    """Whether what you noted you would do for them says you did something already."""
    return any(is_done_already(p) for p in mine_open)


# "She offered to", "he said he could", "I told her I'd": who offered, said again by the brief.
_REPORTED = re.compile(
    r"^(?:(?:she|he|they|i|we|[A-Z][\w-]*)\s+)?(?:offered|promised|agreed|"
    r"(?:said|told\s+(?:her|him|them))\s+(?:she|he|they|i|we)"
    r"(?:\s+(?:would|could|will|can|might)|'d|'ll))\s+(?:to\s+)?",
    re.IGNORECASE,
)


def _unreported(promise: str) -> str:
    """ "I said I'd send her the cards" -> "send her the cards": quoted, the promise itself."""
    return _REPORTED.sub("", " ".join(promise.split()).replace("’", "'")) or promise


def said_promised(promise: str, limit: int = EXCERPT) -> Said:
    """ "Rewrite the README" -> "to rewrite the README"; "She offered to review my CV" ->
    "to review your CV"; a whole sentence ("If I rewrite my CV she'll send it on") is quoted."""
    words = _unreported(promise)
    clause = promise_clause(words, to_writer=True)
    first = words.split()[0].casefold() if words.split() else ""
    if clause.form == "thing" and first in SENTENCE_START:
        return Said(excerpt(promise, limit), quoted=True)
    return Said(excerpt(f"to {clause.words}" if clause.form == "deed" else clause.words, limit))


# A thing starts with a noun or a determiner; these start a sentence of its own.
SENTENCE_START = frozenset(
    """if when once after before because since unless while he she they we you i it
    there""".split()  # noqa: SIM905 - a word list reads best as words
)


# A sentence about something still under way, or coming: the thing to ask about next time
# ("training for her first triathlon in June", "thinking about leaving for a startup").
_UNDER_WAY = re.compile(
    r"\b(?:training|moving|buying|selling|hiring|planning|starting|launching|raising|running an?|"
    r"building|writing|learning|applying|thinking about|deciding|looking for|going to|"
    r"will|next (?:week|month|year|spring|summer|autumn|fall|winter|quarter)|this (?:year|month)|"
    r"new year|in (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|q[1-4]))\b",
    re.IGNORECASE,
)
NEWS_PER_NOTE = 2
"""Sentences of one note to follow up on at most: a long "what you learned" holds several."""


# What you told them about yourself ("I got a first interview"): yours to tell, not theirs to
# be asked about.
_ABOUT_ME = re.compile(r"\bI\b|(?:^|\s)i(?:\s|$)|(?i:\b(?:i'm|i've|i'll|i'd|my)\b)")
# Said of yourself: "I joined the committee", "honestly I haven't called her", "my talk went
# well". Not "She said I undersell my work": that is hers.
_OF_ME = re.compile(
    r"^(?:(?:honestly|still|also|so|and|but|ok|okay|well|sadly|annoyingly|to\s+be\s+honest)"
    r"[,\s]+)*(?:i|i'm|i've|i'll|i'd|my|me)\b",
    re.IGNORECASE,
)


# "Embarrassing.", "Oh well.": a remark on the sentence before, whoever that was about.
_REMARK = 3
# "Have not heard back yet.", "Went well.": no subject of its own, so the one before's.
_NO_SUBJECT = re.compile(
    r"^(?:still\s+|also\s+|then\s+)?(?:have|has|had|haven't|hasn't|hadn't|not|was|were|did|"
    r"didn't|went|got|am|will|would|can|could|should|\w+ed|\w+ing)\b",
    re.IGNORECASE,
)
# A step of your own application, said without whose it is: "HR screening call on 14
# January, first interview on 27 January". Theirs names them first ("She interviewed…").
_MY_STEP = re.compile(
    r"^(?:(?!\b(?:she|he|they|her|his|their|them|him)\b).)*?\b(?:screening|interview|"
    r"application|assessment\s+centre|technical\s+(?:test|presentation)|second[-\s]round|"
    r"first[-\s]round|offer\s+letter|reference\s+check)",
    re.IGNORECASE,
)


def _mine(said: Sequence[str], *, anywhere: bool = False) -> list[bool]:
    """Which sentences of a note are about you: they start with you ("I joined", "my talk"),
    or, when `anywhere`, mention you at all ("He referred me and I applied"); a step of your
    own application; or they go on from one that was about you without a subject of their own
    ("Have not heard back yet."), or remark on it ("Embarrassing.")."""
    flags: list[bool] = []
    mine = False
    for sentence in said:
        words = sentence.replace("’", "'")
        mine = (
            bool((_ABOUT_ME.search if anywhere else _OF_ME.match)(words))
            or bool(_MY_STEP.match(words))
            or (mine and (len(words.split()) <= _REMARK or bool(_NO_SUBJECT.match(words))))
        )
        flags.append(mine)
    return flags


def _theirs(body: str) -> list[str]:
    """The sentences of a note that are not about you, nor remarks on one that is."""
    said = _sentences(body)
    return [s for s, mine in zip(said, _mine(said), strict=True) if not mine]


# Slots that are news by their nature: anything noted there can be asked after. What you
# learned is anything at all: only what is under way or dated is a thread.
_NEWS_BY_NATURE = frozenset(NEWS_SLOTS) - {"learned"}


def news_threads(
    note: Remembered,
    meeting_at: datetime | None = None,
    last_met: datetime | None = None,
    meeting_words: str | None = None,
) -> list[Thread]:
    """The sentences of a news note to follow up on, each in the tense of the day you meet.

    A dated event ("the Berlin marathon on 12 December") is asked about as coming or passed;
    something under way ("training for", "hiring") as how it has gone since; something they
    reached ("got promoted", "closed on the house") is congratulated. What was done already
    when you heard of it ("she emailed the report on 22 December") has no "how did it go?":
    only whether there is news, if its outcome was awaited. News noted before you
    last met was picked up then: only an event that was still coming then is asked about
    again, now that it has passed. An event on the day you meet, or the one you meet at
    (`meeting_words`), is this meeting, and how a process works is no news of theirs.
    """
    threads: list[Thread] = []
    # Left out sentence by sentence: "He invited me to their client evening. He got promoted."
    # still holds a promotion to congratulate.
    news = " ".join(
        s
        for s in _sentences(note.body)
        if not is_how_it_works(s)
        and not is_this_meeting(s, note.created_at, meeting_at, meeting_words)
    )
    for said in news_to_ask(news, note.created_at, whole=note.slot in _NEWS_BY_NATURE):
        when = tense(said, note.created_at, meeting_at)
        stale = last_met is not None and note.created_at < last_met
        if stale and (when != "passed" or tense(said, note.created_at, last_met) != "coming"):
            continue
        follow: FollowUp = (
            "congrats"
            if is_milestone(said) and when not in ("coming", "pending")
            else when or "since"
        )
        threads.append(Thread("news", note.slot, excerpt(said, QUOTE), follow))
    return threads


# Getting together: an evening, a dinner, an open (house). News of one that shares more with
# where you meet is the meeting itself.
_GATHERING = frozenset(
    """evening dinner lunch breakfast brunch party reception drinks open event launch
    meetup gala conference summit workshop talk celebration housewarming barbecue bbq
    picnic""".split()  # noqa: SIM905 - a word list reads best as words
)


def is_this_meeting(
    said: str, noted: datetime, meeting_at: datetime | None, meeting_words: str | None
) -> bool:
    """Whether news tells of the meeting prepared for: an event on its day ("their client
    evening on 19 Feb"), or the gathering it is at ("invited me to their client evening")."""
    if meeting_at is not None:
        days = event_day(said, noted)
        if days is not None and days[0] == days[1] == meeting_at.astimezone(UTC).date():
            return True
    if not meeting_words:
        return False
    shared = content_words(said) & content_words(meeting_words)
    return len(shared) >= 2 and bool(shared & _GATHERING)


def _newest_of_each(
    threads: list[Thread], promises: Sequence[str]
) -> tuple[list[Thread], set[str]]:
    """The threads, newest first, each thing once: a newer note on the same thing ("they
    closed on the house") says where an older one ("they're buying a house") stands now. News
    that repeats a promise ("she emailed the report") is the promise, thanked for or owed.
    Also what was left out, to be left out of what you know."""
    kept: list[Thread] = []
    dropped: set[str] = set()
    for thread in threads:
        if any(_alike(thread.said, other.said) for other in kept) or any(
            _alike(thread.said, p) for p in promises
        ):
            dropped.add(thread.said)
        else:
            kept.append(thread)
    return kept, dropped


def _not_asked(body: str, slot: str, threads: Iterable[Thread]) -> str:
    """What a news note says besides the sentences picked up as threads ("Grew up in Porto"
    beside the marathon she is training for): still worth knowing, said once."""
    asked = {t.said for t in threads if t.kind == "news" and t.slot == slot}
    if not asked:
        return ""
    rest = [s for s in _sentences(body) if excerpt(s.rstrip(". "), QUOTE) not in asked]
    return " ".join(rest)


def _sentences(body: str) -> list[str]:
    return [s.strip() for s in sentences(" ".join(body.split())) if s.strip()]


def news_to_ask(body: str, noted: datetime | None = None, *, whole: bool = True) -> list[str]:
    """The sentences of a note worth a "how did it go?" next time, most promising first.

    A note of what you learned often tells a life story in five sentences; the ones about
    something still under way, or dated (when `noted` says from when), are what a follow-up
    question can pick up. Without any, the note is asked about as a whole when `whole` (news
    by its nature), else not at all. What you told them about yourself is yours to tell, not
    theirs to be asked about.
    """
    said = _sentences(body)
    theirs = [
        s
        for s, mine in zip(said, _mine(said, anywhere=True), strict=True)
        # "He thanked me for the feedback": done between the two of you, no news to ask after.
        if not mine and not (is_told(s) and _TO_ME.search(s))
    ]
    under_way = [
        s
        for s in theirs
        if (_UNDER_WAY.search(s) and not is_told(s))
        or is_pending(s)
        or (noted is not None and event_day(s, noted) is not None)
    ]
    picked = under_way[:NEWS_PER_NOTE] or (
        [" ".join(body.split())] if whole and theirs and len(theirs) == len(said) else []
    )
    # Quoted inside a sentence of the brief, which brings its own full stop.
    return [s.rstrip(". ") for s in picked]


_TO_ME = re.compile(r"\b(?:me|us)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
# Words any two requests share without being about the same thing.
_COMMON = frozenset(
    """about after again also and any are ask asked back been before both but can could did
    does done for from get give had has have her him his how into its just let like made make
    maybe more most much not now off once one our out over please really said same see send
    sent share she should some something than that the their them then there they thing this
    those through time tell told too two very want was way week what when which who will with
    would you your yours""".split()  # noqa: SIM905 - a word list reads best as words
)


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The words that say what a text is about, folded: "Sent the case studies" ->
    {"case", "studie"}."""
    return frozenset(
        {
            w.removesuffix("s")
            for w in _WORD.findall(text.casefold())
            if len(w) > 3 and w not in _COMMON
        }
    )


# One thing said in other words: "introduce her to Farah" and "I still haven't introduced her
# to Farah" are one promise.
_SAME_THING = {
    "introduce": "intro",
    "introduced": "intro",
    "introducing": "intro",
    "introduction": "intro",
    "connect": "intro",
    "connected": "intro",
}
# A promise that only points back at the one before: "need to do it or suggest someone else".
_POINTS_BACK = re.compile(r"\b(?:do|did|doing|finish|sort)\s+(?:it|that|this)\b", re.IGNORECASE)
_NAME = re.compile(r"(?<=\w )[A-Z][a-z]+")


@lru_cache(maxsize=4096)
def _meaning(promise: str) -> frozenset[str]:
    # Cached (bounded): a contact with hundreds of open promises compares each with every
    # other, and a brief looks at them several times.
    return frozenset(_SAME_THING.get(w, w) for w in content_words(promise))


# Capitalised, yet no one's name.
_NOT_NAMES = frozenset(n.casefold() for n in (*calendar.month_name, *calendar.day_name) if n) | {
    "last",
    "my",
    "our",
}


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


@lru_cache(maxsize=4096)
def _names(text: str) -> frozenset[str]:
    """Names a text mentions, first word too ("Tom and she finished the barn")."""
    words = {w.casefold() for w in _CAPITALISED.findall(text)}
    return frozenset(words - _NOT_NAMES - _COMMON - SENTENCE_START)


def _alike(a: str, b: str) -> bool:
    """Whether two notes are about one thing: they share two thirds of the shorter one's
    words, or a name and one more word ("they're buying a house with Dev", "she and Dev
    closed on the house")."""
    words_a, words_b = _meaning(a), _meaning(b)
    shared = words_a & words_b
    if shared and 3 * len(shared) >= 2 * min(len(words_a), len(words_b)):
        return True
    names = _names(a) & _names(b)
    return bool(names) and bool(shared - names)


def distinct(promises: Sequence[str], most: int | None = None) -> tuple[list[str], int]:
    """The promises, each thing once, at most `most` of them, and how many were not looked at.

    "send a card for the baby" noted in one debrief and "I still owe him a card for the baby"
    in the next are one promise, listed as first noted: two are one when they share two
    thirds of the shorter one's words, or a person's name and one more word ("introduce her
    to Farah", "I haven't introduced her to Farah yet"). One that only points back ("need to
    do it") is the promise before it.
    """
    kept: list[tuple[str, int]] = []
    having: dict[str, list[int]] = {}  # word -> the kept promises that have it
    for looked, promise in enumerate(promises):
        if most is not None and len(kept) == most:
            return [p for p, _ in kept], len(promises) - looked
        if kept and _POINTS_BACK.search(promise):
            continue
        words = _meaning(promise)
        names = {w.casefold().removesuffix("s") for w in _NAME.findall(promise)}
        shared = Counter(index for word in words for index in having.get(word, ()))
        if any(
            3 * n >= 2 * min(len(words), kept[i][1]) or (n >= 2 and names & _meaning(kept[i][0]))
            for i, n in shared.items()
        ):
            continue
        for word in words:
            having.setdefault(word, []).append(len(kept))
        kept.append((promise, len(words)))
    return [p for p, _ in kept], 0


def _latest_per_slot(notes: Iterable[R]) -> dict[str, R]:
    latest: dict[str, R] = {}
    for note in sorted(notes, key=lambda n: n.created_at, reverse=True):
        latest.setdefault(note.slot, note)
    return latest


def known_facts(notes: Iterable[Remembered]) -> dict[str, str]:
    """Latest note per slot, for what a reminder or card says you know."""
    return {slot: note.body for slot, note in _latest_per_slot(notes).items()}


# Where a shortened note can end and still read: a sentence or a clause, else before "and".
_CLAUSE_END = re.compile(r"[.;:!?,)](?=\s)|\s[-–—]+(?=\s)")
_JOINED = re.compile(r"\s(?=(?:and|but|which|while|because|though|although|so)\s)", re.I)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The text, or as much of it as reads whole within `limit`: up to a sentence or clause
    end, else whole words, never a word cut in two ("27 Januar…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit + 1]  # what follows the last character kept says if it ends a clause
    cut = 0
    for ends in (_CLAUSE_END, _JOINED):
        # A clause that keeps at least a third of the room.
        found = [m.start() for m in ends.finditer(room) if limit // 3 <= m.start() < limit]
        if found:
            cut = found[-1]
            break
    else:
        cut = room[:limit].rfind(" ")
    if cut < limit // 3:
        cut = limit - 1  # one long word: nothing whole to keep
    return text[:cut].rstrip(" ,;:-–—.") + "…"
