"""The sandbox Bot API server, driven by the real telegram.Bot over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter

from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer
from bot.sandbox.user import SandboxUser
from tests.unit.helpers import ADA, ada, bot, server

__all__ = ["ada", "bot", "server"]  # the fixtures, shared


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in buttons]]
    )


async def test_get_me_describes_the_bot_named_by_the_token(bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username, me.first_name) == (
        123456789,
        True,
        "commonground_test_bot",
        "Common Ground",
    )


@pytest.mark.parametrize("token", ["123:short", "notdigits:" + "a" * 30, "123456"])
async def test_a_malformed_token_is_unauthorized(server: SandboxServer, token: str) -> None:
    with pytest.raises(InvalidToken):
        async with telegram.Bot(token, base_url=server.base_url):
            pass
    assert [(r.method, r.status, r.description) for r in server.rejections] == [
        ("getMe", 401, "Unauthorized")
    ]


async def test_unknown_method_is_not_found(server: SandboxServer) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{server.base_url}{SANDBOX_TOKEN}/sendTelepathy")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_json_bodies_and_query_strings_work_like_form_posts(
    server: SandboxServer, ada: SandboxUser
) -> None:
    endpoint = f"{server.base_url}{SANDBOX_TOKEN}"
    async with httpx.AsyncClient() as client:
        by_json = await client.post(
            f"{endpoint}/sendMessage",
            json={
                "chat_id": ADA,
                "text": "json",
                "reply_markup": {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]},
            },
        )
        by_query = await client.get(f"{endpoint}/SENDMESSAGE", params={"chat_id": ADA, "text": "q"})
    assert by_json.json()["result"]["reply_markup"]["inline_keyboard"][0][0]["text"] == "Go"
    assert by_query.json()["ok"] is True
    assert [m.text for m in ada.messages] == ["json", "q"]


async def test_sent_message_carries_what_ptb_needs(bot: telegram.Bot, ada: SandboxUser) -> None:
    sent = await bot.send_message(
        ADA, "<b>Hi</b> Ada", parse_mode="HTML", reply_markup=keyboard(("Go", "go"))
    )
    assert sent.chat.id == ADA
    assert sent.chat.type == "private"
    assert sent.from_user is not None
    assert sent.from_user.is_bot
    assert sent.text == "Hi Ada"
    assert sent.text_html == "<b>Hi</b> Ada"
    assert sent.reply_markup == keyboard(("Go", "go"))
    assert ada.last.html == "<b>Hi</b> Ada"


async def test_html_the_bot_forgot_to_escape_is_refused_and_recorded(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(ADA, "Meeting <Bob> at 5", parse_mode="HTML")
    assert ada.messages == []
    (rejection,) = server.rejections
    assert rejection.method == "sendMessage"
    assert rejection.description == (
        'Bad Request: can\'t parse entities: Unsupported start tag "bob" at byte offset 8'
    )
    assert rejection.params["text"] == "Meeting <Bob> at 5"


async def test_text_limit_is_4096_after_parsing(bot: telegram.Bot, ada: SandboxUser) -> None:
    await bot.send_message(ADA, "a" * 4096)
    # Markup does not count; the displayed text is still exactly 4096.
    await bot.send_message(ADA, "<b>" + "a" * 4095 + "&amp;</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(ADA, "a" * 4097)
    # An emoji outside the BMP counts as two.
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(ADA, "😀" * 2048 + "a")
    assert len(ada.messages) == 2


@pytest.mark.parametrize(("text", "parse_mode"), [("   \n ", None), ("<b> </b>", "HTML")])
async def test_empty_text_is_refused(
    bot: telegram.Bot, ada: SandboxUser, text: str, parse_mode: str | None
) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(ADA, text, parse_mode=parse_mode)


async def test_callback_data_may_be_64_bytes_but_not_65(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    await bot.send_message(ADA, "ok", reply_markup=keyboard(("A", "x" * 64)))
    await bot.send_message(ADA, "ok", reply_markup=keyboard(("A", "é" * 32)))
    for data in ("x" * 65, "é" * 33):
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.send_message(ADA, "too long", reply_markup=keyboard(("A", data)))
    assert len(ada.messages) == 2
    assert [r.description for r in server.rejections] == ["Bad Request: BUTTON_DATA_INVALID"] * 2


@pytest.mark.parametrize(
    ("button", "error"),
    [
        (InlineKeyboardButton("", callback_data="x"), "BUTTON_TEXT_INVALID"),
        (
            InlineKeyboardButton("A", callback_data=""),
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        ),
        (
            InlineKeyboardButton("A"),
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        ),
        (InlineKeyboardButton("A", url="not a url"), "BUTTON_URL_INVALID"),
    ],
)
async def test_invalid_buttons_are_refused(
    bot: telegram.Bot,
    server: SandboxServer,
    ada: SandboxUser,
    button: InlineKeyboardButton,
    error: str,
) -> None:
    with pytest.raises(BadRequest):
        await bot.send_message(ADA, "x", reply_markup=InlineKeyboardMarkup([[button]]))
    assert [r.description for r in server.rejections] == [f"Bad Request: {error}"]
    assert ada.messages == []


async def test_identical_edit_is_not_modified(bot: telegram.Bot, ada: SandboxUser) -> None:
    sent = await bot.send_message(ADA, "Pick", reply_markup=keyboard(("A", "a")))
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Pick", ADA, sent.message_id, reply_markup=keyboard(("A", "a")))
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(ADA, sent.message_id, reply_markup=keyboard(("A", "a")))
    # Same text with a different keyboard is a real change.
    await bot.edit_message_text("Pick", ADA, sent.message_id, reply_markup=keyboard(("B", "b")))
    assert ada.last.labels == ["B"]
    assert ada.last.edited


async def test_editing_text_without_markup_removes_the_keyboard(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    sent = await bot.send_message(ADA, "Pick", reply_markup=keyboard(("A", "a")))
    edited = await bot.edit_message_text("Picked A", ADA, sent.message_id)
    assert isinstance(edited, telegram.Message)
    assert edited.reply_markup is None
    assert edited.edit_date is not None
    assert ada.last.buttons == []


async def test_edit_and_delete_of_unknown_messages_are_refused(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", ADA, 999)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ADA, 999)
    sent = await bot.send_message(ADA, "bye")
    assert await bot.delete_message(ADA, sent.message_id)
    assert ada.messages == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ADA, sent.message_id)


async def test_unknown_chat_and_blocked_user(bot: telegram.Bot, ada: SandboxUser) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(7777, "hello?")
    ada.blocked = True
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ADA, "hello?")
    ada.blocked = False
    await bot.send_message(ADA, "hello again")


async def test_a_press_becomes_a_callback_query_answered_once(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    sent = await bot.send_message(ADA, "When?", reply_markup=keyboard(("Tomorrow", "day:1")))
    assert await ada.press(label="Tomorrow") == "day:1"
    (update,) = await bot.get_updates()
    query = update.callback_query
    assert query is not None
    assert query.data == "day:1"
    assert query.from_user.id == ADA
    assert isinstance(query.message, telegram.Message)
    assert query.message.message_id == sent.message_id
    assert query.message.text == "When?"
    assert await query.answer("Saved")
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer("Saved again")
    assert ada.callback_answers == ["Saved"]


# PTB itself warns, while building RetryAfter, that retry_after will become a timedelta.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_injected_429_reaches_ptb_as_retry_after(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    server.inject("sendMessage", retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ADA, "hi")
    assert str(caught.value) == "Flood control exceeded. Retry in 3 seconds"
    await bot.send_message(ADA, "hi")
    assert [m.text for m in ada.messages] == ["hi"]
    assert server.rejections == []


async def test_injected_status_applies_the_given_number_of_times(
    bot: telegram.Bot, server: SandboxServer
) -> None:
    server.inject("getMe", status=502, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.get_me()
    assert (await bot.get_me()).is_bot


async def test_injected_drop_and_delay(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    server.inject("sendMessage", drop=True)
    with pytest.raises(NetworkError):
        await bot.send_message(ADA, "lost")
    server.inject("sendMessage", delay=0.3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await bot.send_message(ADA, "slow")
    assert loop.time() - started >= 0.3
    assert [m.text for m in ada.messages] == ["slow"]


@pytest.mark.parametrize(("status", "error"), [(400, BadRequest), (404, InvalidToken)])
async def test_an_injected_error_can_quote_the_path_like_a_proxy(
    bot: telegram.Bot, server: SandboxServer, status: int, error: type[Exception]
) -> None:
    server.inject("getMe", status=status, quote_path=True)
    with pytest.raises(error) as caught:
        await bot.get_me()
    assert str(caught.value) == f"/bot{SANDBOX_TOKEN}/getMe"


async def test_an_injected_502_quoting_the_path_is_a_proxys_html_page(
    server: SandboxServer,
) -> None:
    server.inject("sendMessage", status=502, quote_path=True)
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{server.base_url}{SANDBOX_TOKEN}/sendMessage")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert f"Bad Gateway for /bot{SANDBOX_TOKEN}/sendMessage" in response.text
    assert f"/bot{SANDBOX_TOKEN.replace(':', '%3A')}/sendMessage" in response.text
    assert server.rejections == []


async def test_quoting_the_path_needs_an_error_to_quote_it_in(server: SandboxServer) -> None:
    with pytest.raises(ValueError, match="quote_path"):
        server.inject("getMe", quote_path=True)


async def test_inject_refuses_unknown_method_names(server: SandboxServer) -> None:
    with pytest.raises(ValueError, match="sendMesage"):
        server.inject("sendMesage")


async def test_long_poll_returns_as_soon_as_the_user_sends(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    assert not poll.done()
    await ada.send("hello")
    (update,) = await asyncio.wait_for(poll, 2)
    assert loop.time() - started < 1
    assert update.message is not None
    assert update.message.text == "hello"


async def test_long_poll_waits_its_timeout_then_returns_empty(bot: telegram.Bot) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=dtm.timedelta(seconds=0.3)) == ()
    assert 0.3 <= loop.time() - started < 1


async def test_offset_confirms_and_forgets_earlier_updates(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    await ada.send("one")
    await ada.send("two")
    first = await bot.get_updates()
    assert [u.message.text for u in first if u.message] == ["one", "two"]
    # Unconfirmed updates are delivered again.
    assert len(await bot.get_updates()) == 2
    await bot.get_updates(offset=first[0].update_id + 1)
    remaining = await bot.get_updates()
    assert [u.update_id for u in remaining] == [first[1].update_id]
    assert await bot.get_updates(offset=first[1].update_id + 1) == ()
    assert await bot.get_updates() == ()


async def test_limit_and_allowed_updates(bot: telegram.Bot, ada: SandboxUser) -> None:
    await bot.send_message(ADA, "Pick", reply_markup=keyboard(("A", "a")))
    await bot.get_updates(allowed_updates=["message"])
    await ada.press(label="A")
    await ada.send("one")
    await ada.send("two")
    updates = await bot.get_updates(limit=1)
    assert [u.message.text for u in updates if u.message] == ["one"]


async def test_a_second_poller_terminates_the_first_with_conflict(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    # A second process polling with the same token, as when two instances run by mistake.
    async with telegram.Bot(SANDBOX_TOKEN, base_url=server.base_url) as second_instance:
        second = asyncio.create_task(second_instance.get_updates(timeout=5))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 2)
        await ada.send("hi")
        assert len(await asyncio.wait_for(second, 2)) == 1
    assert [r.status for r in server.rejections] == [409]


async def test_delete_webhook_can_drop_pending_updates(bot: telegram.Bot, ada: SandboxUser) -> None:
    await ada.send("old")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_user_upload_can_be_fetched_and_downloaded(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    await ada.upload("contacts.csv", b"name\nBob\n", "text/csv; charset=utf-8", caption="my list")
    (update,) = await bot.get_updates()
    assert update.message is not None
    document = update.message.document
    assert document is not None
    assert (document.file_name, document.mime_type, document.file_size) == (
        "contacts.csv",
        "text/csv; charset=utf-8",
        9,
    )
    assert update.message.caption == "my list"
    file = await bot.get_file(document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"name\nBob\n"


async def test_bot_document_upload_and_resend_by_file_id(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    sent = await bot.send_document(
        ADA,
        b'{"contacts": []}',
        filename="export.json",
        caption="<b>Your data</b>",
        parse_mode="HTML",
    )
    assert sent.document is not None
    assert sent.caption == "Your data"
    again = await bot.send_document(ADA, sent.document.file_id)
    assert again.document is not None
    assert again.document.file_id == sent.document.file_id
    assert [(m.document_name, m.document_content, m.text) for m in ada.messages] == [
        ("export.json", b'{"contacts": []}', "Your data"),
        ("export.json", b'{"contacts": []}', ""),
    ]
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_document(ADA, "no-such-file-id")
    with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
        await bot.get_file("no-such-file-id")


async def test_commands_round_trip_and_invalid_commands_are_refused(bot: telegram.Bot) -> None:
    await bot.set_my_commands([("start", "Begin"), ("prep", "Prepare for a meeting")])
    assert [(c.command, c.description) for c in await bot.get_my_commands()] == [
        ("start", "Begin"),
        ("prep", "Prepare for a meeting"),
    ]
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([("Prep-Meeting", "Bad name")])
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_chat_action_is_checked(bot: telegram.Bot, ada: SandboxUser) -> None:
    assert await bot.send_chat_action(ADA, "typing")
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(ADA, "dancing")


async def test_stop_releases_a_waiting_long_poll_promptly(bot: telegram.Bot) -> None:
    server = SandboxServer()
    await server.start()
    async with telegram.Bot(SANDBOX_TOKEN, base_url=server.base_url) as other:
        poll = asyncio.create_task(other.get_updates(timeout=30))
        await asyncio.sleep(0.1)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await server.stop()
        assert await asyncio.wait_for(poll, 2) == ()
        assert loop.time() - started < 1.5
