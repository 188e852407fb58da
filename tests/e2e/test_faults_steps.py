"""A failed side call costs no step, and a reply that may have arrived is not sent twice.

Acknowledging a press (answerCallbackQuery) and recording the answer on the pressed question
(editMessageText) are best-effort: when Telegram fails them, the answer still counts and the
next question still comes. A send whose connection dropped after Telegram carried it out, or
whose answer came after the bot's read timeout, may have reached the person: it is neither
sent again nor apologised for. Faults come from the sandbox (`SandboxServer.inject`).
"""

from __future__ import annotations

import logging

import pytest

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, debriefs
from tests.e2e.helpers import Clock, next_new, press, say
from tests.e2e.scripted import (
    ANSWERS,
    CONVERSATION,
    DEBRIEF,
    PREP,
    converse,
    fault,
    still_answers,
    stored_once,
)
from tests.stored_notes import all_notes

# Past the bot's read timeout (5 s): the bot stops waiting before Telegram answers.
SLOW = 7.0
# A guard against hanging, not a measure: the bot waits out its read timeout first.
PATIENT = 30.0
UP_TO_THE_THIRD_QUESTION = (*PREP, *DEBRIEF[:4])
APOLOGY = "went wrong"


def warnings_and_worse(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the bot logged at WARNING or above (the sandbox's web server aside)."""
    return [
        f"{r.levelname} {r.name}: {r.getMessage()}"
        for r in caplog.records
        if r.levelno >= logging.WARNING and not r.name.startswith("aiohttp")
    ]


@pytest.mark.parametrize(
    "side_fault",
    [
        pytest.param({"method": "answerCallbackQuery", "status": 500, "times": 3}, id="ack-500x3"),
        pytest.param({"method": "answerCallbackQuery", "delay": SLOW}, id="ack-too-slow"),
        pytest.param({"method": "editMessageText", "status": 502, "times": 3}, id="edit-502x3"),
    ],
)
async def test_a_press_counts_and_the_next_question_comes_when_a_side_call_fails(
    sandbox: SandboxServer,
    user: SandboxUser,
    bot: CommonGroundApplication,
    caplog: pytest.LogCaptureFixture,
    side_fault: dict[str, object],
) -> None:
    await converse(sandbox, user, {}, steps=UP_TO_THE_THIRD_QUESTION)
    sandbox.inject(**side_fault)  # type: ignore[arg-type]
    with caplog.at_level(logging.INFO):
        await user.press(label="Skip")  # on 3/6: "Who did they suggest you talk to?"
        fourth = await next_new(user, within=PATIENT)
        assert "4/6" in fourth.text, fourth.text
        await user.expect_silence(0.3)  # no apology after it
    assert sandbox.pending_injections == 0  # the bot did meet the fault (all its tries)
    # One line for the operator, not one per try.
    assert len(warnings_and_worse(caplog)) <= 1, warnings_and_worse(caplog)
    assert all(line.startswith("WARNING") for line in warnings_and_worse(caplog))

    # The skip was stored: the next answer is filed under question 4, not 3.
    assert "5/6" in (await say(user, "Introduce her to Sam")).text
    db = bot.services.db
    [mira] = await contacts.find_contacts(db, user.id, "Mira Patel")
    kept = {n.slot: n.body for n in await all_notes(db, user.id, mira.id)}
    assert kept == {
        "learned": ANSWERS["learned"],
        "advice": ANSWERS["advice"],
        "my_promises": "Introduce her to Sam",
    }
    await still_answers(user)


async def test_a_send_carried_out_before_its_connection_dropped_reaches_the_person_once(
    sandbox: SandboxServer,
    user: SandboxUser,
    bot: CommonGroundApplication,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Telegram took the message, then the connection dropped before its answer: the bot
    cannot tell this from a message that never arrived, and sends neither again nor an
    apology. The conversation moves on as if the answer had come."""
    answers = [i for i, s in enumerate(CONVERSATION) if s.do in ANSWERS.values()]
    with caplog.at_level(logging.WARNING):
        # converse reads every reply in order: a second copy or an apology fails it.
        await converse(
            sandbox,
            user,
            {
                0: fault(method="sendMessage", lose_reply=True),  # "Who are you meeting?"
                answers[2]: fault(method="sendMessage", lose_reply=True),
            },
        )
    await stored_once(bot, user.id)
    said = [m.text for m in user.messages]
    assert sum("Who are you meeting?" in text for text in said) == 1
    assert sum("5/6" in text for text in said) == 1
    assert not [line for line in warnings_and_worse(caplog) if line.startswith("ERROR")]
    await still_answers(user)


async def test_a_send_answered_after_the_read_timeout_gets_no_apology(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """The message arrives at once and Telegram's answer after the bot stopped waiting: the
    person sees the question, no "something went wrong", and their answer to it counts."""
    answers = [i for i, s in enumerate(CONVERSATION) if s.do in ANSWERS.values()]
    await converse(
        sandbox,
        user,
        {
            1: fault(method="sendMessage", delay_reply=SLOW),  # "Where does Mira Patel work?"
            answers[4]: fault(method="sendMessage", delay_reply=SLOW),
        },
        within=PATIENT,
    )
    await stored_once(bot, user.id)
    assert not [m.text for m in user.messages if APOLOGY in m.text]


async def test_an_answer_typed_at_the_carry_on_prompt_carries_on_and_is_kept(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """After a restart people ask for their debrief again and get "carry on or throw it
    away?", and some simply answer the question they were on: that means carry on."""
    await converse(sandbox, user, {}, steps=UP_TO_THE_THIRD_QUESTION)
    prompt = await say(user, "/debrief")
    assert "unfinished debrief" in prompt.text and "2 of 6" in prompt.text
    assert "4/6" in (await say(user, "Ana from the Tagus rowing club")).text
    assert "5/6" in (await say(user, "Introduce her to Sam")).text
    await user.expect_silence(0.3)

    db = bot.services.db
    [mira] = await contacts.find_contacts(db, user.id, "Mira Patel")
    kept = {n.slot: n.body for n in await all_notes(db, user.id, mira.id)}
    assert kept["who_they_know"] == "Ana from the Tagus rowing club"
    assert kept["my_promises"] == "Introduce her to Sam"
    [open_one] = await debriefs.open_debriefs(db, user.id)
    assert open_one.next_step == 4


async def test_no_apology_for_any_reply_that_may_have_arrived(
    sandbox: SandboxServer, user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    """Handlers that send without `reply` too: the apology goes only where nothing went."""
    await contacts.create_contact(bot.services.db, user.id, name="Sam Lee")
    clock.advance(days=15)
    assert "Sam Lee" in (await say(user, "/followups")).text
    sandbox.inject("sendMessage", lose_reply=True)
    card = await press(user, "🌱 Sam Lee")
    assert "Time to get back in touch with Sam Lee" in card.text
    await user.expect_silence(0.5)
    assert sandbox.pending_injections == 0
