"""Every message the bot sends comes from a Jinja2 template in prompts/.

Templates produce Telegram HTML, so autoescape is on: a contact called `<b>Bob & Co</b>` is shown
literally. StrictUndefined turns a typo in a template into an error at test time instead of an
empty gap in a message. Button labels are plain text (Telegram does not parse them) and live in
prompts/labels.yaml.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot import wording


class Renderer:
    def __init__(self, prompts_dir: Path) -> None:
        self._env = Environment(
            loader=FileSystemLoader(prompts_dir),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Templates do not change while the bot runs; checking costs a stat per message.
            auto_reload=False,
        )
        with (prompts_dir / "labels.yaml").open(encoding="utf-8") as file:
            # libyaml: PyYAML's own reader takes longer than the rest of building a Renderer.
            self._labels: Mapping[str, Any] = yaml.load(file, Loader=yaml.CSafeLoader)
        self._env.globals["labels"] = self._labels
        self._env.filters.update(
            plural=wording.plural,
            duration=wording.duration,
            day=wording.day,
            date=wording.pattern,
            ago=self.ago,
        )

    def message(self, template: str, /, **context: Any) -> str:
        """Render prompts/<name>.html; surrounding blank lines are dropped."""
        return self._env.get_template(f"{template}.html").render(**context).strip()

    def label(self, key: str, /, **values: str) -> str:
        """A button label; `key` may be dotted (goals.learn)."""
        node: Any = self._labels
        for part in key.split("."):
            node = node[part]
        if not isinstance(node, str):
            raise KeyError(f"label {key!r} is not a string")
        return node.format(**values) if values else node

    def ago(self, moment: datetime | None, now: datetime, *, narrow: bool = False) -> str:
        """How long ago `moment` was, in days of `now`'s zone (pass the user's): "today",
        "yesterday", "3 days ago", "2 weeks ago"; `narrow` for a button, "3d ago"."""
        if moment is None:
            return self.label("ago.never")
        days = (now.date() - moment.astimezone(now.tzinfo).date()).days
        if days <= 0:
            return self.label("ago.today")
        if days == 1:
            return self.label("ago.yesterday")
        return wording.ago(days, narrow=narrow)


_TAG = re.compile(r"<[^<>]*>")
_HTML_PIECE = re.compile(r"<[^<>]*>|&[^;<>&\s]*;|[^<&]|[<&]")


def split_message(html: str, limit: int = 4096) -> list[str]:
    """Cut Telegram HTML into messages of at most `limit` characters as Telegram counts them
    (the text after entity parsing, in UTF-16 code units).

    Cuts fall between lines; a line too long on its own is cut after a space if it can be,
    else between two characters, never inside a tag or an entity. Tags open at a cut are
    closed at the end of one part and opened again at the start of the next, so every part
    is valid on its own. Whitespace at a cut may go (Telegram trims it anyway); parts with
    nothing to show are left out. `html` must be well-formed, as templates produce it.
    """

    def width(text: str) -> int:
        return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)

    # Tags show nothing and an entity shows fewer units than it is written with, so markup
    # that fits fits shown too: most messages stop here, without the walk below.
    if len(html.encode("utf-16-le")) // 2 <= limit:
        return [html] if html_lib.unescape(_TAG.sub("", html)).strip() else []

    # Pieces: (markup, shown text, width); a tag shows nothing, an entity one character.
    lines: list[list[tuple[str, str, int]]] = [[]]
    for match in _HTML_PIECE.finditer(html):
        markup = match.group()
        if markup == "\n":
            lines.append([])
            continue
        shown = markup
        if len(markup) > 1:
            shown = "" if markup[0] == "<" else html_lib.unescape(markup)
        lines[-1].append((markup, shown, width(shown)))
    shown_text = "\n".join("".join(shown for _, shown, _ in line) for line in lines)
    if width(shown_text.strip(" \t\r\n")) <= limit:
        return [html] if shown_text.strip() else []

    parts: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (name, opening tag as written)
    current: list[str] = []
    used = 0
    fresh = True  # nothing added to the current part yet
    visible = False

    def add(chunk: list[tuple[str, str, int]]) -> None:
        nonlocal used, visible, fresh
        for markup, shown, shown_width in chunk:
            current.append(markup)
            used += shown_width
            fresh = False
            visible = visible or bool(shown.strip())
            if markup.startswith("</"):
                open_tags.pop()
            elif len(markup) > 1 and markup[0] == "<":
                open_tags.append((markup[1:-1].split(maxsplit=1)[0].lower(), markup))

    def cut() -> None:
        nonlocal used, visible, fresh
        if visible:
            closing = "".join(f"</{name}>" for name, _ in reversed(open_tags))
            parts.append("".join(current) + closing)
        current[:] = [opening for _, opening in open_tags]
        used, visible, fresh = 0, False, True

    for line in lines:
        newline = [] if fresh else [("\n", "\n", 1)]
        line_width = sum(w for _, _, w in line)
        if used + len(newline) + line_width <= limit:
            add(newline + line)
            continue
        cut()  # the line break itself is dropped: Telegram trims it from both parts
        if line_width <= limit:
            add(line)
            continue
        pending: list[tuple[str, str, int]] = []
        pending_width = 0
        for piece in line:
            while used + pending_width + piece[2] > limit and (pending or not fresh):
                spaces = [i for i, (_, shown, _) in enumerate(pending) if shown.isspace()]
                keep = spaces[-1] + 1 if spaces else len(pending)
                add(pending[:keep])
                pending = pending[keep:]
                pending_width = sum(w for _, _, w in pending)
                cut()
            pending.append(piece)
            pending_width += piece[2]
        add(pending)
    cut()
    return parts
