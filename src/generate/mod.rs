//! Synthetic data for benchmarks and demonstrations (`ptce generate`): organisations, candidate
//! accounts and dossiers spread over the tracks and states, with answers valid against the
//! forms, deterministic from a seed, written in batches of one transaction each.
//!
//! Generated accounts have an address in the reserved domain [`DOMAIN`], which no person can
//! have: that is how the generator tells its own rows from real ones, and it refuses to add to a
//! database holding anything else unless forced.

mod answers;
mod pdf;
mod words;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::Arc;

use anyhow::Context as _;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use self::answers::{FileCache, Filler, Identity, Places};
use crate::auth::passwords::Passwords;
use crate::config::{GlobalSettings, ServeSettings};
use crate::db::Db;
use crate::db::generate::{
    GeneratedBatch, GeneratedDossier, GeneratedEvent, GeneratedFile, GeneratedOrganisation,
    GeneratedSession, GeneratedSubmission, GeneratedUser,
};
use crate::domain::call::APPLICATIONS_PHASE;
use crate::domain::dossier::{DossierState, reference};
use crate::domain::form::{self, Answers, Choice, FormSchema, Severity};
use crate::domain::password::NewPassword;

/// The domain of every generated address (RFC 2606 reserves `.invalid`: no mail can reach it).
pub const DOMAIN: &str = "exemple.invalid";
/// The password of every generated account, so that people trying the platform can log in as
/// a generated candidate.
pub const PASSWORD: &str = "démonstration des pôles 2011";
/// The tracks dossiers are generated on, and how many in `TRACK_SHARES` go to each: one
/// established pole for two emerging initiatives, as in the 2011 call's expectations.
const TRACKS: [&str; 2] = ["established", "emerging"];
/// Dossiers per transaction (with their organisations, accounts, history, submissions and
/// files, about 1 000 to 1 500 rows).
const BATCH: usize = 200;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    pub dossiers: usize,
    /// Generate even if the database holds real accounts or organisations.
    pub force: bool,
    pub seed: u64,
    /// Open a session for the creators of this many editable dossiers (for benchmarks).
    pub sessions: usize,
}

/// A session opened for a generated candidate, with the dossier they may edit.
#[derive(Debug, Clone)]
pub struct SessionLine {
    /// The cookie value (`ptce_session=…`).
    pub token: String,
    pub dossier_id: Uuid,
    pub track: String,
    pub section_versions: BTreeMap<String, i64>,
}

/// What was generated.
#[derive(Debug, Default)]
pub struct Report {
    pub dossiers: usize,
    /// The dossiers made, in the order they were made.
    pub dossier_ids: Vec<Uuid>,
    pub by_track: BTreeMap<String, usize>,
    pub by_state: BTreeMap<&'static str, usize>,
    pub organisations: usize,
    pub accounts: usize,
    pub submissions: usize,
    pub files: usize,
    pub rows: usize,
    pub sessions: Vec<SessionLine>,
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(
        "cette base contient des données réelles ({accounts} compte(s) et {organisations} \
         organisation(s) que le générateur n’a pas créés) : rien n’a été généré ; --force pour \
         générer quand même / this database holds real data ({accounts} account(s) and \
         {organisations} organisation(s) the generator did not make): nothing was generated; \
         use --force to generate anyway"
    )]
    RealData { accounts: i64, organisations: i64 },
    #[error("no call is installed")]
    NoCall,
    #[error("no form is published for the track `{0}`")]
    NoForm(String),
    #[error("the form of the track `{track}` does not read: {reason}")]
    BrokenForm { track: String, reason: String },
    #[error("generated answers of {reference} do not pass the form: {issues}")]
    Invalid { reference: String, issues: String },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// What every dossier of the run needs, read once.
struct World {
    call_id: Uuid,
    networks: Vec<Choice>,
    network_ids: HashMap<String, Uuid>,
    /// Per track (same order as `TRACKS`): the form revision id and its schema.
    forms: Vec<(Uuid, FormSchema)>,
    places: Places,
    now: OffsetDateTime,
    /// Dossiers are created between these instants (the application window so far, at most
    /// the last 60 days of it).
    from: OffsetDateTime,
    to: OffsetDateTime,
    seed: u64,
}

