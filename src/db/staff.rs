//! Back-office accounts: the one-time setup link that creates the first administrator, and
//! invitations of back-office users by an administrator.

use serde_json::json;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::outbox::QueueEmail;
use super::{Db, WritePool, with_db};
use crate::domain::email::EmailAddress;
use crate::domain::role::Role;
use crate::mail::RenderedEmail;

/// The `tokens.purpose` of the first-administrator link.
pub const SETUP: &str = "setup";
/// The `tokens.purpose` of a back-office invitation; payload `{email, role, network}`.
pub const STAFF_INVITATION: &str = "staff-invitation";

/// Why a one-time back-office link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    Unknown,
    Expired,
    Used,
    /// The setup link is void once an administrator exists.
    AdminExists,
    /// The invited address already has an account that is not the person's.
    AddressTaken,
}

/// A back-office invitation as its link shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffInvitation {
    pub email: String,
    pub role: Role,
    pub network: Option<String>,
}

/// A back-office invitation to write: its link, the invitation, who sends it, the email (kind
/// and message), from where, and how long the link works.
#[derive(Clone, Copy)]
pub struct InviteStaff<'a> {
    pub token_hash: &'a str,
    pub invitation: &'a StaffInvitation,
    pub inviter: Uuid,
    pub mail: (&'a str, &'a RenderedEmail),
    pub client: &'a str,
    pub lifetime: Duration,
}

/// The account a setup or invitation link creates.
pub struct NewStaffAccount<'a> {
    pub display_name: &'a str,
    pub password_hash: &'a str,
}

