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
                    let html = Html { email: self, subject: &subject }.render()?;
                    Ok(RenderedEmail { subject, text, html })
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

/// Sent when a member invites a colleague to their organisation: the link shows the invitation
/// and lets the colleague join, creating an account if needed. Valid 7 days, works once (the
/// organisations module enforces both; the email says so). Texts in `organisations.ftl`.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub lang: Lang,
    pub organisation: String,
    /// The name of the member who invites.
    pub inviter: String,
    /// The absolute address of the invitation, token included.
    pub link: String,
}

impl Invitation {
    /// "Camille Martin vous invite à rejoindre …": two arguments, which `t_arg` cannot give.
    pub fn intro(&self) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        crate::i18n::t_args(
            self.lang,
            "email-invitation-intro",
            &[
                ("inviter", FluentValue::from(self.inviter.as_str())),
                ("organisation", FluentValue::from(self.organisation.as_str())),
            ],
        )
    }
}

email_templates!(
    Invitation,
    "invitation",
    subject: "emails/invitation/subject.txt",
    text: "emails/invitation/body.txt",
    html: "emails/invitation/body.html"
);

/// Sent when someone asks for a new password for an address that has an account: the link
/// sets a new password; valid 1 hour, works once (`db::credentials` enforces both; the email
/// says so). Texts in `credentials.ftl`.
#[derive(Debug, Clone)]
pub struct ResetPassword {
    pub lang: Lang,
    /// The absolute address of the new-password form, token included.
    pub link: String,
}

email_templates!(
    ResetPassword,
    "reset-password",
    subject: "emails/reset-password/subject.txt",
    text: "emails/reset-password/body.txt",
    html: "emails/reset-password/body.html"
);

/// Sent when someone signs up with an address whose account is already active: the screen
/// says the same as for a new account (no enumeration); the owner learns it here, with the
/// ways in. Texts in `credentials.ftl`.
#[derive(Debug, Clone)]
pub struct AccountExists {
    pub lang: Lang,
    /// The absolute address of the login page.
    pub login_link: String,
    /// The absolute address of the forgotten-password page.
    pub reset_link: String,
}

email_templates!(
    AccountExists,
    "account-exists",
    subject: "emails/account-exists/subject.txt",
    text: "emails/account-exists/body.txt",
    html: "emails/account-exists/body.html"
);

/// Sent to the new address when a person asks to change theirs: the link makes the switch;
/// valid 24 hours, works once, only for that person. Texts in `credentials.ftl`.
#[derive(Debug, Clone)]
pub struct ConfirmNewEmail {
    pub lang: Lang,
    /// The absolute confirmation address, token included.
    pub link: String,
}

email_templates!(
    ConfirmNewEmail,
    "confirm-new-email",
    subject: "emails/confirm-new-email/subject.txt",
    text: "emails/confirm-new-email/body.txt",
    html: "emails/confirm-new-email/body.html"
);

/// Sent to the current address when its owner (or whoever knows the password) asks to change
/// it, naming the new address, with the way to take the account back. Texts in
/// `credentials.ftl`.
#[derive(Debug, Clone)]
pub struct EmailChangedNotice {
    pub lang: Lang,
    pub new_email: String,
    /// The absolute address of the forgotten-password page.
    pub reset_link: String,
}

email_templates!(
    EmailChangedNotice,
    "email-changed-notice",
    subject: "emails/email-changed-notice/subject.txt",
    text: "emails/email-changed-notice/body.txt",
    html: "emails/email-changed-notice/body.html"
);

/// Sent when a back-office account logs in from a device it has not used before: the six-digit
/// code that proves the person also holds the mailbox (valid 10 minutes, once).
#[derive(Debug, Clone)]
pub struct DeviceCode {
    pub lang: Lang,
    pub code: String,
}

email_templates!(
    DeviceCode,
    "device-code",
    subject: "emails/device-code/subject.txt",
    text: "emails/device-code/body.txt",
    html: "emails/device-code/body.html"
);

/// Sent by an administrator to a future referent, reviewer, steering member or administrator:
/// the link (valid 7 days, once) where they choose their password.
#[derive(Debug, Clone)]
pub struct StaffInvitation {
    pub lang: Lang,
    /// The role, as the recipient reads it ("Référent ou référente — COORACE").
    pub role: String,
    pub link: String,
}

