"""A card's meetings: "📅 Meetings" lists them; each can get a new date (typed, read by
coaching.dates.parse_when) or be deleted after a confirmation. Its pending check-in moves or
goes with it; what was noted after it stays on the card.

Every press loads the contact and the meeting by the presser's id, and the meeting must be
that contact's: anything else gets a toast and changes nothing.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.coaching.dates import (
    MeetingTime,
    example_date,
)
from bot.coaching.followups import debrief_offer_time
from bot.handlers.common import (
    TYPED,
    Button,
    answer_query,
    button_id,
    clear_drafts,
    draft,
    keyboard,
    owner_id,
    reply,
    toast,
)
from bot.handlers.contacts import (
    CONTACT,
    card_meetings,
    label_or,
    pressed_contact,
    send_card,
    swap_keyboard,
)
from bot.handlers.date_answer import DateQuestion
from bot.handlers.timezone import user_timezone
from bot.ptb.application import Context
from bot.storage import contacts, meetings
from bot.storage.contacts import Contact
from bot.storage.meetings import Meeting
from bot.wording import day

NEW_DATE = "contacts.meeting_date"

# The meeting a card's button names, after its contact.
_MEETING = rf"{CONTACT}:(?P<meeting>\d{{1,18}})"


async def listed(update: Update, context: Context) -> None:
    """contact:meetings:<id>: the card's keyboard becomes one button per meeting."""
    contact = await pressed_contact(update, context)
    if contact is None:
        return
    query = update.callback_query
    assert query is not None
    tz = await user_timezone(update, context)
    label = context.services.render.label
    rows: list[list[Button]] = [
        [(_meeting_label(context, m, tz), f"contact:meeting:{contact.id}:{m.id}")]
        for m in (await card_meetings(context, contact))[0]
    ]
    rows.append([(label("contacts.back"), f"contact:back:{contact.id}")])
    await answer_query(query)
    await swap_keyboard(query, keyboard(rows))


async def opened(update: Update, context: Context) -> None:
    """contact:meeting:<contact>:<meeting>: that meeting, to change its date or delete it."""
    pair = await _pressed_meeting(update, context)
    if pair is None:
        return
    contact, meeting = pair
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    tz = await user_timezone(update, context)
    await reply(
        update,
        context,
        "contacts/meeting",
        _meeting_buttons(context, contact, meeting),
        name=contact.name,
        meeting=_meeting_label(context, meeting, tz),
    )


async def delete_asked(update: Update, context: Context) -> None:
    """contact:unmeet:<contact>:<meeting>: are you sure?"""
    pair = await _pressed_meeting(update, context)
    if pair is None:
        return
    contact, meeting = pair
    query = update.callback_query
    assert query is not None
    label = context.services.render.label
    rows = [
        [
            (label("contacts.unmeet_yes"), f"contact:unmeet:{contact.id}:{meeting.id}:yes"),
            (label("contacts.unmeet_no"), f"contact:meeting:{contact.id}:{meeting.id}:keep"),
        ]
    ]
    await answer_query(query)
    await swap_keyboard(query, keyboard(rows))


async def kept(update: Update, context: Context) -> None:
    """contact:meeting:<contact>:<meeting>:keep: back to the meeting's own buttons."""
    pair = await _pressed_meeting(update, context)
    if pair is None:
        return
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    await swap_keyboard(update.callback_query, keyboard(_meeting_buttons(context, *pair)))


async def deleted(update: Update, context: Context) -> None:
    """contact:unmeet:<contact>:<meeting>:yes: delete it, and show the card without it."""
    pair = await _pressed_meeting(update, context)
    if pair is None:
        return
    contact, meeting = pair
    query = update.callback_query
    assert query is not None
    gone = await meetings.delete_meeting(context.services.db, contact.owner_id, meeting.id)
    if gone is None:
        await toast(update, context, "meeting_gone")
        return
    await answer_query(query)
    await swap_keyboard(query, None)
    tz = await user_timezone(update, context)
    notice = context.services.render.label("contacts.deleted", when=_when(context, gone, tz))
    await send_card(update, context, contact, notice)


# -- a new date (a step of the app's conversation) ---------------------------------------------


async def begin_new_date(update: Update, context: Context) -> str | None:
    """contact:redate:<contact>:<meeting>. Returning None leaves any conversation as it was."""
    pair = await _pressed_meeting(update, context)
    if pair is None:
        return None
    contact, meeting = pair
    assert update.callback_query is not None
    clear_drafts(context)
    draft(context, "meeting").update(contact_id=contact.id, meeting_id=meeting.id)
    await answer_query(update.callback_query)
    tz = await user_timezone(update, context)
    await reply(
        update,
        context,
        "contacts/ask_date",
        name=contact.name,
        meeting=_meeting_label(context, meeting, tz),
        example=example_date(context.services.clock(), tz),
    )
    return NEW_DATE


