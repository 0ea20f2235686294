-- Form C: expressions of interest or support (manifestations d'intérêt ou de soutien), made
-- without an account and counted only once the address is confirmed through the emailed link.
-- The link itself is a row of `tokens` (purpose 'confirm-interest', no user).
-- Same schema as migrations/sqlite/0007_supporters.sql (tests/it/schema.rs compares them).

CREATE TABLE supporters (
    id UUID PRIMARY KEY NOT NULL,
    call_id UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    -- The revision of the track `interest` form the answers were given on.
    form_revision_id UUID NOT NULL REFERENCES form_revisions (id),
    -- Lower-cased.
    email TEXT NOT NULL,
    -- The pole or initiative supported: a dossier id, or 'la-demarche' (the call as a whole).
    target TEXT NOT NULL,
    -- Every answer of the form, by field key (docs/FORMS.md).
    answers JSONB NOT NULL,
    -- Copied out of the answers for counting: the kind of supporter (an option value), the
    -- commune's INSEE code, and whether the person agreed to be listed publicly.
    supporter_kind TEXT NOT NULL,
    commune TEXT,
    listing_consent BOOLEAN NOT NULL,
    -- The language the form was filled in, for later mailings.
    lang TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    created_at TIMESTAMPTZ NOT NULL,
    -- Set when the emailed link is followed; only confirmed expressions count.
    confirmed_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ NOT NULL,
    -- One expression per address and target: a new one replaces the answers.
    UNIQUE (call_id, email, target)
);
CREATE INDEX supporters_call_confirmed ON supporters (call_id, confirmed_at);
