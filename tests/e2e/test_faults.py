"""Telegram misbehaving: 429s, 5xx, slow answers and dropped connections.

The sandbox injects the faults (`SandboxServer.inject`) into the real bot's calls while a
scripted person goes through /prep and /debrief, or while reminders are due. What must hold
is what the person would notice: every message gets exactly its replies, in order; what they
said is stored once; reminders arrive once; the bot keeps Telegram's flood limits and keeps
answering afterwards.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from datetime import timedelta
from typing import Any

import pytest

from bot.app import CONNECTIONS, build_application, running
from bot.coaching.playbooks import Library
from bot.config import Settings
from bot.ptb.application import CommonGroundApplication
from bot.ptb.ratelimit import JSON, RetryingRateLimiter
from bot.reminders.sweep import deliver_due
from bot.render import Renderer
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups, meetings
from bot.storage.db import Database
from tests.e2e.helpers import Clock, follow_up, next_new, stored
from tests.e2e.scripted import (
    ANSWERS,
    CONVERSATION,
    DEBRIEF,
    PREP,
    Fault,
    converse,
    fault,
    still_answers,
    stored_once,
)

# AIORateLimiter's retries after a 429 log PTB's deprecation notice about retry_after's type.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def all_ask_for_help(people: Sequence[SandboxUser]) -> None:
    """Everyone sends /help at once; each gets the help, once."""
    for person in people:
        await person.send("/help")
    for person in people:
        assert "/prep" in (await next_new(person, within=15)).text
    for person in people:
        await person.expect_silence(0)
        assert len(person.messages) == 1


def faults(method: str, pattern: Sequence[dict[str, object]], every: int = 2) -> dict[int, Fault]:
    """pattern[0] before step 1, pattern[1] before step 1 + every, ... (cycling)."""
    return {
        index: fault(method=method, **pattern[(index // every) % len(pattern)])
        for index in range(1, len(CONVERSATION), every)
    }


# -- sendMessage ------------------------------------------------------------------------------


async def test_429s_and_slow_sends_delay_replies_but_lose_and_double_none(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await converse(
        sandbox,
        user,
        faults(
            "sendMessage",
            [{"retry_after": 1}, {"delay": 0.6}, {"retry_after": 1, "times": 2}, {"delay": 0.3}],
            every=3,
        ),
    )
    await stored_once(bot, user.id)
    await still_answers(user)
    # After each 429 the bot waited as long as Telegram asked before sending anything again.
    log = sandbox.call_log
    for index, call in enumerate(log):
        if call.method == "sendMessage" and call.injected == "429":
            later = [c.at for c in log[index + 1 :] if c.method == "sendMessage"]
            assert later and later[0] - call.at >= 1.0, "sent again within retry_after"


async def test_a_reply_refused_with_a_5xx_is_sent_again(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """A 502 or 500 means Telegram did not take the message: send it again. The person must
    not be told to "try again" after their answer was already stored. (A dropped connection
    may have delivered it: test_faults_steps.)"""
    answers = [i for i, s in enumerate(CONVERSATION) if s.do in ANSWERS.values()]
    await converse(
        sandbox,
        user,
        {
            2: fault(method="sendMessage", status=502),  # prep: the company
            answers[1]: fault(method="sendMessage", status=500),
            answers[3]: fault(method="sendMessage", status=502, times=2),
        },
    )
    await stored_once(bot, user.id)
    await still_answers(user)


async def test_an_answer_sent_again_after_a_failed_reply_is_not_filed_under_the_next_question(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication
) -> None:
    answers = list(ANSWERS.values())
    await converse(sandbox, user, {}, steps=(*PREP, *DEBRIEF[:3]))  # up to "2/6"
    sandbox.inject("sendMessage", status=502)
    await user.send(answers[1])
    reply = await next_new(user)
    if "went wrong" in reply.text:  # "... please try again": so the person does
        await user.send(answers[1])
        reply = await next_new(user)
    assert "3/6" in reply.text, reply.text
    await converse(sandbox, user, {}, steps=DEBRIEF[4:])
    await stored_once(bot, user.id)


async def test_when_telegram_is_slow_for_everyone_at_once_each_person_still_gets_an_answer(
    sandbox: SandboxServer, bot: CommonGroundApplication, caplog: pytest.LogCaptureFixture
) -> None:
    """Three people per connection the bot keeps to Telegram, and every send takes 1.5 s: the
    last replies wait 3 s for a free connection, three times PTB's default time-out for
    getting one (1 s; httpx counts connecting apart). Waiting must not turn into an apology."""
    people = [sandbox.user(6000 + number, f"P{number}") for number in range(3 * CONNECTIONS)]
    sandbox.inject("sendMessage", delay=1.5, times=len(people))
    with caplog.at_level(logging.WARNING):
        await all_ask_for_help(people)
    assert sandbox.pending_injections == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# -- getUpdates -------------------------------------------------------------------------------


async def test_faults_on_get_updates_lose_and_double_no_update(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication
) -> None:
    # Each fault meets the poll after the person's message: the one that confirms it and
    # fetches the next. lose_reply hands the next message out and loses the answer on the way.
    await converse(
        sandbox,
        user,
        faults(
            "getUpdates",
            [
                {"status": 502},
                {"lose_reply": True},
                {"retry_after": 1},
                {"drop": True},
                {"delay": 0.5},
                {"status": 500},
            ],
            every=3,
        ),
    )
    await stored_once(bot, user.id)
    await still_answers(user)
    # An update was handed out twice (its first answer was lost), and handled once.
    assert max(sandbox.world.handed_out.values()) == 2


# -- reminders --------------------------------------------------------------------------------


async def test_a_due_reminder_gets_through_5xx_drops_and_429s_exactly_once(
    sandbox: SandboxServer,
    user: SandboxUser,
    other_user: SandboxUser,
    bot: CommonGroundApplication,
    clock: Clock,
) -> None:
    mine = await follow_up(bot, user.id, due_in=timedelta(0))
    theirs = await follow_up(bot, other_user.id, "Sam Lee", due_in=timedelta(0))

    # Telegram fails the next sends in three ways. The bot may retry at once or at the next
    # sweep (every 30 seconds); either way each reminder arrives, once.
    sandbox.inject("sendMessage", status=502)
    sandbox.inject("sendMessage", drop=True)
    sandbox.inject("sendMessage", retry_after=1, times=2)
    sent = 0
    for _ in range(4):
        sent += await deliver_due(bot)
        clock.advance(seconds=30)
    assert sent == 2
    assert sandbox.pending_injections == 0

    assert "Follow up with Mira Patel" in (await next_new(user)).text
    assert "Follow up with Sam Lee" in (await next_new(other_user)).text
    clock.advance(minutes=5)
    assert await deliver_due(bot) == 0
    await user.expect_silence()
    await other_user.expect_silence()
    assert (await stored(bot, mine)).delivered_at is not None
    assert (await stored(bot, theirs)).delivered_at is not None
    await still_answers(user)


async def test_the_start_up_sweep_waits_out_a_429_and_delivers_once(
    sandbox: SandboxServer, settings: Settings, clock: Clock
) -> None:
    user = sandbox.user(1001, "Ada")
    db = Database(settings.db_path, clock=clock)
    await db.open()
    contact = await contacts.create_contact(db, user.id, name="Mira Patel")
    due = await followups.create_followup(
        db, user.id, contact_id=contact.id, kind="followup", due_at=clock.now, reason="Say hi"
    )
    await db.close()

    sandbox.inject("sendMessage", retry_after=1, times=2)
    application = build_application(settings, clock=clock)
    async with running(application):
        # No deliver_due: the sweep job that runs at start-up does it.
        reminder = await next_new(user, within=8)
        assert "Follow up with Mira Patel" in reminder.text
        await user.expect_silence(0.5)
        fresh = await followups.get_followup(application.services.db, user.id, due.id)
        assert fresh is not None and fresh.delivered_at is not None
        await still_answers(user)


# -- flood limits -----------------------------------------------------------------------------


def excess(times: Sequence[float], *, burst: int, per_second: float) -> float:
    """How far the sends go beyond a bucket of `burst` refilled at `per_second`: the largest
    count in any window, minus what the bucket allows for that window. <= 0: within limits."""
    ordered = sorted(times)
    worst = float("-inf")
    for first in range(len(ordered)):
        for last in range(first, len(ordered)):
            allowed = burst + per_second * (ordered[last] - ordered[first])
            worst = max(worst, last - first + 1 - allowed)
    return worst


def busiest_second(times: Sequence[float]) -> int:
    ordered = sorted(times)
    return max(
        (sum(1 for t in ordered[i:] if t - start < 1.0) for i, start in enumerate(ordered)),
        default=0,
    )


class Released(RetryingRateLimiter):
    """The bot's rate limiter as build_application makes it, noting when it lets each
    sendMessage go: the pace the bot keeps. Times taken where the sandbox reads the requests
    would also measure how a busy machine bunches them on the way."""

    def __init__(self) -> None:
        super().__init__(max_retries=3)
        self.sends: list[tuple[float, object]] = []
        """(when released, chat id)"""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        async def released(*given: Any, **named: Any) -> JSON:
            if endpoint == "sendMessage":
                self.sends.append((time.monotonic(), data.get("chat_id")))
            return await callback(*given, **named)

        return await super().process_request(
            released, args, kwargs, endpoint, data, rate_limit_args
        )


@pytest.fixture
async def paced(
    settings: Settings, clock: Clock, library: Library, renderer: Renderer
) -> AsyncIterator[tuple[CommonGroundApplication, Released]]:
    limiter = Released()
    application = build_application(
        settings, library=library, render=renderer, clock=clock, rate_limiter=limiter
    )
    async with running(application):
        yield application, limiter


async def test_many_people_at_once_get_one_reply_each_at_about_30_a_second(
    sandbox: SandboxServer, paced: tuple[CommonGroundApplication, Released]
) -> None:
    _, limiter = paced
    people = [sandbox.user(5000 + number, f"P{number}") for number in range(100)]
    await all_ask_for_help(people)
    sends = [at for at, _ in limiter.sends]
    assert len(sends) == len(people)
    # Telegram: about 30 messages a second across all chats. PTB's limiter lets 30 go at once
    # and then 30 a second; allow 10% and a message for rounding.
    assert excess(sends, burst=30, per_second=33) <= 1, busiest_second(sends)


async def test_one_person_gets_about_one_message_a_second_when_many_fall_due(
    sandbox: SandboxServer, paced: tuple[CommonGroundApplication, Released]
) -> None:
    """Telegram: "in a single chat, avoid sending more than one message per second"; short
    bursts pass, more earn 429s. Here a person's six reminders fall due at once (say, after
    the bot was down)."""
    bot, limiter = paced
    user = sandbox.user(1001, "Ada")
    names = ["Ann Ames", "Bo Berg", "Cy Cole", "Di Dunn", "Ed Eyre", "Flo Fox"]
    for name in names:
        await follow_up(bot, user.id, name, due_in=timedelta(0))
    assert await deliver_due(bot) == len(names)
    for name in names:
        assert f"Follow up with {name}" in (await next_new(user, within=10)).text
    sends = [at for at, chat in limiter.sends if chat == user.id]
    assert len(sends) == len(names)
    assert excess(sends, burst=3, per_second=1.1) <= 0.5, busiest_second(sends)


# -- a person who blocked the bot -------------------------------------------------------------


async def test_a_blocked_person_costs_one_refused_call_per_new_reminder_not_per_sweep(
    sandbox: SandboxServer,
    user: SandboxUser,
    other_user: SandboxUser,
    bot: CommonGroundApplication,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """test_followups covers what is pending when Telegram first says "blocked". Here more
    falls due afterwards: debrief offers for meetings still to come, over days of sweeps."""
    db = bot.services.db
    mira = await contacts.create_contact(db, user.id, name="Mira Patel")
    for day in (1, 2, 3):
        meeting = await meetings.create_meeting(
            db,
            user.id,
            contact_id=mira.id,
            goal="learn",
            scheduled_at=clock.now + timedelta(days=day),
        )
        await meetings.set_debrief_reminder(db, user.id, meeting.id, on=True)
    await follow_up(bot, user.id, "Sam Lee", due_in=timedelta(hours=1))
    for day in (1, 2, 3, 4):
        await follow_up(bot, other_user.id, f"Friend {day}", due_in=timedelta(days=day))
    user.blocked = True

    refused_per_sweep: list[int] = []
    with caplog.at_level(logging.WARNING):
        for _ in range(5 * 8):  # five days, a sweep every three hours
            clock.advance(hours=3)
            before = len(sandbox.rejections)
            await deliver_due(bot)
            refused_per_sweep.append(len(sandbox.rejections) - before)
    refused = [(r.method, r.status, r.params.get("chat_id")) for r in sandbox.rejections]
    sandbox.rejections.clear()

    # Four reminders fell due for the blocked person (one follow-up, three debrief offers):
    # each was tried at most once, and the sweeps in between asked Telegram nothing.
    # (The meetings are on days 1-3, so day 5 has nothing new.)
    assert set(refused) <= {("sendMessage", 403, str(user.id)), ("sendMessage", 403, user.id)}
    assert 1 <= sum(refused_per_sweep) <= 4, refused_per_sweep
    assert all(count <= 1 for count in refused_per_sweep), refused_per_sweep
    assert sum(refused_per_sweep[-8:]) == 0  # the last day: nothing new, nothing tried
    await user.expect_silence(0)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    # The other person got all of theirs, once each (and their daily digests).
    reminders = [m.text for m in other_user.messages if "Follow up with Friend" in m.text]
    assert len(reminders) == len(set(reminders)) == 4
