//! Decision letters as use cases: the current text of each outcome and language (the steering
//! group's latest version, or the call's default), saving a new version, filling a letter with a
//! dossier's values, its HTML for emails and pages, and the decision letter as PDF.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::letters::{LetterVersion, NewLetterVersion, ReleasedLetter};
use crate::domain::call::Call;
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::domain::review::{
    FieldIssue, Letter, LetterValues, Outcome, default_letter, parse_letter,
};
use crate::i18n;

/// The letters of a call: for each outcome and language, the text in force.
pub struct Texts {
    entries: Vec<Entry>,
    /// Every saved version, newest first.
    pub versions: Vec<LetterVersion>,
}

struct Entry {
    outcome: Outcome,
    lang: Lang,
    letter: Letter,
    /// The saved version in force; `None`: the call's default text.
    version: Option<LetterVersion>,
}

impl Texts {
    /// The letter in force for an outcome in a language.
    pub fn letter(&self, outcome: Outcome, lang: Lang) -> Letter {
        self.entries
            .iter()
            .find(|e| e.outcome == outcome && e.lang == lang)
            .map_or_else(|| default_letter(outcome, lang), |e| e.letter.clone())
    }

    /// The saved version in force, if the steering group saved one.
    pub fn version(&self, outcome: Outcome, lang: Lang) -> Option<&LetterVersion> {
        self.entries
            .iter()
            .find(|e| e.outcome == outcome && e.lang == lang)
            .and_then(|e| e.version.as_ref())
    }
}

/// The letters in force for a call.
pub async fn texts(app: &AppState, call_id: Uuid) -> anyhow::Result<Texts> {
    let versions = app.db.letter_versions(call_id).await?;
    let mut entries = Vec::new();
    for outcome in Outcome::ALL {
        for lang in [Lang::Fr, Lang::En] {
            let latest =
                versions.iter().find(|v| v.outcome == outcome.code() && v.lang == lang.code());
            let parsed = latest.map(|v| (v, parse_letter(&v.subject, &v.body)));
            let (letter, version) = match parsed {
                Some((v, Ok(letter))) => (letter, Some(v.clone())),
                Some((_, Err(issues))) => {
                    // Saved texts are checked first; one that no longer reads (a variable gone)
                    // gives way to the default rather than sending a broken letter.
                    tracing::warn!(?issues, outcome = outcome.code(), "stored letter unreadable");
                    (default_letter(outcome, lang), None)
                }
                None => (default_letter(outcome, lang), None),
            };
            entries.push(Entry { outcome, lang, letter, version });
        }
    }
    Ok(Texts { entries, versions })
}

/// Saves a new version of a letter, once checked; the issues on `subject` and `body` otherwise.
#[allow(clippy::too_many_arguments, reason = "one saved version")]
pub async fn save(
    app: &AppState,
    account: &Account,
    call_id: Uuid,
    outcome: Outcome,
    lang: Lang,
    subject: &str,
    body: &str,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Result<(), Vec<FieldIssue>>> {
    let letter = match parse_letter(subject, body) {
        Ok(letter) => letter,
        Err(issues) => return Ok(Err(issues)),
    };
    let new = NewLetterVersion {
        call_id,
        outcome: outcome.code(),
        lang: lang.code(),
        subject: letter.subject.source(),
        body: letter.body.source(),
    };
    app.db.save_letter_version(&new, account.id, client, now).await?;
    Ok(Ok(()))
}

/// What a letter says about a dossier.
pub struct DossierFacts<'a> {
    pub id: Uuid,
    pub reference: &'a str,
    pub title: &'a str,
    pub organisation: &'a str,
    /// The track's slug once the decision is released.
    pub track: &'a str,
}

/// The address of a dossier for its candidate.
pub fn dossier_link(base: &str, id: Uuid) -> String {
    format!("{}/espace/dossiers/{id}", base.trim_end_matches('/'))
}

/// The address of a dossier's decision letter (PDF) for its candidate.
pub fn letter_link(base: &str, id: Uuid) -> String {
    format!("{}/decision.pdf", dossier_link(base, id))
}

/// A dossier's values in a language.
pub fn values(
    base: &str,
    call: &Call,
    dossier: &DossierFacts<'_>,
    outcome: Outcome,
    motivation: &str,
    lang: Lang,
) -> LetterValues {
    let track = call
        .tracks
        .iter()
        .find(|t| t.slug == dossier.track)
        .map_or_else(|| dossier.track.to_owned(), |t| t.name.get(lang).to_owned());
    LetterValues {
        title: dossier.title.to_owned(),
        reference: dossier.reference.to_owned(),
        organisation: dossier.organisation.to_owned(),
        track,
        decision: outcome.label(lang).to_owned(),
        motivation: motivation.to_owned(),
        link: dossier_link(base, dossier.id),
        call: call.title.get(lang).to_owned(),
    }
}

/// Raw HTML is not part of a letter: `<` and `&` are written as they are typed.
fn literal(body: &str) -> String {
    body.replace('&', "&amp;").replace('<', "&lt;")
}

