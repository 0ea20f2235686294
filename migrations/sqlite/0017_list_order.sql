-- The back office's list of dossiers in its default order (latest submission first, then by
-- reference) read from an index instead of sorting every dossier of the call (src/db/dossier_list.rs).
-- PostgreSQL's twin says NULLS LAST, which SQLite's descending order already is.
CREATE INDEX dossiers_list_order ON dossiers (call_id, submitted_at DESC, reference);
