//! SIRET and SIREN numbers (establishment and enterprise identifiers of the French business
//! register), read once: 14 or 9 digits whose Luhn key checks, with La Poste's exception.

use std::fmt;

use crate::domain::lang::Lang;

/// The SIREN of La Poste, whose establishments are numbered by another rule: the sum of the
/// 14 digits is a multiple of 5 (INSEE). Its head office keeps the Luhn key.
const LA_POSTE_SIREN: &str = "356000000";
const LA_POSTE_HEAD_OFFICE: &str = "35600000000048";

/// A SIRET that passed its checks, stored as its 14 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Siret(String);

/// Why a text is not a SIRET; the message is French, as the people who type SIRETs read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SiretError {
    #[error("numéro SIRET invalide : « {0} » n’est pas un chiffre")]
    NotADigit(char),
    #[error("numéro SIRET invalide : il faut 14 chiffres, il y en a {0}")]
    Length(usize),
    #[error(
        "numéro SIRET invalide : les 9 premiers chiffres (le SIREN) n’ont pas une clé de contrôle correcte"
    )]
    SirenKey,
    #[error(
        "numéro SIRET invalide : la clé de contrôle ne correspond pas, un chiffre est sans doute mal recopié"
    )]
    Key,
}

impl SiretError {
    /// The key of the message shown next to the field.
    pub fn message_key(self) -> &'static str {
        match self {
            SiretError::NotADigit(_) => "organisation-error-siret-digits",
            SiretError::Length(_) => "organisation-error-siret-length",
            SiretError::SirenKey => "organisation-error-siret-siren",
            SiretError::Key => "organisation-error-siret-key",
        }
    }
}

impl Siret {
    /// Reads a SIRET as people write it: spaces (also non-breaking ones) between groups of
    /// digits are allowed and dropped; anything else must be one of exactly 14 digits, whose
    /// SIREN (the first 9) and whole number pass the Luhn check. La Poste's establishments
    /// (SIREN 356000000, except the head office) pass when their digits add up to a multiple
    /// of 5.
    pub fn parse(text: &str) -> Result<Siret, SiretError> {
        let digits: String =
            text.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t')).collect();
        if let Some(bad) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(SiretError::NotADigit(bad));
        }
        if digits.len() != 14 {
            return Err(SiretError::Length(digits.len()));
        }
        if !luhn(&digits[..9]) {
            return Err(SiretError::SirenKey);
        }
        let valid = if digits.starts_with(LA_POSTE_SIREN) && digits != LA_POSTE_HEAD_OFFICE {
            digit_values(&digits).sum::<u32>().is_multiple_of(5)
        } else {
            luhn(&digits)
        };
        if !valid {
            return Err(SiretError::Key);
        }
        Ok(Siret(digits))
    }

    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The SIREN: the enterprise the establishment belongs to.
    pub fn siren(&self) -> &str {
        &self.0[..9]
    }

    /// The SIREN as a value (it passed its own check when the SIRET was read).
    pub fn to_siren(&self) -> Siren {
        Siren(self.0[..9].to_owned())
    }
}

/// A SIREN (the enterprise, where a SIRET is one of its establishments) that passed its
/// check, stored as its 9 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Siren(String);

/// Why a text is not a SIREN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SirenError {
    NotADigit(char),
    /// Not 9 digits (the count is given; 14 is most likely a SIRET).
    Length(usize),
    Key,
}

