-- The note a follow-up's reason quotes ("You promised: Send the article"). When that
-- promise is marked kept, the reason is dropped: a reminder must not chase a promise the
-- user already kept. Reminders, lists and briefs have their own words for a follow-up with
-- no reason. NULL for follow-ups with no reason, or one that quotes no note.
ALTER TABLE followups ADD COLUMN reason_note_id INTEGER REFERENCES notes (id) ON DELETE SET NULL;
-- Also what SQLite reads to enforce that foreign key when a note is deleted.
CREATE INDEX followups_reason_note ON followups (reason_note_id);

CREATE TRIGGER followups_reason_promise_kept AFTER UPDATE OF done_at ON notes
WHEN old.done_at IS NULL AND new.done_at IS NOT NULL
BEGIN
    UPDATE followups SET reason = NULL, reason_note_id = NULL
    WHERE reason_note_id = new.id AND owner_id = new.owner_id;
END;
