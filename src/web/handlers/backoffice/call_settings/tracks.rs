//! `/gestion/appel/parcours`: each track's name and description in French and English, and its
//! quota (none, or a whole number from 1 to 1 000).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use time::OffsetDateTime;

use super::edit::{self, CallPart, Shown};
use super::{DoneQuery, Errors, SteeringMember, check_text, posted, version_token};
use crate::app::AppState;
use crate::db::call_settings::{CallChange, TrackSettings};
use crate::domain::call::Call;
use crate::domain::lang::{Lang, Localized};
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::page::Page;

pub const PATH: &str = "/gestion/appel/parcours";

const NAME_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 2_000;
/// The largest quota: a call selects tens of poles, never thousands.
pub const QUOTA_MAX: i64 = 1_000;

/// One input of a track.
pub struct TrackInput {
    pub id: String,
    pub name: String,
    pub label: String,
    pub lang: &'static str,
    pub value: String,
    pub max: usize,
    pub multiline: bool,
}

/// A track's inputs.
pub struct TrackRow {
    pub slug: String,
    pub legend: String,
    pub inputs: Vec<TrackInput>,
    pub quota_id: String,
    pub quota_name: String,
    pub quota: String,
    /// On a conflict: a summary of what was saved meanwhile, when it differs.
    pub stored: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/call_tracks.html")]
pub struct TracksPage {
    page: Page,
    version: String,
    tracks: Vec<TrackRow>,
    errors: Errors,
    notice: Option<String>,
    conflict: Option<String>,
}

/// A typed quota that is neither empty nor a whole number from 1 to `QUOTA_MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAQuota;

/// A quota as typed: empty is none; otherwise a whole number from 1 to `QUOTA_MAX` (spaces
/// between thousands allowed, "1 000").
pub fn parse_quota(text: &str) -> Result<Option<i64>, NotAQuota> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 7 {
        return Err(NotAQuota);
    }
    match digits.parse::<i64>() {
        Ok(n) if (1..=QUOTA_MAX).contains(&n) => Ok(Some(n)),
        _ => Err(NotAQuota),
    }
}

fn names(slug: &str, part: &str) -> (String, String) {
    (format!("track.{slug}.{part}"), format!("track-{slug}-{part}").replace('.', "-"))
}

/// The posted tracks, checked; every mistake next to its input.
fn read(call: &Call, pairs: &[(String, String)], lang: Lang) -> Result<Vec<TrackSettings>, Errors> {
    let mut errors = Errors::default();
    let mut tracks = Vec::new();
    for track in &call.tracks {
        let mut text = |part: &str, max: usize| {
            let (name, id) = names(&track.slug, part);
            let value = posted(pairs, &name).trim().to_owned();
            if let Some(message) = check_text(lang, &value, max) {
                errors.add(id, message);
            }
            value
        };
        let name = Localized::new(text("name.fr", NAME_MAX), text("name.en", NAME_MAX));
        let description = Localized::new(
            text("description.fr", DESCRIPTION_MAX),
            text("description.en", DESCRIPTION_MAX),
        );
        let (quota_name, quota_id) = names(&track.slug, "quota");
        let quota = parse_quota(&posted(pairs, &quota_name)).unwrap_or_else(|NotAQuota| {
            errors.add(quota_id, i18n::t(lang, "call-settings-error-quota"));
            None
        });
        tracks.push(TrackSettings { slug: track.slug.clone(), name, description, quota });
    }
    if errors.is_empty() { Ok(tracks) } else { Err(errors) }
}

