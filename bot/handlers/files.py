"""Files sent to the bot, and contacts shared with it: contacts to import, playbooks to add.

A file is refused before it is downloaded when its kind or its size is wrong, and a file
that does not parse changes nothing: each importer stores everything or nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import PurePath
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.coaching.address_book import shared_contact
from bot.handlers import playbooks
from bot.handlers.common import owner_id, reply
from bot.imports import READERS, Outcome, UnreadableFile, import_file, import_people
from bot.portability.json_import import ImportRefused, import_export
from bot.ptb.application import Context

log = logging.getLogger(__name__)

# Telegram lets a bot download up to 20 MB. A phone's address book of thousands of contacts
# fits in a few megabytes unless most cards carry a photo, LinkedIn's CSV of them in less;
# the whole file is held in memory while it is read. Bigger address books go through
# `commonground import`, which has no limit.
MAX_FILE_BYTES = 5 * 1024 * 1024

Importer = Callable[[Update, Context, str, bytes], Awaitable[None]]


async def import_contacts(update: Update, context: Context, file_name: str, data: bytes) -> None:
    try:
        outcome = await import_file(context.services.db, owner_id(update), file_name, data)
    except UnreadableFile as problem:
        await refuse(update, context, problem.reason, problem.detail)
        return
    await tell(update, context, PurePath(file_name).name, outcome)


async def import_own_export(update: Update, context: Context, file_name: str, data: bytes) -> None:
    """A JSON file from /export, this bot's or another's running Common Ground."""
    services = context.services
    try:
        report = await import_export(services.db, owner_id(update), data, services.clock())
    except ImportRefused as problem:
        await refuse(update, context, "bad_export", str(problem))
        return
    await reply(
        update,
        context,
        "imports/export_done",
        source=PurePath(file_name).name,
        added=dict(report.added),
        merged=report.merged,
        skipped=sum(report.skipped.values()),
        settings_taken=report.settings_taken,
    )


IMPORTERS: dict[str, Importer] = {
    **dict.fromkeys(READERS, import_contacts),
    ".json": import_own_export,
    ".yaml": playbooks.add_playbook,
    ".yml": playbooks.add_playbook,
}
"""Every kind of file the bot takes, by its name's ending; what the refusal of any other
kind lists."""


async def receive_file(update: Update, context: Context) -> None:
    message = update.effective_message
    document = message.document if message else None
    if document is None:
        return
    file_name = document.file_name or ""
    importer = IMPORTERS.get(PurePath(file_name).suffix.lower())
    if importer is None:
        await refuse(update, context, "wrong_type")
        return
    # Before downloading: Telegram says how big a document is.
    if document.file_size is not None and document.file_size > MAX_FILE_BYTES:
        await refuse(update, context, "too_big")
        return
    file = await context.bot.get_file(document.file_id)
    data = bytes(await file.download_as_bytearray())
    if len(data) > MAX_FILE_BYTES:
        await refuse(update, context, "too_big")
        return
    await importer(update, context, file_name, data)


async def receive_contact(update: Update, context: Context) -> None:
    """A contact shared from the person's address book in Telegram."""
    message = update.effective_message
    shared = message.contact if message else None
    if shared is None:
        return
    person = shared_contact(shared.first_name, shared.last_name, shared.phone_number, shared.vcard)
    outcome = await import_people(context.services.db, owner_id(update), [person])
    await tell(update, context, person.name if person else shared.first_name, outcome)


async def tell(update: Update, context: Context, source: str, outcome: Outcome) -> None:
    await reply(
        update,
        context,
        "imports/done",
        source=source,
        added=outcome.added,
        merged=outcome.merged,
        skipped=outcome.skipped_total,
        reasons=outcome.skipped,
    )


async def refuse(update: Update, context: Context, problem: str, detail: str = "") -> None:
    await reply(
        update,
        context,
        "imports/refused",
        problem=problem,
        detail=detail,
        supported=sorted(IMPORTERS),
        limit_mb=MAX_FILE_BYTES // (1024 * 1024),
    )


# Outside a conversation only: inside one, a file is not an answer and gets the nudge.
HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    MessageHandler(filters.UpdateType.MESSAGE & filters.Document.ALL, receive_file),
    MessageHandler(filters.UpdateType.MESSAGE & filters.CONTACT, receive_contact),
]
