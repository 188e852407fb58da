-- The card, the brief and /search of someone with thousands of contacts and notes read only
-- what they show.

-- A contact's open follow-ups (the card, the brief), without the owner's other ones.
CREATE INDEX followups_owner_contact_open ON followups (owner_id, contact_id, due_at)
    WHERE done_at IS NULL AND cancelled_at IS NULL;

-- A contact's open promises, without the promises kept and the other notes.
CREATE INDEX notes_open_promises ON notes (owner_id, contact_id, created_at)
    WHERE slot IN ('my_promises', 'their_promises') AND done_at IS NULL;

-- When a contact was last met (contacts.py, last_met_at): one step down this index.
CREATE INDEX meetings_owner_contact_scheduled ON meetings (owner_id, contact_id, scheduled_at);

-- The card's latest meetings, in its order (meetings.py, LATEST_MEETINGS).
CREATE INDEX meetings_owner_contact_when
    ON meetings (owner_id, contact_id, coalesce(scheduled_at, created_at));

-- /search looks for each word as a prefix. Without a prefix index FTS5 first gathers every
-- row of every token that starts with it, so a common word ("product") cost as much as all
-- its rows, however few the search shows. With these, a prefix of up to 8 characters is read
-- like a word: in rowid order, stopping at the newest hits. The index is built again from
-- search_text (0009), the one place that says what it holds; its triggers name it, not its
-- options, and stay as they are.
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5 (
    owner,
    body,
    kind UNINDEXED,
    ref UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5 6 7 8'
);
INSERT INTO search_index (rowid, owner, body, kind, ref)
SELECT CASE kind WHEN 'note' THEN 2 * id ELSE 2 * id + 1 END, owner, body, kind, id
FROM search_text;
