//! `/rencontres`: the network's meetings for everyone — the list, each meeting's page with its
//! calendar file (`.ics`) — and the answer page an invitee reaches through the personal link of
//! their invitation, without an account (`/rencontres/reponse/{token}`); a link that is unknown
//! or whose meeting is over gets a page that says so (404 / 410), never an error.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::events::{Event, Invitation};
use crate::domain::event::Rsvp;
use crate::events::{self, AnswerInput, Answered, Link};
use crate::i18n;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::handlers::account::signup::NoticePage;
use crate::web::page::Page;

/// A meeting as the public pages show it, in the reader's language.
pub struct EventView {
    pub id: Uuid,
    pub title: String,
    pub when: String,
    pub place: String,
    pub description: String,
    pub past: bool,
    /// Shown "Annulée" wherever it is listed.
    pub cancelled: bool,
}

pub fn event_view(event: &Event, page: &Page, now: OffsetDateTime) -> EventView {
    let lang = page.lang;
    EventView {
        id: event.id,
        title: event.title(lang).to_owned(),
        when: events::when(lang, event),
        place: if event.place.is_empty() {
            page.t("events-place-unknown")
        } else {
            event.place.clone()
        },
        description: event.description(lang).to_owned(),
        past: event.ends_at <= now,
        cancelled: event.is_cancelled(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/events.html")]
pub struct ListPage {
    page: Page,
    upcoming: Vec<EventView>,
    past: Vec<EventView>,
}

/// `GET /rencontres`: the meetings of the current call, coming ones first.
pub async fn list(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    let (past, upcoming): (Vec<EventView>, Vec<EventView>) = app
        .db
        .events(call.call.id)
        .await?
        .iter()
        .map(|e| event_view(e, &page, now))
        .partition(|e| e.past);
    let past = past.into_iter().rev().collect();
    Ok(ListPage { page, upcoming, past }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/event.html")]
pub struct EventPage {
    page: Page,
    event: EventView,
}

/// `GET /rencontres/{id}`.
pub async fn page(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    let event = event_view(&event, &page, OffsetDateTime::now_utc());
    Ok(EventPage { page, event }.into_response())
}

/// A meeting by the id in its address; anything else is the 404 page.
async fn find(app: &AppState, id: &str) -> Result<Event, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    app.db.event(id).await?.ok_or(AppError::NotFound)
}

/// `GET /rencontres/{id}/agenda.ics`: the meeting for a calendar application.
pub async fn ics(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    let body = events::ics_file(&app, &event, page.lang, OffsetDateTime::now_utc());
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(value) =
        HeaderValue::from_str(&format!("attachment; filename=\"rencontre-{}.ics\"", event.id))
    {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok((headers, body).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/event_answer.html")]
pub struct AnswerPage {
    page: Page,
    event: EventView,
    /// "Invitation adressée à …".
    addressee: String,
    /// "Votre réponse actuelle : …", when there is one.
    current: Option<String>,
    notice: Option<String>,
    action: String,
    /// The answer ticked, the number and comment typed.
    response: String,
    guests: String,
    comment: String,
    /// (code, label) of each answer.
    choices: Vec<(&'static str, String)>,
    errors: FormErrors,
}

impl AnswerPage {
    fn new(page: Page, token: &str, invitation: &Invitation, event: &Event) -> AnswerPage {
        let lang = page.lang;
        let now = OffsetDateTime::now_utc();
        let current = invitation.answer().map(|answer| {
            let text = events::answer_text(lang, Some(answer), invitation.guests);
            i18n::t_args(lang, "events-rsvp-current", &[("answer", FluentValue::from(text))])
        });
        AnswerPage {
            event: event_view(event, &page, now),
            addressee: i18n::t_args(
                lang,
                "events-rsvp-for",
                &[
                    ("name", FluentValue::from(invitation.name.as_str())),
                    ("email", FluentValue::from(invitation.email.as_str())),
                ],
            ),
            current,
            notice: None,
            action: format!("/rencontres/reponse/{token}"),
            response: invitation.response.clone().unwrap_or_default(),
            guests: match invitation.guests {
                0 => "1".to_owned(),
                n => n.to_string(),
            },
            comment: invitation.comment.clone(),
            choices: Rsvp::ALL
                .into_iter()
                .map(|r| (r.code(), page.t(&format!("events-rsvp-{}", r.code()))))
                .collect(),
            errors: FormErrors::default(),
            page,
        }
    }
}

/// Nothing of this page is kept by caches or sent on as a referrer: its address is a secret.
fn private(mut response: Response) -> Response {
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The page for a link that leads nowhere (404) or to a meeting that is over or cancelled
/// (410).
fn unusable(page: Page, link: Link) -> Response {
    let (status, title, text, back) = match link {
        Link::Over { event } => (
            StatusCode::GONE,
            page.t("events-link-over-title"),
            i18n::t_args(
                page.lang,
                "events-link-over-text",
                &[("title", FluentValue::from(event.title(page.lang)))],
            ),
            (events::page_path(&event), page.t("events-see-page")),
        ),
        Link::Cancelled { event } => (
            StatusCode::GONE,
            page.t("events-link-cancelled-title"),
            i18n::t_args(
                page.lang,
                "events-link-cancelled-text",
                &[("title", FluentValue::from(event.title(page.lang)))],
            ),
            (events::page_path(&event), page.t("events-see-page")),
        ),
        Link::Open { .. } | Link::Unknown => (
            StatusCode::NOT_FOUND,
            page.t("link-unknown-title"),
            page.t("events-link-unknown-text"),
            ("/rencontres".to_owned(), page.t("events-back")),
        ),
    };
    let notice = NoticePage { title, text, link: Some(back), action: None, page };
    private((status, notice).into_response())
}

/// `GET /rencontres/reponse/{token}`: the meeting and the answer form (opening the link changes
/// nothing, so mail scanners that follow links answer nothing).
pub async fn answer_form(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match events::link(&app, &token, OffsetDateTime::now_utc()).await? {
        Link::Open { invitation, event } => {
            Ok(private(AnswerPage::new(page, &token, &invitation, &event).into_response()))
        }
        other => Ok(unusable(page, other)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    reponse: String,
    personnes: String,
    commentaire: String,
}

/// `POST /rencontres/reponse/{token}`: records the answer (replacing the previous one) and
/// shows it, or the form again with the reason next to the field.
pub async fn answer(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let input = AnswerInput {
        response: form.reponse.clone(),
        guests: form.personnes.clone(),
        comment: form.commentaire.clone(),
    };
    let lang = page.lang;
    match events::answer(&app, &token, &input, OffsetDateTime::now_utc()).await? {
        Answered::Recorded { invitation, event } => {
            let text = events::answer_text(lang, invitation.answer(), invitation.guests);
            let mut shown = AnswerPage::new(page, &token, &invitation, &event);
            shown.notice = Some(i18n::t_args(
                lang,
                "events-rsvp-saved",
                &[("answer", FluentValue::from(text))],
            ));
            Ok(private(shown.into_response()))
        }
        Answered::Invalid { invitation, event, issues } => {
            let mut shown = AnswerPage::new(page, &token, &invitation, &event);
            shown.response = form.reponse;
            shown.guests = form.personnes;
            shown.comment = form.commentaire;
            for (field, key) in issues {
                shown.errors.add(field, lang, key);
            }
            Ok(private((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response()))
        }
        Answered::Over { event } => Ok(unusable(page, Link::Over { event })),
        Answered::Cancelled { event } => Ok(unusable(page, Link::Cancelled { event })),
        Answered::Unknown => Ok(unusable(page, Link::Unknown)),
    }
}
