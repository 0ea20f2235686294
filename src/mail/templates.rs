//! The kinds of email the platform sends, each a struct with the recipient's language and its
//! variables, and its three templates under `templates/emails/<name>/`: `subject.txt` and
//! `body.txt` (not escaped) and `body.html` (HTML-escaped, inside `emails/layout.html`).

use askama::Template;

use super::{Email, RenderedEmail, one_line, text_part};
use crate::domain::lang::Lang;

/// Declares an email kind: its name and the three askama templates that render it. Each
/// template sees the email as `email` (fields, `email.t("key")`); the HTML one also sees the
/// rendered `subject` for its `<title>`.
macro_rules! email_templates {
    ($email:ty, $kind:literal, subject: $subject:literal, text: $text:literal, html: $html:literal) => {
        const _: () = {
            #[derive(Template)]
            #[template(path = $subject)]
            struct Subject<'a> {
                email: &'a $email,
            }

            #[derive(Template)]
            #[template(path = $text)]
            struct Text<'a> {
                email: &'a $email,
            }

            #[derive(Template)]
            #[template(path = $html)]
            struct Html<'a> {
                email: &'a $email,
                subject: &'a str,
            }

            impl Email for $email {
                const KIND: &'static str = $kind;

                fn lang(&self) -> Lang {
                    self.lang
                }

                fn render(&self) -> Result<RenderedEmail, askama::Error> {
                    let subject = one_line(&Subject { email: self }.render()?);
                    let text = text_part(Text { email: self }.render()?);
                    let html = Html {
                        email: self,
                        subject: &subject,
                    }
                    .render()?;
                    Ok(RenderedEmail {
                        subject,
                        text,
                        html,
                    })
                }
            }
        };
    };
}

/// Sent at sign-up: the link that confirms the address and activates the account. The link
/// carries a secret token: it is valid 24 hours and works once (the accounts module enforces
/// both; the email says so).
#[derive(Debug, Clone)]
pub struct ConfirmAccount {
    pub lang: Lang,
    /// The absolute confirmation address, token included.
    pub link: String,
}

email_templates!(
    ConfirmAccount,
    "confirm-account",
    subject: "emails/confirm-account/subject.txt",
    text: "emails/confirm-account/body.txt",
    html: "emails/confirm-account/body.html"
);

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://ptce.example/compte/confirmer?jeton=abc&x=<1>";

    fn render(lang: Lang) -> RenderedEmail {
        ConfirmAccount {
            lang,
            link: LINK.into(),
        }
        .render()
        .expect("renders")
    }

    #[test]
    fn the_confirmation_email_reads_in_french() {
        let email = render(Lang::Fr);
        assert_eq!(email.subject, "Confirmez votre adresse électronique — PTCE");
        assert!(email.text.starts_with("Bonjour,\n\n"), "{}", email.text);
        assert!(
            email.text.contains(&format!("\n\n{LINK}\n\n")),
            "{}",
            email.text
        );
        assert!(
            email
                .text
                .contains("Ce lien est valable 24 heures et ne peut servir qu’une seule fois."),
            "{}",
            email.text
        );
        assert!(
            email.text.contains("Si vous n’avez pas demandé"),
            "{}",
            email.text
        );
        assert!(
            email.text.ends_with("Merci de ne pas y répondre.\n"),
            "{}",
            email.text
        );
        assert!(
            email
                .html
                .starts_with("<!DOCTYPE html>\n<html lang=\"fr\">")
        );
        assert!(
            email
                .html
                .contains("<title>Confirmez votre adresse électronique — PTCE</title>"),
            "{}",
            email.html
        );
        assert!(
            email
                .html
                .contains("Confirmer mon adresse électronique</a>")
        );
        assert!(email.html.contains("valable 24 heures"));
    }

    #[test]
    fn the_confirmation_email_reads_in_english() {
        let email = render(Lang::En);
        assert_eq!(email.subject, "Confirm your email address — PTCE");
        assert!(email.text.starts_with("Hello,\n\n"), "{}", email.text);
        assert!(
            email.text.contains(&format!("\n\n{LINK}\n\n")),
            "{}",
            email.text
        );
        assert!(
            email
                .text
                .contains("This link is valid for 24 hours and can be used only once."),
            "{}",
            email.text
        );
        assert!(email.text.contains("If you did not ask for this account"));
        assert!(
            email
                .html
                .starts_with("<!DOCTYPE html>\n<html lang=\"en\">")
        );
        assert!(email.html.contains("Confirm my email address</a>"));
    }

    #[test]
    fn the_link_is_escaped_in_html_and_left_as_is_in_text() {
        let email = render(Lang::Fr);
        let escaped = "https://ptce.example/compte/confirmer?jeton=abc&#38;x=&#60;1&#62;";
        assert!(
            email.html.contains(&format!("href=\"{escaped}\"")),
            "{}",
            email.html
        );
        assert!(!email.html.contains(LINK));
        assert!(!email.text.contains("&#38;"));
    }

    #[test]
    fn an_email_loads_no_remote_resource() {
        let email = render(Lang::En);
        assert!(!email.html.contains("<img"));
        assert!(!email.html.contains("src="));
        assert!(!email.html.contains("<link"));
    }
}
