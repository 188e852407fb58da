"""Settings from the environment (and an optional .env file), validated once at start."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
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
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
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
        db_path=Path(get("COMMONGROUND_DB") or DEFAULT_DB).expanduser(),
        timezone=parse_timezone("COMMONGROUND_TZ", get("COMMONGROUND_TZ") or DEFAULT_TZ),
        playbooks_dir=_directory(
            "COMMONGROUND_PLAYBOOKS", get("COMMONGROUND_PLAYBOOKS"), PROJECT_ROOT / "playbooks"
        ),
        prompts_dir=PROJECT_ROOT / "prompts",
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
    if not re.match(r"^https?://[^\s/]+", value):
        raise ConfigError(
            f"TELEGRAM_API_URL: {value!r} is not an http(s) URL (for example {DEFAULT_API_URL})"
        )
    return value.rstrip("/")


def _directory(variable: str, value: str | None, default: Path) -> Path:
    path = Path(value).expanduser() if value else default
    if not path.is_dir():
        raise ConfigError(f"{variable}: {str(path)!r} is not a folder")
    return path
