//! The decision letters the steering group writes, one per outcome and language: a subject and a
//! body in plain text (simple Markdown allowed) with `{variables}` taken from the dossier.
//!
//! [`LetterText::parse`] reads a text and refuses an unknown variable or an unclosed brace with
//! its line and column; [`LetterText::fill`] puts the dossier's values in. `{{` writes a brace.
//! The default letters of the 2011 call are data (`data/letters/2011.toml`).

use std::sync::LazyLock;

use serde::Deserialize;

use super::FieldIssue;
use super::decision::Outcome;
use crate::domain::form::Message;
use crate::domain::lang::Lang;

/// The longest subject kept (it is one line of an email).
pub const SUBJECT_MAX_CHARS: usize = 200;
/// The longest body kept.
pub const BODY_MAX_CHARS: usize = 20_000;

/// A value of the dossier a letter may quote. The names are what the steering group types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variable {
    Title,
    Reference,
    Organisation,
    Track,
    Decision,
    Motivation,
    Link,
    Call,
}

impl Variable {
    pub const ALL: [Variable; 8] = [
        Variable::Title,
        Variable::Reference,
        Variable::Organisation,
        Variable::Track,
        Variable::Decision,
        Variable::Motivation,
        Variable::Link,
        Variable::Call,
    ];

    /// The name between braces: `titre` for `{titre}`.
    pub const fn name(self) -> &'static str {
        match self {
            Variable::Title => "titre",
            Variable::Reference => "reference",
            Variable::Organisation => "organisation",
            Variable::Track => "parcours",
            Variable::Decision => "decision",
            Variable::Motivation => "motivation",
            Variable::Link => "lien",
            Variable::Call => "appel",
        }
    }

    pub fn parse(name: &str) -> Option<Variable> {
        Variable::ALL.into_iter().find(|v| v.name() == name)
    }

    /// What the variable holds, for the list next to the editor.
    pub fn description(self) -> Message {
        let (fr, en) = match self {
            Variable::Title => {
                ("le nom du pôle ou de l’initiative", "the pole’s or initiative’s name")
            }
            Variable::Reference => ("la référence du dossier", "the dossier’s reference"),
            Variable::Organisation => ("la structure candidate", "the applicant organisation"),
            Variable::Track => (
                "le parcours du dossier une fois la décision publiée (le nouveau pour une \
                 réorientation)",
                "the dossier’s track once the decision is released (the new one for a redirection)",
            ),
            Variable::Decision => ("la décision (« Retenu »…)", "the decision (“Selected”…)"),
            Variable::Motivation => {
                ("la motivation du comité de pilotage", "the steering group’s motivation")
            }
            Variable::Link => {
                ("le lien vers le dossier du candidat", "the link to the applicant’s dossier")
            }
            Variable::Call => ("le nom de l’appel", "the call’s name"),
        };
        Message::new(fr, en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Var(Variable),
}

/// A text with `{variables}`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterText {
    source: String,
    pieces: Vec<Piece>,
}

/// Why a text was refused, and where: line and column count from 1, in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// `{nom}` where `nom` is not a variable.
    Unknown { name: String, line: usize, column: usize },
    /// A `{` with no `}` before the end of its line.
    Unclosed { line: usize, column: usize },
}

impl TextError {
    pub fn message(&self) -> Message {
        let known_fr: Vec<String> =
            Variable::ALL.iter().map(|v| format!("{{{}}}", v.name())).collect();
        let known = known_fr.join(", ");
        match self {
            TextError::Unknown { name, line, column } => Message::new(
                format!(
                    "La variable {{{name}}} n’existe pas (ligne {line}, caractère {column}). \
                     Variables possibles : {known}."
                ),
                format!(
                    "There is no variable {{{name}}} (line {line}, character {column}). \
                     Variables you can use: {known}."
                ),
            ),
            TextError::Unclosed { line, column } => Message::new(
                format!(
                    "Accolade ouverte sans accolade fermante (ligne {line}, caractère {column}) : \
                     fermez la variable par }}, ou écrivez {{{{ pour une accolade seule."
                ),
                format!(
                    "Opening brace without a closing one (line {line}, character {column}): close \
                     the variable with }}, or write {{{{ for a brace on its own."
                ),
            ),
        }
    }
}

