//! Where a mistake stands in a text the platform reads (form schemas, grids): 1-based line and
//! column, counted in characters, as the editors of those texts see them.

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    for (i, c) in src.char_indices() {
        if i >= offset {
            break;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// Where the TOML reader's error stands; the start of the text when it says nowhere.
pub fn of_toml_error(src: &str, error: &toml::de::Error) -> (usize, usize) {
    error.span().map_or((1, 1), |span| line_col(src, span.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_counts_lines_from_one_and_columns_in_characters() {
        let src = "clé = \"été\"\nautre = 1\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, src.find("été").unwrap_or_default()), (1, 8));
        assert_eq!(line_col(src, src.find("autre").unwrap_or_default()), (2, 1));
        assert_eq!(line_col(src, src.len() + 10), (3, 1));
    }

    #[test]
    fn a_toml_mistake_is_placed_where_the_reader_stopped() {
        let src = "a = 1\nb = = 2\n";
        let error = toml::from_str::<toml::Table>(src).expect_err("not TOML");
        assert_eq!(of_toml_error(src, &error), (2, 5));
    }
}
