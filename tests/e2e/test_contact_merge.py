"""Merging two contacts who are one person, from the card, typed as people type."""

from __future__ import annotations

import pytest

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups, meetings
from bot.storage.contacts import Contact
from tests.e2e.helpers import (
    Clock,
    add_note,
    debrief_everything,
    next_new,
    open_card,
    prep,
    press,
    press_in_place,
    say,
)
from tests.stored_notes import all_notes

MERGE = "🔀 Merge with…"


async def everyone(bot: CommonGroundApplication, user: SandboxUser) -> list[Contact]:
    found, _ = await contacts.list_contacts(bot.services.db, user.id, limit=50)
    return sorted(found, key=lambda c: c.id)


async def ruth_twice(user: SandboxUser, bot: CommonGroundApplication, clock: Clock) -> None:
    """Ruth Adler prepped, then a debrief typed "Ruth" and said she was someone new: the
    duplicate the issue found three of five people making."""
    await prep(user, "Ruth Adler", "Quarry Robotics", "CTO")
    clock.advance(days=2)
    await say(user, "/debrief")
    await press(user, "Someone else")
    offer = await say(user, "Ruth")
    goal = await press(user, "Someone new called “Ruth”")
    assert "What was the meeting with Ruth about?" in goal.text, offer.text
    await press(user, "Learn about their field")
    summary = await debrief_everything(user)
    assert "Debrief saved: Ruth" in summary
    assert [c.name for c in await everyone(bot, user)] == ["Ruth Adler", "Ruth"]


