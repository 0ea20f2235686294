//! INSEE commune codes (code officiel géographique), read once: five characters, digits or
//! 2A/2B for Corsica, in a department that exists.

use std::fmt;
use std::str::FromStr;

use crate::domain::lang::Lang;

/// The code INSEE gives a commune: the department's number (2 characters, 3 overseas: 971 to
/// 989) then the commune's number within it. Not a postal code: Castres is 81065 here, 81100 for
/// La Poste. Stored as its five ASCII bytes, so it is `Copy` and small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InseeCode([u8; 5]);

/// Why a text is not an INSEE code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InseeCodeError {
    /// Nothing was typed.
    Empty,
    /// Not five characters (the count is given).
    Length(usize),
    /// A character that cannot be in a code.
    NotADigit(char),
    /// Well formed, but its first digits are no department ("20", "96", "99" for foreign
    /// countries…).
    Department,
}

impl InseeCodeError {
    /// The message shown next to the field.
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (InseeCodeError::Empty, Lang::Fr) => "code INSEE manquant".to_owned(),
            (InseeCodeError::Empty, Lang::En) => "INSEE code missing".to_owned(),
            (InseeCodeError::Length(n), Lang::Fr) => {
                format!("code INSEE invalide : il faut 5 caractères, il y en a {n}")
            }
            (InseeCodeError::Length(n), Lang::En) => {
                format!("invalid INSEE code: it has 5 characters, not {n}")
            }
            (InseeCodeError::NotADigit(c), Lang::Fr) => format!(
                "code INSEE invalide : « {c} » n’est pas un chiffre (seuls les codes de Corse commencent par 2A ou 2B)"
            ),
            (InseeCodeError::NotADigit(c), Lang::En) => format!(
                "invalid INSEE code: “{c}” is not a digit (only Corsican codes start with 2A or 2B)"
            ),
            (InseeCodeError::Department, Lang::Fr) => {
                "code INSEE invalide : ses premiers chiffres ne sont le numéro d’aucun département"
                    .to_owned()
            }
            (InseeCodeError::Department, Lang::En) => {
                "invalid INSEE code: its first digits are not the number of a department".to_owned()
            }
        }
    }
}

impl fmt::Display for InseeCodeError {
    /// In French, as people read it next to the field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

impl std::error::Error for InseeCodeError {}

impl InseeCode {
    /// Reads a code as typed: surrounding spaces dropped, `2a`/`2b` upper-cased. The code must
    /// be five digits, or 2A/2B and three digits, and start with a department number (01–19,
    /// 21–95, 2A, 2B, 971–989). Whether the commune exists is the gazetteer's question.
    pub fn parse(text: &str) -> Result<InseeCode, InseeCodeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(InseeCodeError::Empty);
        }
        let count = text.chars().count();
        if count != 5 {
            return Err(InseeCodeError::Length(count));
        }
        let mut bytes = [0u8; 5];
        for (i, c) in text.chars().enumerate() {
            let c = c.to_ascii_uppercase();
            let allowed = c.is_ascii_digit() || (i == 1 && matches!(c, 'A' | 'B'));
            if !allowed {
                return Err(InseeCodeError::NotADigit(c));
            }
            bytes[i] = c as u8;
        }
        if bytes[1].is_ascii_alphabetic() && bytes[0] != b'2' {
            return Err(InseeCodeError::NotADigit(char::from(bytes[1])));
        }
        let valid_department = match [bytes[0], bytes[1], bytes[2]] {
            [b'2', b'A' | b'B', _] => true,
            // Overseas: 971–978, and the collectivities 984, 986–989.
            [b'9', b'7', d] => (b'1'..=b'8').contains(&d),
            [b'9', b'8', d] => matches!(d, b'4' | b'6'..=b'9'),
            [a, b, _] => {
                let number = (a - b'0') * 10 + (b - b'0');
                matches!(number, 1..=19 | 21..=95)
            }
        };
        if !valid_department {
            return Err(InseeCodeError::Department);
        }
        Ok(InseeCode(bytes))
    }

    /// The five characters.
    pub fn as_str(&self) -> &str {
        // Only ASCII bytes are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The department's code: two characters ("81", "2A"), three overseas ("974").
    pub fn department_code(&self) -> &str {
        let code = self.as_str();
        if code.starts_with("97") || code.starts_with("98") { &code[..3] } else { &code[..2] }
    }
}

