//! "My data" (RGPD, ASVS 4.0.3 8.3.2): the page, the ZIP export, and the erasure of an account —
//! after which its address is in no table (PostgreSQL) and in no byte of the database files
//! (SQLite: main file and write-ahead log).

use std::io::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use ptce::db::Db;
use ptce::db::accounts::{NewCandidate, SignUp};
use ptce::db::audit::AuditFilter;
use ptce::db::my_data::Purge;
use ptce::domain::email::EmailAddress;
use ptce::domain::lang::Lang;
use serde_json::{Value, json};
use sqlx::Connection;
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;
use uuid::Uuid;

use crate::support::{TestApp, TestResponse};

const ADDRESS: &str = "camille.martin@pole-sud-archer.fr";
const ORGANISATION: &str = "Pôle coopératif des Hauts Vergers";
const PASSWORD: &str = "nos coopérations durables";

/// Signs up through the form (which queues the confirmation email), confirms the address, and
/// returns the account's id.
async fn sign_up(app: &TestApp, address: &str, organisation: &str) -> Uuid {
    let signed = app
        .post_form(
            "/inscription",
            &[
                ("name", "Camille Martin"),
                ("organisation", organisation),
                ("email", address),
                ("password", PASSWORD),
            ],
            &[],
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK);
    let email = EmailAddress::parse(address).expect("address");
    let id = app.db.db.user_id_by_email(&email).await.expect("read").expect("the account exists");
    app.db.db.confirm_email(id, OffsetDateTime::now_utc()).await.expect("confirm");
    id
}

async fn log_in(app: &TestApp, address: &str, password: &str) -> TestResponse {
    app.post_form("/connexion", &[("email", address), ("password", password)], &[]).await
}

/// A GET whose body is kept as bytes (a ZIP is no text).
async fn get_bytes(
    app: &TestApp,
    path: &str,
    cookie: &str,
) -> (StatusCode, Vec<(String, String)>, Vec<u8>) {
    let request = Request::get(path).header("cookie", cookie).body(Body::empty()).expect("request");
    let response = app.router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, headers, body.to_vec())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

/// The files of a ZIP archive, by name, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("UTF-8 entry");
            (file.name().expect("name").into_owned(), text)
        })
        .collect()
}

/// Every value of a one-column query of text, on either backend.
async fn texts(db: &Db, sql: &'static str) -> Vec<String> {
    match db {
        Db::Sqlite(pool, _) => sqlx::query_scalar(sql).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
    }
    .expect("query")
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    match db {
        Db::Sqlite(pool, _) => sqlx::query_scalar(sql).fetch_one(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .expect("count")
}

/// Where `needle` still is: on PostgreSQL, the tables of the current schema whose rows contain
/// it (as text, case ignored); on SQLite, the database files (main file and write-ahead log)
/// whose bytes contain it (ASCII case ignored).
async fn places_holding(app: &TestApp, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    match &app.db.db {
        Db::Postgres(pool) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() ORDER BY table_name",
            )
            .fetch_all(pool)
            .await
            .expect("tables");
            assert!(tables.contains(&"users".to_owned()), "{tables:?}");
            for table in tables {
                // The table name comes from the catalogue, never from input.
                let sql = format!("SELECT count(*) FROM \"{table}\" t WHERE t::text ILIKE $1");
                let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .bind(format!("%{needle}%"))
                    .fetch_one(pool)
                    .await
                    .expect("count");
                if n > 0 {
                    found.push(format!("{table}: {n} rows"));
                }
            }
        }
        Db::Sqlite(..) => {
            let main = app.db.sqlite_path().expect("an SQLite file");
            let mut wal = main.clone().into_os_string();
            wal.push("-wal");
            let needle = needle.to_ascii_lowercase();
            for path in [main, wal.into()] {
                let bytes = std::fs::read(&path).unwrap_or_default();
                let hits = bytes
                    .to_ascii_lowercase()
                    .windows(needle.len())
                    .filter(|w| *w == needle.as_bytes())
                    .count();
                if hits > 0 {
                    found.push(format!("{}: {hits} times", path.display()));
                }
            }
        }
    }
    found
}

