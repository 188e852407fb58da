"""/contacts, /contact NAME and the profile card: browse, look up, edit and archive contacts.

The card's buttons outlive any conversation (callback data `contact:...`, `contacts:...`, both
in common.LASTING_BUTTONS), so every press loads the contact by the presser's id and says
"not available" for anything else: someone else's contact, a forged or malformed button.
Menus (edit, stage, cadence, archive) swap the card's keyboard in place; a finished change
removes that keyboard and sends the card again, updated, with a line saying what changed.
Each open promise (up to PROMISE_BUTTONS) has a "✓" button that marks it kept, the same way.
Typing a new name, company or role is a short step of the app's one ConversationHandler.
Merging two contacts (Edit → Merge with…) is in contact_merge.py; changing or deleting a
meeting (📅 Meetings, on a card that has some) in contact_meetings.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.coaching import names
from bot.coaching.cadence import DEFAULT_CADENCE_DAYS
from bot.coaching.memory import excerpt
from bot.coaching.names import Verdict
from bot.coaching.slots import CARD_SLOTS, PROMISE_SLOTS
from bot.coaching.stages import STAGES, is_stage, stage_or_new
from bot.handlers import who
from bot.handlers.common import (
    MAX_BUTTON_LABEL,
    TYPED,
    Button,
    answer_query,
    button_id,
    button_value,
    clear_drafts,
    draft,
    keyboard,
    owner_id,
    reply,
    send_long,
    short_label,
    toast,
    unchanged_is_fine,
)
from bot.handlers.timezone import user_timezone
from bot.ptb.application import Context
from bot.render import Renderer
from bot.storage import contacts, followups, interactions, meetings, notes
from bot.storage.contacts import Contact
from bot.storage.meetings import Meeting
from bot.storage.notes import Note

EDIT = "contacts.edit"

PAGE_SIZE = contacts.PAGE_SIZE
MAX_FIELD = 100
MAX_QUERY = 100
MATCHES_SHOWN = 8
NOTES_PER_SLOT = 3
MEETINGS_SHOWN = 5
# Open promises with a "kept" button on the card; any more are listed, and get theirs once
# earlier ones are kept.
PROMISE_BUTTONS = 6
CADENCE_CHOICES = (14, 30, 60, 90)
TYPED_FIELDS = ("name", "company", "role")

# The contact a card's button names, for pressed_contact.
CONTACT = r"(?P<contact>\d{1,18})"


# -- sending -----------------------------------------------------------------------------------


async def swap_keyboard(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    with unchanged_is_fine():
        await query.edit_message_reply_markup(reply_markup=markup)


# -- /contacts ---------------------------------------------------------------------------------


async def show_list(update: Update, context: Context) -> None:
    """/contacts: the first page. Works inside any conversation without ending it."""
    text, buttons = await _page(update, context, 0)
    await send_long(update, context, text, buttons)


async def turned_page(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    text, buttons = await _page(update, context, button_id(context, "page"))
    await answer_query(query)
    try:
        await query.edit_message_text(text, reply_markup=keyboard(buttons) if buttons else None)
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def _page(update: Update, context: Context, page: int) -> tuple[str, list[list[Button]]]:
    db, render = context.services.db, context.services.render
    owner = owner_id(update)
    found, total = await contacts.list_contacts(db, owner, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    if not found and total:
        # Contacts were archived since the keyboard was made: show the last page there is.
        page = pages - 1
        found, total = await contacts.list_contacts(
            db, owner, offset=page * PAGE_SIZE, limit=PAGE_SIZE
        )
    if not found:
        return render.message("contacts/empty"), []
    tz = await user_timezone(update, context)
    now = context.services.clock()
    buttons: list[list[Button]] = []
    for contact in found:
        seen = await _last_seen(context, contact)
        ago = render.ago(seen, now.astimezone(tz), narrow=True)
        suffix = f" · {_stage_name(context, contact.stage)} · {ago}"
        name = short_label(contact.name, MAX_BUTTON_LABEL - len(suffix))
        buttons.append([(name + suffix, f"contact:open:{contact.id}")])
    turns: list[Button] = []
    if page > 0:
        turns.append((render.label("contacts.prev"), f"contacts:page:{page - 1}"))
    if page + 1 < pages:
        turns.append((render.label("contacts.next"), f"contacts:page:{page + 1}"))
    if turns:
        buttons.append(turns)
    text = render.message("contacts/list", total=total, page=page + 1, pages=pages)
    return text, buttons


# -- /contact NAME -------------------------------------------------------------------------------


async def lookup(update: Update, context: Context) -> None:
    """/contact NAME: the card of the one contact meant, or a choice, or a pointer."""
    query = " ".join(context.args or []).strip()[:MAX_QUERY]
    if not query:
        await show_list(update, context)
        return
    db = context.services.db
    owner = owner_id(update)
    person = names.reference(query)
    found = await who.resolve(db, owner, person, shown=MATCHES_SHOWN)
    if found.verdict is Verdict.NONE:
        # Not among the active ones: an archived contact can still be found (and restored).
        found = await who.resolve(db, owner, person, shown=MATCHES_SHOWN, archived=True)
    if found.verdict is Verdict.NONE:
        await reply(update, context, "contacts/no_match", query=query)
        return
    if found.verdict is Verdict.ONE:
        await send_card(update, context, found.people[0])
        return
    buttons = [[(_match_label(context, c), f"contact:open:{c.id}")] for c in found.people]
    await reply(
        update,
        context,
        "contacts/pick",
        buttons,
        query=query,
        count=len(found.people),
        more=found.more,
    )


def _match_label(context: Context, contact: Contact) -> str:
    details = [contact.company] if contact.company else []
    details.append(_stage_name(context, contact.stage))
    suffix = "".join(f" · {detail}" for detail in details)
    if len(suffix) > MAX_BUTTON_LABEL // 2:
        suffix = short_label(suffix, MAX_BUTTON_LABEL // 2)
    return short_label(contact.name, MAX_BUTTON_LABEL - len(suffix)) + suffix


# -- the card ------------------------------------------------------------------------------------


async def opened(update: Update, context: Context) -> None:
    """contact:open:<id>, from lists, search results, reminders and debrief summaries."""
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    await send_card(update, context, contact)


async def send_card(
    update: Update, context: Context, contact: Contact, notice: str | None = None
) -> Message | None:
    services = context.services
    db, render, owner = services.db, services.render, contact.owner_id
    tz = await user_timezone(update, context)
    now = services.clock()

    remembered = await notes.latest_per_slot(db, owner, contact.id, NOTES_PER_SLOT)
    by_slot: dict[str, list[str]] = {}
    for note in remembered:
        if note.slot not in PROMISE_SLOTS:
            bodies = by_slot.setdefault(note.slot, [])
            if len(bodies) < NOTES_PER_SLOT:
                bodies.append(note.body)
    order = [*CARD_SLOTS, *sorted(s for s in by_slot if s not in CARD_SLOTS)]
    facts = [
        (label_or(render, f"slots.{slot}", slot.replace("_", " ").capitalize()), by_slot[slot])
        for slot in order
        if slot in by_slot
    ]

    mine, theirs = _by_side(await notes.open_promises(db, owner, contact.id))
    pending = await followups.open_for_contact(db, owner, contact.id)
    history, meeting_count = await card_meetings(context, contact)
    seen = await _last_seen(context, contact)
    stage = stage_or_new(contact.stage)
    default = DEFAULT_CADENCE_DAYS[stage]
    html = render.message(
        "contacts/card",
        notice=notice,
        contact=contact,
        stage_label=label_or(render, f"stages.{contact.stage}", contact.stage),
        cadence=_cadence_words(context, contact.cadence_days or default),
        cadence_is_default=contact.cadence_days is None,
        last_seen=seen.astimezone(tz) if seen else None,
        now=now.astimezone(tz),
        facts=facts,
        mine=[p.body for p in mine],
        theirs=[p.body for p in theirs],
        # Only when some promises are listed without a button of their own.
        promise_buttons=PROMISE_BUTTONS if len(mine) + len(theirs) > PROMISE_BUTTONS else None,
        followups=[
            (
                label_or(render, f"contacts.followup_kinds.{f.kind}", f.kind),
                f.due_at.astimezone(tz),
                f.reason,
            )
            for f in pending
        ],
        meetings=[
            (
                m.scheduled_at.astimezone(tz) if m.scheduled_at else None,
                label_or(render, f"goals.{m.goal}", m.goal),
            )
            for m in history
        ],
        earlier_meetings=meeting_count - len(history),
    )
    buttons = _card_buttons(context, contact, mine + theirs, bool(history))
    return await send_long(update, context, html, buttons)


async def card_meetings(context: Context, contact: Contact) -> tuple[list[Meeting], int]:
    """The contact's latest MEETINGS_SHOWN meetings, latest date first, and how many in all."""
    db = context.services.db
    return await meetings.latest_for_contact(db, contact.owner_id, contact.id, MEETINGS_SHOWN)


