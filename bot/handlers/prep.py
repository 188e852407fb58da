"""/prep: who you are meeting, what you hope for, when — then the brief.

Nothing is stored until the last answer: a cancelled /prep leaves no half-made contact. The
answers so far live in user_data, which the persistence keeps across restarts. The last answer
stores the contact and the meeting in one transaction, tagged with its Telegram update, so the
same update handled again after a crash sends the brief again and stores nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.actions.prep import Planned, plan_meeting
from bot.coaching import names
from bot.coaching.answers import is_nothing, opens_with_nothing, placed
from bot.coaching.dates import (
    DayChoice,
    MeetingTime,
    day_choice,
    when_inside,
)
from bot.coaching.fact_fit import has_retired
from bot.coaching.goal_words import GoalReading, read_goal
from bot.coaching.person_line import (
    PersonLine,
    first_sentence,
    is_sentence,
    read_role,
    still_at,
    unhedged,
    workplace_typed,
)
from bot.coaching.stages import GOALS, is_goal
from bot.handlers import prep_about, prep_promises, who
from bot.handlers.brief import send_brief
from bot.handlers.common import (
    TYPED,
    Button,
    answer_query,
    best_effort,
    button_id,
    button_value,
    clear_drafts,
    draft,
    nudge,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.handlers.date_answer import DateQuestion
from bot.handlers.timezone import user_timezone
from bot.ptb.application import Context
from bot.storage import contacts, meetings
from bot.storage.contacts import Contact

WHO = "prep.who"
COMPANY = "prep.company"
ROLE = "prep.role"
GOAL = "prep.goal"
WHEN = prep_about.WHEN

MAX_FIELD = 100


async def begin(update: Update, context: Context) -> str:
    clear_drafts(context)
    recent = await contacts.recent_contacts(context.services.db, owner_id(update), limit=who.SHOWN)
    buttons = who.contact_buttons("prep", recent)
    await reply(update, context, "prep/who", buttons, has_recent=bool(recent))
    return WHO


async def typed_name(update: Update, context: Context) -> str:
    answer = who.offered(update, context, "prep")
    if answer == "yes":
        return await _take(update, context, await who.offered_contact(update, context, "prep"))
    if answer == "new":
        return await _someone_new(update, context)
    name = await who.typed_name(update, context)
    if name is None:
        return WHO
    prep = draft(context, "prep")
    person = names.reference(name, split=not prep.get("name_as_typed"))
    prep.pop("contact_id", None)
    prep["name"] = person.name
    # What the line said besides the name is an answer to the questions that ask for it;
    # a workplace in the past is not: where they work now is asked, with it beside.
    for field, value in (
        ("company", person.company),
        ("role", person.role),
        ("past_company", person.past_company),
        # "He used to work at Spotify": kept with the meeting as how you know them.
        ("known_from", person.about if person.past_company else None),
    ):
        if value is None:
            prep.pop(field, None)
        else:
            prep[field] = value
    if person.company is None and has_retired(person.about):
        # "he was my first boss at Fonterra, retired now": no workplace now to ask about.
        _take_retired(context)
    said = (person.company, person.role, person.about, person.past_company)
    prep["understood"] = "who" if any(said) else None
    prep["from_line"] = await prep_about.known_from_line(update, context, person.about)
    if await who.offer_matches(update, context, "prep", person):
        return WHO
    return await _next_question(update, context)


async def picked_contact(update: Update, context: Context) -> str:
    contact = await who.pressed_contact(update, context)
    if contact is not None:
        await settle_button(update, context, who.contact_label(contact))
    return await _take(update, context, contact)


async def _take(update: Update, context: Context, contact: Contact | None) -> str:
    if contact is None:
        await reply(update, context, "prep/contact_gone")
        return WHO
    prep = draft(context, "prep")
    prep.pop("understood", None)
    prep.update(
        contact_id=contact.id, name=contact.name, company=contact.company, stage=contact.stage
    )
    if contact.relationship is not None:
        # Known contacts are not asked again; /contact corrects what was said.
        prep["relationship"] = contact.relationship
    return await prep_promises.begin(update, context, contact) or await _ask_goal(update, context)


async def picked_kept(update: Update, context: Context) -> str:
    return await prep_promises.picked(update, context) or await _ask_goal(update, context)


async def skipped_kept(update: Update, context: Context) -> str:
    return await prep_promises.skipped_rest(update, context) or await _ask_goal(update, context)


async def typed_kept(update: Update, context: Context) -> str:
    return await prep_promises.typed(update, context) or await _ask_goal(update, context)


async def someone_new(update: Update, context: Context) -> str:
    name = draft(context, "prep").get("name")
    if not name:
        await toast(update, context, "earlier_step")
        return WHO
    await settle_button(update, context, context.services.render.label("someone_new", name=name))
    return await _someone_new(update, context)


async def _someone_new(update: Update, context: Context) -> str:
    draft(context, "prep").pop("offered", None)
    return await _next_question(update, context)


async def _next_question(update: Update, context: Context) -> str:
    """The first question not answered yet: a line such as "Priya, head of data at
    Northwind" answers the company and role questions with the name."""
    prep = draft(context, "prep")
    if "company" not in prep:
        return await _ask_company(update, context)
    if "role" not in prep:
        return await _ask_role(update, context)
    return await _ask_goal(update, context)


