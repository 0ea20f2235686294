//! `/gestion/dossiers/{id}`: a submitted dossier's page in the back office — its answers,
//! history, message thread with the candidate, private annotations, and (steering group) the
//! network it is routed to. The list of dossiers is in dossier_list.rs.

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
use crate::domain::dossier::DossierState;
use crate::domain::form::{self, Answers, Choice, Kind};
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::dossiers::forms;
use crate::exchanges;
use crate::exchanges::complements::{self, RequestRefusal};
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::reviews::{
    AdmissibilityView, ReviewsView, admissibility_view, reviews_view,
};
use crate::web::page::Page;

/// The networks whose dossiers the account sees: `None` for all (steering group, admin).
pub(crate) fn scope(account: &Account) -> Option<Vec<String>> {
    if account.is_steering() {
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
    pub files: Vec<ThreadFile>,
}

/// A file of a message as the thread lists it.
pub struct ThreadFile {
    pub href: String,
    pub name: String,
    /// "PDF, 120 ko".
    pub about: String,
    /// Not given out yet: "vérification antivirus en cours".
    pub pending: Option<String>,
}

/// What the screening block of the dossier's page offers (referents of the dossier's network
/// and the steering group; nothing to the others).
#[derive(Default)]
pub struct ScreeningView {
    /// The account may screen this dossier.
    pub may: bool,
    /// "Prendre en repérage" applies (the dossier is submitted).
    pub can_take: bool,
    /// A complement may be asked (submitted or under screening).
    pub can_request: bool,
    /// The form's sections: (key, title, ticked).
    pub sections: Vec<(String, String, bool)>,
    pub text: String,
    pub sections_error: Option<String>,
    pub text_error: Option<String>,
    pub error: Option<String>,
    /// The open request: "Complément demandé le … par …", the sections' titles, the message.
    pub open: Option<(String, Vec<String>, String)>,
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
    screening: ScreeningView,
    /// The steering group's decision on the dossier (steering group and administrators only).
    decision: Option<super::letters::DecisionPanel>,
    /// The file field of the message form.
    files: crate::web::handlers::candidate::messages::FilesField,
    labels: super::labels::LabelsView,
}

/// A dossier someone of the back office may see, with the slug of the network it is routed to
/// (read once for the whole page).
pub struct StaffDossier {
    pub dossier: Dossier,
    pub network: Option<String>,
}

/// The dossier if the account may see it in the back office; otherwise a 403 and an audit
/// entry (someone of the back office reached outside their network).
pub(crate) async fn staff_dossier(
    app: &AppState,
    account: &Account,
    client: &str,
    id: Uuid,
) -> Result<Dossier, AppError> {
    Ok(staff_dossier_and_network(app, account, client, id).await?.dossier)
}

/// As `staff_dossier`, with the dossier's network.
pub(crate) async fn staff_dossier_and_network(
    app: &AppState,
    account: &Account,
    client: &str,
    id: Uuid,
) -> Result<StaffDossier, AppError> {
    let dossier = app.db.dossier(id).await?.ok_or(AppError::NotFound)?;
    if dossier.state == DossierState::Draft {
        return Err(AppError::NotFound);
    }
    let network = app.db.dossier_network(id).await?;
    let may_see = account.is_back_office()
        && (permissions::can_view_dossier(account, &dossier, network.as_deref())
            || app.db.is_assigned(id, account.id).await?);
    if !may_see {
        let detail = serde_json::json!({ "dossier": id, "network": network });
        let event = AuditEvent::by(account.id, "dossier.access_denied", client, detail);
        app.db.audit(&event, OffsetDateTime::now_utc()).await?;
        return Err(AppError::Forbidden);
    }
    Ok(StaffDossier { dossier, network })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    fait: String,
    /// A label refused (`vide`, `longue`), said next to the label field.
    etiquette: String,
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
    let seen = staff_dossier_and_network(&app, &account, &client, id).await?;
    app.db.mark_messages_read(id, false, OffsetDateTime::now_utc()).await?;
    let notice = match query.fait.as_str() {
        "message" => Some(page.t("staff-dossiers-notice-message")),
        "annotation" => Some(page.t("staff-dossiers-notice-annotation")),
        "reseau" => Some(page.t("staff-dossiers-notice-network")),
        "recevabilite" => Some(page.t("admissibility-notice")),
        "evaluation" => Some(page.t("reviews-notice-submitted")),
        "evaluateurs" => Some(page.t("reviews-notice-reviewers")),
        "reperage" => Some(page.t("complements-notice-screening")),
        "complement" => Some(page.t("complements-notice-requested")),
        "etiquette" => Some(page.t("labels-notice-added")),
        "etiquette-retiree" => Some(page.t("labels-notice-removed")),
        _ => None,
    };
    let label_error = match query.etiquette.as_str() {
        "vide" => Some(page.t("labels-name-required")),
        "longue" => Some(page.t("labels-name-too-long")),
        _ => None,
    };
    let shown = Shown { notice, label_error, ..Shown::default() };
    let rendered = dossier_page(&app, page, &account, &seen, shown).await?;
    Ok(rendered.into_response())
}

#[derive(Default)]
struct Shown {
    admissibility_error: Option<String>,
    message_text: String,
    message_error: Option<String>,
    files_error: Option<String>,
    annotation_text: String,
    annotation_error: Option<String>,
    notice: Option<String>,
    /// A request for a complement sent back: the sections ticked, the text, the refusal.
    complement: Option<(Vec<String>, String, RequestRefusal)>,
    screening_error: Option<String>,
    label_error: Option<String>,
}

async fn dossier_page(
    app: &AppState,
    page: Page,
    account: &Account,
    seen: &StaffDossier,
    shown: Shown,
) -> Result<DossierPage, AppError> {
    let lang = page.lang;
    let dossier = &seen.dossier;
    let network_slug = &seen.network;
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
                "complement_requested" => {
                    let keys = e.note.clone().unwrap_or_default();
                    let keys: Vec<&str> = keys.split(',').collect();
                    let titles: Vec<&str> = schema
                        .sections
                        .iter()
                        .filter(|s| keys.contains(&s.key.as_str()))
                        .map(|s| s.title.get(lang))
                        .collect();
                    titles.join(", ")
                }
                // No note: moved to no network ("—" in rows written before that).
                "reassigned" | "routed" => match e.note.as_deref() {
                    None | Some("—") => i18n::t(lang, "staff-dossiers-unrouted"),
                    Some(slug) => network_name(slug),
                },
                _ => e.note.clone().unwrap_or_default(),
            },
        })
        .collect();
    let thread = thread_lines(app, lang, dossier.id, &files_base(dossier.id)).await?;
    let screening = screening_view(app, lang, account, seen, &schema, &shown).await?;
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
            files: Vec::new(),
        })
        .collect();
    let reassign = account.is_steering().then(|| {
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
    let admissibility = admissibility_view(app, lang, account, seen, call, &schema).await?;
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
        screening,
        decision: super::letters::panel(app, lang, account, dossier).await?,
        files: crate::web::handlers::candidate::messages::FilesField::new(
            app,
            lang,
            shown.files_error,
        ),
        labels: super::labels::view(app, dossier, shown.label_error).await?,
        page,
    })
}

