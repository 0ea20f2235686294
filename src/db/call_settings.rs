//! Changes the steering group makes to the installed call — its texts, calendar and tracks —
//! each guarded by the call's `updated_at`, so that two people editing at once never silently
//! overwrite each other, and each recorded in the audit log in the same transaction.

use time::{Duration, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::events::FollowPhase;
use super::{Db, WritePool, with_db};
use crate::domain::call::{PhaseDays, Section};
use crate::domain::lang::Localized;

/// The public texts of a call; sections are matched by slug (the set of sections is the
/// template's: they are edited, never added or removed here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallTexts {
    pub title: Localized,
    pub tagline: Localized,
    pub summary: Localized,
    pub sections: Vec<Section>,
}

/// What the steering group sets of a track; matched by slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackSettings {
    pub slug: String,
    pub name: Localized,
    pub description: Localized,
    /// `None`: no target number.
    pub quota: Option<i64>,
}

/// What a guarded save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Written; the call's new version.
    Done { version: OffsetDateTime },
    /// Someone changed the call since the version the page was read at: nothing written. The
    /// call's version now.
    Conflict { version: OffsetDateTime },
}

/// One part of the call to write under the version guard.
#[derive(Debug, Clone, Copy)]
pub enum CallChange<'a> {
    /// The texts of the call and of its sections.
    Texts(&'a CallTexts),
    /// The days of its phases, by slug.
    Calendar(&'a [PhaseDays]),
    /// The names, descriptions and quotas of its tracks, by slug.
    Tracks(&'a [TrackSettings]),
}

/// A version after `previous`: the moment of the save in whole UTC seconds (SQLite compares
/// instants as text), at least one second later than `previous` so that two saves in the same
/// second still differ.
pub(super) fn next_version(previous: OffsetDateTime, now: OffsetDateTime) -> OffsetDateTime {
    let now = now.to_offset(UtcOffset::UTC);
    let now = now.replace_nanosecond(0).unwrap_or(now);
    let after = (previous + Duration::SECOND).to_offset(UtcOffset::UTC);
    let after = after.replace_nanosecond(0).unwrap_or(after);
    now.max(after)
}

impl Db {
    /// The call's version: when it was last changed (its `updated_at`). Read it *before* the
    /// call itself, so that a change in between makes the next save a conflict, never a loss.
    pub async fn call_version(&self, call_id: Uuid) -> Result<Option<OffsetDateTime>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar("SELECT updated_at FROM calls WHERE id = $1")
                .bind(call_id)
                .fetch_optional(pool)
                .await
        })
    }

    /// Saves one part of the call if the call is still at version `expected`. Side effects in
    /// one transaction: the part (the call and its sections, the phases — and the meeting
    /// installed from a phase, moved with it — or the tracks), the call's new version, the
    /// audit `event`.
    pub async fn save_call_change(
        &self,
        call_id: Uuid,
        expected: OffsetDateTime,
        change: CallChange<'_>,
        event: &AuditEvent<'_>,
        now: OffsetDateTime,
    ) -> Result<Saved, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // Takes the row lock first (PostgreSQL; SQLite's BEGIN IMMEDIATE already holds the
            // write lock), so that the version read next cannot change before the commit.
            sqlx::query("UPDATE calls SET updated_at = updated_at WHERE id = $1")
                .bind(call_id)
                .execute(&mut *tx)
                .await?;
            let current: OffsetDateTime =
                sqlx::query_scalar("SELECT updated_at FROM calls WHERE id = $1")
                    .bind(call_id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(sqlx::Error::RowNotFound)?;
            if current != expected {
                return Ok(Saved::Conflict { version: current });
            }
            let version = next_version(current, now);
            match change {
                CallChange::Texts(texts) => {
                    sqlx::query(
                        "UPDATE calls SET title_fr = $2, title_en = $3, tagline_fr = $4, \
                         tagline_en = $5, summary_fr = $6, summary_en = $7, updated_at = $8 \
                         WHERE id = $1",
                    )
                    .bind(call_id)
                    .bind(&texts.title.fr)
                    .bind(&texts.title.en)
                    .bind(&texts.tagline.fr)
                    .bind(&texts.tagline.en)
                    .bind(&texts.summary.fr)
                    .bind(&texts.summary.en)
                    .bind(version)
                    .execute(&mut *tx)
                    .await?;
                    for section in &texts.sections {
                        sqlx::query(
                            "UPDATE call_sections SET title_fr = $3, title_en = $4, \
                             body_fr = $5, body_en = $6 WHERE call_id = $1 AND slug = $2",
                        )
                        .bind(call_id)
                        .bind(&section.slug)
                        .bind(&section.title.fr)
                        .bind(&section.title.en)
                        .bind(&section.body.fr)
                        .bind(&section.body.en)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                CallChange::Calendar(phases) => {
                    for phase in phases {
                        sqlx::query(
                            "UPDATE phases SET starts_at = $3, ends_at = $4, tentative = $5 \
                             WHERE call_id = $1 AND slug = $2",
                        )
                        .bind(call_id)
                        .bind(&phase.slug)
                        .bind(phase.starts_at)
                        .bind(phase.ends_at)
                        .bind(phase.tentative)
                        .execute(&mut *tx)
                        .await?;
                        // The meeting installed from this phase (the first meeting) moves with
                        // it: one truth for the calendar and the meeting (src/db/events.rs).
                        tx.move_phase_meeting(call_id, phase, now).await?;
                    }
                }
                CallChange::Tracks(tracks) => {
                    for track in tracks {
                        sqlx::query(
                            "UPDATE tracks SET name_fr = $3, name_en = $4, description_fr = $5, \
                             description_en = $6, quota = $7 WHERE call_id = $1 AND slug = $2",
                        )
                        .bind(call_id)
                        .bind(&track.slug)
                        .bind(&track.name.fr)
                        .bind(&track.name.en)
                        .bind(&track.description.fr)
                        .bind(&track.description.en)
                        .bind(track.quota)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
            }
            sqlx::query("UPDATE calls SET updated_at = $2 WHERE id = $1")
                .bind(call_id)
                .bind(version)
                .execute(&mut *tx)
                .await?;
            tx.audit(event, now).await?;
            tx.commit().await?;
            Ok(Saved::Done { version })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_new_version_is_the_save_time_in_whole_seconds() {
        assert_eq!(
            next_version(datetime!(2026-11-27 10:00 UTC), datetime!(2026-11-27 11:30:15.75 UTC)),
            datetime!(2026-11-27 11:30:15 UTC)
        );
    }

    #[test]
    fn two_saves_in_the_same_second_still_make_two_versions() {
        let first = datetime!(2026-11-27 11:30:15 UTC);
        assert_eq!(
            next_version(first, datetime!(2026-11-27 11:30:15.5 UTC)),
            datetime!(2026-11-27 11:30:16 UTC)
        );
    }
}
