-- A referent's list: their network's dossiers, counted and paged from one index instead of
-- reading every dossier of the call (the count of 18 000 of 100 000 listed dossiers took 135 ms
-- on SQLite, the whole page 181 ms; 2.4 ms and 0.2 ms with it — docs/PERFORMANCE.md). Covering
-- for the count (state), in the list's default order for the page.
-- Same schema as migrations/postgres/0024_list_by_network.sql (tests/it/schema.rs compares them).

CREATE INDEX dossiers_network_order
ON dossiers (call_id, network_id, submitted_at DESC, reference, state);
