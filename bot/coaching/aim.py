"""What you hope to ask for and to find out, read from the aim typed in your own words.

"ask her for a reference for a product manager job at Feedzai, and maybe hear if she knows
anyone there" is a reference (for the product manager role at Feedzai) and, lighter, an
introduction to anyone at Feedzai; "her view on my CV, which job titles to look for and what
salary to expect" is three things to cover. What the aim wants found out is asked in the
user's voice, to the person met: "her tips on how to handle the product sense round" -> "How
should I handle the product sense round?", "how she got into UX" -> "How did you get into
UX?", "what the team is like" -> "What is the team like?"; "thank her for the reference" is
neither an ask nor a question. prompts/prep/ask.html says each kind of ask as a
script in the user's voice and each thing to cover as a question; the words that name each kind
of ask are content, in aim_words.yaml beside this module.

What cannot be read with confidence is left out, never guessed: a script with broken grammar
reads worse than the playbook's plain advice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Literal, TypeGuard

import yaml

from bot.coaching.person_line import named_after_role

AskKind = Literal["reference", "intro", "review", "roles", "advice", "favour"]
WordsKind = Literal["reference", "introduction", "anyone", "review", "roles", "advice", "favour"]
WORDS_KINDS: tuple[WordsKind, ...] = (
    "reference",
    "introduction",
    "anyone",
    "review",
    "roles",
    "advice",
    "favour",
)
Modal = Literal["could_you", "would_you", "could_i"]
"""How a favour opens: "Could you …?", "Would you …?", "Could I …?"."""

# Longest piece of typed words a script takes in: more is a paragraph, not a phrase.
MAX_PHRASE = 10
MAX_COVER = 3


@dataclass(frozen=True)
class Ask:
    kind: AskKind
    role: str | None = None
    """reference, roles: the job as typed, without its article ("product manager role")."""
    det: str = ""
    """The article the role takes in a sentence: "the", "a", "an", "my", or none (plural)."""
    company: str | None = None
    person: str | None = None
    """intro: who, as said to the person you meet ("Victor Hale", "your CTO")."""
    anyone: str | None = None
    """intro to whoever fits: what follows "anyone" ("at Feedzai", "who hires juniors")."""
    thing: str | None = None
    """review: what to look over, yours ("my CV")."""
    topic: str | None = None
    """advice: on what ("moving into management")."""
    favour: str | None = None
    """favour: what follows the modal ("send me the slides")."""
    modal: Modal = "could_you"

    @property
    def plural(self) -> bool:
        """Whether the thing to review is several ("my slides"): "send them", not "send it"."""
        # The noun before any "for the board", "on pricing": what is being looked at.
        head = re.split(r"\s+(?:for|on|about|from|of|to|at|in|with)\s+", self.thing or "")[0]
        return _is_plural((head.split() or [""])[-1])


@dataclass(frozen=True)
class Cover:
    """Something the aim wants found out, said as a question: the user's own words turned
    round ("which job titles to look for" -> "Which job titles should I look for?"), or a
    thing of theirs to look at ("my CV")."""

    question: str | None = None
    review: str | None = None
    topic: str | None = field(default=None, compare=False)
    """The advice topic it asks about: a scripted ask for that advice already says it."""


@dataclass(frozen=True)
class AimReading:
    ask: Ask | None = None
    also: Ask | None = None
    """A second, lighter ask, when the aim has two parts of different kinds."""
    cover: tuple[Cover, ...] = ()
    company: str | None = None
    """The company the aim itself names ("the final interview at Feedzai")."""
    hiring_elsewhere: bool = False
    """The aim says the role is not theirs to fill: "in his broader division (not his
    team)", "what the hiring manager is like"."""

    @property
    def from_them(self) -> bool:
        """The person you meet is the one who can say yes: a reference, a review, advice or a
        favour is theirs to give; an introduction is someone else's."""
        return self.ask is not None and self.ask.kind != "intro"


