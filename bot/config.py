"""Settings from the environment (and an optional .env file), validated once at start."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_DB = "data/commonground.sqlite3"
DEFAULT_TZ = "UTC"

# Telegram tokens are "<bot id>:<secret>"; checking the shape catches a pasted URL or a
# stray quote before the first request fails with a confusing 404.
_TOKEN_SHAPE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable, never its secret."""


@dataclass(frozen=True)
class Settings:
    token: str | None
    api_url: str
    db_path: Path
    timezone: ZoneInfo
    playbooks_dir: Path
    prompts_dir: Path
    allowed_users: frozenset[int] | None = None
    """Telegram user ids the bot works for; None: everyone."""

    def admits(self, user_id: int) -> bool:
        return self.allowed_users is None or user_id in self.allowed_users

    def require_token(self) -> str:
        if self.token is None:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: get one from @BotFather, or use "
                "`commonground chat` to try the bot in the terminal"
            )
        return self.token


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines; blank lines and # comments ignored; optional matching quotes."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    try:
        # utf-8-sig: Windows editors start the file with a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _ENV_LINE.match(line)
        if match is None:
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE")
        key, value = match.groups()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return values


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = None
) -> Settings:
    """The process environment wins over .env, so a deployment can override a checked-out file."""
    environ = os.environ if environ is None else environ
    merged = {**read_env_file(env_file or Path(".env")), **environ}

    def get(name: str) -> str | None:
        value = merged.get(name, "").strip()
        return value or None

    return Settings(
        token=_token(get("TELEGRAM_BOT_TOKEN")),
        api_url=_api_url(get("TELEGRAM_API_URL") or DEFAULT_API_URL),
        db_path=_db_path(get("COMMONGROUND_DB") or DEFAULT_DB),
        timezone=parse_timezone("COMMONGROUND_TZ", get("COMMONGROUND_TZ") or DEFAULT_TZ),
        playbooks_dir=_directory(
            "COMMONGROUND_PLAYBOOKS", get("COMMONGROUND_PLAYBOOKS"), PROJECT_ROOT / "playbooks"
        ),
        prompts_dir=PROJECT_ROOT / "prompts",
        allowed_users=_user_ids("COMMONGROUND_ALLOWED_USERS", get("COMMONGROUND_ALLOWED_USERS")),
    )


def parse_timezone(variable: str, name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{variable}: {name!r} is not an IANA time zone name (for example Europe/Berlin)"
        ) from None


def _token(value: str | None) -> str | None:
    if value is not None and not _TOKEN_SHAPE.match(value):
        # The value itself is a secret, even when malformed: never echo it.
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (expected 123456:ABC-...)"
        )
    return value


def _api_url(value: str) -> str:
    problem = f"TELEGRAM_API_URL: {value!r} is not an http(s) URL (for example {DEFAULT_API_URL})"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise ConfigError(problem) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
        raise ConfigError(problem)
    return value.rstrip("/")


def _db_path(value: str) -> Path:
    path = Path(value).expanduser()
    if path.is_dir():
        raise ConfigError(f"COMMONGROUND_DB: {value!r} is a folder; name a file inside it")
    existing = next((p for p in path.parents if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise ConfigError(f"COMMONGROUND_DB: {str(existing)!r} is a file, not a folder")
    return path


def _user_ids(variable: str, value: str | None) -> frozenset[int] | None:
    """Comma-separated Telegram user ids (spaces allowed); unset or empty: everyone."""
    if value is None:
        return None
    ids: set[int] = set()
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        if not re.fullmatch(r"\d{1,20}", part):
            raise ConfigError(
                f"{variable}: {part!r} is not a Telegram user id (a number, such as 123456789);"
                " separate several with commas"
            )
        ids.add(int(part))
    if not ids:
        raise ConfigError(f"{variable}: no user ids; leave it unset to let everyone in")
    return frozenset(ids)


def _directory(variable: str, value: str | None, default: Path) -> Path:
    path = Path(value).expanduser() if value else default
    if not path.is_dir():
        raise ConfigError(f"{variable}: {str(path)!r} is not a folder")
    return path
