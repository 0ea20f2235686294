//! Form C — expressions of interest or support (manifestations d'intérêt ou de soutien), made
//! without an account: express (stored unconfirmed, confirmation link emailed in the same
//! transaction), confirm (the link followed: now it counts), count, and the steering group's
//! overview and export. Handlers call these; each function's comment lists its side effects.

pub mod export;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::throttle::{self, Limit};
use crate::auth::tokens;
use crate::db::Db;
use crate::db::supporters::{
    ConfirmationLink, Expressed, Expression, InterestLink, NewExpression, Purged, Supporter,
};
use crate::domain::form::{
    self, Answers, Choice, Context, FormSchema, Issue, Message, POLE_GENERAL, Severity,
};
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::domain::territory::{Gazetteer, InseeCode};
use crate::dossiers::DossierError;
use crate::dossiers::places::GAZETTEER_PLACES;
use crate::i18n;
use crate::mail::Email;
use crate::mail::templates::ConfirmInterest;

/// The track whose form is form C.
pub const TRACK: &str = "interest";
/// How long a confirmation link works.
pub const CONFIRMATION_LIFETIME: Duration = Duration::days(7);
/// How long a never-confirmed expression is kept once its link expired: as long again as the
/// link worked. Someone back from a week away who follows the expired link is told it expired
/// (not that it is unknown) and fills the form again; after that, nothing of it is kept — 14
/// days after the expression was last sent, as the privacy page says.
pub const UNCONFIRMED_GRACE: Duration = CONFIRMATION_LIFETIME;
/// 3 expressions per address (each sends an email to it) or 30 per client address in an hour:
/// enough for a room of people behind one connection at a meeting, too few to spam anyone.
pub const THROTTLE: Limit = Limit {
    kind: "interest",
    per_account: 3,
    per_client: 30,
    window: Duration::hours(1),
    count_all: true,
};

/// The fields of form C the platform reads besides showing them (`data/forms/interest.toml`):
/// the address to confirm, what is supported, who supports, where, and the listing consent.
pub const EMAIL_FIELD: &str = "email";
pub const TARGET_FIELD: &str = "supported_pole";
pub const KIND_FIELD: &str = "supporter_kind";
pub const COMMUNE_FIELD: &str = "commune";
pub const LISTING_FIELD: &str = "listing_consent";

