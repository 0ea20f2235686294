-- The list's other orders a search walks on SQLite (src/db/dossier_list.rs, `walkable`), kept in
-- the search index's own entries. PostgreSQL sorts a search's matches itself and does not read
-- them; src/db/search_index.rs writes them on both databases all the same.
-- Same schema as migrations/sqlite/0023_search_orders.sql (tests/it/schema.rs compares them).

ALTER TABLE dossier_search ADD COLUMN call_id UUID;
ALTER TABLE dossier_search ADD COLUMN reference TEXT;
ALTER TABLE dossier_search ADD COLUMN title_key TEXT;

UPDATE dossier_search s
SET call_id = d.call_id, reference = d.reference, title_key = LOWER(d.title)
FROM dossiers d WHERE d.id = s.dossier_id;
