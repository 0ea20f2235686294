//! The call settings of the steering group: texts (sanitised Markdown, concurrent edits),
//! calendar, tracks and quotas, and forms (a schema checked line by line, previewed, published
//! as a new revision while started dossiers keep theirs); 403 for referents.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use ptce::db::audit::AuditFilter;
use ptce::db::dossiers::NewDossier;
use ptce::domain::role::Role;
use time::OffsetDateTime;
use time::macros::date;

use crate::support::{TestApp, TestResponse, confirmed_candidate, post_owned, staff};

async fn steering(app: &TestApp) -> String {
    staff(app, "copil@labo-ess.org", Role::Steering, None).await
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> TestResponse {
    app.get_with(path, &[("cookie", cookie)]).await
}

/// What the page's form would post as it stands: its inputs (checked boxes only) and text areas.
fn form_pairs(page: &TestResponse) -> Vec<(String, String)> {
    let html = page.html();
    let selector = scraper::Selector::parse("form.form input[name], form.form textarea[name]")
        .expect("selector");
    html.select(&selector)
        .filter(|e| {
            let kind = e.value().attr("type").unwrap_or("text");
            kind != "checkbox" || e.value().attr("checked").is_some()
        })
        .map(|e| {
            let name = e.value().attr("name").unwrap_or_default().to_owned();
            let value = if e.value().name() == "textarea" {
                e.text().collect::<String>()
            } else {
                e.value().attr("value").unwrap_or_default().to_owned()
            };
            (name, value)
        })
        .collect()
}

fn set(pairs: &mut [(String, String)], name: &str, value: &str) {
    let pair = pairs.iter_mut().find(|(k, _)| k == name).unwrap_or_else(|| panic!("{name}"));
    pair.1 = value.to_owned();
}

fn redirected_to(response: &TestResponse, path: &str) {
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(response.header("location"), path);
}

/// Posts a form schema to a track's preview, urlencoded as a pasted text.
async fn preview(app: &TestApp, track: &str, source: &str, cookie: &str) -> TestResponse {
    let fields = [("source".to_owned(), source.to_owned())];
    post_owned(app, &format!("/gestion/appel/formulaires/{track}/apercu"), &fields, cookie).await
}

#[tokio::test]
async fn a_steering_member_edits_the_french_summary_and_the_home_page_shows_it() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let overview = get(&app, "/gestion/appel", &cookie).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert_eq!(
        overview.texts("h2.card__title"),
        ["Textes de l’appel", "Calendrier", "Parcours et quotas", "Formulaires"]
    );
    let home = get(&app, "/gestion", &cookie).await;
    assert_eq!(
        home.texts("main a[href='/gestion/appel']"),
        ["Paramètres de l’appel : textes, calendrier, parcours et formulaires"]
    );

    let page = get(&app, "/gestion/appel/textes", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("label[for='summary-fr']"), ["Résumé — français"]);
    let mut pairs = form_pairs(&page);
    let summary = "Un appel pour faire coopérer les acteurs des territoires.";
    set(&mut pairs, "summary.fr", summary);
    let saved = post_owned(&app, "/gestion/appel/textes", &pairs, &cookie).await;
    redirected_to(&saved, "/gestion/appel/textes?fait=enregistre");
    let after = get(&app, "/gestion/appel/textes?fait=enregistre", &cookie).await;
    assert_eq!(
        after.texts(".notice"),
        [
            "Les textes de l’appel sont enregistrés ; les pages publiques les montrent dès maintenant."
        ]
    );

    let public = app.get("/").await;
    assert_eq!(public.texts(".hero__summary"), [summary]);
    let english = app.get("/?lang=en").await;
    assert!(english.texts(".hero__summary")[0].starts_with("This call for applications aims"));

    let entries = app
        .db
        .db
        .audit_entries(
            &AuditFilter { event_prefix: Some("call.".into()), ..Default::default() },
            10,
        )
        .await
        .expect("audit");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].event, "call.texts_updated");
    assert_eq!(entries[0].actor_email.as_deref(), Some("copil@labo-ess.org"));
    assert_eq!(entries[0].detail, r#"{"call":"ptce-2011","changed":["summary.fr"]}"#);
}

