"""News between meetings, as people type it: who it is about, and what it is.

"Farah: she's hiring a junior analyst", "Update on Farah - she emailed me", "News from Dana:
the reorg is done". What it says is kept like a debrief answer: news to ask about next time,
or, when it says a promise was kept ("Dana sent me the intro"), that promise done.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.coaching.answers import sentences
from bot.coaching.memory import content_words
from bot.coaching.promise_check import read_kept

NEWS_SLOT = "recent_changes"
"""Where news between meetings is kept: a brief turns it into "how did it go?"."""

MAX_NAME_WORDS = 4

# "We both did our first degree at McMaster": what you share. "She likes plain language":
# what they value, a way to behave next time, not news to ask about.
_SHARED = re.compile(
    r"\b(?:we\s+both|both\s+of\s+us|we\s+(?:each|also)\s+have|in\s+common|we\s+share|"
    r"same\s+(?:school|university|uni|college|hometown|town|city|team|sport|club))\b",
    re.IGNORECASE,
)
_VALUES = re.compile(
    r"\b(?:she|he|they)(?:\s+really|\s+clearly)?\s+(?:likes?|loves?|hates?|dislikes?|values?|"
    r"cares?\s+(?:a\s+lot\s+)?about|prefers?|appreciates?|can'?t\s+stand)\b"
    r"|\b(?:she|he|they)(?:'s|’s|'re|’re|\s+is|\s+are)\s+(?:tired|sick)\s+of\b",
    re.IGNORECASE,
)


def note_slots(body: str) -> list[tuple[str, str]]:
    """A note's sentences by what they are: what you share, what they value, or news; each
    kind once, in the order first said."""
    kinds: dict[str, list[str]] = {}
    for said in (s.strip() for s in sentences(" ".join(body.split()))):
        if not said:
            continue
        slot = (
            "common_ground"
            if _SHARED.search(said)
            else "what_they_value"
            if _VALUES.search(said)
            else NEWS_SLOT
        )
        kinds.setdefault(slot, []).append(said)
    return [(slot, " ".join(said)) for slot, said in kinds.items()]


# "Update on Farah: ...", "news from Dana - ...", "note for Sam, ...": the person said outright.
_EXPLICIT = re.compile(
    r"^\s*(?:an?\s+)?(?:quick\s+)?(?:update|news|note)\s+(?:on|from|about|for|re)\s+"
    r"(?P<name>[^:\-–—,.!?]{1,80}?)\s*[:\-–—,.!]\s*(?P<body>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "Farah: ...", "Farah Siddiqui - ...": a short name, then a colon or a dash.
_NAMED = re.compile(
    r"^\s*(?P<name>[^\W\d_][\w'’.\-]*(?:\s+[\w'’.\-]+){0,3}?)\s*(?::\s|\s[-–—]\s)\s*(?P<body>\S.*)$",
    re.DOTALL,
)
# "Just heard from Nomvula, she's moving", "Spoke to Ravi - he got the job": the person after
# how you heard, then the news; said of a contact, never of someone to add ("my mum").
_HEARD = re.compile(
    r"""^\s*(?:i\s+)?(?:just\s+|finally\s+)?
    (?:heard\s+(?:back\s+)?from|got\s+(?:an?\s+)?(?:message|text|email|e-mail|call|dm|reply)\s+from
    |(?:spoke|talked|chatted)\s+(?:to|with)|(?:ran|bumped)\s+into|caught\s+up\s+with)\s+
    (?P<name>[^\W\d_][\w'’.\-]*(?:\s+[\w'’.\-]+){0,2}?)\s*(?:[:\-–—,.!;]\s*|\s+and\s+)(?P<body>\S.*)$""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


@dataclass(frozen=True)
class NoteLine:
    name: str
    body: str
    explicit: bool
    """Said outright ("Update on ..."): a name nobody has is someone to add, not a miss."""


