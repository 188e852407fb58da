"""What people type where /prep offers buttons: how they know someone, when they last
talked, where they meet, whether the person can help, who they hope to reach.

People answer a button question in words ("we worked together at Acme", "zoom", "she
introduced me, Maria Lopez"); each reader returns what the words say, or None when they
say none of the choices, so the question can be asked again rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.coaching.date_phrases import date_runs, past_day, tokenize, trim
from bot.coaching.goal_words import read_goal
from bot.coaching.person_line import named_after_role
from bot.coaching.situation import CanHelp, LastTalked, Relationship, Setting
from bot.coaching.stages import Goal


@dataclass(frozen=True)
class RelationshipReading:
    relationship: Relationship
    last_talked: LastTalked | None = None
    """When the same words say it too ("a friend, we talk every week")."""
    introducer: str | None = None
    """The name, when the words give one ("introduced by Nina")."""


@dataclass(frozen=True)
class SettingReading:
    setting: Setting | None
    """The nearest kind the playbooks know; None when the words name none ("at the museum")."""
    topic: str | None = None
    """What the talk was about, when the words say ("after her talk on data contracts")."""
    words: str | None = None
    """Where, in the user's own words, short enough for the brief's first line."""


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?:{p})" for p in patterns), re.IGNORECASE)


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _either(words: str) -> str:
    return "|".join(re.escape(w) for w in words.split())


# Who can introduce you: a person, or someone named by how they are related to you.
_RELATIONS = _either(
    """friends friend colleagues colleague coworker co-worker classmate flatmate roommate
    housemate neighbour neighbor cousin aunt uncle mum mom mother dad father sister brother
    sibling partner wife husband girlfriend boyfriend son daughter niece nephew relative
    professor prof teacher tutor lecturer supervisor mentor boss manager coach advisor
    adviser contact acquaintance recruiter"""
)
# Words that may stand before the person: "through my old colleague Sam".
_BEFORE_PERSON = _either("my our a an his her their old former ex mutual good close best dear")
# How you found someone, or where: never who introduced you ("through a webinar on the
# Disaster Mitigation and Adaptation Fund" had made "Disaster Mitigation" the introducer).
_NOT_PERSON = _words(
    """fund foundation inc ltd llc plc gmbh group university college school institute
    association society council agency bank corp corporation company labs network program
    programme committee conference summit meetup club academy centre center partners capital
    ventures consulting solutions technologies systems studio media events event webinar
    seminar workshop talk panel forum community linkedin twitter facebook instagram youtube
    reddit slack discord github medium substack google zoom teams whatsapp telegram
    eventbrite handshake indeed glassdoor bumble lunchclub tiktok podcast newsletter blog
    article magazine journal times post globe news government ministry department"""
)
_NOT_PERSON_WORDS = _either(" ".join(sorted(_NOT_PERSON)))
_THROUGH_SOMEONE = (
    rf"\b(?:via|through)\s+(?:(?:{_BEFORE_PERSON})\s+)*(?:{_RELATIONS})\b"
    # A name right after it, unless it names a place or a channel ("via LinkedIn").
    rf"|\b(?:via|through)\s+(?!(?-i:(?:[A-Z][\w'’-]*\s+){{0,3}})(?:{_NOT_PERSON_WORDS})\b)"
    r"(?-i:[A-Z])"
)


# Checked in this order: the first that matches decides. "Introduced" and "never met" come
# first because their words also appear in the others ("never worked together").
_RELATIONSHIPS: tuple[tuple[Relationship, re.Pattern[str]], ...] = (
    (
        "introduced",
        _any(
            r"\bintro(?:duc\w*|'?d)\b",
            r"\bput (?:us|me) in touch\b",
            r"\bconnected (?:us|me)\b",
            r"\breferr\w*\b",
            r"\bset us up\b",
            _THROUGH_SOMEONE,
            # Someone else's friend or colleague: you know them through that someone.
            r"\b(?:friend|colleague|contact) of (?:a|my|our)\b",
            r"\b(?:my|our)\s+[\w-]+['’]s\s+(?:\w+\s+)?(?:friend|colleague|boss|manager|contact)\b",
        ),
    ),
    (
        "never_met",
        _any(
            r"\b(?:never|not|haven'?t|have not|didn'?t|yet to) (?:\w+ )?met\b",
            r"\bstranger\b",
            r"\bcold\b",
            r"\bdon'?t know (?:them|him|her)\b",
            r"\bfirst time\b",
        ),
    ),
    (
        "former_manager",
        _any(
            r"\bmanager\b",
            r"\bboss\b",
            r"\bmanaged me\b",
            r"\breported to\b",
            r"\bsupervisor\b",
            r"\bmentor\b",
            r"\bhead of (?:department|dept|year|team)\b",
            r"\bmy (?:old |former |ex-?)?(?:lead|head|director|hod|principal|team lead)\b",
            # Who was in charge of you, by their title: "she was my charge nurse".
            r"\bmy (?:old |former |ex-?)?(?:charge nurse|team leader|line lead|superior|chief"
            r"|foreman|forewoman|shift lead|shift leader|senior partner|editor|pi)\b",
        ),
    ),
    ("former_colleague", _any(r"\bco-?workers?\b", r"\bcolleagues?\b", r"\bteam ?mates?\b")),
    (
        "worked_together",
        _any(
            r"\bworked (?:together|with)\b",
            r"\bwork(?:ing)? together\b",
            r"\btaught together\b",
            r"\bsame (?:team|department|office)\b",
        ),
    ),
    (
        "friend",
        _any(
            r"\bfriends?\b",
            r"\bbuddy\b",
            r"\bmates?\b",
            r"\bpals?\b",
            r"\bschool\b",
            r"\b(?:shared|share) a (?:house|flat)\b",
            r"\bhousemates?\b",
            r"\bflatmates?\b",
            r"\bat uni together\b",
            r"\bstudied together\b",
        ),
    ),
    ("met_once", _any(r"\bmet\b", r"\bmeet once\b", r"\bonce\b", r"\bbriefly\b")),
)

# "she introduced me to Nina": they introduced you onwards; nobody introduced them to you.
_ONWARD = re.compile(
    r"\b(?:s?he|they)\s+(?:\w+\s+)?(?:introduced|intro'?d)\s+(?:me|us)\s+to\s+(?!(?:him|her|them)\b)",
    re.IGNORECASE,
)

_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_HOLIDAY = r"(?:christmas|xmas|easter|new year|thanksgiving|diwali|eid|hanukkah|the holidays)"
# Checked in this order: "this year" is months, not years; "a few months" is recent.
_LAST_TALKED: tuple[tuple[LastTalked, re.Pattern[str]], ...] = (
    ("never", _any(r"\bnever (?:talked|spoken|spoke)\b", r"^\s*never\s*$")),
    # Before "lost touch" is read as years: "never really lost touch", "we kept in touch".
    (
        "months",
        _any(
            r"\bnever (?:\w+ )?lost touch\b",
            r"\b(?:kept|keep|stayed|stay|still) in touch\b",
            r"\bon and off\b",
        ),
    ),
    (
        "months",
        _any(
            r"\bthis year\b",
            r"\bhalf a year\b",
            rf"\b(?:last|this|in the|in) {_SEASON}\b",
            # A holiday this side of a year: "we had lunch last christmas".
            rf"\b(?:last|this|at|over|since) {_HOLIDAY}\b",
            # How often, not how long ago: "we see each other a few times a year".
            r"\b(?:times|once|twice) a year\b",
            r"\b(?:every|each) year\b",
        ),
    ),
    (
        "years",
        _any(
            r"\byears?\b",
            r"\bages\b",
            r"\bdecades?\b",
            r"\blong time\b",
            r"\bforever\b",
            r"\bsince (?:19|20)\d\d\b",
            r"\blost touch\b",
            r"\bout of touch\b",
        ),
    ),
    (
        "recent",
        _any(
            r"\brecent(?:ly)?\b",
            r"\bweeks?\b",
            r"\blast month\b",
            r"\b(?:a )?(?:few|couple of|one|two|three|[123]) months?\b",
            r"\byesterday\b",
            r"\ball the time\b",
            r"\bstill (?:chat|talk|speak|see|meet|message|text)\w*\b",
            r"\bevery (?:day|week|month)\b",
            r"\b(?:daily|weekly|monthly|regularly|often)\b",
        ),
    ),
    ("months", _any(r"\bmonths\b")),
)
# Words of a clause about being in touch: "we see each other a few times a year", "we had
# lunch last christmas", "haven't spoken since 2019".
_CONTACT = _any(
    r"\b(?:talk\w*|spok\w*|speak\w*|see|seen|saw|hear|heard|touch|contact\w*|catch(?:ing)? up|"
    r"caught up|met|meet\w*|messag\w*|e-?mail\w*|text\w*|call\w*|chat\w*|lunch|dinner|"
    r"coffee|drinks?|pints?|visit\w*)\b"
)
# A silence named as such needs no verb: "ages", "lost touch", "a long time".
_SILENCE = _any(r"\bages\b", r"\blong time\b", r"\bforever\b", r"\bout of touch\b", r"\bnever\b")
_CLAUSE_SPLIT = re.compile(r"[.;,!?()]|\s[-–—]\s|\b(?:and|but|though|although)\b", re.IGNORECASE)
# How long you have known someone is not when you last talked: "friends for ten years".
_KNOWN_FOR = re.compile(
    r"\bfor\s+(?:over\s+|about\s+|almost\s+)?(?:\w+\s+)?(?:years?|decades?|ages|a long time)\b",
    re.IGNORECASE,
)

_SETTINGS: tuple[tuple[Setting, re.Pattern[str]], ...] = (
    # A job interview only: an "informational interview" is a goal, not a setting.
    ("interview", _any(r"(?<!informational )(?<!info )\binterview\b")),
    (
        "event",
        _any(
            r"\bconference\b",
            r"\bevent\b",
            r"\bmeet-?ups?\b",
            r"\bhallway\b",
            r"\bcorridor\b",
            # A talk given, not a talk had: "after her talk", "Sam's talk", "a talk on…".
            r"\b(?:a|the|his|her|their|your|\w+'s|\w+’s)\s+talk\b",
            r"\btalk\s+(?:on|about|called|titled)\b",
            r"\bsummit\b",
            r"\bpanel(?:l?ists?)?\b",
            r"\bforum\b",
            r"\bsymposium\b",
            r"\bconvention\b",
            r"\bexpo\b",
            r"\btrade (?:show|fair)\b",
            # Standing with a glass after the talks: minutes between other people, no bill.
            r"\b(?:drinks|evening|conference|networking)\s+reception\b",
            r"\bstanding\s+(?:chat|up)\b",
            r"\bbooth\b",
            r"\bworkshop\b",
            r"\bkeynote\b",
            r"\bnetworking\b",
        ),
    ),
    ("walk", _any(r"\bwalk(?:s|ing)?\b", r"\bstroll\b", r"\bhike\b", r"\bramble\b")),
    (
        "video",
        _any(
            r"\bzoom\b",
            r"\bvideo\b",
            r"\bteams\b",
            r"\bgoogle meet\b",
            r"\bskype\b",
            r"\bwebex\b",
            r"\bfacetime\b",
            r"\bonline\b",
            r"\bremote(?:ly)?\b",
            r"\bcall\b",
            r"\bphone\b",
        ),
    ),
    (
        "drinks",
        _any(
            r"\bdrinks?\b",
            r"\bpints?\b",
            r"\bpub\b",
            r"\bbeers?\b",
            r"\bbar\b",
            r"\bwine\b",
            r"\bcocktails?\b",
            r"\bhappy hour\b",
        ),
    ),
    (
        "meal",
        _any(
            r"\blunch\b",
            r"\bdinner\b",
            r"\bbreakfast\b",
            r"\bbrunch\b",
            r"\bmeal\b",
            r"\brestaurant\b",
            r"\bsupper\b",
        ),
    ),
    ("coffee", _any(r"\bcoffee\b", r"\bcaf[eé]\b", r"\btea\b", r"\bcuppa\b")),
)
# "she hates video calls", "not on zoom": words that name a setting to rule it out.
_NEGATION = re.compile(
    r"\b(?:hates?|hating|dislikes?|not|no|never|without|instead|rather|avoid\w*|"
    r"don'?t|doesn'?t|isn'?t|won'?t|can'?t)\b",
    re.IGNORECASE,
)

_TOPIC = re.compile(
    r"\b(?:talk|keynote|session|panel|presentation|workshop)\s*(?:was\s+)?"
    r"(?:(?:on|about|called|titled)\b\s*:?|:)\s*(?P<topic>.+)",
    re.IGNORECASE,
)
# A title in quotes after the talk: Sam's talk "Research with people who are busy".
_QUOTED_TITLE = re.compile(
    r"\b(?:talk|keynote|session|panel|presentation|workshop)\b[^\"“‘.]{0,30}"
    r"(?P<quote>[\"“‘](?P<title>[^\"”’]{3,})[\"”’])",
    re.IGNORECASE,
)

# Where the topic ends and the sentence goes on about the event: "… at the meetup".
_TOPIC_END = re.compile(
    r"\s+(?:at|in|during)\s+(?:the|a|an|our|this|that|last)\b.*"
    r"|\s+(?:yesterday|today|last\s+\w+|this\s+morning)\b.*",
    re.IGNORECASE,
)
# Where the head of a phrase ends and the comments on it begin: "pints at the Marble Arch -
# he's in town", "a walk (she hates video calls)", "How to do research. Consent, …".
_ASIDE = re.compile(r"\s+[-–—]\s|\s*[(;]|[.!?](?:\s|$)|\s+[-–—]$")
_CLAUSE = re.compile(r",\s")
_TOPIC_LEAD = re.compile(
    r"^(?:(?:it|the talk|that)\s+(?:was|is)\s+|it'?s\s+|(?:s?he|they)\s+(?:talked|spoke)\s+)?"
    r"(?:about|on)\s+",
    re.IGNORECASE,
)
# A guess before the title: "not sure yet, I think it's something about heat networks".
_HEDGE_LEAD = re.compile(
    r"^(?:(?:not sure(?: yet)?|no idea|i think|i guess|maybe|probably|possibly)[,.;:-]?\s+)+"
    r"(?:(?:it'?s|it was|it'?ll be|it will be)\s+)?(?:something\s+)?(?=(?:about|on)\s)",
    re.IGNORECASE,
)
# A remark after the title, a clause with its own subject: "ocean sensors, Rui is just
# attending", "heat maps, he isn't giving it".
_REMARK = re.compile(
    r",\s+(?=(?:he|she|they|i|we|it)\b|[\w'’]+\s+(?:[\w'’]+\s+)?(?:is|was|are|were|isn'?t|"
    r"wasn'?t|aren'?t|won'?t|will|did|didn'?t|does|doesn'?t)\b)",
    re.IGNORECASE,
)
# Longest setting words or topic shown: a title, not a paragraph.
MAX_SHORT = 70

# Read in this order: an introduction offered, then a no ("can't say yes"), then a yes.
_CAN_HELP: tuple[tuple[CanHelp, re.Pattern[str]], ...] = (
    (
        "introduce",
        _any(
            r"\bintro\w*", r"\bconnect\w*", r"\bput me in touch\b", r"\bknows? (?:him|her|them)\b"
        ),
    ),
    (
        "no",
        _any(
            r"\bneither\b",
            r"\bno\b",
            r"\bnope\b",
            r"\bcan'?t\b",
            r"\bcannot\b",
            r"\bnot\b",
            r"\bnobody\b",
        ),
    ),
    (
        "yes",
        _any(
            r"\byes\b",
            r"\byep\b",
            r"\byeah\b",
            r"\bsure\b",
            r"\bcan\b",
            r"\bdecides?\b",
            r"\bhiring manager\b",
            r"\bin charge\b",
        ),
    ),
)
_UNSURE = _any(r"\bnot sure\b", r"\bunsure\b", r"\bdon'?t know\b", r"\bidk\b", r"\bno idea\b")

# "she introduced me, Maria Lopez" · "introduced by Nina" · "Nina Park put us in touch"
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:van|de|da|von|del|di|le|la)?\s*[A-Z][\w'’-]*)*")
_NOT_NAMES = frozenset(
    [
        "i",
        "i'm",
        "we",
        "she",
        "he",
        "they",
        "her",
        "his",
        "my",
        "our",
        "me",
        "us",
        "it",
        "the",
        "a",
        "an",
        "introduced",
        "intro",
        "via",
        "through",
        "by",
        "mutual",
        "friend",
        "colleague",
        "former",
        "old",
        "ex",
        "never",
        "not",
        "she's",
        "he's",
        "we've",
    ]
)
_INTRODUCER_BEFORE = re.compile(
    r"(?P<name>\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+(?:introduced|intro'?d|put us|put me|"
    r"connected|set us up|referred)\b"
)
# Where the introducer's name may follow: "introduced by Nina", "she introduced me, Maria".
_INTRODUCER_AFTER = re.compile(r"\b(?:by|via|through|from|was|is|it'?s)\s+|[:,]\s*", re.I)
# The name right there, after at most a relation: "my old colleague Sam Lee".
_NAME_NEXT = re.compile(rf"(?i:(?:{_BEFORE_PERSON}|{_RELATIONS}|of)\s+)*(?P<name>{_NAME.pattern})")

# Words at "who exactly?" that name no one: "No one this time", "not sure yet", "skip".
_NO_ONE = re.compile(
    r"\s*(?:(?:i'?m|i am|i'?ve|i)\s+)?(?:no[- ]?one|nobody|none|noone|not sure|unsure|no idea|"
    r"don'?t know|not decided|undecided|idk|not yet|nothing|n/?a|no|nah|nope|anyone|anybody|"
    r"skip|tbd|tbc)\b",
    re.IGNORECASE,
)
_WHOEVER = re.compile(r"^(?:whoever|whomever|someone who|somebody who|anyone who)\s+", re.I)
# A clause that says what you want instead: "I want her advice", "I'm after feedback".
_WANT = re.compile(
    r"\b(?:i|i'?d|i'?m|we)\s+(?:\w+\s+)?(?:want|like|need|after|looking|hoping|hope)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"[,.;!?]|\s[-–—]\s")

# The person and why them: "Victor Hale, he runs the platform team", "Victor Hale because…"
_WHY = re.compile(r"\s*(?:,|;|:|\s[-–—]\s|\bbecause\b|\bsince\b|\bas\b|\(|\bwho\b)\s*")

# "moving from teaching into UX research" -> "UX research": the last "into" or "to".
_FIELD = re.compile(r".*\b(?:into|to|towards?)\s+(?P<field>[^,.;!?()]+)", re.IGNORECASE)
_FIELD_END = re.compile(r"\s+\b(?:and|from|at|with|as|by|in|for|so|because|or)\b.*", re.IGNORECASE)
_CHANGE = re.compile(
    r"\b(?:mov\w*|switch\w*|chang\w*|transition\w*|pivot\w*|break\w* into|get\w* into|career)\b",
    re.IGNORECASE,
)


_NEVER_MET = next(pattern for kind, pattern in _RELATIONSHIPS if kind == "never_met")


def read_relationship(text: str, today: date | None = None) -> RelationshipReading | None:
    """How you know them, from words: "we worked together at Acme", "my old boss, haven't
    talked in years", "she introduced me, Maria Lopez"."""
    for relationship, pattern in _RELATIONSHIPS:
        if relationship == "introduced" and _ONWARD.search(text):
            continue
        if pattern.search(text):
            # "We've never met - Claire introduced us by email last week": the week is the
            # introduction's, not a talk of yours.
            never = relationship == "never_met" or _NEVER_MET.search(text) is not None
            talked = None if never else _talked_in(text, today)
            introducer = _introducer(text) if relationship == "introduced" else None
            return RelationshipReading(relationship, talked, introducer)
    return None


