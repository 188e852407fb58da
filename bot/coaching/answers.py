"""Debrief answers as people type them: "nothing really", several promises in one line, a
due date inside a promise, and a promise said back in a sentence.

Pure functions: the debrief handler stores what these return.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, TypeVar
from zoneinfo import ZoneInfo

from bot.coaching.dates import DateRefused, MeetingTime, parse_when


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


# -- nothing ----------------------------------------------------------------------------------

# An answer says "nothing" when every word in it is one of these, and one of the first kind.
_NO_WORDS = _vocabulary(
    """nothing nothin nuthin none no nope nah na nil nada zilch nobody noone not neither
    idk dunno skip pass didnt didn't dont don't havent haven't doesnt doesn't tbd tbc tba
    unknown unsure undecided"""
)
_FILLER_WORDS = _vocabulary(
    """really this that time yet at all much in particular specific specifically so far for
    the moment one of to add mentioned worth noting concrete promised promise promises
    ask asks asked made make did do any anything i we they he she me us them him her my
    our their can think remember recall know sure idea honestly sadly unfortunately
    thanks thank you just else other from side sorry afraid come comes mind ok okay well
    um hmm yeah new it let's lets i'll ill rather prefer say clue leave blank matter
    date decided set fixed booked confirmed agreed planned a"""
)
# Emoji people send for "no" or "don't know" (and the pieces that join or tint emoji).
_NO_SYMBOLS = frozenset("🤷🙅❌🚫👎✖➖⛔🙈♂♀\u200d\ufe0f")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_N_A = re.compile(r"\bn\s*[/.]\s*a\b\.?")
# "skip for now" skips; "not now" alone is an answer of its own.
_FOR_NOW = re.compile(r"\bfor\s+now\b")


def is_nothing(text: str) -> bool:
    """'nothing really', 'Nope!', 'n/a', '-', 'not this time 🙂' -> True;
    'no-code tools', 'Nothing Phone fan', 'nothing yet, but I'll send the deck' -> False."""
    said = _FOR_NOW.sub(" ", _N_A.sub("na", text.replace("’", "'").casefold()))
    words = _WORD.findall(said)
    if not words:
        # Only punctuation, or a shrug: no answer. Another emoji may be one ("🎸").
        rest = [c for c in said if not c.isspace() and not unicodedata.category(c).startswith("P")]
        return all(c in _NO_SYMBOLS or unicodedata.category(c) == "Sk" for c in rest)
    return any(w in _NO_WORDS for w in words) and all(
        w in _NO_WORDS or w in _FILLER_WORDS for w in words
    )