fn sqlite(app: &TestApp) -> bool {
    matches!(app.db.db, Db::Sqlite(..))
}

async fn erase(app: &TestApp, cookie: &str, password: &str, confirm: bool) -> TestResponse {
    let mut fields = vec![("password", password)];
    if confirm {
        fields.push(("confirmer", "oui"));
    }
    app.post_form("/espace/mes-donnees/effacement", &fields, &[("cookie", cookie)]).await
}

#[tokio::test]
async fn the_export_is_a_zip_with_the_address_and_the_organisation_and_no_password_or_token_hash() {
    let app = TestApp::new().await;
    sign_up(&app, ADDRESS, ORGANISATION).await;
    let cookie = log_in(&app, ADDRESS, PASSWORD).await.session_cookie();
    let (status, headers, bytes) = get_bytes(&app, "/espace/mes-donnees/export", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, "content-type"), "application/zip");
    assert_eq!(header(&headers, "cache-control"), "no-store");
    let today = ptce::domain::paris::date_of(OffsetDateTime::now_utc());
    assert_eq!(
        header(&headers, "content-disposition"),
        format!(
            "attachment; filename=\"ptce-mes-donnees-{:04}-{:02}-{:02}.zip\"",
            today.year(),
            u8::from(today.month()),
            today.day()
        )
    );
    assert_eq!(header(&headers, "x-content-type-options"), "nosniff");

    let files = unzip(&bytes);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["donnees.json", "LISEZMOI.txt"]);
    let json = &files[0].1;
    let readme = &files[1].1;
    assert!(readme.starts_with("Vos données sur la plateforme des PTCE\n"), "{readme}");
    assert!(readme.contains("\nYour data on the PTCE platform\n"), "{readme}");
    assert!(readme.contains("- fichiers/ :"), "{readme}");

    let data: Value = serde_json::from_str(json).expect("JSON");
    assert_eq!(data["format"], "ptce-mes-donnees/1");
    assert_eq!(data["account"]["email"], ADDRESS);
    assert_eq!(data["account"]["display_name"], "Camille Martin");
    assert_eq!(data["account"]["has_password"], true);
    assert_eq!(data["organisation"]["name"], ORGANISATION);
    assert_eq!(data["roles"], json!([]));
    assert_eq!(data["files"], json!([]));
    let sessions = data["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["current"], true);
    let keys = |v: &Value| v.as_object().expect("object").keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&sessions[0]), ["created_at", "current", "expires_at", "last_seen_at"]);
    let tokens = data["tokens"].as_array().expect("tokens");
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0]["purpose"], "confirm-email");
    assert_eq!(keys(&tokens[0]), ["created_at", "expires_at", "payload", "purpose", "used_at"]);
    let attempts = data["auth_attempts"].as_array().expect("attempts");
    let kinds: Vec<(&str, bool)> = attempts
        .iter()
        .map(|a| (a["kind"].as_str().unwrap_or(""), a["succeeded"].as_bool().unwrap_or(false)))
        .collect();
    assert_eq!(kinds, [("signup", true), ("login", true)], "the sign-up request, then the login");
    let events: Vec<(&str, &str)> = data["audit_log"]
        .as_array()
        .expect("audit")
        .iter()
        .map(|e| (e["event"].as_str().unwrap_or(""), e["role"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(events, [("account.created", "actor"), ("login.succeeded", "actor")]);
    let emails = data["emails"].as_array().expect("emails");
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0]["kind"], "confirm-account");
    assert_eq!(emails[0]["subject"], "Confirmez votre adresse électronique — PTCE");
    assert!(
        emails[0]["body_text"].as_str().expect("text").contains("/inscription/confirmer/"),
        "{}",
        emails[0]["body_text"]
    );

    assert!(!json.contains("argon2"), "no password hash");
    assert!(!json.contains("token_hash"), "no hash field");
    let hashes = texts(
        &app.db.db,
        "SELECT token_hash FROM sessions UNION ALL SELECT token_hash FROM tokens",
    )
    .await;
    assert_eq!(hashes.len(), 2);
    for hash in hashes {
        assert!(!json.contains(&hash), "the hash {hash} is not exported");
    }
    let stored: Vec<String> = texts(&app.db.db, "SELECT password_hash FROM users").await;
    assert!(!json.contains(&stored[0]), "the password hash is not exported");

    let journal = app.db.db.audit_entries(&AuditFilter::default(), 10).await.expect("audit");
    assert_eq!(journal[0].event, "account.exported");
    assert_eq!(journal[0].actor_email.as_deref(), Some(ADDRESS));
}

