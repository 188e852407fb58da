"""The real Application polling the sandbox Bot API server, played by scripted users."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import build_application, running
from bot.config import Settings, load_settings
from bot.ptb.application import CommonGroundApplication
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import BotMessage, SandboxUser

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


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as server:
        yield server
        # Every call the bot made must be one Telegram would have accepted.
        assert server.rejections == []


@pytest.fixture
def settings(tmp_path: Path, sandbox: SandboxServer) -> Settings:
    return load_settings(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": sandbox.url,
            "COMMONGROUND_DB": str(tmp_path / "bot.sqlite3"),
            "COMMONGROUND_TZ": "Europe/Berlin",
        },
        env_file=tmp_path / ".env",
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(settings: Settings, clock: Clock) -> AsyncIterator[CommonGroundApplication]:
    application = build_application(settings, clock=clock)
    async with running(application):
        yield application


@pytest.fixture
def user(sandbox: SandboxServer, bot: CommonGroundApplication) -> SandboxUser:
    return sandbox.user(1001, "Ada")


@pytest.fixture
def other_user(sandbox: SandboxServer, bot: CommonGroundApplication) -> SandboxUser:
    return sandbox.user(2002, "Grace")


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
