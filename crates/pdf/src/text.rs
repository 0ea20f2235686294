//! Text preparation and line breaking by measured widths.

use unicode_normalization::UnicodeNormalization;

/// Text as the page will show it: composed (NFC, so "e" + U+0301 becomes one "é" glyph, as this
/// crate draws one glyph per character without shaping), line ends unified to `\n`, tabs as a
/// space, and invisible or control characters dropped (they have no glyph; PDF/UA forbids the
/// `.notdef` box and codepoints U+0000, U+FEFF, U+FFFE in the text layer).
pub(crate) fn clean(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .nfc()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FFFE}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Breaks `text` into lines no wider than `max_width`, given each character's advance.
///
/// Every `\n` starts a new line (an empty paragraph gives an empty line). Lines break at runs of
/// spaces (dropped at the break) or after a hyphen between two letters; no-break spaces (U+00A0,
/// U+202F) hold their neighbours together. A word wider than the line is cut between characters,
/// with at least one character per line so that the loop always advances.
pub(crate) fn wrap(text: &str, max_width: f32, advance: &dyn Fn(char) -> f32) -> Vec<String> {
    text.split('\n').flat_map(|paragraph| wrap_paragraph(paragraph, max_width, advance)).collect()
}

/// Width of `s` measured with `advance`.
fn measure(s: &str, advance: &dyn Fn(char) -> f32) -> f32 {
    s.chars().map(advance).sum()
}

/// Splits a paragraph into (word, spaces after it) pieces; a hyphen between letters ends a word
/// with no space after it.
fn pieces(paragraph: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let bytes: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (pos, c) = bytes[i];
        if c == ' ' {
            let mut j = i;
            while j < bytes.len() && bytes[j].1 == ' ' {
                j += 1;
            }
            let end = bytes.get(j).map_or(paragraph.len(), |b| b.0);
            out.push((&paragraph[start..pos], &paragraph[pos..end]));
            start = end;
            i = j;
            continue;
        }
        let after_letter = i > 0 && bytes[i - 1].1.is_alphanumeric();
        let before_letter = bytes.get(i + 1).is_some_and(|b| b.1.is_alphanumeric());
        if c == '-' && after_letter && before_letter {
            let end = pos + c.len_utf8();
            out.push((&paragraph[start..end], ""));
            start = end;
        }
        i += 1;
    }
    if start < paragraph.len() || out.is_empty() {
        out.push((&paragraph[start..], ""));
    }
    out
}

fn wrap_paragraph(paragraph: &str, max_width: f32, advance: &dyn Fn(char) -> f32) -> Vec<String> {
    // A hair of tolerance so that float sums equal to the width still fit.
    let limit = max_width + 0.01;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    let mut pending_spaces = "";
    for (word, spaces) in pieces(paragraph) {
        let word_width = measure(word, advance);
        let gap = measure(pending_spaces, advance);
        if !line.is_empty() && width + gap + word_width <= limit {
            line.push_str(pending_spaces);
            line.push_str(word);
            width += gap + word_width;
        } else if !word.is_empty() {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            width = 0.0;
            if word_width <= limit {
                line.push_str(word);
                width = word_width;
            } else {
                for c in word.chars() {
                    let w = advance(c);
                    if !line.is_empty() && width + w > limit {
                        lines.push(std::mem::take(&mut line));
                        width = 0.0;
                    }
                    line.push(c);
                    width += w;
                }
            }
        }
        pending_spaces = spaces;
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is 1 unit wide, so widths are character counts.
    fn unit(_: char) -> f32 {
        1.0
    }

    #[test]
    fn lines_break_at_the_last_space_that_fits() {
        assert_eq!(wrap("le dossier est déposé", 10.0, &unit), ["le dossier", "est déposé"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_between_characters() {
        assert_eq!(wrap("ab abcdefghij cd", 4.0, &unit), ["ab", "abcd", "efgh", "ij", "cd"]);
    }

    #[test]
    fn a_line_narrower_than_one_character_still_takes_one_character_per_line() {
        assert_eq!(wrap("abc", 0.5, &unit), ["a", "b", "c"]);
    }

    #[test]
    fn newlines_start_lines_and_empty_paragraphs_stay_empty_lines() {
        assert_eq!(wrap("un\n\ndeux", 10.0, &unit), ["un", "", "deux"]);
        assert_eq!(wrap("", 10.0, &unit), [""]);
    }

    #[test]
    fn no_break_spaces_keep_their_neighbours_on_one_line() {
        assert_eq!(wrap("prix 1\u{202F}000\u{A0}€", 8.0, &unit), ["prix", "1\u{202F}000\u{A0}€"]);
    }

    #[test]
    fn a_hyphen_between_letters_is_a_break_opportunity() {
        assert_eq!(wrap("à Saint-Étienne", 8.0, &unit), ["à Saint-", "Étienne"]);
        assert_eq!(wrap("a -b", 2.0, &unit), ["a", "-b"]);
    }

    #[test]
    fn runs_of_spaces_are_kept_inside_a_line_and_dropped_at_a_break() {
        assert_eq!(wrap("a  b   c", 4.0, &unit), ["a  b", "c"]);
    }

    #[test]
    fn cleaning_composes_accents_and_drops_invisible_characters() {
        assert_eq!(clean("e\u{301}te\u{301}\r\nA\tB\u{AD}C\u{200B}\u{0}"), "été\nA BC");
    }
}
