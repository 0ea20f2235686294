-- Decision letters: the texts the steering group writes for each outcome and language (versions
-- kept: who saved which text, when), and the letter each dossier received when its decision was
-- released (the email's text and the PDF's, frozen: editing a text later changes no sent letter).
-- Same schema as migrations/sqlite/0014_decision_letters.sql (tests/it/schema.rs compares them).

-- Every saved version of a call's letter for an outcome in a language; the current one is the
-- latest. None for a pair: the call's default text applies (data/letters/2011.toml).
CREATE TABLE decision_letter_versions (
    id UUID PRIMARY KEY NOT NULL,
    call_id UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    -- selected, selected-with-conditions, waiting-list, not-selected, redirected, no-follow-up.
    outcome TEXT NOT NULL,
    -- fr or en.
    lang TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    saved_at TIMESTAMPTZ NOT NULL,
    saved_by UUID REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX decision_letter_versions_current
    ON decision_letter_versions (call_id, outcome, lang, saved_at);

-- The letter of a released decision, in each language, with the variables filled. A dossier
-- redirected then decided again in its new track has one letter per release.
CREATE TABLE decision_letters (
    id UUID PRIMARY KEY NOT NULL,
    dossier_id UUID NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    released_at TIMESTAMPTZ NOT NULL,
    lang TEXT NOT NULL,
    outcome TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX decision_letters_dossier ON decision_letters (dossier_id, lang, released_at);
