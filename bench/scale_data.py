"""A big database for benchmark 3: one heavy user and many ordinary ones.

The schema comes from the bot's own migrations (Database.open); the rows go in through plain
SQL in one transaction with foreign keys on, and the schema's triggers fill search_index,
contact_words and contacts.last_activity_at as they would for rows the bot wrote.
Deterministic (seeded), so every run measures the same data.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.coaching.playbook_model import Library
from bot.coaching.playbooks import load_library
from bot.coaching.stages import GOALS, STAGES
from bot.storage.contacts import name_key
from bot.storage.db import Database, to_db_time

PROJECT_ROOT = Path(__file__).resolve().parent.parent
OWNER = 1
"""The heavy user."""
FIRST_OTHER = 100_001
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
RARE_WORD = "kitesurfing"
COMMON_WORD = "product"
PROMISES = ("my_promises", "their_promises")

_FIRST = [
    "Mira",
    "Sam",
    "Léa",
    "Jonas",
    "Aisha",
    "Wei",
    "Priya",
    "Tomás",
    "Zoë",
    "Olúmídé",
    "Hannah",
    "Kenji",
    "Sofia",
    "Mateo",
    "Ingrid",
    "Ravi",
    "Chloé",
    "Björn",
    "Amara",
    "Yusuf",
    "Elena",
    "Noah",
    "Fatima",
    "Lukas",
    "Mei",
    "Diego",
    "Anouk",
    "Kofi",
    "Sara",
    "Emil",
]
_LAST = [
    "Patel",
    "Dubois",
    "Müller",
    "Okafor",
    "Nakamura",
    "García",
    "Kowalski",
    "Rossi",
    "Andersen",
    "Cohen",
    "Silva",
    "Novak",
    "Schmidt",
    "Haddad",
    "Ivanova",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Costa",
    "Brennan",
    "Ahmed",
    "Fischer",
    "Jensen",
    "Wong",
]
_COMPANIES = [
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Acme",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Wonka",
    "Aperture",
    "Vandelay",
    "Pied-Piper",
    "Monarch",
    "Oscorp",
    "Gringotts",
    "Duff",
    "Nakatomi",
    "Massive-Dynamic",
]
_ROLES = (
    "Head of Research",
    "CTO",
    "Product Manager",
    "Recruiter",
    "Founder",
    "Data Scientist",
    "VP Sales",
    "Designer",
    "Engineering Manager",
    "Investor",
)
_WORDS = [
    "climbing",
    "club",
    "porto",
    "feedback",
    "small",
    "teams",
    "research",
    "moving",
    "into",
    "hiring",
    "roadmap",
    "pricing",
    "article",
    "introduce",
    "brother",
    "review",
    "kids",
    "marathon",
    "podcast",
    "startup",
    "funding",
    "series",
    "seed",
    "customers",
    "churn",
    "onboarding",
    "python",
    "rust",
    "kubernetes",
    "design",
    "systems",
    "mentoring",
    "conference",
    "berlin",
    "lisbon",
    "london",
    "remote",
    "office",
    "garden",
    "coffee",
    "cycling",
    "chess",
    "violin",
    "book",
    "recommend",
    "newsletter",
    "launch",
    "retreat",
    "sabbatical",
    "partner",
    "advisor",
    "board",
    "budget",
    "quarter",
    "goals",
    "promo",
]


@dataclass(frozen=True)
class Size:
    contacts: int
    notes: int
    heavy_notes: int
    """Notes about the heavy user's first contact (a long relationship)."""
    others: int
    other_contacts: int
    other_notes: int

    @property
    def label(self) -> str:
        return (
            f"1 user with {self.contacts:,} contacts and {self.notes:,} notes "
            f"({self.heavy_notes:,} of them about one contact), plus {self.others:,} users "
            f"with {self.other_contacts} contacts and {self.other_notes} notes each"
        )


FULL = Size(10_000, 200_000, 5_000, 1_000, 10, 50)
QUICK = Size(1_000, 20_000, 1_000, 100, 10, 50)


def _moment(rng: random.Random, days_back: int = 1400) -> str:
    return to_db_time(NOW - timedelta(days=rng.uniform(1, days_back)))


def _body(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(6, 18))
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), COMMON_WORD)
    if rng.random() < 0.0005:
        words.insert(rng.randrange(len(words)), RARE_WORD)
    words += [f"w{rng.randrange(50_000)}" for _ in range(2)]  # a long tail of rarer terms
    return " ".join(words)


