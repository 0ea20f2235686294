//! Meetings of the network (rencontres): the steering group creates and changes them, invites
//! the people of selected poles and chosen supporters (one email each, never twice), reminds
//! those coming, exports the attendees, changes a meeting (telling invitees of a new date or
//! place, keeping the call's calendar phase in step, and when the calendar moves it) and
//! cancels it (telling invitees) or deletes it (nobody invited); invitees answer through their
//! personal link, without an account, until the meeting ends or is cancelled. Each function's
//! comment lists its side effects.

use std::collections::BTreeSet;
use std::io::Cursor;

use fluent_templates::fluent_bundle::FluentValue;
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::tokens;
use crate::db::accounts::Account;
use crate::db::events::{
    Answer, Cancelled, Event, EventChange, EventSaved, InvitablePole, Invitation, Invited,
    NewInvitation, NewReminder, Notice,
};
use crate::domain::call::{CalendarError, PhaseDaysInput, check_calendar};
use crate::domain::event::{self, EventDraft, EventInput, InputIssue, Rsvp};
use crate::domain::ics::{self, IcsEvent, IcsMethod, IcsPerson, IcsStatus, IcsTime};
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::exports::{self, Cell, Format};
use crate::i18n;
use crate::mail::Email;
use crate::mail::templates::{EventCancelled, EventInvitation, EventReminder, EventUpdate};

/// The yes/no answer of form C that lets the partner networks follow up with a supporter.
const PROCESSING_CONSENT: &str = "processing_consent";

/// A supporter (form C) who may be invited: confirmed, and who agreed that the call's partner
/// networks follow up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitableSupporter {
    pub id: Uuid,
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub lang: Lang,
}

/// Whom the steering group may invite to a meeting of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipients {
    pub poles: Vec<InvitablePole>,
    pub supporters: Vec<InvitableSupporter>,
}

/// The people who may be invited: the selected dossiers (with their poles) and the confirmed,
/// consenting supporters, one line per address (their first confirmed expression).
pub async fn recipients(app: &AppState, call_id: Uuid) -> Result<Recipients, sqlx::Error> {
    let poles = app.db.invitable_poles(call_id).await?;
    let mut all = app.db.supporters(call_id).await?;
    all.sort_by_key(|s| s.confirmed_at);
    let mut seen = BTreeSet::new();
    let text = |answers: &Value, key: &str| {
        answers.get(key).and_then(Value::as_str).unwrap_or_default().trim().to_owned()
    };
    let supporters = all
        .into_iter()
        .filter(|s| s.confirmed_at.is_some())
        .filter(|s| s.answers.get(PROCESSING_CONSENT) == Some(&Value::Bool(true)))
        .filter(|s| seen.insert(s.email.clone()))
        .map(|s| InvitableSupporter {
            id: s.id,
            name: text(&s.answers, "name"),
            organisation: text(&s.answers, "organisation"),
            email: s.email,
            lang: s.lang,
        })
        .collect();
    Ok(Recipients { poles, supporters })
}

/// "15 février 2012 (toute la journée)", "15 February 2012, 10:00 to 17:00", with "date à
/// confirmer" added when it is.
pub fn when(lang: Lang, event: &Event) -> String {
    let start = paris::to_paris(event.starts_at);
    let end = paris::to_paris(event.ends_at);
    let text = if event.all_day {
        let last = paris::date_of(event.ends_at - time::Duration::SECOND);
        let days = i18n::date_range(lang, start.date(), last);
        i18n::t_args(lang, "events-when-day", &[("date", FluentValue::from(days))])
    } else {
        let clock = |at: OffsetDateTime| match lang {
            Lang::Fr => format!("{} h {:02}", at.hour(), at.minute()),
            Lang::En => format!("{:02}:{:02}", at.hour(), at.minute()),
        };
        i18n::t_args(
            lang,
            "events-when-span",
            &[
                ("date", FluentValue::from(i18n::date(lang, start.date()))),
                ("start", FluentValue::from(clock(start))),
                ("end", FluentValue::from(clock(end))),
            ],
        )
    };
    if event.tentative { format!("{text} — {}", i18n::t(lang, "events-tentative")) } else { text }
}

