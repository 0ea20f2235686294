-- Reminders of drafts before the deadline: each sending by the steering group (when, by whom, to
-- how many people), and the accounts that asked not to receive them.
-- Same schema as migrations/postgres/0015_reminders.sql (tests/it/schema.rs compares them).

-- One row per reminder sent; a second sending within 24 hours is confirmed first
-- (src/statistics). Who sent it is a reference, set to NULL when that account is erased.
CREATE TABLE draft_reminders (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL,
    sent_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    -- The people emailed (one email each, whatever their number of drafts) and their drafts.
    recipients INTEGER NOT NULL,
    drafts INTEGER NOT NULL
);
CREATE INDEX draft_reminders_call ON draft_reminders (call_id, sent_at);

-- A person who asked not to receive reminders of their drafts (from the link in a reminder);
-- erased with the account.
CREATE TABLE reminder_opt_outs (
    user_id BLOB PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
