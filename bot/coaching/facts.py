"""Known facts about a meeting, and playbook text that names them as {placeholders}.

A line of advice or a question may say "How did you get into {field} at {company}?". It is
used only when every fact it names is known: a question with a hole in it reads worse than
no question at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

FACTS: tuple[str, ...] = (
    "name",
    "first_name",
    "company",
    "role",
    "field",
    "topic",
    "speaker",
    "host",
    "introducer",
    "target",
    "target_first_name",
    "target_why",
    "aim",
    "my_name",
    "referee",
    "retired",
)
"""name, first_name: the person you meet · company, role, field: their work · topic: the talk
at the event · speaker: their first name, when the user said they gave the talk (else the
talk is ground you share) · host: their first name, when you meet at their home (you bring
something and thank them; nobody splits a bill) · introducer: who introduced you · target,
target_first_name, target_why: who you hope to be introduced to (or to ask), and why them ·
aim: what you want to walk out with, in your own words, when it is short enough to say in a
sentence · my_name: what the user is called (the first word of the name they gave the bot) ·
referee: their first name, once they said yes to being your referee (a question that sounds
them out about a reference is then not asked) · retired: their first name, when what was typed
about them says they have retired (no questions about their work, their team or company)."""

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(text: str) -> list[str]:
    """The names in {braces}, in order of appearance (repeats kept)."""
    return _PLACEHOLDER.findall(text)


def stray_brace(text: str) -> int | None:
    """Where a { or } belongs to no placeholder, or None when every brace pairs up."""
    rest = _PLACEHOLDER.sub(lambda m: "_" * len(m.group()), text)
    for position, char in enumerate(rest):
        if char in "{}":
            return position
    return None


def needs(text: str) -> frozenset[str]:
    return frozenset(placeholders(text))


def can_fill(text: str, known: Mapping[str, str]) -> bool:
    return all(known.get(name) for name in placeholders(text))


def fill(text: str, known: Mapping[str, str]) -> str:
    """The text with each {name} replaced; every fact it names must be known."""

    def value(match: re.Match[str]) -> str:
        found = known.get(match.group(1))
        if not found:
            raise KeyError(f"fact {match.group(1)!r} is not known")
        return found

    return _PLACEHOLDER.sub(value, text)
