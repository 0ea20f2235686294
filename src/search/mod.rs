//! Keeping the back office's search index in step with the dossiers: what a submitted dossier is
//! found by (its words) and filtered by (territory, sectors, admissibility), computed from its
//! answers. The database queues every dossier whose entry a change made stale (migration 0022's
//! triggers, in the change's own transaction); the code that made the change empties the queue
//! for its dossiers at once (`refresh`), and the index job (src/jobs/index.rs) empties the rest
//! (saves of submitted dossiers, databases filled by `ptce generate`, a refresh that failed).

use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::dossiers::Dossier;
use crate::db::search_index::{Queued, SearchEntry};
use crate::domain::admissibility::Status;
use crate::domain::search;
use crate::domain::territory::{Gazetteer, InseeCode};

/// The answers holding communes (INSEE codes), whose names are searched too.
const COMMUNE_FIELDS: [&str; 2] = ["lead_commune", "territory_communes"];

/// A dossier's entry computed from its answers; None for a draft (drafts are not listed) or a
/// dossier gone.
async fn entry_of(app: &AppState, dossier_id: Uuid) -> anyhow::Result<Option<SearchEntry>> {
    let Some(dossier) = app.db.dossier(dossier_id).await? else { return Ok(None) };
    if dossier.state == crate::domain::dossier::DossierState::Draft {
        return Ok(None);
    }
    let Some(call) = app.content.call(&app.db).await? else { return Ok(None) };
    let organisation = app.db.organisation(dossier.organisation_id).await?;
    let checks = crate::reviews::admissibility(app, &call.call, &dossier).await?;
    let confirmations = app.db.confirmations(dossier.id).await?;
    let statuses = checks.iter().map(|check| {
        confirmations
            .iter()
            .find(|c| c.check_key == check.key)
            .and_then(|c| Status::parse(&c.status))
            .unwrap_or(check.status)
    });
    Ok(Some(entry(
        &dossier,
        organisation.as_ref().map_or("", |o| o.name.as_str()),
        worst(statuses),
        Gazetteer::global(),
    )))
}

/// Brings the entries of these dossiers up to date after a change, without failing the change:
/// what stays queued is the index job's.
pub async fn refresh(app: &AppState, dossiers: &[Uuid]) {
    let done = async {
        let queued = app.db.queued(dossiers).await?;
        apply(app, &queued).await
    };
    if let Err(error) = done.await {
        tracing::warn!(?dossiers, %error, "indexing failed; the index job will retry");
    }
}

/// As `refresh`, for one dossier.
pub async fn index_after_change(app: &AppState, dossier_id: Uuid) {
    refresh(app, &[dossier_id]).await;
}

/// Empties up to `batch` entries of the queue; returns how many were read.
pub async fn catch_up(app: &AppState, batch: i64) -> anyhow::Result<usize> {
    let queued = app.db.search_queue(batch).await?;
    apply(app, &queued).await?;
    Ok(queued.len())
}

/// Brings queued entries up to date, written in one transaction: whole entries computed
/// again where words changed, facets alone elsewhere — and then, whole, those found to have no
/// entry yet.
async fn apply(app: &AppState, queued: &[Queued]) -> anyhow::Result<()> {
    let mut work = Vec::with_capacity(queued.len());
    for item in queued {
        let entry = if item.words { entry_of(app, item.dossier_id).await? } else { None };
        work.push((*item, entry));
    }
    let whole = app.db.apply_index(&work, OffsetDateTime::now_utc()).await?;
    if !whole.is_empty() {
        // Dossiers submitted for the first time come with their facets changed only.
        let mut work = Vec::with_capacity(whole.len());
        for item in app.db.queued(&whole).await? {
            work.push((item, entry_of(app, item.dossier_id).await?));
        }
        app.db.apply_index(&work, OffsetDateTime::now_utc()).await?;
    }
    Ok(())
}

