//! A form schema as the engine uses it: sections of typed fields, conditions, checks. Read from
//! TOML by `parse.rs`; every rule a person sees in the form lives here as data.

use std::collections::BTreeMap;

use time::Date;

use super::answers::Answers;
use super::eval::Eval;
use super::expr::{Expr, Literal};
use super::{Choice, Context, NETWORK_UNKNOWN, POLE_GENERAL};
use crate::domain::lang::Localized;

/// A form: the questions of one track, in sections (one page each), and the checks that look at
/// several answers together.
#[derive(Debug, Clone, PartialEq)]
pub struct FormSchema {
    /// The track the form serves (`established`, `emerging`, `interest`).
    pub key: String,
    pub title: Localized,
    pub help: Option<Localized>,
    pub sections: Vec<Section>,
    pub checks: Vec<Check>,
    /// Field key → (section index, field index), for lookups.
    pub(crate) index: BTreeMap<String, (usize, usize)>,
}

/// A section: one page of the form, with its heading and help text.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub key: String,
    pub title: Localized,
    pub help: Option<Localized>,
    /// Shown only when this holds.
    pub when: Option<Condition>,
    pub fields: Vec<Field>,
}

/// A question (or a sub-heading, or a computed value) of a section, or a column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub label: Localized,
    pub help: Option<Localized>,
    pub kind: Kind,
    pub required: Requirement,
    /// Required only when this holds (on top of `required`).
    pub required_when: Option<Condition>,
    /// Shown only when this holds; a hidden field is neither required nor checked.
    pub when: Option<Condition>,
    /// Shown on the public page of a selected pole (when its people consented).
    pub public: bool,
}

/// The kind of a field and its settings. Money bounds are in cents, lengths in characters.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text {
        max: usize,
    },
    Textarea {
        max: usize,
    },
    Choice {
        options: Options,
    },
    Choices {
        options: Options,
        min: Option<usize>,
        max: Option<usize>,
    },
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// A number with decimals (e.g. ETP, full-time equivalents).
    Decimal {
        min: Option<f64>,
        max: Option<f64>,
    },
    Money {
        min: Option<i64>,
        max: Option<i64>,
    },
    Percent {
        min: f64,
        max: f64,
    },
    Date {
        min: Option<DateBound>,
        max: Option<DateBound>,
    },
    YesNo,
    Email,
    Phone,
    Url,
    Siret,
    Siren,
    Commune,
    Communes {
        min: Option<usize>,
        max: Option<usize>,
    },
    Department,
    File {
        types: Vec<FileType>,
        max_mb: u32,
    },
    Files {
        types: Vec<FileType>,
        max_mb: u32,
        min: Option<usize>,
        max: Option<usize>,
    },
    Table {
        columns: Vec<Field>,
        min_rows: Option<usize>,
        max_rows: Option<usize>,
    },
    /// A sub-heading with help text inside a section: no value.
    Heading,
    /// A read-only value derived from other answers.
    Computed {
        formula: Expr,
    },
}

/// Where the options of a `choice` or `choices` field come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Options {
    Fixed(Vec<Choice>),
    /// The call's partner networks, plus "je ne sais pas" (given at run time).
    Networks,
    /// The submitted poles and initiatives, plus "la démarche en général" (given at run time).
    Poles,
}

impl Options {
    /// The options as a page shows them.
    pub fn choices(&self, ctx: &Context) -> Vec<Choice> {
        match self {
            Options::Fixed(list) => list.clone(),
            Options::Networks => {
                let mut list = ctx.networks.to_vec();
                list.push(Choice::new(NETWORK_UNKNOWN, "Je ne sais pas", "I don’t know"));
                list
            }
            Options::Poles => {
                let mut list = vec![Choice::new(
                    POLE_GENERAL,
                    "La démarche en général",
                    "The initiative as a whole",
                )];
                list.extend(ctx.poles.iter().cloned());
                list
            }
        }
    }

    /// The label of a stored value, when it is an option.
    pub fn label_of(&self, value: &str, ctx: &Context) -> Option<Localized> {
        self.choices(ctx).into_iter().find(|c| c.value == value).map(|c| c.label)
    }
}

