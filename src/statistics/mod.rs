//! The statistics of a call for the back office (dossiers by track and state, network, region
//! and department, first submissions per day, drafts; a referent's limited to their networks),
//! and the reminder the steering group sends to the authors of drafts not yet submitted.

pub mod chart;

use std::collections::BTreeMap;

use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::statistics::{
    DepartmentCount, NetworkCount, NewReminder, ReminderDraft, SentReminder, StatisticsScope,
    TrackStateCount,
};
use crate::domain::call::Call;
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::domain::role::Role;
use crate::domain::territory::Gazetteer;
use crate::domain::territory::map::MapLevel;
use crate::i18n;
use crate::mail::Email;
use crate::mail::templates::DraftReminder;

/// A reminder sent less than this long ago is said before another is sent.
pub const REMINDER_GRACE: Duration = Duration::DAY;

/// The longest run of days the chart of submissions fills with empty days.
const MAX_DAYS: i64 = 400;

fn is_steering(account: &Account) -> bool {
    account.has_role(Role::Steering) || account.has_role(Role::Admin)
}

/// The networks a referent follows (their slugs).
fn referent_networks(account: &Account) -> Vec<String> {
    account
        .roles
        .iter()
        .filter(|(role, _)| *role == Role::Referent)
        .filter_map(|(_, network)| network.clone())
        .collect()
}

/// Whether the account sees statistics: the steering group, administrators and referents.
pub fn may_see(account: &Account) -> bool {
    is_steering(account) || !referent_networks(account).is_empty()
}

/// Whether the account may send the reminder of drafts: the steering group and administrators.
pub fn may_remind(account: &Account) -> bool {
    is_steering(account)
}

/// The dossiers an account's statistics count: all for the steering group, the networks of a
/// referent, none for anyone else.
pub fn scope_of(account: &Account) -> StatisticsScope {
    if is_steering(account) {
        StatisticsScope { networks: None }
    } else {
        StatisticsScope { networks: Some(referent_networks(account)) }
    }
}

/// The numbers of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statistics {
    /// Every dossier (drafts included) by track and state.
    pub by_track_state: Vec<TrackStateCount>,
    /// Submitted dossiers by network (`None`: routed to none).
    pub by_network: Vec<NetworkCount>,
    /// Submitted dossiers by department, for known departments, by code.
    pub by_department: Vec<(String, u32)>,
    /// Submitted dossiers whose lead organisation's commune is missing or unknown.
    pub unplaced: u32,
    /// First submissions per Paris day, from the first to the last such day, days without
    /// one included.
    pub per_day: Vec<(Date, u32)>,
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

impl Statistics {
    /// Drafts not yet submitted, by track (tracks without a draft left out).
    pub fn drafts_by_track(&self) -> Vec<(String, u32)> {
        self.by_track_state
            .iter()
            .filter(|row| row.state == "draft")
            .map(|row| (row.track.clone(), count(row.count)))
            .collect()
    }

    /// Submitted dossiers (every state but draft).
    pub fn submitted(&self) -> u32 {
        self.by_track_state
            .iter()
            .filter(|row| row.state != "draft")
            .map(|row| count(row.count))
            .sum()
    }

    /// Submitted dossiers by area of a level, by the area's INSEE code (areas without one left
    /// out): regions add up their departments.
    pub fn by_area(&self, level: MapLevel) -> Vec<(String, u32)> {
        let gazetteer = Gazetteer::global();
        let mut areas: BTreeMap<String, u32> = BTreeMap::new();
        for (code, n) in &self.by_department {
            if let Some(department) = gazetteer.department(code) {
                *areas.entry(level.area_of(department).0.to_owned()).or_default() += n;
            }
        }
        areas.into_iter().collect()
    }
}

