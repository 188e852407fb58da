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

import dataclasses
import re
from dataclasses import dataclass

from bot.coaching.answers import sentences

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
    # "Jonas Weber. He's a partner…", not "Dr. Ana Lima" nor "J. R. Tolkien".
    | (?P<stop>(?<=[a-z]{3})(?<!\bProf)(?<!\bMrs)(?<!\bRev)(?<!\bSgt)(?<!\bCapt)\.\s+(?=[A-Z]))
    | (?P<who>\s+who\s+)
    | (?P<place>\s*@\s*|\s+(?:from|at)\s+)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_IN_PARENTHESES = re.compile(r"(?P<before>[^()]*?)\s*\((?P<inside>[^()]*)\)")
# "she's a", "he is the", "they're", "who works as a", "her role is": said before a role.
_PRONOUN = re.compile(
    r"""^(?:(?:now|currently|these\s+days),?\s+)?
         (?:(?:she|he|they|who)(?:'s|’s|'re|’re|\s+is|\s+was|\s+are|\s+works(?:\s+there)?\s+as)?
            (?:\s+(?:now|currently|still|also))?
         |(?:her|his|their)\s+(?:role|title|job)\s+is)\s+""",
    re.IGNORECASE | re.VERBOSE,
)
# "he gave the talk…", "they organise the meetup": what someone does or did, not a title
# ("she's a…", "he works as…", "he runs X" are read apart).
_DOES = re.compile(
    r"^(?:she|he|they)\s+(?!(?:is|was|are|were|works|worked|runs|ran|founded|co-?founded|leads|"
    r"manages|heads)\b)[a-z]+\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:a|an|the|their|her|his)\s+", re.IGNORECASE)
_NOW = r"(?:now|currently|still|nowadays|these\s+days|right\s+now|at\s+the\s+moment)"
# "there", "now", "these days" after a role or a company: when, not what or where.
_WHERE = re.compile(rf"(?:\s+(?:there|here|{_NOW}))+\.?$", re.IGNORECASE)
# "now head of HR", "these days, she's…": said before a role.
_NOW_FIRST = re.compile(rf"^{_NOW}\s*,?\s+", re.IGNORECASE)
# "a startup called Lumen": the company is Lumen.
_CALLED = re.compile(
    r"^(?:an?|the)\s+(?:[\w'’-]+\s+){0,4}?(?:called|named)\s+(?P<name>\S.*)$", re.IGNORECASE
)
# "at CUF now as nurse manager", "joined Google as a PM": the company first, then the role.
_AT_AS = re.compile(
    r"^(?:is\s+)?(?:now\s+)?(?:at|with|joined|moved\s+to|went\s+to|works?\s+(?:at|for|with))\s+"
    r"(?P<company>.+?)\s+as\s+(?P<role>.+)$",
    re.IGNORECASE,
)
# Between a role and its company: "head of data at Northwind", "PM @ Ledgerly".
_ROLE_AT = re.compile(r"\s+(?:at|for|with)\s+|\s*@\s*", re.IGNORECASE)
# Between a company and a role, at the company question: "Ledgerly, senior PM".
_AFTER_COMPANY = re.compile(r"\s*[,;]\s*|\s+[-–—|]\s+")


@dataclass(frozen=True)
class PersonLine:
    name: str
    role: str | None = None
    company: str | None = None
    about: str | None = None
    """What the line said about how you know them, as typed and read by no one here: "she
    was my first manager", "my old uni friend", "we've never met, my aunt introduced us"."""
    past_company: str | None = None
    """Where they worked before, which the words say is over or may be ("she was my charge
    nurse at Santa Maria until 2022", "ex-Google"): where you knew them, not their company."""

    @property
    def split(self) -> bool:
        """Whether the line said more than a name."""
        return any(x is not None for x in (self.role, self.company, self.about, self.past_company))


@dataclass(frozen=True)
class Workplace:
    company: str | None
    role: str | None = None


