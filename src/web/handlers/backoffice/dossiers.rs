//! `/gestion/dossiers`: the submitted dossiers for the back office — the list (a referent sees
//! their network's, the steering group all) with its filters, and each dossier's page: its
//! answers, history, message thread with the candidate, private annotations, and (steering
//! group) the network it is routed to.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::permissions;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::audit::AuditEvent;
use crate::db::dossiers::Dossier;
use crate::db::exchanges::StaffFilter;
use crate::domain::call::Call;
use crate::domain::dossier::DossierState;
use crate::domain::form::{self, Answers, Choice, Kind};
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::dossiers::forms;
use crate::exchanges;
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::reviews::{
    AdmissibilityView, ReviewsView, admissibility_view, reviews_view,
};
use crate::web::page::Page;

/// Dossiers per page of the list.
const PAGE_SIZE: i64 = 50;

/// The networks whose dossiers the account sees: `None` for all (steering group, admin).
fn scope(account: &Account) -> Option<Vec<String>> {
    if account.has_role(Role::Steering) || account.has_role(Role::Admin) {
        return None;
    }
    Some(
        account
            .roles
            .iter()
            .filter(|(role, _)| *role == Role::Referent)
            .filter_map(|(_, network)| network.clone())
            .collect(),
    )
}

fn is_steering(account: &Account) -> bool {
    account.has_role(Role::Steering) || account.has_role(Role::Admin)
}

/// The list's filters as the query string carries them (the list's form, and the exports of
/// the same list).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub parcours: String,
    pub etat: String,
    pub reseau: String,
    pub q: String,
    pub page: i64,
}

/// The filter of the list for this account: unknown values are ignored, a referent's scope is
/// always applied. No limit (the list pages it).
pub fn filter_of(account: &Account, call: &Call, query: &ListQuery) -> StaffFilter {
    let known = |value: &str, list: &[&str]| list.contains(&value).then(|| value.to_owned());
    let track_slugs: Vec<&str> = call.tracks.iter().map(|t| t.slug.as_str()).collect();
    let state_codes: Vec<&str> = DossierState::ALL.iter().map(|s| s.code()).collect();
    let network_slugs: Vec<&str> = call.networks.iter().map(|n| n.slug.as_str()).collect();
    StaffFilter {
        networks: scope(account),
        track: known(&query.parcours, &track_slugs),
        state: known(&query.etat, &state_codes),
        network: known(&query.reseau, &network_slugs),
        unrouted: query.reseau == "aucun",
        text: Some(query.q.trim().to_owned()).filter(|q| !q.is_empty()),
        limit: i64::MAX,
        offset: 0,
    }
}

