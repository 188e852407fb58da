"""kill -9 at random moments under load: what the bot acknowledged is kept, once.

The bot runs as `commonground run` in a subprocess against the sandbox, which records which
updates it handed out and which the bot confirmed (a later getUpdates offset). Telegram
forgets a confirmed update for good, so from then on the bot alone answers for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.sandbox.server import SandboxServer
from bot.sandbox.user import BotMessage, NoBotReplyError, SandboxUser
from bot.storage import contacts, followups, meetings
from bot.storage.db import Database
from tests.e2e.helpers import next_new, say, start_debrief
from tests.e2e.processes import (
    BotProcess,
    inspect,
    seed_meeting,
    until,
)

SEED = 20261122
KILLS = 20
DEBRIEFERS = (101, 102, 103, 104)
MEETINGS_EACH = 25
REMINDED = 900
REMINDERS = ("Rita Alpha", "Rita Bravo", "Rita Charlie", "Rita Delta", "Rita Echo")
# A person whose answer got no reply for this long asks for their debrief again.
STALL = 3.0
QUESTION = re.compile(r"(\d+)/(\d+) · ")
ANSWER = re.compile(r"^u\d+ answer \d+$")


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    # Not conftest's: a killed bot's long poll may be refused (409) after it died.
    async with SandboxServer() as server:
        yield server


@dataclass
class Debriefer:
    """Someone debriefing meeting after meeting as fast as the bot lets them.

    They answer the question the bot shows (sometimes typing the next answer ahead, as people
    do), press "Next week" on the date question, and when an answer gets no reply for a
    while they send /debrief and carry on from what the bot says it has. A question asked
    again (the bot handled an update twice around a crash) is not answered again. Every
    answer text is unique, so the database shows exactly which arrived.
    """

    user: SandboxUser
    rng: random.Random
    answers: dict[int, str] = field(default_factory=dict)
    """update_id -> answer text, for everything typed as an answer."""
    acted_on: set[int] = field(default_factory=set)
    covered: int = 0
    """Questions up to this number of the current debrief are answered already."""
    last_action: float = 0.0
    done: bool = False
    """Set to end run(): Python 3.11's wait_for can swallow a cancellation that arrives as
    its wait times out, which would leave this loop running."""

    async def run(self) -> None:
        while not self.done:
            await self._act()
            with contextlib.suppress(NoBotReplyError):
                await self.user.next_event(timeout=0.3)

    async def _act(self) -> None:
        now = time.monotonic()
        messages = self.user.messages
        latest = messages[-1] if messages else None
        if latest is None or latest.message_id in self.acted_on:
            if now - self.last_action > STALL:
                await self._send("/debrief")
            return
        self.acted_on.add(latest.message_id)
        question = QUESTION.search(latest.text)
        if question is not None and latest.buttons:
            number, total = int(question.group(1)), int(question.group(2))
            if number <= self.covered:
                return
            if number == total:  # the date question
                self.covered = number
                await self._press(latest, "Next week")
                return
            await self._answer()
            self.covered = number
            if number + 1 < total and self.rng.random() < 0.3:
                await self._answer()
                self.covered = number + 1
        elif "Carry on" in latest.labels:
            self.covered = 0
            await self._press(latest, "Carry on")
        elif meetings_offered := [label for label in latest.labels if " · " in label]:
            self.covered = 0
            await self._press(latest, meetings_offered[0])
        elif latest.labels == ["Someone else"]:
            pass  # every meeting debriefed
        else:
            await self._send("/debrief")

    async def _answer(self) -> None:
        text = f"u{self.user.id} answer {len(self.answers) + 1}"
        await self._send(text)
        self.answers[self.user.update_ids[-1]] = text

    async def _send(self, text: str) -> None:
        await asyncio.sleep(self.rng.uniform(0, 0.03))
        await self.user.send(text)
        self.last_action = time.monotonic()

    async def _press(self, message: BotMessage, label: str) -> None:
        await asyncio.sleep(self.rng.uniform(0, 0.03))
        await self.user.press(message, label)
        self.last_action = time.monotonic()


async def seed(db_path: Path, now: datetime) -> None:
    db = Database(db_path)
    await db.open()
    try:
        for owner in DEBRIEFERS:
            for number in range(MEETINGS_EACH):
                contact = await contacts.create_contact(db, owner, name=f"P{owner}-{number:02d}")
                await meetings.create_meeting(
                    db,
                    owner,
                    contact_id=contact.id,
                    goal="learn",
                    # Long past: no debrief offers, only what the person asks for.
                    scheduled_at=now - timedelta(days=30 + number),
                )
        for index, name in enumerate(REMINDERS):
            contact = await contacts.create_contact(db, REMINDED, name=name)
            await followups.create_followup(
                db,
                REMINDED,
                contact_id=contact.id,
                kind="followup",
                # Falling due one after another while the bot is being killed.
                due_at=now + timedelta(seconds=3 * index),
                reason=f"reason {index}",
            )
    finally:
        await db.close()


def _first_at_risk(kills: list[Kill], uid: int) -> int:
    return next((k.number for k in kills if uid in k.at_risk), 0)


@dataclass
class Kill:
    number: int
    at_risk: set[int]
    """Answers acknowledged to Telegram but not (yet) in the database when the bot died."""


async def test_an_answer_acknowledged_while_the_bot_was_busy_survives_kill_9(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    await seed_meeting(db_path, 1001, "Mira Patel")
    user = sandbox.user(1001, "Ada")
    bot = BotProcess(sandbox, tmp_path, db_path)
    await bot.start()
    try:
        await start_debrief(user)
        assert "2/6" in (await say(user, "First answer")).text
        # Telegram is slow to take the reply to the next answer; meanwhile the person types
        # on, and the bot fetches that too and confirms it to Telegram.
        sandbox.inject("sendMessage", delay=5, chat_id=user.id)
        await user.send("Second answer")
        await until(lambda: sandbox.pending_injections == 0)  # stuck sending the reply
        await user.send("Third answer")
        third = user.update_ids[-1]
        await until(lambda: sandbox.world.confirmed(third))
        await bot.kill()

        await bot.start()
        # Both answers were kept, and the conversation goes on from the third.
        assert "3/6" in (await next_new(user)).text
        assert "4/6" in (await next_new(user)).text
        await user.expect_silence(0.5)
        assert "5/6" in (await say(user, "Fourth answer")).text
    finally:
        await bot.stop()
    assert sandbox.rejections == []
    seen = await asyncio.to_thread(inspect, db_path, REMINDED)
    assert seen.integrity == ["ok"]
    assert seen.notes == Counter(["First answer", "Second answer", "Third answer", "Fourth answer"])


async def test_a_press_handled_again_after_kill_9_does_not_derail_the_debrief(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    await seed_meeting(db_path, 1001, "Mira Patel")
    user = sandbox.user(1001, "Ada")
    bot = BotProcess(sandbox, tmp_path, db_path)
    await bot.start()
    try:
        pick = await say(user, "/debrief")
        # The press is handled to the end (the first question delivered), but the bot dies
        # waiting for Telegram's answer to that send: before it could record that the
        # press was done. At the next start it handles the press again.
        sandbox.inject("sendMessage", delay_reply=2, chat_id=user.id)
        await user.press(pick, pick.labels[0])
        assert "1/6" in (await next_new(user)).text
        await bot.kill()

        await bot.start()
        await user.send("First answer")
        said: list[str] = []
        with contextlib.suppress(NoBotReplyError):
            while not any("2/6" in text for text in said):
                said.append((await next_new(user)).text)
        assert not any("went wrong" in text or "still waiting" in text for text in said), said
        assert any("2/6" in text for text in said), said
    finally:
        await bot.stop()
    seen = await asyncio.to_thread(inspect, db_path, REMINDED)
    assert seen.integrity == ["ok"]
    assert seen.notes == Counter(["First answer"])


async def test_random_kills_under_load_lose_nothing_acknowledged_and_store_nothing_twice(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    began = time.monotonic()
    rng = random.Random(SEED)
    db_path = tmp_path / "bot.sqlite3"
    await seed(db_path, datetime.now(UTC))
    reminded = sandbox.user(REMINDED, "Rita")
    people = [
        Debriefer(sandbox.user(uid, f"U{uid}"), random.Random(rng.random())) for uid in DEBRIEFERS
    ]
    bot = BotProcess(sandbox, tmp_path, db_path)
    kills: list[Kill] = []
    # Only a guard against hanging: a run takes about 100 s with the other core busy.
    async with asyncio.timeout(400):
        tasks = [asyncio.create_task(person.run()) for person in people]
        try:
            for number in range(1, KILLS + 1):
                await bot.start()
                await asyncio.sleep(rng.uniform(0.05, 1.5))
                await bot.kill()
                kills.append(await after_kill(number, sandbox, people, db_path))
            # The last start: no more kills, and the people finish what they were doing.
            await bot.start()
            await asyncio.sleep(1.5)
        finally:
            for person in people:
                person.done = True
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if bot.process is not None and bot.process.returncode is None:
                await settled(sandbox, db_path)
                await bot.stop()

    seen = await asyncio.to_thread(inspect, db_path, REMINDED)
    answers = {uid: text for person in people for uid, text in person.answers.items()}
    lost = sorted(
        uid
        for uid, text in answers.items()
        if sandbox.world.confirmed(uid) and not seen.notes[text] and not refused(sandbox, uid)
    )
    report = {
        "seconds": round(time.monotonic() - began, 1),
        "kills": len(kills),
        "answers typed": len(answers),
        "answers stored": sum(1 for text in answers.values() if seen.notes[text]),
        "acknowledged, not yet stored at a kill": sum(len(k.at_risk) for k in kills),
        "lost": len(lost),
        "lost at kills (acknowledged, unhandled)": sorted(
            {_first_at_risk(kills, uid) for uid in lost} - {0}
        ),
        "lost after a restart (handled, not stored)": sum(
            1 for uid in lost if not _first_at_risk(kills, uid)
        ),
        "what the bot said after each lost answer": {
            answers[uid]: said_after(sandbox, uid) for uid in lost
        },
        "reminders sent twice": sum(
            1
            for name in REMINDERS
            if sum(f"Follow up with {name}" in m.text for m in reminded.messages) > 1
        ),
        "refused calls": dict(Counter(f"{r.method} {r.status}" for r in sandbox.rejections)),
    }
    print("\nkill -9 run:", report)

    assert seen.integrity == ["ok"]
    assert [body for body, count in seen.notes.items() if count > 1] == [], report
    assert all(ANSWER.match(body) for body in seen.notes), "a note nobody typed"
    assert seen.finished_without_one_follow_up == 0
    # Reminders: each one that fell due went out (at least once) and is marked delivered.
    assert set(seen.reminders) == set(REMINDERS)
    for name, (delivered, cancelled) in seen.reminders.items():
        assert delivered is not None and cancelled is None, name
        assert any(f"Follow up with {name}" in m.text for m in reminded.messages), name
    # The load was real: every person got through several questions.
    for person in people:
        assert sum(1 for text in person.answers.values() if seen.notes[text]) >= 10
    assert lost == [], report


async def after_kill(
    number: int, sandbox: SandboxServer, people: list[Debriefer], db_path: Path
) -> Kill:
    """Check the database the killed bot left, and note what it had acknowledged."""
    seen = await asyncio.to_thread(inspect, db_path, REMINDED)
    assert seen.integrity == ["ok"], f"after kill {number}"
    doubled = [body for body, count in seen.notes.items() if count > 1]
    assert doubled == [], f"after kill {number}: stored twice"
    return Kill(
        number,
        {
            uid
            for person in people
            for uid, text in person.answers.items()
            if sandbox.world.confirmed(uid) and not seen.notes[text]
        },
    )


async def settled(sandbox: SandboxServer, db_path: Path) -> None:
    """Wait (bounded) until the bot fetched everything sent and every reminder went out."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        seen = await asyncio.to_thread(inspect, db_path, REMINDED)
        if sandbox.world.pending_update_count == 0 and all(
            delivered for delivered, _ in seen.reminders.values()
        ):
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)  # handling what was fetched last


def refused(sandbox: SandboxServer, uid: int) -> bool:
    """The bot told the person it could not take this text (not a date, say)."""
    text = sandbox.world.history[uid]["message"]["text"]
    return any(f"“{text}”" in said for said in said_after(sandbox, uid))


def said_after(sandbox: SandboxServer, uid: int) -> list[str]:
    """The bot's next messages in the chat after the person's update `uid`."""
    message = sandbox.world.history[uid]["message"]
    chat = sandbox.world.chats[message["chat"]["id"]]
    later = [m for m in chat.bot_messages() if m.message_id > message["message_id"]]
    return [m.describe()[:100] for m in later[:3]]
