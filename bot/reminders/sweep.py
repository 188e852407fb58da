"""The sweep: everything due goes out — debrief offers, reminders, nudges, digests.

The database is the only schedule. One repeating job (every SWEEP_INTERVAL, first run as
soon as the bot starts) asks a few indexed questions — which meetings just ended and want a
debrief offer, whose stay-in-touch cadence ran out, which follow-ups are due and not
delivered, whose digest time has come — and acts on the answers. We chose this over one PTB
job per reminder because:
- nothing has to be kept in sync: a follow-up created, snoozed, done or cancelled anywhere
  (the debrief, a button, another module) is simply what the next sweep reads;
- a restart needs no rebuilding, and a reminder that fell due while the bot was down is just
  a row with due_at in the past: the first sweep delivers it, late rather than never (with
  per-reminder jobs, APScheduler's misfire_grace_time would have silently dropped it);
- the cost is one indexed query per sweep and up to SWEEP_INTERVAL of lateness, which a
  "follow up with Mira" reminder does not notice.
`delivered_at` is written right after each successful send, so a reminder goes out once.
A user who blocked the bot gets their pending reminders cancelled and their digest turned
off the first time Telegram says so; nothing is retried for them.

Different people's reminders and digests go out at the same time, each person's in order
and paced to Telegram's limit for one chat (bot/reminders/lanes.py, pacing.py).

Tests call `deliver_due(application)` after moving the injected clock instead of waiting.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from enum import Enum, auto
from functools import partial
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import JobQueue

from bot.coaching.followups import (
    DEBRIEF_OFFER_WINDOW,
    DEFAULT_DIGEST_HOUR,
    debrief_offer_time,
    digest_entries,
    digest_is_timely,
    end_of_day,
    next_digest_time,
)
from bot.keyboard import Button, keyboard
from bot.reminders.cards import card, show_buttons
from bot.reminders.lanes import Lanes
from bot.reminders.lists import DIGEST_LISTED, listed
from bot.reminders.nudges import nudge_round
from bot.reminders.zones import zone, zone_of
from bot.render import split_message
from bot.services import Services
from bot.storage import contacts, followups, users
from bot.storage.errors import NotFound
from bot.storage.followups import FollowUp

log = logging.getLogger(__name__)

SWEEP_INTERVAL = timedelta(seconds=30)
SWEEP_JOB = "reminders.sweep"
BATCH = 100


class Host(Protocol):
    """The application the engine runs in (bot.ptb.application.CommonGroundApplication)."""

    @property
    def services(self) -> Services: ...

    @property
    def bot(self) -> Bot: ...

    @property
    def running(self) -> bool: ...

    @property
    def job_queue(self) -> JobQueue[Any] | None: ...


def schedule(host: Host) -> None:
    """Start the sweep (from post_init). Its first run delivers what fell due while down."""
    job_queue = host.job_queue
    if job_queue is None:
        raise RuntimeError("the job queue is missing: install python-telegram-bot[job-queue]")
    if job_queue.get_jobs_by_name(SWEEP_JOB):
        return

    async def sweep(_: object) -> None:
        await deliver_due(host)

    # A sweep that could not run on time (busy loop, suspended laptop) runs late and once;
    # APScheduler's default grace time would skip it. Overlapping runs are pointless.
    late_is_fine = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}
    # The first sweep as a one-off: an interval trigger whose start passed while the job
    # queue was starting would wait a whole interval instead.
    job_queue.run_once(sweep, when=0, name=SWEEP_JOB, job_kwargs=late_is_fine)
    job_queue.run_repeating(
        sweep,
        interval=SWEEP_INTERVAL,
        first=SWEEP_INTERVAL,
        name=SWEEP_JOB,
        job_kwargs=late_is_fine,
    )


async def deliver_due(host: Host) -> int:
    """Do everything that is due by the application's clock; return how many messages went out.

    Makes debrief offers for meetings that have passed and stay-in-touch nudges for those
    who get no digest, sends due reminders, then digests.
    """
    services = host.services
    async with services.reminders.sweeping:
        now = services.clock()
        await _make_debrief_offers(services, now)
        await nudge_round(services, now)
        delivery = _Delivery(host, now)
        await delivery.reminders()
        await delivery.digests()
        return delivery.sent


async def _make_debrief_offers(services: Services, now: datetime) -> None:
    db = services.db
    while True:
        passed = await followups.meetings_for_debrief_offer(
            db, now - DEBRIEF_OFFER_WINDOW, now, limit=BATCH
        )
        for meeting in passed:
            tz = await zone_of(services, meeting.owner_id)
            try:
                await followups.create_followup(
                    db,
                    meeting.owner_id,
                    contact_id=meeting.contact_id,
                    kind="debrief",
                    due_at=debrief_offer_time(meeting.scheduled_at, meeting.all_day, tz),
                    meeting_id=meeting.meeting_id,
                )
            except NotFound:  # deleted meanwhile; the cascade took the meeting too
                continue
        if len(passed) < BATCH:
            return


class _Outcome(Enum):
    SENT = auto()
    DROPPED = auto()
    RETRY_LATER = auto()


class _Delivery:
    """One sweep's sends, remembering who turned out to have blocked the bot."""

    def __init__(self, host: Host, now: datetime) -> None:
        self.host = host
        self.services = host.services
        self.now = now
        self.sent = 0
        self.blocked: set[int] = set()
        self.unreachable = False

    @property
    def held_back(self) -> bool:
        """Telegram is unreachable, or the bot is stopping and must not wait for a paced
        pile: the reminders left stay undelivered for the next sweep (after a restart, the
        first)."""
        return self.unreachable or not self.host.running

    async def reminders(self) -> None:
        seen: set[int] = set()
        async with asyncio.TaskGroup() as tasks:
            lanes = Lanes(tasks)
            while not self.held_back:
                lanes.progress.clear()
                due = await followups.due_undelivered(self.services.db, self.now, limit=BATCH)
                fresh = [f for f in due if f.id not in seen]
                for followup in fresh:
                    seen.add(followup.id)
                    await lanes.add(followup.owner_id, partial(self._remind_in_turn, followup))
                if len(due) < BATCH:
                    break  # everything due is queued
                if not fresh:
                    if lanes.idle:
                        break  # a page of reminders that failed: the next sweep tries again
                    # Queued reminders are still due and undelivered, so they fill the page;
                    # it moves on as they go out or are dropped.
                    await lanes.progress.wait()

    async def _remind_in_turn(self, followup: FollowUp) -> None:
        if self.held_back:
            return
        try:
            outcome = await self._remind(followup)
        except Exception:
            # A bug with one reminder must not hold up everyone else's; it stays
            # undelivered and is tried (and logged) again on the next sweep.
            log.exception("could not deliver follow-up %s", followup.id)
            return
        if outcome is _Outcome.RETRY_LATER:
            self.unreachable = True  # Telegram is unreachable: the next sweep tries again

    async def _remind(self, followup: FollowUp) -> _Outcome:
        db = self.services.db
        owner = followup.owner_id
        if owner in self.blocked:
            return _Outcome.DROPPED
        # Read again: done, snoozed or deleted while it waited for its turn.
        current = await followups.get_followup(db, owner, followup.id)
        if current is None or not _still_due(current, self.now):
            return _Outcome.DROPPED
        followup = current
        contact = await contacts.get_contact(db, owner, followup.contact_id)
        moot = contact is None or contact.archived_at is not None
        if followup.kind == "debrief" and not moot:
            # Debriefed already, or the reminder was turned off since the offer was made.
            moot = followup.meeting_id is None or not await followups.still_wants_debrief(
                db, owner, followup.meeting_id
            )
        if moot or contact is None:
            await followups.cancel(db, owner, followup.id, self.now)
            return _Outcome.DROPPED
        tz = await zone_of(self.services, owner)
        text, buttons = await card(self.services, followup, contact, tz, self.now)
        outcome = await self._send(owner, text, buttons, what=f"follow-up {followup.id}")
        if outcome is _Outcome.SENT:
            await followups.mark_delivered(db, owner, followup.id, self.now)
        elif outcome is _Outcome.DROPPED and owner not in self.blocked:
            # Telegram refused this message itself: retrying would fail the same way.
            await followups.cancel(db, owner, followup.id, self.now)
        return outcome

    async def digests(self) -> None:
        db = self.services.db
        while True:  # new users: when is their first digest?
            unscheduled = await followups.digests_unscheduled(db, limit=BATCH)
            for setting in unscheduled:
                tz = zone(self.services.settings, setting.timezone)
                hour = DEFAULT_DIGEST_HOUR if setting.hour is None else setting.hour
                await followups.set_digest_next(
                    db, setting.owner_id, next_digest_time(self.now, tz, hour)
                )
            if len(unscheduled) < BATCH:
                break
        async with asyncio.TaskGroup() as tasks:
            lanes = Lanes(tasks)
            while True:
                due = await followups.digests_due(db, self.now, limit=BATCH)
                for setting in due:
                    tz = zone(self.services.settings, setting.timezone)
                    hour = DEFAULT_DIGEST_HOUR if setting.hour is None else setting.hour
                    # Move on to tomorrow before sending: a digest goes out at most once a
                    # day, and a failure does not make it come round again every sweep.
                    await followups.set_digest_next(
                        db, setting.owner_id, next_digest_time(self.now, tz, hour)
                    )
                    assert setting.next_at is not None  # digests_due selects on it
                    if setting.owner_id in self.blocked or not digest_is_timely(
                        setting.next_at, self.now
                    ):
                        continue
                    await lanes.add(
                        setting.owner_id, partial(self._digest_in_turn, setting.owner_id, tz)
                    )
                if len(due) < BATCH:
                    break

    async def _digest_in_turn(self, owner: int, tz: ZoneInfo) -> None:
        try:
            await self._digest(owner, tz)
        except Exception:
            # Like a reminder's: one person's failed digest must not stop the others.
            log.exception("could not send the digest to user %s", owner)

    async def _digest(self, owner: int, tz: ZoneInfo) -> None:
        entries = await listed(
            self.services, owner, end_of_day(self.now, tz), self.now, tz, DIGEST_LISTED
        )
        due = digest_entries(entries, self.now, tz)
        if not due:
            return  # only when there is something: a daily "nothing today" is noise
        user = await users.get_user(self.services.db, owner)
        text = self.services.render.message(
            "followups/digest",
            entries=due,
            name=user.name if user else None,
            now=self.now.astimezone(tz),
            tz=tz,
        )
        await self._send(owner, text, show_buttons(self.services, due), what="digest")

    async def _send(
        self, owner: int, text: str, buttons: list[list[Button]], *, what: str
    ) -> _Outcome:
        if not self.services.settings.admits(owner):
            # Taken off the allowlist: like someone who blocked the bot, they hear no more.
            await self._blocked(owner, "is not on COMMONGROUND_ALLOWED_USERS")
            return _Outcome.DROPPED
        # A digest listing many people can need several messages; the buttons go on the last.
        parts = split_message(text)
        pace = self.services.reminders.pace
        try:
            for number, part in enumerate(parts, start=1):
                last = number == len(parts)
                # The bot speaks first here, so it keeps to Telegram's pace for one chat.
                await asyncio.sleep(pace.wait(owner, self.services.clock()))
                await self.host.bot.send_message(
                    owner, part, reply_markup=keyboard(buttons) if buttons and last else None
                )
        except Forbidden:
            await self._blocked(owner)
            return _Outcome.DROPPED
        except BadRequest:
            log.exception("Telegram refused %s for user %s; dropping it", what, owner)
            return _Outcome.DROPPED
        except TelegramError as error:
            log.warning("could not send %s for user %s (%s); will retry", what, owner, error)
            return _Outcome.RETRY_LATER
        self.sent += 1
        return _Outcome.SENT

    async def _blocked(self, owner: int, why: str = "has blocked the bot") -> None:
        self.blocked.add(owner)
        db = self.services.db
        stopped = await followups.cancel_undelivered(db, owner)
        setting = await followups.digest_setting(db, owner)
        await followups.set_digest(
            db, owner, hour=setting.hour if setting else None, off=True, next_at=None
        )
        log.warning("user %s %s: stopped %d reminders and the daily digest", owner, why, stopped)


def _still_due(followup: FollowUp, now: datetime) -> bool:
    return followup.is_open and followup.delivered_at is None and followup.due_at <= now
