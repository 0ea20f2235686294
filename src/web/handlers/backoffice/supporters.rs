//! `/gestion/soutiens`: the expressions of interest or support (form C) for the steering group
//! and administrators — the confirmed ones listed and counted by kind and territory, the
//! unconfirmed ones apart — and `/gestion/soutiens.csv`, the export of the confirmed ones.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::audit::AuditEvent;
use crate::db::supporters::Supporter;
use crate::domain::form::{self, Answers, Context, FormSchema};
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::domain::role::Role;
use crate::i18n;
use crate::supporters::{self, Tallies, Tally, export};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::page::Page;

/// The supporters' personal data is for the steering group (the partner networks together)
/// and administrators; referents and reviewers have the back office but not this.
fn may_see(account: &Account) -> bool {
    account.has_role(Role::Steering) || account.has_role(Role::Admin)
}

/// A confirmed expression as the table shows it.
pub struct ConfirmedLine {
    pub confirmed_at: String,
    pub name: String,
    pub organisation: String,
    pub kind: String,
    pub email: String,
    pub commune: String,
    pub target: String,
    pub support: String,
    pub listing: String,
}

/// An unconfirmed expression: when, who, for what.
pub struct PendingLine {
    pub received_at: String,
    pub email: String,
    pub kind: String,
    pub target: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/supporters.html")]
pub struct SupportersPage {
    page: Page,
    /// "12 manifestations confirmées".
    confirmed_text: String,
    /// "3 en attente de confirmation".
    pending_text: String,
    confirmed: Vec<ConfirmedLine>,
    pending: Vec<PendingLine>,
    /// The count tables: caption, then label and count per line.
    tallies: Vec<(String, Vec<Tally>)>,
}

/// An answer of a supporter as a person reads it ("" for an unknown question).
fn shown(schema: &FormSchema, answers: &Answers, key: &str, lang: Lang, ctx: &Context) -> String {
    schema.field(key).map(|f| form::display(f, answers.get(key), lang, ctx)).unwrap_or_default()
}

/// The kind of supporter as its option label.
fn kind_label(schema: &FormSchema, s: &Supporter, lang: Lang, ctx: &Context) -> String {
    let value = Value::String(s.supporter_kind.clone());
    schema
        .field(supporters::KIND_FIELD)
        .map(|f| form::display(f, Some(&value), lang, ctx))
        .unwrap_or_else(|| s.supporter_kind.clone())
}

/// `GET /gestion/soutiens`: counts, the confirmed expressions, the pending ones.
pub async fn list(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
) -> Result<SupportersPage, AppError> {
    if !may_see(&account) {
        return Err(AppError::Forbidden);
    }
    let lang = page.lang;
    let form = supporters::interest_form(&app).await?;
    let ctx = form.context(OffsetDateTime::now_utc());
    let schema = &form.schema;
    let all = app.db.supporters(form.call_id).await?;
    let tallies =
        supporters::tally(&all, schema, &ctx, lang, &page.t("supporters-bo-unknown-commune"));
    let mut confirmed = Vec::new();
    let mut pending = Vec::new();
    for s in &all {
        let answers = Answers::from_value(s.answers.clone());
        let get = |key: &str| shown(schema, &answers, key, lang, &ctx);
        let target = {
            let value = Value::String(s.target.clone());
            schema
                .field(supporters::TARGET_FIELD)
                .map(|f| form::display(f, Some(&value), lang, &ctx))
                .unwrap_or_else(|| s.target.clone())
        };
        match s.confirmed_at {
            Some(at) => confirmed.push(ConfirmedLine {
                confirmed_at: i18n::datetime(lang, at),
                name: get("name"),
                organisation: get("organisation"),
                kind: kind_label(schema, s, lang, &ctx),
                email: s.email.clone(),
                commune: get(supporters::COMMUNE_FIELD),
                target,
                support: get("support_kinds"),
                listing: get(supporters::LISTING_FIELD),
            }),
            None => pending.push(PendingLine {
                received_at: i18n::datetime(lang, s.updated_at),
                email: s.email.clone(),
                kind: kind_label(schema, s, lang, &ctx),
                target,
            }),
        }
    }
    let count = |key: &str, n: usize| {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        i18n::t_args(lang, key, &[("count", FluentValue::from(n))])
    };
    let Tallies { by_kind, by_department, by_region, by_region_2011 } = tallies;
    let tallies = vec![
        (page.t("supporters-bo-by-kind"), by_kind),
        (page.t("supporters-bo-by-department"), by_department),
        (page.t("supporters-bo-by-region"), by_region),
        (page.t("supporters-bo-by-region-2011"), by_region_2011),
    ];
    Ok(SupportersPage {
        confirmed_text: count("supporters-bo-confirmed", confirmed.len()),
        pending_text: count("supporters-bo-pending", pending.len()),
        confirmed,
        pending,
        tallies,
        page,
    })
}

/// `GET /gestion/soutiens.csv`: the confirmed expressions for office software (`;`, UTF-8 BOM,
/// formulas neutralised), as an attachment. Side effect: a `supporters.exported` audit event
/// (personal data leaves the platform).
pub async fn export_csv(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    CurrentUser(account): CurrentUser,
) -> Result<Response, AppError> {
    if !may_see(&account) {
        return Err(AppError::Forbidden);
    }
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    let form = supporters::interest_form(&app).await?;
    let ctx = form.context(now);
    let all = app.db.supporters(form.call_id).await?;
    let rows = supporters::export_rows(&all, &form.schema, &ctx, lang);
    let event = AuditEvent::by(
        account.id,
        "supporters.exported",
        &client,
        json!({ "rows": rows.len().saturating_sub(1) }),
    );
    app.db.audit(&event, now).await?;
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    let filename = format!("manifestations-{}.csv", paris::date_of(now));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok((headers, export::csv(&rows)).into_response())
}