#[tokio::test]
async fn the_audit_journal_filters_the_changes_to_the_call_and_its_forms() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let mut pairs = form_pairs(&get(&app, "/gestion/appel/textes", &cookie).await);
    set(&mut pairs, "summary.fr", "Un appel pour faire coopérer les acteurs des territoires.");
    let saved = post_owned(&app, "/gestion/appel/textes", &pairs, &cookie).await;
    redirected_to(&saved, "/gestion/appel/textes?fait=enregistre");
    let admin = staff(&app, "admin@labo-ess.org", Role::Admin, None).await;

    let journal = get(&app, "/gestion/journal", &admin).await;
    assert_eq!(journal.status, StatusCode::OK);
    let html = journal.html();
    let option = scraper::Selector::parse("#evenement option").expect("selector");
    let offered: Vec<(String, String)> = html
        .select(&option)
        .map(|o| {
            let value = o.value().attr("value").unwrap_or_default().to_owned();
            (value, o.text().collect::<String>())
        })
        .collect();
    let mut families = vec![String::new()];
    families.extend(ptce::web::handlers::backoffice::audit::EVENTS.map(str::to_owned));
    assert_eq!(offered.iter().map(|(value, _)| value.clone()).collect::<Vec<_>>(), families);
    for (value, label) in [
        ("", "Tous les événements"),
        ("login.", "Connexions"),
        ("call.", "Paramètres de l’appel"),
        ("form.", "Formulaires publiés"),
        ("supporters.", "Soutiens (formulaire C)"),
    ] {
        assert!(offered.contains(&(value.to_owned(), label.to_owned())), "{value}: {offered:?}");
    }
    let call = get(&app, "/gestion/journal?evenement=call.", &admin).await;
    assert_eq!(call.status, StatusCode::OK);
    assert_eq!(call.texts("main .notice"), Vec::<String>::new(), "the filter is not ignored");
    assert_eq!(call.texts("#evenement option[selected]"), ["Paramètres de l’appel"]);
    assert_eq!(call.texts("table.data tbody tr td:nth-child(2)"), ["call.texts_updated"]);
    assert_eq!(call.texts("table.data tbody tr td:nth-child(3)"), ["copil@labo-ess.org"]);
    let forms = get(&app, "/gestion/journal?evenement=form.", &admin).await;
    assert_eq!(forms.texts("main .notice"), Vec::<String>::new(), "the filter is not ignored");
    assert_eq!(
        forms.texts("table.data tbody tr td"),
        ["Aucun événement ne correspond à ces filtres."]
    );
}

#[tokio::test]
async fn a_script_tag_in_markdown_is_not_rendered_as_a_script() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let mut pairs = form_pairs(&get(&app, "/gestion/appel/textes", &cookie).await);
    let body =
        "Texte **important**.\n\n<script>alert('xss')</script>\n\n<img src=x onerror=alert(1)>";
    set(&mut pairs, "section.introduction.body.fr", body);

    // The preview goes through the sanitiser, and saves nothing.
    let mut asked = pairs.clone();
    asked.push(("_action".into(), "apercu".into()));
    let preview = post_owned(&app, "/gestion/appel/textes", &asked, &cookie).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.texts("#section-introduction .prose[lang='fr'] p strong"), ["important"]);
    let shown = preview.html();
    let prose = scraper::Selector::parse("#section-introduction .prose[lang='fr']").expect("s");
    let rendered = shown.select(&prose).next().expect("a preview").inner_html();
    assert_eq!(rendered.trim(), "<p>Texte <strong>important</strong>.</p>\n\n<img src=\"x\">");
    let unchanged = app.get("/appel").await;
    assert!(!unchanged.body.contains("alert("), "the preview saved nothing");

    let saved = post_owned(&app, "/gestion/appel/textes", &pairs, &cookie).await;
    redirected_to(&saved, "/gestion/appel/textes?fait=enregistre");
    let public = app.get("/appel").await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("Texte <strong>important</strong>."), "{}", public.body);
    assert!(!public.body.contains("<script>alert"), "the script tag is removed");
    assert!(!public.body.contains("onerror"), "the event handler is removed");
    assert!(public.body.contains("<img src=\"x\">"));
    // Kept as typed for the next edit.
    let again = get(&app, "/gestion/appel/textes", &cookie).await;
    assert_eq!(
        again.texts("#section-introduction-body-fr"),
        [body.split_whitespace().collect::<Vec<_>>().join(" ")]
    );
}