/// The counters the producer carries from one dossier to the next.
struct Counters {
    /// Index of the next dossier, for its random generator.
    index: u64,
    /// Next account number (in addresses).
    account: u64,
    /// Next reference number, per track.
    references: [i64; 2],
    sessions_left: usize,
    files: FileCache,
}

/// Generates `plan.dossiers` dossiers with their organisations and accounts. Refuses (and
/// writes nothing) when the database holds accounts or organisations the generator did not
/// make, unless `plan.force`.
pub async fn generate(db: &Db, plan: &Plan, now: OffsetDateTime) -> Result<Report, GenerateError> {
    let now = whole_seconds(now);
    let census = db.generated_census(DOMAIN).await?;
    if !plan.force && (census.real_accounts > 0 || census.real_organisations > 0) {
        return Err(GenerateError::RealData {
            accounts: census.real_accounts,
            organisations: census.real_organisations,
        });
    }
    let call = db.current_call().await?.ok_or(GenerateError::NoCall)?;
    let mut forms = Vec::new();
    let mut references = [0; 2];
    for (i, track) in TRACKS.iter().enumerate() {
        let revision = db
            .current_form(call.id, track)
            .await?
            .ok_or_else(|| GenerateError::NoForm((*track).to_owned()))?;
        let schema = FormSchema::from_toml(&revision.source).map_err(|errors| {
            GenerateError::BrokenForm { track: (*track).to_owned(), reason: errors.to_string() }
        })?;
        forms.push((revision.id, schema));
        references[i] = db.dossier_count(call.id, track).await? + 1;
    }
    let mut network_ids = HashMap::new();
    for network in &call.networks {
        if let Some(id) = db.network_id(&network.slug).await? {
            network_ids.insert(network.slug.clone(), id);
        }
    }
    let (from, to) = creation_span(&call.phases, now);
    // One argon2 hash for every account: hashing costs tens of milliseconds by design, so a
    // hash per account would take an hour for 100 000 of them.
    let password = NewPassword::parse(PASSWORD, "").map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let password_hash = Passwords::new(1).hash(password).await?;
    let world = Arc::new(World {
        call_id: call.id,
        networks: Choice::from_networks(&call.networks),
        network_ids,
        forms,
        places: Places::new(),
        now,
        from,
        to,
        seed: plan.seed,
    });
    let mut counters = Counters {
        index: u64::try_from(census.generated_accounts).unwrap_or(0),
        account: u64::try_from(census.generated_accounts).unwrap_or(0) + 1,
        references,
        sessions_left: plan.sessions,
        files: FileCache::default(),
    };

    // The answers are made on a blocking thread while the previous batch is written: on two
    // cores, making and writing overlap.
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Result<Batch, GenerateError>>(2);
    let total = plan.dossiers;
    let producer = {
        let world = world.clone();
        tokio::task::spawn_blocking(move || {
            let mut made = 0;
            while made < total {
                let size = BATCH.min(total - made);
                let batch = make_batch(&world, &mut counters, size, &password_hash);
                let failed = batch.is_err();
                if sender.blocking_send(batch).is_err() || failed {
                    return;
                }
                made += size;
            }
        })
    };
    let mut report = Report::default();
    while let Some(batch) = receiver.recv().await {
        let batch = batch?;
        db.insert_generated(&batch.rows).await?;
        report.dossiers += batch.rows.dossiers.len();
        report.organisations += batch.rows.organisations.len();
        report.accounts += batch.rows.users.len();
        report.submissions += batch.rows.submissions.len();
        report.files += batch.rows.files.len();
        report.rows += batch.rows.rows();
        for dossier in &batch.rows.dossiers {
            report.dossier_ids.push(dossier.id);
            *report.by_track.entry(dossier.track.clone()).or_default() += 1;
            *report.by_state.entry(dossier.state).or_default() += 1;
        }
        report.sessions.extend(batch.sessions);
    }
    producer.await.map_err(anyhow::Error::from)?;
    Ok(report)
}

/// A batch to write and the sessions it opens.
struct Batch {
    rows: GeneratedBatch,
    sessions: Vec<SessionLine>,
}

fn make_batch(
    world: &World,
    counters: &mut Counters,
    size: usize,
    password_hash: &str,
) -> Result<Batch, GenerateError> {
    let mut batch = Batch {
        rows: GeneratedBatch { password_hash: password_hash.to_owned(), ..Default::default() },
        sessions: Vec::new(),
    };
    for _ in 0..size {
        make_dossier(world, counters, &mut batch)?;
    }
    Ok(batch)
}

