"""People someone suggested you talk to, read from one debrief answer.

"Victor Hale at Stripe, and Ana from Figma" names two people; each piece is then read by the
one-line reader (bot/coaching/person_line.py) into a name, role and company. Commas are the
hard part: "Priya Raman, head of data at Northwind" is one person, "Victor, Ana and Tom" three.
A comma separates people only in a list ("and" follows) or before someone placed at a company
("…, Ana from Figma"), and never before a role. A wrong split costs one tap: each person is
offered with "Add" and "Not now".
"""

from __future__ import annotations

import re

from bot.coaching.answers import is_nothing
from bot.coaching.person_line import ROLE_WORDS, PersonLine, read_person

# Most people offered from one answer: more than this is a list to type on a card.
MAX_PEOPLE = 5

_HARD_BREAK = re.compile(r"\s*(?:\n|;)\s*")
# "and" or "&" with spaces around, or ", and": only before a capitalised word (a name).
_AND = re.compile(r"\s*,?\s+(?:and|&|plus)\s+(?=[^\W\d_])", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")
_PLACED = re.compile(r"\s(?:at|from)\s|@", re.IGNORECASE)
_LEAD = re.compile(r"^(?:(?:maybe|perhaps|also|and|talk to|speak to|meet|ask)\s+)+", re.I)
_TRAIL = re.compile(r"[\s.,;:!?]+$")
_NAME_WORDS = 5
_NOT_A_NAME_CHAR = re.compile(r"[\d#:/?!*=<>{}\[\]]")
# Words that make a piece a description, not a name: "someone on her platform team".
_NOT_NAMES = frozenset(
    """the a an someone somebody anyone anybody people person team her his their my our your
    some few colleague colleagues friend friends manager boss recruiter recruiters
    to for with about him them me send intro introduce""".split()  # noqa: SIM905
)


def read_people(text: str) -> list[PersonLine]:
    """Each person an answer names, in order, without repeats; [] for "nobody"."""
    if is_nothing(text):
        return []
    people: list[PersonLine] = []
    seen: set[str] = set()
    for piece in _pieces(text):
        person = read_person(piece)
        key = person.name.casefold()
        if key and key not in seen and _is_name(person.name):
            seen.add(key)
            people.append(person)
    return people[:MAX_PEOPLE]


def _is_name(name: str) -> bool:
    """A few words of letters: not a description, a sentence or a number."""
    words = name.casefold().split()
    return (
        0 < len(words) <= _NAME_WORDS
        and not _NOT_A_NAME_CHAR.search(name)
        and not _NOT_NAMES.intersection(words)
    )


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    for line in _HARD_BREAK.split(text):
        parts = [p for p in _AND.split(line) if p.strip()]
        listed = len(parts) > 1
        for part in parts:
            pieces += _by_comma(part, listed)
    return [tidy for tidy in (_tidy(p) for p in pieces) if tidy and not is_nothing(tidy)]


def _by_comma(text: str, listed: bool) -> list[str]:
    """Split at the commas that start another person."""
    chunks = _COMMA.split(text)
    pieces = [chunks[0]]
    for chunk in chunks[1:]:
        if _starts_person(chunk) and (listed or _PLACED.search(chunk)):
            pieces.append(chunk)
        else:
            pieces[-1] += ", " + chunk
    return pieces


def _starts_person(text: str) -> bool:
    """A capitalised first word that is no job title: "Ana from Figma", not "head of data"."""
    words = text.split()
    first = words[0] if words else ""
    return first[:1].isupper() and first.strip(".,").casefold() not in ROLE_WORDS


def _tidy(text: str) -> str:
    return _TRAIL.sub("", _LEAD.sub("", " ".join(text.split())))


__all__ = ["MAX_PEOPLE", "PersonLine", "read_people"]
