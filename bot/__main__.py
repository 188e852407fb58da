"""commonground run | chat | check-playbooks | export | import"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sqlite3
import sys
import time
from dataclasses import replace
from datetime import UTC, date, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram.error import InvalidToken, TelegramError

from bot.coaching.playbooks import LibraryError, check_playbooks
from bot.config import ConfigError, Settings, load_settings
from bot.logs import configure_logging, redact_output
from bot.storage.errors import StorageError

# The terminal chat's bot: the sandbox accepts any token of this shape.
CHAT_TOKEN = "1000000001:terminal-chat-sandbox-token"
# The terminal chat's one user.
CHAT_USER = 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="commonground", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run the Telegram bot (long polling)")
    chat = commands.add_parser("chat", help="talk to the bot in this terminal, no Telegram needed")
    chat.add_argument(
        "--today",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="play the chat as if today were this day (the clock keeps running from there)",
    )
    check = commands.add_parser("check-playbooks", help="validate playbook files")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: all)")
    export = commands.add_parser("export", help="one user's data as a file (read-only)")
    export.add_argument("--user", type=int, required=True, help="their Telegram user id")
    export.add_argument("--format", choices=("json", "csv", "vcf", "ics"), default="json")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    load = commands.add_parser("import", help="import contacts from a .vcf or LinkedIn .csv")
    load.add_argument("--user", type=int, required=True, help="the owner's Telegram user id")
    load.add_argument("path", type=Path, help="a .vcf file or LinkedIn's Connections.csv")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        # Before anything can print: every output passes through the redaction from here on.
        redact_output(token for token in (settings.token, CHAT_TOKEN) if token)
        if args.command == "check-playbooks":
            sys.exit(_check(args.paths or [settings.playbooks_dir]))
        if args.command == "export":
            _export(settings, args.user, args.format, args.out)
            return
        if args.command == "import":
            from bot.cli_import import run_import

            sys.exit(run_import(settings, args.user, args.path))
        if args.command == "run":
            _run(settings)
        else:
            _chat(settings, args.today)
    except ConfigError as error:
        sys.exit(f"commonground: {error}")
    except LibraryError as error:
        sys.exit("commonground: invalid playbooks\n" + "\n".join(map(str, error.errors)))
    except StorageError as error:
        sys.exit(f"commonground: {error}")
    except sqlite3.Error as error:
        # What the database refused at start-up, past Database.open's own checks.
        sys.exit(f"commonground: {settings.db_path}: {error}")
    except InvalidToken:
        # PTB's own message quotes the token: say it in our words instead.
        sys.exit(
            f"commonground: TELEGRAM_BOT_TOKEN was refused by {settings.api_url} "
            "(revoked or mistyped, or TELEGRAM_API_URL is wrong)"
        )
    except TelegramError as error:
        # Start-up needs the Bot API; its answer is the problem to name, not our traceback.
        detail = f"{type(error).__name__}: {' '.join(str(error).split())}"
        sys.exit(f"commonground: the Bot API at {settings.api_url} failed: {detail}")


def _check(paths: list[Path]) -> int:
    errors = check_playbooks(paths)
    for error in errors:
        print(error)
    if not errors:
        print("playbooks OK")
    return 1 if errors else 0


def _export(settings: Settings, user: int, kind: str, out: Path | None) -> None:
    from bot.portability.cli import export_user
    from bot.render import Renderer

    label = Renderer(settings.prompts_dir).label
    name, content = export_user(settings.db_path, user, kind, label)
    if out is None:
        # As text, through the redacting writer like all output; every format is UTF-8.
        sys.stdout.write(content.decode("utf-8"))
        return
    if out.is_dir():
        out = out / name
    out.write_bytes(content)
    print(f"wrote {out}", file=sys.stderr)


def _run(settings: Settings) -> None:
    from bot.app import build_application
    from bot.serve import serve
    from bot.storage.lock import only_process

    configure_logging()
    with only_process(settings.db_path):
        asyncio.run(serve(build_application(settings)))


def _chat(settings: Settings, today: date | None = None) -> None:
    from bot.app import build_application, running, shifted_clock, utc_now
    from bot.sandbox.server import SandboxServer
    from bot.sandbox.terminal import run_terminal
    from bot.storage.lock import only_process

    # Only problems reach the terminal; the conversation is the output here.
    configure_logging(level=logging.WARNING)

    async def chat() -> None:
        async with SandboxServer(first_update_id=_chat_update_base()) as server:
            local = replace(settings, token=CHAT_TOKEN, api_url=server.url)
            clock = shifted_clock(today, _chat_zone(settings.db_path)) if today else utc_now
            async with running(build_application(local, clock=clock)):
                await run_terminal(server, user_id=CHAT_USER, first_name=_login_name())

    with only_process(settings.db_path):
        asyncio.run(chat())


def _chat_zone(db_path: Path) -> tzinfo:
    """The terminal user's time zone, as the bot stored it on an earlier run: `--today` is
    that day where they are (in Melbourne it is tomorrow while London still has today). UTC
    before they have chosen one."""
    from bot.storage.users import timezone_on_file

    name = timezone_on_file(db_path, CHAT_USER)
    try:
        return ZoneInfo(name) if name else UTC
    except (ValueError, ZoneInfoNotFoundError):
        return UTC


def _chat_update_base() -> int:
    """Update ids for this run of the chat that no earlier run on the same database used.

    The bot skips an update id it already handled (a replay after a crash), so a sandbox
    counting from 1 again would have its first messages ignored. Ten ids a second since a
    fixed day keep ahead of any person typing, and within Telegram's 31-bit ids until 2036.
    """
    return (int(time.time()) - 1_700_000_000) * 10


def _login_name() -> str:
    """The terminal user's name, so onboarding can offer to keep it like Telegram's."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        return "Friend"
    return name.capitalize() if name and name != "root" else "Friend"


if __name__ == "__main__":
    main()
