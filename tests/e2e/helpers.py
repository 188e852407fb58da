"""What end-to-end tests share: a clock the test moves, a user's side of a conversation
(`say`, `press`, a whole /prep or /debrief), and rows written straight to the database to
set a scene.

Helpers live here, not in test modules, so that no test module imports another."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.app import build_application, running
from bot.coaching.playbooks import Library
from bot.config import Settings
from bot.ptb.application import CommonGroundApplication
from bot.ptb.ratelimit import RetryingRateLimiter
from bot.render import Renderer
from bot.sandbox.user import BotMessage, SandboxUser
from bot.storage import contacts, followups
from bot.storage.db import Database, execute, fetch_all, to_db_time
from bot.storage.followups import FollowUp

TOKEN = "7000000001:e2e-test-token-aaaaaaaaaaaaaaaa"


class Clock:
    """The bot's idea of now; tests move it instead of waiting."""

    def __init__(self) -> None:
        # Sunday 22 November 2026, 09:00 UTC.
        self.now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def without_flood_limits() -> RetryingRateLimiter:
    """The bot's rate limiter, retries on 429 and all, without Telegram's broadcast limits
    (30 messages a second overall, 20 a minute in a group): tests about something else would
    wait their turn for seconds. bench/ makes the same swap."""
    return RetryingRateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3)


@asynccontextmanager
async def unthrottled(
    settings: Settings,
    clock: Clock,
    library: Library | None = None,
    render: Renderer | None = None,
) -> AsyncIterator[CommonGroundApplication]:
    """The real application from build_application, without Telegram's broadcast limits
    (`without_flood_limits`), which these tests are not about."""
    application = build_application(
        settings,
        library=library,
        render=render,
        clock=clock,
        rate_limiter=without_flood_limits(),
    )
    async with running(application):
        yield application


# -- the user's side ---------------------------------------------------------------------------


async def next_new(user: SandboxUser, within: float = 5.0) -> BotMessage:
    """The next message the bot sends, passing over edits of earlier ones."""
    while True:
        event = await user.next_event(timeout=within)
        if not event.edited:
            return event


async def say(user: SandboxUser, text: str) -> BotMessage:
    await user.send(text)
    return await next_new(user)


async def press(user: SandboxUser, label: str) -> BotMessage:
    await user.press(label=label)
    return await next_new(user)


async def press_in_place(user: SandboxUser, label: str) -> BotMessage:
    """Press a button that makes the bot edit the message it sits on."""
    await user.press(label)
    return await user.next_event()


async def replies_to(user: SandboxUser, text: str) -> list[BotMessage]:
    """Everything the bot sends in answer to `text`, however many parts (/help after it marks
    the end: each user's updates are handled in order)."""
    await user.send(text)
    await user.send("/help")
    replies = []
    while "helps you prepare" not in (message := await next_new(user)).text:
        replies.append(message)
    return replies


async def answered_nothing(user: SandboxUser) -> None:
    """The bot sent and edited nothing in answer to what the user just did: /help, sent
    after it, is answered first (each user's updates are handled in order). Sure on a busy
    machine, where waiting a while for silence may end before a slow reply comes."""
    await user.send("/help")
    event = await user.next_event()
    assert not event.edited and "helps you prepare" in event.text, event.describe()


class Counted:
    """The user's side of a /prep, counting each message sent and button pressed."""

    def __init__(self, user: SandboxUser) -> None:
        self.user = user
        self.sent = 0

    async def say(self, text: str) -> str:
        self.sent += 1
        return (await say(self.user, text)).text

    async def press(self, label: str) -> str:
        self.sent += 1
        return (await press(self.user, label)).text


async def open_card(user: SandboxUser, name: str) -> BotMessage:
    return await say(user, f"/contact {name}")


# -- /prep -------------------------------------------------------------------------------------


def numbered_questions(text: str) -> list[str]:
    return re.findall(r"^\d\. (.+)$", text, flags=re.MULTILINE)


async def prep_new_contact(user: SandboxUser, name: str, when: str = "tomorrow 15:00") -> str:
    await say(user, "/prep")
    await say(user, name)
    await say(user, "Globex")
    await say(user, "Head of Research")
    await skip_to_when(user, await press(user, "Learn about their field"))
    brief = await say(user, when)
    return brief.text


