//! `/gestion/appel/formulaires`: the form of each track — its current revision and source to
//! download, a new schema pasted or sent as a file, checked (every mistake with its line and
//! column, nothing published), previewed as a candidate sees it, then published as the next
//! revision. Dossiers already started keep the revision they name.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{DoneQuery, Errors, SteeringMember, editable_call, posted};
use crate::app::AppState;
use crate::db::audit::AuditEvent;
use crate::db::forms::FormRevision;
use crate::domain::call::{Call, Track};
use crate::domain::form::{Answers, Choice, FormSchema};
use crate::domain::lang::Lang;
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::candidate::fields::{self, FieldView, Widget};
use crate::web::page::Page;

pub const PATH: &str = "/gestion/appel/formulaires";

/// The largest schema accepted, pasted or sent as a file (the default forms are under 60 KB).
pub const MAX_SOURCE_BYTES: usize = 512 * 1024;

/// The body limit of the import and publish routes: a pasted text and a file of the largest
/// size, or one text urlencoded (up to three bytes a character), and the other fields.
pub const BODY_LIMIT: usize = 3 * MAX_SOURCE_BYTES + 64 * 1024;

/// The id of the text area, where the schema's mistakes are listed.
const SOURCE_ID: &str = "source";
/// The id of the file input.
const FILE_ID: &str = "source-file";

/// The fields a form C must keep: the supporters' pages and export read them
/// (`crate::supporters`).
const INTEREST_FIELDS: [&str; 5] = [
    crate::supporters::EMAIL_FIELD,
    crate::supporters::TARGET_FIELD,
    crate::supporters::KIND_FIELD,
    crate::supporters::COMMUNE_FIELD,
    crate::supporters::LISTING_FIELD,
];

fn track_path(slug: &str) -> String {
    format!("{PATH}/{slug}")
}

/// A published revision as the pages show it.
pub struct RevisionView {
    pub number: i64,
    pub published: String,
    pub sha256: String,
    pub download: String,
}

impl RevisionView {
    fn new(revision: &FormRevision, lang: Lang) -> RevisionView {
        RevisionView {
            number: revision.revision,
            published: i18n::datetime(lang, revision.published_at),
            sha256: revision.sha256.clone(),
            download: format!("{}/source", track_path(&revision.track)),
        }
    }
}

/// A track's line on the list.
pub struct FormRow {
    pub name: String,
    pub href: String,
    pub revision: Option<RevisionView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/call_forms.html")]
pub struct FormsPage {
    page: Page,
    rows: Vec<FormRow>,
}

/// The track of the call named in the path; 404 for any other.
fn track<'c>(call: &'c Call, slug: &str) -> Result<&'c Track, AppError> {
    call.tracks.iter().find(|t| t.slug == slug).ok_or(AppError::NotFound)
}

