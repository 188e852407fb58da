"""The prep playbooks a user added, as the YAML they sent; each user's are theirs alone."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.db import Database, execute, fetch_all, to_db_time
from bot.storage.users import insert_user_if_missing

OWN = """
SELECT playbook_id, title, source FROM own_playbooks WHERE owner_id = :owner_id
ORDER BY created_at, playbook_id
"""

# Sending a playbook with the same id again replaces it: that is how a user edits one.
SAVE = """
INSERT INTO own_playbooks (owner_id, playbook_id, title, source, created_at)
VALUES (:owner_id, :playbook_id, :title, :source, :now)
ON CONFLICT (owner_id, playbook_id) DO UPDATE SET title = excluded.title, source = excluded.source
"""


@dataclass(frozen=True)
class OwnPlaybook:
    id: str
    title: str
    source: str


async def own_playbooks(db: Database, owner_id: int) -> list[OwnPlaybook]:
    rows = await fetch_all(db.conn, OWN, {"owner_id": owner_id})
    return [OwnPlaybook(row["playbook_id"], row["title"], row["source"]) for row in rows]


async def save_playbook(db: Database, owner_id: int, playbook: OwnPlaybook) -> None:
    now = db.now()
    params = {
        "owner_id": owner_id,
        "playbook_id": playbook.id,
        "title": playbook.title,
        "source": playbook.source,
        "now": to_db_time(now),
    }
    async with db.transaction() as conn:
        await insert_user_if_missing(conn, owner_id, now)
        await execute(conn, SAVE, params)
