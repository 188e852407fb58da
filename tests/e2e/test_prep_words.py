"""/prep takes whole sentences where it offers buttons, as the panel's players typed them:
where you meet ("pints at The Marble Arch"), who exactly ("no one this time"), the talk's
topic, and a goal that cannot fit the relationship."""

import pytest

from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from bot.storage import contacts, meetings
from tests.e2e.helpers import numbered_questions, press, say, skip_to_when


async def test_pints_with_a_friend_are_drinks_in_your_words(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Tom Reilly, Senior Software Engineer at Ocado Technology")
    await press(user, "Get an introduction")
    await say(user, "Close friend - we shared a house at Leeds 15 years ago, we talk every month")
    await say(user, "Priya Nair, their head of research")
    await press(user, "Tom can introduce me")
    # A date typed here is not a place: the question comes back saying when comes next.
    again = await say(user, "Friday at 7pm")
    assert "I'll ask when in a moment" in again.text
    assert "Where do you meet Tom Reilly?" in again.text
    when = await say(user, "Pints at The Marble Arch pub - he's in town for a wedding")
    assert "When do you meet?" in when.text
    brief = (await say(user, "friday 19:00")).text

    assert "· pints at The Marble Arch pub · friend ·" in brief
    assert "coffee" not in brief.casefold()
    assert "Would you be up for introducing me to Priya Nair?" in brief
    [tom] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, tom.id)
    assert (meeting.about.setting, meeting.about.setting_words) == (
        "drinks",
        "pints at The Marble Arch pub",
    )
    assert (meeting.about.ask_target, meeting.about.ask_why) == (
        "Priya Nair",
        "their head of research",
    )


