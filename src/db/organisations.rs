//! Organisations (structures porteuses) and their members: editing, invitations by emailed
//! link (rows of `tokens` with purpose `invitation`), joining and leaving.
//!
//! An invitation is a `tokens` row: the hash of the link's secret, purpose `invitation`, and
//! the payload `{"organisation_id", "email", "inviter_name"}`. A cancelled (or replaced)
//! invitation becomes purpose `invitation-cancelled`, kept so that the daily limit counts it
//! and its link can say what happened. The payload is read with each dialect's JSON function,
//! the one place this module branches per backend.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::outbox::QueueEmail;
use super::{Db, WritePool, with_db};
use crate::domain::email::EmailAddress;
use crate::domain::lang::Lang;
use crate::domain::siret::Siret;
use crate::mail::RenderedEmail;

/// The purpose of a live invitation token.
pub const INVITATION: &str = "invitation";
/// The purpose an invitation token takes when it is cancelled or replaced.
pub const CANCELLED_INVITATION: &str = "invitation-cancelled";

/// One SQL text per backend, with the invitation payload's fields read by that backend's JSON
/// function: `invitation_sql!(sqlite; "… WHERE ", org, " = $1")`. The `CASE` keeps the JSON
/// function away from other tokens' payloads.
macro_rules! invitation_sql {
    ($dialect:ident; $($part:tt),+ $(,)?) => {
        concat!($(invitation_sql!(@part $dialect $part)),+)
    };
    (@part sqlite org) => {
        "(CASE WHEN purpose IN ('invitation', 'invitation-cancelled') \
         THEN json_extract(payload, '$.organisation_id') END)"
    };
    (@part sqlite email) => {
        "(CASE WHEN purpose IN ('invitation', 'invitation-cancelled') \
         THEN json_extract(payload, '$.email') END)"
    };
    (@part postgres org) => {
        "(CASE WHEN purpose IN ('invitation', 'invitation-cancelled') \
         THEN payload::jsonb ->> 'organisation_id' END)"
    };
    (@part postgres email) => {
        "(CASE WHEN purpose IN ('invitation', 'invitation-cancelled') \
         THEN payload::jsonb ->> 'email' END)"
    };
    (@part $dialect:ident $text:literal) => {
        $text
    };
}

/// Runs `$body` on the pool with `$sql` bound to the text of `invitation_sql!` for its backend.
macro_rules! with_invitation_sql {
    ($db:expr, $pool:ident, $sql:ident = [$($part:tt),+ $(,)?] => $body:expr) => {
        match $db {
            Db::Sqlite($pool, _) => {
                let $sql = invitation_sql!(sqlite; $($part),+);
                $body
            }
            Db::Postgres($pool) => {
                let $sql = invitation_sql!(postgres; $($part),+);
                $body
            }
        }
    };
}

/// An organisation as its members see and edit it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    pub siret: Option<String>,
}

/// A member of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Member {
    pub id: Uuid,
    pub display_name: String,
    pub email: String,
}

/// An invitation sent and neither used, cancelled nor expired.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct PendingInvitation {
    pub email: String,
    pub sent_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// What an invitation link carries beside its secret (the `tokens.payload` JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPayload {
    pub organisation_id: Uuid,
    /// The invited address, lower-cased: only its owner may use the link.
    pub email: String,
    pub inviter_name: String,
}

/// The account that already uses an invited address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvitedAccount {
    pub id: Uuid,
    pub organisation_id: Option<Uuid>,
}

/// What an invitation link is, when someone opens it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvitationLink {
    Pending {
        organisation: Organisation,
        payload: InvitationPayload,
        expires_at: OffsetDateTime,
        /// The account of the invited address, if it has one.
        account: Option<InvitedAccount>,
    },
    Expired,
    Used,
    Cancelled,
    Unknown,
}

/// A new invitation, before it is written.
pub struct NewInvitation<'a> {
    pub organisation_id: Uuid,
    pub email: &'a EmailAddress,
    pub inviter_id: Uuid,
    pub inviter_name: &'a str,
    pub token_hash: &'a str,
    pub lifetime: Duration,
    /// At most this many invitations per organisation in 24 hours.
    pub daily_limit: i64,
    /// The email to queue: its kind and the rendered message.
    pub email_kind: &'a str,
    pub message: &'a RenderedEmail,
}

/// What an invitation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    /// Written, with its email; an earlier invitation of the same address was replaced.
    Sent,
    /// The address already belongs to a member: nothing was written.
    AlreadyMember,
    /// The organisation reached its daily limit: nothing was written.
    Throttled,
}

