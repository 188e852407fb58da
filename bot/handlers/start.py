"""/start: what to call you and your time zone. Safe to run again to change either."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.coaching.own_name import read_own_name, says_keep
from bot.coaching.zones import COMMON_ZONES, resolve_zone, stored_zone
from bot.handlers.common import (
    TYPED,
    Button,
    answer_query,
    button_value,
    clear_drafts,
    draft,
    owner_id,
    reply,
    settle_button,
)
from bot.ptb.application import Context
from bot.storage import users

NAME = "start.name"
TIMEZONE = "start.timezone"

MAX_NAME = 64


async def begin(update: Update, context: Context) -> str:
    user = await users.ensure_user(context.services.db, owner_id(update))
    telegram_name = update.effective_user.first_name if update.effective_user else ""
    clear_drafts(context)
    current = user.name if user.onboarded and user.name else telegram_name
    draft(context, "start").update(timezone=user.timezone, current_name=current)
    buttons = [[(context.services.render.label("keep_name", name=current), "start:keepname")]]
    await reply(
        update,
        context,
        "start/welcome",
        buttons if current else None,
        returning=user.onboarded,
        name=user.name or current,
    )
    return NAME


async def keep_name(update: Update, context: Context) -> str:
    name = str(draft(context, "start")["current_name"])
    await settle_button(update, context, name)
    return await _ask_timezone(update, context, name)


async def typed_name(update: Update, context: Context) -> str:
    assert update.message is not None and update.message.text is not None
    name = read_own_name(update.message.text)
    if name is None:
        # "keep it", "same": the name offered, as its button would.
        name = str(draft(context, "start")["current_name"])
    if not name or len(name) > MAX_NAME:
        await reply(update, context, "start/bad_name", max_length=str(MAX_NAME))
        return NAME
    return await _ask_timezone(update, context, name)


async def _ask_timezone(update: Update, context: Context, name: str) -> str:
    answers = draft(context, "start")
    answers["name"] = name
    render = context.services.render
    zones = list(COMMON_ZONES)
    rows: list[list[Button]] = []
    if answers["timezone"]:
        rows.append([(render.label("keep_timezone", zone=answers["timezone"]), "start:keeptz")])
    rows += [[(zone, f"start:tz:{zone}") for zone in zones[i : i + 2]] for i in range(0, 9, 2)]
    await reply(update, context, "start/timezone", rows, name=name)
    return TIMEZONE


async def kept_timezone(update: Update, context: Context) -> int | str:
    return await _picked_zone(update, context, draft(context, "start")["timezone"] or "")


async def picked_timezone(update: Update, context: Context) -> int | str:
    return await _picked_zone(update, context, button_value(context, "zone"))


async def _picked_zone(update: Update, context: Context, picked: str) -> int | str:
    assert update.callback_query is not None
    zone = stored_zone(picked)
    if zone is None:
        # Forged or outdated data: ask again rather than store a zone we can't use.
        await answer_query(update.callback_query)
        await reply(update, context, "start/bad_timezone", text=picked)
        return TIMEZONE
    await settle_button(update, context, zone)
    return await _finish(update, context, zone)


async def typed_timezone(update: Update, context: Context) -> int | str:
    assert update.message is not None and update.message.text is not None
    kept = draft(context, "start")["timezone"]
    zone = stored_zone(kept) if kept and says_keep(update.message.text) else None
    zone = zone or resolve_zone(update.message.text)
    if zone is None:
        await reply(update, context, "start/bad_timezone", text=update.message.text[:64])
        return TIMEZONE
    return await _finish(update, context, zone)


async def _finish(update: Update, context: Context, zone: str) -> int:
    name = str(draft(context, "start")["name"])
    await users.save_profile(context.services.db, owner_id(update), name=name, timezone=zone)
    clear_drafts(context)
    await reply(update, context, "start/done", name=name, timezone=zone)
    return ConversationHandler.END


ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [CommandHandler("start", begin)]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    NAME: [
        CallbackQueryHandler(keep_name, pattern=r"^start:keepname$"),
        MessageHandler(TYPED, typed_name),
    ],
    TIMEZONE: [
        CallbackQueryHandler(kept_timezone, pattern=r"^start:keeptz$"),
        CallbackQueryHandler(picked_timezone, pattern=r"^start:tz:(?P<zone>.+)$"),
        MessageHandler(TYPED, typed_timezone),
    ],
}
