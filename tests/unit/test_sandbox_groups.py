"""The sandbox beyond private chats: groups, supergroups, channels, edits, Telegram Business
and inline mode, driven by the real telegram.Bot over HTTP, as strict as Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import telegram
from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer
from bot.sandbox.user import SandboxUser

ADA, GRACE = 42, 43


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as running:
        yield running


@pytest.fixture
async def bot(server: SandboxServer) -> AsyncIterator[telegram.Bot]:
    # Starting the Bot calls getMe: from then on the sandbox knows which bot people add.
    async with telegram.Bot(
        SANDBOX_TOKEN, base_url=server.base_url, base_file_url=server.base_file_url
    ) as connected:
        yield connected


@pytest.fixture
def ada(server: SandboxServer) -> SandboxUser:
    return server.user(ADA, "Ada", "ada_l")


@pytest.fixture
def grace(server: SandboxServer) -> SandboxUser:
    return server.user(GRACE, "Grace")


async def updates(bot: telegram.Bot) -> tuple[telegram.Update, ...]:
    """Everything waiting, confirmed at once (the next call starts after it)."""
    got = await bot.get_updates()
    if got:
        await bot.get_updates(offset=got[-1].update_id + 1)
    return got


async def test_get_me_says_what_the_botfather_settings_allow(
    bot: telegram.Bot, server: SandboxServer
) -> None:
    me = await bot.get_me()
    assert me.can_join_groups and not me.can_read_all_group_messages
    assert not me.supports_inline_queries and not me.can_connect_to_business
    settings = server.world.settings
    settings.allow_groups, settings.group_privacy = False, False
    settings.inline_mode, settings.business_mode = True, True
    me = await bot.get_me()
    assert not me.can_join_groups and me.can_read_all_group_messages
    assert me.supports_inline_queries and me.can_connect_to_business


@pytest.mark.parametrize("supergroup", [False, True])
async def test_adding_the_bot_to_a_group_is_a_my_chat_member_and_a_service_message(
    bot: telegram.Bot,
    server: SandboxServer,
    ada: SandboxUser,
    grace: SandboxUser,
    supergroup: bool,
) -> None:
    group = server.group("Team", [ada, grace], supergroup=supergroup)
    assert (str(group.id).startswith("-100")) == supergroup
    with pytest.raises(Forbidden, match="bot is not a member of the"):
        await bot.send_message(group.id, "hello?")  # not added yet

    await grace.add_bot(group)
    added, service = await updates(bot)
    change = added.my_chat_member
    assert change is not None and change.from_user.id == GRACE
    assert change.chat.id == group.id and change.chat.type == group.kind
    assert change.chat.title == "Team"
    assert change.old_chat_member.status == ChatMember.LEFT
    assert change.new_chat_member.status == ChatMember.MEMBER
    assert change.new_chat_member.user.id == bot.id
    assert service.message is not None
    assert [member.id for member in service.message.new_chat_members] == [bot.id]

    sent = await bot.send_message(group.id, "Hi all")
    assert sent.chat.id == group.id and group.last.text == "Hi all"
    assert ada.messages == []  # said in the group, not in anyone's private chat


async def test_leaving_ends_membership_and_later_sends_are_refused(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser, grace: SandboxUser
) -> None:
    group = server.group("Team", [ada, grace])
    await ada.add_bot(group)
    await updates(bot)
    assert await bot.leave_chat(group.id)
    [left] = await updates(bot)
    assert left.my_chat_member is not None and left.my_chat_member.from_user.id == bot.id
    assert left.my_chat_member.new_chat_member.status == ChatMember.LEFT
    assert group.bot_status == "left"
    with pytest.raises(Forbidden, match="bot is not a member of the group chat"):
        await bot.send_message(group.id, "still here?")
    with pytest.raises(Forbidden, match="bot is not a member of the group chat"):
        await bot.leave_chat(group.id)
    with pytest.raises(BadRequest, match="Method is not available for private chats"):
        await bot.leave_chat(ADA)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.leave_chat(-4_999_999_999)
    # Once gone the bot hears nothing from the group: not even commands.
    await ada.send("/help", chat=group)
    assert await updates(bot) == ()


async def test_a_bot_removed_from_a_supergroup_is_kicked(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser, grace: SandboxUser
) -> None:
    group = server.group("Team", [ada, grace], supergroup=True, bot_status="member")
    await ada.remove_bot(group)
    [removed] = await updates(bot)  # no service message: the bot is no longer there to see it
    assert removed.my_chat_member is not None
    assert removed.my_chat_member.new_chat_member.status == ChatMember.BANNED
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(group.id, "hello?")


async def test_with_privacy_mode_a_group_shows_the_bot_commands_and_replies_to_it_only(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser, grace: SandboxUser
) -> None:
    group = server.group("Team", [ada, grace], bot_status="member")
    said = await bot.send_message(group.id, "Anyone?")
    await ada.send("hello everyone", chat=group)
    await ada.send("/help@some_other_bot", chat=group)
    await ada.send("/help", chat=group)
    await grace.send("/contacts@commonground_test_bot Dana", chat=group)
    await grace.send("me!", chat=group, reply_to=said.message_id)
    got = await updates(bot)
    seen = [
        (u.message.from_user.id, u.message.text) for u in got if u.message and u.message.from_user
    ]
    assert seen == [
        (ADA, "/help"),
        (GRACE, "/contacts@commonground_test_bot Dana"),
        (GRACE, "me!"),
    ]
    message = got[0].message
    assert message is not None and message.chat.type == "group" and message.chat.id == group.id

    # An admin, or a bot with privacy mode off, sees every message.
    server.world.settings.group_privacy = False
    await ada.send("hello again", chat=group)
    assert [u.message.text for u in await updates(bot) if u.message] == ["hello again"]


async def test_a_press_in_a_group_comes_from_whoever_pressed_and_is_answered_there(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser, grace: SandboxUser
) -> None:
    group = server.group("Team", [ada, grace], supergroup=True, bot_status="member")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Vote", callback_data="vote")]])
    await bot.send_message(group.id, "Poll", reply_markup=markup)
    assert await grace.press("Vote", chat=group) == "vote"
    [update] = await updates(bot)
    query = update.callback_query
    assert query is not None and query.from_user.id == GRACE
    assert query.message is not None and query.message.chat.id == group.id
    await query.answer("Counted")
    assert group.callback_answers == ["Counted"] and grace.callback_answers == []


async def test_only_members_act_in_a_group_and_only_with_groups_allowed(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser, grace: SandboxUser
) -> None:
    group = server.group("Just Ada", [ada])
    with pytest.raises(AssertionError, match="not a member"):
        await grace.send("hi", chat=group)
    server.world.settings.allow_groups = False
    with pytest.raises(AssertionError, match="Allow Groups is off"):
        await ada.add_bot(group)


async def test_edits_arrive_as_edited_messages_where_the_bot_saw_the_message(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser, grace: SandboxUser
) -> None:
    first = await ada.send("hello")
    await ada.edit(first, "/contacts")
    group = server.group("Team", [ada, grace], bot_status="member")
    command = await grace.send("/help", chat=group)
    await grace.edit(command, "/search Dana", chat=group)
    chatter = await grace.send("lunch?", chat=group)
    await grace.edit(chatter, "lunch at 1?", chat=group)  # never seen, so no edit either
    got = await updates(bot)
    edits = [u.edited_message for u in got if u.edited_message]
    assert [(e.chat.id, e.message_id, e.text) for e in edits] == [
        (ADA, first, "/contacts"),
        (group.id, command, "/search Dana"),
    ]
    assert edits[0].entities[0].type == "bot_command" and edits[0].edit_date is not None
    with pytest.raises(AssertionError, match="was not written by"):
        await ada.edit(command, "mine now", chat=group)


async def test_a_channel_shows_its_posts_to_an_admin_bot_only(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    channel = server.channel("News", ada)
    await ada.post(channel, "First post")
    assert await updates(bot) == ()
    await ada.add_bot(channel)
    [added] = await updates(bot)
    assert added.my_chat_member is not None
    assert added.my_chat_member.new_chat_member.status == ChatMember.ADMINISTRATOR
    post = await ada.post(channel, "/contacts")
    await ada.edit(post, "/followups", chat=channel)
    posted, edited = await updates(bot)
    assert posted.channel_post is not None and posted.channel_post.from_user is None
    assert posted.channel_post.sender_chat is not None
    assert posted.channel_post.sender_chat.id == channel.id
    assert edited.edited_channel_post is not None
    assert edited.edited_channel_post.text == "/followups"
    await bot.send_message(channel.id, "From the bot")
    assert channel.last.text == "From the bot"


async def test_business_messages_come_from_the_customers_chat_and_answers_need_the_connection(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    carl = server.user(3003, "Carl", started=False)
    with pytest.raises(AssertionError, match="Business Mode is off"):
        await ada.connect_business()
    server.world.settings.business_mode = True
    business = await ada.connect_business()
    hello = await business.message(carl, "Is the shop open?")
    await business.message(carl, "Yes, until 6", from_owner=True)
    await business.edit(carl, hello, "Is the shop open today?")
    connected, asked, answered, edited = await updates(bot)
    assert connected.business_connection is not None
    assert connected.business_connection.user.id == ADA
    assert connected.business_connection.id == business.id
    message = asked.business_message
    assert message is not None and message.business_connection_id == business.id
    assert message.chat.id == carl.id and message.chat.type == "private"
    assert message.from_user is not None and message.from_user.id == carl.id
    assert answered.business_message is not None
    assert answered.business_message.from_user is not None
    assert answered.business_message.from_user.id == ADA
    assert edited.edited_business_message is not None
    assert edited.edited_business_message.text == "Is the shop open today?"

    # Carl never started the bot: without the connection Telegram refuses to write to him.
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(carl.id, "hello")
    with pytest.raises(BadRequest, match="Business_connection_invalid"):
        await bot.send_message(carl.id, "hello", business_connection_id="nope")
    await bot.send_message(carl.id, "We are open", business_connection_id=business.id)
    assert [m.text for m in business.chat(carl).messages] == ["We are open"]
    assert carl.messages == []
    # Once he writes to the bot himself, it may answer him in his own chat.
    await carl.send("/start")
    await bot.send_message(carl.id, "Welcome")
    assert [m.text for m in carl.messages] == ["Welcome"]


async def test_inline_queries_and_inline_presses_need_inline_mode_and_carry_no_chat(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    with pytest.raises(AssertionError, match="inline mode is off"):
        await ada.inline_query("Dana")
    server.world.settings.inline_mode = True
    await ada.inline_query("Dana")
    await ada.press_inline("open:1")
    query, press = await updates(bot)
    assert query.inline_query is not None and query.inline_query.query == "Dana"
    assert query.inline_query.from_user.id == ADA and query.effective_chat is None
    assert press.callback_query is not None and press.callback_query.message is None
    assert press.callback_query.inline_message_id and press.effective_chat is None
    await press.callback_query.answer("Opened")
    assert ada.callback_answers == ["Opened"]
