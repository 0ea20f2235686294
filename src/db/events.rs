//! Meetings of the network (rencontres) and their invitations: the first meeting installed from
//! the call's calendar, the steering group's meetings, invitations written with their emails in
//! one transaction (one per meeting and address), answers given through the personal link,
//! reminders queued at most once per invitation; a change saved only over the version it was
//! read at (with the emails telling invitees, and the call's phase moved, in the same
//! transaction), a cancellation (emails once), and the deletion of a meeting nobody was invited
//! to.

use std::future::Future;

use serde_json::json;
use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::call_settings::next_version;
use super::outbox::QueueEmail;
use super::{Db, WritePool, stored, with_db};
use crate::domain::call::PhaseDays;
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
    /// Set when the steering group cancelled it: kept, shown "Annulée", no answer taken.
    pub cancelled_at: Option<OffsetDateTime>,
}

impl Event {
    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }

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

/// An email telling an invitee of a change or of the cancellation, with its calendar file.
#[derive(Debug, Clone)]
pub struct Notice {
    pub invitation_id: Uuid,
    pub email: String,
    /// The hash of the new answer link the email carries (a change), none for a cancellation.
    pub token_hash: Option<String>,
    pub kind: &'static str,
    pub message: RenderedEmail,
    /// The `.ics` file: (file name, content type, body).
    pub calendar: (String, String, String),
}

/// A change of a meeting: the version it was read at, what it becomes, whom to tell.
#[derive(Debug, Clone, Copy)]
pub struct EventChange<'a> {
    /// The meeting's `sequence` the form was read at.
    pub expected: i64,
    pub draft: &'a EventDraft,
    pub notices: &'a [Notice],
}

/// What a guarded change of a meeting did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventSaved {
    /// Written; how many invitees were emailed.
    Done {
        notified: usize,
    },
    /// Someone changed (or cancelled) the meeting since the version the form was read at:
    /// nothing written. The meeting as it is now.
    Conflict {
        current: Box<Event>,
    },
    Missing,
}

