from pathlib import Path

import pytest

from bot.config import DEFAULT_API_URL, ConfigError, load_settings

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789"


def settings(tmp_path: Path, **environ: str):  # type: ignore[no-untyped-def]
    return load_settings(environ, env_file=tmp_path / ".env")


def test_defaults_work_without_any_variable(tmp_path: Path) -> None:
    loaded = settings(tmp_path)
    assert loaded.token is None
    assert loaded.api_url == DEFAULT_API_URL
    assert loaded.timezone.key == "UTC"
    assert loaded.db_path == Path("data/commonground.sqlite3")
    assert (loaded.playbooks_dir / "debrief.yaml").is_file()


def test_reads_every_variable(tmp_path: Path) -> None:
    loaded = settings(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL="http://127.0.0.1:8081/",
        COMMONGROUND_DB=str(tmp_path / "x.db"),
        COMMONGROUND_TZ="Europe/Berlin",
    )
    assert loaded.require_token() == TOKEN
    assert loaded.api_url == "http://127.0.0.1:8081"
    assert loaded.db_path == tmp_path / "x.db"
    assert loaded.timezone.key == "Europe/Berlin"


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f'# local settings\nTELEGRAM_BOT_TOKEN="{TOKEN}"\nexport COMMONGROUND_TZ=Asia/Tokyo\n'
    )
    loaded = settings(tmp_path, COMMONGROUND_TZ="America/Chicago")
    assert loaded.token == TOKEN
    assert loaded.timezone.key == "America/Chicago"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("COMMONGROUND_TZ", "Mars/Olympus", "COMMONGROUND_TZ: 'Mars/Olympus' is not an IANA"),
        ("TELEGRAM_API_URL", "api.telegram.org", "TELEGRAM_API_URL: 'api.telegram.org' is not"),
        ("COMMONGROUND_PLAYBOOKS", "/no/such/folder", "COMMONGROUND_PLAYBOOKS: '/no/such/folder'"),
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "TELEGRAM_BOT_TOKEN does not look like"),
    ],
)
def test_a_malformed_value_names_the_variable(
    tmp_path: Path, variable: str, value: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as error:
        settings(tmp_path, **{variable: value})
    assert str(error.value).startswith(expected)
    assert "\n" not in str(error.value)


def test_a_malformed_token_is_not_echoed(tmp_path: Path) -> None:
    secret = "123456:short"
    with pytest.raises(ConfigError) as error:
        settings(tmp_path, TELEGRAM_BOT_TOKEN=secret)
    assert secret not in str(error.value)


def test_running_without_a_token_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"TELEGRAM_BOT_TOKEN is not set.*commonground chat"):
        settings(tmp_path).require_token()


def test_a_broken_env_file_line_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("COMMONGROUND_TZ=UTC\nthis is not a setting\n")
    with pytest.raises(ConfigError, match=r"\.env:2: expected KEY=VALUE"):
        settings(tmp_path)


def test_the_allowlist_is_read_and_admits_only_its_ids(tmp_path: Path) -> None:
    assert settings(tmp_path).admits(987654321), "without an allowlist, everyone"
    loaded = settings(tmp_path, COMMONGROUND_ALLOWED_USERS=" 1001, 2002 ,")
    assert loaded.allowed_users == frozenset({1001, 2002})
    assert loaded.admits(1001) and loaded.admits(2002)
    assert not loaded.admits(3003)


@pytest.mark.parametrize("value", ["1001;2002", "@ada", "1001, -5", "12e3", ",,"])
def test_a_malformed_allowlist_stops_the_start(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match=r"^COMMONGROUND_ALLOWED_USERS: "):
        settings(tmp_path, COMMONGROUND_ALLOWED_USERS=value)
