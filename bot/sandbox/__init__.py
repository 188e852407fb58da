"""A Bot API server for loopback that behaves like Telegram, and the people who talk to the bot.

    async with SandboxServer() as server:
        app = (Application.builder().token(SANDBOX_TOKEN)
               .base_url(server.base_url).base_file_url(server.base_file_url).build())
        ada = server.user(42, "Ada")
        await ada.send("/start")
        reply = await ada.next_event()

The sandbox knows nothing of the bot: it only speaks the Bot API over HTTP.
"""

from bot.sandbox.models import BotMessage, Button, CallbackAnswer, Rejection
from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer
from bot.sandbox.user import NoBotReplyError, SandboxUser

__all__ = [
    "SANDBOX_TOKEN",
    "BotMessage",
    "Button",
    "CallbackAnswer",
    "NoBotReplyError",
    "Rejection",
    "SandboxServer",
    "SandboxUser",
]