/// Splits the database's department rows into known departments and the rest.
fn departments(rows: Vec<DepartmentCount>) -> (Vec<(String, u32)>, u32) {
    let gazetteer = Gazetteer::global();
    let mut known = Vec::new();
    let mut unplaced = 0;
    for row in rows {
        match row.department.as_deref().and_then(|code| gazetteer.department(code)) {
            Some(department) => known.push((department.code().to_owned(), count(row.count))),
            None => unplaced += count(row.count),
        }
    }
    // By code in byte order ("19", "21", "2A", "2B", "30"), whatever the database's collation.
    known.sort();
    (known, unplaced)
}

/// How many instants fall on each Paris day, from the first day to the last, empty days
/// included (at most `MAX_DAYS` days; beyond, only days with submissions).
pub fn per_paris_day(instants: &[OffsetDateTime]) -> Vec<(Date, u32)> {
    let mut days: BTreeMap<Date, u32> = BTreeMap::new();
    for at in instants {
        *days.entry(paris::date_of(*at)).or_default() += 1;
    }
    let (Some((&first, _)), Some((&last, _))) = (days.first_key_value(), days.last_key_value())
    else {
        return Vec::new();
    };
    if (last - first).whole_days() <= MAX_DAYS {
        let mut day = first;
        while day < last {
            days.entry(day).or_default();
            match day.next_day() {
                Some(next) => day = next,
                None => break,
            }
        }
    }
    days.into_iter().collect()
}

/// The numbers of a call within a scope.
pub async fn statistics(
    app: &AppState,
    call_id: Uuid,
    scope: &StatisticsScope,
) -> anyhow::Result<Statistics> {
    let by_track_state = app.db.count_by_track_and_state(call_id, scope).await?;
    let by_network = app.db.count_by_network(call_id, scope).await?;
    let (by_department, unplaced) = departments(app.db.count_by_department(call_id, scope).await?);
    let per_day = per_paris_day(&app.db.first_submissions(call_id, scope).await?);
    Ok(Statistics { by_track_state, by_network, by_department, unplaced, per_day })
}

/// One person the reminder goes to, with their drafts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRecipient {
    pub email: String,
    pub lang: Lang,
    /// "A-0003 — Pôle Sud Archer", by reference.
    pub drafts: Vec<String>,
}

/// Who would get the reminder now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReminderPlan {
    /// One per person, by address.
    pub recipients: Vec<ReminderRecipient>,
    /// The distinct drafts they wrote.
    pub drafts: usize,
}

/// Groups the (person, draft) rows by person: one recipient each, whatever their drafts.
pub fn plan(rows: &[ReminderDraft]) -> ReminderPlan {
    let mut recipients: Vec<ReminderRecipient> = Vec::new();
    let mut by_user: Vec<Uuid> = Vec::new();
    let mut references: Vec<&str> = Vec::new();
    for row in rows {
        let line = if row.title.trim().is_empty() {
            row.reference.clone()
        } else {
            format!("{} — {}", row.reference, row.title.trim())
        };
        match by_user.iter().position(|id| *id == row.user_id) {
            Some(i) => recipients[i].drafts.push(line),
            None => {
                by_user.push(row.user_id);
                recipients.push(ReminderRecipient {
                    email: row.email.clone(),
                    lang: Lang::parse(&row.lang).unwrap_or_default(),
                    drafts: vec![line],
                });
            }
        }
        if !references.contains(&row.reference.as_str()) {
            references.push(&row.reference);
        }
    }
    ReminderPlan { recipients, drafts: references.len() }
}

/// Who would get the reminder of a call's drafts now.
pub async fn reminder_plan(app: &AppState, call_id: Uuid) -> anyhow::Result<ReminderPlan> {
    Ok(plan(&app.db.reminder_drafts(call_id).await?))
}

/// The reminder of this call sent in the last 24 hours, if any.
pub async fn recent_reminder(
    app: &AppState,
    call_id: Uuid,
    now: OffsetDateTime,
) -> anyhow::Result<Option<SentReminder>> {
    Ok(app.db.last_reminder(call_id, now - REMINDER_GRACE).await?)
}

