-- The back office's search index kept exact by the database itself: every change that alters
-- what a listed dossier is found or filtered by queues it (triggers below, in the transaction of
-- the change), and src/search/mod.rs empties the queue — at once after the change, and in the
-- index job within 30 s if that failed. (SQLite's full-text rows also hold the list's filters
-- as facet tokens; here the list filters on the columns of dossier_search and dossiers.)
-- Same schema as migrations/sqlite/0022_search_queue.sql (tests/it/schema.rs compares them).

-- A dossier whose index entry is stale. `words`: its answers, title, organisation or
-- admissibility changed (the entry is computed again), else only its state, track, network or
-- labels. `seq` grows at each change, so that emptying the queue never drops a change made
-- meanwhile.
CREATE TABLE search_queue (
    dossier_id UUID PRIMARY KEY NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    words BOOLEAN NOT NULL,
    seq BIGINT NOT NULL
);

-- The submission the entry was made for (SQLite orders its full-text rows by it).
ALTER TABLE dossier_search ADD COLUMN submitted_at TIMESTAMPTZ;

-- The list's other orders a search can walk instead of sorting every match
-- (src/db/dossier_list.rs, `walkable`); covering, so that a walk reads no dossier row.
CREATE INDEX dossiers_reference_order ON dossiers (call_id, reference, id);
CREATE INDEX dossiers_title_order ON dossiers (call_id, LOWER(title), reference, id);

CREATE INDEX dossier_search_rows ON dossier_search (search_id, dossier_id);
CREATE INDEX dossier_search_dossiers ON dossier_search (dossier_id, search_id);

-- Queues a dossier; TG_ARGV[0]: 'true' when its words changed, 'false' for its facets only;
-- TG_ARGV[1]: the column of NEW holding the dossier's id ('id' or 'dossier_id').
CREATE FUNCTION search_queue_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed UUID;
    whole BOOLEAN := TG_ARGV[0]::boolean;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD.dossier_id;
    ELSIF TG_ARGV[1] = 'dossier_id' THEN
        changed := NEW.dossier_id;
    ELSE
        changed := NEW.id;
    END IF;
    INSERT INTO search_queue (dossier_id, words, seq)
    SELECT d.id, whole, 1 FROM dossiers d WHERE d.id = changed AND d.state <> 'draft'
    ON CONFLICT (dossier_id) DO UPDATE
        SET words = search_queue.words OR excluded.words, seq = search_queue.seq + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER dossiers_search_new AFTER INSERT ON dossiers
FOR EACH ROW EXECUTE FUNCTION search_queue_dossier('true', 'id');

CREATE TRIGGER dossiers_search_words AFTER UPDATE OF title, answers, organisation_id ON dossiers
FOR EACH ROW EXECUTE FUNCTION search_queue_dossier('true', 'id');

CREATE TRIGGER dossiers_search_facets
AFTER UPDATE OF call_id, state, track, network_id, submitted_at ON dossiers
FOR EACH ROW EXECUTE FUNCTION search_queue_dossier('false', 'id');

CREATE FUNCTION search_queue_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_queue (dossier_id, words, seq)
    SELECT d.id, TRUE, 1 FROM dossiers d WHERE d.organisation_id = NEW.id AND d.state <> 'draft'
    ON CONFLICT (dossier_id) DO UPDATE SET words = TRUE, seq = search_queue.seq + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER organisations_search_words AFTER UPDATE OF name ON organisations
FOR EACH ROW EXECUTE FUNCTION search_queue_organisation();

CREATE TRIGGER dossier_labels_search_added AFTER INSERT ON dossier_labels
FOR EACH ROW EXECUTE FUNCTION search_queue_dossier('false', 'dossier_id');

CREATE TRIGGER dossier_labels_search_removed AFTER DELETE ON dossier_labels
FOR EACH ROW EXECUTE FUNCTION search_queue_dossier('false', 'dossier_id');

CREATE TRIGGER admissibility_search_confirmed AFTER INSERT OR UPDATE ON admissibility_confirmations
FOR EACH ROW EXECUTE FUNCTION search_queue_dossier('true', 'dossier_id');

-- Every listed dossier the index missed.
INSERT INTO search_queue (dossier_id, words, seq)
SELECT d.id, TRUE, 1 FROM dossiers d
WHERE d.state <> 'draft' AND NOT EXISTS (SELECT 1 FROM dossier_search s WHERE s.dossier_id = d.id);