#[tokio::test]
async fn a_calendar_whose_last_day_is_before_the_first_is_refused_next_to_the_field() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let page = get(&app, "/gestion/appel/calendrier", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    let before = app.db.db.current_call().await.expect("read").expect("call").phases;
    let mut pairs = form_pairs(&page);
    set(&mut pairs, "phase.applications.first", "2027-03-10");
    set(&mut pairs, "phase.applications.last", "2027-03-01");
    let refused = post_owned(&app, "/gestion/appel/calendrier", &pairs, &cookie).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#phase-applications-last-error"),
        ["Le dernier jour est avant le premier jour."]
    );
    assert_eq!(
        refused.texts(".error-summary li a[href='#phase-applications-last']"),
        ["Le dernier jour est avant le premier jour."]
    );
    assert_eq!(refused.texts(".error-summary li").len(), 1);
    let kept = refused.html();
    let input = scraper::Selector::parse("#phase-applications-first").expect("selector");
    let value = kept.select(&input).next().and_then(|e| e.value().attr("value"));
    assert_eq!(value, Some("2027-03-10"), "the input is kept");
    let after = app.db.db.current_call().await.expect("read").expect("call").phases;
    assert_eq!(after, before, "nothing changed");
}

#[tokio::test]
async fn a_valid_calendar_is_stored_as_paris_days_and_the_public_calendar_follows() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let mut pairs = form_pairs(&get(&app, "/gestion/appel/calendrier", &cookie).await);
    for (slug, first, last) in [
        ("launch", "2030-01-07", "2030-01-07"),
        ("applications", "08/01/2030", "2030-03-31"),
        ("screening", "2030-04-01", "2030-04-30"),
        ("finalisation", "2030-05-01", "2030-05-15"),
        ("first-meeting", "2030-06-20", "2030-06-20"),
    ] {
        set(&mut pairs, &format!("phase.{slug}.first"), first);
        set(&mut pairs, &format!("phase.{slug}.last"), last);
    }
    pairs.retain(|(k, _)| !k.ends_with(".tentative"));
    pairs.push(("phase.first-meeting.tentative".into(), "oui".into()));
    let saved = post_owned(&app, "/gestion/appel/calendrier", &pairs, &cookie).await;
    redirected_to(&saved, "/gestion/appel/calendrier?fait=enregistre");
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let applications = call.phases.iter().find(|p| p.slug == "applications").expect("phase");
    assert_eq!(applications.first_day(), date!(2030 - 01 - 08));
    assert_eq!(applications.last_day(), date!(2030 - 03 - 31));
    assert_eq!(call.deadline(), Some(time::macros::datetime!(2030-03-31 22:00 UTC)));
    let tentative: Vec<_> = call.phases.iter().map(|p| p.tentative).collect();
    assert_eq!(tentative, [false, false, false, false, true]);
    let public = app.get("/calendrier").await;
    assert!(public.body.contains("du 8 janvier au 31 mars 2030"), "{}", public.body);
}

#[tokio::test]
async fn the_tracks_page_refuses_a_quota_of_zero_and_saves_an_empty_one_as_none() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let mut pairs = form_pairs(&get(&app, "/gestion/appel/parcours", &cookie).await);
    set(&mut pairs, "track.established.quota", "0");
    let refused = post_owned(&app, "/gestion/appel/parcours", &pairs, &cookie).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#track-established-quota-error"),
        ["Le quota est un nombre entier de 1 à 1 000, ou vide s’il n’y en a pas."]
    );
    set(&mut pairs, "track.established.quota", "");
    set(&mut pairs, "track.emerging.quota", "25");
    set(&mut pairs, "track.emerging.name.en", "Emerging initiative");
    let saved = post_owned(&app, "/gestion/appel/parcours", &pairs, &cookie).await;
    redirected_to(&saved, "/gestion/appel/parcours?fait=enregistre");
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let tracks: Vec<_> =
        call.tracks.iter().map(|t| (t.slug.as_str(), t.quota, t.name.en.as_str())).collect();
    assert_eq!(
        tracks,
        [
            ("established", None, call.tracks[0].name.en.as_str()),
            ("emerging", Some(25), "Emerging initiative"),
            ("interest", None, call.tracks[2].name.en.as_str()),
        ]
    );
}

