-- Screening step 1: a referent's confirmation (or override, with a comment) of each computed
-- admissibility check of a dossier (src/domain/admissibility.rs).
-- Same schema as migrations/sqlite/0011_admissibility.sql (tests/it/schema.rs compares them).
CREATE TABLE admissibility_confirmations (
    dossier_id UUID NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    -- complete, deadline, legal_persons, diversity, territory, siret, budget.
    check_key TEXT NOT NULL,
    -- pass, warning, fail: as computed (confirmed) or not (overridden).
    status TEXT NOT NULL,
    comment TEXT NOT NULL,
    confirmed_by UUID REFERENCES users (id) ON DELETE SET NULL,
    confirmed_by_name TEXT NOT NULL,
    confirmed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (dossier_id, check_key)
);
