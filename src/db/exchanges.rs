//! Around a dossier in the back office: routing rules and the network a dossier belongs to, the
//! message thread between candidate and referents, and private annotations (the staff list of
//! dossiers is in dossier_list.rs).

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
    /// Files it carries, already stored (`storage::accept_upload`), in order.
    pub files: &'a [Uuid],
}

/// A file attached to a message of a thread, as the thread lists it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct MessageFile {
    pub message_id: Uuid,
    pub file_id: Uuid,
    pub original_name: String,
    pub file_type: String,
    pub size_bytes: i64,
    pub scan_status: String,
}

/// Writes a message, its files and its notifications in the caller's transaction (a message
/// may come with a change of the dossier, e.g. a request for a complement).
pub(crate) trait InsertMessage {
    fn insert_message(
        &mut self,
        id: Uuid,
        new: &NewMessage<'_>,
    ) -> impl std::future::Future<Output = Result<(), sqlx::Error>> + Send;
}

/// One implementation per backend from one text, so the SQL is written once.
macro_rules! insert_message_in {
    ($($database:ty),+) => {$(
        impl InsertMessage for sqlx::Transaction<'_, $database> {
            fn insert_message(
                &mut self,
                id: Uuid,
                new: &NewMessage<'_>,
            ) -> impl std::future::Future<Output = Result<(), sqlx::Error>> + Send {
                async move {
                    let at = stored(new.at);
                    sqlx::query(
                        "INSERT INTO dossier_messages (id, dossier_id, author_id, author_name, \
                         from_staff, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(id)
                    .bind(new.dossier_id)
                    .bind(new.author_id)
                    .bind(new.author_name)
                    .bind(new.from_staff)
                    .bind(new.body)
                    .bind(at)
                    .execute(&mut **self)
                    .await?;
                    for (position, file) in new.files.iter().enumerate() {
                        sqlx::query(
                            "INSERT INTO dossier_message_files (message_id, file_id, position) \
                             VALUES ($1, $2, $3)",
                        )
                        .bind(id)
                        .bind(file)
                        .bind(i64::try_from(position).unwrap_or(i64::MAX))
                        .execute(&mut **self)
                        .await?;
                    }
                    for (to, email) in new.notify {
                        self.queue_email(to, new.kind, email, at).await?;
                    }
                    Ok(())
                }
            }
        }
    )+};
}

insert_message_in!(sqlx::Sqlite, sqlx::Postgres);

/// Someone to notify: address and language code.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Recipient {
    pub email: String,
    pub lang: String,
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
            let event = AuditEvent::by(by, "routing.rule_added", client, detail);
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
                let detail = serde_json::json!({ "rule": id });
                let event = AuditEvent::by(by, "routing.rule_removed", client, detail);
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
    /// by a rule at submission, `reassigned` by the steering group) and its `note` (none: NULL)
    /// and, when someone did it, an audit entry. Returns false when the network slug is unknown.
    #[allow(clippy::too_many_arguments, reason = "one statement of what happened")]
    pub async fn set_dossier_network(
        &self,
        dossier_id: Uuid,
        network: Option<&str>,
        kind: &str,
        note: Option<&str>,
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
            if let Some(by) = by {
                let detail = serde_json::json!({ "dossier": dossier_id, "network": network });
                tx.audit(&AuditEvent::by(by, "dossier.reassigned", client, detail), now).await?;
            }
            tx.commit().await?;
            Ok(true)
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

    /// Adds a message with its files and queues its notifications, in one transaction.
    pub async fn add_message(&self, new: &NewMessage<'_>) -> Result<Uuid, sqlx::Error> {
        let id = Uuid::now_v7();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            tx.insert_message(id, new).await?;
            tx.commit().await?;
        });
        Ok(id)
    }

    /// The files attached to the messages of a dossier's thread, by message then in order.
    pub async fn message_files(&self, dossier_id: Uuid) -> Result<Vec<MessageFile>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT mf.message_id, f.id AS file_id, f.original_name, f.file_type, \
                 f.size_bytes, f.scan_status FROM dossier_message_files mf \
                 JOIN dossier_messages m ON m.id = mf.message_id \
                 JOIN files f ON f.id = mf.file_id \
                 WHERE m.dossier_id = $1 ORDER BY m.created_at, m.id, mf.position",
            )
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })
    }

    /// Whether a file is attached to a message of this dossier's thread.
    pub async fn is_message_file(
        &self,
        dossier_id: Uuid,
        file_id: Uuid,
    ) -> Result<bool, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM dossier_message_files mf \
                 JOIN dossier_messages m ON m.id = mf.message_id \
                 WHERE m.dossier_id = $1 AND mf.file_id = $2",
            )
            .bind(dossier_id)
            .bind(file_id)
            .fetch_one(pool)
            .await
            .map(|count| count > 0)
        })
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
