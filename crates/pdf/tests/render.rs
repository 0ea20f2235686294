//! Renders documents and reads them back with Debian's poppler-utils (`pdftotext`, `pdfinfo`),
//! the reader the browser tests use too.
//!
//! `pdftotext -raw` gives the text in drawing order, one line per line on the page; it turns
//! no-break spaces (U+00A0, U+202F) into plain spaces, which the expected texts here follow.

use std::io::Write;
use std::process::{Command, Stdio};

use ptce_pdf::{Block, Document, Lang, OffsetDateTime, render};

/// Runs a poppler tool on `pdf` (given on standard input) and returns what it prints.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut child = Command::new(tool)
        .args(args)
        .arg("fd://0")
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{tool} is needed: apt-get install poppler-utils ({e})"));
    child.stdin.take().expect("stdin").write_all(pdf).expect("PDF written to the tool");
    let out = child.wait_with_output().expect("tool ran");
    assert!(out.status.success(), "{tool} failed: {:?}", out.status);
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Each page's lines of text, in drawing order, empty lines dropped.
fn pages(pdf: &[u8]) -> Vec<Vec<String>> {
    let text = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], pdf);
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|page| page.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect())
        .collect();
    // pdftotext ends the last page with a form feed too.
    assert_eq!(pages.pop(), Some(Vec::new()));
    pages
}

/// `pdfinfo`'s "Key: value" lines.
fn info(pdf: &[u8]) -> Vec<(String, String)> {
    poppler("pdfinfo", &["-isodates"], pdf)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.to_owned(), v.trim().to_owned()))
        .collect()
}

fn info_value(pdf: &[u8], key: &str) -> Option<String> {
    info(pdf).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn s(text: &str) -> String {
    text.to_owned()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_document_with_french_accents_gives_its_text_back() {
    let doc = Document {
        lang: Lang::Fr,
        title: s("Accusé de réception"),
        subtitle: Some(s("Appel « PTCE » — édition 2011")),
        meta: vec![(s("Dossier n°"), s("PTCE-2011-0042"))],
        blocks: vec![
            Block::Heading(s("Le pôle")),
            Block::Field {
                label: s("Présentation"),
                value: s("Déjà l’été à Noël\u{A0}: 1\u{202F}000\u{A0}€ pour l’œuvre, ça !"),
            },
            Block::Notice(s("Conservez ce reçu : il fait foi.")),
        ],
        footer: s("Pôle économique — reçu"),
        created_at: None,
    };
    let pdf = render(&doc).expect("rendered");
    assert_eq!(
        pages(&pdf),
        [[
            "Accusé de réception",
            "Appel « PTCE » — édition 2011",
            "Dossier n° PTCE-2011-0042",
            "Le pôle",
            "Présentation",
            "Déjà l’été à Noël : 1 000 € pour l’œuvre, ça !",
            "Conservez ce reçu : il fait foi.",
            "Pôle économique — reçu page 1 / 1",
        ]]
    );
}

#[test]
fn the_pdf_declares_its_title_language_and_structure() {
    let doc = Document {
        lang: Lang::En,
        title: s("Receipt"),
        blocks: vec![
            Block::Heading(s("The pole")),
            Block::SubHeading(s("Budget")),
            Block::Paragraph(s("Some text.")),
            Block::Table {
                columns: vec![s("Item"), s("Amount")],
                rows: vec![vec![s("a"), s("1")]],
            },
        ],
        ..Document::default()
    };
    let pdf = render(&doc).expect("rendered");
    assert!(contains(&pdf, "/Type/Catalog/Pages 1 0 R/Metadata"));
    assert!(contains(&pdf, "/Lang(en)/StructTreeRoot"));
    assert!(contains(&pdf, "/MarkInfo<</Marked true/Suspects false>>"));
    assert!(contains(&pdf, "/ViewerPreferences<</DisplayDocTitle true>>"));
    assert!(contains(&pdf, "<pdfuaid:part>1</pdfuaid:part>"));
    assert_eq!(info_value(&pdf, "Title").as_deref(), Some("Receipt"));
    assert_eq!(info_value(&pdf, "Tagged").as_deref(), Some("yes"));
    assert_eq!(info_value(&pdf, "Page size").as_deref(), Some("595.28 x 841.89 pts (A4)"));
    assert_eq!(info_value(&pdf, "CreationDate"), None, "no date taken from the clock");

    let structure = poppler("pdfinfo", &["-struct-text"], &pdf);
    let lines: Vec<&str> = structure.lines().map(str::trim).collect();
    assert_eq!(
        lines,
        [
            "Document",
            "H1 \"Receipt\" (block)",
            "\"Receipt\"",
            "H2 \"The pole\" (block)",
            "\"The pole\"",
            "H3 \"Budget\" (block)",
            "\"Budget\"",
            "P (block)",
            "\"Some text.\"",
            "Table (block)",
            "THead",
            "TR",
            "TH:",
            "/Scope /Column",
            "\"Item\"",
            "TH:",
            "/Scope /Column",
            "\"Amount\"",
            "TBody",
            "TR",
            "TD",
            "\"a\"",
            "TD",
            "\"1\"",
        ]
    );
}

#[test]
fn an_untitled_document_still_has_a_title_in_its_language() {
    let pdf = render(&Document { lang: Lang::En, ..Document::default() }).expect("rendered");
    assert_eq!(info_value(&pdf, "Title").as_deref(), Some("Untitled document"));
}

#[test]
fn a_creation_date_given_by_the_caller_is_written() {
    let doc = Document {
        title: s("Reçu"),
        created_at: Some(
            OffsetDateTime::from_unix_timestamp(1_318_429_920).expect("2011-10-12T14:32:00Z"),
        ),
        ..Document::default()
    };
    let pdf = render(&doc).expect("rendered");
    assert_eq!(info_value(&pdf, "CreationDate").as_deref(), Some("2011-10-12T14:32:00Z"));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = Document {
        title: s("Reçu"),
        blocks: vec![Block::Paragraph(s("Même entrée, même empreinte."))],
        footer: s("pied"),
        ..Document::default()
    };
    assert_eq!(render(&doc).expect("first"), render(&doc).expect("second"));
}

#[test]
fn a_300_row_table_spans_several_pages_with_its_header_repeated_and_page_footers() {
    let rows: Vec<Vec<String>> = (1..=300)
        .map(|i| vec![format!("{i}"), format!("Poste de dépense n° {i}"), format!("{i}\u{A0}€")])
        .collect();
    let doc = Document {
        title: s("Budget"),
        blocks: vec![Block::Table { columns: vec![s("N°"), s("Poste"), s("Montant")], rows }],
        footer: s("Budget prévisionnel"),
        ..Document::default()
    };
    let pdf = render(&doc).expect("rendered");
    let pages = pages(&pdf);
    assert_eq!(pages.len(), 9);
    let mut rows = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let body = if n == 0 { &page[1..] } else { &page[..] };
        assert_eq!(body[0], "N° Poste Montant", "header on page {}", n + 1);
        assert_eq!(body[body.len() - 1], format!("Budget prévisionnel page {} / 9", n + 1));
        rows.extend(body[1..body.len() - 1].iter().cloned());
    }
    let expected: Vec<String> =
        (1..=300).map(|i| format!("{i} Poste de dépense n° {i} {i} €")).collect();
    assert_eq!(rows, expected, "every row once, in order, never cut");
}

#[test]
fn a_20000_character_field_wraps_onto_pages_without_losing_a_word() {
    let words: Vec<String> = (0..2500).map(|i| format!("mot{i:04}")).collect();
    let value = words.join(" ");
    assert_eq!(value.chars().count(), 19_999);
    let doc = Document {
        title: s("Long"),
        blocks: vec![Block::Field { label: s("Réponse"), value }],
        ..Document::default()
    };
    let pdf = render(&doc).expect("rendered");
    let pages = pages(&pdf);
    assert_eq!(pages.len(), 5);
    let mut body = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        assert_eq!(page[page.len() - 1], format!("page {} / 5", n + 1));
        body.extend(page[..page.len() - 1].iter().cloned());
    }
    assert_eq!(body[..2], ["Long", "Réponse"]);
    assert_eq!(body.len(), 2 + 250, "ten words a line");
    let read: Vec<&str> = body[2..].iter().flat_map(|l| l.split(' ')).collect();
    assert_eq!(read, words);
}

