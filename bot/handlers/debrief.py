"""/debrief: a one-minute debrief after a meeting, one question per message.

Each answer is committed when it arrives, together with the move to the next question, so a
crash loses nothing and a redelivered update is not stored twice. Where the user is lives in
the database (debriefs.next_step), not only in the conversation state.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.actions import debrief as debriefing
from bot.coaching import names
from bot.coaching.coming import COMING_DAYS
from bot.coaching.dates import MAX_AHEAD, RELATIVE_CHOICES, example_date, is_relative_choice
from bot.coaching.debrief import ResumeReply, resume_reply
from bot.coaching.goal_words import read_goal
from bot.coaching.names import Verdict
from bot.coaching.person_line import PersonLine
from bot.coaching.playbooks import DebriefStep
from bot.coaching.stages import GOALS, Goal, is_goal
from bot.handlers import suggested, who
from bot.handlers.common import (
    TYPED,
    Button,
    answer_query,
    button_id,
    button_value,
    clear_drafts,
    draft,
    nudge,
    nudge_at,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.handlers.timezone import user_date_order, user_timezone
from bot.ptb.application import Context
from bot.storage import contacts, debriefs, meetings
from bot.storage.contacts import Contact
from bot.storage.debriefs import Debrief
from bot.wording import day, pattern

PICK = "debrief.pick"
RESUME = "debrief.resume"
WHO = "debrief.who"
GOAL = "debrief.goal"
ANSWER = "debrief.answer"

OFFERED = 5
# A meeting can happen earlier than planned: /debrief offers those prepped for the days
# /followups shows too, and debriefing one moves it to the day it really happened. A person
# named at "Which meeting?" has any meeting of theirs still ahead found, however far.
AHEAD = timedelta(days=COMING_DAYS)
# At "Which meeting?", typed text is a name only if it has a letter in it.
_LETTER = re.compile(r"[^\W\d_]")


async def begin(update: Update, context: Context) -> str | int:
    clear_drafts(context)
    owner = owner_id(update)
    unfinished = await debriefs.open_debriefs(context.services.db, owner)
    if unfinished:
        return await _offer_resume(update, context, unfinished[0])
    return await _offer_meetings(update, context)


async def from_reminder(update: Update, context: Context) -> str | int | None:
    """The "Debrief now" button on an after-meeting reminder.

    One for a meeting that is not the presser's returns None: whatever conversation was under
    way carries on.
    """
    assert update.callback_query is not None
    meeting_id = button_id(context, "meeting")
    meeting = await meetings.get_meeting(context.services.db, owner_id(update), meeting_id)
    if meeting is None:
        await toast(update, context, "stale")
        return None
    await answer_query(update.callback_query)
    return await _start(update, context, meeting.id)


async def _offer_resume(update: Update, context: Context, debrief: Debrief) -> str:
    """Carry on or throw away; an answer typed instead carries on (see typed_answer)."""
    draft(context, "debrief")["id"] = debrief.id
    contact = await contacts.get_contact(context.services.db, debrief.owner_id, debrief.contact_id)
    render = context.services.render
    await reply(
        update,
        context,
        "debrief/resume",
        [
            [(render.label("debrief.resume"), f"debrief:resume:{debrief.id}")],
            [(render.label("debrief.discard"), f"debrief:discard:{debrief.id}")],
        ],
        name=contact.name if contact else "",
        answered=debrief.next_step,
        total=len(await _steps(context, debrief)),
    )
    return RESUME


async def typed_at_resume(update: Update, context: Context) -> str | int:
    """ "carry on" carries on and "throw it away" throws it away, as the buttons do; anything
    else is the answer to the question the debrief stopped at."""
    assert update.message is not None and update.message.text is not None
    said = resume_reply(update.message.text)
    if said is None:
        return await typed_answer(update, context)
    debrief = await _current(update, context)
    if debrief is None:
        return ConversationHandler.END
    if said is ResumeReply.CARRY_ON:
        return await _ask(update, context, debrief)
    await debriefs.discard_debrief(context.services.db, debrief.owner_id, debrief.id)
    return await _offer_meetings(update, context)


async def resume(update: Update, context: Context) -> str | int:
    debrief_id = button_id(context, "debrief")
    debrief = await debriefs.get_debrief(context.services.db, owner_id(update), debrief_id)
    if debrief is None or debrief.finished_at or debrief.discarded_at:
        await toast(update, context, "stale")
        return await _offer_meetings(update, context)
    await settle_button(update, context, context.services.render.label("debrief.resume"))
    draft(context, "debrief")["id"] = debrief.id
    return await _ask(update, context, debrief)


async def discard(update: Update, context: Context) -> str | int:
    debrief_id = button_id(context, "debrief")
    if not await debriefs.discard_debrief(context.services.db, owner_id(update), debrief_id):
        await toast(update, context, "stale")
    else:
        await settle_button(update, context, context.services.render.label("debrief.discard"))
    return await _offer_meetings(update, context)


async def _offer_meetings(update: Update, context: Context) -> str:
    services = context.services
    tz = await user_timezone(update, context)
    waiting = await debriefs.meetings_to_debrief(
        services.db, owner_id(update), services.clock(), ahead=AHEAD, limit=OFFERED
    )
    buttons: list[list[Button]] = [
        [
            (
                services.render.label(
                    "debrief.meeting",
                    name=m.contact_name,
                    when=pattern(m.scheduled_at.astimezone(tz), "d MMM")
                    if m.scheduled_at
                    else services.render.label("debrief.undated"),
                ),
                f"debrief:meeting:{m.meeting_id}",
            )
        ]
        for m in waiting
    ]
    buttons.append([(services.render.label("debrief.someone_else"), "debrief:other")])
    await reply(update, context, "debrief/pick", buttons, has_meetings=bool(waiting))
    return PICK


async def picked_meeting(update: Update, context: Context) -> str | int:
    meeting_id = button_id(context, "meeting")
    meeting = await meetings.get_meeting(context.services.db, owner_id(update), meeting_id)
    if meeting is None:
        await toast(update, context, "not_found")
        return PICK
    contact = await contacts.get_contact(context.services.db, meeting.owner_id, meeting.contact_id)
    await settle_button(update, context, contact.name if contact else "")
    return await _start_prepped(update, context, meeting.id)


async def typed_at_pick(update: Update, context: Context) -> str | int:
    """A name typed at "Which meeting?": the prepped meeting of the person it names, or, for
    anyone else, on as "someone else" with that name."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    if names.offer_reply(text) == "new":  # "someone else", "new", "no"
        return await someone_else(update, context)
    if not _LETTER.search(text):
        await nudge(update, context, PICK)
        return PICK
    name = await who.typed_name(update, context)
    if name is None:
        return PICK
    services = context.services
    found = await who.resolve(services.db, owner_id(update), names.reference(name))
    if found.verdict is not Verdict.NONE:
        prepped = [m for person in found.people for m in await _waiting(update, context, person.id)]
        if len({m.contact_id for m in prepped}) == 1:
            return await _start_prepped(update, context, prepped[0].meeting_id)
    return await typed_name(update, context)