/// `GET /gestion/appel/formulaires`: each track's current revision.
pub async fn list(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(_): SteeringMember,
) -> Result<FormsPage, AppError> {
    let (call, _) = editable_call(&app).await?;
    let mut rows = Vec::new();
    for t in &call.tracks {
        let revision = app.db.current_form(call.id, &t.slug).await?;
        rows.push(FormRow {
            name: t.name.get(page.lang).to_owned(),
            href: track_path(&t.slug),
            revision: revision.map(|r| RevisionView::new(&r, page.lang)),
        });
    }
    Ok(FormsPage { page, rows })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/call_form.html")]
pub struct TrackFormPage {
    page: Page,
    action: String,
    name: String,
    revision: Option<RevisionView>,
    /// The text area's content: the current source, or the person's text kept.
    source: String,
    /// The schema's mistakes (or why the text could not be read), listed by the text area.
    source_errors: Vec<String>,
    /// Why the file could not be read, by the file input.
    file_error: Option<String>,
    /// Every mistake, for the summary at the top.
    errors: Errors,
    notice: Option<String>,
    conflict: Option<String>,
    /// "Un fichier .toml en UTF-8, 512 Ko au plus ; …".
    file_hint: String,
}

/// What a track's page shows besides its current revision.
#[derive(Default)]
struct Shown {
    source: Option<String>,
    source_errors: Vec<String>,
    file_error: Option<String>,
    notice: Option<String>,
    conflict: Option<String>,
}

async fn track_page(
    app: &AppState,
    page: Page,
    call: &Call,
    track: &Track,
    shown: Shown,
) -> Result<TrackFormPage, AppError> {
    let lang = page.lang;
    let current = app.db.current_form(call.id, &track.slug).await?;
    let mut errors = Errors::default();
    if let Some(message) = &shown.file_error {
        errors.add(FILE_ID, message.clone());
    }
    for message in &shown.source_errors {
        errors.add(SOURCE_ID, message.clone());
    }
    Ok(TrackFormPage {
        action: format!("{}/apercu", track_path(&track.slug)),
        name: track.name.get(lang).to_owned(),
        source: shown
            .source
            .unwrap_or_else(|| current.as_ref().map(|r| r.source.clone()).unwrap_or_default()),
        revision: current.as_ref().map(|r| RevisionView::new(r, lang)),
        source_errors: shown.source_errors,
        file_error: shown.file_error,
        errors,
        notice: shown.notice,
        conflict: shown.conflict,
        file_hint: i18n::t_args(
            lang,
            "call-settings-file-hint",
            &[("max", FluentValue::from(i64::try_from(MAX_SOURCE_BYTES / 1024).unwrap_or(512)))],
        ),
        page,
    })
}

/// `GET /gestion/appel/formulaires/{track}`: the current revision and the import form, its
/// text area holding the current source to edit.
pub async fn show(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(_): SteeringMember,
    Path(slug): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Result<TrackFormPage, AppError> {
    let (call, _) = editable_call(&app).await?;
    let track = track(&call, &slug)?;
    let current = app.db.current_form(call.id, &slug).await?.map_or(0, |r| r.revision);
    let number = [("revision", FluentValue::from(current))];
    let notice = match query.fait.as_str() {
        "publie" => Some(i18n::t_args(page.lang, "call-settings-form-published", &number)),
        "identique" => Some(i18n::t_args(page.lang, "call-settings-form-unchanged", &number)),
        _ => None,
    };
    track_page(&app, page, &call, track, Shown { notice, ..Shown::default() }).await
}

/// `GET /gestion/appel/formulaires/{track}/source`: the current revision's source, to keep or
/// edit elsewhere (`<track>-r<N>.toml`).
pub async fn download(
    State(app): State<AppState>,
    SteeringMember(_): SteeringMember,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (call, _) = editable_call(&app).await?;
    track(&call, &slug)?;
    let revision = app.db.current_form(call.id, &slug).await?.ok_or(AppError::NotFound)?;
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    // Track slugs are the call's own (lower-case ASCII and dashes), never the request's.
    let filename = format!("{}-r{}.toml", revision.track, revision.revision);
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok((headers, revision.source).into_response())
}

/// Why a sent schema could not even be read.
enum Unreadable {
    /// On the text area (empty) or the file input (not UTF-8, too large): the input id and
    /// message key.
    Input { id: &'static str, key: &'static str, status: StatusCode },
    /// Not a form post at all (wrong content type, broken multipart): the extractor's own 4xx.
    Rejected(Box<Response>),
}

/// A text as stored: Unix line ends, no byte-order mark.
fn normalise(text: &str) -> String {
    text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n")
}

/// The pasted text and the file's bytes of an import, multipart (the page's form) or
/// urlencoded (a pasted text only).
async fn read_import(
    app: &AppState,
    request: Request,
) -> Result<(String, Option<Vec<u8>>), Unreadable> {
    let multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(request, app)
            .await
            .map_err(|rejection| Unreadable::Rejected(Box::new(rejection.into_response())))?;
        return Ok((posted(&pairs, "source"), None));
    }
    let mut parts = Multipart::from_request(request, app)
        .await
        .map_err(|rejection| Unreadable::Rejected(Box::new(rejection.into_response())))?;
    let too_large = |field: &str| Unreadable::Input {
        id: if field == "source" { SOURCE_ID } else { FILE_ID },
        key: "call-settings-error-too-large",
        status: StatusCode::PAYLOAD_TOO_LARGE,
    };
    let (mut text, mut file) = (String::new(), None);
    loop {
        let mut field = match parts.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(too_large("fichier"));
            }
            Err(error) => return Err(Unreadable::Rejected(Box::new(error.into_response()))),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > MAX_SOURCE_BYTES {
                        return Err(too_large(&name));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return Err(too_large(&name));
                }
                Err(error) => return Err(Unreadable::Rejected(Box::new(error.into_response()))),
            }
        }
        match name.as_str() {
            "source" => text = String::from_utf8_lossy(&bytes).into_owned(),
            "fichier" if !bytes.is_empty() => file = Some(bytes),
            _ => {}
        }
    }
    Ok((text, file))
}

