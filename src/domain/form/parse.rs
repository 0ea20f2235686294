//! Reading a form schema from its TOML text: every mistake is reported with its line and column
//! and a plain reason in French and English, all at once when they are semantic.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::Deserialize;
use time::{Date, Month};
use toml::Spanned;

use super::expr::{self, CmpOp, Expr, ExprError, KEYWORDS, Literal};
use super::schema::{
    Check, Condition, DateBound, Each, Field, FileType, FormSchema, Kind, Options, Requirement,
    Section,
};
use super::{Choice, Message};
use crate::domain::lang::Localized;
use crate::domain::text_place::{self, line_col};

/// One mistake in a schema, at a place of its text (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    pub line: usize,
    pub column: usize,
    pub message: Message,
}

/// Every mistake found in a schema, in the order of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaErrors(pub Vec<SchemaError>);

impl std::fmt::Display for SchemaErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for e in &self.0 {
            writeln!(f, "ligne {}, colonne {} : {}", e.line, e.column, e.message.fr)?;
        }
        Ok(())
    }
}

impl std::error::Error for SchemaErrors {}

const DEFAULT_TEXT_MAX: usize = 200;
const DEFAULT_TEXTAREA_MAX: usize = 4000;
const DEFAULT_MAX_MB: u32 = 10;
const MAX_CHARS_LIMIT: usize = 100_000;
const MAX_MB_LIMIT: u32 = 100;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForm {
    key: Spanned<String>,
    title: Localized,
    help: Option<Localized>,
    #[serde(default)]
    lists: BTreeMap<String, Spanned<Vec<Spanned<RawChoice>>>>,
    sections: Spanned<Vec<Spanned<RawSection>>>,
    #[serde(default)]
    checks: Vec<Spanned<RawCheck>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    value: Spanned<String>,
    label: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    key: Spanned<String>,
    title: Localized,
    help: Option<Localized>,
    when: Option<Spanned<String>>,
    #[serde(default)]
    fields: Vec<Spanned<RawField>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawField {
    key: Spanned<String>,
    kind: Spanned<String>,
    label: Localized,
    help: Option<Localized>,
    required: Option<Spanned<toml::Value>>,
    required_when: Option<Spanned<String>>,
    when: Option<Spanned<String>>,
    public: Option<Spanned<bool>>,
    min: Option<Spanned<toml::Value>>,
    max: Option<Spanned<toml::Value>>,
    options: Option<Spanned<toml::Value>>,
    types: Option<Spanned<Vec<Spanned<String>>>>,
    max_mb: Option<Spanned<i64>>,
    columns: Option<Spanned<Vec<Spanned<RawField>>>>,
    min_rows: Option<Spanned<i64>>,
    max_rows: Option<Spanned<i64>>,
    formula: Option<Spanned<String>>,
}

/// An option written inline in a field (`options = [ { value = …, label = … } ]`), read from an
/// already parsed value, hence without positions of its own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InlineChoice {
    value: String,
    label: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    key: Spanned<String>,
    field: Spanned<String>,
    severity: Spanned<String>,
    when: Option<Spanned<String>>,
    each: Option<Spanned<String>>,
    assert: Spanned<String>,
    message: Localized,
}

impl FormSchema {
    /// Reads a form schema from TOML. Syntax mistakes stop at the first one (the TOML reader
    /// cannot go on); semantic ones (unknown kind, duplicate key, unknown field in a condition,
    /// unknown list, bad file type, min above max…) are all reported. Never panics.
    pub fn from_toml(src: &str) -> Result<FormSchema, SchemaErrors> {
        let raw: RawForm =
            toml::from_str(src).map_err(|e| SchemaErrors(vec![syntax_error(src, &e)]))?;
        let mut reader = Reader { src, errors: Vec::new(), lists: BTreeMap::new() };
        let schema = reader.form(raw);
        let mut errors = reader.errors;
        if errors.is_empty() {
            Ok(schema)
        } else {
            errors.sort_by_key(|e| (e.line, e.column));
            errors.dedup();
            Err(SchemaErrors(errors))
        }
    }
}

/// A TOML syntax or shape mistake, its message put in French too.
fn syntax_error(src: &str, error: &toml::de::Error) -> SchemaError {
    let (line, column) = text_place::of_toml_error(src, error);
    let english = error.message().trim().to_owned();
    SchemaError { line, column, message: Message::new(french_toml_message(&english), english) }
}

/// The TOML reader's messages are English; the common ones are said again in French.
fn french_toml_message(english: &str) -> String {
    let words = |text: &str| {
        text.replace(" or ", " ou ")
            .replace("one of ", "")
            .replace("a string", "un texte entre guillemets")
            .replace("a boolean", "true ou false")
            .replace("a sequence", "une liste [ … ]")
            .replace("a map", "une table")
            .replace("i64", "un nombre entier")
            .replace("integer", "nombre entier")
            .replace("string", "texte")
            .replace("boolean", "booléen")
            .replace("sequence", "liste")
            .replace("map", "table")
            .replace("struct ", "table ")
    };
    if let Some(rest) = english.strip_prefix("unknown field ") {
        let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "attribut inconnu {name} (une faute de frappe ?) ; attributs possibles : {}",
            words(expected)
        );
    }
    if let Some(name) = english.strip_prefix("missing field ") {
        return format!("attribut obligatoire manquant : {name}");
    }
    if let Some(rest) = english.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "valeur de mauvais type : {}, alors qu’il faut {}",
            words(found),
            words(expected)
        );
    }
    if english.contains("duplicate key") {
        return format!("clé définie deux fois ({english})");
    }
    format!("le texte n’est pas du TOML valide : {english}")
}

/// A condition or formula waiting for every field to be known before it is resolved.
enum Target {
    SectionWhen(usize),
    FieldWhen(usize, usize),
    RequiredWhen(usize, usize),
    Formula(usize, usize),
}

struct Reader<'s> {
    src: &'s str,
    errors: Vec<SchemaError>,
    lists: BTreeMap<String, Vec<Choice>>,
}