impl Db {
    pub async fn count_admins(&self) -> Result<i64, sqlx::Error> {
        with_db!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM user_roles WHERE role = 'admin'",
        )
        .fetch_one(pool)
        .await)
    }

    /// Writes a setup link (no owner yet).
    pub async fn create_setup_link(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
        lifetime: Duration,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => sqlx::query(
            "INSERT INTO tokens (token_hash, purpose, user_id, payload, created_at, expires_at) \
             VALUES ($1, $2, NULL, '{}', $3, $4)",
        )
        .bind(token_hash)
        .bind(SETUP)
        .bind(now)
        .bind(now + lifetime)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Where a setup or invitation link stands, without using it; the invitation it carries.
    pub async fn staff_link(
        &self,
        token_hash: &str,
        purpose: &str,
        now: OffsetDateTime,
    ) -> Result<Result<Option<StaffInvitation>, LinkRefusal>, sqlx::Error> {
        with_db!(self, pool => {
            let row: Option<LinkRow> = sqlx::query_as(LINK_ROW)
                .bind(token_hash)
                .bind(purpose)
                .fetch_optional(pool)
                .await?;
            Ok(judge(row, now).and_then(|payload| {
                if purpose == STAFF_INVITATION {
                    parse_invitation(&payload).map(Some).ok_or(LinkRefusal::Unknown)
                } else {
                    Ok(None)
                }
            }))
        })
    }

    /// Creates the first administrator through the setup link, once, and only while no
    /// administrator exists. Side effects in one transaction: the account (confirmed), its
    /// role, the link used up, `role.granted` in the audit log.
    pub async fn create_first_admin(
        &self,
        token_hash: &str,
        email: &EmailAddress,
        account: &NewStaffAccount<'_>,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Result<Uuid, LinkRefusal>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            if let Err(refusal) = judge(tx.link_row(token_hash, SETUP).await?, now) {
                return Ok(Err(refusal));
            }
            let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM user_roles WHERE role = 'admin'")
                .fetch_one(&mut *tx)
                .await?;
            if admins > 0 {
                return Ok(Err(LinkRefusal::AdminExists));
            }
            if tx.address_taken(email).await? {
                return Ok(Err(LinkRefusal::AddressTaken));
            }
            let id = Uuid::now_v7();
            tx.insert_staff_account(id, email, account, Role::Admin, None, now).await?;
            tx.use_link(token_hash, now).await?;
            let detail = json!({ "role": "admin", "via": "setup link" });
            let event = AuditEvent::by(id, "role.granted", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(Ok(id))
        })
    }

    /// Writes a back-office invitation and its email in one transaction, with `role.invited`
    /// in the audit log. Fails with `UnknownNetwork` for a referent of an unknown network.
    pub async fn invite_staff(
        &self,
        invite: &InviteStaff<'_>,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let InviteStaff { token_hash, invitation, inviter, mail, client, lifetime } = *invite;
        let payload = json!({
            "email": invitation.email,
            "role": invitation.role.code(),
            "network": invitation.network,
        })
        .to_string();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO tokens (token_hash, purpose, user_id, payload, created_at, expires_at) \
                 VALUES ($1, $2, NULL, $3, $4, $5)",
            )
            .bind(token_hash)
            .bind(STAFF_INVITATION)
            .bind(&payload)
            .bind(now)
            .bind(now + lifetime)
            .execute(&mut *tx)
            .await?;
            tx.queue_email(&invitation.email, mail.0, mail.1, now).await?;
            let detail = json!({ "role": invitation.role.code(), "network": invitation.network });
            let event = AuditEvent::by(inviter, "role.invited", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await
        })
    }

    /// Accepts a back-office invitation, once: creates the invited account (confirmed: the link
    /// proves the address) with its role, or refuses when the address already has an account.
    pub async fn accept_staff_invitation(
        &self,
        token_hash: &str,
        account: &NewStaffAccount<'_>,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Result<Uuid, LinkRefusal>, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let link = tx.link_row(token_hash, STAFF_INVITATION).await?;
            let invitation = judge(link, now)
                .and_then(|payload| parse_invitation(&payload).ok_or(LinkRefusal::Unknown));
            let invitation = match invitation {
                Ok(invitation) => invitation,
                Err(refusal) => return Ok(Err(refusal)),
            };
            let Ok(email) = EmailAddress::parse(&invitation.email) else {
                return Ok(Err(LinkRefusal::Unknown));
            };
            if tx.address_taken(&email).await? {
                return Ok(Err(LinkRefusal::AddressTaken));
            }
            let network_id: Option<Uuid> = match &invitation.network {
                Some(slug) => sqlx::query_scalar("SELECT id FROM networks WHERE slug = $1")
                    .bind(slug)
                    .fetch_optional(&mut *tx)
                    .await?,
                None => None,
            };
            let id = Uuid::now_v7();
            tx.insert_staff_account(id, &email, account, invitation.role, network_id, now).await?;
            tx.use_link(token_hash, now).await?;
            let detail = json!({
                "role": invitation.role.code(), "network": invitation.network, "via": "invitation",
            });
            let event = AuditEvent::by(id, "role.granted", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(Ok(id))
        })
    }
}

/// A link's row: payload, end, use.
type LinkRow = (String, OffsetDateTime, Option<OffsetDateTime>);

/// A link's row by its hash and purpose.
const LINK_ROW: &str =
    "SELECT payload, expires_at, used_at FROM tokens WHERE token_hash = $1 AND purpose = $2";

/// A link's row judged at `now`: its payload while usable, else why not.
fn judge(row: Option<LinkRow>, now: OffsetDateTime) -> Result<String, LinkRefusal> {
    match row {
        None => Err(LinkRefusal::Unknown),
        Some((_, _, Some(_))) => Err(LinkRefusal::Used),
        Some((_, expires, None)) if expires <= now => Err(LinkRefusal::Expired),
        Some((payload, _, None)) => Ok(payload),
    }
}

fn parse_invitation(payload: &str) -> Option<StaffInvitation> {
    let value: serde_json::Value = serde_json::from_str(payload).ok()?;
    Some(StaffInvitation {
        email: value.get("email")?.as_str()?.to_owned(),
        role: Role::parse(value.get("role")?.as_str()?)?,
        network: value.get("network").and_then(|n| n.as_str()).map(str::to_owned),
    })
}

/// What a setup or invitation link does inside the caller's transaction.
trait StaffLinkTx {
    /// The link's row, if any.
    async fn link_row(
        &mut self,
        token_hash: &str,
        purpose: &str,
    ) -> Result<Option<LinkRow>, sqlx::Error>;

