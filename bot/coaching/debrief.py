"""Decisions the debrief makes: when a follow-up is due, what it is for, and how a
relationship moves on once you have met. What counts as no answer: bot/coaching/answers.py."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, time
from enum import Enum
from zoneinfo import ZoneInfo

from bot.coaching.dates import MeetingTime
from bot.coaching.situation import LastTalked, Relationship, stage_for
from bot.coaching.stages import Stage

# A follow-up on a day without a time comes in the morning, when there is time to act.
FOLLOW_UP_HOUR = time(9, 0)
# What the follow-up reminder is for, most concrete first: a promise you made is the best
# reason to get in touch, then something they asked of you, then a way you can help.
_REASON_SLOTS = ("my_promises", "their_asks", "how_i_can_help")


def follow_up_due(when: MeetingTime, tz: ZoneInfo) -> datetime:
    if not when.all_day:
        return when.at
    day = when.local(tz).date()
    return datetime.combine(day, FOLLOW_UP_HOUR, tzinfo=tz).astimezone(ZoneInfo("UTC"))


def follow_up_reason(answers: Mapping[str, str]) -> tuple[str, str] | None:
    """(slot, text) of the answer the follow-up is about, or None."""
    for slot in _REASON_SLOTS:
        if answers.get(slot):
            return slot, answers[slot]
    return None


def stage_after_debrief(
    stage: Stage, relationship: Relationship | None = None, last_talked: LastTalked | None = None
) -> Stage:
    """Having met and listened, a new or lapsed contact is now one you are feeding; someone
    who knows you well (a former manager met again after years) is trusted again. A stage
    the user or the history moved on (feed, trusted, rest) stays."""
    if stage not in ("seed", "dormant"):
        return stage
    if relationship is None:
        return "feed"
    return stage_for(relationship, last_talked, met=True).stage


class ResumeReply(Enum):
    CARRY_ON = "carry_on"
    DISCARD = "discard"


_CARRY_ON = re.compile(
    r"(yes|yeah|yep|sure|ok|okay|carry on|continue|go on|go ahead|resume|keep going|"
    r"let's (go|continue|carry on)|carry on please|continue please)"
)
_DISCARD = re.compile(
    r"(throw it away|throw away|discard|discard it|delete it|bin it|start over|start again|"
    r"scrap it|forget it)"
)


def resume_reply(text: str) -> ResumeReply | None:
    """A typed answer to "carry on or throw it away?"; None for anything else, which is the
    answer to the question the debrief stopped at. A bare "no" is not read as "throw it
    away": answers are not thrown away on a guess."""
    words = " ".join(re.sub(r"[^\w' ]", " ", text.casefold().replace("’", "'")).split())
    if _CARRY_ON.fullmatch(words):
        return ResumeReply.CARRY_ON
    if _DISCARD.fullmatch(words):
        return ResumeReply.DISCARD
    return None
