"""The end of /prep, one call: the contact (when new) and the meeting, stored together."""

from __future__ import annotations

from dataclasses import dataclass

from bot.coaching.dates import MeetingTime
from bot.coaching.stages import NEW_CONTACT_STAGE, Goal, Stage
from bot.storage import contacts, followups, meetings
from bot.storage.contacts import Acquaintance, Contact
from bot.storage.db import Database
from bot.storage.meetings import Meeting, MeetingAbout


@dataclass(frozen=True)
class Planned:
    """A meeting as /prep's answers describe it."""

    contact_id: int | None
    """The contact picked; None: a new one, from name, company and role."""
    name: str
    company: str | None
    role: str | None
    known: tuple[Acquaintance, Stage] | None
    """How the user knows them, and the stage that follows, if they said."""
    goal: Goal
    when: MeetingTime | None
    about: MeetingAbout


async def plan_meeting(
    db: Database, owner: int, update_id: int, planned: Planned
) -> tuple[Contact, Meeting] | None:
    """Store the meeting `planned`, tagged with the update that finished /prep; None if the
    contact picked is gone.

    Should the bot die after this but before the conversation's move is saved, the update is
    handled again at the next start: it finds its meeting, and stores nothing twice.
    """
    async with db.transaction():
        meeting = await meetings.meeting_from_update(db, owner, update_id)
        if meeting is None:
            meeting = await _store_meeting(db, owner, update_id, planned)
        contact = (
            None if meeting is None else await contacts.get_contact(db, owner, meeting.contact_id)
        )
    return None if meeting is None or contact is None else (contact, meeting)


async def _store_meeting(
    db: Database, owner: int, update_id: int, planned: Planned
) -> Meeting | None:
    contact: Contact | None
    known, stage = planned.known if planned.known else (None, NEW_CONTACT_STAGE)
    if planned.contact_id is not None:
        contact = await contacts.get_contact(db, owner, planned.contact_id)
        if contact is not None and contact.relationship is None and known is not None:
            # Learned just now: the stage follows, unless history or the user moved it on.
            moved = contact.stage != NEW_CONTACT_STAGE
            contact = await contacts.update_contact(
                db, owner, contact.id, known=known, stage=contact.stage if moved else stage
            )
    else:
        contact = await contacts.create_contact(
            db,
            owner,
            name=planned.name,
            company=planned.company,
            role=planned.role,
            stage=stage,
            known=known,
        )
    if contact is None:
        return None
    when = planned.when
    meeting = await meetings.create_meeting(
        db,
        owner,
        contact_id=contact.id,
        goal=planned.goal,
        scheduled_at=when.at if when else None,
        all_day=when.all_day if when else False,
        source_update_id=update_id,
        about=planned.about,
    )
    if when is None:
        return meeting
    # The next meeting is the follow-up: a reminder to get in touch would list them twice.
    await followups.supersede_for_contact(db, owner, contact.id)
    # Offered by default: the debrief is where the value is, and ignoring the brief's
    # button should not silently lose it. "No debrief reminder" turns it off.
    return await meetings.set_debrief_reminder(db, owner, meeting.id, True)
