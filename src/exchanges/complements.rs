//! Screening verbs of the back office and the complement loop: a referent takes a submitted
//! dossier into screening, or asks for a complement on named sections of its form (with a
//! message in the thread); the candidate may then change only those sections, and sends the
//! complement, which returns the dossier to screening and tells the referents. Each function's
//! comment lists its side effects.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::complements::{NewComplement, SentComplement};
use crate::db::dossiers::Dossier;
use crate::db::exchanges::NewMessage;
use crate::domain::dossier::DossierState;
use crate::domain::form::{self, Answers, Choice, Issue, Severity};
use crate::domain::lang::Lang;
use crate::dossiers::{self, DossierError, forms};
use crate::i18n;
use crate::mail::Email;
use crate::mail::templates::{ComplementSent, DossierMessage};

use super::{TextRefusal, notifications, parse_text};

/// Why a request for a complement was refused; each is shown next to its field.
#[derive(Debug)]
pub enum RequestRefusal {
    /// No section ticked.
    NoSection,
    /// A section the dossier's form does not have (a forged form).
    UnknownSection(String),
    /// The message is empty or too long.
    Text(TextRefusal),
    /// The dossier is in a state one cannot ask a complement of.
    State(DossierState),
}

impl RequestRefusal {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RequestRefusal::NoSection => i18n::t(lang, "complements-refused-no-section"),
            RequestRefusal::UnknownSection(key) => i18n::t_args(
                lang,
                "complements-refused-unknown-section",
                &[("section", key.clone().into())],
            ),
            RequestRefusal::Text(refusal) => refusal.message().text(lang),
            RequestRefusal::State(state) => i18n::t_args(
                lang,
                "complements-refused-state",
                &[("state", state.label(lang).into())],
            ),
        }
    }

    /// Whether the refusal is about the sections (else the message or the state).
    pub fn is_about_sections(&self) -> bool {
        matches!(self, RequestRefusal::NoSection | RequestRefusal::UnknownSection(_))
    }
}

/// The sections the candidate may change: `None` (no restriction) unless the dossier awaits a
/// complement, then the sections its open request names. A dossier in that state without a
/// request (made before requests were recorded) keeps every section open.
pub async fn reopened_sections(
    app: &AppState,
    dossier: &Dossier,
) -> Result<Option<Vec<String>>, sqlx::Error> {
    if dossier.state != DossierState::CorrectionRequested {
        return Ok(None);
    }
    Ok(app.db.open_complement(dossier.id).await?.map(|c| c.sections))
}

/// A referent (or the steering group) takes a submitted dossier into screening. The caller
/// checked the account may. Side effects: the state `screening`, a history row, an audit
/// entry. Refused with the state when the dossier is not (or no longer) submitted.
pub async fn take_into_screening(
    app: &AppState,
    account: &Account,
    dossier: &Dossier,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Result<(), DossierState>> {
    if dossier.state.take_into_screening().is_err()
        || !app.db.take_into_screening(dossier.id, account.id, client, now).await?
    {
        let state = app.db.dossier(dossier.id).await?.map_or(dossier.state, |d| d.state);
        return Ok(Err(state));
    }
    crate::search::index_after_change(app, dossier.id).await;
    Ok(Ok(()))
}

/// A referent (or the steering group) asks for a complement on `sections` (keys of the
/// dossier's form) with `text`. The caller checked the account may. Side effects, in one
/// transaction: the state `correction_requested`, the request, a history row, the message in
/// the thread with one email per member of the organisation (a link, no content), an audit
/// entry.
pub async fn request_complement(
    app: &AppState,
    account: &Account,
    dossier: &Dossier,
    sections: &[String],
    text: &str,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Result<Uuid, RequestRefusal>> {
    let schema = forms::schema(app, dossier.form_revision_id).await?;
    if sections.is_empty() {
        return Ok(Err(RequestRefusal::NoSection));
    }
    if let Some(unknown) = sections.iter().find(|key| schema.section(key).is_none()) {
        return Ok(Err(RequestRefusal::UnknownSection(unknown.clone())));
    }
    let body = match parse_text(text) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(RequestRefusal::Text(refusal))),
    };
    if dossier.state.request_complement().is_err() {
        return Ok(Err(RequestRefusal::State(dossier.state)));
    }
    // In the form's order, each once, whatever order the browser sent them in.
    let sections: Vec<String> = schema
        .sections
        .iter()
        .filter(|s| sections.contains(&s.key))
        .map(|s| s.key.clone())
        .collect();
    let (author, notify) = notifications(app, account, dossier, true).await?;
    let message = NewMessage {
        dossier_id: dossier.id,
        author_id: account.id,
        author_name: &author,
        from_staff: true,
        body: &body,
        notify: &notify,
        kind: DossierMessage::KIND,
        at: now,
        files: &[],
    };
    let new = NewComplement {
        dossier_id: dossier.id,
        from: dossier.state,
        by: account.id,
        client,
        sections: &sections,
        message: &message,
    };
    match app.db.request_complement(&new).await? {
        Some(id) => {
            app.mail_wakeup.notify_one();
            crate::search::index_after_change(app, dossier.id).await;
            Ok(Ok(id))
        }
        None => {
            let state = app.db.dossier(dossier.id).await?.map_or(dossier.state, |d| d.state);
            Ok(Err(RequestRefusal::State(state)))
        }
    }
}