/// Who accepts an invitation.
pub enum Joiner<'a> {
    /// The account logged in, which must own the invited address.
    Existing(Uuid),
    /// A new account for the invited address, confirmed by the link itself.
    New { display_name: &'a str, password_hash: &'a str, lang: Lang },
}

/// What accepting an invitation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joined {
    /// The account is now a member; the link is used.
    Joined { user_id: Uuid, organisation_id: Uuid },
    /// Already a member of that organisation: the link stays unused.
    AlreadyMember,
    /// A member of another organisation, who must leave it first: the link stays unused.
    OtherOrganisation,
    /// The account logged in does not own the invited address.
    WrongAccount,
    /// A new account was asked for an address that has one meanwhile.
    AccountExists,
    /// The link is expired, used, cancelled or unknown (`invitation_link` tells which).
    LinkNotUsable,
}

/// What leaving did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    Left,
    /// The last member stays: an organisation always keeps one.
    LastMember,
    /// The account belongs to no organisation.
    NotMember,
}

/// Takes the organisation's row lock, so that writers to one organisation (joining, leaving,
/// inviting) take turns: on PostgreSQL the next statement then sees what the previous writer
/// committed; SQLite's BEGIN IMMEDIATE already serialises writers.
macro_rules! lock_organisation {
    ($tx:expr, $id:expr) => {
        sqlx::query("UPDATE organisations SET name = name WHERE id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await
    };
}

impl Db {
    /// One organisation, by id.
    pub async fn organisation(&self, id: Uuid) -> Result<Option<Organisation>, sqlx::Error> {
        with_db!(self, pool => sqlx::query_as(
            "SELECT id, name, siret FROM organisations WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await)
    }

    /// The members of an organisation, by name.
    pub async fn organisation_members(
        &self,
        organisation_id: Uuid,
    ) -> Result<Vec<Member>, sqlx::Error> {
        with_db!(self, pool => sqlx::query_as(
            "SELECT id, display_name, email FROM users WHERE organisation_id = $1 \
             ORDER BY display_name, email",
        )
        .bind(organisation_id)
        .fetch_all(pool)
        .await)
    }

    /// The invitations of an organisation still waiting for an answer, oldest first.
    pub async fn pending_invitations(
        &self,
        organisation_id: Uuid,
        now: OffsetDateTime,
    ) -> Result<Vec<PendingInvitation>, sqlx::Error> {
        with_invitation_sql!(self, pool, sql = [
            "SELECT ", email, " AS email, created_at AS sent_at, expires_at FROM tokens \
             WHERE purpose = 'invitation' AND used_at IS NULL AND expires_at > $2 AND ",
            org, " = $1 ORDER BY created_at, token_hash",
        ] => sqlx::query_as(sql)
            .bind(organisation_id.to_string())
            .bind(now)
            .fetch_all(pool)
            .await)
    }

    /// Changes an organisation's name and SIRET. Side effect: audit `organisation.updated`.
    pub async fn update_organisation(
        &self,
        organisation_id: Uuid,
        name: &str,
        siret: Option<&Siret>,
        actor: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query("UPDATE organisations SET name = $1, siret = $2 WHERE id = $3")
                .bind(name)
                .bind(siret.map(Siret::as_str))
                .bind(organisation_id)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({
                "organisation_id": organisation_id,
                "siret": siret.map(Siret::as_str),
            });
            let event = AuditEvent::by(actor, "organisation.updated", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await
        })
    }

    /// Invites an address to an organisation: refuses a member's address and more than
    /// `daily_limit` invitations in 24 hours; replaces an invitation of the same address
    /// still pending. Side effects, in one transaction: the `tokens` row, the email in the
    /// outbox, audit `organisation.invited` (or `organisation.invite_throttled`).
    pub async fn invite_to_organisation(
        &self,
        new: &NewInvitation<'_>,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Invited, sqlx::Error> {
        let org = new.organisation_id.to_string();
        let payload = InvitationPayload {
            organisation_id: new.organisation_id,
            email: new.email.as_str().to_owned(),
            inviter_name: new.inviter_name.to_owned(),
        };
        let payload = serde_json::to_string(&payload)
            .map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
        with_invitation_sql!(self, pool, count_sql = [
            "SELECT COUNT(*) FROM tokens \
             WHERE purpose IN ('invitation', 'invitation-cancelled') AND created_at > $2 AND ",
            org, " = $1",
        ] => {
            let replace_sql = invitation_sql_for_replace(self);
            let mut tx = pool.begin_write().await?;
            lock_organisation!(tx, new.organisation_id)?;
            let member: Option<Uuid> =
                sqlx::query_scalar("SELECT id FROM users WHERE email = $1 AND organisation_id = $2")
                    .bind(new.email.as_str())
                    .bind(new.organisation_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if member.is_some() {
                return Ok(Invited::AlreadyMember);
            }
            let sent: i64 = sqlx::query_scalar(count_sql)
                .bind(&org)
                .bind(now - Duration::DAY)
                .fetch_one(&mut *tx)
                .await?;
            let detail = serde_json::json!({
                "organisation_id": new.organisation_id,
                "email": new.email.as_str(),
            });
            let mut event = AuditEvent::by(new.inviter_id, "organisation.invited", client, detail);
            if sent >= new.daily_limit {
                event.event = "organisation.invite_throttled";
                tx.audit(&event, now).await?;
                tx.commit().await?;
                return Ok(Invited::Throttled);
            }
            sqlx::query(replace_sql)
                .bind(now)
                .bind(&org)
                .bind(new.email.as_str())
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO tokens (token_hash, purpose, user_id, payload, created_at, expires_at) \
                 VALUES ($1, 'invitation', NULL, $2, $3, $4)",
            )
            .bind(new.token_hash)
            .bind(&payload)
            .bind(now)
            .bind(now + new.lifetime)
            .execute(&mut *tx)
            .await?;
            tx.queue_email(new.email.as_str(), new.email_kind, new.message, now)
                .await?;
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(Invited::Sent)
        })
    }

    /// Cancels the pending invitation of `email` to the organisation; `false` if the
    /// organisation has none (another organisation's invitation is never touched). Side
    /// effect: audit `organisation.invitation_cancelled`.
    pub async fn cancel_invitation(
        &self,
        organisation_id: Uuid,
        email: &str,
        actor: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let sql = invitation_sql_for_replace(self);
        let org = organisation_id.to_string();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let cancelled = sqlx::query(sql)
                .bind(now)
                .bind(&org)
                .bind(email)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if cancelled == 0 {
                return Ok(false);
            }
            let detail = serde_json::json!({ "organisation_id": organisation_id, "email": email });
            let event = AuditEvent::by(actor, "organisation.invitation_cancelled", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// What the invitation link of `token_hash` is now, with its organisation and the account
    /// of the invited address when it is still usable.
    pub async fn invitation_link(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<InvitationLink, sqlx::Error> {
        type TokenRow = (String, String, OffsetDateTime, Option<OffsetDateTime>);
        with_db!(self, pool => {
            let row: Option<TokenRow> = sqlx::query_as(
                "SELECT purpose, payload, expires_at, used_at FROM tokens \
                 WHERE token_hash = $1 AND purpose IN ('invitation', 'invitation-cancelled')",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await?;
            let Some((purpose, payload, expires_at, used_at)) = row else {
                return Ok(InvitationLink::Unknown);
            };
            if purpose == CANCELLED_INVITATION {
                return Ok(InvitationLink::Cancelled);
            }
            if used_at.is_some() {
                return Ok(InvitationLink::Used);
            }
            if expires_at <= now {
                return Ok(InvitationLink::Expired);
            }
            let Ok(payload) = serde_json::from_str::<InvitationPayload>(&payload) else {
                return Ok(InvitationLink::Unknown);
            };
            let organisation: Option<Organisation> =
                sqlx::query_as("SELECT id, name, siret FROM organisations WHERE id = $1")
                    .bind(payload.organisation_id)
                    .fetch_optional(pool)
                    .await?;
            let Some(organisation) = organisation else {
                return Ok(InvitationLink::Unknown);
            };
            let account: Option<(Uuid, Option<Uuid>)> =
                sqlx::query_as("SELECT id, organisation_id FROM users WHERE email = $1")
                    .bind(&payload.email)
                    .fetch_optional(pool)
                    .await?;
            Ok(InvitationLink::Pending {
                organisation,
                payload,
                expires_at,
                account: account.map(|(id, organisation_id)| InvitedAccount {
                    id,
                    organisation_id,
                }),
            })
        })
    }

    /// Accepts an invitation: uses the link (once) and makes the account a member, creating
    /// it first, confirmed, for `Joiner::New`. Nothing is written unless it joins. Side
    /// effects, in one transaction: the token marked used, the user row (new or updated),
    /// audit `account.created` (new accounts) and `organisation.joined`.
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        joiner: &Joiner<'_>,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Joined, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let payload: Option<String> = sqlx::query_scalar(
                "UPDATE tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = 'invitation' \
                 AND used_at IS NULL AND expires_at > $1 RETURNING payload",
            )
            .bind(now)
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(Ok(payload)) =
                payload.map(|p| serde_json::from_str::<InvitationPayload>(&p))
            else {
                return Ok(Joined::LinkNotUsable);
            };
            let organisation_id = payload.organisation_id;
            lock_organisation!(tx, organisation_id)?;
            let user_id = match joiner {
                Joiner::Existing(user_id) => {
                    let account: Option<(String, Option<Uuid>)> = sqlx::query_as(
                        "SELECT email, organisation_id FROM users WHERE id = $1",
                    )
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    match account {
                        Some((email, _)) if email != payload.email => {
                            return Ok(Joined::WrongAccount);
                        }
                        None => return Ok(Joined::WrongAccount),
                        Some((_, Some(current))) if current == organisation_id => {
                            return Ok(Joined::AlreadyMember);
                        }
                        Some((_, Some(_))) => return Ok(Joined::OtherOrganisation),
                        Some((_, None)) => {}
                    }
                    let updated = sqlx::query(
                        "UPDATE users SET organisation_id = $1, updated_at = $2 \
                         WHERE id = $3 AND organisation_id IS NULL",
                    )
                    .bind(organisation_id)
                    .bind(now)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if updated == 0 {
                        return Ok(Joined::OtherOrganisation);
                    }
                    *user_id
                }
                Joiner::New {
                    display_name,
                    password_hash,
                    lang,
                } => {
                    let user_id = Uuid::now_v7();
                    let inserted = sqlx::query(
                        "INSERT INTO users (id, email, display_name, password_hash, lang, \
                         organisation_id, email_confirmed_at, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7) \
                         ON CONFLICT (email) DO NOTHING",
                    )
                    .bind(user_id)
                    .bind(&payload.email)
                    .bind(*display_name)
                    .bind(*password_hash)
                    .bind(lang.code())
                    .bind(organisation_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if inserted == 0 {
                        return Ok(Joined::AccountExists);
                    }
                    let detail = serde_json::json!({ "via": "invitation" });
                    let created = AuditEvent::by(user_id, "account.created", client, detail);
                    tx.audit(&created, now).await?;
                    user_id
                }
            };
            let detail = serde_json::json!({
                "organisation_id": organisation_id,
                "invited_by": payload.inviter_name,
            });
            let joined = AuditEvent::by(user_id, "organisation.joined", client, detail);
            tx.audit(&joined, now).await?;
            tx.commit().await?;
            Ok(Joined::Joined {
                user_id,
                organisation_id,
            })
        })
    }

    /// Takes a member out of their organisation, unless they are its last member. Side
    /// effect: audit `organisation.left`.
    pub async fn leave_organisation(
        &self,
        user_id: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Left, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<Option<Uuid>> =
                sqlx::query_scalar("SELECT organisation_id FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(Some(organisation_id)) = current else {
                return Ok(Left::NotMember);
            };
            lock_organisation!(tx, organisation_id)?;
            let members: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE organisation_id = $1")
                    .bind(organisation_id)
                    .fetch_one(&mut *tx)
                    .await?;
            if members <= 1 {
                return Ok(Left::LastMember);
            }
            let updated = sqlx::query(
                "UPDATE users SET organisation_id = NULL, updated_at = $1 \
                 WHERE id = $2 AND organisation_id = $3",
            )
            .bind(now)
            .bind(user_id)
            .bind(organisation_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 0 {
                return Ok(Left::NotMember);
            }
            let detail = serde_json::json!({ "organisation_id": organisation_id });
            let event = AuditEvent::by(user_id, "organisation.left", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(Left::Left)
        })
    }
}

/// The statement that cancels the pending invitations of ($3) an address to ($2) an
/// organisation at ($1) an instant.
fn invitation_sql_for_replace(db: &Db) -> &'static str {
    match db {
        Db::Sqlite(..) => invitation_sql!(sqlite;
            "UPDATE tokens SET purpose = 'invitation-cancelled', used_at = $1 \
             WHERE purpose = 'invitation' AND used_at IS NULL AND ",
            org, " = $2 AND ", email, " = $3",
        ),
        Db::Postgres(_) => invitation_sql!(postgres;
            "UPDATE tokens SET purpose = 'invitation-cancelled', used_at = $1 \
             WHERE purpose = 'invitation' AND used_at IS NULL AND ",
            org, " = $2 AND ", email, " = $3",
        ),
    }
}
