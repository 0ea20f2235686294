//! Reading the urlencoded post of one section page into answers: typed values where the text
//! reads, the text as typed where it does not, so nothing a person wrote is ever lost.
//!
//! HTML names: a field's key; table cells `members.0.name`, with `members.2._remove` (a checkbox)
//! to drop a row; `choices` as repeated pairs; `yes_no` as "oui"/"non"; a commune as free text in
//! `<key>` with an optional `<key>.choice` radio (an INSEE code) that wins; several communes as
//! `<key>.0`, `<key>.1`… (with `.choice` each) or repeated `<key>`. File fields are not posted
//! here (the upload code sets them). Unknown names are ignored.

use std::collections::BTreeMap;
use std::ops::Bound;

use serde_json::{Map, Value, json};
use time::Date;

use super::Message;
use super::answers::Answers;
use super::eval::Eval;
use super::places::{CommuneLookup, Places};
use super::schema::{Field, FormSchema, Kind};
use super::validate::{self, Issue, Out, Severity};
use super::values::{
    iso_date, normalise_phone, normalise_url, parse_date, parse_decimal, parse_integer,
    parse_money, parse_siren,
};
use crate::domain::email::EmailAddress;
use crate::domain::siret::Siret;

/// Rows of one table read from one post, at most: far more than any form needs, few enough
/// that a forged post cannot make the answers huge.
const MAX_ROWS: usize = 500;
/// Items of one multiple field read from one post, at most.
const MAX_ITEMS: usize = 1000;

/// The answers after reading a section page, and what reading noticed.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionInput {
    /// The previous answers with this section's fields replaced by what was posted.
    pub answers: Answers,
    /// Ambiguous communes (with their options) and values that could not be read (kept as
    /// typed). [`super::validate_section`] on `answers` reports these again with everything
    /// else: show one list or the other, not both.
    pub issues: Vec<Issue>,
}

/// Reads the post of one section page. A field is replaced when it was shown on the page
/// (visible under `previous`) or when the post names it; the others (hidden, so not on the
/// page) keep their previous answers. Files keep their previous answers. Never panics.
pub fn read_section(
    schema: &FormSchema,
    section_key: &str,
    pairs: &[(String, String)],
    places: &dyn Places,
    previous: &Answers,
) -> SectionInput {
    let Some(section) = schema.section(section_key) else {
        return SectionInput { answers: previous.clone(), issues: Vec::new() };
    };
    let posted = Posted::new(pairs);
    let before = Eval::new(schema, previous);
    let mut answers = previous.clone();
    let mut out = Out { section: &section.key, issues: Vec::new() };
    let mut reader = Reading { posted: &posted, places, out: &mut out };
    for field in &section.fields {
        let posted_here =
            matches!(field.kind, Kind::File { .. } | Kind::Files { .. }) || !field.takes_answer();
        if posted_here || !(before.field_visible(&field.key) || posted.mentions(&field.key)) {
            continue;
        }
        let value = reader.field(field, previous.0.get(&field.key));
        answers.set(&field.key, value.unwrap_or(Value::Null));
    }
    SectionInput { answers, issues: out.issues }
}

/// The posted pairs by name, values in order.
struct Posted<'p> {
    by_name: BTreeMap<&'p str, Vec<&'p str>>,
}

impl<'p> Posted<'p> {
    fn new(pairs: &'p [(String, String)]) -> Posted<'p> {
        let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, value) in pairs {
            by_name.entry(name.as_str()).or_default().push(value.as_str());
        }
        Posted { by_name }
    }

    fn first(&self, name: &str) -> Option<&'p str> {
        self.by_name.get(name).and_then(|v| v.first().copied())
    }

    fn all(&self, name: &str) -> &[&'p str] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Names under `key.`: `(rest after the prefix, values)`, in name order.
    fn under(&self, key: &str) -> Vec<(&'p str, &[&'p str])> {
        let prefix = format!("{key}.");
        self.by_name
            .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
            .take_while(|(name, _)| name.starts_with(&prefix))
            .filter_map(|(name, values)| {
                name.get(prefix.len()..).map(|rest| (rest, values.as_slice()))
            })
            .collect()
    }

    /// Whether the post names the field or one of its cells or items.
    fn mentions(&self, key: &str) -> bool {
        self.by_name.contains_key(key) || !self.under(key).is_empty()
    }
}

