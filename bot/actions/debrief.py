"""A debrief, one call per thing the user does: start it, answer a question, finish it.

Each answer is committed by itself when it arrives, with whatever it schedules; the finish
(the debrief closed, the meeting marked, the interaction logged, the check-in cancelled, the
stage moved) is all or nothing, so a failure half-way leaves it to be finished again.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from bot.coaching.answers import (
    Promise,
    content_of,
    promise_clause,
    promise_meant,
    promise_reminder_at,
    promise_side,
    read_promises,
    said_as_mine,
    split_tentative,
)
from bot.coaching.dates import (
    Ambiguous,
    DateOrder,
    DateRefused,
    MeetingTime,
    RelativeChoice,
    example_date,
    read_follow_up,
    relative_choice,
)
from bot.coaching.debrief import follow_up_due, follow_up_reason, stage_after_debrief
from bot.coaching.memory import excerpt
from bot.coaching.playbooks import DebriefStep, Playbook
from bot.coaching.situation import (
    Situation,
    after_meeting,
    is_last_talked,
    is_relationship,
    is_setting,
)
from bot.coaching.slots import PROMISE_SLOTS
from bot.coaching.stages import Goal, is_goal, stage_or_new
from bot.render import Renderer
from bot.storage import contacts, debriefs, followups, interactions, meetings, notes
from bot.storage.contacts import Acquaintance, Contact
from bot.storage.db import Database
from bot.storage.debriefs import Debrief
from bot.storage.errors import NotFound
from bot.storage.meetings import MeetingAbout
from bot.storage.notes import Note


@dataclass(frozen=True)
class Actor:
    """Who acts, and what an action needs of the bot's services."""

    db: Database
    owner: int
    now: datetime
    zone: ZoneInfo
    """Where the user is: their days and times."""
    date_order: DateOrder | None
    """How they write a date (month or day first), if they said."""
    script: Playbook
    """The debrief script: its steps are chosen per meeting."""
    render: Renderer
    """For the words a reminder keeps (its reason), written when it is set."""


@dataclass(frozen=True)
class Started:
    debrief: Debrief
    steps: tuple[DebriefStep, ...]
    name: str
    """The contact's name."""


@dataclass(frozen=True)
class Unreadable:
    """A typed follow-up date that cannot be taken, and why (for the reply to say)."""

    reason: str
    example: datetime
    """A day to show as an example of a date that works, local."""
    read: datetime | None = None
    """What was read, in the user's zone, when it was read but refused."""
    both: tuple[datetime, datetime] | None = None
    """The two days an ambiguous date could be (month first, day first), local."""


@dataclass(frozen=True)
class Answered:
    debrief: Debrief
    """As stored now: its next step is the question to ask (or none: finish)."""
    steps: tuple[DebriefStep, ...]


@dataclass(frozen=True)
class Recap:
    contact: Contact
    """As it was before the debrief."""
    stage: str
    answers: list[tuple[str, list[tuple[str, datetime | None]]]]
    """Per slot, in the order asked: each answer shortened, with its own reminder's day."""
    follow_up: datetime | None
    follow_up_how: str | None


async def steps(db: Database, script: Playbook, debrief: Debrief) -> tuple[DebriefStep, ...]:
    """The questions this debrief asks: those that fit its meeting's goal, its setting and how
    you know the person. Read from what is stored, so a resumed debrief asks the same."""
    meeting = await meetings.get_meeting(db, debrief.owner_id, debrief.meeting_id)
    contact = await contacts.get_contact(db, debrief.owner_id, debrief.contact_id)
    goal = meeting.goal if meeting is not None else None
    about = meeting.about if meeting is not None else MeetingAbout()
    relationship = contact.relationship if contact is not None else None
    stage = contact.stage if contact is not None else None
    situation = Situation(
        name=contact.name if contact is not None else "",
        goal=goal if is_goal(goal) else "learn",
        stage=stage_or_new(stage),
        relationship=relationship if is_relationship(relationship) else None,
        setting=about.setting if is_setting(about.setting) else None,
    )
    return script.steps_for(situation)


# -- starting ----------------------------------------------------------------------------------


