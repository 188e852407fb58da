"""How often to get back in touch, by relationship stage (seed, feed, weed)."""

from __future__ import annotations

from bot.coaching.stages import Stage

# A new acquaintance fades fast if not fed; a trusted one keeps for longer; a resting one
# is deliberately left alone (None: no stay-in-touch nudges at all).
DEFAULT_CADENCE_DAYS: dict[Stage, int | None] = {
    "seed": 14,
    "feed": 30,
    "trusted": 60,
    "dormant": 90,
    "rest": None,
}


def cadence_days(stage: Stage, chosen: int | None) -> int | None:
    """The contact's own cadence if the user set one, else the stage's default."""
    return chosen if chosen is not None else DEFAULT_CADENCE_DAYS[stage]