/// "Oui, 2 personnes", "Non", "Pas encore de réponse".
pub fn answer_text(lang: Lang, answer: Option<Rsvp>, guests: i64) -> String {
    match answer {
        None => i18n::t(lang, "events-answer-none"),
        Some(Rsvp::No) => i18n::t(lang, "events-answer-no"),
        Some(rsvp) => i18n::t_args(
            lang,
            &format!("events-answer-{}-people", rsvp.code()),
            &[("count", FluentValue::from(guests))],
        ),
    }
}

fn base_url(app: &AppState) -> String {
    app.settings.base_url.as_str().trim_end_matches('/').to_owned()
}

/// The public page of a meeting.
pub fn page_path(event: &Event) -> String {
    format!("/rencontres/{}", event.id)
}

/// Creates a meeting from the form, or says what is wrong. Writes the meeting and a
/// `meeting.created` audit event.
pub async fn create(
    app: &AppState,
    account: &Account,
    call_id: Uuid,
    input: &EventInput,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Result<Uuid, Vec<InputIssue>>> {
    let draft = match event::parse_input(input) {
        Ok(draft) => draft,
        Err(issues) => return Ok(Err(issues)),
    };
    Ok(Ok(app.db.create_event(call_id, &draft, account.id, client, now).await?))
}

/// What changing a meeting did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Updated {
    /// Saved; how many invitees were emailed.
    Saved {
        notified: usize,
    },
    /// The form is wrong: nothing written.
    Invalid(Vec<InputIssue>),
    /// Someone changed or cancelled the meeting since the form was read: nothing written. The
    /// meeting as it is now.
    Conflict(Box<Event>),
    Missing,
}

/// What the edit form sent.
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    /// The `sequence` the form was read at (its hidden `_version`).
    pub expected: i64,
    pub input: &'a EventInput,
    /// "Prévenir les invités du changement" ticked.
    pub notify: bool,
}

/// Changes a meeting from the form if it is still at `expected` (the `sequence` the form was
/// read at), or says what is wrong. A meeting installed from the call's calendar must keep the
/// calendar in order (its phase takes its days). With `notify`, when the date, times, place or
/// confirmation change, each invitee who has not declined gets one email with the new details,
/// a new answer link and the updated `.ics` (SEQUENCE up). Side effects (one transaction, see
/// `Db::update_event`): the meeting, the phase and the call's version, the emails,
/// `meeting.updated`; then the public pages' cache is emptied and the mail worker woken.
pub async fn update(
    app: &AppState,
    account: &Account,
    event: &Event,
    edit: Edit<'_>,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Updated> {
    let Edit { expected, input, notify } = edit;
    let draft = match event::parse_input(input) {
        Ok(draft) => draft,
        Err(issues) => return Ok(Updated::Invalid(issues)),
    };
    if let Some(slug) = event.phase_slug.as_deref()
        && !keeps_calendar_order(app, event.call_id, slug, &draft).await?
    {
        let issue = InputIssue { field: "date", key: "events-error-phase-order" };
        return Ok(Updated::Invalid(vec![issue]));
    }
    let changed = event::changes_date_or_place(&event.draft(), &draft);
    let after = Event {
        title_fr: draft.title_fr.clone(),
        title_en: draft.title_en.clone(),
        description_fr: draft.description_fr.clone(),
        description_en: draft.description_en.clone(),
        place: draft.place.clone(),
        starts_at: draft.schedule.starts_at,
        ends_at: draft.schedule.ends_at,
        all_day: draft.schedule.all_day,
        tentative: draft.tentative,
        sequence: expected + 1,
        ..event.clone()
    };
    let notices = if notify && changed && !event.is_cancelled() && event.sequence == expected {
        change_notices(app, event, &after, now).await?
    } else {
        Vec::new()
    };
    let change = EventChange { expected, draft: &draft, notices: &notices };
    store_change(app, account, event, &change, client, now).await
}

