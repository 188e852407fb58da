"""Contacts brought in from elsewhere: a phone's vCard file, LinkedIn's Connections.csv, a
contact shared in Telegram; and how they fold into the contacts a user already has.

Reading and planning are pure: the storage side applies a plan in one transaction, so a
file either comes in as planned or changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import vobject

Progress = Callable[[int, int], None]
"""Called with (done, total) as a long file is read; total is in the file's own units."""

SkipReason = Literal["no_name", "unchanged", "repeated"]


class UnreadableFile(Exception):
    """A file that is not what its name says; `reason` is a key of labels.yaml's
    `import_problems`, `detail` what to show with it (a line number, a column list)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Person:
    """One person as a file describes them; every field but the name may be missing."""

    name: str
    company: str | None = None
    role: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class Known:
    """A contact the user already has, as far as matching and filling need it."""

    id: int
    name: str
    company: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None


@dataclass
class Plan:
    add: list[Known] = field(default_factory=list)
    """New contacts (id 0: not stored yet)."""
    fill: dict[int, dict[str, str]] = field(default_factory=dict)
    """For an existing contact's id, the empty fields to fill and with what."""
    skipped: dict[SkipReason, int] = field(default_factory=dict)

    @property
    def merged(self) -> int:
        return len(self.fill)

    def skip(self, reason: SkipReason) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    @property
    def changes_anything(self) -> bool:
        return bool(self.add or self.fill)


# -- matching keys ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchKeys:
    """What two spellings of a name, an e-mail address or a phone number have in common:
    the keys storage indexes contacts by (bot/storage/contacts.py, address_book.py), so an
    import matches exactly who a lookup would find."""

    name: Callable[[str], str]
    email: Callable[[str | None], str | None]
    phone: Callable[[str | None], str | None]


# -- vCard -----------------------------------------------------------------------------------

