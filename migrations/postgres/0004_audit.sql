-- The audit log: authentication events and back-office actions — who, what, when (UTC), from
-- where. Never a password, a token or a message body. Append-only: the application never
-- updates or deletes a row (erasure anonymises the actor, see the "my data" use case).

CREATE TABLE audit_log (
    id UUID PRIMARY KEY NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    -- e.g. login.succeeded, login.failed, login.throttled, logout, account.created,
    -- email.confirmed, role.granted, access.refused
    event TEXT NOT NULL,
    -- The person acting, when known.
    actor_id UUID,
    -- The account the event is about, when it is another one (or the one a failed login tried).
    subject_id UUID,
    -- The client address (IP) the request came from.
    client TEXT NOT NULL,
    -- Details as JSON (never secrets).
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_event ON audit_log (event, at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
