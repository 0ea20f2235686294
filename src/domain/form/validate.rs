//! What is wrong or missing in a set of answers, field by field and across fields, and how far
//! each section is filled in. Hidden sections and fields are neither required nor checked.

use serde::Serialize;
use serde_json::Value;
use time::Date;

use super::answers::{FileRef, is_blank};
use super::computed::check_issues;
use super::eval::Eval;
use super::places::CommuneLookup;
use super::schema::{DateBound, Field, FileType, FormSchema, Kind, Options, Section};
use super::values::{
    format_date, format_decimal, format_integer, format_money, format_size, is_web_url,
    parse_siren, phone_digits, read_iso_date,
};
use super::{Answers, Context, Message};
use crate::domain::email::{EmailAddress, EmailError};
use crate::domain::lang::{Lang, Localized};
use crate::domain::money::Money;
use crate::domain::siret::{Siret, SiretError};

/// Whether an issue blocks submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Severity {
    /// Blocks submission.
    Error,
    /// Shown, does not block (e.g. an unbalanced budget, an admissibility doubt).
    Warning,
}

/// Something to tell the person about an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// The answer it is about: `"lead_siret"`, `"members.1.siret"`, `"territory_communes.0"`.
    pub path: String,
    /// The key of the section (page) that shows it.
    pub section: String,
    pub severity: Severity,
    pub message: Message,
    /// For an ambiguous commune: the `(INSEE code, label)` pairs to pick from (radio buttons
    /// named `<path>.choice`).
    pub options: Vec<(String, String)>,
}

/// How far each section is filled in, for the progress indicator and the "what is missing"
/// summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub sections: Vec<SectionProgress>,
    /// No error in any shown section: the dossier can be submitted.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionProgress {
    pub key: String,
    pub title: Localized,
    /// Whether the section is shown (its condition holds); a hidden one counts for nothing.
    pub visible: bool,
    /// Required questions shown in the section.
    pub required_total: usize,
    /// Of those, the ones answered.
    pub required_answered: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The keys of the required questions still unanswered.
    pub missing: Vec<String>,
}

/// Every issue of the answers, section by section, in the order of the form.
pub fn validate(schema: &FormSchema, track: &str, answers: &Answers, ctx: &Context) -> Vec<Issue> {
    let eval = Eval::new(schema, answers);
    schema.sections.iter().flat_map(|s| section_issues(&eval, s, track, ctx)).collect()
}

/// The issues of one section (none for an unknown or hidden section).
pub fn validate_section(
    schema: &FormSchema,
    track: &str,
    section_key: &str,
    answers: &Answers,
    ctx: &Context,
) -> Vec<Issue> {
    let eval = Eval::new(schema, answers);
    schema.section(section_key).map(|s| section_issues(&eval, s, track, ctx)).unwrap_or_default()
}

/// How far each section is filled in.
pub fn progress(schema: &FormSchema, track: &str, answers: &Answers, ctx: &Context) -> Progress {
    let eval = Eval::new(schema, answers);
    let sections: Vec<SectionProgress> =
        schema.sections.iter().map(|s| section_progress(&eval, s, track, ctx)).collect();
    let complete = sections.iter().all(|s| s.errors == 0);
    Progress { sections, complete }
}

fn section_progress(eval: &Eval, section: &Section, track: &str, ctx: &Context) -> SectionProgress {
    let visible = eval.section_visible(section);
    let mut progress = SectionProgress {
        key: section.key.clone(),
        title: section.title.clone(),
        visible,
        required_total: 0,
        required_answered: 0,
        errors: 0,
        warnings: 0,
        missing: Vec::new(),
    };
    if !visible {
        return progress;
    }
    for field in section.fields.iter().filter(|f| shown(eval, f)) {
        if is_required(eval, field, track) {
            progress.required_total += 1;
            if eval.answers.get(&field.key).is_some() {
                progress.required_answered += 1;
            } else {
                progress.missing.push(field.key.clone());
            }
        }
    }
    for issue in section_issues(eval, section, track, ctx) {
        match issue.severity {
            Severity::Error => progress.errors += 1,
            Severity::Warning => progress.warnings += 1,
        }
    }
    progress
}

fn shown(eval: &Eval, field: &Field) -> bool {
    field.takes_answer() && eval.field_visible(&field.key)
}

/// Required on this track, and its `required_when` holds.
fn is_required(eval: &Eval, field: &Field, track: &str) -> bool {
    field.is_required_for(track) && field.required_when.as_ref().is_none_or(|c| eval.holds(c))
}

