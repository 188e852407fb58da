"""Every message the bot sends comes from a Jinja2 template in prompts/.

Templates produce Telegram HTML, so autoescape is on: a contact called `<b>Bob & Co</b>` is shown
literally. StrictUndefined turns a typo in a template into an error at test time instead of an
empty gap in a message. Button labels are plain text (Telegram does not parse them) and live in
prompts/labels.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape


class Renderer:
    def __init__(self, prompts_dir: Path) -> None:
        self._env = Environment(
            loader=FileSystemLoader(prompts_dir),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        with (prompts_dir / "labels.yaml").open(encoding="utf-8") as file:
            self._labels: Mapping[str, Any] = yaml.safe_load(file)
        self._env.globals["labels"] = self._labels

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
