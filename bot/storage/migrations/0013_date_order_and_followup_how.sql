-- How the user writes a date like 3/4, chosen once when their zone could not tell (UTC, or
-- a country that writes both): the coaching layer's 'month_first' or 'day_first'. NULL:
-- never asked; their zone's country decides.
ALTER TABLE users ADD COLUMN date_order TEXT CHECK (date_order IN ('month_first', 'day_first'));

-- How the user means to follow up, in their own words ("by email" of "in a week, by email"),
-- shown with the follow-up and on its reminder. NULL when they did not say.
ALTER TABLE followups ADD COLUMN how TEXT;
