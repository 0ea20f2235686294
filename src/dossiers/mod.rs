//! The use cases of a dossier, one function each: start it, save a section (checked against
//! the version the person started from), submit it (with its receipt), withdraw it. Handlers
//! call these; each function's comment lists its side effects.

pub mod forms;
pub mod places;
pub mod receipt;

use std::sync::Arc;

use serde_json::Value;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::dossiers::{
    Dossier, NewDossier, NewSubmission, SaveAnswers, Saved, Submission, Submitted, Transition,
};
use crate::domain::call::Call;
use crate::domain::dossier::{DossierState, TransitionError, Window};
use crate::domain::form::{self, Answers, Choice, Context, FormSchema, Issue, Severity};
use crate::domain::paris;
use crate::i18n;
use crate::mail::Email;
use crate::mail::templates::SubmissionReceipt;

/// The field whose answer names the dossier in lists (the pole's or initiative's name).
pub const TITLE_FIELD: &str = "pole_name";
/// The field whose answer routes the dossier to a partner network.
pub const NETWORK_FIELD: &str = "network";
/// How many times a save is retried when another save lands between its read and its write
/// on another section.
const SAVE_ATTEMPTS: usize = 5;

/// Why something could not be done; each says what the person sees.
#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    #[error("no such dossier, or not yours")]
    NotFound,
    #[error("this dossier cannot be changed in its state")]
    NotEditable(DossierState),
    /// The dossier awaits a complement, and this section is not one the referent reopened.
    #[error("section {0} is not reopened for the complement asked")]
    SectionClosed(String),
    #[error("the account has no organisation")]
    NoOrganisation,
    #[error("no form is published for this track")]
    NoForm,
    #[error("the dossier's form does not read: {0}")]
    BrokenForm(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The validation context of a call: the gazetteer, the call's networks, today in Paris.
pub fn context<'a>(networks: &'a [Choice], now: OffsetDateTime) -> Context<'a> {
    Context { places: &places::GAZETTEER_PLACES, networks, poles: &[], today: paris::date_of(now) }
}

/// Starts a dossier on a track for the account's organisation, on the track's current form.
/// Side effects: a `dossiers` row in state draft and a `created` history row.
pub async fn start(
    app: &AppState,
    account: &Account,
    call: &Call,
    track: &str,
    now: OffsetDateTime,
) -> Result<Dossier, DossierError> {
    let organisation_id = account.organisation_id.ok_or(DossierError::NoOrganisation)?;
    if !call.tracks.iter().any(|t| t.slug == track && t.account_required) {
        return Err(DossierError::NoForm);
    }
    let form = app.db.current_form(call.id, track).await?.ok_or(DossierError::NoForm)?;
    let new = NewDossier {
        call_id: call.id,
        organisation_id,
        track: track.to_owned(),
        form_revision_id: form.id,
        created_by: account.id,
    };
    Ok(app.db.create_dossier(&new, now).await?)
}

/// What a save did.
#[derive(Debug)]
pub enum SaveOutcome {
    /// Written. `issues` are those of the saved section (a draft keeps invalid text, to be
    /// corrected before submission).
    Saved { section_version: i64, answers: Answers, issues: Vec<Issue> },
    /// The section changed since the person loaded it, and their input differs from what is
    /// stored on `fields`: nothing written; the page shows both values for each.
    Conflict { mine: Answers, theirs: Answers, fields: Vec<String>, section_version: i64 },
}

/// Saves one section of a dossier from the posted pairs. The page carried the section version
/// it was rendered with (`base_version`): if someone saved that section since, and the input
/// differs from what they saved, nothing is written and the conflict is returned. A pair
/// `_keep.<field>` = `theirs` takes the stored value of that field (the person's choice on the
/// conflict page). Side effects: one `UPDATE` of the dossier (answers, title, network, versions).
pub async fn save_section(
    app: &AppState,
    account: &Account,
    dossier_id: Uuid,
    section: &str,
    base_version: i64,
    pairs: &[(String, String)],
    now: OffsetDateTime,
) -> Result<SaveOutcome, DossierError> {
    let call = app.content.call(&app.db).await?.ok_or(DossierError::NotFound)?;
    let networks = Choice::from_networks(&call.call.networks);
    let ctx = context(&networks, now);
    let updated =
        update_answers(app, account, dossier_id, section, now, |dossier, schema, theirs| {
            let input = form::read_section(schema, section, pairs, ctx.places, theirs);
            let mut mine = input.answers;
            for (name, value) in pairs {
                if let Some(field) = name.strip_prefix("_keep.")
                    && value == "theirs"
                {
                    match theirs.get(field) {
                        Some(value) => mine.set(field, value.clone()),
                        None => mine.remove(field),
                    }
                }
            }
            let current_version = dossier.section_version(section);
            if current_version != base_version {
                let fields = differing_fields(schema, section, &mine, theirs);
                if !fields.is_empty() {
                    return Ok::<_, DossierError>(Update::Stop(SaveOutcome::Conflict {
                        mine,
                        theirs: theirs.clone(),
                        fields,
                        section_version: current_version,
                    }));
                }
            }
            Ok(Update::Write(mine))
        })
        .await?;
    Ok(match updated {
        Updated::Written(Written { dossier, schema, section_version, answers }) => {
            let issues = form::validate_section(&schema, &dossier.track, section, &answers, &ctx);
            SaveOutcome::Saved { section_version, answers, issues }
        }
        Updated::Stopped(outcome) => outcome,
    })
}

