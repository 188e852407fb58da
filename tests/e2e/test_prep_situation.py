"""/prep learns how you know them, where you meet and what you came for; the brief uses it.

Each scenario counts what the user sends and taps: a new contact's /prep stays within
about eight, a known contact's takes fewer.
"""

from bot.app import build_application, running
from bot.config import Settings
from bot.ptb.application import CommonGroundApplication
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, meetings
from tests.e2e.helpers import Clock, Counted, numbered_questions, press, say


async def test_a_former_manager_to_reconnect_with_after_years(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    me = Counted(user)
    await me.say("/prep")
    goal = await me.say("Dana Okafor, VP Engineering at Ledgerly")
    assert "What do you hope to get from meeting Dana Okafor?" in goal
    question = await me.press("Reconnect")
    assert "How do you know Dana Okafor?" in question
    talked = await me.press("Former manager")
    assert "When did you and Dana Okafor last talk?" in talked
    setting = await me.press("Over a year ago")
    assert "Where do you meet Dana Okafor?" in setting
    aim = await me.press("Skip")
    assert "What do you want to walk out with?" in aim
    await me.say("what she is building now, and a standing catch-up")
    brief = await me.say("tomorrow 10:00")
    assert me.sent == 8

    assert "former manager · Dormant: quiet for over a year, but they know you" in brief
    assert "🎯 Reconnect: what she is building now, and a standing catch-up" in brief
    questions = numbered_questions(brief)
    # What the aim wants to hear comes first; the playbooks fill the rest.
    assert questions[0] == "What are you building now?"
    assert any("Who could I introduce you to" in q for q in questions)
    [dana] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (dana.relationship, dana.last_talked, dana.stage) == (
        "former_manager",
        "years",
        "dormant",
    )
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, dana.id)
    assert meeting.about.aim == "what she is building now, and a standing catch-up"
    assert meeting.about.setting is None


