"""/note: what happened between meetings, noted without a debrief.

"/note Farah: she's hiring a junior analyst" notes it at once; "/note" alone asks who, then
what; "Add a note" on a contact's card asks what. A line typed outside any conversation that
starts with a contact's name ("Update on Farah: ...", "Farah emailed me ...") is offered as a
note instead of being turned away. The note is news to ask about in the next brief, or, when
it says a promise was kept, that promise marked done. Each is stored when it arrives.
"""

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

from bot.coaching import names
from bot.coaching.answers import is_nothing
from bot.coaching.memory import excerpt
from bot.coaching.names import Verdict
from bot.coaching.news import (
    NEWS_SLOT,
    NoteLine,
    kept_promise,
    leading_names,
    note_slots,
    read_note_line,
)
from bot.handlers import who
from bot.handlers.common import (
    TYPED,
    answer_query,
    clear_drafts,
    draft,
    nudge_at,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.ptb.application import Context
from bot.storage import contacts, notes
from bot.storage.contacts import Contact

WHO = "note.who"
WHAT = "note.what"

FLOW = "note"
MAX_NOTE = 2000
"""Characters kept of one note: a few paragraphs; a brief quotes far less."""


# -- /note and the card's button -------------------------------------------------------------


async def begin(update: Update, context: Context) -> str | int:
    """/note, /note NAME, or /note NAME: what happened."""
    clear_drafts(context)
    typed = " ".join(context.args or [])
    if not typed:
        await reply(update, context, "note/who")
        return WHO
    line = read_note_line(typed)
    if line is None:
        # "/note Farah got the job": the name is the words a contact is called by.
        named = await _named_first(context, owner_id(update), typed)
        if named is not None:
            contact, words = named
            news = typed[len(words) :].lstrip(" ,;")
            if not news:
                return await _ask_what(update, context, contact)
            return await _save(update, context, contact, news)
        line = NoteLine(typed, "", True)
    return await _about(update, context, line)


async def from_card(update: Update, context: Context) -> str | int | None:
    """ "Add a note" on a contact's card."""
    contact = await who.pressed_contact(update, context)
    if contact is None:
        return None
    clear_drafts(context)
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    return await _ask_what(update, context, contact)


async def typed_who(update: Update, context: Context) -> str | int:
    assert update.message is not None and update.message.text is not None
    line = read_note_line(update.message.text) or NoteLine(update.message.text, "", True)
    return await _about(update, context, line)


async def typed_what(update: Update, context: Context) -> str | int:
    assert update.message is not None and update.message.text is not None
    contact_id = draft(context, FLOW).get("contact_id")
    contact = (
        await contacts.get_contact(context.services.db, owner_id(update), int(contact_id))
        if contact_id is not None
        else None
    )
    if contact is None:
        await reply(update, context, "prep/contact_gone")
        clear_drafts(context)
        return ConversationHandler.END
    return await _save(update, context, contact, update.message.text)


async def _about(update: Update, context: Context, line: NoteLine) -> str | int:
    """The person `line` names, found among the contacts: the note saved (or asked for),
    a pick among several, or an offer to add someone new."""
    name = " ".join(line.name.split())
    if not name or len(name) > who.MAX_NAME:
        await reply(update, context, "prep/bad_name", max_length=str(who.MAX_NAME))
        return WHO
    person = names.reference(name)
    found = await who.resolve(context.services.db, owner_id(update), person)
    wanted = draft(context, FLOW)
    wanted.update(name=person.name, company=person.company, role=person.role, body=line.body)
    if found.verdict is Verdict.ONE:
        [contact] = found.people
        if line.body:
            return await _save(update, context, contact, line.body)
        return await _ask_what(update, context, contact)
    label = context.services.render.label
    add = [(label("note.add", name=person.name), "note:add"), (label("note.no"), "note:no")]
    if found.verdict is Verdict.SEVERAL:
        buttons = [*who.contact_buttons(FLOW, found.people), add]
        await reply(update, context, "note/pick", buttons, name=person.name, more=found.more)
        return WHO
    await reply(update, context, "note/unknown", [add], name=person.name)
    return WHO


async def picked(update: Update, context: Context) -> str | int | None:
    """One of several contacts a name may mean, under /note or an offered note."""
    if not draft(context, FLOW).get("name"):
        await toast(update, context, "stale")
        return None
    contact = await who.pressed_contact(update, context)
    if contact is None:
        return None
    await settle_button(update, context, contact.name)
    body = draft(context, FLOW).get("body")
    if body:
        return await _save(update, context, contact, str(body))
    return await _ask_what(update, context, contact)


async def add_contact(update: Update, context: Context) -> str | int | None:
    """ "Add NAME": a new contact for the name typed, and the note on them."""
    wanted = draft(context, FLOW)
    if not wanted.get("name"):
        await toast(update, context, "stale")
        return None
    render = context.services.render
    await settle_button(update, context, render.label("note.add", name=wanted["name"]))
    contact = await contacts.create_contact(
        context.services.db,
        owner_id(update),
        name=str(wanted["name"]),
        company=wanted.get("company"),
        role=wanted.get("role"),
    )
    if wanted.get("body"):
        return await _save(update, context, contact, str(wanted["body"]))
    return await _ask_what(update, context, contact)


async def _ask_what(update: Update, context: Context, contact: Contact) -> str:
    draft(context, FLOW)["contact_id"] = contact.id
    await reply(update, context, "note/what", name=contact.name)
    return WHAT


async def _save(update: Update, context: Context, contact: Contact, text: str) -> int:
    """Store the note, as news or as a promise kept, and say which."""
    clear_drafts(context)
    body = " ".join(text.split())[:MAX_NOTE]
    if not body or is_nothing(body):
        await reply(update, context, "note/nothing", name=contact.name)
        return ConversationHandler.END
    services = context.services
    db, owner, now = services.db, owner_id(update), services.clock()
    promises = await notes.open_promises(db, owner, contact.id)
    kept = kept_promise(
        body,
        [p.body for p in promises],
        contact.name,
        theirs=[p.slot == "their_promises" for p in promises],
    )
    if kept is not None:
        promise = promises[kept.index]
        # News first: stored once per update, so a crash before the promise is marked loses
        # nothing, and a replay marks it.
        if kept.more:
            await notes.add_news(db, owner, contact.id, NEWS_SLOT, body, now, update.update_id)
        await notes.mark_promise_kept(db, owner, contact.id, promise.id, now)
        await reply(
            update,
            context,
            "note/saved",
            name=contact.name,
            kept=excerpt(promise.body),
            mine=promise.slot == "my_promises",
            news=kept.more,
        )
        return ConversationHandler.END
    for slot, said in note_slots(body):
        await notes.add_news(db, owner, contact.id, slot, said, now, update.update_id)
    await reply(update, context, "note/saved", name=contact.name, kept=None, mine=False)
    return ConversationHandler.END


# -- a line typed outside any conversation ----------------------------------------------------


async def offer(update: Update, context: Context) -> bool:
    """Offer to note a typed line that starts with a contact's name; False if it does not,
    for the usual pointer to answer it."""
    if update.message is None or not update.message.text:
        return False
    text = update.message.text
    line = read_note_line(text)
    db, owner = context.services.db, owner_id(update)
    contact: Contact | None = None
    if line is not None:
        found = await who.resolve(db, owner, names.reference(line.name))
        if found.verdict is Verdict.ONE:
            [contact] = found.people
        elif line.explicit:
            clear_drafts(context)
            draft(context, FLOW).update(body=line.body)
            await _about(update, context, line)
            return True
    if contact is None:
        named = await _named_first(context, owner, text)
        # A name alone is no news: that is someone to look up or meet.
        contact = named[0] if named and text.strip()[len(named[1]) :].strip(" ,.!?") else None
        line = NoteLine(contact.name, text, False) if contact else None
    if contact is None or line is None:
        return False
    clear_drafts(context)
    draft(context, FLOW).update(contact_id=contact.id, body=line.body)
    label = context.services.render.label
    buttons = [[(label("note.save"), f"note:save:{contact.id}"), (label("note.no"), "note:no")]]
    await reply(update, context, "note/offer", buttons, name=contact.name, body=excerpt(line.body))
    return True


async def _named_first(context: Context, owner: int, text: str) -> tuple[Contact, str] | None:
    """The contact whose name, or first name, the line starts with word for word, and those
    words as typed: "Farah emailed me" is about Farah Siddiqui; "Far away..." about nobody."""
    for words in leading_names(text):
        found = await who.resolve(context.services.db, owner, names.reference(words, split=False))
        if found.verdict is not Verdict.ONE:
            continue
        [contact] = found.people
        said = words.casefold()
        if said in (contact.name.casefold(), contact.name.split()[0].casefold()):
            return contact, text.lstrip()[: len(words)]
    return None


async def save_offered(update: Update, context: Context) -> int | None:
    contact = await who.pressed_contact(update, context)
    if contact is None:
        return None
    wanted = draft(context, FLOW)
    if wanted.get("contact_id") != contact.id or not wanted.get("body"):
        await toast(update, context, "stale")
        return None
    await settle_button(update, context, context.services.render.label("note.save"))
    return await _save(update, context, contact, str(wanted["body"]))


async def decline(update: Update, context: Context) -> int:
    clear_drafts(context)
    await settle_button(update, context, context.services.render.label("note.no"))
    await reply(update, context, "note/declined")
    return ConversationHandler.END


CONTACT = r"(?P<contact>\d{1,18})"
ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [
    CommandHandler("note", begin),
    CallbackQueryHandler(from_card, pattern=rf"^contact:note:{CONTACT}$"),
    CallbackQueryHandler(save_offered, pattern=rf"^note:save:{CONTACT}$"),
    CallbackQueryHandler(decline, pattern=r"^note:no$"),
    # Also under a line typed outside any conversation ("Update on Zed: ..."): they check
    # the draft that line left.
    CallbackQueryHandler(picked, pattern=rf"^note:contact:{CONTACT}$"),
    CallbackQueryHandler(add_contact, pattern=r"^note:add$"),
]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    WHO: [
        MessageHandler(TYPED, typed_who),
        nudge_at(WHO),
    ],
    WHAT: [MessageHandler(TYPED, typed_what), nudge_at(WHAT)],
}
