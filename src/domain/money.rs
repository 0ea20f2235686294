//! Amounts of money in euros, held as integer cents, read as French people type them and
//! written in French ("1 234 567,89 €") or English ("€1,234,567.89").

use std::fmt;

use crate::domain::lang::Lang;

/// The thousands separator of French typography: a narrow no-break space (U+202F).
const FR_THOUSANDS: char = '\u{202f}';
/// The space before the euro sign, which must not break from the number (U+00A0).
const FR_BEFORE_EURO: char = '\u{a0}';

/// An amount in euro cents. Whole euros are written without cents ("12 000 €"), as French
/// administrative forms and budgets show them; an amount with cents shows both digits
/// ("12,50 €", never "12,5 €").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// Why a text is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Nothing but spaces (or a lone euro sign).
    Empty,
    /// A character that has no place in an amount.
    NotADigit(char),
    /// Digits and separators in an order that is no amount ("1.2.3", "12,", "1,23,456").
    Malformed,
    /// More than two digits after the decimal separator.
    TooManyDecimals,
    /// One point or comma followed by exactly three digits: "12.000" is twelve thousand to
    /// many French typists and twelve to others. Refused rather than guessed, the difference
    /// being a factor of a thousand.
    Ambiguous,
    /// A minus sign where amounts cannot be negative.
    Negative,
    /// Beyond what 64-bit cents hold (about 92 million billion euros).
    TooLarge,
}

impl MoneyError {
    /// The message shown next to the field.
    pub fn message(self, lang: Lang) -> String {
        let text = match (self, lang) {
            (MoneyError::Empty, Lang::Fr) => "montant manquant",
            (MoneyError::Empty, Lang::En) => "amount missing",
            (MoneyError::NotADigit(c), Lang::Fr) => {
                return format!("montant invalide : « {c} » n’est pas un chiffre");
            }
            (MoneyError::NotADigit(c), Lang::En) => {
                return format!("invalid amount: “{c}” is not a digit");
            }
            (MoneyError::Malformed, Lang::Fr) => {
                "montant invalide : écrivez-le par exemple 1 234,50 ou 1234"
            }
            (MoneyError::Malformed, Lang::En) => {
                "invalid amount: write it for example as 1,234.50 or 1234"
            }
            (MoneyError::TooManyDecimals, Lang::Fr) => {
                "montant invalide : deux chiffres au plus après la virgule (les centimes)"
            }
            (MoneyError::TooManyDecimals, Lang::En) => {
                "invalid amount: at most two digits after the decimal point (the cents)"
            }
            (MoneyError::Ambiguous, Lang::Fr) => {
                "montant ambigu : trois chiffres après le point ou la virgule ; écrivez 12 000 pour douze mille euros, ou 12,50 pour douze euros cinquante"
            }
            (MoneyError::Ambiguous, Lang::En) => {
                "ambiguous amount: three digits after the point or comma; write 12000 for twelve thousand euros, or 12.50 for twelve euros fifty"
            }
            (MoneyError::Negative, Lang::Fr) => "montant invalide : il ne peut pas être négatif",
            (MoneyError::Negative, Lang::En) => "invalid amount: it cannot be negative",
            (MoneyError::TooLarge, Lang::Fr) => "montant invalide : trop grand",
            (MoneyError::TooLarge, Lang::En) => "invalid amount: too large",
        };
        text.to_owned()
    }
}

impl fmt::Display for MoneyError {
    /// In French, as people read it next to the field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

impl std::error::Error for MoneyError {}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    /// Whole euros, if they fit.
    pub fn from_euros(euros: i64) -> Option<Money> {
        euros.checked_mul(100).map(Money)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// The total of several amounts, if it fits.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }

    /// Reads a non-negative amount as people type it: "1 234,50", "1234.5", "1 234 €",
    /// "12 000", "1.234,50", "1,234.50", "€12". Spaces of every kind (also U+00A0 and U+202F)
    /// are dropped; a euro sign (or "EUR", "euros") before or after is allowed; the decimal
    /// separator is a comma or a point followed by one or two digits; points or commas
    /// between groups of three digits separate thousands. One separator followed by exactly
    /// three digits is refused as ambiguous.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        Money::read(text, false)
    }

    /// `parse`, also accepting a leading minus sign ("-" or "−"), for balances and
    /// corrections.
    pub fn parse_signed(text: &str) -> Result<Money, MoneyError> {
        Money::read(text, true)
    }

