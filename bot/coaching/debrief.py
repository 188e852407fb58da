"""Decisions the debrief makes: when a follow-up is due, what it is for, and how a
relationship moves on once you have met. What counts as no answer: bot/coaching/answers.py."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.coaching.dates import MeetingTime
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


def stage_after_debrief(stage: Stage) -> Stage:
    """Having met and listened, a new or lapsed contact is now one you are feeding."""
    return "feed" if stage in ("seed", "dormant") else stage
