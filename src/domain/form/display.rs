//! Rendering answers as text: for the summary page and the PDF receipt ([`display`]), and back
//! into an input for editing ([`edit_text`]).

use serde_json::Value;

use super::answers::{FileRef, is_blank};
use super::schema::{Field, Kind};
use super::values::{
    format_date, format_decimal, format_integer, format_money, format_percent, format_size,
    read_iso_date,
};
use super::{Context, Message};
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::siret::Siret;

/// An answer as a person reads it: money "1 234,50 €" (English "€1,234.50"), dates "30 novembre 2011", yes/no "Oui",
/// option labels, commune labels, file names and sizes; a table gives its number of rows (show
/// its cells by calling `display` with each column). Text that could not be read is shown as
/// typed; no answer gives "". Computed fields: use [`super::ComputedValue::display`].
pub fn display(field: &Field, value: Option<&Value>, lang: Lang, ctx: &Context) -> String {
    match value {
        Some(value) if !is_blank(value) => show(field, value, lang, ctx),
        _ => String::new(),
    }
}

fn show(field: &Field, value: &Value, lang: Lang, ctx: &Context) -> String {
    if let Value::String(text) = value
        && let Some(shown) = display_text(field, text, lang, ctx)
    {
        return shown;
    }
    match (&field.kind, value) {
        (Kind::Integer { .. }, Value::Number(n)) => {
            n.as_i64().map_or_else(|| n.to_string(), format_integer)
        }
        (Kind::Decimal { .. } | Kind::Computed { .. }, Value::Number(n)) => {
            format_decimal(n.as_f64().unwrap_or(0.0))
        }
        (Kind::Percent { .. }, Value::Number(n)) => format_percent(n.as_f64().unwrap_or(0.0)),
        (Kind::Money { .. }, Value::Number(n)) => {
            n.as_i64().map_or_else(|| n.to_string(), |c| format_money(c, lang))
        }
        (Kind::YesNo, Value::Bool(b)) => yes_no(*b).text(lang),
        (Kind::Choices { .. } | Kind::Communes { .. }, Value::Array(items)) => items
            .iter()
            .filter(|i| !is_blank(i))
            .map(|i| show(field, i, lang, ctx))
            .collect::<Vec<_>>()
            .join(", "),
        (Kind::File { .. } | Kind::Files { .. }, Value::Object(_)) => file_text(value, lang),
        (Kind::Files { .. }, Value::Array(items)) => {
            items.iter().map(|i| file_text(i, lang)).collect::<Vec<_>>().join(", ")
        }
        (Kind::Table { .. }, Value::Array(rows)) => {
            let n = rows.iter().filter(|r| !is_blank(r)).count();
            rows_text(n).text(lang)
        }
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// A stored text shown by kind: labels for options and communes, words for dates.
fn display_text(field: &Field, text: &str, lang: Lang, ctx: &Context) -> Option<String> {
    Some(match &field.kind {
        Kind::Choice { options } | Kind::Choices { options, .. } => {
            options.label_of(text, ctx).map_or_else(|| text.to_owned(), |l| l.get(lang).to_owned())
        }
        Kind::Date { .. } => {
            read_iso_date(text).map_or_else(|| text.to_owned(), |d| format_date(d, lang))
        }
        Kind::Commune | Kind::Communes { .. } => {
            ctx.places.commune_label(text).unwrap_or_else(|| text.to_owned())
        }
        Kind::Department => match ctx.places.department_name(text) {
            Some(name) => format!("{text} — {name}"),
            None => text.to_owned(),
        },
        Kind::Siret => Siret::parse(text).map_or_else(|_| text.to_owned(), |s| s.to_string()),
        Kind::Siren if text.len() == 9 && text.chars().all(|c| c.is_ascii_digit()) => {
            format!("{} {} {}", &text[..3], &text[3..6], &text[6..])
        }
        _ => return None,
    })
}

fn yes_no(b: bool) -> Message {
    if b { Message::new("Oui", "Yes") } else { Message::new("Non", "No") }
}

fn rows_text(n: usize) -> Message {
    match n {
        1 => Message::new("1 ligne", "1 row"),
        n => Message::new(format!("{n} lignes"), format!("{n} rows")),
    }
}

fn file_text(value: &Value, lang: Lang) -> String {
    match FileRef::from_value(value) {
        Some(file) => format!("{} ({})", file.name, format_size(file.size, lang)),
        None => String::new(),
    }
}

/// What to put back in the input of a field for editing: the text as typed when it could not
/// be read, else the value in a form the reader accepts again ("12500,50" for money in French,
/// "12500.50" in English; "2011-11-30" for `<input type="date">`; "oui"/"non" for yes/no; the
/// label of a commune). Multiple answers (choices, communes, files, tables) are rendered item
/// by item: call it with each item or cell.
pub fn edit_text(field: &Field, value: Option<&Value>, lang: Lang, ctx: &Context) -> String {
    let Some(value) = value else { return String::new() };
    match (&field.kind, value) {
        (Kind::Commune | Kind::Communes { .. }, Value::String(code)) => {
            ctx.places.commune_label(code).unwrap_or_else(|| code.clone())
        }
        (_, Value::String(s)) => s.clone(),
        (Kind::Money { .. }, Value::Number(n)) => {
            n.as_i64().map_or_else(|| n.to_string(), |c| Money::from_cents(c).to_input(lang))
        }
        (Kind::Decimal { .. } | Kind::Percent { .. }, Value::Number(n)) => {
            let text =
                n.as_f64().map_or_else(String::new, |f| format_decimal(f).replace('\u{202f}', ""));
            if lang == Lang::En { text.replace(',', ".") } else { text }
        }
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Bool(true)) => "oui".to_owned(),
        (_, Value::Bool(false)) => "non".to_owned(),
        (_, Value::Null | Value::Array(_) | Value::Object(_)) => String::new(),
    }
}
