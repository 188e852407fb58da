"""Two contacts who are one person, made one from the card: Edit → "Merge with…", then who
(typed, through the one name resolver, or picked from likely duplicates), then a confirmation
saying what moves. The card's contact is kept unless the user picks the other.

The confirmation's buttons outlive the conversation (`contact:` is a lasting prefix): each
press loads both contacts by the presser's id, so a forged id or one merged already changes
nothing and gets the same answer.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.coaching import names
from bot.coaching.duplicates import likely_duplicate
from bot.coaching.names import Verdict
from bot.handlers import who
from bot.handlers.common import (
    TYPED,
    Button,
    answer_query,
    button_id,
    clear_drafts,
    draft,
    owner_id,
    reply,
    toast,
)
from bot.handlers.contacts import CONTACT, open_card_flow, pressed_contact, send_card, swap_keyboard
from bot.ptb.application import Context
from bot.storage import contacts, merge
from bot.storage.contacts import Contact

MERGE = "contacts.merge"
SHOWN = 5
# How many contacts sharing a first name are looked at for likely duplicates.
LOOKED_AT = 20

# The two contacts a merge button names: the one kept, then the other.
_PAIR = rf"{CONTACT}:(?P<other>\d{{1,18}})"


async def begin(update: Update, context: Context) -> str | None:
    """contact:merge:<id>: who else is this? Returning None leaves any conversation as it was."""
    contact = await open_card_flow(update, context, "merge")
    if contact is None:
        return None
    likely = await _likely_duplicates(context, contact)
    await reply(
        update,
        context,
        "contacts/merge_who",
        _choices(context, contact, likely),
        name=contact.name,
        offered=bool(likely),
    )
    return MERGE


async def typed_other(update: Update, context: Context) -> int | str:
    """The other contact's name, typed: one likely match is confirmed, several listed."""
    assert update.message is not None and update.message.text is not None
    contact = await _merging(update, context)
    if contact is None:
        clear_drafts(context)
        await reply(update, context, "contacts/gone")
        return ConversationHandler.END
    text = " ".join(update.message.text.split())[: who.MAX_NAME]
    found = await who.resolve(
        context.services.db, contact.owner_id, names.reference(text), shown=SHOWN + 1
    )
    others = [c for c in found.people if c.id != contact.id][:SHOWN]
    if not others:
        await reply(update, context, "contacts/merge_no_match", query=text, name=contact.name)
        return MERGE
    one = found.verdict is Verdict.ONE and found.people[0].id != contact.id
    if one or len(others) == 1:
        clear_drafts(context)
        await _confirm(update, context, contact, others[0])
        return ConversationHandler.END
    await reply(
        update,
        context,
        "contacts/merge_pick",
        _choices(context, contact, others),
        query=text,
        name=contact.name,
    )
    return MERGE


async def picked_other(update: Update, context: Context) -> None:
    """contact:merging:<keep>:<other>: the confirmation for these two."""
    pair = await _pressed_pair(update, context)
    if pair is None:
        return
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    await swap_keyboard(update.callback_query, None)
    await _confirm(update, context, *pair)


async def picked_other_in_flow(update: Update, context: Context) -> int:
    """As picked_other, while a name could still be typed: that question is answered."""
    clear_drafts(context)
    await picked_other(update, context)
    return ConversationHandler.END


async def confirmed(update: Update, context: Context) -> None:
    """contact:merged:<keep>:<other>: merge, and show the kept card with everything on it."""
    pair = await _pressed_pair(update, context)
    if pair is None:
        return
    keep, gone = pair
    query = update.callback_query
    assert query is not None
    kept = await merge.merge_contacts(context.services.db, keep.owner_id, keep.id, gone.id)
    if kept is None:  # merged or deleted between the check and now
        await toast(update, context, "merge_gone")
        return
    await answer_query(query)
    await swap_keyboard(query, None)
    notice = context.services.render.label("contacts.merged", name=gone.name)
    await send_card(update, context, kept, notice)