impl Reader<'_> {
    fn error(&mut self, span: Range<usize>, fr: impl Into<String>, en: impl Into<String>) {
        let (line, column) = line_col(self.src, span.start);
        self.errors.push(SchemaError { line, column, message: Message::new(fr, en) });
    }

    /// An expression error, placed on its character inside the TOML string when the string is
    /// a simple one-line quoted text (else on the string itself).
    fn expr_error(&mut self, span: Range<usize>, error: ExprError) {
        let (line, mut column) = line_col(self.src, span.start);
        let raw = self.src.get(span.clone()).unwrap_or("");
        let simple = (raw.starts_with('"') || raw.starts_with('\''))
            && !raw.starts_with("\"\"\"")
            && !raw.starts_with("'''")
            && !raw.contains('\n')
            && !raw.contains('\\');
        if simple {
            column += 1 + error.at;
        }
        self.errors.push(SchemaError { line, column, message: error.message });
    }

    fn form(&mut self, raw: RawForm) -> FormSchema {
        self.check_key(&raw.key, "du formulaire", "of the form");
        for (name, list) in &raw.lists {
            self.list(name, list);
        }
        let mut seen_sections = BTreeMap::new();
        let mut seen_fields = BTreeMap::new();
        let mut pending: Vec<(Target, Spanned<String>)> = Vec::new();
        let mut sections = Vec::new();
        if raw.sections.get_ref().is_empty() {
            self.error(
                raw.sections.span(),
                "le formulaire n’a aucune section",
                "the form has no section",
            );
        }
        for (s, raw_section) in raw.sections.into_inner().into_iter().enumerate() {
            let span = raw_section.span();
            let raw_section = raw_section.into_inner();
            self.check_key(&raw_section.key, "de section", "of a section");
            self.unique(&mut seen_sections, &raw_section.key, "section", "section");
            if let Some(when) = raw_section.when {
                pending.push((Target::SectionWhen(s), when));
            }
            if raw_section.fields.is_empty() {
                self.error(
                    span,
                    format!("la section « {} » n’a aucun champ", raw_section.key.get_ref()),
                    format!("section `{}` has no field", raw_section.key.get_ref()),
                );
            }
            let mut fields = Vec::new();
            for (f, raw_field) in raw_section.fields.into_iter().enumerate() {
                let raw_field = raw_field.into_inner();
                self.unique(&mut seen_fields, &raw_field.key, "champ", "field");
                if let Some(when) = raw_field.when.clone() {
                    pending.push((Target::FieldWhen(s, f), when));
                }
                if let Some(when) = raw_field.required_when.clone() {
                    pending.push((Target::RequiredWhen(s, f), when));
                }
                if let Some(formula) = raw_field.formula.clone() {
                    pending.push((Target::Formula(s, f), formula));
                }
                fields.push(self.field(raw_field, false));
            }
            sections.push(Section {
                key: raw_section.key.into_inner(),
                title: raw_section.title,
                help: raw_section.help,
                when: None,
                fields,
            });
        }
        let index = index_of(&sections);
        let mut schema = FormSchema {
            key: raw.key.into_inner(),
            title: raw.title,
            help: raw.help,
            sections,
            checks: Vec::new(),
            index,
        };
        self.resolve_pending(&mut schema, pending);
        let symbols = Symbols::of(&schema);
        let mut seen_checks = BTreeMap::new();
        for raw_check in raw.checks {
            if let Some(check) = self.check(&schema, &symbols, raw_check, &mut seen_checks) {
                schema.checks.push(check);
            }
        }
        self.no_cycles(&schema, &seen_fields);
        schema
    }

    /// Keys are what HTML names, anchors and conditions use: lower-case ASCII words.
    fn check_key(&mut self, key: &Spanned<String>, what_fr: &str, what_en: &str) {
        let k = key.get_ref();
        let well_formed = k.len() <= 64
            && k.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !well_formed {
            self.error(
                key.span(),
                format!(
                    "clé {what_fr} « {k} » invalide : minuscules sans accents, chiffres et _ seulement, en commençant par une lettre"
                ),
                format!(
                    "invalid key {what_en} `{k}`: lower-case ASCII letters, digits and _ only, starting with a letter"
                ),
            );
        } else if KEYWORDS.contains(&k.as_str()) {
            self.error(
                key.span(),
                format!("« {k} » est un mot réservé des conditions, choisissez une autre clé"),
                format!("`{k}` is a reserved word of conditions, choose another key"),
            );
        }
    }

    fn unique(
        &mut self,
        seen: &mut BTreeMap<String, Range<usize>>,
        key: &Spanned<String>,
        what_fr: &str,
        what_en: &str,
    ) {
        if let Some(first) = seen.get(key.get_ref()) {
            let (line, _) = line_col(self.src, first.start);
            self.error(
                key.span(),
                format!(
                    "la clé de {what_fr} « {} » est déjà utilisée (ligne {line})",
                    key.get_ref()
                ),
                format!("{what_en} key `{}` is already used (line {line})", key.get_ref()),
            );
        } else {
            seen.insert(key.get_ref().clone(), key.span());
        }
    }

    fn list(&mut self, name: &str, list: &Spanned<Vec<Spanned<RawChoice>>>) {
        let span = list.span();
        if ["networks", "poles"].contains(&name) {
            self.error(
                span.clone(),
                format!(
                    "la liste « {name} » est fournie par l’appel, elle ne peut pas être redéfinie"
                ),
                format!("list `{name}` is supplied by the call and cannot be redefined"),
            );
        }
        let choices = self.choices(list.get_ref(), span);
        self.lists.insert(name.to_owned(), choices);
    }

    fn choices(&mut self, raw: &[Spanned<RawChoice>], span: Range<usize>) -> Vec<Choice> {
        if raw.is_empty() {
            self.error(span, "liste d’options vide", "empty list of options");
        }
        let mut seen = BTreeMap::new();
        let mut out = Vec::new();
        for choice in raw {
            let value = &choice.get_ref().value;
            let v = value.get_ref();
            if v.trim().is_empty() || v.trim() != v || v.chars().count() > 100 {
                self.error(
                    value.span(),
                    "valeur d’option invalide : un texte non vide, sans espace au début ni à la fin, de 100 caractères au plus",
                    "invalid option value: a non-empty text without leading or trailing spaces, at most 100 characters",
                );
            }
            self.unique(&mut seen, value, "l’option", "option");
            out.push(Choice { value: v.clone(), label: choice.get_ref().label.clone() });
        }
        out
    }

    fn field(&mut self, raw: RawField, in_table: bool) -> Field {
        self.check_key(&raw.key, "de champ", "of a field");
        let kind_name = raw.kind.get_ref().as_str();
        let kind_name = if kind_name == "section" { "heading" } else { kind_name };
        if !Kind::NAMES.contains(&kind_name) {
            self.error(
                raw.kind.span(),
                format!(
                    "type de champ inconnu « {kind_name} » ; types possibles : {}",
                    Kind::NAMES.join(", ")
                ),
                format!(
                    "unknown field kind `{kind_name}`; possible kinds: {}",
                    Kind::NAMES.join(", ")
                ),
            );
        } else if in_table && !COLUMN_KINDS.contains(&kind_name) {
            self.error(
                raw.kind.span(),
                format!(
                    "une colonne de tableau ne peut pas être de type « {kind_name} » ; types possibles : {}",
                    COLUMN_KINDS.join(", ")
                ),
                format!(
                    "a table column cannot be of kind `{kind_name}`; possible kinds: {}",
                    COLUMN_KINDS.join(", ")
                ),
            );
        }
        self.allowed_attributes(&raw, kind_name, in_table);
        let kind = self.kind(&raw, kind_name);
        let required = self.requirement(raw.required.as_ref());
        Field {
            key: raw.key.into_inner(),
            label: raw.label,
            help: raw.help,
            kind,
            required,
            required_when: None,
            when: None,
            public: raw.public.is_some_and(|p| *p.get_ref()),
        }
    }

    /// Each kind takes only the settings that mean something for it: a stray `max` on a
    /// yes/no question is a mistake worth telling.
    fn allowed_attributes(&mut self, raw: &RawField, kind: &str, in_table: bool) {
        let allowed: &[&str] = match kind {
            "text" | "textarea" => &["max"],
            "choice" => &["options"],
            "choices" => &["options", "min", "max"],
            "integer" | "decimal" | "money" | "percent" | "date" | "communes" => &["min", "max"],
            "file" => &["types", "max_mb"],
            "files" => &["types", "max_mb", "min", "max"],
            "table" => &["columns", "min_rows", "max_rows"],
            "computed" => &["formula"],
            _ => &[],
        };
        let present: [(&str, Option<Range<usize>>); 13] = [
            ("min", raw.min.as_ref().map(Spanned::span)),
            ("max", raw.max.as_ref().map(Spanned::span)),
            ("options", raw.options.as_ref().map(Spanned::span)),
            ("types", raw.types.as_ref().map(Spanned::span)),
            ("max_mb", raw.max_mb.as_ref().map(Spanned::span)),
            ("columns", raw.columns.as_ref().map(Spanned::span)),
            ("min_rows", raw.min_rows.as_ref().map(Spanned::span)),
            ("max_rows", raw.max_rows.as_ref().map(Spanned::span)),
            ("formula", raw.formula.as_ref().map(Spanned::span)),
            ("required", raw.required.as_ref().map(Spanned::span)),
            ("required_when", raw.required_when.as_ref().map(Spanned::span)),
            ("when", raw.when.as_ref().map(Spanned::span)),
            ("public", raw.public.as_ref().map(Spanned::span)),
        ];
        let no_value = matches!(kind, "heading" | "computed");
        for (name, span) in present {
            let Some(span) = span else { continue };
            let refused = match name {
                "required" => no_value,
                // Conditions are evaluated at the top of the form, never inside a row.
                "when" | "required_when" => no_value || in_table,
                // A computed value may be public (a period report's ratios, src/progress).
                "public" => kind == "heading" || in_table,
                _ => !allowed.contains(&name),
            };
            if refused {
                let place_fr = if in_table { "une colonne de tableau" } else { "ce type de champ" };
                let place_en = if in_table { "a table column" } else { "this kind of field" };
                self.error(
                    span,
                    format!("l’attribut « {name} » ne s’applique pas à {place_fr} (« {kind} »)"),
                    format!("attribute `{name}` does not apply to {place_en} (`{kind}`)"),
                );
            }
        }
    }

    fn kind(&mut self, raw: &RawField, name: &str) -> Kind {
        match name {
            "text" => Kind::Text { max: self.length(raw.max.as_ref(), DEFAULT_TEXT_MAX) },
            "textarea" => {
                Kind::Textarea { max: self.length(raw.max.as_ref(), DEFAULT_TEXTAREA_MAX) }
            }
            "choice" => Kind::Choice { options: self.options(raw) },
            "choices" => {
                let options = self.options(raw);
                let (min, max) = self.bounds(raw, Self::count_value);
                Kind::Choices { options, min, max }
            }
            "integer" => {
                let (min, max) = self.bounds(raw, Self::integer);
                Kind::Integer { min, max }
            }
            "decimal" => {
                let (min, max) = self.bounds(raw, Self::number);
                Kind::Decimal { min, max }
            }
            "money" => {
                let (min, max) = self.bounds(raw, Self::cents);
                Kind::Money { min, max }
            }
            "percent" => {
                let min = self.number(raw.min.as_ref()).unwrap_or(0.0);
                let max = self.number(raw.max.as_ref()).unwrap_or(100.0);
                self.ordered(Some(min), Some(max), raw.max.as_ref());
                Kind::Percent { min, max }
            }
            "date" => {
                let min = self.date(raw.min.as_ref());
                let max = self.date(raw.max.as_ref());
                if let (Some(DateBound::Day(a)), Some(DateBound::Day(b))) = (min, max) {
                    self.ordered(Some(a), Some(b), raw.max.as_ref());
                }
                Kind::Date { min, max }
            }
            "yes_no" => Kind::YesNo,
            "email" => Kind::Email,
            "phone" => Kind::Phone,
            "url" => Kind::Url,
            "siret" => Kind::Siret,
            "siren" => Kind::Siren,
            "commune" => Kind::Commune,
            "communes" => {
                let (min, max) = self.bounds(raw, Self::count_value);
                Kind::Communes { min, max }
            }
            "department" => Kind::Department,
            "file" => Kind::File { types: self.types(raw), max_mb: self.max_mb(raw) },
            "files" => {
                let (min, max) = self.bounds(raw, Self::count_value);
                Kind::Files { types: self.types(raw), max_mb: self.max_mb(raw), min, max }
            }
            "table" => self.table(raw),
            "computed" => {
                if raw.formula.is_none() {
                    self.error(
                        raw.kind.span(),
                        "un champ calculé a besoin d’une formule (formula = '…')",
                        "a computed field needs a formula (formula = '…')",
                    );
                }
                // The formula is resolved once every field is known.
                Kind::Computed { formula: Expr::Literal(Literal::Bool(false)) }
            }
            _ => Kind::Heading,
        }
    }

    fn table(&mut self, raw: &RawField) -> Kind {
        let mut columns = Vec::new();
        match &raw.columns {
            None => self.error(
                raw.kind.span(),
                "un tableau a besoin de colonnes ([[…columns]])",
                "a table needs columns ([[…columns]])",
            ),
            Some(list) => {
                if list.get_ref().is_empty() {
                    self.error(list.span(), "tableau sans colonne", "table without columns");
                }
                let mut seen = BTreeMap::new();
                for column in list.get_ref() {
                    let column = column.get_ref();
                    self.unique(&mut seen, &column.key, "colonne", "column");
                    columns.push(self.field(column.clone(), true));
                }
            }
        }
        let min_rows = self.count(raw.min_rows.as_ref());
        let max_rows = self.count(raw.max_rows.as_ref());
        self.ordered(min_rows, max_rows, raw.max_rows.as_ref());
        Kind::Table { columns, min_rows, max_rows }
    }

    fn requirement(&mut self, raw: Option<&Spanned<toml::Value>>) -> Requirement {
        let Some(raw) = raw else { return Requirement::Optional };
        match raw.get_ref() {
            toml::Value::Boolean(true) => Requirement::Required,
            toml::Value::Boolean(false) => Requirement::Optional,
            toml::Value::String(track) => Requirement::Tracks(vec![track.clone()]),
            toml::Value::Array(items) => {
                let tracks: Vec<String> =
                    items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect();
                if tracks.is_empty() || tracks.len() != items.len() {
                    self.required_error(raw.span());
                }
                Requirement::Tracks(tracks)
            }
            _ => {
                self.required_error(raw.span());
                Requirement::Optional
            }
        }
    }

    fn required_error(&mut self, span: Range<usize>) {
        self.error(
            span,
            "required vaut true, false, un parcours (\"established\") ou une liste de parcours",
            "required is true, false, a track (\"established\") or a list of tracks",
        );
    }

    fn options(&mut self, raw: &RawField) -> Options {
        let Some(options) = &raw.options else {
            self.error(
                raw.kind.span(),
                "un champ à choix a besoin d’options (options = \"nom_de_liste\" ou une liste)",
                "a choice field needs options (options = \"list_name\" or a list)",
            );
            return Options::Fixed(Vec::new());
        };
        match options.get_ref() {
            toml::Value::String(name) if name == "networks" => Options::Networks,
            toml::Value::String(name) if name == "poles" => Options::Poles,
            toml::Value::String(name) => {
                match self.lists.get(name) {
                    Some(list) => Options::Fixed(list.clone()),
                    None => {
                        let known: Vec<&str> = self.lists.keys().map(String::as_str).collect();
                        let known = known.join(", ");
                        self.error(
                        options.span(),
                        format!("liste inconnue « {name} » ; listes définies : {known}, networks, poles"),
                        format!("unknown list `{name}`; defined lists: {known}, networks, poles"),
                    );
                        Options::Fixed(Vec::new())
                    }
                }
            }
            value => match value.clone().try_into::<Vec<InlineChoice>>() {
                Ok(list) => {
                    let spanned: Vec<Spanned<RawChoice>> = list
                        .into_iter()
                        .map(|c| {
                            let value = Spanned::new(options.span(), c.value);
                            Spanned::new(options.span(), RawChoice { value, label: c.label })
                        })
                        .collect();
                    Options::Fixed(self.choices(&spanned, options.span()))
                }
                Err(e) => {
                    self.error(
                        options.span(),
                        format!(
                            "options : le nom d’une liste ou une liste de {{ value = …, label = {{ fr = …, en = … }} }} ({})",
                            french_toml_message(e.message())
                        ),
                        format!(
                            "options: a list name or a list of {{ value = …, label = {{ fr = …, en = … }} }} ({})",
                            e.message()
                        ),
                    );
                    Options::Fixed(Vec::new())
                }
            },
        }
    }

    fn types(&mut self, raw: &RawField) -> Vec<FileType> {
        let Some(types) = &raw.types else { return FileType::ALL.to_vec() };
        let mut out = Vec::new();
        for key in types.get_ref() {
            match FileType::from_key(key.get_ref()) {
                Some(t) if !out.contains(&t) => out.push(t),
                Some(_) => {}
                None => {
                    let known: Vec<&str> = FileType::ALL.iter().map(|t| t.key()).collect();
                    self.error(
                        key.span(),
                        format!(
                            "type de fichier inconnu « {} » ; types possibles : {}",
                            key.get_ref(),
                            known.join(", ")
                        ),
                        format!(
                            "unknown file type `{}`; possible types: {}",
                            key.get_ref(),
                            known.join(", ")
                        ),
                    );
                }
            }
        }
        if types.get_ref().is_empty() {
            self.error(types.span(), "aucun type de fichier accepté", "no file type accepted");
        }
        out
    }

    fn max_mb(&mut self, raw: &RawField) -> u32 {
        let Some(max_mb) = &raw.max_mb else { return DEFAULT_MAX_MB };
        match u32::try_from(*max_mb.get_ref()) {
            Ok(mb) if (1..=MAX_MB_LIMIT).contains(&mb) => mb,
            _ => {
                self.error(
                    max_mb.span(),
                    format!("max_mb : un nombre de Mo entre 1 et {MAX_MB_LIMIT}"),
                    format!("max_mb: a number of MB between 1 and {MAX_MB_LIMIT}"),
                );
                DEFAULT_MAX_MB
            }
        }
    }

    fn length(&mut self, raw: Option<&Spanned<toml::Value>>, default: usize) -> usize {
        let Some(raw) = raw else { return default };
        match raw.get_ref().as_integer().and_then(|n| usize::try_from(n).ok()) {
            Some(n) if (1..=MAX_CHARS_LIMIT).contains(&n) => n,
            _ => {
                self.error(
                    raw.span(),
                    format!("max : un nombre de caractères entre 1 et {MAX_CHARS_LIMIT}"),
                    format!("max: a number of characters between 1 and {MAX_CHARS_LIMIT}"),
                );
                default
            }
        }
    }

    fn integer(&mut self, raw: Option<&Spanned<toml::Value>>) -> Option<i64> {
        let raw = raw?;
        let value = raw.get_ref().as_integer();
        if value.is_none() {
            self.error(
                raw.span(),
                "un nombre entier est attendu ici",
                "an integer is expected here",
            );
        }
        value
    }

    fn number(&mut self, raw: Option<&Spanned<toml::Value>>) -> Option<f64> {
        let raw = raw?;
        let value = match raw.get_ref() {
            toml::Value::Integer(n) => Some(*n as f64),
            toml::Value::Float(n) if n.is_finite() && n.abs() < 1e13 => Some(*n),
            _ => None,
        };
        if value.is_none() {
            self.error(raw.span(), "un nombre est attendu ici", "a number is expected here");
        }
        value
    }

    /// An amount in euros, as cents.
    fn cents(&mut self, raw: Option<&Spanned<toml::Value>>) -> Option<i64> {
        self.number(raw).map(|e| (e * 100.0).round() as i64)
    }

    fn count(&mut self, raw: Option<&Spanned<i64>>) -> Option<usize> {
        let raw = raw?;
        self.positive(raw.span(), usize::try_from(*raw.get_ref()).ok())
    }

    fn count_value(&mut self, raw: Option<&Spanned<toml::Value>>) -> Option<usize> {
        let raw = raw?;
        let value = raw.get_ref().as_integer().and_then(|n| usize::try_from(n).ok());
        self.positive(raw.span(), value)
    }

    /// A count as read, reported at `span` when it is not a positive number.
    fn positive(&mut self, span: Range<usize>, value: Option<usize>) -> Option<usize> {
        if value.is_none() {
            self.error(
                span,
                "un nombre positif est attendu ici",
                "a positive number is expected here",
            );
        }
        value
    }

    /// A field's `min` and `max` read by `read`, the minimum not above the maximum.
    fn bounds<T: PartialOrd + Copy>(
        &mut self,
        raw: &RawField,
        read: impl Fn(&mut Self, Option<&Spanned<toml::Value>>) -> Option<T>,
    ) -> (Option<T>, Option<T>) {
        let (min, max) = (read(self, raw.min.as_ref()), read(self, raw.max.as_ref()));
        self.ordered(min, max, raw.max.as_ref());
        (min, max)
    }

    fn date(&mut self, raw: Option<&Spanned<toml::Value>>) -> Option<DateBound> {
        let raw = raw?;
        let bound = match raw.get_ref() {
            toml::Value::String(s) if s == "today" => Some(DateBound::Today),
            toml::Value::String(s) => super::values::read_iso_date(s).map(DateBound::Day),
            toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => Month::try_from(d.month)
                    .ok()
                    .and_then(|m| Date::from_calendar_date(i32::from(d.year), m, d.day).ok())
                    .map(DateBound::Day),
                _ => None,
            },
            _ => None,
        };
        if bound.is_none() {
            self.error(
                raw.span(),
                "une date est attendue ici (2011-11-30) ou \"today\" (le jour de la saisie)",
                "a date is expected here (2011-11-30) or \"today\" (the day of filling in)",
            );
        }
        bound
    }

    fn ordered<T: PartialOrd>(
        &mut self,
        min: Option<T>,
        max: Option<T>,
        at: Option<&Spanned<impl Sized>>,
    ) {
        if let (Some(min), Some(max), Some(at)) = (min, max, at)
            && min > max
        {
            self.error(
                at.span(),
                "le minimum est plus grand que le maximum",
                "the minimum is greater than the maximum",
            );
        }
    }

    /// Parses and resolves every condition and formula now that all fields are known.
    fn resolve_pending(
        &mut self,
        schema: &mut FormSchema,
        pending: Vec<(Target, Spanned<String>)>,
    ) {
        let symbols = Symbols::of(schema);
        for (target, text) in pending {
            let Some(expr) = self.expression(&text, &symbols, None) else { continue };
            let condition = Condition { source: text.get_ref().clone(), expr };
            match target {
                Target::SectionWhen(s) => {
                    if let Some(section) = schema.sections.get_mut(s) {
                        section.when = Some(condition);
                    }
                }
                Target::FieldWhen(s, f) => {
                    if let Some(field) = field_mut(schema, s, f) {
                        field.when = Some(condition);
                    }
                }
                Target::RequiredWhen(s, f) => {
                    if let Some(field) = field_mut(schema, s, f) {
                        field.required_when = Some(condition);
                    }
                }
                Target::Formula(s, f) => {
                    if let Some(field) = field_mut(schema, s, f)
                        && let Kind::Computed { formula } = &mut field.kind
                    {
                        *formula = condition.expr;
                    }
                }
            }
        }
    }

    /// Parses and resolves one expression, reporting its mistakes.
    fn expression(
        &mut self,
        text: &Spanned<String>,
        symbols: &Symbols,
        group: Option<&str>,
    ) -> Option<Expr> {
        let mut expr = match expr::parse(text.get_ref()) {
            Ok(expr) => expr,
            Err(e) => {
                self.expr_error(text.span(), e);
                return None;
            }
        };
        let mut errors = Vec::new();
        symbols.resolve(&mut expr, None, group, &mut errors);
        let ok = errors.is_empty();
        for e in errors {
            self.expr_error(text.span(), e);
        }
        ok.then_some(expr)
    }

    fn check(
        &mut self,
        schema: &FormSchema,
        symbols: &Symbols,
        raw: Spanned<RawCheck>,
        seen: &mut BTreeMap<String, Range<usize>>,
    ) -> Option<Check> {
        let raw = raw.into_inner();
        self.check_key(&raw.key, "de vérification", "of a check");
        self.unique(seen, &raw.key, "vérification", "check");
        if schema.field(raw.field.get_ref()).is_none() {
            self.error(
                raw.field.span(),
                format!("champ inconnu « {} »", raw.field.get_ref()),
                format!("unknown field `{}`", raw.field.get_ref()),
            );
        }
        let blocking = match raw.severity.get_ref().as_str() {
            "error" => true,
            "warning" => false,
            other => {
                self.error(
                    raw.severity.span(),
                    format!("gravité inconnue « {other} » : \"error\" (bloque le dépôt) ou \"warning\" (avertit)"),
                    format!("unknown severity `{other}`: \"error\" (blocks submission) or \"warning\" (warns)"),
                );
                false
            }
        };
        let when = raw.when.as_ref().and_then(|w| {
            let expr = self.expression(w, symbols, None)?;
            Some(Condition { source: w.get_ref().clone(), expr })
        });
        let each = raw.each.as_ref().and_then(|e| self.each(e, &raw.assert, symbols));
        let group = each.as_ref().map(|e| e.column.as_str());
        let assert = self.expression(&raw.assert, symbols, group)?;
        Some(Check {
            key: raw.key.into_inner(),
            field: raw.field.into_inner(),
            blocking,
            when,
            each,
            assert: Condition { source: raw.assert.into_inner(), expr: assert },
            message: raw.message,
        })
    }

    /// `each = "year"` or `each = 'source in ["region", "departement"]'`: a column of a table
    /// that the assertion adds up or counts.
    fn each(
        &mut self,
        text: &Spanned<String>,
        assert: &Spanned<String>,
        symbols: &Symbols,
    ) -> Option<Each> {
        let parsed = match expr::parse(text.get_ref()) {
            Ok(e) => e,
            Err(e) => {
                self.expr_error(text.span(), e);
                return None;
            }
        };
        let (column, values) = match parsed {
            Expr::Name { name, .. } => (name, None),
            Expr::In { value, list, negated: false } => match *value {
                Expr::Name { name, .. } => (name, Some(list)),
                _ => (String::new(), None),
            },
            _ => (String::new(), None),
        };
        if column.is_empty() {
            self.error(
                text.span(),
                "each : une colonne (\"year\") ou une colonne et ses valeurs ('source in [\"region\"]')",
                "each: a column (\"year\") or a column and its values ('source in [\"region\"]')",
            );
            return None;
        }
        let tables =
            expr::parse(assert.get_ref()).map(|e| e.tables_aggregated()).unwrap_or_default();
        let column_field = tables
            .iter()
            .filter_map(|t| symbols.fields.get(t))
            .flat_map(|t| t.columns())
            .find(|c| c.key == column)
            .cloned();
        let Some(column_field) = column_field else {
            self.error(
                text.span(),
                format!("each : aucun tableau additionné ou compté par la vérification n’a de colonne « {column} »"),
                format!("each: no table added up or counted by the check has a column `{column}`"),
            );
            return None;
        };
        if let Some(values) = &values {
            let mut errors = Vec::new();
            literal_options(&column_field, values, 0, &mut errors);
            for e in errors {
                self.expr_error(text.span(), e);
            }
        }
        Some(Each { column, values })
    }

    /// Conditions must not go round in circles: a field shown only when another is shown only
    /// when the first is… Reported once per field caught in a circle.
    fn no_cycles(&mut self, schema: &FormSchema, spans: &BTreeMap<String, Range<usize>>) {
        let depends = dependencies(schema);
        let mut remaining: BTreeSet<&str> = depends.keys().map(String::as_str).collect();
        loop {
            let free: Vec<&str> = remaining
                .iter()
                .copied()
                .filter(|f| {
                    depends
                        .get(*f)
                        .is_none_or(|d| d.iter().all(|g| !remaining.contains(g.as_str())))
                })
                .collect();
            if free.is_empty() {
                break;
            }
            for f in free {
                remaining.remove(f);
            }
        }
        for key in schema.fields().map(|f| f.key.as_str()).filter(|k| remaining.contains(k)) {
            let involved: Vec<&str> = depends
                .get(key)
                .map(|d| d.iter().map(String::as_str).filter(|g| remaining.contains(g)).collect())
                .unwrap_or_default();
            let span = spans.get(key).cloned().unwrap_or(0..0);
            self.error(
                span,
                format!(
                    "« {key} » dépend de lui-même par ses conditions ou sa formule (via {})",
                    involved.join(", ")
                ),
                format!(
                    "`{key}` depends on itself through its conditions or formula (via {})",
                    involved.join(", ")
                ),
            );
        }
    }
}

