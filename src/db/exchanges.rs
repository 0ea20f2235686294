//! Around a dossier in the back office: routing rules and the network a dossier belongs to, the
//! message thread between candidate and referents, private annotations, and the staff list of
//! dossiers (scoped to a referent's network).

use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::outbox::QueueEmail;
use super::{Db, WritePool, stored, with_db};
use crate::domain::routing::{RoutingRule, RuleTest};
use crate::mail::RenderedEmail;

/// A routing rule as stored, with its place in the call's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRule {
    pub id: Uuid,
    pub position: i64,
    pub rule: RoutingRule,
}

#[derive(FromRow)]
struct RuleRow {
    id: Uuid,
    position: i64,
    track: Option<String>,
    test: String,
    field: Option<String>,
    match_values: String,
    network: String,
}

/// A message of a dossier's thread.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Message {
    pub id: Uuid,
    pub author_name: String,
    pub from_staff: bool,
    pub body: String,
    pub created_at: OffsetDateTime,
    pub read_at: Option<OffsetDateTime>,
}

/// A private annotation of the back office.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Annotation {
    pub author_name: String,
    pub body: String,
    pub created_at: OffsetDateTime,
}

/// A message to add, with the notifications it sends (rendered per recipient's language).
pub struct NewMessage<'a> {
    pub dossier_id: Uuid,
    pub author_id: Uuid,
    pub author_name: &'a str,
    pub from_staff: bool,
    pub body: &'a str,
    pub notify: &'a [(String, RenderedEmail)],
    pub kind: &'a str,
    pub at: OffsetDateTime,
}

/// Someone to notify: address and language code.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Recipient {
    pub email: String,
    pub lang: String,
}

/// One line of the back office's list of dossiers.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct StaffDossierRow {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
    pub track: String,
    pub state: String,
    pub network_slug: Option<String>,
    pub organisation_name: String,
    pub submitted_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
    /// Messages from the candidate the back office has not read yet.
    pub unread: i64,
}

/// What the back office narrows the list to. `networks`: the referent's networks (None: all,
/// for the steering group).
#[derive(Debug, Clone, Default)]
pub struct StaffFilter {
    pub networks: Option<Vec<String>>,
    pub track: Option<String>,
    pub state: Option<String>,
    pub network: Option<String>,
    /// Only the dossiers routed to no network.
    pub unrouted: bool,
    /// Words found in the title, the reference or the organisation's name.
    pub text: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

impl Db {
    /// The routing rules of a call, in the order they are tried.
    pub async fn routing_rules(&self, call_id: Uuid) -> Result<Vec<StoredRule>, sqlx::Error> {
        let rows: Vec<RuleRow> = with_db!(self, pool => {
            sqlx::query_as(
                "SELECT r.id, r.position, r.track, r.test, r.field, r.match_values, \
                 n.slug AS network FROM routing_rules r JOIN networks n ON n.id = r.network_id \
                 WHERE r.call_id = $1 ORDER BY r.position",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                Some(StoredRule {
                    id: row.id,
                    position: row.position,
                    rule: RoutingRule {
                        track: row.track,
                        test: RuleTest::parse(&row.test)?,
                        field: row.field,
                        values: row
                            .match_values
                            .split(',')
                            .filter(|v| !v.is_empty())
                            .map(str::to_owned)
                            .collect(),
                        network: row.network,
                    },
                })
            })
            .collect())
    }