/// The worst status: fail, else warning, else pass (also for no check at all).
fn worst(statuses: impl Iterator<Item = Status>) -> Status {
    statuses.fold(Status::Pass, |worst, status| match (worst, status) {
        (Status::Fail, _) | (_, Status::Fail) => Status::Fail,
        (Status::Warning, _) | (_, Status::Warning) => Status::Warning,
        _ => Status::Pass,
    })
}

/// A dossier's entry of the index.
fn entry(
    dossier: &Dossier,
    organisation: &str,
    admissibility: Status,
    places: &Gazetteer,
) -> SearchEntry {
    let commune = |code: &str| InseeCode::parse(code).ok().and_then(|c| places.commune(&c));
    let lead = dossier.answers.get("lead_commune").and_then(Value::as_str).and_then(commune);
    let mut commune_names = Vec::new();
    for field in COMMUNE_FIELDS {
        let codes: Vec<&str> = match dossier.answers.get(field) {
            Some(Value::String(code)) => vec![code.as_str()],
            Some(Value::Array(codes)) => codes.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        commune_names.extend(codes.into_iter().filter_map(commune).map(|c| c.name()));
    }
    let sectors: Vec<&str> = dossier
        .answers
        .get("sectors")
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut texts = vec![dossier.title.as_str(), dossier.reference.as_str(), organisation];
    texts.extend(commune_names);
    strings(&dossier.answers, &mut texts);
    SearchEntry {
        dossier_id: dossier.id,
        department: lead.map(|c| c.department().code().to_owned()),
        region: lead.map(|c| c.region().code().to_owned()),
        region_2011: lead.map(|c| c.region_2011().code().to_owned()),
        sectors: if sectors.is_empty() {
            String::new()
        } else {
            format!(",{},", sectors.join(","))
        },
        admissibility: admissibility.code().to_owned(),
        words: search::document(texts),
    }
}

/// Every text of the answers, depth first (table rows and their cells included).
fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(text) => out.push(text),
        Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
        Value::Object(fields) => fields.values().for_each(|field| strings(field, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::domain::dossier::DossierState;

    fn dossier(answers: Value) -> Dossier {
        Dossier {
            id: Uuid::nil(),
            call_id: Uuid::nil(),
            reference: "A-0007".into(),
            organisation_id: Uuid::nil(),
            track: "established".into(),
            form_revision_id: Uuid::nil(),
            state: DossierState::Submitted,
            network_id: None,
            title: "Pôle Sud".into(),
            answers,
            version: 1,
            section_versions: BTreeMap::new(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            updated_at: OffsetDateTime::UNIX_EPOCH,
            submitted_at: None,
            submission_count: 1,
        }
    }

    #[test]
    fn a_dossier_in_romans_is_filed_under_drome_rhone_alpes_and_auvergne_rhone_alpes() {
        let answers = json!({
            "lead_commune": "26281",
            "sectors": ["agriculture", "energie"],
            "members": [{ "name": "Coopérative Énergies Vertes", "amount": 1200 }],
        });
        let entry =
            entry(&dossier(answers), "Association Drôme", Status::Warning, Gazetteer::global());
        assert_eq!(entry.department.as_deref(), Some("26"));
        assert_eq!(entry.region.as_deref(), Some("84"));
        assert_eq!(entry.region_2011.as_deref(), Some("82"));
        assert_eq!(entry.sectors, ",agriculture,energie,");
        assert_eq!(entry.admissibility, "warning");
        assert_eq!(
            entry.words,
            "pol sud 0007 associ drom roman iser 26281 cooper energ vert agricultur"
        );
    }

    #[test]
    fn the_worst_status_wins() {
        assert_eq!(worst([Status::Pass, Status::Warning].into_iter()), Status::Warning);
        assert_eq!(worst([Status::Fail, Status::Warning].into_iter()), Status::Fail);
        assert_eq!(worst(std::iter::empty()), Status::Pass);
    }
}