/// Why something could not be done.
#[derive(Debug, thiserror::Error)]
pub enum SupporterError {
    #[error("no call, or no form published for the interest track")]
    NoForm,
    #[error("the interest form does not read: {0}")]
    BrokenForm(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<DossierError> for SupporterError {
    fn from(error: DossierError) -> Self {
        match error {
            DossierError::NoForm | DossierError::NotFound => SupporterError::NoForm,
            DossierError::BrokenForm(text) => SupporterError::BrokenForm(text),
            DossierError::Database(error) => SupporterError::Database(error),
            other => SupporterError::Internal(anyhow::Error::new(other)),
        }
    }
}

/// Form C of the current call, as published, with the poles one can pick.
pub struct InterestForm {
    pub call_id: Uuid,
    pub revision_id: Uuid,
    pub schema: Arc<FormSchema>,
    /// The submitted dossiers, by id, named by their title ("la démarche en général" is added
    /// by the form engine).
    pub poles: Vec<Choice>,
}

impl InterestForm {
    /// The validation context: the gazetteer, the poles, today in Paris.
    pub fn context(&self, now: OffsetDateTime) -> Context<'_> {
        Context {
            places: &GAZETTEER_PLACES,
            networks: &[],
            poles: &self.poles,
            today: paris::date_of(now),
        }
    }
}

/// Form C of the current call; `NoForm` when there is no call or no `interest` form.
pub async fn interest_form(app: &AppState) -> Result<InterestForm, SupporterError> {
    let call = app.content.call(&app.db).await?.ok_or(SupporterError::NoForm)?;
    let call_id = call.call.id;
    let revision = app.db.current_form(call_id, TRACK).await?.ok_or(SupporterError::NoForm)?;
    let schema = crate::dossiers::forms::schema(app, revision.id).await?;
    let poles = app
        .db
        .supportable_dossiers(call_id)
        .await?
        .into_iter()
        .map(|d| {
            let name = if d.title.trim().is_empty() { d.reference } else { d.title };
            Choice::new(d.id.to_string(), &name, &name)
        })
        .collect();
    Ok(InterestForm { call_id, revision_id: revision.id, schema, poles })
}

/// The answers a blank form starts with: "la démarche en général" as what is supported.
pub fn blank_answers() -> Answers {
    let mut answers = Answers::new();
    answers.set(TARGET_FIELD, Value::String(POLE_GENERAL.to_owned()));
    answers
}

/// Reads the post of the whole form (every section, in order), drops the answers of questions
/// the answers hide (nothing is kept that the person was not asked), and validates.
pub fn read(
    schema: &FormSchema,
    pairs: &[(String, String)],
    ctx: &Context,
) -> (Answers, Vec<Issue>) {
    let mut answers = Answers::new();
    for section in &schema.sections {
        answers = form::read_section(schema, &section.key, pairs, ctx.places, &answers).answers;
    }
    let hidden: Vec<String> = schema
        .fields()
        .filter(|f| !schema.field_visible(&f.key, &answers))
        .map(|f| f.key.clone())
        .collect();
    for key in hidden {
        answers.remove(&key);
    }
    let issues = form::validate(schema, TRACK, &answers, ctx);
    (answers, issues)
}

/// The keys of the questions the answers show, in form order: what a page with these answers
/// asks (its hidden `_fields` input, so that a post can tell which questions it did not see).
pub fn shown_fields(schema: &FormSchema, answers: &Answers) -> Vec<String> {
    schema
        .sections
        .iter()
        .filter(|s| schema.section_visible(&s.key, answers))
        .flat_map(|s| schema.visible_fields(s, answers))
        .filter(|f| f.takes_answer())
        .map(|f| f.key.clone())
        .collect()
}

/// What an expression came to.
#[derive(Debug)]
pub enum Outcome {
    /// Something to correct: the page again (422) with every issue.
    Invalid { answers: Answers, issues: Vec<Issue> },
    /// The answers brought up questions the page did not show (an amount once co-funding is
    /// ticked): the page again, with them, before anything is stored.
    MoreQuestions { answers: Answers },
    /// Too many expressions for this address or from this client: refused until `retry`.
    Throttled { answers: Answers, issues: Vec<Issue>, retry: Duration },
    /// Stored and the confirmation link emailed to `email`.
    Sent { email: String, expressed: Expressed },
}

/// Expresses interest or support from the posted form. `shown` are the questions the page
/// showed (`None` when the post does not say). Guards: valid answers; every question the
/// answers show was asked; [`THROTTLE`] per address and per client. Side effects, in one
/// transaction: the `supporters` row (new, or its answers replaced while unconfirmed), the
/// confirmation link (7 days, once) and its email in the person's language; plus an
/// `auth_attempts` row. The outcome is the same whether or not the address was known.
pub async fn express(
    app: &AppState,
    form: &InterestForm,
    pairs: &[(String, String)],
    shown: Option<&[String]>,
    client: &str,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<Outcome, SupporterError> {
    let ctx = form.context(now);
    let (answers, issues) = read(&form.schema, pairs, &ctx);
    if issues.iter().any(|i| i.severity == Severity::Error) {
        return Ok(Outcome::Invalid { answers, issues });
    }
    if let Some(shown) = shown
        && shown_fields(&form.schema, &answers).iter().any(|key| !shown.contains(key))
    {
        return Ok(Outcome::MoreQuestions { answers });
    }
    let email = text_of(&answers, EMAIL_FIELD).to_lowercase();
    if let Err(retry) = throttle::check(&app.db, THROTTLE, Some(&email), client, now).await? {
        tracing::warn!(client = %client, "expression of interest refused: too many requests");
        let issue = Issue {
            path: EMAIL_FIELD.to_owned(),
            section: form.schema.section_of(EMAIL_FIELD).map(|s| s.key.clone()).unwrap_or_default(),
            severity: Severity::Error,
            message: Message::new(
                i18n::t(Lang::Fr, "supporters-error-throttled"),
                i18n::t(Lang::En, "supporters-error-throttled"),
            ),
            options: Vec::new(),
        };
        return Ok(Outcome::Throttled { answers, issues: vec![issue], retry });
    }
    app.db.record_attempt(THROTTLE.kind, Some(&email), client, true, now).await?;
    let target = match text_of(&answers, TARGET_FIELD) {
        "" => POLE_GENERAL.to_owned(),
        chosen => chosen.to_owned(),
    };
    let target_label = form
        .schema
        .field(TARGET_FIELD)
        .and_then(|f| f.choices(&ctx).into_iter().find(|c| c.value == target))
        .map_or_else(|| target.clone(), |c| c.label.get(lang).to_owned());
    let expression = Expression {
        form_revision_id: form.revision_id,
        supporter_kind: text_of(&answers, KIND_FIELD).to_owned(),
        commune: Some(text_of(&answers, COMMUNE_FIELD).to_owned()).filter(|c| !c.is_empty()),
        listing_consent: answers.get(LISTING_FIELD) == Some(&Value::Bool(true)),
        answers: answers.to_value(),
        lang,
    };
    let (token, token_hash) = tokens::new_token();
    let link = format!(
        "{}/manifester/confirmer/{token}",
        app.settings.base_url.as_str().trim_end_matches('/')
    );
    let rendered = ConfirmInterest { lang, target: target_label, link }
        .render()
        .map_err(anyhow::Error::from)?;
    let new = NewExpression {
        call_id: form.call_id,
        email: &email,
        target: &target,
        expression: &expression,
    };
    let link = ConfirmationLink {
        token_hash: &token_hash,
        lifetime: CONFIRMATION_LIFETIME,
        kind: ConfirmInterest::KIND,
        email: &rendered,
    };
    let expressed = app.db.express_interest(&new, &link, now).await?;
    app.mail_wakeup.notify_one();
    tracing::info!(supporter = ?expressed, "interest expressed");
    Ok(Outcome::Sent { email, expressed })
}

/// The text of an answer, empty when there is none.
fn text_of<'a>(answers: &'a Answers, key: &str) -> &'a str {
    answers.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Where a confirmation link stands, without using it (the page with the button).
pub async fn link_state(app: &AppState, token: &str) -> Result<InterestLink, SupporterError> {
    let now = OffsetDateTime::now_utc();
    Ok(app.db.interest_link_state(&tokens::hash(token), now).await?)
}

/// Follows a confirmation link, once. Side effects: the expression confirmed (now it counts),
/// with the answers the link carries when it re-confirms a changed expression; the link used.
pub async fn confirm(
    app: &AppState,
    token: &str,
    now: OffsetDateTime,
) -> Result<InterestLink, SupporterError> {
    let state = app.db.confirm_interest(&tokens::hash(token), now).await?;
    if let InterestLink::Valid { supporter } = state {
        tracing::info!(supporter = %supporter, "interest confirmed");
    }
    Ok(state)
}

/// Erases the expressions never confirmed whose link expired more than [`UNCONFIRMED_GRACE`]
/// ago, with every confirmation link and confirmation email as old, and the throttle's records
/// of them. Side effects (one transaction): those rows deleted; a `supporters.purged` audit
/// event with the counts when anything was. Run by `jobs::purge`; idempotent.
pub async fn purge_unconfirmed(db: &Db, now: OffsetDateTime) -> Result<Purged, sqlx::Error> {
    let expired_before = now - UNCONFIRMED_GRACE;
    let purged = db
        .purge_unconfirmed_supporters(
            expired_before - CONFIRMATION_LIFETIME,
            expired_before,
            ConfirmInterest::KIND,
            THROTTLE.kind,
            now,
        )
        .await?;
    if purged != Purged::default() {
        tracing::info!(?purged, "never-confirmed expressions of interest erased");
    }
    Ok(purged)
}

/// How many expressions of the call count (confirmed).
pub async fn confirmed_count(app: &AppState, call_id: Uuid) -> Result<i64, SupporterError> {
    Ok(app.db.confirmed_supporter_count(call_id).await?)
}

/// A count under a label, for the tables of the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub label: String,
    pub count: i64,
}