# "None - I was the one giving advice": a no, and why. "Nothing, but she mentioned a freeze":
# a no, then something after all, kept by itself.
_HEAD = re.compile(
    r"^\s*(?P<head>[^,;:.!?\-–—]+?)\s*(?:[,;:.!?]+|\s[-–—]+|[-–—]{2,})\s*(?P<rest>.+)$", re.S
)
_AFTER_ALL = re.compile(
    r"^(?:but|except|apart from|other than|though|although|however|only|besides|aside from)"
    r"\b[\s,:]*",
    re.IGNORECASE,
)
# Why there is nothing: the meeting went the other way, or was not that kind of meeting.
_WHY_NOTHING = re.compile(
    r"""\b(?:i\s+(?:was|gave|were|mostly|just|only|mainly)\b|i\s+did\s+(?:the|most|all)|it\s+was\s+me
    |the\s+one\s+(?:giving|asking|helping|doing)|other\s+way\s+(?:round|around)
    |was\s+(?:all\s+)?(?:about|for)\s+(?:her|him|them)|(?:not|wasn't|wasnt)\s+that\s+kind
    |we\s+(?:just|only)\s+(?:chatted|talked|caught\s+up)|just\s+(?:chatted|a\s+chat)
    |(?:she|he|they)\s+(?:didn't|didnt|did\s+not)
    |i\s+(?:offered|volunteered|suggested|proposed)\b|\bmyself\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# "Nobody specific, just the CSA committee": no one in particular, only something general.
_NONE_IN_PARTICULAR = re.compile(r"\b(?:specific|specifically|particular|concrete)\b", re.I)
_ONLY_GENERAL = re.compile(r"^(?:just|only|mainly|mostly|merely|simply)\b", re.I)


def content_of(text: str) -> str | None:
    """What an answer says, or None when it says nothing: 'nothing new really', 'n/a' and
    'None - I was the one giving advice' -> None; 'Nothing, but she mentioned a hiring
    freeze' -> 'she mentioned a hiring freeze'; anything else as typed."""
    if is_nothing(text):
        return None
    parts = _HEAD.match(text)
    if parts is None or not is_nothing(parts.group("head")):
        return text
    rest = parts.group("rest").strip()
    if _NONE_IN_PARTICULAR.search(parts.group("head")) and _ONLY_GENERAL.match(rest):
        return None
    after_all = _AFTER_ALL.match(rest)
    if after_all is not None:
        rest = rest[after_all.end() :].strip()
    elif _WHY_NOTHING.search(rest):
        return None
    return None if not rest or is_nothing(rest) else rest


# -- a button named by its place ---------------------------------------------------------------

_PLACES = {
    **dict.fromkeys(("1", "1st", "first", "one"), 1),
    **dict.fromkeys(("2", "2nd", "second", "two"), 2),
    **dict.fromkeys(("3", "3rd", "third", "three"), 3),
    **dict.fromkeys(("4", "4th", "fourth", "four"), 4),
    **dict.fromkeys(("5", "5th", "fifth", "five"), 5),
    **dict.fromkeys(("6", "6th", "sixth", "six"), 6),
    **dict.fromkeys(("7", "7th", "seventh", "seven"), 7),
    **dict.fromkeys(("8", "8th", "eighth", "eight"), 8),
}
_T = TypeVar("_T")
_PLACE_FILLER = _vocabulary(
    "the one option number button choice pick i'll take go with please pls that"
)


def button_place(text: str) -> int | None:
    """Which button a reply names by its place: 'the second one', '2', 'option 3' -> 2, 2, 3;
    anything else -> None. ("The last one" is left unread: Skip is the last button.)"""
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)?", text.casefold().replace("’", "'"))
    places = [_PLACES[w] for w in words if w in _PLACES]
    rest = [w for w in words if w not in _PLACES and w not in _PLACE_FILLER]
    # "one" alone is the first; with another place it is only "the second one"'s noun.
    if len(places) == 2 and "one" in words and 1 in places:
        places.remove(1)
    return places[0] if len(places) == 1 and not rest else None


def placed(options: Sequence[_T], text: str) -> _T | None:
    """The option a reply names by its place among `options`, as the buttons list them."""
    place = button_place(text)
    return options[place - 1] if place is not None and place <= len(options) else None


def opens_with_nothing(text: str) -> bool:
    """A no, perhaps with why: 'tbd', 'not decided yet, she'll send a slot' -> True;
    'Nothing Phone launch on friday' -> False."""
    if is_nothing(text):
        return True
    parts = _HEAD.match(text)
    return parts is not None and is_nothing(parts.group("head"))


# -- several promises in one answer -----------------------------------------------------------

# Most promises one answer can hold; anything past that stays in the last one, not lost.
MAX_PROMISES = 10

# What a promise starts with: something to do. Splitting on "and" only where the words after
# it start a new deed keeps "coffee and cake" and "Tom and Jerry" whole.
DEEDS = _vocabulary(
    """send share forward email e-mail mail text message ping call ring phone intro introduce
    connect loop cc recommend refer suggest review read check look find ask tell let write
    draft edit proofread update reply respond answer follow book schedule set arrange
    organise organize plan invite host meet grab get buy bring take give lend return pay cover
    help mentor coach put add link post publish tweet like endorse vouch sponsor sign submit
    apply prepare make build fix test try think research dig compile collect gather note
    remind drop hook reach contact talk chat speak visit come go join attend show demo walk
    explain teach provide offer deliver upload order print open start finish close"""
)
# Deed words that are also things: "intro to Ines" is a thing, "intro her to Ines" a deed.
_ALSO_THINGS = _vocabulary("intro call review update chat reply ping check look demo")
_PREPOSITIONS = _vocabulary("to with of on about for from at in")
# Words before the deed that say who does it: "I'll send", "she will intro me".
_DOERS = _vocabulary(
    """i i'll ill i'd will would to also then and plus she'll he'll they'll we'll she'd he'd
    they'd we'd she he they we can could should shall might may gonna going promised promise
    offered said maybe probably definitely please try"""
)
_ABBREVIATIONS = _vocabulary(
    "dr mr mrs ms st prof rev sgt capt gen col lt e.g i.e etc vs approx incl inc ltd co jr sr no"
)

