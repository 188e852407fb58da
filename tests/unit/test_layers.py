"""The layers import one way: `coaching` (pure decisions) knows nothing of Telegram or of any
other layer, `storage` nothing but the domain's words from `coaching` (a new contact's stage),
and the python-telegram-bot glue (bot/ptb/) nothing of the handlers.
Read from the source, so an import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"


def imports(package: str) -> dict[str, set[str]]:
    """Every module each file of `package` imports (absolute names)."""
    found: dict[str, set[str]] = {}
    for path in sorted((BOT / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
        found[str(path.relative_to(BOT.parent))] = names
    return found


def outside(names: set[str], allowed: tuple[str, ...]) -> set[str]:
    """The names from `telegram` or from other parts of the bot than `allowed`."""
    return {
        name
        for name in names
        if name.split(".")[0] == "telegram"
        or (name.split(".")[0] == "bot" and not name.startswith(allowed))
    }


@pytest.mark.parametrize(
    ("package", "allowed"),
    [("storage", ("bot.storage", "bot.coaching")), ("coaching", ("bot.coaching",))],
)
def test_storage_and_coaching_import_nothing_above_them(
    package: str, allowed: tuple[str, ...]
) -> None:
    found = imports(package)
    assert found  # the package is where this test looks
    assert {path: outside(names, allowed) for path, names in found.items()} == {
        path: set() for path in found
    }


def test_the_ptb_glue_does_not_reach_into_the_handlers() -> None:
    found = imports("ptb")
    assert "bot/ptb/persistence.py" in found
    assert {
        path: {name for name in names if name.startswith(("bot.handlers", "bot.app"))}
        for path, names in found.items()
    } == {path: set() for path in found}
