import json

from bot.app import build_application, running
from bot.config import Settings
from bot.sandbox.server import SandboxServer
from bot.storage import contacts, inbox
from bot.storage.db import Database
from tests.e2e.helpers import Clock, next_new, press, say, skip_to_when


async def test_a_restart_in_the_middle_of_prep_continues_where_the_user_was(
    sandbox: SandboxServer, settings: Settings, clock: Clock
) -> None:
    user = sandbox.user(1001, "Ada")
    async with running(build_application(settings, clock=clock)):
        await say(user, "/prep")
        await say(user, "Mira Patel")
        await say(user, "Globex")
        await press(user, "Skip")
        await skip_to_when(user, await press(user, "Get advice"))

    restarted = build_application(settings, clock=clock)
    async with running(restarted):
        brief = await say(user, "tomorrow 10:00")
        assert "Brief: Mira Patel, Globex" in brief.text
        assert "Get advice" in brief.text
        stored = await contacts.recent_contacts(restarted.services.db, user.id)
        assert [c.name for c in stored] == ["Mira Patel"]
        # Nothing the first run had already answered comes round a second time.
        await user.expect_silence()


async def test_an_update_acknowledged_but_not_handled_before_a_crash_is_answered_at_start(
    sandbox: SandboxServer, settings: Settings, clock: Clock
) -> None:
    user = sandbox.user(1001, "Ada")
    db = Database(settings.db_path)
    await db.open()
    # What the inbox holds when the bot died right after fetching "/help" from Telegram.
    sent = {
        "update_id": 41,
        "message": {
            "message_id": 9,
            "date": 1795000000,
            "chat": {"id": 1001, "type": "private", "first_name": "Ada"},
            "from": {"id": 1001, "is_bot": False, "first_name": "Ada"},
            "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }
    await inbox.receive(db, [(41, 1001, json.dumps(sent))])
    await db.close()

    restarted = build_application(settings, clock=clock)
    async with running(restarted):
        reply = await next_new(user)
        assert "/prep" in reply.text and "/debrief" in reply.text
        await user.expect_silence()
        assert await inbox.pending(restarted.services.db) == []