fn section_issues(eval: &Eval, section: &Section, track: &str, ctx: &Context) -> Vec<Issue> {
    if !eval.section_visible(section) {
        return Vec::new();
    }
    let mut out = Out { section: &section.key, issues: Vec::new() };
    for field in section.fields.iter().filter(|f| shown(eval, f)) {
        match eval.answers.get(&field.key) {
            None if is_required(eval, field, track) => out.error(&field.key, required_message()),
            None => {}
            Some(value) => value_issues(field, &field.key, value, track, ctx, &mut out),
        }
    }
    let mut issues = out.issues;
    issues.extend(check_issues(eval, section, ctx));
    issues
}

/// Collects the issues of one section.
pub(crate) struct Out<'a> {
    pub section: &'a str,
    pub issues: Vec<Issue>,
}

impl Out<'_> {
    pub fn error(&mut self, path: &str, message: Message) {
        self.push(path, Severity::Error, message, Vec::new());
    }

    pub fn push(
        &mut self,
        path: &str,
        severity: Severity,
        message: Message,
        options: Vec<(String, String)>,
    ) {
        self.issues.push(Issue {
            path: path.to_owned(),
            section: self.section.to_owned(),
            severity,
            message,
            options,
        });
    }
}

pub fn required_message() -> Message {
    Message::new("Ce champ est obligatoire.", "This field is required.")
}

/// The checks of one answered value of a field or table cell at `path`.
pub(crate) fn value_issues(
    field: &Field,
    path: &str,
    value: &Value,
    track: &str,
    ctx: &Context,
    out: &mut Out,
) {
    let problem = match &field.kind {
        Kind::Text { max } | Kind::Textarea { max } => text_problem(value, *max),
        Kind::Choice { options } => choice_problem(value, options, ctx),
        Kind::Choices { options, min, max } => choices_problem(value, options, *min, *max, ctx),
        Kind::Integer { min, max } => integer_problem(value, *min, *max),
        Kind::Decimal { min, max } => decimal_problem(value, *min, *max),
        Kind::Money { min, max } => money_problem(value, *min, *max),
        Kind::Percent { min, max } => percent_problem(value, *min, *max),
        Kind::Date { min, max } => date_problem(value, *min, *max, ctx.today),
        Kind::YesNo => yes_no_problem(value),
        Kind::Email => email_problem(value),
        Kind::Phone => phone_problem(value),
        Kind::Url => url_problem(value),
        Kind::Siret => siret_problem(value),
        Kind::Siren => siren_problem(value),
        Kind::Department => department_problem(value, ctx),
        Kind::Commune => return commune_issues(value, path, ctx, out),
        Kind::Communes { min, max } => return communes_issues(value, path, *min, *max, ctx, out),
        Kind::File { types, max_mb } => file_problem(value, types, *max_mb),
        Kind::Files { types, max_mb, min, max } => {
            return files_issues(value, path, types, *max_mb, (*min, *max), out);
        }
        Kind::Table { columns, min_rows, max_rows } => {
            return table_issues(value, path, columns, (*min_rows, *max_rows), track, ctx, out);
        }
        Kind::Heading | Kind::Computed { .. } => None,
    };
    if let Some(message) = problem {
        out.error(path, message);
    }
}

fn unreadable() -> Message {
    Message::new(
        "Cette réponse est illisible, saisissez-la à nouveau.",
        "This answer cannot be read, please enter it again.",
    )
}

fn text_problem(value: &Value, max: usize) -> Option<Message> {
    let Some(text) = value.as_str() else { return Some(unreadable()) };
    let count = text.chars().count();
    (count > max).then(|| {
        Message::new(
            format!("Ce texte dépasse la limite de {max} caractères (il en compte {count})."),
            format!("This text is over the limit of {max} characters (it has {count})."),
        )
    })
}

fn not_an_option() -> Message {
    Message::new("Choisissez une des réponses proposées.", "Choose one of the answers offered.")
}

fn is_option(value: &str, options: &Options, ctx: &Context) -> bool {
    options.choices(ctx).iter().any(|c| c.value == value)
}

fn choice_problem(value: &Value, options: &Options, ctx: &Context) -> Option<Message> {
    match value.as_str() {
        Some(v) if is_option(v, options, ctx) => None,
        _ => Some(not_an_option()),
    }
}

