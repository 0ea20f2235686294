//! A person's own data (RGPD, ASVS 4.0.3 8.3.2): everything the platform holds about one account,
//! read whole for the "my data" page and its export, and the erasure of that account — deleted
//! where nothing requires keeping it, anonymised where the audit log must keep the event.
//!
//! Every table is classified below; `tests/it/my_data.rs` fails when a table appears in the
//! schema without being classified, so that a new table holding personal data cannot be
//! forgotten by the export and the erasure.

use serde::Serialize;
use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::{Db, WritePool, with_db};

/// Tables holding personal data, each read by `my_data` and handled by `erase_account`.
pub const TABLES_WITH_PERSONAL_DATA: &[&str] = &[
    "users",
    "organisations",
    "user_roles",
    "sessions",
    "tokens",
    "auth_attempts",
    "audit_log",
    "outbox",
    "outbox_attachments",
    "dossiers",
    "dossier_events",
    "dossier_submissions",
    "kept_inputs",
    "files",
    "file_contents",
    "supporters",
    "dossier_messages",
    "dossier_annotations",
    "review_assignments",
    "conflicts_of_interest",
    "reviews",
    "admissibility_confirmations",
    // Who asked a complement (and who answered): references set to NULL when the account goes.
    "dossier_complements",
    // Whether the person declined the reminders of drafts (erased with the account).
    "reminder_opt_outs",
    // A staff member's saved filters of the back office's list (deleted with the account).
    "saved_views",
    // Who proposed or decided a version of a pole's public page: names replaced on erasure.
    "pole_versions",
    // Invitations to the network's meetings, by address, with the answers (deleted on erasure).
    "event_invitations",
];

/// Tables holding no account's data: the published call. `call_networks` lists the referents'
/// published contacts, which are part of the call's public text: they change by editing the
/// call, not by erasing an account.
/// `form_revisions` holds the published forms (their questions, no answer); `routing_rules`
/// the call's routing (who wrote a rule is a reference, set to NULL when that account goes);
/// `decisions` are about an organisation's dossier (who prepared one is such a reference too).
pub const TABLES_WITHOUT_PERSONAL_DATA: &[&str] = &[
    "calls",
    "call_sections",
    "networks",
    "call_networks",
    "tracks",
    "phases",
    "form_revisions",
    "routing_rules",
    "grid_revisions",
    "review_phases",
    "decisions",
    "selection_rules",
    // Reminders of drafts sent by the steering group: counts, and who sent one (a reference).
    "draft_reminders",
    // Letters of decisions (about a dossier) and their texts (who saved one is a reference).
    "decision_letter_versions",
    "decision_letters",
    // Which files a message carries: two references; the files and messages are listed above.
    "dossier_message_files",
    // The back office's search index: words and facets computed from the dossiers above.
    "dossier_search",
    // Labels of the back office and which dossiers carry them (who put one is a reference).
    "labels",
    "dossier_labels",
    // Published poles: only what their people chose to make public (organisations' data).
    "poles",
    // Progress approach: periods, poles' reports (an organisation's figures) and reminders
    // sent; who saved, submitted or sent one is a reference, set to NULL when the account goes.
    "progress_periods",
    "progress_reports",
    "progress_reminders",
    // The costed proposal: the envelope and scenarios (amounts per dossier; who saved one is a
    // reference).
    "proposal_envelopes",
    "proposal_scenarios",
    "proposal_scenario_lines",
    // The network's meetings: title, date, place (who is invited is in `event_invitations`).
    "events",
    // The call's institutional partners: public bodies and funders, no person.
    "partners",
    // Dossiers whose search entry is stale: references only.
    "search_queue",
];

/// What replaces an erased person's address wherever a text kept for others mentioned it.
pub const ERASED_MENTION: &str = "[compte supprimé]";

/// The tables an erasure writes to: the ones PostgreSQL vacuums afterwards.
const ERASURE_VACUUM: &str = "VACUUM (SKIP_LOCKED, ANALYZE) users, organisations, user_roles, \
                              sessions, tokens, auth_attempts, audit_log, outbox";

