//! `/gestion/appel/textes`: the call's title, tagline, summary and the title and Markdown body
//! of each section, in French and English, with a preview through the Markdown sanitiser.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;

use super::edit::{self, CallPart, Shown};
use super::{
    DoneQuery, Errors, SteeringMember, check_text, editable_call, parse_version, posted,
    version_token,
};
use crate::app::AppState;
use crate::db::call_settings::{CallChange, CallTexts};
use crate::domain::call::{Call, Section};
use crate::domain::lang::{Lang, Localized};
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::markdown;
use crate::web::page::Page;

pub const PATH: &str = "/gestion/appel/textes";

const TITLE_MAX: usize = 200;
const TAGLINE_MAX: usize = 300;
const SUMMARY_MAX: usize = 3_000;
const BODY_MAX: usize = 60_000;

/// One text input of the page.
pub struct TextField {
    /// The posted name, e.g. `section.introduction.body.fr`.
    pub name: String,
    /// The HTML id, e.g. `section-introduction-body-fr`.
    pub id: String,
    pub label: String,
    pub lang: &'static str,
    pub value: String,
    pub max: usize,
    /// 0 for a one-line input, else the rows of a text area.
    pub rows: usize,
    pub markdown: bool,
    /// The sanitised HTML of the Markdown, when a preview was asked.
    pub preview: Option<String>,
    /// On a conflict: the text saved meanwhile, when it differs from the person's.
    pub stored: Option<String>,
}

impl TextField {
    pub fn described_by(&self, errors: &Errors) -> String {
        let mut ids = Vec::new();
        if self.markdown {
            ids.push("markdown-hint".to_owned());
        }
        if errors.of(&self.id).is_some() {
            ids.push(format!("{}-error", self.id));
        }
        if self.stored.is_some() {
            ids.push(format!("{}-stored", self.id));
        }
        ids.join(" ")
    }
}

/// The inputs of one part of the call (its presentation, or one section).
pub struct TextGroup {
    pub id: String,
    pub legend: String,
    pub fields: Vec<TextField>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/call_texts.html")]
pub struct TextsPage {
    page: Page,
    version: String,
    groups: Vec<TextGroup>,
    errors: Errors,
    notice: Option<String>,
    conflict: Option<String>,
    previewing: bool,
}

/// A text of the call: its posted name, its label key, its current value, its limits.
struct Spec {
    name: String,
    label: String,
    lang: Lang,
    current: String,
    max: usize,
    rows: usize,
    markdown: bool,
}

/// The inputs of the page, made from the call: its presentation, then each section.
fn specs(call: &Call, lang: Lang) -> Vec<(String, String, Vec<Spec>)> {
    let pair = |name: &str, label_key: &str, value: &Localized, max, rows, markdown| {
        Lang::ALL
            .iter()
            .map(|l| Spec {
                name: format!("{name}.{}", l.code()),
                label: format!(
                    "{} — {}",
                    i18n::t(lang, label_key),
                    i18n::t(lang, &format!("call-settings-in-{}", l.code()))
                ),
                lang: *l,
                current: value.get(*l).to_owned(),
                max,
                rows,
                markdown,
            })
            .collect::<Vec<_>>()
    };
    let mut groups = Vec::new();
    let mut presentation =
        pair("title", "call-settings-field-title", &call.title, TITLE_MAX, 0, false);
    presentation.extend(pair(
        "tagline",
        "call-settings-field-tagline",
        &call.tagline,
        TAGLINE_MAX,
        0,
        false,
    ));
    presentation.extend(pair(
        "summary",
        "call-settings-field-summary",
        &call.summary,
        SUMMARY_MAX,
        6,
        false,
    ));
    groups.push((
        "presentation".to_owned(),
        i18n::t(lang, "call-settings-presentation"),
        presentation,
    ));
    for section in &call.sections {
        let base = format!("section.{}", section.slug);
        let mut fields = pair(
            &format!("{base}.title"),
            "call-settings-field-section-title",
            &section.title,
            TITLE_MAX,
            0,
            false,
        );
        fields.extend(pair(
            &format!("{base}.body"),
            "call-settings-field-section-body",
            &section.body,
            BODY_MAX,
            14,
            true,
        ));
        groups.push((
            format!("section-{}", section.slug),
            i18n::t_args(
                lang,
                "call-settings-section-legend",
                &[("title", section.title.get(lang).to_owned().into())],
            ),
            fields,
        ));
    }
    groups
}

fn html_id(name: &str) -> String {
    name.replace('.', "-")
}

/// The posted texts, checked; every mistake next to its input.
fn read(call: &Call, pairs: &[(String, String)], lang: Lang) -> (CallTexts, Errors) {
    let mut errors = Errors::default();
    let mut take = |name: &str, max: usize| -> String {
        let value = posted(pairs, name);
        let value = value.trim().to_owned();
        if let Some(message) = check_text(lang, &value, max) {
            errors.add(html_id(name), message);
        }
        value
    };
    let mut pair = |name: &str, max: usize| {
        let fr = take(&format!("{name}.fr"), max);
        let en = take(&format!("{name}.en"), max);
        Localized::new(fr, en)
    };
    let title = pair("title", TITLE_MAX);
    let tagline = pair("tagline", TAGLINE_MAX);
    let summary = pair("summary", SUMMARY_MAX);
    let sections = call
        .sections
        .iter()
        .map(|s| Section {
            slug: s.slug.clone(),
            title: pair(&format!("section.{}.title", s.slug), TITLE_MAX),
            body: pair(&format!("section.{}.body", s.slug), BODY_MAX),
        })
        .collect();
    (CallTexts { title, tagline, summary, sections }, errors)
}

/// The page; `previewing`: each Markdown text rendered under its input as the public pages will
/// show it.
fn texts_page(
    page: Page,
    call: &Call,
    version: OffsetDateTime,
    shown: Shown<'_>,
    previewing: bool,
) -> TextsPage {
    let lang = page.lang;
    let groups = specs(call, lang)
        .into_iter()
        .map(|(id, legend, specs)| TextGroup {
            id,
            legend,
            fields: specs
                .into_iter()
                .map(|spec| {
                    let value = match shown.posted {
                        Some(pairs) => posted(pairs, &spec.name),
                        None => spec.current.clone(),
                    };
                    let preview = (previewing && spec.markdown).then(|| {
                        markdown::render(&value, &format!("apercu-{}", html_id(&spec.name)))
                    });
                    let stored = (shown.conflict.is_some() && value.trim() != spec.current.trim())
                        .then(|| spec.current.clone());
                    TextField {
                        id: html_id(&spec.name),
                        name: spec.name,
                        label: spec.label,
                        lang: spec.lang.code(),
                        value,
                        max: spec.max,
                        rows: spec.rows,
                        markdown: spec.markdown,
                        preview,
                        stored,
                    }
                })
                .collect(),
        })
        .collect();
    TextsPage {
        version: version_token(version),
        groups,
        errors: shown.errors,
        notice: shown.notice,
        conflict: shown.conflict,
        previewing,
        page,
    }
}

/// The texts: the call's presentation and its sections, in both languages.
pub struct Texts;

impl CallPart for Texts {
    type Checked = CallTexts;
    type Page = TextsPage;
    const PATH: &'static str = PATH;
    const EVENT: &'static str = "call.texts_updated";
    const SAVED: &'static str = "call-settings-texts-saved";