fn choices_problem(
    value: &Value,
    options: &Options,
    min: Option<usize>,
    max: Option<usize>,
    ctx: &Context,
) -> Option<Message> {
    let Some(items) = value.as_array() else { return Some(not_an_option()) };
    if !items.iter().all(|i| i.as_str().is_some_and(|v| is_option(v, options, ctx))) {
        return Some(not_an_option());
    }
    count_problem(
        items.len(),
        min,
        max,
        ("réponse", "réponses"),
        ("answer", "answers"),
        "Choisissez",
        "Choose",
    )
}

/// "Choisissez au moins 2 réponses." / "Choose at most 3 answers."
fn count_problem(
    count: usize,
    min: Option<usize>,
    max: Option<usize>,
    (one_fr, many_fr): (&str, &str),
    (one_en, many_en): (&str, &str),
    verb_fr: &str,
    verb_en: &str,
) -> Option<Message> {
    let noun =
        |n: usize, one: &str, many: &str| if n == 1 { one.to_owned() } else { many.to_owned() };
    if let Some(min) = min.filter(|m| count < *m) {
        return Some(Message::new(
            format!("{verb_fr} au moins {min} {} (il y en a {count}).", noun(min, one_fr, many_fr)),
            format!("{verb_en} at least {min} {} (there are {count}).", noun(min, one_en, many_en)),
        ));
    }
    if let Some(max) = max.filter(|m| count > *m) {
        return Some(Message::new(
            format!("{verb_fr} au plus {max} {} (il y en a {count}).", noun(max, one_fr, many_fr)),
            format!("{verb_en} at most {max} {} (there are {count}).", noun(max, one_en, many_en)),
        ));
    }
    None
}

fn bounds_problem<T: PartialOrd>(
    value: T,
    min: Option<T>,
    max: Option<T>,
    show: impl Fn(&T, Lang) -> String,
) -> Option<Message> {
    if let Some(min) = min.filter(|m| value < *m) {
        return Some(Message::new(
            format!("La valeur doit être d’au moins {}.", show(&min, Lang::Fr)),
            format!("The value must be at least {}.", show(&min, Lang::En)),
        ));
    }
    if let Some(max) = max.filter(|m| value > *m) {
        return Some(Message::new(
            format!("La valeur doit être d’au plus {}.", show(&max, Lang::Fr)),
            format!("The value must be at most {}.", show(&max, Lang::En)),
        ));
    }
    None
}

pub(crate) fn integer_problem(
    value: &Value,
    min: Option<i64>,
    max: Option<i64>,
) -> Option<Message> {
    match value.as_i64() {
        Some(n) => bounds_problem(n, min, max, |n, _| format_integer(*n)),
        None => Some(Message::new(
            "Indiquez un nombre entier, par exemple 12.",
            "Enter a whole number, for example 12.",
        )),
    }
}

pub(crate) fn decimal_problem(
    value: &Value,
    min: Option<f64>,
    max: Option<f64>,
) -> Option<Message> {
    match value.as_f64() {
        Some(n) => bounds_problem(n, min, max, |n, _| format_decimal(*n)),
        None => Some(Message::new(
            "Indiquez un nombre, par exemple 12,5.",
            "Enter a number, for example 12.5.",
        )),
    }
}

pub(crate) fn money_problem(value: &Value, min: Option<i64>, max: Option<i64>) -> Option<Message> {
    if let Some(cents) = value.as_i64() {
        return bounds_problem(cents, Some(min.unwrap_or(0)), max, |c, lang| {
            format_money(*c, lang)
        });
    }
    Some(match value.as_str().map(Money::parse) {
        Some(Err(e)) => Message::new(e.message(Lang::Fr), e.message(Lang::En)),
        _ => Message::new(
            "Indiquez un montant en euros, par exemple 12 500 ou 12 500,50.",
            "Enter an amount in euros, for example 12 500 or 12 500,50.",
        ),
    })
}

pub(crate) fn percent_problem(value: &Value, min: f64, max: f64) -> Option<Message> {
    match value.as_f64() {
        Some(n) if n >= min && n <= max => None,
        _ => Some(Message::new(
            format!(
                "Indiquez un pourcentage entre {} et {}.",
                format_decimal(min),
                format_decimal(max)
            ),
            format!(
                "Enter a percentage between {} and {}.",
                format_decimal(min),
                format_decimal(max)
            ),
        )),
    }
}

pub(crate) fn yes_no_problem(value: &Value) -> Option<Message> {
    (!value.is_boolean()).then(|| Message::new("Répondez par oui ou par non.", "Answer yes or no."))
}

