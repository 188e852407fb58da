"""What a note is, read from its words, so that memory turns it into the right action.

A debrief answer is typed in a hurry: "None - I was the one giving advice", "dinner next time,
my treat", "I helped her move house on Saturday", "she's running the Berlin marathon on 12
December". Each asks for something different in the next brief: nothing, no to-do (the meeting
keeps it), something already given, and a question whose tense depends on the day you meet.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from bot.coaching.answers import is_nothing, promise_clause
from bot.coaching.dates import DateRefused, MeetingTime, read_follow_up

# -- nothing ----------------------------------------------------------------------------------

# "None - I was the one giving advice", "Nothing new really. Busy." : the answer was "none",
# and what follows is an aside, not the thing the question asked for.
_FIRST_CLAUSE = re.compile(r"\s+[-–—]+\s+|[.;:!?](?:\s+|$)|\s*\(")


@lru_cache(maxsize=4096)
def is_null(body: str) -> bool:
    """Whether a stored answer says nothing: "nothing new really", "none", "n/a", or one that
    opens with "none" before an aside ("None - I was the one giving advice")."""
    return is_nothing(body) or is_nothing(_FIRST_CLAUSE.split(body.strip(), maxsplit=1)[0])


# -- a promise that is the meeting itself -------------------------------------------------------

_WORDS = re.compile(r"[a-z']+")
# Getting together: a promise made only of these is kept by meeting, not a thing to do first.
_MEETING = re.compile(
    r"\b(?:meet|meeting|met|catch(?:ing)?\s+up|catch-up|coffee|coffees|lunch|dinner|breakfast|"
    r"brunch|drinks?|pints?|beers?|call|chat|get\s+together|see\s+(?:each\s+other|you|her|him|"
    r"them)|hang\s+out|visit|treat)\b",
    re.IGNORECASE,
)
# A favour done for someone, whatever the setting it comes in: "send her the article over
# coffee" is still an article to send.
_FAVOUR = frozenset(
    """send sent share forward email intro introduce introduced introduction connect review
    reviewed read check look find write wrote draft edit proofread recommend refer vouch lend
    lent give gave return help helped mentor post publish sign submit fix prepare print build
    feedback comments reference cv resume deck article link book paper report present gift
    card flowers""".split()  # noqa: SIM905 - a word list reads best as words
)


# "before we meet again", "when we next catch up": when a promise is due, not what it is.
_UNTIL_WE_MEET = re.compile(
    r"\b(?:before|until|till|when|after|once|by\s+the\s+time|next\s+time)\s+(?:we|you|i|they|"
    r"she|he)\s+(?:next\s+)?(?:meet|see|catch|talk|speak|get\s+together)\b.*$",
    re.IGNORECASE,
)
# Deeds that are themselves a way of meeting: "take her out for dinner", "grab a coffee".
_MEETING_DEEDS = frozenset(
    "take meet grab get buy have go catch treat see join invite host come visit call chat".split()  # noqa: SIM905
)


@lru_cache(maxsize=4096)
def is_the_meeting(promise: str) -> bool:
    """Whether a promise is to meet: "dinner next time, my treat", "let's catch up over
    coffee", "she asked to catch up again". Meeting keeps it; it is no favour to do first.
    "Rewrite the README before we meet again" is a README to rewrite."""
    said = _UNTIL_WE_MEET.sub("", " ".join(promise.split()))
    if not _MEETING.search(said):
        return False
    clause = promise_clause(said, to_writer=False)
    if clause.form == "deed" and clause.words.split()[0].casefold() not in _MEETING_DEEDS:
        return False
    return not any(w.strip("'") in _FAVOUR for w in _WORDS.findall(said.casefold()))


# -- something you did already ------------------------------------------------------------------

# "What will you do for them?" answered with what you did: "I helped her move house on
# Saturday", "already sent the deck". Given, not owed.
_DONE_ALREADY = re.compile(
    r"^(?:i\s+|we\s+)?(?:already\s+|also\s+)?(?:helped|gave|sent|introduced|lent|drove|fixed|"
    r"reviewed|wrote|brought|took|paid|covered|spent|did|shared|found|made|connected|"
    r"recommended|referred|hosted|cooked|carried|moved)\b|\balready\s+(?:\w+ed|did|sent|gave|"
    r"made|wrote|took|brought|spent|lent|paid)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def is_done_already(promise: str) -> bool:
    """Whether "what you will do for them" says what you did instead: something given."""
    return bool(_DONE_ALREADY.search(" ".join(promise.split())))


# -- what an offer of theirs asks of you --------------------------------------------------------

OfferStep = Literal["send", "ready"]
# Offers to look at something of yours: the next step is to send it to them.
_LOOK_AT = re.compile(
    r"\b(?:review|read|look\s+(?:at|over)|check|proofread|edit|comment\s+on|give\s+(?:me\s+)?"
    r"(?:feedback|comments|notes)|feedback\s+on|go\s+through|critique|mark\s+up)\b",
    re.IGNORECASE,
)


def offer_step(offer: str) -> OfferStep:
    """send: they offered to look at something of yours, so send it; ready: take them up on
    it, with what it needs at hand."""
    return "send" if _LOOK_AT.search(offer) else "ready"


# -- news: when it happens ----------------------------------------------------------------------

Tense = Literal["since", "coming", "passed"]
"""since: under way, ask how it has gone · coming: still ahead on the day you meet ·
passed: it happened after you heard of it: ask how it went."""

_UTC = ZoneInfo("UTC")
_MONTH = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_IN_MONTH = re.compile(r"\b(?:in|by|from|this|next|end\s+of|early|late|mid-?)\s+([A-Za-z]+)\b")
# "since summer", "for five years": how long, not when.
_DURATION = re.compile(r"\b(?:since|for)\s+\w+(?:\s+\w+)?", re.IGNORECASE)


def event_day(sentence: str, noted: datetime) -> tuple[date, date] | None:
    """The days a sentence's event falls on, first and last, counted from when it was noted:
    "on 12 December" (that day), "in three weeks", "next month", "in June" (the month)."""
    text = _DURATION.sub(" ", sentence)
    for match in _IN_MONTH.finditer(text):
        month = _MONTH.get(match.group(1).casefold())
        if month is not None:
            year = noted.year + (month < noted.month)
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
    try:
        found = read_follow_up(text, noted, _UTC)
    except DateRefused:
        return None
    if not isinstance(found.when, MeetingTime):
        return None  # "3/4" read either way: no day to count on
    day = found.when.at.astimezone(UTC).date()
    return day, day


def tense(sentence: str, noted: datetime, meeting: datetime | None) -> Tense | None:
    """Whether a dated event is still coming or has passed by the day you meet; None when the
    sentence names no day, or no meeting day is known to compare it with."""
    if meeting is None:
        return None
    days = event_day(sentence, noted)
    if days is None:
        return None
    # A day, not a moment: the event on the day you meet is still to come.
    return "passed" if days[1] < meeting.astimezone(UTC).date() else "coming"