/// The instant, without its fraction of a second (as the database keeps instants).
fn whole_seconds(at: OffsetDateTime) -> OffsetDateTime {
    at.replace_nanosecond(0).unwrap_or(at)
}

/// When generated dossiers are created: during the application window so far, at most its
/// last 60 days, at least the last hour.
fn creation_span(
    phases: &[crate::domain::call::Phase],
    now: OffsetDateTime,
) -> (OffsetDateTime, OffsetDateTime) {
    let window = phases.iter().find(|p| p.slug == APPLICATIONS_PHASE);
    let to = window.map_or(now, |w| w.ends_at.min(now));
    let from = window.map_or(now, |w| w.starts_at).max(to - Duration::days(60));
    let from = from.min(to - Duration::HOUR);
    (whole_seconds(from), whole_seconds(to))
}

/// An instant between `from` and `to`, whole seconds.
fn between(rng: &mut SmallRng, from: OffsetDateTime, to: OffsetDateTime) -> OffsetDateTime {
    let span = (to - from).whole_seconds().max(1);
    from + Duration::seconds(rng.random_range(0..span))
}

fn make_dossier(
    world: &World,
    counters: &mut Counters,
    batch: &mut Batch,
) -> Result<(), GenerateError> {
    // Each dossier has its own generator, seeded from the run's seed and its index: the same
    // seed gives the same dossiers whatever the batch size.
    let index = counters.index;
    counters.index += 1;
    let mut rng = SmallRng::seed_from_u64(
        world.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ index.wrapping_mul(0xbf58_476d_1ce4_e5b9),
    );
    let ctx = crate::dossiers::context(&world.networks, world.now);
    let identity = Identity::new(&mut rng, &world.places, &world.networks, ctx.today)
        .ok_or_else(|| anyhow::anyhow!("the gazetteer holds no commune"))?;

    // One established pole for two emerging initiatives.
    let track_index = usize::from(!rng.random_ratio(1, 3));
    let track = TRACKS[track_index];
    let (form_revision_id, schema) = &world.forms[track_index];
    let state = match rng.random_range(0..100) {
        0..45 => DossierState::Draft,
        45..85 => DossierState::Submitted,
        85..95 => DossierState::Screening,
        _ => DossierState::Withdrawn,
    };
    let submitted = match state {
        DossierState::Submitted | DossierState::Screening => true,
        DossierState::Withdrawn => rng.random_bool(0.5),
        _ => false,
    };
    // Drafts are filled up to some section (nothing at all for some); the others wholly.
    let all = schema.sections.len();
    let filled = if submitted { all } else { rng.random_range(0..all.max(1)) };

    let mut filler = Filler::new(&mut rng, &identity, &ctx, track, &mut counters.files);
    let answers = filler.fill(schema, filled);
    let file_answers = std::mem::take(&mut filler.files);

    let number = counters.references[track_index];
    counters.references[track_index] += 1;
    let dossier_reference = reference(track, number);
    if submitted {
        let issues = form::validate(schema, track, &answers, &ctx);
        let blocking: Vec<String> = issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .map(|i| format!("{}: {}", i.path, i.message))
            .collect();
        if !blocking.is_empty() {
            return Err(GenerateError::Invalid {
                reference: dossier_reference,
                issues: blocking.join("; "),
            });
        }
    }

    // The organisation, its candidate, and for one organisation in ten a colleague.
    let created_at = between(&mut rng, world.from, world.to);
    let organisation_id = Uuid::now_v7();
    batch.rows.organisations.push(GeneratedOrganisation {
        id: organisation_id,
        name: identity.lead_name.clone(),
        siret: Some(identity.siret.clone()),
        created_at,
    });
    let creator = Uuid::now_v7();
    batch.rows.users.push(GeneratedUser {
        id: creator,
        email: account_email(identity.contact_first, identity.contact_last, counters.account),
        display_name: identity.contact_name(),
        organisation_id,
        created_at,
    });
    counters.account += 1;
    if rng.random_ratio(1, 10) {
        let (first, _) = words::FIRST_NAMES[rng.random_range(0..words::FIRST_NAMES.len())];
        let last = words::pick(&mut rng, &words::SURNAMES);
        batch.rows.users.push(GeneratedUser {
            id: Uuid::now_v7(),
            email: account_email(first, last, counters.account),
            display_name: format!("{first} {last}"),
            organisation_id,
            created_at,
        });
        counters.account += 1;
    }

    // Its history: created, saved section by section, maybe submitted, then maybe taken into
    // screening or withdrawn.
    let id = Uuid::now_v7();
    let sections: BTreeMap<String, i64> =
        schema.sections.iter().take(filled).map(|s| (s.key.clone(), 1)).collect();
    let mut version = i64::try_from(sections.len()).unwrap_or(0);
    let last_save = between(&mut rng, created_at, world.to);
    let submitted_at = submitted.then(|| between(&mut rng, last_save, world.to));
    let mut events =
        vec![event(id, created_at, Some(creator), "created", None, DossierState::Draft)];
    let mut updated_at = if filled > 0 { last_save } else { created_at };
    let mut from_state = DossierState::Draft;
    if let Some(at) = submitted_at {
        let mut submission =
            event(id, at, Some(creator), "submitted", Some(from_state), DossierState::Submitted);
        submission.submission_number = Some(1);
        events.push(submission);
        from_state = DossierState::Submitted;
    }
    let submitted_version = version;
    if matches!(state, DossierState::Screening | DossierState::Withdrawn) {
        let at = between(&mut rng, submitted_at.unwrap_or(last_save), world.to);
        let (kind, actor) = if state == DossierState::Screening {
            ("screening", None)
        } else {
            ("withdrawn", Some(creator))
        };
        let mut moved = event(id, at, actor, kind, Some(from_state), state);
        if state == DossierState::Withdrawn {
            moved.note = Some(words::pick(&mut rng, &words::WITHDRAWAL_REASONS).to_owned());
        }
        events.push(moved);
        version += 1;
        updated_at = at;
    }

    let title: String = answers
        .get(crate::dossiers::TITLE_FIELD)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let network_id = answers
        .get(crate::dossiers::NETWORK_FIELD)
        .and_then(|v| v.as_str())
        .and_then(|slug| world.network_ids.get(slug).copied());
    let editable = state.candidate_may_edit();
    if editable && counters.sessions_left > 0 {
        counters.sessions_left -= 1;
        let (token, token_hash) = crate::auth::tokens::new_token();
        batch.rows.sessions.push(GeneratedSession {
            token_hash,
            user_id: creator,
            created_at: world.now,
            expires_at: world.now + crate::auth::session::LIFETIME,
        });
        batch.sessions.push(SessionLine {
            token,
            dossier_id: id,
            track: track.to_owned(),
            section_versions: sections.clone(),
        });
    }
    for file in file_answers {
        batch.rows.files.push(GeneratedFile {
            id: file.id,
            dossier_id: id,
            sha256: hex::encode(Sha256::digest(&file.contents)),
            field_path: file.field,
            original_name: file.name,
            uploaded_by: creator,
            created_at: between(&mut rng, created_at, last_save.max(created_at + Duration::SECOND)),
            contents: file.contents,
        });
    }
    if let Some(at) = submitted_at {
        let sha256 = content_sha256(&dossier_reference, *form_revision_id, &answers);
        let receipt = pdf::placeholder(&[
            "Récépissé de démonstration — données générées",
            "Demo receipt — generated data",
            &format!("{dossier_reference}, dépôt n° 1"),
            &format!("SHA-256 : {sha256}"),
        ]);
        batch.rows.submissions.push(GeneratedSubmission {
            dossier: batch.rows.dossiers.len(),
            number: 1,
            dossier_version: submitted_version,
            submitted_at: at,
            submitted_by: creator,
            sha256,
            receipt,
        });
    }
    batch.rows.events.extend(events);
    batch.rows.dossiers.push(GeneratedDossier {
        id,
        call_id: world.call_id,
        reference: dossier_reference,
        organisation_id,
        track: track.to_owned(),
        form_revision_id: *form_revision_id,
        state: state.code(),
        network_id,
        title,
        answers: answers.to_value(),
        version,
        section_versions: sections,
        created_by: creator,
        created_at,
        updated_at,
        submitted_at,
        submission_count: i64::from(submitted_at.is_some()),
    });
    Ok(())
}

