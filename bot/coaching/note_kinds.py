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


# -- a promise of yours, kept: what to say of it ----------------------------------------------

DoneKind = Literal["gave", "intro", "own", "did"]
"""gave: something you sent or shared with them, ask what they made of it · intro: an
introduction you made for them, ask if they have connected · own: a step of your own they
helped with ("send him my CV for the referral"), tell them it is done, with thanks · did:
anything else you did, said as done."""

_INTRO = re.compile(
    r"\b(?:intro(?:duce[ds]?|ducing|duction)?|connect(?:ed|ing)?|put\s+(?:her|him|them)\s+in\s+"
    r"touch)\b.*\b(?:to|with)\b",
    re.IGNORECASE,
)
_SHARED_THING = re.compile(
    r"^(?:send|sent|share|shared|forward|forwarded|email|emailed|review|reviewed|read|lend|lent|"
    r"give|gave|recommend|recommended|write|wrote|draft|drafted|post|posted|pass|passed|mail|"
    r"mailed|look\s+(?:at|over)|looked\s+(?:at|over)|check|checked|find|found)\b",
    re.IGNORECASE,
)
# Yours: "my CV", "my application". Not "the case study I mentioned": that is given.
_YOURS = re.compile(r"\b(?:my|mine)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"\s(?:I|that|which|who|where|when|because|so)\s")
# Steps of your own: "apply for the role", "sign up for the course".
_YOUR_STEP = re.compile(
    r"^(?:apply|applied|register|registered|sign(?:ed)?\s+up|enrol(?:led)?|submit|submitted)\b",
    re.IGNORECASE,
)
# "I already sent", "we also gave": who did it, which is always you here.
_BY_ME = re.compile(r"^(?:(?:i|we)\s+)?(?:already\s+|also\s+|finally\s+)*", re.IGNORECASE)
# A sentence about them, noted among your promises: "She seemed interested", "She will email
# it to me". Context, not a deed of yours.
_ABOUT_THEM = re.compile(r"^(?:she|he|they|she's|he's|they're)\b", re.IGNORECASE)


def done_kind(promise: str) -> DoneKind | None:
    """What a promise of yours, now kept, asks you to say: ask what they made of what you
    gave, whether they connected with whom you introduced, or tell them your own step they
    helped with is done. None for a sentence about them noted among your promises."""
    said = " ".join(promise.split()).replace("’", "'")
    if _ABOUT_THEM.match(said):
        return None
    deed = _BY_ME.sub("", said, count=1)
    if _INTRO.search(deed):
        return "intro"
    # Whose the thing is, said before any clause about it ("the case study I did for my
    # certificate" is still a thing given).
    head = _CLAUSE.split(deed, maxsplit=1)[0]
    if _YOURS.search(head) or _YOUR_STEP.match(deed):
        return "own"
    return "gave" if _SHARED_THING.match(deed) else "did"


# -- what an offer of theirs asks of you --------------------------------------------------------

OfferStep = Literal["send", "ready"]
# Offers to look at something of yours: the next step is to send it to them.
_LOOK_AT = re.compile(
    r"\b(?:review|read|look\s+(?:at|over)|check|proofread|edit|comment\s+on|give\s+(?:me\s+)?"
    r"(?:feedback|comments|notes)|feedback\s+on|go\s+through|critique|mark\s+up)\b",
    re.IGNORECASE,
)


# "She said yes to being a reference", "he agreed to be my referee": a yes given to a standing
# role. Nothing is left for them to do, so it is neither an offer to take up nor a promise to
# chase: only something to keep them posted on.
_AGREED = re.compile(
    r"\b(?:said\s+yes|agreed|(?:is|was|she's|he's|they're)\s+(?:happy|glad|willing))\s+"
    r"(?:to\s+)?(?:being|be|act(?:ing)?\s+as|serv(?:e|ing)\s+as)\s+(?:a|an|my|our|the)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def is_agreed(offer: str) -> bool:
    """Whether an offer of theirs is a yes already given to being something for you: "She said
    yes to being a reference right away"."""
    return bool(_AGREED.search(" ".join(offer.split()).replace("’", "'")))


def offer_step(offer: str) -> OfferStep:
    """send: they offered to look at something of yours, so send it; ready: take them up on
    it, with what it needs at hand."""
    return "send" if _LOOK_AT.search(offer) else "ready"


# -- news: what kind of news ------------------------------------------------------------------

# Something they reached: a promotion, a new job, an award, a baby, a wedding, a home bought.
# Once it has happened, it is congratulated, not asked "how did it go?".
_MILESTONE = re.compile(
    r"\b(?:(?:got|was|been|is|were)\s+promoted|promotion|made\s+(?:partner|director|head)"
    r"|new\s+(?:job|role|position)|got\s+(?:the|a|her|his|their)\s+(?:job|role|offer|place)"
    r"|won|award(?:ed)?|baby|gave\s+birth|(?:got|is|was)\s+(?:married|engaged)|wedding"
    r"|graduated|defended|tenure|(?:bought|closed\s+on|moved\s+into)\s+(?:a|an|the|their|her|his)"
    r"(?:\s+\w+)?\s+(?:house|home|flat|apartment|condo))\b",
    re.IGNORECASE,
)
# "promoted to manager of her team in January", "a new role as head of data": the role now.
_NEW_ROLE = re.compile(
    r"\b(?:promoted\s+to|(?:was|been|got|were)\s+made|(?:new|moved\s+into\s+a|took\s+a)\s+"
    r"(?:job|role|position)\s+as)\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;:()!?]+?)"
    r"(?=\s+(?:in|on|last|this|since|from|after|before|two|three|a\s+few|\d)\b|[,.;:()!?]|$)",
    re.IGNORECASE,
)


def new_role(sentence: str) -> str | None:
    """The role a piece of news says they hold now: "she was promoted to manager of her team
    in January" -> "manager of her team". None unless reached ("hoping to be made partner")."""
    match = _NEW_ROLE.search(" ".join(sentence.split()).replace("’", "'"))
    if match is None or _NOT_YET.search(sentence):
        return None
    role = match["role"].strip()
    # "Director at Transport Canada": a new place too, which the card's company would belie.
    if re.search(r"\s(?:at|with|for)\s", role):
        return None
    return role if 0 < len(role.split()) <= 6 else None


# Still hoped for, not reached: "applying for a promotion", "hoping to win".
_NOT_YET = re.compile(
    r"\b(?:apply(?:ing)?|hop(?:e|es|ing)|up\s+for|in\s+line|interview(?:ing)?|going\s+for|"
    r"trying|wants?|might|could|if)\b",
    re.IGNORECASE,
)


def is_milestone(sentence: str) -> bool:
    """Whether news is something reached, to congratulate them on: "she got promoted to
    manager", "they closed on the house", "he won the bid"."""
    return bool(_MILESTONE.search(sentence)) and not _NOT_YET.search(sentence)


# How something works, told to you: "hiring is slow, 2-3 months", "they'll ask for a technical
# presentation", "it usually takes six weeks". Worth knowing; nothing of theirs to ask after.
_HOW_IT_WORKS = re.compile(
    r"\b(?:usually|typically|normally|generally|always|tends?\s+to|takes?\s+(?:about\s+)?"
    r"(?:a|an|one|two|three|four|five|six|\d)|(?:is|are)\s+(?:slow|quick|fast|long)"
    r"|(?:they|you)(?:'ll|\s+will)\s+(?:ask|want|expect|need|require|look\s+for|check|test)"
    r"|you(?:'ll|\s+will)?\s+(?:need|have)\s+to|expect\s+(?:a|an|to|\d))\b",
    re.IGNORECASE,
)


def is_how_it_works(sentence: str) -> bool:
    """Whether a sentence tells how something works (a process you are in), not their news."""
    return bool(_HOW_IT_WORKS.search(" ".join(sentence.split()).replace("’", "'")))


# -- news: when it happens ----------------------------------------------------------------------

Tense = Literal["since", "coming", "passed", "pending", "told"]
"""since: under way, ask how it has gone · coming: still ahead on the day you meet ·
passed: it happened after you heard of it: ask how it went · pending: done, its outcome
still awaited when noted: ask whether there is news · told: done already when noted, so
there is nothing to ask how it went."""

_UTC = ZoneInfo("UTC")
_MONTH = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_IN_MONTH = re.compile(r"\b(?:in|by|from|this|next|end\s+of|early|late|mid-?)\s+([A-Za-z]+)\b")
# "since summer", "for five years": how long, not when.
_DURATION = re.compile(r"\b(?:since|for)\s+\w+(?:\s+\w+)?", re.IGNORECASE)


_MONTHS = "|".join(sorted(_MONTH, key=len, reverse=True))
# What names a day: a date, a weekday, "tomorrow", "in three weeks", "next month". Without one,
# "their client evening" is no event this evening, and "hiring is slow, 2-3 months" no day
# three months on: a part of the day or a length of time says when nothing happens.
_NAMES_A_DAY = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}[/.]\d{{1,2}}\b"
    r"|\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri)\b"
    r"|\b(?:today|tonight|tomorrow|yesterday)\b"
    r"|\b(?:in|within)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|\d+)"
    r"\s+(?:days?|weeks?|months?)\b|\bnext\s+(?:week|month|year)\b",
    re.IGNORECASE,
)


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
    if not _NAMES_A_DAY.search(text):
        return None
    try:
        found = read_follow_up(text, noted, _UTC)
    except DateRefused:
        return None
    if not isinstance(found.when, MeetingTime):
        return None  # "3/4" read either way: no day to count on
    day = found.when.at.astimezone(UTC).date()
    return day, day


