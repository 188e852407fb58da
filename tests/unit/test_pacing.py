"""The pace of the bot's own messages to one chat: a burst, then about one a second."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.reminders.pacing import BURST, PER_SECOND, PaceClock, Pacer

CHAT = 1001
OTHER = 2002
NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def send_times(pacer: Pacer, chat: int, asked: list[float]) -> list[float]:
    """When each message goes out, booked at the `asked` times (one after another)."""
    return [now + pacer.book(chat, now) for now in asked]


def test_telegrams_figures_a_short_burst_then_one_a_second() -> None:
    assert (BURST, PER_SECOND) == (3, 1.0)


def test_a_burst_goes_at_once_then_one_a_second() -> None:
    pacer = Pacer(burst=3, per_second=1.0)
    assert send_times(pacer, CHAT, [100.0] * 6) == [100, 100, 100, 101, 102, 103]


def test_the_waits_are_counted_from_when_each_is_booked() -> None:
    pacer = Pacer(burst=3, per_second=1.0)
    assert [pacer.book(CHAT, 10.0) for _ in range(4)] == [0, 0, 0, 1]
    # Booked half a second later, after the fourth: the fifth waits until 12.
    assert pacer.book(CHAT, 10.5) == pytest.approx(1.5)


def test_one_chats_pile_does_not_slow_another_chat() -> None:
    pacer = Pacer(burst=3, per_second=1.0)
    send_times(pacer, CHAT, [0.0] * 10)
    assert send_times(pacer, OTHER, [0.0] * 3) == [0, 0, 0]


def test_the_bucket_refills_at_the_rate() -> None:
    pacer = Pacer(burst=3, per_second=1.0)
    send_times(pacer, CHAT, [0.0] * 3)
    assert pacer.book(CHAT, 1.0) == 0  # one back after a second
    assert pacer.book(CHAT, 1.0) == 1
    # Quiet for a long while: a whole burst again, no more.
    assert send_times(pacer, CHAT, [60.0] * 4) == [60, 60, 60, 61]


def test_messages_spaced_out_anyway_never_wait() -> None:
    pacer = Pacer(burst=3, per_second=1.0)
    assert all(pacer.book(CHAT, float(second)) == 0 for second in range(100))


def test_a_chat_is_forgotten_once_its_bucket_is_full_again() -> None:
    pacer = Pacer(burst=3, per_second=1.0)
    send_times(pacer, CHAT, [0.0] * 5)  # sends at 0, 0, 0, 1, 2: full again at 5
    assert len(pacer) == 1
    pacer.book(OTHER, 4.9)
    assert len(pacer) == 2
    pacer.book(OTHER, 5.0)
    assert len(pacer) == 1


def test_a_bucket_must_hold_a_message_and_refill() -> None:
    with pytest.raises(ValueError):
        Pacer(burst=0)
    with pytest.raises(ValueError):
        Pacer(per_second=0)


@given(
    burst=st.integers(min_value=1, max_value=5),
    per_second=st.sampled_from([0.5, 1.0, 2.0]),
    gaps=st.lists(st.floats(min_value=0, max_value=3), max_size=30),
)
def test_no_window_holds_more_than_the_bucket_allows(
    burst: int, per_second: float, gaps: list[float]
) -> None:
    pacer = Pacer(burst=burst, per_second=per_second)
    asked: list[float] = []
    now = 1000.0
    for gap in gaps:
        now += gap
        asked.append(now)
    sent = send_times(pacer, CHAT, asked)
    assert all(s >= a for s, a in zip(sent, asked, strict=True))
    assert sent == sorted(sent)  # in the order booked
    for first in range(len(sent)):
        for last in range(first, len(sent)):
            allowed = burst + per_second * (sent[last] - sent[first])
            assert last - first + 1 <= allowed + 1e-9


def test_pace_time_is_real_time_when_the_bots_clock_is_the_real_one() -> None:
    clock = PaceClock()
    assert clock.now(50.0, NOON) == 50.0
    assert clock.now(51.5, NOON + timedelta(seconds=1.5)) == 51.5
    assert clock.now(52.0, NOON + timedelta(seconds=2)) == 52.0


def test_pace_time_passes_while_a_tests_clock_stands_still() -> None:
    clock = PaceClock()
    clock.now(50.0, NOON)
    assert clock.now(53.0, NOON) == 53.0


def test_pace_time_jumps_with_the_bots_clock_and_never_goes_back() -> None:
    clock = PaceClock()
    clock.now(50.0, NOON)
    assert clock.now(50.1, NOON + timedelta(hours=3)) == pytest.approx(50.0 + 3 * 3600)
    assert clock.now(50.2, NOON) == pytest.approx(50.1 + 3 * 3600)  # the bot's clock stepped back


def test_a_bucket_is_full_again_after_a_tests_clock_skips_ahead() -> None:
    pacer, clock = Pacer(burst=3, per_second=1.0), PaceClock()
    assert [pacer.book(CHAT, clock.now(10.0, NOON)) for _ in range(4)] == [0, 0, 0, 1]
    later = NOON + timedelta(hours=3)
    assert [pacer.book(CHAT, clock.now(10.01, later)) for _ in range(3)] == [0, 0, 0]