NOTHING = AimReading()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PRONOUN_SUBJECTS = frozenset({"she", "he", "they", "she's", "he's", "they're", "she'd", "he'd"})
_THEM = {"him": "you", "them": "you", "his": "your", "their": "your", "theirs": "yours"}
_THEMSELF = {"herself": "yourself", "himself": "yourself", "themselves": "yourself"}
# After "her", these words make it "you" (ask her about…); any other word makes it "your".
_AFTER_OBJECT = _words(
    "a an the my some any this that these those to for about on in at with from if "
    "whether and or but so how what which who when where why me"
)
_DETERMINERS = frozenset({"a", "an", "the", "my", "this", "that", "these", "those", "some"})
_JOB_NOUNS = _words(
    "role roles job jobs position positions post posts opening openings vacancy vacancies "
    "application applications internship internships placement placements"
)
_TO_ROLE = {"job": "role", "jobs": "roles"}
_FILLERS = frozenset({"please", "too", "maybe", "perhaps", "possibly", "again", "soon", "now"})
# Where an object ends: punctuation, or a word that starts another clause.
_BOUNDARY = re.compile(
    r"\s*(?:[,.;:!?()\[\]\"“”]|\s[-–—]\s|\b(?:and|but|because|since|so|as|which|though|or"
    r"|when|while|plus|then|before|after|until|if|cause|cos|without|rather)\b)",
    re.IGNORECASE,
)
# Like _BOUNDARY, but "who"/"that" belong to "anyone who hires juniors".
_CLAUSE = re.compile(
    r"[.;!?]+(?:\s+|$)|\s+[-–—]\s+|,\s+and\s+"
    r"|,?\s+(?:and|but|plus|then|also)\s+(?:(?:maybe|also|perhaps|possibly|ideally|then)\s+)*"
    r"(?:to\s+)?(?=(?:ask|hear|see|find|get|check|learn|talk|whether|if|know|maybe|thank|say)\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'&+#/.-]+$")


def read_aim(aim: str | None, company: str | None = None, *, giving: bool = False) -> AimReading:
    """What the aim asks for and wants covered; NOTHING when it says neither clearly.

    `company` is where the person you meet works: "anyone there" means it when the aim names
    no company of its own. `giving`: you meet to help them, so the advice, the feedback or
    the introduction the aim names is yours to give; it asks for nothing, and its questions
    draw out what they need ("career advice on breaking into consulting" -> "What are you
    weighing up about breaking into consulting?"), never ask them for the same thing."""
    if not aim or not aim.strip():
        return NOTHING
    text = _plain(aim)
    said = AimReading(
        cover=_cover(text, giving),
        company=_company_in(text),
        hiring_elsewhere=hiring_elsewhere(text),
    )
    if giving:
        return said
    where = _company_in(text) or company
    asks = [a for a in (_ask_in(c, where) for c in _CLAUSE.split(text) if c) if a is not None]
    ask = asks[0] if asks else None
    also = next((a for a in asks[1:] if ask is not None and a.kind != ask.kind), None)
    return replace(said, ask=ask, also=also)


def names_themself(text: str, name: str) -> bool:
    """Whether the answer to "who exactly can say yes?" is the person you meet: "Priya
    herself - the reference is from her", "her", "Priya"."""
    words = re.findall(r"[\w']+", _plain(text).casefold())
    if not words:
        return False
    if set(words) & {"herself", "himself", "themself", "themselves", "yourself"}:
        return True
    if words in (["her"], ["him"], ["them"], ["she"], ["he"], ["they"]):
        return True
    if words[0] in ("she", "he", "they") and len(words) > 1 and words[1] in ("can", "could"):
        return True
    first = name.casefold().split()[:1]
    return words[:1] == first and (len(words) == 1 or words[1] not in ("and", "or", "s"))


# -- asks -------------------------------------------------------------------------------------


def _ask_in(clause: str, company: str | None) -> Ask | None:
    """The ask one part of the aim makes, by the first kind of words in it that reads."""
    for kind, pattern in _patterns().items():
        for found in pattern.finditer(clause):
            if _thanked(clause[: found.start()]):
                continue
            ask = _READERS[kind](clause, found, company)
            if ask is not None:
                return ask
            break
    return None


def _thanked(before: str) -> bool:
    """Whether the words just before an ask thank them for it: "thank her for the reference"
    is said in thanks, not asked for again."""
    said = re.split(r"[,;:]", before)[-1]
    return _listed("thanks").search(said) is not None


def _reference(clause: str, found: re.Match[str], company: str | None) -> Ask:
    rest = _object(clause[found.end() :])
    target = re.search(r"\bfor\s+(.+)$", rest, re.IGNORECASE)
    if target is None:
        return Ask("reference")
    role, det, at = _role(target.group(1))
    return Ask("reference", role=role, det=det, company=at)


