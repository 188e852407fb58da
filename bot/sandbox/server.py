"""A Bot API server on loopback that behaves like Telegram's, for PTB to talk to over HTTP.

PTB is pointed at it with `base_url(f"{server.url}/bot")` and
`base_file_url(f"{server.url}/file/bot")`, so requests arrive as `POST /bot<token>/<method>`
and downloads as `GET /file/bot<token>/<file_path>`.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiohttp import web

from bot.sandbox.errors import ApiError, injected, not_found, unauthorized
from bot.sandbox.methods import METHODS, Call
from bot.sandbox.models import Rejection
from bot.sandbox.params import Params, read_params
from bot.sandbox.user import SandboxUser
from bot.sandbox.world import World

logger = logging.getLogger(__name__)

# Any token shaped like Telegram's is a bot: "<bot id>:<secret>".
_TOKEN = re.compile(r"(\d+):[A-Za-z0-9_-]{20,}")
# Room for Telegram's 50 MB upload limit, so a bigger file gets Telegram's JSON error.
_MAX_REQUEST_BYTES = 60 * 1024 * 1024
_dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))

# A token that is valid here and worthless anywhere else, for the terminal chat and tests.
SANDBOX_TOKEN = "123456789:sandbox-token-not-a-secret"


@dataclass
class _Injection:
    status: int | None
    retry_after: int | None
    delay: float
    drop: bool


class SandboxServer:
    """Usable as `async with SandboxServer() as server:`; see `user()` to act as a person."""

    def __init__(self) -> None:
        self.world = World()
        self.rejections: list[Rejection] = []
        self.calls: Counter[str] = Counter()
        self._injections: defaultdict[str, deque[_Injection]] = defaultdict(deque)
        self._users: dict[int, SandboxUser] = {}
        self._runner: web.AppRunner | None = None
        self._url: str | None = None

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """Root URL, e.g. "http://127.0.0.1:40123" (no trailing slash)."""
        if self._url is None:
            raise RuntimeError("SandboxServer is not started")
        return self._url

    @property
    def base_url(self) -> str:
        """For `ApplicationBuilder.base_url` / `Bot(base_url=...)`."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For `ApplicationBuilder.base_file_url` / `Bot(base_file_url=...)`."""
        return f"{self.url}/file/bot"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.world.closing = False
        app = web.Application(client_max_size=_MAX_REQUEST_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        # access_log=None: aiohttp's access log would write every URL, and URLs carry the token.
        # handler_cancellation: a client that hangs up (PTB stopping mid long poll) must not
        # leave a handler waiting that would later swallow or conflict with the next poll.
        # aiohttp already sets TCP_NODELAY on every accepted connection and keeps them alive.
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        sockets = runner.addresses
        bound_host, bound_port = sockets[0][0], sockets[0][1]
        self._url = f"http://{bound_host}:{bound_port}"

    async def stop(self) -> None:
        self.world.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def inject(
        self,
        method: str,
        *,
        status: int | None = None,
        retry_after: int | None = None,
        times: int = 1,
        delay: float = 0.0,
        drop: bool = False,
    ) -> None:
        """Make the next `times` calls of `method` fail, stall or lose their connection.

        `status` defaults to 429 (with retry_after 1 unless given), unless only `delay` or `drop`
        is asked for: then the call is just delayed (and then answered normally) or dropped.
        Injected errors are not rejections: the bot did nothing wrong.
        """
        if method.lower() not in METHODS:
            raise ValueError(f"unknown Bot API method {method!r}")
        if status is None and not (delay or drop):
            status = 429
        queue = self._injections[method.lower()]
        queue.extend(_Injection(status, retry_after, delay, drop) for _ in range(times))

    def user(
        self, user_id: int, first_name: str = "Ada", username: str | None = None
    ) -> SandboxUser:
        """The person with this id (created with their private chat on first use)."""
        if user_id not in self._users:
            chat = self.world.add_person(user_id, first_name, username)
            self._users[user_id] = SandboxUser(self.world, chat, self.rejections)
        return self._users[user_id]

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        bot_id = _bot_id(request.match_info["token"])
        if bot_id is None:
            return self._refuse(request, method, unauthorized(), {})
        entry = METHODS.get(method.lower())
        if entry is None:
            return self._refuse(request, method, not_found(), {})
        name, handler = entry
        self.calls[name] += 1
        injection = self._take_injection(name)
        if injection is not None:
            if injection.delay:
                await asyncio.sleep(injection.delay)
            if injection.drop:
                return _drop(request)
            if injection.status is not None:
                return _json(injected(injection.status, injection.retry_after).to_json())
        params = Params({})
        try:
            params = await read_params(request)
            result = await handler(Call(self.world, params, bot_id))
        except ApiError as error:
            return self._refuse(request, name, error, params.public())
        return _json({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if _bot_id(request.match_info["token"]) is None:
            return self._refuse(request, "file", unauthorized(), {})
        stored = self.world.files_by_path.get(request.match_info["path"])
        if stored is None:
            return self._refuse(request, "file", not_found(), {"path": request.match_info["path"]})
        # Set as a raw header: aiohttp's content_type= refuses values with parameters.
        return web.Response(body=stored.content, headers={"Content-Type": stored.mime_type})

    def _take_injection(self, name: str) -> _Injection | None:
        queue = self._injections.get(name.lower())
        return queue.popleft() if queue else None

    def _refuse(
        self, request: web.Request, method: str, error: ApiError, params: dict[str, Any]
    ) -> web.Response:
        # An answer nobody receives (a long poll whose client already left) refused nothing.
        if request.transport is not None and not request.transport.is_closing():
            self.rejections.append(Rejection(method, error.status, error.description, params))
            logger.debug("refused %s: %s %s", method, error.status, error.description)
        return _json(error.to_json())


def _bot_id(token: str) -> int | None:
    match = _TOKEN.fullmatch(token)
    return int(match.group(1)) if match else None


def _json(body: dict[str, Any]) -> web.Response:
    status = 200 if body.get("ok") else int(body["error_code"])
    return web.json_response(body, status=status, dumps=_dumps)


def _drop(request: web.Request) -> web.Response:
    if request.transport is not None:
        request.transport.abort()
    return web.Response()
