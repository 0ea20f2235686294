-- The back office's search index kept exact by the database itself: every change that alters
-- what a listed dossier is found or filtered by queues it (triggers below, in the transaction of
-- the change), and src/search/mod.rs empties the queue — at once after the change, and in the
-- index job within 30 s if that failed. SQLite's full-text rows gain the list's filters as facet
-- tokens (src/domain/search.rs), so the facets of every entry are written again here.
-- Same schema as migrations/postgres/0022_search_queue.sql (tests/it/schema.rs compares them).

-- A dossier whose index entry is stale. `words`: its answers, title, organisation or
-- admissibility changed (the entry is computed again), else only its state, track, network or
-- labels (its facets are rewritten from the stored words). `seq` grows at each change, so that
-- emptying the queue never drops a change made meanwhile.
CREATE TABLE search_queue (
    dossier_id BLOB PRIMARY KEY NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    words BOOLEAN NOT NULL,
    seq INTEGER NOT NULL
);

-- The submission the entry was made for: a new submission takes a new row id, so that the
-- full-text index's row order is the order of submission (the list's default order).
ALTER TABLE dossier_search ADD COLUMN submitted_at TEXT;

-- The list's other orders a search can walk instead of sorting every match
-- (src/db/dossier_list.rs, `walkable`); covering, so that a walk reads no dossier row.
CREATE INDEX dossiers_reference_order ON dossiers (call_id, reference, id);
CREATE INDEX dossiers_title_order ON dossiers (call_id, LOWER(title), reference, id);

-- From a row of the full-text index to its dossier, and back, without reading the words.
CREATE INDEX dossier_search_rows ON dossier_search (search_id, dossier_id);
CREATE INDEX dossier_search_dossiers ON dossier_search (dossier_id, search_id);

CREATE TRIGGER dossiers_search_new AFTER INSERT ON dossiers WHEN NEW.state <> 'draft'
BEGIN
    INSERT INTO search_queue (dossier_id, words, seq) VALUES (NEW.id, TRUE, 1)
    ON CONFLICT (dossier_id) DO UPDATE SET words = TRUE, seq = search_queue.seq + 1;
END;

CREATE TRIGGER dossiers_search_words AFTER UPDATE OF title, answers, organisation_id ON dossiers
WHEN NEW.state <> 'draft'
BEGIN
    INSERT INTO search_queue (dossier_id, words, seq) VALUES (NEW.id, TRUE, 1)
    ON CONFLICT (dossier_id) DO UPDATE SET words = TRUE, seq = search_queue.seq + 1;
END;

CREATE TRIGGER dossiers_search_facets
AFTER UPDATE OF call_id, state, track, network_id, submitted_at ON dossiers
WHEN NEW.state <> 'draft'
BEGIN
    INSERT INTO search_queue (dossier_id, words, seq) VALUES (NEW.id, FALSE, 1)
    ON CONFLICT (dossier_id) DO UPDATE SET seq = search_queue.seq + 1;
END;

CREATE TRIGGER organisations_search_words AFTER UPDATE OF name ON organisations
BEGIN
    INSERT INTO search_queue (dossier_id, words, seq)
    SELECT id, TRUE, 1 FROM dossiers WHERE organisation_id = NEW.id AND state <> 'draft'
    ON CONFLICT (dossier_id) DO UPDATE SET words = TRUE, seq = search_queue.seq + 1;
END;

CREATE TRIGGER dossier_labels_search_added AFTER INSERT ON dossier_labels
BEGIN
    INSERT INTO search_queue (dossier_id, words, seq) VALUES (NEW.dossier_id, FALSE, 1)
    ON CONFLICT (dossier_id) DO UPDATE SET seq = search_queue.seq + 1;
END;

-- A label taken off, unless with its dossier (deleted dossiers leave the index by cascade).
CREATE TRIGGER dossier_labels_search_removed AFTER DELETE ON dossier_labels
BEGIN
    INSERT INTO search_queue (dossier_id, words, seq)
    SELECT id, FALSE, 1 FROM dossiers WHERE id = OLD.dossier_id
    ON CONFLICT (dossier_id) DO UPDATE SET seq = search_queue.seq + 1;
END;

CREATE TRIGGER admissibility_search_confirmed AFTER INSERT ON admissibility_confirmations
BEGIN
    INSERT INTO search_queue (dossier_id, words, seq) VALUES (NEW.dossier_id, TRUE, 1)
    ON CONFLICT (dossier_id) DO UPDATE SET words = TRUE, seq = search_queue.seq + 1;
END;

CREATE TRIGGER admissibility_search_changed AFTER UPDATE ON admissibility_confirmations
BEGIN
    INSERT INTO search_queue (dossier_id, words, seq) VALUES (NEW.dossier_id, TRUE, 1)
    ON CONFLICT (dossier_id) DO UPDATE SET words = TRUE, seq = search_queue.seq + 1;
END;

-- The full-text index again, with prefix indexes up to 7 characters: a search term is a prefix
-- ("coop" finds "coopérative"), and FTS5 reads a prefix longer than its prefix indexes by
-- merging every term that starts with it, several times slower (docs/PERFORMANCE.md). Its rows
-- written before this migration had no facets: queue every entry for its facets (cheap: from
-- the stored words), and every listed dossier the index missed for a whole entry.
DROP TABLE dossier_fts;
CREATE VIRTUAL TABLE dossier_fts USING fts5 (
    words,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3 4 5 6 7'
);
INSERT INTO search_queue (dossier_id, words, seq)
SELECT dossier_id, FALSE, 1 FROM dossier_search WHERE TRUE;
INSERT INTO search_queue (dossier_id, words, seq)
SELECT d.id, TRUE, 1 FROM dossiers d
WHERE d.state <> 'draft' AND NOT EXISTS (SELECT 1 FROM dossier_search s WHERE s.dossier_id = d.id);
