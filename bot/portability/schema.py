"""What a JSON export holds: each section, its fields, and the column each comes from.

One table of fields serves the export (what to read), the import (what to check and write)
and the test that every column of an owned table is either exported or named here as not
worth carrying (INTERNAL), so that a column added later cannot be left out unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FORMAT = "commonground-export"
VERSION = 1

Kind = Literal["text", "time", "int", "bool", "ref", "list"]


@dataclass(frozen=True)
class Field:
    key: str
    """The name in the file."""
    column: str
    kind: Kind
    optional: bool = False
    target: str | None = None
    """For a ref: the section whose uid it names."""
    choices: frozenset[str] | None = None
    minimum: int | None = None
    maximum: int | None = None


def _f(
    key: str,
    kind: Kind,
    column: str | None = None,
    *,
    optional: bool = False,
    choices: frozenset[str] | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
) -> Field:
    return Field(key, column or key, kind, optional, None, choices, minimum, maximum)


def _ref(key: str, target: str, column: str, *, optional: bool = False) -> Field:
    return Field(key, column, "ref", optional=optional, target=target)


@dataclass(frozen=True)
class Section:
    name: str
    """The key in the file, and the table."""
    order: str
    """The column that orders the section (then uid), so two exports of the same rows are
    the same file whatever ids the rows have."""
    fields: tuple[Field, ...]


# In import order: a section names only the sections before it.
SECTIONS = (
    Section(
        "contacts",
        "created_at",
        (
            _f("name", "text"),
            _f("company", "text", optional=True),
            _f("role", "text", optional=True),
            _f("stage", "text"),
            _f("how_met", "text", optional=True),
            _f("relationship", "text", optional=True),
            _f("last_talked", "text", optional=True),
            _f("introducer", "text", optional=True),
            _f("email", "text", optional=True),
            _f("phone", "text", optional=True),
            _f("url", "text", optional=True),
            _f("cadence_days", "int", optional=True, minimum=1),
            _f("created_at", "time"),
            _f("archived_at", "time", optional=True),
        ),
    ),
    Section(
        "meetings",
        "created_at",
        (
            _ref("contact", "contacts", "contact_id"),
            _f("goal", "text"),
            _f("scheduled_at", "time", optional=True),
            _f("all_day", "bool"),
            _f("created_at", "time"),
            _f("debrief_reminder", "bool"),
            _f("debriefed_at", "time", optional=True),
            _f("setting", "text", optional=True),
            _f("setting_words", "text", optional=True),
            _f("known_from", "text", optional=True),
            _f("topic", "text", optional=True),
            _f("aim", "text", optional=True),
            _f("ask_target", "text", optional=True),
            _f("ask_why", "text", optional=True),
            _f("can_help", "text", optional=True),
            # The keys of the questions the meeting's brief suggested.
            _f("brief_questions", "list", optional=True),
        ),
    ),
    Section(
        "debriefs",
        "started_at",
        (
            _ref("contact", "contacts", "contact_id"),
            _ref("meeting", "meetings", "meeting_id"),
            _f("next_step", "int", minimum=0),
            _f("started_at", "time"),
            _f("finished_at", "time", optional=True),
            _f("discarded_at", "time", optional=True),
        ),
    ),
    Section(
        "notes",
        "created_at",
        (
            _ref("contact", "contacts", "contact_id"),
            _ref("debrief", "debriefs", "debrief_id", optional=True),
            _f("step", "text", "step_id", optional=True),
            _f("part", "int", minimum=0),
            _f("slot", "text"),
            _f("body", "text"),
            _f("created_at", "time"),
            _f("done_at", "time", optional=True),
        ),
    ),
    Section(
        "followups",
        "created_at",
        (
            _ref("contact", "contacts", "contact_id"),
            _ref("meeting", "meetings", "meeting_id", optional=True),
            _f("kind", "text", choices=frozenset({"followup", "debrief", "cadence"})),
            _f("reason", "text", optional=True),
            _ref("reason_note", "notes", "reason_note_id", optional=True),
            _ref("promise_note", "notes", "promise_note_id", optional=True),
            _f("how", "text", optional=True),
            _f("due_at", "time"),
            _f("delivered_at", "time", optional=True),
            _f("done_at", "time", optional=True),
            _f("cancelled_at", "time", optional=True),
            _f("created_at", "time"),
        ),
    ),
    Section(
        "interactions",
        "at",
        (
            _ref("contact", "contacts", "contact_id"),
            _f("kind", "text", choices=frozenset({"meeting", "debrief", "followup"})),
            _f("at", "time"),
        ),
    ),
)

# The user's own row: their settings.
SETTINGS = (
    _f("name", "text", optional=True),
    _f("timezone", "text", optional=True),
    _f("onboarded", "bool"),
    _f("date_order", "text", optional=True, choices=frozenset({"month_first", "day_first"})),
    _f("digest_hour", "int", optional=True, minimum=0, maximum=23),
    _f("digest_off", "bool"),
)

# Columns of owned tables an export leaves out, and why; each is made again on import.
INTERNAL = {
    # This database's own numbers: an import makes new ones, and rows name each other by uid.
    "id": "a row number of this database",
    "owner_id": "whose it is: the importing user's",
    "contact_id": "exported as contact",
    "meeting_id": "exported as meeting",
    "debrief_id": "exported as debrief",
    "reason_note_id": "exported as reason_note",
    "promise_note_id": "exported as promise_note",
    # The introducer's name is exported; the link to their card is this database's own.
    "introducer_id": "exported as introducer, by name",
    "uid": "exported as uid",
    # Worked out from other columns, by code or by triggers.
    "name_key": "the name folded for lookups",
    "email_key": "the e-mail folded for matching imports",
    "phone_key": "the phone number's last digits, for matching imports",
    "last_activity_at": "kept up to date by triggers",
    "digest_next_at": "worked out from the digest hour",
    # Telegram's update ids: they mean nothing to another bot or account.
    "source_update_id": "a Telegram update id",
    "last_update_id": "a Telegram update id",
    # When the user row was made and last changed: the import's own times.
    "created_at": "the user row's own",
    "updated_at": "the user row's own",
}
