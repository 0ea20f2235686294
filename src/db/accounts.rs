//! Accounts: users, organisations, roles, sessions, one-time tokens, authentication attempts.

use sqlx::FromRow;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::outbox::QueueEmail;
use super::{Db, WritePool, with_db};
use crate::domain::email::EmailAddress;
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::mail::RenderedEmail;

/// A person as the platform knows them while they use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub lang: Lang,
    pub organisation_id: Option<Uuid>,
    pub organisation_name: Option<String>,
    /// Back-office roles, with the partner network (slug) of a referent.
    pub roles: Vec<(Role, Option<String>)>,
}

impl Account {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|(r, _)| *r == role)
    }

    pub fn is_back_office(&self) -> bool {
        !self.roles.is_empty()
    }

    /// The steering group or an administrator: every network's dossiers, the decisions.
    pub fn is_steering(&self) -> bool {
        self.has_role(Role::Steering) || self.has_role(Role::Admin)
    }
}

/// What a login needs to know about an address.
#[derive(Debug, Clone, FromRow)]
pub struct LoginRecord {
    pub id: Uuid,
    pub password_hash: Option<String>,
    pub email_confirmed_at: Option<OffsetDateTime>,
    pub disabled_at: Option<OffsetDateTime>,
}

#[derive(FromRow)]
struct AccountRow {
    id: Uuid,
    email: String,
    display_name: String,
    lang: String,
    organisation_id: Option<Uuid>,
    organisation_name: Option<String>,
}

#[derive(FromRow)]
struct SessionAccountRow {
    #[sqlx(flatten)]
    account: AccountRow,
    last_seen_at: OffsetDateTime,
    /// `role:network-slug` pairs joined by commas (slugs and role codes hold neither).
    roles: Option<String>,
}

fn account_of(row: AccountRow, roles: Vec<(Role, Option<String>)>) -> Account {
    Account {
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        lang: Lang::parse(&row.lang).unwrap_or_default(),
        organisation_id: row.organisation_id,
        organisation_name: row.organisation_name,
        roles,
    }
}

/// The roles of `role:network,…` in the order of their codes (as `ORDER BY role` gives them).
fn parse_roles(text: &str) -> Vec<(Role, Option<String>)> {
    let mut roles: Vec<(Role, Option<String>)> = text
        .split(',')
        .filter_map(|pair| {
            let (role, network) = pair.split_once(':')?;
            let network = (!network.is_empty()).then(|| network.to_owned());
            Role::parse(role).map(|role| (role, network))
        })
        .collect();
    roles.sort_by(|a, b| (a.0.code(), &a.1).cmp(&(b.0.code(), &b.1)));
    roles
}

/// A new candidate account, before it is written.
pub struct NewCandidate<'a> {
    pub email: &'a EmailAddress,
    pub display_name: &'a str,
    pub organisation_name: &'a str,
    pub siret: Option<&'a str>,
    pub password_hash: &'a str,
    pub lang: Lang,
}

/// A back-office account created from the command line or by an administrator.
pub struct NewStaff<'a> {
    pub email: &'a EmailAddress,
    pub display_name: &'a str,
    pub password_hash: Option<&'a str>,
    pub role: Role,
    pub network_slug: Option<&'a str>,
}

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("no partner network has the slug `{0}`")]
    UnknownNetwork(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What a sign-up did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUp {
    /// A new account, waiting for its address to be confirmed.
    Created(Uuid),
    /// The address had an account never confirmed: a new link was sent, nothing else changed.
    LinkSentAgain(Uuid),
    /// The address has an active account: nothing was written.
    AlreadyActive,
}

/// The outcome of a one-time link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenUse {
    Used { user_id: Option<Uuid>, payload: String },
    Expired,
    AlreadyUsed,
    Unknown,
}

impl Db {
    /// The account behind a session cookie's hash, if the session is alive: not past its
    /// absolute end, used within `idle`, and its user not disabled. Refreshes its last use when
    /// older than a minute (so that reading pages does not write on every request).
    pub async fn session_account(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
        idle: Duration,
    ) -> Result<Option<Account>, sqlx::Error> {
        // One query for the session, its user, organisation and roles: this runs on every
        // request of a logged-in person. The roles come as one text `role:network,…`
        // (string aggregation is spelt differently by the two databases).
        macro_rules! session_sql {
            ($aggregate:literal) => {
                concat!(
                    "SELECT u.id, u.email, u.display_name, u.lang, u.organisation_id, \
                     o.name AS organisation_name, s.last_seen_at, \
                     (SELECT ",
                    $aggregate,
                    "(r.role || ':' || COALESCE(n.slug, ''), ',') FROM user_roles r \
                     LEFT JOIN networks n ON n.id = r.network_id WHERE r.user_id = u.id) AS roles \
                     FROM sessions s JOIN users u ON u.id = s.user_id \
                     LEFT JOIN organisations o ON o.id = u.organisation_id \
                     WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 \
                     AND u.disabled_at IS NULL"
                )
            };
        }
        let sql = match self {
            Db::Sqlite(..) => session_sql!("group_concat"),
            Db::Postgres(_) => session_sql!("string_agg"),
        };
        let found: Option<SessionAccountRow> = with_db!(self, pool => {
            sqlx::query_as(sql)
                .bind(token_hash)
                .bind(now)
                .bind(now - idle)
                .fetch_optional(pool)
                .await?
        });
        let Some(found) = found else { return Ok(None) };
        if now - found.last_seen_at > Duration::MINUTE {
            let _turn = self.write_turn().await;
            with_db!(self, pool => {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                    .bind(now)
                    .bind(token_hash)
                    .execute(pool)
                    .await
                    .map(|_| ())?
            });
        }
        let roles = parse_roles(found.roles.as_deref().unwrap_or_default());
        Ok(Some(account_of(found.account, roles)))
    }