async def _waiting(
    update: Update, context: Context, contact_id: int
) -> list[debriefs.MeetingToDebrief]:
    """The contact's meetings /debrief would offer, nearest to now first."""
    services = context.services
    return await debriefs.meetings_to_debrief(
        services.db, owner_id(update), services.clock(), ahead=MAX_AHEAD, contact_id=contact_id
    )


async def someone_else(update: Update, context: Context) -> str:
    await settle_button(update, context, context.services.render.label("debrief.someone_else"))
    recent = await contacts.recent_contacts(context.services.db, owner_id(update))
    buttons = who.contact_buttons("debrief", recent)
    await reply(update, context, "debrief/who", buttons, has_recent=bool(recent))
    return WHO


async def picked_contact(update: Update, context: Context) -> str | int:
    contact = await who.pressed_contact(update, context)
    if contact is None:
        return WHO
    await settle_button(update, context, contact.name)
    return await _known_contact(update, context, contact)


async def typed_name(update: Update, context: Context) -> str | int:
    answer = who.offered(update, context, "debrief")
    if answer == "yes":
        contact = await who.offered_contact(update, context, "debrief")
        if contact is None:
            await reply(update, context, "prep/contact_gone")
            return WHO
        return await _known_contact(update, context, contact)
    if answer == "new":
        return await _new_contact(update, context)
    name = await who.typed_name(update, context)
    if name is None:
        return WHO
    wanted = draft(context, "debrief")
    misread = wanted.pop("misread", None)
    if misread is not None:
        return await _rename(update, context, int(misread), name)
    person = names.reference(name)
    wanted.update(name=person.name, company=person.company, role=person.role)
    if await who.offer_matches(update, context, "debrief", person):
        return WHO
    return await _new_contact(update, context)


