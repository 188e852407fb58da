"""/export and /forget through the sandbox: four files that read back, forgetting a contact or
everything only on this user's own confirmation, and nothing left behind."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import icalendar
import vobject

from bot.portability.export import export_data
from bot.ptb.application import CommonGroundApplication
from bot.sandbox.user import BotMessage, SandboxUser
from bot.storage import forget
from bot.storage.db import Database, fetch_all
from tests.e2e.helpers import Clock, next_new, prep_new_contact, press, say
from tests.portability_fixtures import (
    SECRET_NAME,
    SECRET_NOTE,
    Account,
    everything,
    mentions,
    populate,
)


async def account(bot: CommonGroundApplication, clock: Clock, owner: int) -> Account:
    return await populate(bot.services.db, owner, lambda: clock.advance(minutes=1))


async def rows_of(db: Database, owner: int) -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    for table, where in forget.OWNED.items():
        rows = await fetch_all(db.conn, f"SELECT * FROM {table} WHERE {where}", {"owner": owner})
        if rows:
            found[table] = [tuple(row) for row in rows]
    return found


def stored(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """What the user stored, without the bot's own bookkeeping of updates and conversations."""
    return {table: r for table, r in rows.items() if table != "inbox" and "ptb" not in table}


async def documents(user: SandboxUser, count: int) -> list[BotMessage]:
    return [await next_new(user) for _ in range(count)]