class _Writer:
    def __init__(self, conn: sqlite3.Connection, rng: random.Random) -> None:
        self.conn = conn
        self.rng = rng
        self.steps = [(step.id, step.slot) for step in _library().debrief.steps]
        self.next_contact = 1
        self.next_meeting = 1
        self.next_debrief = 1

    def user(self, user_id: int) -> None:
        created = _moment(self.rng)
        self.conn.execute(
            "INSERT INTO users (id, name, timezone, onboarded, created_at, updated_at) "
            "VALUES (?, ?, 'Europe/Berlin', 1, ?, ?)",
            (user_id, self.rng.choice(_FIRST), created, created),
        )

    def contacts(self, owner: int, count: int) -> list[int]:
        rng = self.rng
        ids = list(range(self.next_contact, self.next_contact + count))
        self.next_contact += count
        rows = []
        for contact_id in ids:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            rows.append(
                (
                    contact_id,
                    owner,
                    name,
                    name_key(name),
                    rng.choice(_COMPANIES),
                    rng.choice(_ROLES),
                    rng.choice(STAGES),
                    _moment(rng),
                    _moment(rng, 300) if rng.random() < 0.02 else None,
                    rng.choice((None, None, 30, 60, 90)),
                    "conference" if rng.random() < 0.3 else None,
                )
            )
        self.conn.executemany(
            "INSERT INTO contacts (id, owner_id, name, name_key, company, role, stage, "
            "created_at, archived_at, cadence_days, how_met) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        return ids

    def history(self, owner: int, contact_id: int, notes: int) -> None:
        """Meetings, each debriefed with one note per step, until `notes` notes exist."""
        rng = self.rng
        meetings, debriefs, rows = [], [], []
        left = notes
        while left > 0:
            meeting_id, debrief_id = self.next_meeting, self.next_debrief
            self.next_meeting += 1
            self.next_debrief += 1
            when = _moment(rng)
            meetings.append((meeting_id, owner, contact_id, rng.choice(GOALS), when, when, when))
            debriefs.append(
                (debrief_id, owner, contact_id, meeting_id, len(self.steps), when, when)
            )
            for step_id, slot in self.steps[: min(left, len(self.steps))]:
                done = _moment(rng, 30) if slot in PROMISES and rng.random() < 0.8 else None
                rows.append((owner, contact_id, debrief_id, step_id, slot, _body(rng), when, done))
            left -= len(self.steps)
        self.conn.executemany(
            "INSERT INTO meetings (id, owner_id, contact_id, goal, scheduled_at, created_at, "
            "debriefed_at) VALUES (?,?,?,?,?,?,?)",
            meetings,
        )
        self.conn.executemany(
            "INSERT INTO debriefs (id, owner_id, contact_id, meeting_id, next_step, started_at, "
            "finished_at) VALUES (?,?,?,?,?,?,?)",
            debriefs,
        )
        self.conn.executemany(
            "INSERT INTO notes (owner_id, contact_id, debrief_id, step_id, slot, body, "
            "created_at, done_at) VALUES (?,?,?,?,?,?,?,?)",
            rows,
        )
        open_due = to_db_time(NOW + timedelta(days=rng.uniform(-30, 60)))
        self.conn.execute(
            "INSERT INTO followups (owner_id, contact_id, meeting_id, kind, reason, due_at, "
            "created_at, done_at) VALUES (?,?,?,?,?,?,?,?)",
            (
                owner,
                contact_id,
                meetings[-1][0] if meetings else None,
                rng.choice(("followup", "cadence")),
                "You promised: send the article",
                open_due,
                _moment(rng),
                None if rng.random() < 0.4 else _moment(rng, 30),
            ),
        )
        self.conn.executemany(
            "INSERT INTO interactions (owner_id, contact_id, kind, at) VALUES (?,?,?,?)",
            [
                (owner, contact_id, rng.choice(("meeting", "debrief")), _moment(rng))
                for _ in range(2)
            ],
        )


def _library() -> Library:
    return load_library(PROJECT_ROOT / "playbooks")


def _spread(total: int, buckets: int, rng: random.Random) -> Iterator[int]:
    """`total` split over `buckets`, each note landing in a bucket at random."""
    counts = [0] * buckets
    for _ in range(total):
        counts[rng.randrange(buckets)] += 1
    yield from counts


def generate(path: Path, size: Size, seed: int = 42) -> None:
    asyncio.run(_migrate(path))
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        writer = _Writer(conn, rng)
        writer.user(OWNER)
        owned = writer.contacts(OWNER, size.contacts)
        writer.history(OWNER, owned[0], size.heavy_notes)
        rest = size.notes - size.heavy_notes
        for contact_id, notes in zip(owned[1:], _spread(rest, len(owned) - 1, rng), strict=True):
            writer.history(OWNER, contact_id, notes)
        for user_id in range(FIRST_OTHER, FIRST_OTHER + size.others):
            writer.user(user_id)
            theirs = writer.contacts(user_id, size.other_contacts)
            for contact_id, notes in zip(
                theirs, _spread(size.other_notes, len(theirs), rng), strict=True
            ):
                writer.history(user_id, contact_id, notes)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


async def _migrate(path: Path) -> None:
    db = Database(path)
    await db.open()
    await db.close()