/// The kinds a table column can have: one value per cell.
const COLUMN_KINDS: [&str; 16] = [
    "text",
    "textarea",
    "choice",
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
    "department",
];

/// What each field's visibility or value reads: its section's condition, its own condition,
/// its formula.
fn dependencies(schema: &FormSchema) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for section in &schema.sections {
        let from_section = section.when.as_ref().map(|c| c.expr.fields_read()).unwrap_or_default();
        for field in &section.fields {
            let mut reads = from_section.clone();
            if let Some(when) = &field.when {
                reads.extend(when.expr.fields_read());
            }
            if let Kind::Computed { formula } = &field.kind {
                reads.extend(formula.fields_read());
            }
            out.insert(field.key.clone(), reads);
        }
    }
    out
}

fn field_mut(schema: &mut FormSchema, s: usize, f: usize) -> Option<&mut Field> {
    schema.sections.get_mut(s)?.fields.get_mut(f)
}

fn index_of(sections: &[Section]) -> BTreeMap<String, (usize, usize)> {
    let mut index = BTreeMap::new();
    for (s, section) in sections.iter().enumerate() {
        for (f, field) in section.fields.iter().enumerate() {
            index.entry(field.key.clone()).or_insert((s, f));
        }
    }
    index
}

/// The fields an expression can name.
struct Symbols {
    fields: BTreeMap<String, Field>,
}

