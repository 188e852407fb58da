import pytest

from bot.coaching.own_name import read_own_name, says_keep


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("call me Wanjiru please", "Wanjiru"),
        ("it's Wanjiru", "Wanjiru"),
        ("Hi, I'm Ravi!", "Ravi"),
        ("my name is João Silva", "João Silva"),
        ("Just Mei, thanks", "Mei"),
        ("Ama please", "Ama"),
        ("Kofi is fine", "Kofi"),
        ("you can call me Bea", "Bea"),
    ],
)
def test_the_name_is_read_without_the_words_around_it(typed: str, name: str) -> None:
    assert read_own_name(typed) == name


@pytest.mark.parametrize("typed", ["Dr. Ada Lovelace", "Keeley", "Sam", "Ada Itsuki", "Justine"])
def test_a_plain_name_is_kept_as_typed(typed: str) -> None:
    assert read_own_name(typed) == typed


@pytest.mark.parametrize(
    "typed", ["keep", "same", "yeah keep it", "that's fine", "Same as before", "yes please", "ok"]
)
def test_keeping_words_keep_the_offered_name(typed: str) -> None:
    assert says_keep(typed)
    assert read_own_name(typed) is None


@pytest.mark.parametrize("typed", ["Keeley", "Samantha", "Nairobi", "Yesenia", ""])
def test_names_and_places_are_not_keeping_words(typed: str) -> None:
    assert not says_keep(typed)
