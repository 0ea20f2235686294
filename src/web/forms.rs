//! Form errors: each shown next to its field and in a summary at the top (PRODUCT.md §8).

use crate::domain::lang::Lang;
use crate::i18n;

/// The errors of one submitted form, in the order of its fields.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    errors: Vec<(&'static str, String)>,
}

impl FormErrors {
    pub fn add(&mut self, field: &'static str, lang: Lang, message_key: &str) {
        self.errors.push((field, i18n::t(lang, message_key)));
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Every error, for the summary: (field id, message).
    pub fn all(&self) -> &[(&'static str, String)] {
        &self.errors
    }

    /// The message of a field, if it has one.
    pub fn of(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    /// `true`/`false` for `aria-invalid`.
    pub fn invalid(&self, field: &str) -> &'static str {
        if self.of(field).is_some() { "true" } else { "false" }
    }
}
