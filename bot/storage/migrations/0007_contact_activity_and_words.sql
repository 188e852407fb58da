-- What /contacts, /prep and /contact NAME read, made cheap for people with many contacts.

-- /contacts and /prep list contacts by their latest activity. Working it out from every
-- contact's meetings, interactions and notes on each page read the whole history, so the
-- contact row holds it instead, kept up to date by the triggers below (no write path can
-- forget it) and indexed in the order the lists want.
ALTER TABLE contacts ADD COLUMN last_activity_at TEXT;

-- A contact's activity worked out from scratch: its creation, any meeting created or
-- scheduled (an upcoming meeting is what the user is about to prepare for), any interaction
-- and any note. Used to fill the column here and whenever a deletion may have lowered it.
CREATE VIEW contact_activity AS
SELECT c.owner_id, c.id, MAX(
    c.created_at,
    COALESCE((SELECT MAX(MAX(m.created_at, COALESCE(m.scheduled_at, m.created_at)))
                FROM meetings AS m WHERE m.owner_id = c.owner_id AND m.contact_id = c.id),
             c.created_at),
    COALESCE((SELECT MAX(i.at) FROM interactions AS i
               WHERE i.owner_id = c.owner_id AND i.contact_id = c.id), c.created_at),
    COALESCE((SELECT MAX(n.created_at) FROM notes AS n
               WHERE n.owner_id = c.owner_id AND n.contact_id = c.id), c.created_at)
) AS at
FROM contacts AS c;

UPDATE contacts SET last_activity_at = (
    SELECT a.at FROM contact_activity AS a
    WHERE a.owner_id = contacts.owner_id AND a.id = contacts.id
);

-- Archived contacts are in no list, so they need no place in this index.
CREATE INDEX contacts_owner_activity ON contacts (owner_id, last_activity_at)
    WHERE archived_at IS NULL;

CREATE TRIGGER contacts_activity_insert AFTER INSERT ON contacts
WHEN new.last_activity_at IS NULL OR new.last_activity_at < new.created_at BEGIN
    UPDATE contacts SET last_activity_at = new.created_at
    WHERE owner_id = new.owner_id AND id = new.id;
END;

-- New rows can only move the activity later; the guard skips the write when they do not.
CREATE TRIGGER meetings_activity_insert AFTER INSERT ON meetings BEGIN
    UPDATE contacts
    SET last_activity_at = MAX(new.created_at, COALESCE(new.scheduled_at, new.created_at))
    WHERE owner_id = new.owner_id AND id = new.contact_id
      AND IFNULL(last_activity_at, '')
          < MAX(new.created_at, COALESCE(new.scheduled_at, new.created_at));
END;
CREATE TRIGGER interactions_activity_insert AFTER INSERT ON interactions BEGIN
    UPDATE contacts SET last_activity_at = new.at
    WHERE owner_id = new.owner_id AND id = new.contact_id
      AND IFNULL(last_activity_at, '') < new.at;
END;
CREATE TRIGGER notes_activity_insert AFTER INSERT ON notes BEGIN
    UPDATE contacts SET last_activity_at = new.created_at
    WHERE owner_id = new.owner_id AND id = new.contact_id
      AND IFNULL(last_activity_at, '') < new.created_at;
END;

-- A deleted row (a discarded debrief's notes) or a moved meeting may have been the latest
-- activity; only then is it worked out again.
CREATE TRIGGER meetings_activity_update AFTER UPDATE OF created_at, scheduled_at ON meetings
BEGIN
    UPDATE contacts SET last_activity_at = (
        SELECT a.at FROM contact_activity AS a
        WHERE a.owner_id = new.owner_id AND a.id = new.contact_id
    )
    WHERE owner_id = new.owner_id AND id = new.contact_id;
END;
CREATE TRIGGER meetings_activity_delete AFTER DELETE ON meetings BEGIN
    UPDATE contacts SET last_activity_at = (
        SELECT a.at FROM contact_activity AS a
        WHERE a.owner_id = old.owner_id AND a.id = old.contact_id
    )
    WHERE owner_id = old.owner_id AND id = old.contact_id
      AND last_activity_at <= MAX(old.created_at, COALESCE(old.scheduled_at, old.created_at));
END;
CREATE TRIGGER interactions_activity_delete AFTER DELETE ON interactions BEGIN
    UPDATE contacts SET last_activity_at = (
        SELECT a.at FROM contact_activity AS a
        WHERE a.owner_id = old.owner_id AND a.id = old.contact_id
    )
    WHERE owner_id = old.owner_id AND id = old.contact_id AND last_activity_at <= old.at;
END;
CREATE TRIGGER notes_activity_delete AFTER DELETE ON notes BEGIN
    UPDATE contacts SET last_activity_at = (
        SELECT a.at FROM contact_activity AS a
        WHERE a.owner_id = old.owner_id AND a.id = old.contact_id
    )
    WHERE owner_id = old.owner_id AND id = old.contact_id AND last_activity_at <= old.created_at;
END;

-- The words of each contact's name and company, for /contact NAME to find the few contacts a
-- typed name may mean without scoring every contact in Python. The tokenizer folds case and
-- diacritics as search_index does; the prefix indexes serve lookups by a word's first one or
-- two letters. `owner` is 'u<owner_id>' and matched in every query, as in search_index; the
-- rowid is the contact's id.
CREATE VIRTUAL TABLE contact_words USING fts5 (
    owner,
    words,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2'
);

CREATE TRIGGER contacts_words_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_words (rowid, owner, words)
    VALUES (new.id, 'u' || new.owner_id, new.name || ' ' || COALESCE(new.company, ''));
END;
CREATE TRIGGER contacts_words_update AFTER UPDATE OF name, company ON contacts BEGIN
    UPDATE contact_words SET words = new.name || ' ' || COALESCE(new.company, '')
    WHERE rowid = new.id;
END;
CREATE TRIGGER contacts_words_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM contact_words WHERE rowid = old.id;
END;

INSERT INTO contact_words (rowid, owner, words)
SELECT id, 'u' || owner_id, name || ' ' || COALESCE(company, '') FROM contacts;
