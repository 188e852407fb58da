"""The terminal chat: typed lines go to the real bot, its messages come back readable."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer
from bot.sandbox.terminal import run_terminal


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    await update.effective_message.reply_html(
        'Meeting <b>Bob</b> from <i>Acme</i>, see <a href="https://acme.test">site</a>.',
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Tomorrow", callback_data="tomorrow"),
                    InlineKeyboardButton("Skip", callback_data="skip"),
                ]
            ]
        ),
    )


async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query
    await query.answer("Saved")
    await query.edit_message_text(f"Follow-up set: <b>{query.data}</b>", parse_mode=ParseMode.HTML)


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as running:
        application = Application.builder().token(SANDBOX_TOKEN).base_url(running.base_url).build()
        application.add_handler(CommandHandler("start", start))
        application.add_handler(CallbackQueryHandler(chosen))
        async with application:
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0)
            yield running
            await application.updater.stop()
            await application.stop()


async def chat(server: SandboxServer, typed: str) -> str:
    stdout = io.StringIO()
    await asyncio.wait_for(run_terminal(server, stdin=io.StringIO(typed), stdout=stdout), 15)
    return stdout.getvalue()


async def test_messages_render_readably_and_numbers_press_buttons(server: SandboxServer) -> None:
    output = await chat(server, "/start\n1\n")
    assert "type the number to press" in output  # the banner explains buttons
    assert "you: /start" in output
    assert "Meeting *Bob* from _Acme_, see site (https://acme.test)." in output
    assert "  [1] Tomorrow   [2] Skip" in output
    assert "» Saved" in output
    assert "bot (edited):\nFollow-up set: *tomorrow*" in output
    # The edit came after the press, not before it.
    assert output.index("[1] Tomorrow") < output.index("Follow-up set")
    assert "\x1b[" not in output  # no escape codes when the output is not a terminal
    assert server.rejections == []


async def test_numbers_without_a_matching_button_explain_themselves(
    server: SandboxServer,
) -> None:
    output = await chat(server, "1\n/start\n7\n")
    assert "(there are no buttons to press)" in output
    assert "(choose a button from 1 to 2)" in output
    assert "Follow-up set" not in output


async def test_quit_ends_the_chat_before_eof(server: SandboxServer) -> None:
    output = await chat(server, "/quit\n/start\n")
    assert output.rstrip().endswith("Bye.")
    assert "Meeting" not in output
    assert server.user(1).messages == []