    fn read(call: &Call, pairs: &[(String, String)], lang: Lang) -> Result<CallTexts, Errors> {
        let (texts, errors) = read(call, pairs, lang);
        if errors.is_empty() { Ok(texts) } else { Err(errors) }
    }

    fn audit_detail(call: &Call, texts: &CallTexts) -> serde_json::Value {
        serde_json::json!({ "call": call.slug, "changed": changed_fields(call, texts) })
    }

    fn change(texts: &CallTexts) -> CallChange<'_> {
        CallChange::Texts(texts)
    }

    fn page(page: Page, call: &Call, version: OffsetDateTime, shown: Shown<'_>) -> TextsPage {
        texts_page(page, call, version, shown, false)
    }
}

/// `GET /gestion/appel/textes`.
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(_): SteeringMember,
    Query(query): Query<DoneQuery>,
) -> Result<TextsPage, AppError> {
    edit::show::<Texts>(&app, page, &query).await
}

/// `POST /gestion/appel/textes`: a preview (`_action=apercu`: the Markdown rendered as the
/// public pages will show it, nothing saved) or a save. A save writes the texts only if nobody
/// changed the call since the page was read; otherwise the person's texts are shown again with
/// the conflict. Side effects of a save: the texts, `call.texts_updated` in the audit log, the
/// public pages' cache emptied.
pub async fn save(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(account): SteeringMember,
    ClientAddress(client): ClientAddress,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if posted(&pairs, "_action") != "apercu" {
        return edit::save::<Texts>(&app, page, &account, &client, &pairs).await;
    }
    let (call, version) = editable_call(&app).await?;
    let (_, errors) = read(&call, &pairs, page.lang);
    // The page keeps the version it was read at: a preview does not make a conflict disappear.
    let page_version = parse_version(&posted(&pairs, "_version")).unwrap_or(version);
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let shown = Shown { posted: Some(&pairs), errors, ..Shown::default() };
    Ok((status, texts_page(page, &call, page_version, shown, true)).into_response())
}

/// The posted names whose text differs from the stored one, for the audit log.
fn changed_fields(call: &Call, texts: &CallTexts) -> Vec<String> {
    let mut changed = Vec::new();
    let mut compare = |name: String, before: &Localized, after: &Localized| {
        for lang in Lang::ALL {
            // Stored texts may end with a line break that the form trims.
            if before.get(lang).trim() != after.get(lang).trim() {
                changed.push(format!("{name}.{}", lang.code()));
            }
        }
    };
    compare("title".into(), &call.title, &texts.title);
    compare("tagline".into(), &call.tagline, &texts.tagline);
    compare("summary".into(), &call.summary, &texts.summary);
    for (before, after) in call.sections.iter().zip(&texts.sections) {
        compare(format!("section.{}.title", before.slug), &before.title, &after.title);
        compare(format!("section.{}.body", before.slug), &before.body, &after.body);
    }
    changed
}
