//! Passwords people choose: the rules of the CNIL (délibération 2022-100) and OWASP ASVS 6.2 —
//! at least 12 characters, at least 64 accepted, no composition rules, not a common password.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The shortest password accepted.
pub const MIN_CHARS: usize = 12;
/// The longest password accepted: far above ASVS's 64, short enough that hashing stays cheap.
pub const MAX_CHARS: usize = 256;

/// Passwords known from breaches and frequency lists (`data/common-passwords.txt`, see
/// `data/README.md`), lower-cased.
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
});

/// A password that passed the rules; it lives only long enough to be hashed.
pub struct NewPassword(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("shorter than {MIN_CHARS} characters")]
    TooShort,
    #[error("longer than {MAX_CHARS} characters")]
    TooLong,
    #[error("a common password")]
    Common,
    #[error("the same as the email address")]
    SameAsEmail,
}

impl PasswordError {
    pub fn message_key(self) -> &'static str {
        match self {
            PasswordError::TooShort => "error-password-too-short",
            PasswordError::TooLong => "error-password-too-long",
            PasswordError::Common => "error-password-common",
            PasswordError::SameAsEmail => "error-password-same-as-email",
        }
    }
}

impl NewPassword {
    /// Checks a chosen password. `email` is the account's address, which must not be reused.
    pub fn parse(text: &str, email: &str) -> Result<NewPassword, PasswordError> {
        let chars = text.chars().count();
        if chars < MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if chars > MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        let lower = text.to_lowercase();
        if COMMON.contains(lower.trim()) || is_one_repeated_piece(&lower) {
            return Err(PasswordError::Common);
        }
        let email = email.trim().to_lowercase();
        if !email.is_empty()
            && (lower == email || email.split('@').next().is_some_and(|local| lower == local))
        {
            return Err(PasswordError::SameAsEmail);
        }
        Ok(NewPassword(text.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// "aaaaaaaaaaaa", "abcabcabcabc": long but trivially guessed.
fn is_one_repeated_piece(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (1..=chars.len() / 3).any(|size| {
        chars.len().is_multiple_of(size) && chars.chunks(size).all(|c| c == &chars[..size])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_characters_are_enough_and_eleven_are_not() {
        assert!(NewPassword::parse("cooperation7", "a@b.fr").is_ok());
        assert_eq!(
            NewPassword::parse("cooperativ7", "a@b.fr").err(),
            Some(PasswordError::TooShort)
        );
    }

    #[test]
    fn a_long_passphrase_of_any_characters_is_accepted() {
        let phrase = "Le pôle de Romans-sur-Isère coopère depuis 2007 avec quarante entreprises \
                      de l’économie sociale et solidaire !";
        assert!(phrase.chars().count() > 64);
        assert!(NewPassword::parse(phrase, "a@b.fr").is_ok());
        assert_eq!(
            NewPassword::parse(&"x1".repeat(129), "a@b.fr").err(),
            Some(PasswordError::TooLong)
        );
    }

    #[test]
    fn common_and_repetitive_passwords_are_refused() {
        assert_eq!(NewPassword::parse("123456789012", "a@b.fr").err(), Some(PasswordError::Common));
        assert_eq!(NewPassword::parse("aaaaaaaaaaaa", "a@b.fr").err(), Some(PasswordError::Common));
        assert_eq!(NewPassword::parse("abcdabcdabcd", "a@b.fr").err(), Some(PasswordError::Common));
    }

    #[test]
    fn the_email_address_is_not_a_password() {
        assert_eq!(
            NewPassword::parse("Laurent.Fraisse@lelabo-ess.org", "laurent.fraisse@lelabo-ess.org")
                .err(),
            Some(PasswordError::SameAsEmail)
        );
    }
}
