//! Email addresses, read once: trimmed, lower-cased, and plausible enough to send to.

use std::fmt;

/// An email address as the platform stores and compares it (lower-cased).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("empty")]
    Empty,
    #[error("too long")]
    TooLong,
    #[error("malformed")]
    Malformed,
}

impl EmailError {
    /// The key of the message shown next to the field.
    pub fn message_key(self) -> &'static str {
        match self {
            EmailError::Empty => "error-email-empty",
            EmailError::TooLong => "error-email-too-long",
            EmailError::Malformed => "error-email-malformed",
        }
    }
}

impl EmailAddress {
    /// Accepts `local@domain.tld` with no spaces or control characters, at most 254 characters
    /// (RFC 5321's path limit), a local part of at most 64.
    pub fn parse(text: &str) -> Result<EmailAddress, EmailError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        if text.chars().count() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = text.rsplit_once('@').ok_or(EmailError::Malformed)?;
        let bad_char =
            |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"@".contains(c);
        let domain_ok = domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain.split('.').all(|label| !label.is_empty() && label.len() <= 63)
            && !domain.chars().any(bad_char);
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && !local.chars().any(bad_char);
        if !(domain_ok && local_ok) {
            return Err(EmailError::Malformed);
        }
        Ok(EmailAddress(text.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_and_lower_cased() {
        let email = EmailAddress::parse("  Anne-Claire.Pignal@COORACE.org ").expect("valid");
        assert_eq!(email.as_str(), "anne-claire.pignal@coorace.org");
    }

    #[test]
    fn addresses_people_really_have_are_accepted() {
        for ok in
            ["laurent@lelabo-ess.org", "michel-adam@orange.fr", "a+ptce@x.co", "élu@mairie.fr"]
        {
            assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn malformed_addresses_are_refused_with_a_reason() {
        assert_eq!(EmailAddress::parse(""), Err(EmailError::Empty));
        for bad in [
            "laurent",
            "laurent@",
            "@lelabo.org",
            "a b@x.fr",
            "a@x",
            "a@x..fr",
            "a@@x.fr",
            ".a@x.fr",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(EmailError::Malformed), "{bad}");
        }
        let long = format!("{}@x.fr", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }
}
