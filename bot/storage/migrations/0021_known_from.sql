-- How the user said they know the person they meet, in their own words ("met once at a
-- conference in Montreal, talked about bridge scour"), typed at this meeting's /prep: the
-- brief's re-introduction line says where you met from it. NULL: a button or nothing said.
ALTER TABLE meetings ADD COLUMN known_from TEXT;