impl SirenError {
    /// The message shown next to the field.
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (SirenError::NotADigit(c), Lang::Fr) => {
                format!("numéro SIREN invalide : « {c} » n’est pas un chiffre")
            }
            (SirenError::NotADigit(c), Lang::En) => {
                format!("invalid SIREN number: “{c}” is not a digit")
            }
            (SirenError::Length(14), Lang::Fr) => "numéro SIREN invalide : il faut 9 chiffres, il y en a 14 ; c’est sans doute un SIRET, dont le SIREN est formé des 9 premiers chiffres".to_owned(),
            (SirenError::Length(14), Lang::En) => "invalid SIREN number: it has 9 digits, not 14; this is probably a SIRET, whose first 9 digits are the SIREN".to_owned(),
            (SirenError::Length(n), Lang::Fr) => {
                format!("numéro SIREN invalide : il faut 9 chiffres, il y en a {n}")
            }
            (SirenError::Length(n), Lang::En) => {
                format!("invalid SIREN number: it has 9 digits, not {n}")
            }
            (SirenError::Key, Lang::Fr) => "numéro SIREN invalide : la clé de contrôle ne correspond pas, un chiffre est sans doute mal recopié".to_owned(),
            (SirenError::Key, Lang::En) => "invalid SIREN number: the check digit does not match, a digit was probably mistyped".to_owned(),
        }
    }
}

impl fmt::Display for SirenError {
    /// In French, as people read it next to the field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

impl std::error::Error for SirenError {}

impl Siren {
    /// Reads a SIREN as people write it: spaces (also non-breaking ones) dropped; exactly 9
    /// digits whose Luhn key checks. La Poste's SIREN, 356000000, passes the Luhn check like
    /// any other (its exception concerns its establishments' SIRETs).
    pub fn parse(text: &str) -> Result<Siren, SirenError> {
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(bad) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(SirenError::NotADigit(bad));
        }
        if digits.len() != 9 {
            return Err(SirenError::Length(digits.len()));
        }
        if !luhn(&digits) {
            return Err(SirenError::Key);
        }
        Ok(Siren(digits))
    }

    /// The 9 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Siren {
    /// Grouped as on official documents: "732 829 320".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{} {} {}", &d[..3], &d[3..6], &d[6..])
    }
}

impl fmt::Display for Siret {
    /// Grouped as on official documents: "732 829 320 00074".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{} {} {} {}", &d[..3], &d[3..6], &d[6..9], &d[9..])
    }
}

fn digit_values(digits: &str) -> impl Iterator<Item = u32> + '_ {
    digits.chars().filter_map(|c| c.to_digit(10))
}

