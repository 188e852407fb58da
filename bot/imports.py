"""Importing contacts from a file or a shared contact: read, plan against what the user has,
store in one transaction. The bot's file handler and `commonground import` both come here."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from bot.coaching.address_book import (
    Known,
    MatchKeys,
    Person,
    Plan,
    Progress,
    SkipReason,
    UnreadableFile,
    plan_import,
    read_linkedin,
    read_vcards,
)
from bot.storage import address_book
from bot.storage.contacts import name_key
from bot.storage.db import Database

__all__ = ["READERS", "Outcome", "UnreadableFile", "import_file", "import_people", "reader_for"]

KEYS = MatchKeys(name=name_key, email=address_book.email_key, phone=address_book.phone_key)

Reader = Callable[[bytes, Progress | None], list[Person | None]]

READERS: dict[str, Reader] = {
    ".vcf": read_vcards,
    ".vcard": read_vcards,
    ".csv": read_linkedin,
}
"""Contact files by their name's ending: a phone's vCards, LinkedIn's Connections.csv."""


@dataclass(frozen=True)
class Outcome:
    added: int
    merged: int
    skipped: dict[SkipReason, int]

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


def reader_for(file_name: str) -> Reader | None:
    return READERS.get(PurePath(file_name).suffix.lower())


async def import_file(
    db: Database,
    owner_id: int,
    file_name: str,
    data: bytes,
    progress: Progress | None = None,
) -> Outcome:
    """Raises UnreadableFile (nothing stored) for a file that does not parse."""
    reader = reader_for(file_name)
    if reader is None:
        raise UnreadableFile("wrong_type")
    # In a thread: reading 5,000 cards takes a second or two, which the other users'
    # updates should not wait through.
    people = await asyncio.to_thread(reader, data, progress)
    return await import_people(db, owner_id, people)


async def import_people(db: Database, owner_id: int, people: Sequence[Person | None]) -> Outcome:
    known = [Known(**vars(row)) for row in await address_book.known_contacts(db, owner_id)]
    plan: Plan = plan_import(known, people, KEYS)
    if plan.changes_anything:
        rows = [address_book.Row(**vars(new)) for new in plan.add]
        await address_book.apply(db, owner_id, rows, plan.fill)
    return Outcome(len(plan.add), plan.merged, dict(plan.skipped))
