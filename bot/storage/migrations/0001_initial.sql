-- People, their contacts, and the meetings they prepare.
-- Timestamps are ISO-8601 UTC text in one fixed format (see bot/storage/db.py:to_db_time),
-- so comparing them as text compares them in time.

CREATE TABLE users (
    -- The Telegram user id: the owner_id of every other row.
    id         INTEGER PRIMARY KEY,
    name       TEXT,
    timezone   TEXT,
    onboarded  INTEGER NOT NULL DEFAULT 0 CHECK (onboarded IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- AUTOINCREMENT so that an id is never reused: ids travel in button callback data, and an
-- old button must not come to mean a different contact.
CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (name <> ''),
    -- Python's casefold of the name: SQLite's NOCASE only folds ASCII.
    name_key    TEXT NOT NULL,
    company     TEXT,
    role        TEXT,
    -- Which stages exist is the coaching layer's business; storage only refuses nonsense.
    stage       TEXT NOT NULL DEFAULT 'seed' CHECK (stage <> ''),
    created_at  TEXT NOT NULL,
    archived_at TEXT
) STRICT;

-- Target of the meetings foreign key below, which makes the database itself refuse a meeting
-- that points at someone else's contact.
CREATE UNIQUE INDEX contacts_owner_id ON contacts (owner_id, id);
CREATE INDEX contacts_owner_name_key ON contacts (owner_id, name_key);

CREATE TABLE meetings (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id         INTEGER NOT NULL,
    contact_id       INTEGER NOT NULL,
    goal             TEXT NOT NULL,
    scheduled_at     TEXT,
    -- A date without a time of day: scheduled_at is then the local midnight starting it.
    all_day          INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    created_at       TEXT NOT NULL,
    debrief_reminder INTEGER NOT NULL DEFAULT 0 CHECK (debrief_reminder IN (0, 1)),
    CHECK (scheduled_at IS NOT NULL OR all_day = 0),
    FOREIGN KEY (owner_id, contact_id) REFERENCES contacts (owner_id, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX meetings_owner_contact_created ON meetings (owner_id, contact_id, created_at);
