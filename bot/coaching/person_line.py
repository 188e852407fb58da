"""What one typed line says about a person: their name, role and company.

People answer "Who are you meeting?" with "Priya Raman, head of data at Northwind Health" and
"Where does she work?" with "Ledgerly, she's a senior PM there". These functions split such a
line at the places people put a break: a comma, a spaced dash or bar, "@", the words "from"
and "at", or a closing parenthesis. A line with none of those is a name and nothing else, so
"Mary-Jane O'Neil", "Dr. Ana Lima", "Ana de la Cruz" and "Catherine of Aragon" stay whole.
What is split is shown back to the user with a button to correct it: when a line is
ambiguous ("Okafor, Dana"), a wrong guess costs one tap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that make a phrase a job title rather than a company. Words that are just as often
# part of a company's name (data, design, product, sales) are left out.
ROLE_WORDS = frozenset(
    """
    ceo cto cfo coo cmo cpo cio ciso cso cro vp svp evp avp gm md pm tpm em head director
    manager lead founder cofounder co-founder partner principal owner engineer developer
    programmer designer architect analyst scientist researcher recruiter consultant advisor
    adviser professor lecturer teacher student intern officer president chair chairman
    chairwoman chairperson editor writer journalist reporter doctor nurse lawyer attorney
    counsel associate investor specialist coordinator administrator executive chief assistant
    accountant economist postdoc mentor coach secretary treasurer fellow senior junior staff
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
# What may follow a name after a comma and still be part of the name: "Martin Luther King,
# Jr.", "Ana Lima, PhD".
NAME_SUFFIXES = frozenset(
    """
    jr sr ii iii iv phd md dds esq mba msc
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)

# Where a name stops and the rest begins: the first of these in the line.
_AFTER_NAME = re.compile(
    r"""
      (?P<comma>\s*,\s*)
    | (?P<dash>\s+[-–—|]\s+)
    | (?P<place>\s*@\s*|\s+(?:from|at)\s+)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_IN_PARENTHESES = re.compile(r"(?P<before>[^()]*?)\s*\((?P<inside>[^()]*)\)")
# "she's a", "he is the", "they're", "who works as a", "her role is": said before a role.
_PRONOUN = re.compile(
    r"""^(?:(?:she|he|they|who)(?:'s|’s|'re|’re|\s+is|\s+was|\s+are|\s+works(?:\s+there)?\s+as)?
         |(?:her|his|their)\s+(?:role|title|job)\s+is)\s+""",
    re.IGNORECASE | re.VERBOSE,
)
_ARTICLE = re.compile(r"^(?:a|an|the|their|her|his)\s+", re.IGNORECASE)
_WHERE = re.compile(r"\s+(?:there|here|now|these\s+days|at\s+the\s+moment)\.?$", re.IGNORECASE)
# Between a role and its company: "head of data at Northwind", "PM @ Ledgerly".
_ROLE_AT = re.compile(r"\s+(?:at|for|with)\s+|\s*@\s*", re.IGNORECASE)
# Between a company and a role, at the company question: "Ledgerly, senior PM".
_AFTER_COMPANY = re.compile(r"\s*[,;]\s*|\s+[-–—|]\s+")


@dataclass(frozen=True)
class PersonLine:
    name: str
    role: str | None = None
    company: str | None = None

    @property
    def split(self) -> bool:
        """Whether the line said more than a name."""
        return self.role is not None or self.company is not None


@dataclass(frozen=True)
class Workplace:
    company: str | None
    role: str | None = None


def read_person(text: str) -> PersonLine:
    """The name, role and company in an answer to "Who are you meeting?"."""
    line = " ".join(text.split())
    enclosed = _IN_PARENTHESES.fullmatch(line)
    if enclosed and _is_name(enclosed["before"]) and enclosed["inside"].strip():
        role, company = _role_and_company(enclosed["inside"], company_first=True)
        if role or company:
            return PersonLine(enclosed["before"], role, company)
    found = _AFTER_NAME.search(line)
    if found is None:
        return PersonLine(line)
    name, rest = line[: found.start()], line[found.end() :]
    if not _is_name(name) or not rest.strip(" .,;") or _is_suffix(rest):
        return PersonLine(line)
    if found["place"]:
        # "Dana from Ledgerly", "Dana at Ledgerly, senior PM": the company comes first.
        workplace = read_workplace(rest)
        role, company = workplace.role, workplace.company
    else:
        # "Priya, head of data at Northwind", "Sam Lee - CTO, Acme", "Dana, Ledgerly".
        role, company = _role_and_company(rest, company_first=False)
    if role is None and company is None:
        return PersonLine(line)
    return PersonLine(name, role, company)


def read_workplace(text: str) -> Workplace:
    """The company, and the role if the line gives one, in an answer to "Where does X work?"."""
    line = " ".join(text.split()).strip()
    described = _PRONOUN.match(line)
    if described:
        role, company = _role_and_company(line[described.end() :], company_first=False)
        return Workplace(company, role)
    at = _ROLE_AT.search(line)
    if at and _looks_like_role(line[: at.start()]) and line[at.end() :].strip():
        return Workplace(_tidy(line[at.end() :]), _role(line[: at.start()]))
    enclosed = _IN_PARENTHESES.fullmatch(line)
    if enclosed and enclosed["before"] and _looks_like_role(enclosed["inside"]):
        return Workplace(_tidy(enclosed["before"]), _role(enclosed["inside"]))
    after = _AFTER_COMPANY.search(line)
    if after and after.start() > 0:
        rest = line[after.end() :]
        if _PRONOUN.match(rest) or _looks_like_role(rest):
            return Workplace(_tidy(line[: after.start()]), _role(rest))
    return Workplace(line or None)


def _role_and_company(text: str, *, company_first: bool) -> tuple[str | None, str | None]:
    """Role and company in what follows a name: "head of data at Northwind", "CTO, Acme",
    "Ledgerly", "she's a PM at Ledgerly". A lone phrase is a role if it reads like one."""
    text = text.strip()
    described = _PRONOUN.match(text)
    if described:
        text = text[described.end() :]
    at = _ROLE_AT.search(text)
    if at and text[: at.start()].strip() and text[at.end() :].strip():
        return _role(text[: at.start()]), _tidy(text[at.end() :])
    parts = [part for part in _AFTER_COMPANY.split(text, maxsplit=1) if part.strip()]
    if len(parts) == 2:
        first, second = parts
        if _looks_like_role(second) and not _looks_like_role(first):
            return _role(second), _tidy(first)
        if _looks_like_role(first) and not _looks_like_role(second):
            return _role(first), _tidy(second)
        if company_first:
            return _role(second), _tidy(first)
        return _role(first), _tidy(second)
    if described or _looks_like_role(text):
        return _role(text), None
    return None, _tidy(text)


def _looks_like_role(text: str) -> bool:
    words = [word.strip(".,;:()'’").casefold() for word in text.split()]
    if not words:
        return False
    return words[0] in ("a", "an") or bool(ROLE_WORDS.intersection(words) or _PRONOUN.match(text))


def _role(text: str) -> str | None:
    """A role as a card shows it: "she's a senior PM there" → "Senior PM"."""
    role = _WHERE.sub("", " ".join(text.split()).strip(" ,;"))
    role = _ARTICLE.sub("", _PRONOUN.sub("", role))
    return role[:1].upper() + role[1:] if role else None


def _tidy(text: str) -> str | None:
    tidy = " ".join(text.split()).strip(" ,;")
    return tidy or None


def _is_name(text: str) -> bool:
    """Whether what comes before a break can be a name: some letters, and not a sentence."""
    words = text.split()
    return 0 < len(words) <= 6 and any(char.isalpha() for char in text)


def _is_suffix(text: str) -> bool:
    return all(word.strip(".").casefold() in NAME_SUFFIXES for word in text.split())