email_templates!(
    StaffInvitation,
    "staff-invitation",
    subject: "emails/staff-invitation/subject.txt",
    text: "emails/staff-invitation/body.txt",
    html: "emails/staff-invitation/body.html"
);

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://ptce.example/compte/confirmer?jeton=abc&x=<1>";

    fn render(lang: Lang) -> RenderedEmail {
        ConfirmAccount { lang, link: LINK.into() }.render().expect("renders")
    }

    #[test]
    fn the_confirmation_email_reads_in_french() {
        let email = render(Lang::Fr);
        assert_eq!(email.subject, "Confirmez votre adresse électronique — PTCE");
        assert!(email.text.starts_with("Bonjour,\n\n"), "{}", email.text);
        assert!(email.text.contains(&format!("\n\n{LINK}\n\n")), "{}", email.text);
        assert!(
            email
                .text
                .contains("Ce lien est valable 24 heures et ne peut servir qu’une seule fois."),
            "{}",
            email.text
        );
        assert!(email.text.contains("Si vous n’avez pas demandé"), "{}", email.text);
        assert!(email.text.ends_with("Merci de ne pas y répondre.\n"), "{}", email.text);
        assert!(email.html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert!(
            email.html.contains("<title>Confirmez votre adresse électronique — PTCE</title>"),
            "{}",
            email.html
        );
        assert!(email.html.contains("Confirmer mon adresse électronique</a>"));
        assert!(email.html.contains("valable 24 heures"));
    }

    #[test]
    fn the_confirmation_email_reads_in_english() {
        let email = render(Lang::En);
        assert_eq!(email.subject, "Confirm your email address — PTCE");
        assert!(email.text.starts_with("Hello,\n\n"), "{}", email.text);
        assert!(email.text.contains(&format!("\n\n{LINK}\n\n")), "{}", email.text);
        assert!(
            email.text.contains("This link is valid for 24 hours and can be used only once."),
            "{}",
            email.text
        );
        assert!(email.text.contains("If you did not ask for this account"));
        assert!(email.html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(email.html.contains("Confirm my email address</a>"));
    }

    #[test]
    fn the_link_is_escaped_in_html_and_left_as_is_in_text() {
        let email = render(Lang::Fr);
        let escaped = "https://ptce.example/compte/confirmer?jeton=abc&#38;x=&#60;1&#62;";
        assert!(email.html.contains(&format!("href=\"{escaped}\"")), "{}", email.html);
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

/// The receipt (récépissé) of a submission; the PDF receipt is attached by the outbox.
#[derive(Debug, Clone)]
pub struct SubmissionReceipt {
    pub lang: Lang,
    pub reference: String,
    pub title: String,
    pub submitted_at: String,
    pub sha256: String,
    pub link: String,
}

impl SubmissionReceipt {
    pub fn intro(&self) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        crate::i18n::t_args(
            self.lang,
            "email-receipt-intro",
            &[
                ("reference", FluentValue::from(self.reference.as_str())),
                ("title", FluentValue::from(self.title.as_str())),
            ],
        )
    }
}

email_templates!(
    SubmissionReceipt,
    "submission-receipt",
    subject: "emails/submission-receipt/subject.txt",
    text: "emails/submission-receipt/body.txt",
    html: "emails/submission-receipt/body.html"
);

/// Sent when someone expresses interest or support (form C, no account): the link confirms the
/// address, and only then does the expression count. Valid 7 days, works once (`db::supporters`
/// enforces both; the email says so). Texts in `supporters.ftl`.
#[derive(Debug, Clone)]
pub struct ConfirmInterest {
    pub lang: Lang,
    /// What is supported, as the form shows it ("La démarche en général", a pole's name).
    pub target: String,
    /// The absolute confirmation address, token included.
    pub link: String,
}

impl ConfirmInterest {
    /// "Vous avez manifesté votre intérêt ou votre soutien pour « … »".
    pub fn intro(&self) -> String {
        self.t_arg("email-interest-intro", "target", &self.target)
    }
}

email_templates!(
    ConfirmInterest,
    "confirm-interest",
    subject: "emails/confirm-interest/subject.txt",
    text: "emails/confirm-interest/body.txt",
    html: "emails/confirm-interest/body.html"
);

/// Sent when a message is added to a dossier's thread: to the candidate organisation's members
/// when the back office writes, to the referents of the dossier's network (the steering group
/// when it has none) when the candidate writes. It says who wrote and links to the thread; it
/// never carries the message itself (to be read once logged in), nor any private annotation.
/// Texts in `exchanges.ftl`.
#[derive(Debug, Clone)]
pub struct DossierMessage {
    pub lang: Lang,
    /// "A-0007".
    pub reference: String,
    /// The pole's or initiative's name.
    pub title: String,
    /// Who wrote: a person's name, or their network for the back office.
    pub author: String,
    /// The absolute address of the thread.
    pub link: String,
}

impl DossierMessage {
    /// "Un nouveau message de … sur le dossier A-0007 (…)".
    pub fn intro(&self) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        crate::i18n::t_args(
            self.lang,
            "email-message-intro",
            &[
                ("author", FluentValue::from(self.author.as_str())),
                ("reference", FluentValue::from(self.reference.as_str())),
                ("title", FluentValue::from(self.title.as_str())),
            ],
        )
    }
}

email_templates!(
    DossierMessage,
    "dossier-message",
    subject: "emails/dossier-message/subject.txt",
    text: "emails/dossier-message/body.txt",
    html: "emails/dossier-message/body.html"
);

/// Sent when the steering group releases the decision on a dossier: to each member of the
/// candidate organisation, the decision letter the steering group wrote for the outcome (in the
/// member's language, variables filled) and a link to the letter as PDF. Never sent before the
/// release. Texts in `decisions.ftl`.
#[derive(Debug, Clone)]
pub struct DecisionReleased {
    pub lang: Lang,
    /// The letter's subject, variables filled (the steering group's text for the outcome).
    pub subject: String,
    /// The letter's body as written (plain text, simple Markdown), variables filled.
    pub body_text: String,
    /// The same body as safe HTML.
    pub body_html: String,
    /// The absolute address of the decision letter (PDF).
    pub letter_link: String,
}

email_templates!(
    DecisionReleased,
    "decision",
    subject: "emails/decision/subject.txt",
    text: "emails/decision/body.txt",
    html: "emails/decision/body.html"
);

/// Sent when a candidate sends the complement a referent asked for: to each referent of the
/// dossier's network (the steering group when it has none), with a link to the dossier and none
/// of its content. Texts in `complements.ftl`.
#[derive(Debug, Clone)]
pub struct ComplementSent {
    pub lang: Lang,
    pub reference: String,
    pub title: String,
    /// The absolute address of the dossier's page in the back office.
    pub link: String,
}

impl ComplementSent {
    /// "La structure candidate a complété le dossier A-0007 (…)".
    pub fn intro(&self) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        crate::i18n::t_args(
            self.lang,
            "email-complement-intro",
            &[
                ("reference", FluentValue::from(self.reference.as_str())),
                ("title", FluentValue::from(self.title.as_str())),
            ],
        )
    }
}

