"""Follow-up reminders, debrief offers, the daily digest, /followups and /digest.

Delivery design: the database is the only schedule. One repeating job (a "sweep", every
SWEEP_INTERVAL, first run as soon as the bot starts) asks three indexed questions — which
meetings just ended and want a debrief offer, which follow-ups are due and not delivered,
whose digest time has come — and acts on the answers. We chose this over one PTB job per
reminder because:
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
and paced to Telegram's limit for one chat (bot.pacing): someone with a pile of reminders
due waits in their own lane instead of holding up everyone else.

Tests call `deliver_due(application)` after moving the injected clock instead of waiting.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum, auto
from functools import partial
from typing import Any
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
)

from bot.coaching.cadence import cadence_days
from bot.coaching.coming import COMING_DAYS, Outlook, outlook
from bot.coaching.followups import (
    DEBRIEF_OFFER_WINDOW,
    DEFAULT_DIGEST_HOUR,
    SNOOZE_CHOICES,
    cadence_due,
    choose_opener,
    debrief_offer_expired,
    debrief_offer_time,
    digest_entries,
    digest_is_timely,
    elapsed,
    end_of_day,
    is_snooze_choice,
    next_digest_time,
    snooze_until,
    stay_in_touch_due,
)
from bot.coaching.memory import known_facts
from bot.coaching.stages import is_stage
from bot.coaching.zones import stored_zone
from bot.handlers.common import (
    Button,
    answer_query,
    keyboard,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.handlers.timezone import user_timezone
from bot.pacing import PaceClock, Pacer
from bot.ptb.application import CommonGroundApplication, Context, Services
from bot.render import split_message
from bot.storage import contacts, followups, interactions, meetings, notes, users
from bot.storage.contacts import Contact
from bot.storage.errors import NotFound
from bot.storage.followups import FollowUp, Listed
from bot.storage.meetings import Ahead

log = logging.getLogger(__name__)

SWEEP_INTERVAL = timedelta(seconds=30)
SWEEP_JOB = "followups.sweep"
BATCH = 100
# Buttons under a list or a digest: one per entry, the first few only (a phone screen).
LISTED_BUTTONS = 8
# What /followups reads at most of each sort (follow-ups, meetings): more than anyone keeps
# open. The digest keeps to its own, smaller number.
MAX_LISTED = 500
DIGEST_LISTED = 50
# Lines of "later" per message before a button shows the next ones.
LATER_PAGE = 20
DIGEST_HOURS = ((6, 7, 8, 9), (10, 12, 17, 18), (19, 20, 21))

# People whose reminders and digests are on their way at the same time. Most of a paced
# person's time is spent waiting for their turn, so this is how many piles can wait at once
# before the next person waits too. Telegram's overall limit is AIORateLimiter's job.
PEOPLE_AT_ONCE = 16

# One sweep at a time per application: the job and a test's deliver_due must not both send
# the same due reminder before either has marked it delivered.
_sweeping: WeakKeyDictionary[CommonGroundApplication, asyncio.Lock] = WeakKeyDictionary()


@dataclass
class _Pace:
    """Each chat's pace. It outlives a sweep: two sweeps in a row must not make two bursts."""

    pacer: Pacer = field(default_factory=Pacer)
    clock: PaceClock = field(default_factory=PaceClock)

    def wait(self, chat_id: int, bot_now: datetime) -> float:
        """Book a message to the chat; how many seconds to wait before sending it."""
        return self.pacer.book(chat_id, self.clock.now(time.monotonic(), bot_now))


_paces: WeakKeyDictionary[CommonGroundApplication, _Pace] = WeakKeyDictionary()


# -- scheduling -------------------------------------------------------------------------------


def schedule(application: CommonGroundApplication) -> None:
    """Start the sweep (from post_init). Its first run delivers what fell due while down."""
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("the job queue is missing: install python-telegram-bot[job-queue]")
    if job_queue.get_jobs_by_name(SWEEP_JOB):
        return
    # A sweep that could not run on time (busy loop, suspended laptop) runs late and once;
    # APScheduler's default grace time would skip it. Overlapping runs are pointless.
    late_is_fine = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}
    # The first sweep as a one-off: an interval trigger whose start passed while the job
    # queue was starting would wait a whole interval instead.
    job_queue.run_once(_sweep, when=0, name=SWEEP_JOB, job_kwargs=late_is_fine)
    job_queue.run_repeating(
        _sweep,
        interval=SWEEP_INTERVAL,
        first=SWEEP_INTERVAL,
        name=SWEEP_JOB,
        job_kwargs=late_is_fine,
    )