    fn read(text: &str, signed: bool) -> Result<Money, MoneyError> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut rest = compact.as_str();
        let mut negative = false;
        // A sign and a euro sign may come first, in either order ("-12 €", "-€12", "€-12").
        for _ in 0..2 {
            if let Some(after) = rest.strip_prefix(['-', '−']) {
                negative = true;
                rest = after;
            } else if let Some(after) = rest.strip_prefix('+') {
                rest = after;
            }
            rest = rest.strip_prefix('€').unwrap_or(rest);
        }
        for suffix in ["€", "euros", "euro", "eur"] {
            let cut = rest.len().saturating_sub(suffix.len());
            if rest.is_char_boundary(cut) && rest[cut..].eq_ignore_ascii_case(suffix) {
                rest = &rest[..cut];
                break;
            }
        }
        if rest.is_empty() {
            return Err(MoneyError::Empty);
        }
        if let Some(bad) = rest.chars().find(|c| !c.is_ascii_digit() && !matches!(c, '.' | ',')) {
            return Err(MoneyError::NotADigit(bad));
        }
        let (whole, fraction) = split_decimal(rest)?;
        let mut euros: i64 = 0;
        for digit in whole.bytes().filter(u8::is_ascii_digit) {
            euros = euros
                .checked_mul(10)
                .and_then(|e| e.checked_add(i64::from(digit - b'0')))
                .ok_or(MoneyError::TooLarge)?;
        }
        let cents = match fraction.as_bytes() {
            [] => 0,
            [tens] => i64::from(tens - b'0') * 10,
            [tens, units] => i64::from(tens - b'0') * 10 + i64::from(units - b'0'),
            _ => return Err(MoneyError::TooManyDecimals),
        };
        let total = euros
            .checked_mul(100)
            .and_then(|e| e.checked_add(cents))
            .ok_or(MoneyError::TooLarge)?;
        if negative && total != 0 {
            if !signed {
                return Err(MoneyError::Negative);
            }
            return Ok(Money(-total));
        }
        Ok(Money(total))
    }

    /// "1 234 567,89 €" with a narrow no-break space between thousands and a no-break space
    /// before the euro sign; "12 000 €" for whole euros; "-12,50 €" below zero.
    pub fn format_fr(self) -> String {
        let (sign, euros, cents) = self.parts();
        let euros = grouped(euros, FR_THOUSANDS);
        if cents == 0 {
            format!("{sign}{euros}{FR_BEFORE_EURO}€")
        } else {
            format!("{sign}{euros},{cents:02}{FR_BEFORE_EURO}€")
        }
    }

    /// "€1,234,567.89"; "€12,000" for whole euros; "-€12.50" below zero.
    pub fn format_en(self) -> String {
        let (sign, euros, cents) = self.parts();
        let euros = grouped(euros, ',');
        if cents == 0 {
            format!("{sign}€{euros}")
        } else {
            format!("{sign}€{euros}.{cents:02}")
        }
    }

    /// The amount as a form field is pre-filled with: no thousands separator and no euro sign,
    /// a decimal comma in French ("12000", "1234,50") and a point in English ("1234.50"). It
    /// always reads back, where an English display of whole euros ("€12,000") would be
    /// refused as ambiguous.
    pub fn to_input(self, lang: Lang) -> String {
        let (sign, euros, cents) = self.parts();
        let point = if lang == Lang::Fr { ',' } else { '.' };
        if cents == 0 {
            format!("{sign}{euros}")
        } else {
            format!("{sign}{euros}{point}{cents:02}")
        }
    }

    /// The amount as the interface language writes it.
    pub fn format(self, lang: Lang) -> String {
        match lang {
            Lang::Fr => self.format_fr(),
            Lang::En => self.format_en(),
        }
    }

    fn parts(self) -> (&'static str, u64, u64) {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        (sign, abs / 100, abs % 100)
    }
}

impl fmt::Display for Money {
    /// The French form: "1 234 567,89 €".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_fr())
    }
}

/// Splits digits and separators into the whole euros (thousands separators still in) and the
/// digits of the cents.
fn split_decimal(text: &str) -> Result<(&str, &str), MoneyError> {
    let points = text.matches('.').count();
    let commas = text.matches(',').count();
    let (whole, fraction, grouping) = match (points, commas) {
        (0, 0) => (text, "", None),
        (_, 0) | (0, _) => {
            let separator = if points > 0 { '.' } else { ',' };
            if points + commas > 1 {
                // Several of one kind can only separate thousands: "1.234.567".
                (text, "", Some(separator))
            } else {
                let (whole, fraction) = text.split_once(separator).unwrap_or((text, ""));
                match fraction.len() {
                    0 => return Err(MoneyError::Malformed),
                    3 => return Err(MoneyError::Ambiguous),
                    _ => (whole, fraction, None),
                }
            }
        }
        _ => {
            // Both kinds: the last one is the decimal separator and appears once.
            let last = text.rfind(['.', ',']).unwrap_or(0);
            let decimal = char::from(text.as_bytes()[last]);
            let grouping = if decimal == '.' { ',' } else { '.' };
            if text.matches(decimal).count() > 1 {
                return Err(MoneyError::Malformed);
            }
            let fraction = &text[last + 1..];
            if fraction.is_empty() {
                return Err(MoneyError::Malformed);
            }
            (&text[..last], fraction, Some(grouping))
        }
    };
    if let Some(separator) = grouping {
        let mut groups = whole.split(separator);
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return Err(MoneyError::Malformed);
        }
    }
    if whole.is_empty() && fraction.is_empty() {
        return Err(MoneyError::Malformed);
    }
    Ok((whole, fraction))
}