    /// An account with its organisation and roles.
    pub async fn account(&self, user_id: Uuid) -> Result<Option<Account>, sqlx::Error> {
        let row: Option<AccountRow> = with_db!(self, pool => {
            sqlx::query_as(
                "SELECT u.id, u.email, u.display_name, u.lang, u.organisation_id, \
                 o.name AS organisation_name FROM users u \
                 LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
            )
            .bind(user_id)
            .fetch_optional(pool)
            .await?
        });
        match row {
            Some(row) => self.with_roles(row).await.map(Some),
            None => Ok(None),
        }
    }

    /// The account of a row, with its back-office roles read.
    async fn with_roles(&self, row: AccountRow) -> Result<Account, sqlx::Error> {
        let roles: Vec<(String, Option<String>)> = with_db!(self, pool => {
            sqlx::query_as(
                "SELECT r.role, n.slug FROM user_roles r LEFT JOIN networks n ON n.id = r.network_id \
                 WHERE r.user_id = $1 ORDER BY r.role",
            )
            .bind(row.id)
            .fetch_all(pool)
            .await?
        });
        let roles = roles
            .into_iter()
            .filter_map(|(role, network)| Role::parse(&role).map(|r| (r, network)))
            .collect();
        Ok(account_of(row, roles))
    }