def _talked_in(text: str, today: date | None) -> LastTalked | None:
    """When you last talked, from a sentence about how you know someone: only a clause about
    being in touch says it. "My first manager, about 4 years ago" and "she left school three
    years ago" date the relationship, not the silence: that question is asked instead."""
    for clause in _CLAUSE_SPLIT.split(text):
        if _CONTACT.search(clause) or _SILENCE.search(clause):
            talked = read_last_talked(clause, today)
            if talked is not None:
                return talked
    return None


@dataclass(frozen=True)
class SaidAbout:
    """How you know someone and when you last talked, as far as a few words say."""

    relationship: Relationship | None
    last_talked: LastTalked | None
    introducer: str | None = None


def read_said_about(text: str, today: date) -> SaidAbout | None:
    """What the words after a name say about you and them: "she was my first manager at
    Sonae about 4 years ago" -> former manager (the years date the job, not the silence);
    "we last spoke in the summer" ->
    months, relationship unknown; None when they say neither."""
    reading = read_relationship(text, today)
    if reading is not None:
        return SaidAbout(reading.relationship, reading.last_talked, reading.introducer)
    talked = read_last_talked(text, today)
    return SaidAbout(None, talked) if talked is not None else None


def read_last_talked(text: str, today: date | None = None) -> LastTalked | None:
    """ "a few weeks ago", "ages", "this year", "never" -> recent, years, months, never.
    With `today` (in the user's zone), a day named in the past counts too: "we had lunch
    last christmas", "at her wedding in 2023"."""
    said = _KNOWN_FOR.sub(" ", text)
    # A day named says more than the words' rough bucket: last Christmas may be last week.
    day = past_day(said, today) if today is not None else None
    if day is not None and today is not None:
        return talked_since(day, today)
    for talked, pattern in _LAST_TALKED:
        if pattern.search(said):
            return talked
    return None


