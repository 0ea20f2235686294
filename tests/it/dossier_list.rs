//! The back office's list of dossiers: full-text search over the answers (accents, case and
//! plurals aside), filters by territory (2011 and current regions, department), sector and
//! label, sorting, saved views, and bulk actions confirmed before they happen.

use axum::http::StatusCode;
use ptce::db::dossier_list::{SearchPlan, Sort, SortColumn, StaffFilter};
use ptce::domain::role::Role;
use ptce::domain::search::Query;
use serde_json::json;
use uuid::Uuid;

use crate::dossiers::get;
use crate::exchanges::{submitted, submitted_with};
use crate::exports::download;
use crate::support::{TestApp, post, staff};

/// Titles listed for a query, in the list's order.
async fn titles(app: &TestApp, query: &str, cookie: &str) -> Vec<String> {
    let list = get(app, &format!("/gestion/dossiers?{query}"), cookie).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    list.texts("#dossiers .title")
}

/// Three dossiers: Romans-sur-Isère (Drôme, Rhône-Alpes), Privas (Ardèche, Rhône-Alpes),
/// Castres (Tarn, Midi-Pyrénées in 2011, Occitanie today).
async fn three(app: &TestApp) -> (Uuid, Uuid, Uuid) {
    let (romans, _) = submitted_with(app, "a@romans.fr", "Pôle Sud Archer", "26281", |a| {
        a["innovation_description"] = json!("Des coopératives énergétiques citoyennes.");
        a["sectors"] = json!(["energies"]);
    })
    .await;
    let (privas, _) = submitted(app, "b@privas.fr", "Pôle Ardèche", "07186").await;
    let (castres, _) = submitted_with(app, "c@castres.fr", "Pôle Tarn", "81065", |a| {
        a["innovation_description"] = json!("Une ressourcerie et un chantier d’insertion.");
    })
    .await;
    (romans, privas, castres)
}

#[tokio::test]
async fn a_search_finds_a_dossier_by_a_word_of_its_answers_whatever_accents_case_and_plural() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    three(&app).await;
    assert_eq!(titles(&app, "q=COOPERATIVE+energetique", &steering).await, ["Pôle Sud Archer"]);
    assert_eq!(titles(&app, "q=ressourceries", &steering).await, ["Pôle Tarn"]);
    // A prefix while typing, the organisation's name, and the lead commune's name.
    assert_eq!(titles(&app, "q=ressour", &steering).await, ["Pôle Tarn"]);
    assert_eq!(titles(&app, "q=Privas", &steering).await, ["Pôle Ardèche"]);
    assert_eq!(titles(&app, "q=romans+sur+isere", &steering).await, ["Pôle Sud Archer"]);
    // Every word must be found.
    assert!(titles(&app, "q=ressourcerie+energetique", &steering).await.is_empty());
    let nothing = get(&app, "/gestion/dossiers?q=zanzibar", &steering).await;
    assert_eq!(nothing.texts("#count"), ["Aucun dossier ne correspond."]);
}

#[tokio::test]
async fn a_search_sorted_by_title_follows_a_title_changed_after_submission_whichever_way_it_reads()
{
    let app = TestApp::new().await;
    let db = &app.db.db;
    let (_, _, castres) = three(&app).await;
    let answers = db.dossier(castres).await.expect("read").expect("dossier").answers;
    crate::dossiers::store_answers(&app, castres, &answers, "Pôle Albigeois").await;
    ptce::search::refresh(&app.state, &[castres]).await;
    let call = db.current_call().await.expect("read").expect("a call");
    for plan in [SearchPlan::Cheapest, SearchPlan::Walk, SearchPlan::Sort] {
        let filter = StaffFilter {
            text: Query::parse("pôle").expect("reads"),
            sort: Sort { column: SortColumn::Title, descending: false },
            plan,
            limit: 50,
            ..StaffFilter::default()
        };
        let (rows, total) = db.staff_dossiers(call.id, &filter).await.expect("the list");
        let titles: Vec<_> = rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Pôle Albigeois", "Pôle Ardèche", "Pôle Sud Archer"], "{plan:?}");
        assert_eq!(total, 3);
    }
}

#[tokio::test]
async fn a_search_made_only_of_common_words_says_so_next_to_the_box_and_lists_everything() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    three(&app).await;
    let list = get(&app, "/gestion/dossiers?q=de+la", &steering).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(
        list.texts("#q-error"),
        ["Ces mots sont trop courants pour être cherchés : essayez un nom, un lieu, un secteur."]
    );
    assert_eq!(list.texts("#count"), ["3 dossiers."]);
    let scores = get(&app, "/gestion/dossiers?note_min=douze", &steering).await;
    assert_eq!(scores.status, StatusCode::OK);
    assert_eq!(
        scores.texts("#note_min-error"),
        ["Indiquez un nombre entre 0 et 100, par exemple 62,5."]
    );
}

