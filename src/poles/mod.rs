//! Publication of selected dossiers as poles: their people choose what is public and propose
//! it; the steering group publishes (or refuses with a note); later changes go through the same
//! steps, each version kept. Each function's comment lists its side effects.

use std::collections::BTreeSet;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::permissions;
use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::db::poles::{NewVersion, Pole, PoleVersion, VersionDecision};
use crate::domain::dossier::DossierState;
use crate::domain::lang::Lang;
use crate::domain::pole::{
    self, InputIssue, PoleContent, PublicField, PublicationInput, parse_publication,
};
use crate::mail::Email;
use crate::mail::templates::PoleDecided;

/// Whether a dossier may become a pole: selected (with or without reservations), its decision
/// released (the state changes only then).
pub fn may_be_published(dossier: &Dossier) -> bool {
    matches!(dossier.state, DossierState::Selected | DossierState::SelectedWithReservations)
}

/// What the publication form starts from for a dossier.
pub struct Publication {
    pub pole: Option<Pole>,
    pub versions: Vec<PoleVersion>,
    /// The groups ticked: the last proposal's, else every group with something to show.
    pub fields: BTreeSet<PublicField>,
    /// The texts: the last proposal's, else the dossier's answers.
    pub content: PoleContent,
}

/// The publication state of a selected dossier, for its people.
pub async fn publication(
    app: &AppState,
    dossier: &Dossier,
    year: i32,
) -> anyhow::Result<Publication> {
    let pole = app.db.pole_of_dossier(dossier.id).await?;
    let versions = match &pole {
        Some(pole) => app.db.pole_versions(pole.id).await?,
        None => Vec::new(),
    };
    let from_answers = PoleContent::from_answers(&dossier.answers, &dossier.track, year);
    let (fields, content) = match versions.first() {
        // The last proposal, with the texts of groups it kept private taken from the answers.
        Some(last) => {
            let fields = pole::parse_fields(&last.public_fields);
            let mut content = from_answers.clone();
            let proposed = &last.content.0;
            if fields.contains(&PublicField::Description) {
                content.description.clone_from(&proposed.description);
            }
            if fields.contains(&PublicField::Website) {
                content.website.clone_from(&proposed.website);
            }
            if fields.contains(&PublicField::Contact) {
                content.contact_name.clone_from(&proposed.contact_name);
                content.contact_email.clone_from(&proposed.contact_email);
            }
            (fields, content)
        }
        // First time: every group that has something to show.
        None => {
            let c = &from_answers;
            let fields = PublicField::ALL
                .into_iter()
                .filter(|field| match field {
                    PublicField::Description => !c.description.is_empty(),
                    PublicField::Members => !c.members.is_empty(),
                    PublicField::Sectors => !c.sectors.is_empty(),
                    PublicField::Profile => !c.profile.is_empty(),
                    PublicField::Mutualisations => !c.mutualisations.is_empty(),
                    PublicField::Website => !c.website.is_empty(),
                    PublicField::Contact => !c.contact_email.is_empty(),
                })
                .collect();
            (fields, from_answers)
        }
    };
    Ok(Publication { pole, versions, fields, content })
}

/// A member of the dossier's organisation proposes what to publish. Side effects: the pole made
/// on the first proposal (with its page's address), the version (only its public groups),
/// an audit entry. Refused, with the issues next to the fields, when the form does not read.
pub async fn propose(
    app: &AppState,
    account: &Account,
    dossier: &Dossier,
    input: &PublicationInput,
    year: i32,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Result<Uuid, Vec<InputIssue>>> {
    let from_answers = PoleContent::from_answers(&dossier.answers, &dossier.track, year);
    let (fields, content) = match parse_publication(input, &from_answers) {
        Ok(read) => read,
        Err(issues) => return Ok(Err(issues)),
    };
    let public = content.public(&fields);
    let slug = pole::slug(&public.name);
    let new = NewVersion {
        call_id: dossier.call_id,
        dossier_id: dossier.id,
        slug: &slug,
        public_fields: &pole::fields_code(&fields),
        content: &public,
        by: account.id,
        by_name: &account.display_name,
        client,
    };
    Ok(Ok(app.db.propose_pole_version(&new, now).await?))
}

/// The steering group publishes or refuses a pending version. Side effects: the decision on the
/// version (publication copies it onto the pole), an audit entry, and one email per member of
/// the organisation (the page's link, or the note and the form's link). False when the version
/// was not pending.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    app: &AppState,
    account: &Account,
    pole: &Pole,
    version_id: Uuid,
    publish: bool,
    note: Option<&str>,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    let decision = VersionDecision {
        pole_id: pole.id,
        version_id,
        publish,
        note,
        by: account.id,
        by_name: &account.display_name,
        client,
    };
    if !app.db.decide_pole_version(&decision, now).await? {
        return Ok(false);
    }
    let base = app.settings.base_url.as_str().trim_end_matches('/');
    let title = app
        .db
        .pole_versions(pole.id)
        .await?
        .into_iter()
        .find(|v| v.id == version_id)
        .map(|v| v.content.0.name)
        .unwrap_or_default();
    let link = if publish {
        format!("{base}/poles/{}", pole.slug)
    } else {
        format!("{base}/espace/dossiers/{}/publication", pole.dossier_id)
    };
    for recipient in app.db.members_to_notify(pole.dossier_id).await? {
        let email = PoleDecided {
            lang: Lang::parse(&recipient.lang).unwrap_or_default(),
            title: title.clone(),
            published: publish,
            note: note.map(str::to_owned),
            link: link.clone(),
        };
        app.db.queue_email(&recipient.email, PoleDecided::KIND, &email.render()?, now).await?;
    }
    app.mail_wakeup.notify_one();
    Ok(true)
}

/// Whether the account is one of the dossier's people (who may propose its publication).
pub fn is_pole_member(account: &Account, dossier: &Dossier) -> bool {
    permissions::is_dossier_member(account, dossier)
}
