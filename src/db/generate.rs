//! Synthetic data (`ptce generate`): counting what was not generated, and writing generated
//! organisations, accounts, dossiers and what goes with them in batches, several rows per
//! statement and one transaction per batch.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Db, WritePool, with_db};

/// Rows per `INSERT … VALUES (…), (…)`: far below SQLite's 32 766 and PostgreSQL's 65 535 bound
/// parameters for the widest table (17 columns), and large enough that statements, not rows,
/// are what is counted.
const ROWS_PER_STATEMENT: usize = 100;

/// What the database holds, as the generator sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Census {
    /// Accounts whose address is not in the generator's domain: real people (or staff).
    pub real_accounts: i64,
    /// Organisations none of whose accounts is a generated one.
    pub real_organisations: i64,
    /// Accounts the generator made earlier (new ones are numbered after them).
    pub generated_accounts: i64,
}

pub struct GeneratedOrganisation {
    pub id: Uuid,
    pub name: String,
    pub siret: Option<String>,
    pub created_at: OffsetDateTime,
}

pub struct GeneratedUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub organisation_id: Uuid,
    pub created_at: OffsetDateTime,
}

pub struct GeneratedDossier {
    pub id: Uuid,
    pub call_id: Uuid,
    pub reference: String,
    pub organisation_id: Uuid,
    pub track: String,
    pub form_revision_id: Uuid,
    pub state: &'static str,
    pub network_id: Option<Uuid>,
    pub title: String,
    pub answers: Value,
    pub version: i64,
    pub section_versions: BTreeMap<String, i64>,
    pub created_by: Uuid,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub submission_count: i64,
}

pub struct GeneratedEvent {
    pub id: Uuid,
    pub dossier_id: Uuid,
    pub at: OffsetDateTime,
    pub actor_id: Option<Uuid>,
    pub kind: &'static str,
    pub from_state: Option<&'static str>,
    pub to_state: &'static str,
    pub note: Option<String>,
    pub submission_number: Option<i64>,
}

/// A submission of one dossier of the same batch, with the dossier's answers as they are.
pub struct GeneratedSubmission {
    /// Index of the dossier in `GeneratedBatch::dossiers`.
    pub dossier: usize,
    pub number: i64,
    /// The dossier version submitted (a later move into screening bumps the dossier's).
    pub dossier_version: i64,
    pub submitted_at: OffsetDateTime,
    pub submitted_by: Uuid,
    pub sha256: String,
    pub receipt: Vec<u8>,
}

pub struct GeneratedFile {
    pub id: Uuid,
    pub dossier_id: Uuid,
    pub field_path: String,
    pub original_name: String,
    pub sha256: String,
    pub uploaded_by: Uuid,
    pub created_at: OffsetDateTime,
    /// Shared between the files of the same name: the contents are placeholders.
    pub contents: Arc<[u8]>,
}

pub struct GeneratedSession {
    pub token_hash: String,
    pub user_id: Uuid,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// Everything one transaction writes.
#[derive(Default)]
pub struct GeneratedBatch {
    /// One argon2 PHC string for every generated account.
    pub password_hash: String,
    pub organisations: Vec<GeneratedOrganisation>,
    pub users: Vec<GeneratedUser>,
    pub dossiers: Vec<GeneratedDossier>,
    pub events: Vec<GeneratedEvent>,
    pub submissions: Vec<GeneratedSubmission>,
    pub files: Vec<GeneratedFile>,
    pub sessions: Vec<GeneratedSession>,
}

impl GeneratedBatch {
    /// Rows this batch writes, all tables together.
    pub fn rows(&self) -> usize {
        self.organisations.len()
            + self.users.len()
            + self.dossiers.len()
            + self.events.len()
            + self.submissions.len()
            + 2 * self.files.len()
            + self.sessions.len()
    }
}

impl Db {
    /// Counts the accounts and organisations the generator did not make: generated accounts
    /// have an address `…@<domain>` (a reserved domain no person has).
    pub async fn generated_census(&self, domain: &str) -> Result<Census, sqlx::Error> {
        let pattern = format!("%@{domain}");
        with_db!(self, pool => {
            let (real_accounts, generated_accounts): (i64, i64) = sqlx::query_as(
                "SELECT COALESCE(SUM(CASE WHEN email LIKE $1 THEN 0 ELSE 1 END), 0), \
                 COALESCE(SUM(CASE WHEN email LIKE $1 THEN 1 ELSE 0 END), 0) FROM users",
            )
            .bind(&pattern)
            .fetch_one(pool)
            .await?;
            let real_organisations: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM organisations o WHERE NOT EXISTS (SELECT 1 FROM users u \
                 WHERE u.organisation_id = o.id AND u.email LIKE $1)",
            )
            .bind(&pattern)
            .fetch_one(pool)
            .await?;
            Ok(Census { real_accounts, real_organisations, generated_accounts })
        })
    }