/// What a change of a dossier's answers decided, having seen them as stored.
#[derive(Debug)]
pub enum Update<S> {
    /// Write these answers (all of them: the changed ones and the others).
    Write(Answers),
    /// Write nothing, and give `S` back (a conflict to show, say).
    Stop(S),
}

/// What [`update_answers`] did.
#[derive(Debug)]
// Returned once per save and matched at once: boxing would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum Updated<S> {
    Written(Written),
    /// The change wrote nothing.
    Stopped(S),
}

/// Answers written by [`update_answers`].
#[derive(Debug)]
pub struct Written {
    /// The dossier as read just before the write.
    pub dossier: Dossier,
    pub schema: Arc<FormSchema>,
    /// The new version of the section.
    pub section_version: i64,
    pub answers: Answers,
}

/// Changes a dossier's answers: reads the dossier (`NotFound` when the account may not edit
/// it, `NotEditable` when its state forbids changes — see [`editable`]) and its form (`NotFound`
/// when `section` is not one of its sections), lets `change` decide from the dossier, its form
/// and its stored answers, and writes the answers it returns, bumping the version of
/// `section`. The write is optimistic: when another save lands between the read and the write,
/// everything is read again and `change` called again (up to `SAVE_ATTEMPTS` times). The
/// dossier's title and network follow their answers when these changed, and are kept
/// otherwise. Side effects: one `UPDATE` of the dossier (answers, title, network, versions)
/// when `change` says `Write`.
pub async fn update_answers<S, E>(
    app: &AppState,
    account: &Account,
    dossier_id: Uuid,
    section: &str,
    now: OffsetDateTime,
    mut change: impl FnMut(&Dossier, &FormSchema, &Answers) -> Result<Update<S>, E>,
) -> Result<Updated<S>, E>
where
    E: From<DossierError>,
{
    for _ in 0..SAVE_ATTEMPTS {
        let dossier = editable(app, account, dossier_id).await?;
        let schema = forms::schema(app, dossier.form_revision_id).await?;
        if schema.section(section).is_none() {
            return Err(DossierError::NotFound.into());
        }
        check_section_open(app, &dossier, section).await?;
        let stored = Answers::from_value(dossier.answers.clone());
        let answers = match change(&dossier, &schema, &stored)? {
            Update::Write(answers) => answers,
            Update::Stop(value) => return Ok(Updated::Stopped(value)),
        };
        let title = if text_of(&answers, TITLE_FIELD) == text_of(&stored, TITLE_FIELD) {
            dossier.title.clone()
        } else {
            text_of(&answers, TITLE_FIELD).chars().take(200).collect()
        };
        // Only a changed answer to the network question changes the routing.
        let chosen = text_of(&answers, NETWORK_FIELD);
        let network_id = if chosen == text_of(&stored, NETWORK_FIELD) {
            dossier.network_id
        } else {
            app.db.network_id(chosen).await.map_err(DossierError::from)?
        };
        let value = answers.to_value();
        let save = SaveAnswers {
            id: dossier.id,
            read_version: dossier.version,
            read_section_versions: &dossier.section_versions,
            section,
            answers: &value,
            title: &title,
            network_id,
            by: account.id,
        };
        let saved = app.db.save_answers(&save, now).await.map_err(DossierError::from)?;
        if let Saved::Written { section_version, .. } = saved {
            // Not indexed here: an autosave must not wait for the search index (a full
            // validation and a second write). The index job (src/jobs/index.rs) picks a
            // submitted dossier's change up within 30 seconds; submission, a complement sent
            // and screening index at once.
            return Ok(Updated::Written(Written { dossier, schema, section_version, answers }));
        }
        // Another save landed in between (another section, or the same one): read again.
    }
    Err(DossierError::Internal(anyhow::anyhow!(
        "too many concurrent saves on dossier {dossier_id}"
    ))
    .into())
}