/// The schema text of an import: the file when one was sent, else the pasted text.
fn chosen_source(text: String, file: Option<Vec<u8>>) -> Result<String, Unreadable> {
    let source = match file {
        Some(bytes) => String::from_utf8(bytes).map_err(|_| Unreadable::Input {
            id: FILE_ID,
            key: "call-settings-error-not-utf8",
            status: StatusCode::UNPROCESSABLE_ENTITY,
        })?,
        None => text,
    };
    let source = normalise(&source);
    if source.len() > MAX_SOURCE_BYTES {
        return Err(Unreadable::Input {
            id: SOURCE_ID,
            key: "call-settings-error-too-large",
            status: StatusCode::PAYLOAD_TOO_LARGE,
        });
    }
    if source.trim().is_empty() {
        return Err(Unreadable::Input {
            id: SOURCE_ID,
            key: "call-settings-error-no-source",
            status: StatusCode::UNPROCESSABLE_ENTITY,
        });
    }
    Ok(source)
}

/// Line and column (1-based) of the value of the form's `key`, before its first table.
fn key_position(source: &str) -> (usize, usize) {
    for (n, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            break;
        }
        if let Some(rest) = trimmed.strip_prefix("key")
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            let column = line.chars().count() - value.trim_start().chars().count() + 1;
            return (n + 1, column);
        }
    }
    (1, 1)
}

/// "ligne 17, colonne 13 : …" in the page's language.
fn at_line(lang: Lang, line: usize, column: usize, reason: &str) -> String {
    i18n::t_args(
        lang,
        "call-settings-schema-error",
        &[
            ("line", FluentValue::from(line.to_string())),
            ("column", FluentValue::from(column.to_string())),
            ("reason", FluentValue::from(reason.to_owned())),
        ],
    )
}

/// Reads a schema for a track: every mistake of the engine with its line and column, and the
/// rules of this platform on top (the form's key is its track; form C keeps the fields the
/// supporters' pages read).
fn check_schema(source: &str, track: &str, lang: Lang) -> Result<FormSchema, Vec<String>> {
    let schema = FormSchema::from_toml(source).map_err(|errors| {
        errors
            .0
            .iter()
            .map(|e| at_line(lang, e.line, e.column, e.message.get(lang)))
            .collect::<Vec<_>>()
    })?;
    let mut mistakes = Vec::new();
    if schema.key != track {
        let (line, column) = key_position(source);
        let reason = i18n::t_args(
            lang,
            "call-settings-error-form-key",
            &[
                ("key", FluentValue::from(schema.key.clone())),
                ("track", FluentValue::from(track.to_owned())),
            ],
        );
        mistakes.push(at_line(lang, line, column, &reason));
    }
    if track == crate::supporters::TRACK {
        for key in INTEREST_FIELDS.iter().filter(|k| schema.field(k).is_none()) {
            mistakes.push(i18n::t_args(
                lang,
                "call-settings-error-interest-field",
                &[("key", FluentValue::from(*key))],
            ));
        }
    }
    if mistakes.is_empty() { Ok(schema) } else { Err(mistakes) }
}

