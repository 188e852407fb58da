from zoneinfo import ZoneInfo

import pytest

from bot.coaching.zones import COMMON_ZONES, resolve_zone, stored_zone, user_zone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        # IANA names, as typed or nearly.
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("America/Sao Paulo", "America/Sao_Paulo"),
        ("utc", "UTC"),
        # Old IANA names that keep summer time are what they say.
        ("CET", "CET"),
        ("eet", "EET"),
        # A city in a zone's name, with or without its accents.
        ("  Berlin ", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("são paulo", "America/Sao_Paulo"),
        ("SÃO PAULO", "America/Sao_Paulo"),
        ("Zürich", "Europe/Zurich"),
        ("Kiev", "Europe/Kyiv"),  # an old name goes to the zone it links to now
        ("Calcutta", "Asia/Kolkata"),
        # What people call a region's clock, and its abbreviations (CLDR).
        ("pacific", "America/Los_Angeles"),
        ("Pacific Time", "America/Los_Angeles"),
        ("pacific time zone", "America/Los_Angeles"),
        ("PST", "America/Los_Angeles"),
        ("PDT", "America/Los_Angeles"),
        ("eastern", "America/New_York"),
        ("Eastern Standard Time", "America/New_York"),
        ("EST", "America/New_York"),  # not IANA's EST, which has no summer time
        ("central", "America/Chicago"),
        ("CST", "America/Chicago"),
        ("mountain", "America/Denver"),
        ("MST", "America/Denver"),
        ("alaska", "America/Anchorage"),
        ("hawaii", "Pacific/Honolulu"),
        ("atlantic", "America/Halifax"),
        ("India", "Asia/Kolkata"),
        ("IST", "Asia/Kolkata"),  # India, not Ireland: the more people
        ("GMT", "Europe/London"),  # British time, summer time included
        ("BST", "Europe/London"),
        ("AEST", "Australia/Sydney"),
        ("central european", "Europe/Warsaw"),  # CET: CLDR's zone for the Windows name
        ("china", "Asia/Shanghai"),
        # Cities that are in no zone's name (GeoNames), and their other names.
        ("seattle", "America/Los_Angeles"),
        ("Seattle, WA", "America/Los_Angeles"),
        ("I'm in Seattle", "America/Los_Angeles"),
        ("Munich", "Europe/Berlin"),
        ("münchen", "Europe/Berlin"),
        ("NYC", "America/New_York"),
        ("Bangalore", "Asia/Kolkata"),
        ("Bengaluru", "Asia/Kolkata"),
        ("Bombay", "Asia/Kolkata"),
        ("San Francisco", "America/Los_Angeles"),
        ("Cologne", "Europe/Berlin"),
        ("Portland", "America/Los_Angeles"),  # Oregon's, the larger one
        # A country whose clocks all read the same, not a town of the same name elsewhere.
        ("Kenya", "Africa/Nairobi"),
        ("I live in Colombia", "America/Bogota"),
        ("Jordan", "Asia/Amman"),
        ("Lebanon", "Asia/Beirut"),
        # Offsets from UTC: whole hours are fixed zones; others the zone on them all year.
        ("utc+2", "Etc/GMT-2"),
        ("UTC -5", "Etc/GMT+5"),
        ("GMT+10", "Etc/GMT-10"),
        ("+0", "UTC"),
        ("UTC+05:30", "Asia/Kolkata"),
        ("+5:45", "Asia/Kathmandu"),
    ],
)
def test_names_people_type_resolve(typed: str, zone: str) -> None:
    assert resolve_zone(typed) == zone


@pytest.mark.parametrize(
    "typed",
    ["", "  ", "Mars/Olympus", "Europe", "tomorrow", "nothing", "x" * 500, "utc+15", "-3:30"],
)
def test_anything_else_is_refused(typed: str) -> None:
    assert resolve_zone(typed) is None


def test_every_button_zone_is_real() -> None:
    assert all(resolve_zone(zone) == zone for zone in COMMON_ZONES)


def test_a_zone_saved_earlier_stays_what_it_was() -> None:
    # Typed today, "GMT" is British time; saved as "GMT" before, it stays GMT all year.
    assert resolve_zone("GMT") == "Europe/London"
    assert stored_zone("GMT") == "GMT"
    assert stored_zone("EST") == "EST"
    assert stored_zone("Europe/Berlin") == "Europe/Berlin"
    assert stored_zone("pacific") == "America/Los_Angeles"  # not a zone name: read as typed
    assert stored_zone("Mars/Olympus") is None


def test_a_user_without_a_usable_zone_gets_the_bots() -> None:
    default = ZoneInfo("Europe/Paris")
    assert user_zone("Asia/Tokyo", default) == ZoneInfo("Asia/Tokyo")
    assert user_zone("pacific", default) == ZoneInfo("America/Los_Angeles")
    assert user_zone(None, default) is default
    assert user_zone("", default) is default
    assert user_zone("Mars/Olympus", default) is default


@pytest.mark.parametrize("typed", ["Mexico", "Brazil", "Canada"])
def test_a_country_with_several_times_asks_for_a_city(typed: str) -> None:
    # Not the town called Mexico in the Philippines: the person is asked for their city.
    assert resolve_zone(typed) is None