#[test]
fn an_empty_document_is_one_page_with_its_page_number() {
    let pdf = render(&Document::default()).expect("rendered");
    assert_eq!(pages(&pdf), [["page 1 / 1"]]);
}

#[test]
fn a_word_longer_than_the_line_is_broken_across_lines() {
    let word = "a".repeat(400);
    let doc = Document { blocks: vec![Block::Paragraph(word.clone())], ..Document::default() };
    let pdf = render(&doc).expect("rendered");
    let pages = pages(&pdf);
    let lines = &pages[0][..pages[0].len() - 1];
    // 85 "a" of 5.61 pt fill the 481.9 pt line; an 86th would not fit.
    assert_eq!(lines.iter().map(String::len).collect::<Vec<_>>(), [85, 85, 85, 85, 60]);
    assert_eq!(lines.concat(), word);
}

#[test]
fn a_table_row_taller_than_a_page_is_split_between_lines() {
    let words: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
    let doc = Document {
        blocks: vec![Block::Table {
            columns: vec![s("Question"), s("Réponse")],
            rows: vec![vec![s("Détail"), words.join(" ")]],
        }],
        ..Document::default()
    };
    let pdf = render(&doc).expect("rendered");
    let pages = pages(&pdf);
    assert_eq!(pages.len(), 4);
    let mut read = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        assert_eq!(page[0], "Question Réponse", "header on page {}", n + 1);
        assert_eq!(page[page.len() - 1], format!("page {} / 4", n + 1));
        let mut cells = page[1..page.len() - 1].join(" ");
        if n == 0 {
            cells = cells.strip_prefix("Détail ").expect("first column first").to_owned();
        }
        read.extend(cells.split(' ').map(str::to_owned));
    }
    assert_eq!(read, words);
}

#[test]
fn a_character_missing_from_the_font_is_drawn_as_a_replacement_and_kept_in_the_text() {
    let doc =
        Document { blocks: vec![Block::Paragraph(s("東京 → Paris"))], ..Document::default() };
    let pdf = render(&doc).expect("rendered despite PDF/UA forbidding .notdef glyphs");
    assert_eq!(pages(&pdf), [["東京 → Paris", "page 1 / 1"]]);
}
