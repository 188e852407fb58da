"""People a contact suggested you talk to, offered as new contacts after the debrief.

The offer comes under the debrief's summary: one button per person ("Add Victor Hale") and
"Not now". Who they are is read again from the stored answer at each press, so a button
carries only the debrief and the person's place in that answer, and works after a restart.
A person is added once: whoever already has a contact of that name is not offered or added.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.coaching.person_line import PersonLine
from bot.coaching.suggested import read_people
from bot.handlers.common import (
    Button,
    answer_query,
    button_id,
    keyboard,
    owner_id,
    reply,
    toast,
)
from bot.handlers.contacts import swap_keyboard
from bot.ptb.application import Context
from bot.storage import contacts, debriefs, notes
from bot.storage.contacts import Acquaintance, Contact
from bot.storage.db import Database

SLOT = "who_they_know"


async def offer(update: Update, context: Context, debrief_id: int, introducer: Contact) -> None:
    """After a debrief's summary: the people it names who are not contacts yet."""
    waiting = await _waiting(context.services.db, introducer.owner_id, debrief_id)
    if not waiting:
        return
    await reply(
        update,
        context,
        "debrief/suggested",
        _buttons(context, debrief_id, waiting),
        introducer=introducer.name,
        people=[person for _, person in waiting],
    )


async def added(update: Update, context: Context) -> None:
    """suggested:add:<debrief>:<n>: the n-th person becomes a contact introduced by the
    person debriefed."""
    query = update.callback_query
    assert query is not None
    debrief_id, index = button_id(context, "debrief"), button_id(context, "person")
    db = context.services.db
    owner = owner_id(update)
    debrief = await debriefs.get_debrief(db, owner, debrief_id)
    introducer = await contacts.get_contact(db, owner, debrief.contact_id) if debrief else None
    waiting = await _waiting(db, owner, debrief_id) if introducer else []
    person = next((p for n, p in waiting if n == index), None)
    if introducer is None or person is None:
        await toast(update, context, "stale")
        rows = _buttons(context, debrief_id, waiting)
        await swap_keyboard(query, keyboard(rows) if rows else None)
        return
    await contacts.create_contact(
        db,
        owner,
        name=person.name,
        company=person.company,
        role=person.role,
        known=Acquaintance(
            relationship="introduced", introducer=introducer.name, introducer_id=introducer.id
        ),
    )
    await answer_query(
        query,
        context.services.render.label("toasts.added", name=person.name, introducer=introducer.name),
    )
    left = _buttons(context, debrief_id, [(n, p) for n, p in waiting if n != index])
    await swap_keyboard(query, keyboard(left) if left else None)


async def not_now(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    await answer_query(query)
    await swap_keyboard(query, None)


async def _waiting(db: Database, owner: int, debrief_id: int) -> list[tuple[int, PersonLine]]:
    """(place in the answer, person) of each suggested person not yet among the contacts."""
    answers = await notes.debrief_answers(db, owner, debrief_id)
    said = next((n.body for n in answers if n.slot == SLOT), None)
    if said is None:
        return []
    return [
        (n, person)
        for n, person in enumerate(read_people(said))
        if not await contacts.find_contacts(db, owner, person.name)
    ]


def _buttons(
    context: Context, debrief_id: int, waiting: list[tuple[int, PersonLine]]
) -> list[list[Button]]:
    if not waiting:
        return []
    render = context.services.render
    rows: list[list[Button]] = [
        [(render.label("debrief.add_person", name=p.name), f"suggested:add:{debrief_id}:{n}")]
        for n, p in waiting
    ]
    rows.append([(render.label("debrief.not_now"), f"suggested:no:{debrief_id}")])
    return rows


HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(
        added, pattern=r"^suggested:add:(?P<debrief>\d{1,18}):(?P<person>\d{1,2})$"
    ),
    CallbackQueryHandler(not_now, pattern=r"^suggested:no:\d{1,18}$"),
]
