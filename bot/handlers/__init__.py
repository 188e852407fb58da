"""Every handler, registered in one visible place."""

from __future__ import annotations

from telegram.ext import ConversationHandler

from bot.handlers import contacts, debrief, followups, general, prep, search, start
from bot.handlers.common import conversation_fallbacks
from bot.handlers.context import CommonGroundApplication, Context

# The guided flows share ONE ConversationHandler: with allow_reentry, a flow's command
# (/prep during /start, say) cleanly replaces whatever flow was under way. Separate
# handlers would each keep their own state and could both be "in progress" at once.
CONVERSATION = "conversation"


def register(application: CommonGroundApplication) -> None:
    conversation = ConversationHandler[Context](
        entry_points=[
            *start.ENTRY_POINTS,
            *prep.ENTRY_POINTS,
            *debrief.ENTRY_POINTS,
            *contacts.ENTRY_POINTS,
            *search.ENTRY_POINTS,
        ],
        states={
            **start.STATES,
            **prep.STATES,
            **debrief.STATES,
            **contacts.STATES,
            **search.STATES,
        },
        fallbacks=conversation_fallbacks(),
        allow_reentry=True,
        name=CONVERSATION,
        persistent=True,
    )
    application.add_handler(conversation)
    application.add_handlers(prep.HANDLERS)
    application.add_handlers(contacts.HANDLERS)  # before general's catch-all for buttons
    application.add_handlers(followups.HANDLERS)
    application.add_handlers(followups.COMMANDS, group=-1)  # answer even mid-conversation
    application.add_handlers(general.HANDLERS)
    application.add_error_handler(general.on_error)