def read_note_line(text: str) -> NoteLine | None:
    """The person and the news of a line that names them first; None if it does not."""
    match = _EXPLICIT.match(text)
    if match:
        return NoteLine(" ".join(match["name"].split()), match["body"].strip(), True)
    match = _HEARD.match(text) or _NAMED.match(text)
    if match:
        return NoteLine(" ".join(match["name"].split()), match["body"].strip(), False)
    return None


def leading_names(text: str) -> list[str]:
    """The first words of `text` that could be a name, longest first: "Farah Siddiqui
    emailed me" -> ["Farah Siddiqui emailed", "Farah Siddiqui", "Farah"]."""
    words = _WORD.findall(text.split("\n", 1)[0][:120])
    if not words or not text.lstrip().startswith(words[0]):
        return []
    return [" ".join(words[:n]) for n in range(min(len(words), MAX_NAME_WORDS - 1), 0, -1)]


@dataclass(frozen=True)
class Kept:
    """The note says this open promise was kept."""

    index: int
    """Its place in the promises given."""
    more: bool = False
    """The note says more than that it was kept ("the shadow shift is booked for 12
    January"): news too, kept as such, so nothing typed is lost."""


# What a note says about the keeping itself, beside the promise's own words: when, and how.
_KEEPING = frozenset(
    """yesterday today tonight morning afternoon evening finally already earlier last week
    weekend monday tuesday wednesday thursday friday saturday sunday ago just thanks emailed
    messaged texted wrote replied called booked sorted finished delivered submitted
    forwarded arranged confirmed kept promised""".split()  # noqa: SIM905 - a word list reads best as words
)


def kept_promise(
    body: str, promises: Sequence[str], name: str = "", theirs: Sequence[bool] = ()
) -> Kept | None:
    """The open promise `body` says was done ("She sent me the intro to Victor" and "an
    intro to Victor Hale"), if it says one was; None for news. `name`: whom the note is
    about, which says nothing more about them. `theirs`: for each promise, whether it is
    theirs; a note that says who did it ("He sent the list") keeps only a promise of that
    side. The first of several ("first SQL session today" of "four sessions") keeps none."""
    kept = read_kept(body)
    if kept is None or not kept.done:
        return None
    said = content_words(body)
    doer = _doer(body, name)
    best: tuple[int, int] | None = None
    for index, promise in enumerate(promises):
        side = theirs[index] if index < len(theirs) else None
        if doer is not None and side is not None and side != (doer == "them"):
            continue
        if _FIRST_OF.search(body) and _SEVERAL.search(promise):
            continue
        words = content_words(promise)
        shared = len(words & said)
        if words and shared >= min(2, len(words)) and (best is None or shared > best[1]):
            best = (index, shared)
    if best is None:
        return None
    beyond = said - content_words(promises[best[0]]) - content_words(name) - _KEEPING
    return Kept(best[0], more=bool(beyond))


# "He sent…", "Tomás sent…": theirs. "I sent…", "Sent her the CV": yours.
_THEM_FIRST = re.compile(r"^(?:he|she|they|he's|she's|they've|he'd|she'd)\b", re.IGNORECASE)
_ME_FIRST = re.compile(r"^(?:i|i've|i'd|we|we've)\b", re.IGNORECASE)
# The first of several: "first session", "session 1", "part one".
_FIRST_OF = re.compile(
    r"\b(?:first|1st|(?:session|part|lesson|round|class)\s+(?:1|one))\b", re.IGNORECASE
)
_SEVERAL = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|[2-9]|1[0-9])\s+(?:\w+\s+)?"
    r"(?:sessions|lessons|classes|meetings|calls|parts|rounds|weeks|afternoons|evenings)\b",
    re.IGNORECASE,
)


def _doer(body: str, name: str) -> str | None:
    """Who the note says did it: "them", "me", or None when it does not say."""
    said = " ".join(body.split()).replace("’", "'")
    first = name.split()[0] if name.split() else ""
    if _THEM_FIRST.match(said) or (first and said.casefold().startswith(first.casefold() + " ")):
        return "them"
    if _ME_FIRST.match(said):
        return "me"
    return None