async def start(actor: Actor, meeting_id: int, *, prepped: bool = False) -> Started | None:
    """The meeting's debrief, new or to resume; None if the meeting is not the user's (any
    more). A meeting `prepped` earlier and picked to debrief happened by now (moved to now
    if it was planned later), and its after-meeting check-in is not needed any more."""
    try:
        async with actor.db.transaction():
            if prepped:
                await meetings.happened_by(actor.db, actor.owner, meeting_id, actor.now)
                await followups.cancel_for_meeting(actor.db, actor.owner, meeting_id, "debrief")
            debrief = await debriefs.start_debrief(actor.db, actor.owner, meeting_id)
    except NotFound:
        return None
    return await _started(actor, debrief)


async def start_unprepped(
    actor: Actor, contact_id: int, goal: Goal, aim: str | None, update_id: int
) -> Started | None:
    """A meeting that was never prepped, and its debrief: it happened just now, as far as we
    know. `aim`: what they hoped for in their own words. Made once however often the update
    that asked for it is handled; None if the contact is gone."""
    try:
        async with actor.db.transaction():
            meeting = await meetings.create_meeting(
                actor.db,
                actor.owner,
                contact_id=contact_id,
                goal=goal,
                scheduled_at=actor.now,
                source_update_id=update_id,
            )
            debrief = await debriefs.start_debrief(actor.db, actor.owner, meeting.id)
            if aim is not None:
                await debriefs.note_aim(actor.db, actor.owner, debrief.id, aim)
    except NotFound:
        return None
    return await _started(actor, debrief)


async def _started(actor: Actor, debrief: Debrief) -> Started:
    contact = await contacts.get_contact(actor.db, actor.owner, debrief.contact_id)
    return Started(
        debrief, await steps(actor.db, actor.script, debrief), contact.name if contact else ""
    )


# -- answering ---------------------------------------------------------------------------------


async def answer(
    actor: Actor,
    debrief: Debrief,
    step: DebriefStep,
    text: str | None,
    update_id: int,
    *,
    choice: RelativeChoice | None = None,
) -> Answered | Unreadable:
    """Store the answer to the debrief's current question, `step`, and move on.

    `text`: what was typed, or the label of the button pressed (None: skipped); "nothing
    really" or "none - I was the one giving advice" stores nothing, and "nothing, but she
    mentioned a freeze" only what comes after the "but". `choice`: a date button's relative
    choice (next week...). A typed follow-up date that cannot be read is Unreadable, and
    nothing is stored.
    """
    when: MeetingTime | None = None
    how: str | None = None
    body = None if text is None else content_of(text)
    tz = actor.zone
    if step.answer == "date" and (choice is not None or body is not None):
        meeting = await meetings.get_meeting(actor.db, actor.owner, debrief.meeting_id)
        meeting_at = meeting.scheduled_at if meeting else None
        if choice is not None:
            when = relative_choice(choice, actor.now, tz, meeting_at)
        else:
            assert body is not None
            read = await _read_follow_up(actor, debrief, body, tz, meeting_at)
            if isinstance(read, Unreadable):
                return read
            when, how = read
    promises: list[Promise] = []
    if body is not None and step.slot in PROMISE_SLOTS:
        promises = read_promises(body, actor.now, tz)
    mights: list[Promise] = []
    if step.maybe is not None:
        promises, mights = split_tentative(promises)
    yours: list[Promise] = []
    if step.slot == "their_promises":
        # "I said I'd send her my CV", typed where their promises were asked: yours.
        yours = [p for p in promises if said_as_mine(p.text)]
        promises = [p for p in promises if not said_as_mine(p.text)]
    # A note per promise the answer holds. The follow-up question's answer is the follow-up
    # itself, not something known about them.
    bodies = [p.text for p in promises]
    if step.slot not in PROMISE_SLOTS:
        bodies = [body] if body and step.answer != "date" else []
    promise_dated = any(p.due for p in [*promises, *yours])
    # A dated answer schedules its reminders in the same transaction; any other answer is
    # one by itself, and an outer transaction would only hold the write lock longer.
    dated = when is not None or promise_dated
    together = actor.db.transaction() if dated else contextlib.nullcontext()
    async with together:
        stored = await debriefs.record_answer(
            actor.db,
            actor.owner,
            debrief.id,
            step=debrief.next_step,
            step_id=step.id,
            slot=step.slot,
            bodies=bodies,
            update_id=update_id,
            more=[
                *((step.maybe, p.text) for p in mights if step.maybe),
                *(("my_promises", p.text) for p in yours),
            ],
        )
        if stored and when is not None:
            await _schedule_follow_up(actor, debrief, follow_up_due(when, tz), how)
        if stored and promise_dated:
            await _remind_of_promises(actor, debrief, step.slot, promises, tz)
            await _remind_of_promises(actor, debrief, "my_promises", yours, tz)
    if stored:
        after = replace(debrief, next_step=debrief.next_step + 1, last_update_id=update_id)
    else:
        # Not stored: this update was applied before a crash. Ask what the database says.
        fresh = await debriefs.get_debrief(actor.db, actor.owner, debrief.id)
        assert fresh is not None
        after = fresh
    return Answered(after, await steps(actor.db, actor.script, after))


