"""The meeting a brief prepares for: who, how you know them, where, what for, what is known.

A `Situation` is everything the coaching needs and nothing it can't use; the prep flow fills
in what it asked, and whatever it did not ask stays None and is read as "unknown": playbooks
written for a particular relationship or setting then simply do not apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Literal, Protocol, TypeGuard

from bot.coaching.fact_fit import (
    at_their_home,
    gave_the_talk,
    has_retired,
    reads_as_company,
    reads_as_field,
    reads_as_role,
    reads_as_topic,
    works_at_company,
)
from bot.coaching.memory import Remembered
from bot.coaching.note_kinds import is_agreed
from bot.coaching.stages import Goal, Stage

Relationship = Literal[
    "never_met",
    "met_once",
    "worked_together",
    "former_manager",
    "former_colleague",
    "friend",
    "introduced",
]
RELATIONSHIPS: tuple[Relationship, ...] = (
    "never_met",
    "met_once",
    "worked_together",
    "former_manager",
    "former_colleague",
    "friend",
    "introduced",
)

Setting = Literal["coffee", "video", "meal", "drinks", "walk", "event", "interview"]
SETTINGS: tuple[Setting, ...] = ("coffee", "video", "meal", "drinks", "walk", "event", "interview")
"""video: any call, phone too · drinks: the pub or a bar · walk: side by side, no table ·
event: a few minutes at a conference or meetup, often right after a talk · interview: a job
interview, you being the candidate. Typed words name the nearest kind; the words themselves
are kept for the brief (`Situation.setting_words`)."""

LastTalked = Literal["recent", "months", "years", "never"]
LAST_TALKED: tuple[LastTalked, ...] = ("recent", "months", "years", "never")
"""recent: within about three months · months: within the year · years: a year or more."""

CanHelp = Literal["yes", "introduce", "no"]
CAN_HELP: tuple[CanHelp, ...] = ("yes", "introduce", "no")
"""Can the person you meet grant the ask themselves (yes), put you in touch with who can
(introduce), or neither (no)?"""

AIM_IN_A_SENTENCE = 80
"""The longest aim that still reads well quoted inside a line of advice."""

StageReason = Literal["not_met", "introduced", "met_once", "met", "close", "lapsed", "close_lapsed"]
"""met: you have met and debriefed at least once, and are getting to know each other ·
close_lapsed: a long silence with someone who knows your work or your life: dormant, but
the trust is still there (an ask is not early)."""

# People who know your work or your life: asking is fine unless you have gone quiet for long.
_CLOSE: frozenset[Relationship] = frozenset(
    {"worked_together", "former_manager", "former_colleague", "friend"}
)


def is_close(relationship: Relationship | None) -> bool:
    """Someone who knows your work or your life: a former manager, a colleague, a friend."""
    return relationship in _CLOSE


def is_relationship(value: object) -> TypeGuard[Relationship]:
    return value in RELATIONSHIPS


def is_setting(value: object) -> TypeGuard[Setting]:
    return value in SETTINGS


def is_last_talked(value: object) -> TypeGuard[LastTalked]:
    return value in LAST_TALKED


def is_can_help(value: object) -> TypeGuard[CanHelp]:
    return value in CAN_HELP


@dataclass(frozen=True)
class StageReading:
    stage: Stage
    reason: StageReason
    """Why, as an id: prompts/labels.yaml words it ("you worked together and kept in touch")."""


def stage_for(
    relationship: Relationship, last_talked: LastTalked | None, met: bool = False
) -> StageReading:
    """The stage a relationship is at, from how you know them and when you last talked.

    Seed until you have really met; trusted for people who know you well; dormant after a
    year or more of silence, however close you once were. Feed is earned by meeting and
    following up, so only the history of meetings (`met`: a meeting was debriefed) moves a
    contact there.
    """
    if met and relationship not in _CLOSE and last_talked != "years":
        return StageReading("feed", "met")
    if relationship == "never_met":
        return StageReading("seed", "not_met")
    if last_talked == "years":
        return StageReading("dormant", "close_lapsed" if relationship in _CLOSE else "lapsed")
    if relationship == "introduced":
        talked = last_talked in ("recent", "months")
        return StageReading("seed", "met_once" if talked else "introduced")
    if relationship == "met_once":
        return StageReading("seed", "met_once")
    assert relationship in _CLOSE
    return StageReading("trusted", "close")


def fitting_goal(goal: Goal, relationship: Relationship | None) -> Goal:
    """The goal, unless the relationship rules it out: there is no reconnecting with someone
    you have never met, so a first meeting that "makes a connection" is one to learn from."""
    if goal == "reconnect" and relationship == "never_met":
        return "learn"
    return goal


def after_meeting(
    relationship: Relationship | None, last_talked: LastTalked | None
) -> tuple[Relationship | None, LastTalked | None]:
    """How you know someone once you have met them: a stranger becomes someone met once, and
    whatever silence there was is over. Unknown stays unknown: meeting says nothing about
    whether they are a friend or a former colleague."""
    if relationship is None:
        return None, last_talked
    return ("met_once" if relationship == "never_met" else relationship), "recent"


@dataclass(frozen=True)
class AskTarget:
    """What you hope to ask for, aimed at one person: "an introduction to Victor Hale"."""

    who: str
    """The person who can say yes: the one you hope to be introduced to, or to ask."""
    why: str | None = None
    """Why them, in a few words ("he runs the platform team")."""
    can_help: CanHelp | None = None
    """Whether the person you meet can say yes or introduce you; None when not asked."""


class Noted(Remembered, Protocol):
    """A note with whether it was kept, for promises (bot.storage.notes.Note fits)."""

    @property
    def done_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class LastBrief:
    """The questions the previous brief for this person suggested (playbook.question keys)."""

    asked: frozenset[str]
    unanswered: frozenset[str] = frozenset()
    """Of those, the ones known to have gone unanswered: they may be asked again."""


@dataclass(frozen=True)
class Situation:
    name: str
    goal: Goal
    stage: Stage
    company: str | None = None
    role: str | None = None
    field: str | None = None
    """Their line of work ("data engineering"), when it says more than their role."""
    relationship: Relationship | None = None
    last_talked: LastTalked | None = None
    introducer: str | None = None
    known_from: str | None = None
    """How you know them, in the user's words ("met once at a conference in Montreal, talked
    about bridge scour"), when they typed it for this meeting."""
    setting: Setting | None = None
    setting_words: str | None = None
    """Where, in the user's words ("pints at The Marble Arch"), when they typed it."""
    topic: str | None = None
    """What the talk was about, for a quick chat at an event."""
    aim: str | None = None
    """What you want to walk out with, in your own words."""
    ask: AskTarget | None = None
    """For an ask or an introduction: who exactly, why them, and whether the person you
    meet can say yes or introduce you."""
    notes: tuple[Noted, ...] = ()
    """What you know: the few newest notes of each slot."""
    mine_open: tuple[str, ...] = ()
    """Your promises not yet kept, oldest first."""
    mine_late: tuple[str, ...] = ()
    """Of those, the ones already late: past their day, or older than your last meeting."""
    theirs_open: tuple[str, ...] = ()
    """Their promises and offers not yet kept, oldest first."""
    gave_before: bool = False
    """You have kept a promise to them at least once: something given."""
    last_brief: LastBrief | None = None
    last_met: datetime | None = None
    """When you last met, by the latest debriefed meeting: a second meeting is not a first."""
    mine_kept: tuple[str, ...] = ()
    """Your promises kept since you last met, oldest first: context, not to-dos."""
    theirs_kept: tuple[str, ...] = ()
    """Their promises and offers kept since you last met: something to thank them for."""
    me: str | None = None
    """What the user is called, for lines they send in their own name."""

    @property
    def first_name(self) -> str:
        return first_name(self.name)

    def known_slots(self) -> frozenset[str]:
        return self._known_slots

    @property
    def _about_their_life(self) -> list[str]:
        """What you learned and their news: where "he retired last year" is noted."""
        return [n.body for n in self.notes if n.slot in ("learned", "recent_changes")]

    @cached_property
    def _known_slots(self) -> frozenset[str]:
        return frozenset(note.slot for note in self.notes)

    def facts(self) -> dict[str, str]:
        """The facts playbook text may name: only those known (non-empty), and only those that
        read as their kind inside a sentence (bot/coaching/fact_fit.py). A student's
        university is no employer with a team: their company is left out too."""
        return dict(self._facts)

    @cached_property
    def _facts(self) -> dict[str, str]:
        # Read once: a brief asks for the facts dozens of times (each playbook and question
        # that names one), and reading them scans the notes.
        company = _without_description(self.company)
        values = {
            "name": self.name,
            "first_name": self.first_name,
            "company": company
            if company and reads_as_company(company) and works_at_company(self.role)
            else None,
            "role": self.role if self.role and reads_as_role(self.role) else None,
            "field": self.field if self.field and reads_as_field(self.field) else None,
            "topic": self.topic if self.topic and reads_as_topic(self.topic) else None,
            "speaker": self.first_name
            if self.setting == "event" and gave_the_talk(self.setting_words, self.first_name)
            else None,
            "host": self.first_name if at_their_home(self.setting_words, self.first_name) else None,
            "introducer": self.introducer,
            "target": self.ask.who if self.ask else None,
            "target_first_name": first_name(self.ask.who)
            if self.ask and _named(self.ask.who)
            else None,
            "target_why": _in_brackets(self.ask.why) if self.ask and self.ask.why else None,
            # A whole paragraph of aims cannot be said inside one sentence of an ask.
            "aim": self.aim if self.aim and len(self.aim) <= AIM_IN_A_SENTENCE else None,
            "my_name": first_name(self.me) if self.me else None,
            # "She said yes to being my referee": the reference is settled, not to be sounded.
            "referee": self.first_name
            if any(is_agreed(p) and _REFERENCE.search(p) for p in self.theirs_open)
            else None,
            "retired": self.first_name
            if has_retired(self.role, self.aim, self.known_from, *self._about_their_life)
            else None,
        }
        return {key: " ".join(v.split()) for key, v in values.items() if v and v.strip()}


_REFERENCE = re.compile(r"\brefer(?:ee|ence)s?\b", re.IGNORECASE)


def _in_brackets(why: str) -> str | None:
    """Why them, short enough to say in brackets after their name: its first clause ("he
    leads the medication team at Eastbay"), or nothing when even that is a paragraph."""
    first = re.split(r"[.;:!?()]|\s[-–—]\s", why, maxsplit=1)[0].strip(" ,")
    return first if first and len(first) <= WHY_IN_BRACKETS else None


WHY_IN_BRACKETS = 70


def _without_description(company: str | None) -> str | None:
    """ "Brightpath (ed-tech startup in Leeds)" is Brightpath inside a question; the card keeps
    what was typed."""
    if company is None:
        return None
    return re.sub(r"\s*\([^()]*\)\s*$", "", company) or company


def _named(who: str) -> bool:
    """A person's name, not a role ("the person who leads the pilot"): "Hi the," would not do."""
    return not who.casefold().startswith(("the ", "a ", "an ", "someone", "somebody", "anyone"))


def first_name(name: str) -> str:
    """What people call someone on a phone: the first word of the name they gave."""
    words = name.split()
    return words[0] if words else name
