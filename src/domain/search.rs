//! Full-text search of dossiers: the terms a dossier is found by and the query that finds them.
//! Terms are made here, not by the database, so that SQLite (FTS5) and PostgreSQL (tsvector with
//! the `simple` configuration) index and match exactly the same words: case and accents folded,
//! French and English stop words dropped, French stems ("coopératives" and "cooperative" are
//! both `cooper`).
//!
//! On SQLite, a dossier's full-text row also holds its **facets** — the list's filters (call,
//! state, track, network, territory, sector, label, admissibility) as tokens no word can be
//! (`qzs` + state, …) — so that a filtered search is one FTS5 MATCH, counted by the index alone.

use std::collections::HashSet;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::domain::territory::fold_text;

/// Longest query kept, in bytes: a search box, not a document.
pub const MAX_QUERY_BYTES: usize = 200;
/// Most terms a query matches together.
const MAX_QUERY_TERMS: usize = 8;

/// Words too common to tell dossiers apart (folded): articles, prepositions, pronouns,
/// conjunctions, in French then English.
const STOP_WORDS: &[&str] = &[
    "a", "afin", "ai", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des",
    "du", "elle", "elles", "en", "est", "et", "il", "ils", "j", "je", "l", "la", "le", "les",
    "leur", "leurs", "lui", "m", "ma", "mais", "me", "mes", "n", "ne", "nos", "notre", "nous",
    "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont",
    "sur", "t", "ta", "te", "tes", "ton", "un", "une", "vos", "votre", "vous", "y", "an", "and",
    "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to",
    "with",
];

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::French));
static STOPS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// What every facet token starts with: no French or English word does, and words typed in a
/// dossier or a search box that would are dropped, so that a candidate cannot write their way
/// into another network's list.
const FACET_MARK: &str = "qz";

/// The search terms of a text, in order, repeats included: folded, without stop words,
/// stemmed. A term is letters and digits only, so it needs no quoting in either database.
pub fn terms(text: &str) -> impl Iterator<Item = String> {
    let folded = fold_text(text);
    folded
        .split(' ')
        .filter(|word| !word.is_empty() && !STOPS.contains(word))
        .map(|word| STEMMER.stem(word).into_owned())
        .filter(|term| !term.is_empty() && !term.starts_with(FACET_MARK))
        .collect::<Vec<_>>()
        .into_iter()
}

/// The document a dossier is indexed by: the distinct terms of its texts, space-separated.
pub fn document<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen = HashSet::new();
    let mut out = String::new();
    for text in texts {
        for term in terms(text) {
            if seen.insert(term.clone()) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&term);
            }
        }
    }
    out
}

/// A search typed in the back office: every term must be found, each as the start of a
/// dossier's term ("coop" finds "coopérative").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
}

/// Why a typed search finds nothing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// Only stop words or punctuation ("de la").
    NoTerm,
    /// Longer than [`MAX_QUERY_BYTES`].
    TooLong,
}

impl Query {
    /// The query of what was typed; `Ok(None)` for an empty box.
    pub fn parse(typed: &str) -> Result<Option<Query>, QueryError> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        if typed.len() > MAX_QUERY_BYTES {
            return Err(QueryError::TooLong);
        }
        let mut terms: Vec<String> = Vec::new();
        for term in self::terms(typed) {
            if !terms.contains(&term) && terms.len() < MAX_QUERY_TERMS {
                terms.push(term);
            }
        }
        if terms.is_empty() { Err(QueryError::NoTerm) } else { Ok(Some(Query { terms })) }
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The FTS5 MATCH expression: `"cooper"* AND "pol"*`.
    pub fn fts5(&self) -> String {
        self.terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" AND ")
    }

    /// The PostgreSQL `to_tsquery('simple', …)` text: `cooper:* & pol:*`.
    pub fn tsquery(&self) -> String {
        self.terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & ")
    }
}

/// A filter of the back office's list, as a token of the full-text index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Call,
    State,
    Track,
    /// The partner network's slug, or [`NO_NETWORK`].
    Network,
    Department,
    Region,
    Region2011,
    Sector,
    Label,
    Admissibility,
}

/// The network value of a dossier routed to none.
pub const NO_NETWORK: &str = "none";

impl Facet {
    fn letter(self) -> char {
        match self {
            Facet::Call => 'c',
            Facet::State => 's',
            Facet::Track => 't',
            Facet::Network => 'n',
            Facet::Department => 'd',
            Facet::Region => 'r',
            Facet::Region2011 => 'o',
            Facet::Sector => 'k',
            Facet::Label => 'l',
            Facet::Admissibility => 'a',
        }
    }

