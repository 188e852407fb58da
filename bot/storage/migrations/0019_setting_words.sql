-- Where a meeting happens in the user's own words ("pints at The Marble Arch", "a walk
-- around the park"), shown in the brief; `setting` keeps the nearest kind the playbooks
-- know, or NULL when the words name none. NULL here: a button was pressed or nothing said.
ALTER TABLE meetings ADD COLUMN setting_words TEXT;