/// The confirmed expressions counted by kind of supporter, by department, by region now and by
/// region in 2011 — each by decreasing count, then by label.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tallies {
    pub by_kind: Vec<Tally>,
    pub by_department: Vec<Tally>,
    pub by_region: Vec<Tally>,
    pub by_region_2011: Vec<Tally>,
}

/// Counts the confirmed expressions among `supporters`. An unknown commune counts under
/// `unknown` (a label given by the caller) in the territorial tables.
pub fn tally(
    supporters: &[Supporter],
    schema: &FormSchema,
    ctx: &Context,
    lang: Lang,
    unknown: &str,
) -> Tallies {
    let mut by_kind: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_department: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_region: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_region_2011: BTreeMap<String, i64> = BTreeMap::new();
    let kind_field = schema.field(KIND_FIELD);
    for s in supporters.iter().filter(|s| s.confirmed_at.is_some()) {
        let kind = kind_field
            .map(|f| form::display(f, Some(&Value::String(s.supporter_kind.clone())), lang, ctx))
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| s.supporter_kind.clone());
        *by_kind.entry(kind).or_default() += 1;
        let commune = s.commune.as_deref().and_then(|c| InseeCode::parse(c).ok());
        let commune = commune.as_ref().and_then(|c| Gazetteer::global().commune(c));
        let (department, region, region_2011) = match commune {
            Some(c) => (
                format!("{} — {}", c.department().code(), c.department().name()),
                c.region().name().to_owned(),
                c.region_2011().name().to_owned(),
            ),
            None => (unknown.to_owned(), unknown.to_owned(), unknown.to_owned()),
        };
        *by_department.entry(department).or_default() += 1;
        *by_region.entry(region).or_default() += 1;
        *by_region_2011.entry(region_2011).or_default() += 1;
    }
    let sorted = |counts: BTreeMap<String, i64>| -> Vec<Tally> {
        let mut list: Vec<Tally> =
            counts.into_iter().map(|(label, count)| Tally { label, count }).collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        list
    };
    Tallies {
        by_kind: sorted(by_kind),
        by_department: sorted(by_department),
        by_region: sorted(by_region),
        by_region_2011: sorted(by_region_2011),
    }
}