    /// Adds a rule at the end of the call's order. Audited.
    pub async fn add_routing_rule(
        &self,
        call_id: Uuid,
        rule: &RoutingRule,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Uuid, sqlx::Error> {
        let id = Uuid::now_v7();
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO routing_rules (id, call_id, position, network_id, track, test, field, \
                 match_values, created_at, created_by) \
                 SELECT $1, $2, COALESCE((SELECT MAX(position) FROM routing_rules \
                 WHERE call_id = $2), 0) + 1, n.id, $4, $5, $6, $7, $8, $9 \
                 FROM networks n WHERE n.slug = $3",
            )
            .bind(id)
            .bind(call_id)
            .bind(&rule.network)
            .bind(&rule.track)
            .bind(rule.test.code())
            .bind(&rule.field)
            .bind(rule.values.join(","))
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({
                "network": rule.network, "test": rule.test.code(), "field": rule.field,
                "values": rule.values, "track": rule.track,
            });
            let event = AuditEvent {
                event: "routing.rule_added",
                actor: Some(by),
                subject: None,
                client,
                detail,
            };
            tx.audit(&event, now).await?;
            tx.commit().await?;
        });
        Ok(id)
    }

    /// Removes a rule of the call; the others keep their order. Audited.
    pub async fn delete_routing_rule(
        &self,
        call_id: Uuid,
        id: Uuid,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let gone = sqlx::query("DELETE FROM routing_rules WHERE id = $1 AND call_id = $2")
                .bind(id)
                .bind(call_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if gone == 1 {
                let event = AuditEvent {
                    event: "routing.rule_removed",
                    actor: Some(by),
                    subject: None,
                    client,
                    detail: serde_json::json!({ "rule": id }),
                };
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(gone == 1)
        })
    }

    /// The slug of the network a dossier is routed to, if any.
    pub async fn dossier_network(&self, dossier_id: Uuid) -> Result<Option<String>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar(
                "SELECT n.slug FROM dossiers d JOIN networks n ON n.id = d.network_id \
                 WHERE d.id = $1",
            )
            .bind(dossier_id)
            .fetch_optional(pool)
            .await
        })
    }

    /// Routes a dossier to a network (`None`: to none), with a history row `kind` (`routed`
    /// by a rule at submission, `reassigned` by the steering group) and, when someone did it,
    /// an audit entry. Returns false when the network slug is unknown.
    #[allow(clippy::too_many_arguments, reason = "one statement of what happened")]
    pub async fn set_dossier_network(
        &self,
        dossier_id: Uuid,
        network: Option<&str>,
        kind: &str,
        note: &str,
        by: Option<Uuid>,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let network_id: Option<Uuid> = match network {
                Some(slug) => {
                    let id = sqlx::query_scalar("SELECT id FROM networks WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if id.is_none() {
                        return Ok(false);
                    }
                    id
                }
                None => None,
            };
            let state: Option<String> = sqlx::query_scalar(
                "UPDATE dossiers SET network_id = $2 WHERE id = $1 RETURNING state",
            )
            .bind(dossier_id)
            .bind(network_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(state) = state else { return Ok(false) };
            sqlx::query(
                "INSERT INTO dossier_events (id, dossier_id, at, actor_id, kind, from_state, \
                 to_state, note) VALUES ($1, $2, $3, $4, $5, $6, $6, $7)",
            )
            .bind(Uuid::now_v7())
            .bind(dossier_id)
            .bind(now)
            .bind(by)
            .bind(kind)
            .bind(&state)
            .bind(note)
            .execute(&mut *tx)
            .await?;
            if by.is_some() {
                let event = AuditEvent {
                    event: "dossier.reassigned",
                    actor: by,
                    subject: None,
                    client,
                    detail: serde_json::json!({ "dossier": dossier_id, "network": network }),
                };
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// The dossiers the back office lists, newest submission first, with the filter applied.
    pub async fn staff_dossiers(
        &self,
        call_id: Uuid,
        filter: &StaffFilter,
    ) -> Result<(Vec<StaffDossierRow>, i64), sqlx::Error> {
        // The referent's networks as one comma-separated text: the same SQL on both databases.
        let scope = filter.networks.as_ref().map(|n| format!(",{},", n.join(",")));
        let text = filter.text.as_deref().map(|t| format!("%{}%", like_escape(&t.to_lowercase())));
        macro_rules! filtered {
            ($select:literal, $tail:literal) => {
                concat!(
                    $select,
                    " FROM dossiers d JOIN organisations o ON o.id = d.organisation_id \
                     LEFT JOIN networks n ON n.id = d.network_id \
                     WHERE d.call_id = $1 AND d.state <> 'draft' \
                     AND ($2 IS NULL OR $2 LIKE '%,' || COALESCE(n.slug, '-') || ',%') \
                     AND ($3 IS NULL OR d.track = $3) AND ($4 IS NULL OR d.state = $4) \
                     AND ($5 IS NULL OR n.slug = $5) AND ($6 = 0 OR d.network_id IS NULL) \
                     AND ($7 IS NULL OR LOWER(d.title) LIKE $7 ESCAPE '\\' \
                          OR LOWER(d.reference) LIKE $7 ESCAPE '\\' \
                          OR LOWER(o.name) LIKE $7 ESCAPE '\\') ",
                    $tail
                )
            };
        }
        let list_sql = filtered!(
            "SELECT d.id, d.reference, d.title, d.track, d.state, n.slug AS network_slug, \
             o.name AS organisation_name, d.submitted_at, d.updated_at, \
             (SELECT COUNT(*) FROM dossier_messages m WHERE m.dossier_id = d.id \
              AND m.from_staff = $8 AND m.read_at IS NULL) AS unread",
            "ORDER BY d.submitted_at DESC, d.reference LIMIT $9 OFFSET $10"
        );
        let count_sql = filtered!("SELECT COUNT(*)", "");
        with_db!(self, pool => {
            let rows: Vec<StaffDossierRow> = sqlx::query_as(list_sql)
                .bind(call_id)
                .bind(&scope)
                .bind(&filter.track)
                .bind(&filter.state)
                .bind(&filter.network)
                .bind(i64::from(filter.unrouted))
                .bind(&text)
                .bind(false)
                .bind(filter.limit)
                .bind(filter.offset)
                .fetch_all(pool)
                .await?;
            let total: i64 = sqlx::query_scalar(count_sql)
                .bind(call_id)
                .bind(&scope)
                .bind(&filter.track)
                .bind(&filter.state)
                .bind(&filter.network)
                .bind(i64::from(filter.unrouted))
                .bind(&text)
                .fetch_one(pool)
                .await?;
            Ok((rows, total))
        })
    }

    /// The thread of a dossier, oldest first.
    pub async fn dossier_messages(&self, dossier_id: Uuid) -> Result<Vec<Message>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT id, author_name, from_staff, body, created_at, read_at \
                 FROM dossier_messages WHERE dossier_id = $1 ORDER BY created_at, id",
            )
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })
    }

    /// Adds a message and queues its notifications, in one transaction.
    pub async fn add_message(&self, new: &NewMessage<'_>) -> Result<Uuid, sqlx::Error> {
        let id = Uuid::now_v7();
        let at = stored(new.at);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO dossier_messages (id, dossier_id, author_id, author_name, from_staff, \
                 body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(new.dossier_id)
            .bind(new.author_id)
            .bind(new.author_name)
            .bind(new.from_staff)
            .bind(new.body)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            for (to, email) in new.notify {
                tx.queue_email(to, new.kind, email, at).await?;
            }
            tx.commit().await?;
        });
        Ok(id)
    }

    /// Marks as read the messages the other side wrote (`from_staff`: the side whose messages
    /// are being read). Returns how many were unread.
    pub async fn mark_messages_read(
        &self,
        dossier_id: Uuid,
        from_staff: bool,
        now: OffsetDateTime,
    ) -> Result<u64, sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query(
                "UPDATE dossier_messages SET read_at = $3 WHERE dossier_id = $1 \
                 AND from_staff = $2 AND read_at IS NULL",
            )
            .bind(dossier_id)
            .bind(from_staff)
            .bind(now)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })
    }

    /// The people a candidate's message notifies: the referents of the dossier's network, or
    /// the steering group when it has none.
    pub async fn staff_to_notify(&self, dossier_id: Uuid) -> Result<Vec<Recipient>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT DISTINCT u.email, u.lang FROM users u JOIN user_roles r ON r.user_id = u.id \
                 JOIN dossiers d ON d.id = $1 WHERE u.disabled_at IS NULL AND \
                 ((d.network_id IS NOT NULL AND r.role = 'referent' AND r.network_id = d.network_id) \
                  OR (d.network_id IS NULL AND r.role = 'steering')) ORDER BY u.email",
            )
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })
    }

    /// The people a back-office message notifies: the members of the dossier's organisation.
    pub async fn members_to_notify(&self, dossier_id: Uuid) -> Result<Vec<Recipient>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT u.email, u.lang FROM users u JOIN dossiers d ON d.organisation_id = \
                 u.organisation_id WHERE d.id = $1 AND u.disabled_at IS NULL \
                 AND u.email_confirmed_at IS NOT NULL ORDER BY u.email",
            )
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })
    }

    /// The private annotations of a dossier, oldest first.
    pub async fn annotations(&self, dossier_id: Uuid) -> Result<Vec<Annotation>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT author_name, body, created_at FROM dossier_annotations \
                 WHERE dossier_id = $1 ORDER BY created_at, id",
            )
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })
    }

    pub async fn add_annotation(
        &self,
        dossier_id: Uuid,
        author_id: Uuid,
        author_name: &str,
        body: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query(
                "INSERT INTO dossier_annotations (id, dossier_id, author_id, author_name, body, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(Uuid::now_v7())
            .bind(dossier_id)
            .bind(author_id)
            .bind(author_name)
            .bind(body)
            .bind(stored(now))
            .execute(pool)
            .await
            .map(|_| ())
        })
    }
}

/// `%`, `_` and `\` taken literally in a LIKE pattern.
fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}
