"""Picking the contact a flow is about: typed names, matches, "someone new".

This is the one name resolver every flow uses: /prep, /debrief and /contact NAME read a
typed name with coaching.names.reference, and `resolve` finds the contacts it may mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from telegram import Update

from bot.coaching import names
from bot.coaching.names import Decision, Reference, Verdict
from bot.handlers.common import Button, button_id, draft, owner_id, reply, toast
from bot.ptb.application import Context
from bot.storage import contacts
from bot.storage.contacts import Contact
from bot.storage.db import Database

MAX_NAME = 100
SHOWN = 6


def contact_label(contact: Contact) -> str:
    return f"{contact.name} · {contact.company}" if contact.company else contact.name


def contact_buttons(flow: str, people: Sequence[Contact]) -> list[list[Button]]:
    return [[(contact_label(c), f"{flow}:contact:{c.id}")] for c in people[:SHOWN]]


async def resolve(
    db: Database, owner: int, person: Reference, *, shown: int = SHOWN, archived: bool = False
) -> Decision[Contact]:
    """The owner's contacts `person` may mean, and whether one of them is the likely one."""
    ranked = await contacts.rank_contacts(
        db,
        owner,
        person.sought,
        at=person.company,
        whole=person.typed,
        archived=archived,
        limit=shown + 1,  # one more than shown: enough to know there are more
    )
    return names.decide([(rank.likelihood, contact) for rank, contact in ranked], shown)


async def typed_name(update: Update, context: Context) -> str | None:
    """The name as typed, spaces tidied; None (after saying why) when it can't be a name."""
    assert update.message is not None and update.message.text is not None
    name = " ".join(update.message.text.split())
    if not name or len(name) > MAX_NAME:
        await reply(update, context, "prep/bad_name", max_length=str(MAX_NAME))
        return None
    return name


async def offer_matches(update: Update, context: Context, flow: str, person: Reference) -> bool:
    """Offer the contact `person` likely is, or the several it may be, each with "someone
    new" beside it; False when nobody fits."""
    found = await resolve(context.services.db, owner_id(update), person)
    wanted = draft(context, flow)
    wanted.pop("offered", None)
    if found.verdict is Verdict.NONE:
        return False
    label = context.services.render.label
    new = [(label("someone_new", name=person.name), f"{flow}:new")]
    if found.verdict is Verdict.ONE:
        [contact] = found.people
        # Kept so that a typed "yes" takes it too.
        wanted["offered"] = contact.id
        buttons = [[(label("yes"), f"{flow}:contact:{contact.id}")], new]
        await reply(update, context, "prep/pick_match", buttons, one=contact, name=person.name)
        return True
    buttons = [*contact_buttons(flow, found.people), new]
    await reply(
        update,
        context,
        "prep/pick_match",
        buttons,
        one=None,
        name=person.name,
        count=len(found.people),
        more=found.more,
    )
    return True


def offered(update: Update, context: Context, flow: str) -> Literal["yes", "new"] | None:
    """A typed yes or no to "Is that Dana Okafor?" while it is offered (the contact's id is
    in the draft's "offered"); None for any other text, which is a name again."""
    assert update.message is not None and update.message.text is not None
    if draft(context, flow).get("offered") is None:
        return None
    return names.offer_reply(update.message.text)


async def offered_contact(update: Update, context: Context, flow: str) -> Contact | None:
    """The contact offered in this flow, if it is still there."""
    contact_id = draft(context, flow).pop("offered", None)
    if contact_id is None:
        return None
    return await contacts.get_contact(context.services.db, owner_id(update), int(contact_id))


async def pressed_contact(update: Update, context: Context) -> Contact | None:
    """The contact a `<flow>:contact:(?P<contact>...)` button names, if it is the user's own."""
    contact_id = button_id(context, "contact")
    contact = await contacts.get_contact(context.services.db, owner_id(update), contact_id)
    if contact is None:
        # Someone else's id, a deleted contact or forged data: reveal nothing about it.
        await toast(update, context, "not_found")
    return contact