fn event(
    dossier_id: Uuid,
    at: OffsetDateTime,
    actor_id: Option<Uuid>,
    kind: &'static str,
    from: Option<DossierState>,
    to: DossierState,
) -> GeneratedEvent {
    GeneratedEvent {
        id: Uuid::now_v7(),
        dossier_id,
        at,
        actor_id,
        kind,
        from_state: from.map(DossierState::code),
        to_state: to.code(),
        note: None,
        submission_number: None,
    }
}

/// `camille.martin.42@exemple.invalid`: unique by its number.
fn account_email(first: &str, last: &str, number: u64) -> String {
    format!("{}.{}.{number}@{DOMAIN}", words::slug(first), words::slug(last))
}

/// The SHA-256 of a submission as `dossiers::content_sha256` computes it (the form revision and
/// the answers as canonical JSON); tests/it/generate.rs checks that both agree.
fn content_sha256(reference: &str, form_revision: Uuid, answers: &Answers) -> String {
    let canonical = serde_json::json!({
        "dossier": reference,
        "form_revision": form_revision,
        "answers": answers.to_value(),
    });
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// Indexes every submitted dossier the generation queued (the search queue's triggers): (how
/// many, seconds).
async fn index_all(db: &Db, serve: ServeSettings) -> anyhow::Result<(usize, f64)> {
    let started = std::time::Instant::now();
    let app = crate::app::AppState::new(db.clone(), serve);
    let mut indexed = 0;
    loop {
        let done = crate::search::catch_up(&app, 1000).await?;
        if done == 0 {
            break;
        }
        indexed += done;
    }
    Ok((indexed, started.elapsed().as_secs_f64()))
}

/// `ptce generate`: takes the SQLite lock, prepares the database (migrations, the call), generates,
/// writes the sessions file if asked, and prints what it did.
pub async fn run(
    global: GlobalSettings,
    serve: ServeSettings,
    args: crate::cli::Generate,
) -> anyhow::Result<()> {
    let _lock = crate::db::lock_database(&global.database_url)?;
    let db = crate::server::prepare(&global, &serve).await?;
    let plan = Plan {
        dossiers: usize::try_from(args.dossiers).unwrap_or(usize::MAX),
        force: args.force,
        seed: args.seed,
        sessions: if args.sessions_file.is_some() { args.sessions } else { 0 },
    };
    let started = std::time::Instant::now();
    let report = generate(&db, &plan, OffsetDateTime::now_utc()).await;
    let seconds = started.elapsed().as_secs_f64();
    // The back office searches the generated dossiers at once (`ptce serve` would catch up
    // in the background otherwise).
    let indexed = match &report {
        Ok(_) => index_all(&db, serve).await,
        Err(_) => Ok((0, 0.0)),
    };
    if report.is_ok() {
        // The tables just grew by orders of magnitude: statistics for the planner.
        db.optimize().await?;
    }
    db.close().await;
    let report = report?;
    let (indexed, index_seconds) = indexed?;
    if let Some(path) = &args.sessions_file {
        write_sessions(path, &report.sessions)?;
    }
    let list = |counts: Vec<(String, usize)>| {
        counts.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", ")
    };
    println!(
        "ptce generate: {} dossiers ({}; {}), {} organisations, {} accounts, {} receipts, \
         {} attachments: {} rows in {seconds:.1} s ({:.0} dossiers/s)",
        report.dossiers,
        list(report.by_track.iter().map(|(k, n)| (k.clone(), *n)).collect()),
        list(report.by_state.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect()),
        report.organisations,
        report.accounts,
        report.submissions,
        report.files,
        report.rows,
        report.dossiers as f64 / seconds.max(1e-9),
    );
    println!("search index: {indexed} dossiers in {index_seconds:.1} s");
    println!(
        "Comptes générés : …@{DOMAIN}, mot de passe « {PASSWORD} » / generated accounts: \
         …@{DOMAIN}, password \"{PASSWORD}\""
    );
    if let Some(path) = &args.sessions_file {
        println!("{} sessions written to {}", report.sessions.len(), path.display());
    }
    Ok(())
}

/// One line per session: cookie value, dossier id, track, section versions as JSON; tab-separated
/// after a `#` header line. The cookies are live sessions: the file is readable by its owner only.
fn write_sessions(path: &std::path::Path, sessions: &[SessionLine]) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    writeln!(out, "# ptce_session cookie\tdossier id\ttrack\tsection versions")?;
    for s in sessions {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            s.token,
            s.dossier_id,
            s.track,
            serde_json::to_string(&s.section_versions)?
        )?;
    }
    out.flush()?;
    Ok(())
}
