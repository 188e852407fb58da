-- How the user knows a contact, asked in /prep: the coaching layer's relationship id
-- ('never_met', 'friend', ...), when they last talked ('recent', 'months', 'years', 'never'),
-- and who introduced them, as typed or as the contact it named. NULL: never said.
ALTER TABLE contacts ADD COLUMN relationship TEXT;
ALTER TABLE contacts ADD COLUMN last_talked TEXT;
ALTER TABLE contacts ADD COLUMN introducer TEXT;
ALTER TABLE contacts ADD COLUMN introducer_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL;

-- Where a meeting happens and what it is for, in the user's words: the setting id ('coffee',
-- 'event', ...), the talk's topic at an event, what they want to walk out with, and for an
-- ask or an introduction who exactly, why them, and whether the person met can say yes
-- ('yes'), introduce them ('introduce') or neither ('no'). NULL: not asked or skipped.
ALTER TABLE meetings ADD COLUMN setting TEXT;
ALTER TABLE meetings ADD COLUMN topic TEXT;
ALTER TABLE meetings ADD COLUMN aim TEXT;
ALTER TABLE meetings ADD COLUMN ask_target TEXT;
ALTER TABLE meetings ADD COLUMN ask_why TEXT;
ALTER TABLE meetings ADD COLUMN can_help TEXT;