    pub async fn login_record(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<LoginRecord>, sqlx::Error> {
        with_db!(self, pool => sqlx::query_as(
            "SELECT id, password_hash, email_confirmed_at, disabled_at FROM users WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(pool)
        .await)
    }

    pub async fn user_id_by_email(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<Uuid>, sqlx::Error> {
        with_db!(self, pool => sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(pool)
            .await)
    }

    /// Opens a session for a user: a new row, so a login always gets a new cookie value.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: Uuid,
        now: OffsetDateTime,
        lifetime: Duration,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) \
                 VALUES ($1, $2, $3, $3, $4)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .bind(now + lifetime)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), sqlx::Error> {
        with_db!(self, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(pool)
            .await
            .map(|_| ()))
    }

    /// Writes a candidate account and its organisation, unconfirmed, with the confirmation
    /// token and its email (`confirmation`: kind and message), in one transaction. For an
    /// address whose account was never confirmed, only a new token and email are written.
    pub async fn create_candidate(
        &self,
        new: &NewCandidate<'_>,
        confirm_token_hash: &str,
        confirmation: Option<(&str, &RenderedEmail)>,
        now: OffsetDateTime,
        token_lifetime: Duration,
    ) -> Result<SignUp, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let exists: Option<(Uuid, Option<OffsetDateTime>)> =
                sqlx::query_as("SELECT id, email_confirmed_at FROM users WHERE email = $1")
                    .bind(new.email.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            let (user_id, outcome) = match exists {
                Some((_, Some(_))) => return Ok(SignUp::AlreadyActive),
                Some((id, None)) => (id, SignUp::LinkSentAgain(id)),
                None => {
                    let id = Uuid::now_v7();
                    (id, SignUp::Created(id))
                }
            };
            if let SignUp::Created(_) = outcome {
            let organisation_id = Uuid::now_v7();
            sqlx::query("INSERT INTO organisations (id, name, siret, created_at) VALUES ($1, $2, $3, $4)")
                .bind(organisation_id)
                .bind(new.organisation_name)
                .bind(new.siret)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO users (id, email, display_name, password_hash, lang, organisation_id, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(user_id)
            .bind(new.email.as_str())
            .bind(new.display_name)
            .bind(new.password_hash)
            .bind(new.lang.code())
            .bind(organisation_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            }
            sqlx::query(
                "INSERT INTO tokens (token_hash, purpose, user_id, payload, created_at, expires_at) \
                 VALUES ($1, 'confirm-email', $2, '{}', $3, $4)",
            )
            .bind(confirm_token_hash)
            .bind(user_id)
            .bind(now)
            .bind(now + token_lifetime)
            .execute(&mut *tx)
            .await?;
            if let Some((kind, email)) = confirmation {
                tx.queue_email(new.email.as_str(), kind, email, now).await?;
            }
            tx.commit().await?;
            Ok(outcome)
        })
    }

    /// Uses a one-time link of `purpose`: marks it used, once, if it has not expired.
    pub async fn use_token(
        &self,
        token_hash: &str,
        purpose: &str,
        now: OffsetDateTime,
    ) -> Result<TokenUse, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let row: Option<(Option<Uuid>, String, OffsetDateTime, Option<OffsetDateTime>)> =
                sqlx::query_as(
                    "SELECT user_id, payload, expires_at, used_at FROM tokens \
                     WHERE token_hash = $1 AND purpose = $2",
                )
                .bind(token_hash)
                .bind(purpose)
                .fetch_optional(&mut *tx)
                .await?;
            let outcome = match row {
                None => TokenUse::Unknown,
                Some((_, _, _, Some(_))) => TokenUse::AlreadyUsed,
                Some((_, _, expires_at, None)) if expires_at <= now => TokenUse::Expired,
                Some((user_id, payload, _, None)) => {
                    sqlx::query("UPDATE tokens SET used_at = $1 WHERE token_hash = $2")
                        .bind(now)
                        .bind(token_hash)
                        .execute(&mut *tx)
                        .await?;
                    TokenUse::Used { user_id, payload }
                }
            };
            tx.commit().await?;
            Ok(outcome)
        })
    }

    pub async fn confirm_email(
        &self,
        user_id: Uuid,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => sqlx::query(
            "UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, $1), updated_at = $1 \
             WHERE id = $2",
        )
        .bind(now)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Creates a back-office account (confirmed: an administrator vouches for the address) or
    /// grants the role to an existing one; sets the password when one is given.
    pub async fn upsert_staff(
        &self,
        new: &NewStaff<'_>,
        now: OffsetDateTime,
    ) -> Result<Uuid, StaffError> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let network_id: Option<Uuid> = match new.network_slug {
                None => None,
                Some(slug) => Some(
                    sqlx::query_scalar("SELECT id FROM networks WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(&mut *tx)
                        .await?
                        .ok_or_else(|| StaffError::UnknownNetwork(slug.to_owned()))?,
                ),
            };
            let existing: Option<Uuid> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                .bind(new.email.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            let user_id = match existing {
                Some(id) => {
                    if let Some(hash) = new.password_hash {
                        sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                            .bind(hash)
                            .bind(now)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    id
                }
                None => {
                    let id = Uuid::now_v7();
                    sqlx::query(
                        "INSERT INTO users (id, email, display_name, password_hash, lang, \
                         email_confirmed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, 'fr', $5, $5, $5)",
                    )
                    .bind(id)
                    .bind(new.email.as_str())
                    .bind(new.display_name)
                    .bind(new.password_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    id
                }
            };
            sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = $2")
                .bind(user_id)
                .bind(new.role.code())
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO user_roles (user_id, role, network_id, granted_at) VALUES ($1, $2, $3, $4)")
                .bind(user_id)
                .bind(new.role.code())
                .bind(network_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(user_id)
        })
    }

    /// Records an authentication attempt.
    pub async fn record_attempt(
        &self,
        kind: &str,
        account: Option<&str>,
        client: &str,
        succeeded: bool,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => sqlx::query(
            "INSERT INTO auth_attempts (id, kind, account, client, succeeded, at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(Uuid::now_v7())
        .bind(kind)
        .bind(account)
        .bind(client)
        .bind(succeeded)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Attempts of `kind` since `since` — only the failed ones unless `count_all` — for an
    /// account and for a client address, and the time of the oldest one counted (to tell when a
    /// refusal ends).
    pub async fn counted_attempts(
        &self,
        kind: &str,
        account: Option<&str>,
        client: &str,
        since: OffsetDateTime,
        count_all: bool,
    ) -> Result<(i64, i64, Option<OffsetDateTime>), sqlx::Error> {
        with_db!(self, pool => {
            let by_account: (i64, Option<OffsetDateTime>) = sqlx::query_as(
                "SELECT COUNT(*), MIN(at) FROM auth_attempts \
                 WHERE kind = $1 AND account = $2 AND at > $3 AND (NOT succeeded OR $4)",
            )
            .bind(kind)
            .bind(account)
            .bind(since)
            .bind(count_all)
            .fetch_one(pool)
            .await?;
            let by_client: (i64, Option<OffsetDateTime>) = sqlx::query_as(
                "SELECT COUNT(*), MIN(at) FROM auth_attempts \
                 WHERE kind = $1 AND client = $2 AND at > $3 AND (NOT succeeded OR $4)",
            )
            .bind(kind)
            .bind(client)
            .bind(since)
            .bind(count_all)
            .fetch_one(pool)
            .await?;
            let oldest = [by_account.1, by_client.1].into_iter().flatten().min();
            Ok((by_account.0, by_client.0, oldest))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_from_the_aggregated_text_come_in_the_order_of_their_codes() {
        let roles = parse_roles("steering:,referent:coorace,admin:,unknown:x");
        assert_eq!(
            roles,
            [
                (Role::Admin, None),
                (Role::Referent, Some("coorace".to_owned())),
                (Role::Steering, None)
            ]
        );
        assert_eq!(parse_roles(""), []);
    }
}