def gap_in(text: str, today: date) -> LastTalked | None:
    """How long since you talked, when other words say it in passing ("mostly to catch up,
    it's been two years, …"): only a clause about the gap counts, so "the role she posted
    last week" says nothing of when you talked."""
    for clause in re.split(r"[,.;:!?()]|\s[-–—]\s|\bbut\b", text):
        if _GAP.search(clause):
            return read_last_talked(clause, today)
    return None


_GAP = re.compile(
    r"\b(?:it'?s\s+been|it\s+has\s+been|(?:have|has)\s*n[o']t\s+(?:talked|spoken|seen|met)|"
    r"(?:talked|spoken|seen\s+(?:each\s+other|her|him|them)|met)\s+since|long\s+time|ages)\b",
    re.IGNORECASE,
)


# How long ago each answer reaches back, as situation.LAST_TALKED says.
RECENT_DAYS = 92
MONTHS_DAYS = 365


def talked_since(day: date, today: date) -> LastTalked:
    """The answer a day of last talking gives: within three months, the year, or longer."""
    ago = (today - day).days
    return "recent" if ago <= RECENT_DAYS else "months" if ago <= MONTHS_DAYS else "years"


_A_FEW_MINUTES = re.compile(
    r"\b(?:quick|short|brief)\s+(?:chat|word|hello)\b|\bcatch\s+(?:him|her|them)\b"
    r"|\b(?:\d{1,2}|a few|five|ten|two|three)\s+min(?:ute)?s?\b",
    re.IGNORECASE,
)


