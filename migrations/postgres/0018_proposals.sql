-- The costed support and funding proposal (proposition chiffrée): the envelope the steering group
-- sets for a call, and its scenarios — which selected dossiers, and the amount granted to each.
-- Same schema as migrations/sqlite/0018_proposals.sql (tests/it/schema.rs compares them).

CREATE TABLE proposal_envelopes (
    call_id UUID PRIMARY KEY NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    -- Euro cents (src/domain/money.rs).
    amount_cents BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE proposal_scenarios (
    id UUID PRIMARY KEY NOT NULL,
    call_id UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_by UUID REFERENCES users (id) ON DELETE SET NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (call_id, name)
);

-- A dossier in a scenario, with the amount granted to it (at most the amount it requested when
-- the scenario was saved).
CREATE TABLE proposal_scenario_lines (
    scenario_id UUID NOT NULL REFERENCES proposal_scenarios (id) ON DELETE CASCADE,
    dossier_id UUID NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    granted_cents BIGINT NOT NULL,
    PRIMARY KEY (scenario_id, dossier_id)
);
