//! The use cases around a submitted dossier between candidate and back office: routing it to a
//! partner network, reassigning it, the message thread (with its email notifications) and the
//! back office's private annotations. Each function's comment lists its side effects.

pub mod complements;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::db::exchanges::{NewMessage, Recipient};
use crate::domain::form::Message;
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::domain::routing::{self, Route};
use crate::domain::territory::Gazetteer;
use crate::mail::templates::DossierMessage;
use crate::mail::{Email, RenderedEmail};

/// The longest message or annotation, in characters (about four printed pages).
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Why a message or annotation was refused, shown next to its field.
#[derive(Debug)]
pub enum TextRefusal {
    Empty,
    TooLong(usize),
}

impl TextRefusal {
    pub fn message(&self) -> Message {
        match self {
            TextRefusal::Empty => Message::new("Écrivez votre message.", "Write your message."),
            TextRefusal::TooLong(chars) => Message::new(
                format!(
                    "Le texte fait {chars} caractères ; la limite est de {MAX_TEXT_CHARS}. \
                     Raccourcissez-le ou joignez un document."
                ),
                format!(
                    "The text is {chars} characters long; the limit is {MAX_TEXT_CHARS}. \
                     Shorten it or attach a document."
                ),
            ),
        }
    }
}

/// A message or annotation as typed: trimmed, not empty, not too long. Line ends normalised.
pub fn parse_text(text: &str) -> Result<String, TextRefusal> {
    let text = text.replace("\r\n", "\n");
    let text = text.trim();
    let chars = text.chars().count();
    if chars == 0 {
        Err(TextRefusal::Empty)
    } else if chars > MAX_TEXT_CHARS {
        Err(TextRefusal::TooLong(chars))
    } else {
        Ok(text.to_owned())
    }
}

/// Routes a dossier just submitted, if the candidate chose no network: the first routing rule
/// of the call that matches its answers. Side effects: the dossier's network and a `routed`
/// history row naming the rule (nothing when a network is already set or no rule matches).
pub async fn route_submitted(
    app: &AppState,
    dossier: &Dossier,
    now: OffsetDateTime,
) -> anyhow::Result<Route> {
    if dossier.network_id.is_some() {
        return Ok(Route::Chosen(app.db.dossier_network(dossier.id).await?.unwrap_or_default()));
    }
    let rules: Vec<_> =
        app.db.routing_rules(dossier.call_id).await?.into_iter().map(|r| r.rule).collect();
    let routed =
        routing::route(None, &dossier.track, &dossier.answers, &rules, Gazetteer::global());
    if let Route::Rule { position, network } = &routed {
        let note = format!("règle {position}");
        app.db
            .set_dossier_network(dossier.id, Some(network), "routed", Some(&note), None, "", now)
            .await?;
    }
    Ok(routed)
}

/// The steering group moves a dossier to another network (or to none). Side effects: the
/// dossier's network, a `reassigned` history row, an audit entry. False: unknown network.
pub async fn reassign(
    app: &AppState,
    account: &Account,
    dossier_id: Uuid,
    network: Option<&str>,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    // The history's note is the new network's slug; none when moved to no network.
    let note = network;
    let done = app
        .db
        .set_dossier_network(dossier_id, network, "reassigned", note, Some(account.id), client, now)
        .await?;
    crate::search::index_after_change(app, dossier_id).await;
    Ok(done)
}

