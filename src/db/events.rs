//! Meetings of the network (rencontres) and their invitations: the first meeting installed from
//! the call's calendar, the steering group's meetings, invitations written with their emails in
//! one transaction (one per meeting and address), answers given through the personal link, and
//! reminders queued at most once per invitation.

use serde_json::json;
use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::outbox::QueueEmail;
use super::{Db, WritePool, stored, with_db};
use crate::domain::event::{EventDraft, FIRST_MEETING_PHASE, Rsvp, Schedule};
use crate::domain::lang::Lang;
use crate::mail::RenderedEmail;

/// A meeting as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Event {
    pub id: Uuid,
    pub call_id: Uuid,
    /// The calendar phase it was installed from, if any.
    pub phase_slug: Option<String>,
    pub title_fr: String,
    pub title_en: String,
    pub description_fr: String,
    pub description_en: String,
    pub place: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub all_day: bool,
    pub tentative: bool,
    pub sequence: i64,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl Event {
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.title_en.is_empty() => &self.title_en,
            _ => &self.title_fr,
        }
    }

    /// The description in the language, the French one when there is no English one.
    pub fn description(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.description_en.is_empty() => &self.description_en,
            _ => &self.description_fr,
        }
    }

    pub fn schedule(&self) -> Schedule {
        Schedule { starts_at: self.starts_at, ends_at: self.ends_at, all_day: self.all_day }
    }

    /// What the form edits.
    pub fn draft(&self) -> EventDraft {
        EventDraft {
            title_fr: self.title_fr.clone(),
            title_en: self.title_en.clone(),
            schedule: self.schedule(),
            place: self.place.clone(),
            description_fr: self.description_fr.clone(),
            description_en: self.description_en.clone(),
            tentative: self.tentative,
        }
    }
}

/// An invitation as stored, without the hashes of its links.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Invitation {
    pub id: Uuid,
    pub event_id: Uuid,
    pub email: String,
    pub name: String,
    pub lang: String,
    /// `pole` or `supporter`.
    pub source: String,
    pub dossier_id: Option<Uuid>,
    pub supporter_id: Option<Uuid>,
    pub invited_at: OffsetDateTime,
    /// `yes`, `maybe`, `no` (see [`Rsvp`]).
    pub response: Option<String>,
    pub guests: i64,
    pub comment: String,
    pub responded_at: Option<OffsetDateTime>,
    pub reminded_at: Option<OffsetDateTime>,
}

impl Invitation {
    pub fn answer(&self) -> Option<Rsvp> {
        self.response.as_deref().and_then(Rsvp::parse)
    }

    pub fn lang(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or_default()
    }
}

/// Whom to invite, with the email already rendered around the link whose hash is given.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    /// Lower-cased.
    pub email: String,
    pub name: String,
    pub lang: Lang,
    pub source: &'static str,
    pub dossier_id: Option<Uuid>,
    pub supporter_id: Option<Uuid>,
    pub token_hash: String,
    pub kind: &'static str,
    pub message: RenderedEmail,
}

/// A reminder to queue for an invitation, around a new link.
#[derive(Debug, Clone)]
pub struct NewReminder {
    pub invitation_id: Uuid,
    pub email: String,
    pub token_hash: String,
    pub kind: &'static str,
    pub message: RenderedEmail,
}

/// What sending invitations did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invited {
    /// New invitations, each with its email.
    pub invited: usize,
    /// Addresses already invited to the meeting: nothing written for them.
    pub already: usize,
}

/// A selected dossier whose people may be invited, with its pole if it has one.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct InvitablePole {
    pub dossier_id: Uuid,
    pub reference: String,
    pub title: String,
    /// `proposed`, `published`, `withdrawn`; none before any proposal.
    pub pole_state: Option<String>,
    /// Confirmed, active accounts of the organisation.
    pub members: i64,
}

/// A person of a selected dossier's organisation.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct PoleMember {
    pub email: String,
    pub display_name: String,
    pub lang: String,
}

/// The answer as an invitee gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer<'a> {
    pub response: Rsvp,
    pub guests: i64,
    pub comment: &'a str,
}

const EVENT_COLUMNS: &str = "id, call_id, phase_slug, title_fr, title_en, description_fr, \
     description_en, place, starts_at, ends_at, all_day, tentative, sequence, created_at, \
     updated_at";

const INVITATION_COLUMNS: &str = "id, event_id, email, name, lang, source, dossier_id, \
     supporter_id, invited_at, response, guests, comment, responded_at, reminded_at";

