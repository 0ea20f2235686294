//! `/gestion/rencontres`: the steering group's meetings — the list, creating and changing a
//! meeting, each meeting's page with the invitations and answers, choosing whom to invite
//! (members of selected poles, supporters), the reminder to those coming, the attendees' list as
//! CSV, and cancelling (or deleting) a meeting after a confirmation. The edit form carries the
//! version it was read at: a concurrent change gives the form back (409) with what was typed.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::audit::AuditEvent;
use crate::db::events::{Cancelled, Event, Invitation};
use crate::domain::event::{self, EventInput, InputIssue, Rsvp};
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::events;
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::page::Page;

/// A line of the list of meetings.
pub struct Line {
    pub id: Uuid,
    pub title: String,
    pub when: String,
    pub place: String,
    pub invited: usize,
    /// People expected: the sum of "yes" answers.
    pub coming: i64,
    pub cancelled: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/events.html")]
pub struct ListPage {
    page: Page,
    lines: Vec<Line>,
    notice: Option<String>,
}

/// `GET /gestion/rencontres`.
pub async fn list(
    State(app): State<AppState>,
    page: Page,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let lang = page.lang;
    let mut lines = Vec::new();
    for event in app.db.events(call.call.id).await? {
        let invitations = app.db.event_invitations(event.id).await?;
        lines.push(Line {
            id: event.id,
            title: event.title(lang).to_owned(),
            when: events::when(lang, &event),
            place: place(&page, &event),
            invited: invitations.len(),
            coming: invitations
                .iter()
                .filter(|i| i.answer() == Some(Rsvp::Yes))
                .map(|i| i.guests)
                .sum(),
            cancelled: event.is_cancelled(),
        });
    }
    let notice = (done.fait == "supprimee").then(|| page.t("events-notice-deleted"));
    Ok(ListPage { page, lines, notice }.into_response())
}

fn place(page: &Page, event: &Event) -> String {
    if event.place.is_empty() { page.t("events-place-unknown") } else { event.place.clone() }
}

/// A meeting by the id in its address; anything else is the 404 page.
async fn find(app: &AppState, id: &str) -> Result<Event, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    app.db.event(id).await?.ok_or(AppError::NotFound)
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/event_form.html")]
pub struct FormPage {
    page: Page,
    title: String,
    /// Where the form goes, and where "back" leads.
    action: String,
    back: (String, String),
    input: EventInput,
    errors: FormErrors,
    /// The meeting's `sequence` the form was read at (edit only).
    version: Option<i64>,
    /// Whether "Prévenir les invités du changement" is offered (someone invited has not
    /// declined), and ticked.
    notify_offered: bool,
    notify: bool,
    /// "Cette rencontre est la phase « … » du calendrier de l'appel…".
    phase_note: Option<String>,
    conflict: Option<ConflictView>,
}

/// On a concurrent change: what happened, and the meeting as saved meanwhile.
pub struct ConflictView {
    pub text: String,
    /// (label, value) of each field of the saved version.
    pub stored: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventForm {
    /// The version the form was read at.
    #[serde(rename = "_version")]
    version: String,
    /// "Prévenir les invités du changement".
    prevenir: String,
    titre: String,
    titre_en: String,
    date: String,
    debut: String,
    fin: String,
    lieu: String,
    description: String,
    description_en: String,
    a_confirmer: String,
}

impl From<EventForm> for EventInput {
    fn from(form: EventForm) -> EventInput {
        EventInput {
            title_fr: form.titre,
            title_en: form.titre_en,
            date: form.date,
            start: form.debut,
            end: form.fin,
            place: form.lieu,
            description_fr: form.description,
            description_en: form.description_en,
            tentative: !form.a_confirmer.is_empty(),
        }
    }
}

fn errors_of(lang: Lang, issues: &[InputIssue]) -> FormErrors {
    let mut errors = FormErrors::default();
    for issue in issues {
        errors.add(issue.field, lang, issue.key);
    }
    errors
}

fn new_form(page: Page, input: EventInput, errors: FormErrors) -> FormPage {
    FormPage {
        title: page.t("events-bo-new-title"),
        action: "/gestion/rencontres/nouvelle".to_owned(),
        back: ("/gestion/rencontres".to_owned(), page.t("events-bo-back")),
        input,
        errors,
        version: None,
        notify_offered: false,
        notify: false,
        phase_note: None,
        conflict: None,
        page,
    }
}

/// The edit form of `event` at `version`, with what is typed in `input`.
async fn edit_form(
    app: &AppState,
    page: Page,
    event: &Event,
    version: i64,
    input: EventInput,
    errors: FormErrors,
    notify: bool,
) -> Result<FormPage, AppError> {
    let lang = page.lang;
    let invitations = app.db.event_invitations(event.id).await?;
    let phase_note = match event.phase_slug.as_deref() {
        Some(slug) => {
            let call = app.db.current_call().await?.filter(|c| c.id == event.call_id);
            let name = call
                .and_then(|c| c.phases.into_iter().find(|p| p.slug == slug))
                .map_or_else(|| slug.to_owned(), |p| p.name.get(lang).to_owned());
            Some(i18n::t_args(
                lang,
                "events-bo-phase-linked",
                &[("phase", FluentValue::from(name))],
            ))
        }
        None => None,
    };
    Ok(FormPage {
        title: i18n::t_args(
            lang,
            "events-bo-edit-title",
            &[("title", FluentValue::from(event.title_fr.as_str()))],
        ),
        action: format!("/gestion/rencontres/{}/modifier", event.id),
        back: (format!("/gestion/rencontres/{}", event.id), page.t("events-bo-back-event")),
        input,
        errors,
        version: Some(version),
        notify_offered: events::to_tell(&invitations) > 0,
        notify,
        phase_note,
        conflict: None,
        page,
    })
}

/// The saved version of a meeting as the conflict box lists it.
fn stored_values(page: &Page, event: &Event) -> Vec<(String, String)> {
    let lang = page.lang;
    let mut values = vec![
        (page.t("events-field-title"), event.title_fr.clone()),
        (page.t("events-when"), events::when(lang, event)),
        (page.t("events-place"), place(page, event)),
    ];
    if event.title_en != event.title_fr {
        values.insert(1, (page.t("events-field-title-en"), event.title_en.clone()));
    }
    if !event.description_fr.is_empty() {
        values.push((page.t("events-field-description"), event.description_fr.clone()));
    }
    if !event.description_en.is_empty() {
        values.push((page.t("events-field-description-en"), event.description_en.clone()));
    }
    values
}

/// `GET /gestion/rencontres/nouvelle`.
pub async fn new(page: Page) -> Response {
    new_form(page, EventInput::default(), FormErrors::default()).into_response()
}

/// `POST /gestion/rencontres/nouvelle`: creates the meeting and goes to its page, or shows the
/// form again with the reasons next to the fields.
pub async fn create(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<EventForm>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let input = EventInput::from(form);
    let now = OffsetDateTime::now_utc();
    match events::create(&app, &account, call.call.id, &input, &client, now).await? {
        Ok(id) => Ok(Redirect::to(&format!("/gestion/rencontres/{id}?fait=creee")).into_response()),
        Err(issues) => {
            let errors = errors_of(page.lang, &issues);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, new_form(page, input, errors)).into_response())
        }
    }
}