/// A letter's body (plain text, simple Markdown) as safe HTML: each line break kept, web
/// addresses made links.
pub fn body_html(body: &str) -> String {
    let source = literal(body);
    let mut events = Vec::new();
    let mut in_link = false;
    for event in Parser::new(&source) {
        match event {
            Event::SoftBreak => events.push(Event::HardBreak),
            Event::Start(Tag::Link { .. }) => {
                in_link = true;
                events.push(event);
            }
            Event::End(TagEnd::Link) => {
                in_link = false;
                events.push(event);
            }
            Event::Text(text) if !in_link => linked(&text, &mut events),
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    ammonia::Builder::default().link_rel(Some("noopener noreferrer")).clean(&html).to_string()
}

/// Text with its `http(s)://` addresses as links.
fn linked(text: &str, events: &mut Vec<Event<'_>>) {
    let mut rest = text;
    while let Some(start) = rest.find("https://").or_else(|| rest.find("http://")) {
        let end = rest[start..].find(char::is_whitespace).map_or(rest.len(), |n| start + n);
        // A sentence's final punctuation is not part of the address.
        let url = rest[start..end].trim_end_matches(['.', ',', ';', ':', ')', '»']);
        let end = start + url.len();
        if start > 0 {
            events.push(Event::Text(rest[..start].to_owned().into()));
        }
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: url.to_owned().into(),
            title: "".into(),
            id: "".into(),
        }));
        events.push(Event::Text(url.to_owned().into()));
        events.push(Event::End(TagEnd::Link));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        events.push(Event::Text(rest.to_owned().into()));
    }
}

/// A letter's body as PDF blocks: paragraphs (line breaks kept), list items, headings.
pub fn body_blocks(body: &str) -> Vec<ptce_pdf::Block> {
    let source = literal(body);
    let mut blocks = Vec::new();
    let mut text = String::new();
    let mut heading = false;
    for event in Parser::new(&source) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Item) => text.push_str("• "),
            Event::Start(Tag::Heading { .. }) => heading = true,
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                let done = std::mem::take(&mut text);
                let done = done.trim();
                if !done.is_empty() {
                    blocks.push(if heading {
                        ptce_pdf::Block::SubHeading(done.to_owned())
                    } else {
                        ptce_pdf::Block::Paragraph(done.to_owned())
                    });
                }
                heading = false;
            }
            _ => {}
        }
    }
    blocks
}

/// The decision letter of a dossier as a PDF document.
pub fn document(
    lang: Lang,
    call: &Call,
    reference: &str,
    organisation: &str,
    letter: &ReleasedLetter,
) -> ptce_pdf::Document {
    let t = |key: &str| i18n::t(lang, key);
    let mut meta = vec![
        (t("decisions-pdf-reference"), reference.to_owned()),
        (t("decisions-pdf-organisation"), organisation.to_owned()),
        (t("decisions-pdf-date"), i18n::date(lang, paris::date_of(letter.released_at))),
    ];
    meta.retain(|(_, value)| !value.is_empty());
    ptce_pdf::Document {
        lang: match lang {
            Lang::Fr => ptce_pdf::Lang::Fr,
            Lang::En => ptce_pdf::Lang::En,
        },
        title: letter.subject.clone(),
        subtitle: Some(call.title.get(lang).to_owned()),
        meta,
        blocks: body_blocks(&letter.body),
        footer: format!("{} — {}", call.title.get(lang), reference),
        created_at: Some(letter.released_at),
    }
}

/// Renders the letter (CPU-bound: call it with `spawn_blocking`).
pub fn render(doc: &ptce_pdf::Document) -> anyhow::Result<Vec<u8>> {
    ptce_pdf::render(doc).map_err(|e| anyhow::anyhow!("rendering a decision letter: {e}"))
}

/// The file name of a dossier's decision letter.
pub fn filename(lang: Lang, reference: &str) -> String {
    match lang {
        Lang::Fr => format!("decision-{reference}.pdf"),
        Lang::En => format!("decision-letter-{reference}.pdf"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_body_keeps_its_line_breaks_links_its_addresses_and_writes_html_as_text() {
        let html = body_html(
            "Madame,\nMonsieur,\n\nVotre dossier **est retenu** : https://ptce.example/d/1.\n\n\
             <script>alert(1)</script> & Cie",
        );
        assert_eq!(
            html,
            "<p>Madame,<br>\nMonsieur,</p>\n<p>Votre dossier <strong>est retenu</strong> : \
             <a href=\"https://ptce.example/d/1\" rel=\"noopener noreferrer\">\
             https://ptce.example/d/1</a>.</p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \
             Cie</p>\n"
        );
    }

    #[test]
    fn a_letter_body_becomes_paragraphs_and_list_items_in_the_pdf() {
        let blocks = body_blocks("Bonjour,\nà vous.\n\n- **un** <point>\n- deux\n\nFin");
        assert_eq!(
            blocks,
            [
                ptce_pdf::Block::Paragraph("Bonjour,\nà vous.".into()),
                ptce_pdf::Block::Paragraph("• un <point>".into()),
                ptce_pdf::Block::Paragraph("• deux".into()),
                ptce_pdf::Block::Paragraph("Fin".into()),
            ]
        );
    }
}