async def prep(
    user: SandboxUser, name: str, company: str | None = None, role: str | None = None
) -> None:
    """A /prep for someone new, answering every question as asked; ends at the brief."""
    await say(user, "/prep")
    await say(user, name)
    await (say(user, company) if company else press(user, "Skip"))
    await (say(user, role) if role else press(user, "Skip"))
    await skip_to_when(user, await press(user, "Learn about their field"))
    brief = await say(user, "tomorrow 15:00")
    assert "Brief: " in brief.text


async def skip_to_when(user: SandboxUser, asked: BotMessage) -> BotMessage:
    """Skip what /prep asks after the goal (how you know them, where, what for) for tests
    about something else; returns the question "When do you meet?"."""
    while "When do you meet?" not in asked.text:
        assert "Skip" in asked.labels, asked.text
        asked = await press(user, "Skip")
    return asked


# -- /debrief ----------------------------------------------------------------------------------

# The debrief after learning about someone's field, one answer per question.
DEBRIEF_ANSWERS = {
    "learned": "Moving from research into product; runs a climbing club",
    "advice": "Honest feedback & small teams",
    "who_they_know": "nobody",
    "my_promises": "Send the <b>pricing</b> article, could introduce her to Sam at Initech",
    "their_promises": "nothing",
}

# After learning about their field: learned, advice, who they suggested, what you will do,
# what they offered, follow-up.
DEBRIEF_STEPS = 6


async def debrief_everything(user: SandboxUser, when_label: str = "Next week") -> str:
    """Answers every step of the debrief just started; returns the summary card."""
    for answer in DEBRIEF_ANSWERS.values():
        await say(user, answer)
    summary = await press(user, when_label)
    return summary.text


async def start_debrief(user: SandboxUser) -> BotMessage:
    """/debrief on the one meeting there is; returns the first question."""
    pick = await say(user, "/debrief")
    await user.press(pick, pick.labels[0])
    first = await next_new(user)
    assert "short questions" in first.text and "1/6" in first.text
    return first


async def debrief(
    user: SandboxUser, clock: Clock, name: str, answers: list[str | None]
) -> BotMessage:
    """Prep a meeting with `name` this morning, then debrief it after: each answer typed,
    or Skip pressed for None. Returns the summary."""
    assert len(answers) == DEBRIEF_STEPS
    await prep_new_contact(user, name, when="today 11:00")
    clock.advance(hours=3)
    await say(user, "/debrief")
    reply = await press(user, f"{name} · 22 Nov")
    for answer in answers:
        reply = await (press(user, "Skip") if answer is None else say(user, answer))
    assert "Debrief saved" in reply.text
    return reply


# -- rows written straight to the database -----------------------------------------------------


async def add_note(
    db: Database, owner: int, contact_id: int, slot: str, body: str, *, done: bool = False
) -> None:
    now = db.now()
    async with db.transaction() as conn:
        await execute(
            conn,
            "INSERT INTO notes (owner_id, contact_id, slot, body, created_at, done_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (owner, contact_id, slot, body, to_db_time(now), to_db_time(now) if done else None),
        )


async def follow_up(
    bot: CommonGroundApplication,
    owner: int,
    name: str = "Mira Patel",
    *,
    due_in: timedelta = timedelta(hours=1),
    reason: str | None = "You promised: send the hiring guide",
    company: str | None = "Globex",
) -> FollowUp:
    db = bot.services.db
    contact = await contacts.create_contact(db, owner, name=name, company=company)
    return await followups.create_followup(
        db,
        owner,
        contact_id=contact.id,
        kind="followup",
        due_at=bot.services.clock() + due_in,
        reason=reason,
    )


async def stored(bot: CommonGroundApplication, f: FollowUp) -> FollowUp:
    """The follow-up as it is in the database now."""
    fresh = await followups.get_followup(bot.services.db, f.owner_id, f.id)
    assert fresh is not None
    return fresh


async def everything_of(db: Database, owner: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row that belongs to `owner`, table by table."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    tables = await fetch_all(db.conn, "SELECT name FROM sqlite_master WHERE type = 'table'")
    for (table,) in tables:
        columns = {row[1] for row in await fetch_all(db.conn, f"PRAGMA table_info('{table}')")}
        key = next((c for c in ("owner_id", "chat_id") if c in columns), None)
        if table == "users":
            key = "id"
        if key is not None and table != "inbox":
            rows = await fetch_all(db.conn, f"SELECT * FROM {table} WHERE {key} = ?", (owner,))
            found[table] = sorted(tuple(row) for row in rows)
    conversations = await fetch_all(db.conn, "SELECT key, state FROM ptb_conversations")
    found["conversations"] = sorted(
        (key, state) for key, state in conversations if owner in json.loads(key)
    )
    return found
