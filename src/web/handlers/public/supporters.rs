//! `/soutiens`: the support network in public — the confirmed expressions of interest and
//! support (form C) counted by kind of supporter and by region (2011 and today), and the list of
//! those who agreed to appear, with the pole they support when that pole is published (a
//! dossier not published stays unnamed). A pole's page lists its own supporters the same way.

use askama::Template;
use askama_web::WebTemplate;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::poles::Pole;
use crate::supporters::{self, PublicSupporter, Tally};
use crate::web::error::AppError;
use crate::web::page::Page;

/// A supporter of the public list, with the pole they support as a link when published.
pub struct SupporterLine {
    pub name: String,
    pub organisation: String,
    pub kind: String,
    pub commune: String,
    /// (page, name) of the published pole supported.
    pub pole: Option<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/supporters.html")]
pub struct SupportersPage {
    page: Page,
    total: i64,
    /// "12 expressions confirmées".
    total_text: String,
    /// (caption, id, rows).
    tables: Vec<(String, &'static str, Vec<Tally>)>,
    lines: Vec<SupporterLine>,
}

/// The public supporters of the current call, and the published poles (to link them).
async fn public_list(
    app: &AppState,
    page: &Page,
) -> Result<(supporters::Tallies, Vec<PublicSupporter>, Vec<Pole>), AppError> {
    let form = supporters::interest_form(app).await?;
    let ctx = form.context(OffsetDateTime::now_utc());
    let all = app.db.supporters(form.call_id).await?;
    let unknown = page.t("supporters-public-unknown-place");
    let tallies = supporters::tally(&all, &form.schema, &ctx, page.lang, &unknown);
    let listed = supporters::public_supporters(&all, &form.schema, &ctx, page.lang);
    let poles = app.db.published_poles(form.call_id).await?;
    Ok((tallies, listed, poles))
}

fn line(s: PublicSupporter, poles: &[Pole]) -> SupporterLine {
    let pole = Uuid::parse_str(&s.target)
        .ok()
        .and_then(|id| poles.iter().find(|p| p.dossier_id == id))
        .map(|p| (format!("/poles/{}", p.slug), p.content.0.name.clone()));
    SupporterLine {
        name: s.name,
        organisation: s.organisation,
        kind: s.kind,
        commune: s.commune,
        pole,
    }
}

/// `GET /soutiens`.
pub async fn page(
    axum::extract::State(app): axum::extract::State<AppState>,
    page: Page,
) -> Result<SupportersPage, AppError> {
    let (tallies, listed, poles) = public_list(&app, &page).await?;
    let total: i64 = tallies.by_kind.iter().map(|t| t.count).sum();
    let total_text = crate::i18n::t_args(
        page.lang,
        "supporters-public-total",
        &[("count", fluent_templates::fluent_bundle::FluentValue::from(total))],
    );
    Ok(SupportersPage {
        total,
        total_text,
        tables: vec![
            (page.t("supporters-public-by-kind"), "by-kind", tallies.by_kind),
            (page.t("supporters-public-by-region"), "by-region", tallies.by_region),
            (page.t("supporters-public-by-region-2011"), "by-region-2011", tallies.by_region_2011),
        ],
        lines: listed.into_iter().map(|s| line(s, &poles)).collect(),
        page,
    })
}

/// The supporters of one pole for its page: how many confirmed expressions support it, and
/// those who agreed to appear.
pub async fn of_pole(
    app: &AppState,
    page: &Page,
    pole: &Pole,
) -> Result<(i64, Vec<SupporterLine>), AppError> {
    let form = supporters::interest_form(app).await?;
    let ctx = form.context(OffsetDateTime::now_utc());
    let target = pole.dossier_id.to_string();
    let all: Vec<_> = app
        .db
        .supporters(form.call_id)
        .await?
        .into_iter()
        .filter(|s| s.target == target && s.confirmed_at.is_some())
        .collect();
    let listed = supporters::public_supporters(&all, &form.schema, &ctx, page.lang);
    let lines = listed.into_iter().map(|s| SupporterLine { pole: None, ..line(s, &[]) }).collect();
    Ok((all.len() as i64, lines))
}
