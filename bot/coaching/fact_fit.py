"""Whether a stored fact reads right inside a playbook's sentence.

What was typed about someone is kept as typed, but only some of it can stand in a question:
"What's keeping you busy at {company} these days?" needs a company's name, not "Sonae about 4
years ago" nor "a small startup"; a talk's topic must be a title, not "not sure, I think it's
something about heat networks". A fact that does not read as its kind is left out, and the
playbooks fall back to lines that do not name it: a plainer question beats a garbled one.
"""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words of a sentence about someone, never of a name, a title or a field: "she was my first
# manager", "about 4 years ago", "I think it's".
_SENTENCE_WORDS = _set(
    """
    i i'm i've i'd me my mine we we're we've our us you your
    she she's he he's they they're her hers his him their them it it's
    is was were are be been being am has have had do does did don't didn't isn't wasn't
    will would could should can may might
    ago years year months month weeks week days yesterday today last since until when while
    who whom which that because but so if though although
    think probably maybe perhaps not sure yet no
    """
)
# What a description starts with, unlike a name: "a small startup", "my old firm".
_DESCRIPTION_START = _set(
    "a an some any my our your his her their another one this that these those"
)
# Words that say someone does not (or no longer does) work where the card says: their
# "company" is where they study or where they used to be, not an employer with a team.
_NOT_EMPLOYED = re.compile(
    r"\bex-|\b(?:students?|pupils?|undergrad\w*|postgrad\w*|phd (?:student|candidate)|studying|"
    r"retired|former(?:ly)?|used to|previously|left|between (?:jobs|roles)|"
    r"unemployed|out of work|job[- ]?(?:hunting|seeking|seeker)|looking for (?:work|a job|a role)|"
    r"on (?:leave|sabbatical|a career break)|career break)\b",
    re.IGNORECASE,
)
# Words a field cannot start with: what follows "to" is often a verb ("want to meet people").
_NOT_FIELD_START = _set(
    """
    a an my your his her their our some something somewhere someone another this that it
    new different other more
    be do get go make meet learn find see talk ask become start try help build figure apply
    change switch move know hear understand work look take give keep join leave
    """
)
# Hedges that mean the topic is a guess, not a title: "not sure yet", "I think", "no idea".
_HEDGE = re.compile(
    r"\b(?:not sure|unsure|i think|i guess|no idea|don'?t know|dunno|maybe|probably|"
    r"something (?:about|on|like)|tbc|tbd)\b|\?",
    re.IGNORECASE,
)

MAX_NAME_WORDS = 6
MAX_ROLE_WORDS = 6
MAX_FIELD_WORDS = 4
MAX_TOPIC_WORDS = 12


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text.casefold().replace("’", "'"))


def has_sentence_words(text: str) -> bool:
    return any(word in _SENTENCE_WORDS for word in _words(text))


def _capitalised(word: str) -> bool:
    return any(char.isupper() for char in word)


def reads_as_company(company: str) -> bool:
    """A company's name, short and without a sentence in it: "the University of Sheffield",
    "Marks and Spencer", "ocado"; not "Sonae about 4 years ago", "a small startup" or "runs
    Ashdown Analytics" (a verb before the name)."""
    words = company.split()
    if not words or len(words) > MAX_NAME_WORDS or has_sentence_words(company):
        return False
    first = words[0].casefold()
    if first in _DESCRIPTION_START:
        return False
    # "runs Ashdown Analytics": a lower-case word leading capitalised ones is no part of it.
    return not (
        not _capitalised(words[0]) and first != "the" and any(_capitalised(w) for w in words[1:])
    )


def reads_as_role(role: str) -> bool:
    """A job title: "Senior data analyst", "Head of Product"; not "My first manager at Sonae
    about 4 years ago" or "Student, final year physics"."""
    words = role.split()
    return (
        0 < len(words) <= MAX_ROLE_WORDS
        and "," not in role
        and not has_sentence_words(role)
        and words[0].casefold() not in _DESCRIPTION_START
    )


def works_at_company(role: str | None) -> bool:
    """Whether the company on the card is where they work now: a student's university, a
    retired person's old firm, or the last job of someone between jobs is not."""
    return role is None or not _NOT_EMPLOYED.search(role)


def reads_as_field(field: str) -> bool:
    """A line of work: "UX research", "data", "the charity sector"; not "meet people" (what
    followed "to"), "a new role" or a place ("London", "New York")."""
    words = field.split()
    if not words or len(words) > MAX_FIELD_WORDS or has_sentence_words(field):
        return False
    if words[0].casefold() in _NOT_FIELD_START:
        return False
    # Every word capitalised and none an acronym: a place or a name ("moving to Berlin").
    return not all(w[:1].isupper() and not w.isupper() for w in words)


def reads_as_topic(topic: str) -> bool:
    """A talk's title: "data contracts", "Research with people who are busy"; not a guess
    ("not sure yet, I think it's something about heat networks") or a paragraph."""
    words = topic.split()
    return 0 < len(words) <= MAX_TOPIC_WORDS and not _HEDGE.search(topic)