async def cancelled(update: Update, context: Context) -> None:
    """contact:mergeno:<id>: nothing changes."""
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    await swap_keyboard(update.callback_query, None)
    await reply(update, context, "contacts/merge_cancelled", name=contact.name)


async def cancelled_in_flow(update: Update, context: Context) -> int:
    clear_drafts(context)
    await cancelled(update, context)
    return ConversationHandler.END


# -- shared pieces ---------------------------------------------------------------------------


async def _confirm(update: Update, context: Context, keep: Contact, gone: Contact) -> None:
    moving = await merge.moving(context.services.db, keep.owner_id, gone.id)
    label = context.services.render.label
    buttons: list[list[Button]] = [
        [
            (label("contacts.merge_yes"), f"contact:merged:{keep.id}:{gone.id}"),
            (label("contacts.merge_no"), f"contact:mergeno:{keep.id}"),
        ],
        [(label("contacts.merge_swap", name=gone.name), f"contact:merging:{gone.id}:{keep.id}")],
    ]
    await reply(
        update,
        context,
        "contacts/merge_confirm",
        buttons,
        keep=who.contact_label(keep),
        gone=gone.name,
        moving=moving,
    )


def _choices(context: Context, contact: Contact, others: list[Contact]) -> list[list[Button]]:
    """A button per contact `contact` may be merged with, and Cancel."""
    cancel = (context.services.render.label("contacts.merge_no"), f"contact:mergeno:{contact.id}")
    return [
        *(
            [(who.contact_label(other), f"contact:merging:{contact.id}:{other.id}")]
            for other in others
        ),
        [cancel],
    ]


async def _likely_duplicates(context: Context, contact: Contact) -> list[Contact]:
    """The owner's other contacts likely to be this one: the same first name, the same name,
    or one name the start of the other."""
    db = context.services.db
    mine = contacts.fold(contact.name)
    first = mine.split()[0] if mine else ""
    found: dict[int, Contact] = {}
    for query in dict.fromkeys((contact.name, first)):
        for _, other in await contacts.rank_contacts(db, contact.owner_id, query, limit=LOOKED_AT):
            found.setdefault(other.id, other)
    return [
        other
        for other in found.values()
        if other.id != contact.id and likely_duplicate(mine, contacts.fold(other.name))
    ][:SHOWN]


async def _merging(update: Update, context: Context) -> Contact | None:
    contact_id = draft(context, "merge").get("contact_id")
    if contact_id is None:
        return None
    return await contacts.get_contact(context.services.db, owner_id(update), int(contact_id))


async def _pressed_pair(update: Update, context: Context) -> tuple[Contact, Contact] | None:
    """The two contacts a `contact:<action>:<keep>:<other>` button names, if both are the
    presser's and still there; otherwise one answer for all, revealing nothing."""
    db, owner = context.services.db, owner_id(update)
    keep = await contacts.get_contact(db, owner, button_id(context, "contact"))
    other = await contacts.get_contact(db, owner, button_id(context, "other"))
    if keep is None or other is None or keep.id == other.id:
        await toast(update, context, "merge_gone")
        return None
    return keep, other


ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(begin, pattern=rf"^contact:merge:{CONTACT}$"),
]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    MERGE: [
        CallbackQueryHandler(picked_other_in_flow, pattern=rf"^contact:merging:{_PAIR}$"),
        CallbackQueryHandler(cancelled_in_flow, pattern=rf"^contact:mergeno:{CONTACT}$"),
        MessageHandler(TYPED, typed_other),
    ],
}
# Outside the conversation: a confirmation works whatever else is going on.
HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(picked_other, pattern=rf"^contact:merging:{_PAIR}$"),
    CallbackQueryHandler(confirmed, pattern=rf"^contact:merged:{_PAIR}$"),
    CallbackQueryHandler(cancelled, pattern=rf"^contact:mergeno:{CONTACT}$"),
]
