from bot.app import build_application, running
from bot.config import Settings
from bot.sandbox.server import SandboxServer
from bot.storage import contacts
from tests.e2e.conftest import Clock, press, say


async def test_a_restart_in_the_middle_of_prep_continues_where_the_user_was(
    sandbox: SandboxServer, settings: Settings, clock: Clock
) -> None:
    user = sandbox.user(1001, "Ada")
    async with running(build_application(settings, clock=clock)):
        await say(user, "/prep")
        await say(user, "Mira Patel")
        await say(user, "Globex")
        await press(user, "Skip")
        when = await press(user, "Get advice")
        assert "When do you meet?" in when.text

    restarted = build_application(settings, clock=clock)
    async with running(restarted):
        brief = await say(user, "tomorrow 10:00")
        assert "Brief: Mira Patel, Globex" in brief.text
        assert "Get advice" in brief.text
        stored = await contacts.recent_contacts(restarted.services.db, user.id)
        assert [c.name for c in stored] == ["Mira Patel"]
        # Nothing the first run had already answered comes round a second time.
        await user.expect_silence()
