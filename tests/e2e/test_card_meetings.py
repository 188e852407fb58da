"""A card's meetings: a new date typed as people type it, or deleted after a confirmation,
with the meeting's check-in moving or going with it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.ptb.application import CommonGroundApplication
from bot.reminders.sweep import deliver_due
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups, meetings
from tests.e2e.helpers import (
    Clock,
    add_note,
    next_new,
    open_card,
    prep_new_contact,
    press,
    press_in_place,
    say,
)
from tests.stored_notes import all_notes

MEETINGS = "📅 Meetings"


async def test_a_meeting_gets_a_typed_new_date_and_its_check_in_moves(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    await prep_new_contact(user, "Ruth Adler", when="today 10:00")  # Sun 22 Nov, Berlin
    clock.advance(hours=2)
    assert await deliver_due(bot) == 1  # "how did it go?"
    await next_new(user)
    [ruth] = await contacts.recent_contacts(db, user.id)

    card = await open_card(user, "ruth")
    assert card.labels == ["📝 Add a note", "✏️ Edit", "⏰ Stay in touch", MEETINGS, "🗄 Archive"]
    listed = await press_in_place(user, MEETINGS)
    assert listed.labels == ["Sun 22 Nov 2026, 10:00 · Learn about their field", "« Back"]
    meeting = await press(user, "Sun 22 Nov 2026, 10:00")
    assert "Ruth Adler: Sun 22 Nov 2026, 10:00 · Learn about their field" in meeting.text
    assert meeting.labels == ["📅 Change the date", "🗑 Delete"]
    question = await press(user, "📅 Change the date")
    assert "When is the meeting with Ruth Adler now?" in question.text

    unreadable = await say(user, "sometime soonish")
    assert "couldn't read “sometime soonish” as a date" in unreadable.text
    card = await say(user, "tuesday at 3")
    assert card.text.startswith("✅ Meeting moved to Tue 24 Nov 2026, 15:00.")
    assert "24 Nov 2026 — Learn about their field" in card.text
    [moved] = await meetings.meetings_for_contact(db, user.id, ruth.id)
    assert moved.scheduled_at == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)

    # The check-in waits for the new time, and comes again then.
    [check_in] = [f for f in await followups.open_for_contact(db, user.id, ruth.id)]
    assert check_in.kind == "debrief" and check_in.delivered_at is None
    assert check_in.due_at == datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    clock.advance(days=1)
    assert await deliver_due(bot) == 0
    clock.advance(days=1, hours=2)
    assert await deliver_due(bot) == 1
    assert "Ruth Adler" in (await next_new(user)).text


async def test_a_date_the_zone_cannot_order_offers_both_readings(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/start")
    await press(user, "Keep “Ada”")
    await press(user, "UTC")
    await prep_new_contact(user, "Sam Lee")
    await open_card(user, "sam")
    await press_in_place(user, MEETINGS)
    await press(user, "Mon 23 Nov 2026")
    await press(user, "📅 Change the date")
    which = await say(user, "3/4 at 10")
    assert "Which day is “3/4 at 10”?" in which.text
    assert which.labels == ["Thu 4 Mar, 10:00", "Sat 3 Apr, 10:00"]
    card = await press(user, "Sat 3 Apr, 10:00")
    assert card.text.startswith("✅ Meeting moved to Sat 3 Apr 2027, 10:00.")


async def test_a_new_date_whose_weekday_is_wrong_offers_both_days(user: SandboxUser) -> None:
    await prep_new_contact(user, "Sam Lee")
    await open_card(user, "sam")
    await press_in_place(user, MEETINGS)
    await press(user, "Mon 23 Nov 2026")
    await press(user, "📅 Change the date")
    which = await say(user, "friday 3 december at 10")  # a Thursday
    assert "3 December is a Thursday, not a Friday" in which.text
    assert which.labels == ["Thu 3 Dec, 10:00", "Fri 4 Dec, 10:00"]
    card = await press(user, "Fri 4 Dec, 10:00")
    assert card.text.startswith("✅ Meeting moved to Fri 4 Dec 2026, 10:00.")


async def test_a_meeting_years_ahead_is_deleted_after_a_confirmation(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    ruth = await contacts.create_contact(db, user.id, name="Ruth Adler")
    # Stored by the old date reader, which read "jan 12 at 10" as 2110.
    far = await meetings.create_meeting(
        db,
        user.id,
        contact_id=ruth.id,
        goal="advice",
        scheduled_at=datetime(2110, 1, 12, 9, 0, tzinfo=UTC),
    )
    await add_note(db, user.id, ruth.id, "learned", "Climbs on weekends")
    await open_card(user, "ruth")
    await press_in_place(user, MEETINGS)
    meeting = await press(user, "Sun 12 Jan 2110, 10:00 · Get advice")
    sure = await press_in_place(user, "🗑 Delete")
    assert sure.message_id == meeting.message_id
    assert sure.labels == ["Yes, delete it", "No, keep it"]
    back = await press_in_place(user, "No, keep it")
    assert back.labels == ["📅 Change the date", "🗑 Delete"]
    assert await meetings.get_meeting(db, user.id, far.id) is not None

    await press_in_place(user, "🗑 Delete")
    card = await press(user, "Yes, delete it")
    assert card.text.startswith("✅ Meeting of Sun 12 Jan 2110, 10:00 deleted.")
    assert "2110" not in card.text.split("\n\n", 1)[1]
    assert "Climbs on weekends" in card.text  # what was noted stays
    assert card.labels == ["📝 Add a note", "✏️ Edit", "⏰ Stay in touch", "🗄 Archive"]
    assert await meetings.meetings_for_contact(db, user.id, ruth.id) == []
    assert len(await all_notes(db, user.id, ruth.id)) == 1

    # The confirmation again: nothing left to delete, and it says so.
    await user.press_data(meeting.message_id, f"contact:unmeet:{ruth.id}:{far.id}:yes")
    await user.expect_silence()
    assert user.callback_answers[-1] == "That meeting isn't there any more. Nothing changed."


async def test_forged_meeting_buttons_change_nothing(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    secret = await contacts.create_contact(db, other_user.id, name="Secret Person")
    theirs = await meetings.create_meeting(
        db, other_user.id, contact_id=secret.id, goal="learn", scheduled_at=None
    )
    mine = await contacts.create_contact(db, user.id, name="Ruth Adler")
    card = await open_card(user, "ruth")
    for data, answer in (
        (f"contact:unmeet:{mine.id}:{theirs.id}:yes", "That meeting isn't there any more."),
        (f"contact:unmeet:{secret.id}:{theirs.id}:yes", "That contact isn't available."),
        (f"contact:meeting:{mine.id}:{theirs.id}", "That meeting isn't there any more."),
        (f"contact:redate:{mine.id}:{theirs.id}", "That meeting isn't there any more."),
        (f"contact:meetings:{secret.id}", "That contact isn't available."),
    ):
        await user.press_data(card.message_id, data)
        await user.expect_silence()
        assert user.callback_answers[-1].startswith(answer), data
    assert await meetings.get_meeting(db, other_user.id, theirs.id) == theirs
    assert all("Secret" not in m.text for m in user.messages)


async def test_a_card_with_many_meetings_shows_the_latest_and_counts_the_rest(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """Years of meetings with one person: the card and its meetings menu show the latest
    few by date, and the card says how many earlier ones there are."""
    db = bot.services.db
    await prep_new_contact(user, "Ruth Adler", when="today 10:00")  # Sun 22 Nov 2026
    [ruth] = await contacts.recent_contacts(db, user.id)
    for day in range(1, 8):  # 1–7 Oct 2026, made after the one above
        when = datetime(2026, 10, day, 9, 0, tzinfo=UTC)
        await meetings.create_meeting(
            db, user.id, contact_id=ruth.id, goal="advice", scheduled_at=when
        )

    card = await open_card(user, "ruth")
    assert "22 Nov 2026 — Learn about their field" in card.text
    shown = [f"{day} Oct 2026 — Get advice" for day in range(7, 3, -1)]
    assert all(line in card.text for line in shown), card.text
    assert "3 Oct 2026" not in card.text and "…and 3 earlier" in card.text
    listed = await press_in_place(user, MEETINGS)
    assert len(listed.labels) == 5 + 1  # the five on the card, and « Back
    assert listed.labels[0].startswith("Sun 22 Nov 2026")
