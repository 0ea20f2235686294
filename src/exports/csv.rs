//! CSV for French office software: a UTF-8 byte-order mark so accents read right, `;` between
//! cells (`,` is the decimal separator in French), CRLF between rows, cells quoted only when
//! they must be, and text that could be taken for a formula marked with an apostrophe.

use std::borrow::Cow;
use std::io::Write;

use super::{BOM, Cell, ExportError, iso_date, iso_datetime, neutralised};

pub(super) struct CsvSheet<W: Write> {
    out: ::csv::Writer<W>,
}

impl<W: Write> CsvSheet<W> {
    pub(super) fn new(header: &[String], mut out: W) -> Result<CsvSheet<W>, ExportError> {
        out.write_all(BOM.as_bytes())?;
        let out = ::csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(::csv::Terminator::CRLF)
            .quote_style(::csv::QuoteStyle::Necessary)
            .from_writer(out);
        let mut sheet = CsvSheet { out };
        let header: Vec<Cell> = header.iter().map(|h| Cell::Text(h.clone())).collect();
        sheet.write_row(&header)?;
        Ok(sheet)
    }

    pub(super) fn write_row(&mut self, row: &[Cell]) -> Result<(), ExportError> {
        for cell in row {
            let field = match cell {
                Cell::Text(text) => neutralised(text),
                Cell::Integer(value) => Cow::Owned(value.to_string()),
                Cell::Date(date) => Cow::Owned(iso_date(*date)),
                Cell::DateTime(at) => Cow::Owned(iso_datetime(*at)),
                Cell::Empty => Cow::Borrowed(""),
            };
            self.out.write_field(field.as_bytes())?;
        }
        // An empty record after the fields ends the row.
        self.out.write_record(None::<&[u8]>)?;
        Ok(())
    }

    pub(super) fn finish(self) -> Result<W, ExportError> {
        self.out.into_inner().map_err(|e| ExportError::Io(e.into_error()))
    }
}
