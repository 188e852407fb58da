"""/prep for someone you owe or who owes you: "Last time you promised X — done?" first.

A brief that lists as a to-do what was done weeks ago reads like it was written for someone
else. So before the goal, each open promise (yours first, then theirs) is asked about once:
Done / Not yet, or typed ("yes, sent it last week", "not yet", "all done"). A "done" is
committed when it is received, like a ✓ on the card; "not yet" changes nothing.
"""

from __future__ import annotations

from telegram import Update

from bot.coaching.memory import excerpt
from bot.coaching.note_kinds import is_agreed
from bot.coaching.promise_check import read_kept
from bot.coaching.situation import first_name
from bot.handlers.common import (
    button_id,
    button_value,
    draft,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.ptb.application import Context
from bot.storage import notes
from bot.storage.contacts import Contact
from bot.storage.notes import Note

PROMISE = "prep.promise"
MAX_ASKED = 4
"""Promises asked about at most: more would keep the brief waiting too long."""


async def begin(update: Update, context: Context, contact: Contact) -> str | None:
    """Ask about the first open promise with `contact`; None when there is none."""
    db = context.services.db
    open_ = await notes.open_promises(db, contact.owner_id, contact.id)
    # Yours first: they are what the other person will remember. A yes they gave already
    # ("said yes to being a reference") has nothing left to be done.
    asked = [n for n in open_ if n.slot == "my_promises" or not is_agreed(n.body)]
    ordered = sorted(asked, key=lambda n: n.slot != "my_promises")[:MAX_ASKED]
    prep = draft(context, "prep")
    prep["promises"] = [n.id for n in ordered]
    return await _ask(update, context)


async def _ask(update: Update, context: Context, unread: str | None = None) -> str | None:
    prep = draft(context, "prep")
    waiting: list[int] = prep.get("promises", [])
    while waiting:
        promise = await _open_note(context, owner_id(update), waiting[0])
        if promise is not None:
            render = context.services.render
            buttons = [
                [
                    (render.label("promise_check.done"), f"prep:kept:{promise.id}:1"),
                    (render.label("promise_check.not_yet"), f"prep:kept:{promise.id}:0"),
                ]
            ]
            if len(waiting) > 1:
                # Many open promises: the rest can wait for the card, the brief for nobody.
                buttons.append([(render.label("promise_check.skip_rest"), "prep:kept:rest")])
            await reply(
                update,
                context,
                "prep/promise",
                buttons,
                name=first_name(str(prep.get("name", ""))),
                mine=promise.slot == "my_promises",
                promise=excerpt(promise.body),
                unread=unread,
            )
            return PROMISE
        waiting.pop(0)  # kept or gone meanwhile (a ✓ on the card)
    prep.pop("promises", None)
    return None


async def _open_note(context: Context, owner: int, note_id: int) -> Note | None:
    contact_id = draft(context, "prep").get("contact_id")
    if contact_id is None:
        return None
    open_ = await notes.open_promises(context.services.db, owner, int(contact_id))
    return next((n for n in open_ if n.id == note_id), None)


async def _open_promises(context: Context, owner: int) -> dict[int, str]:
    """The open promises with the contact in the draft: id -> whose (slot)."""
    contact_id = draft(context, "prep").get("contact_id")
    if contact_id is None:
        return {}
    open_ = await notes.open_promises(context.services.db, owner, int(contact_id))
    return {n.id: n.slot for n in open_}


async def picked(update: Update, context: Context) -> str | None:
    """prep:kept:<note id>:<1|0>: the answer for the promise asked about."""
    note_id, done = button_id(context, "note"), button_value(context, "done")
    waiting: list[int] = draft(context, "prep").get("promises", [])
    if not waiting or waiting[0] != note_id:
        await toast(update, context, "earlier_step")
        return PROMISE
    label = "promise_check.done" if done == "1" else "promise_check.not_yet"
    await settle_button(update, context, context.services.render.label(label))
    return await _answered(update, context, done == "1", every=False)


async def skipped_rest(update: Update, context: Context) -> str | None:
    """prep:kept:rest: the rest of the promises are left as they are."""
    await settle_button(update, context, context.services.render.label("promise_check.skip_rest"))
    draft(context, "prep").pop("promises", None)
    return None


async def typed(update: Update, context: Context) -> str | None:
    assert update.message is not None and update.message.text is not None
    reading = read_kept(update.message.text)
    if reading is None:
        return await _ask(update, context, unread=update.message.text)
    return await _answered(update, context, reading.done, reading.every)


async def _answered(update: Update, context: Context, done: bool, every: bool) -> str | None:
    prep = draft(context, "prep")
    waiting: list[int] = prep.get("promises", [])
    answered = waiting[:1]
    if every and waiting:
        # "both sent" is about the promises on the side asked about, not theirs too.
        open_ = await _open_promises(context, owner_id(update))
        side = open_.get(waiting[0])
        answered = [n for n in waiting if open_.get(n) == side]
    if done and prep.get("contact_id") is not None:
        services = context.services
        for note_id in answered:
            # Committed now: a "done" said is never asked again, whatever happens next.
            await notes.mark_promise_kept(
                services.db, owner_id(update), int(prep["contact_id"]), note_id, services.clock()
            )
    waiting[:] = [n for n in waiting if n not in answered]
    return await _ask(update, context)
