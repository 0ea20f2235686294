//! `/manifester`: form C — anyone expresses interest or support, without an account, on one
//! page; it counts once the link emailed to the address is followed (`/manifester/confirmer/…`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::tokens;
use crate::db::supporters::InterestLink;
use crate::domain::form::{Answers, Issue};
use crate::i18n;
use crate::supporters::{self, InterestForm, Outcome, SupporterError};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::account::signup::NoticePage;
use crate::web::handlers::candidate::fields::{self, FieldView, IssueView, Widget};
use crate::web::page::Page;

/// The name of the hidden input listing the questions the page showed.
const SHOWN_INPUT: &str = "_fields";

impl From<SupporterError> for AppError {
    fn from(error: SupporterError) -> Self {
        match error {
            SupporterError::NoForm => AppError::NotFound,
            SupporterError::Database(error) => AppError::from(error),
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

/// One section of form C, with its questions.
pub struct SectionView {
    pub id: String,
    pub title: String,
    pub help: Option<String>,
    pub fields: Vec<FieldView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/interest.html")]
pub struct InterestPage {
    page: Page,
    title: String,
    help: Option<String>,
    /// "3 manifestations d'intérêt ou de soutien confirmées."
    count: String,
    sections: Vec<SectionView>,
    issues: Vec<IssueView>,
    /// The keys of the questions shown, for [`SHOWN_INPUT`].
    shown: String,
    more_questions: bool,
}

/// The form with these answers and issues.
async fn render(
    app: &AppState,
    page: Page,
    form: &InterestForm,
    answers: &Answers,
    issues: &[Issue],
    more_questions: bool,
) -> Result<InterestPage, AppError> {
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    let ctx = form.context(now);
    let schema = &form.schema;
    let sections = schema
        .sections
        .iter()
        .filter(|s| schema.section_visible(&s.key, answers))
        .map(|section| SectionView {
            id: schema.section_html_id(&section.key),
            title: section.title.get(lang).to_owned(),
            help: section.help.as_ref().map(|h| h.get(lang).to_owned()),
            fields: fields::section_fields(&fields::Build {
                schema,
                section,
                track: supporters::TRACK,
                answers,
                issues,
                conflict: None,
                ctx: &ctx,
                lang,
                // Form C has no file question: no upload address is ever made from it.
                dossier_id: Uuid::nil(),
            }),
        })
        .collect();
    let count = supporters::confirmed_count(app, form.call_id).await?;
    Ok(InterestPage {
        title: schema.title.get(lang).to_owned(),
        help: schema.help.as_ref().map(|h| h.get(lang).to_owned()),
        count: i18n::t_args(lang, "supporters-count", &[("count", FluentValue::from(count))]),
        sections,
        issues: issues.iter().map(|i| fields::issue_view(schema, i, lang, None)).collect(),
        shown: supporters::shown_fields(schema, answers).join(","),
        more_questions,
        page,
    })
}

/// `GET /manifester`: the whole form C, "la démarche en général" preselected, and the number
/// of confirmed expressions.
pub async fn form(State(app): State<AppState>, page: Page) -> Result<InterestPage, AppError> {
    let form = supporters::interest_form(&app).await?;
    render(&app, page, &form, &supporters::blank_answers(), &[], false).await
}

/// `POST /manifester`: every error next to its question and in the summary, the input kept
/// (422); questions the answers brought up shown (200); past the throttle, 429 with
/// `Retry-After`; otherwise stored unconfirmed, the link emailed, and the same "check your
/// email" page whether or not the address was known.
pub async fn submit(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    body: String,
) -> Result<Response, AppError> {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let shown: Option<Vec<String>> = pairs
        .iter()
        .find(|(k, _)| k == SHOWN_INPUT)
        .map(|(_, v)| v.split(',').map(str::to_owned).collect());
    let form = supporters::interest_form(&app).await?;
    let now = OffsetDateTime::now_utc();
    let lang = page.lang;
    let outcome =
        supporters::express(&app, &form, &pairs, shown.as_deref(), &client, lang, now).await?;
    Ok(match outcome {
        Outcome::Invalid { answers, issues } => {
            let rendered = render(&app, page, &form, &answers, &issues, false).await?;
            (StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response()
        }
        Outcome::MoreQuestions { answers } => {
            render(&app, page, &form, &answers, &[], true).await?.into_response()
        }
        Outcome::Throttled { answers, issues, retry } => {
            let rendered = render(&app, page, &form, &answers, &issues, false).await?;
            too_many(rendered, retry)
        }
        Outcome::Sent { email, .. } => NoticePage {
            title: page.t("supporters-sent-title"),
            text: i18n::t_args(
                lang,
                "supporters-sent-text",
                &[("email", FluentValue::from(email))],
            ),
            link: None,
            action: None,
            page,
        }
        .into_response(),
    })
}

/// A page refused for too many attempts: 429 with `Retry-After` in whole seconds.
fn too_many(page: impl IntoResponse, retry: Duration) -> Response {
    let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
    if let Ok(value) = HeaderValue::from_str(&retry.whole_seconds().max(1).to_string()) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

/// A page whose address carries a secret: kept by no cache.
fn not_stored(mut response: Response) -> Response {
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The page for a link that cannot be used (the titles shared with the other one-time links),
/// with the way to get another one: the form again.
fn unusable(page: Page, state: InterestLink) -> Response {
    let (status, title, text) = match state {
        InterestLink::Expired => {
            (StatusCode::GONE, "link-expired-title", "supporters-link-expired-text")
        }
        InterestLink::Used => (StatusCode::GONE, "link-used-title", "supporters-link-used-text"),
        InterestLink::Valid { .. } | InterestLink::Unknown => {
            (StatusCode::NOT_FOUND, "link-unknown-title", "supporters-link-unknown-text")
        }
    };
    let notice = NoticePage {
        title: page.t(title),
        text: page.t(text),
        link: Some(("/manifester".to_owned(), page.t("supporters-fill-again"))),
        action: None,
        page,
    };
    not_stored((status, notice).into_response())
}

/// `GET /manifester/confirmer/{token}`: a button, not the confirmation itself, so that mail
/// scanners that open links do not use it up; or why the link no longer works.
pub async fn confirm_form(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Err(AppError::NotFound);
    }
    let state = supporters::link_state(&app, &token).await?;
    if !matches!(state, InterestLink::Valid { .. }) {
        return Ok(unusable(page, state));
    }
    Ok(not_stored(
        NoticePage {
            title: page.t("supporters-confirm-title"),
            text: page.t("supporters-confirm-text"),
            link: None,
            action: Some((
                format!("/manifester/confirmer/{token}"),
                page.t("supporters-confirm-button"),
            )),
            page,
        }
        .into_response(),
    ))
}

/// `POST /manifester/confirmer/{token}`: confirms the expression once (now it counts) and
/// thanks the person; an expired, used or unknown link gets the page that says so.
pub async fn confirm(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Err(AppError::NotFound);
    }
    let state = supporters::confirm(&app, &token, OffsetDateTime::now_utc()).await?;
    if !matches!(state, InterestLink::Valid { .. }) {
        return Ok(unusable(page, state));
    }
    Ok(NoticePage {
        title: page.t("supporters-confirmed-title"),
        text: page.t("supporters-confirmed-text"),
        link: Some(("/manifester".to_owned(), page.t("supporters-back-to-form"))),
        action: None,
        page,
    }
    .into_response())
}