def read_setting(text: str) -> SettingReading | None:
    """Where you meet, to the nearest kind, with the words kept: "pints at The Marble Arch"
    is drinks, "a walk (she hates video calls)" a walk, "at the museum" no kind. None for
    words that say when rather than where ("Friday at 7pm") or nothing yet ("not sure")."""
    said = " ".join(text.split())
    quoted = _QUOTED_TITLE.search(said)
    topic = short_topic(quoted.group("title")) if quoted else read_topic(said)
    head = short_words(said.replace(quoted.group("quote"), " ") if quoted else said)
    # "lunch" is a time of day too: a setting's words win over a date's.
    setting = _setting_in(head) or _setting_in(said)
    # "Quick chat at the breakfast on climate risk - he's on the panel, maybe 10 minutes": a
    # few minutes at an event, standing by the coffee, not a meal with a bill.
    if setting != "event" and _A_FEW_MINUTES.search(said) and _setting_in(said) == "event":
        setting = "event"
    if setting is None and (not said or is_unsure(said) or is_only_a_date(said)):
        return None
    return SettingReading(setting, topic if setting == "event" else None, _lowered(head) or None)


# First words that start a phrase, not a name: "Pints at…" reads "· pints at…" mid-line.
_PHRASE_START = frozenset(
    [
        "a",
        "an",
        "the",
        "at",
        "after",
        "before",
        "over",
        "in",
        "on",
        "by",
        "during",
        "near",
        "outside",
        "just",
        "quick",
        "probably",
        "maybe",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "one",
        "two",
        "three",
        "half",
        "some",
    ]
)