/// Adds a message to a dossier's thread. `from_staff`: written from the back office (the
/// caller checked the account may). `files`: files already stored for it
/// (`storage::accept_upload`, with the dossier's id). Side effects: the message and its files,
/// and one email per person to notify (organisation members, or the network's referents — the
/// steering group when the dossier has no network), in the same transaction; the author is
/// never notified, and no email carries the message or its files.
pub async fn post_message(
    app: &AppState,
    account: &Account,
    dossier: &Dossier,
    from_staff: bool,
    body: &str,
    files: &[Uuid],
    now: OffsetDateTime,
) -> anyhow::Result<Result<Uuid, TextRefusal>> {
    let body = match parse_text(body) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let (author, notify) = notifications(app, account, dossier, from_staff).await?;
    let new = NewMessage {
        dossier_id: dossier.id,
        author_id: account.id,
        author_name: &author,
        from_staff,
        body: &body,
        notify: &notify,
        kind: DossierMessage::KIND,
        at: now,
        files,
    };
    let id = app.db.add_message(&new).await?;
    app.mail_wakeup.notify_one();
    Ok(Ok(id))
}

/// The author's name as the other side reads it, and the email announcing a message to each
/// person to notify on the other side (in their language, with a link and no content).
pub(crate) async fn notifications(
    app: &AppState,
    account: &Account,
    dossier: &Dossier,
    from_staff: bool,
) -> anyhow::Result<(String, Vec<(String, RenderedEmail)>)> {
    let recipients: Vec<Recipient> = if from_staff {
        app.db.members_to_notify(dossier.id).await?
    } else {
        app.db.staff_to_notify(dossier.id).await?
    };
    let base = app.settings.base_url.as_str().trim_end_matches('/');
    let path = if from_staff {
        format!("/espace/dossiers/{}/messages", dossier.id)
    } else {
        format!("/gestion/dossiers/{}#messages", dossier.id)
    };
    let author = author_name(app, account, dossier, from_staff).await?;
    let mut notify = Vec::with_capacity(recipients.len());
    for recipient in recipients.into_iter().filter(|r| r.email != account.email) {
        let lang = Lang::parse(&recipient.lang).unwrap_or_default();
        let email = DossierMessage {
            lang,
            reference: dossier.reference.clone(),
            title: dossier.title.clone(),
            author: author.clone(),
            link: format!("{base}{path}"),
        };
        notify.push((recipient.email, email.render()?));
    }
    Ok((author, notify))
}

/// How the author of a message is named to the other side: a candidate by their name; someone
/// of the back office by their name and role ("Camille Martin, COORACE").
async fn author_name(
    app: &AppState,
    account: &Account,
    dossier: &Dossier,
    from_staff: bool,
) -> anyhow::Result<String> {
    if !from_staff {
        return Ok(account.display_name.clone());
    }
    let network = account
        .roles
        .iter()
        .find(|(role, _)| *role == Role::Referent)
        .and_then(|(_, network)| network.clone());
    let what = match network {
        Some(slug) => {
            let call = app.content.call(&app.db).await?;
            call.and_then(|c| {
                c.call.networks.iter().find(|n| n.slug == slug).map(|n| n.name.fr.clone())
            })
            .unwrap_or(slug)
        }
        None if dossier.network_id.is_some() || account.has_role(Role::Steering) => {
            "comité de pilotage".to_owned()
        }
        None => "équipe de l’appel".to_owned(),
    };
    Ok(format!("{}, {what}", account.display_name))
}

/// Adds a private annotation (back office only: never shown to the candidate, never emailed).
pub async fn annotate(
    app: &AppState,
    account: &Account,
    dossier_id: Uuid,
    body: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Result<(), TextRefusal>> {
    let body = match parse_text(body) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(refusal)),
    };
    app.db.add_annotation(dossier_id, account.id, &account.display_name, &body, now).await?;
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_trimmed_and_an_empty_or_overlong_one_refused_with_its_length() {
        assert_eq!(parse_text("  Bonjour,\r\nmerci.  ").expect("kept"), "Bonjour,\nmerci.");
        assert!(matches!(parse_text(" \n "), Err(TextRefusal::Empty)));
        let long = "é".repeat(MAX_TEXT_CHARS + 1);
        let refusal = parse_text(&long).expect_err("too long");
        assert_eq!(
            refusal.message().fr,
            "Le texte fait 10001 caractères ; la limite est de 10000. Raccourcissez-le ou \
             joignez un document."
        );
    }
}