NEW_DATE_ASKED = DateQuestion(
    flow="meeting", order_button="contact:dateorder", refusal="contacts/bad_date"
)


async def typed_date(update: Update, context: Context) -> int | str:
    when = await NEW_DATE_ASKED.typed(update, context)
    if when is None:
        return NEW_DATE
    return await _save(update, context, when, await user_timezone(update, context))


async def picked_order(update: Update, context: Context) -> int | str:
    """Which of the two readings of a date like 3/4 the user meant."""
    when = await NEW_DATE_ASKED.picked_order(update, context)
    if when is None:
        return NEW_DATE
    return await _save(update, context, when, await user_timezone(update, context))


async def _save(update: Update, context: Context, when: MeetingTime, tz: ZoneInfo) -> int:
    wanted = draft(context, "meeting")
    contact_id, meeting_id = int(wanted["contact_id"]), int(wanted["meeting_id"])
    clear_drafts(context)
    db, owner = context.services.db, owner_id(update)
    contact = await contacts.get_contact(db, owner, contact_id)
    meeting = await meetings.get_meeting(db, owner, meeting_id)
    moved = None
    if contact is not None and meeting is not None and meeting.contact_id == contact.id:
        moved = await meetings.reschedule_meeting(
            db,
            owner,
            meeting_id,
            scheduled_at=when.at,
            all_day=when.all_day,
            check_in_at=debrief_offer_time(when.at, when.all_day, tz),
        )
    if contact is None or moved is None:
        await reply(update, context, "contacts/meeting_gone")
        return ConversationHandler.END
    notice = context.services.render.label("contacts.moved", when=_when(context, moved, tz))
    await send_card(update, context, contact, notice)
    return ConversationHandler.END


# -- shared pieces ---------------------------------------------------------------------------


def _meeting_buttons(context: Context, contact: Contact, meeting: Meeting) -> list[list[Button]]:
    label = context.services.render.label
    return [
        [
            (label("contacts.redate"), f"contact:redate:{contact.id}:{meeting.id}"),
            (label("contacts.unmeet"), f"contact:unmeet:{contact.id}:{meeting.id}"),
        ],
    ]


def _when(context: Context, meeting: Meeting, tz: ZoneInfo) -> str:
    if meeting.scheduled_at is None:
        return context.services.render.label("contacts.no_date")
    return day(meeting.scheduled_at.astimezone(tz), time=not meeting.all_day, year=True)


def _meeting_label(context: Context, meeting: Meeting, tz: ZoneInfo) -> str:
    goal = label_or(context.services.render, f"goals.{meeting.goal}", meeting.goal)
    return context.services.render.label(
        "contacts.meeting", when=_when(context, meeting, tz), goal=goal
    )


async def _pressed_meeting(update: Update, context: Context) -> tuple[Contact, Meeting] | None:
    """The contact and meeting a `contact:<action>:<contact>:<meeting>[:...]` button names,
    if both are the presser's and the meeting is that contact's."""
    contact = await pressed_contact(update, context)
    if contact is None:
        return None
    meeting_id = button_id(context, "meeting")
    meeting = await meetings.get_meeting(context.services.db, contact.owner_id, meeting_id)
    if meeting is None or meeting.contact_id != contact.id:
        await toast(update, context, "meeting_gone")
        return None
    return contact, meeting


ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(begin_new_date, pattern=rf"^contact:redate:{_MEETING}$"),
]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    NEW_DATE: [
        CallbackQueryHandler(picked_order, pattern=r"^contact:dateorder:(?P<order>[a-z_]{1,16})$"),
        MessageHandler(TYPED, typed_date),
    ],
}
# Outside the conversation: the card's buttons work whatever else is going on.
HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(listed, pattern=rf"^contact:meetings:{CONTACT}$"),
    CallbackQueryHandler(opened, pattern=rf"^contact:meeting:{_MEETING}$"),
    CallbackQueryHandler(kept, pattern=rf"^contact:meeting:{_MEETING}:keep$"),
    CallbackQueryHandler(delete_asked, pattern=rf"^contact:unmeet:{_MEETING}$"),
    CallbackQueryHandler(deleted, pattern=rf"^contact:unmeet:{_MEETING}:yes$"),
]
