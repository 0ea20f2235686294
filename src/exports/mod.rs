//! Spreadsheet exports — CSV for French office software, XLSX and ODS — written row by row
//! from typed cells, so that memory stays flat whatever the number of rows, with formula
//! injection neutralised in every cell of every format.
//!
//! A file is a header row then rows of [`Cell`]s. [`SheetWriter`] writes one file to any
//! seekable output; [`spool`] drives it from a stream (rows read from the database as they
//! come) into an anonymous temporary file, ready to be sent with [`Spooled::chunks`].

pub mod archive;
mod csv;
mod ods;
mod spool;
mod xlsx;

use std::borrow::Cow;
use std::io::{Seek, Write};

use time::{Date, PrimitiveDateTime};

pub use spool::{Spooled, spool};

/// The byte-order mark that tells a spreadsheet a CSV file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// One cell of an exported row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text as someone typed it: always a text cell, never a formula, whatever it starts with.
    Text(String),
    Integer(i64),
    /// A calendar day.
    Date(Date),
    /// A day and a time, already in the time zone the reader expects (Paris).
    DateTime(PrimitiveDateTime),
    Empty,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Cell {
        Cell::Integer(value)
    }
}

/// The formats a list can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `;` between cells, CRLF between rows, UTF-8 with a byte-order mark: what LibreOffice
    /// Calc and Excel set to French open with a double click.
    Csv,
    /// Office Open XML (Excel).
    Xlsx,
    /// OpenDocument (LibreOffice).
    Ods,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Csv, Format::Xlsx, Format::Ods];

    /// The file name's extension, also the format's name in audit entries.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the export failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing the CSV failed: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("writing the XLSX failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("writing the ODS failed: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// The rows could not be read (the database's error inside).
    #[error("reading the rows to export failed: {0}")]
    Rows(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Whether a spreadsheet could take a text starting like this for a formula (OWASP "CSV
/// injection"): `=`, `+`, `-`, `@`, a tab or a carriage return.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A CSV cell shown as the text it is: one a spreadsheet could take for a formula gets a
/// leading apostrophe. (XLSX and ODS need no such mark: their text cells are never formulas.)
pub fn neutralised(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// How a date and a date-time read in a CSV file, where cells have no type: ISO 8601, which
/// LibreOffice and Excel read as dates in every language.
fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

fn iso_datetime(at: PrimitiveDateTime) -> String {
    format!("{} {:02}:{:02}", iso_date(at.date()), at.hour(), at.minute())
}

enum Inner<W: Write + Seek + Send> {
    // Boxed: each writer's state is hundreds of bytes to kilobytes, moved around otherwise.
    Csv(Box<csv::CsvSheet<W>>),
    Xlsx(Box<xlsx::XlsxSheet<W>>),
    Ods(Box<ods::OdsSheet<W>>),
}

/// Writes one exported file, row by row: nothing but the current row is kept in memory (XLSX
/// rows go to a temporary file of rust_xlsxwriter's constant-memory mode until `finish`).
pub struct SheetWriter<W: Write + Seek + Send> {
    inner: Inner<W>,
    rows: u64,
}

impl<W: Write + Seek + Send> SheetWriter<W> {
    /// Starts a file with its header row. `sheet` names the sheet of an XLSX or ODS file (at
    /// most 31 characters, none of `[]:*?/\`).
    pub fn new(
        format: Format,
        sheet: &str,
        header: &[String],
        out: W,
    ) -> Result<SheetWriter<W>, ExportError> {
        let inner = match format {
            Format::Csv => Inner::Csv(Box::new(csv::CsvSheet::new(header, out)?)),
            Format::Xlsx => Inner::Xlsx(Box::new(xlsx::XlsxSheet::new(sheet, header, out)?)),
            Format::Ods => Inner::Ods(Box::new(ods::OdsSheet::new(sheet, header, out)?)),
        };
        Ok(SheetWriter { inner, rows: 0 })
    }

    /// Adds a row below the others.
    pub fn write_row(&mut self, row: &[Cell]) -> Result<(), ExportError> {
        match &mut self.inner {
            Inner::Csv(sheet) => sheet.write_row(row)?,
            Inner::Xlsx(sheet) => sheet.write_row(row)?,
            Inner::Ods(sheet) => sheet.write_row(row)?,
        }
        self.rows += 1;
        Ok(())
    }

    /// The rows written so far, the header not counted.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Completes the file and gives the output back.
    pub fn finish(self) -> Result<W, ExportError> {
        match self.inner {
            Inner::Csv(sheet) => sheet.finish(),
            Inner::Xlsx(sheet) => sheet.finish(),
            Inner::Ods(sheet) => sheet.finish(),
        }
    }
}

/// A whole file from a header and rows given by an iterator; the output and the number of
/// rows written.
pub fn write<W, I, R>(
    format: Format,
    sheet: &str,
    header: &[String],
    rows: I,
    out: W,
) -> Result<(W, u64), ExportError>
where
    W: Write + Seek + Send,
    I: IntoIterator<Item = R>,
    R: AsRef<[Cell]>,
{
    let mut writer = SheetWriter::new(format, sheet, header, out)?;
    for row in rows {
        writer.write_row(row.as_ref())?;
    }
    let count = writer.rows();
    Ok((writer.finish()?, count))
}

#[cfg(test)]
mod tests;