/// One line of the list as shown.
pub struct ListLine {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
    pub organisation: String,
    pub track: String,
    pub state: String,
    pub network: String,
    pub submitted_at: String,
    pub unread: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/dossiers.html")]
pub struct ListPage {
    page: Page,
    lines: Vec<ListLine>,
    /// "12 dossiers", "1 dossier".
    total_text: String,
    /// The filter choices: (value, label, selected).
    tracks: Vec<(String, String, bool)>,
    states: Vec<(String, String, bool)>,
    networks: Vec<(String, String, bool)>,
    /// Whether the network filter is offered (more than one network visible).
    network_filter: bool,
    q: String,
    previous: Option<String>,
    next: Option<String>,
    /// "Réseau : COORACE" for a referent.
    scope_text: Option<String>,
}

/// `GET /gestion/dossiers`: the submitted dossiers the account may see, filtered.
pub async fn list(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let networks_seen = scope(&account);
    let unrouted = query.reseau == "aucun";
    let page_number = query.page.max(1);
    let mut filter = filter_of(&account, call, &query);
    filter.limit = PAGE_SIZE;
    filter.offset = (page_number - 1) * PAGE_SIZE;
    let (rows, total) = app.db.staff_dossiers(call.id, &filter).await?;
    let network_name = |slug: &Option<String>| match slug {
        Some(slug) => call
            .networks
            .iter()
            .find(|n| &n.slug == slug)
            .map_or_else(|| slug.clone(), |n| n.name.get(lang).to_owned()),
        None => i18n::t(lang, "staff-dossiers-unrouted"),
    };
    let track_name = |slug: &str| {
        call.tracks
            .iter()
            .find(|t| t.slug == slug)
            .map_or_else(|| slug.to_owned(), |t| t.name.get(lang).to_owned())
    };
    let lines = rows
        .into_iter()
        .map(|row| ListLine {
            id: row.id,
            reference: row.reference,
            title: if row.title.is_empty() {
                i18n::t(lang, "staff-dossiers-untitled")
            } else {
                row.title
            },
            organisation: row.organisation_name,
            track: track_name(&row.track),
            state: DossierState::parse(&row.state)
                .map_or(row.state.clone(), |s| s.label(lang).to_owned()),
            network: network_name(&row.network_slug),
            submitted_at: row.submitted_at.map(|at| i18n::datetime(lang, at)).unwrap_or_default(),
            unread: row.unread,
        })
        .collect();
    let visible_networks: Vec<&crate::domain::call::PartnerNetwork> = call
        .networks
        .iter()
        .filter(|n| networks_seen.as_ref().is_none_or(|seen| seen.contains(&n.slug)))
        .collect();
    let mut networks: Vec<(String, String, bool)> = visible_networks
        .iter()
        .map(|n| (n.slug.clone(), n.name.get(lang).to_owned(), n.slug == query.reseau))
        .collect();
    if networks_seen.is_none() {
        networks.push(("aucun".to_owned(), i18n::t(lang, "staff-dossiers-unrouted"), unrouted));
    }
    let scope_text = networks_seen.as_ref().map(|_| {
        let names: Vec<&str> = visible_networks.iter().map(|n| n.name.get(lang)).collect();
        format!("{} {}", i18n::t(lang, "staff-dossiers-scope"), names.join(", "))
    });
    let link = |number: i64| {
        let mut params = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("parcours", &query.parcours),
            ("etat", &query.etat),
            ("reseau", &query.reseau),
            ("q", &query.q),
        ] {
            if !value.is_empty() {
                params.append_pair(key, value);
            }
        }
        params.append_pair("page", &number.to_string());
        format!("/gestion/dossiers?{}", params.finish())
    };
    let rendered = ListPage {
        total_text: i18n::t_args(
            lang,
            "staff-dossiers-count",
            &[("count", fluent_templates::fluent_bundle::FluentValue::from(total))],
        ),
        lines,
        tracks: call
            .tracks
            .iter()
            .filter(|t| t.account_required)
            .map(|t| (t.slug.clone(), t.name.get(lang).to_owned(), t.slug == query.parcours))
            .collect(),
        states: DossierState::ALL
            .iter()
            .filter(|s| **s != DossierState::Draft)
            .map(|s| (s.code().to_owned(), s.label(lang).to_owned(), s.code() == query.etat))
            .collect(),
        network_filter: networks.len() > 1,
        networks,
        q: query.q.clone(),
        previous: (page_number > 1).then(|| link(page_number - 1)),
        next: (page_number * PAGE_SIZE < total).then(|| link(page_number + 1)),
        scope_text,
        page,
    };
    Ok(rendered.into_response())
}

/// A section of the answers as the dossier page shows it.
pub struct AnswerSection {
    pub title: String,
    pub items: Vec<AnswerItem>,
}

pub enum AnswerItem {
    Heading(String),
    Value { label: String, text: String },
    Table { label: String, columns: Vec<String>, rows: Vec<Vec<String>> },
}

/// A message of the thread as shown.
pub struct ThreadLine {
    pub author: String,
    pub from_staff: bool,
    pub at: String,
    pub body: String,
    pub read: String,
}