def _lowered(words: str) -> str:
    first = words.split(" ", 1)[0]
    plain = first.casefold()
    if plain in _PHRASE_START or (first[1:].islower() and _setting_in(first) is not None):
        return first.lower() + words[len(first) :]
    return words


def _setting_in(text: str) -> Setting | None:
    for setting, pattern in _SETTINGS:
        if any(not _negated(text, found.start()) for found in pattern.finditer(text)):
            return setting
    return None


def _negated(text: str, at: int) -> bool:
    """Whether one of the three words before `at` rules the setting out."""
    before = " ".join(text[:at].split()[-3:])
    return bool(_NEGATION.search(before))


def is_only_a_date(text: str) -> bool:
    """Words that say when and nothing else ("Friday at 7pm"), typed a step early."""
    tokens = trim(tokenize(text))
    run = next(date_runs(tokens), None)
    return run is not None and run[0] == 0 and run[1] == len(tokens)


def short_words(text: str, *, clauses: bool = True) -> str:
    """The head of a phrase, without the comments after it: "Pints at The Marble Arch pub -
    he's in town for a wedding" -> "Pints at The Marble Arch pub"; at most MAX_SHORT
    characters, cut between words. A title keeps its commas (`clauses=False`): "tired,
    scared and busy"."""
    head = _ASIDE.split(" ".join(text.split()), maxsplit=1)[0]
    if clauses:
        head = _CLAUSE.split(head, maxsplit=1)[0]
    head = _tidy(head)
    if len(head) <= MAX_SHORT:
        return head
    return _tidy(head[: MAX_SHORT + 1].rsplit(" ", 1)[0]) + "…"


