-- Selection: the decisions the steering group prepares for each dossier (invisible to the
-- candidate until released), and each track's selection rule (at most N per region).
-- Same schema as migrations/sqlite/0010_decisions.sql (tests/it/schema.rs compares them).

-- A prepared decision; `released_at` is set when the steering group releases it: only then does
-- the dossier change state, does the candidate see it and get the decision email.
CREATE TABLE decisions (
    dossier_id UUID PRIMARY KEY NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    -- selected, selected-with-conditions, waiting-list, not-selected, redirected, no-follow-up.
    outcome TEXT NOT NULL,
    motivation TEXT NOT NULL,
    -- The other track, for `redirected`.
    target_track TEXT,
    prepared_at TIMESTAMPTZ NOT NULL,
    prepared_by UUID REFERENCES users (id) ON DELETE SET NULL,
    released_at TIMESTAMPTZ,
    released_by UUID REFERENCES users (id) ON DELETE SET NULL
);

-- The territorial rule of a track's selection: at most `per_region` dossiers per region (NULL:
-- no limit), regions as of 2011 or current ones.
CREATE TABLE selection_rules (
    call_id UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    track TEXT NOT NULL,
    per_region BIGINT,
    regions TEXT NOT NULL,
    PRIMARY KEY (call_id, track)
);
