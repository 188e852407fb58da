"""`commonground chat`: talk to the real bot from a terminal through the sandbox server.

The bot itself runs elsewhere in the same event loop (polling this server); this module is only
the person's side: lines typed become messages, the bot's messages and edits are printed with
their inline buttons as numbered choices, and typing a number presses one.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sys
import textwrap
import threading
from typing import TextIO

from bot.sandbox.models import BotMessage, CallbackAnswer, ChatEvent, MessageDeleted
from bot.sandbox.server import SandboxServer
from bot.sandbox.telegram_html import HtmlError, html_to_terminal
from bot.sandbox.user import SandboxUser

BANNER = """\
Chatting with Common Ground in a local sandbox (nothing leaves this machine).
Type a message and press Enter; commands work as usual, e.g. /start or /help.
Buttons appear as [1] [2] ...: type the number to press one.
/quit or Ctrl-D to leave.
"""
# Scripted input (a pipe) arrives all at once; before each line the bot gets this long, after
# its last message, to finish answering, so "1" presses a button that is already on screen.
_SETTLE_SECONDS = 0.3
_MAX_SETTLE_SECONDS = 5.0


async def run_terminal(
    server: SandboxServer,
    user_id: int = 1,
    first_name: str = "You",
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> None:
    # Looked up now, not at import: main() puts redaction in front of sys.stdout first.
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    user = server.user(user_id, first_name)
    screen = _Screen(stdout, ansi=_is_tty(stdout), width=_width())
    screen.write(BANNER + "\n")
    # Typed lines are already on screen; piped ones are echoed so the transcript reads well.
    echo_input = not _is_tty(stdin)
    loop = asyncio.get_running_loop()
    activity = _Activity()
    lines = _read_lines_in_background(stdin, loop)
    shower = asyncio.create_task(_show_events(user, screen, activity))
    try:
        while (line := await lines.get()) is not None:
            await activity.settle()
            text = line.strip()
            if text and echo_input:
                screen.write(f"you: {text}\n")
            if text == "/quit":
                break
            if text.isdigit():
                await _press_number(user, int(text), screen)
            elif text:
                await user.send(text)
            activity.touch()
        await activity.settle()
    finally:
        shower.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await shower
    screen.write("Bye.\n")


class _Activity:
    """When the chat last saw something happen, to wait for the bot to finish answering."""

    def __init__(self) -> None:
        self.last = asyncio.get_running_loop().time()
        self._changed = asyncio.Event()

    def touch(self) -> None:
        self.last = asyncio.get_running_loop().time()
        self._changed.set()

    async def settle(self) -> None:
        loop = asyncio.get_running_loop()
        give_up = loop.time() + _MAX_SETTLE_SECONDS
        while (quiet := loop.time() - self.last) < _SETTLE_SECONDS and loop.time() < give_up:
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), _SETTLE_SECONDS - quiet)


class _Screen:
    def __init__(self, stream: TextIO, *, ansi: bool, width: int) -> None:
        self.stream = stream
        self.ansi = ansi
        self.width = width

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def event(self, event: ChatEvent) -> None:
        if isinstance(event, BotMessage):
            self.write(self.message(event))
        elif isinstance(event, CallbackAnswer):
            if event.text:
                self.write(f"  {'(alert) ' if event.show_alert else '» '}{event.text}\n")
        elif isinstance(event, MessageDeleted):
            self.write("  (the bot deleted a message)\n")

    def message(self, message: BotMessage) -> str:
        header = "bot (edited):" if message.edited else "bot:"
        lines = [self.bold(header)]
        if message.document_name is not None:
            size = len(message.document_content or b"")
            lines.append(f"[file {message.document_name}, {size} bytes]")
        lines += self.wrap(self.body(message))
        lines += self.buttons(message)
        return "\n".join(lines) + "\n\n"

    def body(self, message: BotMessage) -> str:
        if (message.parse_mode or "").lower() != "html":
            return message.text
        try:
            return html_to_terminal(message.html, ansi=self.ansi).strip()
        except HtmlError:
            return message.text

    def wrap(self, text: str) -> list[str]:
        if not text:
            return []
        wrapped: list[str] = []
        for line in text.split("\n"):
            wrapped += textwrap.wrap(line, self.width, break_on_hyphens=False) or [""]
        return wrapped

    def buttons(self, message: BotMessage) -> list[str]:
        lines: list[str] = []
        number = 0
        for row in message.buttons:
            line = ""
            for button in row:
                number += 1
                choice = f"[{number}] {button.text}"
                if line and len(line) + 3 + len(choice) > self.width:
                    lines.append(line)
                    line = ""
                line = f"{line}   {choice}" if line else f"  {choice}"
            if line:
                lines.append(line)
        return lines

    def bold(self, text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if self.ansi else text


async def _show_events(user: SandboxUser, screen: _Screen, activity: _Activity) -> None:
    async for event in user.follow():
        screen.event(event)
        activity.touch()


async def _press_number(user: SandboxUser, number: int, screen: _Screen) -> None:
    with_buttons = [message for message in user.messages if message.buttons]
    if not with_buttons:
        screen.write("  (there are no buttons to press)\n")
        return
    message = with_buttons[-1]
    buttons = [button for row in message.buttons for button in row]
    if not 1 <= number <= len(buttons):
        screen.write(f"  (choose a button from 1 to {len(buttons)})\n")
        return
    button = buttons[number - 1]
    if button.callback_data is None:
        screen.write(f"  (link: {button.url})\n" if button.url else "  (nothing to press)\n")
        return
    await user.press_data(message.message_id, button.callback_data)


def _read_lines_in_background(
    stdin: TextIO, loop: asyncio.AbstractEventLoop
) -> asyncio.Queue[str | None]:
    """Lines from stdin, None at EOF. A daemon thread reads, so a blocked readline neither
    stalls the event loop nor keeps the process alive after the chat ends."""
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def deliver(line: str | None) -> bool:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        except RuntimeError:  # the loop has closed: nobody is listening any more
            return False
        return True

    def read() -> None:
        while True:
            line = stdin.readline()
            if not line:
                deliver(None)
                return
            if not deliver(line) or line.strip() == "/quit":
                return

    threading.Thread(target=read, name="terminal-stdin", daemon=True).start()
    return queue


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _width() -> int:
    # Wider than this is hard to read; narrower terminals get what they have.
    return max(min(shutil.get_terminal_size((72, 24)).columns - 2, 78), 20)
