//! Delivering one rendered email: over SMTP when SMTP_URL is set (lettre, rustls), otherwise as
//! an `.eml` file in MAIL_DIR — the same RFC 5322 message either way.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use lettre::address::AddressError;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use time::OffsetDateTime;
use time::macros::format_description;
use uuid::Uuid;

use super::RenderedEmail;
use crate::db::outbox::EmailAttachment;

/// How long one SMTP exchange may take before it counts as a failed attempt.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends messages from MAIL_FROM through the configured transport. Cheap to share (`Arc`); the
/// SMTP side keeps a small pool of connections.
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

enum Transport {
    Smtp {
        client: AsyncSmtpTransport<Tokio1Executor>,
        /// The server as logs may show it: no user, no password.
        shown: String,
    },
    Files(PathBuf),
}

/// A setting that makes sending impossible, found at start.
#[derive(Debug, thiserror::Error)]
pub enum MailerError {
    #[error(
        "SMTP_URL is not a usable SMTP server address ({reason}); write it as smtp://HOST:PORT, \
         smtp://USER:PASSWORD@HOST:587?tls=required or smtps://USER:PASSWORD@HOST:465"
    )]
    SmtpUrl { reason: String },
    #[error(
        "MAIL_FROM `{from}` is not an email address with an optional name, such as \
         `PTCE <ne-pas-repondre@example.org>` ({source})"
    )]
    From { from: String, source: AddressError },
}

/// Why one message was not delivered; the worker records it and tries again later.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("the recipient address is not valid: {0}")]
    To(#[from] AddressError),
    #[error("the message cannot be built: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("an attachment has an unusable content type `{0}`")]
    ContentType(String),
    #[error("cannot write the message into {dir}: {source}")]
    File { dir: PathBuf, source: std::io::Error },
}

impl Mailer {
    /// A mailer from the settings: SMTP when `smtp_url` is given, files in `mail_dir` otherwise.
    /// Nothing is contacted or created yet. Call it inside the Tokio runtime: the SMTP
    /// connection pool starts its own task.
    pub fn new(
        smtp_url: Option<&str>,
        mail_dir: &Path,
        mail_from: &str,
    ) -> Result<Mailer, MailerError> {
        let from = mail_from
            .parse::<Mailbox>()
            .map_err(|source| MailerError::From { from: mail_from.to_owned(), source })?;
        let transport = match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => {
                let bad = |reason: String| MailerError::SmtpUrl { reason };
                let parsed = url::Url::parse(url).map_err(|e| bad(e.to_string()))?;
                if parsed.host_str().is_none_or(str::is_empty) {
                    return Err(bad("no host".into()));
                }
                Transport::Smtp {
                    client: AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                        .map_err(|e| bad(e.to_string()))?
                        .timeout(Some(SMTP_TIMEOUT))
                        .build(),
                    shown: format!(
                        "{}://{}{}",
                        parsed.scheme(),
                        parsed.host_str().unwrap_or_default(),
                        parsed.port().map(|p| format!(":{p}")).unwrap_or_default()
                    ),
                }
            }
            None => Transport::Files(mail_dir.to_owned()),
        };
        Ok(Mailer { from, transport })
    }

    /// Where messages go, for the start-up log line (never with a password).
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp { shown, .. } => format!("the SMTP server {shown}"),
            Transport::Files(dir) => format!("files in {} (SMTP_URL is unset)", dir.display()),
        }
    }

    /// Delivers one message. `id` (the outbox id) makes the Message-ID, so a message sent again
    /// after a lost answer keeps its identity; `now` is its Date.
    pub async fn send(
        &self,
        id: Uuid,
        to: &str,
        email: &RenderedEmail,
        attachments: &[EmailAttachment],
        now: OffsetDateTime,
    ) -> Result<(), SendError> {
        let message = self.message(id, to, email, attachments, now)?;
        match &self.transport {
            Transport::Smtp { client, .. } => {
                client.send(message).await?;
            }
            Transport::Files(dir) => {
                write_eml(dir, id, now, message.formatted())
                    .await
                    .map_err(|source| SendError::File { dir: dir.clone(), source })?;
            }
        }
        Ok(())
    }

    /// The full MIME message: multipart/alternative with the text then the HTML part, UTF-8;
    /// inside multipart/mixed with the attachments when there are some.
    fn message(
        &self,
        id: Uuid,
        to: &str,
        email: &RenderedEmail,
        attachments: &[EmailAttachment],
        now: OffsetDateTime,
    ) -> Result<Message, SendError> {
        let to = to.parse::<Mailbox>()?;
        let domain = self.from.email.domain();
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.as_str())
            .message_id(Some(format!("<{}@{domain}>", id.simple())))
            .date(SystemTime::from(now));
        let body = MultiPart::alternative_plain_html(email.text.clone(), email.html.clone());
        if attachments.is_empty() {
            return Ok(builder.multipart(body)?);
        }
        let mut mixed = MultiPart::mixed().multipart(body);
        for file in attachments {
            let content_type = ContentType::parse(&file.content_type)
                .map_err(|_| SendError::ContentType(file.content_type.clone()))?;
            mixed = mixed.singlepart(
                Attachment::new(file.filename.clone()).body(file.data.clone(), content_type),
            );
        }
        Ok(builder.multipart(mixed)?)
    }
}