/// A history row as shown.
pub struct HistoryLine {
    pub at: String,
    pub what: String,
    pub who: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/dossier.html")]
pub struct DossierPage {
    page: Page,
    id: Uuid,
    reference: String,
    title: String,
    organisation: String,
    track: String,
    state: String,
    network: String,
    sections: Vec<AnswerSection>,
    history: Vec<HistoryLine>,
    thread: Vec<ThreadLine>,
    annotations: Vec<ThreadLine>,
    /// The steering group may move the dossier to another network: (slug, name, current).
    reassign: Option<Vec<(String, String, bool)>>,
    message_text: String,
    message_error: Option<String>,
    annotation_text: String,
    annotation_error: Option<String>,
    notice: Option<String>,
    reviews: ReviewsView,
    admissibility: AdmissibilityView,
    admissibility_error: Option<String>,
}

/// The dossier if the account may see it in the back office; otherwise a 403 and an audit
/// entry (someone of the back office reached outside their network).
pub(crate) async fn staff_dossier(
    app: &AppState,
    account: &Account,
    client: &str,
    id: Uuid,
) -> Result<Dossier, AppError> {
    let dossier = app.db.dossier(id).await?.ok_or(AppError::NotFound)?;
    if dossier.state == DossierState::Draft {
        return Err(AppError::NotFound);
    }
    let network = app.db.dossier_network(id).await?;
    let may_see = account.is_back_office()
        && (permissions::can_view_dossier(account, &dossier, network.as_deref())
            || app.db.is_assigned(id, account.id).await?);
    if !may_see {
        let event = AuditEvent {
            event: "dossier.access_denied",
            actor: Some(account.id),
            subject: None,
            client,
            detail: serde_json::json!({ "dossier": id, "network": network }),
        };
        app.db.audit(&event, OffsetDateTime::now_utc()).await?;
        return Err(AppError::Forbidden);
    }
    Ok(dossier)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    fait: String,
}

/// `GET /gestion/dossiers/{id}`.
pub async fn page(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    app.db.mark_messages_read(id, false, OffsetDateTime::now_utc()).await?;
    let notice = match query.fait.as_str() {
        "message" => Some(page.t("staff-dossiers-notice-message")),
        "annotation" => Some(page.t("staff-dossiers-notice-annotation")),
        "reseau" => Some(page.t("staff-dossiers-notice-network")),
        "recevabilite" => Some(page.t("admissibility-notice")),
        "evaluation" => Some(page.t("reviews-notice-submitted")),
        "evaluateurs" => Some(page.t("reviews-notice-reviewers")),
        _ => None,
    };
    let rendered =
        dossier_page(&app, page, &account, &dossier, Shown { notice, ..Shown::default() }).await?;
    Ok(rendered.into_response())
}

#[derive(Default)]
struct Shown {
    admissibility_error: Option<String>,
    message_text: String,
    message_error: Option<String>,
    annotation_text: String,
    annotation_error: Option<String>,
    notice: Option<String>,
}

async fn dossier_page(
    app: &AppState,
    page: Page,
    account: &Account,
    dossier: &Dossier,
    shown: Shown,
) -> Result<DossierPage, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let schema = forms::schema(app, dossier.form_revision_id).await?;
    let answers = Answers::from_value(dossier.answers.clone());
    let networks = Choice::from_networks(&call.networks);
    let ctx = crate::dossiers::context(&networks, OffsetDateTime::now_utc());
    let mut sections = Vec::new();
    for section in &schema.sections {
        if !schema.section_visible(&section.key, &answers) {
            continue;
        }
        let mut items = Vec::new();
        for field in schema.visible_fields(section, &answers) {
            let label = field.label.get(lang).to_owned();
            items.push(match &field.kind {
                Kind::Heading => AnswerItem::Heading(label),
                Kind::Table { columns, .. } => AnswerItem::Table {
                    label,
                    columns: columns.iter().map(|c| c.label.get(lang).to_owned()).collect(),
                    rows: answers
                        .rows(&field.key)
                        .iter()
                        .map(|row| {
                            columns
                                .iter()
                                .map(|c| form::display(c, row.get(&c.key), lang, &ctx))
                                .collect()
                        })
                        .collect(),
                },
                _ => AnswerItem::Value {
                    label,
                    text: form::display(field, answers.get(&field.key), lang, &ctx),
                },
            });
        }
        sections.push(AnswerSection { title: section.title.get(lang).to_owned(), items });
    }
    let network_slug = app.db.dossier_network(dossier.id).await?;
    let network_name = |slug: &str| {
        call.networks
            .iter()
            .find(|n| n.slug == slug)
            .map_or_else(|| slug.to_owned(), |n| n.name.get(lang).to_owned())
    };
    let history = app
        .db
        .dossier_events(dossier.id)
        .await?
        .into_iter()
        .map(|e| HistoryLine {
            at: i18n::datetime(lang, e.at),
            what: history_label(lang, &e.kind),
            who: e.actor_name.clone().unwrap_or_default(),
            note: match e.kind.as_str() {
                "reassigned" | "routed" => {
                    let slug = e.note.clone().unwrap_or_default();
                    if slug == "—" {
                        i18n::t(lang, "staff-dossiers-unrouted")
                    } else {
                        network_name(&slug)
                    }
                }
                _ => e.note.clone().unwrap_or_default(),
            },
        })
        .collect();
    let thread = app
        .db
        .dossier_messages(dossier.id)
        .await?
        .into_iter()
        .map(|m| thread_line(lang, m))
        .collect();
    let annotations = app
        .db
        .annotations(dossier.id)
        .await?
        .into_iter()
        .map(|a| ThreadLine {
            author: a.author_name,
            from_staff: true,
            at: i18n::datetime(lang, a.created_at),
            body: a.body,
            read: String::new(),
        })
        .collect();
    let reassign = is_steering(account).then(|| {
        let mut options: Vec<(String, String, bool)> = call
            .networks
            .iter()
            .map(|n| {
                (
                    n.slug.clone(),
                    n.name.get(lang).to_owned(),
                    Some(&n.slug) == network_slug.as_ref(),
                )
            })
            .collect();
        options.push((
            String::new(),
            i18n::t(lang, "staff-dossiers-unrouted"),
            network_slug.is_none(),
        ));
        options
    });
    let track = call
        .tracks
        .iter()
        .find(|t| t.slug == dossier.track)
        .map_or_else(|| dossier.track.clone(), |t| t.name.get(lang).to_owned());
    let organisation =
        app.db.organisation(dossier.organisation_id).await?.map(|o| o.name).unwrap_or_default();
    let reviews = reviews_view(app, lang, account, dossier).await?;
    let admissibility = admissibility_view(app, lang, account, dossier).await?;
    Ok(DossierPage {
        id: dossier.id,
        reference: dossier.reference.clone(),
        title: dossier.title.clone(),
        organisation,
        track,
        state: dossier.state.label(lang).to_owned(),
        network: network_slug
            .as_deref()
            .map_or_else(|| i18n::t(lang, "staff-dossiers-unrouted"), network_name),
        sections,
        history,
        thread,
        annotations,
        reassign,
        message_text: shown.message_text,
        message_error: shown.message_error,
        annotation_text: shown.annotation_text,
        annotation_error: shown.annotation_error,
        notice: shown.notice,
        reviews,
        admissibility,
        admissibility_error: shown.admissibility_error,
        page,
    })
}

