//! Reading and writing the scalar values people type: numbers, euros, dates, phone numbers, URLs,
//! SIREN — in the French way first ("1 234,50 €", "30/11/2011"), the international way second.

use time::{Date, Month};

use crate::domain::lang::Lang;
use crate::domain::money::{Money, MoneyError};

/// The thin space French typography puts between groups of digits (CLDR `fr`).
const GROUP: char = '\u{202f}';
/// The no-break space between a number and its unit.
const NBSP: char = '\u{a0}';

/// Drops the spaces people put between groups of digits (plain, no-break, thin, tab).
fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != GROUP && *c != NBSP).collect()
}

/// An integer as typed: "1 234", "-12", "+3". `None` when it is not one.
pub fn parse_integer(text: &str) -> Option<i64> {
    let compact = without_spaces(text);
    let digits = compact.strip_prefix('+').unwrap_or(&compact);
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    if unsigned.is_empty() || !unsigned.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A decimal number as typed: "12,5", "12.5", "1 234,75"; with `percent`, a trailing "%" is
/// allowed. `None` when it is not one.
pub fn parse_decimal(text: &str, percent: bool) -> Option<f64> {
    let mut compact = without_spaces(text);
    if percent && compact.ends_with('%') {
        compact.pop();
    }
    let normalised = compact.replace(',', ".");
    let unsigned = normalised.strip_prefix('-').unwrap_or(&normalised);
    let valid = !unsigned.is_empty()
        && unsigned.chars().all(|c| c.is_ascii_digit() || c == '.')
        && unsigned.matches('.').count() <= 1
        && unsigned.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return None;
    }
    normalised.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// An amount in euros as typed, in cents ("12 500", "12 500,50 €"), by the platform's rules
/// ([`Money::parse`]: non-negative, ambiguous "12.500" refused); the reason when it does not
/// read.
pub fn parse_money(text: &str) -> Result<i64, MoneyError> {
    Money::parse(text).map(Money::cents)
}

/// A date as typed: "2011-11-30" (what `<input type="date">` posts), "30/11/2011", "30-11-2011",
/// "30.11.2011", "1/2/2012".
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (year, month, day) = if a.len() == 4 && text.contains('-') {
        (number(a)?, number(b)?, number(c)?)
    } else if c.len() == 4 {
        (number(c)?, number(b)?, number(a)?)
    } else {
        return None;
    };
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}

/// The ISO form stored in answers: "2011-11-30".
pub fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// A stored ISO date ("2011-11-30"), `None` when the text is anything else.
pub fn read_iso_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if text.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    parse_date(text)
}

/// Digits grouped by three with thin spaces: 1234567 → "1 234 567".
pub fn group_digits(digits: &str) -> String {
    let mut out = String::new();
    let count = digits.chars().count();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (count - i).is_multiple_of(3) {
            out.push(GROUP);
        }
        out.push(c);
    }
    out
}

/// An integer in the French way: "12 345", "-12"; four digits stay together ("2007", "1234"),
/// as French typography allows, so that years read as years.
pub fn format_integer(n: i64) -> String {
    if n.unsigned_abs() < 10_000 {
        return n.to_string();
    }
    let grouped = group_digits(&n.unsigned_abs().to_string());
    if n < 0 { format!("-{grouped}") } else { grouped }
}

/// A decimal number with at most two decimals, French way: "12,5", "1 234,75", "3".
pub fn format_decimal(n: f64) -> String {
    if !n.is_finite() {
        return "—".to_owned();
    }
    let hundredths = (n.abs() * 100.0).round();
    let whole = (hundredths / 100.0).trunc();
    let fraction = hundredths - whole * 100.0;
    let sign = if n < 0.0 && hundredths > 0.0 { "-" } else { "" };
    let whole_text = group_digits(&format!("{whole:.0}"));
    if fraction == 0.0 {
        format!("{sign}{whole_text}")
    } else if (fraction % 10.0) == 0.0 {
        format!("{sign}{whole_text},{:.0}", fraction / 10.0)
    } else {
        format!("{sign}{whole_text},{fraction:02.0}")
    }
}

/// A percentage: "12,5 %".
pub fn format_percent(n: f64) -> String {
    format!("{}{NBSP}%", format_decimal(n))
}

