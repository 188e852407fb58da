"""Every handler, registered in one visible place."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler, TypeHandler

from bot.handlers import (
    contact_knows,
    contact_meetings,
    contact_merge,
    contacts,
    data,
    debrief,
    files,
    followups,
    general,
    note,
    playbooks,
    prep,
    private,
    search,
    start,
    suggested,
)
from bot.handlers.common import conversation_fallbacks
from bot.ptb.application import CommonGroundApplication, Context

# The guided flows share ONE ConversationHandler: with allow_reentry, a flow's command
# (/prep during /start, say) cleanly replaces whatever flow was under way. Separate
# handlers would each keep their own state and could both be "in progress" at once.
CONVERSATION = "conversation"
# Before every other group: the privacy gate sees each update first (bot/handlers/private.py).
GATE = -100


def register(application: CommonGroundApplication) -> None:
    application.add_handler(TypeHandler(Update, private.keep_private), group=GATE)
    conversation = ConversationHandler[Context](
        entry_points=[
            *start.ENTRY_POINTS,
            *prep.ENTRY_POINTS,
            *debrief.ENTRY_POINTS,
            *contacts.ENTRY_POINTS,
            *contact_merge.ENTRY_POINTS,
            *contact_knows.ENTRY_POINTS,
            *contact_meetings.ENTRY_POINTS,
            *note.ENTRY_POINTS,
            *search.ENTRY_POINTS,
            *data.ENTRY_POINTS,
        ],
        states={
            **start.STATES,
            **prep.STATES,
            **debrief.STATES,
            **contacts.STATES,
            **contact_merge.STATES,
            **contact_knows.STATES,
            **contact_meetings.STATES,
            **note.STATES,
            **search.STATES,
            **data.STATES,
        },
        fallbacks=conversation_fallbacks(),
        allow_reentry=True,
        name=CONVERSATION,
        persistent=True,
    )
    application.add_handler(conversation)
    application.add_handlers(prep.HANDLERS)
    # Before contacts' own catch-all for contact: buttons, and general's for any button.
    application.add_handlers(contact_merge.HANDLERS)
    application.add_handlers(contact_knows.HANDLERS)
    application.add_handlers(contact_meetings.HANDLERS)
    application.add_handlers(contacts.HANDLERS)
    application.add_handlers(followups.HANDLERS)
    application.add_handlers(suggested.HANDLERS)
    application.add_handlers(followups.COMMANDS, group=-1)  # answer even mid-conversation
    application.add_handlers(data.COMMANDS, group=-1)
    application.add_handlers(playbooks.HANDLERS)
    application.add_handlers(files.HANDLERS)  # before general's pointer for anything else
    application.add_handlers(general.HANDLERS)
    application.add_error_handler(general.on_error)