def _introduction(clause: str, found: re.Match[str], company: str | None) -> Ask | None:
    words = _object(clause[found.end() :]).split()
    if words and words[0].casefold() in ("someone", "anyone", "somebody", "people"):
        return _anyone_after(words[1:], company)
    person = _to_them(words)
    # "to the CTO, Mariana Ortega, who decides…": the name after the role is who.
    _, comma, after = clause[found.end() :].partition(",")
    named = named_after_role(" ".join(words), after) if comma else None
    if named:
        person = named.split()
    # "introduce me to her" is no one to be introduced to.
    if person is None or not 0 < len(person) <= 8 or person[0] in _FILLERS | {"you", "yourself"}:
        return None
    return Ask("intro", person=" ".join(person))


def _anyone(clause: str, found: re.Match[str], company: str | None) -> Ask | None:
    return _anyone_after(_object(clause[found.end() :]).split(), company)


def _anyone_after(words: list[str], company: str | None) -> Ask | None:
    """ "at Feedzai", "in data engineering", "who hires juniors", "there"."""
    # "anyone there", "anyone in the data team there": at the company the aim is about.
    if any(w.casefold() == "there" for w in words):
        if company is None:
            return None
        words = [*(w for w in words if w.casefold() != "there"), "at", *company.split()]
    first = words[0].casefold() if words else ""
    if first not in ("at", "in", "on", "from", "who", "that", "working", "with", "inside"):
        return None
    said = _to_them(words)
    if said is None or len(said) > MAX_PHRASE:
        return None
    return Ask("intro", anyone=" ".join(said))


def _review(clause: str, found: re.Match[str], company: str | None) -> Ask | None:
    # The pattern ends with "my": what follows is the thing.
    words = _object(clause[found.end() :]).split()
    if not 0 < len(words) <= 7 or _to_them(words) != words:
        return None
    return Ask("review", thing=" ".join(["my", *words]))


def _roles(clause: str, found: re.Match[str], company: str | None) -> Ask:
    wanted = re.search(
        r"\bfor\s+(?:a\s+|an\s+|the\s+|my\s+next\s+)?((?:[\w'-]+\s+){0,3}?"
        r"(?:role|roles|job|jobs|position|positions|opening|openings))\b",
        clause,
        re.IGNORECASE,
    )
    role, det, _ = _role(wanted.group(1)) if wanted else (None, "", None)
    if role is not None and det == "the":
        # Any such role, not one in particular: "a product role at Monzo".
        det = "" if _is_plural(role) else ("an" if role[0].casefold() in "aeiou" else "a")
    return Ask("roles", role=role, det=det, company=_company_in(clause))


def _advice(clause: str, found: re.Match[str], company: str | None) -> Ask | None:
    words = _object(clause[found.end() :]).split()
    topic = _to_them(words)
    if topic is None or not 0 < len(topic) <= MAX_PHRASE:
        return None
    return Ask("advice", topic=" ".join(topic))


_FAVOUR = re.compile(
    r"^\s+(?:"
    r"to\s+(?P<to>.+)"
    r"|(?:if|whether)\s+(?:she|he|they)(?:\s+(?P<m>could|can|would|will|might)|(?P<c>'d|'ll))"
    r"\s+(?:be\s+able\s+to\s+)?(?P<vp>.+)"
    r"|(?:if|whether)\s+(?:she|he|they)(?:\s+is|\s+are|'s|'re)\s+(?P<adj>willing|able|happy|open)"
    r"\s+to\s+(?P<adj_vp>.+)"
    r"|(?:if|whether)\s+i\s+(?:could|can|might|may)\s+(?P<mine>.+)"
    r")$",
    re.IGNORECASE,
)


def _favour(clause: str, found: re.Match[str], company: str | None) -> Ask | None:
    parts = _FAVOUR.match(clause[found.end() :])
    if parts is None:
        return None
    modal: Modal = "could_you"
    if parts["to"]:
        said = parts["to"]
    elif parts["vp"]:
        said = parts["vp"]
        if parts["c"] or (parts["m"] or "").casefold() in ("would", "will", "might"):
            modal = "would_you"
    elif parts["adj_vp"]:
        said, modal = f"be {parts['adj'].casefold()} to {parts['adj_vp']}", "would_you"
    else:
        said, modal = parts["mine"], "could_i"
    words = _object(said).split()
    done = _to_them(words)
    if done is None or not 0 < len(done) <= 12 or not done[0].isalpha():
        return None
    if done[0].casefold() in _DETERMINERS | _THEM.keys() | {"you", "i", "me", "her"}:
        return None
    return Ask("favour", favour=" ".join(done), modal=modal)