/// An index as posted in a name ("0", "12"); anything else (signs, huge numbers) is ignored.
fn index(text: &str) -> Option<usize> {
    if text.is_empty() || text.len() > 6 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Text as stored: Windows line ends made plain, control characters (which some databases
/// refuse) dropped, surrounding spaces trimmed.
fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

struct Reading<'r, 'p, 'o> {
    posted: &'r Posted<'p>,
    places: &'r dyn Places,
    out: &'r mut Out<'o>,
}

impl Reading<'_, '_, '_> {
    fn field(&mut self, field: &Field, previous: Option<&Value>) -> Option<Value> {
        let key = field.key.as_str();
        match &field.kind {
            Kind::Choices { .. } => {
                let mut values: Vec<String> = Vec::new();
                for v in self.posted.all(key).iter().map(|v| clean(v)) {
                    if !v.is_empty() && !values.contains(&v) && values.len() < MAX_ITEMS {
                        values.push(v);
                    }
                }
                (!values.is_empty()).then(|| json!(values))
            }
            Kind::Communes { .. } => self.communes(key, previous),
            Kind::Table { columns, .. } => self.table(key, columns, previous),
            _ => {
                let text = self.posted.first(key).unwrap_or("");
                let choice = self.posted.first(&format!("{key}.choice"));
                self.scalar(field, key, text, choice, previous)
            }
        }
    }

    /// One value typed or picked, at `path` (for the issues).
    fn scalar(
        &mut self,
        field: &Field,
        path: &str,
        text: &str,
        choice: Option<&str>,
        previous: Option<&Value>,
    ) -> Option<Value> {
        if field.kind == Kind::Commune {
            return self.commune(path, text, choice, previous);
        }
        let text = clean(text);
        if text.is_empty() {
            return None;
        }
        let read = read_typed(&field.kind, &text);
        if read.is_none()
            && let Some(message) = unreadable(&field.kind, &text)
        {
            self.out.error(path, message);
        }
        Some(read.unwrap_or(Value::String(text)))
    }

    /// A commune: the picked code wins; the label of the previous code posted back unchanged
    /// keeps it; else the text is looked up.
    fn commune(
        &mut self,
        path: &str,
        text: &str,
        choice: Option<&str>,
        previous: Option<&Value>,
    ) -> Option<Value> {
        if let Some(code) = choice.map(str::trim).filter(|c| self.places.commune_label(c).is_some())
        {
            return Some(json!(code));
        }
        let text = clean(text);
        if text.is_empty() {
            return None;
        }
        if let Some(Value::String(code)) = previous
            && self.places.commune_label(code).as_deref() == Some(text.as_str())
        {
            return Some(json!(code));
        }
        if self.places.commune_label(&text).is_some() {
            return Some(json!(text));
        }
        match self.places.resolve_commune(&text) {
            CommuneLookup::Found { code, .. } => return Some(json!(code)),
            CommuneLookup::Ambiguous(options) => {
                self.out.push(path, Severity::Error, validate::ambiguous_commune(), options);
            }
            CommuneLookup::NotFound => self.out.error(path, validate::commune_not_found()),
        }
        Some(json!(text))
    }

    fn communes(&mut self, key: &str, previous: Option<&Value>) -> Option<Value> {
        let mut items: BTreeMap<usize, (&str, Option<&str>)> = BTreeMap::new();
        for (rest, values) in self.posted.under(key) {
            let first = values.first().copied().unwrap_or("");
            match rest.split_once('.') {
                None => {
                    if let Some(i) = index(rest) {
                        items.entry(i).or_insert(("", None)).0 = first;
                    }
                }
                Some((i, "choice")) => {
                    if let Some(i) = index(i) {
                        items.entry(i).or_insert(("", None)).1 = Some(first);
                    }
                }
                Some(_) => {}
            }
        }
        let indexed = items.into_iter().map(|(i, (text, choice))| (Some(i), text, choice));
        let plain = self.posted.all(key).iter().map(|text| (None, *text, None));
        let mut codes: Vec<Value> = Vec::new();
        for (posted_index, text, choice) in indexed.chain(plain).take(MAX_ITEMS) {
            let previous_item = posted_index
                .and_then(|i| previous.and_then(Value::as_array).and_then(|a| a.get(i)));
            let path = format!("{key}.{}", codes.len());
            if let Some(value) = self.commune(&path, text, choice, previous_item)
                && !codes.contains(&value)
            {
                codes.push(value);
            }
        }
        (!codes.is_empty()).then_some(Value::Array(codes))
    }

    /// Rows in the order of their posted indices; removed and blank rows dropped, the others
    /// renumbered from 0.
    fn table(&mut self, key: &str, columns: &[Field], previous: Option<&Value>) -> Option<Value> {
        let mut indices: Vec<usize> = self
            .posted
            .under(key)
            .into_iter()
            .filter_map(|(rest, _)| rest.split_once('.').and_then(|(i, _)| index(i)))
            .collect();
        indices.sort_unstable();
        indices.dedup();
        let previous_rows = previous.and_then(Value::as_array);
        let mut rows: Vec<Value> = Vec::new();
        for i in indices.into_iter().take(MAX_ROWS) {
            if self.posted.first(&format!("{key}.{i}._remove")).is_some() {
                continue;
            }
            let previous_row = previous_rows.and_then(|r| r.get(i)).and_then(Value::as_object);
            let row = self.row(key, i, rows.len(), columns, previous_row);
            if !row.is_empty() {
                rows.push(Value::Object(row));
            }
        }
        (!rows.is_empty()).then_some(Value::Array(rows))
    }

    fn row(
        &mut self,
        key: &str,
        posted_index: usize,
        row_index: usize,
        columns: &[Field],
        previous: Option<&Map<String, Value>>,
    ) -> Map<String, Value> {
        let mut row = Map::new();
        for column in columns {
            let name = format!("{key}.{posted_index}.{}", column.key);
            let text = self.posted.first(&name).unwrap_or("");
            let choice = self.posted.first(&format!("{name}.choice"));
            let path = format!("{key}.{row_index}.{}", column.key);
            let before = previous.and_then(|p| p.get(&column.key));
            if let Some(value) = self.scalar(column, &path, text, choice, before) {
                row.insert(column.key.clone(), value);
            }
        }
        row
    }
}