/// "1234567" → "1␣234␣567" with the given separator.
fn grouped(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(text: &str) -> Result<i64, MoneyError> {
        Money::parse(text).map(Money::cents)
    }

    #[test]
    fn amounts_are_read_as_french_people_type_them() {
        assert_eq!(cents("1 234,50"), Ok(123_450));
        assert_eq!(cents("1234.5"), Ok(123_450));
        assert_eq!(cents("1 234 €"), Ok(123_400));
        assert_eq!(cents("12 000"), Ok(1_200_000));
        assert_eq!(cents("12000"), Ok(1_200_000));
        assert_eq!(cents("0,05"), Ok(5));
        assert_eq!(cents(",5"), Ok(50));
        assert_eq!(cents("  7  "), Ok(700));
        assert_eq!(cents("0"), Ok(0));
    }

    #[test]
    fn every_kind_of_space_separates_thousands() {
        assert_eq!(cents("1\u{a0}234\u{a0}567,89"), Ok(123_456_789));
        assert_eq!(cents("1\u{202f}234\u{202f}567,89\u{a0}€"), Ok(123_456_789));
        assert_eq!(cents("1\u{2009}234"), Ok(123_400));
    }

    #[test]
    fn a_euro_sign_or_word_may_come_before_or_after() {
        for text in ["12 €", "€12", "12€", "12 EUR", "12 euros", "12 Euro", "€ 12,00"] {
            assert_eq!(cents(text), Ok(1_200), "{text}");
        }
        assert_eq!(cents("€"), Err(MoneyError::Empty));
    }

    #[test]
    fn points_or_commas_between_groups_of_three_separate_thousands() {
        assert_eq!(cents("1.234,50"), Ok(123_450));
        assert_eq!(cents("1,234.50"), Ok(123_450));
        assert_eq!(cents("1.234.567"), Ok(123_456_700));
        assert_eq!(cents("1,234,567"), Ok(123_456_700));
        assert_eq!(cents("1.234.567,89"), Ok(123_456_789));
        assert_eq!(cents("1.23.456"), Err(MoneyError::Malformed));
        assert_eq!(cents("12,345,67"), Err(MoneyError::Malformed));
        assert_eq!(cents("1,234,56.78"), Err(MoneyError::Malformed));
        assert_eq!(cents("1.234,56,78"), Err(MoneyError::Malformed));
    }

    #[test]
    fn one_separator_before_three_digits_is_refused_as_ambiguous() {
        assert_eq!(cents("12.000"), Err(MoneyError::Ambiguous));
        assert_eq!(cents("1,234"), Err(MoneyError::Ambiguous));
        assert_eq!(
            MoneyError::Ambiguous.to_string(),
            "montant ambigu : trois chiffres après le point ou la virgule ; écrivez 12 000 pour douze mille euros, ou 12,50 pour douze euros cinquante"
        );
    }

    #[test]
    fn more_than_two_decimals_are_refused() {
        assert_eq!(cents("12,3456"), Err(MoneyError::TooManyDecimals));
        assert_eq!(cents("1.234,567"), Err(MoneyError::TooManyDecimals));
        assert_eq!(
            MoneyError::TooManyDecimals.message(Lang::En),
            "invalid amount: at most two digits after the decimal point (the cents)"
        );
    }

    #[test]
    fn a_dangling_separator_is_malformed() {
        assert_eq!(cents("12,"), Err(MoneyError::Malformed));
        assert_eq!(cents(","), Err(MoneyError::Malformed));
        assert_eq!(cents("1.234,"), Err(MoneyError::Malformed));
        assert_eq!(
            MoneyError::Malformed.message(Lang::Fr),
            "montant invalide : écrivez-le par exemple 1 234,50 ou 1234"
        );
    }

    #[test]
    fn letters_are_named_in_both_languages() {
        assert_eq!(cents("12k"), Err(MoneyError::NotADigit('k')));
        assert_eq!(cents("douze"), Err(MoneyError::NotADigit('d')));
        assert_eq!(
            MoneyError::NotADigit('k').message(Lang::Fr),
            "montant invalide : « k » n’est pas un chiffre"
        );
        assert_eq!(
            MoneyError::NotADigit('k').message(Lang::En),
            "invalid amount: “k” is not a digit"
        );
        assert_eq!(cents(""), Err(MoneyError::Empty));
        assert_eq!(cents(" \u{a0} "), Err(MoneyError::Empty));
        assert_eq!(MoneyError::Empty.message(Lang::Fr), "montant manquant");
    }

    #[test]
    fn a_negative_amount_is_refused_unless_asked_for() {
        assert_eq!(cents("-12,50"), Err(MoneyError::Negative));
        assert_eq!(cents("−12"), Err(MoneyError::Negative));
        assert_eq!(cents("-0"), Ok(0));
        assert_eq!(Money::parse_signed("-12,50").map(Money::cents), Ok(-1_250));
        assert_eq!(Money::parse_signed("-€1,234.50").map(Money::cents), Ok(-123_450));
        assert_eq!(Money::parse_signed("€-3").map(Money::cents), Ok(-300));
        assert_eq!(Money::parse_signed("+3").map(Money::cents), Ok(300));
        assert_eq!(
            MoneyError::Negative.message(Lang::Fr),
            "montant invalide : il ne peut pas être négatif"
        );
    }

    #[test]
    fn an_amount_beyond_64_bit_cents_is_refused() {
        assert_eq!(cents("92233720368547758,07"), Ok(i64::MAX));
        assert_eq!(cents("92233720368547758,08"), Err(MoneyError::TooLarge));
        assert_eq!(cents("999999999999999999999"), Err(MoneyError::TooLarge));
        assert_eq!(MoneyError::TooLarge.message(Lang::En), "invalid amount: too large");
    }

    #[test]
    fn amounts_are_written_the_french_way() {
        assert_eq!(Money::from_cents(123_456_789).format_fr(), "1\u{202f}234\u{202f}567,89\u{a0}€");
        assert_eq!(Money::from_cents(1_200_000).to_string(), "12\u{202f}000\u{a0}€");
        assert_eq!(Money::from_cents(1_250).to_string(), "12,50\u{a0}€");
        assert_eq!(Money::from_cents(5).to_string(), "0,05\u{a0}€");
        assert_eq!(Money::ZERO.to_string(), "0\u{a0}€");
        assert_eq!(Money::from_cents(99_900).to_string(), "999\u{a0}€");
        assert_eq!(Money::from_cents(-123_450).to_string(), "-1\u{202f}234,50\u{a0}€");
        assert_eq!(
            Money::from_cents(i64::MIN).to_string(),
            "-92\u{202f}233\u{202f}720\u{202f}368\u{202f}547\u{202f}758,08\u{a0}€"
        );
    }

    #[test]
    fn amounts_are_written_the_english_way() {
        assert_eq!(Money::from_cents(123_456_789).format_en(), "€1,234,567.89");
        assert_eq!(Money::from_cents(1_200_000).format_en(), "€12,000");
        assert_eq!(Money::from_cents(-1_250).format_en(), "-€12.50");
        assert_eq!(Money::from_cents(1_250).format(Lang::En), "€12.50");
        assert_eq!(Money::from_cents(1_250).format(Lang::Fr), "12,50\u{a0}€");
    }

    #[test]
    fn what_is_written_reads_back() {
        for value in [0, 5, 1_250, 99_900, 1_200_000, 123_456_789, 100_000_000_000] {
            let money = Money::from_cents(value);
            assert_eq!(Money::parse(&money.format_fr()), Ok(money), "{money}");
            assert_eq!(Money::parse(&money.to_input(Lang::Fr)), Ok(money), "{money}");
            assert_eq!(Money::parse(&money.to_input(Lang::En)), Ok(money), "{money}");
        }
        // English display of whole thousands is for reading only: a field is pre-filled with
        // `to_input`.
        assert_eq!(Money::parse("€12,000"), Err(MoneyError::Ambiguous));
        assert_eq!(
            Money::parse(&Money::from_cents(123_456_789).format_en()).map(Money::cents),
            Ok(123_456_789)
        );
    }

    #[test]
    fn a_field_is_pre_filled_without_separators() {
        assert_eq!(Money::from_cents(1_200_000).to_input(Lang::Fr), "12000");
        assert_eq!(Money::from_cents(123_450).to_input(Lang::Fr), "1234,50");
        assert_eq!(Money::from_cents(123_450).to_input(Lang::En), "1234.50");
        assert_eq!(Money::from_cents(-5).to_input(Lang::En), "-0.05");
    }

    #[test]
    fn sums_refuse_overflow() {
        let amounts = [Money::from_cents(1_250), Money::from_cents(750)];
        assert_eq!(Money::checked_sum(amounts), Some(Money::from_cents(2_000)));
        assert_eq!(Money::checked_sum([Money::from_cents(i64::MAX), Money::from_cents(1)]), None);
        assert_eq!(Money::from_euros(12), Some(Money::from_cents(1_200)));
        assert_eq!(Money::from_euros(i64::MAX), None);
    }
}
