-- One debrief answer can hold several promises ("intro to Ines. and send him the blurb"):
-- each is a note of its own, with its own ✓. `part` numbers them within the answer (0 for
-- every other answer), so that an answer is still stored once however often it arrives.
ALTER TABLE notes ADD COLUMN part INTEGER NOT NULL DEFAULT 0 CHECK (part >= 0);
DROP INDEX notes_debrief_step;
CREATE UNIQUE INDEX notes_debrief_step ON notes (debrief_id, step_id, part)
    WHERE debrief_id IS NOT NULL;

-- A promise with a due date of its own ("by Friday") has a reminder of its own: the
-- follow-up whose promise_note_id is that note. Keeping the promise closes its reminder, as
-- done when the promise was; deleting the note (a discarded debrief) deletes the reminder.
ALTER TABLE followups ADD COLUMN promise_note_id INTEGER
    REFERENCES notes (id) ON DELETE CASCADE;
CREATE INDEX followups_promise_note ON followups (promise_note_id)
    WHERE promise_note_id IS NOT NULL;

CREATE TRIGGER followups_promise_note_kept AFTER UPDATE OF done_at ON notes
WHEN old.done_at IS NULL AND new.done_at IS NOT NULL
BEGIN
    UPDATE followups SET done_at = new.done_at
    WHERE promise_note_id = new.id AND owner_id = new.owner_id
      AND done_at IS NULL AND cancelled_at IS NULL;
END;
