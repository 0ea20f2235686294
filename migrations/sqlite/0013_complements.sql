-- Exchanges (issue 5): a referent's request for a complement (the dossier goes to
-- correction_requested and only the named sections of its form open again for the candidate),
-- and the files attached to the messages of a dossier's thread.
-- Same schema as migrations/postgres/0013_complements.sql (tests/it/schema.rs compares them).

-- A request for a complement. At most one is open (answered_at NULL) per dossier: the dossier's
-- state guards it (a request moves it to correction_requested, the answer back to screening).
CREATE TABLE dossier_complements (
    id BLOB PRIMARY KEY NOT NULL,
    dossier_id BLOB NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    requested_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    requested_at TEXT NOT NULL,
    -- The keys of the form's sections to complete, separated by commas (keys hold no comma).
    sections TEXT NOT NULL,
    -- The referent's message, also posted in the dossier's thread (message_id).
    message TEXT NOT NULL,
    message_id BLOB REFERENCES dossier_messages (id) ON DELETE SET NULL,
    answered_at TEXT,
    answered_by BLOB REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX dossier_complements_dossier ON dossier_complements (dossier_id, requested_at);

-- The files a message carries (stored in `files`, with the dossier's id and field_path
-- 'message'), in the order they were sent.
CREATE TABLE dossier_message_files (
    message_id BLOB NOT NULL REFERENCES dossier_messages (id) ON DELETE CASCADE,
    file_id BLOB NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (message_id, file_id)
);
CREATE INDEX dossier_message_files_file ON dossier_message_files (file_id);