#[tokio::test]
async fn a_schema_with_an_unknown_kind_is_refused_with_its_line_and_nothing_is_published() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let source = ptce::domain::form::EMERGING;
    // The first `kind = "url"` of the shipped form (a kind without settings), made a kind that
    // does not exist.
    let line = source.lines().position(|l| l.trim() == "kind = \"url\"").expect("a url field") + 1;
    let broken: String = source
        .lines()
        .enumerate()
        .map(|(n, l)| if n + 1 == line { l.replace("\"url\"", "\"urll\"") } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n");
    let refused = preview(&app, "emerging", &broken, &cookie).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let listed = refused.texts("#source-error li");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        listed[0]
            .starts_with(&format!("ligne {line}, colonne 10 : type de champ inconnu « urll »")),
        "{}",
        listed[0]
    );
    assert_eq!(refused.texts(".error-summary li"), listed, "the summary lists it too");
    // The text is kept to be corrected.
    assert!(refused.texts("#source")[0].contains("kind = \"urll\""));
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let current = app.db.db.current_form(call.id, "emerging").await.expect("read").expect("form");
    assert_eq!(current.revision, 1, "nothing published");

    // Even posted straight to the publication, it is refused.
    let fields = [
        ("source".to_owned(), broken.clone()),
        ("sha256".to_owned(), String::new()),
        ("base".to_owned(), "1".to_owned()),
    ];
    let forced =
        post_owned(&app, "/gestion/appel/formulaires/emerging/publication", &fields, &cookie).await;
    assert_eq!(forced.status, StatusCode::UNPROCESSABLE_ENTITY);
    let current = app.db.db.current_form(call.id, "emerging").await.expect("read").expect("form");
    assert_eq!(current.revision, 1, "still nothing published");
}

#[tokio::test]
async fn a_valid_schema_is_previewed_then_published_as_revision_2_while_a_started_dossier_keeps_revision_1()
 {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let first = app.db.db.current_form(call.id, "emerging").await.expect("read").expect("form");
    assert_eq!(first.revision, 1);
    let candidate = confirmed_candidate(
        &app,
        "porteur@pole-sud.fr",
        "Camille",
        "Pôle Sud",
        "un mot de passe sûr",
    )
    .await;
    let account = app.db.db.account(candidate).await.expect("read").expect("account");
    let dossier = app
        .db
        .db
        .create_dossier(
            &NewDossier {
                call_id: call.id,
                organisation_id: account.organisation_id.expect("organisation"),
                track: "emerging".into(),
                form_revision_id: first.id,
                created_by: candidate,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("dossier");

    let page = get(&app, "/gestion/appel/formulaires/emerging", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("#current-revision"), ["1"]);
    let edited = ptce::domain::form::EMERGING.replace(
        "fr = \"Dossier de candidature — initiative en projet ou en construction\"",
        "fr = \"Dossier de candidature — initiative en projet (édition 2026)\"",
    );
    assert_ne!(edited, ptce::domain::form::EMERGING);
    // As a browser sends a text area: CRLF line ends.
    let previewed = preview(&app, "emerging", &edited.replace('\n', "\r\n"), &cookie).await;
    assert_eq!(previewed.status, StatusCode::OK, "{}", previewed.body);
    assert_eq!(
        previewed.texts("h1"),
        ["Aperçu du formulaire — Initiative en projet ou en construction — accompagnement"]
    );
    assert_eq!(
        previewed.texts("p.lead")[0],
        "Dossier de candidature — initiative en projet (édition 2026)"
    );
    let schema = ptce::domain::form::FormSchema::from_toml(&edited).expect("valid");
    let titles: Vec<String> = schema.sections.iter().map(|s| s.title.fr.clone()).collect();
    assert_eq!(previewed.texts("section.call__section > h2"), titles);
    assert_eq!(previewed.texts("#publier button"), ["Publier la révision 2"]);
    assert!(
        previewed
            .html()
            .select(&scraper::Selector::parse("fieldset[disabled] input").expect("s"))
            .count()
            > 10
    );
    let nothing_yet =
        app.db.db.current_form(call.id, "emerging").await.expect("read").expect("form");
    assert_eq!(nothing_yet.revision, 1, "a preview publishes nothing");

    let publish = form_pairs_of(&previewed, "#publier");
    let published =
        post_owned(&app, "/gestion/appel/formulaires/emerging/publication", &publish, &cookie)
            .await;
    redirected_to(&published, "/gestion/appel/formulaires/emerging?fait=publie");
    let current = app.db.db.current_form(call.id, "emerging").await.expect("read").expect("form");
    assert_eq!(current.revision, 2);
    assert_eq!(current.source, edited, "stored with the line ends of the file");
    let kept = app.db.db.dossier(dossier.id).await.expect("read").expect("dossier");
    assert_eq!(kept.form_revision_id, first.id, "the started dossier keeps revision 1");
    let shown = get(&app, "/gestion/appel/formulaires/emerging?fait=publie", &cookie).await;
    assert_eq!(
        shown.texts(".notice"),
        [
            "La révision 2 est publiée : les nouveaux dossiers la suivent, les dossiers déjà commencés gardent la leur."
        ]
    );
    let entries = app
        .db
        .db
        .audit_entries(
            &AuditFilter { event_prefix: Some("form.".into()), ..Default::default() },
            10,
        )
        .await
        .expect("audit");
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].detail,
        format!(
            r#"{{"call":"ptce-2011","revision":2,"sha256":"{}","track":"emerging"}}"#,
            current.sha256
        )
    );

    // The same publication posted again (a second click, another tab): nothing new.
    let again =
        post_owned(&app, "/gestion/appel/formulaires/emerging/publication", &publish, &cookie)
            .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let current = app.db.db.current_form(call.id, "emerging").await.expect("read").expect("form");
    assert_eq!(current.revision, 2);
}