async def _sweep(context: Context) -> None:
    application = context.application
    assert isinstance(application, CommonGroundApplication)
    await deliver_due(application)


async def deliver_due(application: CommonGroundApplication) -> int:
    """Do everything that is due by the application's clock; return how many messages went out.

    Makes debrief offers for meetings that have passed, sends due reminders, then digests.
    """
    lock = _sweeping.setdefault(application, asyncio.Lock())
    async with lock:
        now = application.services.clock()
        await _make_debrief_offers(application.services, now)
        delivery = _Delivery(application, now, _paces.setdefault(application, _Pace()))
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
            tz = await _zone_of(services, meeting.owner_id)
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


_Job = Callable[[], Awaitable[None]]


class _Lanes:
    """Different people's jobs at once (at most PEOPLE_AT_ONCE), each person's one at a
    time in the order given. Jobs handle their own errors."""

    def __init__(self, tasks: asyncio.TaskGroup) -> None:
        self._tasks = tasks
        self._people = asyncio.Semaphore(PEOPLE_AT_ONCE)
        # Memory stays bounded however many are due: add() waits while BATCH jobs are queued.
        self._room = asyncio.Semaphore(BATCH)
        self._queued: dict[int, deque[_Job]] = {}
        self.progress = asyncio.Event()
        """Set whenever a job has finished."""

    @property
    def idle(self) -> bool:
        return not self._queued

    async def add(self, owner: int, job: _Job) -> None:
        await self._room.acquire()
        if owner in self._queued:
            self._queued[owner].append(job)
            return
        self._queued[owner] = deque([job])
        self._tasks.create_task(self._run(owner))

    async def _run(self, owner: int) -> None:
        async with self._people:
            jobs = self._queued[owner]
            while jobs:
                await jobs.popleft()()
                self._room.release()
                self.progress.set()
            del self._queued[owner]  # no await since the last check: nothing was added


