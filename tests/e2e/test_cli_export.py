"""`commonground export`: the operator's copy of one user's data, read-only, beside a bot."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import vobject

from bot.portability.export import export_data
from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import SandboxUser
from tests.e2e.helpers import Clock, say
from tests.e2e.processes import run
from tests.portability_fixtures import SECRET_NAME, populate


async def test_export_each_format_while_the_bot_runs(
    tmp_path: Path, user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    await populate(db, user.id, lambda: clock.advance(minutes=1))
    await say(user, "/help")  # the bot is running and has the database open

    code, output = await run(tmp_path, "export", "--user", str(user.id), "--out", "out.json")
    assert code == 0, output
    exported = json.loads((tmp_path / "out.json").read_text("utf-8"))
    stored = await export_data(db.conn, user.id, clock.now)
    assert {**exported, "exported_at": None} == {**stored, "exported_at": None}

    code, output = await run(tmp_path, "export", "--user", str(user.id), "--format", "vcf")
    assert code == 0, output
    assert SECRET_NAME in {card.fn.value for card in vobject.readComponents(output)}
    code, output = await run(
        tmp_path, "export", "--user", str(user.id), "--format", "ics", "--out", "."
    )
    assert code == 0 and "wrote" in output
    written = Path(output.split()[-1])
    assert written.name.startswith("calendar-") and written.suffix == ".ics"
    assert icalendar.Calendar.from_ical((tmp_path / written).read_bytes()).walk("VEVENT")
    code, output = await run(tmp_path, "export", "--user", str(user.id), "--format", "csv")
    assert code == 0 and output.splitlines()[0].lstrip("\ufeff").startswith("name,company")


async def test_export_of_nobody_or_no_database_is_one_line(tmp_path: Path) -> None:
    code, output = await run(tmp_path, "export", "--user", "42")
    assert code == 1 and output.strip().endswith("bot.sqlite3: no such database file")
    assert not (tmp_path / "bot.sqlite3").exists()
    code, output = await run(tmp_path, "export", "--user", "42", "--format", "pdf")
    assert code == 2 and "invalid choice" in output