def _card_buttons(
    context: Context, contact: Contact, promises: Sequence[Note], has_meetings: bool
) -> list[list[Button]]:
    """The card's keyboard: a "kept" button per open promise, in the card's order, then
    a note, edit, cadence, the meetings (when there are some) and archive."""
    label = context.services.render.label
    keep_or_restore = (
        (label("contacts.restore"), f"contact:restore:{contact.id}")
        if contact.archived_at
        else (label("contacts.archive"), f"contact:archive:{contact.id}")
    )
    last_row = [keep_or_restore]
    if has_meetings:
        last_row.insert(0, (label("contacts.meetings"), f"contact:meetings:{contact.id}"))
    return [
        *(
            [(_kept_label(context, promise), f"contact:kept:{contact.id}:{promise.id}")]
            for promise in promises[:PROMISE_BUTTONS]
        ),
        [(label("contacts.note"), f"contact:note:{contact.id}")],
        [
            (label("contacts.edit"), f"contact:edit:{contact.id}"),
            (label("contacts.cadence"), f"contact:cadences:{contact.id}"),
        ],
        last_row,
    ]


def _by_side(promises: Sequence[Note]) -> tuple[list[Note], list[Note]]:
    """Open promises as the card lists them: yours, then theirs."""
    mine = [p for p in promises if p.slot == "my_promises"]
    theirs = [p for p in promises if p.slot == "their_promises"]
    return mine, theirs


