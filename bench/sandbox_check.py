"""Benchmark 0: is the sandbox fast enough to measure the bot with?

Raw sendMessage loops against the sandbox process, with httpx directly and through
python-telegram-bot, say what one Bot API request costs each side. Keep-alive and
TCP_NODELAY are checked on the live connections. The load benchmarks then report the
sandbox process's CPU per update and how busy it was, next to the bot's.
"""

from __future__ import annotations

import asyncio
import importlib
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import httpx
from telegram import Bot

from bench.echo import ECHO_TOKEN
from bench.sandbox_proc import SandboxProcess
from bench.stats import num, table

_ESTABLISHED, _TIME_WAIT = "01", "06"
_AB_ROUNDS = 6


@dataclass
class Probe:
    name: str
    requests: int
    wall: float
    client_cpu: float
    sandbox_cpu: float
    note: str = ""

    @property
    def rate(self) -> float:
        return self.requests / self.wall

    def row(self) -> list[str]:
        return [
            self.name,
            str(self.requests),
            num(self.rate, 0),
            num(1e6 * self.wall / self.requests, 0),
            num(1e6 * self.client_cpu / self.requests, 0),
            num(1e6 * self.sandbox_cpu / self.requests, 0),
            self.note,
        ]


@dataclass
class Results:
    probes: list[Probe]
    failed_import_us: float | None
    client_nodelay: int | None
    server_nodelay: list[int]
    server_open: int
    connections: dict[str, dict[str, int]]
    """Loopback sockets on the sandbox's port by state, after each httpx probe."""


def sniffio_installed() -> bool:
    try:
        importlib.import_module("sniffio")
    except ImportError:
        return False
    return True


def failed_import_cost(attempts: int = 2000) -> float | None:
    """µs for one `import sniffio` that fails, as httpcore attempts on every request."""
    if sniffio_installed():
        return None
    start = time.perf_counter()
    for _ in range(attempts):
        try:  # noqa: SIM105 - the very statement httpcore runs, not a context manager
            importlib.import_module("sniffio")
        except ImportError:
            pass
    return 1e6 * (time.perf_counter() - start) / attempts


@contextmanager
def sniffio_short_circuit() -> Iterator[None]:
    """What-if: make `import sniffio` fail at once (a None entry in sys.modules) instead of
    searching sys.path every time. httpcore then falls back to asyncio, as it does now."""
    modules = cast(dict[str, Any], sys.modules)
    if "sniffio" in modules:
        yield
        return
    modules["sniffio"] = None
    try:
        yield
    finally:
        del modules["sniffio"]


def tcp_connections(port: int) -> dict[str, int]:
    """Loopback TCP sockets to or from `port` by state (Linux /proc/net/tcp). A socket in
    TIME_WAIT belongs to the side that closed the connection: the sandbox if its local port
    is `port`, else the client."""
    counts = {"established": 0, "closed by client": 0, "closed by sandbox": 0}
    try:
        with open("/proc/net/tcp", encoding="ascii") as lines:
            next(lines)
            for text in lines:
                fields = text.split()
                local, remote, state = fields[1], fields[2], fields[3]
                local_port = int(local.split(":")[1], 16)
                if port not in (local_port, int(remote.split(":")[1], 16)):
                    continue
                if state == _ESTABLISHED:
                    counts["established"] += 1
                elif state == _TIME_WAIT:
                    counts["closed by sandbox" if local_port == port else "closed by client"] += 1
    except OSError:
        return {}
    return counts


async def _measure(
    sandbox: SandboxProcess, name: str, requests: int, work: Any, note: str = ""
) -> Probe:
    sandbox_before = await sandbox.cpu()
    wall, cpu = time.perf_counter(), time.process_time()
    await work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return Probe(name, requests, wall, cpu, await sandbox.cpu() - sandbox_before, note)


