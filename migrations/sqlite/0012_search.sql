-- The back office's list of dossiers: the full-text search index with the facets the list filters
-- on, labels put on dossiers, and each staff member's saved views of the list.
-- Same schema as migrations/postgres/0012_search.sql (tests/it/schema.rs compares them), except
-- the search index itself: an FTS5 table here, a GIN index over `words` there.

-- What a submitted dossier is found and filtered by, computed from its answers
-- (src/search/mod.rs) when it is submitted, completed or its admissibility confirmed.
CREATE TABLE dossier_search (
    dossier_id BLOB PRIMARY KEY NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    -- The row of the dossier in dossier_fts (an FTS5 table is keyed by integers).
    search_id INTEGER NOT NULL UNIQUE,
    -- Codes of the lead commune's department, current region and 2011 region; NULL if unknown.
    department TEXT,
    region TEXT,
    region_2011 TEXT,
    -- The sectors answered, as ",code,code,"; "" for none.
    sectors TEXT NOT NULL,
    -- pass, warning or fail: the worst admissibility check, as confirmed by a referent or else
    -- as computed.
    admissibility TEXT NOT NULL,
    -- The search terms (src/domain/search.rs), space-separated.
    words TEXT NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE INDEX dossier_search_region ON dossier_search (region);
CREATE INDEX dossier_search_region_2011 ON dossier_search (region_2011);

-- The terms are already folded and stemmed: FTS5 only splits them on spaces. Contentless: the
-- words are kept once, in dossier_search.
CREATE VIRTUAL TABLE dossier_fts USING fts5 (
    words,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);

-- A label the back office puts on dossiers ("à relancer", "visite prévue").
CREATE TABLE labels (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    UNIQUE (call_id, name)
);

CREATE TABLE dossier_labels (
    dossier_id BLOB NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    label_id BLOB NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    added_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (dossier_id, label_id)
);
CREATE INDEX dossier_labels_label ON dossier_labels (label_id);

-- A staff member's saved filter of the list: its name and its query string.
CREATE TABLE saved_views (
    id BLOB PRIMARY KEY NOT NULL,
    account_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (account_id, call_id, name)
);
