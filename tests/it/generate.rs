//! `ptce generate`: the synthetic dossiers are what was asked for, valid against their forms,
//! usable through the pages (the save benchmark depends on it), and never mixed into a database
//! holding real people unless forced.

use std::process::{Command, Stdio};

use axum::http::StatusCode;
use ptce::auth::passwords::Passwords;
use ptce::db::Db;
use ptce::db::accounts::{NewCandidate, SignUp};
use ptce::domain::database_url::DatabaseUrl;
use ptce::domain::dossier::DossierState;
use ptce::domain::email::EmailAddress;
use ptce::domain::form::{self, Answers, Choice, FileRef, FormSchema, Severity};
use ptce::domain::lang::Lang;
use ptce::domain::password::NewPassword;
use ptce::generate::{GenerateError, Plan, generate};
use serde_json::Value;
use time::{Duration, OffsetDateTime};

use crate::support::{TestApp, TestDb};

fn plan(dossiers: usize) -> Plan {
    Plan { dossiers, force: false, seed: 7, sessions: 3 }
}

/// A real candidate, as the sign-up page makes one.
async fn real_candidate(db: &Db) {
    let address = EmailAddress::parse("cc@archer.fr").expect("email");
    let password = NewPassword::parse("nos coopérations durables", "").expect("password");
    let hash = Passwords::new(1).hash(password).await.expect("hash");
    let new = NewCandidate {
        email: &address,
        display_name: "Christophe Chevalier",
        organisation_name: "Groupe Archer",
        siret: None,
        password_hash: &hash,
        lang: Lang::Fr,
    };
    let (_, token_hash) = ptce::auth::tokens::new_token();
    let now = OffsetDateTime::now_utc();
    let created =
        db.create_candidate(&new, &token_hash, None, now, Duration::DAY).await.expect("create");
    assert!(matches!(created, SignUp::Created(_)), "{created:?}");
}

async fn count(db: &Db) -> i64 {
    let call = db.current_call().await.expect("read").expect("a call");
    let established = db.dossier_count(call.id, "established").await.expect("count");
    let emerging = db.dossier_count(call.id, "emerging").await.expect("count");
    established + emerging
}

fn file_refs(value: &Value) -> Vec<FileRef> {
    match value {
        Value::Array(items) => items.iter().filter_map(FileRef::from_value).collect(),
        item => FileRef::from_value(item).into_iter().collect(),
    }
}

#[tokio::test]
async fn fifty_generated_dossiers_are_fifty_on_both_tracks_and_the_submitted_ones_are_valid() {
    let app = TestApp::new().await;
    let db = &app.db.db;
    let now = OffsetDateTime::now_utc();
    let report = generate(db, &plan(50), now).await.expect("generated");
    assert_eq!(report.dossiers, 50);
    assert_eq!(report.dossier_ids.len(), 50);
    assert_eq!(count(db).await, 50);
    let call = db.current_call().await.expect("read").expect("call");
    let established = db.dossier_count(call.id, "established").await.expect("count");
    let emerging = db.dossier_count(call.id, "emerging").await.expect("count");
    assert!(established > 0 && emerging > 0, "{established} / {emerging}");
    assert_eq!(report.by_track.values().sum::<usize>(), 50);
    assert!(report.organisations == 50 && report.accounts >= 50, "{report:?}");

    let networks = Choice::from_networks(&call.networks);
    let ctx = ptce::dossiers::context(&networks, now);
    let mut submitted = 0;
    for id in &report.dossier_ids {
        let dossier = db.dossier(*id).await.expect("read").expect("dossier");
        let revision =
            db.form_revision(dossier.form_revision_id).await.expect("read").expect("form");
        let schema = FormSchema::from_toml(&revision.source).expect("form");
        let answers = Answers::from_value(dossier.answers.clone());
        // Every attachment an answer names is stored, with the size the answer says.
        for field in schema.fields() {
            for file in answers.get(&field.key).map(file_refs).unwrap_or_default() {
                let file_id = uuid::Uuid::parse_str(&file.id).expect("uuid");
                let meta = db.file_meta(file_id).await.expect("read").expect("stored file");
                assert_eq!(meta.dossier_id, Some(dossier.id));
                let contents = db.file_contents(file_id).await.expect("read").expect("contents");
                assert_eq!(contents.len() as u64, file.size);
                assert!(contents.starts_with(b"%PDF-"));
            }
        }
        if dossier.submission_count == 0 {
            continue;
        }
        submitted += 1;
        let blocking: Vec<_> = form::validate(&schema, &dossier.track, &answers, &ctx)
            .into_iter()
            .filter(|i| i.severity == Severity::Error)
            .collect();
        assert!(blocking.is_empty(), "{}: {blocking:?}", dossier.reference);
        assert!(!dossier.title.is_empty());
        let submissions = db.submissions(dossier.id).await.expect("read");
        assert_eq!(submissions.len(), 1);
        // The content hash is the platform's own.
        assert_eq!(submissions[0].sha256, ptce::dossiers::content_sha256(&dossier, &answers));
        let receipt = db.receipt(dossier.id, 1).await.expect("read").expect("receipt");
        assert!(receipt.starts_with(b"%PDF-1.4") && receipt.len() < 2048, "{}", receipt.len());
        assert!(matches!(
            dossier.state,
            DossierState::Submitted | DossierState::Screening | DossierState::Withdrawn
        ));
    }
    assert!(submitted > 0, "no submitted dossier among 50");

    // The same seed on a fresh database gives the same pole names.
    let again = TestApp::new().await;
    let report_again = generate(&again.db.db, &plan(50), now).await.expect("generated");
    for (a, b) in report.dossier_ids.iter().zip(&report_again.dossier_ids).take(5) {
        let a = db.dossier(*a).await.expect("read").expect("dossier");
        let b = again.db.db.dossier(*b).await.expect("read").expect("dossier");
        assert_eq!((a.reference, a.title), (b.reference, b.title));
    }
}

