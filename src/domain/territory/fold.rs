//! The search form of a place name: what is left when case, accents, hyphens, apostrophes and
//! the abbreviations of "Saint" are set aside, so "ST-ETIENNE" finds "Saint-Étienne".

/// Words written short for longer ones in place names.
const ABBREVIATIONS: [(&str, &str); 2] = [("st", "saint"), ("ste", "sainte")];

/// The search key of a name: lower case, Latin accents and ligatures taken off (é → e,
/// œ → oe), every run of other characters (spaces, hyphens, apostrophes, brackets) made one
/// space, no space at either end, and the words "st"/"ste" spelt out.
pub(crate) fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    expand(&out)
}

/// The keys to look a typed prefix up with: the key itself, and, when the last word is an
/// abbreviation still being typed ("st" on the way to "Strasbourg"), the key with that word
/// left as typed.
pub(crate) fn prefix_keys(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    let expanded = expand(&folded);
    let still_typing = text.chars().last().is_some_and(char::is_alphanumeric);
    let last_is_abbreviation = folded
        .rsplit(' ')
        .next()
        .is_some_and(|word| ABBREVIATIONS.iter().any(|(short, _)| *short == word));
    if still_typing && last_is_abbreviation {
        let literal = expand_all_but_last(&folded);
        if literal != expanded {
            return vec![expanded, literal];
        }
    }
    vec![expanded]
}

/// The text with case and Latin accents taken off and every run of other characters made one
/// space, without spelling abbreviations out (the words of a full-text search).
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn fold_into(text: &str, out: &mut String) {
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'æ' => "ae",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
            'œ' => "oe",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            _ if c.is_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                continue;
            }
            _ => {
                pending_space = true;
                continue;
            }
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push_str(plain);
    }
}

fn spelt_out(word: &str) -> &str {
    ABBREVIATIONS.iter().find(|(short, _)| *short == word).map_or(word, |(_, long)| long)
}

fn expand(folded: &str) -> String {
    folded.split(' ').map(spelt_out).collect::<Vec<_>>().join(" ")
}

fn expand_all_but_last(folded: &str) -> String {
    let words: Vec<&str> = folded.split(' ').collect();
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, word)| if i == last { word } else { spelt_out(word) })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_ligatures_are_set_aside() {
        assert_eq!(key("Saint-Étienne"), "saint etienne");
        assert_eq!(key("Œuf-en-Ternois"), "oeuf en ternois");
        assert_eq!(key("L'Haÿ-les-Roses"), "l hay les roses");
        assert_eq!(key("ÎLE-D’YEU"), "ile d yeu");
        assert_eq!(key("Bors (Canton de Charente-Sud)"), "bors canton de charente sud");
    }

    #[test]
    fn separators_become_one_space_and_ends_are_trimmed() {
        assert_eq!(key("  Castres--Gironde  "), "castres gironde");
        assert_eq!(key("l’ ile"), "l ile");
        assert_eq!(key("-'’ "), "");
    }

    #[test]
    fn st_and_ste_are_spelt_out() {
        assert_eq!(key("St-Denis"), "saint denis");
        assert_eq!(key("Ste Marie"), "sainte marie");
        assert_eq!(key("ST. ETIENNE"), "saint etienne");
        assert_eq!(key("Villiers-St-Denis"), "villiers saint denis");
        // Only whole words: "Stenay" stays itself.
        assert_eq!(key("Stenay"), "stenay");
    }

    #[test]
    fn a_last_abbreviation_still_being_typed_is_also_looked_up_as_typed() {
        assert_eq!(prefix_keys("St"), ["saint", "st"]);
        assert_eq!(prefix_keys("Villiers-St"), ["villiers saint", "villiers st"]);
        // Followed by a separator, it is a finished word.
        assert_eq!(prefix_keys("St-"), ["saint"]);
        assert_eq!(prefix_keys("Str"), ["str"]);
        assert_eq!(prefix_keys("St Den"), ["saint den"]);
    }
}