/// The text of an answer, empty when there is none.
fn text_of<'a>(answers: &'a Answers, key: &str) -> &'a str {
    answers.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The keys of the section's fields whose values differ between two answer sets.
fn differing_fields(
    schema: &FormSchema,
    section: &str,
    mine: &Answers,
    theirs: &Answers,
) -> Vec<String> {
    let Some(section) = schema.section(section) else {
        return Vec::new();
    };
    section
        .fields
        .iter()
        .filter(|f| f.takes_answer())
        .filter(|f| mine.get(&f.key) != theirs.get(&f.key))
        .map(|f| f.key.clone())
        .collect()
}

/// The dossier if the account may edit it now; `NotFound` when it is not theirs (so its
/// existence is not revealed), `NotEditable` when its state forbids changes.
pub async fn editable(
    app: &AppState,
    account: &Account,
    dossier_id: Uuid,
) -> Result<Dossier, DossierError> {
    let dossier = app.db.dossier(dossier_id).await?.ok_or(DossierError::NotFound)?;
    if !crate::auth::permissions::is_dossier_member(account, &dossier) {
        return Err(DossierError::NotFound);
    }
    if !dossier.state.candidate_may_edit() {
        return Err(DossierError::NotEditable(dossier.state));
    }
    Ok(dossier)
}

/// Refuses (`SectionClosed`) a change of `section` while the dossier awaits a complement that
/// did not reopen it; any section is open in the other states the candidate may edit in.
pub async fn check_section_open(
    app: &AppState,
    dossier: &Dossier,
    section: &str,
) -> Result<(), DossierError> {
    match crate::exchanges::complements::reopened_sections(app, dossier).await? {
        Some(open) if !open.iter().any(|s| s == section) => {
            Err(DossierError::SectionClosed(section.to_owned()))
        }
        _ => Ok(()),
    }
}

/// Why a submission was refused.
#[derive(Debug)]
pub enum SubmitRefusal {
    /// Required answers missing or invalid: the summary lists them.
    Incomplete(Vec<Issue>),
    /// Outside the application window.
    Window(TransitionError),
    /// The dossier changed since the page was loaded (another tab, a colleague).
    Changed,
}

/// What a submission did.
#[derive(Debug)]
pub enum SubmitOutcome {
    Submitted(Submission),
    /// That version had already been submitted (double click, replayed form).
    AlreadySubmitted(Submission),
    Refused(SubmitRefusal),
}

