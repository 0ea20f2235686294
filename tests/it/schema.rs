//! The database layer itself: both migration trees agree, SQLite is recent enough, and
//! installing the call is idempotent.

use ptce::db::calls::Installed;
use ptce::domain::call::{CallDates, CallTemplate};
use time::OffsetDateTime;

use crate::support::{TestDb, postgres_admin_url};

#[tokio::test]
async fn the_sqlite_and_postgres_migrations_describe_the_same_schema() {
    let sqlite = TestDb::sqlite().await.db.describe_schema().await.expect("sqlite schema");
    assert!(sqlite.contains_key("calls"), "the schema was read: {:?}", sqlite.keys());
    assert_eq!(
        sqlite["call_networks"].unique_keys.iter().cloned().collect::<Vec<_>>(),
        [
            vec!["call_id".to_owned(), "network_id".into()],
            vec!["call_id".into(), "position".into()]
        ]
    );
    let Some(admin) = postgres_admin_url() else {
        eprintln!("TEST_DATABASE_URL unset: the PostgreSQL side runs in the PostgreSQL pass");
        return;
    };
    let postgres = TestDb::postgres(&admin).await.db.describe_schema().await.expect("pg schema");
    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "same tables"
    );
    for (name, table) in &sqlite {
        assert_eq!(table.columns, postgres[name].columns, "columns and nullability of {name}");
        assert_eq!(table.unique_keys, postgres[name].unique_keys, "unique keys of {name}");
    }
}

#[tokio::test]
async fn the_bundled_sqlite_is_at_least_3_51_3() {
    let db = TestDb::sqlite().await;
    let version = db.db.sqlite_version().await.expect("query").expect("sqlite");
    let parts: Vec<u32> = version.split('.').map(|p| p.parse().expect("number")).collect();
    assert!(parts >= vec![3, 51, 3], "SQLite {version} has the WAL-reset bug fixed in 3.51.3");
}

#[tokio::test]
async fn installing_the_call_twice_keeps_one_call_with_its_first_calendar() {
    let db = TestDb::new().await;
    let template = CallTemplate::ptce_2011();
    let now = OffsetDateTime::now_utc();
    let first = db.db.install_call(&template, CallDates::Original, now).await.expect("install");
    let Installed::New { id } = first else { panic!("first install writes: {first:?}") };
    let second = db.db.install_call(&template, CallDates::Shifted, now).await.expect("again");
    assert_eq!(second, Installed::AlreadyThere { id, dates: CallDates::Original });
    let call = db.db.current_call().await.expect("read").expect("a call");
    assert_eq!(call.id, id);
    assert_eq!(call.dates, CallDates::Original);
    assert_eq!(call.phases, template.place_phases(CallDates::Original, now).expect("placed"));
    assert_eq!(call.networks, template.networks);
    assert_eq!(call.tracks, template.tracks);
    assert_eq!(call.sections, template.sections);
}

#[tokio::test]
async fn an_empty_database_has_no_call_to_show() {
    let db = TestDb::new().await;
    assert_eq!(db.db.current_call().await.expect("read"), None);
}
