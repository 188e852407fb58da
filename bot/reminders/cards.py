"""What a reminder says: the card for one follow-up, and the buttons that open cards."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.coaching.followups import SNOOZE_CHOICES, choose_opener, elapsed
from bot.coaching.memory import known_facts
from bot.keyboard import Button
from bot.services import Services
from bot.storage import followups, meetings, notes
from bot.storage.contacts import Contact
from bot.storage.followups import FollowUp, Listed

# Buttons under a list or a digest: one per entry, the first few only (a phone screen).
LISTED_BUTTONS = 8


async def card(
    services: Services, followup: FollowUp, contact: Contact, tz: ZoneInfo, now: datetime
) -> tuple[str, list[list[Button]]]:
    """The reminder for one follow-up: the reason, an opener, and what you can do about it."""
    db = services.db
    render = services.render
    owner = followup.owner_id
    values: dict[str, Any] = {
        "kind": followup.kind,
        "name": contact.name,
        "first_name": contact.name.split()[0],
        "company": contact.company,
        "reason": followup.reason,
        "how": followup.how,
        "due": followup.due_at.astimezone(tz),
        "late": now - followup.due_at > timedelta(hours=12),
        "meeting_when": None,
        "all_day": False,
        "since": None,
        "ever_in_touch": True,
        "opener": None,
    }
    snooze_row = [
        (render.label(f"followups.snooze.{choice}"), f"followup:snooze:{followup.id}:{choice}")
        for choice in SNOOZE_CHOICES
    ]
    if followup.kind == "debrief":
        meeting = (
            await meetings.get_meeting(db, owner, followup.meeting_id)
            if followup.meeting_id is not None
            else None
        )
        if meeting is not None and meeting.scheduled_at is not None:
            values["meeting_when"] = meeting.scheduled_at.astimezone(tz)
            values["all_day"] = meeting.all_day
        buttons = [
            *(
                [[(render.label("followups.debrief_now"), f"debrief:start:{meeting.id}")]]
                if meeting is not None
                else []
            ),
            snooze_row,
            [(render.label("followups.not_this_time"), f"followup:skip:{followup.id}")],
        ]
    else:
        remembered = await notes.latest_per_slot(db, owner, contact.id, per_slot=1)
        promises = await notes.open_promises(db, owner, contact.id)
        # A promise's own reminder ("by Friday") opens with that promise, whoever made it.
        own = [p for p in promises if p.id == followup.promise_note_id]
        if own:
            promises, remembered = own, []
        values["opener"] = choose_opener(
            known_facts(remembered),
            [p.body for p in promises if p.slot == "my_promises"],
            [p.body for p in promises if p.slot == "their_promises"],
        )
        if followup.kind == "cadence":
            last = await followups.last_touch(db, owner, contact.id)
            values["since"] = elapsed(last or contact.created_at, now)
            values["ever_in_touch"] = last is not None
        buttons = [
            [
                (render.label("followups.done"), f"followup:done:{followup.id}"),
                (render.label("followups.open_contact"), f"contact:open:{contact.id}"),
            ],
            snooze_row,
        ]
    return render.message("followups/reminder", **values), buttons


def show_buttons(services: Services, entries: list[Listed]) -> list[list[Button]]:
    """A button per entry of a list or digest, opening its card."""
    return [
        [
            (
                services.render.label(f"followups.show.{e.followup.kind}", name=e.name),
                f"followup:show:{e.followup.id}",
            )
        ]
        for e in entries[:LISTED_BUTTONS]
    ]
