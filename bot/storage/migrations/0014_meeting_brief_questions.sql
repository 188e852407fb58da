-- The questions a meeting's brief suggested, as a JSON array of "playbook.question" keys, so
-- that the next brief for the same person does not suggest them again once answered.
-- NULL for meetings prepared before this column, and for those no brief was sent for.
ALTER TABLE meetings ADD COLUMN brief_questions TEXT;
