-- Calls for applications, their public texts, partner networks, tracks and calendar.
-- Same schema as migrations/postgres/0001_calls.sql (tests/it/schema.rs compares them).

CREATE TABLE calls (
    id BLOB PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    title_fr TEXT NOT NULL,
    title_en TEXT NOT NULL,
    tagline_fr TEXT NOT NULL,
    tagline_en TEXT NOT NULL,
    summary_fr TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    dates_mode TEXT NOT NULL CHECK (dates_mode IN ('shifted', 'original')),
    published INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE call_sections (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    slug TEXT NOT NULL,
    title_fr TEXT NOT NULL,
    title_en TEXT NOT NULL,
    body_fr TEXT NOT NULL,
    body_en TEXT NOT NULL,
    UNIQUE (call_id, slug),
    UNIQUE (call_id, position)
);

-- A partner network exists beyond one call: its referents are users attached to it.
CREATE TABLE networks (
    id BLOB PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_fr TEXT NOT NULL,
    description_en TEXT NOT NULL
);

CREATE TABLE call_networks (
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    network_id BLOB NOT NULL REFERENCES networks (id),
    position INTEGER NOT NULL,
    referent_name TEXT NOT NULL,
    referent_email TEXT NOT NULL,
    PRIMARY KEY (call_id, network_id),
    UNIQUE (call_id, position)
);

CREATE TABLE tracks (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    slug TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_fr TEXT NOT NULL,
    description_en TEXT NOT NULL,
    quota INTEGER,
    account_required INTEGER NOT NULL,
    UNIQUE (call_id, slug),
    UNIQUE (call_id, position)
);

CREATE TABLE phases (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    slug TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_fr TEXT NOT NULL,
    description_en TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    tentative INTEGER NOT NULL,
    UNIQUE (call_id, slug),
    UNIQUE (call_id, position)
);