async def someone_new(update: Update, context: Context) -> str:
    name = draft(context, "debrief").get("name")
    if not name:
        await toast(update, context, "earlier_step")
        return WHO
    await settle_button(update, context, context.services.render.label("someone_new", name=name))
    return await _new_contact(update, context)


async def _new_contact(update: Update, context: Context) -> str:
    """A contact for the name typed, with the company and role the same line gave."""
    wanted = draft(context, "debrief")
    wanted.pop("offered", None)
    person = PersonLine(str(wanted["name"]), wanted.get("role"), wanted.get("company"))
    contact = await contacts.create_contact(
        context.services.db,
        owner_id(update),
        name=person.name,
        company=person.company,
        role=person.role,
    )
    return await _ask_goal(
        update, context, contact.id, contact.name, understood=person if person.split else None
    )


async def fix(update: Update, context: Context) -> str:
    """ "Not quite" under a line that was split: its contact, made a moment ago, takes the
    name typed next as it is, without the company and role read from the line."""
    contact_id = draft(context, "debrief").get("contact_id")
    if contact_id is None:
        await toast(update, context, "earlier_step")
        return GOAL
    await settle_button(update, context, context.services.render.label("fix"))
    draft(context, "debrief")["misread"] = contact_id
    await reply(update, context, "debrief/who_again")
    return WHO


async def _known_contact(update: Update, context: Context, contact: Contact) -> str | int:
    """Someone already known: the meeting prepped with them, if one waits, rather than a
    second one; else the question what this meeting was about."""
    waiting = await _waiting(update, context, contact.id)
    if waiting:
        return await _start_prepped(update, context, waiting[0].meeting_id)
    return await _ask_goal(update, context, contact.id, contact.name)


async def _rename(update: Update, context: Context, contact_id: int, name: str) -> str:
    contact = await contacts.update_contact(
        context.services.db, owner_id(update), contact_id, name=name, company=None, role=None
    )
    if contact is None:
        await reply(update, context, "prep/contact_gone")
        return WHO
    return await _ask_goal(update, context, contact.id, contact.name)


async def _ask_goal(
    update: Update,
    context: Context,
    contact_id: int,
    name: str,
    *,
    understood: PersonLine | None = None,
) -> str:
    draft(context, "debrief")["contact_id"] = contact_id
    render = context.services.render
    goals = [(render.label(f"goals.{goal}"), f"debrief:goal:{goal}") for goal in GOALS]
    rows = [goals[i : i + 2] for i in range(0, len(goals), 2)]
    if understood is not None:
        rows.append([(render.label("fix"), "debrief:fix")])
    await reply(update, context, "debrief/goal", rows, name=name, understood=understood)
    return GOAL


async def picked_goal(update: Update, context: Context) -> str | int:
    goal = button_value(context, "goal")
    if not is_goal(goal) or draft(context, "debrief").get("contact_id") is None:
        await toast(update, context, "earlier_step")
        return GOAL
    await settle_button(update, context, context.services.render.label(f"goals.{goal}"))
    return await _met(update, context, goal, None)


async def typed_goal(update: Update, context: Context) -> str | int:
    """The goal in the person's words: "advice on moving into management" is advice, and
    the words are kept as what they hoped for (a note, slot "aim", of this debrief)."""
    assert update.message is not None and update.message.text is not None
    reading = read_goal(update.message.text)
    if reading is None or draft(context, "debrief").get("contact_id") is None:
        await nudge(update, context, GOAL)
        return GOAL
    return await _met(update, context, reading.goal, reading.words)


async def _met(update: Update, context: Context, goal: Goal, aim: str | None) -> str | int:
    contact_id = int(draft(context, "debrief")["contact_id"])
    started = await debriefing.start_unprepped(
        await _actor(update, context), contact_id, goal, aim, update.update_id
    )
    if started is None:
        await reply(update, context, "prep/contact_gone")
        return WHO
    return await _begun(update, context, started)


async def _start_prepped(update: Update, context: Context, meeting_id: int) -> str | int:
    started = await debriefing.start(await _actor(update, context), meeting_id, prepped=True)
    return await _begun(update, context, started)


async def _start(update: Update, context: Context, meeting_id: int) -> str | int:
    started = await debriefing.start(await _actor(update, context), meeting_id)
    return await _begun(update, context, started)


async def _begun(update: Update, context: Context, started: debriefing.Started | None) -> str | int:
    if started is None:
        await toast(update, context, "stale")
        return ConversationHandler.END
    debrief = started.debrief
    clear_drafts(context)
    draft(context, "debrief")["id"] = debrief.id
    intro = started.name if debrief.next_step == 0 else None
    return await _ask(update, context, debrief, started.steps, intro=intro)


