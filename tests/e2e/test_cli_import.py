"""`commonground import --user ID PATH`, run as the operator would run it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.e2e.processes import run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def address_book(count: int) -> bytes:
    cards = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{n:05d};Pat;;;\r\nFN:Pat Person{n:05d}\r\n"
        f"TEL;TYPE=CELL:+1 555 {n:07d}\r\nEMAIL:pat{n}@example.com\r\nORG:Firm {n % 97}\r\n"
        "END:VCARD\r\n"
        for n in range(count)
    )
    return "".join(cards).encode()


def contacts_of(tmp_path: Path, owner: int) -> list[tuple[str, str | None, str | None]]:
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        rows = db.execute(
            "SELECT name, email, phone FROM contacts WHERE owner_id = ? ORDER BY id", (owner,)
        )
        return list(rows)


async def test_import_shows_progress_and_the_same_file_twice_changes_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "everyone.vcf").write_bytes(address_book(3000))
    code, output = await run(tmp_path, "import", "--user", "1001", "everyone.vcf")
    assert code == 0, output
    assert "/3000 contacts read" in output and "[" + "#" * 30 + "] 3000/3000" in output
    assert output.rstrip().endswith("3000 added, 0 merged, 0 skipped")
    stored = contacts_of(tmp_path, 1001)
    assert len(stored) == 3000
    assert stored[42] == ("Pat Person00042", "pat42@example.com", "+1 555 0000042")

    code, output = await run(tmp_path, "import", "--user", "1001", "everyone.vcf")
    assert code == 0, output
    assert output.rstrip().endswith("0 added, 0 merged, 3000 skipped (3000 unchanged)")
    assert contacts_of(tmp_path, 1001) == stored

    linkedin = FIXTURES / "linkedin_connections.csv"
    code, output = await run(tmp_path, "import", "--user", "2002", str(linkedin))
    assert output.rstrip().endswith("4 added, 0 merged, 1 skipped (1 no_name)"), output
    assert contacts_of(tmp_path, 1001) == stored


async def test_a_file_that_does_not_parse_is_one_line_and_changes_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "ok.vcf").write_bytes(address_book(3))
    assert (await run(tmp_path, "import", "--user", "1001", "ok.vcf"))[0] == 0
    (tmp_path / "photo.vcf").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "google.csv").write_bytes(b"Name,Given Name\r\nDana Okafor,Dana\r\n")
    (tmp_path / "notes.txt").write_text("Dana Okafor")
    for name, problem in [
        ("photo.vcf", "That file isn't text, so it can't be a contacts file"),
        ("google.csv", "That CSV isn't LinkedIn's Connections.csv: I look for a header row"),
        ("notes.txt", "import takes a .vcf or LinkedIn's .csv"),
        ("missing.vcf", "No such file or directory"),
    ]:
        code, output = await run(tmp_path, "import", "--user", "1001", name)
        assert code == 1 and problem in output and "Traceback" not in output, output
        assert len(output.strip().splitlines()) == 1, output
    assert len(contacts_of(tmp_path, 1001)) == 3