async def _read_follow_up(
    actor: Actor, debrief: Debrief, text: str, tz: ZoneInfo, meeting_at: datetime | None
) -> tuple[MeetingTime, str | None] | Unreadable:
    """When and how of a typed follow-up."""
    order = actor.date_order
    example = example_date(actor.now, tz)
    try:
        follow_up = read_follow_up(text, actor.now, tz, meeting_at=meeting_at, order=order)
    except DateRefused as refusal:
        # "When I send the CV": the day that promise was given, earlier in this debrief.
        unread = refusal.reason == "unreadable"
        kept = await _when_kept(actor, debrief, text, tz) if unread else None
        if kept is not None:
            return kept, None
        read = refusal.read
        return Unreadable(refusal.reason, example, read=read.local(tz) if read else None)
    if isinstance(follow_up.when, Ambiguous):
        both = (follow_up.when.month_first.local(tz), follow_up.when.day_first.local(tz))
        return Unreadable("ambiguous", example, both=both)
    return follow_up.when, follow_up.how


async def _when_kept(actor: Actor, debrief: Debrief, text: str, tz: ZoneInfo) -> MeetingTime | None:
    """The day of the promise a follow-up names ("when I send the CV"), said with its day
    earlier in this debrief; None when it names none."""
    answers = await notes.debrief_answers(actor.db, actor.owner, debrief.id)
    mine = [note for note in answers if note.slot == "my_promises"]
    reminders = await followups.open_for_contact(actor.db, actor.owner, debrief.contact_id)
    due = {r.promise_note_id: r.due_at for r in reminders if r.promise_note_id is not None}
    dated = [note for note in mine if note.id in due]
    meant = promise_meant(text, [note.body for note in dated])
    if meant is None:
        return None
    day = due[dated[meant].id].astimezone(tz).date()
    return MeetingTime(datetime.combine(day, time(), tz).astimezone(UTC), all_day=True)


async def _remind_of_promises(
    actor: Actor, debrief: Debrief, slot: str, promises: list[Promise], tz: ZoneInfo
) -> None:
    """A reminder for each promise with a due date of its own, quoting it. `promises` are
    the newest notes of `slot` in this debrief, in order: yours typed where theirs were
    asked come after those of your own step."""
    if not promises:
        return
    stored = await notes.debrief_answers(actor.db, actor.owner, debrief.id)
    parts = [note for note in stored if note.slot == slot][-len(promises) :]
    for promise, note in zip(promises, parts, strict=True):
        if promise.due is None:
            continue
        at = promise_reminder_at(promise.due, promise_side(slot), actor.now, tz)
        if at is not None:
            await followups.create_followup(
                actor.db,
                actor.owner,
                contact_id=debrief.contact_id,
                kind="followup",
                due_at=at,
                reason=await _said_back(actor, note),
                promise_note_id=note.id,
            )


async def _said_back(actor: Actor, note: Note) -> str:
    """A promise in a sentence, for reminders: "You said you'd send him the deck." """
    contact = await contacts.get_contact(actor.db, actor.owner, note.contact_id)
    clause = promise_clause(excerpt(note.body), to_writer=True)
    return actor.render.label(
        f"promises.{promise_side(note.slot)}_{clause.form}",
        promise=clause.words,
        name=contact.name.split()[0] if contact else "",
    )