async def _ask(
    update: Update,
    context: Context,
    debrief: Debrief,
    steps: tuple[DebriefStep, ...] | None = None,
    *,
    intro: str | None = None,
) -> str | int:
    """Send the next question (`steps`: the debrief's, if known already); `intro` (the
    contact's name) opens a debrief with a word on what is coming, in the same message, so
    that the first question is not a second ping."""
    if steps is None:
        steps = await _steps(context, debrief)
    if debrief.next_step >= len(steps):
        return await _finish(update, context, debrief)
    step = steps[debrief.next_step]
    render = context.services.render
    prefix = f"debrief:{debrief.id}:{debrief.next_step}"
    buttons: list[list[Button]] = []
    if step.answer == "date":
        choices = [(render.label(f"relative.{c}"), f"{prefix}:{c}") for c in RELATIVE_CHOICES]
        buttons = [choices[:2], choices[2:4], choices[4:]]
    buttons.append([(render.label("skip"), f"{prefix}:skip")])
    await reply(
        update,
        context,
        "debrief/step",
        buttons,
        step=step,
        number=debrief.next_step + 1,
        total=len(steps),
        date=step.answer == "date",
        intro=intro,
    )
    return ANSWER


async def typed_answer(update: Update, context: Context) -> str | int:
    """An answer to the current question; also when typed at "carry on or throw it away?":
    people who were answering when the bot restarted simply go on answering."""
    assert update.message is not None and update.message.text is not None
    debrief = await _current(update, context)
    if debrief is None:
        return ConversationHandler.END
    if _handled_before(update, debrief):
        return await _ask(update, context, debrief)
    steps = await _steps(context, debrief)
    if debrief.next_step >= len(steps):
        return await _finish(update, context, debrief)
    actor = await _actor(update, context)
    text = update.message.text
    answered = await debriefing.answer(
        actor, debrief, steps[debrief.next_step], text, update.update_id
    )
    if isinstance(answered, debriefing.Unreadable):
        await _unreadable(update, context, answered, text)
        return ANSWER
    return await _ask(update, context, answered.debrief, answered.steps)


async def _unreadable(
    update: Update, context: Context, unreadable: debriefing.Unreadable, text: str
) -> None:
    """Why a typed follow-up can't be read."""
    await reply(
        update,
        context,
        "debrief/bad_date",
        text=text[:64],
        example=unreadable.example,
        reason=unreadable.reason,
        read=unreadable.read,
        both=unreadable.both,
    )


async def nudge_answer(update: Update, context: Context) -> None:
    """What works at a debrief question: an answer or skip, or for the follow-up a date."""
    debrief_id = draft(context, "debrief").get("id")
    debrief = (
        await debriefs.get_debrief(context.services.db, owner_id(update), int(debrief_id))
        if debrief_id is not None
        else None
    )
    steps = await _steps(context, debrief) if debrief else ()
    if debrief is None or debrief.next_step >= len(steps):
        await nudge(update, context)
    elif steps[debrief.next_step].answer == "date":
        tz = await user_timezone(update, context)
        example = day(example_date(context.services.clock(), tz))
        await nudge(update, context, "debrief.date", example=example)
    else:
        await nudge(update, context, ANSWER)


async def pressed(update: Update, context: Context) -> str | int:
    """Skip, or one of the date buttons, on the question at `step` of debrief `id`."""
    asked = (button_id(context, "debrief"), button_id(context, "step"))
    choice = button_value(context, "choice")
    debrief = await _current(update, context)
    if debrief is None:
        return ConversationHandler.END
    if _handled_before(update, debrief):
        return await _ask(update, context, debrief)
    if (debrief.id, debrief.next_step) != asked:
        await toast(update, context, "earlier_step")
        return ANSWER
    steps = await _steps(context, debrief)
    if debrief.next_step >= len(steps):
        return await _finish(update, context, debrief)
    actor = await _actor(update, context)
    step = steps[debrief.next_step]
    render = context.services.render
    if choice == "skip":
        await settle_button(update, context, render.label("skip"))
        answered = await debriefing.answer(actor, debrief, step, None, update.update_id)
    elif step.answer != "date" or not is_relative_choice(choice):
        await toast(update, context, "earlier_step")
        return ANSWER
    else:
        label = render.label(f"relative.{choice}")
        await settle_button(update, context, label)
        answered = await debriefing.answer(
            actor, debrief, step, label, update.update_id, choice=choice
        )
    # Only a typed date can be unreadable.
    assert isinstance(answered, debriefing.Answered)
    return await _ask(update, context, answered.debrief, answered.steps)


