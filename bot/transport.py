"""How the bot's requests reach the Bot API: PTB's `BaseRequest` over aiohttp's client.

PTB's own `HTTPXRequest` spends most of the bot's CPU: httpx, httpcore, h11 and anyio cost
about 80 % of a bare echo bot's time per update (bench/README.md, "Transport"). aiohttp's
client, with its C parser and asyncio protocols, does the same request for a fraction of
that, and the sandbox already depends on it.
"""

from __future__ import annotations

import os
import re
import ssl
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

import aiohttp
import certifi
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

if TYPE_CHECKING:
    from telegram._utils.types import UploadFileDict  # what RequestData.multipart_data gives

# The Bot API puts the token in the path; an error text may quote the URL.
_TOKEN_IN_PATH = re.compile(r"/bot[^/\s'\"]+")


class AiohttpRequest(BaseRequest):
    """Bot API requests over at most `connections` kept-alive connections.

    The time-outs mean what they mean for `HTTPXRequest`. aiohttp has no write time-out, so
    the whole request is bounded by the sum of all four instead: a stalled upload still
    ends, and a request that merely waits its turn is not cut short. Certificates and
    proxies come from where httpx finds them, so a machine that reached Telegram through
    PTB's transport reaches it through this one (proxies as the environment stood when
    the first request went to each host).
    """

    def __init__(
        self,
        connections: int = 1,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections, ssl=tls_context()),
                headers={"User-Agent": self.USER_AGENT},
                # The Bot API sets no cookies; a jar would only cost time per response.
                cookie_jar=aiohttp.DummyCookieJar(),
            )
            self._proxies.clear()

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _proxy(self, url: str) -> str | None:
        # HTTP(S)_PROXY, ALL_PROXY and NO_PROXY, as httpx reads them by default. Looked up
        # once per origin: aiohttp's own trust_env reads them (and ~/.netrc) on every
        # request, which tripled the CPU of a call here.
        path = url.find("/", url.find("://") + 3)
        origin = url if path < 0 else url[:path]
        if origin not in self._proxies:
            self._proxies[origin] = proxy_from_environment(origin)
        return self._proxies[origin]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        write_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | object | None = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else {}
        read = _given(read_timeout, self._read_timeout)
        write = _given(write_timeout, self._media_write_timeout if files else self._write_timeout)
        connect = _given(connect_timeout, self._connect_timeout)
        pool = _given(pool_timeout, self._pool_timeout)
        timeout = aiohttp.ClientTimeout(
            total=_sum(read, write, connect, pool),
            # aiohttp's `connect` is the wait for a pooled connection plus making a new one.
            connect=_sum(connect, pool),
            sock_connect=connect,
            sock_read=read,
        )
        body = _body(request_data.json_parameters, files) if request_data else None
        try:
            async with self._session.request(
                method, url, data=body, timeout=timeout, proxy=self._proxy(url)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut(_redacted(str(error)) or None) from error
        except aiohttp.ClientError as error:
            raise NetworkError(
                f"aiohttp.{type(error).__name__}: {_redacted(str(error))}"
            ) from error


def proxy_from_environment(origin: str) -> str | None:
    parts = urllib.parse.urlsplit(origin)
    if parts.hostname is None or urllib.request.proxy_bypass(parts.hostname):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get(parts.scheme) or proxies.get("all")


def tls_context() -> ssl.SSLContext:
    """The CA bundle the environment names, else certifi's, as httpx chooses: slim images
    often have no system store at all."""
    if os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR"):
        return ssl.create_default_context()  # OpenSSL reads both variables itself
    return ssl.create_default_context(cafile=certifi.where())


def _given(value: float | object | None, default: float | None) -> float | None:
    if value is None or isinstance(value, int | float):
        return value
    return default


def _sum(*parts: float | None) -> float | None:
    if any(part is None for part in parts):
        return None
    return sum(part for part in parts if part is not None)


def _body(fields: dict[str, str], files: UploadFileDict) -> aiohttp.FormData | dict[str, str]:
    if not files:
        return fields  # sent form-encoded, as httpx does
    form = aiohttp.FormData(fields)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


def _redacted(text: str) -> str:
    return _TOKEN_IN_PATH.sub("/bot<token>", text)
