"""Malformed playbooks, for any edit of a valid one: `commonground check-playbooks` (and so
start-up, which loads through the same checks) reports `file:line: what is wrong`, and never
fails any other way.

tests/unit/test_playbooks.py pins the message of each kind of mistake; this file makes sure
that no mistake, however odd, gets past the checks as a crash instead.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.coaching.playbooks import check_playbooks
from tests.unit.helpers import FALLBACK, VALID_DEBRIEF, VALID_PREP

# What a person (or a bad merge) could put in a YAML line.
YAML_BITS = (
    *("", " ", "  ", "\t", "-", "- ", ": ", ":", "#", "---", "...", "?", "|", ">", "|-"),
    *("[", "]", "{", "}", "[seed", "{a: b", "[1, [2, [3]]]", "'", '"', "'unclosed", '"\\x'),
    *("&anchor ", "*anchor", "*nothing", "<<: *anchor", "!!binary aGk=", "!!python/object:x"),
    *("!custom", "~", "null", "true", "no", "0x1F", "1e400", ".nan", "2026-12-03", "12:30"),
    *("any", "seed", "learn", "how_i_can_help", "prep", "debrief", "id", "kind", "text"),
    *("\x00", "\x07", "\ufeff", "\u2028", "😀", "é", "\udcff"),
)


@st.composite
def edited(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from((VALID_PREP, VALID_DEBRIEF))).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(("delete", "duplicate", "indent", "replace", "insert")))
        bit = draw(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=8)))
        if how == "delete" and len(lines) > 1:
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, lines[at])
        elif how == "indent":
            lines[at] = draw(st.sampled_from(("", " ", "    ", "\t"))) + lines[at].lstrip()
        elif how == "replace":
            key, colon, _ = lines[at].partition(": ")
            lines[at] = key + colon + bit if colon else bit
        else:
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + bit + lines[at][column:]
    return "\n".join(lines) + draw(st.sampled_from(("\n", "")))


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(text=edited())
@example(text="[" * 5000 + "]" * 5000)
@example(text="kind: prep\nquestions: &q [*q]\n")
@example(text="a:\n" + "".join("  " * depth + "b:\n" for depth in range(1, 500)))
def test_any_edit_is_reported_as_file_line_message(folder: Path, text: str) -> None:
    path = folder / "edited.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    (folder / "fallback.yaml").write_text(FALLBACK, encoding="utf-8")
    if "kind: prep" in text:  # keep the library whole, so only this file can be at fault
        (folder / "debrief.yaml").write_text(VALID_DEBRIEF, encoding="utf-8")
    else:
        (folder / "debrief.yaml").unlink(missing_ok=True)
    lines = text.count("\n") + 1
    for error in check_playbooks([folder]):
        assert error.path in (path, folder), error
        assert str(error).startswith(f"{error.path}:{error.line}: ")
        assert 0 <= error.line <= lines
        assert error.message.strip()
