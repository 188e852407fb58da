"""/prep reads what people type with the name and with where they meet, and does not ask
again what they already said: how you know them, when you last talked, when you meet.

The bot's clock stands at Sunday 22 November 2026, 09:00 in the user's zone (UTC)."""

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, meetings
from tests.e2e.helpers import Counted, press, say, skip_to_when

ASKED_HOW = "How do you know"
ASKED_TALKED = "last talk?"
ASKED_WHEN = "When do you meet?"
FIX = "Not quite — fix it"


async def test_a_former_manager_described_with_the_name_is_not_asked_about_again(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    me = Counted(user)
    await me.say("/prep")
    company = await me.say("Priya, she was my first manager at Sonae about 4 years ago")
    # Shown, with a fix button; Sonae was then, so where she works now is asked.
    assert "Got it: Priya, formerly at Sonae, former manager." in company
    assert "Where does Priya work now, after Sonae?" in company
    role = await me.press("Still at Sonae")
    assert "What is Priya's role at Sonae?" in role
    goal = await me.press("Skip")
    talked = await me.press("Reconnect")
    assert "What do you hope to get from meeting Priya?" in goal
    # "About 4 years ago" dates the job, not the silence: only that is still asked.
    assert ASKED_HOW not in talked and ASKED_TALKED in talked
    where = await me.say("we had lunch last christmas")
    assert "Where do you meet Priya?" in where
    aim = await me.say("lunch near her office on friday at 1pm")
    assert ASKED_WHEN not in aim
    assert "What do you want to walk out with?" in aim
    brief = await me.say("hear what she is working on and ask for a reference")
    # /prep, the line, still at Sonae, Skip (role), the goal, last talked, where, the aim
    assert me.sent == 8

    header = brief.splitlines()[1]
    assert header.startswith("Fri 27 Nov, 13:00 · lunch near her office · former manager")
    assert "friday" not in header.casefold() and "1pm" not in header
    [priya] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (priya.name, priya.company, priya.role) == ("Priya", "Sonae", None)
    assert (priya.relationship, priya.last_talked) == ("former_manager", "months")
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, priya.id)
    assert (meeting.about.setting, meeting.about.setting_words) == ("meal", "lunch near her office")