/// Why a complement could not be sent.
#[derive(Debug)]
pub enum SendRefusal {
    /// Answers of the reopened sections missing or invalid: the summary lists them.
    Incomplete(Vec<Issue>),
}

/// The candidate sends the complement asked for. Guards: a member of the organisation, the
/// dossier awaits a complement, no blocking issue in the reopened sections (the others were
/// checked at submission and could not change since). Side effects, in one transaction: the
/// state back to `screening` (the submission date and receipts untouched), the request
/// answered, a history row, one email per referent of the network (the steering group when it
/// has none) with a link and no content.
pub async fn send_complement(
    app: &AppState,
    account: &Account,
    dossier_id: Uuid,
    now: OffsetDateTime,
) -> Result<Result<(), SendRefusal>, DossierError> {
    let dossier = app.db.dossier(dossier_id).await?.ok_or(DossierError::NotFound)?;
    if !crate::auth::permissions::is_dossier_member(account, &dossier) {
        return Err(DossierError::NotFound);
    }
    if dossier.state.send_complement().is_err() {
        return Err(DossierError::NotEditable(dossier.state));
    }
    let open = app.db.open_complement(dossier.id).await?;
    let call = app.db.current_call().await?.ok_or(DossierError::NotFound)?;
    let schema = forms::schema(app, dossier.form_revision_id).await?;
    let networks = Choice::from_networks(&call.networks);
    let ctx = dossiers::context(&networks, now);
    let answers = Answers::from_value(dossier.answers.clone());
    let issues: Vec<Issue> = form::validate(&schema, &dossier.track, &answers, &ctx)
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .filter(|i| open.as_ref().is_none_or(|c| c.sections.contains(&i.section)))
        .collect();
    if !issues.is_empty() {
        return Ok(Err(SendRefusal::Incomplete(issues)));
    }
    let base = app.settings.base_url.as_str().trim_end_matches('/');
    let mut notify = Vec::new();
    for recipient in app.db.staff_to_notify(dossier.id).await? {
        let email = ComplementSent {
            lang: Lang::parse(&recipient.lang).unwrap_or_default(),
            reference: dossier.reference.clone(),
            title: dossier.title.clone(),
            link: format!("{base}/gestion/dossiers/{}", dossier.id),
        };
        notify.push((recipient.email, email.render().map_err(anyhow::Error::from)?));
    }
    let sent = SentComplement {
        dossier_id: dossier.id,
        complement_id: open.map(|c| c.id),
        by: account.id,
        notify: &notify,
        kind: ComplementSent::KIND,
        at: now,
    };
    if !app.db.send_complement(&sent).await? {
        return Err(DossierError::NotEditable(dossier.state));
    }
    app.mail_wakeup.notify_one();
    // The completed answers are searchable in the back office at once.
    crate::search::index_after_change(app, dossier.id).await;
    Ok(Ok(()))
}