/// A message as the thread shows it, on either side.
pub fn thread_line(lang: Lang, m: crate::db::exchanges::Message) -> ThreadLine {
    ThreadLine {
        author: m.author_name,
        from_staff: m.from_staff,
        at: i18n::datetime(lang, m.created_at),
        body: m.body,
        read: m
            .read_at
            .map(|at| {
                i18n::t_args(
                    lang,
                    "exchanges-read-at",
                    &[(
                        "at",
                        fluent_templates::fluent_bundle::FluentValue::from(i18n::datetime(
                            lang, at,
                        )),
                    )],
                )
            })
            .unwrap_or_default(),
    }
}

/// The history's name for an event kind, in the reader's language.
fn history_label(lang: Lang, kind: &str) -> String {
    let key = format!("staff-dossiers-event-{kind}");
    let text = i18n::t(lang, &key);
    if text == key { kind.to_owned() } else { text }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TextForm {
    texte: String,
}

/// `POST /gestion/dossiers/{id}/messages`: a message to the candidate (emailed as a link).
pub async fn post_message(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let now = OffsetDateTime::now_utc();
    match exchanges::post_message(&app, &account, &dossier, true, &form.texte, now).await? {
        Ok(_) => {
            Ok(Redirect::to(&format!("/gestion/dossiers/{id}?fait=message#messages"))
                .into_response())
        }
        Err(refusal) => {
            let shown = Shown {
                message_error: Some(refusal.message().text(page.lang)),
                message_text: form.texte,
                ..Shown::default()
            };
            let rendered = dossier_page(&app, page, &account, &dossier, shown).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

/// `POST /gestion/dossiers/{id}/annotations`: a private annotation (never shown to the
/// candidate).
pub async fn annotate(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let now = OffsetDateTime::now_utc();
    match exchanges::annotate(&app, &account, id, &form.texte, now).await? {
        Ok(()) => Ok(Redirect::to(&format!("/gestion/dossiers/{id}?fait=annotation#annotations"))
            .into_response()),
        Err(refusal) => {
            let shown = Shown {
                annotation_error: Some(refusal.message().text(page.lang)),
                annotation_text: form.texte,
                ..Shown::default()
            };
            let rendered = dossier_page(&app, page, &account, &dossier, shown).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NetworkForm {
    reseau: String,
}

/// `POST /gestion/dossiers/{id}/reseau`: the steering group routes the dossier to another
/// network (logged in the history and the audit log).
pub async fn reassign(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(form): Form<NetworkForm>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let network = Some(form.reseau.trim()).filter(|n| !n.is_empty());
    let now = OffsetDateTime::now_utc();
    if !exchanges::reassign(&app, &account, dossier.id, network, &client, now).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/gestion/dossiers/{id}?fait=reseau")).into_response())
}

/// The dossier's page with a refusal in its admissibility block (a check overridden without a
/// comment).
pub(crate) async fn page_with_error(
    app: &AppState,
    page: Page,
    account: &Account,
    dossier: &Dossier,
    error: String,
) -> Result<DossierPage, AppError> {
    let shown = Shown { admissibility_error: Some(error), ..Shown::default() };
    dossier_page(app, page, account, dossier, shown).await
}