#[tokio::test]
async fn the_list_filters_by_region_of_2011_current_region_department_and_sector() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    three(&app).await;
    let sorted = |mut titles: Vec<String>| {
        titles.sort();
        titles
    };
    // Rhône-Alpes (82) in 2011, Auvergne-Rhône-Alpes (84) today.
    assert_eq!(
        sorted(titles(&app, "region2011=82", &steering).await),
        ["Pôle Ardèche", "Pôle Sud Archer"]
    );
    assert_eq!(
        sorted(titles(&app, "region=84", &steering).await),
        ["Pôle Ardèche", "Pôle Sud Archer"]
    );
    assert_eq!(titles(&app, "region2011=73", &steering).await, ["Pôle Tarn"]);
    assert_eq!(titles(&app, "region=76", &steering).await, ["Pôle Tarn"]);
    assert_eq!(titles(&app, "departement=07", &steering).await, ["Pôle Ardèche"]);
    assert_eq!(titles(&app, "secteur=energies", &steering).await, ["Pôle Sud Archer"]);
    // Combined with the search, and an unknown region is ignored.
    assert_eq!(titles(&app, "region2011=82&q=energie", &steering).await, ["Pôle Sud Archer"]);
    assert_eq!(titles(&app, "region=99&departement=07", &steering).await, ["Pôle Ardèche"]);
}

#[tokio::test]
async fn the_list_sorts_by_a_column_both_ways() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    three(&app).await;
    assert_eq!(
        titles(&app, "tri=titre&ordre=asc", &steering).await,
        ["Pôle Ardèche", "Pôle Sud Archer", "Pôle Tarn"]
    );
    assert_eq!(
        titles(&app, "tri=titre&ordre=desc", &steering).await,
        ["Pôle Tarn", "Pôle Sud Archer", "Pôle Ardèche"]
    );
    let list = get(&app, "/gestion/dossiers?tri=titre&ordre=asc", &steering).await;
    let html = list.html();
    let sorted = scraper::Selector::parse("th[aria-sort]").expect("selector");
    let headers: Vec<_> = html.select(&sorted).collect();
    assert_eq!(headers.len(), 1);
    assert_eq!(headers[0].value().attr("aria-sort"), Some("ascending"));
}

#[tokio::test]
async fn a_bulk_label_is_shown_for_confirmation_then_put_and_filters_the_list() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (romans, privas, _) = three(&app).await;
    let (romans, privas) = (romans.to_string(), privas.to_string());
    let fields = [
        ("dossiers", romans.as_str()),
        ("dossiers", privas.as_str()),
        ("action", "etiqueter"),
        ("etiquette", "À relancer"),
        ("filtre", "region2011=82"),
    ];
    let shown = post(&app, "/gestion/dossiers/lot", &fields, &steering).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert_eq!(shown.texts("h1"), ["Confirmer l’action sur 2 dossiers"]);
    assert_eq!(shown.texts("#bulk-action"), ["Action : Ajouter une étiquette « À relancer »"]);
    assert_eq!(shown.texts("#bulk-applies li").len(), 2);
    // Nothing is labelled before the confirmation.
    let call = app.db.db.current_call().await.expect("read").expect("call");
    assert!(app.db.db.labels(call.id).await.expect("labels").is_empty());

    let done = post(&app, "/gestion/dossiers/lot/confirmation", &fields, &steering).await;
    assert_eq!(done.header("location"), "/gestion/dossiers?region2011=82&fait=lot&n=2#count");
    let labels = app.db.db.labels(call.id).await.expect("labels");
    assert_eq!(labels.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["À relancer"]);
    let mut labelled = titles(&app, &format!("etiquette={}", labels[0].id), &steering).await;
    labelled.sort();
    assert_eq!(labelled, ["Pôle Ardèche", "Pôle Sud Archer"]);
    let notice = get(&app, "/gestion/dossiers?fait=lot&n=2", &steering).await;
    assert_eq!(notice.texts(".notice"), ["Action faite sur 2 dossiers."]);

    // Once more: both already have it, nothing to confirm.
    let again = post(&app, "/gestion/dossiers/lot", &fields, &steering).await;
    assert_eq!(
        again.texts("#bulk-error"),
        ["Aucun des dossiers cochés n’est concerné par cette action."]
    );
    assert_eq!(
        again.texts("#bulk-skipped li"),
        [
            "A-0001 — Pôle Sud Archer : a déjà cette étiquette",
            "A-0002 — Pôle Ardèche : a déjà cette étiquette"
        ]
    );
    let entries = app
        .db
        .db
        .audit_entries(&ptce::db::audit::AuditFilter::default(), 100)
        .await
        .expect("audit");
    assert_eq!(entries.iter().filter(|e| e.event == "dossier.labelled").count(), 1);
}

