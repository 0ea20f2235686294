//! A fresh database and an in-process server for each test.

use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use ptce::app::AppState;
use ptce::config::ServeSettings;
use ptce::db::{ConnectOptions, Db};
use ptce::domain::call::{CallDates, CallTemplate};
use ptce::domain::database_url::DatabaseUrl;
use ptce::domain::role::Role;
use time::OffsetDateTime;
use tower::ServiceExt;

/// A database made for one test; an SQLite file lives in its own temporary folder.
pub struct TestDb {
    pub url: DatabaseUrl,
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
}

/// The PostgreSQL server the suite runs against, if any.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres"))
}

impl TestDb {
    /// An empty, migrated database of the backend under test.
    pub async fn new() -> TestDb {
        match postgres_admin_url() {
            Some(admin) => TestDb::postgres(&admin).await,
            None => TestDb::sqlite().await,
        }
    }

    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = DatabaseUrl::Sqlite { path: dir.path().join("ptce.db") };
        let db = Db::connect(&url, &ConnectOptions::default()).await.expect("sqlite opens");
        db.migrate().await.expect("sqlite migrates");
        TestDb { url, db, _dir: Some(dir) }
    }

    pub async fn postgres(admin: &str) -> TestDb {
        let name = format!("ptce_test_{}", uuid::Uuid::now_v7().simple());
        let admin_pool = sqlx::PgPool::connect(admin).await.expect("TEST_DATABASE_URL answers");
        // The name is made here from a UUID, never from input.
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&admin_pool)
            .await
            .expect("create test database");
        admin_pool.close().await;
        let mut url = url::Url::parse(admin).expect("TEST_DATABASE_URL is a URL");
        url.set_path(&name);
        let url = DatabaseUrl::parse(url.as_str()).expect("postgres url");
        let db = Db::connect(&url, &ConnectOptions::default()).await.expect("postgres opens");
        db.migrate().await.expect("postgres migrates");
        TestDb { url, db, _dir: None }
    }

    /// Where the SQLite file is, for tests that start the binary on it.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        match &self.url {
            DatabaseUrl::Sqlite { path } => Some(path.clone()),
            DatabaseUrl::Postgres { .. } => None,
        }
    }
}

/// A response read whole.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    /// The `name=value` part of the session cookie this response sets.
    pub fn session_cookie(&self) -> String {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.contains("ptce_session=") && !v.contains("Max-Age=0"))
            .and_then(|v| v.split(';').next())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    /// The body parsed as an HTML document.
    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    /// The trimmed texts of the elements matching a CSS selector.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = scraper::Selector::parse(selector).expect("valid selector");
        self.html()
            .select(&selector)
            .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }
}

/// An in-process server on a fresh database with the 2011 call installed.
pub struct TestApp {
    pub db: TestDb,
    #[allow(dead_code, reason = "for tests that reach the state directly")]
    pub state: AppState,
    pub router: Router,
}

impl TestApp {
    /// The 2011 call installed with its calendar shifted so that applications are open now.
    pub async fn new() -> TestApp {
        TestApp::with_dates(CallDates::Shifted).await
    }

    pub async fn with_dates(dates: CallDates) -> TestApp {
        let db = TestDb::new().await;
        db.db
            .install_call(&CallTemplate::ptce_2011(), dates, OffsetDateTime::now_utc())
            .await
            .expect("the 2011 call installs");
        TestApp::on(db, ptce::web::router::routes())
    }

    /// A server over a given route table (tests may add routes to the real one).
    pub fn on(db: TestDb, routes: Router<AppState>) -> TestApp {
        TestApp::configured(db, routes, |_| {})
    }

    /// A server with some settings changed, e.g. an https `BASE_URL`.
    pub fn configured(
        db: TestDb,
        routes: Router<AppState>,
        change: impl FnOnce(&mut ServeSettings),
    ) -> TestApp {
        let mut settings = ServeSettings::defaults();
        settings.content_cache_seconds = 0;
        change(&mut settings);
        let state = AppState::new(db.db.clone(), settings);
        let router = ptce::web::router::with_middleware(routes, state.clone());
        TestApp { db, state, router }
    }

    pub async fn request(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.request(Request::get(path).body(Body::empty()).expect("request")).await
    }

    /// A form POST as a browser sends it from a page of the platform.
    pub async fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let body: String =
            url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        let mut request =
            Request::post(path).header("content-type", "application/x-www-form-urlencoded");
        if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("sec-fetch-site")) {
            request = request.header("sec-fetch-site", "same-origin");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.request(request.body(Body::from(body)).expect("request")).await
    }

    /// A GET with extra headers, e.g. `[("cookie", "lang=en")]`.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.request(request.body(Body::empty()).expect("request")).await
    }
}

/// A confirmed candidate account with its own organisation, whose password is `password`; its id.
pub async fn confirmed_candidate(
    app: &TestApp,
    email: &str,
    name: &str,
    organisation: &str,
    password: &str,
) -> uuid::Uuid {
    use ptce::db::accounts::{NewCandidate, SignUp};
    let address = ptce::domain::email::EmailAddress::parse(email).expect("email");
    let password = ptce::domain::password::NewPassword::parse(password, "").expect("password");
    let hash = ptce::auth::passwords::Passwords::new(1).hash(password).await.expect("hash");
    let new = NewCandidate {
        email: &address,
        display_name: name,
        organisation_name: organisation,
        siret: None,
        password_hash: &hash,
        lang: ptce::domain::lang::Lang::Fr,
    };
    let now = OffsetDateTime::now_utc();
    let (_, token_hash) = ptce::auth::tokens::new_token();
    let created = app
        .db
        .db
        .create_candidate(&new, &token_hash, None, now, time::Duration::DAY)
        .await
        .expect("create");
    let SignUp::Created(id) = created else { panic!("{created:?}") };
    app.db.db.confirm_email(id, now).await.expect("confirm");
    id
}

/// A session opened directly for a user (no login form, no device code): its cookie.
pub async fn session_for(app: &TestApp, user: uuid::Uuid) -> String {
    let (token, hash) = ptce::auth::tokens::new_token();
    app.db
        .db
        .create_session(&hash, user, OffsetDateTime::now_utc(), time::Duration::days(7))
        .await
        .expect("session");
    format!("ptce_session={token}")
}

/// Someone of the back office (no password), named Camille Martin, with a session: its cookie.
pub async fn staff(app: &TestApp, email: &str, role: Role, network: Option<&str>) -> String {
    staff_named(app, email, "Camille Martin", role, network).await
}

/// As `staff`, with a name of one's own.
pub async fn staff_named(
    app: &TestApp,
    email: &str,
    name: &str,
    role: Role,
    network: Option<&str>,
) -> String {
    let address = ptce::domain::email::EmailAddress::parse(email).expect("email");
    let new = ptce::db::accounts::NewStaff {
        email: &address,
        display_name: name,
        password_hash: None,
        role,
        network_slug: network,
    };
    let id = app.db.db.upsert_staff(&new, OffsetDateTime::now_utc()).await.expect("staff");
    session_for(app, id).await
}

/// A form POST of a page of the platform, with a session cookie.
pub async fn post(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    cookie: &str,
) -> TestResponse {
    app.post_form(path, fields, &[("cookie", cookie)]).await
}

/// As `post`, with fields made at run time (e.g. read from a page's form).
pub async fn post_owned(
    app: &TestApp,
    path: &str,
    fields: &[(String, String)],
    cookie: &str,
) -> TestResponse {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post(app, path, &pairs, cookie).await
}