impl Symbols {
    fn of(schema: &FormSchema) -> Symbols {
        Symbols { fields: schema.fields().map(|f| (f.key.clone(), f.clone())).collect() }
    }

    /// Turns names into fields or columns, checking that aggregates name tables and numeric
    /// columns and that compared strings are options of the field compared.
    fn resolve(
        &self,
        expr: &mut Expr,
        row: Option<&[Field]>,
        group: Option<&str>,
        errors: &mut Vec<ExprError>,
    ) {
        match expr {
            Expr::Name { name, at } => {
                let (name, at) = (name.clone(), *at);
                *expr = self.name(&name, at, row, group, errors);
            }
            Expr::Literal(_) | Expr::Field(_) | Expr::Column(_) => {}
            Expr::Not(e) | Expr::Neg(e) => self.resolve(e, row, group, errors),
            Expr::Empty { value, .. } => self.resolve(value, row, group, errors),
            Expr::And(a, b)
            | Expr::Or(a, b)
            | Expr::Percent(a, b)
            | Expr::Arith { left: a, right: b, .. } => {
                self.resolve(a, row, group, errors);
                self.resolve(b, row, group, errors);
            }
            Expr::Compare { op, left, right } => {
                let at = name_at(left).or_else(|| name_at(right)).unwrap_or(0);
                self.resolve(left, row, group, errors);
                self.resolve(right, row, group, errors);
                if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    for (side, other) in [(&**left, &**right), (&**right, &**left)] {
                        if let (Some(field), Expr::Literal(lit)) = (self.field_of(side, row), other)
                        {
                            literal_options(field, std::slice::from_ref(lit), at, errors);
                        }
                    }
                }
            }
            Expr::In { value, list, .. } => {
                let at = name_at(value).unwrap_or(0);
                self.resolve(value, row, group, errors);
                if let Some(field) = self.field_of(value, row) {
                    literal_options(field, list, at, errors);
                }
            }
            Expr::Sum { table, column, filter, at } => {
                let at = *at;
                let columns = self.table(table, at, errors);
                if let Some(columns) = columns {
                    match columns.iter().find(|c| &c.key == column) {
                        Some(c) if c.kind.is_numeric() => {}
                        Some(_) => errors.push(ExprError::new(
                            at,
                            format!("sum(…) : la colonne « {column} » de « {table} » n’est pas un nombre"),
                            format!("sum(…): column `{column}` of `{table}` is not a number"),
                        )),
                        None => errors.push(ExprError::new(
                            at,
                            format!("le tableau « {table} » n’a pas de colonne « {column} »"),
                            format!("table `{table}` has no column `{column}`"),
                        )),
                    }
                }
                if let (Some(f), Some(columns)) = (filter, columns) {
                    self.resolve(f, Some(columns), group, errors);
                }
            }
            Expr::Count { field, filter, at } => {
                let at = *at;
                match self.fields.get(field.as_str()).map(|f| &f.kind) {
                    Some(Kind::Table { columns, .. }) => {
                        if let Some(f) = filter {
                            self.resolve(f, Some(columns), group, errors);
                        }
                    }
                    Some(Kind::Choices { .. } | Kind::Communes { .. } | Kind::Files { .. })
                        if filter.is_none() => {}
                    Some(_) => errors.push(ExprError::new(
                        at,
                        format!("count(…) compte les lignes d’un tableau (avec where) ou les éléments d’un choix multiple, de communes ou de fichiers, pas « {field} »"),
                        format!("count(…) counts the rows of a table (with where) or the items of a multiple choice, communes or files, not `{field}`"),
                    )),
                    None => errors.push(unknown(field, at)),
                }
            }
        }
    }

    fn name(
        &self,
        name: &str,
        at: usize,
        row: Option<&[Field]>,
        group: Option<&str>,
        errors: &mut Vec<ExprError>,
    ) -> Expr {
        if row.is_some_and(|columns| columns.iter().any(|c| c.key == name)) {
            return Expr::Column(name.to_owned());
        }
        if name.contains('.') {
            errors.push(ExprError::new(
                at,
                format!(
                    "« {name} » : une colonne de tableau se lit avec sum(…) ou count(… where …)"
                ),
                format!("`{name}`: a table column is read with sum(…) or count(… where …)"),
            ));
            return Expr::Name { name: name.to_owned(), at };
        }
        match self.fields.get(name).map(|f| &f.kind) {
            Some(Kind::Heading) => errors.push(ExprError::new(
                at,
                format!("« {name} » est un intertitre, il n’a pas de valeur"),
                format!("`{name}` is a heading, it has no value"),
            )),
            Some(_) => return Expr::Field(name.to_owned()),
            None if group == Some(name) => {
                errors.push(ExprError::new(
                    at,
                    format!("« {name} » est la colonne de each : elle filtre déjà les tableaux, elle ne se lit pas seule"),
                    format!("`{name}` is the each column: it already filters the tables, it is not read on its own"),
                ));
            }
            None => errors.push(unknown(name, at)),
        }
        Expr::Name { name: name.to_owned(), at }
    }

    fn table<'a>(
        &'a self,
        name: &str,
        at: usize,
        errors: &mut Vec<ExprError>,
    ) -> Option<&'a [Field]> {
        match self.fields.get(name).map(|f| &f.kind) {
            Some(Kind::Table { columns, .. }) => Some(columns),
            Some(_) => {
                errors.push(ExprError::new(
                    at,
                    format!("« {name} » n’est pas un tableau"),
                    format!("`{name}` is not a table"),
                ));
                None
            }
            None => {
                errors.push(unknown(name, at));
                None
            }
        }
    }

    /// The field or column a resolved expression reads, if it is one.
    fn field_of<'a>(&'a self, expr: &Expr, row: Option<&'a [Field]>) -> Option<&'a Field> {
        match expr {
            Expr::Field(key) => self.fields.get(key),
            Expr::Column(key) => row?.iter().find(|c| &c.key == key),
            _ => None,
        }
    }
}