_TALK = r"(?:talk|keynote|session|presentation|workshop|lecture)"
_STAGE = r"(?:panel|session|talk|keynote|discussion|fireside chat)"
# Everyone seen on stage counts: the one who gives the talk, a panellist, the chair.
_GIVING = (
    r"(?:speaking|presenting|speaks|presents|spoke|presented|talking (?:at|on)\b|"
    r"gave (?:a |the |it\b)|giving (?:a |the |it\b)|"
    r"(?:on|sat on|sitting on|sits on) (?:the|a) panel|"
    r"(?:a |one of the |the )(?:keynote |guest |invited |main )?(?:speakers?|panell?ists?|"
    r"presenters?|moderators?|chair)\b|"
    rf"(?:moderating|chairing|hosting|running) (?:it\b|the |a )(?:\w+ )?{_STAGE}?)"
)
_BE = r"(?:'s|’s|'re|’re|\s+is|\s+are|\s+was|\s+were|\s+will be)?"
_NOT_THEIRS = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|aren'?t|weren'?t|won'?t|never)\b[^.;]{0,20}"
    r"\b(?:speak|speaking|speakers?|present|presenting|giving|gave|talk|spoke|panel|"
    r"panell?ists?|moderating|chairing)\b",
    re.IGNORECASE,
)


def gave_the_talk(words: str | None, first_name: str) -> bool:
    """Whether the user said the person they meet gave the talk ("after her talk on data
    contracts", "Sam's keynote", "she's speaking", "Sam is giving it"). Otherwise the talk
    is ground you share, not theirs to be thanked for."""
    if not words or _NOT_THEIRS.search(words):
        return False
    name = f"|{re.escape(first_name)}" if first_name else ""
    theirs = re.compile(rf"\b(?:her|his|their{name}['’]s)\s+(?:own\s+)?{_TALK}\b", re.I)
    giving = re.compile(rf"\b(?:s?he|they{name}){_BE}\s+{_GIVING}", re.I)
    return bool(theirs.search(words) or giving.search(words))


_HOME = r"(?:house|home|place|flat|apartment|cottage|garden|kitchen)"
# "at his", "at Sam's" end there, or go on with when or with whom ("at his on Saturday"); a
# noun after them is a place of theirs that is no home ("at his office", "at Nando's").
_ENDS = (
    r"\b(?!\s+(?!(?:on|this|next|tonight|tomorrow|for|after|before|at|in|with|around|about)\b)\w)"
)
_THEIR_HOME = re.compile(
    rf"\b(?:at|to|in|round|around|over)\s+(?:(?:her|his|their)|[\w-]+['’]s)"
    rf"(?:\s+(?:new|own|parents'?|family))?\s+{_HOME}\b"
    r"|\b(?:at|round|around|over)\s+(?:hers|theirs)\b"
    # "at his" ends there: "at his office" is no home.
    rf"|\b(?:at|round|around|over)\s+his{_ENDS}"
    r"|\bhouse-?warming\b"
    r"|\b(?:invited|invites|inviting|having|has|had|asked)\s+me\s+(?:over|round)\b"
    r"|\b(?:she|he|they)(?:'s|’s|'re|’re|\s+is|\s+are)\s+(?:hosting|having me|cooking)\b",
    re.IGNORECASE,
)


def at_their_home(words: str | None, first_name: str = "") -> bool:
    """Whether the user said you meet at their home ("dinner at her new house", "at Sam's
    place", "a housewarming", "round theirs", "dinner at Pri's" when Pri is the one you
    meet): they are the host, so you bring something and thank them, and there is no bill
    to split. Not "at my place", "near his office", nor "at Nando's"."""
    if not words:
        return False
    if _THEIR_HOME.search(words):
        return True
    if not first_name:
        return False
    # Their name and a partner's: "at Pri and Tom's".
    name = rf"{re.escape(first_name)}(?:\s+(?:and|&)\s+\w+)?['’]s"
    return bool(re.search(rf"\b(?:at|round|around|over)\s+{name}{_ENDS}", words, re.I))


# "He's retired now", "retired senior pharmacist", "she retired last year"; not "not retired
# yet", "before she retired" (a story of then), "retired the old system".
_RETIRED = re.compile(
    r"(?<!\bnot\s)(?<!\byet\s)(?<!\bbefore\s)\bretired\b(?!\s+(?:the|our|their|its|his|her)\b)"
    r"|\b(?:in|her|his|their)\s+retirement\b",
    re.IGNORECASE,
)
# A question about someone's working life: "at work", "your team", "{company}", "working on".
_ABOUT_WORK = re.compile(
    r"\{company\}|\b(?:work|working|job|team|teams|colleagues?|company|hire|hiring|clients?|"
    r"role|office|boss|manager|career|industry)\b",
    re.IGNORECASE,
)


def has_retired(*said: str | None) -> bool:
    """Whether what was typed about someone says they have retired: their working life is
    then no subject for questions ("what's on your plate at work?")."""
    return any(_RETIRED.search(text) for text in said if text)


def about_work(question: str) -> bool:
    """Whether a question asks about someone's working life (their job, team, company)."""
    return _ABOUT_WORK.search(question) is not None