/// Where the files of a dossier's thread are downloaded from in the back office.
fn files_base(id: Uuid) -> String {
    format!("/gestion/dossiers/{id}/messages/fichiers")
}

/// The screening block of the dossier's page for this account.
async fn screening_view(
    app: &AppState,
    lang: Lang,
    account: &Account,
    seen: &StaffDossier,
    schema: &crate::domain::form::FormSchema,
    shown: &Shown,
) -> Result<ScreeningView, AppError> {
    if !permissions::can_screen_dossier(account, seen.network.as_deref()) {
        return Ok(ScreeningView::default());
    }
    let dossier = &seen.dossier;
    let title = |key: &str| {
        schema.section(key).map_or_else(|| key.to_owned(), |s| s.title.get(lang).to_owned())
    };
    let open = app.db.open_complement(dossier.id).await?.map(|c| {
        let name =
            c.requested_by_name.clone().unwrap_or_else(|| i18n::t(lang, "complements-someone"));
        let said = i18n::t_args(
            lang,
            "complements-open",
            &[("at", i18n::datetime(lang, c.requested_at).into()), ("name", name.into())],
        );
        (said, c.sections.iter().map(|k| title(k)).collect(), c.message.clone())
    });
    let (ticked, text, refusal) = match &shown.complement {
        Some((ticked, text, refusal)) => (ticked.clone(), text.clone(), Some(refusal)),
        None => (Vec::new(), String::new(), None),
    };
    let about_sections = refusal.is_some_and(|r| r.is_about_sections());
    let about_text = refusal.is_some_and(|r| matches!(r, RequestRefusal::Text(_)));
    Ok(ScreeningView {
        may: true,
        can_take: dossier.state.take_into_screening().is_ok(),
        can_request: dossier.state.request_complement().is_ok(),
        sections: schema
            .sections
            .iter()
            .map(|s| (s.key.clone(), s.title.get(lang).to_owned(), ticked.contains(&s.key)))
            .collect(),
        text,
        sections_error: refusal.filter(|_| about_sections).map(|r| r.message(lang)),
        text_error: refusal.filter(|_| about_text).map(|r| r.message(lang)),
        error: refusal
            .filter(|_| !about_sections && !about_text)
            .map(|r| r.message(lang))
            .or_else(|| shown.screening_error.clone()),
        open,
    })
}

