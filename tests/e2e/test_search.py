"""/search through the sandbox: words, prefixes, any script, and only your own notes."""

from __future__ import annotations

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts
from bot.storage.contacts import Contact
from tests.e2e.helpers import Clock, add_note, prep_new_contact, press, say


async def mira_and_anna(bot: CommonGroundApplication, owner: int) -> tuple[Contact, Contact]:
    db = bot.services.db
    mira = await contacts.create_contact(db, owner, name="Mira Patel", company="Globex")
    anna = await contacts.create_contact(db, owner, name="Анна Смирнова", company="Яндекс")
    await add_note(
        db, mira.owner_id, mira.id, "interests", "Goes bouldering every Sunday & loves <jazz>"
    )
    await add_note(
        db, mira.owner_id, mira.id, "their_goals", "Wants to publish a paper on climate models"
    )
    await add_note(db, anna.owner_id, anna.id, "learned", "Увлекается скалолазанием, ищет команду")
    await add_note(db, anna.owner_id, anna.id, "common_ground", "We both love jazz piano")
    return mira, anna


async def test_search_finds_a_word_from_a_note_and_opens_the_card(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await mira_and_anna(bot, user.id)
    results = await say(user, "/search bouldering")
    assert "1 match for “bouldering”" in results.text
    assert "Mira Patel\n• Interests: Goes bouldering every Sunday & loves <jazz>" in results.text
    assert "<b>bouldering</b>" in results.html  # the matching word stands out
    assert "&lt;jazz&gt;" in results.html
    assert results.labels == ["Mira Patel"]
    card = await press(user, "Mira Patel")
    assert "👤 Mira Patel" in card.text and "Goes bouldering" in card.text


async def test_search_by_prefix_several_words_and_cyrillic(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await mira_and_anna(bot, user.id)
    prefix = await say(user, "/search climat")
    assert "Their goals: Wants to publish a paper on climate models" in prefix.text
    assert "<b>climate</b>" in prefix.html

    both = await say(user, "/search jazz")
    assert "2 matches" in both.text
    assert both.labels == ["Mira Patel", "Анна Смирнова"] or both.labels == [
        "Анна Смирнова",
        "Mira Patel",
    ]
    several = await say(user, "/search jazz piano")
    assert "1 match" in several.text and "Common ground: We both love jazz piano" in several.text
    assert several.labels == ["Анна Смирнова"]

    cyrillic = await say(user, "/search СКАЛО")
    assert "Анна Смирнова\n• What you learned: Увлекается скалолазанием" in cyrillic.text
    assert "<b>скалолазанием</b>" in cyrillic.html
    company = await say(user, "/search яндекс")
    assert "Profile: Анна Смирнова Яндекс" in company.text


async def test_search_alone_asks_and_takes_the_next_message(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await mira_and_anna(bot, user.id)
    question = await say(user, "/search")
    assert "What should I look for?" in question.text
    results = await say(user, "globex")
    assert "Mira Patel" in results.text and results.labels == ["Mira Patel"]
    pointer = await say(user, "globex")  # the search is over: ordinary text again
    assert "/prep" in pointer.text


async def test_no_result_and_query_syntax_are_answered_kindly(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await mira_and_anna(bot, user.id)
    nothing = await say(user, "/search submarine")
    assert "I found nothing for “submarine”" in nothing.text
    for text in ('"jazz', "jazz AND (", "NEAR(jazz piano)", "jazz*", "-jazz", "owner:u2002"):
        reply = await say(user, f"/search {text}")
        assert "went wrong" not in reply.text, text
    syntax = await say(user, '/search "jazz" (piano*) -')
    assert "Common ground: We both love jazz piano" in syntax.text
    # Operators are plain words to look for: nobody wrote "near".
    near = await say(user, "/search NEAR(jazz piano)")
    assert near.text.startswith("I found nothing")
    no_words = await say(user, "/search *** ()")
    assert "at least one word" in no_words.text


async def test_many_hits_are_capped_with_a_count_of_the_rest(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    people = [await contacts.create_contact(db, user.id, name=f"P{n}") for n in range(3)]
    for n in range(14):
        await add_note(
            db, people[n % 3].owner_id, people[n % 3].id, "learned", f"talked about kayaks ({n})"
        )
        clock.advance(minutes=1)
    results = await say(user, "/search kayak")
    assert "14 matches" in results.text
    assert results.text.count("• What you learned: talked about kayaks") == 10
    assert "+4 more" in results.text
    # One button per person shown, in the order they are shown.
    shown = [line for line in results.text.split("\n") if line in ("P0", "P1", "P2")]
    assert results.labels == shown and len(shown) >= 2


async def test_one_users_search_never_reaches_another_users_notes(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await mira_and_anna(bot, user.id)
    db = bot.services.db
    secret = await contacts.create_contact(db, other_user.id, name="Secret Person", company="X")
    await add_note(db, secret.owner_id, secret.id, "learned", "Secret bouldering jazz plans")
    mine = await say(user, "/search bouldering")
    assert "1 match" in mine.text and "Secret" not in mine.text
    assert (await say(user, "/search secret")).text.startswith("I found nothing")
    theirs = await say(other_user, "/search jazz")
    assert "1 match" in theirs.text and theirs.labels == ["Secret Person"]
    assert "Mira" not in theirs.text and "Анна" not in theirs.text
    # Grace cannot open Ada's contacts through a forged button either.
    mira = (await contacts.match_contacts(db, user.id, "mira"))[0]
    await other_user.press_data(theirs.message_id, f"contact:open:{mira.id}")
    await other_user.expect_silence()
    assert other_user.callback_answers[-1] == "That contact isn't available."


async def test_search_in_the_middle_of_prep_leaves_prep_going(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await mira_and_anna(bot, user.id)
    await say(user, "/prep")
    await say(user, "Sam New")
    results = await say(user, "/search jazz")
    assert "2 matches" in results.text
    role = await say(user, "Globex")
    assert "role at Globex" in role.text


async def test_a_greek_debrief_answer_is_found_typed_without_accents(
    user: SandboxUser, clock: Clock
) -> None:
    await prep_new_contact(user, "Νίκος Παπαδάκης", when="today 11:00")
    clock.advance(hours=3)
    await say(user, "/debrief")
    await press(user, "Νίκος Παπαδάκης · 22 Nov")  # the first question: what did you learn
    await say(user, "Διαβάζει τον Σίσυφο του Καμύ")

    results = await say(user, "/search σισυφο καμυ")
    assert "1 match for “σισυφο καμυ”" in results.text
    assert "Νίκος Παπαδάκης\n• What you learned: Διαβάζει τον Σίσυφο του Καμύ" in results.text
    assert "<b>Σίσυφο</b>" in results.html and "<b>Καμύ</b>" in results.html
    assert results.labels == ["Νίκος Παπαδάκης"]
    contact = await say(user, "/search ΝΙΚΟΣ")
    assert "Νίκος Παπαδάκης" in contact.text and contact.labels == ["Νίκος Παπαδάκης"]
