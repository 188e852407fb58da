"""The sandbox's fault injection and records that test_faults and test_kill rely on, driven
by a plain telegram.Bot: if these lie, those tests prove nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import telegram
from telegram.error import NetworkError

from bot.sandbox.server import SANDBOX_TOKEN, SandboxServer
from bot.sandbox.user import SandboxUser

ADA, BOB = 42, 43


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as running:
        yield running


@pytest.fixture
async def bot(server: SandboxServer) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(SANDBOX_TOKEN, base_url=server.base_url) as connected:
        yield connected


@pytest.fixture
def ada(server: SandboxServer) -> SandboxUser:
    return server.user(ADA, "Ada")


async def test_confirmation_is_recorded_by_the_offset_of_a_later_poll(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    await ada.send("one")
    await ada.send("two")
    first, second = ada.update_ids
    fetched = await bot.get_updates(timeout=0)
    assert [u.update_id for u in fetched] == [first, second]
    assert server.world.handed_out == {first: 1, second: 1}
    assert not server.world.confirmed(first)  # fetched is not confirmed
    await bot.get_updates(offset=second, timeout=0)  # confirms the first only
    assert server.world.confirmed(first) and not server.world.confirmed(second)
    assert server.world.handed_out[second] == 2  # handed out again: it was not confirmed
    assert server.world.history[first]["message"]["text"] == "one"


async def test_lose_reply_carries_the_call_out_but_the_bot_never_hears(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    server.inject("sendMessage", lose_reply=True)
    with pytest.raises(NetworkError):
        await bot.send_message(ADA, "delivered all the same")
    assert [m.text for m in ada.messages] == ["delivered all the same"]

    await ada.send("hello")
    server.inject("getUpdates", lose_reply=True)
    with pytest.raises(NetworkError):
        await bot.get_updates(timeout=0)
    [update_id] = ada.update_ids
    assert server.world.handed_out[update_id] == 1
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [update_id]


async def test_delay_reply_holds_the_answer_after_the_call_took_effect(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    server.inject("sendMessage", delay_reply=0.5)
    sending = asyncio.create_task(bot.send_message(ADA, "early"))
    await ada.next_event(timeout=0.4)  # seen by the person while the bot still waits
    assert not sending.done()
    await sending


async def test_an_injection_for_one_chat_waits_for_a_call_for_that_chat(
    bot: telegram.Bot, server: SandboxServer, ada: SandboxUser
) -> None:
    server.user(BOB, "Bob")
    server.inject("sendMessage", status=502, chat_id=BOB)
    await bot.send_message(ADA, "fine")
    assert server.pending_injections == 1
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(BOB, "fails")
    assert server.pending_injections == 0
    calls = [(c.method, c.chat_id, c.injected) for c in server.call_log if c.method != "getMe"]
    assert calls == [("sendMessage", ADA, None), ("sendMessage", BOB, "502")]
    assert [(s.chat_id, s.method) for s in server.world.sends] == [(ADA, "sendMessage")]


async def test_lose_reply_cannot_also_fail_the_call(server: SandboxServer) -> None:
    with pytest.raises(ValueError, match="cannot also fail"):
        server.inject("sendMessage", status=500, lose_reply=True)
