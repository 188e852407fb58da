"""Turning what a person types into an IANA time zone."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

# Offered as buttons: most people are in one of these, everyone else types a name.
COMMON_ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Australia/Sydney",
    "UTC",
)


@cache
def _zones_by_key() -> dict[str, str]:
    return {zone.casefold(): zone for zone in available_timezones()}


@cache
def _zones_by_city() -> dict[str, list[str]]:
    cities: dict[str, list[str]] = {}
    for zone in sorted(available_timezones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/")):
            cities.setdefault(zone.rsplit("/", 1)[1].casefold(), []).append(zone)
    return cities


def resolve_zone(text: str) -> str | None:
    """'Europe/Berlin', 'europe/berlin', 'Berlin', 'new york' -> a zone name, or None."""
    key = "_".join(text.strip().split()).casefold()
    if not key:
        return None
    if key in _zones_by_key():
        return _zones_by_key()[key]
    matches = _zones_by_city().get(key, [])
    # A city name shared by two zones (rare) is ambiguous: ask for the full name instead.
    return matches[0] if len(matches) == 1 else None
