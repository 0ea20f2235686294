//! Email: typed messages rendered from templates in the recipient's language, and the transport
//! that delivers them (SMTP, or `.eml` files in MAIL_DIR). Nothing here is sent from a request:
//! a use case renders an email, queues it in its own transaction (`db::outbox::QueueEmail`),
//! and the worker (`jobs::mail`) sends it.
//!
//! ```ignore
//! let email = ConfirmAccount { lang: user.lang, link };
//! let rendered = email.render()?;
//! let mut tx = pool.begin_write().await?;
//! // … insert the user and the token …
//! tx.queue_email(&user.email, ConfirmAccount::KIND, &rendered, now).await?;
//! tx.commit().await?;
//! app.mail_wakeup.notify_one();
//! ```

pub mod templates;
pub mod transport;

pub use templates::ConfirmAccount;
pub use transport::{Mailer, MailerError, SendError};

use fluent_templates::fluent_bundle::FluentValue;

use crate::domain::lang::Lang;
use crate::i18n;

/// An email ready to queue: a one-line subject, a plain-text part and an HTML part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A kind of email: a struct holding the recipient's language and the message's variables,
/// rendered from `templates/emails/<KIND>/{subject.txt, body.txt, body.html}` with its texts
/// from `locales/<lang>/emails.ftl`. Implemented through `email_templates!` in `templates.rs`.
pub trait Email {
    /// The template's name, stored as the outbox row's `kind`, e.g. `confirm-account`.
    const KIND: &'static str;

    /// The recipient's language.
    fn lang(&self) -> Lang;

    /// The subject, text and HTML of this message.
    fn render(&self) -> Result<RenderedEmail, askama::Error>;

    /// A message of `locales/<lang>/emails.ftl`, for the templates: `{{ email.t("key") }}`.
    fn t(&self, key: &str) -> String {
        i18n::t(self.lang(), key)
    }

    /// A message with one named argument: `{{ email.t_arg("key", "name", value) }}`.
    fn t_arg(&self, key: &str, name: &'static str, value: &str) -> String {
        i18n::t_args(self.lang(), key, &[(name, FluentValue::from(value))])
    }
}

/// A subject is one line: template line breaks and runs of spaces become single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text parts end with exactly one line break, whatever the template's last lines.
fn text_part(text: String) -> String {
    let mut text = text.trim_end().to_owned();
    text.push('\n');
    text
}