/// The department, current region and 2011 region of a commune by INSEE code, as shown.
pub fn territory_of(commune: Option<&str>) -> Option<(String, String, String)> {
    let code = InseeCode::parse(commune?).ok()?;
    let c = Gazetteer::global().commune(&code)?;
    Some((
        format!("{} — {}", c.department().code(), c.department().name()),
        c.region().name().to_owned(),
        c.region_2011().name().to_owned(),
    ))
}

/// The export of the confirmed expressions: a header (in `lang`), then one row per expression
/// with the instants in Paris time, every question of the form as a person reads the answer,
/// and the territory derived from the commune. Pass the rows to [`export::csv`].
pub fn export_rows(
    supporters: &[Supporter],
    schema: &FormSchema,
    ctx: &Context,
    lang: Lang,
) -> Vec<Vec<String>> {
    let fields: Vec<&form::Field> = schema.fields().filter(|f| f.takes_answer()).collect();
    let mut header = vec![
        i18n::t(lang, "supporters-col-confirmed-at"),
        i18n::t(lang, "supporters-col-received-at"),
    ];
    header.extend(fields.iter().map(|f| f.label.get(lang).to_owned()));
    header.extend([
        i18n::t(lang, "supporters-col-insee"),
        i18n::t(lang, "supporters-col-department"),
        i18n::t(lang, "supporters-col-region"),
        i18n::t(lang, "supporters-col-region-2011"),
    ]);
    let mut rows = vec![header];
    for s in supporters {
        let Some(confirmed_at) = s.confirmed_at else { continue };
        let answers = Answers::from_value(s.answers.clone());
        let mut row = vec![i18n::datetime(lang, confirmed_at), i18n::datetime(lang, s.created_at)];
        row.extend(fields.iter().map(|f| form::display(f, answers.get(&f.key), lang, ctx)));
        let (department, region, region_2011) =
            territory_of(s.commune.as_deref()).unwrap_or_default();
        row.extend([s.commune.clone().unwrap_or_default(), department, region, region_2011]);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    fn schema() -> FormSchema {
        FormSchema::from_toml(form::INTEREST).expect("form C reads")
    }

    fn ctx() -> Context<'static> {
        Context {
            places: &GAZETTEER_PLACES,
            networks: &[],
            poles: &[],
            today: time::macros::date!(2011 - 11 - 15),
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn supporter(kind: &str, commune: &str, confirmed: bool) -> Supporter {
        let at = datetime!(2011-11-15 10:00 UTC);
        Supporter {
            id: Uuid::now_v7(),
            call_id: Uuid::nil(),
            form_revision_id: Uuid::nil(),
            email: "a@b.fr".into(),
            target: POLE_GENERAL.into(),
            answers: json!({ "supporter_kind": kind, "commune": commune, "name": "=cmd" }),
            supporter_kind: kind.into(),
            commune: Some(commune.into()),
            listing_consent: false,
            lang: Lang::Fr,
            created_at: at,
            confirmed_at: confirmed.then_some(at),
            updated_at: at,
        }
    }

    #[test]
    fn a_citizen_needs_no_organisation_and_hidden_answers_are_dropped() {
        let schema = schema();
        let post = pairs(&[
            ("supporter_kind", "citoyen"),
            ("name", "Élise Durand"),
            ("siret", "73282932000074"),
            ("commune", "81065"),
            ("email", "Elise.Durand@Exemple.FR"),
            ("supported_pole", "la-demarche"),
            ("support_kinds", "etre-informe"),
            ("processing_consent", "oui"),
        ]);
        let (answers, issues) = read(&schema, &post, &ctx());
        assert_eq!(issues, Vec::<Issue>::new());
        assert_eq!(answers.get("siret"), None, "a citizen is not asked for a SIRET");
        assert_eq!(answers.get("email"), Some(&json!("elise.durand@exemple.fr")));
        assert_eq!(answers.get("support_kinds"), Some(&json!(["etre-informe"])));
    }

    #[test]
    fn the_amount_is_a_question_only_once_co_funding_is_ticked() {
        let schema = schema();
        let mut answers = blank_answers();
        assert!(!shown_fields(&schema, &answers).contains(&"amount".to_owned()));
        answers.set("support_kinds", json!(["cofinancement"]));
        assert!(shown_fields(&schema, &answers).contains(&"amount".to_owned()));
    }

    #[test]
    fn only_confirmed_expressions_are_counted_by_kind_and_territory() {
        let list = [
            supporter("collectivite", "81065", true),
            supporter("collectivite", "81065", true),
            supporter("citoyen", "75056", true),
            supporter("citoyen", "75056", false),
        ];
        let tallies = tally(&list, &schema(), &ctx(), Lang::Fr, "Inconnue");
        let pairs = |t: &[Tally]| -> Vec<(String, i64)> {
            t.iter().map(|t| (t.label.clone(), t.count)).collect()
        };
        assert_eq!(
            pairs(&tallies.by_kind),
            [("Collectivité".to_owned(), 2), ("Citoyen·ne".to_owned(), 1)]
        );
        assert_eq!(
            pairs(&tallies.by_department),
            [("81 — Tarn".to_owned(), 2), ("75 — Paris".to_owned(), 1)]
        );
        assert_eq!(
            pairs(&tallies.by_region),
            [("Occitanie".to_owned(), 2), ("Île-de-France".to_owned(), 1)]
        );
        assert_eq!(
            pairs(&tallies.by_region_2011),
            [("Midi-Pyrénées".to_owned(), 2), ("Île-de-France".to_owned(), 1)]
        );
    }
}

/// A supporter as the public list shows them: only confirmed expressions whose person agreed to
/// appear (`listing_consent`), and only their name, organisation, kind and commune.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicSupporter {
    pub name: String,
    pub organisation: String,
    pub kind: String,
    /// "Romans-sur-Isère (26)", or "".
    pub commune: String,
    /// What they support: a dossier id, or `la-demarche`.
    pub target: String,
}

/// The public list: confirmed, consenting supporters, oldest confirmation first.
pub fn public_supporters(
    supporters: &[Supporter],
    schema: &FormSchema,
    ctx: &Context,
    lang: Lang,
) -> Vec<PublicSupporter> {
    let mut listed: Vec<&Supporter> =
        supporters.iter().filter(|s| s.confirmed_at.is_some() && s.listing_consent).collect();
    listed.sort_by_key(|s| s.confirmed_at);
    listed
        .into_iter()
        .map(|s| {
            let text = |key: &str| {
                s.answers.get(key).and_then(Value::as_str).unwrap_or_default().trim().to_owned()
            };
            let kind = schema
                .field(KIND_FIELD)
                .map(|f| {
                    form::display(f, Some(&Value::String(s.supporter_kind.clone())), lang, ctx)
                })
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| s.supporter_kind.clone());
            let commune = s
                .commune
                .as_deref()
                .and_then(|c| InseeCode::parse(c).ok())
                .and_then(|c| {
                    Gazetteer::global()
                        .commune(&c)
                        .map(|c| format!("{} ({})", c.name(), c.department().code()))
                })
                .unwrap_or_default();
            PublicSupporter {
                name: text("name"),
                organisation: text("organisation"),
                kind,
                commune,
                target: s.target.clone(),
            }
        })
        .collect()
}
