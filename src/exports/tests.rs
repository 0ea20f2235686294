use std::io::{Cursor, Read};

use time::macros::{date, datetime};

use super::*;

fn header() -> Vec<String> {
    vec!["Référence".to_owned(), "Titre".to_owned(), "Non lus".to_owned(), "Déposé le".to_owned()]
}

fn rows() -> Vec<Vec<Cell>> {
    vec![
        vec![
            Cell::from("A-0001"),
            Cell::from("=HYPERLINK(\"http://x\")"),
            Cell::Integer(-2),
            Cell::DateTime(datetime!(2011-11-15 10:05)),
        ],
        vec![
            Cell::from("A-0002"),
            Cell::from("Pôle ; « sud »\ndeux lignes"),
            Cell::Integer(0),
            Cell::Empty,
        ],
    ]
}

fn file(format: Format, rows: &[Vec<Cell>]) -> Vec<u8> {
    let (out, count) =
        write(format, "Dossiers", &header(), rows, Cursor::new(Vec::new())).expect("written");
    assert_eq!(count, rows.len() as u64);
    out.into_inner()
}

fn entry(archive: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(archive)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut text).expect("UTF-8");
    text
}

#[test]
fn cells_that_a_spreadsheet_would_run_as_formulas_are_marked_in_csv() {
    let cells = ["=cmd|' /C calc'!A0", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx", "a=b", ""];
    let shown: Vec<String> = cells.iter().map(|c| neutralised(c).into_owned()).collect();
    assert_eq!(
        shown,
        ["'=cmd|' /C calc'!A0", "'+33 1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "a=b", ""]
    );
}

#[test]
fn a_csv_has_the_bom_semicolons_crlf_and_text_cells_neutralised_but_not_numbers() {
    let text = String::from_utf8(file(Format::Csv, &rows())).expect("UTF-8");
    assert_eq!(
        text,
        "\u{feff}Référence;Titre;Non lus;Déposé le\r\n\
         A-0001;\"'=HYPERLINK(\"\"http://x\"\")\";-2;2011-11-15 10:05\r\n\
         A-0002;\"Pôle ; « sud »\ndeux lignes\";0;\r\n"
    );
}

#[test]
fn an_export_without_rows_has_the_header_only() {
    let csv = String::from_utf8(file(Format::Csv, &[])).expect("UTF-8");
    assert_eq!(csv, "\u{feff}Référence;Titre;Non lus;Déposé le\r\n");
    let sheet = entry(&file(Format::Xlsx, &[]), "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<row ").count(), 1, "{sheet}");
    let content = entry(&file(Format::Ods, &[]), "content.xml");
    assert_eq!(content.matches("<table:table-row>").count(), 1, "{content}");
}

#[test]
fn an_xlsx_writes_text_as_inline_strings_and_never_a_formula() {
    let archive = file(Format::Xlsx, &rows());
    let sheet = entry(&archive, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "{sheet}");
    assert!(
        sheet.contains(r#"<c r="B2" t="inlineStr"><is><t>=HYPERLINK("http://x")</t></is></c>"#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<c r="C2"><v>-2</v></c>"#), "{sheet}");
    // 15 November 2011 10:05 as Excel counts days since 1900.
    assert!(sheet.contains("<v>40862.42013888889</v>"), "{sheet}");
    assert!(sheet.contains(r#"<pane ySplit="1""#), "the header row stays in view: {sheet}");
    assert!(entry(&archive, "xl/workbook.xml").contains(r#"name="Dossiers""#));
}

#[test]
fn an_ods_starts_with_its_mimetype_stored_and_writes_text_as_string_cells() {
    let archive = file(Format::Ods, &rows());
    // What office software reads to recognise the format: the first entry, uncompressed.
    assert_eq!(&archive[30..38], b"mimetype");
    assert_eq!(&archive[38..38 + MIMETYPE_LEN], b"application/vnd.oasis.opendocument.spreadsheet");
    let mut zip = zip::ZipArchive::new(Cursor::new(&archive)).expect("a zip");
    assert_eq!(zip.by_index(0).expect("first").compression(), zip::CompressionMethod::Stored);
    let content = entry(&archive, "content.xml");
    assert!(!content.contains("table:formula"), "{content}");
    assert!(
        content.contains(
            r#"<table:table-cell office:value-type="string"><text:p>=HYPERLINK("http://x")</text:p></table:table-cell>"#
        ),
        "{content}"
    );
    assert!(content.contains(r#"office:value-type="float" office:value="-2""#), "{content}");
    assert!(content.contains(r#"office:date-value="2011-11-15T10:05:00""#), "{content}");
    assert!(
        content.contains("<text:p>Pôle ; « sud »</text:p><text:p>deux lignes</text:p>"),
        "{content}"
    );
}

const MIMETYPE_LEN: usize = "application/vnd.oasis.opendocument.spreadsheet".len();

#[test]
fn ods_text_keeps_its_lines_spaces_and_tabs_and_drops_what_xml_forbids() {
    let mut out = String::from("<table:table-cell");
    ods::string_cell(&mut out, "  a  b\tc\r\nd<&>\u{1}\"");
    assert_eq!(
        out,
        "<table:table-cell office:value-type=\"string\" \
         office:string-value=\"  a  b&#x9;c&#xD;&#xA;d&lt;&amp;&gt;\u{FFFD}&quot;\">\
         <text:p><text:s text:c=\"2\"/>a <text:s/>b<text:tab/>c</text:p>\
         <text:p>d&lt;&amp;&gt;\u{FFFD}\"</text:p></table:table-cell>"
    );
}

#[test]
fn dates_are_typed_in_every_format() {
    let rows = vec![vec![Cell::Date(date!(2011 - 12 - 31))]];
    let header = vec!["Jour".to_owned()];
    let csv = write(Format::Csv, "S", &header, &rows, Cursor::new(Vec::new())).expect("csv");
    assert_eq!(
        String::from_utf8(csv.0.into_inner()).expect("UTF-8"),
        "\u{feff}Jour\r\n2011-12-31\r\n"
    );
    let ods = write(Format::Ods, "S", &header, &rows, Cursor::new(Vec::new())).expect("ods");
    let content = entry(&ods.0.into_inner(), "content.xml");
    assert!(
        content.contains(
            r#"table:style-name="date" office:value-type="date" office:date-value="2011-12-31"><text:p>31/12/2011</text:p>"#
        ),
        "{content}"
    );
}

#[tokio::test]
async fn a_stream_of_rows_is_spooled_to_a_file_and_read_back_in_chunks() {
    let stream = futures_util::stream::iter(rows().into_iter().map(Ok::<_, std::io::Error>));
    let spooled = spool(Format::Csv, "Dossiers", header(), stream).await.expect("spooled");
    assert_eq!(spooled.rows, 2);
    let expected = file(Format::Csv, &rows());
    assert_eq!(spooled.len, expected.len() as u64);
    let chunks: Vec<Vec<u8>> = futures_util::StreamExt::collect::<Vec<_>>(spooled.chunks())
        .await
        .into_iter()
        .map(|c| c.expect("read"))
        .collect();
    assert_eq!(chunks.concat(), expected);
}

#[tokio::test]
async fn an_error_while_reading_the_rows_stops_the_export_with_that_error() {
    let many = (0..1000).map(|i| Ok(vec![Cell::Integer(i)]));
    let failing = many.chain(std::iter::once(Err(std::io::Error::other("the database went away"))));
    let result =
        spool(Format::Xlsx, "Dossiers", header(), futures_util::stream::iter(failing)).await;
    let Err(ExportError::Rows(error)) = result else { panic!("{result:?}") };
    assert_eq!(error.to_string(), "the database went away");
}
