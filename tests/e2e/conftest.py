"""The real Application polling the sandbox Bot API server, played by scripted users."""

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_application, running
from bot.coaching.playbooks import DEFAULT_PLAYBOOKS_DIR, Library, load_library
from bot.config import PROJECT_ROOT, Settings, load_settings
from bot.ptb.application import CommonGroundApplication
from bot.render import Renderer
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from tests.e2e.helpers import TOKEN, Clock


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as server:
        yield server
        # Every call the bot made must be one Telegram would have accepted.
        assert server.rejections == []


@pytest.fixture
def settings(tmp_path: Path, sandbox: SandboxServer, migrated_db: Path) -> Settings:
    shutil.copyfile(migrated_db, tmp_path / "bot.sqlite3")
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


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped playbooks, read and checked once per run rather than at every start of
    the bot (most of a start's time); tests of loading them start the bot without it."""
    return load_library(DEFAULT_PLAYBOOKS_DIR)


@pytest.fixture(scope="session")
def renderer() -> Renderer:
    """The shipped templates, each compiled once per run rather than once per test."""
    return Renderer(PROJECT_ROOT / "prompts")


@pytest.fixture
async def bot(
    settings: Settings, clock: Clock, library: Library, renderer: Renderer
) -> AsyncIterator[CommonGroundApplication]:
    application = build_application(settings, library=library, render=renderer, clock=clock)
    async with running(application):
        yield application


@pytest.fixture
def user(sandbox: SandboxServer, bot: CommonGroundApplication) -> SandboxUser:
    return sandbox.user(1001, "Ada")


@pytest.fixture
def other_user(sandbox: SandboxServer, bot: CommonGroundApplication) -> SandboxUser:
    return sandbox.user(2002, "Grace")
