"""/debrief: a one-minute debrief after a meeting, one question per message.

Each answer is committed when it arrives, together with the move to the next question, so a
crash loses nothing and a redelivered update is not stored twice. Where the user is lives in
the database (debriefs.next_step), not only in the conversation state.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.coaching import names
from bot.coaching.answers import (
    Promise,
    is_nothing,
    promise_clause,
    promise_reminder_at,
    promise_side,
    read_promises,
    split_tentative,
)
from bot.coaching.coming import COMING_DAYS
from bot.coaching.dates import (
    MAX_AHEAD,
    RELATIVE_CHOICES,
    Ambiguous,
    DateRefused,
    MeetingTime,
    example_date,
    is_relative_choice,
    read_follow_up,
    relative_choice,
)
from bot.coaching.debrief import (
    ResumeReply,
    follow_up_due,
    follow_up_reason,
    resume_reply,
    stage_after_debrief,
)
from bot.coaching.goal_words import read_goal
from bot.coaching.memory import excerpt
from bot.coaching.names import Verdict
from bot.coaching.person_line import PersonLine
from bot.coaching.playbooks import DebriefStep
from bot.coaching.situation import (
    Situation,
    after_meeting,
    is_last_talked,
    is_relationship,
    is_setting,
)
from bot.coaching.stages import GOALS, NEW_CONTACT_STAGE, Goal, is_goal, is_stage
from bot.handlers import suggested, who
from bot.handlers.common import (
    TYPED,
    Button,
    answer_query,
    clear_drafts,
    draft,
    nudge,
    nudge_at,
    owner_id,
    reply,
    settle_button,
    toast,
)
from bot.handlers.context import Context
from bot.handlers.timezone import user_date_order, user_timezone
from bot.storage import contacts, debriefs, followups, interactions, meetings, notes
from bot.storage.contacts import Acquaintance, Contact
from bot.storage.db import Database
from bot.storage.debriefs import Debrief
from bot.storage.errors import NotFound
from bot.storage.meetings import MeetingAbout
from bot.storage.notes import PROMISE_SLOTS, Note

PICK = "debrief.pick"
RESUME = "debrief.resume"
WHO = "debrief.who"
GOAL = "debrief.goal"
ANSWER = "debrief.answer"
END = -1

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
    assert update.callback_query is not None and update.callback_query.data is not None
    meeting_id = int(update.callback_query.data.rsplit(":", 1)[1])
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
        return END
    if said is ResumeReply.CARRY_ON:
        return await _ask(update, context, debrief)
    await debriefs.discard_debrief(context.services.db, debrief.owner_id, debrief.id)
    return await _offer_meetings(update, context)


async def resume(update: Update, context: Context) -> str | int:
    assert update.callback_query is not None and update.callback_query.data is not None
    debrief_id = int(update.callback_query.data.rsplit(":", 1)[1])
    debrief = await debriefs.get_debrief(context.services.db, owner_id(update), debrief_id)
    if debrief is None or debrief.finished_at or debrief.discarded_at:
        await toast(update, context, "stale")
        return await _offer_meetings(update, context)
    await settle_button(update, context, context.services.render.label("debrief.resume"))
    draft(context, "debrief")["id"] = debrief.id
    return await _ask(update, context, debrief)


async def discard(update: Update, context: Context) -> str | int:
    assert update.callback_query is not None and update.callback_query.data is not None
    debrief_id = int(update.callback_query.data.rsplit(":", 1)[1])
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
                    when=m.scheduled_at.astimezone(tz).strftime("%-d %b")
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
    assert update.callback_query is not None and update.callback_query.data is not None
    meeting_id = int(update.callback_query.data.rsplit(":", 1)[1])
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
    assert update.callback_query is not None and update.callback_query.data is not None
    goal = update.callback_query.data.rsplit(":", 1)[1]
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
    services = context.services
    try:
        # A meeting that was never prepped: it happened just now, as far as we know. Made
        # once however often the update that asked for it is handled.
        meeting = await meetings.create_meeting(
            services.db,
            owner_id(update),
            contact_id=int(draft(context, "debrief")["contact_id"]),
            goal=goal,
            scheduled_at=services.clock(),
            source_update_id=update.update_id,
        )
    except NotFound:
        await reply(update, context, "prep/contact_gone")
        return WHO
    return await _start(update, context, meeting.id, aim=aim)


async def _start_prepped(update: Update, context: Context, meeting_id: int) -> str | int:
    """Debrief a meeting prepped earlier: it happened by now (moved to today if it was planned
    later), and its after-meeting check-in is not needed any more."""
    services = context.services
    owner = owner_id(update)
    async with services.db.transaction():
        await meetings.happened_by(services.db, owner, meeting_id, services.clock())
        await followups.cancel_for_meeting(services.db, owner, meeting_id, "debrief")
    return await _start(update, context, meeting_id)


async def _start(
    update: Update, context: Context, meeting_id: int, *, aim: str | None = None
) -> str | int:
    try:
        debrief = await debriefs.start_debrief(context.services.db, owner_id(update), meeting_id)
    except NotFound:
        await toast(update, context, "stale")
        return END
    if aim is not None:
        await debriefs.note_aim(context.services.db, debrief.owner_id, debrief.id, aim)
    clear_drafts(context)
    draft(context, "debrief")["id"] = debrief.id
    intro = None
    if debrief.next_step == 0:
        contact = await contacts.get_contact(
            context.services.db, debrief.owner_id, debrief.contact_id
        )
        intro = contact.name if contact else ""
    return await _ask(update, context, debrief, intro=intro)


async def _ask(
    update: Update, context: Context, debrief: Debrief, *, intro: str | None = None
) -> str | int:
    """Send the next question; `intro` (the contact's name) opens a debrief with a word on
    what is coming, in the same message, so that the first question is not a second ping."""
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
        return END
    if _handled_before(update, debrief):
        return await _ask(update, context, debrief)
    steps = await _steps(context, debrief)
    if debrief.next_step >= len(steps):
        return await _finish(update, context, debrief)
    step = steps[debrief.next_step]
    text = update.message.text
    if is_nothing(text):
        return await _answer(update, context, debrief, step, None, None)
    if step.answer != "date":
        return await _answer(update, context, debrief, step, text, None)
    follow_up = await _typed_follow_up(update, context, debrief, text)
    if follow_up is None:
        return ANSWER
    return await _answer(update, context, debrief, step, text, *follow_up)


async def nudge_answer(update: Update, context: Context) -> None:
    """What works at a debrief question: an answer or skip, or for the follow-up a date."""
    debrief_id = draft(context, "debrief").get("id")
    debrief = (
        await debriefs.get_debrief(context.services.db, owner_id(update), int(debrief_id))
        if debrief_id is not None
        else None
    )
    steps = await _steps(context, debrief) if debrief is not None else ()
    if debrief is None or debrief.next_step >= len(steps):
        await nudge(update, context)
    elif steps[debrief.next_step].answer == "date":
        tz = await user_timezone(update, context)
        example = example_date(context.services.clock(), tz).strftime("%a %-d %b")
        await nudge(update, context, "debrief.date", example=example)
    else:
        await nudge(update, context, ANSWER)


async def _typed_follow_up(
    update: Update, context: Context, debrief: Debrief, text: str
) -> tuple[MeetingTime, str | None] | None:
    """When and how of a typed follow-up; None once the user is told why it can't be read."""
    tz = await user_timezone(update, context)
    now = context.services.clock()
    meeting = await meetings.get_meeting(context.services.db, debrief.owner_id, debrief.meeting_id)
    values: dict[str, Any] = {"text": text[:64], "example": example_date(now, tz)}
    try:
        follow_up = read_follow_up(
            text,
            now,
            tz,
            meeting_at=meeting.scheduled_at if meeting else None,
            order=await user_date_order(update, context),
        )
    except DateRefused as refusal:
        read = refusal.read
        values.update(reason=refusal.reason, read=read.local(tz) if read else None)
        await reply(update, context, "debrief/bad_date", **values)
        return None
    if isinstance(follow_up.when, Ambiguous):
        both = (follow_up.when.month_first.local(tz), follow_up.when.day_first.local(tz))
        await reply(update, context, "debrief/bad_date", reason="ambiguous", both=both, **values)
        return None
    return follow_up.when, follow_up.how


async def pressed(update: Update, context: Context) -> str | int:
    """Skip, or one of the date buttons, on the question at `step` of debrief `id`."""
    query = update.callback_query
    assert query is not None and query.data is not None
    _, debrief_id, step_index, choice = query.data.split(":")
    debrief = await _current(update, context)
    if debrief is None:
        return END
    if _handled_before(update, debrief):
        return await _ask(update, context, debrief)
    if (debrief.id, debrief.next_step) != (int(debrief_id), int(step_index)):
        await toast(update, context, "earlier_step")
        return ANSWER
    steps = await _steps(context, debrief)
    if debrief.next_step >= len(steps):
        return await _finish(update, context, debrief)
    step = steps[debrief.next_step]
    render = context.services.render
    if choice == "skip":
        await settle_button(update, context, render.label("skip"))
        return await _answer(update, context, debrief, step, None, None)
    if step.answer != "date" or not is_relative_choice(choice):
        await toast(update, context, "earlier_step")
        return ANSWER
    label = render.label(f"relative.{choice}")
    await settle_button(update, context, label)
    meeting = await meetings.get_meeting(context.services.db, debrief.owner_id, debrief.meeting_id)
    tz = await user_timezone(update, context)
    now = context.services.clock()
    when = relative_choice(choice, now, tz, meeting.scheduled_at if meeting else None)
    return await _answer(update, context, debrief, step, label, when)


async def _answer(
    update: Update,
    context: Context,
    debrief: Debrief,
    step: DebriefStep,
    body: str | None,
    when: MeetingTime | None,
    how: str | None = None,
) -> str | int:
    services = context.services
    owner = owner_id(update)
    # A note per promise the answer holds. The follow-up question's answer is the follow-up
    # itself, not something known about them.
    promises = await _promises(update, context, step, body)
    mights: list[Promise] = []
    if step.maybe is not None:
        promises, mights = split_tentative(promises)
    bodies = [p.text for p in promises]
    if step.slot not in PROMISE_SLOTS:
        bodies = [body] if body and step.answer != "date" else []
    promise_dated = any(p.due for p in promises)
    # A dated answer schedules its reminders in the same transaction; any other answer is
    # one by itself, and an outer transaction would only hold the write lock longer.
    dated = when is not None or promise_dated
    together = services.db.transaction() if dated else contextlib.nullcontext()
    async with together:
        stored = await debriefs.record_answer(
            services.db,
            owner,
            debrief.id,
            step=debrief.next_step,
            step_id=step.id,
            slot=step.slot,
            bodies=bodies,
            update_id=update.update_id,
            more=[(step.maybe, p.text) for p in mights] if step.maybe else (),
        )
        if stored and when is not None:
            await _schedule_follow_up(update, context, debrief, when, how)
        if stored and promise_dated:
            await _remind_of_promises(update, context, debrief, step.slot, promises)
    if stored:
        return await _ask(update, context, replace(debrief, next_step=debrief.next_step + 1))
    # Not stored: this update was applied before a crash. Ask what the database says is next.
    fresh = await debriefs.get_debrief(services.db, owner, debrief.id)
    assert fresh is not None
    return await _ask(update, context, fresh)


async def _promises(
    update: Update, context: Context, step: DebriefStep, body: str | None
) -> list[Promise]:
    if body is None or step.slot not in PROMISE_SLOTS:
        return []
    return read_promises(body, context.services.clock(), await user_timezone(update, context))


async def _remind_of_promises(
    update: Update, context: Context, debrief: Debrief, slot: str, promises: list[Promise]
) -> None:
    """A reminder for each promise with a due date of its own, quoting it."""
    services = context.services
    tz = await user_timezone(update, context)
    stored = await notes.debrief_answers(services.db, debrief.owner_id, debrief.id)
    parts = [note for note in stored if note.slot == slot]
    for promise, note in zip(promises, parts, strict=True):
        if promise.due is None:
            continue
        at = promise_reminder_at(promise.due, promise_side(slot), services.clock(), tz)
        if at is not None:
            await followups.create_followup(
                services.db,
                debrief.owner_id,
                contact_id=debrief.contact_id,
                kind="followup",
                due_at=at,
                reason=await _said_back(context, debrief, note),
                promise_note_id=note.id,
            )


async def _said_back(context: Context, debrief: Debrief, note: Note) -> str:
    """A promise in a sentence, for reminders: "You said you'd send him the deck." """
    contact = await contacts.get_contact(context.services.db, debrief.owner_id, note.contact_id)
    clause = promise_clause(excerpt(note.body), to_writer=True)
    return context.services.render.label(
        f"promises.{promise_side(note.slot)}_{clause.form}",
        promise=clause.words,
        name=contact.name.split()[0] if contact else "",
    )


async def _schedule_follow_up(
    update: Update, context: Context, debrief: Debrief, when: MeetingTime, how: str | None
) -> None:
    services = context.services
    by_slot = await _answers(context, debrief)
    reason = follow_up_reason({slot: note.body for slot, note in by_slot.items()})
    # Shown on reminders, in lists and in briefs: a pointer to the answer, not all of it.
    why = f"{services.render.label(f'slots.{reason[0]}')}: {excerpt(reason[1])}" if reason else None
    if reason and reason[0] in PROMISE_SLOTS:
        why = await _said_back(context, debrief, by_slot[reason[0]])
    await followups.create_followup(
        services.db,
        debrief.owner_id,
        contact_id=debrief.contact_id,
        kind="followup",
        due_at=follow_up_due(when, await user_timezone(update, context)),
        reason=why,
        reason_note_id=by_slot[reason[0]].id if reason else None,
        meeting_id=debrief.meeting_id,
        how=how,
    )


async def _answers(context: Context, debrief: Debrief) -> dict[str, Note]:
    """The first note of each answer (a promise answer may have several)."""
    stored = await notes.debrief_answers(context.services.db, debrief.owner_id, debrief.id)
    first: dict[str, Note] = {}
    for note in stored:
        first.setdefault(note.slot, note)
    return first


async def _finish(update: Update, context: Context, debrief: Debrief) -> int:
    services = context.services
    db = services.db
    owner = debrief.owner_id
    async with db.transaction():
        finished = await debriefs.finish_debrief(db, owner, debrief.id)
        contact = await contacts.get_contact(db, owner, debrief.contact_id)
        if finished and contact is not None:
            await interactions.record_interaction(
                db, owner, contact.id, "debrief", services.clock()
            )
            await followups.cancel_for_meeting(db, owner, debrief.meeting_id, "debrief")
            await _now_met(db, contact)
    clear_drafts(context)
    if contact is None:
        return END
    tz = await user_timezone(update, context)
    answers = await notes.debrief_answers(db, owner, debrief.id)
    pending = await followups.open_for_contact(db, owner, contact.id)
    scheduled = [f for f in pending if f.meeting_id == debrief.meeting_id and f.kind == "followup"]
    # A promise with its own reminder shows its day next to it.
    reminded = {f.promise_note_id: f.due_at.astimezone(tz) for f in pending if f.promise_note_id}
    updated = await contacts.get_contact(db, owner, contact.id)
    await reply(
        update,
        context,
        "debrief/summary",
        [[(services.render.label("debrief.open_contact"), f"contact:open:{contact.id}")]],
        name=contact.name,
        # A recap, each answer shortened: the card has them in full, and eight long answers
        # in full would not fit one message.
        answers=[
            (slot, [(excerpt(n.body), reminded.get(n.id)) for n in answers if n.slot == slot])
            for step in await _steps(context, debrief)
            for slot in step.slots
            if any(n.slot == slot for n in answers)
        ],
        follow_up=scheduled[0].due_at.astimezone(tz) if scheduled else None,
        follow_up_how=scheduled[0].how if scheduled else None,
        stage=updated.stage if updated else contact.stage,
        stage_changed=updated is not None and updated.stage != contact.stage,
    )
    await suggested.offer(update, context, debrief.id, contact)
    return END


async def _now_met(db: Database, contact: Contact) -> None:
    """You have met: a stranger is someone met once, the silence is over, the stage moves on."""
    relationship = contact.relationship if is_relationship(contact.relationship) else None
    talked = contact.last_talked if is_last_talked(contact.last_talked) else None
    relationship, talked = after_meeting(relationship, talked)
    stage = contact.stage if is_stage(contact.stage) else NEW_CONTACT_STAGE
    stage = stage_after_debrief(stage, relationship, talked)
    if relationship is None:
        await contacts.update_contact(db, contact.owner_id, contact.id, stage=stage)
        return
    known = Acquaintance(relationship, talked, contact.introducer, contact.introducer_id)
    await contacts.update_contact(db, contact.owner_id, contact.id, stage=stage, known=known)


async def _steps(context: Context, debrief: Debrief) -> tuple[DebriefStep, ...]:
    """The questions this debrief asks: those that fit its meeting's goal, its setting and how
    you know the person. Read from what is stored, so a resumed debrief asks the same."""
    db = context.services.db
    meeting = await meetings.get_meeting(db, debrief.owner_id, debrief.meeting_id)
    contact = await contacts.get_contact(db, debrief.owner_id, debrief.contact_id)
    goal = meeting.goal if meeting is not None else None
    about = meeting.about if meeting is not None else MeetingAbout()
    relationship = contact.relationship if contact is not None else None
    stage = contact.stage if contact is not None else None
    situation = Situation(
        name=contact.name if contact is not None else "",
        goal=goal if is_goal(goal) else "learn",
        stage=stage if is_stage(stage) else NEW_CONTACT_STAGE,
        relationship=relationship if is_relationship(relationship) else None,
        setting=about.setting if is_setting(about.setting) else None,
    )
    return context.services.library.debrief.steps_for(situation)


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
    CallbackQueryHandler(from_reminder, pattern=r"^debrief:start:\d{1,18}$"),
]
RESUME_BUTTONS: list[BaseHandler[Update, Context, Any]] = [
    CallbackQueryHandler(resume, pattern=r"^debrief:resume:\d{1,18}$"),
    CallbackQueryHandler(discard, pattern=r"^debrief:discard:\d{1,18}$"),
]
STATES: dict[object, list[BaseHandler[Update, Context, Any]]] = {
    RESUME: [*RESUME_BUTTONS, MessageHandler(TYPED, typed_at_resume), nudge_at(RESUME)],
    PICK: [
        # A carry-on prompt shown before RESUME existed was in this state.
        *RESUME_BUTTONS,
        CallbackQueryHandler(picked_meeting, pattern=r"^debrief:meeting:\d{1,18}$"),
        CallbackQueryHandler(someone_else, pattern=r"^debrief:other$"),
        MessageHandler(TYPED, typed_at_pick),
        nudge_at(PICK),
    ],
    WHO: [
        CallbackQueryHandler(picked_contact, pattern=r"^debrief:contact:\d{1,18}$"),
        CallbackQueryHandler(someone_new, pattern=r"^debrief:new$"),
        MessageHandler(TYPED, typed_name),
        nudge_at(WHO),
    ],
    GOAL: [
        CallbackQueryHandler(picked_goal, pattern=r"^debrief:goal:\w+$"),
        CallbackQueryHandler(fix, pattern=r"^debrief:fix$"),
        MessageHandler(TYPED, typed_goal),
        nudge_at(GOAL),
    ],
    ANSWER: [
        CallbackQueryHandler(pressed, pattern=r"^debrief:\d{1,18}:\d{1,3}:\w{1,8}$"),
        MessageHandler(TYPED, typed_answer),
        MessageHandler(~filters.COMMAND, nudge_answer),
    ],
}
