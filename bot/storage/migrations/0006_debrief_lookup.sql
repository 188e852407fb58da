-- The reminder sweep asks whether a meeting already has a debrief; the only index on
-- debriefs(meeting_id) was partial (open debriefs), so that question scanned every user's.
CREATE INDEX debriefs_meeting ON debriefs (meeting_id);
