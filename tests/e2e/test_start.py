from bot.app import COMMANDS
from bot.ptb.application import CommonGroundApplication
from bot.sandbox.server import SandboxServer
from bot.sandbox.user import SandboxUser
from bot.storage import users
from tests.e2e.helpers import next_new, press, say


async def test_command_menu_is_set_at_start_up(
    sandbox: SandboxServer, bot: CommonGroundApplication
) -> None:
    menu = await bot.bot.get_my_commands()
    assert [c.command for c in menu] == list(COMMANDS)
    assert {"prep", "debrief", "start", "help", "cancel"} <= set(COMMANDS)
    assert all(c.description for c in menu)


async def test_onboarding_asks_name_then_time_zone(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    welcome = await say(user, "/start")
    assert "what should I call you" in welcome.text
    assert welcome.labels == ["Keep “Ada”"]

    question = await say(user, "Dr. Ada Lovelace")
    assert "Dr. Ada Lovelace" in question.text
    assert "Europe/Berlin" in question.labels

    retry = await say(user, "Mars/Olympus")
    assert "I don't know the time zone “Mars/Olympus”" in retry.text

    done = await say(user, "tokyo")
    assert "your time zone is Asia/Tokyo" in done.text
    assert "/prep" in done.text
    stored = await users.get_user(bot.services.db, user.id)
    assert stored is not None and (stored.name, stored.timezone) == (
        "Dr. Ada Lovelace",
        "Asia/Tokyo",
    )


async def test_running_start_again_keeps_or_changes_details(user: SandboxUser) -> None:
    await say(user, "/start")
    await press(user, "Keep “Ada”")
    await press(user, "Europe/London")

    again = await say(user, "/start")
    assert "Welcome back, Ada" in again.text
    question = await press(user, "Keep “Ada”")
    assert question.labels[0] == "Keep Europe/London"
    done = await press(user, "America/New_York")
    assert "your time zone is America/New_York" in done.text


async def test_a_pressed_button_shows_the_choice_and_disappears(user: SandboxUser) -> None:
    await say(user, "/start")
    await user.press(label="Keep “Ada”")
    edited = await user.next_event()
    assert edited.edited and edited.buttons == []
    assert "→ Ada" in edited.text
    await next_new(user)


async def test_time_zone_by_city_or_common_name(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    """People type where they live or what they call their clock, not an IANA name."""
    for typed in ("pacific", "Seattle", "seattle, wa", "PST"):
        await say(user, "/start")
        await press(user, "Keep “Ada”")
        done = await say(user, typed)
        assert "your time zone is America/Los_Angeles" in done.text, typed
        stored = await users.get_user(bot.services.db, user.id)
        assert stored is not None and stored.timezone == "America/Los_Angeles"
    for typed, zone in (("São Paulo", "America/Sao_Paulo"), ("munich", "Europe/Berlin")):
        await say(user, "/start")
        await press(user, "Keep “Ada”")
        assert f"your time zone is {zone}" in (await say(user, typed)).text


async def test_an_unknown_place_gets_examples_and_nothing_changes(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/start")
    await press(user, "Keep “Ada”")
    await press(user, "Europe/London")
    await say(user, "/start")
    await press(user, "Keep “Ada”")
    retry = await say(user, "somewhere sunny")
    assert "I don't know the time zone “somewhere sunny”" in retry.text
    assert "Munich" in retry.text  # a city is an example of what works
    stored = await users.get_user(bot.services.db, user.id)
    assert stored is not None and stored.timezone == "Europe/London"


async def test_a_name_said_in_a_sentence_and_keep_said_in_words(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/start")
    question = await say(user, "call me Wanjiru please")
    assert "Wanjiru" in question.text and "call me" not in question.text
    done = await say(user, "I'm in Nairobi")
    assert "All set, Wanjiru — your time zone is Africa/Nairobi" in done.text

    await say(user, "/start")
    question = await say(user, "yeah keep it")
    assert question.labels[0] == "Keep Africa/Nairobi"
    done = await say(user, "same")
    assert "your time zone is Africa/Nairobi" in done.text
    stored = await users.get_user(bot.services.db, user.id)
    assert stored is not None and (stored.name, stored.timezone) == ("Wanjiru", "Africa/Nairobi")
