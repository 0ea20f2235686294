//! The receipt (récépissé) of a submission: a PDF with the dossier's whole content as submitted,
//! the submission instant in Paris time and the SHA-256 of the submitted content.

use time::OffsetDateTime;

use crate::db::dossiers::Dossier;
use crate::domain::call::Call;
use crate::domain::form::{self, Answers, Context, FormSchema, Kind};
use crate::domain::lang::Lang;
use crate::i18n;

/// What a receipt shows.
pub struct ReceiptInput<'a> {
    pub lang: Lang,
    pub call: &'a Call,
    pub dossier: &'a Dossier,
    pub organisation: &'a str,
    pub schema: &'a FormSchema,
    pub answers: &'a Answers,
    pub ctx: &'a Context<'a>,
    pub number: i64,
    pub submitted_at: OffsetDateTime,
    pub sha256: &'a str,
}

/// The name of the receipt file: `recepisse-A-0007-1.pdf`.
pub fn filename(reference: &str, number: i64) -> String {
    format!("recepisse-{reference}-{number}.pdf")
}

/// Renders a laid-out receipt to PDF bytes (CPU-bound: run it with `spawn_blocking`).
pub fn render(doc: &ptce_pdf::Document) -> Result<Vec<u8>, anyhow::Error> {
    ptce_pdf::render(doc).map_err(|e| anyhow::anyhow!("rendering the receipt: {e}"))
}

/// The receipt's content as layout blocks: the meta lines, then every visible section.
pub fn document(input: &ReceiptInput<'_>) -> ptce_pdf::Document {
    let lang = input.lang;
    let t = |key: &str| i18n::t(lang, key);
    let track = input
        .call
        .tracks
        .iter()
        .find(|tr| tr.slug == input.dossier.track)
        .map(|tr| tr.name.get(lang).to_owned())
        .unwrap_or_else(|| input.dossier.track.clone());
    let mut meta = vec![
        (t("receipt-reference"), input.dossier.reference.clone()),
        (t("receipt-track"), track),
        (t("receipt-organisation"), input.organisation.to_owned()),
        (t("receipt-submitted-at"), i18n::timestamp(lang, input.submitted_at)),
        (t("receipt-number"), input.number.to_string()),
        (t("receipt-sha256"), input.sha256.to_owned()),
    ];
    meta.retain(|(_, value)| !value.is_empty());
    let mut blocks = vec![ptce_pdf::Block::Notice(t("receipt-notice"))];
    for section in &input.schema.sections {
        if !input.schema.section_visible(&section.key, input.answers) {
            continue;
        }
        blocks.push(ptce_pdf::Block::Heading(section.title.get(lang).to_owned()));
        for field in input.schema.visible_fields(section, input.answers) {
            let label = field.label.get(lang).to_owned();
            match &field.kind {
                Kind::Heading => blocks.push(ptce_pdf::Block::SubHeading(label)),
                Kind::Table { columns, .. } => {
                    blocks.push(ptce_pdf::Block::SubHeading(label));
                    let rows: Vec<Vec<String>> = input
                        .answers
                        .rows(&field.key)
                        .iter()
                        .map(|row| {
                            columns
                                .iter()
                                .map(|column| {
                                    form::display(column, row.get(&column.key), lang, input.ctx)
                                })
                                .collect()
                        })
                        .collect();
                    if rows.is_empty() {
                        blocks.push(ptce_pdf::Block::Paragraph(t("receipt-no-rows")));
                    } else {
                        blocks.push(ptce_pdf::Block::Table {
                            columns: columns.iter().map(|c| c.label.get(lang).to_owned()).collect(),
                            rows,
                        });
                    }
                }
                _ => {
                    let value =
                        form::display(field, input.answers.get(&field.key), lang, input.ctx);
                    let value = if value.is_empty() { t("receipt-no-answer") } else { value };
                    blocks.push(ptce_pdf::Block::Field { label, value });
                }
            }
        }
    }
    ptce_pdf::Document {
        lang: match lang {
            Lang::Fr => ptce_pdf::Lang::Fr,
            Lang::En => ptce_pdf::Lang::En,
        },
        title: t("receipt-title"),
        subtitle: Some(input.dossier.title.clone()),
        meta,
        blocks,
        footer: format!("{} — {}", input.call.title.get(lang), input.dossier.reference),
        created_at: Some(input.submitted_at),
    }
}