def _kept_label(context: Context, promise: Note) -> str:
    key = f"contacts.kept_{'mine' if promise.slot == 'my_promises' else 'theirs'}"
    room = MAX_BUTTON_LABEL - len(context.services.render.label(key, promise=""))
    return context.services.render.label(key, promise=short_label(promise.body, room))


async def back(update: Update, context: Context) -> None:
    """Back from a menu to the card's own keyboard, with the promises open now."""
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    query = update.callback_query
    assert query is not None
    db = context.services.db
    mine, theirs = _by_side(await notes.open_promises(db, contact.owner_id, contact.id))
    _, meeting_count = await meetings.latest_for_contact(db, contact.owner_id, contact.id, 1)
    has_meetings = meeting_count > 0
    buttons = _card_buttons(context, contact, mine + theirs, has_meetings)
    await answer_query(query)
    await swap_keyboard(query, keyboard(buttons))


async def edit_menu(update: Update, context: Context) -> None:
    def buttons(context: Context, contact: Contact) -> list[list[Button]]:
        label = context.services.render.label
        return [
            [(label(f"contacts.edit_{f}"), f"contact:edit:{f}:{contact.id}") for f in TYPED_FIELDS],
            [
                (label("contacts.edit_knows"), f"contact:knows:{contact.id}"),
                (label("contacts.edit_stage"), f"contact:stages:{contact.id}"),
            ],
            [(label("contacts.merge"), f"contact:merge:{contact.id}")],
            [(label("contacts.back"), f"contact:back:{contact.id}")],
        ]

    await _menu(update, context, buttons)