/// The thread of a dossier as shown, oldest first, each message with its files (linked under
/// `files_base`, the side's download route).
pub async fn thread_lines(
    app: &AppState,
    lang: Lang,
    dossier_id: Uuid,
    files_base: &str,
) -> Result<Vec<ThreadLine>, AppError> {
    let mut files = app.db.message_files(dossier_id).await?;
    let messages = app.db.dossier_messages(dossier_id).await?;
    Ok(messages
        .into_iter()
        .map(|m| {
            let (mine, others) = files.drain(..).partition(|f| f.message_id == m.id);
            files = others;
            let shown = mine.into_iter().map(|f| thread_file(lang, f, files_base)).collect();
            thread_line(lang, m, shown)
        })
        .collect())
}

fn thread_file(lang: Lang, f: crate::db::exchanges::MessageFile, files_base: &str) -> ThreadFile {
    use crate::domain::upload::{FileType, ScanStatus};
    let kind = FileType::from_key(&f.file_type)
        .map_or(f.file_type.clone(), |t| t.short_label().to_owned());
    let size = crate::web::handlers::candidate::fields::size_text(
        lang,
        u64::try_from(f.size_bytes).unwrap_or_default(),
    );
    let downloadable = ScanStatus::from_key(&f.scan_status).is_some_and(|s| s.is_downloadable());
    ThreadFile {
        href: format!("{files_base}/{}", f.file_id),
        name: f.original_name,
        about: format!("{kind}, {size}"),
        pending: (!downloadable).then(|| i18n::t(lang, "message-files-pending")),
    }
}

