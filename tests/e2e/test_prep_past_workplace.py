"""/prep keeps a workplace said to be in the past as where you knew them, not as where
they work: it asks where they work now, and a role typed as a sentence at the role question
("he runs the platform team at Bolt now") gives the role and the company they are at now.

The bot's clock stands at Sunday 22 November 2026, 09:00 in the user's zone (UTC)."""

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, meetings
from tests.e2e.helpers import Counted, numbered_questions


async def test_a_past_workplace_is_not_their_company_and_the_role_sentence_gives_the_new_one(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    me = Counted(user)
    await me.say("/prep")
    company = await me.say("Tomás Reis, he was my team lead at Farfetch until 2023")
    assert "Got it: Tomás Reis, formerly at Farfetch, former manager." in company
    assert "Where does Tomás Reis work now, after Farfetch?" in company
    role = await me.press("Skip")
    # Not "his role at Farfetch": he left it.
    assert "What is Tomás Reis's role?" in role and "Farfetch" not in role
    goal = await me.say("he runs the platform team at Bolt now")
    assert "What do you hope to get from meeting Tomás Reis?" in goal
    talked = await me.press("Reconnect")
    # "Team lead" said how you know him: only when you last talked is asked.
    assert "How do you know" not in talked and "last talk?" in talked
    where = await me.press("Over a year ago")
    aim = await me.say("coffee")
    when = await me.say("hear how the move to Bolt went")
    brief = await me.say("friday 10:00")
    assert me.sent == 9

    header = brief.splitlines()[0]
    assert header == "📋 Brief: Tomás Reis, runs the platform team at Bolt"
    assert "Farfetch" not in "\n".join(numbered_questions(brief))
    assert "Where do you meet" in where and "walk out with" in aim and "When do" in when
    [tomas] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (tomas.company, tomas.role) == ("Bolt", "runs the platform team")
    assert tomas.relationship == "former_manager"
    # Where you knew him is kept with the meeting, in the words you typed.
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, tomas.id)
    assert meeting.about.known_from is not None and "Farfetch" in meeting.about.known_from


async def test_where_they_work_now_typed_at_the_company_question(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    me = Counted(user)
    await me.say("/prep")
    await me.say("Lina Haddad, ex-Deloitte")
    goal = await me.say("she's now head of finance at a startup called Orbit")
    assert "What do you hope to get from meeting Lina Haddad?" in goal  # role not asked
    brief = await me.press("Get advice")
    while "When do you meet?" not in brief:
        brief = await me.press("Skip")
    brief = await me.press("Skip")
    assert brief.splitlines()[0] == "📋 Brief: Lina Haddad, Head of finance at Orbit"
    [lina] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (lina.company, lina.role) == ("Orbit", "Head of finance")


async def test_still_there_typed_keeps_the_workplace(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    me = Counted(user)
    await me.say("/prep")
    await me.say("Hugo Lenz - I reported to him at Glovo until last spring")
    role = await me.say("he's still there")
    assert "What is Hugo Lenz's role at Glovo?" in role


async def test_a_gap_said_with_the_goal_is_not_asked_again(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """Played: "mostly to catch up, it's been two years, but…" was followed by "When did you
    last talk?", and read as learning."""
    me = Counted(user)
    await me.say("/prep")
    await me.say("Joana Mendes, she was my charge nurse at Santa Maria until 2022")
    await me.say("she's nurse manager at CUF Descobertas now")
    where = await me.say(
        "mostly to catch up, it's been two years, but I also want to find out if CUF is hiring"
        " for the new day-surgery unit"
    )
    assert "🎯 Taken as: Reconnect" in where
    assert "last talk?" not in where and "Where do you meet" in where
    brief = await me.say("lunch near Saldanha on friday at 1")
    # Two years since: quiet for over a year, as if the button had said it.
    assert "Dormant: quiet for over a year, but they know you" in " ".join(brief.split())


async def test_someone_retired_is_not_asked_where_they_work(user: SandboxUser) -> None:
    """Played: "he was my first boss at Fonterra, retired now" was asked where he works now."""
    me = Counted(user)
    await me.say("/prep")
    goal = await me.say("Wiremu Parata, he was my first boss at Fonterra, retired now")
    assert "Wiremu Parata, retired" in goal and "What do you hope to get" in goal


async def test_retired_typed_for_their_workplace_is_no_company(user: SandboxUser) -> None:
    """Played: "he's retired" at "Where does he work?" became "What is his role at
    retired?"."""
    me = Counted(user)
    await me.say("/prep")
    company = await me.say("Ana Lopes")
    assert "Where does Ana Lopes work" in company
    goal = await me.say("she's retired")
    assert "role at" not in goal and "What do you hope to get" in goal
