-- Calls for applications, their public texts, partner networks, tracks and calendar.
-- Same schema as migrations/sqlite/0001_calls.sql (tests/it/schema.rs compares them).

CREATE TABLE calls (
    id UUID PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    year BIGINT NOT NULL,
    title_fr TEXT NOT NULL,
    title_en TEXT NOT NULL,
    tagline_fr TEXT NOT NULL,
    tagline_en TEXT NOT NULL,
    summary_fr TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    dates_mode TEXT NOT NULL CHECK (dates_mode IN ('shifted', 'original')),
    published BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE call_sections (
    id UUID PRIMARY KEY NOT NULL,
    call_id UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
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
    id UUID PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_fr TEXT NOT NULL,
    description_en TEXT NOT NULL
);

CREATE TABLE call_networks (
    call_id UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    network_id UUID NOT NULL REFERENCES networks (id),
    position BIGINT NOT NULL,
    referent_name TEXT NOT NULL,
    referent_email TEXT NOT NULL,
    PRIMARY KEY (call_id, network_id),
    UNIQUE (call_id, position)
);

CREATE TABLE tracks (
    id UUID PRIMARY KEY NOT NULL,
    call_id UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    slug TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_fr TEXT NOT NULL,
    description_en TEXT NOT NULL,
    quota BIGINT,
    account_required BOOLEAN NOT NULL,
    UNIQUE (call_id, slug),
    UNIQUE (call_id, position)
);

CREATE TABLE phases (
    id UUID PRIMARY KEY NOT NULL,
    call_id UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    slug TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_fr TEXT NOT NULL,
    description_en TEXT NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    tentative BOOLEAN NOT NULL,
    UNIQUE (call_id, slug),
    UNIQUE (call_id, position)
);
