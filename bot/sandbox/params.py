"""Bot API request parameters, however they arrive.

PTB posts form fields (multipart when a file is attached) where strings are sent as they are and
every other value is JSON-encoded: `chat_id=42`, `disable_notification=true`,
`reply_markup={"inline_keyboard": ...}`. Other clients send a JSON body or a query string, where
values keep their JSON types. The accessors below accept both spellings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.sandbox.errors import bad_request

_INTEGER = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes
    content_type: str


class Params:
    def __init__(self, values: dict[str, Any], uploads: dict[str, Upload] | None = None) -> None:
        self.values = values
        self.uploads = uploads or {}

    def has(self, name: str) -> bool:
        return self.values.get(name) is not None or name in self.uploads

    def string(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        raise bad_request(f'field "{name}" must be of type String')

    def integer(self, name: str) -> int | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
            return int(value)
        raise bad_request(f'field "{name}" must be of type Integer')

    def number(self, name: str) -> float | None:
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        raise bad_request(f'field "{name}" must be of type Number')

    def boolean(self, name: str) -> bool:
        value = self.values.get(name)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1")
        return bool(value)

    def json(self, name: str, *, what: str | None = None) -> Any:
        """A structured value; `what` names it in the error as Telegram does."""
        value = self.values.get(name)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {what or name} JSON object") from None

    def public(self) -> dict[str, Any]:
        """The parameters for a rejection record, files summarised rather than copied."""
        described: dict[str, Any] = dict(self.values)
        for name, upload in self.uploads.items():
            described[name] = f"<file {upload.filename!r}, {len(upload.content)} bytes>"
        return described


async def read_params(request: web.Request) -> Params:
    values: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.method != "POST" or not request.can_read_body:
        return Params(values)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON request body") from None
        if not isinstance(body, dict):
            raise bad_request("JSON object expected as request body")
        values.update(body)
        return Params(values)
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, str):
            values[name] = value
        elif isinstance(value, web.FileField):
            uploads[name] = Upload(
                filename=value.filename,
                content=value.file.read(),
                content_type=value.content_type,
            )
        else:
            values[name] = bytes(value).decode("utf-8", errors="replace")
    return Params(values, uploads)
