-- Accounts: organisations, users and their roles, sessions, and one-time tokens. Same schema as migrations/sqlite/0003_accounts.sql.

-- A candidate's organisation (structure porteuse).
CREATE TABLE organisations (
    id UUID PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    siret TEXT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE users (
    id UUID PRIMARY KEY NOT NULL,
    -- Lower-cased; the login.
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    -- argon2id PHC string; NULL until the person sets one (invited back-office users).
    password_hash TEXT,
    lang TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    organisation_id UUID REFERENCES organisations (id),
    email_confirmed_at TIMESTAMPTZ,
    disabled_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id);

-- Back-office roles; a referent belongs to one partner network.
CREATE TABLE user_roles (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'steering', 'referent', 'reviewer')),
    network_id UUID REFERENCES networks (id),
    granted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- A session is known by the SHA-256 of its cookie value, never by the value itself.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    -- The absolute end of the session, whatever its activity.
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Single-use links sent by email (confirmation, reset, invitation, setup), by hash too.
CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    purpose TEXT NOT NULL,
    user_id UUID REFERENCES users (id) ON DELETE CASCADE,
    -- What the link carries beside its owner (e.g. a new email address), as JSON.
    payload TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX tokens_user ON tokens (user_id);

-- Authentication attempts (login, sign-up, reset, code), counted per account and per client
-- address to refuse bursts; in the database so every server sees the same counts.
CREATE TABLE auth_attempts (
    id UUID PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    -- The lower-cased email address tried, when there is one.
    account TEXT,
    client TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX auth_attempts_account ON auth_attempts (kind, account, at);
CREATE INDEX auth_attempts_client ON auth_attempts (kind, client, at);
