"""SandboxUser: acting as a person against the real PTB polling loop, and reading the chat."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer
from bot.sandbox.user import NoBotReplyError, SandboxUser

ADA = 42
WHEN = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Tomorrow", callback_data="when:tomorrow"),
            InlineKeyboardButton("Next week", callback_data="when:week"),
        ],
        [InlineKeyboardButton("Skip", callback_data="when:skip")],
        [InlineKeyboardButton("Read the guide", url="https://example.com/guide")],
    ]
)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message and update.effective_user
    await update.effective_message.reply_html(
        f"Welcome, <b>{update.effective_user.first_name}</b>. When do you meet them?",
        reply_markup=WHEN,
    )


async def when(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query and query.data
    await query.answer(f"Noted: {query.data}")
    await query.edit_message_text(f"Meeting: <i>{query.data}</i>", parse_mode=ParseMode.HTML)


async def contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    await update.effective_message.reply_text(f"Looking up {' '.join(context.args or [])}")


async def broken(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    # The template forgot to escape a name with angle brackets.
    await update.effective_message.reply_html("Met <Bob>")


async def shared_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message and update.effective_message.contact
    card = update.effective_message.contact
    await update.effective_message.reply_text(f"Saved {card.first_name} {card.phone_number}")


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message and update.effective_message.document
    file = await update.effective_message.document.get_file()
    content = bytes(await file.download_as_bytearray())
    await update.effective_message.reply_text(f"Read {len(content.splitlines())} lines")


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as running:
        yield running


@pytest.fixture
async def running_bot(server: SandboxServer) -> AsyncIterator[None]:
    """A small real Application, polling the sandbox exactly as in production."""
    application = (
        Application.builder()
        .token(SANDBOX_TOKEN)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("contact", contact))
    application.add_handler(CommandHandler("broken", broken))
    application.add_handler(CallbackQueryHandler(when))
    application.add_handler(MessageHandler(filters.CONTACT, shared_contact))
    application.add_handler(MessageHandler(filters.Document.ALL, document))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0)
        yield
        await application.updater.stop()
        await application.stop()
    assert server.rejections == [], "the bot sent something Telegram would refuse"


@pytest.fixture
def ada(server: SandboxServer) -> SandboxUser:
    return server.user(ADA, "Ada")


@pytest.fixture
async def bot(server: SandboxServer) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(
        SANDBOX_TOKEN, base_url=server.base_url, base_file_url=server.base_file_url
    ) as connected:
        yield connected


@pytest.mark.usefixtures("running_bot")
async def test_command_button_and_edit_through_the_polling_loop(ada: SandboxUser) -> None:
    await ada.send("/start")
    welcome = await ada.next_event()
    assert welcome.text == "Welcome, Ada. When do you meet them?"
    assert welcome.html == "Welcome, <b>Ada</b>. When do you meet them?"
    assert welcome.labels == ["Tomorrow", "Next week", "Skip", "Read the guide"]

    assert await ada.press(label="Tomorrow") == "when:tomorrow"
    edited = await ada.next_event()
    assert edited.message_id == welcome.message_id
    assert edited.edited
    assert edited.text == "Meeting: when:tomorrow"
    assert edited.buttons == []
    assert ada.callback_answers == ["Noted: when:tomorrow"]
    assert [m.text for m in ada.messages] == ["Meeting: when:tomorrow"]
    await ada.expect_silence(0.2)


@pytest.mark.usefixtures("running_bot")
async def test_command_arguments_reach_the_handler(ada: SandboxUser) -> None:
    await ada.send("/contact Bob Lee")
    assert (await ada.next_event()).text == "Looking up Bob Lee"


@pytest.mark.usefixtures("running_bot")
async def test_shared_contact_and_uploaded_document_reach_the_handlers(ada: SandboxUser) -> None:
    await ada.share_contact("+15550100", "Bob", "Lee")
    assert (await ada.next_event()).text == "Saved Bob +15550100"
    await ada.upload("people.csv", b"name\nBob\nCy\n", "text/csv")
    assert (await ada.next_event()).text == "Read 3 lines"


async def test_waiting_in_vain_explains_what_the_bot_did_and_what_was_refused(
    server: SandboxServer, running_bot: None, ada: SandboxUser
) -> None:
    await ada.send("/start")
    await ada.next_event()
    await ada.send("/broken")
    with pytest.raises(NoBotReplyError) as caught:
        await ada.next_event(timeout=0.5)
    report = str(caught.value)
    assert "Welcome, Ada" in report
    assert 'can\'t parse entities: Unsupported start tag "bob"' in report
    # The fixture's own check would fail on the refusal this test provoked on purpose.
    server.rejections.clear()


async def test_no_reply_is_also_a_timeout_error(ada: SandboxUser) -> None:
    with pytest.raises(TimeoutError):
        await ada.next_event(timeout=0.05)


async def test_expect_silence_fails_on_unread_or_new_messages(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    await ada.expect_silence(0.05)
    await bot.send_message(ADA, "Reminder: follow up with Bob")
    with pytest.raises(AssertionError, match="follow up with Bob"):
        await ada.expect_silence(0.05)
    await ada.next_event()
    await ada.expect_silence(0.05)


async def test_press_matches_exact_label_then_a_unique_part(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    sent = await bot.send_message(ADA, "When?", reply_markup=WHEN)
    assert await ada.press(label="next") == "when:week"
    assert await ada.press("Skip") == "when:skip"
    message = await ada.next_event()
    assert await ada.press(message, "Tomorrow") == "when:tomorrow"
    updates = await bot.get_updates()
    assert [
        (u.callback_query.data, u.callback_query.message.message_id)
        for u in updates
        if u.callback_query and u.callback_query.message
    ] == [
        ("when:week", sent.message_id),
        ("when:skip", sent.message_id),
        ("when:tomorrow", sent.message_id),
    ]


async def test_press_explains_which_labels_exist(bot: telegram.Bot, ada: SandboxUser) -> None:
    with pytest.raises(AssertionError, match="no bot message with buttons"):
        await ada.press(label="Skip")
    await bot.send_message(ADA, "When?", reply_markup=WHEN)
    with pytest.raises(AssertionError, match=r"no button matches 'Later'.*'Tomorrow', 'Next week'"):
        await ada.press(label="Later")
    with pytest.raises(AssertionError, match="several buttons match 'e'"):
        await ada.press(label="e")


async def test_link_buttons_send_nothing(bot: telegram.Bot, ada: SandboxUser) -> None:
    await bot.send_message(ADA, "Guide", reply_markup=WHEN)
    assert await ada.press(label="Read the guide") == "https://example.com/guide"
    assert await bot.get_updates() == ()


async def test_press_uses_the_message_as_it_is_now(bot: telegram.Bot, ada: SandboxUser) -> None:
    sent = await bot.send_message(ADA, "When?", reply_markup=WHEN)
    snapshot = await ada.next_event()
    await bot.edit_message_reply_markup(ADA, sent.message_id)
    with pytest.raises(AssertionError, match="no button matches 'Tomorrow'"):
        await ada.press(snapshot, "Tomorrow")
    # A stale or forged press can still be sent on purpose.
    await ada.press_data(sent.message_id, "when:tomorrow")
    (update,) = await bot.get_updates()
    assert update.callback_query is not None
    assert update.callback_query.data == "when:tomorrow"


async def test_messages_follow_edits_and_deletions(bot: telegram.Bot, ada: SandboxUser) -> None:
    first = await bot.send_message(ADA, "one")
    second = await bot.send_message(ADA, "two")
    await bot.edit_message_text("two, edited", ADA, second.message_id)
    await bot.delete_message(ADA, first.message_id)
    assert [(m.text, m.edited) for m in ada.messages] == [("two, edited", True)]
    assert ada.last.text == "two, edited"
    events = [await ada.next_event() for _ in range(3)]
    assert [(e.text, e.edited) for e in events] == [
        ("one", False),
        ("two", False),
        ("two, edited", True),
    ]


async def test_commands_carry_bot_command_entities(bot: telegram.Bot, ada: SandboxUser) -> None:
    await ada.send("/contact Bob")
    await ada.send("hello 😀 /help")
    await ada.send("no command here")
    updates = await bot.get_updates()
    entities = [
        [(e.type, e.offset, e.length) for e in u.message.entities] for u in updates if u.message
    ]
    assert entities == [[("bot_command", 0, 8)], [("bot_command", 9, 5)], []]


def test_same_person_is_the_same_user(server: SandboxServer) -> None:
    assert server.user(ADA) is server.user(ADA)
