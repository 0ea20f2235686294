//! `GET /communes` and the commune picker: JSON for the script, a page without it, the radio
//! group for homonyms, and the files the picker needs.

use askama::Template;
use axum::http::StatusCode;
use ptce::domain::lang::Lang;
use ptce::domain::territory::{Commune, CommuneResolution, Gazetteer};
use ptce::web::page::Page;
use serde_json::{Value, json};

use crate::support::TestApp;

fn castres_json() -> Value {
    json!([
        {"code": "81065", "name": "Castres", "department": "81", "department_name": "Tarn",
         "label": "Castres (81 — Tarn)"},
        {"code": "02142", "name": "Castres", "department": "02", "department_name": "Aisne",
         "label": "Castres (02 — Aisne)"},
        {"code": "33109", "name": "Castres-Gironde", "department": "33",
         "department_name": "Gironde", "label": "Castres-Gironde (33 — Gironde)"},
    ])
}

fn json_of(body: &str) -> Value {
    serde_json::from_str(body).expect("a JSON body")
}

#[tokio::test]
async fn format_json_lists_homonyms_exact_names_first_then_by_population() {
    let app = TestApp::new().await;
    let response = app.get("/communes?q=castres&format=json").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("content-type"), "application/json");
    assert_eq!(response.header("vary"), "accept");
    assert_eq!(json_of(&response.body), castres_json());
}

#[tokio::test]
async fn an_accept_header_asking_for_json_gets_json() {
    let app = TestApp::new().await;
    let response = app.get_with("/communes?q=Castres", &[("accept", "application/json")]).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("content-type"), "application/json");
    assert_eq!(json_of(&response.body), castres_json());
}

#[tokio::test]
async fn accents_hyphens_and_saint_abbreviations_do_not_matter() {
    let app = TestApp::new().await;
    let response = app.get("/communes?format=json&q=st-%C3%A9tienne&lang=en").await;
    let list = json_of(&response.body);
    assert_eq!(list[0]["label"], "Saint-Étienne (42 — Loire)");
    assert_eq!(list[0]["code"], "42218");
}

#[tokio::test]
async fn at_most_twenty_communes_are_given() {
    let app = TestApp::new().await;
    let list = json_of(&app.get("/communes?format=json&q=saint").await.body);
    assert_eq!(list.as_array().map(Vec::len), Some(20));
    assert_eq!(list[0]["label"], "Saint-Étienne (42 — Loire)");
}

#[tokio::test]
async fn a_missing_empty_odd_or_overlong_query_gives_an_empty_list() {
    let app = TestApp::new().await;
    let long = "a".repeat(5_000);
    for path in [
        "/communes?format=json".to_owned(),
        "/communes?format=json&q=".to_owned(),
        "/communes?format=json&q=%20-%27".to_owned(),
        "/communes?format=json&q=%FF%FE".to_owned(),
        "/communes?format=json&q=zzzzqx".to_owned(),
        "/communes?format=json&q=%3Cscript%3E".to_owned(),
        format!("/communes?format=json&q={long}"),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert_eq!(response.body, "[]", "{path}");
    }
}

#[tokio::test]
async fn without_json_a_page_lists_the_communes_with_their_department_and_regions() {
    let app = TestApp::new().await;
    let page = app.get("/communes?q=castres").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(page.texts("h1"), ["Trouver une commune"]);
    assert_eq!(page.texts("#communes-count"), ["3 communes trouvées."]);
    assert_eq!(page.texts("#communes tbody th"), ["Castres", "Castres", "Castres-Gironde"]);
    assert_eq!(
        page.texts("#communes tbody tr:first-child td"),
        ["81065", "81 — Tarn", "Occitanie", "Midi-Pyrénées"]
    );
    assert_eq!(
        page.texts("#communes tbody tr:nth-child(2) td"),
        ["02142", "02 — Aisne", "Hauts-de-France", "Picardie"]
    );
    // The search form keeps what was typed.
    let html = page.html();
    let input = scraper::Selector::parse("input#q").expect("selector");
    let value = html.select(&input).next().and_then(|i| i.value().attr("value"));
    assert_eq!(value, Some("castres"));
}

#[tokio::test]
async fn the_page_speaks_english_and_says_when_there_are_more() {
    let app = TestApp::new().await;
    let page = app.get("/communes?q=saint&lang=en").await;
    assert_eq!(page.texts("#communes-count"), ["20 communes found."]);
    assert!(
        page.body.contains(
            "Only the first 20 are shown, most populous first: type more of the name to narrow down."
        ),
        "{}",
        page.body
    );
    let none = app.get("/communes?q=zzzzqx").await;
    assert_eq!(none.texts("#communes-count"), ["Aucune commune ne commence ainsi."]);
    let one = app.get("/communes?q=castres-g").await;
    assert_eq!(one.texts("#communes-count"), ["Une commune trouvée."]);
}

#[tokio::test]
async fn the_page_without_a_query_shows_only_the_form() {
    let app = TestApp::new().await;
    let page = app.get("/communes").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("#communes-count"), Vec::<String>::new());
    assert_eq!(page.texts("label[for=q]"), ["Nom de la commune"]);
}