impl LetterText {
    /// Reads a text: `{name}` is a variable (spaces inside the braces are allowed), `{{` a
    /// brace; a `}` on its own is kept as it is. Refuses the first mistake found.
    pub fn parse(source: &str) -> Result<LetterText, TextError> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        for (index, line) in source.split('\n').enumerate() {
            if index > 0 {
                text.push('\n');
            }
            let chars: Vec<char> = line.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                if c != '{' {
                    text.push(c);
                    i += 1;
                    continue;
                }
                if chars.get(i + 1) == Some(&'{') {
                    text.push('{');
                    i += 2;
                    continue;
                }
                let (line_no, column) = (index + 1, i + 1);
                let Some(close) = chars[i + 1..].iter().position(|&c| c == '}' || c == '{') else {
                    return Err(TextError::Unclosed { line: line_no, column });
                };
                if chars[i + 1 + close] == '{' {
                    return Err(TextError::Unclosed { line: line_no, column });
                }
                let name: String = chars[i + 1..i + 1 + close].iter().collect();
                let name = name.trim();
                let Some(variable) = Variable::parse(name) else {
                    return Err(TextError::Unknown {
                        name: name.to_owned(),
                        line: line_no,
                        column,
                    });
                };
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Var(variable));
                i += close + 2;
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(LetterText { source: source.to_owned(), pieces })
    }

    /// The text as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The variables used, in order of first use.
    pub fn variables(&self) -> Vec<Variable> {
        let mut used = Vec::new();
        for piece in &self.pieces {
            if let Piece::Var(v) = piece
                && !used.contains(v)
            {
                used.push(*v);
            }
        }
        used
    }

    /// The text with each variable replaced by `value(variable)`.
    pub fn fill(&self, value: impl Fn(Variable) -> String) -> String {
        let mut out = String::with_capacity(self.source.len() * 2);
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Var(v) => out.push_str(&value(*v)),
            }
        }
        out
    }
}

/// The values of one dossier, in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterValues {
    pub title: String,
    pub reference: String,
    pub organisation: String,
    pub track: String,
    pub decision: String,
    pub motivation: String,
    pub link: String,
    pub call: String,
}

impl LetterValues {
    pub fn get(&self, variable: Variable) -> &str {
        match variable {
            Variable::Title => &self.title,
            Variable::Reference => &self.reference,
            Variable::Organisation => &self.organisation,
            Variable::Track => &self.track,
            Variable::Decision => &self.decision,
            Variable::Motivation => &self.motivation,
            Variable::Link => &self.link,
            Variable::Call => &self.call,
        }
    }
}

/// A checked letter: subject and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: LetterText,
    pub body: LetterText,
}

impl Letter {
    /// The subject (one line) and the body, filled with a dossier's values.
    pub fn fill(&self, values: &LetterValues) -> (String, String) {
        let subject = self.subject.fill(|v| values.get(v).to_owned());
        let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
        (subject, self.body.fill(|v| values.get(v).to_owned()))
    }
}

/// Reads a posted letter: `subject` (one line, required) and `body` (required). Every issue is
/// reported at once, each on its field.
pub fn parse_letter(subject: &str, body: &str) -> Result<Letter, Vec<FieldIssue>> {
    let subject = subject.trim();
    let body = body.replace("\r\n", "\n");
    let body = body.trim_matches('\n').trim_end();
    let subject = if subject.contains('\n') {
        Err(FieldIssue::new(
            "subject",
            "L’objet tient sur une seule ligne.",
            "The subject fits on one line.",
        ))
    } else {
        checked("subject", subject, SUBJECT_MAX_CHARS)
    };
    let body = checked("body", body, BODY_MAX_CHARS);
    match (subject, body) {
        (Ok(subject), Ok(body)) => Ok(Letter { subject, body }),
        (subject, body) => Err([subject.err(), body.err()].into_iter().flatten().collect()),
    }
}

/// One field of a letter: required, not too long, and a valid text.
fn checked(field: &str, text: &str, max: usize) -> Result<LetterText, FieldIssue> {
    if text.is_empty() {
        return Err(FieldIssue::new(field, "Ce texte est obligatoire.", "This text is required."));
    }
    if text.chars().count() > max {
        return Err(FieldIssue::new(
            field,
            format!("Ce texte ne doit pas dépasser {max} caractères."),
            format!("This text must not exceed {max} characters."),
        ));
    }
    LetterText::parse(text)
        .map_err(|error| FieldIssue { field: field.to_owned(), message: error.message() })
}

/// The default letters of the 2011 call, as shipped.
pub const DEFAULTS_2011: &str = include_str!("../../../data/letters/2011.toml");

#[derive(Deserialize)]
struct DefaultsFile {
    letters: Vec<DefaultEntry>,
}

#[derive(Deserialize)]
struct DefaultEntry {
    outcome: String,
    lang: String,
    subject: String,
    body: String,
}

static DEFAULTS: LazyLock<Vec<(Outcome, Lang, Letter)>> = LazyLock::new(|| {
    let file: DefaultsFile = match toml::from_str(DEFAULTS_2011) {
        Ok(file) => file,
        Err(e) => panic!("data/letters/2011.toml is not valid: {e}"),
    };
    file.letters
        .into_iter()
        .map(|entry| {
            let outcome = Outcome::parse(&entry.outcome)
                .unwrap_or_else(|| panic!("data/letters/2011.toml: outcome {}", entry.outcome));
            let lang = Lang::parse(&entry.lang)
                .unwrap_or_else(|| panic!("data/letters/2011.toml: lang {}", entry.lang));
            let letter = parse_letter(&entry.subject, &entry.body).unwrap_or_else(|issues| {
                panic!("data/letters/2011.toml: {} {}: {issues:?}", entry.outcome, entry.lang)
            });
            (outcome, lang, letter)
        })
        .collect()
});

