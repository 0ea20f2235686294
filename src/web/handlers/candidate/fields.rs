//! What a section page shows of each field: a view per field (label, help, widget with its
//! value, error next to it, conflict with a colleague's value), built from the form schema, the
//! answers and the issues, so that `templates/partials/dossier_field.html` stays a plain switch.

use serde_json::Value;
use uuid::Uuid;

use crate::domain::form::{
    self, Answers, Context, Field, FileRef, FormSchema, Issue, Kind, Section, Severity,
};
use crate::domain::lang::Lang;
use crate::i18n;

/// Empty rows offered at the end of a table, to add rows without JavaScript.
const BLANK_ROWS: usize = 2;
/// Empty inputs offered after the communes already chosen.
const BLANK_COMMUNES: usize = 2;

/// One option of a choice, with whether it is the answer.
pub struct OptionView {
    pub value: String,
    pub label: String,
    pub checked: bool,
    pub id: String,
}

/// A file already attached to a field.
pub struct FileView {
    pub id: String,
    pub name: String,
    pub size: String,
    pub href: String,
    pub remove_action: String,
    pub pending: bool,
}

/// A row of a table: its cells, and the name of its "remove" checkbox.
pub struct RowView {
    pub number: usize,
    pub cells: Vec<FieldView>,
    pub remove_name: String,
    pub remove_id: String,
    pub blank: bool,
}

/// The control of a field, with what it holds.
pub enum Widget {
    Input {
        input_type: &'static str,
        value: String,
        maxlength: Option<usize>,
        inputmode: &'static str,
        autocomplete: &'static str,
        suffix: Option<&'static str>,
    },
    Textarea {
        value: String,
        maxlength: Option<usize>,
        rows: usize,
        /// "3 000 caractères au maximum".
        counter: String,
    },
    Radios {
        options: Vec<OptionView>,
    },
    Select {
        options: Vec<OptionView>,
        empty_label: String,
    },
    Checkboxes {
        options: Vec<OptionView>,
    },
    Commune {
        value: String,
        choices: Vec<OptionView>,
        choice_name: String,
    },
    Communes {
        items: Vec<(String, String)>,
    },
    Files {
        files: Vec<FileView>,
        accept: String,
        /// "PDF, ODT ou DOCX ; 10 Mo au plus par fichier".
        types_text: String,
        multiple: bool,
        action: String,
        form_id: String,
        can_add: bool,
    },
    Table {
        columns: Vec<String>,
        rows: Vec<RowView>,
    },
    Heading,
    Computed {
        value: String,
    },
}

/// Everything the page shows of one field.
pub struct FieldView {
    pub key: String,
    pub id: String,
    pub name: String,
    pub label: String,
    pub help: Option<String>,
    pub required: bool,
    pub widget: Widget,
    pub error: Option<String>,
    pub warnings: Vec<String>,
    /// On a conflict: what a colleague saved meanwhile, shown beside the person's input.
    pub theirs: Option<String>,
    pub keep_name: String,
}

impl FieldView {
    /// The `aria-describedby` of the control: help, error, conflict.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.help.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        if self.theirs.is_some() {
            ids.push(format!("{}-theirs", self.id));
        }
        ids.join(" ")
    }

    pub fn invalid(&self) -> &'static str {
        if self.error.is_some() { "true" } else { "false" }
    }

    /// Whether the control is a group (fieldset with a legend) rather than one input.
    pub fn is_group(&self) -> bool {
        matches!(
            self.widget,
            Widget::Radios { .. }
                | Widget::Checkboxes { .. }
                | Widget::Communes { .. }
                | Widget::Table { .. }
                | Widget::Files { .. }
        )
    }
}

/// An issue as the summary at the top lists it: a link to the field, and the message.
pub struct IssueView {
    pub href: String,
    pub message: String,
    pub label: String,
    pub warning: bool,
}

/// An issue with a link to its field; `dossier` given, the link goes to the section's page.
pub fn issue_view(
    schema: &FormSchema,
    issue: &Issue,
    lang: Lang,
    dossier: Option<Uuid>,
) -> IssueView {
    let anchor = schema.html_id(&issue.path);
    let href = match dossier {
        Some(id) => format!("/espace/dossiers/{id}/sections/{}#{anchor}", issue.section),
        None => format!("#{anchor}"),
    };
    let label =
        schema.field_at(&issue.path).map(|f| f.label.get(lang).to_owned()).unwrap_or_default();
    IssueView {
        href,
        message: issue.message.text(lang),
        label,
        warning: issue.severity == Severity::Warning,
    }
}

/// What `section_fields` reads.
pub struct Build<'a> {
    pub schema: &'a FormSchema,
    pub section: &'a Section,
    pub track: &'a str,
    pub answers: &'a Answers,
    pub issues: &'a [Issue],
    /// The stored answers and the keys of the fields that differ from the person's input.
    pub conflict: Option<(&'a Answers, &'a [String])>,
    pub ctx: &'a Context<'a>,
    pub lang: Lang,
    pub dossier_id: Uuid,
}