async def test_a_former_manager_talked_to_lately_is_trusted_and_not_asked_again(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Dana Okafor, VP Engineering at Ledgerly")
    await press(user, "Reconnect")
    setting = await say(user, "my old boss, we talked a few weeks ago")  # both in one line
    assert "Where do you meet Dana Okafor?" in setting.text
    await say(user, "zoom")
    await press(user, "Skip")
    brief = (await press(user, "Tomorrow")).text
    assert "· zoom · former manager · Trusted: you know each other well" in brief
    [dana] = await contacts.recent_contacts(bot.services.db, user.id)
    assert dana.stage == "trusted"

    # Known now: the next /prep goes straight to the goal.
    me = Counted(user)
    await me.say("/prep")
    await me.press("Dana Okafor · Ledgerly")
    where = await me.press("Get advice")
    assert "Where do you meet Dana Okafor?" in where  # not asked how you know her
    await me.say("coffee")
    await me.press("Skip")
    brief = await me.press("Skip")
    assert me.sent == 6
    assert "coffee · former manager · Trusted" in brief


async def test_a_long_time_friend_asked_for_an_introduction(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    me = Counted(user)
    await me.say("/prep")
    await me.say("Tom Berg, designer at Ferro")
    await me.press("Get an introduction")
    target = await me.say("a friend, we talk every week")
    assert "Who exactly would you like to be introduced to, and why them?" in target
    can = await me.say("Victor Hale, he runs the platform team at Northwind")
    assert "Can Tom Berg introduce you to Victor Hale?" in can
    assert user.last.labels == ["Tom can say yes", "Tom can introduce me", "Neither", "Skip"]
    await me.press("Tom can introduce me")
    when = await me.say("over coffee")
    assert "When do you meet?" in when  # the who and why are the aim: not asked again
    brief = await me.say("friday 18:00")
    assert me.sent == 8

    assert "coffee · friend · Trusted: you know each other well" in brief
    assert "Would you be up for introducing me to Victor Hale?" in brief
    assert "Early for the ask" not in brief and "first make sure" not in brief
    assert "For Tom to forward" in brief
    assert "Hi Victor, I'm Ada, [what you do]" in brief  # Telegram's first name
    [tom] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, tom.id)
    about = meeting.about
    assert (about.ask_target, about.ask_why, about.can_help, about.setting) == (
        "Victor Hale",
        "he runs the platform team at Northwind",
        "introduce",
        "coffee",
    )


async def test_five_minutes_after_a_talk(user: SandboxUser, bot: CommonGroundApplication) -> None:
    me = Counted(user)
    await me.say("/prep")
    await me.say("Ines Duarte")
    await me.press("Skip")
    await me.press("Skip")
    await me.press("Learn about their field")
    await me.press("Never met")  # no "when did you last talk" for someone never met
    topic = await me.press("Quick chat at an event")
    assert "What was the talk about?" in topic
    await me.say("data contracts")
    await me.press("Skip")
    brief = await me.press("Today")
    assert me.sent == 10  # company and role asked apart: a one-line name saves two

    assert "quick chat at an event · talk: “data contracts”" in brief
    assert "Seed: you haven't met yet" in brief
    questions = numbered_questions(brief)
    assert len(questions) <= 3  # one opener, one follow-up and help, not seven questions
    assert any("data contracts" in q for q in questions)
    assert "I'll let you get to the next session" in brief  # the exit line
    assert len(brief) < 1200


async def test_an_event_and_its_topic_in_one_line(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Ines Duarte, staff engineer at Brightwave")
    await press(user, "Learn about their field")
    await say(user, "never met")
    aim = await say(user, "after her talk on data contracts at the meetup")
    assert "What do you want to walk out with?" in aim.text  # the topic was in the line
    brief = (await press(user, "Skip")).text
    assert brief.startswith("When do you meet?")
    brief = (await press(user, "Today")).text
    assert "· after her talk on data contracts at the meetup · Seed" in brief  # in her words


async def test_a_career_changer_s_informational_interview(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    me = Counted(user)
    await me.say("/prep")
    await me.say("Priya Raman, UX researcher at Northwind")
    await me.press("Learn about their field")
    await me.press("Never met")
    await me.press("Skip")
    await me.say("how to move from teaching into UX research")
    brief = await me.say("thursday at 5")
    assert me.sent == 7

    assert "Seed: you haven't met yet" in brief
    assert "🎯 Learn about their field: how to move from teaching into UX research" in brief
    questions = numbered_questions(brief)
    # The career-change playbook, speaking of the field named in the aim.
    assert any("UX research" in q for q in questions), questions


async def test_someone_introduced_by_a_known_contact(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await contacts.create_contact(bot.services.db, user.id, name="Maria Lopez", company="Acme")
    await say(user, "/prep")
    await say(user, "Ben Carter, engineering director at Haulwise")
    await press(user, "Learn about their field")
    setting = await say(user, "she introduced me, Maria")
    assert "Where do you meet Ben Carter?" in setting.text
    await press(user, "Coffee")
    await press(user, "Skip")
    brief = (await press(user, "Tomorrow")).text
    assert "Seed: introduced by Maria Lopez, first meeting" in brief
    # Said first, and thanked after: named in the line to say and in the close.
    assert "Maria Lopez suggested we talk" in brief and "thank Maria Lopez" in brief
    ben, maria = await contacts.recent_contacts(bot.services.db, user.id)
    assert (ben.relationship, ben.introducer, ben.introducer_id) == (
        "introduced",
        "Maria Lopez",
        maria.id,
    )
    card = await say(user, "/contact Ben Carter")
    assert "How you know them: introduced by Maria Lopez" in card.text


async def test_who_introduced_you_is_asked_when_not_said(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Ben Carter, engineering director at Haulwise")
    await press(user, "Learn about their field")
    who = await press(user, "Introduced by someone")
    assert "Who introduced you?" in who.text
    await say(user, "Nina Park")  # nobody you have: kept as a name
    await press(user, "Skip")
    await press(user, "Skip")
    brief = (await press(user, "Tomorrow")).text
    assert "introduced by Nina Park" in brief
    [ben] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (ben.introducer, ben.introducer_id) == ("Nina Park", None)


async def test_typed_answers_at_every_new_button_step(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Sam Lee, PM at Acme")
    await press(user, "Ask for something")
    unread = await say(user, "hmm, long story")
    assert "I couldn't tell which of these “hmm, long story” is" in unread.text
    assert "How do you know Sam Lee?" in unread.text and "Friend" in unread.labels
    talked = await say(user, "we worked together at Acme")
    assert "When did you and Sam Lee last talk?" in talked.text
    await say(user, "ages ago")
    await say(user, "Ola Berg, she decides on the March hires")
    not_read = await say(user, "tomorrow")
    assert "I couldn't tell which of these “tomorrow” is" in not_read.text
    await say(user, "no, he can't decide that")
    await say(user, "lunch")
    brief = (await say(user, "tomorrow 13:00")).text
    assert "· lunch · worked together · Dormant: quiet for over a year, but they know you" in brief
    assert "can't say yes to this: ask who can" in brief
    [sam] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (sam.relationship, sam.last_talked) == ("worked_together", "years")
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, sam.id)
    assert (meeting.about.ask_target, meeting.about.can_help, meeting.about.setting) == (
        "Ola Berg",
        "no",
        "meal",
    )


async def test_an_existing_contact_with_no_relationship_is_asked_once(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    db = bot.services.db
    await contacts.create_contact(db, user.id, name="Mira Patel", company="Globex")
    await say(user, "/prep")
    await press(user, "Mira Patel · Globex")
    asked = await press(user, "Get advice")
    assert "How do you know Mira Patel?" in asked.text
    await press(user, "Met once")
    await press(user, "In the last few months")
    await press(user, "Skip")
    await press(user, "Skip")
    brief = (await press(user, "Skip")).text
    assert "Seed: you've met once" in brief
    [mira] = await contacts.recent_contacts(db, user.id)
    assert (mira.relationship, mira.last_talked) == ("met_once", "recent")

    await say(user, "/prep")
    await press(user, "Mira Patel · Globex")
    setting = await press(user, "Get advice")
    assert "Where do you meet Mira Patel?" in setting.text


async def test_the_new_steps_survive_a_restart_and_store_nothing_before_the_end(
    sandbox: SandboxServer, settings: Settings, clock: Clock
) -> None:
    user = sandbox.user(1001, "Ada")
    first = build_application(settings, clock=clock)
    async with running(first):
        await say(user, "/prep")
        await say(user, "Tom Berg, designer at Ferro")
        await press(user, "Get an introduction")
        await press(user, "Friend")
        await press(user, "In the last few months")
        await say(user, "Victor Hale, he runs the platform team")
        assert await contacts.recent_contacts(first.services.db, user.id) == []

    restarted = build_application(settings, clock=clock)
    async with running(restarted):
        await press(user, "Tom can introduce me")
        await press(user, "Coffee")
        brief = (await press(user, "Tomorrow")).text
        assert "introducing me to Victor Hale" in brief
        [tom] = await contacts.recent_contacts(restarted.services.db, user.id)
        assert tom.relationship == "friend"
