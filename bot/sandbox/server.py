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
import time
import urllib.parse
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiohttp import web

from bot.sandbox.errors import ApiError, injected, not_found, unauthorized
from bot.sandbox.methods import METHODS, Call
from bot.sandbox.models import Rejection
from bot.sandbox.params import Params, read_params
from bot.sandbox.reader import SandboxChat
from bot.sandbox.user import SandboxUser
from bot.sandbox.world import BotStatus, ChatKind, World

logger = logging.getLogger(__name__)

# Any token shaped like Telegram's is a bot: "<bot id>:<secret>".
_TOKEN = re.compile(r"(\d+):[A-Za-z0-9_-]{20,}")
# Room for Telegram's 50 MB upload limit, so a bigger file gets Telegram's JSON error.
_MAX_REQUEST_BYTES = 60 * 1024 * 1024
_dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))

# A token that is valid here and worthless anywhere else, for the terminal chat and tests.
SANDBOX_TOKEN = "123456789:sandbox-token-not-a-secret"


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made, when it arrived, and the fault a test injected into it."""

    at: float
    """time.monotonic() on arrival."""
    method: str
    chat_id: int | None
    injected: str | None
    """e.g. "429", "502", "drop", "delay", "hold", "lose_reply", "delay_reply"; None: served
    plainly."""


class Hold:
    """A call kept waiting (see `SandboxServer.inject`): `reached` is set when it arrives; it
    goes on once `release()` is called."""

    def __init__(self) -> None:
        self.reached = asyncio.Event()
        self.released = asyncio.Event()

    def release(self) -> None:
        self.released.set()


@dataclass
class _Injection:
    status: int | None
    retry_after: int | None
    delay: float
    drop: bool
    lose_reply: bool
    delay_reply: float
    chat_id: int | None
    quote_path: bool
    hold: Hold | None = None

    def describe(self) -> str:
        if self.status is not None:
            return str(self.status)
        if self.drop:
            return "drop"
        if self.lose_reply:
            return "lose_reply"
        if self.delay_reply:
            return "delay_reply"
        return "hold" if self.hold is not None else "delay"

    def applies_to(self, params: Params) -> bool:
        if self.chat_id is None:
            return True
        return _chat_id(params) == self.chat_id


class SandboxServer:
    """Usable as `async with SandboxServer() as server:`; see `user()` to act as a person."""

    def __init__(self, first_update_id: int = 1) -> None:
        """`first_update_id`: where update ids start. A bot keeps the ids it has handled, as
        Telegram's only grow; a sandbox started again on the same database must not reuse
        them."""
        self.world = World(first_update_id)
        self.rejections: list[Rejection] = []
        self.calls: Counter[str] = Counter()
        self.call_log: list[ApiCall] = []
        self._injections: defaultdict[str, deque[_Injection]] = defaultdict(deque)
        self._revoked: set[str] = set()
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
        lose_reply: bool = False,
        delay_reply: float = 0.0,
        chat_id: int | None = None,
        quote_path: bool = False,
        hold: Hold | None = None,
    ) -> None:
        """Make the next `times` calls of `method` fail, stall or lose their connection.

        `status` defaults to 429 (with retry_after 1 unless given), unless only `delay`, `drop`,
        `lose_reply` or `delay_reply` is asked for: then the call is just delayed (and then
        answered normally), dropped before it has any effect, carried out with the connection
        dropped instead of the answer (it happened, but the bot never hears so), or carried
        out at once with its answer held back for `delay_reply` seconds. `hold` keeps the
        call waiting until the test releases it, as Telegram answering slowly would.
        With `chat_id`, only calls for that chat count. Injected errors are not rejections:
        the bot did nothing wrong.

        `quote_path` makes the error quote the request path, token and all, as a self-hosted
        server or a proxy in front of one may: a 502 as a proxy's HTML page (the path as sent
        and URL-encoded), any other status as JSON whose description is the path.
        """
        if method.lower() not in METHODS:
            raise ValueError(f"unknown Bot API method {method!r}")
        if (lose_reply or delay_reply) and (drop or status is not None):
            raise ValueError("lose_reply and delay_reply carry the call out: it cannot also fail")
        if quote_path and status is None:
            raise ValueError("quote_path quotes the path in an error: give its status")
        if status is None and not (delay or drop or lose_reply or delay_reply or hold):
            status = 429
        queue = self._injections[method.lower()]
        queue.extend(
            _Injection(
                status, retry_after, delay, drop, lose_reply, delay_reply, chat_id, quote_path, hold
            )
            for _ in range(times)
        )

    def revoke(self, token: str) -> None:
        """As /revoke in BotFather: from now on every call with `token` answers 401, the
        long poll waiting now included."""
        self._revoked.add(token)
        self.world.end_poll()

    @property
    def pending_injections(self) -> int:
        """Injected faults not yet used up."""
        return sum(len(queue) for queue in self._injections.values())

    def user(
        self,
        user_id: int,
        first_name: str = "Ada",
        username: str | None = None,
        *,
        started: bool = True,
    ) -> SandboxUser:
        """The person with this id (created with their private chat on first use). Someone
        not `started` never pressed Start: the bot cannot write to them until they write."""
        if user_id not in self._users:
            chat = self.world.add_person(user_id, first_name, username, started=started)
            assert chat.person is not None
            self._users[user_id] = SandboxUser(self.world, chat.person, chat, self.rejections)
        return self._users[user_id]

    def group(
        self,
        title: str,
        members: list[SandboxUser],
        *,
        supergroup: bool = False,
        bot_status: BotStatus = "left",
    ) -> SandboxChat:
        """A group of these people, without the bot until one of them adds it; or with it
        from the start (`bot_status` "member" or "administrator"), as a group it joined long
        ago, before anything here began."""
        kind: ChatKind = "supergroup" if supergroup else "group"
        people = [member.person for member in members]
        return SandboxChat(self.world.add_group(title, kind, people, bot_status), self.rejections)

    def channel(
        self, title: str, owner: SandboxUser, *, bot_status: BotStatus = "left"
    ) -> SandboxChat:
        """A channel `owner` posts in; the bot sees posts only as an administrator there."""
        chat = self.world.add_group(title, "channel", [owner.person], bot_status)
        return SandboxChat(chat, self.rejections)

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        token = request.match_info["token"]
        bot_id = _bot_id(token)
        if bot_id is None:
            return self._refuse(request, method, unauthorized(), {})
        if token in self._revoked:  # not a rejection: the bot cannot know before it asks
            return _json(unauthorized().to_json())
        entry = METHODS.get(method.lower())
        if entry is None:
            return self._refuse(request, method, not_found(), {})
        name, handler = entry
        self.world.bot_id = bot_id
        self.calls[name] += 1
        params = Params({})
        try:
            params = await read_params(request)
        except ApiError as error:
            return self._refuse(request, name, error, params.public())
        injection = self._take_injection(name, params)
        self.call_log.append(
            ApiCall(
                time.monotonic(),
                name,
                _chat_id(params),
                injection.describe() if injection is not None else None,
            )
        )
        if injection is not None:
            if injection.delay:
                await asyncio.sleep(injection.delay)
            if injection.hold is not None:
                injection.hold.reached.set()
                await injection.hold.released.wait()
            if injection.drop:
                return _drop(request)
            if injection.status is not None and injection.quote_path:
                return _quoting_path(request, injection.status)
            if injection.status is not None:
                return _json(injected(injection.status, injection.retry_after).to_json())
        try:
            result = await handler(Call(self.world, params, bot_id))
            response = _json({"ok": True, "result": result})
        except ApiError as error:
            response = self._refuse(request, name, error, params.public())
        if token in self._revoked:  # revoked while the call waited (a long poll)
            return _json(unauthorized().to_json())
        if injection is not None and injection.delay_reply:
            await asyncio.sleep(injection.delay_reply)
        if injection is not None and injection.lose_reply:
            return _drop(request)
        return response

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if _bot_id(request.match_info["token"]) is None:
            return self._refuse(request, "file", unauthorized(), {})
        stored = self.world.files_by_path.get(request.match_info["path"])
        if stored is None:
            return self._refuse(request, "file", not_found(), {"path": request.match_info["path"]})
        # Set as a raw header: aiohttp's content_type= refuses values with parameters.
        return web.Response(body=stored.content, headers={"Content-Type": stored.mime_type})

    def _take_injection(self, name: str, params: Params) -> _Injection | None:
        queue = self._injections.get(name.lower())
        if not queue:
            return None
        for injection in queue:
            if injection.applies_to(params):
                queue.remove(injection)
                return injection
        return None

    def _refuse(
        self, request: web.Request, method: str, error: ApiError, params: dict[str, Any]
    ) -> web.Response:
        # An answer nobody receives (a long poll whose client already left) refused nothing.
        if request.transport is not None and not request.transport.is_closing():
            self.rejections.append(Rejection(method, error.status, error.description, params))
            logger.debug("refused %s: %s %s", method, error.status, error.description)
        return _json(error.to_json())


def _chat_id(params: Params) -> int | None:
    try:
        return params.integer("chat_id")
    except ApiError:
        return None


def _bot_id(token: str) -> int | None:
    match = _TOKEN.fullmatch(token)
    return int(match.group(1)) if match else None


def _json(body: dict[str, Any]) -> web.Response:
    status = 200 if body.get("ok") else int(body["error_code"])
    return web.json_response(body, status=status, dumps=_dumps)


def _quoting_path(request: web.Request, status: int) -> web.Response:
    if status == 502:
        encoded = urllib.parse.quote(request.path)
        page = (
            "<html><head><title>502 Bad Gateway</title></head><body>"
            f"<h1>Bad Gateway</h1><p>Bad Gateway for {request.path}</p>"
            f'<p><a href="{encoded}">Try again</a></p></body></html>'
        )
        return web.Response(status=status, text=page, content_type="text/html")
    return _json({"ok": False, "error_code": status, "description": request.path})


def _drop(request: web.Request) -> web.Response:
    if request.transport is not None:
        request.transport.abort()
    return web.Response()