_READERS = {
    "reference": _reference,
    "introduction": _introduction,
    "anyone": _anyone,
    "review": _review,
    "roles": _roles,
    "advice": _advice,
    "favour": _favour,
}


def _role(said: str) -> tuple[str | None, str, str | None]:
    """ "a product manager job at Feedzai" -> ("product manager role", "the", "Feedzai")."""
    words = said.split()
    at = None
    for i, word in enumerate(words):
        if word.casefold() in ("at", "with") and 0 < len(words) - i - 1 <= 3:
            at, words = " ".join(words[i + 1 :]), words[:i]
            break
    # The user's own article stays ("the Globex application", "my master's application").
    said_det = words[0].casefold() if words and words[0].casefold() in _DETERMINERS else ""
    if said_det:
        words = words[1:]
    words = [_TO_ROLE.get(w.casefold(), w) for w in words]
    if not 0 < len(words) <= 6 or _to_them(words) != words or not all(map(_WORD.match, words)):
        return None, "", at
    if words[-1].casefold() not in _JOB_NOUNS:
        return None, "", at
    if at is not None or said_det in ("the", "this", "that"):
        det = "the"
    elif said_det == "my":
        det = "my"
    elif _is_plural(words[-1]):
        det = ""
    else:
        det = "an" if words[0][0].casefold() in "aeiou" else "a"
    return " ".join(words), det, at


def _company_in(text: str) -> str | None:
    """A capitalised name after "at": "a product manager job at Feedzai" -> "Feedzai"."""
    found = re.search(r"\bat\s+([A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2})", text)
    return found.group(1) if found else None


def _object(rest: str) -> str:
    """What a phrase is about: the words up to where the next clause starts."""
    cut = _BOUNDARY.search(rest)
    said = rest[: cut.start()] if cut else rest
    words = said.split()
    while words and words[-1].casefold() in _FILLERS:
        words.pop()
    return " ".join(words)


def _to_them(words: Sequence[str]) -> list[str] | None:
    """Words about the person you meet, said to them: "her team" -> "your team"; None when a
    "she" or "he" would need its verb changed too."""
    said: list[str] = []
    for i, word in enumerate(words):
        low = word.casefold()
        if low in _PRONOUN_SUBJECTS:
            return None
        if low == "her":
            following = words[i + 1].casefold() if i + 1 < len(words) else ""
            said.append("you" if not following or following in _AFTER_OBJECT else "your")
        elif low in _THEM:
            said.append(_THEM[low])
        elif low in _THEMSELF:
            said.append(_THEMSELF[low])
        else:
            said.append(word)
    return said


def _is_plural(word: str) -> bool:
    low = word.casefold()
    return low.endswith("s") and not low.endswith(("ss", "is", "us", "'s"))


# -- what to cover ----------------------------------------------------------------------------

