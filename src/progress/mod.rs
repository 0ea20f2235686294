//! The progress approach (démarche de progrès): the steering group sets periods; each published
//! pole's people fill the period report (a form held as data, `data/forms/report-2011.toml`),
//! save drafts and submit it; reminders go out before and after the due date (once each per
//! pole and period); the pole's page and the network's dashboard show the submitted reports'
//! indicators over time. Each function's comment lists its side effects.

pub mod chart;
pub mod view;

use std::sync::{Arc, LazyLock};

use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::poles::Pole;
use crate::db::progress::{NewPeriod, NewReminder, Period, Report, SaveReport};
use crate::domain::form::{self, Answers, Context, FormSchema, Issue, Severity};
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::domain::progress::{
    PeriodDates, PeriodInput, PeriodIssue, REPORT_TRACK, ReminderKind, ReportState, parse_period,
    reminder_due,
};
use crate::i18n;
use crate::mail::Email;
use crate::mail::templates::ProgressReminder;

/// The shipped report form, read once: what pages show before the steering group's first
/// period publishes it with the call.
static DEFAULT_SCHEMA: LazyLock<Option<Arc<FormSchema>>> =
    LazyLock::new(|| FormSchema::from_toml(form::REPORT).ok().map(Arc::new));

/// The report form of a call: its published revision (`None` before the first period) and its
/// schema.
#[derive(Clone)]
pub struct ReportForm {
    pub revision_id: Option<Uuid>,
    pub schema: Arc<FormSchema>,
}

/// The report form in force for a call, without writing anything.
pub async fn report_form(app: &AppState, call_id: Uuid) -> anyhow::Result<ReportForm> {
    if let Some(revision) = app.db.current_form(call_id, REPORT_TRACK).await? {
        let schema = crate::dossiers::forms::schema(app, revision.id).await?;
        return Ok(ReportForm { revision_id: Some(revision.id), schema });
    }
    let schema = DEFAULT_SCHEMA.clone().ok_or_else(|| anyhow::anyhow!("report form unreadable"))?;
    Ok(ReportForm { revision_id: None, schema })
}

/// The report form of a call, published (the shipped one) if it was not yet. Side effect: a
/// `form_revisions` row of track `report` the first time.
pub async fn published_report_form(
    app: &AppState,
    call_id: Uuid,
    now: OffsetDateTime,
) -> anyhow::Result<(Uuid, Arc<FormSchema>)> {
    let revision = match app.db.current_form(call_id, REPORT_TRACK).await? {
        Some(revision) => revision,
        None => app.db.publish_form(call_id, REPORT_TRACK, form::REPORT, None, now).await?,
    };
    Ok((revision.id, crate::dossiers::forms::schema(app, revision.id).await?))
}

/// The validation context of a report: today in Paris (no commune, network or pole list).
pub fn context(now: OffsetDateTime) -> Context<'static> {
    crate::dossiers::context(&[], now)
}

/// The day a period's ISO date stands for.
pub fn day(iso: &str) -> Option<Date> {
    form::parse_date(iso)
}

/// A period's due date in words: "31 mars 2013".
pub fn due_text(period: &Period, lang: Lang) -> String {
    day(&period.due_on).map_or_else(|| period.due_on.clone(), |d| form::format_date(d, lang))
}

/// "1er janvier 2012 – 31 décembre 2012".
pub fn span_text(period: &Period, lang: Lang) -> String {
    let text = |iso: &str| day(iso).map_or_else(|| iso.to_owned(), |d| form::format_date(d, lang));
    format!("{} – {}", text(&period.starts_on), text(&period.ends_on))
}

/// Reads the post of the whole report (every section in order). Returns the answers (text that
/// does not read kept as typed), what reading noticed (values that do not read) and every issue
/// of the whole form.
pub fn read(
    schema: &FormSchema,
    pairs: &[(String, String)],
    ctx: &Context,
) -> (Answers, Vec<Issue>, Vec<Issue>) {
    let mut answers = Answers::new();
    let mut unreadable = Vec::new();
    for section in &schema.sections {
        let input = form::read_section(schema, &section.key, pairs, ctx.places, &answers);
        answers = input.answers;
        unreadable.extend(input.issues);
    }
    let issues = form::validate(schema, REPORT_TRACK, &answers, ctx);
    (answers, unreadable, issues)
}