async def test_a_walk_because_she_hates_video_calls_is_a_walk(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Ana Costa, Lead Service Designer at Manchester City Council")
    await press(user, "Learn about their field")
    await say(user, "Ben Whitaker introduced us, we've never talked")
    await say(user, "A 30-minute walk around Castlefield at lunchtime - she hates video calls")
    await press(user, "Skip")
    brief = (await say(user, "monday 12:30")).text
    first_lines = "\n".join(brief.splitlines()[:4])
    assert "· a 30-minute walk around Castlefield at lunchtime ·" in first_lines
    assert "video" not in brief.casefold() and "camera" not in brief.casefold()
    assert len(numbered_questions(brief)) == 3  # a walk holds three, nobody reads a list


async def test_a_setting_no_button_names_is_kept_not_refused(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Lena Park, curator at the Whitworth")
    await press(user, "Learn about their field")
    await press(user, "Met once")
    await press(user, "This year")
    aim = await say(user, "the new print room at the Whitworth")
    assert "What do you want to walk out with?" in aim.text
    # A date typed a step early is not the aim: the question comes back.
    again = await say(user, "thursday at 5")
    assert "I'll ask when in a moment" in again.text
    await press(user, "Skip")
    brief = (await press(user, "Tomorrow")).text
    assert "· the new print room at the Whitworth ·" in brief
    [lena] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, lena.id)
    assert meeting.about.setting is None  # no kind the playbooks know: a neutral brief


async def test_no_one_at_who_exactly_is_no_target_and_says_the_real_goal(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Ruth Adeyemi, Director of Learning Design at Century Tech")
    await press(user, "Get an introduction")
    await say(user, "my old boss, we talked a few weeks ago")
    where = await say(user, "No one this time - I'm not after an intro, I want her advice.")
    # Not "Can Ruth introduce you to No one this time?"
    assert "Where do you meet Ruth Adeyemi?" in where.text
    when = await press(user, "Video call")
    assert "When do you meet?" in when.text  # what she wants was just said: not asked again
    brief = (await press(user, "Tomorrow")).text
    assert "no one" not in brief.casefold()
    assert "introduc" not in brief.casefold()
    assert "🎯 Get advice" in brief
    [ruth] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, ruth.id)
    assert (meeting.goal, meeting.about.ask_target) == ("advice", None)


async def test_nobody_yet_keeps_the_intro_without_naming_anyone(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Tom Berg, designer at Ferro")
    await press(user, "Get an introduction")
    await press(user, "Friend")
    await press(user, "In the last few months")
    where = await say(user, "no one in particular yet - whoever knows the research side")
    assert "Where do you meet Tom Berg?" in where.text
    await press(user, "Coffee")
    brief = (await press(user, "Tomorrow")).text
    assert "no one" not in brief.casefold()
    assert "Hi No" not in brief
    assert "Who's the one person you'd ask?" in brief


async def test_a_first_meeting_to_make_a_connection_is_not_reconnecting(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Sam Ortiz, Head of Research at Kinly")
    relationship = await say(
        user,
        "I just want to make a real connection without being pushy - ask one good question"
        " about their talk and get permission to stay in touch.",
    )
    assert "How do you know Sam Ortiz?" in relationship.text
    await say(user, "Never met - I only know Sam from their LinkedIn posts and the talk.")
    topic = await say(
        user,
        "Coffee break right after Sam's talk at the UX Manchester conference. I'll have maybe"
        " five minutes and Sam will be surrounded by people.",
    )
    assert "What was the talk about?" in topic.text
    # Longer than a field, and more than a title: kept, and cut to the title part.
    await say(
        user,
        "How to do user research ethically with exhausted, vulnerable people - carers and"
        " people with early-stage dementia. Consent, short sessions, going to them.",
    )
    brief = (await say(user, "thursday 11:15")).text
    assert "Reconnect" not in brief
    assert "🎯 Learn about their field" in brief
    title = "‘How to do user research ethically with exhausted, vulnerable people’"
    questions = numbered_questions(brief)
    assert questions[0] == f"What drew you to talk about {title}?", brief
    assert len(questions) == 2  # one opener, one follow-up
    assert "I'll let you get to the next session" in brief  # and the exit line
    assert "· coffee break right after Sam's talk at the UX Manchester conference ·" in brief
    [sam] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, sam.id)
    assert meeting.goal == "learn"
    assert meeting.about.topic == title.strip("‘’")


async def test_a_talk_someone_else_gave_is_shared_ground_and_a_guess_is_no_title(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Oskar Lind, founder at Tallgrass Data")
    await press(user, "Learn about their field")
    await say(user, "Met once at a meetup in spring, we talked for a few minutes")
    topic = await say(user, "quick chat at the next Open Data Leeds meetup, by the drinks table")
    assert "What was the talk about?" in topic.text
    await say(user, "Not sure yet, I think it's something about heat maps. He isn't giving it.")
    await say(user, "Ask if he takes on volunteers")
    brief = (await say(user, "thursday 19:00")).text
    assert "talk: “heat maps”" in brief
    # Nobody said Oskar spoke: the talk is something you both heard, not his to be thanked for.
    assert "thank-you for the talk" not in brief and "give a talk" not in brief
    assert "Not sure" not in brief and "I think" not in brief
    questions = numbered_questions(brief)
    assert questions[0] == "What did you make of the talk on ‘heat maps’?"
    assert len(questions) == 2  # one opener, one follow-up
    assert "I'll let you get to the next session" in brief  # and the exit line
    # A guess and nothing else is no title at all.
    await say(user, "/prep")
    await say(user, "Lena Brandt")
    await press(user, "Skip")
    await press(user, "Skip")
    await press(user, "Learn about their field")
    await press(user, "Never met")
    await press(user, "Quick chat at an event")
    await say(user, "Not sure yet, they haven't announced it")
    await press(user, "Skip")
    brief = (await say(user, "friday 19:00")).text
    assert "talk:" not in brief and "announced" not in brief


async def test_a_talk_they_gave_said_at_what_was_it_about_is_theirs(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Mei Tanaka")
    await press(user, "Skip")
    await press(user, "Skip")
    await press(user, "Learn about their field")
    await press(user, "Never met")
    await press(user, "Quick chat at an event")
    await say(user, "her talk on pricing for marketplaces")
    await press(user, "Skip")
    brief = (await say(user, "friday 19:00")).text
    assert "· quick chat at an event, after their talk · talk: “pricing for marketplaces”" in brief
    assert "A specific thank-you for Mei's talk" in brief
    assert numbered_questions(brief)[0] == (
        "What drew you to talk about ‘pricing for marketplaces’?"
    )


@pytest.mark.parametrize(
    "where",
    [
        "A quick chat at the Harbour Forum breakfast on grid storage, she is on the panel."
        " Maybe ten minutes at the coffee station after.",
        "standing chat at the energy summit - she's one of the panellists, I'll catch her after",
        "quick hello at the meetup on grid storage; she is moderating the panel",
    ],
)
async def test_a_panellist_said_after_where_is_not_asked_about_her_own_talk(
    user: SandboxUser, bot: CommonGroundApplication, where: str
) -> None:
    await say(user, "/prep")
    await say(user, "Mei Tanaka")
    await press(user, "Skip")
    await press(user, "Skip")
    await press(user, "Learn about their field")
    await press(user, "Met once")
    await press(user, "In the last few months")
    topic = await say(user, where)
    if "What was the talk about?" in topic.text:
        await say(user, "grid storage")
    await press(user, "Skip")
    brief = (await say(user, "friday 9:00")).text
    assert "A specific thank-you for Mei's talk" in brief
    questions = numbered_questions(brief)
    assert not any("What did you make of the talk" in q for q in questions)
    assert questions[0] == "What drew you to talk about ‘grid storage’?"


async def to_who_exactly(user: SandboxUser) -> None:
    """A friend who can introduce you, up to "Who exactly would you like to be introduced to?"."""
    await say(user, "/prep")
    await say(user, "Priya Nair, head of research at Ocado")
    await press(user, "Get an introduction")
    await press(user, "Friend")
    await press(user, "In the last few months")


async def test_where_you_meet_typed_a_step_early_is_not_taken_for_a_person(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await to_who_exactly(user)
    again = await say(user, "pints at the Crown after work")
    assert "sounds like where you meet" in again.text
    assert "Who exactly would you like to be introduced to" in again.text
    can_help = await say(user, "Whoever runs UX research hiring, I don't have a name")
    assert "introduce you to the person who runs UX research hiring?" in can_help.text
    await press(user, "Priya can introduce me")
    await press(user, "Drinks")
    brief = (await press(user, "Tomorrow")).text
    assert "introducing me to the person who runs UX research hiring?" in brief
    assert "pints at the Crown" not in brief.split("💬")[1]
    assert "Hi [their name]" in brief


async def test_when_you_meet_typed_at_who_can_say_yes_is_kept_not_taken_for_a_person(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await to_who_exactly(user)
    again = await say(user, "tomorrow at 8pm")
    assert "sounds like when you meet" in again.text
    assert "Who exactly would you like to be introduced to" in again.text
    await say(user, "Tom Reid, he runs UX research hiring")
    await press(user, "Priya can introduce me")
    # Where, and then the brief: when was said already.
    brief = (await press(user, "Drinks")).text
    assert "📋" in brief and "tomorrow" not in brief.split("💬")[1]
    assert "Tom Reid" in brief and "8pm" not in brief
    assert brief.splitlines()[1].startswith("Mon 23 Nov, 20:00 · drinks")


async def test_no_date_yet_typed_at_when_is_no_date_not_a_refusal(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Aiko Tanaka, data engineer at Mercari")
    await press(user, "Get advice")
    await press(user, "Never met")
    await press(user, "Video call")
    when = await say(user, "whether to move into platform work")
    assert "When do you meet?" in when.text
    brief = await say(user, "not decided yet, she'll send a slot")
    assert "Brief: Aiko Tanaka" in brief.text and "no date set" in brief.text
    [aiko] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, aiko.id)
    assert meeting.scheduled_at is None


async def test_skip_said_in_words_at_when_skips_it(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Bruno Costa")
    await press(user, "Skip")
    await press(user, "Skip")
    await skip_to_when(user, await press(user, "Reconnect"))
    brief = await say(user, "skip for now")
    assert "Brief: Bruno Costa" in brief.text and "no date set" in brief.text


async def test_a_button_named_by_its_place_is_that_button(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Wei Chen, engineering manager at Grab")
    relationship = await say(user, "the second one")
    assert "How do you know Wei Chen?" in relationship.text
    talked = await say(user, "third")
    assert "When did you and Wei Chen last talk?" in talked.text
    setting = await say(user, "1")
    assert "Where do you meet Wei Chen?" in setting.text
    aim = await say(user, "option 2")
    assert "What do you want to walk out with?" in aim.text
    await say(user, "whether his team hires backend people from outside Singapore")
    brief = await say(user, "tomorrow 9:30")
    assert "Job search" in brief.text and "video call" in brief.text.casefold()
    [wei] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, wei.id)
    assert (meeting.goal, meeting.about.setting) == ("job", "video")


async def test_a_date_said_in_a_sentence_at_when_is_read(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Lucía Gómez")
    await press(user, "Skip")
    await press(user, "Skip")
    await skip_to_when(user, await press(user, "Reconnect"))
    brief = await say(user, "we said thursday at 5, at her office I think")
    assert "Brief: Lucía Gómez" in brief.text and "Thu 26 Nov, 17:00" in brief.text
    [lucia] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, lucia.id)
    assert meeting.scheduled_at is not None and not meeting.all_day


async def test_a_past_date_in_a_sentence_is_refused_as_past(user: SandboxUser) -> None:
    await say(user, "/prep")
    await say(user, "Lucía Gómez")
    await press(user, "Skip")
    await press(user, "Skip")
    await skip_to_when(user, await press(user, "Reconnect"))
    refused = await say(user, "I think it was yesterday at 5")
    assert "Brief" not in refused.text and "passed" in refused.text


async def test_a_role_said_with_i_think_is_the_role(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Mariana Costa")
    await say(user, "probably Nubank")
    await say(user, "data scientist I think")
    await skip_to_when(user, await press(user, "Get advice"))
    brief = await press(user, "Skip")
    assert "Brief: Mariana Costa, data scientist at Nubank" in brief.text
    [mariana] = await contacts.recent_contacts(bot.services.db, user.id)
    assert (mariana.role, mariana.company) == ("data scientist", "Nubank")


async def test_a_re_introduction_says_where_you_met_in_your_words(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await say(user, "Hiroshi Tanaka, Partner at Resilient Ground Advisory")
    await press(user, "Learn about their field")
    await say(
        user, "Met once at a conference in Montreal last May - I asked him about bridge scour"
    )
    await say(user, "Coffee near Union Station")
    await say(user, "How they model scour risk on older bridges")
    brief = (await say(user, "wednesday 09:00")).text
    assert "We met at a conference in Montreal, talking about bridge scour.”" in brief
    assert "[where]" not in brief and "[what]" not in brief
    [hiroshi] = await contacts.recent_contacts(bot.services.db, user.id)
    [meeting] = await meetings.meetings_for_contact(bot.services.db, user.id, hiroshi.id)
    assert meeting.about.known_from is not None and "bridge scour" in meeting.about.known_from