#[tokio::test]
async fn a_bulk_action_without_a_ticked_dossier_or_a_label_says_what_is_missing() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (romans, _, _) = three(&app).await;
    let none = post(&app, "/gestion/dossiers/lot", &[("action", "reperage")], &steering).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(none.texts("#bulk-error"), ["Cochez au moins un dossier dans la liste."]);
    let id = romans.to_string();
    let fields = [("dossiers", id.as_str()), ("action", "etiqueter"), ("etiquette", " ")];
    let unnamed = post(&app, "/gestion/dossiers/lot", &fields, &steering).await;
    assert_eq!(unnamed.texts("#bulk-error"), ["Indiquez l’étiquette à ajouter ou à retirer."]);
}

#[tokio::test]
async fn bulk_screening_moves_submitted_dossiers_and_a_referent_cannot_reach_another_network() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let coorace = staff(&app, "ref@coorace.fr", Role::Referent, Some("coorace")).await;
    crate::exchanges::add_rule(&app, &steering, "department", "26, 07", "coorace").await;
    crate::exchanges::add_rule(&app, &steering, "region-2011", "73", "rtes").await;
    let (romans, privas, castres) = three(&app).await;
    let ids = [romans.to_string(), privas.to_string(), castres.to_string()];
    let fields = [
        ("dossiers", ids[0].as_str()),
        ("dossiers", ids[1].as_str()),
        ("dossiers", ids[2].as_str()),
        ("action", "reperage"),
    ];
    let shown = post(&app, "/gestion/dossiers/lot", &fields, &coorace).await;
    assert_eq!(shown.texts("#bulk-applies li").len(), 2);
    // The RTES dossier is counted apart, without its reference.
    assert_eq!(shown.texts("#bulk-skipped li"), ["1 — hors de vos réseaux"]);
    assert!(!shown.body.contains("Pôle Tarn"));
    let done = post(&app, "/gestion/dossiers/lot/confirmation", &fields, &coorace).await;
    assert_eq!(done.header("location"), "/gestion/dossiers?fait=lot&n=2#count");
    let state = |id: Uuid| {
        let db = app.db.db.clone();
        async move { db.dossier(id).await.expect("read").expect("dossier").state.code() }
    };
    assert_eq!(state(romans).await, "screening");
    assert_eq!(state(privas).await, "screening");
    assert_eq!(state(castres).await, "submitted");
    // Taken once: a second time they are left, with the reason.
    let again = post(&app, "/gestion/dossiers/lot", &[fields[0], fields[3]], &coorace).await;
    assert_eq!(
        again.texts("#bulk-skipped li"),
        ["A-0001 — Pôle Sud Archer : son état ne le permet pas (En repérage)"]
    );
    // Only the steering group assigns networks in bulk.
    let network = [("dossiers", ids[0].as_str()), ("action", "reseau"), ("reseau", "rtes")];
    let refused = post(&app, "/gestion/dossiers/lot", &network, &coorace).await;
    assert_eq!(refused.texts("#bulk-error"), ["Choisissez une action."]);
    let moved = post(&app, "/gestion/dossiers/lot/confirmation", &network, &steering).await;
    assert_eq!(moved.header("location"), "/gestion/dossiers?fait=lot&n=1#count");
    assert_eq!(app.db.db.dossier_network(romans).await.expect("read").as_deref(), Some("rtes"));
}