# How sure someone is, said around a title or a company: "data scientist I think".
_HEDGE_WORDS = r"""(?:i\s+think|i\s+guess|i\s+believe|probably|maybe|perhaps|possibly|not\s+sure
    |i'm\s+not\s+sure|im\s+not\s+sure|or\s+something|or\s+so|if\s+i\s+remember\s+right)"""
_HEDGE_BEFORE = re.compile(rf"^{_HEDGE_WORDS}\s*[,:]?\s+(?=\S)", re.IGNORECASE | re.VERBOSE)
_HEDGE_AFTER = re.compile(
    rf"(?:[\s,(]+{_HEDGE_WORDS}\)?)+[\s.?!]*$|\s*\?+$", re.IGNORECASE | re.VERBOSE
)


def unhedged(text: str) -> str:
    """A title or a company without how sure they are of it: "data scientist I think",
    "probably Nubank?" -> "data scientist", "Nubank"; the text itself if nothing is left."""
    kept = _HEDGE_AFTER.sub("", _HEDGE_BEFORE.sub("", text)).strip(" ,")
    return kept or text


def read_person(text: str) -> PersonLine:
    """The name, role and company in an answer to "Who are you meeting?", and the words
    about how you know them ("Priya, she was my first manager at Sonae")."""
    line = " ".join(text.split())
    led = _LED_BY_WORDS.fullmatch(line)
    if led and led["about"].split()[-1].casefold() not in _JOINING:
        # "my old uni friend Lucy Brennan": the name comes last, after who they are to you.
        named = read_person(led["rest"])
        about = ", ".join(part for part in (led["about"], named.about) if part)
        return dataclasses.replace(named, about=about)
    enclosed = _IN_PARENTHESES.fullmatch(line)
    if enclosed and _is_name(enclosed["before"]) and _is_sentence(enclosed["inside"]):
        return _described(enclosed["before"], enclosed["inside"], place=False)
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
    if found["place"] and _LIFE_PLACE.fullmatch(rest.strip(" .")):
        # "Priya Sharma from work", "Tom from the gym": where you know them from, no company.
        return PersonLine(name, about=rest.strip(" ."))
    if any(
        _is_sentence(c) or _WORKS.match(c.strip()) or _DOES.match(c.strip())
        for c in _CLAUSE_BREAK.split(rest)
    ):
        return _described(name, rest, place=bool(found["place"]))
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