pub(crate) fn date_problem(
    value: &Value,
    min: Option<DateBound>,
    max: Option<DateBound>,
    today: Date,
) -> Option<Message> {
    let Some(date) = value.as_str().and_then(read_iso_date) else {
        return Some(Message::new(
            "Indiquez une date au format jj/mm/aaaa, par exemple 30/11/2011.",
            "Enter a date as dd/mm/yyyy, for example 30/11/2011.",
        ));
    };
    if let Some(min) = min.map(|m| m.resolve(today)).filter(|m| date < *m) {
        return Some(Message::new(
            format!("La date doit être le {} ou après.", format_date(min, Lang::Fr)),
            format!("The date must be on or after {}.", format_date(min, Lang::En)),
        ));
    }
    match max {
        Some(DateBound::Today) if date > today => Some(Message::new(
            "La date ne peut pas être dans le futur.",
            "The date cannot be in the future.",
        )),
        Some(DateBound::Day(max)) if date > max => Some(Message::new(
            format!("La date doit être le {} ou avant.", format_date(max, Lang::Fr)),
            format!("The date must be on or before {}.", format_date(max, Lang::En)),
        )),
        _ => None,
    }
}

fn email_problem(value: &Value) -> Option<Message> {
    let error = match value.as_str().map(EmailAddress::parse) {
        Some(Ok(_)) => return None,
        Some(Err(e)) => e,
        None => EmailError::Malformed,
    };
    Some(match error {
        EmailError::TooLong => Message::new(
            "Adresse électronique trop longue (254 caractères au plus).",
            "Email address too long (254 characters at most).",
        ),
        EmailError::Empty | EmailError::Malformed => Message::new(
            "Adresse électronique invalide, par exemple prenom.nom@exemple.fr.",
            "Invalid email address, for example firstname.lastname@example.org.",
        ),
    })
}

fn phone_problem(value: &Value) -> Option<Message> {
    value.as_str().and_then(phone_digits).is_none().then(|| {
        Message::new(
            "Numéro de téléphone invalide : 10 chiffres (01 23 45 67 89) ou le format international (+33 1 23 45 67 89).",
            "Invalid phone number: 10 digits (01 23 45 67 89) or the international format (+33 1 23 45 67 89).",
        )
    })
}

fn url_problem(value: &Value) -> Option<Message> {
    value.as_str().is_none_or(|u| !is_web_url(u)).then(|| {
        Message::new(
            "Adresse web invalide, par exemple https://www.exemple.fr.",
            "Invalid web address, for example https://www.example.org.",
        )
    })
}

fn siret_problem(value: &Value) -> Option<Message> {
    let error = match value.as_str().map(Siret::parse) {
        Some(Ok(_)) => return None,
        Some(Err(e)) => e,
        None => SiretError::Length(0),
    };
    let english = match error {
        SiretError::NotADigit(c) => format!("invalid SIRET number: “{c}” is not a digit"),
        SiretError::Length(n) => {
            format!("invalid SIRET number: 14 digits are needed, there are {n}")
        }
        SiretError::SirenKey => {
            "invalid SIRET number: the first 9 digits (the SIREN) do not have a valid check digit"
                .to_owned()
        }
        SiretError::Key => {
            "invalid SIRET number: the check digit does not match, a digit was probably mistyped"
                .to_owned()
        }
    };
    Some(Message::new(error.to_string(), english))
}

fn siren_problem(value: &Value) -> Option<Message> {
    match value.as_str().map(parse_siren) {
        Some(Ok(_)) => None,
        Some(Err((fr, en))) => Some(Message::new(fr, en)),
        None => Some(unreadable()),
    }
}

fn department_problem(value: &Value, ctx: &Context) -> Option<Message> {
    value.as_str().and_then(|code| ctx.places.department_name(code)).is_none().then(|| {
        Message::new(
            "Département inconnu : indiquez son numéro, par exemple 81 ou 2A.",
            "Unknown department: give its number, for example 81 or 2A.",
        )
    })
}

/// A commune is stored as its INSEE code; text that did not resolve is checked again so that
/// the page can offer the communes of that name.
fn commune_issues(value: &Value, path: &str, ctx: &Context, out: &mut Out) {
    let Some(text) = value.as_str() else { return out.error(path, unreadable()) };
    if ctx.places.commune_label(text).is_some() {
        return;
    }
    match ctx.places.resolve_commune(text) {
        CommuneLookup::Found { .. } => {}
        CommuneLookup::Ambiguous(options) => {
            out.push(path, Severity::Error, ambiguous_commune(), options);
        }
        CommuneLookup::NotFound => out.error(path, commune_not_found()),
    }
}

