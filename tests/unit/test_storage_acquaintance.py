"""How the user knows a contact and what a meeting is for, stored and read back per owner."""

from __future__ import annotations

from bot.storage.contacts import Acquaintance, create_contact, get_contact, update_contact
from bot.storage.db import Database
from bot.storage.meetings import MeetingAbout, create_meeting, get_meeting

ALICE = 1001
BOB = 2002


async def test_how_you_know_someone_reads_back_and_can_be_corrected(db: Database) -> None:
    maria = await create_contact(db, ALICE, name="Maria Lopez")
    known = Acquaintance("introduced", None, "Maria Lopez", maria.id)
    ben = await create_contact(db, ALICE, name="Ben Carter", stage="seed", known=known)
    assert (ben.relationship, ben.last_talked, ben.introducer, ben.introducer_id) == (
        "introduced",
        None,
        "Maria Lopez",
        maria.id,
    )
    fixed = await update_contact(db, ALICE, ben.id, known=Acquaintance("met_once", "recent"))
    assert fixed is not None
    assert (fixed.relationship, fixed.last_talked, fixed.introducer) == ("met_once", "recent", None)
    # Someone else's contact is neither read nor changed.
    assert await update_contact(db, BOB, ben.id, known=Acquaintance("friend")) is None
    again = await get_contact(db, ALICE, ben.id)
    assert again is not None and again.relationship == "met_once"


async def test_a_contact_nobody_asked_about_knows_nothing(db: Database) -> None:
    sam = await create_contact(db, ALICE, name="Sam")
    assert (sam.relationship, sam.last_talked, sam.introducer, sam.introducer_id) == (
        None,
        None,
        None,
        None,
    )


async def test_where_and_what_for_read_back_with_the_meeting(db: Database) -> None:
    tom = await create_contact(db, ALICE, name="Tom Berg")
    about = MeetingAbout("coffee", None, None, "Victor Hale", "runs the platform team", "introduce")
    meeting = await create_meeting(
        db, ALICE, contact_id=tom.id, goal="intro", scheduled_at=None, about=about
    )
    assert meeting.about == about
    assert (await get_meeting(db, ALICE, meeting.id)) == meeting
    assert await get_meeting(db, BOB, meeting.id) is None
    plain = await create_meeting(db, ALICE, contact_id=tom.id, goal="learn", scheduled_at=None)
    assert plain.about == MeetingAbout()