def _shown_back(context: Context) -> tuple[PersonLine | None, list[list[Button]]]:
    """What a line just split was read as, to show with the next question, and the button
    that lets the user type it again; nothing when the last answer was not split."""
    prep = draft(context, "prep")
    step = prep.pop("understood", None)
    if not step:
        return None, []
    said = prep.get("from_line") or {}
    person = ReadBack(
        prep["name"],
        prep.get("role"),
        prep.get("company"),
        past_company=prep.get("past_company"),
        relationship=said.get("relationship"),
        introducer=said.get("introducer"),
    )
    return person, [[(context.services.render.label("fix"), f"prep:fix:{step}")]]


@dataclass(frozen=True)
class ReadBack(PersonLine):
    """A line as it was read, with how you know them when it said ("my old boss")."""

    relationship: str | None = None
    introducer: str | None = None


async def fix(update: Update, context: Context) -> str:
    """ "Not quite": the line is asked for again, and taken as typed this time."""
    step = button_value(context, "step")
    await settle_button(update, context, context.services.render.label("fix"))
    prep = draft(context, "prep")
    prep.pop("understood", None)
    prep.pop("company", None)
    prep.pop("role", None)
    if step == "company":
        prep["company_as_typed"] = True
        return await _ask_company(update, context)
    prep.pop("name", None)
    prep.pop("past_company", None)
    prep["name_as_typed"] = True
    await reply(update, context, "prep/who_again")
    return WHO


async def _ask_company(update: Update, context: Context) -> str:
    prep = draft(context, "prep")
    understood, fix_button = _shown_back(context)
    past = prep.get("past_company")
    still: list[list[Button]] = []
    if past:
        still = [[(context.services.render.label("still_at", company=past), "prep:still")]]
    await reply(
        update,
        context,
        "prep/company",
        still + _skip(context) + fix_button,
        name=prep["name"],
        understood=understood,
        as_typed=bool(prep.get("company_as_typed")),
        past_company=past,
    )
    return COMPANY


async def still_there(update: Update, context: Context) -> str:
    """ "Still at Santa Maria": the workplace the line put in the past is where they work."""
    prep = draft(context, "prep")
    past = prep.get("past_company")
    if not past or "company" in prep:
        await toast(update, context, "earlier_step")
        return COMPANY
    await settle_button(update, context, context.services.render.label("still_at", company=past))
    prep["company"] = past
    return await _next_question(update, context)


