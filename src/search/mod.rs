//! Keeping the back office's search index in step with the dossiers: what a submitted dossier is
//! found by (its words) and filtered by (territory, sectors, admissibility), computed from its
//! answers. Written at once when a dossier is submitted, completed or its admissibility
//! confirmed; the index job (src/jobs/index.rs) catches up with anything else (dossiers
//! changed after submission, databases filled by `ptce generate`, an index write that failed).

use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::dossier_list::SearchEntry;
use crate::db::dossiers::Dossier;
use crate::domain::admissibility::Status;
use crate::domain::search;
use crate::domain::territory::{Gazetteer, InseeCode};

/// The answers holding communes (INSEE codes), whose names are searched too.
const COMMUNE_FIELDS: [&str; 2] = ["lead_commune", "territory_communes"];

/// Indexes one dossier (drafts are not listed: nothing is written for them).
pub async fn index(app: &AppState, dossier_id: Uuid) -> anyhow::Result<()> {
    let Some(dossier) = app.db.dossier(dossier_id).await? else { return Ok(()) };
    if dossier.state == crate::domain::dossier::DossierState::Draft {
        return Ok(());
    }
    let Some(call) = app.content.call(&app.db).await? else { return Ok(()) };
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
    let entry = entry(
        &dossier,
        organisation.as_ref().map_or("", |o| o.name.as_str()),
        worst(statuses),
        Gazetteer::global(),
    );
    app.db.index_dossier(&entry, OffsetDateTime::now_utc()).await?;
    Ok(())
}

/// Indexes, after a change, without failing the change: the index job retries.
pub async fn index_after_change(app: &AppState, dossier_id: Uuid) {
    if let Err(error) = index(app, dossier_id).await {
        tracing::warn!(dossier = %dossier_id, %error, "indexing failed; the index job will retry");
    }
}

/// Indexes up to `batch` dossiers missing from the index or changed since; returns how many.
pub async fn catch_up(app: &AppState, batch: i64) -> anyhow::Result<usize> {
    let ids = app.db.dossiers_to_index(batch).await?;
    for id in &ids {
        index(app, *id).await?;
    }
    Ok(ids.len())
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
