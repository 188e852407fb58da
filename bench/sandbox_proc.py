"""The bot's end of bench/driver.py: start the sandbox process, steer it, stop it."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

from bench.users import CONVERSATIONS, RunResult, RunSpec

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# One JSON line carries every latency of a run (tens of thousands of floats).
_LINE_LIMIT = 64 * 1024 * 1024
_TIMEOUT_SLACK = 60.0


class SandboxProcess:
    """`async with SandboxProcess() as sandbox:` — a SandboxServer and its users in a child
    process of our own (ended by its pid on exit)."""

    def __init__(self) -> None:
        self._process: asyncio.subprocess.Process | None = None
        self.url = ""

    async def __aenter__(self) -> SandboxProcess:
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.driver",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            cwd=PROJECT_ROOT,
            limit=_LINE_LIMIT,
        )
        hello = await self._receive(30.0)
        self.url = str(hello["url"])
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        process = self._process
        if process is None:
            return
        self._process = None
        if process.returncode is None:
            try:
                assert process.stdin is not None
                process.stdin.write(b'{"cmd": "quit"}\n')
                await process.stdin.drain()
                await asyncio.wait_for(process.wait(), 10)
            except (TimeoutError, ConnectionError):
                process.kill()
                await process.wait()

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    async def command(self, payload: dict[str, Any], within: float = 60.0) -> dict[str, Any]:
        process = self._require()
        assert process.stdin is not None
        process.stdin.write(json.dumps(payload).encode() + b"\n")
        await process.stdin.drain()
        answer = await self._receive(within)
        if "error" in answer:
            raise RuntimeError(f"sandbox process: {answer['error']}")
        return answer

    async def run(self, spec: RunSpec) -> RunResult:
        # The driver bounds every wait itself; this only guards against a wedged process.
        steps = 20 * spec.rounds if spec.script in CONVERSATIONS else 2
        bound = spec.deadline + spec.step_timeout * steps + _TIMEOUT_SLACK
        answer = await self.command({"cmd": "run", "spec": dataclasses.asdict(spec)}, bound)
        return RunResult(**answer["result"])

    async def cpu(self) -> float:
        return float((await self.command({"cmd": "cpu"}))["cpu"])

    async def people(self, first_user: int, count: int) -> None:
        await self.command({"cmd": "people", "first_user": first_user, "count": count})

    async def reset(self) -> None:
        await self.command({"cmd": "reset"})

    async def inject_delay(self, methods: list[str], delay: float, times: int) -> None:
        await self.command({"cmd": "inject", "methods": methods, "delay": delay, "times": times})

    def _require(self) -> asyncio.subprocess.Process:
        if self._process is None:
            raise RuntimeError("the sandbox process is not running")
        return self._process

    async def _receive(self, within: float) -> dict[str, Any]:
        process = self._require()
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), within)
        if not line:
            raise RuntimeError(f"the sandbox process exited ({await process.wait()})")
        answer: dict[str, Any] = json.loads(line)
        return answer
