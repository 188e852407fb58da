-- Updates fetched from Telegram, written before their offset is confirmed to Telegram: an
-- update the bot has acknowledged is never lost to a crash, and one Telegram delivers again
-- (fetched, then a crash before the confirmation) is recognised and not handled twice.
-- Handled rows are kept a day, as long as Telegram itself keeps unconfirmed updates.
CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,
    owner_id    INTEGER,
    payload     TEXT NOT NULL,
    received_at TEXT NOT NULL,
    done_at     TEXT
) STRICT;
CREATE INDEX inbox_pending ON inbox (update_id) WHERE done_at IS NULL;
CREATE INDEX inbox_done_at ON inbox (done_at) WHERE done_at IS NOT NULL;
