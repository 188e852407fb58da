-- What imports bring in and match on, and the playbooks a user adds.

-- One e-mail address, phone number and profile link per contact: what a phone's address
-- book or LinkedIn says about them. Imports match a person by any of them, so each has a
-- key that two spellings share (lower-case e-mail; the phone's last nine digits, which
-- "+49 30 1234567" and "030 1234567" have in common), worked out in Python.
ALTER TABLE contacts ADD COLUMN email TEXT;
ALTER TABLE contacts ADD COLUMN phone TEXT;
ALTER TABLE contacts ADD COLUMN url TEXT;
ALTER TABLE contacts ADD COLUMN email_key TEXT;
ALTER TABLE contacts ADD COLUMN phone_key TEXT;
CREATE INDEX contacts_owner_email_key ON contacts (owner_id, email_key)
    WHERE email_key IS NOT NULL;
CREATE INDEX contacts_owner_phone_key ON contacts (owner_id, phone_key)
    WHERE phone_key IS NOT NULL;

-- A user's own prep playbooks, as the YAML they sent (parsed again when used, so a newer
-- parser reads them the same way as the files in playbooks/). Theirs alone.
CREATE TABLE own_playbooks (
    owner_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    playbook_id TEXT NOT NULL,
    title       TEXT NOT NULL,
    source      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (owner_id, playbook_id)
) STRICT;
