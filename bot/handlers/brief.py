"""The brief that ends /prep: the meeting's situation as stored, coached and sent.

What /prep was not told (a skipped step, a meeting prepared before it asked) stays unknown
in the situation; the coaching then uses only the playbooks that need none of it.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime

from telegram import Update

from bot.coaching.brief import build_brief
from bot.coaching.dates import MeetingTime
from bot.coaching.moment import is_late
from bot.coaching.situation import (
    AskTarget,
    LastBrief,
    Situation,
    is_can_help,
    is_last_talked,
    is_relationship,
    is_setting,
)
from bot.coaching.situation_words import field_from_aim
from bot.coaching.stages import Goal, is_goal, stage_or_new
from bot.handlers.common import reply
from bot.handlers.playbooks import library_for
from bot.handlers.timezone import user_timezone
from bot.ptb.application import Context
from bot.storage import briefs, followups, meetings, notes, users
from bot.storage.contacts import Contact
from bot.storage.db import Database
from bot.storage.meetings import Meeting, MeetingAbout

NOTES_PER_SLOT = 5
"""Notes of each slot a brief reads: enough for the news since you last met, bounded."""


async def send_brief(update: Update, context: Context, contact: Contact, meeting: Meeting) -> None:
    """The brief for a stored meeting: sent again unchanged for an update handled again."""
    services = context.services
    goal = meeting.goal
    if not is_goal(goal):
        raise ValueError(f"unexpected goal {goal!r}")
    situation = await read_situation(services.db, contact, meeting.id, goal, services.clock())
    if situation.me is None and update.effective_user is not None:
        # Not onboarded with /start: the name Telegram gives is what people call them.
        situation = replace(situation, me=update.effective_user.first_name)
    # Seeded by the meeting so the same brief reads the same if sent again, while two
    # meetings with the same person get different opening questions.
    library = await library_for(services, contact.owner_id)
    brief = build_brief(library, situation, random.Random(meeting.id), meeting.scheduled_at)
    await briefs.record_questions(
        services.db, contact.owner_id, meeting.id, [q.key for q in brief.questions]
    )
    pending = await followups.open_for_contact(services.db, contact.owner_id, contact.id)
    when = (
        MeetingTime(meeting.scheduled_at, meeting.all_day)
        if meeting.scheduled_at is not None
        else None
    )
    tz = await user_timezone(update, context)
    render = services.render
    await reply(
        update,
        context,
        "prep/brief",
        [[(render.label("no_debrief_reminder"), f"brief:remind:{meeting.id}:0")]]
        if when is not None
        else None,
        contact=contact,
        goal=goal,
        when=when.local(tz) if when else None,
        all_day=when.all_day if when else False,
        situation=situation,
        brief=brief,
        # The meeting is the follow-up: only one due after it is still worth a line.
        next_follow_up=next(
            (f for f in pending if f.kind == "followup" and (when is None or f.due_at > when.at)),
            None,
        ),
        tz=tz,
        offer_reminder=when is not None,
    )


async def read_situation(
    db: Database, contact: Contact, meeting_id: int, goal: Goal, now: datetime
) -> Situation:
    """The situation of a meeting with `contact`: what is stored about them, and the brief
    before this meeting's."""
    owner = contact.owner_id
    # The few newest notes of each slot: several /notes between meetings are all news.
    remembered = await notes.latest_per_slot(db, owner, contact.id, per_slot=NOTES_PER_SLOT)
    promises = await notes.open_promises(db, owner, contact.id)
    past = await briefs.last_brief(db, owner, contact.id, meeting_id)
    meeting = await meetings.get_meeting(db, owner, meeting_id)
    about = meeting.about if meeting is not None else MeetingAbout()
    met = await briefs.last_met(db, owner, contact.id, meeting_id)
    # Kept since the last debrief: what happened between the meetings, to talk about.
    kept = await briefs.kept_since(db, owner, contact.id, met.debriefed_at) if met else []
    user = await users.get_user(db, owner)
    # A promise is late by the day you meet (or today, with no day set) if its own day has
    # passed by then, or a meeting went by without it.
    due = {
        f.promise_note_id: f.due_at for f in await followups.open_for_contact(db, owner, contact.id)
    }
    by = meeting.scheduled_at if meeting is not None and meeting.scheduled_at else now
    last = None
    if past is not None:
        # Without a debrief nothing is known to have been answered.
        last = LastBrief(past.questions, frozenset() if past.debriefed else past.questions)
    return Situation(
        name=contact.name,
        goal=goal,
        stage=stage_or_new(contact.stage),
        company=contact.company,
        role=contact.role,
        field=field_from_aim(about.aim) if about.aim else None,
        relationship=contact.relationship if is_relationship(contact.relationship) else None,
        last_talked=contact.last_talked if is_last_talked(contact.last_talked) else None,
        introducer=contact.introducer,
        known_from=about.known_from,
        setting=about.setting if is_setting(about.setting) else None,
        setting_words=about.setting_words,
        topic=about.topic,
        aim=about.aim,
        ask=_ask(about),
        notes=tuple(remembered),
        mine_open=tuple(p.body for p in promises if p.slot == "my_promises"),
        mine_late=tuple(
            p.body
            for p in promises
            if p.slot == "my_promises"
            and is_late(p.created_at, due.get(p.id), met.at if met else None, by)
        ),
        theirs_open=tuple(p.body for p in promises if p.slot == "their_promises"),
        gave_before=await briefs.kept_a_promise(db, owner, contact.id),
        last_brief=last,
        last_met=met.at if met else None,
        mine_kept=tuple(p.body for p in kept if p.slot == "my_promises"),
        theirs_kept=tuple(p.body for p in kept if p.slot == "their_promises"),
        me=user.name if user else None,
    )


def _ask(about: MeetingAbout) -> AskTarget | None:
    if about.ask_target is None:
        return None
    can_help = about.can_help if is_can_help(about.can_help) else None
    return AskTarget(about.ask_target, about.ask_why, can_help)
