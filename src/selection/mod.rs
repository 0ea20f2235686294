//! The selection as use cases: the board of a track (its dossiers ranked from their reviews,
//! the suggested selection under the quota and the per-region rule, the territorial balance),
//! preparing decisions, and releasing them — the only moment a candidate learns the outcome.
//! The letters of decisions (texts per outcome, the PDF) are in `letters`.

pub mod letters;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::decisions::{BoardDossier, Release, SelectionRule, StoredDecision};
use crate::domain::call::Call;
use crate::domain::lang::Lang;
use crate::domain::review::{self, DossierReviews, Outcome, Standing, Track};
use crate::domain::selection::{self, Candidate, SelectionInput, Suggestion};
use crate::domain::territory::{Gazetteer, InseeCode};
use crate::mail::Email;
use crate::mail::templates::DecisionReleased;

/// A dossier on the board.
pub struct BoardLine {
    pub dossier: BoardDossier,
    pub place: Option<u32>,
    pub score_centi: Option<u32>,
    pub region: String,
    pub region_name: String,
    pub department: String,
    pub decision: Option<StoredDecision>,
}

/// A track's board.
pub struct Board {
    pub track: Track,
    pub quota: Option<i64>,
    pub rule: SelectionRule,
    /// In ranking order, dossiers without review last.
    pub lines: Vec<BoardLine>,
    pub suggestion: Suggestion,
}

/// The region (2011 or current, as the rule says) and department of a dossier's lead commune.
fn place_of(dossier: &BoardDossier, regions_2011: bool) -> (String, String, String) {
    let commune = dossier
        .answers
        .0
        .get("lead_commune")
        .and_then(|v| v.as_str())
        .and_then(|code| InseeCode::parse(code).ok())
        .and_then(|code| Gazetteer::global().commune(&code));
    match commune {
        Some(c) => {
            let region = if regions_2011 { c.region_2011() } else { c.region() };
            (region.code().to_owned(), region.name().to_owned(), c.department().code().to_owned())
        }
        None => ("?".to_owned(), "?".to_owned(), "?".to_owned()),
    }
}

/// The board of a track: ranking, suggestion, decisions.
pub async fn board(app: &AppState, call: &Call, track: Track) -> anyhow::Result<Board> {
    let quota = call.tracks.iter().find(|t| t.slug == track.slug()).and_then(|t| t.quota);
    let rule = app.db.selection_rule(call.id, track.slug()).await?;
    let dossiers = app.db.board_dossiers(call.id, track.slug()).await?;
    let reviews = app.db.reviews_of_track(call.id, track.slug()).await?;
    let decisions = app.db.decisions(call.id).await?;
    let grid = crate::reviews::current_grid(app, call.id).await?.grid;
    let per_dossier: Vec<DossierReviews> = dossiers
        .iter()
        .map(|d| {
            let own: Vec<_> = reviews.iter().filter(|r| r.dossier_id == d.id).cloned().collect();
            DossierReviews {
                dossier: d.id.to_string(),
                reviews: crate::reviews::review_scores(&own),
            }
        })
        .collect();
    let ranked = review::rank(&grid, track, &per_dossier);
    let regions_2011 = rule.regions != "current";
    let mut lines = Vec::new();
    for entry in &ranked {
        let Some(dossier) = dossiers.iter().find(|d| d.id.to_string() == entry.dossier) else {
            continue;
        };
        let (region, region_name, department) = place_of(dossier, regions_2011);
        let (place, score_centi) = match &entry.standing {
            Standing::Ranked { place, summary } => {
                (Some(*place), u32::try_from(summary.mean_score.centi()).ok())
            }
            Standing::NotReviewed => (None, None),
        };
        lines.push(BoardLine {
            dossier: dossier.clone(),
            place,
            score_centi,
            region,
            region_name,
            department,
            decision: decisions.iter().find(|x| x.dossier_id == dossier.id).cloned(),
        });
    }
    let input = SelectionInput {
        quota: u32::try_from(quota.unwrap_or(0).max(0)).unwrap_or(0),
        per_region: rule.per_region.and_then(|n| u32::try_from(n).ok()),
        candidates: lines.iter().map(candidate).collect(),
    };
    let suggestion = selection::suggest(&input);
    Ok(Board { track, quota, rule, lines, suggestion })
}

fn candidate(line: &BoardLine) -> Candidate {
    Candidate {
        dossier: line.dossier.id.to_string(),
        score_centi: line.score_centi,
        region: line.region.clone(),
        region_name: line.region_name.clone(),
        department: line.department.clone(),
    }
}

