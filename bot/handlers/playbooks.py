"""/playbooks, and the prep playbooks a user adds by sending a YAML file.

A user's playbook is checked by the same parser as the library's files, and it joins only
that user's library: their briefs use it, nobody else's do.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePath
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.coaching.playbook_parse import Parsed, parse_playbook_bytes
from bot.coaching.playbooks import Library, Playbook, PlaybookError
from bot.handlers.common import owner_id, reply
from bot.ptb.application import Context, Services
from bot.storage import playbooks as stored


async def library_for(services: Services, owner: int) -> Library:
    """The library with the owner's own prep playbooks before the built-in ones: between
    playbooks that fit a meeting equally well, the one they wrote for their meetings wins."""
    own = await stored.own_playbooks(services.db, owner)
    if not own:
        return services.library
    parsed: list[Playbook] = []
    for playbook in own:
        try:
            parsed.append(
                replace(_parse(playbook.id, playbook.source.encode("utf-8")).playbook, own=True)
            )
        except PlaybookError:
            continue  # accepted when sent; a stricter parser since then leaves it out
    return replace(services.library, prep=(*parsed, *services.library.prep))


def _parse(name: str, data: bytes) -> Parsed:
    return parse_playbook_bytes(Path(PurePath(name).name), data)


async def add_playbook(update: Update, context: Context, file_name: str, data: bytes) -> None:
    services = context.services
    owner = owner_id(update)
    try:
        parsed = _parse(file_name, data)
        _check_own(parsed, services.library)
    except PlaybookError as error:
        await reply(update, context, "playbooks/refused", problems=[_problem(error)])
        return
    playbook = parsed.playbook
    own = await stored.own_playbooks(services.db, owner)
    source = data.decode("utf-8").removeprefix("\ufeff")
    await stored.save_playbook(
        services.db, owner, stored.OwnPlaybook(playbook.id, playbook.title, source)
    )
    await reply(
        update,
        context,
        "playbooks/added",
        id=playbook.id,
        title=playbook.title,
        replaced=any(p.id == playbook.id for p in own),
    )


def _check_own(parsed: Parsed, library: Library) -> None:
    playbook = parsed.playbook
    path = Path(playbook.source)
    if playbook.kind != "prep":
        raise PlaybookError(
            path, parsed.kind_line, "kind: only prep playbooks can be added; the debrief is shared"
        )
    if any(p.id == playbook.id for p in (*library.prep, library.debrief)):
        raise PlaybookError(
            path, parsed.id_line, f"id: '{playbook.id}' is a built-in playbook; choose another"
        )


def _problem(error: PlaybookError) -> str:
    """`line: what is wrong`, as the person sees the file."""
    return f"{error.line}: {error.message}"


async def show_playbooks(update: Update, context: Context) -> None:
    services = context.services
    own = await stored.own_playbooks(services.db, owner_id(update))
    await reply(update, context, "playbooks/list", built_in=services.library.prep, own=own)


HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CommandHandler("playbooks", show_playbooks),
]
