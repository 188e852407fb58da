"""Which of a user's contacts may be the same person as another: offered first when merging."""

from __future__ import annotations


def likely_duplicate(name: str, other: str) -> bool:
    """Whether two folded names (contacts.fold) may name one person: the same name, the same
    first name ("ruth", "ruth adler"), or one the start of the other ("dan", "dana okafor")."""
    words, other_words = name.split(), other.split()
    if not words or not other_words:
        return False
    if words[0] == other_words[0]:
        return True
    shorter, longer = sorted((name, other), key=len)
    return longer.startswith(shorter)