/// The inputs of one form of a page, chosen by a selector.
fn form_pairs_of(page: &TestResponse, form: &str) -> Vec<(String, String)> {
    let html = page.html();
    let selector = scraper::Selector::parse(&format!("{form} input[name]")).expect("selector");
    html.select(&selector)
        .map(|e| {
            let name = e.value().attr("name").unwrap_or_default().to_owned();
            (name, e.value().attr("value").unwrap_or_default().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn a_schema_file_sent_with_the_page_form_is_read_and_a_non_utf8_file_is_refused() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let multipart = |file: &[u8]| {
        let mut body = Vec::new();
        body.extend_from_slice(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nignored\r\n",
        );
        body.extend_from_slice(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"interest.toml\"\r\nContent-Type: application/toml\r\n\r\n",
        );
        body.extend_from_slice(file);
        body.extend_from_slice(b"\r\n--XyZ--\r\n");
        Request::post("/gestion/appel/formulaires/interest/apercu")
            .header("content-type", "multipart/form-data; boundary=XyZ")
            .header("sec-fetch-site", "same-origin")
            .header("cookie", cookie.as_str())
            .body(Body::from(body))
            .expect("request")
    };
    let edited = ptce::domain::form::INTEREST.replacen(
        "fr = \"Manifester votre intérêt ou votre soutien\"",
        "fr = \"Dites-nous votre intérêt ou votre soutien\"",
        1,
    );
    assert_ne!(edited, ptce::domain::form::INTEREST);
    let previewed = app.request(multipart(edited.as_bytes())).await;
    assert_eq!(previewed.status, StatusCode::OK, "{}", previewed.body);
    assert_eq!(previewed.texts("#publier button"), ["Publier la révision 2"]);

    let refused = app.request(multipart(b"key = \"interest\"\xff\xfe")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.texts("#source-file-error"), ["Le fichier n’est pas un texte en UTF-8."]);
}

#[tokio::test]
async fn an_oversized_schema_is_refused_with_413_and_never_a_500() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let pasted = format!("# {}\n", "a".repeat(600 * 1024));
    let refused = preview(&app, "established", &pasted, &cookie).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(refused.texts("#source-error li"), ["Le schéma dépasse 512 Ko."]);

    let mut body =
        b"--XyZ\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"big.toml\"\r\n\r\n"
            .to_vec();
    body.extend(std::iter::repeat_n(b'#', 600 * 1024));
    body.extend_from_slice(b"\r\n--XyZ--\r\n");
    let request = Request::post("/gestion/appel/formulaires/established/apercu")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie.as_str())
        .body(Body::from(body))
        .expect("request");
    let refused = app.request(request).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(refused.texts("#source-file-error"), ["Le schéma dépasse 512 Ko."]);

    // Beyond the route's body limit, the body is not even read.
    let huge = "a".repeat(3 * 1024 * 1024);
    let refused = preview(&app, "established", &huge, &cookie).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let current =
        app.db.db.current_form(call.id, "established").await.expect("read").expect("form");
    assert_eq!(current.revision, 1);
}

#[tokio::test]
async fn the_current_revision_downloads_as_a_toml_attachment() {
    let app = TestApp::new().await;
    let cookie = steering(&app).await;
    let download = get(&app, "/gestion/appel/formulaires/established/source", &cookie).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(
        download.header("content-disposition"),
        "attachment; filename=\"established-r1.toml\""
    );
    assert_eq!(download.body, ptce::domain::form::ESTABLISHED);
    let list = get(&app, "/gestion/appel/formulaires", &cookie).await;
    assert_eq!(
        list.texts("tbody th"),
        [
            "PTCE opérationnel — candidature aux dix premiers PTCE",
            "Initiative en projet ou en construction — accompagnement",
            "Manifestation d’intérêt ou de soutien",
        ]
    );
    let unknown = get(&app, "/gestion/appel/formulaires/nope/source", &cookie).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_referent_gets_403_on_every_settings_page() {
    let app = TestApp::new().await;
    let cookie = staff(&app, "referent@rtes.fr", Role::Referent, Some("rtes")).await;
    let reviewer = staff(&app, "evaluatrice@x.fr", Role::Reviewer, None).await;
    for path in [
        "/gestion/appel",
        "/gestion/appel/textes",
        "/gestion/appel/calendrier",
        "/gestion/appel/parcours",
        "/gestion/appel/formulaires",
        "/gestion/appel/formulaires/established",
        "/gestion/appel/formulaires/established/source",
    ] {
        for who in [&cookie, &reviewer] {
            let response = get(&app, path, who).await;
            assert_eq!(response.status, StatusCode::FORBIDDEN, "GET {path}");
            assert_eq!(response.texts("h1"), ["Accès refusé"], "GET {path}");
        }
    }
    let source = [("source".to_owned(), ptce::domain::form::ESTABLISHED.to_owned())];
    for path in [
        "/gestion/appel/textes",
        "/gestion/appel/calendrier",
        "/gestion/appel/parcours",
        "/gestion/appel/formulaires/established/apercu",
        "/gestion/appel/formulaires/established/publication",
    ] {
        let response = post_owned(&app, path, &source, &cookie).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "POST {path}");
    }
    let home = get(&app, "/gestion", &cookie).await;
    assert_eq!(home.texts("main a[href='/gestion/appel']"), Vec::<String>::new());
    let refused = app
        .db
        .db
        .audit_entries(
            &AuditFilter { event_prefix: Some("access.".into()), ..Default::default() },
            100,
        )
        .await
        .expect("audit");
    assert_eq!(refused.len(), 19, "each refusal is in the audit log");
}

#[tokio::test]
async fn the_second_of_two_concurrent_text_saves_sees_the_conflict_with_its_text_kept() {
    let app = TestApp::new().await;
    let alice = steering(&app).await;
    let bruno = staff(&app, "bruno@coorace.org", Role::Steering, None).await;
    // Both open the page before either saves.
    let mut hers = form_pairs(&get(&app, "/gestion/appel/textes", &alice).await);
    let mut his = form_pairs(&get(&app, "/gestion/appel/textes", &bruno).await);
    set(&mut hers, "tagline.fr", "Coopérer pour des territoires solidaires");
    set(&mut his, "tagline.fr", "Coopérer, innover, changer d’échelle");
    redirected_to(
        &post_owned(&app, "/gestion/appel/textes", &hers, &alice).await,
        "/gestion/appel/textes?fait=enregistre",
    );
    let conflict = post_owned(&app, "/gestion/appel/textes", &his, &bruno).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert_eq!(
        conflict.texts("#conflict h2"),
        ["Modification concurrente : rien n’a été enregistré"]
    );
    assert!(
        conflict.texts("#conflict p")[0]
            .starts_with("Une autre personne a modifié l’appel pendant que vous travailliez (le "),
        "{:?}",
        conflict.texts("#conflict p")
    );
    let html = conflict.html();
    let input = scraper::Selector::parse("#tagline-fr").expect("selector");
    let kept = html.select(&input).next().and_then(|e| e.value().attr("value"));
    assert_eq!(kept, Some("Coopérer, innover, changer d’échelle"), "his text is kept");
    assert_eq!(
        conflict.texts("#tagline-fr-stored p[lang='fr']"),
        ["Coopérer pour des territoires solidaires"]
    );
    let call = app.db.db.current_call().await.expect("read").expect("call");
    assert_eq!(call.tagline.fr, "Coopérer pour des territoires solidaires", "hers stands");

    // Saving again from the conflict page is a deliberate choice: it goes through.
    let again = form_pairs(&conflict);
    redirected_to(
        &post_owned(&app, "/gestion/appel/textes", &again, &bruno).await,
        "/gestion/appel/textes?fait=enregistre",
    );
    let call = app.db.db.current_call().await.expect("read").expect("call");
    assert_eq!(call.tagline.fr, "Coopérer, innover, changer d’échelle");
}