async def test_an_old_friend_named_after_the_description_and_last_christmas(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    company = await say(user, "my old uni friend Lucy Brennan")
    assert "Lucy Brennan" in company.text
    await press(user, "Skip")
    await press(user, "Skip")
    # Friend was said; when they last talked was not, and comes in words.
    talked = await press(user, "Get advice")
    assert ASKED_HOW not in talked.text
    assert "When did you and Lucy Brennan last talk?" in talked.text
    where = await say(user, "we had lunch last christmas")
    assert "Where do you meet Lucy Brennan?" in where.text  # read, not asked again
    aim = await say(user, "zoom tomorrow 9am")
    assert ASKED_WHEN not in aim.text
    brief = (await press(user, "Skip")).text
    assert brief.splitlines()[1].startswith("Mon 23 Nov, 09:00 · zoom · friend")
    [lucy] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (lucy.name, lucy.relationship, lucy.last_talked) == ("Lucy Brennan", "friend", "months")


async def test_introduced_by_family_is_said_with_the_name(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    role = await say(
        user, "Dr. Amara Obi from the hospital, we've never met, my aunt introduced us"
    )
    assert "Got it: Dr. Amara Obi from the hospital, introduced by your aunt." in role.text
    await press(user, "Skip")
    where = await press(user, "Learn about their field")
    assert ASKED_HOW not in where.text and "Who introduced you" not in where.text
    assert "Where do you meet Dr. Amara Obi?" in where.text
    await say(user, "coffee at the hospital café")
    await press(user, "Skip")
    brief = (await press(user, "Tomorrow")).text
    assert "introduced by your aunt" in brief
    [amara] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (amara.name, amara.company) == ("Dr. Amara Obi", "the hospital")
    assert (amara.relationship, amara.introducer) == ("introduced", "your aunt")


async def test_a_known_contact_typed_with_a_sentence_is_the_contact_not_a_new_one(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    farah = await contacts.create_contact(db, user.id, name="Farah Siddiqui", company="Oxfam")
    await say(user, "/prep")
    offer = await say(user, "Farah Siddiqui - not a meeting, she emailed me")
    assert "Farah Siddiqui" in offer.text and "Emailed me" not in offer.text
    for label in ("Yes", "Get advice", "Skip", "Skip", "Skip"):
        await press(user, label)
    brief = (await press(user, "Skip")).text
    assert brief.startswith("📋 Brief: Farah Siddiqui, Oxfam")
    assert [c.id for c in await contacts.recent_contacts(db, user.id)] == [farah.id]


async def test_a_company_described_is_the_company_and_the_rest_is_asked(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    role = await say(user, "Tom Hale, he runs Ashdown Analytics, a small climate data consultancy")
    assert "Ashdown Analytics" in role.text and "consultancy" not in role.text
    await press(user, "Skip")
    how = await press(user, "Learn about their field")
    assert "How do you know Tom Hale?" in how.text  # nothing was said about that
    await press(user, "Never met")
    # No day in the words: when is asked as before.
    await say(user, "coffee at Fábrica")
    when = await press(user, "Skip")
    assert ASKED_WHEN in when.text
    brief = (await say(user, "thursday 10:30")).text
    assert "Thu 26 Nov, 10:30 · coffee at Fábrica · Seed" in brief
    [tom] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (tom.name, tom.company, tom.role) == ("Tom Hale", "Ashdown Analytics", None)


async def test_when_you_last_talked_said_with_the_name_is_not_asked_again(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Chloé Martin, we had lunch last christmas")
    await press(user, "Skip")
    await press(user, "Skip")
    how = await press(user, "Reconnect")
    assert "How do you know Chloé Martin?" in how.text  # not said: asked
    where = await press(user, "Former colleague")
    assert ASKED_TALKED not in where.text  # said: not asked
    assert "Where do you meet Chloé Martin?" in where.text
    await press(user, "Skip")
    await press(user, "Skip")
    await press(user, "Skip")
    [chloe] = await contacts.recent_contacts(bot.services.db, user.id)
    # Christmas 2025, eleven months before the bot's today (22 Nov 2026): this year.
    assert (chloe.relationship, chloe.last_talked) == ("former_colleague", "months")


async def test_a_line_read_wrong_is_fixed_with_one_tap_and_nothing_of_it_kept(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Priya, she was my first manager at Sonae about 4 years ago")
    await press(user, FIX)
    await say(user, "Priya Raman")
    await press(user, "Skip")  # where she works: asked, as nothing is kept
    await press(user, "Skip")
    how = await press(user, "Reconnect")
    assert "How do you know Priya Raman?" in how.text  # what the line said is gone with it


async def test_a_day_not_yet_fixed_is_asked_and_kept_out_of_the_place(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Noor Haddad")
    await press(user, "Skip")
    await press(user, "Skip")
    await press(user, "Learn about their field")
    await press(user, "Met once")
    await press(user, "This year")
    await say(user, "drinks at the Crown sometime next week")
    when = await press(user, "Skip")
    assert ASKED_WHEN in when.text
    brief = (await say(user, "thursday 18:00")).text
    assert brief.splitlines()[1].startswith("Thu 26 Nov, 18:00 · drinks at the Crown · Seed")


async def test_what_you_want_typed_at_where_they_work_is_the_goal_not_a_company(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    company = await say(
        user, "Otieno Kamau, he gave the talk on mobile money fraud at the fintech meetup"
    )
    assert "Where does Otieno Kamau work?" in company.text
    know = await say(
        user, "I want to learn how his team detects fraud and maybe ask if they take interns"
    )
    # Neither a company nor a role: the goal, so "What do you hope to get…?" is not asked.
    assert "How do you know Otieno Kamau?" in know.text
    assert "role at" not in know.text
    when = await skip_to_when(user, await say(user, "never met"))
    brief = (await press(user, "Skip")).text
    assert "When do you meet?" in when.text
    assert brief.splitlines()[0].endswith("Otieno Kamau")  # no company, no role
    assert "🎯 Learn about their field: I want to learn how his team detects fraud" in brief
    [otieno] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (otieno.company, otieno.role) == (None, None)


async def test_a_sentence_typed_at_the_role_is_no_role(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Sara Lind")
    role = await say(user, "Klarna")
    assert "role at Klarna" in role.text
    goal = await say(user, "never met her, my cousin gave me her number")
    assert "What do you hope to get from meeting Sara Lind?" in goal.text
    await skip_to_when(user, await press(user, "Learn about their field"))
    await press(user, "Skip")
    [sara] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (sara.company, sara.role) == ("Klarna", None)


async def test_a_long_workplace_answer_keeps_its_head(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """111 characters had been refused with "type 1 to 100 characters" (panel 3)."""
    await say(user, "/prep")
    await say(user, "Amara Nwosu")
    goal = await say(
        user,
        "She's a master's student at the University of Toronto, civil engineering, water"
        " resources, finishing this year",
    )
    assert "characters" not in goal.text
    assert "Master's student at the University of Toronto." in goal.text, goal.text
    assert "What do you hope to get from meeting Amara Nwosu?" in goal.text
    await say(user, "/prep")
    await say(user, "Jon Ek")
    role = await say(
        user,
        "Northwind Analytics where she runs the data platform team that looks after the"
        " warehouse and the streaming jobs",
    )
    assert "role at Northwind Analytics" in role.text
    await say(user, "/cancel")
    await say(user, "/prep")
    await say(user, "Ida Berg")
    refused = await say(user, "word " * 70)  # a paragraph is no workplace
    assert "1 to 100 characters" in refused.text


async def test_where_they_work_said_first_and_more_after_keeps_the_workplace(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Marco Bellini")
    goal = await say(
        user,
        "Metrolinx, he is Director of Asset Management there. We worked together at Halvorsen"
        " for five years.",
    )
    # The first sentence answers the question; what follows is not a company nor a goal.
    assert "What do you hope to get from meeting Marco Bellini?" in goal.text
    await skip_to_when(user, await press(user, "Reconnect"))
    await press(user, "Skip")
    [marco] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (marco.company, marco.role) == ("Metrolinx", "Director of Asset Management")