impl Db {
    /// Installs the call's first meeting from its calendar phase (`first-meeting`), as a whole
    /// day (or days) placed exactly like the phase, hence by the same `--call-dates` rule;
    /// nothing when the call has no such phase or the meeting is there already.
    pub async fn install_call_events(
        &self,
        call_id: Uuid,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query(
                "INSERT INTO events (id, call_id, phase_slug, title_fr, title_en, \
                 description_fr, description_en, place, starts_at, ends_at, all_day, tentative, \
                 sequence, created_at, updated_at) \
                 SELECT $1, call_id, slug, name_fr, name_en, description_fr, description_en, '', \
                 starts_at, ends_at, $2, tentative, 0, $3, $3 FROM phases \
                 WHERE call_id = $4 AND slug = $5 \
                 ON CONFLICT (call_id, phase_slug) DO NOTHING",
            )
            .bind(Uuid::now_v7())
            .bind(true)
            .bind(now)
            .bind(call_id)
            .bind(FIRST_MEETING_PHASE)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    /// The meetings of a call, in calendar order.
    pub async fn events(&self, call_id: Uuid) -> Result<Vec<Event>, sqlx::Error> {
        let sql =
            format!("SELECT {EVENT_COLUMNS} FROM events WHERE call_id = $1 ORDER BY starts_at, id");
        with_db!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(call_id).fetch_all(pool).await
        })
    }

    pub async fn event(&self, id: Uuid) -> Result<Option<Event>, sqlx::Error> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = $1");
        with_db!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })
    }

    /// Creates a meeting and records it in the audit journal; its id.
    pub async fn create_event(
        &self,
        call_id: Uuid,
        draft: &EventDraft,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Uuid, sqlx::Error> {
        let now = stored(now);
        let id = Uuid::now_v7();
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO events (id, call_id, phase_slug, title_fr, title_en, \
                 description_fr, description_en, place, starts_at, ends_at, all_day, tentative, \
                 sequence, created_at, updated_at) \
                 VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $12)",
            )
            .bind(id)
            .bind(call_id)
            .bind(&draft.title_fr)
            .bind(&draft.title_en)
            .bind(&draft.description_fr)
            .bind(&draft.description_en)
            .bind(&draft.place)
            .bind(stored(draft.schedule.starts_at))
            .bind(stored(draft.schedule.ends_at))
            .bind(draft.schedule.all_day)
            .bind(draft.tentative)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let event = AuditEvent::by(
                by,
                "meeting.created",
                client,
                json!({ "event": id, "title": draft.title_fr }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Changes a meeting (its `sequence` goes up) and records it; false if it does not exist.
    pub async fn update_event(
        &self,
        id: Uuid,
        draft: &EventDraft,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let changed = sqlx::query(
                "UPDATE events SET title_fr = $2, title_en = $3, description_fr = $4, \
                 description_en = $5, place = $6, starts_at = $7, ends_at = $8, all_day = $9, \
                 tentative = $10, sequence = sequence + 1, updated_at = $11 WHERE id = $1",
            )
            .bind(id)
            .bind(&draft.title_fr)
            .bind(&draft.title_en)
            .bind(&draft.description_fr)
            .bind(&draft.description_en)
            .bind(&draft.place)
            .bind(stored(draft.schedule.starts_at))
            .bind(stored(draft.schedule.ends_at))
            .bind(draft.schedule.all_day)
            .bind(draft.tentative)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                > 0;
            if changed {
                let event = AuditEvent::by(
                    by,
                    "meeting.updated",
                    client,
                    json!({ "event": id, "title": draft.title_fr }),
                );
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(changed)
        })
    }

    /// The invitations of a meeting, by name.
    pub async fn event_invitations(&self, event_id: Uuid) -> Result<Vec<Invitation>, sqlx::Error> {
        let sql = format!(
            "SELECT {INVITATION_COLUMNS} FROM event_invitations WHERE event_id = $1 \
             ORDER BY name, email"
        );
        with_db!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_all(pool).await
        })
    }

    /// The invitation a link leads to, by the link's hash (the invitation's or the reminder's),
    /// with its meeting.
    pub async fn invitation_by_link(
        &self,
        token_hash: &str,
    ) -> Result<Option<(Invitation, Event)>, sqlx::Error> {
        let sql = format!(
            "SELECT {INVITATION_COLUMNS} FROM event_invitations \
             WHERE token_hash = $1 OR reminder_token_hash = $1"
        );
        let invitation: Option<Invitation> = with_db!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(token_hash).fetch_optional(pool).await?
        });
        let Some(invitation) = invitation else { return Ok(None) };
        Ok(self.event(invitation.event_id).await?.map(|event| (invitation, event)))
    }

    /// Writes the invitations not written yet, each with its email, in one transaction, and
    /// records the sending (counts only) in the audit journal. An address already invited to
    /// the meeting is left as it is: no second invitation, no second email.
    pub async fn invite_to_event(
        &self,
        event_id: Uuid,
        invitations: &[NewInvitation],
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Invited, sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut invited = 0;
            for new in invitations {
                let written = sqlx::query(
                    "INSERT INTO event_invitations (id, event_id, email, name, lang, source, \
                     dossier_id, supporter_id, token_hash, invited_at, invited_by, response, \
                     guests, comment) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, 0, '') \
                     ON CONFLICT (event_id, email) DO NOTHING",
                )
                .bind(Uuid::now_v7())
                .bind(event_id)
                .bind(&new.email)
                .bind(&new.name)
                .bind(new.lang.code())
                .bind(new.source)
                .bind(new.dossier_id)
                .bind(new.supporter_id)
                .bind(&new.token_hash)
                .bind(now)
                .bind(by)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if written > 0 {
                    tx.queue_email(&new.email, new.kind, &new.message, now).await?;
                    invited += 1;
                }
            }
            let outcome = Invited { invited, already: invitations.len() - invited };
            let event = AuditEvent::by(
                by,
                "meeting.invited",
                client,
                json!({ "event": event_id, "invited": outcome.invited, "already": outcome.already }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(outcome)
        })
    }

    /// Records an invitee's answer (replacing any earlier one) while the meeting has not ended;
    /// false once it has (or for an unknown invitation).
    pub async fn answer_invitation(
        &self,
        invitation_id: Uuid,
        answer: &Answer<'_>,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query(
                "UPDATE event_invitations SET response = $2, guests = $3, comment = $4, \
                 responded_at = $5 WHERE id = $1 \
                 AND EXISTS (SELECT 1 FROM events e WHERE e.id = event_id AND e.ends_at > $5)",
            )
            .bind(invitation_id)
            .bind(answer.response.code())
            .bind(answer.guests)
            .bind(answer.comment)
            .bind(now)
            .execute(pool)
            .await
            .map(|done| done.rows_affected() > 0)
        })
    }

    /// Queues the reminders of invitations answered yes or maybe and not reminded yet, each
    /// marked in the same transaction (so a second sending, even at the same instant, adds
    /// none); records the count. Returns how many were queued.
    pub async fn remind_event(
        &self,
        event_id: Uuid,
        reminders: &[NewReminder],
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<usize, sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut queued = 0;
            for reminder in reminders {
                let claimed = sqlx::query(
                    "UPDATE event_invitations SET reminded_at = $3, reminder_token_hash = $4 \
                     WHERE id = $1 AND event_id = $2 AND reminded_at IS NULL \
                     AND response IN ('yes', 'maybe')",
                )
                .bind(reminder.invitation_id)
                .bind(event_id)
                .bind(now)
                .bind(&reminder.token_hash)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if claimed > 0 {
                    tx.queue_email(&reminder.email, reminder.kind, &reminder.message, now).await?;
                    queued += 1;
                }
            }
            let event = AuditEvent::by(
                by,
                "meeting.reminded",
                client,
                json!({ "event": event_id, "reminded": queued }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(queued)
        })
    }

    /// The selected dossiers of a call (decision released), whose people may be invited, by
    /// reference, with their pole's state and how many people would be invited.
    pub async fn invitable_poles(&self, call_id: Uuid) -> Result<Vec<InvitablePole>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT d.id AS dossier_id, d.reference, d.title, p.state AS pole_state, \
                 (SELECT COUNT(*) FROM users u WHERE u.organisation_id = d.organisation_id \
                  AND u.disabled_at IS NULL AND u.email_confirmed_at IS NOT NULL) AS members \
                 FROM dossiers d LEFT JOIN poles p ON p.dossier_id = d.id \
                 WHERE d.call_id = $1 AND d.state IN ('selected', 'selected_with_reservations') \
                 ORDER BY d.reference",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await
        })
    }

    /// The people of a selected dossier's organisation who can receive an invitation.
    pub async fn pole_members(&self, dossier_id: Uuid) -> Result<Vec<PoleMember>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT u.email, u.display_name, u.lang FROM users u \
                 JOIN dossiers d ON d.organisation_id = u.organisation_id \
                 WHERE d.id = $1 AND d.state IN ('selected', 'selected_with_reservations') \
                 AND u.disabled_at IS NULL AND u.email_confirmed_at IS NOT NULL \
                 ORDER BY u.email",
            )
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })
    }
}