    /// How many dossiers a track of a call has (the next reference is this plus one).
    pub async fn dossier_count(&self, call_id: Uuid, track: &str) -> Result<i64, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM dossiers WHERE call_id = $1 AND track = $2")
                .bind(call_id)
                .bind(track)
                .fetch_one(pool)
                .await
        })
    }

    /// Writes a generated batch in one transaction: all of it or nothing.
    pub async fn insert_generated(&self, batch: &GeneratedBatch) -> Result<(), sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            for chunk in batch.organisations.chunks(ROWS_PER_STATEMENT) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO organisations (id, name, siret, created_at) ",
                );
                q.push_values(chunk, |mut row, o| {
                    row.push_bind(o.id)
                        .push_bind(o.name.as_str())
                        .push_bind(o.siret.as_deref())
                        .push_bind(o.created_at);
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in batch.users.chunks(ROWS_PER_STATEMENT) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO users (id, email, display_name, password_hash, lang, \
                     organisation_id, email_confirmed_at, created_at, updated_at) ",
                );
                q.push_values(chunk, |mut row, u| {
                    row.push_bind(u.id)
                        .push_bind(u.email.as_str())
                        .push_bind(u.display_name.as_str())
                        .push_bind(batch.password_hash.as_str())
                        .push_bind("fr")
                        .push_bind(u.organisation_id)
                        .push_bind(u.created_at)
                        .push_bind(u.created_at)
                        .push_bind(u.created_at);
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in batch.dossiers.chunks(ROWS_PER_STATEMENT) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO dossiers (id, call_id, reference, organisation_id, track, \
                     form_revision_id, state, network_id, title, answers, version, \
                     section_versions, created_by, created_at, updated_by, updated_at, \
                     submitted_at, submission_count) ",
                );
                q.push_values(chunk, |mut row, d| {
                    row.push_bind(d.id)
                        .push_bind(d.call_id)
                        .push_bind(d.reference.as_str())
                        .push_bind(d.organisation_id)
                        .push_bind(d.track.as_str())
                        .push_bind(d.form_revision_id)
                        .push_bind(d.state)
                        .push_bind(d.network_id)
                        .push_bind(d.title.as_str())
                        .push_bind(Json(&d.answers))
                        .push_bind(d.version)
                        .push_bind(Json(&d.section_versions))
                        .push_bind(d.created_by)
                        .push_bind(d.created_at)
                        .push_bind(d.created_by)
                        .push_bind(d.updated_at)
                        .push_bind(d.submitted_at)
                        .push_bind(d.submission_count);
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in batch.events.chunks(ROWS_PER_STATEMENT) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO dossier_events (id, dossier_id, at, actor_id, kind, from_state, \
                     to_state, note, submission_number) ",
                );
                q.push_values(chunk, |mut row, e| {
                    row.push_bind(e.id)
                        .push_bind(e.dossier_id)
                        .push_bind(e.at)
                        .push_bind(e.actor_id)
                        .push_bind(e.kind)
                        .push_bind(e.from_state)
                        .push_bind(e.to_state)
                        .push_bind(e.note.as_deref())
                        .push_bind(e.submission_number);
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in batch.submissions.chunks(ROWS_PER_STATEMENT) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO dossier_submissions (dossier_id, number, dossier_version, \
                     submitted_at, submitted_by, form_revision_id, answers, sha256, receipt) ",
                );
                q.push_values(chunk, |mut row, s| {
                    let dossier = &batch.dossiers[s.dossier];
                    row.push_bind(dossier.id)
                        .push_bind(s.number)
                        .push_bind(s.dossier_version)
                        .push_bind(s.submitted_at)
                        .push_bind(s.submitted_by)
                        .push_bind(dossier.form_revision_id)
                        .push_bind(Json(&dossier.answers))
                        .push_bind(s.sha256.as_str())
                        .push_bind(s.receipt.as_slice());
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in batch.files.chunks(ROWS_PER_STATEMENT) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO files (id, dossier_id, field_path, original_name, file_type, \
                     size_bytes, sha256, scan_status, uploaded_by, created_at) ",
                );
                q.push_values(chunk, |mut row, f| {
                    row.push_bind(f.id)
                        .push_bind(f.dossier_id)
                        .push_bind(f.field_path.as_str())
                        .push_bind(f.original_name.as_str())
                        .push_bind("pdf")
                        .push_bind(i64::try_from(f.contents.len()).unwrap_or(i64::MAX))
                        .push_bind(f.sha256.as_str())
                        // No antivirus saw them; they are given out like files stored
                        // without one.
                        .push_bind("not_scanned")
                        .push_bind(f.uploaded_by)
                        .push_bind(f.created_at);
                });
                q.build().execute(&mut *tx).await?;
                let mut q = sqlx::QueryBuilder::new("INSERT INTO file_contents (file_id, data) ");
                q.push_values(chunk, |mut row, f| {
                    row.push_bind(f.id).push_bind(&f.contents[..]);
                });
                q.build().execute(&mut *tx).await?;
            }
            for chunk in batch.sessions.chunks(ROWS_PER_STATEMENT) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, \
                     expires_at) ",
                );
                q.push_values(chunk, |mut row, s| {
                    row.push_bind(s.token_hash.as_str())
                        .push_bind(s.user_id)
                        .push_bind(s.created_at)
                        .push_bind(s.created_at)
                        .push_bind(s.expires_at);
                });
                q.build().execute(&mut *tx).await?;
            }
            tx.commit().await
        })
    }
}
