//! Calls: installing a call template and reading the published call.

use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Db, WritePool, with_db};
use crate::domain::call::{Call, CallDates, CallTemplate, PartnerNetwork, Phase, Section, Track};
use crate::domain::lang::Localized;

/// What installing a call template did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// The call was written with its calendar placed as asked.
    New { id: Uuid },
    /// A call with the same slug was already there; nothing changed. Its calendar keeps the
    /// placement it was installed with.
    AlreadyThere { id: Uuid, dates: CallDates },
}

#[derive(FromRow)]
struct CallRow {
    id: Uuid,
    slug: String,
    year: i64,
    title_fr: String,
    title_en: String,
    tagline_fr: String,
    tagline_en: String,
    summary_fr: String,
    summary_en: String,
    dates_mode: String,
}

#[derive(FromRow)]
struct SectionRow {
    slug: String,
    title_fr: String,
    title_en: String,
    body_fr: String,
    body_en: String,
}

#[derive(FromRow)]
struct NetworkRow {
    slug: String,
    name_fr: String,
    name_en: String,
    description_fr: String,
    description_en: String,
    referent_name: String,
    referent_email: String,
}

#[derive(FromRow)]
struct TrackRow {
    slug: String,
    name_fr: String,
    name_en: String,
    description_fr: String,
    description_en: String,
    quota: Option<i64>,
    account_required: bool,
}

#[derive(FromRow)]
struct PhaseRow {
    slug: String,
    name_fr: String,
    name_en: String,
    description_fr: String,
    description_en: String,
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    tentative: bool,
}