async def typed_company(update: Update, context: Context) -> str:
    if _says_nothing(update):
        draft(context, "prep")["company"] = None
        return await _next_question(update, context)
    early = await _a_step_early(update, context)
    if early is not None:
        return early
    assert update.message is not None and update.message.text is not None
    prep = draft(context, "prep")
    past = prep.get("past_company")
    still = still_at(update.message.text, past) if past else None
    if still is not None:
        prep["company"] = still
        return await _next_question(update, context)
    if has_retired(update.message.text) and " at " not in update.message.text:
        # "he's retired": no company called "retired", and no role there to ask about.
        _take_retired(context)
        return await _next_question(update, context)
    workplace = workplace_typed(
        update.message.text, as_typed=bool(prep.get("company_as_typed")), limit=MAX_FIELD
    )
    if workplace is None:
        await reply(update, context, "prep/too_long", _skip(context), max_length=str(MAX_FIELD))
        return COMPANY
    if workplace.role is not None:
        prep["role"] = workplace.role
        prep["understood"] = "company"
    prep["company"] = workplace.company
    return await _next_question(update, context)


def _take_retired(context: Context) -> None:
    prep = draft(context, "prep")
    prep["company"] = None
    prep.setdefault("role", context.services.render.label("retired_role"))


async def _a_step_early(update: Update, context: Context) -> str | None:
    """A sentence typed where a workplace or a role was asked ("I want to learn how his team
    detects fraud", "never met"): no company and no role. What it says they want is the
    goal, not asked again; anything else is asked in its own step."""
    assert update.message is not None
    text = update.message.text or ""
    # Only the first sentence says whether it answers the question: "Metrolinx, he is
    # director there. We worked together for five years" names a workplace first.
    if not is_sentence(unhedged(first_sentence(text))):  # "data scientist I think" is a role
        return None
    prep = draft(context, "prep")
    prep.setdefault("company", None)
    prep.setdefault("role", None)
    reading = read_goal(text)
    if reading is None:
        return await _next_question(update, context)
    return await _took_typed_goal(update, context, reading)


def _says_nothing(update: Update) -> bool:
    """ "skip", "no idea", "n/a" typed instead of pressing Skip."""
    return update.message is not None and is_nothing(update.message.text or "")


async def skipped_company(update: Update, context: Context) -> str:
    await settle_button(update, context, context.services.render.label("skip"))
    draft(context, "prep")["company"] = None
    return await _next_question(update, context)


async def _ask_role(update: Update, context: Context) -> str:
    prep = draft(context, "prep")
    understood, fix_button = _shown_back(context)
    await reply(
        update,
        context,
        "prep/role",
        _skip(context) + fix_button,
        name=prep["name"],
        company=prep.get("company"),
        understood=understood,
    )
    return ROLE


async def typed_role(update: Update, context: Context) -> str:
    if _says_nothing(update):
        draft(context, "prep")["role"] = None
        return await _ask_goal(update, context)
    early = await _a_step_early(update, context)
    if early is not None:
        return early
    role = _field(update)
    said = read_role(role) if role is not None else None
    if said is None or len(said.role or "") > MAX_FIELD or len(said.company or "") > MAX_FIELD:
        await reply(update, context, "prep/too_long", _skip(context), max_length=str(MAX_FIELD))
        return ROLE
    prep = draft(context, "prep")
    prep["role"] = said.role
    if said.company is not None:
        # "She's nurse manager at CUF now": where they work now, over what was said before.
        prep["company"] = said.company
    return await _ask_goal(update, context)


async def skipped_role(update: Update, context: Context) -> str:
    await settle_button(update, context, context.services.render.label("skip"))
    draft(context, "prep")["role"] = None
    return await _ask_goal(update, context)


async def _ask_goal(update: Update, context: Context) -> str:
    render = context.services.render
    goals = [(render.label(f"goals.{goal}"), f"prep:goal:{goal}") for goal in GOALS]
    rows = [goals[i : i + 2] for i in range(0, len(goals), 2)]
    understood, fix_button = _shown_back(context)
    await reply(
        update,
        context,
        "prep/goal",
        rows + fix_button,
        name=draft(context, "prep")["name"],
        understood=understood,
    )
    return GOAL