async def _finish(update: Update, context: Context, debrief: Debrief) -> int:
    recap = await debriefing.finish(await _actor(update, context), debrief)
    clear_drafts(context)
    if recap is None:
        return ConversationHandler.END
    contact = recap.contact
    await reply(
        update,
        context,
        "debrief/summary",
        [[(context.services.render.label("debrief.open_contact"), f"contact:open:{contact.id}")]],
        name=contact.name,
        answers=recap.answers,
        follow_up=recap.follow_up,
        follow_up_how=recap.follow_up_how,
        stage=recap.stage,
        stage_changed=recap.stage != contact.stage,
    )
    await suggested.offer(update, context, debrief.id, contact)
    return ConversationHandler.END


async def _steps(context: Context, debrief: Debrief) -> tuple[DebriefStep, ...]:
    return await debriefing.steps(context.services.db, context.services.library.debrief, debrief)


async def _actor(update: Update, context: Context) -> debriefing.Actor:
    services = context.services
    return debriefing.Actor(
        db=services.db,
        owner=owner_id(update),
        now=services.clock(),
        zone=await user_timezone(update, context),
        date_order=await user_date_order(update, context),
        script=services.library.debrief,
        render=services.render,
    )


def _handled_before(update: Update, debrief: Debrief) -> bool:
    """This update stored the debrief's latest answer already: the bot died before the
    question after it (or the summary) reached the person, and it is handled again."""
    return debrief.last_update_id == update.update_id


async def _current(update: Update, context: Context) -> Debrief | None:
    """The debrief this conversation is about, if it is still open (or was finished by this
    very update, handled again after a crash)."""
    debrief_id = draft(context, "debrief").get("id")
    debrief = (
        await debriefs.get_debrief(context.services.db, owner_id(update), int(debrief_id))
        if debrief_id is not None
        else None
    )
    if (
        debrief is not None
        and debrief.discarded_at is None
        and (debrief.finished_at is None or _handled_before(update, debrief))
    ):
        return debrief
    if update.callback_query is not None:
        await toast(update, context, "stale")
    await reply(update, context, "debrief/gone")
    clear_drafts(context)
    return None


ENTRY_POINTS: list[BaseHandler[Update, Context, Any]] = [
    CommandHandler("debrief", begin),
    CallbackQueryHandler(from_reminder, pattern=r"^debrief:start:(?P<meeting>\d{1,18})$"),
]
RESUME_BUTTONS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(resume, pattern=r"^debrief:resume:(?P<debrief>\d{1,18})$"),
    CallbackQueryHandler(discard, pattern=r"^debrief:discard:(?P<debrief>\d{1,18})$"),
]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    RESUME: [*RESUME_BUTTONS, MessageHandler(TYPED, typed_at_resume), nudge_at(RESUME)],
    PICK: [
        # A carry-on prompt shown before RESUME existed was in this state.
        *RESUME_BUTTONS,
        CallbackQueryHandler(picked_meeting, pattern=r"^debrief:meeting:(?P<meeting>\d{1,18})$"),
        CallbackQueryHandler(someone_else, pattern=r"^debrief:other$"),
        MessageHandler(TYPED, typed_at_pick),
        nudge_at(PICK),
    ],
    WHO: [
        CallbackQueryHandler(picked_contact, pattern=r"^debrief:contact:(?P<contact>\d{1,18})$"),
        CallbackQueryHandler(someone_new, pattern=r"^debrief:new$"),
        MessageHandler(TYPED, typed_name),
        nudge_at(WHO),
    ],
    GOAL: [
        CallbackQueryHandler(picked_goal, pattern=r"^debrief:goal:(?P<goal>\w+)$"),
        CallbackQueryHandler(fix, pattern=r"^debrief:fix$"),
        MessageHandler(TYPED, typed_goal),
        nudge_at(GOAL),
    ],
    ANSWER: [
        CallbackQueryHandler(
            pressed,
            pattern=r"^debrief:(?P<debrief>\d{1,18}):(?P<step>\d{1,3}):(?P<choice>\w{1,8})$",
        ),
        MessageHandler(TYPED, typed_answer),
        MessageHandler(~filters.COMMAND, nudge_answer),
    ],
}