def _total(name: str, parts: list[Probe], note: str = "") -> Probe:
    return Probe(
        name,
        sum(part.requests for part in parts),
        sum(part.wall for part in parts),
        sum(part.client_cpu for part in parts),
        sum(part.sandbox_cpu for part in parts),
        note,
    )


async def run(sandbox: SandboxProcess, requests: int) -> Results:
    user = 90_000
    await sandbox.people(user, 1)
    url = f"{sandbox.url}/bot{ECHO_TOKEN}/sendMessage"
    probes: list[Probe] = []
    client_nodelay: int | None = None
    # As many kept-alive connections as requests in flight, as PTB's own pool allows (httpx's
    # default keeps only 20, and would close the rest after every request).
    limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
    async with httpx.AsyncClient(limits=limits) as client:

        async def post() -> httpx.Response:
            response = await client.post(url, data={"chat_id": str(user), "text": "hello"})
            response.raise_for_status()
            return response

        async def sequential() -> None:
            for _ in range(requests):
                await post()

        async def parallel() -> None:
            async def worker() -> None:
                for _ in range(requests // 32):
                    await post()

            await asyncio.gather(*(worker() for _ in range(32)))

        probes.append(
            await _measure(sandbox, "httpx POST sendMessage, 1 in flight", requests, sequential)
        )
        after_sequential = tcp_connections(sandbox.port)
        probes.append(
            await _measure(
                sandbox, "httpx POST sendMessage, 32 in flight", requests // 32 * 32, parallel
            )
        )
        stream = (await post()).extensions.get("network_stream")
        raw = stream.get_extra_info("socket") if stream is not None else None
        getsockopt = getattr(raw, "getsockopt", None)  # asyncio hands out a TransportSocket
        if callable(getsockopt):
            client_nodelay = int(getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        server_nodelay, server_open = await sandbox.probe()
        after_parallel = tcp_connections(sandbox.port)

    async with Bot(ECHO_TOKEN, base_url=f"{sandbox.url}/bot") as bot:
        chunk = max(requests // _AB_ROUNDS, 1)

        async def ptb() -> None:
            for _ in range(chunk):
                await bot.send_message(user, "hello")

        # As is and with the what-if, alternately in rounds, so that the machine's noise
        # falls on both alike.
        as_is: list[Probe] = []
        what_if: list[Probe] = []
        for _ in range(_AB_ROUNDS):
            as_is.append(await _measure(sandbox, "", chunk, ptb))
            if not sniffio_installed():
                with sniffio_short_circuit():
                    what_if.append(await _measure(sandbox, "", chunk, ptb))
        probes.append(_total("PTB Bot.send_message, 1 in flight", as_is))
        if what_if:
            probes.append(
                _total(
                    "PTB Bot.send_message, 1 in flight",
                    what_if,
                    "what-if: failed `import sniffio` short-circuited (rounds alternate with "
                    "the row above)",
                )
            )
    return Results(
        probes,
        failed_import_cost(),
        client_nodelay,
        server_nodelay,
        server_open,
        {"after 1 in flight": after_sequential, "after 32 in flight": after_parallel},
    )


def report(results: Results) -> str:
    headers = [
        "probe",
        "requests",
        "req/s",
        "wall µs/req",
        "client CPU µs/req",
        "sandbox CPU µs/req",
        "note",
    ]
    lines = [table(headers, [probe.row() for probe in results.probes]), ""]
    if results.failed_import_us is None:
        lines.append("- sniffio is installed: httpcore's `import sniffio` costs nothing.")
    else:
        lines.append(
            f"- one failed `import sniffio` (httpcore tries it twice per request): "
            f"{results.failed_import_us:.0f} µs"
        )
    lines.append(
        f"- TCP_NODELAY: client {results.client_nodelay}, server "
        f"{sorted(set(results.server_nodelay))} on {results.server_open} open connection(s)"
    )
    for moment, counts in results.connections.items():
        lines.append(
            f"- keep-alive, {moment}: sockets on the sandbox port {counts} (both ends of a "
            "connection count)"
        )
    return "\n".join(lines)
