"""What tests see of the sandbox: bot messages as a person would, answers, refused requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class BotMessage:
    """One bot message as it stood at a moment (snapshots do not change when the bot edits)."""

    message_id: int
    html: str
    """The text (or caption) exactly as the bot sent it, markup included."""
    text: str
    """What the person reads: entities parsed, surrounding whitespace trimmed."""
    buttons: list[list[Button]] = field(default_factory=list)
    edited: bool = False
    parse_mode: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    document_name: str | None = None
    document_content: bytes | None = None
    document_mime_type: str | None = None

    @property
    def labels(self) -> list[str]:
        return [button.text for row in self.buttons for button in row]

    def describe(self) -> str:
        """One line for assertion messages."""
        parts = [f"#{self.message_id}{' (edited)' if self.edited else ''}: {self.text!r}"]
        if self.document_name is not None:
            parts.append(f"document {self.document_name!r}")
        if self.buttons:
            parts.append(f"buttons {self.labels}")
        return " ".join(parts)


@dataclass(frozen=True)
class CallbackAnswer:
    """The bot's answerCallbackQuery: a toast (or an alert) shown to the person who pressed."""

    text: str
    show_alert: bool = False
    url: str | None = None


@dataclass(frozen=True)
class MessageDeleted:
    message_id: int


ChatEvent = BotMessage | CallbackAnswer | MessageDeleted


@dataclass(frozen=True)
class Rejection:
    """A request the sandbox refused with a 4xx, as Telegram would have."""

    method: str
    status: int
    description: str
    params: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.method} -> {self.status} {self.description} {self.params}"
