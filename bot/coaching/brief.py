"""The pre-meeting brief: your aim, the one ask, what to give and avoid, then the questions.

Everything here is a decision; prompts/prep/brief.html words it. A brief is read on a phone
minutes before the meeting, so its top holds only what changes how you walk in.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from bot.coaching.aim import (
    NOTHING,
    AimReading,
    Ask,
    AskKind,
    Cover,
    about_their_hiring,
    hiring_elsewhere,
    read_aim,
)
from bot.coaching.facts import fill
from bot.coaching.memory import Remembrance, gave_already, owed_before, remember
from bot.coaching.moment import Moment, hard_moment
from bot.coaching.playbook_model import AdviceKind, Library, Playbook, Question
from bot.coaching.questions import question_count, select_questions
from bot.coaching.situation import Situation, StageReason, is_close, stage_for
from bot.coaching.slots import HELP_SLOT

LONG_AIM = 160
"""An aim longer than this is a paragraph: more than the top of a brief can carry."""

WarningKind = Literal["rest_stage", "too_early", "cant_say_yes", "check_say_yes"]
EarlyReason = Literal["new", "lapsed", "nothing_given", "promises_open"]
Instead = Literal["ask_small", "catch_up", "keep_promise"]
"""What to do when the ask is early: ask for something small today (their advice, who else to
talk to), catch up first and ask at the end, or keep your own promise first."""

SMALL_ASKS: frozenset[AskKind] = frozenset({"intro", "advice"})
"""Asks that cost the other person a few minutes: an introduction with lines to forward,
their view on one question. Anyone you have met can be asked for them; a reference, a
look over your CV, a job or a favour needs trust that has been earned."""


@dataclass(frozen=True)
class Warning:
    kind: WarningKind
    reasons: tuple[EarlyReason, ...] = ()
    """For too_early: why it is early for the ask, most fundamental first."""

    @property
    def instead(self) -> Instead | None:
        """For too_early: the one thing to do instead of asking today."""
        if self.kind != "too_early":
            return None
        if "new" in self.reasons or "nothing_given" in self.reasons:
            return "ask_small"
        return "catch_up" if "lapsed" in self.reasons else "keep_promise"


@dataclass(frozen=True)
class Brief:
    aim: str | None
    """What to walk out with: the user's words, else the playbook's for this meeting."""
    ask: str | None
    """The playbook's ask, when the meeting has one and the aim's own could not be scripted."""
    script: Ask | None
    """The ask read from the user's aim, for prompts/prep/ask.html to script in their voice."""
    also: Ask | None
    """A second, lighter ask from the aim."""
    cover: tuple[Cover, ...]
    """What the aim wants found out, as the first questions."""
    blurb: str | None
    """Lines the other person can forward, with [brackets] for the user to fill."""
    give: str | None
    """The playbook's thing to give, shown when memory knows nothing they need or asked."""
    avoid: str | None
    close: str | None
    """How to end the meeting, from the playbooks: said when there is no ask to follow up."""
    next_step: Ask | None
    """The ask whose next step the close names ("I'll send you my CV and two lines tonight"),
    when one is scripted and not early: after a yes, the close is what you send, and when."""
    moment: Moment | None
    """The one hard moment to have a line ready for (prompts/prep/moment.html words it)."""
    warnings: tuple[Warning, ...]
    memory: Remembrance
    questions: tuple[Question, ...]
    stage_reason: StageReason | None
    """Why the contact is at its stage, when the relationship says so."""
    playbooks: tuple[str, ...]
    """Ids of the playbooks that applied, most specific first."""
    openers: int = 0
    """How many of the questions come before the cover: the opener of a few minutes' chat."""

    @property
    def too_early(self) -> bool:
        return any(w.kind == "too_early" for w in self.warnings)