#[tokio::test]
async fn the_picker_script_and_stylesheet_are_served_under_the_csp() {
    let app = TestApp::new().await;
    let script = app.get("/static/js/commune-picker.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(
        script.header("content-type").contains("javascript"),
        "{}",
        script.header("content-type")
    );
    assert!(script.body.contains("input[data-commune-picker]"));
    let style = app.get("/static/css/commune-picker.css").await;
    assert_eq!(style.status, StatusCode::OK);
    assert_eq!(style.header("content-type"), "text/css; charset=utf-8");
    let page = app.get("/communes").await;
    assert!(page.header("content-security-policy").contains("script-src 'self'"));
    assert!(page.header("content-security-policy").contains("connect-src 'self'"));
}

/// A page holding one picker, as a form would call it.
#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% import "partials/commune_picker.html" as picker %}<form>{% call picker::commune_picker(page, "commune", "commune", "Commune du siège", value, error, choices, true) %}{% endcall %}</form>"#
)]
struct PickerHarness {
    page: Page,
    value: String,
    error: Option<String>,
    choices: Vec<&'static Commune>,
}

fn render(harness: &PickerHarness) -> scraper::Html {
    scraper::Html::parse_fragment(&harness.render().expect("the picker renders"))
}

fn attr(html: &scraper::Html, selector: &str, name: &str) -> Option<String> {
    let selector = scraper::Selector::parse(selector).expect("selector");
    html.select(&selector).next().and_then(|e| e.value().attr(name)).map(str::to_owned)
}

fn texts(html: &scraper::Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn an_ambiguous_name_is_shown_with_a_radio_group_of_its_homonyms() {
    let CommuneResolution::Ambiguous(homonyms) = Gazetteer::global().resolve("Castres") else {
        panic!("Castres is ambiguous")
    };
    let harness = PickerHarness {
        page: Page::new(Lang::Fr, "/espace/dossier"),
        value: "Castres".to_owned(),
        error: Some(
            "Plusieurs communes portent ce nom : choisissez la vôtre ci-dessous.".to_owned(),
        ),
        choices: homonyms,
    };
    let html = render(&harness);
    assert_eq!(attr(&html, "input#commune", "name").as_deref(), Some("commune"));
    assert_eq!(attr(&html, "input#commune", "value").as_deref(), Some("Castres"));
    assert_eq!(attr(&html, "input#commune", "autocomplete").as_deref(), Some("off"));
    assert_eq!(attr(&html, "input#commune", "data-commune-picker").as_deref(), Some(""));
    assert_eq!(attr(&html, "input#commune", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        attr(&html, "input#commune", "aria-describedby").as_deref(),
        Some("commune-hint commune-error")
    );
    assert_eq!(attr(&html, "input#commune", "required").as_deref(), Some(""));
    assert_eq!(texts(&html, "label[for=commune]"), ["Commune du siège"]);
    assert_eq!(
        texts(&html, "#commune-error"),
        ["Plusieurs communes portent ce nom : choisissez la vôtre ci-dessous."]
    );
    assert_eq!(
        texts(&html, "fieldset#commune-choices legend"),
        ["Plusieurs communes portent ce nom : laquelle est la bonne ?"]
    );
    let radio = scraper::Selector::parse("input[type=radio]").expect("selector");
    let radios: Vec<(String, String)> = html
        .select(&radio)
        .map(|r| {
            let v = r.value();
            (
                v.attr("name").unwrap_or_default().to_owned(),
                v.attr("value").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        radios,
        [
            ("commune.choice".to_owned(), "81065".to_owned()),
            ("commune.choice".to_owned(), "02142".to_owned())
        ]
    );
    assert_eq!(texts(&html, "fieldset label"), ["Castres (81 — Tarn)", "Castres (02 — Aisne)"]);
    // Each label names its radio button.
    assert_eq!(texts(&html, "label[for=commune-choice-02142]"), ["Castres (02 — Aisne)"]);
    assert_eq!(attr(&html, "input#commune-choice-02142", "value").as_deref(), Some("02142"));
    assert_eq!(attr(&html, "script", "src").as_deref(), Some("/static/js/commune-picker.js"));
    assert_eq!(attr(&html, "link", "href").as_deref(), Some("/static/css/commune-picker.css"));

    // What the radio group sends back settles it.
    let chosen = Gazetteer::global().resolve_choice("Castres", Some("02142"));
    let CommuneResolution::Found(commune) = chosen else { panic!("{chosen:?}") };
    assert_eq!(commune.label(), "Castres (02 — Aisne)");
}

#[test]
fn a_resolved_commune_is_shown_by_its_label_without_choices_or_error() {
    let harness = PickerHarness {
        page: Page::new(Lang::En, "/espace/dossier"),
        value: "Castres (81 — Tarn)".to_owned(),
        error: None,
        choices: Vec::new(),
    };
    let html = render(&harness);
    assert_eq!(attr(&html, "input#commune", "value").as_deref(), Some("Castres (81 — Tarn)"));
    assert_eq!(attr(&html, "input#commune", "aria-invalid").as_deref(), Some("false"));
    assert_eq!(attr(&html, "input#commune", "aria-describedby").as_deref(), Some("commune-hint"));
    assert_eq!(
        attr(&html, "input#commune", "data-picker-many").as_deref(),
        Some("communes suggested: up and down arrows to browse, Enter to choose.")
    );
    assert_eq!(texts(&html, "fieldset"), Vec::<String>::new());
    assert_eq!(texts(&html, ".field__error"), Vec::<String>::new());
}