impl Db {
    /// Installs a call template unless a call with its slug exists, in one transaction: the call,
    /// its sections, its partner networks (created if new, shared across calls otherwise), its
    /// tracks and its calendar placed by `dates` relative to `now`.
    pub async fn install_call(
        &self,
        template: &CallTemplate,
        dates: CallDates,
        now: OffsetDateTime,
    ) -> anyhow::Result<Installed> {
        let phases = template.place_phases(dates, now)?;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let existing: Option<(Uuid, String)> =
                sqlx::query_as("SELECT id, dates_mode FROM calls WHERE slug = $1")
                    .bind(&template.slug)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some((id, mode)) = existing {
                tx.commit().await?;
                self.install_default_forms(id, template, now).await?;
                // A call installed before meetings existed gets its first one now.
                self.install_call_events(id, now).await?;
                let dates = CallDates::parse(&mode).unwrap_or(CallDates::Shifted);
                return Ok(Installed::AlreadyThere { id, dates });
            }
            let call_id = Uuid::now_v7();
            sqlx::query(
                "INSERT INTO calls (id, slug, year, title_fr, title_en, tagline_fr, tagline_en, \
                 summary_fr, summary_en, dates_mode, published, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
            )
            .bind(call_id)
            .bind(&template.slug)
            .bind(i64::from(template.year))
            .bind(&template.title.fr)
            .bind(&template.title.en)
            .bind(&template.tagline.fr)
            .bind(&template.tagline.en)
            .bind(&template.summary.fr)
            .bind(&template.summary.en)
            .bind(dates.code())
            .bind(true)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            for (position, section) in (0_i64..).zip(&template.sections) {
                sqlx::query(
                    "INSERT INTO call_sections (id, call_id, position, slug, title_fr, title_en, \
                     body_fr, body_en) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(Uuid::now_v7())
                .bind(call_id)
                .bind(position)
                .bind(&section.slug)
                .bind(&section.title.fr)
                .bind(&section.title.en)
                .bind(&section.body.fr)
                .bind(&section.body.en)
                .execute(&mut *tx)
                .await?;
            }
            for (position, network) in (0_i64..).zip(&template.networks) {
                sqlx::query(
                    "INSERT INTO networks (id, slug, name_fr, name_en, description_fr, \
                     description_en) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING",
                )
                .bind(Uuid::now_v7())
                .bind(&network.slug)
                .bind(&network.name.fr)
                .bind(&network.name.en)
                .bind(&network.description.fr)
                .bind(&network.description.en)
                .execute(&mut *tx)
                .await?;
                let network_id: Uuid = sqlx::query_scalar("SELECT id FROM networks WHERE slug = $1")
                    .bind(&network.slug)
                    .fetch_one(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO call_networks (call_id, network_id, position, referent_name, \
                     referent_email) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(call_id)
                .bind(network_id)
                .bind(position)
                .bind(&network.referent)
                .bind(&network.email)
                .execute(&mut *tx)
                .await?;
            }
            for (position, track) in (0_i64..).zip(&template.tracks) {
                sqlx::query(
                    "INSERT INTO tracks (id, call_id, position, slug, name_fr, name_en, \
                     description_fr, description_en, quota, account_required) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(Uuid::now_v7())
                .bind(call_id)
                .bind(position)
                .bind(&track.slug)
                .bind(&track.name.fr)
                .bind(&track.name.en)
                .bind(&track.description.fr)
                .bind(&track.description.en)
                .bind(track.quota)
                .bind(track.account_required)
                .execute(&mut *tx)
                .await?;
            }
            for (position, phase) in (0_i64..).zip(&phases) {
                sqlx::query(
                    "INSERT INTO phases (id, call_id, position, slug, name_fr, name_en, \
                     description_fr, description_en, starts_at, ends_at, tentative) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                )
                .bind(Uuid::now_v7())
                .bind(call_id)
                .bind(position)
                .bind(&phase.slug)
                .bind(&phase.name.fr)
                .bind(&phase.name.en)
                .bind(&phase.description.fr)
                .bind(&phase.description.en)
                .bind(phase.starts_at)
                .bind(phase.ends_at)
                .bind(phase.tentative)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            self.install_default_forms(call_id, template, now).await?;
            // The first meeting, from its phase as just placed (src/db/events.rs).
            self.install_call_events(call_id, now).await?;
            Ok(Installed::New { id: call_id })
        })
    }

    /// Publishes the shipped default form of each of the call's tracks that has none yet
    /// (`data/forms/<track>.toml`); a track whose form the steering group already published is
    /// left alone.
    pub async fn install_default_forms(
        &self,
        call_id: Uuid,
        template: &CallTemplate,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        for track in &template.tracks {
            let Some(source) = crate::domain::form::default_source(&track.slug) else {
                continue;
            };
            if self.current_form(call_id, &track.slug).await?.is_none() {
                self.publish_form(call_id, &track.slug, source, None, now).await?;
            }
        }
        Ok(())
    }

    /// The call the public pages show: the most recently created published call.
    pub async fn current_call(&self) -> Result<Option<Call>, sqlx::Error> {
        with_db!(self, pool => {
            let Some(call): Option<CallRow> = sqlx::query_as(
                "SELECT id, slug, year, title_fr, title_en, tagline_fr, tagline_en, summary_fr, \
                 summary_en, dates_mode FROM calls WHERE published ORDER BY created_at DESC, id DESC \
                 LIMIT 1",
            )
            .fetch_optional(pool)
            .await?
            else {
                return Ok(None);
            };
            let sections: Vec<SectionRow> = sqlx::query_as(
                "SELECT slug, title_fr, title_en, body_fr, body_en FROM call_sections \
                 WHERE call_id = $1 ORDER BY position",
            )
            .bind(call.id)
            .fetch_all(pool)
            .await?;
            let networks: Vec<NetworkRow> = sqlx::query_as(
                "SELECT n.slug, n.name_fr, n.name_en, n.description_fr, n.description_en, \
                 cn.referent_name, cn.referent_email FROM call_networks cn \
                 JOIN networks n ON n.id = cn.network_id WHERE cn.call_id = $1 ORDER BY cn.position",
            )
            .bind(call.id)
            .fetch_all(pool)
            .await?;
            let tracks: Vec<TrackRow> = sqlx::query_as(
                "SELECT slug, name_fr, name_en, description_fr, description_en, quota, \
                 account_required FROM tracks WHERE call_id = $1 ORDER BY position",
            )
            .bind(call.id)
            .fetch_all(pool)
            .await?;
            let phases: Vec<PhaseRow> = sqlx::query_as(
                "SELECT slug, name_fr, name_en, description_fr, description_en, starts_at, \
                 ends_at, tentative FROM phases WHERE call_id = $1 ORDER BY starts_at, position",
            )
            .bind(call.id)
            .fetch_all(pool)
            .await?;
            Ok(Some(assemble(call, sections, networks, tracks, phases)))
        })
    }
}

fn assemble(
    call: CallRow,
    sections: Vec<SectionRow>,
    networks: Vec<NetworkRow>,
    tracks: Vec<TrackRow>,
    phases: Vec<PhaseRow>,
) -> Call {
    Call {
        id: call.id,
        slug: call.slug,
        year: i32::try_from(call.year).unwrap_or_default(),
        title: Localized::new(call.title_fr, call.title_en),
        tagline: Localized::new(call.tagline_fr, call.tagline_en),
        summary: Localized::new(call.summary_fr, call.summary_en),
        dates: CallDates::parse(&call.dates_mode).unwrap_or(CallDates::Shifted),
        sections: sections
            .into_iter()
            .map(|s| Section {
                slug: s.slug,
                title: Localized::new(s.title_fr, s.title_en),
                body: Localized::new(s.body_fr, s.body_en),
            })
            .collect(),
        networks: networks
            .into_iter()
            .map(|n| PartnerNetwork {
                slug: n.slug,
                name: Localized::new(n.name_fr, n.name_en),
                description: Localized::new(n.description_fr, n.description_en),
                referent: n.referent_name,
                email: n.referent_email,
            })
            .collect(),
        tracks: tracks
            .into_iter()
            .map(|t| Track {
                slug: t.slug,
                name: Localized::new(t.name_fr, t.name_en),
                description: Localized::new(t.description_fr, t.description_en),
                quota: t.quota,
                account_required: t.account_required,
            })
            .collect(),
        phases: phases
            .into_iter()
            .map(|p| Phase {
                slug: p.slug,
                name: Localized::new(p.name_fr, p.name_en),
                description: Localized::new(p.description_fr, p.description_en),
                starts_at: p.starts_at,
                ends_at: p.ends_at,
                tentative: p.tentative,
            })
            .collect(),
    }
}