async def picked_goal(update: Update, context: Context) -> str:
    goal = button_value(context, "goal")
    if not is_goal(goal):
        await toast(update, context, "earlier_step")
        return GOAL
    await settle_button(update, context, context.services.render.label(f"goals.{goal}"))
    draft(context, "prep")["goal"] = goal
    # How you know them, where you meet, what you came for: prep_about asks, then the date.
    return await prep_about.after_goal(update, context)


async def typed_goal(update: Update, context: Context) -> str:
    """A goal in the person's own words: the goal they name, and the words kept as their aim
    (so the aim is not asked again)."""
    assert update.message is not None and update.message.text is not None
    goal = placed(GOALS, update.message.text)  # "the second one"
    if goal is not None:
        draft(context, "prep")["goal"] = goal
        return await prep_about.after_goal(update, context)
    reading = read_goal(update.message.text)
    if reading is None:
        await nudge(update, context, "prep.goal")
        return GOAL
    return await _took_typed_goal(update, context, reading)


async def _took_typed_goal(update: Update, context: Context, reading: GoalReading) -> str:
    """A goal read from a sentence is said back on the next question, with one button to
    change it: a goal read wrong ("ask" for a meeting to give help) shapes the whole brief,
    and the next questions depend on it."""
    prep = draft(context, "prep")
    prep["goal"] = reading.goal
    if reading.words:
        prep["aim"] = reading.words[: prep_about.MAX_AIM]
        # Said back on the next question (prep_about.goal_read_back).
        prep["goal_read"] = reading.goal
    return await prep_about.after_goal(update, context)


def _change_goal(state: object) -> CallbackQueryHandler[Context, str]:
    """ "Not that", pressed while `state` is asked: the goal is asked again with its buttons;
    the words stay the aim, and what was asked because of the goal read (who can say yes)
    is forgotten. A question about how you know them that was under way is asked again
    after the goal, from its start."""
    forget = ["goal", "ask_target", "ask_why", "can_help"]
    if state in (prep_about.LAST_TALKED_STEP, prep_about.INTRODUCER):
        forget.append("relationship")

    async def change_goal(update: Update, context: Context) -> str:
        await settle_button(update, context, context.services.render.label("change_goal"))
        prep = draft(context, "prep")
        for key in forget:
            prep.pop(key, None)
        return await _ask_goal(update, context)

    return CallbackQueryHandler(change_goal, pattern=f"^{prep_about.CHANGE_GOAL}$")


async def picked_day(update: Update, context: Context) -> int:
    choice = button_value(context, "day")
    await settle_button(update, context, context.services.render.label(choice))
    if choice == "skip":
        return await finish(update, context, None)
    tz = await user_timezone(update, context)
    day: DayChoice = "tomorrow" if choice == "tomorrow" else "today"
    return await finish(update, context, day_choice(day, context.services.clock(), tz))


WHEN_ASKED = DateQuestion(flow="prep", order_button="prep:order", refusal="prep/bad_when")


async def typed_when(update: Update, context: Context) -> int | str:
    text = update.message.text if update.message and update.message.text else ""
    if opens_with_nothing(text) and not await _names_a_date(update, context, text):
        # "tbd", "skip for now", "not decided yet, she'll send a slot": no date, as Skip.
        return await finish(update, context, None)
    when = await WHEN_ASKED.typed(update, context)
    return WHEN if when is None else await finish(update, context, when)


async def _names_a_date(update: Update, context: Context, text: str) -> bool:
    now = context.services.clock()
    return when_inside(text, now, await user_timezone(update, context)) is not None


async def picked_order(update: Update, context: Context) -> int | str:
    """Which of the two readings of a date like 3/4 the user meant."""
    when = await WHEN_ASKED.picked_order(update, context)
    return WHEN if when is None else await finish(update, context, when)


async def finish(update: Update, context: Context, when: MeetingTime | None) -> int:
    """Store the contact (when new) and the meeting at once, then send the brief."""
    prep = draft(context, "prep")
    goal = prep["goal"]
    if not is_goal(goal):
        raise ValueError(f"unexpected goal {goal!r}")
    planned = Planned(
        contact_id=int(prep["contact_id"]) if prep.get("contact_id") is not None else None,
        name=prep.get("name", ""),
        company=prep.get("company"),
        role=prep.get("role"),
        known=prep_about.acquaintance(prep),
        goal=goal,
        when=when,
        about=prep_about.meeting_about(prep),
    )
    stored = await plan_meeting(context.services.db, owner_id(update), update.update_id, planned)
    clear_drafts(context)
    if stored is None:
        await reply(update, context, "prep/contact_gone")
        return ConversationHandler.END
    await send_brief(update, context, *stored)
    return ConversationHandler.END