async def stage_menu(update: Update, context: Context) -> None:
    def buttons(context: Context, contact: Contact) -> list[list[Button]]:
        label = context.services.render.label
        rows: list[list[Button]] = []
        for stage in STAGES:
            text = label(f"stages.{stage}")
            if stage == contact.stage:
                text = label("contacts.current", label=text)
            rows.append([(text, f"contact:stage:{contact.id}:{stage}")])
        rows.append([(label("contacts.back"), f"contact:edit:{contact.id}")])
        return rows

    await _menu(update, context, buttons)


async def cadence_menu(update: Update, context: Context) -> None:
    def buttons(context: Context, contact: Contact) -> list[list[Button]]:
        label = context.services.render.label
        stage = stage_or_new(contact.stage)
        choices: list[Button] = []
        for days in CADENCE_CHOICES:
            text = _cadence_words(context, days).capitalize()
            if contact.cadence_days == days:
                text = label("contacts.current", label=text)
            choices.append((text, f"contact:cadence:{contact.id}:{days}"))
        default = label(
            "contacts.cadence_default",
            cadence=_cadence_words(context, DEFAULT_CADENCE_DAYS[stage]),
        )
        if contact.cadence_days is None:
            default = label("contacts.current", label=default)
        return [
            choices[:2],
            choices[2:],
            [(default, f"contact:cadence:{contact.id}:0")],
            [(label("contacts.back"), f"contact:back:{contact.id}")],
        ]

    await _menu(update, context, buttons)


async def archive_menu(update: Update, context: Context) -> None:
    def buttons(context: Context, contact: Contact) -> list[list[Button]]:
        label = context.services.render.label
        return [
            [
                (label("contacts.archive_yes"), f"contact:archive:{contact.id}:yes"),
                (label("contacts.archive_no"), f"contact:back:{contact.id}"),
            ]
        ]

    await _menu(update, context, buttons)


async def _menu(
    update: Update, context: Context, make: Callable[[Context, Contact], list[list[Button]]]
) -> None:
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    query = update.callback_query
    assert query is not None
    await answer_query(query)
    await swap_keyboard(query, keyboard(make(context, contact)))


async def picked_stage(update: Update, context: Context) -> None:
    stage = button_value(context, "stage")
    if not is_stage(stage):
        await toast(update, context, "stale")
        return
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    changed = await contacts.update_contact(
        context.services.db, contact.owner_id, contact.id, stage=stage
    )
    label = context.services.render.label
    await _changed(
        update, context, changed, label("contacts.saved_stage", stage=label(f"stages.{stage}"))
    )


async def picked_cadence(update: Update, context: Context) -> None:
    days = button_id(context, "days")
    if days and days not in CADENCE_CHOICES:
        await toast(update, context, "stale")
        return
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    changed = await contacts.update_contact(
        context.services.db, contact.owner_id, contact.id, cadence_days=days or None
    )
    await _changed(
        update, context, changed, None if changed is None else _cadence_notice(context, changed)
    )


async def archived(update: Update, context: Context) -> None:
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    query = update.callback_query
    assert query is not None
    await contacts.archive_contact(context.services.db, contact.owner_id, contact.id)
    await answer_query(query)
    await swap_keyboard(query, None)
    label = context.services.render.label
    await reply(
        update,
        context,
        "contacts/archived",
        [[(label("contacts.restore"), f"contact:restore:{contact.id}")]],
        name=contact.name,
    )


async def restored(update: Update, context: Context) -> None:
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    await contacts.restore_contact(context.services.db, contact.owner_id, contact.id)
    changed = await contacts.get_contact(context.services.db, contact.owner_id, contact.id)
    await _changed(
        update, context, changed, context.services.render.label("contacts.saved_restored")
    )


async def kept_promise(update: Update, context: Context) -> None:
    """contact:kept:<contact id>:<note id>: mark that promise kept and send the card without it.

    A promise kept already (a second card's button), someone else's note or no promise at
    all: a toast, and nothing changes.
    """
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    query = update.callback_query
    assert query is not None
    note_id = button_id(context, "note")
    services = context.services
    promise = await notes.mark_promise_kept(
        services.db, contact.owner_id, contact.id, note_id, services.clock()
    )
    if promise is None:
        await toast(update, context, "promise_not_open")
        return
    await toast(update, context, "promise_kept")
    await swap_keyboard(query, None)
    notice = services.render.label("contacts.saved_kept", promise=excerpt(promise.body))
    await send_card(update, context, contact, notice)