/// An amount of cents as the interface language writes it: "1 234,50 €", "12 000 €" /
/// "€1,234.50".
pub fn format_money(cents: i64, lang: Lang) -> String {
    Money::from_cents(cents).format(lang)
}

/// A date in words: "30 novembre 2011", "1er décembre 2011" / "30 November 2011".
pub fn format_date(date: Date, lang: Lang) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let month_index = usize::from(u8::from(date.month())) - 1;
    match lang {
        Lang::Fr => {
            let day = if date.day() == 1 { "1er".to_owned() } else { date.day().to_string() };
            let month = FR.get(month_index).copied().unwrap_or("");
            format!("{day} {month} {}", date.year())
        }
        Lang::En => format!("{} {} {}", date.day(), date.month(), date.year()),
    }
}

/// A file size: "1,2 Mo" / "1.2 MB", "340 ko" / "340 kB".
pub fn format_size(bytes: u64, lang: Lang) -> String {
    let (value, fr, en) = if bytes >= 1_000_000 {
        (bytes as f64 / 1_000_000.0, "Mo", "MB")
    } else {
        (bytes.div_ceil(1000) as f64, "ko", "kB")
    };
    let rounded = (value * 10.0).round() / 10.0;
    match lang {
        Lang::Fr => format!("{}{NBSP}{fr}", format_decimal(rounded)),
        Lang::En => format!("{rounded}{NBSP}{en}"),
    }
}

/// The digits of a phone number if it is one: ten French digits starting with 0, or "+"
/// followed by 8 to 15 digits. Spaces, dots, dashes and brackets are allowed between digits.
pub fn phone_digits(text: &str) -> Option<String> {
    let text = text.trim();
    let (international, rest) = match text.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if !rest.chars().all(|c| c.is_ascii_digit() || " .-()\u{a0}\u{202f}".contains(c)) {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let valid = if international {
        (8..=15).contains(&digits.len())
    } else {
        digits.len() == 10 && digits.starts_with('0')
    };
    valid.then(|| if international { format!("+{digits}") } else { digits })
}

/// A French phone number written in pairs ("01 23 45 67 89"); other numbers as typed.
pub fn normalise_phone(text: &str) -> String {
    match phone_digits(text) {
        Some(digits) if digits.len() == 10 && !digits.starts_with('+') => {
            let pairs: Vec<&str> = (0..5).filter_map(|i| digits.get(i * 2..i * 2 + 2)).collect();
            pairs.join(" ")
        }
        _ => text.trim().to_owned(),
    }
}

/// An address people type without its scheme ("www.pole.fr") gets `https://`.
pub fn normalise_url(text: &str) -> String {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || !text.contains('.') {
        text.to_owned()
    } else {
        format!("https://{text}")
    }
}

/// Whether a URL is a web address a person can follow: http(s) with a dotted host.
pub fn is_web_url(text: &str) -> bool {
    match url::Url::parse(text) {
        Ok(url) => {
            matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some_and(|h| h.contains('.') && !h.ends_with('.'))
        }
        Err(_) => false,
    }
}

/// Why a text is not a SIREN, in French and English; the 9 digits when it is one.
pub fn parse_siren(text: &str) -> Result<String, (String, String)> {
    let digits: String =
        text.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t')).collect();
    if let Some(bad) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err((
            format!("numéro SIREN invalide : « {bad} » n’est pas un chiffre"),
            format!("invalid SIREN number: “{bad}” is not a digit"),
        ));
    }
    if digits.len() != 9 {
        return Err((
            format!("numéro SIREN invalide : il faut 9 chiffres, il y en a {}", digits.len()),
            format!("invalid SIREN number: 9 digits are needed, there are {}", digits.len()),
        ));
    }
    if !luhn(&digits) {
        return Err((
            "numéro SIREN invalide : la clé de contrôle ne correspond pas, un chiffre est sans doute mal recopié".into(),
            "invalid SIREN number: the check digit does not match, a digit was probably mistyped".into(),
        ));
    }
    Ok(digits)
}

