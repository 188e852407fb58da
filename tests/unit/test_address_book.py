"""Reading a phone's .vcf and LinkedIn's Connections.csv, and folding them into contacts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.coaching.address_book import (
    Known,
    Person,
    UnreadableFile,
    plan_import,
    read_linkedin,
    read_vcards,
    shared_contact,
)
from bot.imports import KEYS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PHONE = (FIXTURES / "phone_contacts.vcf").read_bytes()
LINKEDIN = (FIXTURES / "linkedin_connections.csv").read_bytes()
# Pieces of real cards and CSVs, for the property test to combine in odd ways.
VCARD_LINES = [
    *PHONE.decode().splitlines()[:30],
    "BEGIN:VCARD",
    "END:VCARD",
    "FN;ENCODING=QUOTED-PRINTABLE:=C3=",
    "N:;;;;",
    " folded",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    '"unclosed,quote',
    "\x00",
]


def test_a_phones_vcf_reads_field_by_field() -> None:
    dana, jurgen, renee, priya, acme, nameless, dana_again = read_vcards(PHONE)
    # iPhone, 3.0, a photo folded over many lines, two numbers, a grouped URL.
    assert dana == Person(
        name="Dana Okafor",
        company="Ledgerly",
        role="Senior Product Manager",
        emails=("dana.okafor@ledgerly.example",),
        phones=("+1 (415) 555-0142", "415.555.0100"),
        url="https://www.linkedin.com/in/danaokafor",
    )
    # Android, 2.1, UTF-8 quoted-printable with a soft line break inside the company.
    assert jurgen == Person(
        name="Jürgen Müller",
        company="Grünwald Energie GmbH",
        role="Einkaufsleiter",
        emails=("juergen.mueller@example.de",),
        phones=("0171/2345678", "+49 30 1234567"),
    )
    # 2.1 in Latin-1, only N: given name first.
    assert renee == Person(name="Renée François", phones=("+33 1 42 68 53 00",))
    # 4.0: the number as a tel: URI.
    assert priya == Person(
        name="Priya Raman",
        company="Northwind Health",
        role="Head of Data",
        emails=("priya@northwind.example",),
        phones=("+44-20-7946-0958",),
    )
    assert acme == Person(
        name="Acme Catering", company="Acme Catering", phones=("+1 212 555 0199",)
    )
    assert nameless is None
    assert dana_again == Person(name="Dana Okafor", phones=("+14155550142",))


def test_linkedin_connections_read_field_by_field_after_the_notes() -> None:
    dana, sam, zoe, private, ahmed = read_linkedin(LINKEDIN)
    assert dana == Person(
        name="Dana Okafor",
        company="Ledgerly",
        role="Senior Product Manager",
        url="https://www.linkedin.com/in/danaokafor",
    )
    assert sam == Person(
        name="Sam Lee",
        company="Acme, Inc.",
        role="VP Engineering 🚀",
        emails=("sam.lee@example.com",),
        url="https://www.linkedin.com/in/samlee",
    )
    assert zoe == Person(
        name="Zoë Ångström",
        company="Nordlys AS",
        role='Designer, "Growth"',
        url="https://www.linkedin.com/in/zoe-angstrom",
    )
    assert private is None
    assert ahmed == Person(
        name="Ahmed Hassan",
        emails=("ahmed@example.org",),
        url="https://www.linkedin.com/in/ahmedhassan",
    )


def test_the_header_is_found_however_many_notes_come_first() -> None:
    header = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    bare = header + b"\nDana,Okafor,,,Ledgerly,PM,04 Nov 2026\n"
    notes = b"Notes:\nOne line\nAnother line\n\n" + bare
    assert read_linkedin(bare) == read_linkedin(notes)
    assert read_linkedin(notes)[0] == Person("Dana Okafor", company="Ledgerly", role="PM")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Name,Phone\nDana,123\n", "not_linkedin"),
        (b"", "not_linkedin"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_a_csv_that_is_not_linkedins_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile) as refused:
        read_linkedin(data)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02BEGIN:VCARD\x00\xff", "binary"),
        (b"hello, this is a letter", "not_vcard"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Dana\nthis is no property\nEND:VCARD\n", "bad_vcard"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Dana\n", "bad_vcard"),
    ],
)
def test_a_vcf_that_does_not_parse_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile) as refused:
        read_vcards(data)
    assert refused.value.reason == reason


def test_a_shared_contact_takes_telegrams_name_and_number_and_its_cards_details() -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:M. Patel\nTEL:+49 30 111\nORG:Globex\nEND:VCARD"
    assert shared_contact("Mira", "Patel", "+49 89 7654321", card) == Person(
        "Mira Patel", company="Globex", phones=("+49 89 7654321", "+49 30 111")
    )
    assert shared_contact("Mira", None, "+4989", None) == Person("Mira", phones=("+4989",))
    assert shared_contact("Mira", "", "+4989", "BEGIN:VCARD\nbroken") == Person(
        "Mira", phones=("+4989",)
    )
    assert shared_contact(" ", None, "+4989", None) is None


def test_duplicates_by_name_email_or_phone_are_merged_not_doubled() -> None:
    existing = [
        Known(1, "dana  OKAFOR"),  # the same name, folded
        Known(2, "J. Müller", email="Juergen.Mueller@example.de"),  # by e-mail
        Known(3, "Renée", phone="01 42 68 53 00"),  # by phone, national format
        Known(4, "Priya Raman", company="Northwind", role="Data lead"),
    ]
    plan = plan_import(existing, read_vcards(PHONE), KEYS)
    assert [new.name for new in plan.add] == ["Acme Catering"]
    assert plan.fill == {
        1: {
            "company": "Ledgerly",
            "role": "Senior Product Manager",
            "email": "dana.okafor@ledgerly.example",
            "phone": "+1 (415) 555-0142",
            "url": "https://www.linkedin.com/in/danaokafor",
        },
        2: {"company": "Grünwald Energie GmbH", "role": "Einkaufsleiter", "phone": "0171/2345678"},
        # What the user typed (company, role) is never overwritten.
        4: {"email": "priya@northwind.example", "phone": "+44-20-7946-0958"},
    }
    assert plan.skipped == {"unchanged": 1, "no_name": 1, "repeated": 1}


def test_a_file_read_into_an_empty_notebook_adds_each_person_once() -> None:
    plan = plan_import([], read_vcards(PHONE), KEYS)
    assert [new.name for new in plan.add] == [
        "Dana Okafor",
        "Jürgen Müller",
        "Renée François",
        "Priya Raman",
        "Acme Catering",
    ]
    assert plan.skipped == {"no_name": 1, "repeated": 1}
    assert plan.add[0].phone == "+1 (415) 555-0142"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        st.lists(st.sampled_from(VCARD_LINES), max_size=12).map(
            lambda ls: "\r\n".join(ls).encode()
        ),
        st.text(max_size=300).map(str.encode),
    )
)
def test_any_file_is_read_or_refused_with_a_reason(data: bytes) -> None:
    """Whatever a person sends, the readers answer with people or an UnreadableFile."""
    for read in (read_vcards, read_linkedin):
        try:
            people = read(data, None)
        except UnreadableFile as refused:
            assert refused.reason
        else:
            assert all(person is None or person.name.strip() for person in people)