fn name_at(expr: &Expr) -> Option<usize> {
    match expr {
        Expr::Name { at, .. } => Some(*at),
        _ => None,
    }
}

fn unknown(name: &str, at: usize) -> ExprError {
    ExprError::new(at, format!("champ inconnu « {name} »"), format!("unknown field `{name}`"))
}

/// Strings compared with a choice field must be among its options: a typo in a condition would
/// otherwise silently never hold.
fn literal_options(field: &Field, literals: &[Literal], at: usize, errors: &mut Vec<ExprError>) {
    let options = match &field.kind {
        Kind::Choice { options: Options::Fixed(list) }
        | Kind::Choices { options: Options::Fixed(list), .. } => list,
        _ => return,
    };
    for literal in literals {
        if let Literal::Str(s) = literal
            && !options.iter().any(|o| &o.value == s)
        {
            let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
            errors.push(ExprError::new(
                at,
                format!(
                    "« {s} » n’est pas une valeur de « {} » (valeurs : {})",
                    field.key,
                    values.join(", ")
                ),
                format!("`{s}` is not a value of `{}` (values: {})", field.key, values.join(", ")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(src: &str) -> Vec<(usize, usize, String)> {
        match FormSchema::from_toml(src) {
            Ok(_) => Vec::new(),
            Err(SchemaErrors(errors)) => {
                errors.into_iter().map(|e| (e.line, e.column, e.message.en)).collect()
            }
        }
    }

    const HEAD: &str = "key = \"t\"\ntitle = { fr = \"T\", en = \"T\" }\n";

    fn form(body: &str) -> String {
        format!("{HEAD}{body}")
    }

    /// A form of one section `one` holding `fields` (line 6 of the text is their first line).
    fn one_section(fields: &str) -> String {
        form(&format!(
            "[[sections]]\nkey = \"one\"\ntitle = {{ fr = \"Un\", en = \"One\" }}\n{fields}"
        ))
    }

    #[test]
    fn a_minimal_form_is_read() {
        let src = form(
            r#"
[[sections]]
key = "one"
title = { fr = "Un", en = "One" }
  [[sections.fields]]
  key = "name"
  kind = "text"
  max = 30
  label = { fr = "Nom", en = "Name" }
  required = true
"#,
        );
        let schema = FormSchema::from_toml(&src).expect("valid");
        let field = schema.field("name").expect("field");
        assert_eq!(field.kind, Kind::Text { max: 30 });
        assert_eq!(field.required, Requirement::Required);
        assert_eq!(schema.section_of("name").map(|s| s.key.as_str()), Some("one"));
    }

    #[test]
    fn an_unknown_kind_is_reported_on_its_line() {
        let src = one_section(
            r#"  [[sections.fields]]
  key = "name"
  kind = "txt"
  label = { fr = "Nom", en = "Name" }
"#,
        );
        let found = errors(&src);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (8, 10));
        assert!(found[0].2.starts_with("unknown field kind `txt`; possible kinds: text, textarea"));
    }

    #[test]
    fn a_typo_in_an_attribute_is_reported_with_its_place() {
        let src = one_section(
            r#"  [[sections.fields]]
  key = "name"
  kind = "text"
  lable = { fr = "Nom", en = "Name" }
"#,
        );
        let Err(SchemaErrors(found)) = FormSchema::from_toml(&src) else { panic!("refused") };
        assert_eq!((found[0].line, found[0].column), (9, 3));
        assert!(found[0].message.en.starts_with("unknown field `lable`"), "{:?}", found[0]);
        assert!(
            found[0].message.fr.starts_with("attribut inconnu `lable` (une faute de frappe ?)")
        );
    }

    #[test]
    fn semantic_mistakes_are_all_reported_with_their_lines() {
        let src = form(
            r#"[lists]
colours = [ { value = "red", label = { fr = "Rouge", en = "Red" } } ]

[[sections]]
key = "one"
title = { fr = "Un", en = "One" }
when = 'nothing == "x"'
  [[sections.fields]]
  key = "name"
  kind = "text"
  label = { fr = "Nom", en = "Name" }
  [[sections.fields]]
  key = "name"
  kind = "choice"
  options = "colors"
  label = { fr = "Couleur", en = "Colour" }
  [[sections.fields]]
  key = "scan"
  kind = "file"
  types = ["pdf", "exe"]
  label = { fr = "Scan", en = "Scan" }
  [[sections.fields]]
  key = "age"
  kind = "integer"
  min = 10
  max = 5
  label = { fr = "Âge", en = "Age" }
  [[sections.fields]]
  key = "ok"
  kind = "yes_no"
  max = 5
  label = { fr = "OK", en = "OK" }
"#,
        );
        assert_eq!(
            errors(&src),
            vec![
                (9, 9, "unknown field `nothing`".to_owned()),
                (15, 9, "field key `name` is already used (line 11)".to_owned()),
                (
                    17,
                    13,
                    "unknown list `colors`; defined lists: colours, networks, poles".to_owned()
                ),
                (
                    22,
                    19,
                    "unknown file type `exe`; possible types: pdf, odt, ods, docx, xlsx, png, jpeg"
                        .to_owned()
                ),
                (28, 9, "the minimum is greater than the maximum".to_owned()),
                (
                    33,
                    9,
                    "attribute `max` does not apply to this kind of field (`yes_no`)".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_condition_comparing_with_a_value_that_is_not_an_option_is_refused() {
        let src = one_section(
            r#"  [[sections.fields]]
  key = "vehicle"
  kind = "choice"
  options = [ { value = "gie", label = { fr = "GIE", en = "EIG" } } ]
  label = { fr = "Véhicule", en = "Vehicle" }
  [[sections.fields]]
  key = "details"
  kind = "text"
  when = 'vehicle == "gei"'
  label = { fr = "Détails", en = "Details" }
"#,
        );
        assert_eq!(
            errors(&src),
            vec![(14, 11, "`gei` is not a value of `vehicle` (values: gie)".to_owned())]
        );
    }

    #[test]
    fn conditions_going_round_in_circles_are_refused() {
        let src = one_section(
            r#"  [[sections.fields]]
  key = "a"
  kind = "yes_no"
  when = "b"
  label = { fr = "A", en = "A" }
  [[sections.fields]]
  key = "b"
  kind = "yes_no"
  when = "a"
  label = { fr = "B", en = "B" }
"#,
        );
        assert_eq!(
            errors(&src),
            vec![
                (
                    7,
                    9,
                    "`a` depends on itself through its conditions or formula (via b)".to_owned()
                ),
                (
                    12,
                    9,
                    "`b` depends on itself through its conditions or formula (via a)".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_table_column_of_a_kind_with_several_values_is_refused() {
        let src = one_section(
            r#"  [[sections.fields]]
  key = "rows"
  kind = "table"
  label = { fr = "Lignes", en = "Rows" }
    [[sections.fields.columns]]
    key = "docs"
    kind = "files"
    label = { fr = "Docs", en = "Docs" }
"#,
        );
        let found = errors(&src);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (12, 12));
        assert!(found[0].2.starts_with("a table column cannot be of kind `files`"));
    }

    #[test]
    fn a_table_column_takes_no_condition() {
        let src = one_section(
            r#"  [[sections.fields]]
  key = "rows"
  kind = "table"
  label = { fr = "Lignes", en = "Rows" }
    [[sections.fields.columns]]
    key = "name"
    kind = "text"
    required_when = "rows is not empty"
    label = { fr = "Nom", en = "Name" }
"#,
        );
        assert_eq!(
            errors(&src),
            vec![(
                13,
                21,
                "attribute `required_when` does not apply to a table column (`text`)".to_owned()
            )]
        );
    }

    #[test]
    fn a_syntax_error_is_placed_and_said_in_french_too() {
        let Err(SchemaErrors(found)) = FormSchema::from_toml("key = \"t\"\ntitle = 3\n") else {
            panic!("refused");
        };
        assert_eq!((found[0].line, found[0].column), (2, 9));
        assert_eq!(found[0].message.en, "invalid type: integer `3`, expected struct Localized");
        assert_eq!(
            found[0].message.fr,
            "valeur de mauvais type : nombre entier `3`, alors qu’il faut table Localized"
        );
    }
}