/// Sends the reminder: one email per author of drafts (in their language), recorded with the
/// sender and the counts, and audited. Returns how many people it goes to (none: nothing is
/// recorded).
pub async fn send_reminder(
    app: &AppState,
    account: &Account,
    call: &Call,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<usize> {
    let plan = reminder_plan(app, call.id).await?;
    if plan.recipients.is_empty() {
        return Ok(0);
    }
    let base = app.settings.base_url.as_str().trim_end_matches('/').to_owned();
    // The deadline is the first instant refused: the last minute is the one said.
    let deadline = call.deadline().filter(|d| *d > now);
    let mut emails = Vec::with_capacity(plan.recipients.len());
    for recipient in &plan.recipients {
        let lang = recipient.lang;
        let email = DraftReminder {
            lang,
            drafts: recipient.drafts.clone(),
            deadline: deadline.map(|d| i18n::datetime(lang, d - Duration::MINUTE)),
            link: format!("{base}/espace"),
            opt_out: format!("{base}/espace/relances"),
        };
        emails.push((recipient.email.clone(), email.render()?));
    }
    let reminder = NewReminder {
        call_id: call.id,
        by: account.id,
        client,
        emails: &emails,
        kind: DraftReminder::KIND,
        drafts: i64::try_from(plan.drafts).unwrap_or(i64::MAX),
    };
    app.db.record_reminder(&reminder, now).await?;
    app.mail_wakeup.notify_one();
    Ok(emails.len())
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn row(user: u128, email: &str, reference: &str, title: &str) -> ReminderDraft {
        ReminderDraft {
            user_id: Uuid::from_u128(user),
            email: email.to_owned(),
            lang: if email.ends_with(".uk") { "en" } else { "fr" }.to_owned(),
            reference: reference.to_owned(),
            title: title.to_owned(),
            track: "established".to_owned(),
        }
    }

    #[test]
    fn an_author_of_two_drafts_is_one_recipient_listing_both() {
        let rows = [
            row(1, "a@pole.fr", "A-0001", "Pôle Drôme"),
            row(1, "a@pole.fr", "A-0002", " "),
            row(2, "b@pole.uk", "A-0002", " "),
        ];
        let plan = plan(&rows);
        assert_eq!(plan.drafts, 2);
        assert_eq!(
            plan.recipients,
            [
                ReminderRecipient {
                    email: "a@pole.fr".to_owned(),
                    lang: Lang::Fr,
                    drafts: vec!["A-0001 — Pôle Drôme".to_owned(), "A-0002".to_owned()],
                },
                ReminderRecipient {
                    email: "b@pole.uk".to_owned(),
                    lang: Lang::En,
                    drafts: vec!["A-0002".to_owned()],
                },
            ]
        );
    }

    #[test]
    fn submissions_are_counted_per_paris_day_with_the_empty_days_between() {
        let instants = [
            // 23:30 UTC on 28 November is 00:30 on the 29th in Paris.
            datetime!(2011-11-28 23:30 UTC),
            datetime!(2011-11-29 10:00 UTC),
            datetime!(2011-12-01 09:00 UTC),
        ];
        assert_eq!(
            per_paris_day(&instants),
            [(date!(2011 - 11 - 29), 2), (date!(2011 - 11 - 30), 0), (date!(2011 - 12 - 01), 1)]
        );
        assert_eq!(per_paris_day(&[]), []);
    }

    #[test]
    fn regions_add_up_their_departments() {
        let statistics = Statistics {
            by_track_state: Vec::new(),
            by_network: Vec::new(),
            by_department: vec![("07".to_owned(), 1), ("26".to_owned(), 2), ("63".to_owned(), 4)],
            unplaced: 0,
            per_day: Vec::new(),
        };
        assert_eq!(
            statistics.by_area(MapLevel::Regions2011),
            [("82".to_owned(), 3), ("83".to_owned(), 4)]
        );
        assert_eq!(statistics.by_area(MapLevel::RegionsCurrent), [("84".to_owned(), 7)]);
    }
}
