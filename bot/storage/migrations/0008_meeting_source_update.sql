-- The Telegram update whose answer created a meeting (the last /prep answer). An update
-- handled again after a crash (its writes committed, the conversation's move not yet saved)
-- finds the meeting it made instead of making a second one, and a second contact with it.
-- NULL for meetings made otherwise; NULLs never collide in a UNIQUE index.
ALTER TABLE meetings ADD COLUMN source_update_id INTEGER;
CREATE UNIQUE INDEX meetings_owner_source_update ON meetings (owner_id, source_update_id)
    WHERE source_update_id IS NOT NULL;