/// The published poles the account reports for: those of its organisation's dossiers.
pub async fn member_poles(app: &AppState, account: &Account) -> anyhow::Result<Vec<Pole>> {
    Ok(match account.organisation_id {
        Some(organisation) => app.db.published_poles_of_organisation(organisation).await?,
        None => Vec::new(),
    })
}

/// The pole if the account is one of its people and it is published.
pub async fn member_pole(
    app: &AppState,
    account: &Account,
    pole_id: Uuid,
) -> anyhow::Result<Option<Pole>> {
    Ok(member_poles(app, account).await?.into_iter().find(|p| p.id == pole_id))
}

/// What saving a report came to.
#[derive(Debug)]
pub enum Saved {
    /// Stored as a draft; `unreadable` are the values that did not read (kept as typed).
    Draft {
        answers: Answers,
        unreadable: Vec<Issue>,
    },
    /// Not submitted: something to correct (the answers are stored as a draft meanwhile).
    Invalid {
        answers: Answers,
        issues: Vec<Issue>,
    },
    Submitted,
    /// The report had already been submitted: nothing changed.
    AlreadySubmitted,
}

/// Saves a pole's report for a period from the posted form: as a draft, or submitted when
/// `submit` and nothing blocks. Side effects: the `progress_reports` row (a draft even when
/// the submission is refused, so nothing typed is lost); a submission is audited. A submitted
/// report never changes.
#[allow(clippy::too_many_arguments)]
pub async fn save(
    app: &AppState,
    account: &Account,
    pole: &Pole,
    period: &Period,
    pairs: &[(String, String)],
    submit: bool,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Saved> {
    let (revision_id, schema) = published_report_form(app, pole.call_id, now).await?;
    let ctx = context(now);
    let (answers, unreadable, issues) = read(&schema, pairs, &ctx);
    let blocked = issues.iter().any(|i| i.severity == Severity::Error);
    let value = answers.to_value();
    let store = SaveReport {
        period_id: period.id,
        pole_id: pole.id,
        form_revision_id: revision_id,
        answers: &value,
        submit: submit && !blocked,
        by: account.id,
        client,
    };
    if !app.db.save_progress_report(&store, now).await? {
        return Ok(Saved::AlreadySubmitted);
    }
    Ok(if !submit {
        Saved::Draft { answers, unreadable }
    } else if blocked {
        Saved::Invalid { answers, issues }
    } else {
        Saved::Submitted
    })
}

/// A pole's report for a period, with its state.
pub async fn report(
    app: &AppState,
    pole: &Pole,
    period: &Period,
) -> anyhow::Result<Option<(Report, ReportState)>> {
    Ok(app.db.progress_report(period.id, pole.id).await?.map(|r| {
        let state = ReportState::parse(&r.state).unwrap_or(ReportState::Draft);
        (r, state)
    }))
}

/// Adds a period to the call. Side effects: the report form published with the call if it was
/// not yet; the `progress_periods` row; an audit entry. The issues next to the fields when the
/// input does not read or the label is taken.
pub async fn create_period(
    app: &AppState,
    account: &Account,
    call_id: Uuid,
    input: &PeriodInput,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Result<PeriodDates, Vec<PeriodIssue>>> {
    let taken: Vec<String> =
        app.db.progress_periods(call_id).await?.into_iter().map(|p| p.label).collect();
    let dates = match parse_period(input, &taken) {
        Ok(dates) => dates,
        Err(issues) => return Ok(Err(issues)),
    };
    published_report_form(app, call_id, now).await?;
    let new = NewPeriod {
        call_id,
        label: &dates.label,
        starts_on: &form::iso_date(dates.starts_on),
        ends_on: &form::iso_date(dates.ends_on),
        due_on: &form::iso_date(dates.due_on),
        by: account.id,
        client,
    };
    if !app.db.create_progress_period(&new, now).await? {
        return Ok(Err(vec![PeriodIssue {
            field: "label",
            message: "progress-error-label-taken",
        }]));
    }
    Ok(Ok(dates))
}

/// What sending the reminders of a period did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminded {
    /// The reminder due today, if any.
    pub kind: Option<ReminderKind>,
    /// Poles reminded now.
    pub poles: usize,
    /// Emails queued.
    pub emails: usize,
    /// Poles that had already had this reminder (not sent again).
    pub already: usize,
}

/// Sends the reminder due today for a period (before or after the due date, see
/// [`reminder_due`]) to each published pole whose report is not submitted: one email per
/// member with a confirmed address, in their language. Side effects, per pole, in one
/// transaction: the `progress_reminders` row, its emails, an audit entry — nothing for a pole
/// that already had this kind of reminder for this period. Callable by the steering group's
/// button or by a job (`by` is then `None`).
pub async fn send_reminders(
    app: &AppState,
    by: Option<&Account>,
    period: &Period,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Reminded> {
    let mut done = Reminded { kind: None, poles: 0, emails: 0, already: 0 };
    let Some(due) = day(&period.due_on) else { return Ok(done) };
    let Some(kind) = reminder_due(paris::date_of(now), due) else { return Ok(done) };
    done.kind = Some(kind);
    let submitted: Vec<Uuid> = app
        .db
        .progress_report_statuses(period.call_id)
        .await?
        .into_iter()
        .filter(|r| r.period_id == period.id && r.state == ReportState::Submitted.code())
        .map(|r| r.pole_id)
        .collect();
    let sent: Vec<Uuid> = app
        .db
        .progress_reminders(period.id)
        .await?
        .into_iter()
        .filter(|r| r.kind == kind.code())
        .map(|r| r.pole_id)
        .collect();
    let base = app.settings.base_url.as_str().trim_end_matches('/').to_owned();
    for pole in app.db.published_poles(period.call_id).await? {
        if submitted.contains(&pole.id) {
            continue;
        }
        if sent.contains(&pole.id) {
            done.already += 1;
            continue;
        }
        let mut emails = Vec::new();
        for recipient in app.db.members_to_notify(pole.dossier_id).await? {
            let lang = Lang::parse(&recipient.lang).unwrap_or_default();
            let email = ProgressReminder {
                lang,
                pole: pole.content.0.name.clone(),
                period: period.label.clone(),
                due: due_text(period, lang),
                late: kind == ReminderKind::After,
                link: format!("{base}/espace/progres/{}/{}", pole.id, period.id),
            };
            emails.push((recipient.email, email.render()?));
        }
        let reminder = NewReminder {
            period_id: period.id,
            pole_id: pole.id,
            kind: kind.code(),
            by: by.map(|a| a.id),
            client,
            email_kind: ProgressReminder::KIND,
            emails: &emails,
        };
        if app.db.record_progress_reminder(&reminder, now).await? {
            done.poles += 1;
            done.emails += emails.len();
        } else {
            done.already += 1;
        }
    }
    if done.emails > 0 {
        app.mail_wakeup.notify_one();
    }
    Ok(done)
}

/// "Brouillon enregistré le …", "Déposé le …", "À remplir" for a report's state.
pub fn status_text(report: Option<&(Report, ReportState)>, lang: Lang) -> String {
    match report {
        None => i18n::t(lang, "progress-status-none"),
        Some((r, ReportState::Draft)) => format!(
            "{} {}",
            i18n::t(lang, "progress-status-draft"),
            i18n::datetime(lang, r.updated_at)
        ),
        Some((r, ReportState::Submitted)) => format!(
            "{} {}",
            i18n::t(lang, "progress-status-submitted"),
            i18n::datetime(lang, r.submitted_at.unwrap_or(r.updated_at))
        ),
    }
}