_LEAD = re.compile(
    r"^(?:(?:and|but|so|also|maybe|mostly|then|plus|generally|just|ideally|honestly|really"
    r"|i\s+(?:also\s+|really\s+|just\s+)?(?:want|need|hope)\s+to|i want to"
    r"|i'd like to|i would like to|i'd love to|i hope to|hoping to|want to|to|get|learn|find out"
    r"|i'm|i am|curious(?:\s+about)?|wondering|keen to|would love to|love to|especially|mainly"
    r"|(?:a\s+)?(?:sense|feel|picture|idea)\s+(?:of|for)"
    r"|help|decide|choose|figure\s+out|work\s+out|think\s+through"
    r"|hear|understand|know|see|ask(?:\s+(?:her|him|them))?(?:\s+about)?|her|his|their"
    r"|honest|some|a|an|the)\s+)+",
    re.IGNORECASE,
)
_TURNED = re.compile(
    r"^(?P<wh>what|which|how|where|when|who|whether)\b(?P<np>(?:\s+[\w'-]+){0,3}?)"
    r"\s+(?:(?P<to>to)|i\s+(?P<modal>should|could|can|would|might|need\s+to|must))\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# Words that make what comes before "to" a clause, not a noun ("what it takes to…").
_NOT_NOUN = _words(
    "i it she he they we you people someone one need needs want wants have has take takes "
    "try tries is are was were do does did used going got get seem seems ought able "
    "likely hard easy best worth enough much many long not"
)
_REVIEW_PART = re.compile(
    r"\b(?:feedback|view|views|opinion|thoughts|comments|eyes|take|look|read|review)\s+"
    r"(?:on|at|over|of|through)?\s*my\s+([\w'-]+(?:\s+[\w'-]+){0,2})$",
    re.IGNORECASE,
)


def _cover(text: str, giving: bool = False) -> tuple[Cover, ...]:
    """Questions for the parts of the aim that are something to find out."""
    # "Am I a fit?" says what you want to know; said to them, it asks what they have seen.
    fit_for = " for the role" if set(text.casefold().split()) & _JOB_NOUNS else ""
    found: list[Cover] = []
    for part in _parts(text):
        item = None if _describes_someone(part, text) else _cover_in(part)
        if item is not None:
            item = _to_this_person(item, fit_for)
        if item is not None and giving:
            item = _giving(item)
        if item is not None and item not in found:
            found.append(item)
    return tuple(found[:MAX_COVER])


def _describes_someone(part: str, text: str) -> bool:
    """ "…the CTO, Mariana Ortega, who decides on the data hires" says who she is, and asks
    nothing; "…, and who decides on hiring" asks."""
    if not re.match(r"(?:who|whose)\s", part):
        return False
    return re.search(rf"\s(?-i:[A-Z])[\w'’-]+,\s*{re.escape(part)}", text) is not None


_AM_I = re.compile(r"^(?:Am I|Would I be) (?P<state>.+)\?$")
_LIKE = re.compile(r"^What (?:is|was) (?P<who>(?:the|my|their|his|her) .+) like\?$")
_FOR_ME = re.compile(r"\b(?:should|could|can|do|would|might|must|need) I\b|^What should I\b")
_SHOULD_I = re.compile(r"^Should I (?P<rest>.+)\?$")


def _to_this_person(cover: Cover, fit_for: str) -> Cover | None:
    """A want said as a good question to the person you meet: "Am I a fit?" asks what they
    know of you; "What is the hiring manager like?" asks first whether they know them.
    "Am I too old for this?" is not something they can answer: left out."""
    question = cover.question
    if question is None:
        return cover
    am_i = _AM_I.match(question)
    if am_i is not None:
        state = am_i["state"]
        if _listed("fit").search(state) is None:
            return None
        target = re.search(r"\bfor (.+)$", state)
        said_for = f" for {target[1]}" if target else fit_for
        return replace(
            cover,
            question=f"From what you know of me, where would I be strong{said_for}, "
            "and where would I fall short?",
        )
    like = _LIKE.match(question)
    if like is not None and _listed("people").search(like["who"].split()[-1]) is not None:
        who = like["who"]
        return replace(
            cover, question=f"How well do you know {who}, and what are they like to work with?"
        )
    return cover


def _giving(cover: Cover) -> Cover | None:
    """What you came to give, asked so that it draws out what they need: advice on a topic
    asks what they are weighing up; a decision, which way they lean; what you would want
    to know for yourself ("How should I…?") is theirs to ask, not yours."""
    if cover.review is not None:
        return None
    if cover.topic is not None:
        topic = cover.topic
        if topic.split()[0].casefold() == "your":
            return Cover(question=f"What would you most like me to look at in {topic}?")
        if topic.split()[0].casefold() in _WH:
            return None
        return Cover(question=f"What are you weighing up about {topic}?")
    question = cover.question or ""
    should = _SHOULD_I.match(question)
    if should is not None:
        return Cover(question=f"Which way are you leaning on whether to {should['rest']}?")
    return None if _FOR_ME.search(question) else cover


def _cover_in(part: str) -> Cover | None:
    said = _LEAD.sub("", part).strip()
    review = _review_part(said)
    if review is not None:
        return review
    # A part that is an ask is scripted as one; advice is also something to cover, for
    # meetings that ask nothing: "her tips on how to handle the product sense round".
    asked = _ask_in(part, None)
    if asked is not None:
        return _advice_cover(part, asked.topic) if asked.kind == "advice" else None
    question = _question(said) or _about(part)
    return Cover(question=question) if question else None


def _advice_cover(part: str, topic: str | None) -> Cover | None:
    """ "tips on how to handle the round" -> "How should I handle the round?"; "her take on
    the Berlin offer" -> "What's your take on the Berlin offer?"."""
    if not topic:
        return None
    question = _question(topic)
    if question is None:
        said = _patterns()["advice"].search(part)
        words = said.group(0).casefold().split() if said else []
        if not words or topic.split()[0].casefold() in _NOT_NOUN | _WH:
            return None
        noun, on = words[0], words[-1]
        if noun in ("advice", "guidance"):
            noun = "advice"
        opening = "What are" if noun.endswith("s") else "What's"
        question = f"{opening} your {noun} {on} {topic}?"
    return Cover(question=question, topic=topic)


_WH = frozenset({"what", "which", "how", "where", "when", "who", "why", "whether", "if"})
_BE = {
    "is": "is",
    "are": "are",
    "was": "was",
    "were": "were",
    "am": "am",
}
_CONTRACTED = {"'s": "is", "'re": "are", "'m": "am", "'d": "would", "'ll": "will"}
# After "'s" or "'d", these make it "has" or "had" ("she's grown the team"), as any "-ed" does.
_PARTICIPLES = _words(
    "been got gotten grown known shown done gone made built left had taken led brought "
    "thought found become begun seen run won lost spent kept held set put"
)
_MODALS = frozenset({"can", "could", "should", "would", "will", "might", "must"})
# The person you meet as a subject is "you"; "I" stays.
_SUBJECT = {
    "she": "you",
    "he": "you",
    "they": "you",
    "i": "I",
    "it": "it",
    "we": "we",
    "there": "there",
}


def _question(said: str) -> str | None:
    """A wh- or whether-clause asked as a question, or None when it cannot be turned."""
    # "what matters most to her" has its verb before any "to": it is not "what … to do".
    inverted = _inverted(said)
    turned = _turned(said) if inverted is None else None
    return inverted or (turned.question if turned is not None else None)


def _inverted(said: str) -> str | None:
    """ "how the new job is going" -> "How is the new job going?"; "how she got into product"
    -> "How did you get into product?"; "what matters most to her" -> "What matters most to
    you?"."""
    words = _with_verb_apart(said.replace("?", "").split()) or []
    if len(words) < 2 or words[0].casefold() not in _WH:
        return None
    wh = words[0].casefold()
    if wh == "how" and words[1].casefold() in ("long", "much", "many", "often", "far"):
        # "how long it takes" asks "How long does it take?".
        wh, words = f"how {words[1].casefold()}", [words[0], *words[2:]]
    for at in range(1, min(len(words), 10)):
        low = words[at].casefold()
        if low in _BE or low in _MODALS or low in _verbs():
            break
    else:
        return None
    subject, verb, rest = words[1:at], words[at].casefold(), words[at + 1 :]
    after = rest[0].casefold() if rest else ""
    if verb in ("has", "had") and (after.endswith("ed") or after in _PARTICIPLES or after == "or"):
        # "whether she has been…", "has or will have": a tense or a choice, not turned.
        return None
    said_rest = _to_them(rest)
    if said_rest is None or len(said_rest) > 14 or not all(map(_WORD.match, words)):
        return None
    if not subject:
        # The wh-word is the subject: "what matters most to her", "who makes the call".
        if wh not in ("what", "who", "which") or verb in _MODALS or not said_rest:
            return None
        return " ".join([wh.capitalize(), words[at], *said_rest]) + "?"
    named = _subject(subject)
    if named is None:
        return None
    if (
        wh in ("whether", "if")
        and named[0].casefold() in ("it", "this", "that")
        and (len(said_rest) <= 2)
    ):
        # "and if it feels right, ask him…": a condition, and "Does it feel right?" asks
        # about nothing the person you meet could name ("Is it too late to move into
        # nursing?" says what it is).
        return None
    main: list[str] = []
    if verb in _BE:
        aux = _BE[verb]
        if named == ["you"]:
            aux = {"is": "are", "was": "were", "am": "are"}.get(aux, aux)
        elif named == ["I"]:
            aux = {"is": "am", "are": "am", "was": "was"}.get(aux, aux)
    elif verb in _MODALS:
        aux = verb
    else:
        base, past = _verbs()[verb]
        aux, main = ("did" if past else "does" if named[-1] not in ("you", "I") else "do"), [base]
    opening = [] if wh in ("whether", "if") else [wh.capitalize()]
    asked = [*opening, aux, *named, *main, *said_rest]
    asked[0] = asked[0][0].upper() + asked[0][1:]
    if len(asked) < 3:
        return None
    return " ".join(asked) + "?"


def _with_verb_apart(words: list[str]) -> list[str] | None:
    """The first "it's", "she'd", "I'm" said as its subject and its verb ("it is"), so that
    "what it's like" reads as "what it is like"; those after the verb stay as typed. None
    when "'s" or "'d" is "has" or "had" ("she's been", "he'd moved"): not read."""
    for i, word in enumerate(words):
        low = word.casefold()
        head, _, tail = low.rpartition("'")
        verb = _CONTRACTED.get(f"'{tail}")
        if head in _SUBJECT and verb is not None:
            after = words[i + 1].casefold() if i + 1 < len(words) else ""
            if tail in ("s", "d") and (after.endswith("ed") or after in _PARTICIPLES):
                return None
            return [*words[:i], word[: len(head)], verb, *words[i + 1 :]]
        if low in _BE or low in _MODALS or low in _verbs():
            break
    return words


def _subject(words: list[str]) -> list[str] | None:
    """Who or what the clause is about, said to the person you meet; None when it is not
    plainly a noun ("what I need", "how people move")."""
    if len(words) == 1 and words[0].casefold() in _SUBJECT:
        return [_SUBJECT[words[0].casefold()]]
    low = [w.casefold() for w in words]
    if len(words) > 8 or set(low) & (_NOT_NOUN | _WH) or low[-1] in _DETERMINERS | {"her"}:
        return None
    return _to_them(words)


_ABOUT = re.compile(
    r"\b(?:learn|hear|find\s+out|know|understand)\s+(?:(?:a\s+(?:bit|little)\s+)?more\s+)?"
    r"about\s+(?P<topic>.+)$",
    re.IGNORECASE,
)


def _about(part: str) -> str | None:
    """ "learn about the fintech market" -> "What should I know about the fintech market?";
    "learn more about her team" -> "Could you tell me about your team?"."""
    found = _ABOUT.search(part)
    if found is None:
        return None
    topic = found["topic"]
    if topic.split()[0].casefold() in _WH:
        return _question(topic)
    words = _object(topic).split()
    while words and words[-1].casefold() in ("better", "first", "properly", "more"):
        words.pop()
    said = _to_them(words)
    if said is None or not 0 < len(said) <= 8 or not all(map(_WORD.match, said)):
        return None
    if said[0].casefold() in _NOT_NOUN | _FILLERS | {"you", "me", "them", "him"}:
        return None
    if said[0] == "your":
        return f"Could you tell me about {' '.join(said)}?"
    return f"What should I know about {' '.join(said)}?"


def _parts(text: str) -> list[str]:
    """The aim cut at sentence ends, commas and "and what/which/how…", never inside brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char in ",.;!?":
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    pieces = re.compile(
        r"\s+and\s+(?=(?:what|which|how|where|when|who|whether|if|maybe|also|get|ask|to|hear"
        r"|learn|understand|find|see|know|thank)\b)",
        re.IGNORECASE,
    )
    return [p.strip() for part in parts for p in pieces.split(part) if p.strip()]


def _review_part(said: str) -> Cover | None:
    found = _REVIEW_PART.search(said)
    if found is None:
        return None
    return Cover(review=f"my {found.group(1)}")


def _turned(said: str) -> Cover | None:
    """ "which job titles to look for" -> "Which job titles should I look for?"."""
    found = _TURNED.match(said)
    if found is None:
        return None
    np = found["np"].split()
    if any(w.casefold() in _NOT_NOUN for w in np):
        return None
    rest = _to_them(found["rest"].replace("?", "").split())
    if rest is None or not 0 < len(rest) <= 14:
        return None
    if found["to"]:
        verb = "should I"
    else:
        modal = " ".join(found["modal"].casefold().split())
        verb = "do I need to" if modal == "need to" else f"{modal} I"
    wh = found["wh"].casefold()
    if wh == "whether":
        if np:
            return None
        return Cover(question=f"{verb[0].upper()}{verb[1:]} {' '.join(rest)}?")
    return Cover(question=" ".join([wh.capitalize(), *np, verb, *rest]) + "?")


# -- the words --------------------------------------------------------------------------------


def _plain(text: str) -> str:
    said = " ".join(text.replace("’", "'").replace("‘", "'").split())
    # "Dr. Amara Obi" is one name, not the end of a sentence.
    return re.sub(r"\b(Dr|Mr|Mrs|Ms|Mx|Prof|St)\.", r"\1", said)


_NOT_ASKS = ("thanks", "their_hiring", "hiring_elsewhere", "verbs", "fit", "people")


@lru_cache(maxsize=4096)
def hiring_elsewhere(text: str, name: str | None = None) -> bool:
    """Whether words about a role say someone other than the person you meet fills it: "in
    his broader division (not his team)", "the role reports to Dana Cole", "Dana Cole, the
    hiring manager"; not "she is the hiring manager" nor "Dana is the hiring manager" when
    you meet Dana."""
    said = _plain(text)
    if _listed("hiring_elsewhere").search(said) is None:
        return False
    who = ["she", "he", "they", *(name.split()[:1] if name else [])]
    theirs = re.compile(
        rf"\b(?:{'|'.join(map(re.escape, who))})(?:'s|'re|\s+is|\s+are)\s+(?:the\s+)?"
        r"(?:one\s+)?hiring",
        re.IGNORECASE,
    )
    return theirs.search(said) is None


def about_their_hiring(question: str) -> bool:
    """Whether a question is about joining their team: "What are you looking for in the
    people you hire now?"."""
    return _listed("their_hiring").search(question) is not None


@cache
def _words_file() -> dict[str, object]:
    source = resources.files("bot.coaching").joinpath("aim_words.yaml").read_text("utf-8")
    data = yaml.safe_load(source)
    if not isinstance(data, dict):
        raise ValueError("aim words: expected a mapping")
    return data


@cache
def _patterns() -> dict[WordsKind, re.Pattern[str]]:
    table = {k: v for k, v in _words_file().items() if k not in _NOT_ASKS}
    return compile_table(parse_table(table))


@cache
def _listed(key: str) -> re.Pattern[str]:
    words = _words_file()[key]
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ValueError(f"aim words: {key} must list words")
    return _any_of(words)


@cache
def _verbs() -> dict[str, tuple[str, bool]]:
    """Each listed form of a verb -> (its plain form, whether it is the past)."""
    table = _words_file()["verbs"]
    if not isinstance(table, dict):
        raise ValueError("aim words: verbs must map a verb to its forms")
    forms: dict[str, tuple[str, bool]] = {}
    for base, (third, past) in table.items():
        forms[str(third)] = (str(base), False)
        forms[str(past)] = (str(base), True)
    return forms


def is_words_kind(value: object) -> TypeGuard[WordsKind]:
    return value in WORDS_KINDS


def parse_table(data: object) -> dict[WordsKind, tuple[str, ...]]:
    """The YAML's kind -> phrases, in the YAML's order; refuses unknown kinds."""
    if not isinstance(data, dict):
        raise ValueError("aim words: expected a mapping of kind of ask to phrases")
    table: dict[WordsKind, tuple[str, ...]] = {}
    for kind, entries in data.items():
        if not is_words_kind(kind):
            raise ValueError(f"aim words: unknown kind of ask {kind!r}")
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise ValueError(f"aim words: {kind} must list phrases")
        table[kind] = tuple(" ".join(e.casefold().split()) for e in entries if e.split())
    return table


def compile_table(table: Mapping[WordsKind, Sequence[str]]) -> dict[WordsKind, re.Pattern[str]]:
    return {kind: _any_of(entries) for kind, entries in table.items() if entries}


def _any_of(entries: Sequence[str]) -> re.Pattern[str]:
    def phrase(entry: str) -> str:
        words = [
            rf"{re.escape(w[:-1])}\w*" if w.endswith("*") else re.escape(w) for w in entry.split()
        ]
        return r"\s+".join(words)

    # Longest first, so "introduce me to someone" wins over "introduce me to".
    return re.compile(
        r"\b(?:" + "|".join(phrase(e) for e in sorted(entries, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