/// A date limit: a fixed day or the day the person fills in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    Day(Date),
    Today,
}

impl DateBound {
    pub fn resolve(self, today: Date) -> Date {
        match self {
            DateBound::Day(day) => day,
            DateBound::Today => today,
        }
    }
}

/// Whether an answer is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    Optional,
    Required,
    /// Required only on these tracks (e.g. SIRET for `established`, optional for `emerging`).
    Tracks(Vec<String>),
}

impl Requirement {
    pub fn applies_to(&self, track: &str) -> bool {
        match self {
            Requirement::Optional => false,
            Requirement::Required => true,
            Requirement::Tracks(tracks) => tracks.iter().any(|t| t == track),
        }
    }
}

/// A condition as written and as parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub source: String,
    pub expr: Expr,
}

/// A rule over several answers: when `assert` does not hold, an issue of `severity` with
/// `message` is attached to `field`.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub key: String,
    /// The field the issue points at (and whose section shows it).
    pub field: String,
    pub blocking: bool,
    pub when: Option<Condition>,
    /// Evaluate once per value of a table column (e.g. per budget year).
    pub each: Option<Each>,
    pub assert: Condition,
    /// With `{left}` / `{right}` (the two sides of the comparison) and `{each}` (the group).
    pub message: Localized,
}

/// The grouping of a check: `each = "year"` or `each = 'source in ["region", …]'`.
#[derive(Debug, Clone, PartialEq)]
pub struct Each {
    pub column: String,
    /// Only these values; every value found in the rows when `None`.
    pub values: Option<Vec<Literal>>,
}

/// The file types a file field can accept: the upload code sniffs the content by these.
pub use crate::domain::upload::FileType;

impl FormSchema {
    /// A section by key.
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// A field of the form (not a table column) by key.
    pub fn field(&self, key: &str) -> Option<&Field> {
        let (s, f) = self.index.get(key)?;
        self.sections.get(*s)?.fields.get(*f)
    }

    /// The section a field of the form belongs to.
    pub fn section_of(&self, key: &str) -> Option<&Section> {
        let (s, _) = self.index.get(key)?;
        self.sections.get(*s)
    }

    /// Every field of the form (not table columns), in order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    /// The field an answer path points at: `"members"`, `"members.1.siret"` (a table cell: the
    /// column), `"territory_communes.2"` (an item: the field).
    pub fn field_at(&self, path: &str) -> Option<&Field> {
        let mut parts = path.split('.');
        let field = self.field(parts.next()?)?;
        match (parts.next(), parts.next()) {
            (None, _) | (Some(_), None) => Some(field),
            (Some(_), Some(column)) => field.columns().iter().find(|c| c.key == column),
        }
    }

    /// Whether a field of the form is shown with these answers: its section's condition and
    /// its own hold, a hidden field reading as unanswered in the conditions of others.
    pub fn field_visible(&self, key: &str, answers: &Answers) -> bool {
        Eval::new(self, answers).field_visible(key)
    }

    /// Whether a section is shown with these answers.
    pub fn section_visible(&self, key: &str, answers: &Answers) -> bool {
        self.section(key).is_some_and(|s| Eval::new(self, answers).section_visible(s))
    }

    /// The fields of a section shown with these answers (headings and computed fields
    /// included), in order.
    pub fn visible_fields<'s>(&'s self, section: &'s Section, answers: &Answers) -> Vec<&'s Field> {
        let eval = Eval::new(self, answers);
        section.fields.iter().filter(|f| eval.field_visible(&f.key)).collect()
    }

    /// The HTML `id` of the input of an answer path, so that pages and error links agree:
    /// `"members.1.siret"` → `"f-members-1-siret"`.
    pub fn html_id(&self, path: &str) -> String {
        html_id(path)
    }

    /// The HTML `id` of a section's heading: `"s-history"`.
    pub fn section_html_id(&self, key: &str) -> String {
        format!("s-{}", html_id(key).trim_start_matches("f-"))
    }
}

