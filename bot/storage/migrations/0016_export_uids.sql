-- A stable id for every row an export carries (issue 15): an export names its rows by these,
-- and importing it again, here or into another bot's database, finds the rows it made the
-- first time by them instead of adding them twice. The integer ids cannot serve: they are
-- this database's own, and an import makes new ones. 32 hex digits of randomness, set by a
-- trigger on insert (SQLite allows no random default in ALTER TABLE) unless the writer
-- gives one (an import keeps the file's), so no write path can leave a row without one.

ALTER TABLE contacts ADD COLUMN uid TEXT;
UPDATE contacts SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX contacts_owner_uid ON contacts (owner_id, uid);
CREATE TRIGGER contacts_uid AFTER INSERT ON contacts WHEN new.uid IS NULL BEGIN
    UPDATE contacts SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;

ALTER TABLE meetings ADD COLUMN uid TEXT;
UPDATE meetings SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX meetings_owner_uid ON meetings (owner_id, uid);
CREATE TRIGGER meetings_uid AFTER INSERT ON meetings WHEN new.uid IS NULL BEGIN
    UPDATE meetings SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;

ALTER TABLE debriefs ADD COLUMN uid TEXT;
UPDATE debriefs SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX debriefs_owner_uid ON debriefs (owner_id, uid);
CREATE TRIGGER debriefs_uid AFTER INSERT ON debriefs WHEN new.uid IS NULL BEGIN
    UPDATE debriefs SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;

ALTER TABLE notes ADD COLUMN uid TEXT;
UPDATE notes SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX notes_owner_uid ON notes (owner_id, uid);
CREATE TRIGGER notes_uid AFTER INSERT ON notes WHEN new.uid IS NULL BEGIN
    UPDATE notes SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;

ALTER TABLE followups ADD COLUMN uid TEXT;
UPDATE followups SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX followups_owner_uid ON followups (owner_id, uid);
CREATE TRIGGER followups_uid AFTER INSERT ON followups WHEN new.uid IS NULL BEGIN
    UPDATE followups SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;

ALTER TABLE interactions ADD COLUMN uid TEXT;
UPDATE interactions SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX interactions_owner_uid ON interactions (owner_id, uid);
CREATE TRIGGER interactions_uid AFTER INSERT ON interactions WHEN new.uid IS NULL BEGIN
    UPDATE interactions SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;
