"""A scripted person going through /prep and /debrief while the sandbox injects faults
into the bot's calls (tests/e2e/test_faults*.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups, meetings
from tests.e2e.helpers import next_new, say
from tests.stored_notes import all_notes


@dataclass(frozen=True)
class Step:
    """Something the person does (a text, or "press:<label>") and the replies it gets."""

    do: str
    replies: tuple[str, ...]


def step(do: str, *replies: str) -> Step:
    return Step(do, replies)


# The clock says Sunday 22 November, 10:00 in Berlin: "today 10:00" is now.
PREP = (
    step("/prep", "Who are you meeting?"),
    step("Mira Patel", "Where does Mira Patel work?"),
    step("Globex", "role at Globex"),
    step("Head of Research", "What do you hope to get from meeting Mira Patel?"),
    step("press:Learn about their field", "How do you know Mira Patel?"),
    step("press:Never met", "Where do you meet Mira Patel?"),
    step("press:Coffee", "What do you want to walk out with?"),
    step("how she moved into research", "When do you meet?"),
    step("today 10:00", "Brief: Mira Patel"),
)
ANSWERS = {
    "learned": "Runs a climbing club",
    "advice": "Learn SQL first",
    "who_they_know": "someone on her platform team",
    "my_promises": "Send the pricing article",
    "their_promises": "A CV template",
}
DEBRIEF = (
    step("/debrief", "Which meeting do you want to debrief?"),
    step("press:Mira Patel · 22 Nov", "6 short questions"),
    *(step(answer, f"{number + 2}/6") for number, answer in enumerate(ANSWERS.values())),
    step("press:Next week", "Debrief saved: Mira Patel"),
)
CONVERSATION = (*PREP, *DEBRIEF)
Fault = Callable[[SandboxServer], None]


async def converse(
    sandbox: SandboxServer,
    user: SandboxUser,
    faults: dict[int, Fault],
    steps: Sequence[Step] = CONVERSATION,
    within: float = 8,
) -> None:
    """Go through the steps (/prep and /debrief), injecting faults[i] just before step i."""
    for index, current in enumerate(steps):
        if index in faults:
            faults[index](sandbox)
        if current.do.startswith("press:"):
            await user.press(label=current.do.removeprefix("press:"))
        else:
            await user.send(current.do)
        for expected in current.replies:
            reply = await next_new(user, within=within)
            assert expected in reply.text, f"after {current.do!r}: {reply.text!r}"
    await user.expect_silence(0.3)  # nothing answered twice, no apology at the end
    assert sandbox.pending_injections == 0  # every fault was met


async def stored_once(bot: CommonGroundApplication, owner: int) -> None:
    db = bot.services.db
    [mira] = await contacts.find_contacts(db, owner, "Mira Patel")
    assert (mira.company, mira.role) == ("Globex", "Head of Research")
    [meeting] = await meetings.meetings_for_contact(db, owner, mira.id)
    kept = await all_notes(db, owner, mira.id)
    assert sorted((n.slot, n.body) for n in kept if n.slot != "follow_up") == sorted(
        ANSWERS.items()
    )
    opened = await followups.open_for_contact(db, owner, mira.id)
    [pending] = [f for f in opened if f.kind == "followup"]
    assert pending.meeting_id == meeting.id


async def still_answers(user: SandboxUser) -> None:
    assert "/prep" in (await say(user, "/help")).text


def fault(**injected: object) -> Fault:
    def inject(sandbox: SandboxServer) -> None:
        sandbox.inject(**injected)  # type: ignore[arg-type]

    return inject