async def test_a_duplicate_from_a_debrief_merges_into_the_prepped_contact(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await ruth_twice(user, bot, clock)
    db = bot.services.db
    ruth_adler, ruth = await everyone(bot, user)
    noted = await all_notes(db, user.id, ruth.id)

    card = await open_card(user, "ruth adler")
    assert "Moving from research into product" not in card.text
    menu = await press_in_place(user, "✏️ Edit")
    assert MERGE in menu.labels
    who = await press(user, MERGE)
    assert "Who else is Ruth Adler in your contacts?" in who.text
    assert who.labels == ["Ruth", "Cancel"]  # the same first name is offered

    confirm = await press(user, "Ruth")
    assert (
        "Keep Ruth Adler · Quarry Robotics and move 1 meeting, 3 notes, 1 promise and "
        "1 follow-up from “Ruth”?" in confirm.text
    )
    assert confirm.labels == ["Merge", "Cancel", "Keep “Ruth” instead"]
    merge_data = await user.press("Merge")
    merged = await next_new(user)
    assert merged.text.startswith("✅ Merged: everything about “Ruth” is on this card now.")
    assert "👤 Ruth Adler" in merged.text and "CTO at Quarry Robotics" in merged.text
    assert "Moving from research into product" in merged.text
    assert "Send the <b>pricing</b> article" in merged.text
    assert merged.text.count("Learn about their field") == 2  # both meetings

    # One contact, holding every note once.
    assert [c.id for c in await everyone(bot, user)] == [ruth_adler.id]
    after = await all_notes(db, user.id, ruth_adler.id)
    assert sorted(n.id for n in after) == sorted(n.id for n in noted)
    assert len(await meetings.meetings_for_contact(db, user.id, ruth_adler.id)) == 2
    [pending] = [
        f
        for f in await followups.open_for_contact(db, user.id, ruth_adler.id)
        if f.kind != "debrief"
    ]
    assert pending.contact_id == ruth_adler.id

    # /search finds what was noted about "Ruth" under Ruth Adler, once each.
    found = await say(user, "/search climbing")
    assert "Ruth Adler" in found.text and "runs a climbing club" in found.text
    assert found.text.count("climbing club") == 1
    assert found.labels[0].startswith("Ruth Adler")

    # The confirmation pressed again (a second tap, another device): one of them is gone.
    await user.press_data(confirm.message_id, merge_data)
    await user.expect_silence()
    assert user.callback_answers[-1] == (
        "That contact isn't there any more — merged or deleted already. Nothing changed."
    )
    assert [c.id for c in await everyone(bot, user)] == [ruth_adler.id]


@pytest.mark.parametrize("typed", ["ruth", "RUTH", "Ruth from quarry"])
async def test_the_other_can_be_typed(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock, typed: str
) -> None:
    db = bot.services.db
    ruth = await contacts.create_contact(db, user.id, name="Ruth", company="Quarry")
    adler = await contacts.create_contact(db, user.id, name="Ruth Adler")
    await add_note(db, user.id, ruth.id, "learned", "Builds climbing robots")
    await open_card(user, "ruth adler")
    await press_in_place(user, "✏️ Edit")
    await press(user, MERGE)
    confirm = await say(user, typed)
    assert "Keep Ruth Adler and move 1 note from “Ruth”?" in confirm.text
    # The other one can be the one kept instead.
    swapped = await press(user, "Keep “Ruth” instead")
    assert "Keep Ruth · Quarry and delete “Ruth Adler”, who has nothing noted?" in swapped.text
    card = await press(user, "Merge")
    assert "👤 Ruth\n" in card.text and "Builds climbing robots" in card.text
    assert [c.id for c in await everyone(bot, user)] == [ruth.id]
    assert await contacts.get_contact(db, user.id, adler.id) is None


async def test_a_name_nobody_else_has_is_asked_again_and_cancel_changes_nothing(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    ruth = await contacts.create_contact(db, user.id, name="Ruth", company="Quarry")
    adler = await contacts.create_contact(db, user.id, name="Ruth Adler")
    await add_note(db, user.id, ruth.id, "learned", "Builds climbing robots")
    await open_card(user, "ruth adler")
    await press_in_place(user, "✏️ Edit")
    await press(user, MERGE)
    again = await say(user, "Xavier Quinn")
    assert "couldn't find anyone else called “Xavier Quinn”" in again.text
    itself = await say(user, "ruth adler")  # the card's own name is not someone else
    assert "couldn't find anyone else called “ruth adler”" in itself.text
    done = await press(user, "Cancel")
    assert "Nothing merged" in done.text
    assert [c.id for c in await everyone(bot, user)] == [ruth.id, adler.id]
    assert len(await all_notes(db, user.id, ruth.id)) == 1
    # Typing now is no answer to a merge question any more.
    pointer = await say(user, "Ruth")
    assert "Keep" not in pointer.text
    assert [c.id for c in await everyone(bot, user)] == [ruth.id, adler.id]


async def test_forged_merge_buttons_change_nothing(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    secret = await contacts.create_contact(db, other_user.id, name="Ruth", company="Secret Co")
    await add_note(db, other_user.id, secret.id, "learned", "secret plans")
    mine = await contacts.create_contact(db, user.id, name="Ruth Adler")
    card = await open_card(user, "ruth")
    for data in (
        f"contact:merged:{mine.id}:{secret.id}",
        f"contact:merged:{secret.id}:{mine.id}",
        f"contact:merging:{mine.id}:{secret.id}",
        f"contact:merged:{mine.id}:{mine.id}",
    ):
        await user.press_data(card.message_id, data)
        await user.expect_silence()
        assert user.callback_answers[-1].startswith("That contact isn't there any more"), data
    for data in (f"contact:merge:{secret.id}", f"contact:mergeno:{secret.id}"):
        await user.press_data(card.message_id, data)
        await user.expect_silence()
        assert user.callback_answers[-1] == "That contact isn't available.", data
    assert await contacts.get_contact(db, other_user.id, secret.id) == secret
    assert len(await all_notes(db, other_user.id, secret.id)) == 1
    assert await contacts.get_contact(db, user.id, mine.id) == mine
    assert all("Secret" not in m.text and "secret" not in m.text for m in user.messages)
    assert card.labels == ["📝 Add a note", "✏️ Edit", "⏰ Stay in touch", "🗄 Archive"]