/// The Luhn check of SIREN numbers.
fn luhn(digits: &str) -> bool {
    let total: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d })
        .sum();
    total.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn integers_of_four_digits_stay_together_and_longer_ones_are_grouped() {
        assert_eq!(format_integer(2007), "2007");
        assert_eq!(format_integer(-9999), "-9999");
        assert_eq!(format_integer(12_345), "12\u{202f}345");
        assert_eq!(format_integer(-1_234_567), "-1\u{202f}234\u{202f}567");
    }

    #[test]
    fn amounts_are_read_and_written_by_the_platform_money_rules() {
        assert_eq!(parse_money("12 500,50 €"), Ok(1_250_050));
        assert_eq!(parse_money("12,500"), Err(MoneyError::Ambiguous));
        assert_eq!(parse_money("-5"), Err(MoneyError::Negative));
        assert_eq!(format_money(123_450, Lang::Fr), "1\u{202f}234,50\u{a0}€");
        assert_eq!(format_money(1_250_000, Lang::Fr), "12\u{202f}500\u{a0}€");
    }

    #[test]
    fn dates_are_read_as_people_type_them_and_shown_in_words() {
        assert_eq!(parse_date("2011-11-30"), Some(date!(2011 - 11 - 30)));
        assert_eq!(parse_date("30/11/2011"), Some(date!(2011 - 11 - 30)));
        assert_eq!(parse_date("1/2/2012"), Some(date!(2012 - 02 - 01)));
        assert_eq!(parse_date("31/11/2011"), None);
        assert_eq!(parse_date("2011/11/30"), None);
        assert_eq!(parse_date("30 novembre"), None);
        assert_eq!(format_date(date!(2011 - 11 - 30), Lang::Fr), "30 novembre 2011");
        assert_eq!(format_date(date!(2011 - 12 - 01), Lang::Fr), "1er décembre 2011");
        assert_eq!(format_date(date!(2011 - 11 - 30), Lang::En), "30 November 2011");
    }

    #[test]
    fn numbers_are_read_with_spaces_and_commas() {
        assert_eq!(parse_integer("1 234"), Some(1234));
        assert_eq!(parse_integer("-3"), Some(-3));
        assert_eq!(parse_integer("12,5"), None);
        assert_eq!(parse_integer("99999999999999999999"), None);
        assert_eq!(parse_decimal("12,5", false), Some(12.5));
        assert_eq!(parse_decimal("12,5 %", true), Some(12.5));
        assert_eq!(parse_decimal("12,5 %", false), None);
        assert_eq!(parse_decimal(".", false), None);
        assert_eq!(format_decimal(1234.75), "1\u{202f}234,75");
        assert_eq!(format_decimal(12.5), "12,5");
        assert_eq!(format_decimal(3.0), "3");
        assert_eq!(format_percent(27.456), "27,46\u{a0}%");
    }

    #[test]
    fn phone_numbers_are_french_or_international() {
        assert_eq!(normalise_phone("0123456789"), "01 23 45 67 89");
        assert_eq!(phone_digits("+33 1 23 45 67 89"), Some("+33123456789".into()));
        assert_eq!(phone_digits("01 23 45"), None);
        assert_eq!(phone_digits("1234567890"), None);
        assert_eq!(phone_digits("01 23 45 67 8a"), None);
    }

    #[test]
    fn urls_without_a_scheme_get_https() {
        assert_eq!(normalise_url("www.pole-sud-archer.fr"), "https://www.pole-sud-archer.fr");
        assert!(is_web_url("https://www.pole-sud-archer.fr/qui"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://localhost"));
    }

    #[test]
    fn a_siren_has_nine_digits_and_a_luhn_key() {
        assert_eq!(parse_siren("732 829 320"), Ok("732829320".into()));
        assert_eq!(parse_siren("356000000"), Ok("356000000".into()));
        assert!(parse_siren("732829321").is_err());
        assert_eq!(
            parse_siren("73282932").map_err(|e| e.0),
            Err("numéro SIREN invalide : il faut 9 chiffres, il y en a 8".into())
        );
    }

    #[test]
    fn sizes_are_shown_in_french_units() {
        assert_eq!(format_size(1_234_567, Lang::Fr), "1,2\u{a0}Mo");
        assert_eq!(format_size(340_000, Lang::En), "340\u{a0}kB");
    }
}
