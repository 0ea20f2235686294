//! `/poles/{slug}`: a published pole's public page — only the groups its people made public,
//! as the steering group published them. Unknown, unpublished or withdrawn: 404, never a
//! dossier's data. The view of a pole's content is shared with the publication form's preview
//! and the back office's versions.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;

use crate::app::AppState;
use crate::domain::call::Call;
use crate::domain::form::{Choice, FormSchema};
use crate::domain::lang::Lang;
use crate::domain::pole::PoleContent;
use crate::domain::territory::{Gazetteer, InseeCode};
use crate::i18n;
use crate::web::error::AppError;
use crate::web::page::Page;

/// A pole's content as shown: every code turned into its label, empty groups left out.
pub struct PoleView {
    pub name: String,
    pub acronym: String,
    pub track: String,
    pub year: i32,
    /// "Romans-sur-Isère (26 — Drôme)".
    pub place: String,
    /// "Drôme · Rhône-Alpes (2011) · Auvergne-Rhône-Alpes".
    pub areas: String,
    pub communes: Vec<String>,
    pub description: String,
    /// (name, category label).
    pub members: Vec<(String, String)>,
    pub sectors: Vec<String>,
    pub profile: String,
    pub mutualisations: Vec<String>,
    pub website: String,
    pub contact_name: String,
    pub contact_email: String,
}

/// The option labels of a track's current form (sectors, profiles, member categories,
/// mutualisations): the codes a pole's content holds are the form's option values.
async fn schema_of(
    app: &AppState,
    call: &Call,
    track: &str,
) -> Result<Option<std::sync::Arc<FormSchema>>, AppError> {
    let Some(revision) = app.db.current_form(call.id, track).await? else { return Ok(None) };
    Ok(Some(crate::dossiers::forms::schema(app, revision.id).await?))
}

/// The view of a pole's content in `lang`.
pub async fn pole_view(
    app: &AppState,
    call: &Call,
    lang: Lang,
    content: &PoleContent,
) -> Result<PoleView, AppError> {
    let schema = schema_of(app, call, &content.track).await?;
    let networks = Choice::from_networks(&call.networks);
    let ctx = crate::dossiers::context(&networks, OffsetDateTime::now_utc());
    // A path per field where the two tracks differ (members of track A, intended members of B).
    let label = |paths: &[&str], value: &str| {
        schema
            .as_ref()
            .and_then(|s| paths.iter().find_map(|path| s.field_at(path)))
            .and_then(|f| f.choices(&ctx).into_iter().find(|c| c.value == value))
            .map_or_else(|| value.to_owned(), |c| c.label.get(lang).to_owned())
    };
    let places = Gazetteer::global();
    let commune = |code: &str| InseeCode::parse(code).ok().and_then(|c| places.commune(&c));
    let lead = commune(&content.lead_commune);
    let place = lead.map_or_else(String::new, |c| {
        format!("{} ({} — {})", c.name(), c.department().code(), c.department().name())
    });
    let areas = lead.map_or_else(String::new, |c| {
        format!(
            "{} · {} ({}) · {}",
            c.department().name(),
            c.region_2011().name(),
            i18n::t(lang, "poles-region-2011"),
            c.region().name()
        )
    });
    let track = call
        .tracks
        .iter()
        .find(|t| t.slug == content.track)
        .map_or_else(|| content.track.clone(), |t| t.name.get(lang).to_owned());
    Ok(PoleView {
        name: content.name.clone(),
        acronym: content.acronym.clone(),
        track,
        year: content.year,
        place,
        areas,
        communes: content
            .communes
            .iter()
            .filter_map(|code| commune(code))
            .map(|c| format!("{} ({})", c.name(), c.department().code()))
            .collect(),
        description: content.description.clone(),
        members: content
            .members
            .iter()
            .map(|m| {
                (
                    m.name.clone(),
                    if m.category.is_empty() {
                        String::new()
                    } else {
                        label(&["members.0.category", "intended_members.0.category"], &m.category)
                    },
                )
            })
            .collect(),
        sectors: content.sectors.iter().map(|s| label(&["sectors"], s)).collect(),
        profile: if content.profile.is_empty() {
            String::new()
        } else {
            label(&["profile"], &content.profile)
        },
        mutualisations: content
            .mutualisations
            .iter()
            .map(|m| label(&["mutualisations"], m))
            .collect(),
        website: content.website.clone(),
        contact_name: content.contact_name.clone(),
        contact_email: content.contact_email.clone(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/pole.html")]
pub struct PolePage {
    page: Page,
    pole: PoleView,
    published_at: String,
    /// "3 soutiens confirmés."
    supporters_text: String,
    supporters: Vec<crate::web::handlers::public::supporters::SupporterLine>,
    /// The indicators of its submitted period reports (progress approach).
    progress: crate::progress::view::IndicatorsView,
}

/// `GET /poles/{slug}`.
pub async fn page(
    State(app): State<AppState>,
    page: Page,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let pole = app.db.published_pole(&slug).await?.ok_or(AppError::NotFound)?;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let lang = page.lang;
    let view = pole_view(&app, &call.call, lang, &pole.content.0).await?;
    let published_at = pole.updated_at;
    let (count, supporters) =
        crate::web::handlers::public::supporters::of_pole(&app, &page, &pole).await?;
    let supporters_text = i18n::t_args(
        lang,
        "poles-supporters-count",
        &[("count", fluent_templates::fluent_bundle::FluentValue::from(count))],
    );
    let progress = crate::progress::view::pole_section(&app, &pole, lang).await?;
    Ok(PolePage {
        progress,
        pole: view,
        published_at: i18n::date(lang, published_at.date()),
        supporters_text,
        supporters,
        page,
    }
    .into_response())
}
