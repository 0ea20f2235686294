-- Forms and dossiers: published revisions of each track's form, the dossiers filled with them,
-- their append-only history and their submissions with receipts.
-- Same schema as migrations/postgres/0005_dossiers.sql (tests/it/schema.rs compares them).

-- A published form revision. The schema is kept as the source text the steering group imported
-- (docs/FORMS.md); a dossier keeps the revision it was started on.
CREATE TABLE form_revisions (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    track TEXT NOT NULL,
    revision INTEGER NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (call_id, track, revision)
);

CREATE TABLE dossiers (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id),
    -- The human number shown to everyone, e.g. "A-0007".
    reference TEXT NOT NULL UNIQUE,
    organisation_id BLOB NOT NULL REFERENCES organisations (id),
    track TEXT NOT NULL,
    form_revision_id BLOB NOT NULL REFERENCES form_revisions (id),
    -- PRODUCT.md §3: draft, submitted, screening, correction_requested, withdrawn, and the outcomes.
    state TEXT NOT NULL,
    -- The partner network the dossier is routed to (chosen by the candidate or assigned).
    network_id BLOB REFERENCES networks (id),
    -- The pole's or initiative's name as answered, for lists.
    title TEXT NOT NULL,
    answers TEXT NOT NULL,
    -- Bumped by every save; a submission names the version it submits.
    version INTEGER NOT NULL,
    -- {"section key": version}: a save states the version of the section it started from.
    section_versions TEXT NOT NULL,
    -- Who started and who last changed it; NULL once that account is erased.
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL,
    -- The last submission, if any.
    submitted_at TEXT,
    submission_count INTEGER NOT NULL
);
CREATE INDEX dossiers_organisation ON dossiers (organisation_id);
CREATE INDEX dossiers_call_state ON dossiers (call_id, track, state);

-- The history of a dossier: every transition and submission, who, when and why. Append-only.
CREATE TABLE dossier_events (
    id BLOB PRIMARY KEY NOT NULL,
    dossier_id BLOB NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor_id BLOB REFERENCES users (id) ON DELETE SET NULL,
    -- created, submitted, resubmitted, withdrawn, …
    kind TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    note TEXT,
    submission_number INTEGER
);
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, at);

-- What was submitted, frozen: the answers, their SHA-256, the receipt (PDF).
CREATE TABLE dossier_submissions (
    dossier_id BLOB NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    -- One submission per saved version: a double click or a replayed POST submits once.
    dossier_version INTEGER NOT NULL,
    submitted_at TEXT NOT NULL,
    submitted_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    form_revision_id BLOB NOT NULL REFERENCES form_revisions (id),
    answers TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    receipt BLOB NOT NULL,
    PRIMARY KEY (dossier_id, number),
    UNIQUE (dossier_id, dossier_version)
);

-- Typed text kept when a save arrived after the session had expired: restored, not applied,
-- once the same person logs in again (PRODUCT.md §3: a candidate never loses typed text).
CREATE TABLE kept_inputs (
    token_hash TEXT PRIMARY KEY NOT NULL,
    dossier_id BLOB NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Files attached to a queued email (the receipt PDF of a submission).
CREATE TABLE outbox_attachments (
    outbox_id BLOB NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (outbox_id, position)
);
