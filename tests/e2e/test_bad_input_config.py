"""Malformed settings, for every variable, and playbooks too deeply nested to load: one clear
line naming what to fix, never a traceback, and never the token. (tests/unit/test_config.py,
tests/e2e/test_cli.py and tests/unit/test_property_playbooks.py cover the rest; these are the
odder cases, found by trying them.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import main
from bot.config import ConfigError, load_settings
from bot.sandbox.server import SandboxServer
from tests.e2e.helpers import TOKEN
from tests.e2e.processes import run


def settings_error(tmp_path: Path, **environ: str) -> str:
    with pytest.raises(ConfigError) as error:
        load_settings(environ, env_file=tmp_path / ".env")
    message = str(error.value)
    assert "\n" not in message and TOKEN not in message
    return message


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TELEGRAM_BOT_TOKEN", "bot7000000001:e2e-test-token-aaaaaaaaaaaaaaaa"),
        ("TELEGRAM_BOT_TOKEN", '"7000000001:e2e-test-token-aaaaaaaaaaaaaaaa"'),
        ("TELEGRAM_BOT_TOKEN", "7000000001:e2e-test-token\naaaaaaaaaaaaaaaa"),
        ("TELEGRAM_API_URL", "https://"),
        ("TELEGRAM_API_URL", "ftp://api.telegram.org"),
        ("TELEGRAM_API_URL", "http://exa mple.org"),
        ("TELEGRAM_API_URL", "http://127.0.0.1:99999"),
        ("COMMONGROUND_TZ", "Europe/../Berlin"),
        ("COMMONGROUND_TZ", "UTC\x01"),
        ("COMMONGROUND_TZ", "+02:00"),
        ("COMMONGROUND_TZ", "/etc/localtime"),
        ("COMMONGROUND_PLAYBOOKS", "playbooks/debrief.yaml"),  # a file, not a folder
        ("COMMONGROUND_DB", "."),  # a folder
        ("COMMONGROUND_DB", "pyproject.toml/bot.sqlite3"),
    ],
)
def test_a_malformed_value_is_one_line_naming_its_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])  # relative paths: the project's
    message = settings_error(tmp_path, **{"TELEGRAM_BOT_TOKEN": TOKEN, variable: value})
    assert message.startswith(variable), message


def test_an_env_file_that_is_not_utf8_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes("COMMONGROUND_TZ=Zürich\n".encode("latin-1"))
    assert ".env" in settings_error(tmp_path)


def test_an_env_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("\ufeffCOMMONGROUND_TZ=Asia/Tokyo\n", encoding="utf-8")
    assert load_settings({}, env_file=tmp_path / ".env").timezone.key == "Asia/Tokyo"


async def test_a_file_that_is_not_a_database_stops_start_up_with_one_line(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    # (A database from a newer release ends the same way: its StorageError is not caught.)
    path = tmp_path / "cv.sqlite3"
    path.write_bytes(b"SQLite? No: a CV someone saved under the wrong name. " * 100)
    code, output = await run(
        tmp_path,
        "run",
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=sandbox.url,
        COMMONGROUND_DB=str(path),
    )
    assert code == 1
    # The operator's log may carry the library's details; the verdict is the last line.
    line = output.strip().splitlines()[-1]
    assert line.startswith("commonground:") and str(path) in line, output


async def test_a_token_telegram_refuses_is_not_printed(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    # The sandbox answers 404 under a wrong root URL, as Telegram answers a revoked token.
    code, output = await run(
        tmp_path, "run", TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=sandbox.url + "/wrong"
    )
    assert code == 1
    assert TOKEN not in output and TOKEN.split(":")[1] not in output, output
    last = output.strip().splitlines()[-1]
    assert last.startswith("commonground: TELEGRAM_BOT_TOKEN was refused"), output


def test_a_playbook_nested_too_deep_is_a_line_to_fix_in_check_and_at_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """PyYAML builds nodes recursively: this file used to end both in a RecursionError."""
    books = tmp_path / "books"
    books.mkdir()
    deep = books / "deep.yaml"
    deep.write_text("id: deep\nkind: prep\ntitle: " + "[" * 5000 + "]" * 5000 + "\n")
    expected = f"{deep}:3: nested more than 20 levels deep"
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_API_URL", "COMMONGROUND_DB", "COMMONGROUND_TZ"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("COMMONGROUND_PLAYBOOKS", str(books))

    with pytest.raises(SystemExit) as check:
        main(["check-playbooks", str(deep)])
    assert check.value.code == 1
    assert capsys.readouterr().out.splitlines() == [expected]

    with pytest.raises(SystemExit) as start:
        main(["run"])  # refused while building the application, before any network
    assert start.value.code == f"commonground: invalid playbooks\n{expected}"