/// The `users` row, without the password hash (only whether there is one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct UserRecord {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub lang: String,
    pub organisation_id: Option<Uuid>,
    pub has_password: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub email_confirmed_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub disabled_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct OrganisationRecord {
    pub id: Uuid,
    pub name: String,
    pub siret: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Accounts attached to it, the person included (not exported: it counts other people).
    #[serde(skip)]
    pub members: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct RoleRecord {
    pub role: String,
    /// The partner network of a referent (its slug).
    pub network: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub granted_at: OffsetDateTime,
}

/// A session, without the hash that names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct SessionRecord {
    /// The session of the request that reads the data.
    pub current: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last_seen_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// A one-time link, without its hash.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenRecord {
    pub purpose: String,
    /// What the link carries beside its owner (e.g. a new address), as stored.
    pub payload: serde_json::Value,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub used_at: Option<OffsetDateTime>,
}

#[derive(FromRow)]
struct TokenRow {
    purpose: String,
    payload: String,
    created_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    used_at: Option<OffsetDateTime>,
}

/// An authentication attempt made with the person's address (by them or by anyone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct AttemptRecord {
    pub kind: String,
    pub client: String,
    pub succeeded: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// How an audit event concerns the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditRole {
    /// They acted.
    Actor,
    /// The event is about their account (e.g. a failed login on it).
    Subject,
    /// Both.
    ActorAndSubject,
    /// Their address appears in the event's details.
    Mentioned,
}

impl AuditRole {
    pub fn code(self) -> &'static str {
        match self {
            AuditRole::Actor => "actor",
            AuditRole::Subject => "subject",
            AuditRole::ActorAndSubject => "actor_and_subject",
            AuditRole::Mentioned => "mentioned",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRecord {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub event: String,
    pub role: AuditRole,
    pub client: String,
    pub detail: serde_json::Value,
}

#[derive(FromRow)]
struct AuditRow {
    id: Uuid,
    at: OffsetDateTime,
    event: String,
    actor_id: Option<Uuid>,
    subject_id: Option<Uuid>,
    client: String,
    detail: String,
}

impl AuditRow {
    fn role(&self, user_id: Uuid) -> AuditRole {
        match (self.actor_id == Some(user_id), self.subject_id == Some(user_id)) {
            (true, true) => AuditRole::ActorAndSubject,
            (true, false) => AuditRole::Actor,
            (false, true) => AuditRole::Subject,
            (false, false) => AuditRole::Mentioned,
        }
    }
}

/// An email queued to the person's address, with its subject and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct EmailRecord {
    pub kind: String,
    pub subject: String,
    pub body_text: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub sent_at: Option<OffsetDateTime>,
    pub attempts: i64,
    pub last_error: Option<String>,
}

/// Everything the platform holds about one person, as `donnees.json` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MyData {
    pub account: UserRecord,
    pub organisation: Option<OrganisationRecord>,
    pub roles: Vec<RoleRecord>,
    pub sessions: Vec<SessionRecord>,
    pub tokens: Vec<TokenRecord>,
    pub auth_attempts: Vec<AttemptRecord>,
    pub audit_log: Vec<AuditRecord>,
    pub emails: Vec<EmailRecord>,
    /// The dossiers of the person's organisation, with their answers: the person may have
    /// written any of them. They stay with the organisation when the person leaves or erases
    /// the account (the history then names no one).
    pub dossiers: Vec<DossierRecord>,
    /// The files the person attached (their metadata; the files themselves are on the dossier).
    pub files: Vec<FileRecord>,
    /// Expressions of interest or support (form C) made with the account's address.
    pub supports: Vec<SupportRecord>,
    /// Since when the person declines the reminders of drafts, if they do.
    #[serde(with = "time::serde::rfc3339::option")]
    pub reminders_declined_at: Option<OffsetDateTime>,
    /// The back office's list filters the person saved: (name, query string).
    pub saved_views: Vec<(String, String)>,
    /// Invitations to the network's meetings sent to the account's address, with the answers.
    pub event_invitations: Vec<EventInvitationRecord>,
}

/// An invitation to a meeting, without the hashes of its links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct EventInvitationRecord {
    pub event: String,
    pub name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub invited_at: OffsetDateTime,
    pub response: Option<String>,
    pub guests: i64,
    pub comment: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub responded_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, FromRow)]
