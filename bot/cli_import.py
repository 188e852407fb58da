"""`commonground import --user ID PATH`: what sending the file to the bot does, for the
operator, with a progress bar on stderr for a long file."""

from __future__ import annotations

import asyncio
import re
import sys
import time
from html import unescape
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.imports import READERS, Outcome, UnreadableFile, import_file, reader_for
from bot.render import Renderer
from bot.storage.db import Database

BAR_WIDTH = 30
# Redrawn at most this often: a bar per card would cost more than reading the cards.
REDRAW_SECONDS = 0.1


class ProgressBar:
    """`[#######.......]  1234/5000 contacts` redrawn in place on a terminal."""

    def __init__(self, stream: TextIO, what: str) -> None:
        self.stream = stream
        self.what = what
        self.drawn_at = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.drawn_at < REDRAW_SECONDS:
            return
        self.drawn_at = now
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done:>{len(str(total))}}/{total} {self.what}")
        self.stream.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def run_import(settings: Settings, owner_id: int, path: Path) -> int:
    """The exit code: 0 when imported, 1 with one line on stderr when nothing was."""
    from bot.storage.lock import only_process

    if reader_for(path.name) is None:
        print(f"commonground: {path}: import takes a .vcf or LinkedIn's .csv", file=sys.stderr)
        return 1
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"commonground: {path}: {error.strerror or error}", file=sys.stderr)
        return 1
    bar = ProgressBar(sys.stderr, "contacts read")
    with only_process(settings.db_path):
        try:
            outcome = asyncio.run(_import(settings, owner_id, path.name, data, bar))
        except UnreadableFile as problem:
            bar.end()
            print(f"commonground: {path}: {refusal(settings, problem)}", file=sys.stderr)
            return 1
    bar.end()
    print(summary(outcome))
    return 0


def refusal(settings: Settings, problem: UnreadableFile) -> str:
    """The bot's own words for the problem, as one line of plain text."""
    html = Renderer(settings.prompts_dir).message(
        "imports/refused",
        problem=problem.reason,
        detail=problem.detail,
        supported=sorted(READERS),
        limit_mb=0,
    )
    text = unescape(re.sub(r"<[^>]+>", "", html)).removeprefix("📎")
    return " ".join(text.split())


def summary(outcome: Outcome) -> str:
    reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(outcome.skipped.items()))
    skipped = f"{outcome.skipped_total} skipped" + (f" ({reasons})" if reasons else "")
    return f"{outcome.added} added, {outcome.merged} merged, {skipped}"


async def _import(
    settings: Settings, owner_id: int, file_name: str, data: bytes, bar: ProgressBar
) -> Outcome:
    db = Database(settings.db_path)
    await db.open()
    try:
        return await import_file(db, owner_id, file_name, data, bar)
    finally:
        await db.close()
