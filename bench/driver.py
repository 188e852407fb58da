"""The sandbox's own process: the Bot API server and the scripted users, steered over a pipe.

`python -m bench.driver` starts a SandboxServer on 127.0.0.1, prints {"url": ...} and then
answers one JSON command per line of stdin with one JSON line on stdout:

    {"cmd": "run", "spec": {...RunSpec...}}       -> {"result": {...RunResult...}}
    {"cmd": "inject", "methods": [...], "delay": s, "times": n}   -> {"ok": true}
    {"cmd": "people", "first_user": id, "count": n}              -> {"ok": true}
    {"cmd": "cpu"}                                -> {"cpu": process CPU seconds so far}
    {"cmd": "reset"}                              -> {"ok": true}   (drop pending updates)
    {"cmd": "quit"}

Running here rather than beside the bot keeps the sandbox's CPU off the bot's core and lets
each side's CPU time be counted on its own (bench/sandbox_proc.py is the other end).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import sys
import time
from typing import Any

from bench.users import SCRIPTS, RunSpec, run
from bot.sandbox.server import SandboxServer


def spec_from_json(data: dict[str, Any]) -> RunSpec:
    script = data["script"]
    if script not in SCRIPTS:
        raise ValueError(f"unknown script {script!r}")
    think = data.get("think")
    return RunSpec(
        script=script,
        users=int(data["users"]),
        first_user=int(data["first_user"]),
        rounds=int(data.get("rounds", 1)),
        deadline=float(data.get("deadline", 60.0)),
        think=(float(think[0]), float(think[1])) if think else None,
        step_timeout=float(data.get("step_timeout", 30.0)),
        burst=int(data.get("burst", 20)),
        seed=int(data.get("seed", 1)),
    )


async def serve() -> None:
    loop = asyncio.get_running_loop()
    async with SandboxServer() as server:
        _send({"url": server.url})
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                return
            command = json.loads(line)
            name = command.get("cmd")
            if name == "quit":
                return
            if name == "run":
                result = await run(server, spec_from_json(command["spec"]))
                _send({"result": dataclasses.asdict(result)})
            elif name == "inject":
                for method in command["methods"]:
                    server.inject(
                        method, delay=float(command["delay"]), times=int(command["times"])
                    )
                _send({"ok": True})
            elif name == "people":
                first = int(command["first_user"])
                for user_id in range(first, first + int(command["count"])):
                    server.user(user_id, "Ada")
                _send({"ok": True})
            elif name == "cpu":
                _send({"cpu": time.process_time()})
            elif name == "reset":
                server.world.drop_pending_updates()
                _send({"ok": True})
            else:
                _send({"error": f"unknown command {name!r}"})


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(serve())


if __name__ == "__main__":
    main()