/// What cancelling a meeting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancelled {
    /// Cancelled now; how many invitees were emailed.
    Done {
        notified: usize,
    },
    /// It was cancelled already: nothing written, nobody emailed again.
    Already,
    Missing,
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
     updated_at, cancelled_at";

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

    /// Changes a meeting if it is still at `expected` (its `sequence`, which every change
    /// bumps) and not cancelled. Side effects in one transaction: the meeting (sequence up), each
    /// notice queued with its `.ics` to an invitee who has not declined (its new answer link
    /// stored), the call's phase it was installed from moved to its days (and the call's
    /// version bumped, so an open calendar page cannot overwrite it), `meeting.updated`.
    pub async fn update_event(
        &self,
        id: Uuid,
        change: &EventChange<'_>,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<EventSaved, sqlx::Error> {
        let EventChange { expected, draft, notices } = *change;
        let now = stored(now);
        let current_sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = $1");
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let changed = sqlx::query(
                "UPDATE events SET title_fr = $2, title_en = $3, description_fr = $4, \
                 description_en = $5, place = $6, starts_at = $7, ends_at = $8, all_day = $9, \
                 tentative = $10, sequence = sequence + 1, updated_at = $11 \
                 WHERE id = $1 AND sequence = $12 AND cancelled_at IS NULL",
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
            .bind(expected)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                > 0;
            if !changed {
                let current: Option<Event> = sqlx::query_as(sqlx::AssertSqlSafe(current_sql))
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                tx.commit().await?;
                return Ok(match current {
                    Some(current) => EventSaved::Conflict { current: Box::new(current) },
                    None => EventSaved::Missing,
                });
            }
            let (call_id, phase): (Uuid, Option<String>) =
                sqlx::query_as("SELECT call_id, phase_slug FROM events WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            if let Some(slug) = phase {
                // The phase takes the meeting's whole days; the call's version moves only when
                // the calendar really changed.
                let (starts_at, ends_at) = draft.schedule.phase_span();
                let (starts_at, ends_at) = (stored(starts_at), stored(ends_at));
                let moved = sqlx::query(
                    "UPDATE phases SET starts_at = $3, ends_at = $4, tentative = $5 \
                     WHERE call_id = $1 AND slug = $2 \
                     AND (starts_at <> $3 OR ends_at <> $4 OR tentative <> $5)",
                )
                .bind(call_id)
                .bind(&slug)
                .bind(starts_at)
                .bind(ends_at)
                .bind(draft.tentative)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if moved > 0 {
                    let version: OffsetDateTime =
                        sqlx::query_scalar("SELECT updated_at FROM calls WHERE id = $1")
                            .bind(call_id)
                            .fetch_one(&mut *tx)
                            .await?;
                    sqlx::query("UPDATE calls SET updated_at = $2 WHERE id = $1")
                        .bind(call_id)
                        .bind(next_version(version, now))
                        .execute(&mut *tx)
                        .await?;
                }
            }
            let mut notified = 0;
            for notice in notices {
                let claimed = sqlx::query(
                    "UPDATE event_invitations SET update_token_hash = $3 \
                     WHERE id = $1 AND event_id = $2 AND (response IS NULL OR response <> 'no')",
                )
                .bind(notice.invitation_id)
                .bind(id)
                .bind(notice.token_hash.as_deref())
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if claimed > 0 {
                    queue_notice(&mut tx, notice, now).await?;
                    notified += 1;
                }
            }
            let event = AuditEvent::by(
                by,
                "meeting.updated",
                client,
                json!({ "event": id, "title": draft.title_fr, "notified": notified }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(EventSaved::Done { notified })
        })
    }

    /// Cancels a meeting that is not cancelled yet. Side effects in one transaction: the
    /// meeting marked cancelled (sequence up; kept, its page says so, its links take no more
    /// answers), each notice queued with its `.ics` to an invitee who has not declined,
    /// `meeting.cancelled`. A second cancellation writes and sends nothing.
    pub async fn cancel_event(
        &self,
        id: Uuid,
        notices: &[Notice],
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<Cancelled, sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE events SET cancelled_at = $2, cancelled_by = $3, sequence = sequence + 1, \
                 updated_at = $2 WHERE id = $1 AND cancelled_at IS NULL",
            )
            .bind(id)
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if done == 0 {
                let there: Option<Uuid> = sqlx::query_scalar("SELECT id FROM events WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                tx.commit().await?;
                return Ok(if there.is_some() { Cancelled::Already } else { Cancelled::Missing });
            }
            let mut notified = 0;
            for notice in notices {
                let open: Option<Uuid> = sqlx::query_scalar(
                    "SELECT id FROM event_invitations WHERE id = $1 AND event_id = $2 \
                     AND (response IS NULL OR response <> 'no')",
                )
                .bind(notice.invitation_id)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                if open.is_some() {
                    queue_notice(&mut tx, notice, now).await?;
                    notified += 1;
                }
            }
            let title: String = sqlx::query_scalar("SELECT title_fr FROM events WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            let event = AuditEvent::by(
                by,
                "meeting.cancelled",
                client,
                json!({ "event": id, "title": title, "notified": notified }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(Cancelled::Done { notified })
        })
    }

    /// Deletes a meeting nobody was invited to and that the call's calendar did not install
    /// (installing the call would bring that one back), with `meeting.deleted`; false (nothing
    /// written) otherwise.
    pub async fn delete_event(
        &self,
        id: Uuid,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let title: Option<String> = sqlx::query_scalar(
                "DELETE FROM events WHERE id = $1 AND phase_slug IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM event_invitations i WHERE i.event_id = $1) \
                 RETURNING title_fr",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(title) = title else {
                tx.commit().await?;
                return Ok(false);
            };
            let event =
                AuditEvent::by(by, "meeting.deleted", client, json!({ "event": id, "title": title }));
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(true)
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
             WHERE token_hash = $1 OR reminder_token_hash = $1 OR update_token_hash = $1"
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
            // A cancelled meeting invites nobody (the page offers no invitation any more).
            let open: Option<Uuid> = sqlx::query_scalar(
                "SELECT id FROM events WHERE id = $1 AND cancelled_at IS NULL",
            )
            .bind(event_id)
            .fetch_optional(&mut *tx)
            .await?;
            let invitations = if open.is_some() { invitations } else { &[] };
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

    /// Records an invitee's answer (replacing any earlier one) while the meeting has not ended
    /// and is not cancelled; false otherwise (or for an unknown invitation).
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
                 AND EXISTS (SELECT 1 FROM events e WHERE e.id = event_id AND e.ends_at > $5 \
                 AND e.cancelled_at IS NULL)",
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
                     AND response IN ('yes', 'maybe') \
                     AND EXISTS (SELECT 1 FROM events e WHERE e.id = $2 \
                     AND e.cancelled_at IS NULL)",
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

/// Queues a change or cancellation email with its calendar file, in the caller's transaction.
async fn queue_notice<T: QueueEmail + AttachFile>(
    tx: &mut T,
    notice: &Notice,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let outbox_id = tx.queue_email(&notice.email, notice.kind, &notice.message, now).await?;
    let (filename, content_type, body) = &notice.calendar;
    tx.attach(outbox_id, filename, content_type, body.as_bytes()).await
}

/// Attaches a file to a queued email, in the caller's transaction.
pub trait AttachFile {
    fn attach(
        &mut self,
        outbox_id: Uuid,
        filename: &str,
        content_type: &str,
        data: &[u8],
    ) -> impl Future<Output = Result<(), sqlx::Error>> + Send;
}

/// Moves the meeting installed from a calendar phase with it, in the caller's transaction
/// (the call's calendar settings save): see [`Schedule::follow_phase`].
pub trait FollowPhase {
    /// Moves the meeting of `call_id` installed from `phase` (not cancelled) to its new days
    /// and confirmation, its `sequence` up (so an open edit form of it gets a conflict); does
    /// nothing when the meeting already matches. Returns whether it moved.
    fn move_phase_meeting(
        &mut self,
        call_id: Uuid,
        phase: &PhaseDays,
        now: OffsetDateTime,
    ) -> impl Future<Output = Result<bool, sqlx::Error>> + Send;
}

macro_rules! in_transactions {
    ($($database:ty),+) => {$(
        impl AttachFile for sqlx::Transaction<'_, $database> {
            fn attach(
                &mut self,
                outbox_id: Uuid,
                filename: &str,
                content_type: &str,
                data: &[u8],
            ) -> impl Future<Output = Result<(), sqlx::Error>> + Send {
                async move {
                    sqlx::query(
                        "INSERT INTO outbox_attachments (outbox_id, position, filename, \
                         content_type, data) VALUES ($1, 0, $2, $3, $4)",
                    )
                    .bind(outbox_id)
                    .bind(filename)
                    .bind(content_type)
                    .bind(data)
                    .execute(&mut **self)
                    .await
                    .map(|_| ())
                }
            }
        }

        impl FollowPhase for sqlx::Transaction<'_, $database> {
            fn move_phase_meeting(
                &mut self,
                call_id: Uuid,
                phase: &PhaseDays,
                now: OffsetDateTime,
            ) -> impl Future<Output = Result<bool, sqlx::Error>> + Send {
                async move {
                    let found: Option<(Uuid, OffsetDateTime, OffsetDateTime, bool, bool)> =
                        sqlx::query_as(
                            "SELECT id, starts_at, ends_at, all_day, tentative FROM events \
                             WHERE call_id = $1 AND phase_slug = $2 AND cancelled_at IS NULL",
                        )
                        .bind(call_id)
                        .bind(&phase.slug)
                        .fetch_optional(&mut **self)
                        .await?;
                    let Some((id, starts_at, ends_at, all_day, tentative)) = found else {
                        return Ok(false);
                    };
                    let schedule = Schedule { starts_at, ends_at, all_day };
                    let moved = schedule.follow_phase(phase.first, phase.last);
                    if moved == schedule && tentative == phase.tentative {
                        return Ok(false);
                    }
                    sqlx::query(
                        "UPDATE events SET starts_at = $2, ends_at = $3, all_day = $4, \
                         tentative = $5, sequence = sequence + 1, updated_at = $6 WHERE id = $1",
                    )
                    .bind(id)
                    .bind(stored(moved.starts_at))
                    .bind(stored(moved.ends_at))
                    .bind(moved.all_day)
                    .bind(phase.tentative)
                    .bind(stored(now))
                    .execute(&mut **self)
                    .await?;
                    Ok(true)
                }
            }
        }
    )+};
}

in_transactions!(sqlx::Sqlite, sqlx::Postgres);
