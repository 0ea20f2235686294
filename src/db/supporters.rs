//! Supporters (form C): expressions of interest or support, one per address and target, held
//! unconfirmed until the emailed link is followed; their links are rows of `tokens`.
//!
//! A new expression for an address and target already known replaces its answers while it is
//! unconfirmed. Once confirmed, the stored answers change only through a new link followed: the
//! new answers wait in the link's payload, so nobody can rewrite someone else's expression by
//! typing their address.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::FromRow;
use sqlx::types::Json;
use time::{Duration, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::outbox::QueueEmail;
use super::{Db, WritePool, with_db};
use crate::domain::lang::Lang;
use crate::mail::RenderedEmail;

/// The `tokens.purpose` of a link confirming an expression of interest; its payload is a
/// [`LinkPayload`].
pub const CONFIRM_INTEREST: &str = "confirm-interest";

/// The instant as stored: UTC, whole seconds (SQLite compares instants as text).
fn stored(at: OffsetDateTime) -> OffsetDateTime {
    let at = at.to_offset(UtcOffset::UTC);
    at.replace_nanosecond(0).unwrap_or(at)
}

/// An expression of interest or support as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Supporter {
    pub id: Uuid,
    pub call_id: Uuid,
    pub form_revision_id: Uuid,
    pub email: String,
    /// A dossier id, or `la-demarche`.
    pub target: String,
    pub answers: Value,
    pub supporter_kind: String,
    /// INSEE code.
    pub commune: Option<String>,
    pub listing_consent: bool,
    pub lang: Lang,
    pub created_at: OffsetDateTime,
    pub confirmed_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
}

#[derive(FromRow)]
struct SupporterRow {
    id: Uuid,
    call_id: Uuid,
    form_revision_id: Uuid,
    email: String,
    target: String,
    answers: Json<Value>,
    supporter_kind: String,
    commune: Option<String>,
    listing_consent: bool,
    lang: String,
    created_at: OffsetDateTime,
    confirmed_at: Option<OffsetDateTime>,
    updated_at: OffsetDateTime,
}

impl From<SupporterRow> for Supporter {
    fn from(row: SupporterRow) -> Self {
        Supporter {
            id: row.id,
            call_id: row.call_id,
            form_revision_id: row.form_revision_id,
            email: row.email,
            target: row.target,
            answers: row.answers.0,
            supporter_kind: row.supporter_kind,
            commune: row.commune,
            listing_consent: row.listing_consent,
            lang: Lang::parse(&row.lang).unwrap_or_default(),
            created_at: row.created_at,
            confirmed_at: row.confirmed_at,
            updated_at: row.updated_at,
        }
    }
}

macro_rules! supporter_columns {
    () => {
        "id, call_id, form_revision_id, email, target, answers, supporter_kind, commune, \
         listing_consent, lang, created_at, confirmed_at, updated_at"
    };
}

/// What a person expressed, ready to store: the answers and what is copied out of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expression {
    pub form_revision_id: Uuid,
    pub answers: Value,
    pub supporter_kind: String,
    pub commune: Option<String>,
    pub listing_consent: bool,
    #[serde(with = "lang_code")]
    pub lang: Lang,
}

/// A language in a link's payload, as its code ("fr", "en").
mod lang_code {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::domain::lang::Lang;

    pub fn serialize<S: Serializer>(lang: &Lang, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(lang.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(deserializer)?;
        Ok(Lang::parse(&code).unwrap_or_default())
    }
}

/// A new expression for an address and a target of a call.
#[derive(Debug, Clone)]
pub struct NewExpression<'a> {
    pub call_id: Uuid,
    /// Lower-cased.
    pub email: &'a str,
    pub target: &'a str,
    pub expression: &'a Expression,
}

/// The confirmation link written with an expression, and its email.
#[derive(Debug, Clone, Copy)]
pub struct ConfirmationLink<'a> {
    pub token_hash: &'a str,
    pub lifetime: Duration,
    pub kind: &'a str,
    pub email: &'a RenderedEmail,
}