/// The default letter of an outcome in a language (every pair has one: a unit test says so).
pub fn default_letter(outcome: Outcome, lang: Lang) -> Letter {
    DEFAULTS
        .iter()
        .find(|(o, l, _)| *o == outcome && *l == lang)
        .map(|(_, _, letter)| letter.clone())
        .unwrap_or_else(|| panic!("data/letters/2011.toml has no letter {outcome} {lang:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> LetterValues {
        LetterValues {
            title: "Pôle Sud Archer".into(),
            reference: "A-0007".into(),
            organisation: "Archer".into(),
            track: "PTCE opérationnel".into(),
            decision: "Retenu".into(),
            motivation: "Coopération exemplaire.".into(),
            link: "https://ptce.example/espace/dossiers/1".into(),
            call: "Appel PTCE".into(),
        }
    }

    #[test]
    fn every_variable_is_replaced_by_the_dossier_s_value() {
        let text = LetterText::parse(
            "{titre} ({reference}), {organisation}, {parcours} : {decision}. {motivation} {lien} — {appel}",
        )
        .expect("valid");
        assert_eq!(
            text.fill(|v| values().get(v).to_owned()),
            "Pôle Sud Archer (A-0007), Archer, PTCE opérationnel : Retenu. Coopération exemplaire. \
             https://ptce.example/espace/dossiers/1 — Appel PTCE"
        );
        assert_eq!(text.variables().len(), 8);
    }

    #[test]
    fn a_double_brace_writes_a_brace_and_spaces_inside_braces_are_allowed() {
        let text = LetterText::parse("{{ {{titre}} { titre }\n} seule").expect("valid");
        assert_eq!(
            text.fill(|v| values().get(v).to_owned()),
            "{ {titre}} Pôle Sud Archer\n} seule"
        );
        assert_eq!(text.variables(), [Variable::Title]);
    }

    #[test]
    fn an_unknown_variable_is_refused_with_its_line_and_column() {
        let error =
            LetterText::parse("Bonjour,\nVotre dossier {numero} est retenu.").expect_err("refused");
        assert_eq!(error, TextError::Unknown { name: "numero".into(), line: 2, column: 15 });
        assert_eq!(
            error.message().fr,
            "La variable {numero} n’existe pas (ligne 2, caractère 15). Variables possibles : \
             {titre}, {reference}, {organisation}, {parcours}, {decision}, {motivation}, {lien}, \
             {appel}."
        );
        assert_eq!(
            LetterText::parse("{}").expect_err("refused"),
            TextError::Unknown { name: String::new(), line: 1, column: 1 }
        );
    }

    #[test]
    fn an_unclosed_brace_is_refused_where_it_opens() {
        assert_eq!(
            LetterText::parse("Objet : {titre").expect_err("refused"),
            TextError::Unclosed { line: 1, column: 9 }
        );
        assert_eq!(
            LetterText::parse("{titre\n}").expect_err("refused"),
            TextError::Unclosed { line: 1, column: 1 }
        );
        let error = LetterText::parse("é {titre {reference}").expect_err("refused");
        assert_eq!(error, TextError::Unclosed { line: 1, column: 3 });
        assert_eq!(
            error.message().en,
            "Opening brace without a closing one (line 1, character 3): close the variable with }, \
             or write {{ for a brace on its own."
        );
    }

    #[test]
    fn a_letter_reports_each_field_s_issue_at_once() {
        let Err(issues) = parse_letter("", "Bonjour {nom}") else { panic!("refused") };
        let found: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(found, ["subject", "body"]);
        assert_eq!(issues[0].message.fr, "Ce texte est obligatoire.");
        assert!(
            issues[1]
                .message
                .fr
                .starts_with("La variable {nom} n’existe pas (ligne 1, caractère 9).")
        );
        let Err(issues) = parse_letter("Objet", &"x".repeat(BODY_MAX_CHARS + 1)) else {
            panic!("refused")
        };
        assert_eq!(issues[0].message.en, "This text must not exceed 20000 characters.");
    }

    #[test]
    fn a_filled_subject_stays_on_one_line() {
        let letter = parse_letter("Décision : {motivation}", "{motivation}\r\n").expect("valid");
        let mut v = values();
        v.motivation = "Deux\nlignes".into();
        assert_eq!(
            letter.fill(&v),
            ("Décision : Deux lignes".to_owned(), "Deux\nlignes".to_owned())
        );
    }

    #[test]
    fn the_2011_call_has_a_default_letter_for_every_outcome_in_both_languages() {
        for outcome in Outcome::ALL {
            for lang in [Lang::Fr, Lang::En] {
                let letter = default_letter(outcome, lang);
                let used = letter.body.variables();
                assert!(used.contains(&Variable::Motivation), "{outcome} {lang:?}");
                assert!(used.contains(&Variable::Reference), "{outcome} {lang:?}");
                assert!(used.contains(&Variable::Link), "{outcome} {lang:?}");
            }
        }
        assert_eq!(DEFAULTS.len(), 12);
    }
}