_BULLET = re.compile(r"^\s*(?:[-*•·–—>]+|\(?\d{1,2}[.)]|\(?[a-zA-Z]\))\s+")
_NUMBERED = re.compile(r"(?:^|(?<=\s))\(?(\d{1,2})[.)]\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_JOINER = re.compile(r"\s*(?:,\s*)?(?:\band\b|&|\+|\bplus\b|\bthen\b|\balso\b)\s+|\s*,\s+")
# What is left at the start once a date is taken out: "in a week, by email" -> "by email".
_LEAD = re.compile(r"^(?:[\s,;:.\-–—]+|(?:and|also|then|plus|&|\+)\s+)+", re.IGNORECASE)
_TRAIL = re.compile(r"[\s.,;:!]+$")


def split_promises(text: str) -> list[str]:
    """One promise per deed: lines, bullets, "1) … 2) …", ";", sentences, and "and" or a
    comma before a new deed. Each keeps the person's own words."""
    pieces: list[str] = []
    for line in text.splitlines():
        for item in _numbered(line):
            for clause in item.split(";"):
                for sentence in sentences(clause):
                    pieces += _deeds(sentence)
    promises = [p for p in (_tidy(p) for p in pieces) if p and not is_nothing(p)]
    if len(promises) > MAX_PROMISES:
        promises[MAX_PROMISES - 1 :] = ["; ".join(promises[MAX_PROMISES - 1 :])]
    return promises


def _numbered(line: str) -> list[str]:
    """'1) send deck 2) intro to Sam' -> two; only when the numbers count up from 1."""
    marks = list(_NUMBERED.finditer(line))
    numbers = [int(m.group(1)) for m in marks]
    if (
        len(marks) < 2
        or numbers != list(range(1, len(marks) + 1))
        or line[: marks[0].start()].strip()
    ):
        return [_BULLET.sub("", line, count=1)]
    ends = [m.start() for m in marks[1:]] + [len(line)]
    return [line[m.end() : end] for m, end in zip(marks, ends, strict=True)]


def sentences(text: str) -> list[str]:
    """The sentences of a typed text, however they start ("…is fine. he's taking leave"),
    and not cut after "Dr." or an initial."""
    found: list[str] = []
    for piece in _SENTENCE_END.split(text):
        last = found[-1].split()[-1].rstrip(".").casefold() if found else ""
        if found and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            found[-1] += " " + piece  # "Dr. Lee", "J. Smith": not a new sentence
        else:
            found.append(piece)
    return found


def _deeds(text: str) -> list[str]:
    deeds: list[str] = []
    start = 0
    for joiner in _JOINER.finditer(text):
        before, after = text[start : joiner.start()], text[joiner.end() :]
        if len(before.split()) >= 2 and (starts_with_deed(after) or _NEW_OFFER.match(after)):
            deeds.append(before)
            start = joiner.end()
    return [*deeds, text[start:]]


# "… and she offered a mock interview": a second offer, whatever follows the verb.
_NEW_OFFER = re.compile(
    r"(?:she|he|they|we|i)\s+(?:also\s+)?(?:offered|promised|agreed)\b", re.IGNORECASE
)


def starts_with_deed(text: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(text.replace("’", "'"))]
    while words and words[0] in _DOERS:
        words.pop(0)
    return bool(words) and words[0] in DEEDS


def _tidy(text: str) -> str:
    return _TRAIL.sub("", _LEAD.sub("", " ".join(text.split())))


# -- a due date inside a promise --------------------------------------------------------------

Side = Literal["mine", "theirs"]


def promise_side(slot: str) -> Side:
    """Whose promise a debrief slot holds: my_promises are yours, their_promises theirs."""
    return "mine" if slot == "my_promises" else "theirs"


@dataclass(frozen=True)
class Promise:
    text: str
    """In the person's words, without the date phrase."""
    due: date | None
    """The last day to keep it, in the person's calendar."""


_WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)"
# A weekday before a date is said with the date: "Monday 21 December", "Fri the 18th".
_DATED = rf"""(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?
    | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}
    | (?:the\s+)?{_ORDINAL} | the\s+\d{{1,2}} | \d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)"""
