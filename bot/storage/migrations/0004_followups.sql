-- Delivering reminders and the daily digest.

-- users.digest_hour (0003) is the local hour of the daily digest, NULL meaning the default;
-- digest_off is the user's "no digest, thanks". digest_next_at is when the next digest is
-- due (UTC), computed from the hour and the user's zone each time one is handled, so the
-- scheduler asks an index "whose digest is due?" instead of doing zone arithmetic per user.
ALTER TABLE users ADD COLUMN digest_off INTEGER NOT NULL DEFAULT 0 CHECK (digest_off IN (0, 1));
ALTER TABLE users ADD COLUMN digest_next_at TEXT;
CREATE INDEX users_digest_next ON users (digest_next_at) WHERE digest_off = 0;

-- cancel_for_meeting, and "has this meeting been offered a debrief yet?".
CREATE INDEX followups_meeting_kind ON followups (meeting_id, kind) WHERE meeting_id IS NOT NULL;

-- The scheduler's "which meetings just ended and want a debrief offer?".
CREATE INDEX meetings_debrief_due ON meetings (scheduled_at)
    WHERE debrief_reminder = 1 AND debriefed_at IS NULL;
