"""Messages that are not text, and edits of earlier messages, in and out of a conversation.

Whatever arrives — a document, a photo, a sticker, a voice note, a shared contact, a location,
a dice roll, or an edit of something sent earlier — the bot answers with a pointer (outside a
conversation) or a nudge back to its question (inside one), stores nothing from it, and the
conversation carries on where it was. Outside a conversation a document and a shared contact
are offered for import instead (tests/e2e/test_imports.py).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from bot.coaching.playbooks import Library
from bot.config import Settings
from bot.ptb.application import CommonGroundApplication
from bot.render import Renderer
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import BotMessage, SandboxUser
from bot.storage import contacts, debriefs
from tests.e2e.helpers import (
    Clock,
    next_new,
    prep_new_contact,
    press,
    say,
    skip_to_when,
    unthrottled,
)
from tests.stored_notes import all_notes

POINTER = "I'm not sure what to do with that"
NUDGE = "I'm still waiting for an answer to the question above"

Send = Callable[[SandboxServer, SandboxUser], Awaitable[object]]


@pytest.fixture
async def bot(
    settings: Settings, clock: Clock, library: Library, renderer: Renderer
) -> AsyncIterator[CommonGroundApplication]:
    async with unthrottled(settings, clock, library, renderer) as application:
        yield application


def raw(content: dict[str, Any]) -> Send:
    """A message SandboxUser has no method for, built as Telegram would deliver it."""

    async def send(sandbox: SandboxServer, user: SandboxUser) -> object:
        return sandbox.world.user_message(sandbox.world.chat(user.id), content)

    return send


def upload(caption: str | None) -> Send:
    async def send(sandbox: SandboxServer, user: SandboxUser) -> object:
        return await user.upload("cv.pdf", b"%PDF-1.4 not really", "application/pdf", caption)

    return send


async def share_contact(sandbox: SandboxServer, user: SandboxUser) -> object:
    return await user.share_contact("+49 30 1234567", "Mira", "Patel", user_id=4242)


def file(kind: str, **fields: Any) -> dict[str, Any]:
    return {"file_id": f"{kind}-id", "file_unique_id": f"{kind}-unique", **fields}


MESSAGES: dict[str, Send] = {
    "document": upload(None),
    "document with a caption": upload("/prep <b>my CV</b>"),
    "photo": raw({"photo": [file("photo", width=90, height=90)], "caption": "Mira Patel"}),
    "sticker": raw(
        {
            "sticker": file(
                "sticker",
                type="regular",
                width=512,
                height=512,
                is_animated=False,
                is_video=False,
                emoji="👍",
            )
        }
    ),
    "voice": raw({"voice": file("voice", duration=3, mime_type="audio/ogg")}),
    "shared contact": share_contact,
    "location": raw({"location": {"latitude": 52.52, "longitude": 13.405}}),
    "dice": raw({"dice": {"emoji": "🎲", "value": 6}}),
}


# Outside a conversation, what the bot can import is not "what to do with that".
IMPORTS = {
    "document": "not a file I can import",
    "document with a caption": "not a file I can import",
    "shared contact": "Mira Patel</b>: 1 added",
}


async def send_each(
    sandbox: SandboxServer, user: SandboxUser, expected: str, instead: dict[str, str] | None = None
) -> list[BotMessage]:
    answers = []
    for kind, send in MESSAGES.items():
        await send(sandbox, user)
        answer = await next_new(user)
        assert (instead or {}).get(kind, expected) in answer.html, (kind, answer.text)
        answers.append(answer)
    return answers


async def edit(sandbox: SandboxServer, user: SandboxUser, message_id: int, text: str) -> None:
    """The person edits a message they sent earlier (Telegram sends an edited_message)."""
    original = sandbox.world.chat(user.id).messages[message_id].payload
    edited = {**original, "text": text, "edit_date": int(time.time())}
    edited.pop("entities", None)
    assert sandbox.world.push_update("edited_message", edited) is not None


async def test_anything_but_text_gets_a_pointer_or_a_nudge_and_changes_nothing(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    await send_each(sandbox, user, POINTER, instead=IMPORTS)

    # Each step of /start, /prep, /search and a debrief: nudged, then it carries on.
    await say(user, "/start")
    await send_each(sandbox, user, NUDGE)
    assert "Which time zone" in (await say(user, "Ada")).text
    await send_each(sandbox, user, NUDGE)
    assert "All set" in (await press(user, "UTC")).text

    await say(user, "/prep")
    await send_each(sandbox, user, NUDGE)
    await say(user, "Sam")
    await send_each(sandbox, user, NUDGE)
    await press(user, "Skip")
    await press(user, "Skip")
    await send_each(sandbox, user, NUDGE)
    await skip_to_when(user, await press(user, "Learn about their field"))
    await send_each(sandbox, user, NUDGE)
    assert "Brief: Sam" in (await say(user, "today 9:00")).text  # in UTC, as chosen

    await say(user, "/search")
    await send_each(sandbox, user, NUDGE)
    assert "Sam" in (await say(user, "sam")).text

    await say(user, "/debrief")
    await press(user, "Sam")  # the first question
    await send_each(sandbox, user, NUDGE)
    [sam] = await contacts.find_contacts(db, user.id, "Sam")
    assert await all_notes(db, user.id, sam.id) == []
    assert "2/6" in (await say(user, "Likes kayaks")).text
    assert [n.body for n in await all_notes(db, user.id, sam.id)] == ["Likes kayaks"]


async def test_an_edited_answer_is_not_taken_as_the_next_one(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    await prep_new_contact(user, "Sam", when="today 10:00")
    await say(user, "/debrief")
    await press(user, "Sam")
    first = await user.send("Likes kayaks")
    assert "2/6" in (await next_new(user)).text

    await edit(sandbox, user, first, "Likes canoes")
    assert NUDGE in (await next_new(user)).text
    [sam] = await contacts.recent_contacts(db, user.id)
    [open_one] = await debriefs.open_debriefs(db, user.id)
    assert open_one.next_step == 1  # still at the second question
    assert [n.body for n in await all_notes(db, user.id, sam.id)] == ["Likes kayaks"]
    assert "3/6" in (await say(user, "Small teams")).text

    # Outside any conversation an edit gets the pointer, like any text.
    await say(user, "/cancel")
    await edit(sandbox, user, first, "hello")
    assert POINTER in (await next_new(user)).text
