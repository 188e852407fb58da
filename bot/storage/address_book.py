"""Contacts' e-mail, phone and link, as imports read and write them, in one transaction."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.coaching.stages import NEW_CONTACT_STAGE
from bot.storage.contacts import name_key
from bot.storage.db import Database, fetch_all, to_db_time
from bot.storage.users import insert_user_if_missing

# Archived contacts too: someone the user set aside is still someone they have, and
# importing the same file again must not bring them back as a second contact.
KNOWN = """
SELECT id, name, company, role, email, phone, url FROM contacts
WHERE owner_id = :owner_id ORDER BY id
"""

ADD = """
INSERT INTO contacts (owner_id, name, name_key, company, role, stage, created_at,
                      email, email_key, phone, phone_key, url)
VALUES (:owner_id, :name, :name_key, :company, :role, :stage, :now,
        :email, :email_key, :phone, :phone_key, :url)
"""

# Only empty fields: what the user typed themselves is never overwritten by an import.
FILL = """
UPDATE contacts SET
    company = COALESCE(company, :company),
    role = COALESCE(role, :role),
    email = COALESCE(email, :email),
    email_key = COALESCE(email_key, :email_key),
    phone = COALESCE(phone, :phone),
    phone_key = COALESCE(phone_key, :phone_key),
    url = COALESCE(url, :url)
WHERE owner_id = :owner_id AND id = :id
"""


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    company: str | None
    role: str | None
    email: str | None
    phone: str | None
    url: str | None


def email_key(email: str | None) -> str | None:
    email = (email or "").strip()
    return email.casefold() if "@" in email else None


# Long enough to tell people apart, short enough that a country code or a trunk 0 in front
# does not matter: "+49 30 1234567" and "030 1234567" end in the same nine digits.
PHONE_KEY_DIGITS = 9
_MIN_PHONE_DIGITS = 5


def phone_key(phone: str | None) -> str | None:
    digits = re.sub(r"\D", "", phone or "")
    return digits[-PHONE_KEY_DIGITS:] if len(digits) >= _MIN_PHONE_DIGITS else None


async def known_contacts(db: Database, owner_id: int) -> list[Row]:
    """The owner's contacts, archived ones too, with what imports match on."""
    rows = await fetch_all(db.conn, KNOWN, {"owner_id": owner_id})
    return [Row(*tuple(row)) for row in rows]


async def apply(
    db: Database,
    owner_id: int,
    add: Sequence[Row],
    fill: Mapping[int, Mapping[str, str]],
) -> None:
    """Add and fill contacts in one transaction: all of it, or nothing if anything fails."""
    now = to_db_time(db.now())
    fields = ("company", "role", "email", "phone", "url")
    async with db.transaction() as conn:
        await insert_user_if_missing(conn, owner_id, db.now())
        await conn.executemany(
            ADD,
            [
                {
                    "owner_id": owner_id,
                    "name": row.name,
                    "name_key": name_key(row.name),
                    "company": row.company,
                    "role": row.role,
                    "stage": NEW_CONTACT_STAGE,
                    "now": now,
                    "email": row.email,
                    "email_key": email_key(row.email),
                    "phone": row.phone,
                    "phone_key": phone_key(row.phone),
                    "url": row.url,
                }
                for row in add
            ],
        )
        await conn.executemany(
            FILL,
            [
                {
                    "owner_id": owner_id,
                    "id": contact_id,
                    **{name: values.get(name) for name in fields},
                    "email_key": email_key(values.get("email")),
                    "phone_key": phone_key(values.get("phone")),
                }
                for contact_id, values in fill.items()
            ],
        )
