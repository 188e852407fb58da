"""build_application: the one factory that production, the terminal chat, tests and
benchmarks all use, so they all exercise the same wiring."""

from __future__ import annotations

import functools
import ssl
import warnings
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import httpx
from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    BaseUpdateProcessor,
    ContextTypes,
    Defaults,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBUserWarning

from bot.coaching.dates import date_order
from bot.coaching.playbooks import Library, load_library
from bot.config import Settings
from bot.handlers import register
from bot.ptb.application import CommonGroundApplication, Context, Services
from bot.ptb.concurrency import PerUserUpdateProcessor
from bot.ptb.inbox import DurableUpdateQueue, UpdatesRequest
from bot.ptb.persistence import SqlitePersistence
from bot.ptb.ratelimit import RetryingRateLimiter
from bot.reminders.sweep import schedule as schedule_reminders
from bot.render import Renderer
from bot.storage import inbox
from bot.storage.db import Database

# Updates handled at once (from different users; one user's stay in order). Past a few dozen
# the single SQLite writer is the limit, not this.
CONCURRENT_UPDATES = 32

# Bot API calls go through PTB's own transport (HTTPXRequest, as ApplicationBuilder builds it),
# which takes proxies (HTTPS_PROXY, NO_PROXY, ...) and CA files (SSL_CERT_FILE) from the
# environment as httpx does. Connections for the calls of handlers and jobs (getUpdates has
# its own one, as in PTB): the bot makes at most about 36 calls a second (Telegram's 30
# sends plus button answers), which 8 connections carry up to about 200 ms a call; more
# would only hold sockets open. If Telegram's limits are ever lifted for this bot (paid
# broadcasts), this must grow too.
CONNECTIONS = 8
# A call waits this long for a free connection before it fails. PTB's 1 s is too short when
# Telegram answers slowly and the calls of CONCURRENT_UPDATES updates queue for CONNECTIONS.
POOL_TIMEOUT = 30.0

COMMANDS = (
    "prep",
    "debrief",
    "note",
    "contacts",
    "contact",
    "search",
    "followups",
    "digest",
    "export",
    "forget",
    "playbooks",
    "start",
    "help",
    "cancel",
)

# The updates the handlers answer: messages, their edits and button presses (in private chats,
# see bot/handlers/private.py), and my_chat_member, to leave a group someone adds the bot to.
# Telegram then does not send the rest at all (business chats, channel posts, inline queries);
# the privacy gate does not rely on that.
ALLOWED_UPDATES = (
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
)

# Our conversations mix buttons and typed answers per user, not per message; PTB warns
# about exactly that combination on every start.
warnings.filterwarnings("ignore", message=r".*per_message=False.*", category=PTBUserWarning)


@functools.cache
def tls() -> ssl.SSLContext:
    """One TLS context for both connection pools, with the CA files httpx would pick
    (SSL_CERT_FILE, SSL_CERT_DIR, else certifi's): reading them is most of what a pool costs
    to make, and each would otherwise read them again."""
    return httpx.create_ssl_context()


def utc_now() -> datetime:
    return datetime.now(UTC)


def shifted_clock(today: date, zone: tzinfo = UTC) -> Callable[[], datetime]:
    """The real clock moved by whole days so that it reads `today` in `zone` (the user's):
    someone trying the bot can play a meeting next week and its follow-up weeks later in one
    afternoon, each answer stamped with the day it belongs to."""
    shift = timedelta(days=(today - utc_now().astimezone(zone).date()).days)
    return lambda: utc_now() + shift


def build_application(
    settings: Settings,
    *,
    library: Library | None = None,
    render: Renderer | None = None,
    clock: Callable[[], datetime] = utc_now,
    rate_limiter: BaseRateLimiter[Any] | None = None,
    update_processor: BaseUpdateProcessor | None = None,
) -> CommonGroundApplication:
    """Raises LibraryError for invalid playbooks and ConfigError without a token.

    Benchmarks and tests may swap the rate limiter (Telegram's 30 messages a second is not
    what they measure) or the update processor (to compare with sequential processing), and
    pass the playbooks and templates they read once for many runs of the bot.
    """
    db = Database(settings.db_path, clock=clock)
    updates = DurableUpdateQueue(db)
    services = Services(
        settings=settings,
        db=db,
        library=library or load_library(settings.playbooks_dir),
        render=render or Renderer(settings.prompts_dir),
        clock=clock,
    )
    application = (
        ApplicationBuilder()
        .application_class(CommonGroundApplication, kwargs={"services": services})
        .context_types(ContextTypes(context=Context))
        .token(settings.require_token())
        .base_url(f"{settings.api_url}/bot")
        .base_file_url(f"{settings.api_url}/file/bot")
        .request(
            HTTPXRequest(
                connection_pool_size=CONNECTIONS,
                pool_timeout=POOL_TIMEOUT,
                httpx_kwargs={"verify": tls()},
            )
        )
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.timezone))
        .persistence(SqlitePersistence(db))
        .update_queue(updates)
        .get_updates_request(
            UpdatesRequest(
                updates, HTTPXRequest(connection_pool_size=1, httpx_kwargs={"verify": tls()})
            )
        )
        .rate_limiter(rate_limiter or RetryingRateLimiter(max_retries=3))
        .concurrent_updates(update_processor or PerUserUpdateProcessor(CONCURRENT_UPDATES))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    assert isinstance(application, CommonGroundApplication)
    register(application)
    return application


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    assert isinstance(application, CommonGroundApplication)
    db = application.services.db
    await db.open()
    # Updates acknowledged to Telegram but not handled before the last stop come first.
    await inbox.prune(db, application.services.clock())
    assert isinstance(application.update_queue, DurableUpdateQueue)
    await application.update_queue.restore(application.bot)
    render = application.services.render
    await application.bot.set_my_commands(
        [BotCommand(command, render.label(f"commands.{command}")) for command in COMMANDS]
    )
    # The zones' countries (day or month first) are read on first use: now, not in a /prep.
    date_order(application.services.settings.timezone)
    # Deliver what fell due while the bot was down, then keep delivering (the sweep job).
    schedule_reminders(application)


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    assert isinstance(application, CommonGroundApplication)
    await application.services.db.close()


async def start(
    application: Application[Any, Any, Any, Any, Any, Any],
    *,
    allowed_updates: Sequence[str] = ALLOWED_UPDATES,
) -> None:
    """What `run_polling` does before its loop runs, hooks included, for any Application (the
    benchmarks' echo bot too). After a failure part-way, `stop` undoes what was done."""
    updater = application.updater
    assert updater is not None
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await updater.start_polling(
        poll_interval=0.0, timeout=10, allowed_updates=list(allowed_updates)
    )
    await application.start()


async def stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Undo `start`, from wherever it got to."""
    updater = application.updater
    if updater is not None and updater.running:
        await updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
    if application.post_shutdown:
        await application.post_shutdown(application)


@asynccontextmanager
async def running(
    application: Application[Any, Any, Any, Any, Any, Any],
    *,
    allowed_updates: Sequence[str] = ALLOWED_UPDATES,
) -> AsyncIterator[None]:
    """Poll inside an event loop that someone else owns (chat, tests, benchmarks)."""
    try:
        await start(application, allowed_updates=allowed_updates)
        yield
    finally:
        await stop(application)
