"""The contact card changes how you know someone and who introduced you, with a tap or in
words as /prep takes them; the stage follows."""

from __future__ import annotations

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts
from tests.e2e.helpers import open_card, press, press_in_place, say


async def test_how_you_know_them_typed_on_the_card(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    mira = await contacts.create_contact(db, user.id, name="Mira Patel", company="Globex")
    await open_card(user, "mira")
    await press_in_place(user, "✏️ Edit")
    question = await press(user, "How you know them")
    assert "How do you know Mira Patel?" in question.text
    assert "Former manager" in question.labels
    unread = await say(user, "hmm, long story")
    assert "I couldn't tell which of these “hmm, long story” is" in unread.text
    card = await say(user, "my old boss, haven't talked in years")
    assert "✅ How you know them saved. Stage: Dormant." in card.text
    assert "How you know them: former manager" in card.text
    changed = await contacts.get_contact(db, user.id, mira.id)
    assert changed is not None
    assert (changed.relationship, changed.last_talked, changed.stage) == (
        "former_manager",
        "years",
        "dormant",
    )


async def test_who_introduced_you_set_on_the_card(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    nina = await contacts.create_contact(db, user.id, name="Nina Park", company="Acme")
    ben = await contacts.create_contact(db, user.id, name="Ben Carter", company="Haulwise")
    await open_card(user, "ben")
    await press_in_place(user, "✏️ Edit")
    await press(user, "How you know them")
    who = await press(user, "Introduced by someone")
    assert "Who introduced you to Ben Carter?" in who.text
    card = await say(user, "nina")
    assert "How you know them: introduced by Nina Park" in card.text
    changed = await contacts.get_contact(db, user.id, ben.id)
    assert changed is not None
    assert (changed.relationship, changed.introducer, changed.introducer_id) == (
        "introduced",
        "Nina Park",
        nina.id,
    )

    # In one line, with a name nobody has: kept as typed.
    await open_card(user, "ben")
    await press_in_place(user, "✏️ Edit")
    await press(user, "How you know them")
    card = await say(user, "Maria Lopez put us in touch")
    assert "How you know them: introduced by Maria Lopez" in card.text
    changed = await contacts.get_contact(db, user.id, ben.id)
    assert changed is not None
    assert (changed.introducer, changed.introducer_id) == ("Maria Lopez", None)

    # A friend now: no introducer left on the card.
    await open_card(user, "ben")
    await press_in_place(user, "✏️ Edit")
    await press(user, "How you know them")
    card = await press(user, "Friend")
    assert "How you know them: friend" in card.text and "Maria" not in card.text