def read_topic(text: str) -> str | None:
    """The talk's topic in a sentence about it: "after her talk on data contracts"."""
    found = _TOPIC.search(text)
    return short_topic(_TOPIC_END.sub("", found.group("topic"))) if found else None


def short_topic(text: str) -> str | None:
    """A talk's topic as a title that reads well inside a question: what was typed, without
    "it was about" and the explanation after it."""
    said = _TOPIC_LEAD.sub("", _HEDGE_LEAD.sub("", " ".join(text.split())))
    head = _REMARK.split(_ASIDE.split(said, maxsplit=1)[0], maxsplit=1)[0]
    if len(head) > MAX_TOPIC:
        # A title ends where a second thought begins: "how they moved to dbt and what broke".
        joint = _TOPIC_JOINT.search(head, 20)
        head = head[: joint.start()] if joint else head
    if len(head) > MAX_TOPIC:
        words = head[: MAX_TOPIC + 1].rsplit(" ", 1)[0].split()
        while words and words[-1].casefold() in _DANGLING:
            words.pop()
        head = " ".join(words)
    return _tidy(head) or None


MAX_TOPIC = 70
_TOPIC_JOINT = re.compile(r",?\s+(?:and|but|with|plus|then|because|so)\s+", re.IGNORECASE)
# Words a cut title must not end on: "…along the".
_DANGLING = frozenset(
    ["the", "a", "an", "to", "of", "and", "or", "with", "in", "on", "for", "at", "by", "from"]
)


