"""Picking the contact a flow is about: typed names, matches, "someone new"."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update

from bot.handlers.common import Button, owner_id, reply, toast
from bot.handlers.context import Context
from bot.storage import contacts
from bot.storage.contacts import Contact

MAX_NAME = 100
SHOWN = 6


def contact_label(contact: Contact) -> str:
    return f"{contact.name} · {contact.company}" if contact.company else contact.name


def contact_buttons(flow: str, people: Sequence[Contact]) -> list[list[Button]]:
    return [[(contact_label(c), f"{flow}:contact:{c.id}")] for c in people[:SHOWN]]


async def typed_name(update: Update, context: Context) -> str | None:
    """The name as typed, spaces tidied; None (after saying why) when it can't be a name."""
    assert update.message is not None and update.message.text is not None
    name = " ".join(update.message.text.split())
    if not name or len(name) > MAX_NAME:
        await reply(update, context, "prep/bad_name", max_length=str(MAX_NAME))
        return None
    return name


async def offer_matches(update: Update, context: Context, flow: str, name: str) -> bool:
    """If contacts with this name exist, ask which one (or someone new); False if none."""
    matches = await contacts.find_contacts(context.services.db, owner_id(update), name)
    if not matches:
        return False
    buttons = contact_buttons(flow, matches)
    buttons.append([(context.services.render.label("someone_new", name=name), f"{flow}:new")])
    await reply(update, context, "prep/pick_match", buttons, name=name, count=len(matches))
    return True


async def pressed_contact(update: Update, context: Context) -> Contact | None:
    """The contact a `<flow>:contact:<id>` button names, if it is the user's own."""
    assert update.callback_query is not None and update.callback_query.data is not None
    contact_id = int(update.callback_query.data.rsplit(":", 1)[1])
    contact = await contacts.get_contact(context.services.db, owner_id(update), contact_id)
    if contact is None:
        # Someone else's id, a deleted contact or forged data: reveal nothing about it.
        await toast(update, context, "not_found")
    return contact