def build_brief(
    library: Library, situation: Situation, rng: random.Random, at: datetime | None = None
) -> Brief:
    """The brief for a meeting on `at` (when known: it decides whether an event they told
    you about is still coming or has passed)."""
    memory = remember(
        situation.notes,
        situation.mine_open,
        situation.theirs_open,
        situation.mine_kept,
        situation.theirs_kept,
        meeting_at=at,
        last_met=situation.last_met,
        aim=situation.aim,
        meeting_words=situation.setting_words,
    )
    # A promise to meet ("dinner next time, my treat") is kept by meeting, and what you noted
    # you did for them is given: neither is a promise still owed, nor makes an ask early.
    situation = replace(
        situation,
        mine_open=tuple(owed_before(situation.mine_open, situation.aim)),
        gave_before=situation.gave_before or gave_already(situation.mine_open),
    )
    playbooks = library.applicable(situation)
    # Threads from last time come on top of the questions, not instead of them: a second
    # meeting deserves as many fresh questions as a first.
    reading = _reading(situation)
    script = _script(situation, reading)
    # What the aim wants found out is asked first, in its own words; the playbooks fill the
    # rest, so a brief asks as many questions as the setting allows.
    also = reading.also if script else None
    cover = tuple(c for c in reading.cover if not _scripted(c, script, also))
    # Two asks scripted at the top take the room of a question: the brief stays one screen.
    count = question_count(situation.setting) - (1 if script and also else 0)
    # A few minutes at an event have room for one; elsewhere for all of them and one more.
    short = count < 3
    cover = cover[: 1 if short else None]
    # Questions draw from the rng first, so a brief asks what select_questions alone would.
    pulling = reading.cover or _hiring_elsewhere(situation, reading)
    aimed = _without_pulls_away(library, situation, reading) if pulling else library
    openers = 0
    if short and cover:
        # A few minutes open on what you share (the talk), then ask what you came to find out;
        # there is no time left for offering help.
        chosen = select_questions(aimed, situation, rng, count)
        questions = [q for q in chosen if q.slot != HELP_SLOT][: count - len(cover)]
        openers = len(questions)
    else:
        questions = select_questions(aimed, situation, rng, max(1, count - len(cover)))
    facts = situation.facts()
    asks = has_ask(situation)
    warnings = warnings_for(situation)
    early = any(w.kind == "too_early" for w in warnings)

    def advice(kind: AdviceKind, known: dict[str, str] = facts) -> str | None:
        # Where you meet decides how to end it; what you came for and who they are decide
        # the rest.
        ordered = library.by_specificity(playbooks) if kind == "close" else list(playbooks)
        if asks and (kind == "aim" or (kind == "close" and not early)):
            # With an ask to make, the playbooks written for asking say what to walk out
            # with ("an introduction to Lena") and how to close ("send the three lines
            # today"), not "one good exchange about the talk" or how to fix the next catch-up.
            ordered.sort(key=lambda p: situation.goal not in (p.applies.goals or ()))
        return first_line(ordered, kind, known)

    ask = advice("ask") if asks and script is None else None
    moment = hard_moment(situation, scripted=bool(ask or script))
    # The line to say first names who introduced you; what to give and avoid say something
    # else, not the introducer a second and third time.
    introduced = moment is not None and moment.kind == "introducer"
    manner = {k: v for k, v in facts.items() if k != "introducer"} if introduced else facts
    return Brief(
        aim=_shown_aim(situation.aim, script) if situation.aim else advice("aim"),
        ask=ask,
        script=script,
        also=also,
        cover=cover,
        # Lines to forward are for once they said yes; while it is early, giving comes first.
        blurb=advice("blurb") if (ask or script) and not early else None,
        give=advice("give", manner),
        avoid=advice("avoid", manner),
        close=advice("close"),
        next_step=script if not early else None,
        moment=moment,
        warnings=warnings,
        memory=memory,
        questions=tuple(questions),
        openers=openers,
        stage_reason=_stage_reason(situation),
        playbooks=tuple(p.id for p in playbooks),
    )


def first_line(playbooks: list[Playbook], kind: AdviceKind, facts: dict[str, str]) -> str | None:
    """The first line of this kind whose facts are known, best-fitting playbook first."""
    for playbook in playbooks:
        line = playbook.advice.first(kind, facts)
        if line is not None:
            return fill(line, facts)
    return None


def _reading(situation: Situation) -> AimReading:
    # Their company as a name ("Brightpath"), not as typed ("Brightpath (ed-tech in Leeds)").
    company = situation.facts().get("company")
    giving = situation.goal == "help"
    return read_aim(situation.aim, company, giving=giving) if situation.aim else NOTHING


def _scripted(cover: Cover, script: Ask | None, also: Ask | None) -> bool:
    """Whether the ask already says it: "Could I ask your advice on X?" or "Would you look
    over my CV?" needs no question on it too."""
    asks = [a for a in (script, also) if a is not None]
    return any(
        (cover.review and cover.review == a.thing) or (cover.topic and cover.topic == a.topic)
        for a in asks
    )


def pulls_away(question: Question, situation: Situation, reading: AimReading) -> bool:
    """Whether a playbook question takes the meeting away from what the aim wants found out.

    Questions about joining their team, when the aim is about a job at another company or
    is no job search at all; "who would make the final call?" when the yes you came for is
    theirs or nobody's (you came for their view, or ask nothing an introduction opens)."""
    if about_their_hiring(question.text):
        theirs = situation.facts().get("company")
        elsewhere = reading.company is not None and reading.company != theirs
        return situation.goal != "job" or elsewhere or _hiring_elsewhere(situation, reading)
    if question.slot == "decision_power":
        # Someone else's yes: an introduction, or a target named at "who exactly?".
        intro = reading.ask is not None and reading.ask.kind == "intro"
        named = situation.ask is not None and situation.ask.can_help != "yes"
        return not (intro or named or (situation.goal == "intro" and reading.ask is None))
    return False


