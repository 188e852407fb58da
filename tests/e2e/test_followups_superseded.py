"""Planning the next meeting with someone is the follow-up: /followups lists it once.

The panel's /followups listed each person twice, "Follow up with X" from the last debrief
and the meeting prepped since, plus reminders nobody needed any more. The clock starts on
Sunday 22 November 2026, 09:00 UTC.
"""

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, followups
from tests.e2e.helpers import Clock, debrief, press, say, skip_to_when
from tests.e2e.test_followups_coming import lines


async def prep_again(user: SandboxUser, name: str, when: str) -> str:
    await say(user, "/prep")
    asked = await say(user, name)
    if "Yes" in asked.labels:
        asked = await press(user, "Yes")
    else:
        asked = await press(user, asked.labels[0])
    while "Learn about their field" not in asked.labels:
        # An open promise is asked about first: still owed.
        asked = await press(user, "Not yet" if "Not yet" in asked.labels else "Skip")
    await skip_to_when(user, await press(user, "Learn about their field"))
    return (await say(user, when)).text


async def test_a_meeting_planned_with_someone_replaces_their_follow_up(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await debrief(
        user,
        clock,
        "Ana Costa",
        [None, None, None, "an intro to Ines by friday", None, "in 2 weeks, by email"],
    )
    before = await say(user, "/followups")
    assert "Mon 7 Dec · Follow up with Ana Costa — by email" in lines(before)

    brief = await prep_again(user, "Ana", "dec 2 at 3pm")
    assert "Brief" in brief

    listing = await say(user, "/followups")
    assert lines(listing) == [
        # A promise's own deadline is still owed, meeting or not.
        "Fri 27 Nov · You promised an intro to Ines",
        "Wed 2 Dec 15:00 · Meeting with Ana Costa (Globex)",
    ]
    # Cancelled, not only hidden: it will not arrive as a reminder either.
    [ana] = await contacts.recent_contacts(bot.services.db, user.id)
    still = await followups.open_for_contact(bot.services.db, user.id, ana.id)
    kinds = [(f.kind, f.promise_note_id is not None) for f in still]
    assert ("followup", False) not in kinds


async def test_a_follow_up_still_comes_when_no_date_is_planned(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await debrief(user, clock, "Ana Costa", [None, None, None, None, None, "in 2 weeks"])
    await prep_again(user, "Ana", "skip")
    listing = await say(user, "/followups")
    assert "Mon 7 Dec · Follow up with Ana Costa" in lines(listing)


async def test_a_new_debrief_replaces_the_follow_up_an_older_one_set(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await debrief(user, clock, "Ana Costa", [None, None, None, None, None, "in 2 weeks"])
    clock.advance(days=3)
    # Met again without a /prep: the debrief sets the next follow-up.
    await say(user, "/debrief")
    asked = await press(user, "Someone else")
    asked = await say(user, "Ana")
    asked = await press(user, "Yes")
    asked = await press(user, "Get advice")
    while "Debrief saved" not in asked.text:
        if "When will you follow up" in asked.text:
            asked = await say(user, "in a month")
        else:
            asked = await press(user, "Skip")
    listing = await say(user, "/followups")
    follow_ups = [line for line in lines(listing) if "Follow up with Ana Costa" in line]
    assert follow_ups == ["Fri 25 Dec · Follow up with Ana Costa"], lines(listing)
