-- The email outbox: every message is written here in the transaction of what caused it, and the
-- worker (src/jobs/mail.rs) sends it. Same schema as migrations/postgres/0002_outbox.sql.
-- Times are UTC RFC 3339 text in whole seconds (src/db/outbox.rs), so they compare as text.

CREATE TABLE outbox (
    id BLOB PRIMARY KEY NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- The template the message was rendered from, e.g. `confirm-account`.
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT,
    -- A worker holds the message until then; another may take it over afterwards.
    claimed_until TEXT
);

-- The worker's question: unsent messages that are due.
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
-- Erasing a person purges their messages by address.
CREATE INDEX outbox_to_address ON outbox (to_address);
