"""COMMONGROUND_ALLOWED_USERS: the bot works for the people listed, and anyone else gets a
polite refusal and leaves no trace in the database (no user row, no conversation state, not
even the update they sent, once it is answered)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application, running
from bot.coaching.playbooks import Library
from bot.config import Settings
from bot.ptb.application import CommonGroundApplication
from bot.reminders.sweep import deliver_due
from bot.render import Renderer
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups
from bot.storage.db import Database, fetch_all
from tests.e2e.helpers import Clock, next_new, say

ADA, STRANGER = 1001, 3003
REFUSAL = "this Common Ground bot is private"
PHONE = (Path(__file__).resolve().parent.parent / "fixtures" / "phone_contacts.vcf").read_bytes()


@pytest.fixture
async def bot(
    settings: Settings, clock: Clock, library: Library, renderer: Renderer
) -> AsyncIterator[CommonGroundApplication]:
    allowed = replace(settings, allowed_users=frozenset({ADA}))
    application = build_application(allowed, library=library, render=renderer, clock=clock)
    async with running(application):
        yield application


async def every_row(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, full-text index tables included."""
    tables = await fetch_all(db.conn, "SELECT name FROM sqlite_master WHERE type = 'table'")
    return {
        table: sorted(map(tuple, await fetch_all(db.conn, f'SELECT * FROM "{table}"')), key=repr)
        for (table,) in tables
    }


async def handled_and_gone(db: Database, update_ids: list[int]) -> None:
    """Wait (a guard, not a measure) until the bot has finished with these updates."""
    marks = ",".join("?" * len(update_ids))
    for _ in range(500):
        rows = await fetch_all(
            db.conn, f"SELECT update_id FROM inbox WHERE update_id IN ({marks})", update_ids
        )
        if not rows:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"updates still in the inbox: {[row[0] for row in rows]}")


async def test_a_stranger_is_refused_politely_and_nothing_about_them_is_stored(
    sandbox: SandboxServer, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    ada = sandbox.user(ADA, "Ada")
    await say(ada, "/start")
    assert "Which time zone" in (await say(ada, "Ada")).text
    before = await every_row(db)

    stranger: SandboxUser = sandbox.user(STRANGER, "Mallory")
    for text in ("/start", "Mallory Smith", "/prep", "/contacts", "/playbooks"):
        answer = await say(stranger, text)
        assert REFUSAL in answer.text and "Nothing you send here is kept" in answer.text
    await stranger.upload("Contacts.vcf", PHONE, "text/x-vcard")
    assert REFUSAL in (await next_new(stranger)).text
    await stranger.share_contact("+1 415 555 0142", "Dana", "Okafor")
    assert REFUSAL in (await next_new(stranger)).text
    assert sandbox.calls["getFile"] == 0

    await handled_and_gone(db, stranger.update_ids)
    assert await every_row(db) == before

    # Ada's notebook works as before.
    assert "helps you prepare" in (await say(ada, "/help")).text


async def test_someone_taken_off_the_allowlist_gets_no_more_reminders(
    sandbox: SandboxServer, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    former = sandbox.user(STRANGER, "Former")  # was allowed once: their data is still here
    kept = await contacts.create_contact(db, STRANGER, name="Mira Patel")
    due = await followups.create_followup(
        db, STRANGER, contact_id=kept.id, kind="followup", due_at=clock.now, reason="the deck"
    )
    ada = sandbox.user(ADA, "Ada")
    mine = await contacts.create_contact(db, ADA, name="Sam Lee")
    await followups.create_followup(
        db, ADA, contact_id=mine.id, kind="followup", due_at=clock.now, reason="the deck"
    )
    assert await deliver_due(bot) == 1
    assert "Follow up with Sam Lee" in (await next_new(ada)).text
    await former.expect_silence(0.5)
    stopped = await followups.get_followup(db, STRANGER, due.id)
    assert stopped is not None and not stopped.is_open
    assert await deliver_due(bot) == 0