email_templates!(
    ComplementSent,
    "complement-sent",
    subject: "emails/complement-sent/subject.txt",
    text: "emails/complement-sent/body.txt",
    html: "emails/complement-sent/body.html"
);

/// Sent by the steering group, from the statistics page, to the authors of drafts not yet
/// submitted: one per person whatever their number of drafts, listing them, with the deadline,
/// a link to their space and one to stop these reminders (`/espace/relances`). Texts in
/// `statistics.ftl`.
#[derive(Debug, Clone)]
pub struct DraftReminder {
    pub lang: Lang,
    /// One line per draft: "A-0003 — Pôle Sud Archer".
    pub drafts: Vec<String>,
    /// When submissions close, as said in running text; `None` when the call has no deadline.
    pub deadline: Option<String>,
    /// The absolute address of the person's space.
    pub link: String,
    /// The absolute address where the person stops these reminders.
    pub opt_out: String,
}

impl DraftReminder {
    /// "Votre dossier … n’est pas encore déposé. Les candidatures ferment le …".
    pub fn intro(&self) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        match &self.deadline {
            Some(deadline) => crate::i18n::t_args(
                self.lang,
                "email-draft-reminder-intro",
                &[
                    ("count", FluentValue::from(self.drafts.len())),
                    ("deadline", FluentValue::from(deadline.as_str())),
                ],
            ),
            None => crate::i18n::t_args(
                self.lang,
                "email-draft-reminder-intro-open",
                &[("count", FluentValue::from(self.drafts.len()))],
            ),
        }
    }
}

email_templates!(
    DraftReminder,
    "draft-reminder",
    subject: "emails/draft-reminder/subject.txt",
    text: "emails/draft-reminder/body.txt",
    html: "emails/draft-reminder/body.html"
);

/// Sent to each member of a pole's organisation when the steering group publishes the version of
/// its public page they proposed (with the page's link), or refuses it (with the steering
/// group's note and a link to the publication form). Texts in `poles.ftl`.
#[derive(Debug, Clone)]
pub struct PoleDecided {
    pub lang: Lang,
    /// The pole's name.
    pub title: String,
    pub published: bool,
    /// Why a version was refused.
    pub note: Option<String>,
    /// The public page, or the publication form.
    pub link: String,
}