# Words that make a phrase a sentence about you and them rather than a title or a company:
# "she was my first manager", "we've never met", "not a meeting, she emailed me".
SENTENCE_WORDS = frozenset(
    """
    i i'm i've i'd me my mine we we're we've we'd us our you not never no ago since met meet
    meeting know knew known emailed email texted messaged wrote introduced intro introduce
    via through friend friends was were had been used did didn't haven't hasn't don't lost
    touch talked spoke spoken last once old former ex uni school college mate mates buddy
    neighbour neighbor cousin aunt uncle sister brother brother-in-law sister-in-law boss
    colleague colleagues coworker co-worker classmate flatmate housemate roommate teammate
    acquaintance formerly previously worked until left
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
# Where people know someone from that is no company: "from work", "from the gym".
_LIFE_PLACE = re.compile(
    r"""(?:the\s+|my\s+|our\s+|her\s+|his\s+)?(?:old\s+|last\s+|previous\s+|first\s+)?
    (?:work|job|office|gym|church|mosque|synagogue|temple|conference|meetup|bootcamp|hackathon
    |workshop|course|class|next\s+door|building|street|neighbou?rhood|team|club|choir|band)""",
    re.IGNORECASE | re.VERBOSE,
)
# A verb that says where they work and how: "he runs Ashdown Analytics", "she works at Acme".
_WORKS = re.compile(
    r"""^(?:(?:she|he|they)\s+|(?:she|he|they)(?:'s|’s)\s+)?(?:now\s+|currently\s+)?
        (?P<verb>runs|owns|founded|started|co-?founded|set\s+up|works?\s+(?:at|for|with)
        |is\s+(?:now\s+)?at|(?<='s\s)at|(?<=’s\s)at|joined)\s+(?P<own>(?:her|his|their)\s+own\s+)?
        (?P<company>.+)$""",
    re.IGNORECASE | re.VERBOSE,
)
# The role a verb says: "founded X" is its founder; "works at X" says no role.
_VERB_ROLES = {"founded": "Founder", "cofounded": "Co-founder", "co-founded": "Co-founder"}
# "my old uni friend Lucy Brennan", "an ex-colleague, Sam": who they are, then the name.
_LED_BY_WORDS = re.compile(
    r"(?P<about>(?:[Mm]y|[Oo]ur|[Aa]n?|[Tt]he)\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+?),?\s+"
    r"(?P<rest>[A-Z][\w'’.-]*(?:\s+(?:(?:van|de|da|von|del|der|di|le|la|al|bin|dos)\s+)*[A-Z][\w'’.-]*){0,3}"
    r"(?:\s*[,(|@–—-].*|\s+(?:from|at)\s+.*)?)"
)
# Between two things said about someone: "CTO of Satispay and a friend of my brother".
_CLAUSE_BREAK = re.compile(
    r"\s*[,;]\s*|\s+[-–—|]\s+|\.\s+"
    r"|\s+and\s+(?=(?:a|an|my|our|we|i|she|he|they|also|still)\b)",
    re.IGNORECASE,
)
# The longest clause read as a role and where: "he's a partner at a VC fund in Berlin".
MAX_ROLE_WORDS = 9
# Words a description cannot end on: "the 2 founders at Acme" names no one.
_JOINING = frozenset(["at", "from", "of", "to", "with", "for", "in", "on", "by", "and", "or"])
# A company named inside a sentence: "my first manager at Sonae about 4 years ago" -> Sonae.
_NAMED_PLACE = re.compile(
    r"\b(?:at|from)\s+(?P<company>[A-Z0-9][\w'’.&-]*(?:\s+(?:(?:of|and|&|de|do|da|du|la|le|für)\s+)?"
    r"[A-Z0-9][\w'’.&-]*)*)"
)
# "ex-Google", "he left Spotify": a company they left (and not "ex-boss", who is a person).
_EX_COMPANY = re.compile(
    r"(?:\bex-|\b(?i:left|quit|formerly|previously)\s+)(?P<company>[A-Z0-9][\w'’.&-]*(?:\s+[A-Z0-9][\w'’.&-]*)*)"
)
# Where someone moved to, said after where they were: "now at Google", "joined Spotify",
# "ex-Meta, now OpenAI" (a bare "now" only before a name that is no title: "now CTO at…" is
# read as a role).
_NOW_PLACE = re.compile(
    r"(?:\b(?i:joined|moved\s+to|went\s+to|switched\s+to)\s+|\b(?i:now)\s+(?i:at|with)\s+"
    r"|^(?i:now)\s+(?!(?:[A-Z]+|[A-Z][a-z]+)\s+(?:at|of|for|@)\b))"
    r"(?P<company>[A-Z0-9][\w'’.&-]*(?:\s+(?:(?:of|and|&|de|do|da|du|la|le)\s+)?[A-Z0-9][\w'’.&-]*)*)"
)
# Words that put what a sentence says in the past, or say it may be: "she was my charge nurse
# at Santa Maria until 2022", "he used to work at Spotify", "my old boss at Deloitte". A
# workplace said with them is where you knew them: whether they are still there is asked,
# since taking it for their company makes the brief ask about a job they left.
_PAST = re.compile(
    r"\b(?:was|were|used\s+to|formerly|previously|former|until|till|ago|back\s+(?:in|then)"
    r"|left|no\s+longer|worked|retired|old\s+(?:boss|manager|colleagues?|co-?workers?|team-?mates?"
    r"|job|supervisor|lead|team\s*lead))\b|\bex-",
    re.IGNORECASE,
)


def is_sentence(text: str) -> bool:
    """Words about you and them, or what you want ("I want to learn how his team works",
    "never met"), rather than a title or a company."""
    return _is_sentence(text)


def _is_sentence(text: str) -> bool:
    words = {word.strip(".,;:!?()'’\"").casefold().replace("’", "'") for word in text.split()}
    # "ex-boss", "ex-colleague": a former someone, whatever follows the dash.
    return bool(words & SENTENCE_WORDS) or any(word.startswith("ex-") for word in words)


def _described(name: str, rest: str, *, place: bool) -> PersonLine:
    """A name followed by sentences: each clause is a role, a company, or words about how
    you know them; a clause that is none of those is kept for the relationship reader, never
    made a role. "He runs Ashdown Analytics, a small climate data consultancy": the company,
    and the words describing it dropped."""
    role: str | None = None
    company: str | None = None
    past: str | None = None
    about: list[str] = []
    clauses = [c for c in _CLAUSE_BREAK.split(rest) if c.strip(" .;,")]
    if place and clauses and not _is_sentence(clauses[0]):
        # "Dr. Amara Obi from the hospital, we've never met": the company comes first.
        company = _tidy(clauses.pop(0).rstrip("."))
    for clause in clauses:
        clause = clause.strip(" .")
        works = _WORKS.match(clause)
        if works and company is None and works["verb"].casefold() == "runs":
            # "she runs the analytics team at MTN Ghana": a role, then where.
            said = read_role(clause, capital=True)
            if said.company is not None:
                company, role = said.company, role or said.role
                continue
        if works and company is None:
            run = _capitalised_run(works["company"])
            verb = works["verb"].casefold()
            if run is None and works["own"]:
                # "now runs her own firm": no name to show as a company.
                role = role or _role(f"{verb} own {works['company']}")
                continue
            company = run or _tidy(works["company"])
            role = role or _VERB_ROLES.get(verb)
            continue
        moved = _NOW_PLACE.search(clause)
        if moved and moved["company"].split()[0].casefold() in ROLE_WORDS:
            moved = None  # "now CTO": a role
        if _is_sentence(clause) or moved:
            about.append(clause)
            # "she left Ericsson in 2021 and joined Spotify": what comes before the move.
            before = clause[: moved.start()] if moved else clause
            named = _NAMED_PLACE.search(before) or _EX_COMPANY.search(before)
            if named and _PAST.search(before):
                past = past or named["company"]
            elif named and company is None and not moved:
                company = named["company"]
            if moved:
                company = moved["company"]  # where they are now, over anything said before
            continue
        if (
            company is not None
            and clause.split()[0].casefold() in ("a", "an")
            and not (ROLE_WORDS.intersection(w.casefold() for w in clause.split()))
        ):
            continue  # "a small climate data consultancy": what the company is
        if role is None and _looks_like_role(clause) and len(clause.split()) <= MAX_ROLE_WORDS:
            role, at_company = _role_and_company(clause, company_first=False)
            company = company or at_company
            continue
        about.append(clause)
    past = None if past == company else past
    return PersonLine(name, role, company, ", ".join(about) or None, past)


def _capitalised_run(text: str) -> str | None:
    found = re.match(
        r"[A-Z0-9][\w'’.&-]*(?:\s+(?:(?:of|and|&|de|do|da|du|la|le)\s+)?[A-Z0-9][\w'’.&-]*)*",
        text,
    )
    return found.group().rstrip(".") if found else None


def read_workplace(text: str) -> Workplace:
    """The company, and the role if the line gives one, in an answer to "Where does X work?"."""
    line = " ".join(text.split()).strip()
    split = _them_after_company(line, capital=True)
    if split is not None:
        return split
    described = _PRONOUN.match(line)
    if described:
        said = read_role(line, capital=True)
        if said.company is not None:
            return said  # "she's at CUF now as nurse manager"
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
    return Workplace(_WHERE.sub("", line) or None)  # "Lumen these days"


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
    if _DOES.match(text):
        return False
    return words[0] in ("a", "an") or bool(ROLE_WORDS.intersection(words) or _PRONOUN.match(text))


def _role(text: str, *, capital: bool = True) -> str | None:
    """A role as a card shows it: "she's a senior PM there" → "Senior PM"; without
    `capital`, in the case it was typed."""
    role = _WHERE.sub("", " ".join(text.split()).strip(" ,;"))
    role = _ARTICLE.sub("", _NOW_FIRST.sub("", _PRONOUN.sub("", role)))
    if not role:
        return None
    return role[:1].upper() + role[1:] if capital else role


def _tidy(text: str) -> str | None:
    """A company as a card shows it: "CUF Descobertas now" → "CUF Descobertas", "a startup
    called Lumen" → "Lumen"."""
    tidy = _WHERE.sub("", " ".join(text.split()).strip(" ,;")).strip(" ,;")
    called = _CALLED.match(tidy)
    return (called["name"].strip(" ,;") if called else tidy) or None


def _about_them(line: str) -> tuple[str, str] | None:
    """Words about their company, then a clause about the person: "It's a health-tech
    startup in Melbourne, he's Head of Product at MedLoop" -> ("It's a health-tech startup
    in Melbourne", "he's Head of Product at MedLoop"); None when no such clause follows."""
    clauses = re.split(r"(?<=[,;.])\s+", line)
    for n, clause in enumerate(clauses[1:], start=1):
        if _PRONOUN.match(clause) and not clause.casefold().startswith("who"):
            return " ".join(clauses[:n]).rstrip(",;. "), " ".join(clauses[n:]).rstrip(".")
    return None


def _them_after_company(line: str, *, capital: bool) -> Workplace | None:
    """The role (and company) from the clause about the person; the company, if that clause
    names none, is the one the words before it name ("MedLoop, a health-tech startup. He is
    Head of Product"), not a description ("It's a startup in Melbourne")."""
    split = _about_them(line)
    if split is None:
        return None
    before, them = split
    said = read_role(them, capital=capital)
    if said.company is not None:
        return said
    named = re.split(r",\s*", before, maxsplit=1)[0]
    company = None if _DESCRIBES.match(named) else _named_company(named)
    return Workplace(company, said.role)


# "It's a startup", "a small bank", "the one in Leeds": words about a company, not its name.
_DESCRIBES = re.compile(r"^(?:it'?s|it\s+is|they'?re|a|an|the|some)\b", re.IGNORECASE)


def read_role(text: str, *, capital: bool = False) -> Workplace:
    """The role, and the company when it names one, in an answer to "What is X's role?":
    "she's nurse manager at CUF Descobertas now" → nurse manager at CUF Descobertas (where
    they work now, which replaces a workplace said before). A place that names no one ("PM at
    a small fintech") stays part of the role, which keeps the case it was typed in (unless
    `capital`)."""
    line = " ".join(text.split())
    split = _them_after_company(line, capital=capital)
    if split is not None:
        return split
    rest = _NOW_FIRST.sub("", line)
    described = _PRONOUN.match(rest)
    if described:
        rest = rest[described.end() :]
    at_as = _AT_AS.match(rest)
    if at_as and _named_company(at_as["company"]):
        return Workplace(_named_company(at_as["company"]), _role(at_as["role"], capital=capital))
    works = _WORKS.match(rest)
    if works and not _VERB_ROLES.get(works["verb"].casefold()) and _named_company(works["company"]):
        return Workplace(_named_company(works["company"]))
    at = _ROLE_AT.search(rest)
    if at and rest[: at.start()].strip():
        company = _named_company(rest[at.end() :])
        if company is not None:
            return Workplace(company, _role(rest[: at.start()], capital=capital))
    return Workplace(None, _role(rest, capital=capital))


# "still there", "she's still at Santa Maria", "same place": where they worked is where they
# work, typed instead of pressing "Still at …".
_STILL = re.compile(
    r"""^(?:(?:she|he|they)(?:'s|’s|'re|’re|\s+is|\s+are)?\s+)?
        (?:still(?:\s+(?:there|the\s+same|at\s+(?P<company>.+)))?
          |(?:the\s+)?same(?:\s+(?:place|one|company|as\s+before))?)[.!]?$""",
    re.IGNORECASE | re.VERBOSE,
)


def still_at(text: str, past: str) -> str | None:
    """The company when an answer to "Where does X work now, after `past`?" says they are
    still there; None when it names somewhere else."""
    found = _STILL.match(" ".join(text.split()))
    if found is None:
        return None
    return _tidy(found["company"] or "") or past


def _named_company(text: str) -> str | None:
    """The company in words after "at", when they name one: "CUF Descobertas now", "a
    startup called Lumen", "the BBC"; not "a small fintech"."""
    company = _tidy(text)
    if company is None or not re.match(r"(?:the\s+)?[A-Z0-9]", company):
        return None
    return company


def _is_name(text: str) -> bool:
    """Whether what comes before a break can be a name: some letters, and not a sentence."""
    words = text.split()
    return 0 < len(words) <= 6 and any(char.isalpha() for char in text)


def _is_suffix(text: str) -> bool:
    return all(word.strip(".").casefold() in NAME_SUFFIXES for word in text.split())


# Longer than this, an answer to "Where does X work?" is a paragraph, not a workplace.
MAX_TYPED_COMPANY = 300


def workplace_typed(text: str, *, as_typed: bool, limit: int) -> Workplace | None:
    """The company (and role) in an answer to "Where does X work?"; None when it is empty or
    too long to be one. Longer than `limit` (what a card keeps), it says more than where: its
    head is the company
    ("University of Toronto, civil engineering, water resources, finishing this year" had
    been refused for its 111 characters)."""
    # What follows the first sentence is about something else: how you know them, usually.
    typed = unhedged(first_sentence(" ".join(text.split())))
    if not typed or len(typed) > MAX_TYPED_COMPANY:
        return None
    workplace = Workplace(typed) if as_typed else read_workplace(typed)
    if len(typed) <= limit:
        return workplace
    company = _head(workplace.company, limit)
    if workplace.company and not company:
        return None
    return Workplace(company, _head(workplace.role, limit))


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence ("… there. We worked…"), not the one in
    "Dr. Lee" (answers.sentences knows those)."""
    said = sentences(text.strip())
    return said[0].strip() if said else text


_HEAD_END = re.compile(r"\s*(?:[,;(]|\s[-–—]\s|\b(?:where|which|who|that)\b)", re.IGNORECASE)


def _head(part: str | None, limit: int) -> str | None:
    """The words before the first comma, dash or "where"; None when even those do not fit."""
    if part is None:
        return None
    head = _HEAD_END.split(part, maxsplit=1)[0].strip()
    return head if 0 < len(head) <= limit else None


def named_after_role(role: str, after: str) -> str | None:
    """The name said right after a role: "the CTO" then "Mariana Ortega, who decides…" ->
    "Mariana Ortega". None when the role is a name already, or no name follows ("the CTO,
    I think", "her manager, she decides")."""
    if not _ROLE_FIRST.match(role):
        return None
    named = _NAME_FIRST.match(after.strip())
    if named is None or named["name"].split()[0].casefold() in _NOT_A_NAME:
        return None
    return named["name"]


# A role said before the name: "the CTO", "his boss", "their head of data".
_ROLE_FIRST = re.compile(r"^(?:the|his|her|their|our|my|your)\s+[a-z]", re.IGNORECASE)
_NAME_FIRST = re.compile(r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?=$|[\s,;.:(-])")
# Capitalised words that start a clause, not a name.
_NOT_A_NAME = frozenset(
    [
        "i",
        "i'm",
        "i'd",
        "i've",
        "i'll",
        "she",
        "he",
        "they",
        "we",
        "it",
        "the",
        "a",
        "an",
        "this",
        "that",
        "not",
        "no",
        "maybe",
    ]
)
