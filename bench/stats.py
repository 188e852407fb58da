"""Percentiles, timing summaries and plain-text tables for the benchmark reports."""

from __future__ import annotations

import math
import platform
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction in 0..1) of unsorted values; NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class Summary:
    """Latencies in milliseconds."""

    count: int
    p50: float
    p95: float
    p99: float
    max: float
    mean: float

    @staticmethod
    def of_seconds(values: Sequence[float]) -> Summary:
        millis = [value * 1000 for value in values]
        return Summary(
            count=len(millis),
            p50=percentile(millis, 0.50),
            p95=percentile(millis, 0.95),
            p99=percentile(millis, 0.99),
            max=max(millis) if millis else math.nan,
            mean=sum(millis) / len(millis) if millis else math.nan,
        )


def ms(value: float) -> str:
    if math.isnan(value):
        return "-"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def num(value: float, digits: int = 1) -> str:
    return "-" if math.isnan(value) else f"{value:,.{digits}f}"


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table (it also reads well in a terminal)."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    separator = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(headers), separator, *(line(row) for row in rows)])


def machine() -> str:
    """One line naming when and where the figures were taken."""
    import os

    cores = os.cpu_count() or 0
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for text in cpuinfo:
                if text.startswith("model name"):
                    model = text.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    python = platform.python_version()
    return f"{stamp} · {cores} cores {model} · Python {python} · {platform.system()}"


class Stopwatch:
    """Wall and CPU time of this process (all threads) and of the calling thread."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()
        self.thread = time.thread_time()

    def elapsed(self) -> tuple[float, float, float]:
        """(wall, process CPU, this thread's CPU) seconds since creation."""
        return (
            time.perf_counter() - self.wall,
            time.process_time() - self.cpu,
            time.thread_time() - self.thread,
        )
