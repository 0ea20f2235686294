//! XLSX through rust_xlsxwriter in constant-memory mode: each row goes to a temporary file as
//! soon as the next one starts, strings are written inline (no shared-string table growing with
//! the rows), and the archive is put together at the end. Text is always written as a string
//! cell, so a title starting with `=` is never a formula.

use std::io::Write;

use rust_xlsxwriter::{ColNum, ExcelDateTime, Format, RowNum, Workbook, Worksheet, XlsxError};
use time::Date;

use super::{Cell, ExportError};

/// The longest text a cell of Excel holds (in UTF-16 units); longer text is cut, not refused.
const MAX_TEXT: usize = 32_767;

pub(super) struct XlsxSheet<W: Write + Send> {
    workbook: Workbook,
    sheet: Worksheet,
    out: W,
    /// The next row to write (the header is row 0).
    row: RowNum,
    date: Format,
    datetime: Format,
}

impl<W: Write + Send> XlsxSheet<W> {
    pub(super) fn new(name: &str, header: &[String], out: W) -> Result<XlsxSheet<W>, ExportError> {
        let mut workbook = Workbook::new();
        let mut sheet = workbook.new_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        let bold = Format::new().set_bold();
        for (col, title) in header.iter().enumerate() {
            let col = column(col)?;
            // Wide enough for the title, within reason: the rows are not known yet.
            let width = title.chars().count().clamp(12, 40);
            sheet.set_column_width(col, u32::try_from(width).unwrap_or(40))?;
            sheet.write_string_with_format(0, col, clipped(title), &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(XlsxSheet {
            workbook,
            sheet,
            out,
            row: 1,
            date: Format::new().set_num_format("dd/mm/yyyy"),
            datetime: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        })
    }

    pub(super) fn write_row(&mut self, cells: &[Cell]) -> Result<(), ExportError> {
        let row = self.row;
        for (col, cell) in cells.iter().enumerate() {
            let col = column(col)?;
            match cell {
                Cell::Text(text) => {
                    self.sheet.write_string(row, col, clipped(text))?;
                }
                Cell::Integer(value) => {
                    // Exact up to 2^53, far beyond any count or amount exported.
                    #[allow(clippy::cast_precision_loss)]
                    self.sheet.write_number(row, col, *value as f64)?;
                }
                Cell::Date(date) => {
                    self.sheet.write_datetime_with_format(row, col, day(*date)?, &self.date)?;
                }
                Cell::DateTime(at) => {
                    let value = day(at.date())?.and_hms(
                        u16::from(at.hour()),
                        at.minute(),
                        f64::from(at.second()),
                    )?;
                    self.sheet.write_datetime_with_format(row, col, value, &self.datetime)?;
                }
                Cell::Empty => {}
            }
        }
        self.row = row.checked_add(1).ok_or(XlsxError::RowColumnLimitError)?;
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<W, ExportError> {
        self.workbook.push_worksheet(self.sheet);
        self.workbook.save_to_writer(&mut self.out)?;
        Ok(self.out)
    }
}

fn column(index: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

fn day(date: Date) -> Result<ExcelDateTime, XlsxError> {
    let year =
        u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
    ExcelDateTime::from_ymd(year, u8::from(date.month()), date.day())
}

/// Text within Excel's limit for a cell, cut at a character boundary.
fn clipped(text: &str) -> String {
    if text.len() <= MAX_TEXT {
        return text.to_owned();
    }
    let mut units = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > MAX_TEXT
        })
        .map_or(text.len(), |(i, _)| i);
    text[..end].to_owned()
}
