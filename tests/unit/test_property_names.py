"""Names and zones people type, for any text: looked up without error, and a contact's own
name always finds it."""

from __future__ import annotations

from zoneinfo import available_timezones

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.coaching.zones import resolve_zone
from bot.storage.contacts import CLOSE, EXACT, Rank, fold, match_rank, name_key

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)
tricky = st.sampled_from("\u0301\u200bÖö ΣσςİıßẞǅŁ")
names = st.text(st.one_of(st.characters(codec="utf-8"), tricky))


@SETTINGS
@given(name=names, typed=names, company=st.none() | names)
@example(name="Zoë Müller", typed="ZOE\u0308 MU\u0308LLER", company=None)
@example(name="ΣΊΣΥΦΟΣ", typed="σίσυφος", company=None)
@example(name="\u0301", typed="\u0301", company=None)
def test_a_contact_is_found_by_its_own_name_however_it_is_typed_again(
    name: str, typed: str, company: str | None
) -> None:
    assert name_key(name_key(name)) == name_key(name)
    assert fold(fold(name)) == fold(name)
    rank = match_rank(name, name, company)
    # Only a name with nothing left once spacing and marks are folded away has no match.
    assert rank == (Rank(1, EXACT) if fold(name) else None)
    if name_key(typed) == name_key(name):  # the same name, typed in another form
        assert match_rank(typed, name, company) == rank
    other = match_rank(typed, name, company)
    assert other is None or (
        other.company == 1 and EXACT <= other.fit <= CLOSE and -1.0 <= other.closeness <= 0.0
    )


@SETTINGS
@given(text=st.text(max_size=60))
@example(text="  europe/BERLIN ")
@example(text="new york")
@example(text="\x00")
@example(text="../../etc/passwd")
def test_any_text_is_a_known_zone_or_none(text: str) -> None:
    zone = resolve_zone(text)
    assert zone is None or zone in available_timezones()
