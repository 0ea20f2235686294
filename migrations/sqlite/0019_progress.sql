-- The progress approach (démarche de progrès): the periods the steering group sets, each
-- published pole's report for a period (a form held as data, track "report"), and the
-- reminders sent before and after a period's due date.
-- Same schema as migrations/postgres/0019_progress.sql (tests/it/schema.rs compares them).

-- A period reports are asked for (yearly by default: "2012", 1 January to 31 December, due in
-- the spring after). Dates are ISO days ("2013-03-31"), Paris time.
CREATE TABLE progress_periods (
    id BLOB PRIMARY KEY NOT NULL,
    call_id BLOB NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (call_id, label)
);

-- A pole's report for a period: a draft its people save, then submitted (final). Only the
-- indicator values of submitted reports of published poles are public. Who saved or submitted
-- is a reference, set to NULL when that account is erased.
CREATE TABLE progress_reports (
    id BLOB PRIMARY KEY NOT NULL,
    period_id BLOB NOT NULL REFERENCES progress_periods (id) ON DELETE CASCADE,
    pole_id BLOB NOT NULL REFERENCES poles (id) ON DELETE CASCADE,
    form_revision_id BLOB NOT NULL REFERENCES form_revisions (id),
    answers TEXT NOT NULL,
    -- draft, submitted.
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    submitted_at TEXT,
    submitted_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (period_id, pole_id)
);
CREATE INDEX progress_reports_pole ON progress_reports (pole_id, state);

-- A reminder sent to a pole's people for a period: at most one of each kind (before, after
-- the due date) per pole and period, whoever asks for it and however often.
CREATE TABLE progress_reminders (
    id BLOB PRIMARY KEY NOT NULL,
    period_id BLOB NOT NULL REFERENCES progress_periods (id) ON DELETE CASCADE,
    pole_id BLOB NOT NULL REFERENCES poles (id) ON DELETE CASCADE,
    -- before, after.
    kind TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    sent_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    recipients INTEGER NOT NULL,
    UNIQUE (period_id, pole_id, kind)
);
