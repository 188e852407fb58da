"""The bot converses only in the private chat of the person whose notebook it is.

Ada keeps a notebook: Dana Whitfield, Head of Research at Globex, who is hiring zorblax
engineers for the Lisbon office, and a follow-up that is due. Whatever Ada or anyone else
does in a group, a supergroup, a channel, a Telegram Business chat with a customer, as an
edit or as an inline query, nothing of it reaches any chat but Ada's private one, and her
private chat works as before.

Most tests run a bot that asks Telegram for every kind of update, as `commonground run`
does, so it is the gate (bot/handlers/private.py) that is tested, not allowed_updates.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from datetime import timedelta

import pytest
from telegram import Update
from telegram.ext import TypeHandler

from bot.app import ALLOWED_UPDATES, build_application, running
from bot.coaching.playbooks import Library
from bot.config import Settings
from bot.ptb.application import CommonGroundApplication, Context
from bot.render import Renderer
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxChat, SandboxUser
from bot.storage import contacts, followups, inbox, meetings
from bot.storage.contacts import Contact
from bot.storage.followups import FollowUp
from tests.e2e.helpers import Clock, add_note, next_new, prep_new_contact, say, without_flood_limits

NOTE = "She is hiring zorblax engineers for the Lisbon office"
REASON = "You promised: send the hiring guide"
# What Ada stored, and who she is: none of it may show outside her private chat.
SECRETS = ("Dana", "Whitfield", "zorblax", "Lisbon", "Globex", "Head of Research", "guide")
COMMANDS = (
    "/prep",
    "/debrief",
    "/contacts",
    "/contacts@commonground_test_bot",
    "/contact Dana Whitfield",
    "/contact Dana",
    "/search zorblax",
    "/followups",
    "/digest",
    "/start",
    "/help",
    "/cancel",
)
LINK = "https://t.me/commonground_test_bot"
PRIVATE_ONLY = "I work only in private chats"
TOAST = "I work only in private chats. Open one with me to use this."


@pytest.fixture
async def bot(
    request: pytest.FixtureRequest,
    settings: Settings,
    clock: Clock,
    library: Library,
    renderer: Renderer,
) -> AsyncIterator[CommonGroundApplication]:
    allowed: Sequence[str] = getattr(request, "param", Update.ALL_TYPES)
    # Under Telegram's 20 messages a minute in a group, the tests that send every command to
    # a group would wait seconds for their turn; no test here is about that limit.
    application = build_application(
        settings,
        library=library,
        render=renderer,
        clock=clock,
        rate_limiter=without_flood_limits(),
    )
    async with running(application, allowed_updates=allowed):
        yield application


@pytest.fixture
def everything_on(sandbox: SandboxServer) -> None:
    """The operator switched on inline mode and Business Mode in @BotFather."""
    sandbox.world.settings.inline_mode = True
    sandbox.world.settings.business_mode = True


async def notebook(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> tuple[Contact, FollowUp]:
    """Ada's notebook, made through /prep and the storage API as other tests make it."""
    db = bot.services.db
    await prep_new_contact(user, "Dana Whitfield", when="tomorrow 15:00")
    [dana] = await contacts.recent_contacts(db, user.id)
    await add_note(db, user.id, dana.id, "learned", NOTE)
    followup = await followups.create_followup(
        db,
        user.id,
        contact_id=dana.id,
        kind="followup",
        due_at=clock() - timedelta(hours=1),
        reason=REASON,
    )
    return dana, followup


def leaked(sandbox: SandboxServer, owner: SandboxUser) -> list[str]:
    """What the bot showed outside the owner's private chat that comes from her notebook:
    message texts, button labels and button answers, in every group, channel, other
    person's private chat and business chat."""
    chats = [chat for chat in sandbox.world.chats.values() if chat.id != owner.id]
    chats += [
        chat for business in sandbox.world.business.values() for chat in business.chats.values()
    ]
    shown: list[str] = []
    for chat in chats:
        for message in chat.bot_messages():
            shown += [message.text, *message.labels]
        shown += [answer.text for answer in chat.answers]
    return [
        text
        for text in shown
        if any(secret.casefold() in text.casefold() for secret in (*SECRETS, owner.first_name))
    ]


async def handled(sandbox: SandboxServer, bot: CommonGroundApplication) -> None:
    """Wait until the bot has handled every update made so far: Telegram was told it
    arrived, and the bot's inbox holds none of them undone (so none is replayed later)."""

    async def all_done() -> None:
        while True:
            last = max(sandbox.world.history, default=0)
            if sandbox.world.confirmed(last) and not await inbox.pending(bot.services.db):
                return
            await asyncio.sleep(0.02)

    await asyncio.wait_for(all_done(), 30)  # only a guard against hanging