fn tracks_page(page: Page, call: &Call, version: OffsetDateTime, shown: Shown<'_>) -> TracksPage {
    let lang = page.lang;
    let Shown { posted: posted_pairs, errors, notice, conflict } = shown;
    let tracks = call
        .tracks
        .iter()
        .map(|t| {
            let value = |part: &str, stored: String| match posted_pairs {
                Some(pairs) => posted(pairs, &names(&t.slug, part).0),
                None => stored,
            };
            let mut inputs = Vec::new();
            let mut differs = false;
            for (part, key, stored, max, multiline) in [
                ("name", "call-settings-field-track-name", &t.name, NAME_MAX, false),
                (
                    "description",
                    "call-settings-field-track-description",
                    &t.description,
                    DESCRIPTION_MAX,
                    true,
                ),
            ] {
                for l in Lang::ALL {
                    let (name, id) = names(&t.slug, &format!("{part}.{}", l.code()));
                    let current = value(&format!("{part}.{}", l.code()), stored.get(l).to_owned());
                    differs |= current.trim() != stored.get(l);
                    inputs.push(TrackInput {
                        id,
                        name,
                        label: format!(
                            "{} — {}",
                            i18n::t(lang, key),
                            i18n::t(lang, &format!("call-settings-in-{}", l.code()))
                        ),
                        lang: l.code(),
                        value: current,
                        max,
                        multiline,
                    });
                }
            }
            let stored_quota = t.quota.map(|q| q.to_string()).unwrap_or_default();
            let quota = value("quota", stored_quota.clone());
            differs |= quota.trim() != stored_quota;
            let (quota_name, quota_id) = names(&t.slug, "quota");
            let stored = (conflict.is_some() && differs).then(|| {
                let quota = t
                    .quota
                    .map_or_else(|| i18n::t(lang, "call-settings-no-quota"), |q| q.to_string());
                format!(
                    "{} — {} : {quota}",
                    t.name.get(lang),
                    i18n::t(lang, "call-settings-field-quota")
                )
            });
            TrackRow {
                slug: t.slug.clone(),
                legend: t.name.get(lang).to_owned(),
                inputs,
                quota_id,
                quota_name,
                quota,
                stored,
            }
        })
        .collect();
    TracksPage { version: version_token(version), tracks, errors, notice, conflict, page }
}

/// The tracks: each one's name and description in both languages, and its quota.
pub struct Tracks;

impl CallPart for Tracks {
    type Checked = Vec<TrackSettings>;
    type Page = TracksPage;
    const PATH: &'static str = PATH;
    const EVENT: &'static str = "call.tracks_updated";
    const SAVED: &'static str = "call-settings-tracks-saved";

    fn read(
        call: &Call,
        pairs: &[(String, String)],
        lang: Lang,
    ) -> Result<Vec<TrackSettings>, Errors> {
        read(call, pairs, lang)
    }

    fn audit_detail(call: &Call, tracks: &Vec<TrackSettings>) -> serde_json::Value {
        let detail: Vec<_> = tracks
            .iter()
            .map(|t| serde_json::json!({ "track": t.slug, "quota": t.quota }))
            .collect();
        serde_json::json!({ "call": call.slug, "tracks": detail })
    }

    fn change(tracks: &Vec<TrackSettings>) -> CallChange<'_> {
        CallChange::Tracks(tracks)
    }

    fn page(page: Page, call: &Call, version: OffsetDateTime, shown: Shown<'_>) -> TracksPage {
        tracks_page(page, call, version, shown)
    }
}

/// `GET /gestion/appel/parcours`.
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(_): SteeringMember,
    Query(query): Query<DoneQuery>,
) -> Result<TracksPage, AppError> {
    edit::show::<Tracks>(&app, page, &query).await
}

/// `POST /gestion/appel/parcours`: saves every track's texts and quota if nobody changed the
/// call since the page was read. Side effects: the tracks, the call's version,
/// `call.tracks_updated` in the audit log, the public pages' cache emptied.
pub async fn save(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(account): SteeringMember,
    ClientAddress(client): ClientAddress,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    edit::save::<Tracks>(&app, page, &account, &client, &pairs).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quota_is_empty_or_a_whole_number_from_one_to_a_thousand() {
        assert_eq!(parse_quota(""), Ok(None));
        assert_eq!(parse_quota("  "), Ok(None));
        assert_eq!(parse_quota("10"), Ok(Some(10)));
        assert_eq!(parse_quota("1 000"), Ok(Some(1000)));
        assert_eq!(parse_quota("0"), Err(NotAQuota));
        assert_eq!(parse_quota("1001"), Err(NotAQuota));
        assert_eq!(parse_quota("-3"), Err(NotAQuota));
        assert_eq!(parse_quota("dix"), Err(NotAQuota));
        assert_eq!(parse_quota("99999999999999999999"), Err(NotAQuota));
    }
}