pub struct SupportRecord {
    pub target: String,
    pub answers: sqlx::types::Json<serde_json::Value>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub confirmed_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, FromRow)]
pub struct DossierRecord {
    pub reference: String,
    pub track: String,
    pub state: String,
    pub title: String,
    pub answers: sqlx::types::Json<serde_json::Value>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct FileRecord {
    pub original_name: String,
    pub file_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What an erasure did, in numbers (recorded with the `account.erased` event: no personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Erasure {
    pub sessions: u64,
    pub tokens: u64,
    pub roles: u64,
    pub auth_attempts: u64,
    pub emails: u64,
    pub emails_scrubbed: u64,
    pub audit_events_anonymised: u64,
    pub organisation_removed: bool,
    /// The ids of the deleted outbox messages, to remove their copies written by the file
    /// transport (not recorded).
    #[serde(skip)]
    pub email_ids: Vec<Uuid>,
}

/// What wiping the erased bytes from the database's files did, after the commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purge {
    /// SQLite: no copy of the address is left in the main file, and the write-ahead log is
    /// empty (0 bytes). PostgreSQL: the touched tables were vacuumed.
    Complete,
    /// SQLite: as `Complete`, but a copy was found after the checkpoint, so the whole file was
    /// rebuilt (`VACUUM`) first.
    Rebuilt,
    /// SQLite: readers kept the write-ahead log from being emptied; it is emptied at a later
    /// checkpoint.
    WalStillInUse,
    /// SQLite: the address is still in the main file after `VACUUM`: it is live data outside
    /// the account (e.g. a referent's contact published in the call's text).
    AddressStillLive,
}

/// A `LIKE` pattern matching texts that contain `text` anywhere (with `ESCAPE '\'`).
fn containing(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// `text` with every occurrence of `address` (compared without case) replaced by
/// `ERASED_MENTION`.
pub fn scrub(text: &str, address: &str) -> String {
    let needle = address.to_lowercase();
    let width = needle.chars().count();
    if width == 0 {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let end = rest.char_indices().nth(width).map_or(rest.len(), |(i, _)| i);
        if rest[..end].to_lowercase() == needle {
            out.push_str(ERASED_MENTION);
            rest = &rest[end..];
        } else {
            out.push(first);
            rest = &rest[first.len_utf8()..];
        }
    }
    out
}

/// An audit event's details once the person is erased: their address scrubbed, and a note of
/// which side of the event was an erased account (the journal then shows who it was not).
fn anonymised_detail(detail: &str, address: &str, role: AuditRole) -> String {
    let scrubbed = scrub(detail, address);
    let erased = match role {
        AuditRole::Actor => "actor",
        AuditRole::Subject => "subject",
        AuditRole::ActorAndSubject => "actor_and_subject",
        AuditRole::Mentioned => return scrubbed,
    };
    match serde_json::from_str::<serde_json::Value>(&scrubbed) {
        Ok(serde_json::Value::Object(mut map)) => {
            map.insert("erased_account".into(), erased.into());
            serde_json::Value::Object(map).to_string()
        }
        _ => scrubbed,
    }
}

impl Db {
    /// Everything the platform holds about an account, read in one transaction; `None` if the
    /// account does not exist. `current_session` (a hash) marks the session reading it.
    pub async fn my_data(
        &self,
        user_id: Uuid,
        current_session: Option<&str>,
    ) -> Result<Option<MyData>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let account: Option<UserRecord> = sqlx::query_as(
                "SELECT id, email, display_name, lang, organisation_id, \
                 password_hash IS NOT NULL AS has_password, email_confirmed_at, disabled_at, \
                 created_at, updated_at FROM users WHERE id = $1",
            )
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(account) = account else { return Ok(None) };
            let mentioning = containing(&account.email);
            let organisation: Option<OrganisationRecord> = sqlx::query_as(
                "SELECT o.id, o.name, o.siret, o.created_at, \
                 (SELECT COUNT(*) FROM users m WHERE m.organisation_id = o.id) AS members \
                 FROM organisations o WHERE o.id = $1",
            )
            .bind(account.organisation_id)
            .fetch_optional(&mut *tx)
            .await?;
            let roles: Vec<RoleRecord> = sqlx::query_as(
                "SELECT r.role, n.slug AS network, r.granted_at FROM user_roles r \
                 LEFT JOIN networks n ON n.id = r.network_id WHERE r.user_id = $1 ORDER BY r.role",
            )
            .bind(user_id)
            .fetch_all(&mut *tx)
            .await?;
            let sessions: Vec<SessionRecord> = sqlx::query_as(
                "SELECT COALESCE(token_hash = $2, FALSE) AS current, created_at, last_seen_at, \
                 expires_at FROM sessions WHERE user_id = $1 ORDER BY created_at, expires_at",
            )
            .bind(user_id)
            .bind(current_session)
            .fetch_all(&mut *tx)
            .await?;
            let tokens: Vec<TokenRow> = sqlx::query_as(
                "SELECT purpose, payload, created_at, expires_at, used_at FROM tokens \
                 WHERE user_id = $1 OR LOWER(payload) LIKE $2 ESCAPE '\\' ORDER BY created_at",
            )
            .bind(user_id)
            .bind(&mentioning)
            .fetch_all(&mut *tx)
            .await?;
            let auth_attempts: Vec<AttemptRecord> = sqlx::query_as(
                "SELECT kind, client, succeeded, at FROM auth_attempts WHERE account = $1 \
                 ORDER BY at, id",
            )
            .bind(&account.email)
            .fetch_all(&mut *tx)
            .await?;
            let audit: Vec<AuditRow> = sqlx::query_as(
                "SELECT id, at, event, actor_id, subject_id, client, detail FROM audit_log \
                 WHERE actor_id = $1 OR subject_id = $1 OR LOWER(detail) LIKE $2 ESCAPE '\\' \
                 ORDER BY at, id",
            )
            .bind(user_id)
            .bind(&mentioning)
            .fetch_all(&mut *tx)
            .await?;
            let emails: Vec<EmailRecord> = sqlx::query_as(
                "SELECT kind, subject, body_text, created_at, sent_at, attempts, last_error \
                 FROM outbox WHERE to_address = $1 ORDER BY id",
            )
            .bind(&account.email)
            .fetch_all(&mut *tx)
            .await?;
            let dossiers: Vec<DossierRecord> = sqlx::query_as(
                "SELECT reference, track, state, title, answers, created_at, updated_at \
                 FROM dossiers WHERE organisation_id = $1 ORDER BY created_at, id",
            )
            .bind(account.organisation_id)
            .fetch_all(&mut *tx)
            .await?;
            let files: Vec<FileRecord> = sqlx::query_as(
                "SELECT original_name, file_type, size_bytes, sha256, created_at FROM files \
                 WHERE uploaded_by = $1 ORDER BY created_at, id",
            )
            .bind(user_id)
            .fetch_all(&mut *tx)
            .await?;
            let supports: Vec<SupportRecord> = sqlx::query_as(
                "SELECT target, answers, created_at, confirmed_at FROM supporters \
                 WHERE email = $1 ORDER BY created_at, id",
            )
            .bind(&account.email)
            .fetch_all(&mut *tx)
            .await?;
            let reminders_declined_at: Option<OffsetDateTime> = sqlx::query_scalar(
                "SELECT created_at FROM reminder_opt_outs WHERE user_id = $1",
            )
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
            let saved_views: Vec<(String, String)> = sqlx::query_as(
                "SELECT name, query FROM saved_views WHERE account_id = $1 ORDER BY name",
            )
            .bind(user_id)
            .fetch_all(&mut *tx)
            .await?;
            let event_invitations: Vec<EventInvitationRecord> = sqlx::query_as(
                "SELECT e.title_fr AS event, i.name, i.invited_at, i.response, i.guests, \
                 i.comment, i.responded_at FROM event_invitations i \
                 JOIN events e ON e.id = i.event_id WHERE i.email = $1 ORDER BY i.invited_at, i.id",
            )
            .bind(account.email.to_lowercase())
            .fetch_all(&mut *tx)
            .await?;
            tx.commit().await?;
            let json = |text: String| {
                serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
            };
            Ok(Some(MyData {
                saved_views,
                event_invitations,
                organisation,
                roles,
                sessions,
                tokens: tokens
                    .into_iter()
                    .map(|t| TokenRecord {
                        purpose: t.purpose,
                        payload: json(t.payload),
                        created_at: t.created_at,
                        expires_at: t.expires_at,
                        used_at: t.used_at,
                    })
                    .collect(),
                auth_attempts,
                audit_log: audit
                    .into_iter()
                    .map(|row| AuditRecord {
                        role: row.role(user_id),
                        at: row.at,
                        event: row.event,
                        client: row.client,
                        detail: json(row.detail),
                    })
                    .collect(),
                emails,
                dossiers,
                files,
                supports,
                reminders_declined_at,
                account,
            }))
        })
    }