_CORE = rf"""
    {_DAY},?\s+{_DATED}
  | (?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:day|week|month)
  | eod | eow | eom | cob
  | (?:this|next|the)\s+weekend
  | (?:today|tonight|tomorrow|tmrw|tmr)(?:\s+(?:morning|afternoon|evening|night))?
  | (?:(?:this|next|coming)\s+)?(?:{_WEEKDAY})
  | (?:this|next|coming)\s+{_DAY}
  | (?:this|next)\s+(?:week|month)
  | (?:in|within)\s+(?:a|an|one|two|three|four|five|six|\d{{1,2}})\s+(?:days?|weeks?|months?)
  | {_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?
  | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}
"""
# Only after "by", "before" and the like: a short weekday, "the 20th", a day/month in digits
# ("send the 2nd draft" has no date in it).
_AFTER_WORD = rf"{_DAY} | (?:the\s+)?{_ORDINAL} | \d{{1,2}}/\d{{1,2}}"
_TIME = r"(?:\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)|\s+at\s+\d{1,2}(?::\d{2})?|\s+at\s+noon)?"
_BY = r"by|before|until|till|til|no\s+later\s+than|on|for|due"
_DUE = re.compile(
    rf"""(?:(?<=\s)|^)(?:(?P<by>{_BY})\s+)?(?P<core>{_CORE}){_TIME}(?=$|[\s.,;:!?)])
      | (?:(?<=\s)|^)(?P<by2>{_BY})\s+(?P<core2>{_AFTER_WORD}){_TIME}(?=$|[\s.,;:!?)])""",
    re.IGNORECASE | re.VERBOSE,
)

_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:!?])")


def read_promise(text: str, now: datetime, tz: ZoneInfo) -> Promise:
    """'send him a blurb by Friday' -> ('send him a blurb', that Friday)."""
    for match in _DUE.finditer(text):
        by = (match.group("by") or match.group("by2") or "").casefold()
        core = " ".join((match.group("core") or match.group("core2")).casefold().split())
        if core.startswith("the end of"):
            core = core.removeprefix("the ")
        day = _day_of(core, now.astimezone(tz).date()) or _parsed(match.group(0), by, core, now, tz)
        if day is None:
            continue
        if by == "before":
            day -= timedelta(days=1)
        # "my CV by the 20th, and the agency" leaves no space before its comma.
        rest = _tidy(
            _SPACE_BEFORE_MARK.sub(r"\1", f"{text[: match.start()]} {text[match.end() :]}")
        )
        return Promise(rest or _tidy(text), day)
    return Promise(_tidy(text), None)


def read_promises(text: str, now: datetime, tz: ZoneInfo) -> list[Promise]:
    """Each promise with its day. "Both by Friday" after two promises is their day, not a
    promise of its own (it had become "You promised a Both")."""
    promises: list[Promise] = []
    for part in split_promises(text):
        promise = read_promise(part, now, tz)
        if _ALL_OF_THEM.fullmatch(promise.text) and promises:
            promises = [p if p.due else Promise(p.text, promise.due) for p in promises]
            continue
        promises.append(promise)
    return promises


# What stands for the promises before it: "Both by Friday", "all of it by Monday".
_ALL_OF_THEM = re.compile(
    r"(?:both|all|each|everything|all\s+(?:of\s+)?(?:it|them|three|two|that)|both\s+of\s+them"
    r"|the\s+(?:two|three|lot))(?:\s+(?:things|of\s+these|of\s+those))?",
    re.IGNORECASE,
)


def _parsed(phrase: str, by: str, core: str, now: datetime, tz: ZoneInfo) -> date | None:
    """The date reader's day for the phrase (without "by"), else for its day alone."""
    words = phrase.split()[len(by.split()) :]
    for said in (" ".join(words), core):
        try:
            when = parse_when(re.sub(r"^within\b", "in", said), now, tz)
        except DateRefused as refusal:
            if refusal.reason != "wrong_weekday" or refusal.read is None:
                continue
            when = refusal.read  # "by Wednesday 21 December", a Monday: the date is meant
        # "by 3/4" where the region does not say which is the month: no deadline is better
        # than a wrong one.
        if isinstance(when, MeetingTime):
            return when.local(tz).date()
    return None


