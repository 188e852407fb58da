"""/contacts, /contact NAME and the profile card, through the sandbox."""

from __future__ import annotations

from datetime import timedelta

from bot.ptb.application import CommonGroundApplication
from bot.reminders.sweep import deliver_due
from bot.sandbox.telegram_html import parse_html, utf16_length
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups, interactions, meetings, notes
from bot.storage.contacts import Contact
from tests.e2e.helpers import (
    Clock,
    add_note,
    answered_nothing,
    debrief_everything,
    next_new,
    open_card,
    prep_new_contact,
    press,
    press_in_place,
    say,
    skip_to_when,
)


async def add_contacts(
    bot: CommonGroundApplication, clock: Clock, owner: int, names: list[str]
) -> list[Contact]:
    made = []
    for name in names:
        made.append(await contacts.create_contact(bot.services.db, owner, name=name))
        clock.advance(minutes=1)
    return made


# -- /contacts -----------------------------------------------------------------------------------


async def test_contacts_pages_through_everyone_most_recent_first(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    people = await add_contacts(bot, clock, user.id, [f"Person {n:02d}" for n in range(11)])
    db = bot.services.db
    await contacts.update_contact(db, user.id, people[3].id, stage="feed")
    await interactions.record_interaction(
        db, user.id, people[3].id, "meeting", clock.now - timedelta(days=3)
    )
    first = await say(user, "/contacts")
    assert "Your contacts (11) · page 1 of 2" in first.text
    # Created most recently first; an old interaction does not move Person 03 up.
    assert first.labels[:8] == [
        *(f"Person {n:02d} · Seed · not met yet" for n in range(10, 3, -1)),
        "Person 03 · Feed · 3d ago",
    ]
    assert len(first.labels) == 9 and first.labels[-1] == "Next »"

    second = await press_in_place(user, "Next »")
    assert second.edited and second.message_id == first.message_id
    assert "page 2 of 2" in second.text
    assert second.labels == [
        "Person 02 · Seed · not met yet",
        "Person 01 · Seed · not met yet",
        "Person 00 · Seed · not met yet",
        "« Prev",
    ]
    back = await press_in_place(user, "« Prev")
    assert back.labels == first.labels

    card = await press(user, "Person 04")
    assert "👤 Person 04" in card.text


async def test_no_contacts_yet(user: SandboxUser) -> None:
    reply = await say(user, "/contacts")
    assert "no contacts yet" in reply.text and reply.buttons == []
    reply = await say(user, "/contact")
    assert "no contacts yet" in reply.text


# -- /contact NAME ------------------------------------------------------------------------------


async def test_contact_finds_one_by_a_loose_spelling(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await add_contacts(bot, clock, user.id, ["Zoë Müller", "Mira Patel", "Miranda Jones"])
    for typed in ("zoe", "ZOË MÜLLER", "Zoe Muler", "müll"):
        card = await open_card(user, typed)
        assert "👤 Zoë Müller" in card.text, typed
        assert card.labels == ["📝 Add a note", "✏️ Edit", "⏰ Stay in touch", "🗄 Archive"]


async def test_contact_with_several_matches_offers_a_choice(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await add_contacts(bot, clock, user.id, ["Mira Patel", "Miranda Jones", "Sam"])
    choice = await open_card(user, "mir")
    assert "2 contacts match “mir”" in choice.text
    assert choice.labels == ["Mira Patel · Seed", "Miranda Jones · Seed"]
    card = await press(user, "Miranda Jones")
    assert "👤 Miranda Jones" in card.text
    # An exact name wins over longer names that contain it.
    card = await open_card(user, "mira patel")
    assert "👤 Mira Patel" in card.text


async def test_contact_with_many_matches_shows_the_closest(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await add_contacts(bot, clock, user.id, [f"Alex {n:02d}" for n in range(12)] + ["Alex"])
    choice = await open_card(user, "alex")
    assert "👤 Alex\n" in choice.text  # the exact name wins
    choice = await open_card(user, "ale")
    assert "Many contacts match “ale”" in choice.text and "closest 8" in choice.text
    assert choice.labels[0] == "Alex · Seed" and len(choice.labels) == 8


async def test_contact_with_no_match_points_to_the_list(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await add_contacts(bot, clock, user.id, ["Mira Patel"])
    reply = await open_card(user, "<b>Nobody</b>")
    assert "couldn't find anyone called “<b>Nobody</b>”" in reply.text
    assert "/contacts" in reply.text
    listing = await say(user, "/contact")
    assert "Your contacts (1)" in listing.text


# -- the card ------------------------------------------------------------------------------------


async def test_card_shows_everything_stored_and_html_literally(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    bob = await contacts.create_contact(
        db, user.id, name="<b>Bob & Co</b>", company="<i>Acme</i>", role="CTO"
    )
    await contacts.update_contact(db, user.id, bob.id, how_met="Intro from <Ann>", stage="feed")
    await add_note(db, user.id, bob.id, "learned", "They are hiring <script> engineers")
    await add_note(db, user.id, bob.id, "what_they_value", "Honesty & speed")
    await add_note(db, user.id, bob.id, "common_ground", "Both grew up in Lyon")
    await add_note(db, user.id, bob.id, "my_promises", "Send the deck")
    await add_note(db, user.id, bob.id, "their_promises", "Intro to their CFO")
    await add_note(db, user.id, bob.id, "my_promises", "Old kept promise", done=True)
    await followups.create_followup(
        db,
        user.id,
        contact_id=bob.id,
        kind="followup",
        due_at=clock.now + timedelta(days=3, hours=14),  # Wed 25 Nov 23:00 UTC
        reason="Ask how the hiring went",
    )
    await meetings.create_meeting(
        db, user.id, contact_id=bob.id, goal="learn", scheduled_at=clock.now - timedelta(days=2)
    )
    await meetings.create_meeting(db, user.id, contact_id=bob.id, goal="intro", scheduled_at=None)

    card = await open_card(user, "bob")
    text = card.text
    assert text.startswith("👤 <b>Bob & Co</b>\nCTO at <i>Acme</i>")
    assert "Stage: Feed · getting to know each other" in text
    assert "Stay in touch: every month (stage default)" in text
    assert "Last in touch: Fri 20 Nov 2026 (2 days ago)" in text
    assert "How you met: Intro from <Ann>" in text
    assert "What you learned\n• They are hiring <script> engineers" in text
    assert "What they value\n• Honesty & speed" in text
    assert "Common ground\n• Both grew up in Lyon" in text
    assert "Yours\n• Send the deck" in text
    assert "Theirs\n• Intro to their CFO" in text
    assert "Old kept promise" not in text
    # Due Wed 23:00 UTC is Thursday in Berlin, the user's zone.
    assert "Thu 26 Nov — Follow up: Ask how the hiring went" in text
    assert "20 Nov 2026 — Learn about their field" in text
    assert "no date — Get an introduction" in text
    assert text.index("no date") < text.index("20 Nov 2026 — Learn")  # newest first
    # Names are bold, user text is never markup.
    assert "<b>Bob & Co</b>" not in card.html
    assert "<script>" not in card.html


async def test_a_long_card_arrives_in_valid_parts(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    [mira] = await add_contacts(bot, clock, user.id, ["Mira Patel"])
    slots = ["learned", "what_they_value", "common_ground", "their_goals", "interests"]
    slots += ["current_work", "current_challenge", "origin_story", "advice", "surprises"]
    bodies = []
    for n, slot in enumerate(slots * 2):
        body = f"Note {n:02d} <&> " + " ".join(["longword"] * 70) + f" end{n:02d} 😀"
        bodies.append(body)
        await add_note(db, user.id, mira.id, slot, body)
        clock.advance(minutes=1)
    messages = [await open_card(user, "mira")]
    while not messages[-1].buttons:
        messages.append(await user.next_event())
    await user.expect_silence()
    assert len(messages) >= 3
    assert "👤 Mira Patel" in messages[0].text
    for message in messages:
        assert 0 < utf16_length(message.text) <= 4096
        parse_html(message.html)
    assert all(m.buttons == [] for m in messages[:-1])
    assert messages[-1].labels == ["📝 Add a note", "✏️ Edit", "⏰ Stay in touch", "🗄 Archive"]
    everything = "\n".join(m.text for m in messages)
    for body in bodies:
        assert body in everything


# -- editing -------------------------------------------------------------------------------------


async def test_editing_name_company_role_and_stage(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    mira = await contacts.create_contact(db, user.id, name="Mira", company="Globex", role="CTO")
    card = await open_card(user, "mira")
    menu = await press_in_place(user, "✏️ Edit")
    assert menu.message_id == card.message_id
    assert menu.labels == [
        "Name",
        "Company",
        "Role",
        "How you know them",
        "Stage",
        "🔀 Merge with…",
        "« Back",
    ]

    question = await press(user, "Company")
    assert "What is Mira's company? I have “Globex”." in question.text
    assert "is now" not in question.text
    assert question.labels == ["Clear it"]
    card = await say(user, "  Initech   Labs ")
    assert "✅ Company saved." in card.text and "CTO at Initech Labs" in card.text

    await press_in_place(user, "✏️ Edit")
    question = await press(user, "Name")
    # Nothing typed yet: the question asks, it doesn't claim a new name.
    assert question.text == "What should Mira be called? Type the new name."
    too_long = await say(user, "x" * 101)
    assert "1 to 100 characters" in too_long.text
    card = await say(user, "<i>Mira</i> Patel")
    assert card.text.startswith("✅ Name saved.\n\n👤 <i>Mira</i> Patel")

    await press_in_place(user, "✏️ Edit")
    await press(user, "Role")
    card = await press(user, "Clear it")
    assert "✅ Role cleared." in card.text and "\nInitech Labs\n" in card.text

    await press_in_place(user, "✏️ Edit")
    stages = await press_in_place(user, "Stage")
    assert stages.labels[0] == "✓ Seed · just met" and stages.labels[-1] == "« Back"
    card = await press(user, "Trusted · you can ask")
    assert "✅ Stage: Trusted · you can ask." in card.text
    assert "Stage: Trusted" in card.text and "every 2 months (stage default)" in card.text
    assert user.messages[-2].buttons == []  # the old card's keyboard is retired

    stored = await contacts.get_contact(db, user.id, mira.id)
    assert stored is not None
    assert (stored.name, stored.company, stored.role, stored.stage) == (
        "<i>Mira</i> Patel",
        "Initech Labs",
        None,
        "trusted",
    )
    # Back out of a menu without changing anything.
    await press_in_place(user, "✏️ Edit")
    menu = await press_in_place(user, "« Back")
    assert menu.labels == ["📝 Add a note", "✏️ Edit", "⏰ Stay in touch", "🗄 Archive"]


async def test_stay_in_touch_cadence(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    [mira] = await add_contacts(bot, clock, user.id, ["Mira"])
    await open_card(user, "mira")
    choices = await press_in_place(user, "⏰ Stay in touch")
    assert choices.labels == [
        "Every 2 weeks",
        "Every month",
        "Every 2 months",
        "Every 3 months",
        "✓ Stage default (every 2 weeks)",
        "« Back",
    ]
    card = await press(user, "Every month")
    assert "I'll remind you to get in touch every month." in card.text
    assert "Stay in touch: every month\n" in card.text
    stored = await contacts.get_contact(bot.services.db, user.id, mira.id)
    assert stored is not None and stored.cadence_days == 30
    await press_in_place(user, "⏰ Stay in touch")
    card = await press(user, "Stage default")
    assert "every 2 weeks (stage default)" in card.text
    stored = await contacts.get_contact(bot.services.db, user.id, mira.id)
    assert stored is not None and stored.cadence_days is None


async def test_archive_hides_a_contact_from_lists_and_prep_until_restored(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await add_contacts(bot, clock, user.id, ["Sam", "Mira Patel"])
    await open_card(user, "mira")
    confirm = await press_in_place(user, "🗄 Archive")
    assert confirm.labels == ["Yes, archive", "No, keep"]
    done = await press(user, "Yes, archive")
    assert "Mira Patel is archived" in done.text and done.labels == ["↩️ Restore"]

    listing = await say(user, "/contacts")
    assert "(1)" in listing.text and [label.split(" · ")[0] for label in listing.labels] == ["Sam"]
    who = await say(user, "/prep")
    assert who.labels == ["Sam"]
    await say(user, "/cancel")

    # Still findable by name, marked archived, and restorable.
    card = await open_card(user, "mira patel")
    assert "Archived" in card.text and "↩️ Restore" in card.labels
    card = await press(user, "↩️ Restore")
    assert "Restored" in card.text and "🗄 Archive" in card.labels
    listing = await say(user, "/contacts")
    assert "(2)" in listing.text


# -- promises ------------------------------------------------------------------------------------

CARD_KEYS = ["📝 Add a note", "✏️ Edit", "⏰ Stay in touch", "🗄 Archive"]
# With meetings on the card, a button to change or delete them.
MET_KEYS = ["📝 Add a note", "✏️ Edit", "⏰ Stay in touch", "📅 Meetings", "🗄 Archive"]
KEPT_DECK = "✓ Send the <b>pricing</b> article"


async def test_a_kept_promise_leaves_the_card_and_the_next_brief(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await prep_new_contact(user, "Mira Patel", when="today 11:00")
    clock.advance(hours=3)
    await say(user, "/debrief")
    first = await press(user, "Mira Patel · 22 Nov")
    assert "Let's debrief your meeting with Mira Patel" in first.text
    await debrief_everything(user)  # promises "Send the <b>pricing</b> article"

    first_card = await press(user, "Open contact card")
    assert "Open promises\nYours\n• Send the <b>pricing</b> article" in first_card.text
    assert ": You said you'd send the <b>pricing</b> article." in first_card.text  # follow-up
    assert first_card.labels == [KEPT_DECK, *MET_KEYS]

    card = await open_card(user, "mira")  # the same card again, its buttons live
    assert card.labels == first_card.labels
    updated = await press(user, KEPT_DECK)
    assert user.callback_answers[-1] == "🤝 Marked as kept."
    assert updated.text.startswith("✅ Promise kept: Send the <b>pricing</b> article\n\n👤")
    assert "Open promises" not in updated.text
    assert "You said you'd" not in updated.text  # nor does the follow-up quote it
    assert updated.labels == MET_KEYS
    assert user.messages[-2].buttons == []  # the pressed card's keyboard is retired

    # The first card still has the button: pressing it again only says so.
    await user.press(first_card, KEPT_DECK)
    await user.expect_silence()
    assert user.callback_answers[-1] == "That promise is no longer open."
    assert user.last.message_id == updated.message_id

    # The follow-up still comes, without chasing the kept promise.
    clock.advance(days=8)
    assert await deliver_due(bot) == 1
    reminder = await next_new(user)
    assert "Follow up with Mira Patel" in reminder.text
    assert "You wanted to follow up after you met." in reminder.text
    assert "pricing" not in reminder.text

    # Nor is it owed any more in the next brief.
    await say(user, "/prep")
    await press(user, "Mira Patel · Globex")
    await skip_to_when(user, await press(user, "Get advice"))
    brief = (await press(user, "Tomorrow")).text
    assert "Brief: Mira Patel" in brief
    assert "Still owed" not in brief and "You promised" not in brief
    again = await open_card(user, "mira")
    assert "Open promises" not in again.text and again.labels == MET_KEYS


async def test_each_open_promise_gets_a_button_up_to_six(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    [mira] = await add_contacts(bot, clock, user.id, ["Mira"])
    long = "Introduce her to   everyone\nat the <i>climbing</i> club who works in product design"
    await add_note(db, user.id, mira.id, "their_promises", "Intro to their CFO")
    clock.advance(minutes=1)
    await add_note(db, user.id, mira.id, "my_promises", long)
    for n in range(6):
        clock.advance(minutes=1)
        await add_note(db, user.id, mira.id, "my_promises", f"Promise {n}")
    card = await open_card(user, "mira")
    assert "• Promise 5" in card.text and "Theirs\n• Intro to their CFO" in card.text
    assert "The first 6 have one; each you tick makes room for the next." in card.text
    # Yours first, then theirs, as listed; the seventh and eighth wait their turn.
    assert card.labels[1:] == [*(f"✓ Promise {n}" for n in range(5)), *CARD_KEYS]
    # Long ones are shortened to fit a button, on one line.
    assert card.labels[0].startswith("✓ Introduce her to everyone at the <i>climbing")
    assert card.labels[0].endswith("…") and len(card.labels[0]) == 48

    card = await press(user, "✓ Introduce her")
    assert "✅ Promise kept: Introduce her to everyone at the <i>climbing</i> club" in card.text
    assert card.labels[5:] == ["✓ Promise 5", *CARD_KEYS]
    assert "The first 6 have one" in card.text  # seven open, six buttons
    card = await press(user, "✓ Promise 0")
    assert "Kept one? Tap its ✓ below." in card.text and "The first 6" not in card.text
    for n in range(1, 6):
        card = await press(user, f"✓ Promise {n}")
    assert card.labels == ["✓ They: Intro to their CFO", *CARD_KEYS]
    card = await press(user, "✓ They: Intro to their CFO")
    assert "✅ Promise kept: Intro to their CFO" in card.text
    assert "Open promises" not in card.text and card.labels == CARD_KEYS
    assert await notes.open_promises(db, user.id, mira.id) == []

    # Back from a menu: the card's keyboard as it is now, kept promises gone.
    await add_note(db, user.id, mira.id, "my_promises", "Send the deck")
    await press_in_place(user, "✏️ Edit")
    menu = await press_in_place(user, "« Back")
    assert menu.labels == ["✓ Send the deck", *CARD_KEYS]


# -- buttons are safe ------------------------------------------------------------------------------


async def test_forged_and_malformed_buttons_reveal_and_change_nothing(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    secret = await contacts.create_contact(db, other_user.id, name="Secret Person", company="X")
    await add_note(db, other_user.id, secret.id, "learned", "secret plans")
    await add_note(db, other_user.id, secret.id, "my_promises", "secret promise")
    [their_promise] = await notes.open_promises(db, other_user.id, secret.id)
    [mine] = await add_contacts(bot, clock, user.id, ["Mira"])
    card = await open_card(user, "mira")
    forged = [
        f"contact:kept:{secret.id}:{their_promise.id}",
        f"contact:open:{secret.id}",
        f"contact:edit:{secret.id}",
        f"contact:stages:{secret.id}",
        f"contact:stage:{secret.id}:rest",
        f"contact:cadence:{secret.id}:14",
        f"contact:archive:{secret.id}",
        f"contact:archive:{secret.id}:yes",
        f"contact:restore:{secret.id}",
        f"contact:edit:name:{secret.id}",
        "contact:open:99999999",
    ]
    for data in forged:
        await user.press_data(card.message_id, data)
        await answered_nothing(user)
        assert user.callback_answers[-1] == "That contact isn't available.", data
    malformed = [
        "contact:open:abc",
        "contact:open:" + "9" * 40,
        "contacts:page:-1",
        "contact:stage:1:" + "x" * 40,
        f"contact:cadence:{mine.id}:7",
        f"contact:stage:{mine.id}:boss",
        "contact:",
        "contacts:",
        f"contact:kept:{mine.id}",
        f"contact:kept:{mine.id}:x",
        f"contact:kept:{mine.id}:" + "9" * 19,
    ]
    for data in malformed:
        await user.press_data(card.message_id, data)
        await answered_nothing(user)
        assert user.callback_answers[-1] == "That button is no longer active.", data
    # Her promise, named with a contact of mine: no promise of mine is open by that id.
    for data in (f"contact:kept:{mine.id}:{their_promise.id}", f"contact:kept:{mine.id}:0"):
        await user.press_data(card.message_id, data)
        await answered_nothing(user)
        assert user.callback_answers[-1] == "That promise is no longer open.", data
    assert await notes.open_promises(db, other_user.id, secret.id) == [their_promise]
    assert all("Secret" not in m.text and "secret" not in m.text for m in user.messages)
    after = await contacts.get_contact(db, other_user.id, secret.id)
    assert after == secret
    unchanged = await contacts.get_contact(db, user.id, mine.id)
    assert unchanged == mine


async def test_card_buttons_work_in_the_middle_of_prep_without_ending_it(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await add_contacts(bot, clock, user.id, ["Mira Patel"])
    await open_card(user, "mira")
    await say(user, "/prep")
    company = await say(user, "Sam New")
    assert "Where does Sam New work?" in company.text
    listing = await say(user, "/contacts")
    assert "Your contacts (1)" in listing.text
    card = await press(user, "Mira Patel")
    assert "👤 Mira Patel" in card.text
    role = await say(user, "Globex")  # /prep carries on where it was
    assert "role at Globex" in role.text
    await user.expect_silence()
