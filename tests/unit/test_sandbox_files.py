"""The sandbox's getFile keeps the cloud Bot API's download limit."""

from __future__ import annotations

import pytest
import telegram
from telegram.error import BadRequest

from bot.sandbox.methods import BOT_DOWNLOAD_LIMIT
from bot.sandbox.user import SandboxUser
from tests.unit.helpers import ada, bot, server

__all__ = ["ada", "bot", "server"]  # the fixtures, shared


async def test_a_file_over_twenty_megabytes_cannot_be_downloaded(
    bot: telegram.Bot, ada: SandboxUser
) -> None:
    await ada.upload("everyone.vcf", b"x" * (BOT_DOWNLOAD_LIMIT + 1), "text/vcard")
    await ada.upload("some.vcf", b"x" * BOT_DOWNLOAD_LIMIT, "text/vcard")
    big, limit = (update.message.document for update in await bot.get_updates())  # type: ignore[union-attr]
    assert big is not None and limit is not None
    assert big.file_size == BOT_DOWNLOAD_LIMIT + 1, "the size is told, as Telegram tells it"
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await bot.get_file(big.file_id)
    assert (await bot.get_file(limit.file_id)).file_size == BOT_DOWNLOAD_LIMIT
