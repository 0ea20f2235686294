//! Promotion pages anyone can read: a published pole's one-page presentation
//! (`/poles/{slug}/fiche.pdf`; unknown, unpublished or withdrawn → 404), the network's
//! (`/annuaire/reseau.pdf`), and the call's partners (`/partenaires`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;

use crate::app::AppState;
use crate::db::poles::Pole;
use crate::domain::lang::Lang;
use crate::domain::partner::PartnerKind;
use crate::domain::territory::{Commune, Gazetteer, InseeCode};
use crate::i18n;
use crate::promotion::{self, NetworkPole, NetworkTexts, PoleSheet};
use crate::web::error::AppError;
use crate::web::handlers::public::poles::pole_view;
use crate::web::page::Page;

fn commune(code: &str) -> Option<&'static Commune> {
    InseeCode::parse(code).ok().and_then(|c| Gazetteer::global().commune(&c))
}

/// Where a pole is on the map: the point it placed itself, else its lead commune's.
fn point_of(pole: &Pole) -> Option<(f64, f64)> {
    pole.latitude
        .zip(pole.longitude)
        .or_else(|| commune(&pole.content.0.lead_commune).and_then(Commune::point))
}

fn base_url(app: &AppState) -> String {
    app.settings.base_url.as_str().trim_end_matches('/').to_owned()
}

/// A PDF shown in the browser, with a file name for saving it.
fn pdf_response(pdf: Vec<u8>, filename: &str) -> Response {
    let mut response = pdf.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{filename}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /poles/{slug}/fiche.pdf`: the pole's one-page presentation, public groups only.
pub async fn pole_sheet(
    State(app): State<AppState>,
    page: Page,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let pole = app.db.published_pole(&slug).await?.ok_or(AppError::NotFound)?;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let lang = page.lang;
    let content = &pole.content.0;
    let view = pole_view(&app, &call.call, lang, content).await?;
    let lead = commune(&content.lead_commune);
    let sheet = PoleSheet {
        name: view.name,
        acronym: view.acronym,
        track: view.track,
        year: view.year,
        place: view.place,
        areas: view.areas,
        region_code: lead.map(|c| c.region().code().to_owned()).unwrap_or_default(),
        communes: view.communes,
        description: view.description,
        members: view.members,
        sectors: view.sectors,
        profile: view.profile,
        mutualisations: view.mutualisations,
        website: view.website,
        contact_name: view.contact_name,
        contact_email: view.contact_email,
        point: point_of(&pole),
        commune_points: content.communes.iter().filter_map(|c| commune(c)?.point()).collect(),
        town: lead.map(|c| c.name().to_owned()).unwrap_or_default(),
        link: format!("{}/poles/{}", base_url(&app), pole.slug),
    };
    let pdf = tokio::task::spawn_blocking(move || promotion::pole_pdf(&sheet, lang))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    Ok(pdf_response(pdf, &format!("{}-{}.pdf", filename_word(lang, "fiche"), pole.slug)))
}

fn filename_word(lang: Lang, fr: &'static str) -> &'static str {
    match (lang, fr) {
        (Lang::En, "fiche") => "presentation",
        (Lang::En, _) => "network",
        (Lang::Fr, word) => word,
    }
}

/// `GET /annuaire/reseau.pdf`: the network's one-page presentation.
pub async fn network_sheet(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let lang = page.lang;
    let mut poles = Vec::new();
    for pole in app.db.published_poles(call.call.id).await? {
        let content = &pole.content.0;
        let view = pole_view(&app, &call.call, lang, content).await?;
        let lead = commune(&content.lead_commune);
        poles.push(NetworkPole {
            name: view.name,
            place: lead
                .map(|c| format!("{} ({})", c.name(), c.department().code()))
                .unwrap_or_default(),
            track: view.track,
            year: view.year,
            region: lead.map(|c| c.region().name().to_owned()).unwrap_or_default(),
            region_code: lead.map(|c| c.region().code().to_owned()).unwrap_or_default(),
            sectors: view.sectors,
            point: point_of(&pole),
        });
    }
    poles.sort_by(|a, b| a.name.cmp(&b.name));
    let texts = NetworkTexts {
        title: i18n::t(lang, "promotion-network-title"),
        call: i18n::t_args(
            lang,
            "promotion-network-call",
            &[("year", FluentValue::from(call.call.year.to_string()))],
        ),
        directory: format!("{}/annuaire", base_url(&app)),
    };
    let pdf = tokio::task::spawn_blocking(move || promotion::network_pdf(&poles, &texts, lang))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    Ok(pdf_response(pdf, &format!("{}.pdf", filename_word(lang, "reseau"))))
}

/// A partner as the public page shows it.
pub struct PartnerLine {
    pub name: String,
    pub website: String,
    /// "Site internet de …", the link's accessible name.
    pub website_label: String,
    pub description: String,
}

/// A kind of partners with its heading.
pub struct PartnerGroup {
    pub id: &'static str,
    pub title: String,
    pub partners: Vec<PartnerLine>,
}

/// A co-leading network of the call: (name, description).
pub struct NetworkLine {
    pub name: String,
    pub description: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/partners.html")]
pub struct PartnersPage {
    page: Page,
    groups: Vec<PartnerGroup>,
    networks: Vec<NetworkLine>,
}

/// `GET /partenaires`: the call's institutional partners by kind, and its co-leading networks.
pub async fn partners(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let lang = page.lang;
    let rows = app.db.partners(call.call.id).await?;
    let groups = promotion::partner_kinds()
        .map(|(kind, key)| PartnerGroup {
            id: kind.code(),
            title: i18n::t(lang, &key),
            partners: rows
                .iter()
                .filter(|r| PartnerKind::parse(&r.kind).unwrap_or(PartnerKind::Other) == kind)
                .map(|r| PartnerLine {
                    name: r.name.clone(),
                    website: r.website.clone(),
                    website_label: i18n::t_args(
                        lang,
                        "promotion-partners-website",
                        &[("name", FluentValue::from(r.name.as_str()))],
                    ),
                    description: r.description.clone(),
                })
                .collect(),
        })
        .filter(|g| !g.partners.is_empty())
        .collect();
    let networks = call
        .call
        .networks
        .iter()
        .map(|n| NetworkLine {
            name: n.name.get(lang).to_owned(),
            description: n.description.get(lang).to_owned(),
        })
        .collect();
    Ok(PartnersPage { page, groups, networks }.into_response())
}