async def still_works_in_private(user: SandboxUser) -> None:
    card = await say(user, "/contact Dana Whitfield")
    assert "Dana Whitfield" in card.text and "zorblax" in card.text


async def assert_pointer(chat: SandboxChat) -> None:
    pointer = await chat.next_event()
    assert PRIVATE_ONLY in pointer.text and LINK in pointer.text
    assert pointer.buttons == []


@pytest.mark.parametrize(
    "bot", [ALLOWED_UPDATES, Update.ALL_TYPES], indirect=True, ids=["its updates", "all updates"]
)
@pytest.mark.parametrize("kind", ["group", "supergroup", "channel"])
async def test_added_to_a_group_or_channel_it_says_once_where_it_works_and_leaves(
    sandbox: SandboxServer,
    bot: CommonGroundApplication,
    user: SandboxUser,
    other_user: SandboxUser,
    clock: Clock,
    kind: str,
) -> None:
    await notebook(user, bot, clock)
    if kind == "channel":
        chat = sandbox.channel("Hiring news", user)
    else:
        chat = sandbox.group("Team", [user, other_user], supergroup=kind == "supergroup")
    await user.add_bot(chat)

    await assert_pointer(chat)
    await handled(sandbox, bot)  # the bot's own leaving comes back as an update too
    assert chat.bot_status == "left"
    assert [call.chat_id for call in sandbox.call_log if call.method == "leaveChat"] == [chat.id]
    assert len(chat.messages) == 1  # said once
    assert leaked(sandbox, user) == []
    await user.expect_silence()
    await still_works_in_private(user)


@pytest.mark.parametrize("supergroup", [False, True], ids=["group", "supergroup"])
async def test_commands_texts_and_buttons_in_a_group_show_nothing_stored(
    sandbox: SandboxServer,
    bot: CommonGroundApplication,
    user: SandboxUser,
    other_user: SandboxUser,
    clock: Clock,
    supergroup: bool,
) -> None:
    dana, followup = await notebook(user, bot, clock)
    db = bot.services.db
    [meeting] = await meetings.meetings_for_contact(db, user.id, dana.id)
    # A group the bot joined long ago; in the supergroup it is an admin and sees every text.
    group = sandbox.group(
        "Team",
        [user, other_user],
        supergroup=supergroup,
        bot_status="administrator" if supergroup else "member",
    )
    for person in (user, other_user):
        for command in COMMANDS:
            await person.send(command, chat=group)
            await assert_pointer(group)
        for text in ("Dana Whitfield", "zorblax", "tomorrow 15:00"):
            await person.send(text, chat=group)
    await handled(sandbox, bot)
    await group.expect_silence()

    # Buttons of every flow, pressed on a message in the group: Ada's real ids.
    pressed_on = group.last.message_id
    presses = [
        f"contact:open:{dana.id}",
        "contacts:page:1",
        f"contact:edit:{dana.id}",
        f"contact:archive:{dana.id}:yes",
        f"contact:stages:{dana.id}",
        f"followup:show:{followup.id}",
        f"followup:done:{followup.id}",
        f"followup:snooze:{followup.id}:1w",
        f"brief:remind:{meeting.id}:1",
        f"debrief:start:{meeting.id}",
        "debrief:new",
        "prep:new",
        "prep:skip",
        "digest:9",
        "start:keeptz",
    ]
    for person in (user, other_user):
        for data in presses:
            await person.press_data(pressed_on, data, chat=group)
    await handled(sandbox, bot)
    await group.expect_silence()
    assert group.callback_answers == [TOAST] * len(presses) * 2

    assert leaked(sandbox, user) == []
    await user.expect_silence()  # and nothing went to her private chat either
    # Nothing was changed by the presses.
    still = await contacts.get_contact(db, user.id, dana.id)
    assert still is not None and still.archived_at is None
    again = await followups.get_followup(db, user.id, followup.id)
    assert again is not None and again.is_open and again.due_at == followup.due_at
    await still_works_in_private(user)
    # The group /prep started nothing: her next text in private is no answer to it.
    assert "/prep" in (await say(user, "Dana Whitfield")).text