/// The typed value of a text, `None` when the text does not read for this kind.
fn read_typed(kind: &Kind, text: &str) -> Option<Value> {
    Some(match kind {
        Kind::Integer { .. } => json!(parse_integer(text)?),
        Kind::Decimal { .. } => json!(parse_decimal(text, false)?),
        Kind::Percent { .. } => json!(parse_decimal(text, true)?),
        Kind::Money { .. } => json!(parse_money(text).ok()?),
        Kind::Date { .. } => json!(iso_date(parse_date(text)?)),
        Kind::YesNo => match text.to_lowercase().as_str() {
            "oui" | "yes" | "true" | "on" | "1" => json!(true),
            "non" | "no" | "false" | "off" | "0" => json!(false),
            _ => return None,
        },
        Kind::Email => json!(EmailAddress::parse(text).ok()?.as_str()),
        Kind::Phone => json!(normalise_phone(text)),
        Kind::Url => json!(normalise_url(text)),
        Kind::Siret => json!(Siret::parse(text).ok()?.as_str()),
        Kind::Siren => json!(parse_siren(text).ok()?),
        Kind::Department => json!(text.to_uppercase()),
        _ => json!(text),
    })
}

/// What reading tells about text that did not read as a number, an amount, a date or a yes/no
/// (the other kinds keep text and are judged by validation).
fn unreadable(kind: &Kind, text: &str) -> Option<Message> {
    let value = Value::String(text.to_owned());
    match kind {
        Kind::Integer { .. } => validate::integer_problem(&value, None, None),
        Kind::Decimal { .. } => validate::decimal_problem(&value, None, None),
        Kind::Percent { min, max } => validate::percent_problem(&value, *min, *max),
        Kind::Money { .. } => validate::money_problem(&value, None, None),
        Kind::Date { .. } => validate::date_problem(&value, None, None, Date::MIN),
        Kind::YesNo => validate::yes_no_problem(&value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::places::FakePlaces;
    use crate::domain::lang::Lang;

    const SCHEMA: &str = r#"
key = "t"
title = { fr = "T", en = "T" }
[[sections]]
key = "one"
title = { fr = "Un", en = "One" }
  [[sections.fields]]
  key = "budget"
  kind = "money"
  label = { fr = "Budget", en = "Budget" }
  [[sections.fields]]
  key = "city"
  kind = "commune"
  label = { fr = "Commune", en = "Commune" }
  [[sections.fields]]
  key = "kinds"
  kind = "choices"
  options = [ { value = "a", label = { fr = "A", en = "A" } }, { value = "b", label = { fr = "B", en = "B" } } ]
  label = { fr = "Genres", en = "Kinds" }
  [[sections.fields]]
  key = "ess"
  kind = "yes_no"
  label = { fr = "ESS", en = "SSE" }
  [[sections.fields]]
  key = "details"
  kind = "text"
  when = "ess"
  label = { fr = "Détails", en = "Details" }
  [[sections.fields]]
  key = "members"
  kind = "table"
  label = { fr = "Membres", en = "Members" }
    [[sections.fields.columns]]
    key = "name"
    kind = "text"
    label = { fr = "Nom", en = "Name" }
    [[sections.fields.columns]]
    key = "jobs"
    kind = "integer"
    label = { fr = "Emplois", en = "Jobs" }
    [[sections.fields.columns]]
    key = "commune"
    kind = "commune"
    label = { fr = "Commune", en = "Commune" }
  [[sections.fields]]
  key = "scans"
  kind = "files"
  label = { fr = "Scans", en = "Scans" }
"#;

    fn schema() -> FormSchema {
        FormSchema::from_toml(SCHEMA).expect("valid")
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    fn read(list: &[(&str, &str)], previous: &Answers) -> SectionInput {
        read_section(&schema(), "one", &pairs(list), &FakePlaces, previous)
    }

    #[test]
    fn typed_values_are_stored_typed_and_unreadable_text_is_kept_as_typed() {
        let input = read(
            &[
                ("budget", "12 500,50 €"),
                ("kinds", "b"),
                ("kinds", "a"),
                ("kinds", "b"),
                ("ess", "oui"),
            ],
            &Answers::new(),
        );
        assert_eq!(
            input.answers.to_value(),
            json!({ "budget": 1_250_050, "kinds": ["b", "a"], "ess": true })
        );
        let input = read(&[("budget", "douze mille")], &Answers::new());
        assert_eq!(input.answers.to_value(), json!({ "budget": "douze mille" }));
        assert_eq!(input.issues.len(), 1);
        assert_eq!(input.issues[0].path, "budget");
        assert_eq!(
            input.issues[0].message.text(Lang::Fr),
            "montant invalide : « d » n’est pas un chiffre"
        );
    }

    #[test]
    fn an_ambiguous_commune_is_kept_as_typed_with_the_options_to_pick() {
        let input = read(&[("city", "Castres")], &Answers::new());
        assert_eq!(input.answers.get("city"), Some(&json!("Castres")));
        assert_eq!(
            input.issues[0].options,
            vec![
                ("81065".to_owned(), "Castres (81 — Tarn)".to_owned()),
                ("02153".to_owned(), "Castres (02 — Aisne)".to_owned())
            ]
        );
        let picked = read(&[("city", "Castres"), ("city.choice", "02153")], &input.answers);
        assert_eq!(picked.answers.get("city"), Some(&json!("02153")));
        assert!(picked.issues.is_empty());
        let posted_back = read(&[("city", "Castres (02 — Aisne)")], &picked.answers);
        assert_eq!(posted_back.answers.get("city"), Some(&json!("02153")));
    }

    #[test]
    fn table_rows_are_renumbered_and_blank_or_removed_rows_dropped() {
        let input = read(
            &[
                ("members.0.name", "Archer"),
                ("members.0.jobs", "120"),
                ("members.1.name", "   "),
                ("members.3.name", "Ville de Romans"),
                ("members.3.commune", "Castres"),
                ("members.5.name", "Erreur"),
                ("members.5._remove", "on"),
                ("members.99999999999.name", "ignored"),
            ],
            &Answers::new(),
        );
        assert_eq!(
            input.answers.get("members"),
            Some(&json!([
                { "name": "Archer", "jobs": 120 },
                { "name": "Ville de Romans", "commune": "Castres" }
            ]))
        );
        assert_eq!(input.issues.len(), 1);
        assert_eq!(input.issues[0].path, "members.1.commune");
    }

    #[test]
    fn hidden_fields_and_files_keep_their_previous_answers() {
        let previous = Answers::from_value(json!({
            "details": "kept",
            "scans": [{ "id": "1", "name": "a.pdf", "size": 10, "type": "pdf" }],
            "budget": 100,
        }));
        let input = read(&[("ess", "non")], &previous);
        assert_eq!(input.answers.get("details"), Some(&json!("kept")));
        assert_eq!(input.answers.get("scans"), previous.get("scans"));
        assert_eq!(input.answers.get("budget"), None, "shown and not posted: emptied");
        let shown = Answers::from_value(json!({ "ess": true, "details": "old" }));
        let input = read(&[("ess", "oui")], &shown);
        assert_eq!(input.answers.get("details"), None, "shown, posted empty");
    }

    #[test]
    fn control_characters_are_dropped_and_line_ends_made_plain() {
        let input = read(&[("members.0.name", "A\u{0}B\r\nC ")], &Answers::new());
        assert_eq!(input.answers.at("members.0.name"), Some(&json!("AB\nC")));
    }
}
