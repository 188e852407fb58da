import pytest

from bot.coaching.zones import COMMON_ZONES, resolve_zone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("  Berlin ", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("utc", "UTC"),
    ],
)
def test_names_people_type_resolve(typed: str, zone: str) -> None:
    assert resolve_zone(typed) == zone


@pytest.mark.parametrize("typed", ["", "Mars/Olympus", "Europe", "tomorrow", "x" * 500])
def test_anything_else_is_refused(typed: str) -> None:
    assert resolve_zone(typed) is None


def test_every_button_zone_is_real() -> None:
    assert all(resolve_zone(zone) == zone for zone in COMMON_ZONES)
