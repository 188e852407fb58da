"""Inline keyboards, for replies and for what the bot sends on its own (reminders)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

Button = tuple[str, str]
"""(label, callback data)"""

# Telegram cuts button labels visually anyway; a long name would push the others off screen.
MAX_BUTTON_LABEL = 48


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(short_label(label), callback_data=data) for label, data in row]
            for row in rows
        ]
    )


def short_label(label: str, limit: int = MAX_BUTTON_LABEL) -> str:
    """On one line and at most `limit` characters (8 at the least), cut with "…"."""
    label = " ".join(label.split())
    limit = max(limit, 8)
    return label if len(label) <= limit else label[: limit - 1] + "…"
