"""A Bot API server for loopback that behaves like Telegram, and the people who talk to the bot.

    async with SandboxServer() as server:
        app = (Application.builder().token(SANDBOX_TOKEN)
               .base_url(server.base_url).base_file_url(server.base_file_url).build())
        ada = server.user(42, "Ada")
        await ada.send("/start")
        reply = await ada.next_event()

Besides private chats there are groups and supergroups (`server.group(title, members)`),
channels (`server.channel(title, owner)`), and, when `server.world.settings` switches them on
as @BotFather would, inline queries and Telegram Business connections. People add the bot to
a group (`ada.add_bot(group)`: a my_chat_member update), write, edit and press buttons there
(`chat=group`); the bot sees in a group only what Telegram shows it (privacy mode) and can
write only where it is a member (403 otherwise).

The sandbox knows nothing of the bot: it only speaks the Bot API over HTTP.

For fault and crash tests it can misbehave and it keeps records:
- `server.inject(method, status=..., retry_after=..., delay=..., drop=..., lose_reply=...,
  delay_reply=..., chat_id=..., times=...)`: 429s, 5xx, slow calls, connections dropped
  before the call or instead of its answer, on any method (getUpdates included);
- `server.call_log`: every call with its arrival time and the fault it met;
- `server.world.sends`: every message the bot sent, per chat, with its time (flood limits);
- `server.world.history`, `.handed_out`, `.confirmed(update_id)`: every update made, how often
  getUpdates handed it out, and whether the bot has confirmed it with a later offset.
"""

from bot.sandbox.models import BotMessage, Button, CallbackAnswer, Rejection
from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer
from bot.sandbox.user import NoBotReplyError, SandboxBusiness, SandboxChat, SandboxUser

__all__ = [
    "SANDBOX_TOKEN",
    "BotMessage",
    "Button",
    "CallbackAnswer",
    "NoBotReplyError",
    "Rejection",
    "SandboxBusiness",
    "SandboxChat",
    "SandboxServer",
    "SandboxUser",
]
