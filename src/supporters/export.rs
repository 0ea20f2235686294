//! CSV for French office software (LibreOffice Calc, Excel set to French): `;` between cells,
//! CRLF between lines, a UTF-8 byte-order mark so accents read right, and formula injection
//! neutralised (OWASP "CSV injection").

use std::borrow::Cow;

/// The byte-order mark that tells a spreadsheet the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// A whole CSV file from its rows (the first one being the header).
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    for row in rows {
        let cells: Vec<Cow<'_, str>> = row.iter().map(|cell| quoted(&neutralised(cell))).collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// A cell a spreadsheet could take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading apostrophe, so it is shown as the text it is.
pub fn neutralised(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell in double quotes (inner quotes doubled) when it holds a separator, a quote or a line
/// break; as it is otherwise.
fn quoted<'a>(cell: &Cow<'a, str>) -> Cow<'a, str> {
    if cell.contains([';', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        cell.clone()
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