/// `GET /gestion/rencontres/{id}/modifier`.
pub async fn edit(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    if event.is_cancelled() {
        return Ok(Redirect::to(&format!("/gestion/rencontres/{}", event.id)).into_response());
    }
    let input = event::input_of(&event.draft());
    let shown =
        edit_form(&app, page, &event, event.sequence, input, FormErrors::default(), true).await?;
    Ok(shown.into_response())
}

/// `POST /gestion/rencontres/{id}/modifier`: saves the change if nobody changed the meeting
/// since the form was read (its hidden `_version`) and goes to its page; otherwise the form
/// again with what was typed: the reasons next to the fields (422), or the meeting as saved
/// meanwhile (409, the form then carries the new version: saving again is a deliberate choice).
pub async fn update(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<EventForm>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    let carried = form.version.trim().parse::<i64>().ok();
    let notify = !form.prevenir.is_empty();
    let input = EventInput::from(form);
    let now = OffsetDateTime::now_utc();
    let lang = page.lang;
    // No readable version: nothing is written on a guess.
    let outcome = match carried {
        Some(expected) => {
            let edit = events::Edit { expected, input: &input, notify };
            events::update(&app, &account, &event, edit, &client, now).await?
        }
        None => events::Updated::Conflict(Box::new(event.clone())),
    };
    match outcome {
        events::Updated::Saved { notified } => Ok(Redirect::to(&format!(
            "/gestion/rencontres/{}?fait=modifiee&envoyees={notified}",
            event.id
        ))
        .into_response()),
        events::Updated::Invalid(issues) => {
            let errors = errors_of(lang, &issues);
            let version = carried.unwrap_or(event.sequence);
            let shown = edit_form(&app, page, &event, version, input, errors, notify).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        events::Updated::Conflict(current) => {
            let text = match current.cancelled_at {
                Some(at) => i18n::t_args(
                    lang,
                    "events-conflict-cancelled",
                    &[("when", FluentValue::from(i18n::datetime(lang, at)))],
                ),
                None => i18n::t_args(
                    lang,
                    "events-conflict-text",
                    &[("when", FluentValue::from(i18n::datetime(lang, current.updated_at)))],
                ),
            };
            let stored = stored_values(&page, &current);
            let mut shown = edit_form(
                &app,
                page,
                &current,
                current.sequence,
                input,
                FormErrors::default(),
                notify,
            )
            .await?;
            shown.conflict = Some(ConflictView { text, stored });
            Ok((StatusCode::CONFLICT, shown).into_response())
        }
        events::Updated::Missing => Err(AppError::NotFound),
    }
}

/// An invitation as the meeting's page shows it.
pub struct InvitationLine {
    pub name: String,
    pub email: String,
    pub source: String,
    pub answer: String,
    /// `yes`, `maybe`, `no` or `none`, for the badge's class.
    pub code: &'static str,
    pub guests: i64,
    pub comment: String,
    pub answered: String,
    pub reminded: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/event.html")]
pub struct EventPage {
    page: Page,
    id: Uuid,
    title: String,
    when: String,
    place: String,
    installed: bool,
    /// "Rencontre annulée le …", once cancelled: no more invitation, change or reminder.
    cancelled: Option<String>,
    notice: Option<String>,
    totals: String,
    lines: Vec<InvitationLine>,
    /// How many the reminder would go to now.
    to_remind: usize,
    remind_hint: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    fait: String,
    envoyees: usize,
    deja: usize,
}

fn count(lang: Lang, key: &str, numbers: &[(&'static str, i64)]) -> String {
    let args: Vec<(&'static str, FluentValue<'_>)> =
        numbers.iter().map(|(name, n)| (*name, FluentValue::from(*n))).collect();
    i18n::t_args(lang, key, &args)
}

fn as_number(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `GET /gestion/rencontres/{id}`.
pub async fn page(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    let lang = page.lang;
    let notice = match done.fait.as_str() {
        "creee" => Some(page.t("events-notice-created")),
        "modifiee" if done.envoyees > 0 => Some(count(
            lang,
            "events-notice-updated-notified",
            &[("count", as_number(done.envoyees))],
        )),
        "modifiee" => Some(page.t("events-notice-updated")),
        "annulee" => {
            Some(count(lang, "events-notice-cancelled", &[("count", as_number(done.envoyees))]))
        }
        "invitations" => Some(count(
            lang,
            "events-notice-invited",
            &[("sent", as_number(done.envoyees)), ("already", as_number(done.deja))],
        )),
        "rappel" => {
            Some(count(lang, "events-notice-reminded", &[("count", as_number(done.envoyees))]))
        }
        _ => None,
    };
    let invitations = app.db.event_invitations(event.id).await?;
    let by = |answer: Option<Rsvp>| {
        as_number(invitations.iter().filter(|i| i.answer() == answer).count())
    };
    let people: i64 =
        invitations.iter().filter(|i| i.answer() == Some(Rsvp::Yes)).map(|i| i.guests).sum();
    let totals = count(
        lang,
        "events-bo-totals",
        &[
            ("invited", as_number(invitations.len())),
            ("yes", by(Some(Rsvp::Yes))),
            ("maybe", by(Some(Rsvp::Maybe))),
            ("no", by(Some(Rsvp::No))),
            ("none", by(None)),
            ("people", people),
        ],
    );
    let to_remind = invitations
        .iter()
        .filter(|i| i.answer().is_some_and(Rsvp::is_coming) && i.reminded_at.is_none())
        .count();
    let lines = invitations.iter().map(|i| line(lang, i)).collect();
    Ok(EventPage {
        id: event.id,
        title: event.title(lang).to_owned(),
        when: events::when(lang, &event),
        place: place(&page, &event),
        installed: event.phase_slug.is_some(),
        cancelled: event.cancelled_at.map(|at| {
            i18n::t_args(
                lang,
                "events-bo-cancelled-on",
                &[("when", FluentValue::from(i18n::datetime(lang, at)))],
            )
        }),
        notice,
        totals,
        lines,
        to_remind,
        remind_hint: count(lang, "events-bo-remind-hint", &[("count", as_number(to_remind))]),
        page,
    }
    .into_response())
}

fn line(lang: Lang, i: &Invitation) -> InvitationLine {
    let answer = i.answer();
    InvitationLine {
        name: i.name.clone(),
        email: i.email.clone(),
        source: i18n::t(lang, &format!("events-source-{}", i.source)),
        answer: i18n::t(lang, &format!("events-rsvp-{}", answer.map_or("none", Rsvp::code))),
        code: answer.map_or("none", Rsvp::code),
        guests: i.guests,
        comment: i.comment.clone(),
        answered: i.responded_at.map(|at| i18n::datetime(lang, at)).unwrap_or_default(),
        reminded: i.reminded_at.map(|at| i18n::datetime(lang, at)).unwrap_or_default(),
    }
}

/// A selected dossier as the invitation form offers it.
pub struct PoleChoice {
    pub id: Uuid,
    pub label: String,
    pub detail: String,
    pub checked: bool,
}

/// A supporter as the invitation form offers them.
pub struct SupporterChoice {
    pub id: Uuid,
    pub label: String,
    pub email: String,
    pub already: bool,
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/event_invite.html")]
pub struct InvitePage {
    page: Page,
    id: Uuid,
    title: String,
    poles: Vec<PoleChoice>,
    supporters: Vec<SupporterChoice>,
    error: Option<String>,
}

async fn invite_page(
    app: &AppState,
    page: Page,
    event: &Event,
    chosen: &[Uuid],
    error: Option<String>,
) -> Result<InvitePage, AppError> {
    let lang = page.lang;
    let offered = events::recipients(app, event.call_id).await?;
    let already: Vec<String> =
        app.db.event_invitations(event.id).await?.into_iter().map(|i| i.email).collect();
    let poles = offered
        .poles
        .into_iter()
        .map(|p| {
            let state = match p.pole_state.as_deref() {
                Some("published") => page.t("events-pole-published"),
                _ => page.t("events-pole-unpublished"),
            };
            let members = count(lang, "events-invite-members", &[("count", p.members)]);
            PoleChoice {
                id: p.dossier_id,
                label: format!("{} — {}", p.reference, p.title),
                detail: format!("{state}, {members}"),
                checked: chosen.contains(&p.dossier_id),
            }
        })
        .collect();
    let supporters = offered
        .supporters
        .into_iter()
        .map(|s| SupporterChoice {
            id: s.id,
            label: match (s.name.as_str(), s.organisation.as_str()) {
                (name, "") => name.to_owned(),
                (name, organisation) => format!("{name}, {organisation}"),
            },
            already: already.contains(&s.email),
            email: s.email,
            checked: chosen.contains(&s.id),
        })
        .collect();
    Ok(InvitePage {
        id: event.id,
        title: i18n::t_args(
            lang,
            "events-invite-title",
            &[("title", FluentValue::from(event.title(lang)))],
        ),
        poles,
        supporters,
        error,
        page,
    })
}

/// `GET /gestion/rencontres/{id}/invitations`.
pub async fn invite_form(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    if event.is_cancelled() {
        return Ok(Redirect::to(&format!("/gestion/rencontres/{}", event.id)).into_response());
    }
    Ok(invite_page(&app, page, &event, &[], None).await?.into_response())
}

/// `POST /gestion/rencontres/{id}/invitations`: invites the people of the poles ticked (`pole`)
/// and the supporters ticked (`soutien`); an address already invited gets nothing new.
pub async fn invite(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    if event.is_cancelled() {
        return Ok(Redirect::to(&format!("/gestion/rencontres/{}", event.id)).into_response());
    }
    let ids = |name: &str| -> Vec<Uuid> {
        pairs
            .iter()
            .filter(|(key, _)| key == name)
            .filter_map(|(_, value)| Uuid::parse_str(value).ok())
            .collect()
    };
    let (dossiers, supporters) = (ids("pole"), ids("soutien"));
    if dossiers.is_empty() && supporters.is_empty() {
        let error = Some(page.t("events-invite-nobody"));
        let shown = invite_page(&app, page, &event, &[], error).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response());
    }
    let now = OffsetDateTime::now_utc();
    let done = events::invite(&app, &account, &event, &dossiers, &supporters, &client, now).await?;
    Ok(Redirect::to(&format!(
        "/gestion/rencontres/{}?fait=invitations&envoyees={}&deja={}",
        event.id, done.invited, done.already
    ))
    .into_response())
}

/// `POST /gestion/rencontres/{id}/rappel`: reminds those coming who were not reminded yet.
pub async fn remind(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    let now = OffsetDateTime::now_utc();
    let sent = events::remind(&app, &account, &event, &client, now).await?;
    Ok(Redirect::to(&format!("/gestion/rencontres/{}?fait=rappel&envoyees={sent}", event.id))
        .into_response())
}

/// `GET /gestion/rencontres/{id}/participants.csv`: those coming (yes, then maybe), recorded in
/// the audit journal (the file holds personal data).
pub async fn attendees_csv(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    let invitations = app.db.event_invitations(event.id).await?;
    let body = events::attendees_csv(page.lang, &invitations)?;
    let now = OffsetDateTime::now_utc();
    let rows = invitations.iter().filter(|i| i.answer().is_some_and(Rsvp::is_coming)).count();
    let audit = AuditEvent::by(
        account.id,
        "meeting.exported",
        &client,
        json!({ "event": event.id, "rows": rows }),
    );
    app.db.audit(&audit, now).await?;
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    let filename = format!("participants-{}.csv", paris::date_of(event.starts_at));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok((headers, body).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/event_cancel.html")]
pub struct CancelPage {
    page: Page,
    id: Uuid,
    title: String,
    when: String,
    place: String,
    /// Who the cancellation would email.
    recipients: String,
    /// Nobody invited and not from the calendar: deleting is offered too.
    deletable: bool,
    /// From the calendar: why it cannot be deleted.
    installed: bool,
}

/// `GET /gestion/rencontres/{id}/annuler`: what cancelling does (who gets an email), the
/// confirmation button, and deleting instead when nobody was invited.
pub async fn cancel_form(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    if event.is_cancelled() {
        return Ok(Redirect::to(&format!("/gestion/rencontres/{}", event.id)).into_response());
    }
    let lang = page.lang;
    let invitations = app.db.event_invitations(event.id).await?;
    let recipients = count(
        lang,
        "events-bo-cancel-recipients",
        &[("count", as_number(events::to_tell(&invitations)))],
    );
    Ok(CancelPage {
        id: event.id,
        title: i18n::t_args(
            lang,
            "events-bo-cancel-title",
            &[("title", FluentValue::from(event.title(lang)))],
        ),
        when: events::when(lang, &event),
        place: place(&page, &event),
        recipients,
        deletable: events::deletable(&event, &invitations),
        installed: event.phase_slug.is_some(),
        page,
    }
    .into_response())
}

/// `POST /gestion/rencontres/{id}/annuler`: cancels the meeting and emails each invitee who
/// has not declined, once (a second cancellation sends nothing).
pub async fn cancel(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    let now = OffsetDateTime::now_utc();
    let to = match events::cancel(&app, &account, &event, &client, now).await? {
        Cancelled::Done { notified } => {
            format!("/gestion/rencontres/{}?fait=annulee&envoyees={notified}", event.id)
        }
        Cancelled::Already => format!("/gestion/rencontres/{}", event.id),
        Cancelled::Missing => return Err(AppError::NotFound),
    };
    Ok(Redirect::to(&to).into_response())
}

/// `POST /gestion/rencontres/{id}/supprimer`: deletes a meeting nobody was invited to; a
/// meeting with invitations (or from the calendar) is left as it is.
pub async fn delete(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let event = find(&app, &id).await?;
    let now = OffsetDateTime::now_utc();
    if events::delete(&app, &account, &event, &client, now).await? {
        Ok(Redirect::to("/gestion/rencontres?fait=supprimee").into_response())
    } else {
        Ok(Redirect::to(&format!("/gestion/rencontres/{}/annuler", event.id)).into_response())
    }
}
