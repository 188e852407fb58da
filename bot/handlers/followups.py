"""The follow-up buttons, /followups and /digest: what a person does about their reminders.

Delivering them is the reminder engine's job (bot/reminders/); these only read the press or
the command, change the row and answer from a template.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
)

from bot.coaching.cadence import cadence_days
from bot.coaching.coming import COMING_DAYS
from bot.coaching.followups import (
    DEFAULT_DIGEST_HOUR,
    cadence_due,
    is_snooze_choice,
    next_digest_time,
    snooze_until,
)
from bot.handlers.common import (
    Button,
    answer_query,
    keyboard,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.handlers.timezone import user_timezone
from bot.ptb.application import Context
from bot.reminders.cards import card, show_buttons
from bot.reminders.lists import coming
from bot.storage import contacts, followups, interactions, notes

# Lines of "later" per message before a button shows the next ones.
LATER_PAGE = 20
DIGEST_HOURS = ((6, 7, 8, 9), (10, 12, 17, 18), (19, 20, 21))


def _matched(context: Context, group: str) -> str:
    """A named group of the button's pattern (see HANDLERS)."""
    assert context.match is not None  # CallbackQueryHandler with a regex pattern sets it
    return context.match[group]


# -- buttons on a reminder --------------------------------------------------------------------


async def done(update: Update, context: Context) -> None:
    """Done: close it, and count it as being in touch (the cadence starts over)."""
    services = context.services
    owner = owner_id(update)
    now = services.clock()
    async with services.db.transaction():
        closed = await followups.mark_done(services.db, owner, int(_matched(context, "id")), now)
        if closed is not None:
            await interactions.record_interaction(
                services.db, owner, closed.contact_id, "followup", now
            )
            # "You said you'd send the deck — ✓ Done" is the promise kept: the next /prep
            # must not ask about it again. A reminder of theirs done is only followed up on.
            if closed.promise_note_id is not None:
                await notes.mark_promise_kept(
                    services.db,
                    owner,
                    closed.contact_id,
                    closed.promise_note_id,
                    now,
                    side="my_promises",
                )
    if closed is None:
        # Someone else's, already closed, or never existed: say nothing more about it.
        await toast(update, context, "stale")
        return
    await settle_button(update, context, services.render.label("followups.marked_done"))
    contact = await contacts.get_contact(services.db, owner, closed.contact_id)
    cadence = await followups.contact_cadence(services.db, owner, closed.contact_id)
    days: int | None = None
    if cadence is not None:
        stage, chosen = cadence
        days = cadence_days(stage, chosen)
    tz = await user_timezone(update, context)
    next_nudge = cadence_due(now, days or None, tz)
    await reply(
        update,
        context,
        "followups/done",
        name=contact.name if contact else "",
        next_nudge=next_nudge.astimezone(tz) if next_nudge else None,
    )


async def skip(update: Update, context: Context) -> None:
    """Not this time: close it without counting it as contact."""
    services = context.services
    closed = await followups.mark_done(
        services.db, owner_id(update), int(_matched(context, "id")), services.clock()
    )
    if closed is None:
        await toast(update, context, "stale")
        return
    await settle_button(update, context, services.render.label("followups.not_this_time"))
    await reply(update, context, "followups/skipped", kind=closed.kind)


async def snooze(update: Update, context: Context) -> None:
    choice = _matched(context, "choice")
    if not is_snooze_choice(choice):
        await toast(update, context, "stale")
        return
    services = context.services
    tz = await user_timezone(update, context)
    until = snooze_until(choice, services.clock(), tz)
    moved = await followups.snooze(
        services.db, owner_id(update), int(_matched(context, "id")), until
    )
    if moved is None:
        await toast(update, context, "stale")
        return
    # Already HTML from its template, whose day wording the other dates share.
    snoozed = Markup(services.render.message("followups/snoozed", until=until.astimezone(tz)))
    await settle_button(update, context, snoozed)


async def show(update: Update, context: Context) -> None:
    """A name in the digest or /followups: the full reminder, with its buttons."""
    services = context.services
    owner = owner_id(update)
    followup = await followups.get_followup(services.db, owner, int(_matched(context, "id")))
    contact = (
        await contacts.get_contact(services.db, owner, followup.contact_id) if followup else None
    )
    if followup is None or not followup.is_open or contact is None:
        await toast(update, context, "stale")
        return
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    tz = await user_timezone(update, context)
    text, buttons = await card(services, followup, contact, tz, services.clock())
    assert update.effective_chat is not None
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard(buttons))


# -- /followups -------------------------------------------------------------------------------


async def list_followups(update: Update, context: Context) -> None:
    """What is due now (each with a button), then what comes in the next COMING_DAYS days,
    then how much comes after, with a button to see it."""
    services = context.services
    now = services.clock()
    tz = await user_timezone(update, context)
    plan = await coming(services, owner_id(update), now, tz)
    buttons = show_buttons(services, plan.due_now)
    if plan.later:
        buttons.append([(services.render.label("followups.show_later"), "followup:later:0")])
    await reply(update, context, "followups/list", buttons, plan=plan, tz=tz, days=COMING_DAYS)
    raise ApplicationHandlerStop  # see register(): a conversation under way carries on


