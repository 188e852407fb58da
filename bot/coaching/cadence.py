"""How often to get back in touch, by relationship stage (seed, feed, weed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.coaching.stages import Stage, is_stage

# A new acquaintance fades fast if not fed; a trusted one keeps for longer; a resting one
# is deliberately left alone (None: no stay-in-touch nudges at all).
DEFAULT_CADENCE_DAYS: dict[Stage, int | None] = {
    "seed": 14,
    "feed": 30,
    "trusted": 60,
    "dormant": 90,
    "rest": None,
}


def cadence_days(stage: str, chosen: int | None) -> int | None:
    """The contact's own cadence if the user set one, else the stage's default; a stage this
    version does not know (a later one's, or typed by hand) has none."""
    if chosen is not None:
        return chosen
    return DEFAULT_CADENCE_DAYS[stage] if is_stage(stage) else None


def off_weekend(moment: datetime, tz: ZoneInfo) -> datetime:
    """A nudge counted to a Saturday or Sunday (the user's) comes on the Monday, at the same
    time of day: "time to get back in touch" is a working-week errand. In UTC."""
    local = moment.astimezone(tz)
    if local.weekday() < 5:
        return moment
    monday = local.date() + timedelta(days=7 - local.weekday())
    return datetime.combine(monday, local.time(), tzinfo=tz).astimezone(UTC)