/// The emails telling each invitee who has not declined that the meeting `former` is now
/// `after` (its new details, the former date and place, a new answer link, the `.ics` at
/// `after`'s sequence). Nothing is written: the notices go with the change that stores
/// `after` (see `Db::update_event`).
async fn change_notices(
    app: &AppState,
    former: &Event,
    after: &Event,
    now: OffsetDateTime,
) -> anyhow::Result<Vec<Notice>> {
    let base = base_url(app);
    let mut notices = Vec::new();
    for invitation in app.db.event_invitations(former.id).await? {
        if invitation.answer() == Some(Rsvp::No) {
            continue;
        }
        let lang = invitation.lang();
        let (token, token_hash) = tokens::new_token();
        let message = EventUpdate {
            lang,
            title: after.title(lang).to_owned(),
            when: when(lang, after),
            place: after.place.clone(),
            former_when: when(lang, former),
            former_place: former.place.clone(),
            link: format!("{base}/rencontres/reponse/{token}"),
            page: format!("{base}{}", page_path(former)),
        }
        .render()?;
        let body = ics_for(app, after, lang, now, IcsMethod::Publish, None);
        notices.push(Notice {
            invitation_id: invitation.id,
            email: invitation.email,
            token_hash: Some(token_hash),
            kind: EventUpdate::KIND,
            message,
            calendar: (
                ics_name(former),
                "text/calendar; charset=utf-8; method=PUBLISH".into(),
                body,
            ),
        });
    }
    Ok(notices)
}

/// Stores a change of `event` with its notices (see `Db::update_event`); then empties the
/// public pages' cache when the call's calendar moved with it, and wakes the mail worker.
async fn store_change(
    app: &AppState,
    account: &Account,
    event: &Event,
    change: &EventChange<'_>,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Updated> {
    let saved = app.db.update_event(event.id, change, account.id, client, now).await?;
    Ok(match saved {
        EventSaved::Done { notified } => {
            if event.phase_slug.is_some() {
                // The call's calendar changed with the meeting.
                app.content.invalidate();
            }
            if notified > 0 {
                app.mail_wakeup.notify_one();
            }
            Updated::Saved { notified }
        }
        EventSaved::Conflict { current } => Updated::Conflict(current),
        EventSaved::Missing => Updated::Missing,
    })
}

/// The meeting the call's calendar installed from the phase `slug` (the first meeting), if
/// it is there and not cancelled.
pub async fn phase_meeting(
    app: &AppState,
    call_id: Uuid,
    slug: &str,
) -> Result<Option<Event>, sqlx::Error> {
    Ok(app
        .db
        .events(call_id)
        .await?
        .into_iter()
        .find(|e| e.phase_slug.as_deref() == Some(slug) && !e.is_cancelled()))
}

