//! The public pages of the call: home, full text, calendar, contacts, personal data,
//! accessibility.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use fluent_templates::fluent_bundle::FluentValue;
use time::OffsetDateTime;

use crate::app::AppState;
use crate::domain::call::{APPLICATIONS_PHASE, Moment, Phase};
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::i18n;
use crate::web::content::PublishedCall;
use crate::web::error::AppError;
use crate::web::page::Page;

/// A phase as the calendar shows it.
pub struct PhaseView {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub dates: String,
    /// `past`, `current` or `upcoming`: a CSS modifier and the `aria-current` test.
    pub status: &'static str,
    pub status_label: String,
    pub tentative: bool,
    pub deadline: Option<String>,
}

fn phase_views(phases: &[Phase], lang: Lang, now: OffsetDateTime) -> Vec<PhaseView> {
    phases
        .iter()
        .map(|p| {
            let status = if p.is_current(now) {
                "current"
            } else if p.ends_at <= now {
                "past"
            } else {
                "upcoming"
            };
            let deadline = (p.slug == APPLICATIONS_PHASE).then(|| {
                let when = i18n::datetime(lang, p.ends_at - time::Duration::MINUTE);
                i18n::t_args(lang, "phase-deadline", &[("when", FluentValue::from(when))])
            });
            PhaseView {
                slug: p.slug.clone(),
                name: p.name.get(lang).to_owned(),
                description: p.description.get(lang).to_owned(),
                dates: i18n::date_range(lang, p.first_day(), p.last_day()),
                status,
                status_label: i18n::t(lang, &format!("phase-status-{status}")),
                tentative: p.tentative,
                deadline,
            }
        })
        .collect()
}

async fn published(app: &AppState) -> Result<Arc<PublishedCall>, AppError> {
    app.content.call(&app.db).await?.ok_or(AppError::NotFound)
}

pub struct TrackCard {
    pub name: String,
    pub description: String,
    pub quota: String,
}

pub struct HomeCall {
    pub title: String,
    pub tagline: String,
    pub summary: String,
    /// What the call is at now: the current or next phase, the deadline and time left.
    pub status: Vec<String>,
    pub tracks: Vec<TrackCard>,
    pub phases: Vec<PhaseView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/home.html")]
pub struct HomePage {
    page: Page,
    call: Option<HomeCall>,
}

/// `GET /`: what the call is, where its calendar stands, the three ways to respond.
pub async fn home(State(app): State<AppState>, page: Page) -> Result<HomePage, AppError> {
    let Some(published) = app.content.call(&app.db).await? else {
        return Ok(HomePage { page, call: None });
    };
    let call = &published.call;
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    let mut status = Vec::new();
    match call.moment(now) {
        Moment::During { phase } => status.push(format!(
            "{} : {} ({})",
            i18n::t(lang, "home-phase-current"),
            phase.name.get(lang),
            i18n::date_range(lang, phase.first_day(), phase.last_day())
        )),
        Moment::NotYetOpen { next } | Moment::Between { next } => status.push(format!(
            "{} : {} ({})",
            i18n::t(lang, "home-phase-next"),
            next.name.get(lang),
            i18n::date_range(lang, next.first_day(), next.last_day())
        )),
        Moment::Over => status.push(i18n::t(lang, "home-phase-over")),
    }
    if let Some(deadline) = call.deadline() {
        let when = i18n::datetime(lang, deadline - time::Duration::MINUTE);
        if deadline > now {
            status.push(i18n::t_args(lang, "home-deadline", &[("when", FluentValue::from(when))]));
            let left = i18n::remaining(lang, paris::remaining(now, deadline));
            status.push(i18n::t_args(lang, "home-time-left", &[("left", FluentValue::from(left))]));
        } else {
            status.push(i18n::t_args(lang, "home-closed", &[("when", FluentValue::from(when))]));
        }
    }
    let status = if lang == Lang::En {
        // English puts no space before a colon.
        status.into_iter().map(|s| s.replacen(" : ", ": ", 1)).collect()
    } else {
        status
    };
    let tracks = call
        .tracks
        .iter()
        .map(|t| TrackCard {
            name: t.name.get(lang).to_owned(),
            description: t.description.get(lang).to_owned(),
            quota: match t.quota {
                Some(q) => i18n::t_args(lang, "track-quota", &[("quota", FluentValue::from(q))]),
                None => i18n::t(lang, "track-no-quota"),
            },
        })
        .collect();
    let home = HomeCall {
        title: call.title.get(lang).to_owned(),
        tagline: call.tagline.get(lang).to_owned(),
        summary: call.summary.get(lang).to_owned(),
        status,
        tracks,
        phases: phase_views(&call.phases, lang, now),
    };
    Ok(HomePage { page, call: Some(home) })
}

pub struct SectionView {
    pub slug: String,
    pub title: String,
    pub html: String,
}

pub struct NetworkView {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub referent: String,
    pub email: String,
}

fn network_views(call: &PublishedCall, lang: Lang) -> Vec<NetworkView> {
    call.call
        .networks
        .iter()
        .map(|n| NetworkView {
            slug: n.slug.clone(),
            name: n.name.get(lang).to_owned(),
            description: n.description.get(lang).to_owned(),
            referent: n.referent.clone(),
            email: n.email.clone(),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/call.html")]
pub struct CallPage {
    page: Page,
    title: String,
    tagline: String,
    sections: Vec<SectionView>,
    networks: Vec<NetworkView>,
}

/// `GET /appel`: the full text of the call, one section per heading.
pub async fn call(State(app): State<AppState>, page: Page) -> Result<CallPage, AppError> {
    let published = published(&app).await?;
    let lang = page.lang;
    let call = &published.call;
    let sections = call
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| SectionView {
            slug: s.slug.clone(),
            title: s.title.get(lang).to_owned(),
            html: published.section_html(i, lang).to_owned(),
        })
        .collect();
    Ok(CallPage {
        title: call.title.get(lang).to_owned(),
        tagline: call.tagline.get(lang).to_owned(),
        sections,
        networks: network_views(&published, lang),
        page,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/calendar.html")]
pub struct CalendarPage {
    page: Page,
    call_title: String,
    phases: Vec<PhaseView>,
}

/// `GET /calendrier`: the phases, the current one highlighted.
pub async fn calendar(State(app): State<AppState>, page: Page) -> Result<CalendarPage, AppError> {
    let published = published(&app).await?;
    let call = &published.call;
    Ok(CalendarPage {
        call_title: call.title.get(page.lang).to_owned(),
        phases: phase_views(&call.phases, page.lang, OffsetDateTime::now_utc()),
        page,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/contacts.html")]
pub struct ContactsPage {
    page: Page,
    networks: Vec<NetworkView>,
}

/// `GET /contacts`: the partner networks and their referents.
pub async fn contacts(State(app): State<AppState>, page: Page) -> Result<ContactsPage, AppError> {
    let published = published(&app).await?;
    Ok(ContactsPage { networks: network_views(&published, page.lang), page })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/privacy.html")]
pub struct PrivacyPage {
    page: Page,
}

/// `GET /confidentialite`: personal data — purpose, retention, rights.
pub async fn privacy(page: Page) -> PrivacyPage {
    PrivacyPage { page }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/accessibility.html")]
pub struct AccessibilityPage {
    page: Page,
}

/// `GET /accessibilite`: the accessibility statement.
pub async fn accessibility(page: Page) -> AccessibilityPage {
    AccessibilityPage { page }
}