def _hiring_elsewhere(situation: Situation, reading: AimReading) -> bool:
    """Whether the aim, or what you noted ("the role reports to Dana Cole, the hiring
    manager"), says someone else fills the role: their own hiring is not asked about."""
    return reading.hiring_elsewhere or any(
        hiring_elsewhere(n.body, situation.name) for n in situation.notes
    )


def _without_pulls_away(library: Library, situation: Situation, reading: AimReading) -> Library:
    prep = tuple(
        replace(p, questions=tuple(q for q in p.questions if not pulls_away(q, situation, reading)))
        for p in library.prep
    )
    return replace(library, prep=prep)


def _shown_aim(aim: str, script: Ask | None) -> str:
    """The aim as typed; a paragraph of it is cut to its first sentence once the ask says the
    rest, so that the brief stays one phone screen."""
    if script is None or len(aim) <= LONG_AIM:
        return aim
    first = re.split(r"(?<=[.;!?])\s+", aim, maxsplit=1)[0]
    return aim if first == aim else f"{first.rstrip('.;!? ')}…"


def _script(situation: Situation, reading: AimReading) -> Ask | None:
    """The aim's own ask, scripted, when you came to ask for something or to look for a job;
    a meeting to learn or to catch up turns the aim into questions instead. An introduction
    whose target you named at "who exactly?" keeps the playbook's ask and its lines to
    forward."""
    ask = reading.ask
    if ask is None or situation.goal not in ("ask", "intro", "job"):
        return None
    if ask.kind == "intro" and situation.goal == "intro" and situation.ask is not None:
        return None
    return ask


def has_ask(situation: Situation) -> bool:
    """Whether you came to ask for something: a favour or an introduction."""
    return situation.goal in ("ask", "intro")


def too_early(situation: Situation) -> tuple[EarlyReason, ...]:
    """Why an ask would come too early, or () when the relationship can carry it.

    A big ask (a reference, a job, a favour) belongs to a relationship with some trust in
    it: not to someone you have only just met or have neglected, not before you have given
    anything. A small one (an introduction made easy with lines to forward, their advice)
    is fine with anyone you have met: being asked for one is how people get to help. No ask
    is made while you still owe them something yourself. Someone who knows your work or
    your life (a former manager, a friend) carries an ask after a silence: asking them for
    a reference is why they matter.
    """
    if not has_ask(situation):
        return ()
    owing: tuple[EarlyReason, ...] = ("promises_open",) if situation.mine_open else ()
    if is_close(situation.relationship):
        return owing
    small = small_ask(situation)
    if small is not None:
        # Their advice is fine to ask a stranger; an introduction vouches for you, which
        # takes having met.
        return ("new", *owing) if small == "intro" and never_met(situation) else owing
    reasons: list[EarlyReason] = []
    if situation.stage == "seed":
        reasons.append("new")
    elif situation.stage in ("dormant", "rest"):
        reasons.append("lapsed")
    if situation.stage != "trusted" and not situation.gave_before:
        reasons.append("nothing_given")
    return (*reasons, *owing)


def small_ask(situation: Situation) -> AskKind | None:
    """The ask, when it costs them a few minutes (SMALL_ASKS): read from the aim, else from
    the goal (an introduction); None for a bigger one."""
    ask = _reading(situation).ask
    if ask is None:
        return "intro" if situation.goal == "intro" else None
    return ask.kind if ask.kind in SMALL_ASKS else None


def never_met(situation: Situation) -> bool:
    """Whether you have never talked to them: a stranger, or someone introduced whom you
    have not yet talked to. Unknown is not never: nothing to warn about on a guess."""
    if situation.last_met is not None:
        return False
    if situation.relationship == "never_met":
        return True
    return situation.relationship == "introduced" and situation.last_talked not in (
        "recent",
        "months",
    )


def warnings_for(situation: Situation) -> tuple[Warning, ...]:
    """Warnings for this meeting, most fundamental first: whether to meet, then how to ask."""
    warnings: list[Warning] = []
    # You weeded this contact on purpose; meeting anyway deserves a second thought.
    if situation.stage == "rest":
        warnings.append(Warning("rest_stage"))
    early = too_early(situation)
    if early:
        warnings.append(Warning("too_early", early))
    if has_ask(situation):
        # A "no" from someone without the power to say "yes" closes a door for nothing.
        can_help = situation.ask.can_help if situation.ask else None
        if can_help is None and situation.goal == "ask" and _reading(situation).from_them:
            # A reference or a review from them: they are the one who says yes.
            can_help = "yes"
        if can_help == "no":
            warnings.append(Warning("cant_say_yes"))
        elif can_help is None:
            warnings.append(Warning("check_say_yes"))
    return tuple(warnings)


def _stage_reason(situation: Situation) -> StageReason | None:
    if situation.relationship is None:
        return None
    met = situation.last_met is not None
    reading = stage_for(situation.relationship, situation.last_talked, met)
    return reading.reason if reading.stage == situation.stage else None
