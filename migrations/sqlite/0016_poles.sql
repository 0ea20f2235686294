-- Poles: selected dossiers published in the network's directory. A pole's people propose a
-- version of its public content (which field groups are public, and the texts); the steering
-- group publishes it (or refuses it with a note). Every version is kept: the history of the page.
-- Same schema as migrations/postgres/0016_poles.sql (tests/it/schema.rs compares them).

CREATE TABLE poles (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id),
    dossier_id BLOB NOT NULL UNIQUE REFERENCES dossiers (id),
    -- The page's address: /poles/{slug}.
    slug TEXT NOT NULL UNIQUE,
    -- proposed (never published yet), published, withdrawn (taken off the directory).
    state TEXT NOT NULL,
    -- The published version's public field groups and content (src/domain/pole.rs), or the
    -- empty list and '{}' before the first publication: only public groups are ever here.
    public_fields TEXT NOT NULL,
    content TEXT NOT NULL,
    -- A point the pole placed itself; NULL: its lead commune's.
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    created_at TEXT NOT NULL,
    published_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX poles_state ON poles (call_id, state);

CREATE TABLE pole_versions (
    id BLOB PRIMARY KEY NOT NULL,
    pole_id BLOB NOT NULL REFERENCES poles (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    public_fields TEXT NOT NULL,
    -- The content with only its public groups.
    content TEXT NOT NULL,
    proposed_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    proposed_by_name TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    -- pending, published, refused, replaced (a newer proposal came before a decision).
    status TEXT NOT NULL,
    decided_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    decided_by_name TEXT,
    decided_at TEXT,
    note TEXT,
    UNIQUE (pole_id, number)
);