async def later(update: Update, context: Context) -> None:
    """The "Show" under /followups: what comes after its window, LATER_PAGE lines at a time.
    Read again now, so it is what is coming at the time of the press."""
    services = context.services
    start = int(_matched(context, "start"))
    tz = await user_timezone(update, context)
    plan = await coming(services, owner_id(update), services.clock(), tz)
    page = plan.later[start : start + LATER_PAGE]
    if not page:
        await toast(update, context, "stale")
        return
    assert update.callback_query is not None
    await answer_query(update.callback_query)
    more = len(plan.later) - start - len(page)
    buttons = (
        [[(services.render.label("followups.show_more"), f"followup:later:{start + LATER_PAGE}")]]
        if more > 0
        else []
    )
    await reply(
        update,
        context,
        "followups/later",
        buttons,
        lines=page,
        after=plan.last_day,
        first=start == 0,
        more=more,
        tz=tz,
    )


# -- /digest ----------------------------------------------------------------------------------


async def digest_command(update: Update, context: Context) -> None:
    args = [a.casefold() for a in (context.args or [])]
    if args:
        choice = _digest_choice(args[0])
        if choice is not None:
            await _save_digest(update, context, choice)
            raise ApplicationHandlerStop
    services = context.services
    setting = await followups.digest_setting(services.db, owner_id(update))
    off = setting.off if setting else False
    hour = DEFAULT_DIGEST_HOUR if setting is None or setting.hour is None else setting.hour
    render = services.render

    def label(h: int) -> str:
        text = render.label("digest.hour", hour=f"{h:02d}")
        return render.label("digest.current", label=text) if h == hour and not off else text

    rows: list[list[Button]] = [[(label(h), f"digest:{h}") for h in row] for row in DIGEST_HOURS]
    off_label = render.label("digest.off")
    rows.append(
        [(render.label("digest.current", label=off_label) if off else off_label, "digest:off")]
    )
    await reply(
        update,
        context,
        "followups/digest_settings",
        rows,
        off=off,
        hour=f"{hour:02d}",
        zone=str(await user_timezone(update, context)),
        bad=bool(args),
    )
    raise ApplicationHandlerStop


def _digest_choice(text: str) -> int | str | None:
    """'off', '7', '07', '7:00', '19:00' -> an hour or "off"; None for anything else."""
    if text in ("off", "none", "stop"):
        return "off"
    hour, _, minutes = text.partition(":")
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if hour.isdecimal() and minutes in ("", "0", "00") and 0 <= int(hour) <= 23:
        return int(hour)
    return None


async def digest_button(update: Update, context: Context) -> None:
    choice = _digest_choice(_matched(context, "choice"))
    if choice is None:
        await toast(update, context, "stale")
        return
    render = context.services.render
    await settle_button(
        update,
        context,
        render.label("digest.off")
        if choice == "off"
        else render.label("digest.hour", hour=f"{choice:02d}"),
    )
    await _save_digest(update, context, choice)


async def _save_digest(update: Update, context: Context, choice: int | str) -> None:
    services = context.services
    tz = await user_timezone(update, context)
    if isinstance(choice, int):
        next_at = next_digest_time(services.clock(), tz, choice)
        await followups.set_digest(
            services.db, owner_id(update), hour=choice, off=False, next_at=next_at
        )
        await reply(
            update,
            context,
            "followups/digest_saved",
            off=False,
            hour=f"{choice:02d}",
            zone=str(tz),
        )
        return
    setting = await followups.digest_setting(services.db, owner_id(update))
    await followups.set_digest(
        services.db,
        owner_id(update),
        hour=setting.hour if setting else None,
        off=True,
        next_at=None,
    )
    await reply(update, context, "followups/digest_saved", off=True, hour="", zone=str(tz))


# Commands that work anywhere, even in the middle of /prep or /debrief: registered in a
# group before the conversation, they answer and stop the update there, so the
# conversation neither sees it nor loses its place.
COMMANDS: list[BaseHandler[Update, Context, Any]] = [
    CommandHandler("followups", list_followups),
    CommandHandler("digest", digest_command),
]
# Buttons outlive their message (prefixes in common.LASTING_BUTTONS); each re-checks
# ownership in the database.
HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(done, pattern=r"^followup:done:(?P<id>\d{1,18})$"),
    CallbackQueryHandler(skip, pattern=r"^followup:skip:(?P<id>\d{1,18})$"),
    CallbackQueryHandler(
        snooze, pattern=r"^followup:snooze:(?P<id>\d{1,18}):(?P<choice>1d|3d|1w)$"
    ),
    CallbackQueryHandler(show, pattern=r"^followup:show:(?P<id>\d{1,18})$"),
    CallbackQueryHandler(later, pattern=r"^followup:later:(?P<start>\d{1,6})$"),
    CallbackQueryHandler(digest_button, pattern=r"^digest:(?P<choice>\d{1,2}|off)$"),
]
