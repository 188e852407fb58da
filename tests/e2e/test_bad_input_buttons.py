"""Buttons nobody was shown: forged callback data, and buttons of finished or discarded things.

Every press gets a polite answer — a toast or a short message, never silence and never the
error message — changes nothing of anyone else's, and leaves the presser's own conversation
where it was. Telegram only ever sends data the bot put on a button, but a modified client
can send anything up to 64 bytes, and old messages keep their buttons forever.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.coaching.playbooks import Library
from bot.config import Settings
from bot.ptb.application import CommonGroundApplication
from bot.render import Renderer
from bot.sandbox.user import BotMessage, SandboxUser
from bot.storage import contacts, debriefs, followups, meetings
from bot.storage.db import to_db_time
from tests.e2e.helpers import (
    Clock,
    everything_of,
    next_new,
    prep_new_contact,
    press,
    say,
    skip_to_when,
    unthrottled,
)
from tests.stored_notes import all_notes

ERROR = "something went wrong"
HELP = "helps you prepare for networking meetings"


@pytest.fixture
async def bot(
    settings: Settings, clock: Clock, library: Library, renderer: Renderer
) -> AsyncIterator[CommonGroundApplication]:
    async with unthrottled(settings, clock, library, renderer) as application:
        yield application


async def press_and_listen(user: SandboxUser, message_id: int, data: str) -> list[BotMessage]:
    """Press `data` on a message; return what the bot sent or edited in answer. /help after
    the press marks when the press has been handled (each user's updates are handled in order).
    """
    answered = len(user.callback_answers)
    await user.press_data(message_id, data)
    await user.send("/help")
    replies = []
    while HELP not in (message := await user.next_event()).text or message.edited:
        replies.append(message)
    toasts = user.callback_answers[answered:]
    assert len(toasts) == 1, f"{data!r}: answered {len(toasts)} times"
    assert toasts[0] or replies, f"{data!r}: silence"
    assert not any(ERROR in reply.text for reply in replies), (data, replies)
    return replies


def forged(theirs: dict[str, int]) -> list[str]:
    """Data for every button family, naming someone else's rows or malformed."""
    contact, meeting, debrief, followup = (
        theirs[k] for k in ("contact", "meeting", "debrief", "followup")
    )
    return [
        # prep:
        f"prep:contact:{contact}",
        "prep:contact:" + "9" * 18,
        "prep:contact:" + "9" * 40,
        "prep:contact:x",
        "prep:contact",
        "prep:contact:١٢",
        "prep:new",
        "prep:skip",
        "prep:goal:world_domination",
        "prep:when:yesterday",
        # debrief:
        f"debrief:start:{meeting}",
        f"debrief:resume:{debrief}",
        f"debrief:discard:{debrief}",
        f"debrief:meeting:{meeting}",
        f"debrief:contact:{contact}",
        f"debrief:{debrief}:0:skip",
        f"debrief:{debrief}:1:1w",
        "debrief:goal:learn",
        "debrief:1:2",
        "debrief:x:y:z",
        # contact: and contacts:
        f"contact:open:{contact}",
        f"contact:edit:name:{contact}",
        f"contact:clear:{contact}",
        f"contact:archive:{contact}:yes",
        f"contact:restore:{contact}",
        f"contact:stage:{contact}:trusted",
        f"contact:cadence:{contact}:14",
        f"contact:kept:{contact}:{theirs['promise']}",
        "contact:kept:1:" + "9" * 18,
        "contact:kept:1:x",
        "contact:cadence:1:9999",
        "contacts:page:999999",
        "contacts:page:-1",
        "contact:",
        # followup:
        f"followup:done:{followup}",
        f"followup:skip:{followup}",
        f"followup:snooze:{followup}:1w",
        f"followup:show:{followup}",
        f"followup:snooze:{followup}:forever",
        "followup:done",
        # digest:
        "digest:99",
        "digest:-1",
        "digest:off:now",
        "digest:",
        # brief:
        f"brief:remind:{meeting}:0",
        f"brief:remind:{meeting}:1",
        "brief:remind:1",
        "brief:remind:x:0",
        # start:
        "start:tz:Mars/Olympus",
        "start:tz:" + "ü" * 27,
        "start:tz:../../etc/passwd",
        "start:keeptz",
        "start:keepname",
        # search:
        "search:x",
        "search:",
        # junk
        "💥" * 16,
        "x" * 64,
        ":",
        "::::",
        "\u202e",
        "null",
        '{"a": 1}',
    ]


async def theirs_in_progress(
    bot: CommonGroundApplication, clock: Clock, other_user: SandboxUser
) -> dict[str, int]:
    """Grace has a contact, a meeting, a debrief half done and a follow-up, and is in the
    middle of that debrief."""
    await prep_new_contact(other_user, "Secret Person", when="today 10:00")
    db = bot.services.db
    [secret] = await contacts.recent_contacts(db, other_user.id)
    [meeting] = await meetings.meetings_for_contact(db, other_user.id, secret.id)
    await say(other_user, "/debrief")
    await press(other_user, "Secret Person")  # the first question
    await say(other_user, "Secret plans for a submarine")
    await say(other_user, "/help")  # once answered, her last answer's update is saved in full
    [debrief] = await debriefs.open_debriefs(db, other_user.id)
    followup = await followups.create_followup(
        db,
        other_user.id,
        contact_id=secret.id,
        kind="followup",
        due_at=clock.now + timedelta(days=2),
        reason="Secret reason",
    )
    # And a promise she has not kept yet.
    [(promise,)] = await db.write_returning(
        "INSERT INTO notes (owner_id, contact_id, slot, body, created_at) "
        "VALUES (?, ?, 'my_promises', 'Secret promise', ?) RETURNING id",
        (other_user.id, secret.id, to_db_time(clock.now)),
    )
    return {
        "contact": secret.id,
        "meeting": meeting.id,
        "debrief": debrief.id,
        "followup": followup.id,
        "promise": promise,
    }


async def test_forged_buttons_get_a_polite_answer_and_touch_nobody_elses_data(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    theirs = await theirs_in_progress(bot, clock, other_user)
    before = await everything_of(db, other_user.id)
    everything = forged(theirs)

    async def press_all(message: BotMessage) -> None:
        for data in everything:
            assert len(data.encode()) <= 64, data
            await press_and_listen(user, message.message_id, data)

    # Outside any conversation.
    await press_all(await say(user, "/help"))

    # In the middle of /prep, waiting for a goal: the conversation carries on afterwards.
    await say(user, "/prep")
    await say(user, "Sam")
    await press(user, "Skip")
    goal = await press(user, "Skip")
    await press_all(goal)  # on the question itself (forged page turns may rewrite its text)
    await user.press_data(goal.message_id, "prep:goal:learn")
    await skip_to_when(user, await next_new(user))
    brief = await press(user, "Today")
    assert "Brief: Sam" in brief.text

    # In the middle of a debrief, at its first question: answers still go where they belong.
    await say(user, "/debrief")
    question = await press(user, "Sam")
    await press_all(question)
    await say(user, "Likes kayaks")
    [sam] = await contacts.recent_contacts(db, user.id)
    assert [(n.slot, n.body) for n in await all_notes(db, user.id, sam.id)] == [
        ("learned", "Likes kayaks")
    ]

    # Offered to resume that debrief (the buttons there take debrief ids).
    await say(user, "/cancel")
    offer = await say(user, "/debrief")
    assert "unfinished debrief with Sam" in offer.text
    for data in (f"debrief:discard:{theirs['debrief']}", f"debrief:resume:{theirs['debrief']}"):
        replies = await press_and_listen(user, offer.message_id, data)
        assert "Which meeting do you want to debrief?" in replies[0].text

    # Choosing a time zone: forged zones are asked about again.
    await say(user, "/start")
    await say(user, "Ada")
    zones = user.last
    for data in ("start:tz:Mars/Olympus", "start:tz:" + "\u202e" * 16):
        [again] = await press_and_listen(user, zones.message_id, data)
        assert "I don't know the time zone" in again.text
    assert "All set" in (await press(user, "UTC")).text

    # Editing a company: "clear" for someone else's contact is refused, and what she types
    # next still goes to her own.
    listing = await say(user, "/contacts")
    await user.press_data(listing.message_id, f"contact:edit:company:{sam.id}")
    assert "What is Sam's company? Type it." in (await next_new(user)).text
    await press_and_listen(user, listing.message_id, f"contact:clear:{theirs['contact']}")
    assert user.callback_answers[-1] == "That button is no longer active."
    assert "👤 Sam" in (await say(user, "Initech")).text
    edited = await contacts.get_contact(db, user.id, sam.id)
    assert edited is not None and edited.company == "Initech"

    assert await everything_of(db, other_user.id) == before
    assert all("Secret" not in m.text and "submarine" not in m.text for m in user.messages)
    [still_open] = await debriefs.open_debriefs(db, user.id)  # Ada's own, untouched too
    assert still_open.next_step == 1


async def test_buttons_of_finished_and_discarded_things_change_nothing(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    first = await press(user, "Sam")
    for _ in range(6):
        await press(user, "Skip")
    [sam] = await contacts.recent_contacts(db, user.id)
    assert await debriefs.open_debriefs(db, user.id) == []  # finished
    [step_data] = [b.callback_data for row in first.buttons for b in row]
    assert step_data is not None
    old_id = int(step_data.split(":")[1])

    # A question of the finished debrief, pressed later: the conversation is over.
    [gone] = await press_and_listen(user, first.message_id, step_data)
    assert "earlier conversation" in gone.text

    # Now in another debrief: the old question's buttons must not answer the new one.
    await say(user, "/debrief")
    await press(user, "Someone else")
    await say(user, "Lea")
    await press(user, "Reconnect")  # its first question
    await say(user, "/help")  # once answered, the question's update is saved in full
    before = await everything_of(db, user.id)
    for data in (f"debrief:{old_id}:0:skip", f"debrief:{old_id}:7:1w", step_data):
        assert await press_and_listen(user, first.message_id, data) == []
        assert user.callback_answers[-1] == "That button is from an earlier step."
    assert await everything_of(db, user.id) == before
    await say(user, "Bakes bread")
    [lea] = [c for c in await contacts.recent_contacts(db, user.id) if c.name == "Lea"]
    [note] = await all_notes(db, user.id, lea.id)
    assert note.body == "Bakes bread" and note.slot == "learned"

    # Thrown away: its resume and discard buttons, pressed again, only offer the meetings.
    await say(user, "/cancel")
    offer = await say(user, "/debrief")
    await press(user, "Throw it away")
    for data in (b.callback_data or "" for row in offer.buttons for b in row):
        [meetings_again] = await press_and_listen(user, offer.message_id, data)
        assert "Which meeting do you want to debrief?" in meetings_again.text
        assert user.callback_answers[-1] == "That button is no longer active."
    assert await all_notes(db, user.id, lea.id) == []
    assert await all_notes(db, user.id, sam.id) == []
