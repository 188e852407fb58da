"""An answer handled twice: killed after storing it, before recording that.

The bot runs as `commonground run` in a subprocess. The sandbox holds back the reply that
follows an answer (the brief, the next debrief question, the debrief's summary) or Telegram's
answer to it, so the bot has stored the answer but has not yet saved the conversation's move
nor marked the update done when it is killed. At the next start the inbox hands the same
answer over again: the person gets what it led to, and nothing is stored twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from tests.e2e.helpers import next_new, press, say, skip_to_when, start_debrief
from tests.e2e.processes import BotProcess, inspect, seed_meeting, until


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    # Not conftest's: a killed bot's long poll may be refused (409) after it died.
    async with SandboxServer() as server:
        yield server


def stored(db_path: Path) -> tuple[list[str], list[tuple[str, int]]]:
    """Contact names, and each meeting's (contact name, debrief reminder), all owners."""
    with contextlib.closing(sqlite3.connect(db_path, timeout=10)) as conn:
        names = [name for (name,) in conn.execute("SELECT name FROM contacts ORDER BY id")]
        held = conn.execute(
            """SELECT c.name, m.debrief_reminder FROM meetings AS m
               JOIN contacts AS c ON c.owner_id = m.owner_id AND c.id = m.contact_id
               ORDER BY m.id"""
        ).fetchall()
    return names, [(name, reminder) for name, reminder in held]


async def test_a_final_prep_answer_handled_again_after_kill_9_stores_one_contact_and_meeting(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    user = sandbox.user(1001, "Ada")
    bot = BotProcess(sandbox, tmp_path, db_path)
    await bot.start()
    try:
        await say(user, "/prep")
        await say(user, "Mira Patel")
        await say(user, "Globex")
        await press(user, "Skip")
        await skip_to_when(user, await press(user, "Get advice"))
        # The brief reaches the person, but the bot waits for Telegram's answer to it and
        # dies there: after its writes, before the conversation moved on.
        sandbox.inject("sendMessage", delay_reply=30, chat_id=user.id)
        first = await say(user, "tomorrow 10:00")
        assert "Brief: Mira Patel, Globex" in first.text
        await bot.kill()

        await bot.start()
        # The answer is handled again: the person gets the same brief, for the same meeting.
        again = await next_new(user, within=30)
        listing = await say(user, "/contacts")
        assert [label for label in listing.labels if "Mira Patel" in label] == [
            "Mira Patel · Seed · not met yet"
        ]
        assert "Your contacts (1)" in listing.text
        assert again.text == first.text
        assert again.labels == first.labels
        await user.expect_silence(0.5)
    finally:
        await bot.stop()
    assert stored(db_path) == (["Mira Patel"], [("Mira Patel", 1)])
    # A killed bot's long poll may be refused; nothing the person would notice may be.
    assert all(r.method == "getUpdates" for r in sandbox.rejections), sandbox.rejections


async def test_a_final_prep_answer_for_a_known_contact_handled_again_stores_one_meeting(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    user = sandbox.user(1001, "Ada")
    bot = BotProcess(sandbox, tmp_path, db_path)
    await bot.start()
    try:
        await say(user, "/prep")
        await say(user, "Mira Patel")
        await press(user, "Skip")
        await press(user, "Skip")
        await skip_to_when(user, await press(user, "Learn about their field"))
        await say(user, "tomorrow 10:00")
        # A second meeting with her, picked from the list this time.
        await say(user, "/prep")
        await press(user, "Mira Patel")
        await skip_to_when(user, await press(user, "Get advice"))
        sandbox.inject("sendMessage", delay_reply=30, chat_id=user.id)
        first = await say(user, "in 3 days")
        assert "Brief: Mira Patel" in first.text
        await bot.kill()

        await bot.start()
        again = await next_new(user, within=30)
        await user.expect_silence(0.5)
    finally:
        await bot.stop()
    assert stored(db_path) == (["Mira Patel"], [("Mira Patel", 1), ("Mira Patel", 1)])
    assert again.text == first.text
    assert all(r.method == "getUpdates" for r in sandbox.rejections), sandbox.rejections


async def killed_while_sending_the_reply(
    sandbox: SandboxServer, bot: BotProcess, user: SandboxUser, answer: str
) -> None:
    """Type `answer` (or press a button: "press:<label>"); the bot stores it and dies while
    sending what comes next, which so never reaches the person."""
    sandbox.inject("sendMessage", delay=30, chat_id=user.id)
    if answer.startswith("press:"):
        await user.press(label=answer.removeprefix("press:"))
    else:
        await user.send(answer)
    await until(lambda: sandbox.pending_injections == 0)  # stored, now stuck in the send
    await bot.kill()


async def test_a_press_handled_again_after_kill_9_shows_the_question_it_led_to(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    await seed_meeting(db_path, 1001, "Mira Patel")
    user = sandbox.user(1001, "Ada")
    bot = BotProcess(sandbox, tmp_path, db_path)
    await bot.start()
    try:
        await start_debrief(user)
        await say(user, "First answer")
        assert "3/6" in (await say(user, "Second answer")).text
        await killed_while_sending_the_reply(sandbox, bot, user, "press:Skip")

        await bot.start()
        # The Skip is handled again: stored already, so the person gets the question after it.
        assert "4/6" in (await next_new(user, within=30)).text
        assert "5/6" in (await say(user, "Fourth answer")).text
        await user.expect_silence(0.5)
    finally:
        await bot.stop()
    seen = await asyncio.to_thread(inspect, db_path)
    assert seen.notes == Counter(["First answer", "Second answer", "Fourth answer"])
    assert all(r.method == "getUpdates" for r in sandbox.rejections), sandbox.rejections


# Five answers, then the follow-up; the third (who they suggested) names nobody to add.
ANSWERS = ["Answer 1", "Answer 2", "someone on her team", "Answer 4", "Answer 5"]


@pytest.mark.parametrize("last_answer", ["press:Next week", "in 2 weeks"])
async def test_a_debrief_finished_just_before_kill_9_sends_its_summary_after_the_restart(
    sandbox: SandboxServer, tmp_path: Path, last_answer: str
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    await seed_meeting(db_path, 1001, "Mira Patel")
    user = sandbox.user(1001, "Ada")
    bot = BotProcess(sandbox, tmp_path, db_path)
    await bot.start()
    try:
        await start_debrief(user)
        for answer in ANSWERS:
            asked = await say(user, answer)
        assert "6/6" in asked.text
        await killed_while_sending_the_reply(sandbox, bot, user, last_answer)

        await bot.start()
        summary = await next_new(user, within=30)
        assert "Debrief saved: Mira Patel" in summary.text
        assert "What you learned: Answer 1" in summary.text
        assert "Follow-up:" in summary.text
        await user.expect_silence(0.5)
    finally:
        await bot.stop()
    seen = await asyncio.to_thread(inspect, db_path)
    assert seen.notes == Counter(ANSWERS)
    assert seen.finished_without_one_follow_up == 0
    assert all(r.method == "getUpdates" for r in sandbox.rejections), sandbox.rejections
