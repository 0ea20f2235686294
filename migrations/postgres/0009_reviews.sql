-- Screening step 2: the evaluation grid's revisions, the review phase of a call, who reviews
-- which dossier, declared conflicts of interest, and the reviews.
-- Same schema as migrations/sqlite/0009_reviews.sql (tests/it/schema.rs compares them).

-- A published revision of a call's evaluation grid (src/domain/review, data/grids/); a review
-- keeps the revision it was made with.
CREATE TABLE grid_revisions (
    id UUID PRIMARY KEY NOT NULL,
    call_id UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    revision BIGINT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    published_by UUID REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (call_id, revision)
);

-- The review phase of a call, set by the steering group: whether reviews are open, whether a
-- reviewer sees others' scores only after submitting their own (blind), how many reviewers the
-- automatic assignment gives each dossier, and whether it avoids the dossier's own network.
CREATE TABLE review_phases (
    call_id UUID PRIMARY KEY NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    open BOOLEAN NOT NULL,
    blind BOOLEAN NOT NULL,
    reviewers_per_dossier BIGINT NOT NULL,
    exclude_own_network BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE review_assignments (
    dossier_id UUID NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    reviewer_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    assigned_at TIMESTAMPTZ NOT NULL,
    assigned_by UUID REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (dossier_id, reviewer_id)
);
CREATE INDEX review_assignments_reviewer ON review_assignments (reviewer_id);

-- A reviewer's declared conflict of interest with a dossier: never assigned to them.
CREATE TABLE conflicts_of_interest (
    dossier_id UUID NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    reviewer_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    declared_at TIMESTAMPTZ NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (dossier_id, reviewer_id)
);

-- A submitted review. `scores`: {"criterion": score}; `bonus`: ["item", …]. The totals are
-- kept in hundredths of a point (8750 = 87,5 / 100). The reviewer's name stays (replaced by
-- "[compte supprimé]" when their account is erased).
CREATE TABLE reviews (
    id UUID PRIMARY KEY NOT NULL,
    dossier_id UUID NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    reviewer_id UUID REFERENCES users (id) ON DELETE SET NULL,
    reviewer_name TEXT NOT NULL,
    grid_revision_id UUID NOT NULL REFERENCES grid_revisions (id),
    scores JSONB NOT NULL,
    bonus JSONB NOT NULL,
    recommendation TEXT NOT NULL,
    comment TEXT NOT NULL,
    total_centi BIGINT NOT NULL,
    bonus_points BIGINT NOT NULL,
    submitted_at TIMESTAMPTZ NOT NULL,
    UNIQUE (dossier_id, reviewer_id)
);
