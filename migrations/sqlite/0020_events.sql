-- Meetings of the network (rencontres): the first meeting installed with the call from its
-- calendar, others created by the steering group; invitations to the poles' members and to
-- supporters, each with a personal answer link (stored as its SHA-256 only).
-- Same schema as migrations/postgres/0020_events.sql (tests/it/schema.rs compares them).

CREATE TABLE events (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    -- The calendar phase the meeting was installed from ('first-meeting'); NULL for a meeting
    -- the steering group created.
    phase_slug TEXT,
    title_fr TEXT NOT NULL,
    title_en TEXT NOT NULL,
    description_fr TEXT NOT NULL,
    description_en TEXT NOT NULL,
    place TEXT NOT NULL,
    -- From starts_at (included) to ends_at (excluded); a whole Paris day when all_day.
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    all_day INTEGER NOT NULL,
    -- "Date à confirmer".
    tentative INTEGER NOT NULL,
    -- Bumped by every change, for the SEQUENCE of the .ics file.
    sequence INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (call_id, phase_slug)
);
CREATE INDEX events_call ON events (call_id, starts_at);

-- One invitation per meeting and address: sending again never invites twice.
CREATE TABLE event_invitations (
    id BLOB PRIMARY KEY NOT NULL,
    event_id BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- Lower-cased.
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    -- 'pole' (a member of a selected dossier's organisation) or 'supporter' (form C).
    source TEXT NOT NULL,
    -- The pole's dossier, or the supporter's expression, the person was invited through.
    dossier_id BLOB REFERENCES dossiers (id) ON DELETE SET NULL,
    supporter_id BLOB REFERENCES supporters (id) ON DELETE SET NULL,
    -- SHA-256 of the answer link of the invitation email, and of the reminder's.
    token_hash TEXT NOT NULL UNIQUE,
    reminder_token_hash TEXT UNIQUE,
    invited_at TEXT NOT NULL,
    invited_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    -- yes, maybe, no; NULL before the first answer.
    response TEXT,
    -- People coming with this answer (the invitee included); 0 for "no".
    guests INTEGER NOT NULL,
    comment TEXT NOT NULL,
    responded_at TEXT,
    -- Set when the reminder is queued: never twice.
    reminded_at TEXT,
    UNIQUE (event_id, email)
);
