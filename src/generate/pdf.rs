//! Tiny placeholder PDF files (under 1 KB) for generated receipts and attachments: one page of
//! a few lines in Helvetica, written by hand. A real receipt (`dossiers::receipt`) is about 30 KB
//! per page and takes milliseconds to lay out: tens of thousands of them would make the
//! generator slow and the database gigabytes larger, for no benefit to what it is for.

/// A one-page A4 PDF showing `lines`, top to bottom. Characters outside Windows-1252 show as "?".
pub fn placeholder(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 12 Tf 56 780 Td 16 TL");
    for line in lines {
        text.push_str(" (");
        text.push_str(&escape(line));
        text.push_str(") Tj T*");
    }
    text.push_str(" ET");
    let content = win1252(&text);
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(&content);
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);

    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (n, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A PDF string literal's contents: backslash and parentheses escaped.
fn escape(line: &str) -> String {
    line.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")
}

/// Windows-1252 bytes (the fonts' WinAnsiEncoding) of a text.
fn win1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}' => c as u8,
            '\u{a0}'..='\u{ff}' => u8::try_from(u32::from(c)).unwrap_or(b'?'),
            '€' => 0x80,
            '…' => 0x85,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            'œ' => 0x9c,
            'Œ' => 0x8c,
            _ => b'?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfind(hay: &[u8], needle: &[u8]) -> usize {
        hay.windows(needle.len()).rposition(|w| w == needle).expect("found")
    }

    fn number_at(bytes: &[u8], digits: usize) -> usize {
        std::str::from_utf8(&bytes[..digits]).expect("ascii").parse().expect("a number")
    }

    #[test]
    fn a_placeholder_is_a_small_pdf_whose_cross_reference_points_at_its_objects() {
        let pdf = placeholder(&["Récépissé de démonstration — données générées", "B-0001 (1)"]);
        assert!(pdf.starts_with(b"%PDF-1.4\n"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        assert!(pdf.len() < 1024, "{} bytes", pdf.len());
        let after = rfind(&pdf, b"startxref\n") + b"startxref\n".len();
        let digits = pdf[after..].iter().take_while(|b| b.is_ascii_digit()).count();
        let xref = number_at(&pdf[after..], digits);
        assert!(pdf[xref..].starts_with(b"xref\n0 6\n0000000000 65535 f \n"));
        // Each row of the table is 20 bytes; row 3 gives where "3 0 obj" starts.
        let rows = xref + b"xref\n0 6\n".len();
        let third = number_at(&pdf[rows + 3 * 20..], 10);
        assert!(pdf[third..].starts_with(b"3 0 obj"));
        let fifth = number_at(&pdf[rows + 5 * 20..], 10);
        assert!(pdf[fifth..].starts_with(b"5 0 obj"));
        // Accented letters are single Windows-1252 bytes: é is 0xE9, the dash 0x97.
        assert!(pdf.windows(3).any(|w| w == [b'R', 0xe9, b'c']));
        assert!(pdf.contains(&0x97));
    }
}
