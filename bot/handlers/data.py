"""Your data, yours: /export sends it all as files, /forget deletes a contact or everything.

/export answers at once, mid-conversation too. /forget is a flow of the shared conversation
(it replaces any flow under way): it finds the contact with the one name resolver, says what
would go, and deletes only on a press of the confirmation it sent this user, which carries a
one-time code kept in their draft. A press from an older confirmation, another chat or a
forged request finds no matching code and changes nothing.
"""

from __future__ import annotations

import secrets
from typing import Any

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
)

from bot.coaching import names
from bot.coaching.names import Verdict
from bot.handlers import who
from bot.handlers.common import (
    button_value,
    clear_drafts,
    draft,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.portability.export import export_data
from bot.portability.formats import FORMATS, export_file
from bot.ptb.application import Context
from bot.storage import forget
from bot.storage.contacts import Contact

PICK = "forget.pick"
CONFIRM = "forget.confirm"

DRAFT = "forget"
EVERYTHING = "all"
MAX_QUERY = 100

# -- /export ----------------------------------------------------------------------------------


async def export_command(update: Update, context: Context) -> None:
    services = context.services
    now = services.clock()
    # One transaction: a reminder the sweep writes meanwhile is in the file whole or not at all.
    async with services.db.transaction() as conn:
        document = await export_data(conn, owner_id(update), now)
    if document["settings"] is None and not document["contacts"]:
        await reply(update, context, "data/export_empty")
        raise ApplicationHandlerStop  # a conversation under way carries on
    assert update.effective_chat is not None
    render = services.render
    for kind in FORMATS:
        name, content = export_file(document, kind, now, render.label)
        caption = render.message(
            "data/export_caption",
            kind=kind,
            contacts=len(document["contacts"]),
            meetings=len(document["meetings"]),
            notes=len(document["notes"]),
        )
        await context.bot.send_document(
            update.effective_chat.id, content, filename=name, caption=caption
        )
    raise ApplicationHandlerStop


# -- /forget ----------------------------------------------------------------------------------


async def forget_command(update: Update, context: Context) -> str | int:
    """/forget NAME: that contact, after confirming; /forget alone: offers everything."""
    clear_drafts(context)
    query = " ".join(context.args or []).strip()[:MAX_QUERY]
    label = context.services.render.label
    if not query:
        buttons = [
            [(label("forget.everything"), f"forget:{EVERYTHING}")],
            [(label("forget.keep"), "forget:no")],
        ]
        await reply(update, context, "data/forget_ask", buttons)
        return PICK
    db = context.services.db
    owner = owner_id(update)
    person = names.reference(query)
    found = await who.resolve(db, owner, person)
    if found.verdict is Verdict.NONE:
        found = await who.resolve(db, owner, person, archived=True)
    if found.verdict is Verdict.NONE:
        await reply(update, context, "data/forget_no_match", query=query)
        return ConversationHandler.END
    if found.verdict is Verdict.ONE:
        return await _confirm(update, context, found.people[0])
    buttons = [*who.contact_buttons("forget", found.people), [(label("forget.keep"), "forget:no")]]
    await reply(update, context, "data/forget_pick", buttons, query=query, more=found.more)
    return PICK


async def picked_contact(update: Update, context: Context) -> str | None:
    contact = await who.pressed_contact(update, context)
    if contact is None:
        return None
    await settle_button(update, context, who.contact_label(contact))
    return await _confirm(update, context, contact)


async def picked_everything(update: Update, context: Context) -> str:
    await settle_button(update, context, context.services.render.label("forget.everything"))
    return await _confirm(update, context, None)


async def _confirm(update: Update, context: Context, contact: Contact | None) -> str:
    db = context.services.db
    owner = owner_id(update)
    if contact is None:
        amount = await forget.about_everything(db, owner)
    else:
        amount = await forget.about_contact(db, owner, contact.id)
    code = secrets.token_hex(8)
    draft(context, DRAFT).update(
        target=EVERYTHING if contact is None else contact.id,
        name=None if contact is None else contact.name,
        code=code,
    )
    label = context.services.render.label
    yes = (
        label("forget.yes_everything")
        if contact is None
        else label("forget.yes_contact", name=contact.name)
    )
    buttons = [[(yes, f"forget:yes:{code}")], [(label("forget.keep"), "forget:no")]]
    await reply(
        update,
        context,
        "data/forget_confirm",
        buttons,
        contact=None if contact is None else who.contact_label(contact),
        amount=amount,
    )
    return CONFIRM


async def confirmed(update: Update, context: Context) -> str | int | None:
    code = button_value(context, "code")
    wanted = draft(context, DRAFT)
    if not wanted.get("code") or not secrets.compare_digest(str(wanted["code"]), code):
        await toast(update, context, "stale")  # not the confirmation this user was sent
        return None
    db = context.services.db
    owner = owner_id(update)
    label = context.services.render.label
    target, name = wanted["target"], wanted.get("name")
    # Drafts may quote what is being forgotten (a name typed in /prep, say).
    clear_drafts(context)
    if target == EVERYTHING:
        await forget.forget_everything(db, owner, through_update=update.update_id)
        await settle_button(update, context, label("forget.done"))
        await reply(update, context, "data/forgotten", contact=None)
        return ConversationHandler.END
    # Gone already (forgotten from another confirmation) is as good as done.
    await forget.forget_contact(db, owner, int(target), through_update=update.update_id)
    await settle_button(update, context, label("forget.done"))
    await reply(update, context, "data/forgotten", contact=str(name))
    return ConversationHandler.END


async def kept(update: Update, context: Context) -> int:
    clear_drafts(context)
    await settle_button(update, context, context.services.render.label("forget.keep"))
    await reply(update, context, "data/forget_kept")
    return ConversationHandler.END


# Answer even mid-conversation, which then carries on (see followups.COMMANDS).
COMMANDS: list[BaseHandler[Update, Context, Any]] = [CommandHandler("export", export_command)]
ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [CommandHandler("forget", forget_command)]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    PICK: [
        CallbackQueryHandler(picked_contact, pattern=r"^forget:contact:(?P<contact>\d{1,18})$"),
        CallbackQueryHandler(picked_everything, pattern=f"^forget:{EVERYTHING}$"),
        CallbackQueryHandler(kept, pattern=r"^forget:no$"),
    ],
    CONFIRM: [
        CallbackQueryHandler(confirmed, pattern=r"^forget:yes:(?P<code>[0-9a-f]{1,32})$"),
        CallbackQueryHandler(kept, pattern=r"^forget:no$"),
    ],
}
