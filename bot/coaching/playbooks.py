"""Loading the playbook library and checking it as a whole.

One file's problems are found by `playbook_parse`; here we add what only the whole library
shows: clashing ids, a missing or doubled debrief, meetings no playbook prepares you for
when all that is known is the stage and the goal.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from bot.coaching.playbook_model import (
    DebriefStep,
    Library,
    LibraryError,
    Playbook,
    PlaybookError,
    Question,
)
from bot.coaching.playbook_parse import Parsed, parse_playbook
from bot.coaching.situation import RELATIONSHIPS, SETTINGS, Situation
from bot.coaching.stages import GOALS, STAGES

__all__ = [
    "DEFAULT_PLAYBOOKS_DIR",
    "DebriefStep",
    "Library",
    "LibraryError",
    "Playbook",
    "PlaybookError",
    "Question",
    "check_playbooks",
    "load_library",
    "load_playbook",
]

DEFAULT_PLAYBOOKS_DIR = Path(__file__).resolve().parents[2] / "playbooks"
_SUFFIXES = (".yaml", ".yml")
# A debrief takes at most eight messages: /debrief, the tap on the meeting, then its steps.
MAX_DEBRIEF_STEPS = 6


def load_playbook(path: Path) -> Playbook:
    """Read one playbook file; raises PlaybookError naming the first thing wrong with it."""
    return parse_playbook(path).playbook


def check_playbooks(paths: Sequence[Path]) -> list[PlaybookError]:
    """Everything wrong with these files (directories: their *.yaml / *.yml), as one library."""
    return _check(paths)[1]


def load_library(directory: Path) -> Library:
    """The library in a directory; raises LibraryError listing every problem found."""
    parsed, errors = _check([directory])
    if errors:
        raise LibraryError(errors)
    playbooks = [p.playbook for p in parsed]
    return Library(
        prep=tuple(p for p in playbooks if p.kind == "prep"),
        debrief=next(p for p in playbooks if p.kind == "debrief"),
    )


def _check(paths: Sequence[Path]) -> tuple[list[Parsed], list[PlaybookError]]:
    files, errors = _files(paths)
    parsed: list[Parsed] = []
    for file in files:
        try:
            parsed.append(parse_playbook(file))
        except PlaybookError as error:
            errors.append(error)
    errors.extend(_clashes(parsed))
    # A file that failed to load would show up again as a gap in coverage or a missing
    # debrief; those reports would only be noise until the file itself is fixed.
    if not errors:
        errors.extend(_gaps([p.playbook for p in parsed], _library_path(paths)))
        for item in parsed:
            if item.playbook.kind == "debrief":
                errors.extend(_debrief_lengths(item))
    return parsed, errors


def _files(paths: Sequence[Path]) -> tuple[list[Path], list[PlaybookError]]:
    files: list[Path] = []
    errors: list[PlaybookError] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                child
                for child in path.iterdir()
                if child.suffix in _SUFFIXES and child.is_file() and not child.name.startswith(".")
            )
            if not found:
                errors.append(PlaybookError(path, 0, "no playbooks here (*.yaml or *.yml)"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            errors.append(PlaybookError(path, 0, "no such file or directory"))
    return files, errors


def _library_path(paths: Sequence[Path]) -> Path:
    if len(paths) == 1:
        return paths[0]
    return Path(os.path.commonpath([os.path.abspath(p) for p in paths]))


def _clashes(parsed: Sequence[Parsed]) -> list[PlaybookError]:
    errors: list[PlaybookError] = []
    first_with_id: dict[str, Parsed] = {}
    first_debrief: Parsed | None = None
    for item in parsed:
        playbook = item.playbook
        path = Path(playbook.source)
        if playbook.id in first_with_id:
            first = first_with_id[playbook.id]
            errors.append(
                PlaybookError(
                    path,
                    item.id_line,
                    f"id: '{playbook.id}' is already used by {first.playbook.source}",
                )
            )
        else:
            first_with_id[playbook.id] = item
        if playbook.kind == "debrief":
            if first_debrief is None:
                first_debrief = item
            else:
                errors.append(
                    PlaybookError(
                        path,
                        item.kind_line,
                        "kind: a second debrief playbook; the library uses one"
                        f" (the first is {first_debrief.playbook.source})",
                    )
                )
    return errors


def _gaps(playbooks: Sequence[Playbook], where: Path) -> list[PlaybookError]:
    errors: list[PlaybookError] = []
    if not any(p.kind == "debrief" for p in playbooks):
        errors.append(PlaybookError(where, 0, "no debrief playbook (kind: debrief)"))
    prep = [p for p in playbooks if p.kind == "prep"]
    for stage in STAGES:
        # Every meeting must be covered even when nothing but its stage and goal is known.
        missing = [
            goal
            for goal in GOALS
            if not any(p.applies_to(Situation("?", goal, stage)) for p in prep)
        ]
        if missing:
            errors.append(
                PlaybookError(
                    where,
                    0,
                    f"no prep playbook for stage '{stage}' with goal {', '.join(missing)};"
                    " add one or widen an existing playbook's applies",
                )
            )
    return errors


def _debrief_lengths(parsed: Parsed) -> list[PlaybookError]:
    """Each meeting's debrief, whatever is known about it, within MAX_DEBRIEF_STEPS."""
    debrief = parsed.playbook
    for goal in GOALS:
        for stage in STAGES:
            for setting in (None, *SETTINGS):
                for relationship in (None, *RELATIONSHIPS):
                    situation = Situation(
                        "?", goal, stage, relationship=relationship, setting=setting
                    )
                    steps = debrief.steps_for(situation)
                    if len(steps) > MAX_DEBRIEF_STEPS:
                        known = ", ".join(
                            f"{k} {v}"
                            for k, v in (
                                ("goal", goal),
                                ("stage", stage),
                                ("setting", setting),
                                ("relationship", relationship),
                            )
                            if v
                        )
                        return [
                            PlaybookError(
                                Path(debrief.source),
                                parsed.steps_line,
                                f"the debrief after a meeting with {known} asks {len(steps)}"
                                f" questions ({', '.join(s.id for s in steps)}); keep it to"
                                f" {MAX_DEBRIEF_STEPS} so it takes at most 8 messages",
                            )
                        ]
    return []
