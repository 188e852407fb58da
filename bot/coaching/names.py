"""Who a typed name means: the decisions of the one name resolver.

Every flow that names a person (/prep, /debrief, /contact) reads what was typed with
`reference`, asks storage for the owner's contacts it could mean, best first
(bot/storage/contacts.py rank_contacts), and lets `decide` say what to do: offer the one
likely contact, list several, or make a new one.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Generic, Literal, TypeVar

from bot.coaching.person_line import read_person

T = TypeVar("T")


@dataclass(frozen=True)
class Reference:
    """A person as the user named them: "Dana from Ledgerly" is Dana, at Ledgerly."""

    name: str
    company: str | None
    role: str | None
    typed: str
    """Everything typed, tidied: a contact stored under all of it is the one meant."""
    about: str | None = None
    """What was said about how you know them ("my old boss"), for the relationship reader."""
    past_company: str | None = None
    """Where they worked before ("ex-Google"): where you knew them, not their company."""

    @property
    def sought(self) -> str:
        """The name to look for: "Ms Sharma" is Priya Sharma, whatever title she was stored
        without; a title alone ("Dr") is the name."""
        return _TITLE.sub("", self.name) or self.name


# What people put before a surname, and no contact is stored under.
_TITLE = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof|professor|sir|madam)\.?\s+(?=\S)", re.I)


def reference(text: str, *, split: bool = True) -> Reference:
    """What `text` names; with `split` false, all of it is the name (the user said so)."""
    typed = " ".join(text.split())
    if not split:
        return Reference(typed, None, None, typed)
    person = read_person(typed)
    return Reference(
        person.name, person.company, person.role, typed, person.about, person.past_company
    )


class Verdict(Enum):
    ONE = "one"
    """One contact is the likely one: offer it, with "someone new" beside it."""
    SEVERAL = "several"
    """Several are as likely: list them, and "someone new"."""
    NONE = "none"
    """Nobody fits: a new contact."""


@dataclass(frozen=True)
class Decision(Generic[T]):
    verdict: Verdict
    people: tuple[T, ...]
    """The one, or the first `shown` of several, best first."""
    more: bool = False
    """Whether more matched than are listed."""


def decide(ranked: Sequence[tuple[Hashable, T]], shown: int) -> Decision[T]:
    """What to do with the contacts a name may mean, given best first with how likely each
    is (equal likelihoods are equally likely; see storage's Rank.likelihood).

    One contact likelier than all the others is the one: a full name over contacts whose
    name only begins with it, the namesake at the company typed over the others, the first
    name of the only person with it. Several equally likely ones are listed for the user to
    pick, as many as `shown`.
    """
    if not ranked:
        return Decision(Verdict.NONE, ())
    best = ranked[0][0]
    if len(ranked) == 1 or ranked[1][0] != best:
        return Decision(Verdict.ONE, (ranked[0][1],))
    people = tuple(person for _, person in ranked[: max(shown, 0)])
    return Decision(Verdict.SEVERAL, people, more=len(ranked) > len(people))


_YES = re.compile(
    r"""(yes|yeah|yep|yup|y|ya|yah|yeh|yas|sure|ok|okay|correct|right|indeed|exactly|mhm|uh\ huh
    |(?:it's|its|it\ is|that's|thats|that\ is|yes\ it's|sure\ is)
      (?:\ (?:her|him|them|it|the\ one|the\ same\ (?:one|person)|the\ same|right|correct))?
    |(?:the\ )?(?:same|first|this|that)(?:\ one|\ person)?)""",
    re.VERBOSE,
)
_NEW = re.compile(
    r"""(no|nope|nah|n|new|someone\ new|someone\ else|someone\ different|different\ person
    |not\ (?:her|him|them|that\ one|the\ same)
    |(?:a\ |an\ )?(?:new|different|another|other)(?:\ one|\ person|\ contact|\ guy|\ woman)?)""",
    re.VERBOSE,
)
_YES_SIGNS = frozenset("👍✅✔☑👌")
_NEW_SIGNS = frozenset("👎❌✖🙅")


# A reply that opens with one of these is a yes or a no whatever follows ("ya thats him",
# "nope, different Dana"); a bare "ok" or "n" only on its own, as names can start so.
_YES_FIRST = frozenset({"yes", "yeah", "yep", "yup", "ya", "yea", "yess", "correct", "exactly"})
_NO_FIRST = frozenset({"no", "nope", "nah"})


def offer_reply(text: str) -> Literal["yes", "new"] | None:
    """A typed answer to "Is it Dana Okafor?": yes, someone new, or neither (a name, then)."""
    words = " ".join(re.sub(r"[^\w' ]", " ", text.casefold().replace("’", "'")).split())
    if not words:
        signs = set(text)
        return "yes" if signs & _YES_SIGNS else "new" if signs & _NEW_SIGNS else None
    first = words.split(" ", 1)[0]
    if _YES.fullmatch(words) or first in _YES_FIRST:
        return "yes"
    if _NEW.fullmatch(words) or first in _NO_FIRST:
        return "new"
    return None