#[tokio::test]
async fn a_generated_session_opens_its_dossier_and_saves_a_section_as_the_benchmark_does() {
    let app = TestApp::new().await;
    let report = generate(&app.db.db, &plan(20), OffsetDateTime::now_utc()).await.expect("done");
    assert_eq!(report.sessions.len(), 3);
    let session = &report.sessions[0];
    let cookie = format!("ptce_session={}", session.token);
    let page = app
        .get_with(&format!("/espace/dossiers/{}", session.dossier_id), &[("cookie", &cookie)])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let version = session.section_versions.get("contact").copied().unwrap_or(0).to_string();
    let saved = app
        .post_form(
            &format!("/espace/dossiers/{}/sections/contact", session.dossier_id),
            &[
                ("_version", version.as_str()),
                ("_action", "save"),
                ("contact_name", "Camille Martin"),
                ("contact_role", "marqueur 000001"),
                ("contact_email", "camille.martin@exemple.invalid"),
                ("contact_phone", "04 75 00 00 01"),
                ("network", "coorace"),
            ],
            &[("cookie", &cookie), ("x-autosave", "1")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let answer: Value = serde_json::from_str(&saved.body).expect("json");
    assert_eq!(answer["status"], "saved");
    let expected = session.section_versions.get("contact").copied().unwrap_or(0) + 1;
    assert_eq!(answer["version"], expected);
    let dossier = app.db.db.dossier(session.dossier_id).await.expect("read").expect("dossier");
    assert_eq!(dossier.answers["contact_role"], "marqueur 000001");
}

#[tokio::test]
async fn generation_refuses_a_database_with_a_real_account_unless_forced() {
    let app = TestApp::new().await;
    let db = &app.db.db;
    real_candidate(db).await;
    let refused = generate(db, &plan(50), OffsetDateTime::now_utc()).await;
    assert!(
        matches!(refused, Err(GenerateError::RealData { accounts: 1, organisations: 1 })),
        "{refused:?}"
    );
    assert_eq!(count(db).await, 0);
    let forced = Plan { force: true, ..plan(50) };
    let report = generate(db, &forced, OffsetDateTime::now_utc()).await.expect("forced");
    assert_eq!(report.dossiers, 50);
    assert_eq!(count(db).await, 50);
    // Generated accounts are not real ones: a second run needs no force.
    let census = db.generated_census(ptce::generate::DOMAIN).await.expect("census");
    assert_eq!((census.real_accounts, census.real_organisations), (1, 1));
    assert_eq!(census.generated_accounts, i64::try_from(report.accounts).expect("small"));
}

/// The database URL with its password, for the binary.
fn raw_url(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite { path } => format!("sqlite://{}", path.display()),
        DatabaseUrl::Postgres { url } => url.to_string(),
    }
}

fn ptce_generate(url: &str, extra: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ptce"))
        .args(["generate", "--dossiers", "5"])
        .args(extra)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("ptce runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn the_command_refuses_a_database_with_a_real_account_with_a_clear_message() {
    let db = TestDb::new().await;
    real_candidate(&db.db).await;
    db.db.close().await;
    let url = raw_url(&db.url);
    let (code, stdout, stderr) = ptce_generate(&url, &[]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains(
            "this database holds real data (1 account(s) and 1 organisation(s) the generator \
             did not make): nothing was generated; use --force to generate anyway"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("cette base contient des données réelles"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (code, stdout, stderr) = ptce_generate(&url, &["--force"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.starts_with("ptce generate: 5 dossiers ("), "{stdout}");
}