email_templates!(
    PoleDecided,
    "pole-decided",
    subject: "emails/pole-decided/subject.txt",
    text: "emails/pole-decided/body.txt",
    html: "emails/pole-decided/body.html"
);

/// Sent by the steering group to invite someone to a meeting of the network (a pole's member or
/// a supporter): when and where, the personal link to answer (no account needed, usable again
/// to change the answer until the meeting) and the meeting's public page with its calendar
/// file. Texts in `events.ftl`.
#[derive(Debug, Clone)]
pub struct EventInvitation {
    pub lang: Lang,
    pub title: String,
    /// "15 février 2012 (toute la journée)", "15 février 2012, de 10 h 00 à 17 h 00".
    pub when: String,
    /// Empty when not set yet.
    pub place: String,
    /// The absolute answer address, token included.
    pub link: String,
    /// The absolute address of the meeting's public page.
    pub page: String,
}

email_templates!(
    EventInvitation,
    "event-invitation",
    subject: "emails/event-invitation/subject.txt",
    text: "emails/event-invitation/body.txt",
    html: "emails/event-invitation/body.html"
);

/// Sent once, before a meeting, to those who answered yes or maybe: when and where, their
/// answer, and a new personal link to change it. Texts in `events.ftl`.
#[derive(Debug, Clone)]
pub struct EventReminder {
    pub lang: Lang,
    pub title: String,
    pub when: String,
    pub place: String,
    /// "Oui, 2 personnes", "Peut-être, 1 personne".
    pub answer: String,
    pub link: String,
    pub page: String,
}

email_templates!(
    EventReminder,
    "event-reminder",
    subject: "emails/event-reminder/subject.txt",
    text: "emails/event-reminder/body.txt",
    html: "emails/event-reminder/body.html"
);

/// Sent once per change of a meeting's date, times or place (when the steering group keeps
/// "Prévenir les invités" ticked) to each invitee who has not declined: the new and the former
/// date and place, a new personal link to change the answer; the updated `.ics` is attached.
/// Texts in `events.ftl`.
#[derive(Debug, Clone)]
pub struct EventUpdate {
    pub lang: Lang,
    pub title: String,
    pub when: String,
    pub place: String,
    pub former_when: String,
    pub former_place: String,
    pub link: String,
    pub page: String,
}

email_templates!(
    EventUpdate,
    "event-update",
    subject: "emails/event-update/subject.txt",
    text: "emails/event-update/body.txt",
    html: "emails/event-update/body.html"
);

/// Sent once when a meeting is cancelled, to each invitee who has not declined; the `.ics`
/// attached (`METHOD:CANCEL`) removes it from their calendar. Texts in `events.ftl`.
#[derive(Debug, Clone)]
pub struct EventCancelled {
    pub lang: Lang,
    pub title: String,
    pub when: String,
    pub place: String,
    pub page: String,
}

email_templates!(
    EventCancelled,
    "event-cancelled",
    subject: "emails/event-cancelled/subject.txt",
    text: "emails/event-cancelled/body.txt",
    html: "emails/event-cancelled/body.html"
);

/// Sent to each member of a published pole whose report for a period is not submitted yet:
/// once shortly before the due date, once after it (src/progress; at most one of each per pole
/// and period). Texts in `progress.ftl`.
#[derive(Debug, Clone)]
pub struct ProgressReminder {
    pub lang: Lang,
    /// The pole's name.
    pub pole: String,
    /// The period's label: "2012".
    pub period: String,
    /// The due date in words: "31 mars 2013".
    pub due: String,
    /// Whether the due date has passed.
    pub late: bool,
    /// The absolute address of the report's form.
    pub link: String,
}

impl ProgressReminder {
    /// "Le rapport de progrès 2012 du pôle … est attendu pour le 31 mars 2013." (or "était").
    pub fn intro(&self) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        crate::i18n::t_args(
            self.lang,
            if self.late { "email-progress-reminder-late" } else { "email-progress-reminder-soon" },
            &[
                ("pole", FluentValue::from(self.pole.as_str())),
                ("period", FluentValue::from(self.period.as_str())),
                ("due", FluentValue::from(self.due.as_str())),
            ],
        )
    }
}

email_templates!(
    ProgressReminder,
    "progress-reminder",
    subject: "emails/progress-reminder/subject.txt",
    text: "emails/progress-reminder/body.txt",
    html: "emails/progress-reminder/body.html"
);
