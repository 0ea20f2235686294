-- The list's other orders a search walks (src/db/dossier_list.rs, `walkable`), kept in the
-- search index's own entries: a walk then reads one covering index of dossier_search, with no
-- join to the dossiers. The title's key is SQLite's LOWER(title), the very expression the list
-- sorts by without a search, so that both give the same order. Migration 0022's expression
-- index on it (dossiers_title_order, kept for the list sorted by title without a search) was
-- read about 20 times slower through sqlx than this plain column (docs/PERFORMANCE.md).
-- src/db/search_index.rs writes the three columns from the dossier with the entry's facets, at
-- each change the queue reports.
-- Same schema as migrations/postgres/0023_search_orders.sql (tests/it/schema.rs compares them).

ALTER TABLE dossier_search ADD COLUMN call_id BLOB;
ALTER TABLE dossier_search ADD COLUMN reference TEXT;
ALTER TABLE dossier_search ADD COLUMN title_key TEXT;

UPDATE dossier_search
SET (call_id, reference, title_key) =
    (SELECT d.call_id, d.reference, LOWER(d.title) FROM dossiers d WHERE d.id = dossier_search.dossier_id)
WHERE TRUE;

CREATE INDEX dossier_search_reference_order
ON dossier_search (call_id, reference, search_id, dossier_id);
CREATE INDEX dossier_search_title_order
ON dossier_search (call_id, title_key, reference, search_id, dossier_id);
