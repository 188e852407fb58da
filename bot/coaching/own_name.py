"""What to call the user, as they answer "what should I call you?": "call me Wanjiru",
"it's Ravi, thanks", "Ama please" give the name; "keep it", "same", "yeah that's fine"
keep the one offered.
"""

from __future__ import annotations

import re


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A reply made only of these words, with at least one of the first kind, keeps what was
# offered ("yeah keep it", "same as before", "that's fine").
_KEEP_HEADS = _vocabulary(
    """keep same yes yeah yep yup ya ok okay fine sure correct right good great perfect
    unchanged"""
)
_KEEP_FILLER = _vocabulary(
    """it that that's thats this is it's its one please pls as before current name the
    do does works work will that'll thanks thank you me my just leave is be all"""
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

_GREETING = re.compile(r"^(?:hi|hello|hey|hiya|yo)(?:\s+there)?\b[\s,!.]*", re.IGNORECASE)
_INTRO = re.compile(
    r"""^(?:(?:you\s+can\s+|just\s+|please\s+)?call\s+me|my\s+name\s+is|my\s+name's|name's
    |i'm|im|i\s+am|it's|its|it\s+is|this\s+is|i\s+go\s+by|just)\s+""",
    re.IGNORECASE | re.VERBOSE,
)
_COURTESY = re.compile(
    r"""(?:[\s,]+(?:please|pls|plz|thanks|thank\s+you|thx|ty|here|is\s+fine|works|is\s+good
    |will\s+do|is\s+great|is\s+ok|is\s+okay)\b)+[\s.!]*$|[\s.!]+$""",
    re.IGNORECASE | re.VERBOSE,
)


def says_keep(text: str) -> bool:
    """'keep', 'same', 'yeah keep it', 'that's fine' -> True; 'Keeley', 'Sam' -> False."""
    words = _WORD.findall(text.casefold().replace("’", "'"))
    return (
        bool(words)
        and any(w in _KEEP_HEADS for w in words)
        and all(w in _KEEP_HEADS or w in _KEEP_FILLER for w in words)
    )


def read_own_name(text: str) -> str | None:
    """The name in the answer, without the words around it; None when it keeps the offered
    one. 'call me Wanjiru please' -> 'Wanjiru'; 'Dr. Ada Lovelace' stays as typed."""
    said = " ".join(text.replace("’", "'").split())
    if says_keep(said):
        return None
    name = _GREETING.sub("", said)
    name = _INTRO.sub("", name)
    name = _COURTESY.sub("", name)
    # "Dr." keeps its dot: only a lone trailing stop after a longer word goes.
    return name.strip(" ,") or said