#[tokio::test]
async fn after_erasure_the_address_is_in_no_table_and_no_database_file_and_the_cookies_are_dead() {
    let app = TestApp::new().await;
    sign_up(&app, ADDRESS, ORGANISATION).await;
    // A failed login (an attempt and an event about the account), then two devices.
    let failed = log_in(&app, ADDRESS, "not the password at all").await;
    assert_eq!(failed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let cookie = log_in(&app, ADDRESS, PASSWORD).await.session_cookie();
    let other_device = log_in(&app, ADDRESS, PASSWORD).await.session_cookie();
    assert_ne!(cookie, other_device);

    let (status, _, bytes) = get_bytes(&app, "/espace/mes-donnees/export", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let exported = &unzip(&bytes)[0].1;
    assert!(exported.contains(ADDRESS), "the export taken before erasure holds the address");
    assert!(exported.contains(ORGANISATION));
    assert_ne!(
        places_holding(&app, ADDRESS).await,
        Vec::<String>::new(),
        "before erasure the search finds the address"
    );

    let erased = erase(&app, &cookie, PASSWORD, true).await;
    assert_eq!(erased.status, StatusCode::OK);
    assert_eq!(erased.texts("h1"), ["Votre compte est effacé"]);
    assert_eq!(erased.texts(".account-nav a"), ["Se connecter"]);
    assert_eq!(
        erased.header("set-cookie"),
        "ptce_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    );
    assert_eq!(erased.header("clear-site-data"), "\"cache\", \"cookies\", \"storage\"");

    for old in [&cookie, &other_device] {
        let space = app.get_with("/espace", &[("cookie", old)]).await;
        assert_eq!(space.status, StatusCode::SEE_OTHER, "the old cookie is dead");
        assert_eq!(space.header("location"), "/connexion?retour=%2Fespace");
    }
    assert_eq!(places_holding(&app, ADDRESS).await, Vec::<String>::new());
    assert_eq!(places_holding(&app, ORGANISATION).await, Vec::<String>::new());
    assert_eq!(
        app.db.db.purge_erased(ADDRESS).await.expect("purge again"),
        Purge::Complete,
        "nothing left to rebuild; on PostgreSQL the VACUUM runs"
    );
    if sqlite(&app) {
        let main = app.db.sqlite_path().expect("path");
        let mut wal = main.into_os_string();
        wal.push("-wal");
        assert_eq!(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0), 0, "the log is empty");
    }
    assert_eq!(count(&app.db.db, "SELECT COUNT(*) FROM organisations").await, 0);
    assert_eq!(count(&app.db.db, "SELECT COUNT(*) FROM users").await, 0);

    // The audit log keeps every event, with no person in it.
    let events = app.db.db.audit_entries(&AuditFilter::default(), 50).await.expect("audit");
    let names: Vec<&str> = events.iter().rev().map(|e| e.event.as_str()).collect();
    assert_eq!(
        names,
        [
            "account.created",
            "login.failed",
            "login.succeeded",
            "login.succeeded",
            "account.exported",
            "account.erased"
        ]
    );
    assert!(events.iter().all(|e| e.actor_email.is_none() && e.subject_email.is_none()));
    assert_eq!(
        count(
            &app.db.db,
            "SELECT COUNT(*) FROM audit_log WHERE actor_id IS NOT NULL OR subject_id IS NOT NULL"
        )
        .await,
        0
    );
    let details: Vec<Value> = events
        .iter()
        .rev()
        .map(|e| serde_json::from_str(&e.detail).expect("JSON detail"))
        .collect();
    assert_eq!(
        details,
        [
            json!({ "erased_account": "actor" }),
            json!({ "erased_account": "subject", "known_account": true }),
            json!({ "erased_account": "actor", "known_account": true }),
            json!({ "erased_account": "actor", "known_account": true }),
            json!({ "erased_account": "actor" }),
            json!({
                "sessions": 2,
                "tokens": 1,
                "roles": 0,
                "auth_attempts": 4,
                "emails": 1,
                "emails_scrubbed": 0,
                "audit_events_anonymised": 5,
                "organisation_removed": true
            }),
        ]
    );
    // (Last: a login attempt records the address it tried, as a new attempt.)
    let again = log_in(&app, ADDRESS, PASSWORD).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "no account to log in to");
}

#[tokio::test]
async fn erasure_leaves_no_trace_after_the_tables_grew_and_their_pages_were_rebuilt() {
    let app = TestApp::new().await;
    // Hundreds of neighbours around the address in every index, so that b-tree pages split
    // and rebalance (SQLite leaves stale copies of cells in rebuilt pages).
    let now = OffsetDateTime::now_utc();
    for i in 0..400 {
        let email = EmailAddress::parse(&format!("camille.martin{i:03}@pole-sud-archer.fr"))
            .expect("address");
        let new = NewCandidate {
            email: &email,
            display_name: "Voisin",
            organisation_name: "Voisins",
            siret: None,
            password_hash: "unused",
            lang: Lang::Fr,
        };
        let (_, token) = ptce::auth::tokens::new_token();
        let created = app.db.db.create_candidate(&new, &token, None, now, Duration::DAY).await;
        assert!(matches!(created, Ok(SignUp::Created(_))), "{created:?}");
        if i == 200 {
            sign_up(&app, ADDRESS, ORGANISATION).await;
        }
    }
    if let Db::Sqlite(pool, _) = &app.db.db {
        let on: i64 =
            sqlx::query_scalar("PRAGMA secure_delete").fetch_one(pool).await.expect("pragma");
        assert_eq!(on, 1, "deleted content is overwritten on every connection");
    }
    let cookie = log_in(&app, ADDRESS, PASSWORD).await.session_cookie();
    let erased = erase(&app, &cookie, PASSWORD, true).await;
    assert_eq!(erased.status, StatusCode::OK);
    assert_eq!(places_holding(&app, ADDRESS).await, Vec::<String>::new());
    assert_eq!(count(&app.db.db, "SELECT COUNT(*) FROM users").await, 400);
}

#[tokio::test]
async fn a_stale_copy_left_in_free_space_is_found_and_wiped_by_rebuilding_the_sqlite_file() {
    let app = TestApp::new().await;
    let Some(path) = app.db.sqlite_path() else {
        return; // PostgreSQL: no file of ours to read.
    };
    sign_up(&app, ADDRESS, ORGANISATION).await;
    let cookie = log_in(&app, ADDRESS, PASSWORD).await.session_cookie();
    // A connection without secure_delete leaves the bytes of a deleted row in its page.
    let mut careless = sqlx::SqliteConnection::connect_with(
        &sqlx::sqlite::SqliteConnectOptions::new().filename(&path).pragma("secure_delete", "OFF"),
    )
    .await
    .expect("second connection");
    sqlx::query("CREATE TABLE scratch (note TEXT NOT NULL)")
        .execute(&mut careless)
        .await
        .expect("create");
    sqlx::query("INSERT INTO scratch (note) VALUES ($1)")
        .bind(format!("copie de {ADDRESS}"))
        .execute(&mut careless)
        .await
        .expect("insert");
    sqlx::query("DELETE FROM scratch").execute(&mut careless).await.expect("delete");
    careless.close().await.expect("close");

    let erased = erase(&app, &cookie, PASSWORD, true).await;
    assert_eq!(erased.status, StatusCode::OK);
    assert_eq!(places_holding(&app, ADDRESS).await, Vec::<String>::new());
}

#[tokio::test]
async fn a_wrong_password_refuses_erasure_with_the_reason_next_to_the_field_and_erases_nothing() {
    let app = TestApp::new().await;
    sign_up(&app, ADDRESS, ORGANISATION).await;
    let cookie = log_in(&app, ADDRESS, PASSWORD).await.session_cookie();

    let wrong = erase(&app, &cookie, "la mauvaise phrase de passe", true).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong.texts("#password-error"),
        ["Ce mot de passe n’est pas le bon : rien n’a été effacé."]
    );
    assert_eq!(
        wrong.texts(".error-summary li"),
        ["Ce mot de passe n’est pas le bon : rien n’a été effacé."]
    );
    assert_eq!(wrong.texts("#confirmer-error"), Vec::<String>::new());

    let empty = app.post_form("/espace/mes-donnees/effacement", &[], &[("cookie", &cookie)]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        empty.texts(".field__error"),
        [
            "Indiquez votre mot de passe actuel.",
            "Cochez la case pour confirmer que vous demandez l’effacement."
        ]
    );
    let unchecked = erase(&app, &cookie, PASSWORD, false).await;
    assert_eq!(unchecked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unchecked.texts(".field__error"),
        ["Cochez la case pour confirmer que vous demandez l’effacement."]
    );

    let space = app.get_with("/espace", &[("cookie", &cookie)]).await;
    assert_eq!(space.status, StatusCode::OK, "still logged in");
    assert_eq!(count(&app.db.db, "SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(count(&app.db.db, "SELECT COUNT(*) FROM organisations").await, 1);
    assert_eq!(count(&app.db.db, "SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(count(&app.db.db, "SELECT COUNT(*) FROM outbox").await, 1);
    assert_eq!(
        count(&app.db.db, "SELECT COUNT(*) FROM audit_log WHERE event = 'account.erasure_refused'")
            .await,
        1
    );
    assert_eq!(
        count(&app.db.db, "SELECT COUNT(*) FROM auth_attempts WHERE NOT succeeded").await,
        1,
        "a wrong password counts as a failed login"
    );
}

#[tokio::test]
async fn the_organisation_stays_when_another_member_remains() {
    let app = TestApp::new().await;
    let first = sign_up(&app, ADDRESS, ORGANISATION).await;
    let second = sign_up(&app, "dominique@pole-sud-archer.fr", "Autre").await;
    let organisation: Vec<String> = texts(&app.db.db, "SELECT name FROM organisations").await;
    assert_eq!(organisation.len(), 2);
    match &app.db.db {
        Db::Sqlite(pool, _) => sqlx::query(
            "UPDATE users SET organisation_id = \
                 (SELECT organisation_id FROM users WHERE id = $1) WHERE id = $2",
        )
        .bind(first)
        .bind(second)
        .execute(pool)
        .await
        .map(|_| ()),
        Db::Postgres(pool) => sqlx::query(
            "UPDATE users SET organisation_id = \
                 (SELECT organisation_id FROM users WHERE id = $1) WHERE id = $2",
        )
        .bind(first)
        .bind(second)
        .execute(pool)
        .await
        .map(|_| ()),
    }
    .expect("same organisation");
    let cookie = log_in(&app, ADDRESS, PASSWORD).await.session_cookie();
    let page = app.get_with("/espace/mes-donnees", &[("cookie", &cookie)]).await;
    assert_eq!(
        page.texts("#organisation + .facts + p"),
        ["D’autres personnes en sont membres : elle reste à leur disposition si vous \
             effacez votre compte."]
    );
    let erased = erase(&app, &cookie, PASSWORD, true).await;
    assert_eq!(erased.status, StatusCode::OK);
    let names: Vec<String> =
        texts(&app.db.db, "SELECT name FROM organisations ORDER BY name").await;
    // "Autre" lost its member through the test's own move, not through the erasure.
    assert_eq!(names, ["Autre", ORGANISATION]);
}

#[tokio::test]
async fn the_my_data_page_shows_what_is_held_and_what_erasure_keeps() {
    let app = TestApp::new().await;
    sign_up(&app, ADDRESS, ORGANISATION).await;
    let cookie = log_in(&app, ADDRESS, PASSWORD).await.session_cookie();
    let space = app.get_with("/espace", &[("cookie", &cookie)]).await;
    assert_eq!(
        space.texts("main a[href='/espace/mes-donnees']"),
        ["Mes données : les voir, les télécharger ou effacer mon compte"]
    );
    let privacy = app.get("/confidentialite").await;
    assert_eq!(privacy.texts("main a[href='/espace/mes-donnees']"), ["Mes données"]);

    let page = app.get_with("/espace/mes-donnees", &[("cookie", &cookie)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("cache-control"), "no-store");
    assert_eq!(page.texts("h1"), ["Mes données"]);
    assert_eq!(
        page.texts("main h2"),
        [
            "Votre compte",
            "Votre organisation",
            "Vos sessions",
            "Événements du journal de sécurité qui vous concernent",
            "Messages envoyés à votre adresse",
            "Télécharger vos données",
            "Effacer votre compte"
        ]
    );
    let facts = page.texts("#compte + .facts dd");
    assert_eq!(&facts[..3], ["Camille Martin", ADDRESS, "Français"]);
    assert_eq!(page.texts("#organisation + .facts dd"), [ORGANISATION, "—"]);
    assert_eq!(page.texts("main tbody tr").len(), 1 + 2 + 1, "a session, two events, an email");
    assert_eq!(page.texts("main h3"), ["Ce qui est effacé", "Ce qui est conservé, et pourquoi"]);
    assert!(
        page.texts("main li")
            .iter()
            .any(|t| t.starts_with("Le journal de sécurité garde un an les événements")),
        "what is kept and why"
    );
    assert_eq!(
        page.texts("a[href='/espace/mes-donnees/export']"),
        ["Télécharger mes données (ZIP)"]
    );
    assert_eq!(
        page.texts("form[action='/espace/mes-donnees/effacement'] label"),
        ["Votre mot de passe actuel", "Je demande l’effacement définitif de mon compte"]
    );

    let english = app.get_with("/espace/mes-donnees?lang=en", &[("cookie", &cookie)]).await;
    assert_eq!(english.texts("h1"), ["My data"]);
}

#[tokio::test]
async fn every_table_is_either_exported_and_erased_or_declared_free_of_personal_data() {
    let app = TestApp::new().await;
    let tables: Vec<String> =
        app.db.db.describe_schema().await.expect("schema").into_keys().collect();
    let mut classified: Vec<String> = ptce::db::my_data::TABLES_WITH_PERSONAL_DATA
        .iter()
        .chain(ptce::db::my_data::TABLES_WITHOUT_PERSONAL_DATA)
        .map(|t| (*t).to_owned())
        .collect();
    classified.sort();
    assert_eq!(
        tables, classified,
        "a table was added or removed: read and erase it in src/db/my_data.rs, or list it there \
         as holding no personal data"
    );
}