def _day_of(core: str, today: date) -> date | None:
    """Deadlines the date reader is not asked about: ends of weeks and months, a weekend,
    a day of the month on its own ("the 20th")."""
    # After Friday the working week is over: "this week" and "next week" are the coming one.
    monday = today - timedelta(days=today.weekday())
    if today.weekday() >= 5:
        monday += timedelta(days=7)
    if core in ("eod", "cob", "end of day", "end of the day"):
        return today
    if core in ("eow", "end of week", "end of the week", "end of this week", "this week"):
        return monday + timedelta(days=4)
    if core == "end of next week":
        return monday + timedelta(days=4 if today.weekday() >= 5 else 11)
    if core == "next week":  # from its start: that is when the deed can be done
        return monday + timedelta(days=0 if today.weekday() >= 5 else 7)
    if core in ("eom", "end of month", "end of the month", "end of this month", "this month"):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if core == "end of next month":
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if core in ("this weekend", "the weekend"):
        return max(today, today + timedelta(days=5 - today.weekday()))
    if core == "next weekend":
        return monday + timedelta(days=12 if today.weekday() < 5 else 5)
    ordinal = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)", core)
    if ordinal:
        return _next_day_of_month(int(ordinal.group(1)), today)
    return None


def _next_day_of_month(day: int, today: date) -> date | None:
    if not 1 <= day <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(3):  # the 31st comes within three months
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate >= today:
                return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


# -- a promise said back ----------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """A promise as words that fit a sentence: a deed ("send him the deck": "You said you'd
    send him the deck.") or a thing ("an intro to Ines": "You promised an intro to Ines.")."""

    form: Literal["deed", "thing"]
    words: str


# Spoken to the person who wrote "send me the deck", their own words are about "you".
_TO_YOU = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
}
_DETERMINERS = _vocabulary(
    """a an the some any his her their your my our its this that these those one two three
    four five six another more few several every each no"""
)
# Things that take no "a": "You promised feedback on her deck."
_UNCOUNTED = _vocabulary(
    """feedback advice help info information support access news details input thoughts
    pointers tips guidance coffee lunch dinner time"""
)
# Words that start a sentence, not a deed: "If you rewrite it...", "She said...".
_NOT_DEEDS = _vocabulary(
    """if when once after before because since unless while as so but and or he she they we
    you i it there here said says told asked offered promised agreed mentioned"""
)
# What follows a deed, not a thing: its object.
_ACTED_ON = _DETERMINERS | _vocabulary("him them us it you me")
_DOER_PHRASE = re.compile(
    r"""^(?:(?:i|we|she|he|they|[A-Z][\w-]*)\s+(?:will|would|can|could|should|shall|might|
    am\s+going\s+to|is\s+going\s+to|are\s+going\s+to|promised\s+to|offered\s+to|
    agreed\s+to|said\s+(?:i|we|she|he|they)(?:'d|'ll|\s+would|\s+will))\s+
    |(?:i|we|she|he|they)'(?:ll|d)\s+|(?:will|to|promised\s+to|offered\s+to|agreed\s+to|
    also)\s+)+""",
    re.IGNORECASE | re.VERBOSE,
)


def promise_clause(text: str, *, to_writer: bool) -> Clause:
    """The promise as a deed or a thing. `to_writer`: said to the person who wrote it (a
    reminder), so "me" and "my" become "you" and "your"; else (an opener they send) as is."""
    words = _DOER_PHRASE.sub("", _tidy(text).replace("’", "'")).split() or _tidy(text).split()
    if not words:
        return Clause("thing", text.strip())
    if to_writer:
        words = [
            _turned(w, after_i=i > 0 and words[i - 1].casefold() == "i")
            for i, w in enumerate(words)
        ]
    first = words[0].casefold()
    then = words[1].casefold() if len(words) > 1 else ""
    deed = (first in DEEDS and not (first in _ALSO_THINGS and then in _PREPOSITIONS)) or (
        # A word no list has, followed by what it acts on, is a deed too: "Rewrite the
        # README", "polish my deck" (not "a Rewrite the README").
        first not in _DETERMINERS
        and first not in _UNCOUNTED
        and first not in _NOT_DEEDS
        and then in _ACTED_ON
    )
    if deed or first in _DETERMINERS or first in _UNCOUNTED:
        words[0] = words[0][:1].lower() + words[0][1:]
    if deed:
        return Clause("deed", " ".join(words))
    if first not in _DETERMINERS and first not in _UNCOUNTED and not _plural(first):
        words.insert(0, "an" if _sounds_like_vowel(first) else "a")
    return Clause("thing", " ".join(words))