/// Submits the dossier at the version the person saw. Guards: they may edit it, the version is
/// still current, the application window is open (Europe/Paris instants, from the database),
/// no blocking issue. Side effects, in one transaction: the frozen answers, their SHA-256 and
/// the PDF receipt; the state `submitted`; a history row; the receipt email (PDF attached) to
/// the person submitting. Then, if the candidate chose no network, the routing rules
/// (`exchanges::route_submitted`). Idempotent per dossier version.
pub async fn submit(
    app: &AppState,
    account: &Account,
    dossier_id: Uuid,
    seen_version: i64,
    now: OffsetDateTime,
) -> Result<SubmitOutcome, DossierError> {
    let dossier = app.db.dossier(dossier_id).await?.ok_or(DossierError::NotFound)?;
    if !crate::auth::permissions::is_dossier_member(account, &dossier) {
        return Err(DossierError::NotFound);
    }
    if let Some(done) = app.db.submission_of_version(dossier.id, seen_version).await? {
        return Ok(SubmitOutcome::AlreadySubmitted(done));
    }
    if dossier.version != seen_version {
        return Ok(SubmitOutcome::Refused(SubmitRefusal::Changed));
    }
    if dossier.state == DossierState::CorrectionRequested {
        // The answer to a request for a complement is sent apart
        // (`exchanges::complements::send_complement`): it keeps the submission as it was.
        let refusal = TransitionError::NotAllowed { from: dossier.state };
        return Ok(SubmitOutcome::Refused(SubmitRefusal::Window(refusal)));
    }
    let call = app.db.current_call().await?.ok_or(DossierError::NotFound)?;
    let to = match dossier.state.submit(Window::of(&call.phases, now)) {
        Ok(to) => to,
        Err(TransitionError::NotAllowed { from }) => return Err(DossierError::NotEditable(from)),
        Err(refusal) => return Ok(SubmitOutcome::Refused(SubmitRefusal::Window(refusal))),
    };
    let schema = forms::schema(app, dossier.form_revision_id).await?;
    let networks = Choice::from_networks(&call.networks);
    let ctx = context(&networks, now);
    let answers = Answers::from_value(dossier.answers.clone());
    let issues = form::validate(&schema, &dossier.track, &answers, &ctx);
    if issues.iter().any(|i| i.severity == Severity::Error) {
        return Ok(SubmitOutcome::Refused(SubmitRefusal::Incomplete(issues)));
    }
    let number = dossier.submission_count + 1;
    let sha256 = content_sha256(&dossier, &answers);
    let lang = account.lang;
    // Laying out the PDF takes a few milliseconds of CPU: off the async workers.
    let receipt = {
        let doc = receipt::document(&receipt::ReceiptInput {
            lang,
            call: &call,
            dossier: &dossier,
            organisation: account.organisation_name.as_deref().unwrap_or_default(),
            schema: &schema,
            answers: &answers,
            ctx: &ctx,
            number,
            submitted_at: now,
            sha256: &sha256,
        });
        tokio::task::spawn_blocking(move || receipt::render(&doc))
            .await
            .map_err(anyhow::Error::from)??
    };
    let email = SubmissionReceipt {
        lang,
        reference: dossier.reference.clone(),
        title: dossier.title.clone(),
        submitted_at: i18n::timestamp(lang, now),
        sha256: sha256.clone(),
        link: format!(
            "{}/espace/dossiers/{}",
            app.settings.base_url.as_str().trim_end_matches('/'),
            dossier.id
        ),
    }
    .render()
    .map_err(anyhow::Error::from)?;
    let filename = receipt::filename(&dossier.reference, number);
    let recorded = app
        .db
        .record_submission(&NewSubmission {
            dossier_id: dossier.id,
            dossier_version: dossier.version,
            number,
            from: dossier.state,
            to,
            at: now,
            by: account.id,
            answers: &dossier.answers,
            sha256: &sha256,
            receipt: &receipt,
            email: Some((&account.email, &email, &filename)),
        })
        .await?;
    Ok(match recorded {
        Submitted::New(submission) => {
            app.mail_wakeup.notify_one();
            // Routing follows the submission; a failure leaves the dossier for the steering
            // group to assign, it does not undo the submission.
            if let Err(error) = crate::exchanges::route_submitted(app, &dossier, now).await {
                tracing::error!(dossier = %dossier.id, %error, "routing after submission failed");
            }
            crate::search::index_after_change(app, dossier.id).await;
            SubmitOutcome::Submitted(submission)
        }
        Submitted::Already(submission) => SubmitOutcome::AlreadySubmitted(submission),
        Submitted::Stale => match app.db.submission_of_version(dossier.id, seen_version).await? {
            Some(done) => SubmitOutcome::AlreadySubmitted(done),
            None => SubmitOutcome::Refused(SubmitRefusal::Changed),
        },
    })
}

/// The SHA-256 of what is submitted: the form revision and the answers as canonical JSON
/// (object keys sorted, no spaces), in hexadecimal.
pub fn content_sha256(dossier: &Dossier, answers: &Answers) -> String {
    let canonical = serde_json::json!({
        "dossier": dossier.reference,
        "form_revision": dossier.form_revision_id,
        "answers": answers.to_value(),
    });
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// Withdraws a dossier (retrait) at the candidate's request. Side effects: the state
/// `withdrawn` and a history row with the reason given.
pub async fn withdraw(
    app: &AppState,
    account: &Account,
    dossier_id: Uuid,
    reason: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), DossierError> {
    let dossier = app.db.dossier(dossier_id).await?.ok_or(DossierError::NotFound)?;
    if !crate::auth::permissions::is_dossier_member(account, &dossier) {
        return Err(DossierError::NotFound);
    }
    let to = dossier.state.withdraw().map_err(|_| DossierError::NotEditable(dossier.state))?;
    let moved = app
        .db
        .move_dossier(&Transition {
            id: dossier.id,
            from: dossier.state,
            to,
            kind: "withdrawn",
            by: account.id,
            note: reason,
            at: now,
        })
        .await?;
    if !moved {
        return Err(DossierError::NotEditable(dossier.state));
    }
    crate::search::index_after_change(app, dossier.id).await;
    Ok(())
}