async def test_export_sends_four_files_that_read_back(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await account(bot, clock, user.id)
    await user.send("/export")
    files = await documents(user, 4)
    assert [f.document_name for f in files] == [
        "commonground-2026-11-22.json",
        "contacts-2026-11-22.csv",
        "contacts-2026-11-22.vcf",
        "calendar-2026-11-22.ics",
    ]
    assert "3 contacts, 3 meetings, 3 notes" in files[0].text
    contents = [f.document_content or b"" for f in files]
    exported = json.loads(contents[0])
    stored = await export_data(bot.services.db.conn, user.id, clock.now)
    assert exported == stored
    assert exported["format"] == "commonground-export" and exported["version"] == 1
    assert any(note["body"] == SECRET_NOTE for note in exported["notes"])
    names = [row["name"] for row in csv.DictReader(io.StringIO(contents[1].decode("utf-8-sig")))]
    assert SECRET_NAME in names and len(names) == 3
    cards = list(vobject.readComponents(contents[2].decode()))
    assert {card.fn.value for card in cards} == set(names)
    events = icalendar.Calendar.from_ical(contents[3]).walk("VEVENT")
    assert {str(e["summary"]) for e in events} == {
        f"Meeting with {SECRET_NAME}",
        "Meeting with Sam Lee",
        f"Follow up with {SECRET_NAME}",
    }
    assert all(event.walk("VALARM") for event in events)


async def test_export_mid_conversation_leaves_it_where_it_was(
    user: SandboxUser, bot: CommonGroundApplication
) -> None:
    await say(user, "/prep")
    await user.send("/export")
    empty = await next_new(user)
    assert "nothing to export" in empty.text
    company = await say(user, "Mira Patel")
    assert "Where does Mira Patel work?" in company.text


async def test_forget_one_contact_after_confirming(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    await account(bot, clock, user.id)
    confirm = await say(user, "/forget dana")
    assert f"Forget {SECRET_NAME} · Ledgerly and everything about them" in confirm.text
    assert "2 meetings, 3 notes and 1 follow-up" in confirm.text
    done = await press(user, f"Forget {SECRET_NAME} for good")
    assert f"{SECRET_NAME} and everything about them are gone" in done.text
    assert "couldn't find anyone" in (await say(user, "/forget Dana Okafor")).text
    # Everyone else is still there.
    card = await say(user, "/contact Sam Lee")
    assert "Sam Lee" in card.text and "Rust meetup" in card.text


async def test_a_forgotten_contact_leaves_no_word_in_any_table(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    """Typed through /prep, so the inbox and the saved conversation held the name too."""
    db = bot.services.db
    await account(bot, clock, user.id)
    await prep_new_contact(user, "Mirabel Quintero")
    assert mentions(await everything(db), "Quintero")
    await say(user, "/forget quintero")
    await press(user, "Forget Mirabel Quintero for good")
    await say(user, "/help")  # handled in order: the forget update has been saved
    rows = await everything(db)
    assert mentions(rows, "Quintero", "quintero", "Mirabel", "mirabel") == []
    assert mentions(rows, "Zanzibarquokka", "Okafor")  # Dana is still there


async def test_forget_keep_changes_nothing(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    await account(bot, clock, user.id)
    await say(user, "/help")  # the rows the next update leaves are then the only change
    before = await rows_of(db, user.id)
    confirm = await say(user, "/forget Dana")
    old_yes = next(b.callback_data for row in confirm.buttons for b in row if "for good" in b.text)
    kept = await press(user, "Keep")
    assert "nothing was forgotten" in kept.text
    # The confirmation's button pressed after Keep: stale, and nothing goes.
    assert old_yes is not None
    await user.press_data(confirm.message_id, old_yes)
    await next_new(user)
    await say(user, "/help")
    assert stored(await rows_of(db, user.id)) == stored(before)


async def test_forget_everything_leaves_no_row_of_the_user(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    await account(bot, clock, user.id)
    await account(bot, clock, other_user.id)
    await prep_new_contact(user, "Mira Patel")  # conversation state, drafts and inbox rows
    await say(user, "/prep")
    await say(user, "Someone half typed")
    theirs = await rows_of(db, other_user.id)

    ask = await say(user, "/forget")
    assert "Forget everything" not in ask.text and ask.labels == ["Everything I stored", "Keep"]
    confirm = await press(user, "Everything I stored")
    assert "4 contacts" in confirm.text and "your settings" in confirm.text
    done = await press(user, "Forget everything for good")
    assert "everything you stored with me is gone" in done.text
    confirmed_update = user.update_ids[-1]
    # Handled in order: when /help is answered, the forget update has been saved.
    await say(user, "/help")
    left = await rows_of(db, user.id)
    assert set(left) <= {"inbox"}, left
    assert all(row[0] > confirmed_update for row in left.get("inbox", []))
    assert await rows_of(db, other_user.id) == theirs
    # The bot still knows nothing of the half-typed /prep.
    assert "nothing to cancel" in (await say(user, "/cancel")).text.lower()
    search = await say(user, "/search Zanzibarquokka")
    assert "Zanzibarquokka" in search.text and "Dana" not in search.text


async def test_a_forged_forget_confirmation_changes_nothing(
    user: SandboxUser, other_user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    db = bot.services.db
    await account(bot, clock, user.id)
    await account(bot, clock, other_user.id)
    confirm = await say(user, "/forget Dana")
    yes = next(b.callback_data for row in confirm.buttons for b in row if "for good" in b.text)
    assert yes is not None
    before = {owner: await rows_of(db, owner) for owner in (user.id, other_user.id)}

    # Another user sends Ada's confirmation as their own: with no forget under way...
    helped = await say(other_user, "/help")
    await other_user.press_data(helped.message_id, yes)
    await next_new(other_user)
    # ...and in the middle of their own.
    theirs = await say(other_user, "/forget everything")
    assert "couldn't find anyone" in theirs.text
    await say(other_user, "/forget")
    mine = await press(other_user, "Everything I stored")
    await other_user.press_data(mine.message_id, yes)
    await say(other_user, "/help")  # handled in order: the press has been answered
    assert other_user.callback_answers[-1] == "That button is no longer active."
    await press(other_user, "Keep")

    # And a made-up code on Ada's own confirmation.
    await user.press_data(confirm.message_id, "forget:yes:0123456789abcdef")
    await say(user, "/help")
    await say(other_user, "/help")
    after = {owner: await rows_of(db, owner) for owner in (user.id, other_user.id)}
    assert {o: stored(r) for o, r in after.items()} == {o: stored(r) for o, r in before.items()}
    # Ada's own confirmation still works: nothing above used it up.
    done = await press(user, f"Forget {SECRET_NAME} for good")
    assert "are gone" in done.text


async def test_round_trip_through_the_bot(
    user: SandboxUser, bot: CommonGroundApplication, clock: Clock
) -> None:
    """/export, /forget everything, the exported file imported (as a sent file is), and
    /export again: the same file but for its time."""
    await account(bot, clock, user.id)
    await user.send("/export")
    first = json.loads((await documents(user, 4))[0].document_content or b"")
    await say(user, "/forget")
    await press(user, "Everything I stored")
    await press(user, "Forget everything for good")
    clock.advance(days=1)
    data = json.dumps(first).encode()
    await user.upload("commonground-export.json", data, "application/json")
    imported = await next_new(user)
    assert "commonground-export.json</b>: imported." in imported.html
    assert "3 contacts added" in imported.text
    await user.upload("commonground-export.json", data, "application/json")
    again = await next_new(user)
    assert "already here; nothing changed" in again.text
    broken = json.dumps({**first, "version": 99}).encode()
    await user.upload("old.json", broken, "application/json")
    refused = await next_new(user)
    assert "couldn't import that as a Common Ground export" in refused.text
    assert "Nothing was changed" in refused.text
    await user.send("/export")
    second = json.loads((await documents(user, 4))[0].document_content or b"")
    assert second["exported_at"] != first["exported_at"]
    assert {**second, "exported_at": None} == {**first, "exported_at": None}