# After "I" turned to "you" the verb turns too: "who I am" is "who you are".
_AFTER_YOU = {"am": "are", "was": "were"}


def _turned(word: str, *, after_i: bool = False) -> str:
    bare = word.rstrip(".,;:!?")
    turned = (_AFTER_YOU if after_i else _TO_YOU).get(bare.casefold())
    return word if turned is None else turned + word[len(bare) :]


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss") and len(word) > 3


def _sounds_like_vowel(word: str) -> bool:
    return word[:1] in "aeio" or (word[:1] == "u" and not word.startswith(("uni", "use", "usu")))


# -- when to be reminded ----------------------------------------------------------------------

# Reminders of a promise come in the morning, when there is a day to act on them.
PROMISE_HOUR = time(9, 0)


def promise_reminder_at(due: date, side: Side, now: datetime, tz: ZoneInfo) -> datetime | None:
    """Your own promise: the morning of its last day. Theirs: the next working morning, to
    ask after it if it has not come. None when that moment has passed already."""
    day = due
    if side == "theirs":
        day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
    at = datetime.combine(day, PROMISE_HOUR, tzinfo=tz).astimezone(UTC)
    return at if at > now else None


# -- what you might do, said beside what you promised -----------------------------------------

# Words that make a deed a possibility, not a promise: "could intro her to Sam", "maybe send
# the article", "happy to review her deck if she wants".
_TENTATIVE = _vocabulary("could might maybe perhaps possibly potentially happy")
# Looked for among a part's first words, "if" only as the first: "send it if it helps" is
# still a promise.
_TENTATIVE_REACH = 3


def is_tentative(promise: str) -> bool:
    """'could intro her to Sam', 'maybe a coffee with my team' -> True; 'send the deck' -> False."""
    words = [w.casefold() for w in _WORD.findall(promise.replace("’", "'"))]
    return words[:1] == ["if"] or any(w in _TENTATIVE for w in words[:_TENTATIVE_REACH])


def split_tentative(promises: list[Promise]) -> tuple[list[Promise], list[Promise]]:
    """(promised, might do): one answer to "What will you do for them?" holds both."""
    return (
        [p for p in promises if not is_tentative(p.text)],
        [p for p in promises if is_tentative(p.text)],
    )


# "I said I'd send her my CV", "I'll intro him to Sam": said as your own, whatever the question
# ("we agreed to meet again" is both of yours, and stays where it was typed).
_SAID_AS_MINE = re.compile(
    r"^i(?:'ll|'d|\s+will|\s+would|\s+promised|\s+offered|\s+agreed"
    r"|\s+said\s+i(?:'d|'ll|\s+would|\s+will))\b",
    re.IGNORECASE,
)


def said_as_mine(promise: str) -> bool:
    """Whether a promise says the user will do it ("I said I'd send her my CV"): typed where
    their promises were asked, it is still yours."""
    return _SAID_AS_MINE.match(" ".join(promise.split()).replace("’", "'")) is not None


# -- a follow-up said as a promise kept: "when I send the CV" ---------------------------------

_WHEN_I = re.compile(
    r"^\s*(?:when|once|after|as\s+soon\s+as)\s+(?:i|we)(?:'ve|\s+have)?\s+(?P<deed>.+)$",
    re.IGNORECASE,
)
# Words any promise may hold: they tell none apart.
_PLAIN = _vocabulary(
    "the a an to her him them his their my me it i we and of for on in at with by send sent "
    "do did done get got give gave make made she he they this that our your"
)


def promise_meant(text: str, promises: Sequence[str]) -> int | None:
    """Which of `promises` a follow-up said as a deed names: "when I send the CV" -> the
    index of "send her my CV"; None when the words name no deed, or none of the promises,
    or several alike."""
    found = _WHEN_I.match(text.replace("’", "'"))
    if found is None:
        return None
    said = _telling(found["deed"])
    scores = [len(said & _telling(promise)) for promise in promises]
    best = max(scores, default=0)
    return scores.index(best) if best and scores.count(best) == 1 else None


def _telling(text: str) -> set[str]:
    return {w for w in (w.casefold() for w in _WORD.findall(text)) if w not in _PLAIN}