pub fn commune_not_found() -> Message {
    Message::new(
        "Commune introuvable : vérifiez l’orthographe, ou indiquez le code postal.",
        "Commune not found: check the spelling, or give the postcode.",
    )
}

pub fn ambiguous_commune() -> Message {
    Message::new(
        "Plusieurs communes portent ce nom : choisissez la vôtre.",
        "Several communes have this name: choose yours.",
    )
}

fn communes_issues(
    value: &Value,
    path: &str,
    min: Option<usize>,
    max: Option<usize>,
    ctx: &Context,
    out: &mut Out,
) {
    let Some(items) = value.as_array() else { return out.error(path, unreadable()) };
    let items: Vec<&Value> = items.iter().filter(|v| !is_blank(v)).collect();
    for (i, item) in items.iter().enumerate() {
        commune_issues(item, &format!("{path}.{i}"), ctx, out);
    }
    let fr = ("commune", "communes");
    if let Some(message) = count_problem(items.len(), min, max, fr, fr, "Indiquez", "Give") {
        out.error(path, message);
    }
}

fn file_problem(value: &Value, types: &[FileType], max_mb: u32) -> Option<Message> {
    let Some(file) = FileRef::from_value(value) else {
        return Some(Message::new(
            "Fichier illisible, déposez-le à nouveau.",
            "Unreadable file, please upload it again.",
        ));
    };
    let accepted = FileType::from_key(&file.file_type).is_some_and(|t| types.contains(&t));
    if !accepted {
        let names: Vec<&str> = types.iter().map(|t| t.short_label()).collect();
        return Some(Message::new(
            format!("Type de fichier non accepté ici ; types acceptés : {}.", names.join(", ")),
            format!("File type not accepted here; accepted types: {}.", names.join(", ")),
        ));
    }
    let max = u64::from(max_mb) * 1024 * 1024;
    (file.size > max).then(|| {
        Message::new(
            format!(
                "Fichier trop lourd ({}) : {max_mb} Mo au plus.",
                format_size(file.size, Lang::Fr)
            ),
            format!("File too large ({}): {max_mb} MB at most.", format_size(file.size, Lang::En)),
        )
    })
}

fn files_issues(
    value: &Value,
    path: &str,
    types: &[FileType],
    max_mb: u32,
    (min, max): (Option<usize>, Option<usize>),
    out: &mut Out,
) {
    let Some(items) = value.as_array() else { return out.error(path, unreadable()) };
    for (i, item) in items.iter().enumerate() {
        if let Some(message) = file_problem(item, types, max_mb) {
            out.error(&format!("{path}.{i}"), message);
        }
    }
    let words = (("fichier", "fichiers"), ("file", "files"));
    if let Some(message) =
        count_problem(items.len(), min, max, words.0, words.1, "Déposez", "Upload")
    {
        out.error(path, message);
    }
}

fn table_issues(
    value: &Value,
    path: &str,
    columns: &[Field],
    (min_rows, max_rows): (Option<usize>, Option<usize>),
    track: &str,
    ctx: &Context,
    out: &mut Out,
) {
    let Some(rows) = value.as_array() else { return out.error(path, unreadable()) };
    for (i, row) in rows.iter().enumerate() {
        let Some(row) = row.as_object() else {
            out.error(&format!("{path}.{i}"), unreadable());
            continue;
        };
        for column in columns {
            let cell_path = format!("{path}.{i}.{}", column.key);
            match row.get(&column.key).filter(|v| !is_blank(v)) {
                None if column.is_required_for(track) => out.error(&cell_path, required_message()),
                None => {}
                Some(cell) => value_issues(column, &cell_path, cell, track, ctx, out),
            }
        }
    }
    let count = rows.len();
    if let Some(min) = min_rows.filter(|m| count < *m) {
        out.error(
            path,
            Message::new(
                format!("{} au minimum (il y en a {count}).", lines_fr(min)),
                format!("At least {} (there are {count}).", lines_en(min)),
            ),
        );
    }
    if let Some(max) = max_rows.filter(|m| count > *m) {
        out.error(
            path,
            Message::new(
                format!("{} au maximum (il y en a {count}).", lines_fr(max)),
                format!("At most {} (there are {count}).", lines_en(max)),
            ),
        );
    }
}

fn lines_fr(n: usize) -> String {
    if n == 1 { "1 ligne".to_owned() } else { format!("{n} lignes") }
}

fn lines_en(n: usize) -> String {
    if n == 1 { "1 row".to_owned() } else { format!("{n} rows") }
}