    /// Whether an account already has this address.
    async fn address_taken(&mut self, email: &EmailAddress) -> Result<bool, sqlx::Error>;

    /// Writes a confirmed back-office account with one role.
    async fn insert_staff_account(
        &mut self,
        id: Uuid,
        email: &EmailAddress,
        account: &NewStaffAccount<'_>,
        role: Role,
        network_id: Option<Uuid>,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error>;

    /// Marks the link used.
    async fn use_link(&mut self, token_hash: &str, now: OffsetDateTime) -> Result<(), sqlx::Error>;
}

/// One implementation per backend from one text, so the SQL is written once.
macro_rules! staff_link_tx_in {
    ($($database:ty),+) => {$(
        impl StaffLinkTx for sqlx::Transaction<'_, $database> {
            async fn link_row(
                &mut self,
                token_hash: &str,
                purpose: &str,
            ) -> Result<Option<LinkRow>, sqlx::Error> {
                sqlx::query_as(LINK_ROW)
                    .bind(token_hash)
                    .bind(purpose)
                    .fetch_optional(&mut **self)
                    .await
            }

            async fn address_taken(&mut self, email: &EmailAddress) -> Result<bool, sqlx::Error> {
                let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
                    .bind(email.as_str())
                    .fetch_one(&mut **self)
                    .await?;
                Ok(taken > 0)
            }

            async fn insert_staff_account(
                &mut self,
                id: Uuid,
                email: &EmailAddress,
                account: &NewStaffAccount<'_>,
                role: Role,
                network_id: Option<Uuid>,
                now: OffsetDateTime,
            ) -> Result<(), sqlx::Error> {
                sqlx::query(
                    "INSERT INTO users (id, email, display_name, password_hash, lang, \
                     email_confirmed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, 'fr', $5, $5, $5)",
                )
                .bind(id)
                .bind(email.as_str())
                .bind(account.display_name)
                .bind(account.password_hash)
                .bind(now)
                .execute(&mut **self)
                .await?;
                sqlx::query(
                    "INSERT INTO user_roles (user_id, role, network_id, granted_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(role.code())
                .bind(network_id)
                .bind(now)
                .execute(&mut **self)
                .await?;
                Ok(())
            }

            async fn use_link(
                &mut self,
                token_hash: &str,
                now: OffsetDateTime,
            ) -> Result<(), sqlx::Error> {
                sqlx::query("UPDATE tokens SET used_at = $1 WHERE token_hash = $2")
                    .bind(now)
                    .bind(token_hash)
                    .execute(&mut **self)
                    .await
                    .map(|_| ())
            }
        }
    )+};
}

staff_link_tx_in!(sqlx::Sqlite, sqlx::Postgres);

/// A back-office person as the administrators' page lists them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StaffMember {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub network: Option<String>,
}

impl Db {
    /// Every back-office role held, by address then role.
    pub async fn staff_members(&self) -> Result<Vec<StaffMember>, sqlx::Error> {
        with_db!(self, pool => sqlx::query_as(
            "SELECT u.email, u.display_name, r.role, n.slug AS network FROM user_roles r \
             JOIN users u ON u.id = r.user_id LEFT JOIN networks n ON n.id = r.network_id \
             ORDER BY u.email, r.role",
        )
        .fetch_all(pool)
        .await)
    }

    /// Whether a partner network with this slug exists.
    pub async fn network_exists(&self, slug: &str) -> Result<bool, sqlx::Error> {
        with_db!(self, pool => {
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM networks WHERE slug = $1")
                .bind(slug)
                .fetch_one(pool)
                .await?;
            Ok(count > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_link_is_usable_once_and_until_its_end() {
        let now = datetime!(2026-11-27 12:00 UTC);
        let later = datetime!(2026-11-27 13:00 UTC);
        let row = |used| Some(("{}".to_owned(), later, used));
        assert_eq!(judge(row(None), now), Ok("{}".to_owned()));
        assert_eq!(judge(row(Some(now)), now), Err(LinkRefusal::Used));
        assert_eq!(judge(row(None), later), Err(LinkRefusal::Expired));
        assert_eq!(judge(None, now), Err(LinkRefusal::Unknown));
    }
}