/// What a confirmation link carries: the expression it confirms, and, for an expression that
/// was already confirmed, the new answers that take effect when the link is followed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkPayload {
    pub supporter: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Expression>,
}

/// How an expression was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expressed {
    /// A new expression, or the answers of an unconfirmed one replaced: it counts once the link
    /// is followed.
    Stored(Uuid),
    /// The address had already confirmed an expression for this target: it keeps counting, and
    /// the new answers replace the stored ones when the new link is followed.
    AwaitingLink(Uuid),
}

/// Where a confirmation link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestLink {
    /// Not used, not expired; after [`Db::confirm_interest`], now used and the expression
    /// confirmed.
    Valid {
        supporter: Uuid,
    },
    Expired,
    Used,
    Unknown,
}

/// What a purge of never-confirmed expressions erased.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// Expressions never confirmed.
    pub expressions: u64,
    /// Confirmation links (followed or not).
    pub links: u64,
    /// Confirmation emails.
    pub emails: u64,
    /// Records of expressions sent, kept for the throttle.
    pub attempts: u64,
}

impl Purged {
    fn is_empty(&self) -> bool {
        *self == Purged::default()
    }
}

/// A dossier a supporter can pick: submitted (or further on), not withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SupportableDossier {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
}

/// Reads a confirmation link in a transaction and, when `take` and usable, marks it used.
macro_rules! interest_link_in {
    ($tx:expr, $hash:expr, $now:expr, take: $take:expr) => {{
        let row: Option<(Option<Uuid>, String, OffsetDateTime, Option<OffsetDateTime>)> =
            sqlx::query_as(
                "SELECT user_id, payload, expires_at, used_at FROM tokens \
                 WHERE token_hash = $1 AND purpose = $2",
            )
            .bind($hash)
            .bind(CONFIRM_INTEREST)
            .fetch_optional(&mut *$tx)
            .await?;
        match row {
            // A confirmation link belongs to no account.
            None | Some((Some(_), ..)) => (InterestLink::Unknown, None),
            Some((None, _, _, Some(_))) => (InterestLink::Used, None),
            Some((None, _, expires_at, None)) if expires_at <= $now => {
                (InterestLink::Expired, None)
            }
            Some((None, payload, _, None)) => match serde_json::from_str::<LinkPayload>(&payload) {
                Err(_) => (InterestLink::Unknown, None),
                Ok(payload) => {
                    // The `used_at IS NULL` guard makes a concurrent second use lose.
                    let taken = if $take {
                        sqlx::query(
                            "UPDATE tokens SET used_at = $1 \
                             WHERE token_hash = $2 AND used_at IS NULL",
                        )
                        .bind($now)
                        .bind($hash)
                        .execute(&mut *$tx)
                        .await?
                        .rows_affected()
                            == 1
                    } else {
                        true
                    };
                    if taken {
                        (InterestLink::Valid { supporter: payload.supporter }, Some(payload))
                    } else {
                        (InterestLink::Used, None)
                    }
                }
            },
        }
    }};
}

