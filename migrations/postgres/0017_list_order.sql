-- The back office's list of dossiers in its default order (latest submission first, then by
-- reference) read from an index instead of sorting every dossier of the call (src/db/dossier_list.rs).
CREATE INDEX dossiers_list_order ON dossiers (call_id, submitted_at DESC NULLS LAST, reference);