# Said of what is still ahead, or under way: "she will", "she's running", "is booked for".
_AHEAD = re.compile(
    r"\b(?:will|shall|going\s+to|about\s+to|plans?\s+to|planning|hopes?\s+to|next|upcoming|"
    r"coming\s+up|due|(?:scheduled|planned|booked|set|slated)\s+(?:for|on|to)|won't)\b"
    r"|(?:moved|postponed|pushed|rescheduled|delayed|put\s+off)\s+(?:back\s+)?(?:to|until|till)"
    r"|'ll\b|\b(?:is|are|am|be|was|were|'s|'re)\s+(?:\w+ly\s+)?\w+ing\b",
    re.IGNORECASE,
)
# Said as done: a past form ("emailed", "did", "broke", "went well"), not a state after "is"
# ("is interested", "she's booked").
_IRREGULAR_PAST = (
    "did went got gave sent broke took made won ran came told said met left began bought sold "
    "wrote spoke found saw knew paid built held kept lost became brought chose drove fell flew "
    "grew heard led lent put quit rode rose sat spent stood swam taught threw understood woke "
    "wore was were had read"
)
_DONE = re.compile(
    rf"\b(?:{'|'.join(_IRREGULAR_PAST.split())})\b"
    r"|(?<!\bis\s)(?<!\bare\s)(?<!\bam\s)(?<!\bbe\s)(?<!'s\s)(?<!'re\s)\b[a-z]{2,}[^e\W]ed\b",
    re.IGNORECASE,
)
# Done, and waiting on the outcome: "is waiting to hear", "no result yet", "in progress".
_PENDING = re.compile(
    r"\b(?:waiting\s+(?:to\s+hear|for|on)|awaiting|no\s+(?:result|news|word|decision|answer|"
    r"reply|response|outcome)s?\s+yet|(?:has|have|hasn't|haven't)\s+(?:not\s+)?(?:yet\s+)?"
    r"heard|not\s+heard|in\s+progress|pending|under\s+review|to\s+hear\s+back|"
    r"fingers\s+crossed)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def is_told(sentence: str) -> bool:
    """Whether a sentence tells of something done by the time it was noted: "she emailed the
    report on 22 December", "he did a race in January and broke his wrist". Whatever day it
    names, it had happened when you heard of it."""
    said = " ".join(sentence.split()).replace("’", "'")
    return bool(_DONE.search(said)) and not _AHEAD.search(said)


@lru_cache(maxsize=4096)
def is_pending(sentence: str) -> bool:
    """Whether a sentence tells of something done whose outcome was still awaited: "she
    interviewed on 29 January and is waiting to hear", "they submitted the bid, no result
    yet"."""
    return bool(_PENDING.search(" ".join(sentence.split()).replace("’", "'")))


def tense(sentence: str, noted: datetime, meeting: datetime | None) -> Tense | None:
    """How to pick up news by the day you meet: still coming or passed, for an event that was
    ahead when you heard of it; pending, for something done whose outcome was awaited; told,
    for something done already then. None when the sentence names no day (and awaits
    nothing), or no meeting day is known to compare it with."""
    if is_pending(sentence):
        return "pending"
    if meeting is None:
        return None
    days = event_day(sentence, noted)
    if days is None:
        return None
    if is_told(sentence):
        return "told"
    # A day, not a moment: the event on the day you meet is still to come.
    return "passed" if days[1] < meeting.astimezone(UTC).date() else "coming"