/// A message as the thread shows it, on either side.
pub fn thread_line(
    lang: Lang,
    m: crate::db::exchanges::Message,
    files: Vec<ThreadFile>,
) -> ThreadLine {
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
        files,
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

/// `POST /gestion/dossiers/{id}/messages`: a message to the candidate, with files if any
/// (emailed as a link, without the message or its files).
pub async fn post_message(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    request: axum::extract::Request,
) -> Result<Response, AppError> {
    use crate::web::handlers::candidate::messages::{MessageRefusal, read_message};
    let seen = staff_dossier_and_network(&app, &account, &client, id).await?;
    let dossier = &seen.dossier;
    let now = OffsetDateTime::now_utc();
    let input = read_message(&app, request, dossier.id, account.id, now).await?;
    let refusal = match input.refusal {
        Some(refusal) => Some(refusal),
        None => {
            let files: Vec<Uuid> = input.files.iter().map(|f| f.id).collect();
            exchanges::post_message(&app, &account, dossier, true, &input.text, &files, now)
                .await?
                .err()
                .map(MessageRefusal::Text)
        }
    };
    let outcome = match refusal {
        None => Ok("message#messages"),
        Some(refusal) => {
            let (message_error, files_error) = match refusal {
                MessageRefusal::Text(refusal) => (Some(refusal.message().text(page.lang)), None),
                MessageRefusal::Files(message) => (None, Some(message.text(page.lang))),
            };
            let shown =
                Shown { message_error, files_error, message_text: input.text, ..Shown::default() };
            Err((StatusCode::UNPROCESSABLE_ENTITY, shown))
        }
    };
    back_to_page(&app, page, &account, &seen, outcome).await
}

/// After a form of the dossier's page: done, back to the page saying `done`
/// (`?fait={done}`, anchor included); refused, the page again with what it shows and the status.
async fn back_to_page(
    app: &AppState,
    page: Page,
    account: &Account,
    seen: &StaffDossier,
    outcome: Result<&str, (StatusCode, Shown)>,
) -> Result<Response, AppError> {
    match outcome {
        Ok(done) => {
            let id = seen.dossier.id;
            Ok(Redirect::to(&format!("/gestion/dossiers/{id}?fait={done}")).into_response())
        }
        Err((status, shown)) => {
            let rendered = dossier_page(app, page, account, seen, shown).await?;
            Ok((status, rendered).into_response())
        }
    }
}

/// `GET /gestion/dossiers/{id}/messages/fichiers/{file}`: a file of the dossier's thread, for
/// the back office people who may see the dossier (referents of its network, the steering
/// group, its reviewers); anyone else gets the 403 of `staff_dossier`, audited.
pub async fn message_file(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path((id, file)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let back = format!("/gestion/dossiers/{}#messages", dossier.id);
    crate::web::handlers::candidate::messages::give_message_file(&app, page, dossier.id, file, back)
        .await
}

/// The dossier if the account may screen it (referent of its network, steering group); a
/// referent of another network gets the audited 403 of `staff_dossier`, a reviewer a 403.
async fn screened_dossier(
    app: &AppState,
    account: &Account,
    client: &str,
    id: Uuid,
) -> Result<StaffDossier, AppError> {
    let seen = staff_dossier_and_network(app, account, client, id).await?;
    if !permissions::can_screen_dossier(account, seen.network.as_deref()) {
        return Err(AppError::Forbidden);
    }
    Ok(seen)
}

/// `POST /gestion/dossiers/{id}/reperage`: a referent of the network takes the submitted
/// dossier into screening (history, audit).
pub async fn take_into_screening(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let mut seen = screened_dossier(&app, &account, &client, id).await?;
    let now = OffsetDateTime::now_utc();
    let taken =
        complements::take_into_screening(&app, &account, &seen.dossier, &client, now).await?;
    let outcome = match taken {
        Ok(()) => Ok("reperage"),
        Err(state) => {
            let error = i18n::t_args(
                page.lang,
                "complements-screening-refused",
                &[("state", state.label(page.lang).into())],
            );
            seen.dossier = app.db.dossier(id).await?.unwrap_or(seen.dossier);
            Err((StatusCode::CONFLICT, Shown { screening_error: Some(error), ..Shown::default() }))
        }
    };
    back_to_page(&app, page, &account, &seen, outcome).await
}

/// `POST /gestion/dossiers/{id}/complement`: a referent of the network asks for a complement on
/// the ticked sections (`partie`, repeated) with a message (`texte`).
pub async fn request_complement(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    body: String,
) -> Result<Response, AppError> {
    let mut seen = screened_dossier(&app, &account, &client, id).await?;
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let sections: Vec<String> =
        pairs.iter().filter(|(k, _)| k == "partie").map(|(_, v)| v.clone()).collect();
    let text = pairs.iter().find(|(k, _)| k == "texte").map(|(_, v)| v.clone()).unwrap_or_default();
    let now = OffsetDateTime::now_utc();
    let requested = complements::request_complement(
        &app,
        &account,
        &seen.dossier,
        &sections,
        &text,
        &client,
        now,
    )
    .await?;
    let outcome = match requested {
        Ok(_) => Ok("complement#complement"),
        Err(refusal) => {
            let status = match refusal {
                RequestRefusal::State(_) => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            seen.dossier = app.db.dossier(id).await?.unwrap_or(seen.dossier);
            Err((status, Shown { complement: Some((sections, text, refusal)), ..Shown::default() }))
        }
    };
    back_to_page(&app, page, &account, &seen, outcome).await
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
    let seen = staff_dossier_and_network(&app, &account, &client, id).await?;
    let now = OffsetDateTime::now_utc();
    let outcome = match exchanges::annotate(&app, &account, id, &form.texte, now).await? {
        Ok(()) => Ok("annotation#annotations"),
        Err(refusal) => {
            let shown = Shown {
                annotation_error: Some(refusal.message().text(page.lang)),
                annotation_text: form.texte,
                ..Shown::default()
            };
            Err((StatusCode::UNPROCESSABLE_ENTITY, shown))
        }
    };
    back_to_page(&app, page, &account, &seen, outcome).await
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
    seen: &StaffDossier,
    error: String,
) -> Result<DossierPage, AppError> {
    let shown = Shown { admissibility_error: Some(error), ..Shown::default() };
    dossier_page(app, page, account, seen, shown).await
}
