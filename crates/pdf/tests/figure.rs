//! Figures (drawings such as maps): one Figure element with its text alternative, shapes and
//! labels drawn, one page counted, and no figure text in the structure when it is decoration.
//! Read back with Debian's poppler-utils like tests/render.rs.

use std::io::Write;
use std::process::{Command, Stdio};

use ptce_pdf::{Block, Color, Document, Figure, Shape, page_count, render};

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

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

const TEAL: Color = Color(0x0b, 0x5d, 0x53);

/// A square with a square hole, a dot and its label.
fn map(alt: &str) -> Figure {
    Figure {
        alt: alt.to_owned(),
        width: 200.0,
        height: 120.0,
        shapes: vec![
            Shape::Polygon {
                rings: vec![
                    vec![(10.0, 10.0), (110.0, 10.0), (110.0, 110.0), (10.0, 110.0)],
                    vec![(40.0, 40.0), (80.0, 40.0), (80.0, 80.0), (40.0, 80.0)],
                ],
                fill: Some(Color(0xe4, 0xef, 0xec)),
                stroke: Some((Color(0x6b, 0x6b, 0x6b), 0.5)),
            },
            Shape::Circle { x: 60.0, y: 25.0, radius: 4.0, fill: Some(TEAL), stroke: None },
            Shape::Label {
                x: 68.0,
                y: 28.0,
                size: 8.0,
                bold: true,
                color: TEAL,
                text: "Romans-sur-Isère".to_owned(),
            },
        ],
    }
}

fn doc(figure: Figure) -> Document {
    Document {
        title: "Carte".to_owned(),
        blocks: vec![Block::Figure(figure), Block::Paragraph("Après la carte.".to_owned())],
        ..Document::default()
    }
}

#[test]
fn a_figure_is_one_figure_element_with_its_alternative_text_and_its_labels_drawn() {
    let pdf = render(&doc(map("Un pôle à Romans-sur-Isère, dans la Drôme."))).expect("rendered");
    let structure = poppler("pdfinfo", &["-struct-text"], &pdf);
    let lines: Vec<&str> = structure.lines().map(str::trim).collect();
    assert_eq!(
        lines,
        [
            "Document",
            "H1 \"Carte\" (block)",
            "\"Carte\"",
            "Figure:",
            "/BBox [56.7 618.19 256.7 738.19]",
            "\"Romans-sur-Isère\"",
            "P (block)",
            "\"Après la carte.\"",
        ],
        "{structure}"
    );
    // The alternative text, in UTF-16 since it is not ASCII.
    let alt: String = "\u{feff}Un pôle".encode_utf16().map(|u| format!("{u:04X}")).collect();
    assert!(contains(&pdf, &format!("/Alt<{alt}")), "no /Alt<{alt}…>");
    let text = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    assert!(text.contains("Romans-sur-Isère"), "{text}");
    assert_eq!(page_count(&doc(map("x"))), Ok(1));
}

#[test]
fn a_figure_without_alternative_text_is_decoration_out_of_the_structure() {
    let pdf = render(&doc(map("  "))).expect("rendered");
    let structure = poppler("pdfinfo", &["-struct-text"], &pdf);
    assert!(!structure.contains("Figure"), "{structure}");
}

#[test]
fn a_figure_that_does_not_fit_under_the_text_moves_to_the_next_page_and_is_counted() {
    let mut blocks: Vec<Block> = (0..40).map(|i| Block::Paragraph(format!("ligne {i}"))).collect();
    blocks.push(Block::Figure(Figure { width: 900.0, height: 600.0, ..map("grande") }));
    let doc = Document { title: "Carte".to_owned(), blocks, ..Document::default() };
    assert_eq!(page_count(&doc), Ok(2));
    let pdf = render(&doc).expect("rendered");
    assert!(poppler("pdfinfo", &[], &pdf).contains("Pages:           2"));
}
