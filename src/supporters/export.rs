//! CSV for French office software (LibreOffice Calc, Excel set to French): `;` between cells,
//! CRLF between lines, a UTF-8 byte-order mark so accents read right, and formula injection
//! neutralised (OWASP "CSV injection").

use std::io::Cursor;

use crate::exports::{self, Cell, Format};
pub use crate::exports::{BOM, neutralised};

/// A whole CSV file from its rows (the first one being the header), written by
/// [`crate::exports`] like every export: text cells, formulas neutralised.
pub fn csv(rows: &[Vec<String>]) -> String {
    let Some((header, rows)) = rows.split_first() else { return BOM.to_owned() };
    let cells =
        rows.iter().map(|row| row.iter().map(|c| Cell::Text(c.clone())).collect::<Vec<_>>());
    match exports::write(Format::Csv, "", header, cells, Cursor::new(Vec::new())) {
        // Only UTF-8 text was written.
        Ok((out, _)) => String::from_utf8_lossy(out.get_ref()).into_owned(),
        // Writing into memory does not fail; should it, the file says nothing rather than half.
        Err(error) => {
            tracing::error!(%error, "the supporters' CSV could not be written");
            BOM.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn a_file_starts_with_the_bom_and_separates_cells_with_semicolons() {
        let text = csv(&[row(&["Nom", "Commune"]), row(&["Élise", "Castres (81 — Tarn)"])]);
        assert_eq!(text, "\u{feff}Nom;Commune\r\nÉlise;Castres (81 — Tarn)\r\n");
    }

    #[test]
    fn cells_that_a_spreadsheet_would_run_as_formulas_are_shown_as_text() {
        let cells = ["=cmd|' /C calc'!A0", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx", "a=b"];
        let shown: Vec<String> = cells.iter().map(|c| neutralised(c).into_owned()).collect();
        assert_eq!(
            shown,
            ["'=cmd|' /C calc'!A0", "'+33 1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "a=b"]
        );
    }

    #[test]
    fn separators_quotes_and_line_breaks_are_quoted() {
        let text = csv(&[row(&["a;b", "il a dit \"oui\"", "deux\nlignes", "=1;2"])]);
        assert_eq!(text, "\u{feff}\"a;b\";\"il a dit \"\"oui\"\"\";\"deux\nlignes\";\"'=1;2\"\r\n");
    }
}
