-- Attachments: what is known of each uploaded file, and its contents in a table of their own so
-- that listing files never reads them. Same schema as migrations/sqlite/0006_files.sql.

CREATE TABLE files (
    id UUID PRIMARY KEY NOT NULL,
    -- NULL for a file not (yet) attached to a dossier.
    dossier_id UUID REFERENCES dossiers (id) ON DELETE CASCADE,
    -- The form field it answers, e.g. "statuts" or "letters".
    field_path TEXT NOT NULL,
    -- The name it was sent under, cleaned (src/domain/upload.rs `clean_name`); shown, never
    -- used as a path.
    original_name TEXT NOT NULL,
    -- Recognised from the content, never from the name.
    file_type TEXT NOT NULL
        CHECK (file_type IN ('pdf', 'odt', 'ods', 'docx', 'xlsx', 'png', 'jpeg')),
    size_bytes BIGINT NOT NULL,
    -- SHA-256 of the contents, lower-case hex.
    sha256 TEXT NOT NULL,
    -- Only 'clean' and 'not_scanned' (no antivirus configured) files are ever given out.
    scan_status TEXT NOT NULL
        CHECK (scan_status IN ('pending', 'clean', 'infected', 'not_scanned')),
    scanned_at TIMESTAMPTZ,
    -- What the antivirus found, for a file found infected after it was stored.
    scan_signature TEXT,
    -- The file stays with its dossier when its sender's account is erased.
    uploaded_by UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX files_dossier ON files (dossier_id, field_path);
CREATE INDEX files_uploaded_by ON files (uploaded_by);
-- The rescan job reads the files the antivirus has not yet seen.
CREATE INDEX files_pending ON files (created_at) WHERE scan_status = 'pending';

CREATE TABLE file_contents (
    file_id UUID PRIMARY KEY NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    data BYTEA NOT NULL
);