/// Tells the invitees of a meeting that the call's calendar just moved it: `former` is the
/// meeting as it was before the calendar save (which moved it, see `Db::save_call_change`).
/// When its days or times changed, each invitee who has not declined gets the same email as
/// for a change made on the meeting's page ([`update`]: new and former date, a new answer
/// link, the `.ics` with SEQUENCE up), stored as a change of the meeting over what the
/// calendar wrote (its sequence up once more, `meeting.updated` with how many were told).
/// `None` when the meeting did not move (or is cancelled or gone meanwhile): nothing
/// written, nobody emailed; otherwise how many were told.
pub async fn tell_moved(
    app: &AppState,
    account: &Account,
    former: &Event,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Option<usize>> {
    let Some(current) = app.db.event(former.id).await?.filter(|e| !e.is_cancelled()) else {
        return Ok(None);
    };
    if current.schedule() == former.schedule() {
        return Ok(None);
    }
    let after = Event { sequence: current.sequence + 1, ..current.clone() };
    let notices = change_notices(app, former, &after, now).await?;
    if notices.is_empty() {
        return Ok(Some(0));
    }
    let draft = current.draft();
    let change = EventChange { expected: current.sequence, draft: &draft, notices: &notices };
    Ok(match store_change(app, account, &current, &change, client, now).await? {
        Updated::Saved { notified } => Some(notified),
        // Changed on its own page meanwhile: that change had its own box.
        Updated::Conflict(_) | Updated::Missing | Updated::Invalid(_) => Some(0),
    })
}

/// Whether the call's calendar stays in order with the phase `slug` over the meeting's days
/// (the check the calendar settings page makes).
async fn keeps_calendar_order(
    app: &AppState,
    call_id: Uuid,
    slug: &str,
    draft: &EventDraft,
) -> Result<bool, sqlx::Error> {
    let Some(call) = app.db.current_call().await?.filter(|c| c.id == call_id) else {
        return Ok(true);
    };
    let days: Vec<(String, String, String, bool)> = call
        .phases
        .iter()
        .map(|p| {
            if p.slug == slug {
                let (first, last) = (draft.schedule.first_day(), draft.schedule.last_day());
                (p.slug.clone(), first.to_string(), last.to_string(), draft.tentative)
            } else {
                (p.slug.clone(), p.first_day().to_string(), p.last_day().to_string(), p.tentative)
            }
        })
        .collect();
    let inputs: Vec<PhaseDaysInput<'_>> = days
        .iter()
        .map(|(slug, first, last, tentative)| PhaseDaysInput {
            slug,
            first,
            last,
            tentative: *tentative,
        })
        .collect();
    Ok(match check_calendar(&inputs) {
        Ok(_) => true,
        Err(mistakes) => !mistakes.iter().any(|m| match m {
            CalendarError::OutOfOrder { phase, previous } => phase == slug || previous == slug,
            CalendarError::LastBeforeFirst { phase } => phase == slug,
            _ => false,
        }),
    })
}

/// The invitations a cancellation emails: those who have not declined.
pub fn to_tell(invitations: &[Invitation]) -> usize {
    invitations.iter().filter(|i| i.answer() != Some(Rsvp::No)).count()
}

/// Cancels a meeting: each invitee who has not declined gets one email with a `.ics` file
/// `METHOD:CANCEL` (`STATUS:CANCELLED`, SEQUENCE up) addressed to them. Side effects (one
/// transaction, see `Db::cancel_event`): the meeting marked cancelled, the emails,
/// `meeting.cancelled`; then the mail worker is woken. Cancelling again sends nothing.
pub async fn cancel(
    app: &AppState,
    account: &Account,
    event: &Event,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Cancelled> {
    if event.is_cancelled() {
        return Ok(Cancelled::Already);
    }
    let after = Event { sequence: event.sequence + 1, cancelled_at: Some(now), ..event.clone() };
    let base = base_url(app);
    let mut notices = Vec::new();
    for invitation in app.db.event_invitations(event.id).await? {
        if invitation.answer() == Some(Rsvp::No) {
            continue;
        }
        let lang = invitation.lang();
        let message = EventCancelled {
            lang,
            title: event.title(lang).to_owned(),
            when: when(lang, event),
            place: event.place.clone(),
            page: format!("{base}{}", page_path(event)),
        }
        .render()?;
        let attendee = IcsPerson { name: &invitation.name, email: &invitation.email };
        let body = ics_for(app, &after, lang, now, IcsMethod::Cancel, Some(attendee));
        notices.push(Notice {
            invitation_id: invitation.id,
            email: invitation.email.clone(),
            token_hash: None,
            kind: EventCancelled::KIND,
            message,
            calendar: (ics_name(event), "text/calendar; charset=utf-8; method=CANCEL".into(), body),
        });
    }
    let done = app.db.cancel_event(event.id, &notices, account.id, client, now).await?;
    if matches!(done, Cancelled::Done { notified } if notified > 0) {
        app.mail_wakeup.notify_one();
    }
    Ok(done)
}

/// Whether a meeting may be deleted rather than cancelled: nobody was invited to it and the
/// call's calendar did not install it.
pub fn deletable(event: &Event, invitations: &[Invitation]) -> bool {
    event.phase_slug.is_none() && invitations.is_empty()
}

/// Deletes a meeting nobody was invited to (not one installed from the calendar). Side
/// effects: the meeting removed, `meeting.deleted`. False (nothing written) otherwise.
pub async fn delete(
    app: &AppState,
    account: &Account,
    event: &Event,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    Ok(app.db.delete_event(event.id, account.id, client, now).await?)
}

/// Someone about to be invited, and through what.
struct Invitee {
    email: String,
    name: String,
    lang: Lang,
    source: &'static str,
    dossier_id: Option<Uuid>,
    supporter_id: Option<Uuid>,
}

/// Invites the people of the chosen selected dossiers and the chosen supporters (ids among
/// [`recipients`]; others are ignored), one invitation and one email per address, none for an
/// address already invited. Writes the invitations, queues their emails (each with its own
/// answer link), records `meeting.invited`, and wakes the mail worker.
pub async fn invite(
    app: &AppState,
    account: &Account,
    event: &Event,
    dossiers: &[Uuid],
    supporters: &[Uuid],
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Invited> {
    let offered = recipients(app, event.call_id).await?;
    let already: BTreeSet<String> =
        app.db.event_invitations(event.id).await?.into_iter().map(|i| i.email).collect();
    let mut seen = already.clone();
    let mut people: Vec<Invitee> = Vec::new();
    let mut skipped = 0;
    for pole in offered.poles.iter().filter(|p| dossiers.contains(&p.dossier_id)) {
        for member in app.db.pole_members(pole.dossier_id).await? {
            let email = member.email.to_lowercase();
            if !seen.insert(email.clone()) {
                skipped += usize::from(already.contains(&email));
                continue;
            }
            let lang = Lang::parse(&member.lang).unwrap_or_default();
            people.push(Invitee {
                email,
                name: member.display_name,
                lang,
                source: "pole",
                dossier_id: Some(pole.dossier_id),
                supporter_id: None,
            });
        }
    }
    for supporter in offered.supporters.iter().filter(|s| supporters.contains(&s.id)) {
        let email = supporter.email.to_lowercase();
        if !seen.insert(email.clone()) {
            skipped += usize::from(already.contains(&email));
            continue;
        }
        let name = match (supporter.name.as_str(), supporter.organisation.as_str()) {
            (name, "") => name.to_owned(),
            ("", organisation) => organisation.to_owned(),
            (name, organisation) => format!("{name} ({organisation})"),
        };
        people.push(Invitee {
            email,
            name,
            lang: supporter.lang,
            source: "supporter",
            dossier_id: None,
            supporter_id: Some(supporter.id),
        });
    }
    let base = base_url(app);
    let mut invitations = Vec::with_capacity(people.len());
    for Invitee { email, name, lang, source, dossier_id, supporter_id } in people {
        let (token, token_hash) = tokens::new_token();
        let message = EventInvitation {
            lang,
            title: event.title(lang).to_owned(),
            when: when(lang, event),
            place: event.place.clone(),
            link: format!("{base}/rencontres/reponse/{token}"),
            page: format!("{base}{}", page_path(event)),
        }
        .render()?;
        invitations.push(NewInvitation {
            email,
            name,
            lang,
            source,
            dossier_id,
            supporter_id,
            token_hash,
            kind: EventInvitation::KIND,
            message,
        });
    }
    let mut outcome =
        app.db.invite_to_event(event.id, &invitations, account.id, client, now).await?;
    outcome.already += skipped;
    app.mail_wakeup.notify_one();
    Ok(outcome)
}

/// Reminds those who answered yes or maybe and were not reminded yet, each with a new answer
/// link (the invitation's keeps working). Marks them reminded, queues the emails, records
/// `meeting.reminded`, and wakes the mail worker. Returns how many were reminded: 0 the second
/// time.
pub async fn remind(
    app: &AppState,
    account: &Account,
    event: &Event,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<usize> {
    let base = base_url(app);
    let mut reminders = Vec::new();
    for invitation in app.db.event_invitations(event.id).await? {
        let coming = invitation.answer().is_some_and(Rsvp::is_coming);
        if !coming || invitation.reminded_at.is_some() {
            continue;
        }
        let lang = invitation.lang();
        let (token, token_hash) = tokens::new_token();
        let message = EventReminder {
            lang,
            title: event.title(lang).to_owned(),
            when: when(lang, event),
            place: event.place.clone(),
            answer: answer_text(lang, invitation.answer(), invitation.guests),
            link: format!("{base}/rencontres/reponse/{token}"),
            page: format!("{base}{}", page_path(event)),
        }
        .render()?;
        reminders.push(NewReminder {
            invitation_id: invitation.id,
            email: invitation.email,
            token_hash,
            kind: EventReminder::KIND,
            message,
        });
    }
    let queued = app.db.remind_event(event.id, &reminders, account.id, client, now).await?;
    app.mail_wakeup.notify_one();
    Ok(queued)
}

/// Where an answer link stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Answers are taken until the meeting ends.
    Open { invitation: Box<Invitation>, event: Box<Event> },
    /// The meeting has ended.
    Over { event: Box<Event> },
    /// The meeting is cancelled.
    Cancelled { event: Box<Event> },
    /// Not a link of any invitation.
    Unknown,
}

/// Where the answer link stands, without changing anything.
pub async fn link(app: &AppState, token: &str, now: OffsetDateTime) -> Result<Link, sqlx::Error> {
    if !tokens::looks_like_token(token) {
        return Ok(Link::Unknown);
    }
    Ok(match app.db.invitation_by_link(&tokens::hash(token)).await? {
        None => Link::Unknown,
        Some((_, event)) if event.is_cancelled() => Link::Cancelled { event: Box::new(event) },
        Some((_, event)) if !event::answers_open(event.ends_at, now) => {
            Link::Over { event: Box::new(event) }
        }
        Some((invitation, event)) => {
            Link::Open { invitation: Box::new(invitation), event: Box::new(event) }
        }
    })
}

/// What the answer form sent, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerInput {
    pub response: String,
    pub guests: String,
    pub comment: String,
}

/// What answering did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answered {
    Recorded {
        invitation: Box<Invitation>,
        event: Box<Event>,
    },
    /// The form is wrong: (field, message key) pairs.
    Invalid {
        invitation: Box<Invitation>,
        event: Box<Event>,
        issues: Vec<(&'static str, &'static str)>,
    },
    Over {
        event: Box<Event>,
    },
    Cancelled {
        event: Box<Event>,
    },
    Unknown,
}

/// Records an answer given through a link (replacing the previous one), while the meeting has
/// not ended. Writes the invitation's answer; nothing else (no email, no audit: the invitee
/// has no account and the steering group sees the answers on the meeting's page).
pub async fn answer(
    app: &AppState,
    token: &str,
    input: &AnswerInput,
    now: OffsetDateTime,
) -> Result<Answered, sqlx::Error> {
    let (invitation, event) = match link(app, token, now).await? {
        Link::Unknown => return Ok(Answered::Unknown),
        Link::Over { event } => return Ok(Answered::Over { event }),
        Link::Cancelled { event } => return Ok(Answered::Cancelled { event }),
        Link::Open { invitation, event } => (invitation, event),
    };
    let mut issues = Vec::new();
    let response = Rsvp::parse(input.response.trim());
    if response.is_none() {
        issues.push(("reponse", "events-error-answer-required"));
    }
    let guests = match event::parse_guests(&input.guests, response.unwrap_or(Rsvp::Yes)) {
        Ok(guests) => guests,
        Err(key) => {
            issues.push(("personnes", key));
            0
        }
    };
    let comment = input.comment.trim();
    if comment.chars().count() > event::MAX_COMMENT {
        issues.push(("commentaire", "events-error-comment-long"));
    }
    let Some(response) = response.filter(|_| issues.is_empty()) else {
        return Ok(Answered::Invalid { invitation, event, issues });
    };
    let answer = Answer { response, guests, comment };
    if !app.db.answer_invitation(invitation.id, &answer, now).await? {
        // Over, or cancelled in the meantime: say which.
        return Ok(match app.db.event(event.id).await? {
            Some(current) if current.is_cancelled() => {
                Answered::Cancelled { event: Box::new(current) }
            }
            _ => Answered::Over { event },
        });
    }
    let invitation = Invitation {
        response: Some(response.code().to_owned()),
        guests,
        comment: comment.to_owned(),
        responded_at: Some(now),
        ..*invitation
    };
    Ok(Answered::Recorded { invitation: Box::new(invitation), event })
}

/// The attendees' list as CSV (`;`, UTF-8 with BOM, formulas neutralised): those who answered
/// yes, then maybe, by name, with how many people each brings, their comment and when they
/// answered (Paris time).
pub fn attendees_csv(lang: Lang, invitations: &[Invitation]) -> anyhow::Result<String> {
    let header: Vec<String> = [
        "events-col-name",
        "events-col-email",
        "events-col-source",
        "events-col-answer",
        "events-col-people",
        "events-col-comment",
        "events-col-answered",
    ]
    .iter()
    .map(|key| i18n::t(lang, key))
    .collect();
    let mut coming: Vec<&Invitation> =
        invitations.iter().filter(|i| i.answer().is_some_and(Rsvp::is_coming)).collect();
    coming.sort_by(|a, b| (a.answer(), &a.name, &a.email).cmp(&(b.answer(), &b.name, &b.email)));
    let rows: Vec<Vec<Cell>> = coming
        .into_iter()
        .map(|i| {
            let answered = i.responded_at.map_or(Cell::Empty, |at| {
                let local = paris::to_paris(at);
                Cell::DateTime(time::PrimitiveDateTime::new(local.date(), local.time()))
            });
            vec![
                Cell::Text(i.name.clone()),
                Cell::Text(i.email.clone()),
                Cell::Text(i18n::t(lang, &format!("events-source-{}", i.source))),
                Cell::Text(i18n::t(
                    lang,
                    &format!("events-rsvp-{}", i.answer().map_or("none", Rsvp::code)),
                )),
                Cell::Integer(i.guests),
                Cell::Text(i.comment.clone()),
                answered,
            ]
        })
        .collect();
    let (out, _) = exports::write(Format::Csv, "", &header, rows, Cursor::new(Vec::new()))?;
    Ok(String::from_utf8(out.into_inner())?)
}

/// The meeting as an iCalendar file (RFC 5545), in the language asked, with its page's link;
/// `STATUS:CANCELLED` once cancelled.
pub fn ics_file(app: &AppState, event: &Event, lang: Lang, now: OffsetDateTime) -> String {
    ics_for(app, event, lang, now, IcsMethod::Publish, None)
}

/// The name of a meeting's calendar file.
fn ics_name(event: &Event) -> String {
    format!("rencontre-{}.ics", event.id)
}

/// The platform as a calendar's ORGANIZER: the sender of its emails (`MAIL_FROM`).
fn organizer(app: &AppState) -> (String, String) {
    match app.settings.mail_from.parse::<lettre::message::Mailbox>() {
        Ok(mailbox) => (mailbox.name.unwrap_or_else(|| "PTCE".into()), mailbox.email.to_string()),
        Err(_) => {
            let host = app.settings.base_url.host_str().unwrap_or("ptce.localhost").to_owned();
            ("PTCE".into(), format!("ne-pas-repondre@{host}"))
        }
    }
}

/// The meeting's calendar file with `method`; a cancellation names its organizer and the
/// attendee it is addressed to (RFC 5546 §3.2.5).
fn ics_for(
    app: &AppState,
    event: &Event,
    lang: Lang,
    now: OffsetDateTime,
    method: IcsMethod,
    attendee: Option<IcsPerson<'_>>,
) -> String {
    let base = base_url(app);
    let host = app.settings.base_url.host_str().unwrap_or("ptce").to_owned();
    let uid = format!("{}@{host}", event.id);
    let url = format!("{base}{}", page_path(event));
    let (start, end) = if event.all_day {
        let last = paris::date_of(event.ends_at - time::Duration::SECOND);
        let after = last.next_day().unwrap_or(last);
        (IcsTime::Day(paris::date_of(event.starts_at)), IcsTime::Day(after))
    } else {
        (IcsTime::At(event.starts_at), IcsTime::At(event.ends_at))
    };
    let status = if event.is_cancelled() {
        IcsStatus::Cancelled
    } else if event.tentative {
        IcsStatus::Tentative
    } else {
        IcsStatus::Confirmed
    };
    let (organizer_name, organizer_email) = organizer(app);
    let organizer = (method == IcsMethod::Cancel)
        .then_some(IcsPerson { name: &organizer_name, email: &organizer_email });
    ics::calendar_for(
        method,
        &[IcsEvent {
            uid: &uid,
            stamp: now,
            start,
            end,
            summary: event.title(lang),
            description: event.description(lang),
            location: &event.place,
            url: Some(&url),
            status,
            sequence: event.sequence,
            organizer,
            attendee,
        }],
    )
}