impl Db {
    /// Stores an expression and writes its confirmation link and email, in one transaction.
    /// New (address, target): a new unconfirmed row. Known and unconfirmed: its answers are
    /// replaced. Known and confirmed: the row is left as it is and the new answers go into the
    /// link, applied when it is followed (see the module comment).
    pub async fn express_interest(
        &self,
        new: &NewExpression<'_>,
        link: &ConfirmationLink<'_>,
        now: OffsetDateTime,
    ) -> Result<Expressed, sqlx::Error> {
        let now = stored(now);
        let e = new.expression;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // The conflict update applies only to an unconfirmed row; a confirmed one returns
            // nothing here and is read below.
            let written: Option<Uuid> = sqlx::query_scalar(
                "INSERT INTO supporters (id, call_id, form_revision_id, email, target, answers, \
                 supporter_kind, commune, listing_consent, lang, created_at, confirmed_at, \
                 updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $11) \
                 ON CONFLICT (call_id, email, target) DO UPDATE SET \
                 form_revision_id = excluded.form_revision_id, answers = excluded.answers, \
                 supporter_kind = excluded.supporter_kind, commune = excluded.commune, \
                 listing_consent = excluded.listing_consent, lang = excluded.lang, \
                 updated_at = excluded.updated_at \
                 WHERE supporters.confirmed_at IS NULL \
                 RETURNING id",
            )
            .bind(Uuid::now_v7())
            .bind(new.call_id)
            .bind(e.form_revision_id)
            .bind(new.email)
            .bind(new.target)
            .bind(Json(&e.answers))
            .bind(&e.supporter_kind)
            .bind(e.commune.as_deref())
            .bind(e.listing_consent)
            .bind(e.lang.code())
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let (expressed, payload) = match written {
                Some(id) => (Expressed::Stored(id), LinkPayload { supporter: id, pending: None }),
                None => {
                    let id: Uuid = sqlx::query_scalar(
                        "SELECT id FROM supporters WHERE call_id = $1 AND email = $2 AND target = $3",
                    )
                    .bind(new.call_id)
                    .bind(new.email)
                    .bind(new.target)
                    .fetch_one(&mut *tx)
                    .await?;
                    (
                        Expressed::AwaitingLink(id),
                        LinkPayload { supporter: id, pending: Some(e.clone()) },
                    )
                }
            };
            let payload = serde_json::to_string(&payload)
                .map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
            sqlx::query(
                "INSERT INTO tokens (token_hash, purpose, user_id, payload, created_at, expires_at) \
                 VALUES ($1, $2, NULL, $3, $4, $5)",
            )
            .bind(link.token_hash)
            .bind(CONFIRM_INTEREST)
            .bind(&payload)
            .bind(now)
            .bind(now + link.lifetime)
            .execute(&mut *tx)
            .await?;
            tx.queue_email(new.email, link.kind, link.email, now).await?;
            tx.commit().await?;
            Ok(expressed)
        })
    }

    /// Where a confirmation link stands, without using it.
    pub async fn interest_link_state(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<InterestLink, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin().await?;
            let (state, _) = interest_link_in!(tx, token_hash, now, take: false);
            tx.commit().await?;
            Ok(state)
        })
    }

    /// Follows a confirmation link, once: the expression is confirmed (it keeps its first
    /// confirmation instant) and, when the link carries new answers, they replace the stored
    /// ones. A link whose expression was erased meanwhile is `Unknown`.
    pub async fn confirm_interest(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<InterestLink, sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (state, payload) = interest_link_in!(tx, token_hash, now, take: true);
            let Some(payload) = payload else {
                tx.commit().await?;
                return Ok(state);
            };
            let changed = match &payload.pending {
                None => sqlx::query(
                    "UPDATE supporters SET confirmed_at = COALESCE(confirmed_at, $1), \
                     updated_at = $1 WHERE id = $2",
                )
                .bind(now)
                .bind(payload.supporter)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                Some(e) => sqlx::query(
                    "UPDATE supporters SET confirmed_at = COALESCE(confirmed_at, $1), \
                     updated_at = $1, form_revision_id = $3, answers = $4, supporter_kind = $5, \
                     commune = $6, listing_consent = $7, lang = $8 WHERE id = $2",
                )
                .bind(now)
                .bind(payload.supporter)
                .bind(e.form_revision_id)
                .bind(Json(&e.answers))
                .bind(&e.supporter_kind)
                .bind(e.commune.as_deref())
                .bind(e.listing_consent)
                .bind(e.lang.code())
                .execute(&mut *tx)
                .await?
                .rows_affected(),
            };
            tx.commit().await?;
            Ok(if changed == 1 { state } else { InterestLink::Unknown })
        })
    }

    /// How many expressions of the call are confirmed.
    pub async fn confirmed_supporter_count(&self, call_id: Uuid) -> Result<i64, sqlx::Error> {
        with_db!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM supporters WHERE call_id = $1 AND confirmed_at IS NOT NULL",
        )
        .bind(call_id)
        .fetch_one(pool)
        .await)
    }

    /// Every expression of the call, confirmed or not: the latest confirmed first, then the
    /// unconfirmed ones, latest first.
    pub async fn supporters(&self, call_id: Uuid) -> Result<Vec<Supporter>, sqlx::Error> {
        let rows: Vec<SupporterRow> = with_db!(self, pool => sqlx::query_as(concat!(
            "SELECT ",
            supporter_columns!(),
            " FROM supporters WHERE call_id = $1 \
             ORDER BY CASE WHEN confirmed_at IS NULL THEN 1 ELSE 0 END, confirmed_at DESC, \
             updated_at DESC, id"
        ))
        .bind(call_id)
        .fetch_all(pool)
        .await)?;
        Ok(rows.into_iter().map(Supporter::from).collect())
    }

    /// The expression of an address for a target, if any.
    pub async fn supporter(
        &self,
        call_id: Uuid,
        email: &str,
        target: &str,
    ) -> Result<Option<Supporter>, sqlx::Error> {
        let row: Option<SupporterRow> = with_db!(self, pool => sqlx::query_as(concat!(
            "SELECT ",
            supporter_columns!(),
            " FROM supporters WHERE call_id = $1 AND email = $2 AND target = $3"
        ))
        .bind(call_id)
        .bind(email)
        .bind(target)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(Supporter::from))
    }

    /// Erases what form C keeps of expressions that can no longer be confirmed, in one
    /// transaction: the never-confirmed expressions last sent (hence whose newest link was made)
    /// before `sent_before`; the confirmation links that expired before `expired_before`; the
    /// confirmation emails queued before `sent_before` that no worker is sending; the records
    /// of expressions sent before `sent_before` (the throttle looks back an hour). When anything
    /// was erased, a `supporters.purged` audit event with the counts. Idempotent, and safe with
    /// several servers purging at once (each row is deleted once, by whoever comes first).
    ///
    /// An unconfirmed expression's `updated_at` is the instant its newest link was made: both
    /// are written by the same statement of [`Db::express_interest`], and nothing else changes
    /// an unconfirmed row. An expression sent again meanwhile has a newer `updated_at` and stays.
    pub async fn purge_unconfirmed_supporters(
        &self,
        sent_before: OffsetDateTime,
        expired_before: OffsetDateTime,
        email_kind: &str,
        attempt_kind: &str,
        now: OffsetDateTime,
    ) -> Result<Purged, sqlx::Error> {
        let sent_before = stored(sent_before);
        let expired_before = stored(expired_before);
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let expressions = sqlx::query(
                "DELETE FROM supporters WHERE confirmed_at IS NULL AND updated_at < $1",
            )
            .bind(sent_before)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let links = sqlx::query("DELETE FROM tokens WHERE purpose = $1 AND expires_at < $2")
                .bind(CONFIRM_INTEREST)
                .bind(expired_before)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let emails = sqlx::query(
                "DELETE FROM outbox WHERE kind = $1 AND created_at < $2 \
                 AND (claimed_until IS NULL OR claimed_until <= $3)",
            )
            .bind(email_kind)
            .bind(sent_before)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let attempts = sqlx::query("DELETE FROM auth_attempts WHERE kind = $1 AND at < $2")
                .bind(attempt_kind)
                .bind(sent_before)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let purged = Purged { expressions, links, emails, attempts };
            if !purged.is_empty() {
                let event = AuditEvent {
                    event: "supporters.purged",
                    actor: None,
                    subject: None,
                    client: "jobs::purge",
                    detail: serde_json::json!({
                        "expressions": expressions,
                        "links": links,
                        "emails": emails,
                        "attempts": attempts,
                    }),
                };
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(purged)
        })
    }

    /// The dossiers of the call a supporter can pick: submitted or further on in their life
    /// (screening, decisions), neither drafts nor withdrawn ones; by reference.
    pub async fn supportable_dossiers(
        &self,
        call_id: Uuid,
    ) -> Result<Vec<SupportableDossier>, sqlx::Error> {
        with_db!(self, pool => sqlx::query_as(
            "SELECT id, reference, title FROM dossiers \
             WHERE call_id = $1 AND state NOT IN ('draft', 'withdrawn') ORDER BY reference",
        )
        .bind(call_id)
        .fetch_all(pool)
        .await)
    }
}