/// The Luhn check: from the right, every second digit is doubled (9 taken off above 9) and
/// the total is a multiple of 10.
fn luhn(digits: &str) -> bool {
    let values: Vec<u32> = digit_values(digits).collect();
    let total: u32 = values
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    total.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_siret_with_a_correct_key_is_accepted() {
        let siret = Siret::parse("73282932000074").expect("valid");
        assert_eq!(siret.as_str(), "73282932000074");
        assert_eq!(siret.siren(), "732829320");
        assert_eq!(siret.to_string(), "732 829 320 00074");
    }

    #[test]
    fn spaces_between_groups_are_dropped() {
        for written in [
            "732 829 320 00074",
            " 73282932000074 ",
            "732\u{a0}829\u{a0}320\u{a0}00074",
            "732\u{202f}829\u{202f}320\u{202f}00074",
        ] {
            assert_eq!(
                Siret::parse(written).map(|s| s.as_str().to_owned()),
                Ok("73282932000074".to_owned()),
                "{written:?}"
            );
        }
    }

    #[test]
    fn a_wrong_last_digit_is_refused_because_of_the_key() {
        let error = Siret::parse("73282932000075").expect_err("invalid");
        assert_eq!(error, SiretError::Key);
        assert_eq!(
            error.to_string(),
            "numéro SIRET invalide : la clé de contrôle ne correspond pas, un chiffre est sans doute mal recopié"
        );
    }

    #[test]
    fn la_poste_head_office_is_accepted_by_its_luhn_key() {
        assert!(Siret::parse("35600000000048").is_ok());
    }

    #[test]
    fn la_poste_establishments_add_up_to_a_multiple_of_five() {
        // 3+5+6+4+8+9 = 35: no valid Luhn key, yet a real La Poste numbering.
        assert!(!luhn("35600000004890"));
        assert!(Siret::parse("35600000004890").is_ok());
        // 3+5+6+4+8+8 = 34.
        assert_eq!(Siret::parse("35600000004880"), Err(SiretError::Key));
    }

    #[test]
    fn the_siren_inside_must_have_its_own_key() {
        // 73282932100072 passes the Luhn check as a whole, but its SIREN 732829321 does not.
        assert!(luhn("73282932100072"));
        assert_eq!(Siret::parse("73282932100072"), Err(SiretError::SirenKey));
        assert_eq!(
            SiretError::SirenKey.to_string(),
            "numéro SIRET invalide : les 9 premiers chiffres (le SIREN) n’ont pas une clé de contrôle correcte"
        );
    }

    #[test]
    fn the_wrong_number_of_digits_is_named() {
        assert_eq!(Siret::parse("7328293200007"), Err(SiretError::Length(13)));
        assert_eq!(Siret::parse(""), Err(SiretError::Length(0)));
        assert_eq!(
            Siret::parse("732829320000740").map_err(|e| e.to_string()),
            Err("numéro SIRET invalide : il faut 14 chiffres, il y en a 15".to_owned())
        );
    }

    #[test]
    fn letters_and_punctuation_are_named() {
        assert_eq!(Siret::parse("7328293200007A"), Err(SiretError::NotADigit('A')));
        assert_eq!(
            Siret::parse("732-829-320-00074").map_err(|e| e.to_string()),
            Err("numéro SIRET invalide : « - » n’est pas un chiffre".to_owned())
        );
    }

    #[test]
    fn a_siren_with_a_correct_key_is_accepted() {
        let siren = Siren::parse("732 829 320").expect("valid");
        assert_eq!(siren.as_str(), "732829320");
        assert_eq!(siren.to_string(), "732 829 320");
        assert_eq!(Siren::parse("732\u{a0}829\u{202f}320"), Ok(siren.clone()));
        assert_eq!(Siret::parse("73282932000074").map(|s| s.to_siren()), Ok(siren));
    }

    #[test]
    fn la_poste_siren_is_accepted() {
        assert!(luhn(LA_POSTE_SIREN));
        assert_eq!(
            Siren::parse("356 000 000").map(|s| s.as_str().to_owned()),
            Ok("356000000".to_owned())
        );
    }

    #[test]
    fn a_siren_with_a_wrong_key_is_refused_in_both_languages() {
        assert_eq!(Siren::parse("732829321"), Err(SirenError::Key));
        assert_eq!(
            SirenError::Key.to_string(),
            "numéro SIREN invalide : la clé de contrôle ne correspond pas, un chiffre est sans doute mal recopié"
        );
        assert_eq!(
            SirenError::Key.message(Lang::En),
            "invalid SIREN number: the check digit does not match, a digit was probably mistyped"
        );
    }

    #[test]
    fn a_siren_of_the_wrong_length_or_with_letters_is_named() {
        assert_eq!(Siren::parse("73282932"), Err(SirenError::Length(8)));
        assert_eq!(
            Siren::parse("73282932").map_err(|e| e.message(Lang::Fr)),
            Err("numéro SIREN invalide : il faut 9 chiffres, il y en a 8".to_owned())
        );
        assert_eq!(
            Siren::parse("73282932000074").map_err(|e| e.to_string()),
            Err("numéro SIREN invalide : il faut 9 chiffres, il y en a 14 ; c’est sans doute un SIRET, dont le SIREN est formé des 9 premiers chiffres".to_owned())
        );
        assert_eq!(Siren::parse("73282932O"), Err(SirenError::NotADigit('O')));
        assert_eq!(
            SirenError::NotADigit('O').message(Lang::En),
            "invalid SIREN number: “O” is not a digit"
        );
        assert_eq!(Siren::parse(""), Err(SirenError::Length(0)));
    }

    #[test]
    fn every_error_has_a_message_key() {
        for error in [
            SiretError::NotADigit('x'),
            SiretError::Length(3),
            SiretError::SirenKey,
            SiretError::Key,
        ] {
            assert!(error.message_key().starts_with("organisation-error-siret-"));
        }
    }
}
