"""What is open for one user, as /followups and the digest list it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.coaching.coming import Outlook, outlook
from bot.coaching.followups import DEBRIEF_OFFER_WINDOW, debrief_offer_expired
from bot.reminders.nudges import make_nudges
from bot.services import Services
from bot.storage import followups, meetings
from bot.storage.followups import Listed
from bot.storage.meetings import Ahead

# What /followups reads at most of each sort (follow-ups, meetings): more than anyone keeps
# open. The digest keeps to its own, smaller number.
MAX_LISTED = 500
DIGEST_LISTED = 50


async def listed(
    services: Services,
    owner: int,
    until: datetime | None,
    now: datetime,
    tz: ZoneInfo,
    limit: int = MAX_LISTED,
) -> list[Listed]:
    """Open follow-ups due by `until` (None: whenever), after turning run-out cadences into
    follow-ups and dropping debrief offers whose moment has passed."""
    db = services.db
    for stale in await followups.upcoming(db, owner, now - DEBRIEF_OFFER_WINDOW):
        if stale.kind == "debrief" and debrief_offer_expired(stale.due_at, now):
            await followups.cancel(db, owner, stale.id, now)
    await make_nudges(services, owner, now, tz)
    return await followups.listed(db, owner, until, limit=limit)


async def coming(
    services: Services, owner: int, now: datetime, tz: ZoneInfo
) -> Outlook[Listed, Ahead]:
    """What is due now, what comes in the next days, and what after (bot/coaching/coming)."""
    to_do = await listed(services, owner, None, now, tz)
    # From a day back: an all-day meeting today began at the user's midnight.
    happening = await meetings.ahead(services.db, owner, now - timedelta(days=1), MAX_LISTED)
    return outlook(to_do, happening, now, tz)
