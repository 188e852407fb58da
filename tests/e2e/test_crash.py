"""Kill -9 in the middle of a debrief: nothing the user sent is lost or stored twice."""

import asyncio
import signal
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_application, running
from bot.config import Settings
from bot.sandbox.server import SandboxServer
from bot.storage import contacts, debriefs, meetings
from bot.storage.db import Database
from tests.e2e.helpers import TOKEN, Clock, next_new, press, say
from tests.e2e.processes import COMMAND, environment
from tests.stored_notes import all_notes


async def test_killed_mid_debrief_the_user_resumes_with_every_answer_kept_once(
    sandbox: SandboxServer, settings: Settings, clock: Clock, tmp_path: Path
) -> None:
    db = Database(settings.db_path)
    await db.open()
    contact = await contacts.create_contact(db, 1001, name="Mira Patel")
    await meetings.create_meeting(
        db,
        1001,
        contact_id=contact.id,
        goal="learn",
        scheduled_at=datetime(2026, 11, 1, 10, 0, tzinfo=UTC),
    )
    await db.close()

    process = await asyncio.create_subprocess_exec(
        COMMAND,
        "run",
        env=environment(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=sandbox.url,
            COMMONGROUND_DB=str(settings.db_path),
        ),
        cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    user = sandbox.user(1001, "Ada")
    try:
        await user.send("/debrief")
        await next_new(user, within=30)
        await press(user, "Mira Patel · 1 Nov")  # the first question
        await say(user, "First answer")
        await say(user, "Second answer")
        await press(user, "Skip")  # who they suggested: nothing to store
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()

    restarted = build_application(settings, clock=clock)
    async with running(restarted):
        # The conversation itself survived: the next message answers question 4. If the
        # kill came before the Skip was recorded as handled, the press is handled again and
        # shows question 4 once more first: the bot cannot know it had reached the person.
        await user.send("Fourth answer")
        fifth = await next_new(user)
        if "4/6" in fifth.text:
            fifth = await next_new(user)
        assert "5/6" in fifth.text
        # And /debrief offers to carry on from the database's record.
        offer = await say(user, "/debrief")
        assert "4 of 6 questions answered" in offer.text
        again = await press(user, "Carry on")
        assert "5/6" in again.text
        await say(user, "Fifth answer")

        stored = await all_notes(restarted.services.db, 1001, contact.id)
        assert sorted((n.slot, n.body) for n in stored) == [
            ("advice", "Second answer"),
            ("learned", "First answer"),
            ("my_promises", "Fourth answer"),
            ("their_promises", "Fifth answer"),
        ]
        [open_one] = await debriefs.open_debriefs(restarted.services.db, 1001)
        assert open_one.next_step == 5

    # Telegram would refuse a second answer to the press handled again; the bot does not
    # try one, and nothing else may have been refused.
    assert sandbox.rejections == []
