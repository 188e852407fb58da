"""The hard moment of a second meeting: a promise past its day is owned up to first.

The panel's best second brief opened with "First, I owe you an apology. I said I'd introduce
you to Farah and I haven't." Here the whole path runs: /prep, a /debrief with a promise "by
Friday", then, weeks later, a second /prep where the promise is still not done.
"""

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, notes
from tests.e2e.helpers import Clock, press, say, skip_to_when
from tests.e2e.test_second_brief import first_meeting_and_debrief


async def test_a_promise_past_its_day_is_owned_up_to_first(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await first_meeting_and_debrief(user, clock)
    [contact] = await contacts.recent_contacts(bot.services.db, user.id)

    clock.advance(days=20)  # the Friday it was due has come and gone
    await say(user, "/prep")
    asked = await press(user, "Helen Marsh · Monzo")
    assert "Last time you promised Helen: “Send her my case study rewritten" in asked.text
    asked = await say(user, "not yet, sorry")
    assert "Helen offered" in asked.text
    asked = await press(user, "Not yet")
    await skip_to_when(user, await press(user, "Job search"))
    [promise] = [
        n
        for n in await notes.open_promises(bot.services.db, user.id, contact.id)
        if n.slot == "my_promises"
    ]
    assert promise.done_at is None

    text = (await press(user, "Tomorrow")).text
    top = text.split("\n\n")[1]
    assert (
        "🗣 Say first: “First, I owe you an apology. I said I'd send you my case study rewritten"
        " as a one-pager and I haven't yet. I'll do it by [day].”"
    ) in top
    # Said once: the apology stands in for the promise's own line.
    assert text.count("case study") == 1
    assert "You promised" not in text
