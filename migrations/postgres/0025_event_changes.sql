-- Meetings that change or are cancelled: a cancelled meeting is kept (its page says so, its
-- answer links take no answer), and the email telling an invitee of a change of date or place
-- carries a new answer link (the invitation's and the reminder's keep working).
-- Same schema as migrations/sqlite/0025_event_changes.sql (tests/it/schema.rs compares them).

ALTER TABLE events ADD COLUMN cancelled_at TIMESTAMPTZ;
ALTER TABLE events ADD COLUMN cancelled_by UUID REFERENCES users (id) ON DELETE SET NULL;

-- SHA-256 of the answer link of the latest change email.
ALTER TABLE event_invitations ADD COLUMN update_token_hash TEXT;
CREATE UNIQUE INDEX event_invitations_update_token ON event_invitations (update_token_hash);
