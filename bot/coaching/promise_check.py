"""Whether a promise was kept, as people answer "Last time you promised X — done?".

They tap, or they type: "yes, sent it last week", "done", "all done", "not yet", "still on
my list". Half done is not done ("sort of - she sent it to one client, the other went
quiet"): it stays open, so the next brief still says what is left, and so does not knowing
("not sure yet", "no idea"). A typed answer that says
neither is no answer: the question is asked again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Read first: "not done yet" and "haven't sent it" hold words that alone would mean done.
_NOT_YET = re.compile(
    r"\b(?:not\s+(?:yet|really|quite|done|sent)|no|nope|nah|never|haven'?t|hasn'?t|"
    r"didn'?t|did\s+not|have\s+not|has\s+not|working\s+on|in\s+progress|"
    r"on\s+my\s+list|forgot|pending|skip|"
    # Not as far as you know: it stays open until you hear otherwise.
    r"not\s+(?:that|as\s+far\s+as)\s+i\s+know|(?:don'?t|do\s+not)\s+think\s+so|"
    r"not\s+sure)\b"
)
# Words of time that say "not yet" alone ("next week", "soon"), but not after a plain yes:
# "yes, the interview is tomorrow" is the offer kept, with what came of it.
_LATER = re.compile(r"\b(?:still|soon|later|tomorrow|next\s+week)\b")
_YES_FIRST = re.compile(r"^(?:yes|yep|yeah|yup|done|she\s+did|he\s+did|they\s+did)\b")
# Not knowing is not done: "not sure yet" holds "sure".
_UNKNOWN = re.compile(
    r"\b(?:not\s+sure|unsure|don'?t\s+know|do\s+not\s+know|dunno|no\s+idea|no\s+clue|"
    r"maybe|perhaps|might\s+have|can'?t\s+tell|unclear|no\s+word)\b"
)
# Half kept: read before "done", which "sent it to one of them" also holds.
_PARTLY = re.compile(
    r"\b(?:sort\s+of|kind\s+of|partly|partially|half(?:way)?|some\s+of|one\s+of|mostly|almost|"
    r"nearly|not\s+(?:all|both|fully|completely)|only\s+(?:one|some|half|part))\b"
)
_DONE = re.compile(
    r"\b(?:yes|yep|yeah|yup|ya|done|did|sent|kept|finished|delivered|shared|posted|sorted|"
    r"connected|introduced|gave|emailed|messaged|replied|booked|of\s+course|absolutely|"
    r"sure|ok|okay|all\s+good|they\s+did|she\s+did|he\s+did)\b"
)
_ALL = re.compile(r"\b(?:all|both|everything|each)\b")


@dataclass(frozen=True)
class Kept:
    done: bool
    every: bool = False
    """It says all of them ("all done", "both sent"), not only the one asked about."""


def read_kept(text: str) -> Kept | None:
    """A typed answer to "done?": done, not yet, or None for words that say neither."""
    said = " ".join(text.replace("’", "'").casefold().split())
    if "✓" in said or "✅" in said or "👍" in said:
        return Kept(True)
    if _NOT_YET.search(said) or _UNKNOWN.search(said) or _PARTLY.search(said):
        return Kept(False)
    if _LATER.search(said) and not _YES_FIRST.match(said):
        return Kept(False)
    if _DONE.search(said):
        return Kept(True, bool(_ALL.search(said)))
    return None
