//! Screening step 2 as use cases: the call's grid, a reviewer's review of an assigned dossier,
//! the automatic assignment of reviewers, and which reviews a person may see (blind phase:
//! a reviewer sees the others' scores only once theirs is in). Each function's comment lists
//! its side effects.

use std::collections::BTreeMap;
use std::sync::Arc;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::db::reviews::{NewReview, ReviewPhase, StoredReview};
use crate::domain::admissibility;
use crate::domain::review::{
    self, AssignmentInput, Eligible, FieldIssue, Grid, ReviewScores, Scores, Track,
};

/// A grid revision read and parsed.
pub struct CallGrid {
    pub revision_id: Uuid,
    pub grid: Arc<Grid>,
}

/// The call's current grid (the bundled 2011 grid on first use).
pub async fn current_grid(app: &AppState, call_id: Uuid) -> anyhow::Result<CallGrid> {
    let revision_id = app.db.current_grid(call_id, OffsetDateTime::now_utc()).await?;
    Ok(CallGrid { revision_id, grid: grid_of(app, revision_id).await? })
}

/// The admissibility checks of a submitted dossier as computed from its answers (GRID.md step
/// 1), before any referent's confirmation.
pub async fn admissibility(
    app: &AppState,
    call: &crate::domain::call::Call,
    dossier: &Dossier,
) -> anyhow::Result<Vec<admissibility::Check>> {
    let schema = crate::dossiers::forms::schema(app, dossier.form_revision_id).await?;
    Ok(admissibility_with(call, &schema, dossier))
}

/// As `admissibility`, with the dossier's form schema already at hand.
pub fn admissibility_with(
    call: &crate::domain::call::Call,
    schema: &crate::domain::form::FormSchema,
    dossier: &Dossier,
) -> Vec<admissibility::Check> {
    use crate::domain::dossier::Window;
    use crate::domain::form::{Answers, Choice, Severity};
    let networks = Choice::from_networks(&call.networks);
    let ctx = crate::dossiers::context(&networks, OffsetDateTime::now_utc());
    let answers = Answers::from_value(dossier.answers.clone());
    let issues = crate::domain::form::validate(schema, &dossier.track, &answers, &ctx);
    let in_time = dossier
        .submitted_at
        .is_some_and(|at| matches!(Window::of(&call.phases, at), Window::Open { .. }));
    admissibility::checks(&admissibility::Facts {
        track: &dossier.track,
        answers: &dossier.answers,
        complete: !issues.iter().any(|i| i.severity == Severity::Error),
        in_time,
        diversity_required: call.year >= 2015,
    })
}

/// The grid of a revision (a review's may be older than the current one), parsed once per
/// server.
pub async fn grid_of(app: &AppState, revision_id: Uuid) -> anyhow::Result<Arc<Grid>> {
    if let Some(grid) = app.grids.get(revision_id) {
        return Ok(grid);
    }
    let revision = app
        .db
        .grid_revision(revision_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no grid revision {revision_id}"))?;
    let grid = Grid::from_toml(&revision.source).map_err(|errors| {
        let first = errors.first().map(ToString::to_string).unwrap_or_default();
        anyhow::anyhow!("the stored grid revision {} does not read: {first}", revision.revision)
    })?;
    let grid = Arc::new(grid);
    app.grids.put(revision_id, grid.clone());
    Ok(grid)
}

/// Why a review was not taken.
#[derive(Debug)]
pub enum ReviewRefusal {
    /// The steering group has not opened the review phase.
    PhaseClosed,
    /// Not assigned to this dossier.
    NotAssigned,
    /// Input to correct, each issue on its field.
    Invalid(Vec<FieldIssue>),
}

/// A reviewer submits their review of a dossier assigned to them, while the phase is open.
/// Side effects: the review row (a second submission replaces the first).
pub async fn submit_review(
    app: &AppState,
    account: &Account,
    dossier: &Dossier,
    pairs: &[(String, String)],
    now: OffsetDateTime,
) -> anyhow::Result<Result<(), ReviewRefusal>> {
    let phase = app.db.review_phase(dossier.call_id).await?;
    if !phase.open {
        return Ok(Err(ReviewRefusal::PhaseClosed));
    }
    if !app.db.is_assigned(dossier.id, account.id).await? {
        return Ok(Err(ReviewRefusal::NotAssigned));
    }
    let track = Track::parse(&dossier.track).unwrap_or(Track::Established);
    let grid = current_grid(app, dossier.call_id).await?;
    let input = match review::parse_review(&grid.grid, track, pairs) {
        Ok(input) => input,
        Err(issues) => return Ok(Err(ReviewRefusal::Invalid(issues))),
    };
    let scores: BTreeMap<String, u8> =
        input.scores.iter().map(|(k, v)| (k.to_owned(), v)).collect();
    let new = NewReview {
        dossier_id: dossier.id,
        reviewer_id: account.id,
        reviewer_name: &account.display_name,
        grid_revision_id: grid.revision_id,
        scores: &scores,
        bonus: &input.bonus,
        recommendation: &input.recommendation,
        comment: &input.comment,
        total_centi: i64::from(input.total_centi(&grid.grid, track)),
        bonus_points: i64::from(input.bonus_points(&grid.grid)),
        at: now,
    };
    app.db.save_review(&new).await?;
    Ok(Ok(()))
}

/// Assigns reviewers to every submitted dossier of the call that has fewer than the phase asks,
/// keeping loads balanced, skipping declared conflicts and (if set) the dossier's own network.
/// Side effects: the assignments, one audit entry. Returns how many were added.
pub async fn assign_automatically(
    app: &AppState,
    account: &Account,
    call_id: Uuid,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<u64> {
    let phase = app.db.review_phase(call_id).await?;
    let (dossiers, existing) = app.db.dossiers_to_review(call_id).await?;
    let reviewers = app.db.reviewers().await?;
    let input = AssignmentInput {
        dossiers: dossiers
            .into_iter()
            .map(|d| Eligible { key: d.id, network: d.network })
            .collect(),
        reviewers: reviewers
            .into_iter()
            .map(|r| Eligible { key: r.id, network: r.network })
            .collect(),
        existing,
        conflicts: app.db.conflicts().await?,
        per_dossier: usize::try_from(phase.reviewers_per_dossier.max(0)).unwrap_or(0),
        exclude_own_network: phase.exclude_own_network,
    };
    let pairs = review::assign(&input);
    Ok(app.db.assign_reviewers(&pairs, account.id, client, now).await?)
}

/// Whether the account sees all the reviews of a dossier. A reviewer assigned to it, in a blind
/// phase, sees only their own until they have submitted it; everyone else of the back office
/// who may see the dossier sees them all.
pub fn sees_all_reviews(
    account: &Account,
    phase: &ReviewPhase,
    assigned: bool,
    reviews: &[StoredReview],
) -> bool {
    let steering = account.is_steering();
    let own_done = reviews.iter().any(|r| r.reviewer_id == Some(account.id));
    steering || !phase.blind || !assigned || own_done
}

/// The scores of stored reviews as the ranking reads them.
pub fn review_scores(reviews: &[StoredReview]) -> Vec<ReviewScores> {
    reviews
        .iter()
        .map(|r| ReviewScores {
            reviewer: r.reviewer_id.map_or_else(|| r.id.to_string(), |id| id.to_string()),
            scores: r.scores.0.iter().map(|(k, v)| (k.clone(), *v)).collect::<Scores>(),
            bonus_points: u32::try_from(r.bonus_points).unwrap_or(0),
        })
        .collect()
}
