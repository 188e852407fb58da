"""How you know a contact, changed from their card: Edit → "How you know them", then a tap
or words as in /prep ("my old boss", "she introduced me, Maria Lopez"), and who introduced
you when that is the answer and no name came with it. The stage follows, as in /prep.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.coaching.answers import is_nothing
from bot.coaching.names import Verdict, reference
from bot.coaching.situation import (
    RELATIONSHIPS,
    is_last_talked,
    is_relationship,
    stage_for,
)
from bot.coaching.situation_words import RelationshipReading, read_relationship
from bot.handlers import who
from bot.handlers.common import (
    TYPED,
    Button,
    button_value,
    clear_drafts,
    draft,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.handlers.contacts import CONTACT, open_card_flow, pressed_contact, send_card
from bot.ptb.application import Context
from bot.storage import contacts
from bot.storage.contacts import Acquaintance, Contact

KNOWS = "contacts.knows"
INTRODUCER = "contacts.knows_introducer"


PICKED = rf"^contact:knows:{CONTACT}:(?P<relationship>[a-z_]{{1,24}})$"


async def begin(update: Update, context: Context) -> str | None:
    """contact:knows:<id>: how do you know them? Returning None leaves any flow as it was."""
    contact = await open_card_flow(update, context, "knows")
    if contact is None:
        return None
    return await _ask(update, context, contact)


async def _ask(
    update: Update, context: Context, contact: Contact, unread: str | None = None
) -> str:
    label = context.services.render.label
    options: list[Button] = [
        (label(f"relationships.{r}"), f"contact:knows:{contact.id}:{r}") for r in RELATIONSHIPS
    ]
    rows = [options[i : i + 2] for i in range(0, len(options), 2)]
    await reply(update, context, "prep/relationship", rows, name=contact.name, unread=unread)
    return KNOWS


async def picked(update: Update, context: Context) -> int | str:
    """contact:knows:<id>:<relationship>, during the question or after: the button names
    the contact, loaded by the presser's id."""
    relationship = button_value(context, "relationship")
    if not is_relationship(relationship):
        await toast(update, context, "stale")
        return KNOWS
    contact = await pressed_contact(update, context)
    if contact is None:
        return ConversationHandler.END
    draft(context, "knows")["contact_id"] = contact.id
    await settle_button(
        update, context, context.services.render.label(f"relationships.{relationship}")
    )
    return await _took(update, context, contact, RelationshipReading(relationship))


async def typed(update: Update, context: Context) -> int | str:
    assert update.message is not None and update.message.text is not None
    contact = await _contact(update, context)
    if contact is None:
        return await _gone(update, context)
    text = update.message.text
    reading = read_relationship(text)
    if reading is None:
        return await _ask(update, context, contact, unread=text)
    return await _took(update, context, contact, reading)


async def _took(
    update: Update, context: Context, contact: Contact, reading: RelationshipReading
) -> int | str:
    if reading.relationship == "introduced" and reading.introducer is None:
        draft(context, "knows")["last_talked"] = reading.last_talked
        await reply(update, context, "contacts/knows_introducer", name=contact.name)
        return INTRODUCER
    introducer = await _introducer(update, context, contact, reading.introducer)
    return await _save(update, context, contact, reading, introducer)


async def typed_introducer(update: Update, context: Context) -> int | str:
    assert update.message is not None and update.message.text is not None
    contact = await _contact(update, context)
    if contact is None:
        return await _gone(update, context)
    talked = draft(context, "knows").get("last_talked")
    reading = RelationshipReading("introduced", talked if is_last_talked(talked) else None)
    if is_nothing(update.message.text):
        return await _save(update, context, contact, reading, (None, None))
    name = await who.typed_name(update, context)
    if name is None:
        return INTRODUCER
    introducer = await _introducer(update, context, contact, name)
    return await _save(update, context, contact, reading, introducer)


async def _introducer(
    update: Update, context: Context, contact: Contact, name: str | None
) -> tuple[str | None, int | None]:
    """The introducer as one of your contacts when the name is likely one, else as typed."""
    if name is None:
        return None, None
    person = reference(name)
    found = await who.resolve(context.services.db, owner_id(update), person)
    [known] = found.people if found.verdict is Verdict.ONE else [None]
    if known is not None and known.id != contact.id:
        return known.name, known.id
    return person.name, None


async def _save(
    update: Update,
    context: Context,
    contact: Contact,
    reading: RelationshipReading,
    introducer: tuple[str | None, int | None],
) -> int:
    clear_drafts(context)
    relationship = reading.relationship
    # Words that say when you last talked win; otherwise what was said before still holds,
    # except for someone never met.
    kept = contact.last_talked if is_last_talked(contact.last_talked) else None
    talked = None if relationship == "never_met" else (reading.last_talked or kept)
    name, introducer_id = introducer if relationship == "introduced" else (None, None)
    known = Acquaintance(
        relationship=relationship,
        last_talked=talked,
        introducer=name,
        introducer_id=introducer_id,
    )
    stage = stage_for(relationship, talked).stage
    changed = await contacts.update_contact(
        context.services.db, owner_id(update), contact.id, known=known, stage=stage
    )
    if changed is None:
        return await _gone(update, context)
    render = context.services.render
    notice = render.label(
        "contacts.saved_knows", stage=render.label(f"contacts.stage_names.{stage}")
    )
    await send_card(update, context, changed, notice)
    return ConversationHandler.END


async def _contact(update: Update, context: Context) -> Contact | None:
    contact_id = draft(context, "knows").get("contact_id")
    if contact_id is None:
        return None
    return await contacts.get_contact(context.services.db, owner_id(update), int(contact_id))


async def _gone(update: Update, context: Context) -> int:
    clear_drafts(context)
    await reply(update, context, "contacts/gone")
    return ConversationHandler.END


ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(begin, pattern=rf"^contact:knows:{CONTACT}$"),
]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    KNOWS: [
        CallbackQueryHandler(picked, pattern=PICKED),
        MessageHandler(TYPED, typed),
    ],
    INTRODUCER: [MessageHandler(TYPED, typed_introducer)],
}
# A relationship button pressed once the question is no longer the current step still works.
HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(picked, pattern=PICKED),
]