    /// Erases an account, in one write transaction; `None` if it does not exist.
    ///
    /// Deleted: its sessions (so every device is logged out), one-time links (its own and any
    /// that carries its address), roles, authentication attempts made with its address, emails
    /// queued to its address, the account, and its organisation when no other account belongs
    /// to it (with the invitations to it). Anonymised: the audit events where it acted or was
    /// the subject (actor/subject set to NULL, its address scrubbed from the details,
    /// `erased_account` noted in them), and any email queued to someone else that mentions its
    /// address. Recorded: an `account.erased` event with no actor, no subject and only counts
    /// as details.
    ///
    /// The deleted bytes may still sit in the database's files afterwards: `purge_erased` wipes
    /// them, after the commit.
    pub async fn erase_account(
        &self,
        user_id: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Erasure>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let found: Option<(String, Option<Uuid>)> =
                sqlx::query_as("SELECT email, organisation_id FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((address, organisation_id)) = found else { return Ok(None) };
            let mentioning = containing(&address);

            let sessions: u64 = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let mut tokens: u64 = sqlx::query(
                "DELETE FROM tokens WHERE user_id = $1 OR LOWER(payload) LIKE $2 ESCAPE '\\'",
            )
            .bind(user_id)
            .bind(&mentioning)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let roles: u64 = sqlx::query("DELETE FROM user_roles WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let auth_attempts: u64 = sqlx::query("DELETE FROM auth_attempts WHERE account = $1")
                .bind(&address)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let email_ids: Vec<Uuid> =
                sqlx::query_scalar("SELECT id FROM outbox WHERE to_address = $1")
                    .bind(&address)
                    .fetch_all(&mut *tx)
                    .await?;
            // Expressions of interest made with the address go with the account.
            sqlx::query("DELETE FROM supporters WHERE email = $1")
                .bind(&address)
                .execute(&mut *tx)
                .await?;
            // So do invitations to meetings sent to it, and the answers given.
            sqlx::query("DELETE FROM event_invitations WHERE email = $1")
                .bind(address.to_lowercase())
                .execute(&mut *tx)
                .await?;
            let emails: u64 = sqlx::query("DELETE FROM outbox WHERE to_address = $1")
                .bind(&address)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            // Messages to other people stay theirs; only the mention of the address goes.
            let emails_scrubbed: u64 = sqlx::query(
                "UPDATE outbox SET subject = REPLACE(subject, $1, $2), \
                 body_text = REPLACE(body_text, $1, $2), body_html = REPLACE(body_html, $1, $2), \
                 last_error = REPLACE(last_error, $1, $2) \
                 WHERE subject LIKE $3 ESCAPE '\\' OR body_text LIKE $3 ESCAPE '\\' \
                 OR body_html LIKE $3 ESCAPE '\\' OR last_error LIKE $3 ESCAPE '\\'",
            )
            .bind(&address)
            .bind(ERASED_MENTION)
            .bind(&mentioning)
            .execute(&mut *tx)
            .await?
            .rows_affected();

            let events: Vec<AuditRow> = sqlx::query_as(
                "SELECT id, at, event, actor_id, subject_id, client, detail FROM audit_log \
                 WHERE actor_id = $1 OR subject_id = $1 OR LOWER(detail) LIKE $2 ESCAPE '\\'",
            )
            .bind(user_id)
            .bind(&mentioning)
            .fetch_all(&mut *tx)
            .await?;
            for event in &events {
                let detail = anonymised_detail(&event.detail, &address, event.role(user_id));
                sqlx::query(
                    "UPDATE audit_log SET \
                     actor_id = CASE WHEN actor_id = $1 THEN NULL ELSE actor_id END, \
                     subject_id = CASE WHEN subject_id = $1 THEN NULL ELSE subject_id END, \
                     detail = $2 WHERE id = $3",
                )
                .bind(user_id)
                .bind(detail)
                .bind(event.id)
                .execute(&mut *tx)
                .await?;
            }
            let audit_events_anonymised = events.len() as u64;

            // Messages and annotations stay with the dossier, signed by no one.
            for table in [
                "UPDATE dossier_messages SET author_name = $2 WHERE author_id = $1",
                "UPDATE dossier_annotations SET author_name = $2 WHERE author_id = $1",
                "UPDATE reviews SET reviewer_name = $2 WHERE reviewer_id = $1",
                "UPDATE admissibility_confirmations SET confirmed_by_name = $2 \
                 WHERE confirmed_by = $1",
                "UPDATE pole_versions SET proposed_by_name = $2 WHERE proposed_by = $1",
                "UPDATE pole_versions SET decided_by_name = $2 WHERE decided_by = $1",
            ] {
                sqlx::query(table)
                    .bind(user_id)
                    .bind(ERASED_MENTION)
                    .execute(&mut *tx)
                    .await?;
            }

            sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            let mut organisation_removed = false;
            if let Some(organisation) = organisation_id {
                organisation_removed = sqlx::query(
                    "DELETE FROM organisations WHERE id = $1 \
                     AND NOT EXISTS (SELECT 1 FROM users WHERE organisation_id = $1) \
                     AND NOT EXISTS (SELECT 1 FROM dossiers WHERE organisation_id = $1)",
                )
                .bind(organisation)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    > 0;
                if organisation_removed {
                    // Invitations to the organisation (their payload names it, see
                    // db/organisations.rs) lead nowhere now, and name the people invited.
                    tokens += sqlx::query("DELETE FROM tokens WHERE payload LIKE $1 ESCAPE '\\'")
                        .bind(containing(&organisation.to_string()))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                }
            }

            let erasure = Erasure {
                sessions,
                tokens,
                roles,
                auth_attempts,
                emails,
                emails_scrubbed,
                audit_events_anonymised,
                organisation_removed,
                email_ids,
            };
            let event = AuditEvent {
                event: "account.erased",
                actor: None,
                subject: None,
                client,
                detail: serde_json::to_value(&erasure).unwrap_or_default(),
            };
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(Some(erasure))
        })
    }

