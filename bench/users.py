"""Scripted people for the load benchmarks: what they type and press, and how they time it.

They run in the sandbox's process (bench/driver.py) and act through SandboxUser, as the
end-to-end tests do. Every script is bounded: a number of rounds, a deadline after which no
new step starts, and a timeout on every wait for the bot.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Literal

from bot.sandbox.models import BotMessage, CallbackAnswer, ChatEvent
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser

Script = Literal["coach", "echo", "echo_same_calls", "coach_burst", "echo_burst"]
SCRIPTS: tuple[Script, ...] = ("coach", "echo", "echo_same_calls", "coach_burst", "echo_burst")
CONVERSATIONS: tuple[Script, ...] = ("coach", "echo", "echo_same_calls")
"""The scripts that play whole rounds of /prep and /debrief (the others send bursts)."""

# The echo bot's one button, so that its users press as often as the coach's do.
ECHO_BUTTON = "OK"
DEBRIEF_ANSWERS = 5  # text questions before the date question after learning about a field
_STEP_NUMBER = re.compile(r"(\d+)/(\d+)")
_ANSWER = "answer #{number} from {user}: met at the Porto meetup, runs a climbing club"


@dataclass(frozen=True)
class Step:
    name: str
    text: str | None = None
    press: str | None = None
    replies: int = 1
    """New bot messages this step makes (the coach's debrief start sends two)."""
    expect: str | None = None
    """Text the (first) reply must contain, so that a fast error reply never passes."""


_FIRST = [
    "Mira",
    "Noah",
    "Ines",
    "Omar",
    "Lena",
    "Yuki",
    "Tariq",
    "Sofia",
    "Ravi",
    "Elena",
    "Jonas",
    "Amara",
    "Felix",
    "Priya",
    "Hugo",
]
_LAST = [
    "Patel",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Brennan",
    "Alvarez",
    "Novak",
    "Haddad",
    "Costa",
    "Weber",
]


def contact_name(user_id: int, round_number: int) -> str:
    """A new person each round. Names a round apart must not read as one person mistyped
    ("Mira r000" and "Mira r001" do, and the coach rightly asks "Do you mean ...?"); each
    user has their own contacts, so users may share names."""
    first = _FIRST[round_number % len(_FIRST)]
    last = _LAST[round_number % len(_LAST)]
    lap = round_number // (len(_FIRST) * len(_LAST))
    return f"{first} {last}" + (f" {_FIRST[lap % len(_FIRST)]}" if lap else "")


def answer_text(number: int, user_id: int) -> str:
    return _ANSWER.format(number=number, user=user_id)


def coach_round(user_id: int, round_number: int) -> list[Step]:
    """A full /prep for a new contact, then the /debrief of that meeting (17 updates)."""
    name = contact_name(user_id, round_number)
    steps = [
        Step("prep.start", text="/prep", expect="Who are you meeting?"),
        Step("prep.name", text=name, expect="work?"),
        Step("prep.company", text="Globex", expect="role"),
        Step("prep.role", text="Head of Research", expect="hope to get"),
        Step("prep.goal", press="Learn about their field", expect="How do you know"),
        Step("prep.relationship", press="Never met", expect="Where do you meet"),
        Step("prep.setting", press="Coffee", expect="walk out with"),
        Step("prep.aim", text="how her team picks research questions", expect="When do you meet?"),
        Step("prep.when", text="today 10:00", expect="Brief:"),
        Step("debrief.start", text="/debrief"),
        Step("debrief.pick", press=name, expect="1/6"),
    ]
    steps += [
        Step("debrief.answer", text=answer_text(number, user_id), expect=f"{number + 1}/")
        for number in range(1, DEBRIEF_ANSWERS + 1)
    ]
    steps.append(Step("debrief.date", press="Next week", expect="Debrief saved"))
    return steps


def echo_round(user_id: int, round_number: int) -> list[Step]:
    """The coach's round as the echo bot's user plays it: the same texts, a press for a press."""
    return [
        Step(step.name, text=step.text, press=ECHO_BUTTON if step.press else None)
        for step in coach_round(user_id, round_number)
    ]


@dataclass(frozen=True)
class RunSpec:
    script: Script
    users: int
    first_user: int
    rounds: int = 1
    deadline: float = 60.0
    """Seconds after the start: no step starts later (a started step still finishes)."""
    think: tuple[float, float] | None = None
    """Pause before each step, uniform in (low, high) seconds; None: answer at once."""
    step_timeout: float = 30.0
    burst: int = 20
    """echo_burst: numbered messages sent at once."""
    seed: int = 1


@dataclass
class RunResult:
    steps: int = 0
    elapsed: float = 0.0
    """First send to last reply."""
    latencies: dict[str, list[float]] = field(default_factory=dict)
    """Seconds from a step's update being sent to the bot's first reply, by step name."""
    rounds_done: int = 0
    users_done: int = 0
    errors: int = 0
    error_examples: list[str] = field(default_factory=list)
    order_checked: int = 0
    order_violations: int = 0
    order_examples: list[str] = field(default_factory=list)
    cpu: float = 0.0
    """CPU seconds of the sandbox process (server and users) during the run."""
    calls: dict[str, int] = field(default_factory=dict)
    rejections: int = 0

    def error(self, text: str) -> None:
        self.errors += 1
        if len(self.error_examples) < 5:
            self.error_examples.append(text)

    def disorder(self, text: str) -> None:
        self.order_violations += 1
        if len(self.order_examples) < 5:
            self.order_examples.append(text)


class _Person:
    """One scripted user: sends, and reads the bot's events in the order they happened."""

    def __init__(self, user: SandboxUser, spec: RunSpec, result: RunResult) -> None:
        self.user = user
        self.spec = spec
        self.result = result
        self.events: AsyncIterator[ChatEvent] = user.follow()

    async def next_message(self) -> BotMessage:
        """The next new bot message (edits of earlier ones are passed over)."""
        async with asyncio.timeout(self.spec.step_timeout):
            while True:
                event = await anext(self.events)
                if isinstance(event, BotMessage) and not event.edited:
                    return event

    async def next_answer(self) -> CallbackAnswer:
        async with asyncio.timeout(self.spec.step_timeout):
            while True:
                event = await anext(self.events)
                if isinstance(event, CallbackAnswer):
                    return event

    async def act(self, step: Step) -> None:
        if step.text is not None:
            await self.user.send(step.text)
        elif step.press is not None:
            await self.user.press(label=step.press)

    async def play(self, step: Step, echo: bool) -> float:
        """Do the step, wait for its replies; the latency of the first reply."""
        start = time.perf_counter()
        await self.act(step)
        if echo and step.press is not None:
            await self.next_answer()
            return time.perf_counter() - start
        first = await self.next_message()
        latency = time.perf_counter() - start
        if step.expect is not None and step.expect not in first.text:
            raise AssertionError(f"{step.name}: expected {step.expect!r} in {first.text[:120]!r}")
        for _ in range(step.replies - 1):
            await self.next_message()
        return latency


async def run(server: SandboxServer, spec: RunSpec) -> RunResult:
    result = RunResult()
    calls_before = Counter(server.calls)
    rejections_before = len(server.rejections)
    cpu_before = time.process_time()
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + spec.deadline
    first_send: list[float] = []
    last_reply: list[float] = []
    people = [
        _Person(server.user(spec.first_user + index, "Ada"), spec, result)
        for index in range(spec.users)
    ]
    rng = random.Random(spec.seed)

    async def one(person: _Person, seed: int) -> None:
        try:
            if spec.script in CONVERSATIONS:
                await _conversations(
                    person, spec, deadline, random.Random(seed), result, first_send, last_reply
                )
            elif spec.script == "coach_burst":
                await _coach_burst(person, result, first_send, last_reply)
            else:
                await _echo_burst(person, spec.burst, result, first_send, last_reply)
        except TimeoutError:
            result.error(f"user {person.user.id}: no reply within {spec.step_timeout}s")
        except AssertionError as problem:
            result.error(f"user {person.user.id}: {problem}")

    await asyncio.gather(*(one(person, rng.randrange(2**32)) for person in people))
    if first_send and last_reply:
        result.elapsed = max(last_reply) - min(first_send)
    result.cpu = time.process_time() - cpu_before
    result.calls = dict(Counter(server.calls) - calls_before)
    result.rejections = len(server.rejections) - rejections_before
    return result


async def _conversations(
    person: _Person,
    spec: RunSpec,
    deadline: float,
    rng: random.Random,
    result: RunResult,
    first_send: list[float],
    last_reply: list[float],
) -> None:
    loop = asyncio.get_running_loop()
    echo = spec.script == "echo"
    user_id = person.user.id
    # The same-calls echo answers a press with a new message, as the coach does: wait for it.
    coach_steps = spec.script == "coach"
    if spec.think:
        await asyncio.sleep(rng.uniform(0, spec.think[1]))  # people do not all start at once
    for round_number in range(spec.rounds):
        steps = (
            coach_round(user_id, round_number) if coach_steps else echo_round(user_id, round_number)
        )
        for step in steps:
            if spec.think:
                await asyncio.sleep(rng.uniform(*spec.think))
            if loop.time() >= deadline:
                return
            first_send.append(time.perf_counter())
            latency = await person.play(step, echo)
            last_reply.append(time.perf_counter())
            result.latencies.setdefault(step.name, []).append(latency)
            result.steps += 1
        result.rounds_done += 1
    result.users_done += 1


async def _coach_burst(
    person: _Person, result: RunResult, first_send: list[float], last_reply: list[float]
) -> None:
    """/prep, /debrief, then every text answer sent at once: the questions that come back
    must be numbered 2/6, 3/6, ... in order (the stored answers are checked by the caller)."""
    user_id = person.user.id
    steps = coach_round(user_id, 0)
    answers = [step for step in steps if step.name == "debrief.answer"]
    before = [step for step in steps if step.name not in ("debrief.answer", "debrief.date")]
    first_send.append(time.perf_counter())
    for step in before:
        await person.play(step, echo=False)
        result.steps += 1
    for step in answers:
        await person.act(step)
    numbers: list[int] = []
    for _ in answers:
        message = await person.next_message()
        found = _STEP_NUMBER.search(message.text)
        numbers.append(int(found.group(1)) if found else -1)
    result.steps += len(answers)
    expected = list(range(2, len(answers) + 2))
    result.order_checked += 1
    if numbers != expected:
        result.disorder(f"user {user_id}: questions came back as {numbers}, not {expected}")
    await person.play(steps[-1], echo=False)
    result.steps += 1
    last_reply.append(time.perf_counter())
    result.rounds_done += 1
    result.users_done += 1


async def _echo_burst(
    person: _Person,
    count: int,
    result: RunResult,
    first_send: list[float],
    last_reply: list[float],
) -> None:
    first_send.append(time.perf_counter())
    for number in range(count):
        await person.user.send(f"n{number}")
    echoed = [(await person.next_message()).text for _ in range(count)]
    last_reply.append(time.perf_counter())
    result.steps += count
    result.order_checked += 1
    expected = [f"n{number}" for number in range(count)]
    if echoed != expected:
        result.disorder(f"user {person.user.id}: echoes came back as {echoed[:8]}…")
    result.rounds_done += 1
    result.users_done += 1