/// One section of a previewed form.
pub struct PreviewSection {
    pub id: String,
    pub title: String,
    pub help: Option<String>,
    /// "Cette page n’apparaît que selon les réponses." when the section has a condition.
    pub conditional: Option<String>,
    /// "2 questions n’apparaissent que selon les réponses."
    pub hidden: Option<String>,
    pub fields: Vec<FieldView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/call_form_preview.html")]
pub struct PreviewPage {
    page: Page,
    back: String,
    action: String,
    track_name: String,
    form_title: String,
    form_help: Option<String>,
    next_revision: i64,
    base_revision: i64,
    source: String,
    sha256: String,
    sections: Vec<PreviewSection>,
}

/// Every section of a schema as a candidate sees it on a blank dossier.
fn preview_sections(
    schema: &FormSchema,
    track: &str,
    call: &Call,
    lang: Lang,
) -> Vec<PreviewSection> {
    let networks = Choice::from_networks(&call.networks);
    let ctx = crate::dossiers::context(&networks, OffsetDateTime::now_utc());
    let answers = Answers::new();
    schema
        .sections
        .iter()
        .map(|section| {
            let fields = fields::section_fields(&fields::Build {
                schema,
                section,
                track,
                answers: &answers,
                issues: &[],
                conflict: None,
                ctx: &ctx,
                lang,
                dossier_id: Uuid::nil(),
            });
            let hidden = section.fields.len().saturating_sub(fields.len());
            PreviewSection {
                id: schema.section_html_id(&section.key),
                title: section.title.get(lang).to_owned(),
                help: section.help.as_ref().map(|h| h.get(lang).to_owned()),
                conditional: section
                    .when
                    .is_some()
                    .then(|| i18n::t(lang, "call-settings-preview-conditional-section")),
                hidden: (hidden > 0).then(|| {
                    i18n::t_args(
                        lang,
                        "call-settings-preview-hidden-fields",
                        &[("count", FluentValue::from(i64::try_from(hidden).unwrap_or(i64::MAX)))],
                    )
                }),
                fields,
            }
        })
        .collect()
}

fn sha256_hex(source: &str) -> String {
    hex::encode(Sha256::digest(source.as_bytes()))
}

/// `POST /gestion/appel/formulaires/{track}/apercu`: reads the schema pasted or sent as a file
/// (the file wins when both are given) and checks it. Mistakes: the track's page again (422)
/// with every mistake by line and column and the text kept, nothing published. A valid schema:
/// its preview, with the button that publishes it.
pub async fn preview(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(_): SteeringMember,
    Path(slug): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let (call, _) = editable_call(&app).await?;
    let track = track(&call, &slug)?;
    let (text, file) = match read_import(&app, request).await {
        Ok(read) => read,
        Err(unreadable) => return refuse(&app, page, &call, track, unreadable, None).await,
    };
    let source = match chosen_source(text.clone(), file) {
        Ok(source) => source,
        Err(unreadable) => {
            return refuse(&app, page, &call, track, unreadable, Some(normalise(&text))).await;
        }
    };
    let schema = match check_schema(&source, &track.slug, lang) {
        Ok(schema) => schema,
        Err(mistakes) => {
            let shown = Shown { source: Some(source), source_errors: mistakes, ..Shown::default() };
            let rendered = track_page(&app, page, &call, track, shown).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
        }
    };
    let current = app.db.current_form(call.id, &track.slug).await?;
    let sha256 = sha256_hex(&source);
    if let Some(current) = current.as_ref().filter(|c| c.sha256 == sha256) {
        let notice = i18n::t_args(
            lang,
            "call-settings-form-unchanged",
            &[("revision", FluentValue::from(current.revision))],
        );
        let shown = Shown { source: Some(source), notice: Some(notice), ..Shown::default() };
        return Ok(track_page(&app, page, &call, track, shown).await?.into_response());
    }
    let base_revision = current.map_or(0, |c| c.revision);
    Ok(PreviewPage {
        back: track_path(&track.slug),
        action: format!("{}/publication", track_path(&track.slug)),
        track_name: track.name.get(lang).to_owned(),
        form_title: schema.title.get(lang).to_owned(),
        form_help: schema.help.as_ref().map(|h| h.get(lang).to_owned()),
        next_revision: base_revision + 1,
        base_revision,
        sections: preview_sections(&schema, &track.slug, &call, lang),
        sha256,
        source,
        page,
    }
    .into_response())
}

/// The track's page with why the sent text could not be read.
async fn refuse(
    app: &AppState,
    page: Page,
    call: &Call,
    track: &Track,
    unreadable: Unreadable,
    text: Option<String>,
) -> Result<Response, AppError> {
    let (id, key, status) = match unreadable {
        Unreadable::Input { id, key, status } => (id, key, status),
        Unreadable::Rejected(response) => return Ok(*response),
    };
    let message = i18n::t_args(
        page.lang,
        key,
        &[("max", FluentValue::from(i64::try_from(MAX_SOURCE_BYTES / 1024).unwrap_or(512)))],
    );
    let shown = if id == FILE_ID {
        Shown { source: text, file_error: Some(message), ..Shown::default() }
    } else {
        Shown { source: text, source_errors: vec![message], ..Shown::default() }
    };
    let rendered = track_page(app, page, call, track, shown).await?;
    Ok((status, rendered).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    source: String,
    sha256: String,
    /// The revision in force when the preview was made (0: none).
    base: String,
}

/// `POST /gestion/appel/formulaires/{track}/publication`: publishes the previewed schema as the
/// next revision — checked again, and only if it is the text previewed and nobody published
/// another revision since. Side effects: a `form_revisions` row (new dossiers start on it;
/// dossiers already started keep theirs), `form.published` in the audit log.
pub async fn publish(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(account): SteeringMember,
    ClientAddress(client): ClientAddress,
    Path(slug): Path<String>,
    Form(form): Form<PublishForm>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let (call, _) = editable_call(&app).await?;
    let track = track(&call, &slug)?;
    let source = match chosen_source(form.source, None) {
        Ok(source) => source,
        Err(unreadable) => return refuse(&app, page, &call, track, unreadable, None).await,
    };
    if let Err(mistakes) = check_schema(&source, &track.slug, lang) {
        let shown = Shown { source: Some(source), source_errors: mistakes, ..Shown::default() };
        let rendered = track_page(&app, page, &call, track, shown).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    }
    if sha256_hex(&source) != form.sha256.trim() {
        let message = i18n::t(lang, "call-settings-error-not-previewed");
        let shown =
            Shown { source: Some(source), source_errors: vec![message], ..Shown::default() };
        let rendered = track_page(&app, page, &call, track, shown).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    }
    let current = app.db.current_form(call.id, &track.slug).await?.map_or(0, |r| r.revision);
    if form.base.trim().parse::<i64>().ok() != Some(current) {
        let conflict = i18n::t_args(
            lang,
            "call-settings-form-conflict",
            &[("revision", FluentValue::from(current))],
        );
        let shown = Shown { source: Some(source), conflict: Some(conflict), ..Shown::default() };
        let rendered = track_page(&app, page, &call, track, shown).await?;
        return Ok((StatusCode::CONFLICT, rendered).into_response());
    }
    let now = OffsetDateTime::now_utc();
    let published =
        app.db.publish_form(call.id, &track.slug, &source, Some(account.id), now).await?;
    if published.revision == current {
        // The same text as the revision in force (published meanwhile by someone else).
        return Ok(
            Redirect::to(&format!("{}?fait=identique", track_path(&track.slug))).into_response()
        );
    }
    let event = AuditEvent::by(
        account.id,
        "form.published",
        &client,
        serde_json::json!({
            "call": call.slug,
            "track": track.slug,
            "revision": published.revision,
            "sha256": published.sha256,
        }),
    );
    app.db.audit(&event, now).await?;
    tracing::info!(track = %track.slug, revision = published.revision, "form revision published");
    Ok(Redirect::to(&format!("{}?fait=publie", track_path(&track.slug))).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_of_a_form_is_found_on_its_line_before_the_first_table() {
        let source = "# Formulaire\nkey   = \"emerging\"\ntitle = { fr = \"A\", en = \"A\" }\n[[sections]]\nkey = \"x\"\n";
        assert_eq!(key_position(source), (2, 9));
        assert_eq!(key_position("[[sections]]\nkey = \"x\"\n"), (1, 1));
    }

    #[test]
    fn a_stored_source_has_unix_line_ends_and_no_byte_order_mark() {
        assert_eq!(normalise("\u{feff}key = 1\r\nb = 2\r"), "key = 1\nb = 2\n");
    }

    #[test]
    fn a_form_for_another_track_is_refused_with_the_line_of_its_key() {
        let mistakes = check_schema(crate::domain::form::EMERGING, "established", Lang::Fr)
            .expect_err("another track's form");
        let (line, column) = key_position(crate::domain::form::EMERGING);
        assert_eq!(
            mistakes,
            [format!(
                "ligne {line}, colonne {column} : la clé du formulaire « emerging » n’est pas celle du parcours « established »."
            )]
        );
    }

    #[test]
    fn the_shipped_forms_pass_the_checks_of_their_tracks() {
        for track in ["established", "emerging", "interest"] {
            let source = crate::domain::form::default_source(track).expect("shipped");
            assert!(check_schema(source, track, Lang::Fr).is_ok(), "{track}");
        }
    }
}