    /// Wipes from the database's files the bytes an erasure deleted, after its commit
    /// (`address`: the erased account's, whose absence is checked).
    ///
    /// SQLite: `secure_delete` (set on every connection, see `connect`) has zeroed the deleted
    /// cells and freed pages in the pages the erasure wrote, but those pages are in the
    /// write-ahead log, and the main file still holds their old images. `wal_checkpoint
    /// (TRUNCATE)` copies the new pages over the old ones and truncates the log to 0 bytes.
    /// Then the main file is read back: a page that SQLite rebuilt while rebalancing a b-tree
    /// may keep a stale copy of a cell in its unused area (`rebuildPage` does not clear it,
    /// and `secure_delete` only zeroes what is deleted). If the address is still found, the
    /// whole file is rebuilt from live rows (`VACUUM`, which holds the write lock for as long
    /// as it takes: done only then) and checkpointed again.
    ///
    /// PostgreSQL: the rows are gone from every table and index as soon as the erasure commits,
    /// but dead tuples stay in the data files until `VACUUM`, which cannot run inside a
    /// transaction, hence here, after the commit. `VACUUM (SKIP_LOCKED, ANALYZE)` of the
    /// touched tables frees that space for reuse without waiting for autovacuum, and never
    /// waits for a lock (a table busy at that instant is left to autovacuum). What PostgreSQL
    /// cannot promise, and nothing here pretends to: freed space is overwritten only when
    /// reused, and write-ahead log segments and backups keep the bytes until they are recycled
    /// or expire. `VACUUM FULL` would rewrite the tables, but locks them against reading: not
    /// done on a live server.
    pub async fn purge_erased(&self, address: &str) -> Result<Purge, sqlx::Error> {
        let pool = match self {
            Db::Postgres(pool) => {
                sqlx::raw_sql(ERASURE_VACUUM).execute(pool).await?;
                return Ok(Purge::Complete);
            }
            Db::Sqlite(pool, _) => pool,
        };
        let checkpoint = || async {
            let (busy, _, _): (i64, i64, i64) =
                sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(pool).await?;
            Ok::<bool, sqlx::Error>(busy == 0)
        };
        let mut emptied = checkpoint().await?;
        let file: Option<String> =
            sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                .fetch_optional(pool)
                .await?;
        let Some(file) = file.filter(|f| !f.is_empty()) else {
            // An in-memory database has no file to wipe.
            return Ok(Purge::Complete);
        };
        let mut outcome = Purge::Complete;
        if file_holds(&file, address).await? {
            sqlx::query("VACUUM").execute(pool).await?;
            emptied = checkpoint().await?;
            outcome = if file_holds(&file, address).await? {
                Purge::AddressStillLive
            } else {
                Purge::Rebuilt
            };
        }
        Ok(if emptied { outcome } else { Purge::WalStillInUse })
    }
}

