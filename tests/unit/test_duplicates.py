"""Likely duplicates offered when merging a contact."""

from __future__ import annotations

import pytest

from bot.coaching.duplicates import likely_duplicate


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("ruth", "ruth adler"),
        ("ruth adler", "ruth"),
        ("ruth adler", "ruth a."),
        ("dan", "dana okafor"),
        ("dana okafor", "dana okafor"),
        ("priya", "priya raman"),
    ],
)
def test_likely(name: str, other: str) -> None:
    assert likely_duplicate(name, other)


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("ruth adler", "dana okafor"),
        ("ruth adler", "adler ruthie"),  # a last name alone is not enough to offer
        ("sam lee", "sammy lee"),
        ("", "ruth"),
        ("mira patel", "miranda jones"),
    ],
)
def test_not_likely(name: str, other: str) -> None:
    assert not likely_duplicate(name, other)