class _Delivery:
    """One sweep's sends, remembering who turned out to have blocked the bot."""

    def __init__(self, application: CommonGroundApplication, now: datetime, pace: _Pace) -> None:
        self.application = application
        self.services = application.services
        self.now = now
        self.pace = pace
        self.sent = 0
        self.blocked: set[int] = set()
        self.unreachable = False

    @property
    def held_back(self) -> bool:
        """Telegram is unreachable, or the bot is stopping and must not wait for a paced
        pile: the reminders left stay undelivered for the next sweep (after a restart, the
        first)."""
        return self.unreachable or not self.application.running

    async def reminders(self) -> None:
        seen: set[int] = set()
        async with asyncio.TaskGroup() as tasks:
            lanes = _Lanes(tasks)
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
        tz = await _zone_of(self.services, owner)
        text, buttons = await _card(self.services, followup, contact, tz, self.now)
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
                tz = _zone(self.services, setting.timezone)
                hour = DEFAULT_DIGEST_HOUR if setting.hour is None else setting.hour
                await followups.set_digest_next(
                    db, setting.owner_id, next_digest_time(self.now, tz, hour)
                )
            if len(unscheduled) < BATCH:
                break
        async with asyncio.TaskGroup() as tasks:
            lanes = _Lanes(tasks)
            while True:
                due = await followups.digests_due(db, self.now, limit=BATCH)
                for setting in due:
                    tz = _zone(self.services, setting.timezone)
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
        entries = await _listed(
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
        await self._send(owner, text, _show_buttons(self.services, due), what="digest")

    async def _send(
        self, owner: int, text: str, buttons: list[list[Button]], *, what: str
    ) -> _Outcome:
        if not self.services.settings.admits(owner):
            # Taken off the allowlist: like someone who blocked the bot, they hear no more.
            await self._blocked(owner, "is not on COMMONGROUND_ALLOWED_USERS")
            return _Outcome.DROPPED
        # A digest listing many people can need several messages; the buttons go on the last.
        parts = split_message(text)
        try:
            for number, part in enumerate(parts, start=1):
                last = number == len(parts)
                # The bot speaks first here, so it keeps to Telegram's pace for one chat.
                await asyncio.sleep(self.pace.wait(owner, self.services.clock()))
                await self.application.bot.send_message(
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


# -- what a reminder says ---------------------------------------------------------------------


async def _card(
    services: Services, followup: FollowUp, contact: Contact, tz: ZoneInfo, now: datetime
) -> tuple[str, list[list[Button]]]:
    """The reminder for one follow-up: the reason, an opener, and what you can do about it."""
    db = services.db
    render = services.render
    owner = followup.owner_id
    values: dict[str, Any] = {
        "kind": followup.kind,
        "name": contact.name,
        "first_name": contact.name.split()[0],
        "company": contact.company,
        "reason": followup.reason,
        "how": followup.how,
        "due": followup.due_at.astimezone(tz),
        "late": now - followup.due_at > timedelta(hours=12),
        "meeting_when": None,
        "all_day": False,
        "since": None,
        "ever_in_touch": True,
        "opener": None,
    }
    snooze_row = [
        (render.label(f"followups.snooze.{choice}"), f"followup:snooze:{followup.id}:{choice}")
        for choice in SNOOZE_CHOICES
    ]
    if followup.kind == "debrief":
        meeting = (
            await meetings.get_meeting(db, owner, followup.meeting_id)
            if followup.meeting_id is not None
            else None
        )
        if meeting is not None and meeting.scheduled_at is not None:
            values["meeting_when"] = meeting.scheduled_at.astimezone(tz)
            values["all_day"] = meeting.all_day
        buttons = [
            *(
                [[(render.label("followups.debrief_now"), f"debrief:start:{meeting.id}")]]
                if meeting is not None
                else []
            ),
            snooze_row,
            [(render.label("followups.not_this_time"), f"followup:skip:{followup.id}")],
        ]
    else:
        remembered = await notes.latest_per_slot(db, owner, contact.id, per_slot=1)
        promises = await notes.open_promises(db, owner, contact.id)
        # A promise's own reminder ("by Friday") opens with that promise, whoever made it.
        own = [p for p in promises if p.id == followup.promise_note_id]
        if own:
            promises, remembered = own, []
        values["opener"] = choose_opener(
            known_facts(remembered),
            [p.body for p in promises if p.slot == "my_promises"],
            [p.body for p in promises if p.slot == "their_promises"],
        )
        if followup.kind == "cadence":
            last = await followups.last_touch(db, owner, contact.id)
            values["since"] = elapsed(last or contact.created_at, now)
            values["ever_in_touch"] = last is not None
        buttons = [
            [
                (render.label("followups.done"), f"followup:done:{followup.id}"),
                (render.label("followups.open_contact"), f"contact:open:{contact.id}"),
            ],
            snooze_row,
        ]
    return render.message("followups/reminder", **values), buttons


def _show_buttons(services: Services, entries: list[Listed]) -> list[list[Button]]:
    return [
        [
            (
                services.render.label(f"followups.show.{e.followup.kind}", name=e.name),
                f"followup:show:{e.followup.id}",
            )
        ]
        for e in entries[:LISTED_BUTTONS]
    ]


async def _listed(
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
    for candidate in await followups.cadence_candidates(db, owner):
        due = stay_in_touch_due(
            candidate.stage,
            candidate.cadence_days,
            candidate.created_at,
            candidate.last_touch,
            now,
            tz,
        )
        if due is not None:
            await followups.add_cadence_nudge(db, owner, candidate.contact_id, due)
    return await followups.listed(db, owner, until, limit=limit)


async def _outlook(
    services: Services, owner: int, now: datetime, tz: ZoneInfo
) -> Outlook[Listed, Ahead]:
    to_do = await _listed(services, owner, None, now, tz)
    # From a day back: an all-day meeting today began at the user's midnight.
    happening = await meetings.ahead(services.db, owner, now - timedelta(days=1), MAX_LISTED)
    return outlook(to_do, happening, now, tz)


# -- buttons on a reminder --------------------------------------------------------------------


def _callback_id(update: Update, position: int = -1) -> int:
    assert update.callback_query is not None and update.callback_query.data is not None
    return int(update.callback_query.data.split(":")[position])


async def done(update: Update, context: Context) -> None:
    """Done: close it, and count it as being in touch (the cadence starts over)."""
    services = context.services
    owner = owner_id(update)
    now = services.clock()
    async with services.db.transaction():
        closed = await followups.mark_done(services.db, owner, _callback_id(update), now)
        if closed is not None:
            await interactions.record_interaction(
                services.db, owner, closed.contact_id, "followup", now
            )
    if closed is None:
        # Someone else's, already closed, or never existed: say nothing more about it.
        await toast(update, context, "stale")
        return
    await settle_button(update, context, services.render.label("followups.marked_done"))
    contact = await contacts.get_contact(services.db, owner, closed.contact_id)
    cadence = await followups.contact_cadence(services.db, owner, closed.contact_id)
    days: int | None = None
    if cadence is not None:
        stage, chosen = cadence
        days = cadence_days(stage, chosen) if is_stage(stage) else chosen
    tz = await user_timezone(update, context)
    next_nudge = cadence_due(now, days or None, tz)
    await reply(
        update,
        context,
        "followups/done",
        name=contact.name if contact else "",
        next_nudge=next_nudge.astimezone(tz) if next_nudge else None,
    )


async def skip(update: Update, context: Context) -> None:
    """Not this time: close it without counting it as contact."""
    services = context.services
    closed = await followups.mark_done(
        services.db, owner_id(update), _callback_id(update), services.clock()
    )
    if closed is None:
        await toast(update, context, "stale")
        return
    await settle_button(update, context, services.render.label("followups.not_this_time"))
    await reply(update, context, "followups/skipped", kind=closed.kind)


async def snooze(update: Update, context: Context) -> None:
    assert update.callback_query is not None and update.callback_query.data is not None
    choice = update.callback_query.data.rsplit(":", 1)[1]
    if not is_snooze_choice(choice):
        await toast(update, context, "stale")
        return
    services = context.services
    tz = await user_timezone(update, context)
    until = snooze_until(choice, services.clock(), tz)
    moved = await followups.snooze(services.db, owner_id(update), _callback_id(update, -2), until)
    if moved is None:
        await toast(update, context, "stale")
        return
    await settle_button(
        update,
        context,
        services.render.label(
            "followups.snoozed", when=until.astimezone(tz).strftime("%a %-d %b, %H:%M")
        ),
    )


async def show(update: Update, context: Context) -> None:
    """A name in the digest or /followups: the full reminder, with its buttons."""
    services = context.services
    owner = owner_id(update)
    followup = await followups.get_followup(services.db, owner, _callback_id(update))
    contact = (
        await contacts.get_contact(services.db, owner, followup.contact_id) if followup else None
    )
    if followup is None or not followup.is_open or contact is None:
        await toast(update, context, "stale")
        return
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    tz = await user_timezone(update, context)
    text, buttons = await _card(services, followup, contact, tz, services.clock())
    assert update.effective_chat is not None
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard(buttons))


# -- /followups -------------------------------------------------------------------------------


async def list_followups(update: Update, context: Context) -> None:
    """What is due now (each with a button), then what comes in the next COMING_DAYS days,
    then how much comes after, with a button to see it."""
    services = context.services
    now = services.clock()
    tz = await user_timezone(update, context)
    plan = await _outlook(services, owner_id(update), now, tz)
    buttons = _show_buttons(services, plan.due_now)
    if plan.later:
        buttons.append([(services.render.label("followups.show_later"), "followup:later:0")])
    await reply(update, context, "followups/list", buttons, plan=plan, tz=tz, days=COMING_DAYS)
    raise ApplicationHandlerStop  # see register(): a conversation under way carries on


async def later(update: Update, context: Context) -> None:
    """The "Show" under /followups: what comes after its window, LATER_PAGE lines at a time.
    Read again now, so it is what is coming at the time of the press."""
    services = context.services
    start = _callback_id(update)
    tz = await user_timezone(update, context)
    plan = await _outlook(services, owner_id(update), services.clock(), tz)
    page = plan.later[start : start + LATER_PAGE]
    if not page:
        await toast(update, context, "stale")
        return
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    more = len(plan.later) - start - len(page)
    buttons = (
        [[(services.render.label("followups.show_more"), f"followup:later:{start + LATER_PAGE}")]]
        if more > 0
        else []
    )
    await reply(
        update,
        context,
        "followups/later",
        buttons,
        lines=page,
        after=plan.last_day,
        first=start == 0,
        more=more,
        tz=tz,
    )


# -- /digest ----------------------------------------------------------------------------------


async def digest_command(update: Update, context: Context) -> None:
    args = [a.casefold() for a in (context.args or [])]
    if args:
        choice = _digest_choice(args[0])
        if choice is not None:
            await _save_digest(update, context, choice)
            raise ApplicationHandlerStop
    services = context.services
    setting = await followups.digest_setting(services.db, owner_id(update))
    off = setting.off if setting else False
    hour = DEFAULT_DIGEST_HOUR if setting is None or setting.hour is None else setting.hour
    render = services.render

    def label(h: int) -> str:
        text = render.label("digest.hour", hour=f"{h:02d}")
        return render.label("digest.current", label=text) if h == hour and not off else text

    rows: list[list[Button]] = [[(label(h), f"digest:{h}") for h in row] for row in DIGEST_HOURS]
    off_label = render.label("digest.off")
    rows.append(
        [(render.label("digest.current", label=off_label) if off else off_label, "digest:off")]
    )
    await reply(
        update,
        context,
        "followups/digest_settings",
        rows,
        off=off,
        hour=f"{hour:02d}",
        zone=str(await user_timezone(update, context)),
        bad=bool(args),
    )
    raise ApplicationHandlerStop


def _digest_choice(text: str) -> int | str | None:
    """'off', '7', '07', '7:00', '19:00' -> an hour or "off"; None for anything else."""
    if text in ("off", "none", "stop"):
        return "off"
    hour, _, minutes = text.partition(":")
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if hour.isdecimal() and minutes in ("", "0", "00") and 0 <= int(hour) <= 23:
        return int(hour)
    return None


async def digest_button(update: Update, context: Context) -> None:
    assert update.callback_query is not None and update.callback_query.data is not None
    choice = _digest_choice(update.callback_query.data.split(":", 1)[1])
    if choice is None:
        await toast(update, context, "stale")
        return
    render = context.services.render
    await settle_button(
        update,
        context,
        render.label("digest.off")
        if choice == "off"
        else render.label("digest.hour", hour=f"{choice:02d}"),
    )
    await _save_digest(update, context, choice)


async def _save_digest(update: Update, context: Context, choice: int | str) -> None:
    services = context.services
    tz = await user_timezone(update, context)
    if isinstance(choice, int):
        next_at = next_digest_time(services.clock(), tz, choice)
        await followups.set_digest(
            services.db, owner_id(update), hour=choice, off=False, next_at=next_at
        )
        await reply(
            update,
            context,
            "followups/digest_saved",
            off=False,
            hour=f"{choice:02d}",
            zone=str(tz),
        )
        return
    setting = await followups.digest_setting(services.db, owner_id(update))
    await followups.set_digest(
        services.db,
        owner_id(update),
        hour=setting.hour if setting else None,
        off=True,
        next_at=None,
    )
    await reply(update, context, "followups/digest_saved", off=True, hour="", zone=str(tz))


# -- time zones outside an update -------------------------------------------------------------


def _zone(services: Services, name: str | None) -> ZoneInfo:
    """As bot.handlers.timezone.user_timezone, for the scheduler, which has no update."""
    zone = stored_zone(name) if name else None
    return ZoneInfo(zone) if zone else services.settings.timezone


async def _zone_of(services: Services, owner: int) -> ZoneInfo:
    user = await users.get_user(services.db, owner)
    return _zone(services, user.timezone if user else None)


# Commands that work anywhere, even in the middle of /prep or /debrief: registered in a
# group before the conversation, they answer and stop the update there, so the
# conversation neither sees it nor loses its place.
COMMANDS: list[BaseHandler[Update, Context, Any]] = [
    CommandHandler("followups", list_followups),
    CommandHandler("digest", digest_command),
]
# Buttons outlive their message (prefixes in common.LASTING_BUTTONS); each re-checks
# ownership in the database.
HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(done, pattern=r"^followup:done:\d{1,18}$"),
    CallbackQueryHandler(skip, pattern=r"^followup:skip:\d{1,18}$"),
    CallbackQueryHandler(snooze, pattern=r"^followup:snooze:\d{1,18}:(1d|3d|1w)$"),
    CallbackQueryHandler(show, pattern=r"^followup:show:\d{1,18}$"),
    CallbackQueryHandler(later, pattern=r"^followup:later:\d{1,6}$"),
    CallbackQueryHandler(digest_button, pattern=r"^digest:(\d{1,2}|off)$"),
]
