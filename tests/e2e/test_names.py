"""One person, one contact; one line says it all: names as people type them, in /prep,
/debrief and /contact, through the real bot."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

import pytest

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, meetings
from bot.storage.contacts import Contact
from tests.e2e.helpers import prep, press, say, skip_to_when
from tests.stored_notes import all_notes

YES = "Yes"
FIX = "Not quite — fix it"


@pytest.fixture
def people(sandbox: SandboxServer, bot: CommonGroundApplication) -> Iterator[SandboxUser]:
    """A new user for each phrasing: what one typed can't help the next."""
    return (sandbox.user(5000 + n, f"User {n}") for n in count())


async def everyone(bot: CommonGroundApplication, user: SandboxUser) -> list[Contact]:
    found, _ = await contacts.list_contacts(bot.services.db, user.id, limit=50)
    return sorted(found, key=lambda c: c.id)


async def stored(bot: CommonGroundApplication, user: SandboxUser) -> list[tuple[str, ...]]:
    return [(c.name, c.company or "", c.role or "") for c in await everyone(bot, user)]


# -- one person, one contact ------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["ruth", "Ruth", "adler", "RUTH ADLER", "ruth from quarry"])
async def test_ruth_at_the_debriefs_who_step_is_the_prepped_ruth(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await prep(user, "Ruth Adler", "Quarry Robotics", "CTO")
    await say(user, "/debrief")
    who = await press(user, "Someone else")
    assert "Who did you meet?" in who.text and who.labels == ["Ruth Adler · Quarry Robotics"]

    offer = await say(user, typed)
    assert "Do you mean Ruth Adler · Quarry Robotics?" in offer.text
    assert offer.labels == [YES, f"Someone new called “{typed.split(' from ')[0]}”"]
    # Ruth's prepped meeting is the one debriefed: no goal asked, no second meeting.
    first = await press(user, YES)
    assert "What was the meeting" not in first.text
    assert "1/6" in first.text
    await say(user, "She moved from robotics into product")

    [ruth] = await everyone(bot, user)  # no second "Ruth"
    assert ruth.name == "Ruth Adler"
    assert len(await meetings.meetings_for_contact(bot.services.db, user.id, ruth.id)) == 1
    [note] = await all_notes(bot.services.db, user.id, ruth.id)
    assert note.body == "She moved from robotics into product"


@pytest.mark.parametrize("typed", ["dana", "Dana", "okafor", "DANA OKAFOR", "dána", "Dan"])
async def test_dana_in_prep_offers_dana_okafor(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await prep(user, "Dana Okafor", "Ledgerly", "Senior PM")
    await say(user, "/prep")
    offer = await say(user, typed)
    assert "Where does" not in offer.text
    assert "Do you mean Dana Okafor · Ledgerly?" in offer.text
    assert offer.labels == [YES, f"Someone new called “{typed}”"]
    goal = await press(user, YES)
    assert "What do you hope to get from meeting Dana Okafor?" in goal.text
    await skip_to_when(user, await press(user, "Get advice"))
    brief = await press(user, "Tomorrow")
    assert "Brief: Dana Okafor, Senior PM at Ledgerly" in brief.text
    [dana] = await everyone(bot, user)
    assert len(await meetings.meetings_for_contact(bot.services.db, user.id, dana.id)) == 2


@pytest.mark.parametrize(
    ("typed", "name"), [("Ms Okafor", "Ms Okafor"), ("Dana from work", "Dana")]
)
async def test_a_title_or_where_you_know_her_from_still_finds_her(
    user: SandboxUser, bot: CommonGroundApplication, typed: str, name: str
) -> None:
    await prep(user, "Dana Okafor", "Ledgerly", "Senior PM")
    await say(user, "/prep")
    offer = await say(user, typed)
    assert "Do you mean Dana Okafor · Ledgerly?" in offer.text
    assert offer.labels == [YES, f"Someone new called “{name}”"]
    await press(user, YES)
    assert [c.name for c in await everyone(bot, user)] == ["Dana Okafor"]


@pytest.mark.parametrize("answer", ["yes", "Yep!", "that's her", "it's her", "same person", "👍"])
async def test_the_offer_can_be_answered_by_typing(
    user: SandboxUser, bot: CommonGroundApplication, answer: str
) -> None:
    await prep(user, "Dana Okafor", "Ledgerly")
    await say(user, "/prep")
    await say(user, "dana")
    goal = await say(user, answer)
    assert "What do you hope to get from meeting Dana Okafor?" in goal.text
    assert [c.name for c in await everyone(bot, user)] == ["Dana Okafor"]


async def test_someone_new_or_another_name_at_the_offer(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await prep(user, "Dana Okafor", "Ledgerly")
    await say(user, "/prep")
    await say(user, "dana")
    # A different name typed instead of an answer is looked up in its turn.
    company = await say(user, "Xavier Quinn")
    assert "Where does Xavier Quinn work?" in company.text
    await say(user, "/prep")
    await say(user, "Dana")
    company = await say(user, "no, someone new")
    assert "Where does Dana work?" in company.text
    await say(user, "/prep")
    await say(user, "dana")
    company = await press(user, "Someone new called “dana”")
    assert "Where does dana work?" in company.text


@pytest.mark.parametrize(
    "typed", ["Dana from Ledgerly", "dana @ ledgerly", "Dana (Ledgerly)", "dana at ledg"]
)
async def test_dana_with_her_company_is_that_dana(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await prep(user, "Dana Okafor", "Ledgerly")
    await prep(user, "Dana Whitfield", "Initech")
    for flow, question in (
        ("/prep", "What do you hope to get from meeting Dana Okafor?"),
        # Her meeting prepped for tomorrow is the one debriefed, its goal known.
        ("/debrief", "1/6 · What did you learn about them?"),
    ):
        await say(user, flow)
        if flow == "/debrief":
            await press(user, "Someone else")
        offer = await say(user, typed)
        assert "Do you mean Dana Okafor · Ledgerly?" in offer.text, flow
        assert question in (await press(user, YES)).text
        await say(user, "/cancel")
    card = await say(user, f"/contact {typed}")
    assert card.text.startswith("👤 Dana Okafor")
    assert len(await everyone(bot, user)) == 2


@pytest.mark.parametrize("typed", ["dana", "Dana", "DANA"])
async def test_two_danas_are_both_listed(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await prep(user, "Dana Okafor", "Ledgerly")
    await prep(user, "Dana Whitfield", "Initech")
    await say(user, "/prep")
    choice = await say(user, typed)
    assert f"2 contacts match “{typed}”" in choice.text
    assert choice.labels == [
        "Dana Okafor · Ledgerly",
        "Dana Whitfield · Initech",
        f"Someone new called “{typed}”",
    ]
    goal = await press(user, "Dana Whitfield · Initech")
    assert "meeting Dana Whitfield?" in goal.text

    await say(user, "/debrief")
    await press(user, "Someone else")
    choice = await say(user, typed)
    assert choice.labels[:2] == ["Dana Okafor · Ledgerly", "Dana Whitfield · Initech"]
    first = await press(user, "Dana Okafor · Ledgerly")
    assert "Let's debrief your meeting with Dana Okafor" in first.text  # the prepped one
    listing = await say(user, f"/contact {typed}")
    assert f"2 contacts match “{typed}”" in listing.text
    assert len(await everyone(bot, user)) == 2


@pytest.mark.parametrize("typed", ["Priya", "Xavier Quinn", "Dana Smith", "Okafor Dana Lee"])
async def test_an_unknown_name_makes_a_new_contact(
    user: SandboxUser, bot: CommonGroundApplication, typed: str
) -> None:
    await prep(user, "Dana Okafor", "Ledgerly")
    await say(user, "/prep")
    company = await say(user, typed)
    assert f"Where does {typed} work?" in company.text
    await say(user, "Globex")
    await say(user, "Analyst")
    await skip_to_when(user, await press(user, "Reconnect"))
    await press(user, "Skip")
    assert await stored(bot, user) == [
        ("Dana Okafor", "Ledgerly", ""),
        (typed, "Globex", "Analyst"),
    ]

    await say(user, "/debrief")
    await press(user, "Someone else")
    goal = await say(user, "Someone Unheard-of")
    assert "What was the meeting with Someone Unheard-of about?" in goal.text
    assert [c.name for c in await everyone(bot, user)][-1] == "Someone Unheard-of"


async def test_another_users_contacts_are_never_offered(
    people: Iterator[SandboxUser], bot: CommonGroundApplication
) -> None:
    owner, stranger = next(people), next(people)
    await prep(owner, "Dana Okafor", "Ledgerly")
    await say(stranger, "/prep")
    company = await say(stranger, "dana")
    assert "Where does dana work?" in company.text
    await say(stranger, "/debrief")
    await press(stranger, "Someone else")
    goal = await say(stranger, "Dana from Ledgerly")
    assert "What was the meeting with Dana about?" in goal.text
    assert all("Okafor" not in m.text for m in stranger.messages)


# -- one line says it all -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "name", "role", "company"),
    [
        (
            "Priya Raman, head of data at Northwind Health",
            "Priya Raman",
            "Head of data",
            "Northwind Health",
        ),
        ("Sam Lee - CTO, Acme", "Sam Lee", "CTO", "Acme"),
        ("Jo Ng (VP Sales at Stripe)", "Jo Ng", "VP Sales", "Stripe"),
        ("Mira Patel, she's a designer at Globex", "Mira Patel", "Designer", "Globex"),
    ],
)
async def test_one_line_with_name_role_and_company_skips_both_questions(
    user: SandboxUser,
    bot: CommonGroundApplication,
    typed: str,
    name: str,
    role: str,
    company: str,
) -> None:
    await say(user, "/prep")
    goal = await say(user, typed)
    assert f"Got it: {name}, {role} at {company}." in goal.text
    assert f"What do you hope to get from meeting {name}?" in goal.text
    assert goal.labels[-1] == FIX and "Get advice" in goal.labels
    await skip_to_when(user, await press(user, "Get advice"))
    brief = await say(user, "tomorrow 15:00")
    assert f"Brief: {name}, {role} at {company}\n" in brief.text
    assert await stored(bot, user) == [(name, company, role)]


@pytest.mark.parametrize(
    ("typed", "name", "company"),
    [("Wei Chen from Tencent", "Wei Chen", "Tencent"), ("dana @ ledgerly", "dana", "ledgerly")],
)
async def test_a_line_with_the_company_asks_only_the_role(
    user: SandboxUser, bot: CommonGroundApplication, typed: str, name: str, company: str
) -> None:
    await say(user, "/prep")
    role = await say(user, typed)
    assert f"Got it: {name} from {company}." in role.text
    assert f"What is {name}'s role at {company}?" in role.text
    assert role.labels == ["Skip", FIX]
    goal = await say(user, "Partner")
    assert "Got it" not in goal.text and FIX not in goal.labels
    await skip_to_when(user, await press(user, "Reconnect"))
    await press(user, "Skip")
    assert await stored(bot, user) == [(name, company, "Partner")]


async def test_a_line_with_the_role_asks_only_the_company(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    company = await say(user, "Kofi Mensah, senior engineer")
    assert "Got it: Kofi Mensah, Senior engineer." in company.text
    assert "Where does Kofi Mensah work?" in company.text
    goal = await say(user, "Initech")
    assert "What do you hope to get from meeting Kofi Mensah?" in goal.text
    await skip_to_when(user, await press(user, "Reconnect"))
    await press(user, "Skip")
    assert await stored(bot, user) == [("Kofi Mensah", "Initech", "Senior engineer")]


@pytest.mark.parametrize(
    ("typed", "company", "role"),
    [
        ("Ledgerly, she's a senior PM there", "Ledgerly", "Senior PM"),
        ("Ledgerly - head of growth", "Ledgerly", "Head of growth"),
        ("CTO at Ledgerly", "Ledgerly", "CTO"),
        ("Ledgerly (founder)", "Ledgerly", "Founder"),
    ],
)
async def test_the_company_answer_can_hold_the_role(
    user: SandboxUser, bot: CommonGroundApplication, typed: str, company: str, role: str
) -> None:
    await say(user, "/prep")
    await say(user, "Dana Okafor")
    goal = await say(user, typed)
    assert f"Got it: Dana Okafor, {role} at {company}." in goal.text
    assert "What do you hope to get from meeting Dana Okafor?" in goal.text
    await skip_to_when(user, await press(user, "Learn about their field"))
    await press(user, "Skip")
    assert await stored(bot, user) == [("Dana Okafor", company, role)]


async def test_a_line_read_wrongly_is_fixed_with_one_button(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    goal = await say(user, "Robert Smith (Bob)")
    assert "Got it: Robert Smith from Bob." in goal.text
    again = await press(user, FIX)
    assert "Type just their name" in again.text
    company = await say(user, "Robert Smith (Bob)")  # as typed, this time
    assert "Where does Robert Smith (Bob) work?" in company.text
    await say(user, "Globex")
    await say(user, "CTO")
    await skip_to_when(user, await press(user, "Reconnect"))
    await press(user, "Skip")

    # At the company question: "Skadden, Arps" is one firm.
    await say(user, "/prep")
    await say(user, "Ana Lima")
    goal = await say(user, "Skadden, Arps partner")
    assert "Got it: Ana Lima, Arps partner at Skadden." in goal.text
    company = await press(user, FIX)
    assert "Where does Ana Lima work? Type just the company" in company.text
    role = await say(user, "Skadden, Arps")
    assert "What is Ana Lima's role at Skadden, Arps?" in role.text
    await say(user, "Partner")
    await skip_to_when(user, await press(user, "Reconnect"))
    await press(user, "Skip")
    assert await stored(bot, user) == [
        ("Robert Smith (Bob)", "Globex", "CTO"),
        ("Ana Lima", "Skadden, Arps", "Partner"),
    ]


async def test_one_line_at_the_debriefs_who_step(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/debrief")
    await press(user, "Someone else")
    goal = await say(user, "Priya Raman, head of data at Northwind Health")
    assert "Got it: Priya Raman, Head of data at Northwind Health." in goal.text
    assert "What was the meeting with Priya Raman about?" in goal.text
    assert goal.labels[-1] == FIX
    await press(user, "Learn about their field")
    assert await stored(bot, user) == [("Priya Raman", "Northwind Health", "Head of data")]

    await say(user, "/debrief")
    await press(user, "Throw it away")  # that one, unfinished
    await press(user, "Someone else")
    goal = await say(user, "Okafor, Dana")
    assert "Got it: Okafor from Dana." in goal.text
    again = await press(user, FIX)
    assert "Type just their name" in again.text
    goal = await say(user, "Dana Okafor")
    assert "What was the meeting with Dana Okafor about?" in goal.text
    assert FIX not in goal.labels
    await press(user, "Get advice")
    assert await stored(bot, user) == [
        ("Priya Raman", "Northwind Health", "Head of data"),
        ("Dana Okafor", "", ""),
    ]