#[tokio::test]
async fn a_saved_view_keeps_its_filter_for_its_owner_only() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let other = staff(&app, "autre@ptce.fr", Role::Steering, None).await;
    three(&app).await;
    let unnamed = post(
        &app,
        "/gestion/dossiers/vues",
        &[("nom", ""), ("filtre", "region2011=82")],
        &steering,
    )
    .await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unnamed.texts("#nom-vue-error"),
        ["Donnez un nom à cette vue, par exemple « Drôme à relancer »."]
    );
    let fields = [("nom", "Rhône-Alpes"), ("filtre", "region2011=82&inconnu=1&tri=titre")];
    let saved = post(&app, "/gestion/dossiers/vues", &fields, &steering).await;
    assert_eq!(saved.header("location"), "/gestion/dossiers?region2011=82&tri=titre&fait=vue#vues");
    let list = get(&app, "/gestion/dossiers", &steering).await;
    assert_eq!(list.texts("#vues .chip a"), ["Rhône-Alpes"]);
    let html = list.html();
    let link = scraper::Selector::parse("#vues .chip a").expect("selector");
    let href = html.select(&link).next().and_then(|a| a.value().attr("href")).expect("a link");
    assert_eq!(href, "/gestion/dossiers?region2011=82&tri=titre");
    assert_eq!(titles(&app, "region2011=82&tri=titre", &steering).await.len(), 2);
    assert!(get(&app, "/gestion/dossiers", &other).await.texts("#vues .chip a").is_empty());
}

#[tokio::test]
async fn a_label_added_on_the_dossier_page_shows_in_the_list_and_can_be_taken_off() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (romans, _, _) = three(&app).await;
    let path = format!("/gestion/dossiers/{romans}/etiquettes");
    let empty = post(&app, &path, &[("etiquette", "  ")], &steering).await;
    let page = get(&app, empty.header("location"), &steering).await;
    assert_eq!(page.texts("#etiquette-error"), ["Indiquez le nom de l’étiquette."]);
    let added = post(&app, &path, &[("etiquette", "Visite prévue")], &steering).await;
    assert_eq!(
        added.header("location"),
        format!("/gestion/dossiers/{romans}?fait=etiquette#labels")
    );
    let page = get(&app, &format!("/gestion/dossiers/{romans}"), &steering).await;
    assert_eq!(page.texts("#dossier-labels .tag"), ["Visite prévue"]);
    let list = get(&app, "/gestion/dossiers?q=archer", &steering).await;
    assert_eq!(list.texts("#dossiers .tag"), ["Visite prévue"]);
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let label = app.db.db.labels(call.id).await.expect("labels").remove(0);
    let removed = post(&app, &format!("{path}/{}/suppression", label.id), &[], &steering).await;
    assert_eq!(
        removed.header("location"),
        format!("/gestion/dossiers/{romans}?fait=etiquette-retiree#labels")
    );
    let page = get(&app, &format!("/gestion/dossiers/{romans}"), &steering).await;
    assert!(page.texts("#dossier-labels .tag").is_empty());
}

#[tokio::test]
async fn a_dossiers_files_come_as_one_zip_with_its_receipt_and_a_read_me() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (romans, _, _) = three(&app).await;
    let zip = download(&app, &format!("/gestion/dossiers/{romans}/fichiers.zip"), &steering).await;
    assert_eq!(zip.status, StatusCode::OK);
    assert_eq!(zip.header("content-type"), "application/zip");
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zip.body.clone())).expect("a ZIP archive");
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).expect("an entry").name().expect("a name").into_owned())
        .collect();
    assert_eq!(names, ["recepisses/recepisse-A-0001-1.pdf", "LISEZ-MOI.txt"]);
    let mut receipt = Vec::new();
    std::io::Read::read_to_end(
        &mut archive.by_name("recepisses/recepisse-A-0001-1.pdf").expect("the receipt"),
        &mut receipt,
    )
    .expect("read");
    assert!(receipt.starts_with(b"%PDF-"));
    let entries = app
        .db
        .db
        .audit_entries(&ptce::db::audit::AuditFilter::default(), 100)
        .await
        .expect("audit");
    assert_eq!(entries.iter().filter(|e| e.event == "dossier.files_exported").count(), 1);
}

#[tokio::test]
async fn the_eleventh_export_in_ten_minutes_is_refused_with_a_time_to_wait() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    three(&app).await;
    for n in 1..=10 {
        let csv = get(&app, "/gestion/dossiers.csv", &steering).await;
        assert_eq!(csv.status, StatusCode::OK, "export {n}");
    }
    let refused = get(&app, "/gestion/dossiers.xlsx", &steering).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = refused.header("retry-after").parse().expect("seconds");
    assert!((1..=600).contains(&wait), "{wait}");
    assert_eq!(refused.texts("h1"), ["Trop de demandes"]);
    // Another person is not held back.
    let other = staff(&app, "autre@ptce.fr", Role::Steering, None).await;
    assert_eq!(get(&app, "/gestion/dossiers.csv", &other).await.status, StatusCode::OK);
}
