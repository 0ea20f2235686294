//! ODS (OpenDocument spreadsheet) written by hand, because spreadsheet-ods builds the whole
//! workbook in memory before saving: a zip whose first entry is `mimetype`, stored uncompressed
//! (how office software recognises the format), then the manifest, the styles, and
//! `content.xml` compressed as it is written, one table row at a time. Text is always a
//! `string` cell, so a title starting with `=` is never a formula.

use std::fmt::Write as _;
use std::io::{Seek, Write};

use time::Date;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::{Cell, ExportError};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

const META: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3">
 <office:meta><meta:generator>ptce</meta:generator></office:meta>
</office:document-meta>
"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.3">
 <office:styles>
  <style:default-style style:family="table-cell"/>
 </office:styles>
</office:document-styles>
"#;

/// `content.xml` up to the table's columns: the header cells' bold style, and the date and
/// date-time styles (French order: day, month, year).
const CONTENT_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.3">
<office:automatic-styles>
<number:date-style style:name="Ndate"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<number:date-style style:name="Ndatetime"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:date-style>
<style:style style:name="head" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="date" style:family="table-cell" style:data-style-name="Ndate"/>
<style:style style:name="datetime" style:family="table-cell" style:data-style-name="Ndatetime"/>
"#;

const CONTENT_END: &str =
    "</table:table>\n</office:spreadsheet>\n</office:body>\n</office:document-content>\n";

pub(super) struct OdsSheet<W: Write + Seek> {
    zip: ZipWriter<W>,
    /// The row being written, reused from one row to the next.
    buffer: String,
}

impl<W: Write + Seek> OdsSheet<W> {
    pub(super) fn new(name: &str, header: &[String], out: W) -> Result<OdsSheet<W>, ExportError> {
        let mut zip = ZipWriter::new(out);
        let stored = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(false);
        let deflated = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        zip.start_file("mimetype", stored)?;
        zip.write_all(MIMETYPE.as_bytes())?;
        zip.start_file("META-INF/manifest.xml", deflated)?;
        zip.write_all(MANIFEST.as_bytes())?;
        zip.start_file("meta.xml", deflated)?;
        zip.write_all(META.as_bytes())?;
        zip.start_file("styles.xml", deflated)?;
        zip.write_all(STYLES.as_bytes())?;
        zip.start_file("content.xml", deflated)?;

        let mut start = String::from(CONTENT_START);
        // One column style per column, wide enough for its title (the rows are not known yet).
        for (index, title) in header.iter().enumerate() {
            let width = title.chars().count().clamp(12, 40) as f64 * 0.22;
            let _ = write!(
                start,
                "<style:style style:name=\"co{index}\" style:family=\"table-column\">\
                 <style:table-column-properties style:column-width=\"{width:.2}cm\"/></style:style>"
            );
        }
        start.push_str("\n</office:automatic-styles>\n<office:body>\n<office:spreadsheet>\n");
        start.push_str("<table:table table:name=\"");
        escape_attribute(&mut start, name);
        start.push_str("\">\n");
        for index in 0..header.len() {
            let _ = write!(start, "<table:table-column table:style-name=\"co{index}\"/>");
        }
        start.push_str("\n<table:table-row>");
        for title in header {
            start.push_str("<table:table-cell table:style-name=\"head\"");
            string_cell(&mut start, title);
        }
        start.push_str("</table:table-row>\n");
        zip.write_all(start.as_bytes())?;
        Ok(OdsSheet { zip, buffer: String::new() })
    }

    pub(super) fn write_row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        let out = &mut self.buffer;
        out.clear();
        out.push_str("<table:table-row>");
        for cell in cells {
            match cell {
                Cell::Text(text) => {
                    out.push_str("<table:table-cell");
                    string_cell(out, text);
                }
                Cell::Integer(value) => {
                    let _ = write!(
                        out,
                        "<table:table-cell office:value-type=\"float\" office:value=\"{value}\">\
                         <text:p>{value}</text:p></table:table-cell>"
                    );
                }
                Cell::Date(date) => {
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"date\" office:value-type=\"date\" \
                         office:date-value=\"{}\"><text:p>{}</text:p></table:table-cell>",
                        iso_day(*date),
                        shown_day(*date),
                    );
                }
                Cell::DateTime(at) => {
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"datetime\" office:value-type=\"date\" \
                         office:date-value=\"{}T{:02}:{:02}:{:02}\"><text:p>{} {:02}:{:02}</text:p>\
                         </table:table-cell>",
                        iso_day(at.date()),
                        at.hour(),
                        at.minute(),
                        at.second(),
                        shown_day(at.date()),
                        at.hour(),
                        at.minute(),
                    );
                }
                Cell::Empty => out.push_str("<table:table-cell/>"),
            }
        }
        out.push_str("</table:table-row>\n");
        self.zip.write_all(out.as_bytes())?;
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<W, ExportError> {
        self.zip.write_all(CONTENT_END.as_bytes())?;
        Ok(self.zip.finish()?)
    }
}

fn iso_day(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

fn shown_day(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), u8::from(date.month()), date.year())
}

/// Whether XML 1.0 allows the character at all (most control characters it does not).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text in an attribute: escaped, tabs and line breaks kept, characters XML forbids replaced
/// by U+FFFD.
fn escape_attribute(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // As character references, or attribute normalisation would make them spaces.
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c if !xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// The rest of a text cell from its value-type on (the caller opened `<table:table-cell`):
/// one `text:p` per line, as Calc writes them, and the exact text in `office:string-value`
/// when it has what paragraphs cannot carry exactly (line breaks, tabs, runs of spaces).
pub(super) fn string_cell(out: &mut String, text: &str) {
    out.push_str(" office:value-type=\"string\"");
    let exact = text.contains(['\t', '\n', '\r'])
        || text.contains("  ")
        || text.starts_with(' ')
        || text.ends_with(' ');
    if exact {
        out.push_str(" office:string-value=\"");
        escape_attribute(out, text);
        out.push('"');
    }
    out.push('>');
    for line in text.split('\n') {
        out.push_str("<text:p>");
        escape_text(out, line.strip_suffix('\r').unwrap_or(line));
        out.push_str("</text:p>");
    }
    out.push_str("</table:table-cell>");
}

/// One line in a `text:p`: escaped, with what ODF readers would otherwise collapse written as
/// ODF says — tabs as `text:tab`, runs of spaces and spaces at the start as `text:s` — and
/// characters XML forbids (a lone carriage return among them here) replaced by U+FFFD.
pub(super) fn escape_text(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    let mut line_start = true;
    while let Some(c) = chars.next() {
        match c {
            ' ' => {
                let mut run = 1;
                while chars.peek() == Some(&' ') {
                    chars.next();
                    run += 1;
                }
                if line_start {
                    push_spaces(out, run);
                } else {
                    out.push(' ');
                    push_spaces(out, run - 1);
                }
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' => out.push_str("<text:tab/>"),
            c if !xml_char(c) || c == '\r' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
        line_start = c == '\t';
    }
}

fn push_spaces(out: &mut String, count: usize) {
    match count {
        0 => {}
        1 => out.push_str("<text:s/>"),
        n => {
            let _ = write!(out, "<text:s text:c=\"{n}\"/>");
        }
    }
}
