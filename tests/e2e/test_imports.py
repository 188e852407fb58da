"""Bringing people in by sending a file or sharing a contact, and adding your own playbooks.

Ada sends the .vcf her phone exported, then LinkedIn's Connections.csv, then shares a
contact from Telegram: each answer says what was added, merged and skipped; sending the
same file again changes nothing. Files the bot cannot take (too big, binary, another CSV,
another kind, a broken playbook) each get a clear answer and change nothing stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import BotMessage, SandboxUser
from bot.storage import address_book, contacts
from bot.storage.db import Database
from tests.e2e.helpers import everything_of, next_new, prep_new_contact, say

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PHONE = (FIXTURES / "phone_contacts.vcf").read_bytes()
LINKEDIN = (FIXTURES / "linkedin_connections.csv").read_bytes()

PLAYBOOK = """\
# Ada's own: for people at a company she wants to join.
id: ada_zorblax
kind: prep
title: Ada's zorblax chats
applies:
  goals: [learn]
questions:
  - id: zorblax_path
    text: How did you end up working on zorblax engines?
    slot: origin_story
    why: Everyone at a zorblax shop has a story of how they got there.
  - id: zorblax_help
    text: What could I do to help with the zorblax launch?
    slot: how_i_can_help
    why: Offer first.
"""
DEBRIEF = Path(__file__).resolve().parents[2] / "playbooks" / "debrief.yaml"
MY_QUESTION = "How did you end up working on zorblax engines?"


async def upload(user: SandboxUser, name: str, data: bytes, mime: str = "text/plain") -> BotMessage:
    await user.upload(name, data, mime)
    return await next_new(user)


async def fields(db: Database, owner: int) -> dict[str, tuple[Any, ...]]:
    return {
        row.name: (row.company, row.role, row.email, row.phone, row.url)
        for row in await address_book.known_contacts(db, owner)
    }


async def test_a_phones_vcf_linkedin_and_a_shared_contact_come_in_once(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    answer = await upload(user, "Contacts.vcf", PHONE, "text/x-vcard")
    assert "5 added, 0 merged, 2 skipped" in answer.text
    assert "Skipped 1: no name to go by" in answer.text
    assert "Skipped 1: the same person more than once in the file" in answer.text
    assert await fields(db, user.id) == {
        "Dana Okafor": (
            "Ledgerly",
            "Senior Product Manager",
            "dana.okafor@ledgerly.example",
            "+1 (415) 555-0142",
            "https://www.linkedin.com/in/danaokafor",
        ),
        "Jürgen Müller": (
            "Grünwald Energie GmbH",
            "Einkaufsleiter",
            "juergen.mueller@example.de",
            "0171/2345678",
            None,
        ),
        "Renée François": (None, None, None, "+33 1 42 68 53 00", None),
        "Priya Raman": (
            "Northwind Health",
            "Head of Data",
            "priya@northwind.example",
            "+44-20-7946-0958",
            None,
        ),
        "Acme Catering": ("Acme Catering", None, None, "+1 212 555 0199", None),
    }
    # They are contacts like any other: /contact finds them, and shows what came in.
    card = (await say(user, "/contact jurgen")).text
    assert "Einkaufsleiter at Grünwald Energie GmbH\n0171/2345678\njuergen.mueller@" in card

    # Set aside, Acme Catering stays one contact, and stays set aside.
    [acme] = await contacts.find_contacts(db, user.id, "Acme Catering")
    assert await contacts.archive_contact(db, user.id, acme.id)
    before = await everything_of(db, user.id)
    again = await upload(user, "Contacts.vcf", PHONE, "text/x-vcard")
    assert "0 added, 0 merged, 7 skipped" in again.text
    assert "Skipped 6: already in your contacts with nothing new" in again.text
    assert await everything_of(db, user.id) == before

    linked = await upload(user, "Connections.csv", LINKEDIN, "text/csv")
    assert "3 added, 0 merged, 2 skipped" in linked.text
    people = await fields(db, user.id)
    assert people["Sam Lee"] == (
        "Acme, Inc.",
        "VP Engineering 🚀",
        "sam.lee@example.com",
        None,
        "https://www.linkedin.com/in/samlee",
    )
    assert people["Zoë Ångström"] == (
        "Nordlys AS",
        'Designer, "Growth"',
        None,
        None,
        "https://www.linkedin.com/in/zoe-angstrom",
    )
    assert len(people) == 8

    # Shared from Telegram: Renée's number in international form is Renée, not someone new;
    # a new number and name is a new contact.
    await user.share_contact("+33 142685300", "Renée", "François")
    assert "0 added, 0 merged, 1 skipped" in (await next_new(user)).text
    # Shared from the phone's address book, Telegram sends the card too.
    card = "BEGIN:VCARD\nVERSION:2.1\nFN:Mira Patel\nTEL;CELL:+49 89 7654321\n"
    card += "EMAIL;WORK:mira@globex.example\nORG:Globex\nTITLE:CTO\nEND:VCARD"
    await user.share_contact("+49 89 7654321", "Mira", "Patel", user_id=4242, vcard=card)
    assert "1 added" in (await next_new(user)).text
    [mira] = await contacts.find_contacts(db, user.id, "mira patel")
    assert (await fields(db, mira.owner_id))["Mira Patel"] == (
        "Globex",
        "CTO",
        "mira@globex.example",
        "+49 89 7654321",
        None,
    )


async def test_a_file_fills_what_was_empty_and_keeps_what_was_typed(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    await prep_new_contact(user, "Dana Okafor")  # at Globex, Head of Research
    answer = await upload(user, "Contacts.vcf", PHONE)
    assert "4 added, 1 merged, 2 skipped" in answer.text
    assert (await fields(db, user.id))["Dana Okafor"] == (
        "Globex",
        "Head of Research",
        "dana.okafor@ledgerly.example",
        "+1 (415) 555-0142",
        "https://www.linkedin.com/in/danaokafor",
    )


async def test_files_the_bot_cannot_take_get_a_clear_answer_and_change_nothing(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    await upload(user, "Contacts.vcf", PHONE)
    await upload(user, "mine.yaml", PLAYBOOK.encode())
    before = await everything_of(db, user.id)

    huge = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone\r\nEND:VCARD\r\n" * 120_000
    assert len(huge) > 5 * 1024 * 1024
    assert "too big for me" in (await upload(user, "everyone.vcf", huge)).text
    assert sandbox.calls["getFile"] == 2, "refused before downloading"

    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 20
    assert "isn't text" in (await upload(user, "photo.vcf", png, "image/png")).text
    garbled = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half\r\nTEL;TYPE=CELL\r\n"
    assert "couldn't read the contact cards" in (await upload(user, "half.vcf", garbled)).text

    google = b"Name,Given Name,Family Name,E-mail 1 - Value\r\nDana Okafor,Dana,Okafor,d@x.io\r\n"
    answer = await upload(user, "contacts.csv", google, "text/csv")
    assert "isn't LinkedIn's Connections.csv" in answer.text
    assert "First Name, Last Name, URL, Email Address, Company, Position" in answer.text

    supported = "I take: .csv, .json, .vcard, .vcf, .yaml, .yml."
    assert supported in (await upload(user, "cv.pdf", b"%PDF-1.4", "application/pdf")).text
    not_ours = await upload(user, "export.json", b"{}", "application/json")
    assert "couldn't import that as a Common Ground export" in not_ours.text

    broken = {
        "bad YAML": (
            "id: broken\nkind: prep\ntitle: [unclosed\n",
            "3: YAML syntax error",
        ),
        "unknown key": (
            PLAYBOOK.replace("id: ada_zorblax", "id: ada_other\ncolour: blue"),
            "3: unknown key 'colour'",
        ),
        "unknown placeholder": (
            PLAYBOOK.replace("zorblax engines?", "{favourite_engine}?"),
            "9: questions[0].text: unknown placeholder {favourite_engine}",
        ),
        "a debrief": (
            DEBRIEF.read_text().replace("id: debrief", "id: my_debrief"),
            "kind: only prep playbooks",
        ),
        "a built-in's id": (PLAYBOOK.replace("ada_zorblax", "advice"), "built-in playbook"),
    }
    for kind, (text, problem) in broken.items():
        answer = await upload(user, "mine.yaml", text.encode())
        assert "can't use that playbook; nothing was changed" in answer.text, kind
        assert problem in answer.text, (kind, answer.text)

    assert await everything_of(db, user.id) == before


async def test_own_playbooks_are_listed_used_in_briefs_and_theirs_alone(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication
) -> None:
    listed = (await say(user, "/playbooks")).text
    assert "Asking for advice" in listed and "Your own" not in listed

    added = await upload(user, "zorblax.yaml", PLAYBOOK.encode())
    assert "Ada's zorblax chats" in added.text and "added" in added.text
    listed = (await say(user, "/playbooks")).text
    assert "Your own" in listed and "Ada's zorblax chats (ada_zorblax)" in listed
    assert MY_QUESTION in await prep_new_contact(user, "Sam")

    # Grace neither sees it nor gets its questions.
    assert "zorblax" not in (await say(other_user, "/playbooks")).text
    assert MY_QUESTION not in await prep_new_contact(other_user, "Sam")

    # Sent again with the same id, it replaces the first.
    renamed = PLAYBOOK.replace("title: Ada's zorblax chats", "title: Zorblax people")
    assert "replaced" in (await upload(user, "zorblax.yaml", renamed.encode())).text
    listed = (await say(user, "/playbooks")).text
    assert "Zorblax people" in listed and "Ada's zorblax chats" not in listed