/// See [`FormSchema::html_id`]. Keys are `[a-z0-9_]`, so `-` cannot clash.
pub fn html_id(path: &str) -> String {
    let cleaned: String =
        path.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect();
    format!("f-{cleaned}")
}

impl Field {
    /// The kind's name as written in the schema (`"text"`, `"money"`, …): what field templates
    /// switch on.
    pub fn kind_name(&self) -> &'static str {
        self.kind.name()
    }

    /// The columns of a table (empty for other kinds).
    pub fn columns(&self) -> &[Field] {
        match &self.kind {
            Kind::Table { columns, .. } => columns,
            _ => &[],
        }
    }

    /// The options of a `choice` or `choices` field (empty for other kinds).
    pub fn choices(&self, ctx: &Context) -> Vec<Choice> {
        match &self.kind {
            Kind::Choice { options } | Kind::Choices { options, .. } => options.choices(ctx),
            _ => Vec::new(),
        }
    }

    /// Whether the field is required on a track, before its `required_when` condition.
    pub fn is_required_for(&self, track: &str) -> bool {
        self.required.applies_to(track)
    }

    /// The `accept` attribute of a file input: ".pdf,.odt,…".
    pub fn accept(&self) -> String {
        self.file_types().iter().flat_map(|t| t.extensions()).copied().collect::<Vec<_>>().join(",")
    }

    /// The accepted types of a file field (empty for other kinds).
    pub fn file_types(&self) -> &[FileType] {
        match &self.kind {
            Kind::File { types, .. } | Kind::Files { types, .. } => types,
            _ => &[],
        }
    }

    /// The size limit of a file field in bytes (0 for other kinds).
    pub fn max_bytes(&self) -> u64 {
        match &self.kind {
            Kind::File { max_mb, .. } | Kind::Files { max_mb, .. } => {
                u64::from(*max_mb) * 1024 * 1024
            }
            _ => 0,
        }
    }

    /// The character limit of a text field.
    pub fn max_chars(&self) -> Option<usize> {
        match &self.kind {
            Kind::Text { max } | Kind::Textarea { max } => Some(*max),
            _ => None,
        }
    }

    /// Whether the field holds an answer a person types or picks (not a heading or computed).
    pub fn takes_answer(&self) -> bool {
        !matches!(self.kind, Kind::Heading | Kind::Computed { .. })
    }
}

impl Kind {
    /// The kinds a schema can name; `section` is another name for `heading` (FORMS.md's word).
    pub const NAMES: [&'static str; 24] = [
        "text",
        "textarea",
        "choice",
        "choices",
        "integer",
        "decimal",
        "money",
        "percent",
        "date",
        "yes_no",
        "email",
        "phone",
        "url",
        "siret",
        "siren",
        "commune",
        "communes",
        "department",
        "file",
        "files",
        "table",
        "heading",
        "computed",
        "section",
    ];

    pub fn name(&self) -> &'static str {
        match self {
            Kind::Text { .. } => "text",
            Kind::Textarea { .. } => "textarea",
            Kind::Choice { .. } => "choice",
            Kind::Choices { .. } => "choices",
            Kind::Integer { .. } => "integer",
            Kind::Decimal { .. } => "decimal",
            Kind::Money { .. } => "money",
            Kind::Percent { .. } => "percent",
            Kind::Date { .. } => "date",
            Kind::YesNo => "yes_no",
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Url => "url",
            Kind::Siret => "siret",
            Kind::Siren => "siren",
            Kind::Commune => "commune",
            Kind::Communes { .. } => "communes",
            Kind::Department => "department",
            Kind::File { .. } => "file",
            Kind::Files { .. } => "files",
            Kind::Table { .. } => "table",
            Kind::Heading => "heading",
            Kind::Computed { .. } => "computed",
        }
    }

    /// Kinds whose value is a number (what `sum(…)` can add up).
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Kind::Integer { .. } | Kind::Decimal { .. } | Kind::Money { .. } | Kind::Percent { .. }
        )
    }
}
