-- Routing of dossiers to partner networks, and the exchanges around a dossier: the message
-- thread between candidate and referents, and private annotations of the back office.
-- Same schema as migrations/postgres/0008_exchanges.sql (tests/it/schema.rs compares them).

-- A routing rule of a call, tried in `position` order when a dossier is submitted without a
-- network chosen by the candidate (src/domain/routing.rs says what each test means).
CREATE TABLE routing_rules (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    network_id BLOB NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    -- The track it applies to; NULL: every track.
    track TEXT,
    -- department, region, region-2011, value, always.
    test TEXT NOT NULL,
    -- The form field whose answer is tested; NULL for `always`.
    field TEXT,
    -- The values that match, separated by commas (department codes, region codes, option values).
    match_values TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (call_id, position)
);

-- A message of a dossier's thread. `from_staff`: written by a referent or the steering group
-- (else by a member of the candidate organisation). `read_at`: when the other side first read it.
CREATE TABLE dossier_messages (
    id BLOB PRIMARY KEY NOT NULL,
    dossier_id BLOB NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    author_id BLOB REFERENCES users (id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    from_staff INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX dossier_messages_dossier ON dossier_messages (dossier_id, created_at);

-- A private annotation: seen by the back office only, never by the candidate, never emailed.
CREATE TABLE dossier_annotations (
    id BLOB PRIMARY KEY NOT NULL,
    dossier_id BLOB NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    author_id BLOB REFERENCES users (id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX dossier_annotations_dossier ON dossier_annotations (dossier_id, created_at);