async def test_an_edit_in_a_group_shows_nothing_and_one_in_private_stays_private(
    sandbox: SandboxServer,
    bot: CommonGroundApplication,
    user: SandboxUser,
    other_user: SandboxUser,
    clock: Clock,
) -> None:
    await notebook(user, bot, clock)
    group = sandbox.group("Team", [user, other_user], supergroup=True, bot_status="administrator")
    hello = await user.send("hello", chat=group)
    await user.edit(hello, "/contact Dana Whitfield", chat=group)
    command = await user.send("/help", chat=group)
    await assert_pointer(group)
    for text in ("/search zorblax", "/followups", "/contacts"):
        await user.edit(command, text, chat=group)
    await handled(sandbox, bot)
    await group.expect_silence()
    assert leaked(sandbox, user) == []
    await user.expect_silence()

    # In her private chat, an edit into a command is answered there, as it always was.
    mine = await user.send("hello")
    assert "/prep" in (await next_new(user)).text
    await user.edit(mine, "/contact Dana Whitfield")
    card = await next_new(user)
    assert "zorblax" in card.text
    await handled(sandbox, bot)
    assert leaked(sandbox, user) == []


@pytest.mark.usefixtures("everything_on")
async def test_business_chats_with_customers_get_nothing(
    sandbox: SandboxServer, bot: CommonGroundApplication, user: SandboxUser, clock: Clock
) -> None:
    await notebook(user, bot, clock)
    # Carl uses the bot himself, so a misdirected answer would land in his own chat with it;
    # Dora never did, so Telegram would refuse one (and the sandbox records the refusal).
    carl = sandbox.user(3003, "Carl")
    dora = sandbox.user(3004, "Dora", started=False)
    business = await user.connect_business()
    for customer in (carl, dora):
        for text in (*COMMANDS, "Dana Whitfield", "zorblax"):
            await business.message(customer, text)
            await business.message(customer, text, from_owner=True)
        hello = await business.message(customer, "hello")
        await business.edit(customer, hello, "/contact Dana Whitfield")
        mine = await business.message(customer, "hi", from_owner=True)
        await business.edit(customer, mine, "/search zorblax", from_owner=True)
    await handled(sandbox, bot)

    assert business.chat(carl).messages == [] and business.chat(dora).messages == []
    await carl.expect_silence()
    assert leaked(sandbox, user) == []
    await user.expect_silence()
    await still_works_in_private(user)


@pytest.mark.usefixtures("everything_on")
async def test_a_handler_added_later_hears_only_from_private_chats(
    sandbox: SandboxServer, bot: CommonGroundApplication, user: SandboxUser, other_user: SandboxUser
) -> None:
    """The gate stands before every handler, so a new one cannot forget it."""
    heard: list[int] = []

    async def new_feature(update: Update, context: Context) -> None:
        heard.append(update.update_id)

    bot.add_handler(TypeHandler(Update, new_feature), group=1000)
    channel = sandbox.channel("Hiring news", user, bot_status="administrator")
    group = sandbox.group("Team", [user, other_user], supergroup=True, bot_status="administrator")

    post = await user.post(channel, "/contacts")
    await user.edit(post, "/followups", chat=channel)
    await other_user.send("Dana Whitfield", chat=group)
    await user.inline_query("Dana")
    await user.press_inline("contact:open:1")
    business = await user.connect_business()
    await business.message(other_user, "/contacts")
    await handled(sandbox, bot)
    assert heard == []

    mine = await user.send("hello")
    await next_new(user)
    await handled(sandbox, bot)
    assert heard == [sandbox.world.updates_from(user.id)[-1]["update_id"]]
    assert sandbox.world.history[heard[0]]["message"]["message_id"] == mine
    await channel.expect_silence()
    await group.expect_silence()


@pytest.mark.usefixtures("everything_on")
async def test_updates_without_a_chat_are_ignored_quietly(
    sandbox: SandboxServer,
    bot: CommonGroundApplication,
    user: SandboxUser,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    presses = ("ping", "contact:open:1", "contacts:page:1")
    for data in presses:
        await user.press_inline(data)  # a button on an inline message: no chat
    await user.inline_query("Dana")
    await user.connect_business()
    await handled(sandbox, bot)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert user.callback_answers == [TOAST] * len(presses)
    await user.expect_silence()


@pytest.mark.parametrize("bot", [ALLOWED_UPDATES], indirect=True)
@pytest.mark.usefixtures("everything_on")
async def test_telegram_is_asked_only_for_what_the_bot_answers(
    sandbox: SandboxServer, bot: CommonGroundApplication, user: SandboxUser
) -> None:
    channel = sandbox.channel("Hiring news", user, bot_status="administrator")
    await user.send("hello")
    await next_new(user)
    await user.post(channel, "/contacts")
    await user.inline_query("Dana")
    business = await user.connect_business()
    await business.message(sandbox.user(3003, "Carl"), "/contacts")
    await handled(sandbox, bot)
    # Not even sent: no business chat, channel post or inline query reaches the bot at all.
    kinds = [
        next(key for key in update if key != "update_id")
        for update in sandbox.world.history.values()
    ]
    assert kinds == ["message"]
