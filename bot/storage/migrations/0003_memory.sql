-- What the user learns about contacts, what they owe each other, and what to do next.

ALTER TABLE users ADD COLUMN digest_hour INTEGER CHECK (digest_hour BETWEEN 0 AND 23);

-- Stay-in-touch cadence in days; NULL means the default for the contact's stage.
ALTER TABLE contacts ADD COLUMN cadence_days INTEGER CHECK (cadence_days > 0);
ALTER TABLE contacts ADD COLUMN how_met TEXT;

ALTER TABLE meetings ADD COLUMN debriefed_at TEXT;

-- A debrief under way or finished. `next_step` is the index of the next debrief-script step
-- to ask; an answer and the move to the next step are written in one transaction, so a
-- crash leaves either both or neither. `last_update_id` is the Telegram update that made the
-- last move: an update delivered again after a crash (ids only grow) is recognised and not
-- stored a second time, nor taken as the answer to the next question.
CREATE TABLE debriefs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id     INTEGER NOT NULL,
    contact_id   INTEGER NOT NULL,
    meeting_id   INTEGER NOT NULL,
    next_step    INTEGER NOT NULL DEFAULT 0 CHECK (next_step >= 0),
    last_update_id INTEGER NOT NULL DEFAULT 0,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    discarded_at TEXT,
    FOREIGN KEY (owner_id, contact_id) REFERENCES contacts (owner_id, id) ON DELETE CASCADE,
    FOREIGN KEY (meeting_id) REFERENCES meetings (id) ON DELETE CASCADE
) STRICT;
CREATE UNIQUE INDEX debriefs_owner_id ON debriefs (owner_id, id);
-- One open debrief per meeting at most.
CREATE UNIQUE INDEX debriefs_open_meeting ON debriefs (meeting_id)
    WHERE finished_at IS NULL AND discarded_at IS NULL;

-- One row per thing learned: a debrief answer, for one knowledge slot (bot/coaching/slots.py).
-- Promises are notes in the slots my_promises / their_promises, open until done_at is set.
CREATE TABLE notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id    INTEGER NOT NULL,
    contact_id  INTEGER NOT NULL,
    debrief_id  INTEGER,
    step_id     TEXT,
    slot        TEXT NOT NULL CHECK (slot <> ''),
    body        TEXT NOT NULL CHECK (body <> ''),
    created_at  TEXT NOT NULL,
    done_at     TEXT,
    FOREIGN KEY (owner_id, contact_id) REFERENCES contacts (owner_id, id) ON DELETE CASCADE,
    FOREIGN KEY (owner_id, debrief_id) REFERENCES debriefs (owner_id, id) ON DELETE CASCADE
) STRICT;
-- An answer is stored once, however often it is sent again after a crash or a retry.
CREATE UNIQUE INDEX notes_debrief_step ON notes (debrief_id, step_id) WHERE debrief_id IS NOT NULL;
CREATE INDEX notes_owner_contact_slot ON notes (owner_id, contact_id, slot, created_at);

-- Full-text index over notes and contacts, kept in step by triggers so that no write path
-- can forget it. `owner` holds 'u<owner_id>' and is matched in every query, so one user's
-- search never reaches another's rows and stays fast with many users. The rowid encodes
-- the source row (notes even, contacts odd), so a trigger finds its entry by rowid instead
-- of scanning the index.
CREATE VIRTUAL TABLE search_index USING fts5 (
    owner,
    body,
    kind UNINDEXED,
    ref UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO search_index (rowid, owner, body, kind, ref)
    VALUES (2 * new.id, 'u' || new.owner_id, new.body, 'note', new.id);
END;
CREATE TRIGGER notes_search_update AFTER UPDATE OF body ON notes BEGIN
    UPDATE search_index SET body = new.body WHERE rowid = 2 * new.id;
END;
CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
    DELETE FROM search_index WHERE rowid = 2 * old.id;
END;

CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO search_index (rowid, owner, body, kind, ref)
    VALUES (2 * new.id + 1, 'u' || new.owner_id,
            new.name || ' ' || coalesce(new.company, '') || ' ' || coalesce(new.role, '')
            || ' ' || coalesce(new.how_met, ''),
            'contact', new.id);
END;
CREATE TRIGGER contacts_search_update AFTER UPDATE OF name, company, role, how_met ON contacts
BEGIN
    UPDATE search_index
    SET body = new.name || ' ' || coalesce(new.company, '') || ' ' || coalesce(new.role, '')
               || ' ' || coalesce(new.how_met, '')
    WHERE rowid = 2 * new.id + 1;
END;
CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM search_index WHERE rowid = 2 * old.id + 1;
END;

INSERT INTO search_index (rowid, owner, body, kind, ref)
SELECT 2 * id + 1, 'u' || owner_id,
       name || ' ' || coalesce(company, '') || ' ' || coalesce(role, ''), 'contact', id
FROM contacts;

-- Things to do: follow up with someone, debrief a meeting, or get back in touch when the
-- cadence runs out. The database is the source of truth; the job queue is rebuilt from it.
CREATE TABLE followups (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id     INTEGER NOT NULL,
    contact_id   INTEGER NOT NULL,
    meeting_id   INTEGER,
    kind         TEXT NOT NULL CHECK (kind IN ('followup', 'debrief', 'cadence')),
    reason       TEXT,
    due_at       TEXT NOT NULL,
    -- Set when the reminder message went out, so it is never sent twice.
    delivered_at TEXT,
    done_at      TEXT,
    -- Cancelled by the bot (e.g. a cadence reminder made moot by a meeting).
    cancelled_at TEXT,
    created_at   TEXT NOT NULL,
    FOREIGN KEY (owner_id, contact_id) REFERENCES contacts (owner_id, id) ON DELETE CASCADE,
    FOREIGN KEY (meeting_id) REFERENCES meetings (id) ON DELETE CASCADE
) STRICT;
CREATE UNIQUE INDEX followups_owner_id ON followups (owner_id, id);
CREATE INDEX followups_owner_due ON followups (owner_id, due_at)
    WHERE done_at IS NULL AND cancelled_at IS NULL;
-- The scheduler's question at start-up: everything not yet delivered, soonest first.
CREATE INDEX followups_undelivered ON followups (due_at)
    WHERE delivered_at IS NULL AND done_at IS NULL AND cancelled_at IS NULL;

-- Every real contact with someone: it resets their stay-in-touch cadence.
CREATE TABLE interactions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id   INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('meeting', 'debrief', 'followup')),
    at         TEXT NOT NULL,
    FOREIGN KEY (owner_id, contact_id) REFERENCES contacts (owner_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX interactions_owner_contact_at ON interactions (owner_id, contact_id, at);