impl fmt::Display for InseeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for InseeCode {
    type Err = InseeCodeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        InseeCode::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_five_digit_code_is_read_with_its_department() {
        let code = InseeCode::parse(" 81065 ").expect("valid");
        assert_eq!(code.as_str(), "81065");
        assert_eq!(code.to_string(), "81065");
        assert_eq!(code.department_code(), "81");
        assert_eq!(
            InseeCode::parse("02142").map(|c| c.department_code().to_owned()),
            Ok("02".to_owned())
        );
    }

    #[test]
    fn corsican_codes_keep_their_letter_upper_cased() {
        let code = InseeCode::parse("2a004").expect("Ajaccio");
        assert_eq!(code.as_str(), "2A004");
        assert_eq!(code.department_code(), "2A");
        assert_eq!(
            InseeCode::parse("2B033").map(|c| c.department_code().to_owned()),
            Ok("2B".to_owned())
        );
    }

    #[test]
    fn overseas_codes_have_a_three_digit_department() {
        assert_eq!(
            InseeCode::parse("97411").map(|c| c.department_code().to_owned()),
            Ok("974".to_owned())
        );
        assert_eq!(
            InseeCode::parse("97611").map(|c| c.department_code().to_owned()),
            Ok("976".to_owned())
        );
        assert_eq!(
            InseeCode::parse("98818").map(|c| c.department_code().to_owned()),
            Ok("988".to_owned())
        );
    }

    #[test]
    fn a_letter_is_only_allowed_as_corsicas_second_character() {
        assert_eq!(InseeCode::parse("81O65"), Err(InseeCodeError::NotADigit('O')));
        assert_eq!(InseeCode::parse("3A004"), Err(InseeCodeError::NotADigit('A')));
        assert_eq!(InseeCode::parse("2C004"), Err(InseeCodeError::NotADigit('C')));
        assert_eq!(
            InseeCode::parse("81-65").map_err(|e| e.message(Lang::Fr)),
            Err("code INSEE invalide : « - » n’est pas un chiffre (seuls les codes de Corse commencent par 2A ou 2B)".to_owned())
        );
    }

    #[test]
    fn a_code_outside_every_department_is_refused() {
        // 20 became 2A/2B in 1976; 96 never existed; 99 numbers foreign countries; 00 nothing.
        for text in ["20004", "96001", "99134", "00001", "97001"] {
            assert_eq!(InseeCode::parse(text), Err(InseeCodeError::Department), "{text}");
        }
        assert_eq!(
            InseeCodeError::Department.message(Lang::En),
            "invalid INSEE code: its first digits are not the number of a department"
        );
    }

    #[test]
    fn the_wrong_length_is_named_in_both_languages() {
        assert_eq!(InseeCode::parse("8106"), Err(InseeCodeError::Length(4)));
        assert_eq!(InseeCode::parse(""), Err(InseeCodeError::Empty));
        assert_eq!(
            InseeCodeError::Length(4).to_string(),
            "code INSEE invalide : il faut 5 caractères, il y en a 4"
        );
        assert_eq!(
            InseeCodeError::Length(6).message(Lang::En),
            "invalid INSEE code: it has 5 characters, not 6"
        );
        assert_eq!(InseeCodeError::Empty.message(Lang::Fr), "code INSEE manquant");
    }

    #[test]
    fn codes_order_as_their_text() {
        let mut codes: Vec<InseeCode> = ["30001", "2B033", "29001", "2A004", "97411"]
            .iter()
            .filter_map(|c| c.parse().ok())
            .collect();
        codes.sort();
        let texts: Vec<&str> = codes.iter().map(InseeCode::as_str).collect();
        assert_eq!(texts, ["29001", "2A004", "2B033", "30001", "97411"]);
    }
}
