"""Typed answers to "Last time you promised X — done?"."""

from __future__ import annotations

import pytest

from bot.coaching.promise_check import Kept, read_kept


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("yes, sent it last week", Kept(True)),
        ("Done!", Kept(True)),
        ("she did, on Monday", Kept(True)),
        ("all done", Kept(True, every=True)),
        ("both sent", Kept(True, every=True)),
        ("not yet", Kept(False)),
        ("nope", Kept(False)),
        ("haven't sent it", Kept(False)),
        ("not done yet, next week", Kept(False)),
        ("still on my list", Kept(False)),
        ("skip", Kept(False)),
        # Not as far as they know: open until they hear otherwise.
        ("not that I know of", Kept(False)),
        ("don't think so, he's been slammed", Kept(False)),
        ("no idea tbh", Kept(False)),
        ("not sure tbh", Kept(False)),
        # Half kept is still open: the next brief says what is left.
        ("Sort of - she sent it to one client, the other one went quiet", Kept(False)),
        ("partly, he sent the intro but not the deck", Kept(False)),
        ("mostly done", Kept(False)),
        ("sent one of the two links", Kept(False)),
        # Not knowing is not done: it stays open ("not sure yet" holds "sure").
        ("not sure yet", Kept(False)),
        ("no idea, I'll ask her", Kept(False)),
        ("maybe, she said she would", Kept(False)),
        ("sure, it's done", Kept(True)),
        # A plain yes first: what follows is what came of it, even when it lies ahead.
        ("yes, the interview is tomorrow", Kept(True)),
        ("yep, we're meeting next week about it", Kept(True)),
        ("sending it tomorrow", Kept(False)),
        ("later today", Kept(False)),
        ("hmm, what was that?", None),
    ],
)
def test_done_or_not_yet_as_people_type_it(said: str, kept: Kept | None) -> None:
    assert read_kept(said) == kept