async def _changed(
    update: Update, context: Context, contact: Contact | None, notice: str | None
) -> None:
    """A change made by a button: retire the pressed keyboard, send the card as it is now."""
    query = update.callback_query
    assert query is not None
    if contact is None:
        await toast(update, context, "not_found")
        return
    await answer_query(query)
    await swap_keyboard(query, None)
    await send_card(update, context, contact, notice)


def _cadence_notice(context: Context, contact: Contact) -> str:
    stage = stage_or_new(contact.stage)
    days = contact.cadence_days or DEFAULT_CADENCE_DAYS[stage]
    return context.services.render.label(
        "contacts.saved_cadence", cadence=_cadence_words(context, days)
    )


# -- typed edits (a step of the app's conversation) ----------------------------------------------


async def begin_edit(update: Update, context: Context) -> str | None:
    """contact:edit:<field>:<id>. Returning None leaves any conversation as it was."""
    query = update.callback_query
    assert query is not None
    field = button_value(context, "field")
    contact = await pressed_contact(update, context)
    if contact is None:
        return None
    clear_drafts(context)
    draft(context, "contacts").update(contact_id=contact.id, field=field)
    await answer_query(query)
    current = getattr(contact, field)
    clearable = field != "name" and bool(current)
    buttons = (
        [[(context.services.render.label("contacts.clear"), f"contact:clear:{contact.id}")]]
        if clearable
        else None
    )
    await reply(
        update,
        context,
        "contacts/ask_field",
        buttons,
        contact_name=contact.name,
        field_key=field,
        field=context.services.render.label(f"contacts.fields.{field}"),
        current=current,
        clearable=clearable,
    )
    return EDIT


async def typed_field(update: Update, context: Context) -> int | str:
    assert update.message is not None and update.message.text is not None
    value = " ".join(update.message.text.split())
    wanted = draft(context, "contacts")
    field = wanted.get("field")
    if field not in TYPED_FIELDS:
        clear_drafts(context)
        await reply(update, context, "contacts/gone")
        return ConversationHandler.END
    if not 0 < len(value) <= MAX_FIELD:
        await reply(
            update,
            context,
            "contacts/bad_field",
            field=context.services.render.label(f"contacts.fields.{field}"),
            max_length=str(MAX_FIELD),
        )
        return EDIT
    return await _save_field(update, context, field, value)


async def cleared_field(update: Update, context: Context) -> int | str:
    query = update.callback_query
    assert query is not None
    wanted = draft(context, "contacts")
    field = wanted.get("field")
    editing = str(wanted.get("contact_id"))
    if field not in ("company", "role") or editing != button_value(context, "contact"):
        await toast(update, context, "stale")
        return EDIT
    await answer_query(query)
    await swap_keyboard(query, None)
    return await _save_field(update, context, field, None)


async def _save_field(update: Update, context: Context, field: str, value: str | None) -> int:
    contact_id = int(draft(context, "contacts")["contact_id"])
    clear_drafts(context)
    db, owner = context.services.db, owner_id(update)
    if field == "name":
        assert value is not None
        changed = await contacts.update_contact(db, owner, contact_id, name=value)
    elif field == "company":
        changed = await contacts.update_contact(db, owner, contact_id, company=value)
    else:
        changed = await contacts.update_contact(db, owner, contact_id, role=value)
    if changed is None:
        await reply(update, context, "contacts/gone")
        return ConversationHandler.END
    render = context.services.render
    key = "contacts.saved_field" if value is not None else "contacts.cleared_field"
    field_name = render.label(f"contacts.fields.{field}")
    await send_card(update, context, changed, render.label(key, field=field_name.capitalize()))
    return ConversationHandler.END


# -- shared pieces ---------------------------------------------------------------------------