/// Writes `<dir>/<UTC timestamp>-<id>.eml` atomically: a hidden temporary file in the same
/// folder, flushed to disk, then renamed, so a reader never sees half a message.
async fn write_eml(
    dir: &Path,
    id: Uuid,
    now: OffsetDateTime,
    bytes: Vec<u8>,
) -> std::io::Result<PathBuf> {
    let stamp = now
        .to_offset(time::UtcOffset::UTC)
        .format(format_description!("[year][month][day]T[hour][minute][second]Z"))
        .map_err(std::io::Error::other)?;
    let dir = dir.to_owned();
    let name = format!("{stamp}-{id}.eml");
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&dir)?;
        let temp = dir.join(format!(".{name}.tmp"));
        let written = (|| {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            // A message may carry a secret link: readable by its owner only.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&temp)?;
            file.write_all(&bytes)?;
            file.sync_all()
        })();
        if let Err(error) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(error);
        }
        let path = dir.join(name);
        std::fs::rename(&temp, &path)?;
        Ok(path)
    })
    .await
    .map_err(std::io::Error::other)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_bad_smtp_url_is_refused_with_the_expected_forms() {
        for url in ["not a url", "http://smtp.example.org", "smtp://"] {
            let error = Mailer::new(Some(url), Path::new("mail"), "PTCE <a@example.org>")
                .err()
                .unwrap_or_else(|| panic!("{url} is refused"));
            let text = error.to_string();
            assert!(text.starts_with("SMTP_URL is not a usable SMTP server address ("), "{text}");
            assert!(text.contains("smtps://USER:PASSWORD@HOST:465"), "{text}");
        }
    }

    #[tokio::test]
    async fn the_smtp_server_is_shown_without_its_password() {
        let mailer = Mailer::new(
            Some("smtps://user:secret@smtp.example.org:465"),
            Path::new("mail"),
            "PTCE <a@example.org>",
        )
        .expect("valid");
        assert_eq!(mailer.describe(), "the SMTP server smtps://smtp.example.org:465");
    }

    #[test]
    fn a_bad_sender_is_refused() {
        let error = Mailer::new(None, Path::new("mail"), "PTCE <nobody>").err().expect("refused");
        assert!(error.to_string().starts_with("MAIL_FROM `PTCE <nobody>` is not"));
    }

    #[test]
    fn no_smtp_url_means_files_in_the_mail_dir() {
        let mailer = Mailer::new(Some("  "), Path::new("data/mail"), "a@example.org").expect("ok");
        assert_eq!(mailer.describe(), "files in data/mail (SMTP_URL is unset)");
    }
}