    /// The token of this facet's value: `qz`, the facet's letter, then the value's letters and
    /// digits lowercased (`Facet::Department.token("2A")` is `qzd2a`; ids are given as simple
    /// hex). Values that differ only by punctuation share a token; codes here never do.
    pub fn token(self, value: &str) -> String {
        let mut token = String::with_capacity(value.len() + 3);
        token.push_str(FACET_MARK);
        token.push(self.letter());
        token.extend(
            value.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()),
        );
        token
    }
}

/// A MATCH expression of SQLite's full-text index: facets that must all hold, groups of which
/// one must hold, and a typed search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fts5Match {
    clauses: Vec<String>,
}

impl Fts5Match {
    /// The dossier has this facet value.
    pub fn require(&mut self, facet: Facet, value: &str) {
        self.clauses.push(format!("\"{}\"", facet.token(value)));
    }

    /// The dossier has one of these values; `false` for none at all (nothing can match).
    pub fn require_any(&mut self, facet: Facet, values: &[String]) -> bool {
        match values {
            [] => false,
            [one] => {
                self.require(facet, one);
                true
            }
            many => {
                let tokens: Vec<String> =
                    many.iter().map(|v| format!("\"{}\"", facet.token(v))).collect();
                self.clauses.push(format!("({})", tokens.join(" OR ")));
                true
            }
        }
    }

    /// Every term of the typed search, each as a prefix.
    pub fn search(&mut self, query: &Query) {
        self.clauses.push(query.fts5());
    }

    pub fn expression(&self) -> String {
        self.clauses.join(" AND ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        terms(text).collect()
    }

    #[test]
    fn accents_and_case_do_not_change_the_terms() {
        assert_eq!(all("Coopératives ÉNERGÉTIQUES"), all("cooperatives energetiques"));
        assert_eq!(all("Coopératives ÉNERGÉTIQUES"), ["cooper", "energet"]);
    }

    #[test]
    fn singular_and_plural_share_a_stem() {
        assert_eq!(all("pôle"), all("pôles"));
        assert_eq!(all("territoire territoriaux"), ["territoir", "territorial"]);
    }

    #[test]
    fn stop_words_and_punctuation_are_dropped() {
        assert_eq!(all("L’économie de la Drôme, et des Alpes !"), ["econom", "drom", "alpe"]);
        assert_eq!(all("-- , ;"), Vec::<String>::new());
    }

    #[test]
    fn a_document_keeps_each_term_once_in_order() {
        assert_eq!(document(["Pôle Sud", "les pôles du Sud", "A-0007"]), "pol sud 0007");
    }

    #[test]
    fn a_query_matches_every_term_as_a_prefix_in_both_databases() {
        let query = Query::parse("  Coop énergie ").expect("valid").expect("terms");
        assert_eq!(query.terms(), ["coop", "energ"]);
        assert_eq!(query.fts5(), "\"coop\"* AND \"energ\"*");
        assert_eq!(query.tsquery(), "coop:* & energ:*");
    }

    #[test]
    fn an_empty_box_is_no_query_and_stop_words_alone_are_said_to_be_too_common() {
        assert_eq!(Query::parse("   "), Ok(None));
        assert_eq!(Query::parse("de la"), Err(QueryError::NoTerm));
        assert_eq!(Query::parse(&"x".repeat(201)), Err(QueryError::TooLong));
    }

    #[test]
    fn words_that_look_like_facets_are_neither_indexed_nor_searched() {
        assert_eq!(document(["qzncoorace Pôle qzsscreening"]), "pol");
        assert_eq!(Query::parse("qzncoorace"), Err(QueryError::NoTerm));
    }

    #[test]
    fn a_facet_token_is_its_mark_letter_and_folded_value() {
        assert_eq!(Facet::Department.token("2A"), "qzd2a");
        assert_eq!(Facet::State.token("correction_requested"), "qzscorrectionrequested");
        assert_eq!(Facet::Network.token("labo-ess"), "qznlaboess");
        assert_eq!(terms(&Facet::Sector.token("agriculture")).count(), 0, "no term can be one");
    }

    #[test]
    fn a_match_expression_joins_facets_groups_and_the_search() {
        let mut expression = Fts5Match::default();
        expression.require(Facet::Call, "0190abcd");
        assert!(expression.require_any(Facet::Network, &["coorace".into(), "rtes".into()]));
        expression.search(&Query::parse("coop").expect("valid").expect("terms"));
        assert_eq!(
            expression.expression(),
            "\"qzc0190abcd\" AND (\"qzncoorace\" OR \"qznrtes\") AND \"coop\"*"
        );
        assert!(!Fts5Match::default().require_any(Facet::Network, &[]));
    }

    #[test]
    fn a_query_keeps_at_most_eight_distinct_terms() {
        let query = Query::parse("un deux trois quatre cinq six sept huit neuf dix deux")
            .expect("valid")
            .expect("terms");
        assert_eq!(query.terms().len(), 8);
    }
}