async def pressed_contact(update: Update, context: Context) -> Contact | None:
    """The contact a `contact:<action>:<id>[:...]` button names (the pattern's CONTACT), if
    it is the presser's.

    Anything else gets the same "not available" toast, revealing nothing.
    """
    contact_id = button_id(context, "contact")
    contact = await contacts.get_contact(context.services.db, owner_id(update), contact_id)
    if contact is None:
        await toast(update, context, "not_found")
    return contact


async def open_card_flow(update: Update, context: Context, flow: str) -> Contact | None:
    """A card button that starts a flow about its contact (merge, how you know them): the
    contact if it is the presser's, any other flow's drafts dropped, this one's begun."""
    contact = await pressed_contact(update, context)
    if contact is None:
        return None
    assert update.callback_query is not None
    clear_drafts(context)
    draft(context, flow)["contact_id"] = contact.id
    await answer_query(update.callback_query)
    return contact


async def malformed(update: Update, context: Context) -> None:
    """Any other contact:/contacts: data: an old bot version's button, or a forged one."""
    await toast(update, context, "stale")


async def _last_seen(context: Context, contact: Contact) -> datetime | None:
    logged = await interactions.last_interaction(context.services.db, contact.owner_id, contact.id)
    moments = [m for m in (logged, contact.last_met_at) if m is not None]
    return max(moments) if moments else None


def label_or(render: Renderer, key: str, fallback: str) -> str:
    """The label, or `fallback` for a value no label is written for (an old stage, say)."""
    try:
        return render.label(key)
    except (KeyError, TypeError):
        return fallback


def _stage_name(context: Context, stage: str) -> str:
    return label_or(context.services.render, f"contacts.stage_names.{stage}", stage)


def _cadence_words(context: Context, days: int | None) -> str:
    render = context.services.render
    if days is None:
        return render.label("contacts.no_nudges")
    return label_or(
        render, f"contacts.every.{days}", render.label("contacts.every_days", n=str(days))
    )


# Commands are entry points that return None: they work in the middle of /prep or /debrief
# and leave it where it was. Editing a typed field is a (small) flow of its own.
ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [
    CommandHandler("contacts", show_list),
    CommandHandler("contact", lookup),
    CallbackQueryHandler(
        begin_edit, pattern=rf"^contact:edit:(?P<field>name|company|role):{CONTACT}$"
    ),
]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    EDIT: [
        CallbackQueryHandler(cleared_field, pattern=rf"^contact:clear:{CONTACT}$"),
        MessageHandler(TYPED, typed_field),
    ],
}
# Outside the conversation: the card's buttons work whatever else is going on.
HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(turned_page, pattern=r"^contacts:page:(?P<page>\d{1,6})$"),
    CallbackQueryHandler(opened, pattern=rf"^contact:open:{CONTACT}$"),
    CallbackQueryHandler(back, pattern=rf"^contact:back:{CONTACT}$"),
    CallbackQueryHandler(edit_menu, pattern=rf"^contact:edit:{CONTACT}$"),
    CallbackQueryHandler(stage_menu, pattern=rf"^contact:stages:{CONTACT}$"),
    CallbackQueryHandler(
        picked_stage, pattern=rf"^contact:stage:{CONTACT}:(?P<stage>[a-z]{{1,16}})$"
    ),
    CallbackQueryHandler(cadence_menu, pattern=rf"^contact:cadences:{CONTACT}$"),
    CallbackQueryHandler(
        picked_cadence, pattern=rf"^contact:cadence:{CONTACT}:(?P<days>\d{{1,3}})$"
    ),
    CallbackQueryHandler(archive_menu, pattern=rf"^contact:archive:{CONTACT}$"),
    CallbackQueryHandler(archived, pattern=rf"^contact:archive:{CONTACT}:yes$"),
    CallbackQueryHandler(restored, pattern=rf"^contact:restore:{CONTACT}$"),
    CallbackQueryHandler(kept_promise, pattern=rf"^contact:kept:{CONTACT}:(?P<note>\d{{1,18}})$"),
    CallbackQueryHandler(malformed, pattern=r"^contacts?:"),
]