# vobject reads 2.1, 3.0 and 4.0; a card without BEGIN/END is not one.
_BEGIN = re.compile(rb"^\s*BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)


def decode(data: bytes) -> str:
    """Text of an uploaded file. Phones write UTF-8; Outlook and older phones UTF-16 with a
    byte-order mark or Windows-1252. A file with NUL bytes and no such mark is binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile("binary") from None
    if b"\x00" in data:
        raise UnreadableFile("binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_vcards(data: bytes, progress: Progress | None = None) -> list[Person | None]:
    """Everyone in a .vcf file, in order; None for a card without a name."""
    # Imported here, like the export's libraries: most runs of the bot never read a file.
    import vobject

    text = decode(data)
    total = len(_BEGIN.findall(text.encode("utf-8")))
    if not total:
        raise UnreadableFile("not_vcard")
    people: list[Person | None] = []
    try:
        for card in vobject.readComponents(_join_soft_breaks(_PHOTOS.sub("", text))):
            if card.name.upper() != "VCARD":
                continue
            people.append(_person(card))
            if progress is not None:
                progress(len(people), total)
    except Exception as error:  # vobject raises ParseError, and worse on truly odd input
        line = getattr(error, "lineNumber", None)
        raise UnreadableFile("bad_vcard", str(line) if line else "") from None
    if not people:
        raise UnreadableFile("not_vcard")
    return people


# vCard 2.1 quoted-printable ends a line with "=" to go on at the next one, unindented;
# vobject reads only the indented folding of 3.0. Android writes both.
_SOFT_BREAK = re.compile(r"(ENCODING=QUOTED-PRINTABLE[^\r\n]*?)=\r?\n", re.IGNORECASE)


# Photos are most of a phone's export and nothing a contact keeps: dropped before parsing
# (with their folded lines), they cost neither parsing time nor memory.
_PHOTOS = re.compile(
    r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND)[;:][^\r\n]*(?:\r?\n[ \t][^\r\n]*)*(?:\r?\n|$)",
    re.IGNORECASE | re.MULTILINE,
)


def _join_soft_breaks(text: str) -> str:
    while True:
        joined = _SOFT_BREAK.sub(r"\1", text)
        if joined == text:
            return text
        text = joined


def _person(card: vobject.base.Component) -> Person | None:
    contents = card.contents
    name = _text(_first(contents, "fn"))
    if not name and "n" in contents:
        n = contents["n"][0].value
        parts = (getattr(n, "prefix", ""), getattr(n, "given", ""), getattr(n, "family", ""))
        name = " ".join(_text(part) for part in parts if _text(part))
    org = _first(contents, "org")
    company = _text(org[0] if isinstance(org, list) and org else org)
    if not name:
        # A card of a company alone is still someone to reach there.
        name = company
    if not name:
        return None
    return Person(
        name=name,
        company=company or None,
        role=_text(_first(contents, "title")) or None,
        emails=_unique(_text(line.value) for line in contents.get("email", [])),
        phones=_unique(_phone(line.value) for line in contents.get("tel", [])),
        url=_text(_first(contents, "url")) or None,
    )


def _first(contents: dict[str, list[vobject.base.ContentLine]], key: str) -> object:
    lines = contents.get(key)
    return lines[0].value if lines else None


def _text(value: object) -> str:
    if isinstance(value, list):
        value = " ".join(str(part) for part in value if part)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _phone(value: object) -> str:
    # vCard 4.0 writes numbers as URIs: "tel:+1-555-555-0100".
    return re.sub(r"^tel:", "", _text(value), flags=re.IGNORECASE)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


# -- a contact shared in Telegram -------------------------------------------------------------


def shared_contact(
    first_name: str, last_name: str | None, phone: str | None, vcard: str | None
) -> Person | None:
    """A contact shared from a phone's address book: Telegram sends the name and number it
    shows, and the card itself when the phone had one (with e-mail, company, role)."""
    name = " ".join(" ".join(part.split()) for part in (first_name, last_name or "") if part)
    card: Person | None = None
    if vcard:
        try:
            card = next((p for p in read_vcards(vcard.encode("utf-8")) if p), None)
        except UnreadableFile:
            card = None  # the name and number still make a contact
    phones = _unique([phone or "", *(card.phones if card else ())])
    if card is not None:
        return replace(card, name=name or card.name, phones=phones)
    return Person(name, phones=phones) if name else None


# -- LinkedIn --------------------------------------------------------------------------------

# LinkedIn's export starts with a few lines of notes before the header; their number has
# changed over the years, so the header is found by the columns it names.
LINKEDIN_COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position")
_NEEDED = ("First Name", "Last Name")
_HEADER_SEARCH_LINES = 50


def read_linkedin(data: bytes, progress: Progress | None = None) -> list[Person | None]:
    """Everyone in LinkedIn's Connections.csv; None for a row without a name."""
    rows = csv.reader(io.StringIO(decode(data), newline=""))
    header: list[str] | None = None
    try:
        for _ in range(_HEADER_SEARCH_LINES):
            row = next(rows, None)
            if row is None:
                break
            cells = [cell.strip() for cell in row]
            if all(column in cells for column in _NEEDED):
                header = cells
                break
        if header is None:
            raise UnreadableFile("not_linkedin", ", ".join(LINKEDIN_COLUMNS))
        body = list(rows)
    except csv.Error as error:
        raise UnreadableFile("bad_csv", str(rows.line_num)) from error
    where = {column: header.index(column) for column in LINKEDIN_COLUMNS if column in header}
    people: list[Person | None] = []
    for number, row in enumerate(body, start=1):
        if any(cell.strip() for cell in row):
            people.append(_linkedin_person(row, where))
        if progress is not None:
            progress(number, len(body))
    return people


def _linkedin_person(row: Sequence[str], where: dict[str, int]) -> Person | None:
    def cell(column: str) -> str:
        index = where.get(column)
        return " ".join(row[index].split()) if index is not None and index < len(row) else ""

    name = " ".join(part for part in (cell("First Name"), cell("Last Name")) if part)
    if not name:
        return None
    email = cell("Email Address")
    return Person(
        name=name,
        company=cell("Company") or None,
        role=cell("Position") or None,
        emails=(email,) if email else (),
        url=cell("URL") or None,
    )


# -- planning --------------------------------------------------------------------------------


@dataclass
class _Entry:
    known: Known
    new: bool


class _Index:
    """Who is known by which key, updated as the plan adds and fills people."""

    def __init__(self, keys: MatchKeys) -> None:
        self.keys = keys
        self.by: dict[str, dict[str, _Entry]] = {"name": {}, "email": {}, "phone": {}}

    def add(self, entry: _Entry, person: Person | None = None) -> None:
        known, key = entry.known, self.keys
        keys: dict[str, list[str | None]] = {
            "name": [key.name(known.name)],
            "email": [key.email(known.email)],
            "phone": [key.phone(known.phone)],
        }
        if person is not None:
            keys["email"] += [key.email(email) for email in person.emails]
            keys["phone"] += [key.phone(phone) for phone in person.phones]
        for kind, values in keys.items():
            for value in values:
                if value:
                    self.by[kind].setdefault(value, entry)

    def find(self, person: Person) -> _Entry | None:
        key = self.keys
        candidates = (
            *(self.by["email"].get(key.email(email) or "") for email in person.emails),
            *(self.by["phone"].get(key.phone(phone) or "") for phone in person.phones),
            self.by["name"].get(key.name(person.name)),
        )
        return next((entry for entry in candidates if entry is not None), None)


def plan_import(
    existing: Sequence[Known], incoming: Sequence[Person | None], keys: MatchKeys
) -> Plan:
    """What importing `incoming` changes: people matched by e-mail, phone or name (folded as
    names are everywhere) have their empty fields filled; everyone else is added.

    Matching by e-mail or phone first: two people may share a name, a number is theirs.
    """
    index = _Index(keys)
    for known in existing:
        index.add(_Entry(known, new=False))
    plan = Plan()
    new_entries: list[_Entry] = []
    for person in incoming:
        if person is None:
            plan.skip("no_name")
            continue
        entry = index.find(person)
        if entry is None:
            entry = _Entry(_with(Known(0, person.name), person), new=True)
            new_entries.append(entry)
        elif entry.new:
            entry.known = _with(entry.known, person)
            plan.skip("repeated")
        else:
            fills = _fills(entry.known, person, plan.fill.get(entry.known.id, {}))
            if fills:
                plan.fill.setdefault(entry.known.id, {}).update(fills)
            else:
                plan.skip("repeated" if entry.known.id in plan.fill else "unchanged")
        index.add(entry, person)
    plan.add = [entry.known for entry in new_entries]
    return plan


def _offered(person: Person) -> dict[str, str | None]:
    return {
        "company": person.company,
        "role": person.role,
        "email": person.emails[0] if person.emails else None,
        "phone": person.phones[0] if person.phones else None,
        "url": person.url,
    }


def _fills(known: Known, person: Person, planned: dict[str, str]) -> dict[str, str]:
    return {
        name: value
        for name, value in _offered(person).items()
        if value and not getattr(known, name) and name not in planned
    }


def _with(known: Known, person: Person) -> Known:
    fills = _fills(known, person, {})
    return replace(
        known,
        company=fills.get("company", known.company),
        role=fills.get("role", known.role),
        email=fills.get("email", known.email),
        phone=fills.get("phone", known.phone),
        url=fills.get("url", known.url),
    )