/// Whether the bytes of `text` appear in the file, read in chunks off the async threads.
async fn file_holds(path: &str, text: &str) -> Result<bool, sqlx::Error> {
    let path = std::path::PathBuf::from(path);
    let needle = text.as_bytes().to_vec();
    tokio::task::spawn_blocking(move || bytes_hold(std::fs::File::open(path)?, &needle))
        .await
        .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?
        .map_err(sqlx::Error::Io)
}

/// Whether `needle` appears in what `reader` gives, searched 1 MiB at a time (with an overlap,
/// so that a copy across two chunks is found).
fn bytes_hold(mut reader: impl std::io::Read, needle: &[u8]) -> std::io::Result<bool> {
    if needle.is_empty() {
        return Ok(true);
    }
    let mut window: Vec<u8> = Vec::with_capacity((1 << 20) + needle.len());
    let mut chunk = vec![0; 1 << 20];
    loop {
        let read = reader.read(&mut chunk)?;
        if read == 0 {
            return Ok(false);
        }
        window.extend_from_slice(&chunk[..read]);
        if window.windows(needle.len()).any(|w| w == needle) {
            return Ok(true);
        }
        let keep = needle.len() - 1;
        if window.len() > keep {
            window.drain(..window.len() - keep);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_scrubbed_whatever_its_case_and_wherever_it_appears() {
        assert_eq!(
            scrub(r#"{"to":"Camille@Pole.fr","cc":"x camille@pole.fr."}"#, "camille@pole.fr"),
            r#"{"to":"[compte supprimé]","cc":"x [compte supprimé]."}"#
        );
        assert_eq!(scrub("élan é@a.fr", "É@A.FR"), "élan [compte supprimé]");
        assert_eq!(scrub("nothing here", "a@b.fr"), "nothing here");
    }

    #[test]
    fn an_anonymised_detail_says_which_side_was_erased_and_stays_json() {
        assert_eq!(
            anonymised_detail(r#"{"known_account":true}"#, "a@b.fr", AuditRole::Subject),
            r#"{"erased_account":"subject","known_account":true}"#
        );
        assert_eq!(
            anonymised_detail(r#"{"to":"a@b.fr"}"#, "a@b.fr", AuditRole::Mentioned),
            r#"{"to":"[compte supprimé]"}"#
        );
    }

    #[test]
    fn a_copy_across_two_chunks_of_the_file_is_found() {
        let mut bytes = vec![0u8; (1 << 20) - 3];
        bytes.extend_from_slice(b"a@b.fr");
        bytes.extend_from_slice(&[0; 10]);
        assert!(bytes_hold(&bytes[..], b"a@b.fr").expect("read"));
        assert!(!bytes_hold(&bytes[..], b"a@c.fr").expect("read"));
    }

    #[test]
    fn like_patterns_keep_wildcards_in_addresses_literal() {
        assert_eq!(containing("a_b%c@d.fr"), "%a\\_b\\%c@d.fr%");
    }
}