async def _schedule_follow_up(
    actor: Actor, debrief: Debrief, due: datetime, how: str | None
) -> None:
    by_slot = await _answers(actor, debrief)
    reason = follow_up_reason({slot: note.body for slot, note in by_slot.items()})
    # Shown on reminders, in lists and in briefs: a pointer to the answer, not all of it.
    why = f"{actor.render.label(f'slots.{reason[0]}')}: {excerpt(reason[1])}" if reason else None
    if reason and reason[0] in PROMISE_SLOTS:
        why = await _said_back(actor, by_slot[reason[0]])
    # Followed up on the day a promise is due ("when I send the CV"), with its words: the
    # follow-up is that promise's reminder too (✓ Done keeps it), not a second message.
    pending = await followups.open_for_contact(actor.db, actor.owner, debrief.contact_id)
    same = next(
        (
            f
            for f in pending
            if f.promise_note_id is not None and (f.due_at, f.reason) == (due, why)
        ),
        None,
    )
    if same is not None:
        await followups.cancel(actor.db, actor.owner, same.id, actor.now)
    await followups.create_followup(
        actor.db,
        actor.owner,
        contact_id=debrief.contact_id,
        kind="followup",
        due_at=due,
        reason=why,
        reason_note_id=by_slot[reason[0]].id if reason else None,
        promise_note_id=same.promise_note_id if same else None,
        meeting_id=debrief.meeting_id,
        how=how,
    )


async def _answers(actor: Actor, debrief: Debrief) -> dict[str, Note]:
    """The first note of each answer (a promise answer may have several)."""
    stored = await notes.debrief_answers(actor.db, actor.owner, debrief.id)
    first: dict[str, Note] = {}
    for note in stored:
        first.setdefault(note.slot, note)
    return first


# -- finishing ---------------------------------------------------------------------------------


async def finish(actor: Actor, debrief: Debrief) -> Recap | None:
    """Close the debrief and what it settles, all at once, and recap it; None if its contact
    is gone. Finishing a debrief finished already (its last update handled again) writes
    nothing and recaps it again."""
    db, owner = actor.db, actor.owner
    async with db.transaction():
        contact = await contacts.get_contact(db, owner, debrief.contact_id)
        if await debriefs.finish_debrief(db, owner, debrief.id) and contact is not None:
            await interactions.record_interaction(db, owner, contact.id, "debrief", actor.now)
            await followups.cancel_for_meeting(db, owner, debrief.meeting_id, "debrief")
            # You met: older reminders to get in touch are done; this one's follow-up stays.
            await followups.supersede_for_contact(
                db, owner, contact.id, keep_meeting=debrief.meeting_id
            )
            await _now_met(db, contact)
    if contact is None:
        return None
    tz = actor.zone
    answers = await notes.debrief_answers(db, owner, debrief.id)
    pending = await followups.open_for_contact(db, owner, contact.id)
    scheduled = [f for f in pending if f.meeting_id == debrief.meeting_id and f.kind == "followup"]
    # A promise with its own reminder shows its day next to it.
    reminded = {f.promise_note_id: f.due_at.astimezone(tz) for f in pending if f.promise_note_id}
    updated = await contacts.get_contact(db, owner, contact.id)
    return Recap(
        contact=contact,
        stage=updated.stage if updated else contact.stage,
        # Each answer shortened: the card has them in full, and eight long answers in full
        # would not fit one message.
        answers=[
            (slot, [(excerpt(n.body), reminded.get(n.id)) for n in answers if n.slot == slot])
            for step in await steps(actor.db, actor.script, debrief)
            for slot in step.slots
            if any(n.slot == slot for n in answers)
        ],
        follow_up=scheduled[0].due_at.astimezone(tz) if scheduled else None,
        follow_up_how=scheduled[0].how if scheduled else None,
    )


async def _now_met(db: Database, contact: Contact) -> None:
    """You have met: a stranger is someone met once, the silence is over, the stage moves on."""
    relationship = contact.relationship if is_relationship(contact.relationship) else None
    talked = contact.last_talked if is_last_talked(contact.last_talked) else None
    relationship, talked = after_meeting(relationship, talked)
    stage = stage_after_debrief(stage_or_new(contact.stage), relationship, talked)
    if relationship is None:
        await contacts.update_contact(db, contact.owner_id, contact.id, stage=stage)
        return
    known = Acquaintance(relationship, talked, contact.introducer, contact.introducer_id)
    await contacts.update_contact(db, contact.owner_id, contact.id, stage=stage, known=known)