impl Board {
    pub fn candidates(&self) -> Vec<Candidate> {
        self.lines.iter().map(candidate).collect()
    }

    /// The dossiers with a prepared (or released) selection: retenu, retenu sous réserve.
    pub fn decided_selection(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter(|l| {
                l.decision.as_ref().and_then(|d| Outcome::parse(&d.outcome)).is_some_and(|o| {
                    matches!(o, Outcome::Selected | Outcome::SelectedWithConditions)
                })
            })
            .map(|l| l.dossier.id.to_string())
            .collect()
    }
}

/// Prepares "retenu" for every suggested dossier without a decision yet, with the suggestion's
/// reason as motivation (to be edited before release). Side effects: the decisions, audited.
pub async fn apply_suggestion(
    app: &AppState,
    account: &Account,
    board: &Board,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<u32> {
    let mut prepared = 0;
    for verdict in &board.suggestion.verdicts {
        if !verdict.reason.is_selected() {
            continue;
        }
        let Some(line) = board.lines.iter().find(|l| l.dossier.id.to_string() == verdict.dossier)
        else {
            continue;
        };
        if line.decision.is_some() {
            continue;
        }
        let motivation = verdict.reason.message().fr;
        let code = Outcome::Selected.code();
        if app
            .db
            .prepare_decision(line.dossier.id, code, &motivation, None, account.id, client, now)
            .await?
        {
            prepared += 1;
        }
    }
    Ok(prepared)
}

/// Releases the prepared decisions of a call (all of them, or the one of `only`). Each: the
/// dossier moves to its outcome's state (and, redirected, to its new track), the history says
/// so, the letter in force for the outcome is filled in both languages and kept, and each member
/// of the organisation gets it by email (in their language) with the link to its PDF. Returns
/// how many were released.
pub async fn release(
    app: &AppState,
    account: &Account,
    call: &Call,
    only: Option<Uuid>,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<u32> {
    let base = app.settings.base_url.as_str().trim_end_matches('/').to_owned();
    let texts = letters::texts(app, call.id).await?;
    let mut released = 0;
    for decision in app.db.decisions(call.id).await? {
        if decision.released_at.is_some() || only.is_some_and(|id| id != decision.dossier_id) {
            continue;
        }
        let Some(outcome) = Outcome::parse(&decision.outcome) else { continue };
        let Some(dossier) = app.db.dossier(decision.dossier_id).await? else { continue };
        let organisation =
            app.db.organisation(dossier.organisation_id).await?.map(|o| o.name).unwrap_or_default();
        let new_track = decision
            .target_track
            .as_deref()
            .filter(|t| outcome == Outcome::Redirected && *t != dossier.track);
        let facts = letters::DossierFacts {
            id: dossier.id,
            reference: &dossier.reference,
            title: &dossier.title,
            organisation: &organisation,
            track: new_track.unwrap_or(&dossier.track),
        };
        let filled: Vec<(Lang, String, String)> = [Lang::Fr, Lang::En]
            .into_iter()
            .map(|lang| {
                let values =
                    letters::values(&base, call, &facts, outcome, &decision.motivation, lang);
                let (subject, body) = texts.letter(outcome, lang).fill(&values);
                (lang, subject, body)
            })
            .collect();
        let letter_link = letters::letter_link(&base, dossier.id);
        let mut emails = Vec::new();
        for member in app.db.members_to_notify(dossier.id).await? {
            let lang = Lang::parse(&member.lang).unwrap_or_default();
            let Some((_, subject, body)) = filled.iter().find(|(l, _, _)| *l == lang) else {
                continue;
            };
            let email = DecisionReleased {
                lang,
                subject: subject.clone(),
                body_text: body.clone(),
                body_html: letters::body_html(body),
                letter_link: letter_link.clone(),
            };
            emails.push((member.email, email.render()?));
        }
        let kept: Vec<(&str, String, String)> =
            filled.into_iter().map(|(lang, s, b)| (lang.code(), s, b)).collect();
        let to = outcome.state();
        let release = Release {
            dossier_id: dossier.id,
            from_state: dossier.state.code(),
            to_state: to.code(),
            note: &decision.motivation,
            emails: &emails,
            kind: DecisionReleased::KIND,
            outcome: outcome.code(),
            letters: &kept,
            new_track,
        };
        if app.db.release_decision(&release, account.id, client, now).await? {
            released += 1;
            crate::search::index_after_change(app, dossier.id).await;
        }
    }
    app.mail_wakeup.notify_one();
    Ok(released)
}