def read_can_help(text: str) -> CanHelp | None:
    """Whether they can say yes: "she can introduce me", "neither", "yes, she decides".
    "Not sure" is None, as unknown as a skip."""
    if _UNSURE.search(text):
        return None
    for can_help, pattern in _CAN_HELP:
        if pattern.search(text):
            return can_help
    return None


def is_unsure(text: str) -> bool:
    return bool(_UNSURE.search(text))


def names_a_place(text: str) -> bool:
    """Where you meet, typed where who was asked ("pints at the Crown after work", a step
    ahead): a setting's words, not led by a name ("Anna Li, after her talk" is Anna)."""
    said = " ".join(text.split())
    first = said.split(" ", 1)[0] if said else ""
    led_by_name = first[:1].isupper() and first.casefold() not in _PHRASE_START
    return not led_by_name and _setting_in(said) is not None


def read_target(text: str) -> tuple[str, str | None] | None:
    """Who you hope to reach and why them: "Victor Hale, he runs the platform team" ->
    ("Victor Hale", "he runs the platform team"); None when the words name no one ("no one
    this time", "not sure yet", "nobody in particular")."""
    said = " ".join(text.split())
    if _NO_ONE.match(said):
        return None
    parts = _WHY.split(said, maxsplit=1)
    who = _tidy(parts[0]) or said
    # "Whoever leads the pilot at GMCA": a role, not a name; said back as "the person who".
    who = _WHOEVER.sub("the person who ", who, count=1)
    why = _tidy(parts[1]) if len(parts) > 1 else None
    named = named_after_role(who, why) if why else None
    if named and why:
        # "the CTO, Mariana, she decides": Mariana is who, and being the CTO is why them.
        rest = _tidy(why.strip()[len(named) :])
        return named, "; ".join(filter(None, (who, rest)))
    return who, why or None


