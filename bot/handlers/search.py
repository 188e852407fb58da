"""/search WORDS: what you noted, about anyone, found by the beginnings of words."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.handlers.common import TYPED, Button, owner_id, reply, send_long
from bot.ptb.application import Context
from bot.storage import search as index
from bot.storage.search import MARK_END, MARK_START, Hit

QUERY = "search.query"

MAX_TEXT = 200
SHOWN = 10


async def begin(update: Update, context: Context) -> str | None:
    """/search WORDS answers at once and leaves any conversation as it was; /search alone
    asks what to look for and takes the next message as the answer."""
    text = " ".join(context.args or [])
    if not text.strip():
        await reply(update, context, "search/ask")
        return QUERY
    await _answer(update, context, text)
    return None


async def typed(update: Update, context: Context) -> int:
    assert update.message is not None and update.message.text is not None
    await _answer(update, context, update.message.text)
    return ConversationHandler.END


async def _answer(update: Update, context: Context, text: str) -> None:
    text = " ".join(text.split())[:MAX_TEXT]
    result = await index.search(context.services.db, owner_id(update), text, limit=SHOWN)
    if not result.words:
        await reply(update, context, "search/no_words")
        return
    if not result.hits:
        await reply(update, context, "search/none", query=text)
        return
    render = context.services.render
    groups: dict[int, dict[str, Any]] = {}
    for hit in result.hits:
        group = groups.setdefault(hit.contact_id, {"name": hit.contact_name, "lines": []})
        group["lines"].append((_hit_label(context, hit), snippet_segments(hit.snippet)))
    buttons: list[list[Button]] = [
        [(group["name"], f"contact:open:{contact_id}")] for contact_id, group in groups.items()
    ]
    html = render.message(
        "search/results",
        query=text,
        total=result.total,
        capped=result.capped,
        groups=list(groups.values()),
        more=result.total - len(result.hits),
    )
    await send_long(update, context, html, buttons)


def _hit_label(context: Context, hit: Hit) -> str:
    render = context.services.render
    if hit.slot is None:
        return render.label("search.profile")
    try:
        return render.label(f"slots.{hit.slot}")
    except (KeyError, TypeError):
        return hit.slot.replace("_", " ").capitalize()


def snippet_segments(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, matched) runs; the template escapes the text and bolds the matches.

    Markers that do not pair up (a note may contain the marker characters itself) cannot
    break the markup: they only switch bold on or off, and are never shown.
    """
    segments: list[tuple[str, bool]] = []
    marked = False
    start = 0
    text = " ".join(snippet.split())
    for index_, char in enumerate(text):
        if char in (MARK_START, MARK_END):
            if index_ > start:
                segments.append((text[start:index_], marked))
            marked = char == MARK_START
            start = index_ + 1
    if start < len(text):
        segments.append((text[start:], marked))
    return segments


ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [CommandHandler("search", begin)]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    QUERY: [MessageHandler(TYPED, typed)],
}
