"""Stay-in-touch nudges: contacts whose cadence ran out become follow-ups.

A user with the digest on sees them in the digest (and in /followups), which make them as
they are shown. A user with the digest off would never see them unless they asked, so the
sweep makes theirs as reminders of their own, at their daily hour.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.coaching.followups import DEFAULT_DIGEST_HOUR, nudge_time, stay_in_touch_due
from bot.reminders.zones import zone
from bot.services import Services
from bot.storage import followups

# How often the sweep looks for run-out cadences: they run out by the day, and a nudge waits
# for the user's hour anyway, so once an hour is soon enough and costs little.
ROUND = timedelta(hours=1)
PAGE = 100


async def make_nudges(
    services: Services, owner: int, now: datetime, tz: ZoneInfo, *, hour: int | None = None
) -> int:
    """Turn the owner's run-out cadences into nudges; return how many were made.

    `hour` None: shown at once (a list or the digest carries them). Else each is a reminder
    of its own, due at that local hour.
    """
    made = 0
    for candidate in await followups.cadence_candidates(services.db, owner):
        run_out = stay_in_touch_due(
            candidate.stage,
            candidate.cadence_days,
            candidate.created_at,
            candidate.last_touch,
            now,
            tz,
            candidate.nudged_until,
        )
        if run_out is None:
            continue
        due = run_out if hour is None else nudge_time(run_out, tz, hour)
        made += await followups.add_cadence_nudge(
            services.db, owner, candidate.contact_id, due, shown=hour is None
        )
    return made


async def nudge_round(services: Services, now: datetime) -> None:
    """Once a ROUND: the nudges of everyone with the digest off, as reminders."""
    state = services.reminders
    if state.next_nudge_round is not None and now < state.next_nudge_round:
        return
    state.next_nudge_round = now + ROUND
    after = 0
    while True:
        page = await followups.digests_off(services.db, after, limit=PAGE)
        for setting in page:
            # Someone the allowlist keeps out hears nothing (as for their other reminders).
            if not services.settings.admits(setting.owner_id):
                continue
            hour = DEFAULT_DIGEST_HOUR if setting.hour is None else setting.hour
            tz = zone(services.settings, setting.timezone)
            await make_nudges(services, setting.owner_id, now, tz, hour=hour)
        if len(page) < PAGE:
            return
        after = page[-1].owner_id