def goal_instead(text: str) -> Goal | None:
    """The goal the words name instead of an ask, said along with "no one": "No one this time
    - I'm not after an intro, I want her advice" -> advice. Only clauses that say what you
    want count, and those that say no are passed over: "not after an intro" is no intro,
    "whoever knows the research side" no wish to learn."""
    clauses = [
        c
        for c in _CLAUSES.split(text)
        if _WANT.search(c) and not (_NO_ONE.match(c) or _NEGATION.search(c))
    ]
    reading = read_goal(" ".join(clauses)) if clauses else None
    return reading.goal if reading and reading.goal not in ("ask", "intro") else None


def field_from_aim(aim: str) -> str | None:
    """The field someone is moving into, when their aim says so: "how to move from teaching
    into UX research" -> "UX research"; None for aims about something else."""
    if not _CHANGE.search(aim):
        return None
    found = _FIELD.match(aim)
    if found is None:
        return None
    words = _FIELD_END.sub("", found.group("field")).split()
    field = _tidy(" ".join(words[:4]))
    return field if field and field.casefold() not in _NOT_FIELDS else None


_NOT_FIELDS = frozenset(["it", "this", "that", "them", "him", "her", "a", "the"])


# "my aunt introduced us", "my cousin's friend": who introduced you, said as the bot says it.
_KIN_INTRODUCER = re.compile(
    r"\b(?P<whose>my|our)\s+(?P<who>(?:old\s+|former\s+)?[a-z][\w-]*)(?:['’]s\s|\s+"
    r"(?:introduced|intro'?d|put us|put me|connected|set us up|referred))"
    r"|\b(?:friend|colleague|contact)\s+of\s+(?P<whose2>my|our)\s+(?P<who2>[a-z][\w-]*)",
    re.IGNORECASE,
)


_AT_PLACE_END = re.compile(r"\b(?:at|from|in|for|with|of|on|the)\s+$", re.IGNORECASE)
_THROUGH_KIN = re.compile(
    rf"\b(?:via|through)\s+(?P<whose>my|our)\s+(?:(?:old|former|ex)\s+)?(?P<who>{_RELATIONS})\b"
    r"(?!\s+(?:of\b|(?-i:[A-Z])))",
    re.IGNORECASE,
)


def _introducer(text: str) -> str | None:
    """The introducer's name in a sentence about the introduction; None without one."""
    kin = _KIN_INTRODUCER.search(text)
    if kin:
        whose, who = kin["whose"] or kin["whose2"], kin["who"] or kin["who2"]
        if not _NAME.match(who):
            return f"{'your' if whose.casefold() == 'my' else whose} {who}"
    through = _THROUGH_KIN.search(text)
    if through:
        whose = "your" if through["whose"].casefold() == "my" else through["whose"]
        return f"{whose} {through['who']}"
    # "Ben Whitaker introduced us": the one named right before the introducing comes first.
    names = [
        found.group("name")
        for found in _INTRODUCER_BEFORE.finditer(text)
        # A person's name, not a place's: "someone at Flutterwave introduced us".
        if not _AT_PLACE_END.search(text[: found.start()])
    ]
    for mark in _INTRODUCER_AFTER.finditer(text):
        found = _NAME_NEXT.match(text, mark.end())
        if found:
            names.append(found.group("name"))
    for name in names:
        words = [w for w in name.split() if w.casefold() not in _NOT_NAMES]
        if words and not any(w.casefold() in _NOT_PERSON for w in words):
            return " ".join(words)
    return None


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:!?\"'“”()")
