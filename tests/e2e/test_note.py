"""/note: news between meetings, kept without a fake debrief, and brought up by the next brief.

The panel's player had no way to record "she emailed me: she's hiring" except a /debrief,
which made a duplicate contact; typed as is, it got "I'm not sure what to do with that".
"""

from __future__ import annotations

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, notes
from bot.storage.contacts import Contact
from tests.e2e.helpers import (
    add_note,
    answered_nothing,
    open_card,
    press,
    say,
    skip_to_when,
)

SAVED = "Saved on"


async def contact(
    bot: CommonGroundApplication, owner: int, name: str, company: str | None = None
) -> Contact:
    return await contacts.create_contact(bot.services.db, owner, name=name, company=company)


async def news_of(bot: CommonGroundApplication, owner: int, person: Contact) -> list[str]:
    kept = await notes.latest_per_slot(bot.services.db, owner, person.id, per_slot=20)
    return [n.body for n in kept if n.slot == "recent_changes"]


async def test_a_note_comes_back_in_the_next_brief(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    dana = await contact(bot, user.id, "Dana Okafor", company="Ledgerly")
    saved = await say(user, "/note dana: She is training for the Berlin marathon in April")
    assert f"{SAVED} Dana Okafor" in saved.text and "next /prep" in saved.text
    assert await news_of(bot, user.id, dana) == ["She is training for the Berlin marathon in April"]

    await say(user, "/prep")
    await say(user, "Dana")
    await press(user, "Yes")
    await skip_to_when(user, await press(user, "Learn about their field"))
    brief = await say(user, "friday 10am")
    assert "Brief" in brief.text
    assert "training for the Berlin marathon in April" in brief.text


async def test_what_you_share_and_what_they_value_are_kept_as_such_not_as_news(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    meera = await contact(bot, user.id, "Meera Rao", company="Infrastructure Canada")
    await say(
        user,
        "/note Meera: we both did our first degree at McMaster and both have kids under 5. "
        "She likes plain language, she's tired of consultants who pad reports.",
    )
    kept = await notes.latest_per_slot(bot.services.db, user.id, meera.id, per_slot=5)
    assert {(n.slot, n.body) for n in kept} == {
        ("common_ground", "we both did our first degree at McMaster and both have kids under 5."),
        (
            "what_they_value",
            "She likes plain language, she's tired of consultants who pad reports.",
        ),
    }
    await say(user, "/prep")
    await say(user, "Meera")
    await press(user, "Yes")
    await skip_to_when(user, await press(user, "Learn about their field"))
    brief = (await say(user, "friday 10am")).text
    # A way to come across, not news to ask "how has it gone since?" about.
    assert "She likes plain language" in brief and "how has it gone" not in brief.casefold()


async def test_note_alone_asks_who_then_what(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    farah = await contact(bot, user.id, "Farah Siddiqui")
    asked = await say(user, "/note")
    assert "Who is the news about?" in asked.text
    # A start of the name, in any case.
    asked = await say(user, "FARA")
    assert "What's new with Farah Siddiqui?" in asked.text
    saved = await say(user, "hiring a junior analyst, starts in January")
    assert SAVED in saved.text
    assert await news_of(bot, user.id, farah) == ["hiring a junior analyst, starts in January"]


async def test_note_with_a_name_and_no_colon(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    farah = await contact(bot, user.id, "Farah Siddiqui")
    asked = await say(user, "/note Farah")
    assert "What's new with Farah Siddiqui?" in asked.text
    assert SAVED in (await say(user, "got the job")).text
    saved = await say(user, "/note farah siddiqui is moving to Leeds")
    assert f"{SAVED} Farah Siddiqui" in saved.text
    assert await news_of(bot, user.id, farah) == ["is moving to Leeds", "got the job"]


async def test_the_cards_button_adds_a_note(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    sam = await contact(bot, user.id, "Sam Lee")
    card = await open_card(user, "Sam")
    assert "📝 Add a note" in card.labels
    asked = await press(user, "📝 Add a note")
    assert "What's new with Sam Lee?" in asked.text
    saved = await say(user, "Moved to the Leeds office")
    assert SAVED in saved.text
    assert "Moved to the Leeds office" in (await open_card(user, "Sam")).text
    assert await news_of(bot, user.id, sam) == ["Moved to the Leeds office"]


async def test_nothing_is_no_note(user: SandboxUser, bot: CommonGroundApplication) -> None:
    sam = await contact(bot, user.id, "Sam Lee")
    said = await say(user, "/note Sam: nothing really")
    assert "Nothing saved" in said.text
    assert await news_of(bot, user.id, sam) == []


async def test_several_people_of_the_name_are_offered_to_pick(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await contact(bot, user.id, "Alex Kim", company="Acme")
    alex = await contact(bot, user.id, "Alex Stone", company="Globex")
    asked = await say(user, "/note Alex: got promoted to director")
    assert "Alex Kim · Acme" in asked.labels and "Alex Stone · Globex" in asked.labels
    saved = await press(user, "Alex Stone · Globex")
    assert f"{SAVED} Alex Stone" in saved.text
    assert await news_of(bot, user.id, alex) == ["got promoted to director"]


async def test_someone_unknown_is_offered_as_a_new_contact(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    asked = await say(user, "/note Zed Quinn: started at Initech")
    assert "don't have anyone called “Zed Quinn”" in asked.text
    assert await contacts.recent_contacts(bot.services.db, user.id) == []  # not before asked
    saved = await press(user, "Add “Zed Quinn”")
    assert f"{SAVED} Zed Quinn" in saved.text
    [zed] = await contacts.recent_contacts(bot.services.db, user.id)
    assert zed.name == "Zed Quinn"
    assert await news_of(bot, user.id, zed) == ["started at Initech"]


async def test_news_typed_as_is_is_offered_as_a_note(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    farah = await contact(bot, user.id, "Farah Siddiqui")
    for count, typed in enumerate(
        (
            "Update on Farah: she's hiring a junior analyst",
            "news from farah siddiqui - her team moved to Leeds",
            "Farah emailed me, she wants to catch up in January",
        )
    ):
        offered = await say(user, typed)
        assert "Save this as a note on Farah Siddiqui?" in offered.text, typed
        assert offered.labels == ["📝 Save", "No"]
        assert len(await news_of(bot, user.id, farah)) == count  # only when they say so
        assert SAVED in (await press(user, "📝 Save")).text
    assert await news_of(bot, user.id, farah) == [
        "Farah emailed me, she wants to catch up in January",
        "her team moved to Leeds",
        "she's hiring a junior analyst",
    ]
    offered = await say(user, "Farah got a dog")
    declined = await press(user, "No")
    assert "not saved" in declined.text
    assert len(await news_of(bot, user.id, farah)) == 3
    # The button of an offer answered already does nothing more.
    await user.press_data(offered.message_id, f"note:save:{farah.id}")
    await answered_nothing(user)
    assert len(await news_of(bot, user.id, farah)) == 3


async def test_news_said_after_how_you_heard_it_is_offered_as_a_note(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    nomvula = await contact(bot, user.id, "Nomvula Dlamini")
    offered = await say(user, "Just heard from Nomvula, she's moving to Cape Town in March")
    assert "Save this as a note on Nomvula Dlamini?" in offered.text
    assert SAVED in (await press(user, "📝 Save")).text
    assert await news_of(bot, user.id, nomvula) == ["she's moving to Cape Town in March"]
    said = await say(user, "Just heard from my cousin, she says hi")
    assert "I'm not sure what to do with that" in said.text
    assert len(await contacts.recent_contacts(bot.services.db, user.id)) == 1


async def test_text_about_nobody_gets_the_pointer_that_mentions_note(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await contact(bot, user.id, "Farah Siddiqui")
    for typed in ("what should I wear tomorrow?", "Far away: a song", "Fara is a town", "farah"):
        said = await say(user, typed)
        assert "I'm not sure what to do with that" in said.text, typed
        assert "/note" in said.text
    assert "/note" in (await say(user, "/help")).text


async def test_news_that_they_kept_a_promise_marks_it_kept(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    ana = await contact(bot, user.id, "Ana Costa")
    await add_note(db, user.id, ana.id, "their_promises", "an intro to Ines Silva")
    await add_note(db, user.id, ana.id, "my_promises", "send her the pricing article")
    saved = await say(user, "/note Ana: she sent me the intro to Ines yesterday")
    assert "Ana Costa did what they promised" in saved.text
    assert "saved as news" not in saved.text
    open_ = await notes.open_promises(db, user.id, ana.id)
    assert [n.body for n in open_] == ["send her the pricing article"]
    # Saying it was kept is no news to ask about.
    assert await news_of(bot, user.id, ana) == []
    saved = await say(user, "/note Ana: I sent the pricing article this morning")
    assert "you did what you promised" in saved.text
    assert await notes.open_promises(db, user.id, ana.id) == []


async def test_news_that_keeps_a_promise_is_kept_as_news_too(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """ "She emailed, the shadow shift is booked for 12 January": her promise is kept, and
    the booking is still news for the next brief, not lost."""
    db = bot.services.db
    ravi = await contact(bot, user.id, "Ravi Menon", company="Zeptolabs")
    await add_note(
        db, user.id, ravi.id, "their_promises", "he'll set up a shadow shift with Marcus"
    )
    typed = "Ravi emailed, the shadow shift with Marcus is booked for the ICU step-down unit"
    saved = await say(user, f"/note ravi: {typed}")
    assert "Ravi Menon did what they promised" in saved.text
    assert "saved as news" in saved.text
    assert await notes.open_promises(db, user.id, ravi.id) == []
    assert await news_of(bot, user.id, ravi) == [typed]

    await say(user, "/prep")
    await say(user, "Ravi")
    await press(user, "Yes")
    await skip_to_when(user, await press(user, "Learn about their field"))
    brief = (await say(user, "friday 10am")).text
    assert "ICU step-down unit" in brief


async def test_one_user_never_notes_on_anothers_contacts(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication
) -> None:
    secret = await contact(bot, other_user.id, "Secret Person")
    asked = await say(user, "/note Secret: moved to Mars")
    assert "don't have anyone called “Secret”" in asked.text
    assert "not saved" in (await press(user, "No")).text
    said = await say(user, "Secret Person is leaving")
    assert "I'm not sure what to do with that" in said.text
    mine = await contact(bot, user.id, "Mira Patel")
    card = await open_card(user, "Mira")
    for data in (f"note:save:{secret.id}", f"contact:note:{secret.id}"):
        await user.press_data(card.message_id, data)
        await answered_nothing(user)
    assert await news_of(bot, other_user.id, secret) == []
    assert await news_of(bot, user.id, mine) == []


async def test_a_note_of_what_they_did_keeps_their_promise_not_yours(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """Played: "He sent the med list" marked the user's own promise to review it as kept."""
    tomas = await contact(bot, user.id, "Tomás Herrera")
    db = bot.services.db
    await add_note(db, user.id, tomas.id, "my_promises", "review his mum's medication list")
    await add_note(
        db, user.id, tomas.id, "their_promises", "he'll send a photo of the medication list"
    )
    saved = await say(user, "/note Tomás: He sent the medication list today")
    assert "Tomás Herrera did what they promised" in " ".join(saved.text.split())
    [still_open] = await notes.open_promises(db, user.id, tomas.id)
    assert still_open.body == "review his mum's medication list"