async def debrief_reminder(update: Update, context: Context) -> None:
    """The brief's reminder offer; it outlives the conversation, so it checks ownership."""
    query = update.callback_query
    assert query is not None
    db = context.services.db
    meeting_id, on = button_id(context, "meeting"), button_value(context, "on") == "1"
    meeting = await meetings.set_debrief_reminder(db, owner_id(update), meeting_id, on)
    if meeting is None:
        await toast(update, context, "stale")
        return
    contact = await contacts.get_contact(db, owner_id(update), meeting.contact_id)
    await answer_query(query)
    await best_effort(query.edit_message_reply_markup(reply_markup=None), "removing the offer")
    if meeting.debrief_reminder:
        await reply(update, context, "prep/reminder_set", name=contact.name if contact else "")
    else:
        undo = context.services.render.label("remind_debrief")
        await reply(
            update, context, "prep/reminder_declined", [[(undo, f"brief:remind:{meeting.id}:1")]]
        )


def _skip(context: Context) -> list[list[Button]]:
    return [[(context.services.render.label("skip"), "prep:skip")]]


def _field(update: Update) -> str | None:
    assert update.message is not None and update.message.text is not None
    value = unhedged(" ".join(update.message.text.split()))
    return value if 0 < len(value) <= MAX_FIELD else None


KEPT = r"^prep:kept:(?P<note>\d{1,18}):(?P<done>[01])$"
FIX = r"^prep:fix:(?P<step>who|company)$"
ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [CommandHandler("prep", begin)]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    WHO: [
        CallbackQueryHandler(picked_contact, pattern=r"^prep:contact:(?P<contact>\d{1,18})$"),
        CallbackQueryHandler(someone_new, pattern=r"^prep:new$"),
        MessageHandler(TYPED, typed_name),
    ],
    COMPANY: [
        CallbackQueryHandler(skipped_company, pattern=r"^prep:skip$"),
        CallbackQueryHandler(still_there, pattern=r"^prep:still$"),
        CallbackQueryHandler(fix, pattern=FIX),
        MessageHandler(TYPED, typed_company),
    ],
    ROLE: [
        CallbackQueryHandler(skipped_role, pattern=r"^prep:skip$"),
        CallbackQueryHandler(fix, pattern=FIX),
        MessageHandler(TYPED, typed_role),
    ],
    prep_promises.PROMISE: [
        CallbackQueryHandler(picked_kept, pattern=KEPT),
        CallbackQueryHandler(skipped_kept, pattern=r"^prep:kept:rest$"),
        MessageHandler(TYPED, typed_kept),
    ],
    GOAL: [
        CallbackQueryHandler(picked_goal, pattern=r"^prep:goal:(?P<goal>\w+)$"),
        CallbackQueryHandler(fix, pattern=FIX),
        MessageHandler(TYPED, typed_goal),
    ],
    # The goal read from a sentence can be changed at the question after it.
    **{
        state: [_change_goal(state), *handlers] if state in prep_about.AFTER_GOAL else handlers
        for state, handlers in prep_about.STATES.items()
    },
    WHEN: [
        CallbackQueryHandler(picked_day, pattern=r"^prep:when:(?P<day>today|tomorrow|skip)$"),
        CallbackQueryHandler(picked_order, pattern=r"^prep:order:(?P<order>\w+)$"),
        MessageHandler(TYPED, typed_when),
    ],
}
# Outside the conversation: the brief's buttons stay pressable after it ends.
HANDLERS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(
        debrief_reminder, pattern=r"^brief:remind:(?P<meeting>\d{1,18}):(?P<on>[01])$"
    ),
]
