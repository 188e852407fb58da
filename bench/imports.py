"""Benchmark 5: importing 5,000 contacts, as a phone's .vcf and as LinkedIn's CSV.

What a person waits for after sending the file (or the operator after
`commonground import`): reading it, matching it against what is stored, and storing it in
one transaction, on a real SQLite file. Three cases: into an empty notebook; the same file
again (everyone matched, nothing written); and into a notebook that already holds everyone
under other spellings, so every person is matched and filled in.
"""

from __future__ import annotations

import asyncio
import base64
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.stats import table
from bot.imports import Outcome, import_file
from bot.storage.db import Database

TARGET_SECONDS = 10.0
OWNER = 1001
# A phone's address book: a photo on one card in five, two numbers, an e-mail, a company.
_PHOTO = "\r\n ".join(
    base64.b64encode(bytes(range(256)) * 12)[i : i + 72].decode() for i in range(0, 4096, 72)
)


def phone_book(count: int) -> bytes:
    cards = []
    for n in range(count):
        name = f"Pat Person{n:05d}"
        photo = f"PHOTO;ENCODING=b;TYPE=JPEG:{_PHOTO}\r\n" if n % 5 == 0 else ""
        cards.append(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{n:05d};Pat;;;\r\nFN:{name}\r\n"
            f"ORG:Firm {n % 97};Sales\r\nTITLE:Account manager\r\n"
            f"TEL;TYPE=CELL:+1 (555) {n:03d}-{n % 10000:04d}\r\nTEL;TYPE=WORK:555.{n:07d}\r\n"
            f"EMAIL;TYPE=INTERNET:pat{n}@example.com\r\n{photo}END:VCARD\r\n"
        )
    return "".join(cards).encode()


def connections(count: int) -> bytes:
    rows = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    rows += [
        f"Pat,Person{n:05d},https://www.linkedin.com/in/pat-{n},pat{n}@example.com,"
        f'"Firm {n % 97}, Inc.",Account manager,04 Nov 2026'
        for n in range(count)
    ]
    return "\r\n".join(rows).encode()


@dataclass(frozen=True)
class Timing:
    case: str
    size_kb: int
    seconds: float
    outcome: Outcome


async def _timed(db: Database, case: str, file_name: str, data: bytes) -> Timing:
    started = time.perf_counter()
    outcome = await import_file(db, OWNER, file_name, data)
    return Timing(case, len(data) // 1024, time.perf_counter() - started, outcome)


async def run(count: int) -> list[Timing]:
    vcf, csv = phone_book(count), connections(count)
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.sqlite3")
        await db.open()
        try:
            timings.append(await _timed(db, f".vcf, {count} new", "Contacts.vcf", vcf))
            timings.append(await _timed(db, ".vcf again, all unchanged", "Contacts.vcf", vcf))
            timings.append(await _timed(db, f"LinkedIn CSV, {count} merged", "c.csv", csv))
        finally:
            await db.close()
        db = Database(Path(folder) / "other.sqlite3")
        await db.open()
        try:
            # The same people as typed by hand: names only, in other case and spacing.
            typed = "".join(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:pat  PERSON{n:05d}\r\nEND:VCARD\r\n"
                for n in range(count)
            )
            await import_file(db, OWNER, "typed.vcf", typed.encode())
            timings.append(await _timed(db, ".vcf, all matched by name", "Contacts.vcf", vcf))
        finally:
            await db.close()
    return timings


def report(timings: list[Timing]) -> str:
    rows = [
        [
            t.case,
            f"{t.size_kb:,} KB",
            f"{t.seconds:.2f} s",
            f"{t.outcome.added} / {t.outcome.merged} / {t.outcome.skipped_total}",
        ]
        for t in timings
    ]
    return table(["import", "file", "time", "added / merged / skipped"], rows)


def verdicts(timings: list[Timing]) -> list[str]:
    return [
        f"- import < {TARGET_SECONDS:g} s, {t.case}: {t.seconds:.2f} s → "
        f"{'met' if t.seconds < TARGET_SECONDS else 'NOT met'}"
        for t in timings
    ]


if __name__ == "__main__":
    print(report(asyncio.run(run(5000))))