/// The views of the visible fields of a section.
pub fn section_fields(b: &Build<'_>) -> Vec<FieldView> {
    b.schema
        .visible_fields(b.section, b.answers)
        .into_iter()
        .map(|field| {
            let value = b.answers.get(&field.key);
            let mut view = field_view(b, field, &field.key, value);
            if let Some((theirs, keys)) = b.conflict
                && keys.contains(&field.key)
            {
                let shown = form::display(field, theirs.get(&field.key), b.lang, b.ctx);
                view.theirs = Some(if shown.is_empty() {
                    i18n::t(b.lang, "dossier-conflict-empty")
                } else {
                    shown
                });
            }
            view
        })
        .collect()
}

/// The message of the first blocking issue at exactly `path`, and the warnings there.
fn issues_at(b: &Build<'_>, path: &str) -> (Option<String>, Vec<String>) {
    let mut error = None;
    let mut warnings = Vec::new();
    for issue in b.issues.iter().filter(|i| i.path == path) {
        match issue.severity {
            Severity::Error if error.is_none() => error = Some(issue.message.text(b.lang)),
            Severity::Error => {}
            Severity::Warning => warnings.push(issue.message.text(b.lang)),
        }
    }
    (error, warnings)
}

fn field_view(b: &Build<'_>, field: &Field, path: &str, value: Option<&Value>) -> FieldView {
    let lang = b.lang;
    let id = b.schema.html_id(path);
    let (error, warnings) = issues_at(b, path);
    let text = || form::edit_text(field, value, lang, b.ctx);
    let input = |input_type, inputmode, autocomplete, suffix| Widget::Input {
        input_type,
        value: text(),
        maxlength: field.max_chars(),
        inputmode,
        autocomplete,
        suffix,
    };
    let options = |multiple: bool| -> Vec<OptionView> {
        let chosen: Vec<String> = match value {
            Some(Value::Array(items)) => {
                items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
            }
            Some(Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        };
        field
            .choices(b.ctx)
            .into_iter()
            .enumerate()
            .map(|(n, c)| OptionView {
                checked: chosen.contains(&c.value) && (multiple || !c.value.is_empty()),
                label: c.label.get(lang).to_owned(),
                value: c.value,
                id: format!("{id}-{n}"),
            })
            .collect()
    };
    let widget = match &field.kind {
        Kind::Text { max } => Widget::Input {
            input_type: "text",
            value: text(),
            maxlength: Some(*max),
            inputmode: "text",
            autocomplete: autocomplete_of(&field.key),
            suffix: None,
        },
        Kind::Textarea { max } => Widget::Textarea {
            value: text(),
            maxlength: Some(*max),
            rows: (*max / 400).clamp(3, 12),
            counter: i18n::t_args(
                lang,
                "dossier-max-chars",
                &[("max", form::format_integer(i64::try_from(*max).unwrap_or(i64::MAX)).into())],
            ),
        },
        Kind::Choice { .. } => {
            let options = options(false);
            if options.len() <= 6 {
                Widget::Radios { options }
            } else {
                Widget::Select { options, empty_label: i18n::t(lang, "dossier-choose") }
            }
        }
        Kind::Choices { .. } => Widget::Checkboxes { options: options(true) },
        Kind::Integer { .. } => input("text", "numeric", "off", None),
        Kind::Decimal { .. } => input("text", "decimal", "off", None),
        Kind::Money { .. } => input("text", "decimal", "off", Some("€")),
        Kind::Percent { .. } => input("text", "decimal", "off", Some("%")),
        Kind::Date { .. } => input("date", "text", "off", None),
        Kind::YesNo => {
            let answer = value.and_then(Value::as_bool);
            Widget::Radios {
                options: vec![
                    OptionView {
                        value: "oui".into(),
                        label: i18n::t(lang, "dossier-yes"),
                        checked: answer == Some(true),
                        id: format!("{id}-oui"),
                    },
                    OptionView {
                        value: "non".into(),
                        label: i18n::t(lang, "dossier-no"),
                        checked: answer == Some(false),
                        id: format!("{id}-non"),
                    },
                ],
            }
        }
        Kind::Email => input("email", "email", "email", None),
        Kind::Phone => input("tel", "tel", "tel", None),
        Kind::Url => input("url", "url", "url", None),
        Kind::Siret | Kind::Siren => input("text", "numeric", "off", None),
        Kind::Commune => {
            let choices = b
                .issues
                .iter()
                .filter(|i| i.path == path)
                .flat_map(|i| i.options.iter())
                .enumerate()
                .map(|(n, (code, label))| OptionView {
                    value: code.clone(),
                    label: label.clone(),
                    checked: false,
                    id: format!("{id}-choice-{n}"),
                })
                .collect();
            Widget::Commune { value: text(), choices, choice_name: format!("{path}.choice") }
        }
        Kind::Communes { .. } => {
            let mut items: Vec<(String, String)> = match value {
                Some(Value::Array(list)) => list
                    .iter()
                    .enumerate()
                    .map(|(n, item)| {
                        let one = Field { kind: Kind::Commune, ..field.clone() };
                        (format!("{path}.{n}"), form::edit_text(&one, Some(item), lang, b.ctx))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let start = items.len();
            items.extend(
                (start..start + BLANK_COMMUNES).map(|n| (format!("{path}.{n}"), String::new())),
            );
            Widget::Communes { items }
        }
        Kind::Department => {
            let current = value.and_then(Value::as_str).unwrap_or_default();
            let options = crate::domain::territory::Gazetteer::global()
                .departments()
                .iter()
                .enumerate()
                .map(|(n, d)| OptionView {
                    value: d.code().to_owned(),
                    label: format!("{} — {}", d.code(), d.name()),
                    checked: d.code() == current,
                    id: format!("{id}-{n}"),
                })
                .collect();
            Widget::Select { options, empty_label: i18n::t(lang, "dossier-choose") }
        }
        Kind::File { max_mb, .. } | Kind::Files { max_mb, .. } => {
            let multiple = matches!(field.kind, Kind::Files { .. });
            let files: Vec<FileView> = file_refs(value)
                .into_iter()
                .map(|f| FileView {
                    href: format!("/espace/fichiers/{}", f.id),
                    remove_action: format!(
                        "/espace/dossiers/{}/pieces/{}/{}/suppression",
                        b.dossier_id, field.key, f.id
                    ),
                    size: size_text(lang, f.size),
                    name: f.name,
                    id: f.id.to_string(),
                    pending: false,
                })
                .collect();
            let max = match &field.kind {
                Kind::Files { max, .. } => *max,
                _ => Some(1),
            };
            Widget::Files {
                can_add: max.is_none_or(|m| files.len() < m),
                files,
                accept: field.accept(),
                types_text: i18n::t_args(
                    lang,
                    "dossier-file-types",
                    &[
                        (
                            "types",
                            field
                                .file_types()
                                .iter()
                                .map(|t| t.short_label())
                                .collect::<Vec<_>>()
                                .join(", ")
                                .into(),
                        ),
                        ("max", i64::from(*max_mb).into()),
                    ],
                ),
                multiple,
                action: format!("/espace/dossiers/{}/pieces/{}", b.dossier_id, field.key),
                form_id: format!("upload-{}", field.key),
            }
        }
        Kind::Table { columns, max_rows, .. } => {
            let stored = b.answers.rows(&field.key);
            let count = stored.len();
            let blank = max_rows.map_or(BLANK_ROWS, |m| m.saturating_sub(count).min(BLANK_ROWS));
            let rows = (0..count + blank)
                .map(|n| {
                    let row = stored.get(n);
                    RowView {
                        number: n + 1,
                        cells: columns
                            .iter()
                            .map(|column| {
                                let cell_path = format!("{path}.{n}.{}", column.key);
                                let cell = row.and_then(|r| r.get(&column.key));
                                field_view(b, column, &cell_path, cell)
                            })
                            .collect(),
                        remove_name: format!("{path}.{n}._remove"),
                        remove_id: format!("{id}-{n}-remove"),
                        blank: row.is_none(),
                    }
                })
                .collect();
            Widget::Table {
                columns: columns.iter().map(|c| c.label.get(lang).to_owned()).collect(),
                rows,
            }
        }
        Kind::Heading => Widget::Heading,
        Kind::Computed { .. } => Widget::Computed {
            value: {
                let shown = form::computed(b.schema, b.answers)
                    .get(&field.key)
                    .map(|v| v.display(lang))
                    .unwrap_or_default();
                if shown.is_empty() { "—".to_owned() } else { shown }
            },
        },
    };
    FieldView {
        key: field.key.clone(),
        name: path.to_owned(),
        label: field.label.get(lang).to_owned(),
        help: field.help.as_ref().map(|h| h.get(lang).to_owned()),
        required: field.is_required_for(b.track),
        widget,
        error,
        warnings,
        theirs: None,
        keep_name: format!("_keep.{path}"),
        id,
    }
}

fn file_refs(value: Option<&Value>) -> Vec<FileRef> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(FileRef::from_value).collect(),
        Some(item @ Value::Object(_)) => FileRef::from_value(item).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// "1,2 Mo", "340 ko".
pub fn size_text(lang: Lang, bytes: u64) -> String {
    let (kb, mb) = match lang {
        Lang::Fr => ("ko", "Mo"),
        Lang::En => ("KB", "MB"),
    };
    if bytes >= 1_000_000 {
        let tenths = bytes / 100_000;
        let text = format!("{}.{}", tenths / 10, tenths % 10);
        let text = if lang == Lang::Fr { text.replace('.', ",") } else { text };
        format!("{text}\u{a0}{mb}")
    } else {
        format!("{}\u{a0}{kb}", bytes.div_ceil(1000).max(1))
    }
}

/// The `autocomplete` token of a text field, by its key, so browsers can fill what they know.
fn autocomplete_of(key: &str) -> &'static str {
    match key {
        "contact_name" => "name",
        "contact_role" => "organization-title",
        "lead_name" => "organization",
        "lead_address" => "street-address",
        _ => "off",
    }
}
