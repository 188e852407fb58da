"""Files made from a JSON export for other programs: contacts as CSV and as vCard 3.0 (the
version phones import best), and an iCalendar file of what is coming up, each event with an
alarm. Each format is written by its library, never by hand: they quote, escape and fold."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.portability.export import Export, export_json
from bot.storage.db import from_db_time

if TYPE_CHECKING:
    import icalendar

# icalendar and vobject are imported where a file is made: together they take longer to
# import than the rest of the bot's handlers, and most runs never export.

Label = Callable[..., str]
"""render.label: a wording from prompts/labels.yaml, with its placeholders filled."""

CSV_COLUMNS = (
    "name",
    "company",
    "role",
    "stage",
    "how_met",
    "cadence_days",
    "created_at",
    "archived_at",
    "uid",
)

# Long enough to set off; a phone shows an event without an end as a point in time.
MEETING_LENGTH = timedelta(hours=1)
FOLLOWUP_LENGTH = timedelta(minutes=15)
MEETING_ALARM = timedelta(minutes=-30)
FOLLOWUP_ALARM = timedelta(0)
ALL_DAY_ALARM = timedelta(hours=-15)  # 9:00 the day before
UID_DOMAIN = "commonground"


FORMATS = ("json", "csv", "vcf", "ics")
"""What /export sends, in this order, and what `commonground export --format` takes."""


def export_file(document: Export, kind: str, now: datetime, label: Label) -> tuple[str, bytes]:
    """The file name and content of one of FORMATS."""
    day = now.date().isoformat()
    if kind == "json":
        return f"commonground-{day}.json", export_json(document)
    if kind == "csv":
        return f"contacts-{day}.csv", contacts_csv(document)
    if kind == "vcf":
        return f"contacts-{day}.vcf", contacts_vcard(document)
    if kind == "ics":
        return f"calendar-{day}.ics", calendar_ics(document, now, label)
    raise ValueError(f"unknown export format {kind!r}")


def contacts_csv(document: Export) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for contact in document["contacts"]:
        writer.writerow({key: contact.get(key) for key in CSV_COLUMNS})
    # A byte-order mark: spreadsheet programs read the file as UTF-8 only with one.
    return out.getvalue().encode("utf-8-sig")


def split_name(name: str) -> tuple[str, str]:
    """(given, family): the last word is the family name, as phones guess it too."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return " ".join(words[:-1]), words[-1]


def contacts_vcard(document: Export) -> bytes:
    import vobject

    cards: list[str] = []
    for contact in document["contacts"]:
        card = vobject.vCard()
        card.add("fn").value = contact["name"]
        given, family = split_name(contact["name"])
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if contact["company"]:
            card.add("org").value = [contact["company"]]
        if contact["role"]:
            card.add("title").value = contact["role"]
        if contact["how_met"]:
            card.add("note").value = contact["how_met"]
        card.add("uid").value = f"{contact['uid']}@{UID_DOMAIN}"
        cards.append(card.serialize())
    return "".join(cards).encode("utf-8")


def calendar_ics(document: Export, now: datetime, label: Label) -> bytes:
    """Open follow-ups and meetings still to come, each with an alarm."""
    import icalendar

    names = {contact["uid"]: contact["name"] for contact in document["contacts"]}
    zone = _zone(document)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Common Ground//commonground//EN")
    calendar.add("version", "2.0")
    for meeting in document["meetings"]:
        if meeting["scheduled_at"] is None:
            continue
        start = from_db_time(meeting["scheduled_at"])
        all_day = bool(meeting["all_day"])
        if (start.astimezone(zone).date() if all_day else start) < (
            now.astimezone(zone).date() if all_day else now
        ):
            continue
        summary = label("export.meeting", name=names[meeting["contact"]])
        event = _event(meeting["uid"], now, summary, meeting["goal"])
        if all_day:
            day = start.astimezone(zone).date()
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add_component(_alarm(summary, ALL_DAY_ALARM))
        else:
            event.add("dtstart", start)
            event.add("dtend", start + MEETING_LENGTH)
            event.add_component(_alarm(summary, MEETING_ALARM))
        calendar.add_component(event)
    for followup in document["followups"]:
        if followup["done_at"] is not None or followup["cancelled_at"] is not None:
            continue
        due = from_db_time(followup["due_at"])
        summary = label(f"export.{followup['kind']}", name=names[followup["contact"]])
        details = [part for part in (followup["reason"], followup["how"]) if part]
        event = _event(followup["uid"], now, summary, "\n".join(details) or None)
        event.add("dtstart", due)
        event.add("dtend", due + FOLLOWUP_LENGTH)
        event.add_component(_alarm(summary, FOLLOWUP_ALARM))
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _zone(document: Export) -> ZoneInfo:
    settings: dict[str, Any] = document.get("settings") or {}
    try:
        return ZoneInfo(settings.get("timezone") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _event(uid: str, now: datetime, summary: str, description: str | None) -> icalendar.Event:
    import icalendar

    event = icalendar.Event()
    # The row's own uid: a calendar that imports the file again updates the event instead
    # of adding a second one.
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def _alarm(summary: str, before: timedelta) -> icalendar.Alarm:
    import icalendar

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", before)
    return alarm
