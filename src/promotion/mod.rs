//! Promotion of the network to decision-makers and partners: the one-page printable
//! presentation of a published pole and of the whole network (PDF), built from public data
//! only (a pole's published content, already reduced to its public groups), shortened until it
//! fits on one page; and the reading of the call's institutional partners for /partenaires.

pub mod map;

use std::collections::BTreeMap;

use fluent_templates::fluent_bundle::FluentValue;
use ptce_pdf::{Block, Color, Document, Figure};

use crate::domain::lang::Lang;
use crate::domain::partner::PartnerKind;
use crate::i18n;
use map::Marker;

/// Most members a presentation lists (the others are counted).
const MAX_MEMBERS: usize = 30;
/// Shortest description kept before the members are cut further.
const DESCRIPTION_STEPS: [usize; 4] = [900, 600, 380, 200];

/// A published pole as its presentation shows it: labels resolved, public groups only (the
/// web layer fills it from the pole's published content).
#[derive(Debug, Clone, Default)]
pub struct PoleSheet {
    pub name: String,
    pub acronym: String,
    pub track: String,
    pub year: i32,
    /// "Romans-sur-Isère (26 — Drôme)".
    pub place: String,
    /// "Drôme · Rhône-Alpes (région en 2011) · Auvergne-Rhône-Alpes".
    pub areas: String,
    /// The lead commune's current region, for the map.
    pub region_code: String,
    pub communes: Vec<String>,
    pub description: String,
    /// (name, category label).
    pub members: Vec<(String, String)>,
    pub sectors: Vec<String>,
    pub profile: String,
    pub mutualisations: Vec<String>,
    pub website: String,
    pub contact_name: String,
    pub contact_email: String,
    /// Where the pole is: its own point, else its lead commune's (latitude, longitude).
    pub point: Option<(f64, f64)>,
    /// The communes where it works, as points.
    pub commune_points: Vec<(f64, f64)>,
    /// The lead commune's name, the map's label.
    pub town: String,
    /// The public page's full address.
    pub link: String,
}

/// "Texte coupé…" at a word boundary, at most `max` characters.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max).collect();
    if let Some(space) = out.rfind(char::is_whitespace) {
        out.truncate(space);
    }
    format!("{}…", out.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A category label without its examples in brackets: "Entreprise de l’ESS (association,
/// coopérative…)" → "Entreprise de l’ESS", so that a member holds on one line.
fn short_label(label: &str) -> &str {
    label.split_once(" (").map_or(label, |(short, _)| short).trim()
}

fn count(lang: Lang, key: &str, n: usize) -> String {
    i18n::t_args(lang, key, &[("count", FluentValue::from(n))])
}

/// The pole's presentation with at most `description` characters of its text and `members`
/// members listed.
fn pole_document(sheet: &PoleSheet, lang: Lang, description: usize, members: usize) -> Document {
    let t = |key: &str| i18n::t(lang, key);
    let title = if sheet.acronym.is_empty() || sheet.acronym == sheet.name {
        sheet.name.clone()
    } else {
        format!("{} ({})", sheet.name, sheet.acronym)
    };
    let mut meta = vec![
        (
            t("promotion-sheet-track"),
            format!("{} — {} {}", sheet.track, t("poles-selected-in"), sheet.year),
        ),
        (t("poles-place"), sheet.place.clone()),
        (t("poles-areas"), sheet.areas.clone()),
    ];
    // Key indicators: what the public data says today.
    let mut figures = Vec::new();
    if !sheet.members.is_empty() {
        figures.push(count(lang, "promotion-sheet-members-count", sheet.members.len()));
    }
    if !sheet.communes.is_empty() {
        figures.push(count(lang, "promotion-sheet-communes-count", sheet.communes.len()));
    }
    if !sheet.sectors.is_empty() {
        figures.push(count(lang, "promotion-sheet-sectors-count", sheet.sectors.len()));
    }
    if !figures.is_empty() {
        meta.push((t("promotion-sheet-figures"), figures.join(" · ")));
    }
    if !sheet.sectors.is_empty() {
        meta.push((t("poles-sectors"), sheet.sectors.join(", ")));
    }
    if !sheet.profile.is_empty() {
        meta.push((t("poles-profile"), sheet.profile.clone()));
    }
    if !sheet.mutualisations.is_empty() {
        meta.push((t("poles-mutualisations"), sheet.mutualisations.join(", ")));
    }
    let mut blocks = vec![Block::Figure(pole_map(sheet, lang))];
    if !sheet.description.is_empty() {
        blocks.push(Block::Heading(t("poles-description")));
        blocks.push(Block::Paragraph(cut(&sheet.description, description)));
    }
    if !sheet.members.is_empty() {
        blocks.push(Block::Heading(format!("{} ({})", t("poles-members"), sheet.members.len())));
        let shown = members.min(sheet.members.len());
        blocks.push(Block::Table {
            columns: vec![t("promotion-sheet-member"), t("promotion-sheet-category")],
            rows: sheet.members[..shown]
                .iter()
                .map(|(n, c)| vec![n.clone(), short_label(c).to_owned()])
                .collect(),
        });
        if shown < sheet.members.len() {
            blocks.push(Block::Paragraph(count(
                lang,
                "promotion-sheet-and-others",
                sheet.members.len() - shown,
            )));
        }
    }
    let contact: Vec<(String, String)> = [
        (t("promotion-sheet-contact-name"), sheet.contact_name.clone()),
        (t("promotion-sheet-contact-email"), sheet.contact_email.clone()),
        (t("poles-website"), sheet.website.clone()),
        (t("promotion-sheet-page"), sheet.link.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    blocks.push(Block::Heading(t("poles-contact")));
    blocks.push(Block::Table {
        columns: Vec::new(),
        rows: contact.into_iter().map(|(l, v)| vec![l, v]).collect(),
    });
    Document {
        lang: pdf_lang(lang),
        title,
        subtitle: Some(t("promotion-sheet-subtitle")),
        meta,
        blocks,
        footer: format!("{} — {}", t("promotion-footer"), sheet.link),
        created_at: None,
    }
}

fn pdf_lang(lang: Lang) -> ptce_pdf::Lang {
    match lang {
        Lang::Fr => ptce_pdf::Lang::Fr,
        Lang::En => ptce_pdf::Lang::En,
    }
}

/// France with the pole's region highlighted and its point, beside its region alone with the
/// communes where it works.
fn pole_map(sheet: &PoleSheet, lang: Lang) -> Figure {
    let (width, height) = (481.0, 185.0);
    let markers: Vec<Marker> = sheet
        .point
        .map(|(latitude, longitude)| Marker { latitude, longitude, large: true })
        .into_iter()
        .collect();
    let region = sheet.region_code.clone();
    let fill = move |code: &str| if code == region { map::HIGHLIGHT } else { map::NEUTRAL };
    let mut shapes = map::france(250.0, height, &fill, &markers);
    shapes.extend(map::region(
        &sheet.region_code,
        (275.0, 0.0, width - 275.0, height),
        sheet.point,
        &sheet.commune_points,
        &sheet.town,
    ));
    let alt = i18n::t_args(
        lang,
        "promotion-sheet-map-alt",
        &[
            ("name", FluentValue::from(sheet.name.as_str())),
            ("place", FluentValue::from(sheet.place.as_str())),
            ("areas", FluentValue::from(sheet.areas.as_str())),
            ("count", FluentValue::from(sheet.communes.len())),
        ],
    );
    Figure { alt, width, height, shapes }
}

/// The one-page presentation of a pole: everything while it fits, then a shorter description
/// and fewer members listed ("… et N autres"), until it does.
pub fn pole_pdf(sheet: &PoleSheet, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let doc = fit(|step| pole_step(sheet, lang, step))?;
    ptce_pdf::render(&doc).map_err(|e| anyhow::anyhow!("rendering a pole's presentation: {e}"))
}

/// Try `step` of a pole's presentation: the description shortened first, then the members
/// listed one fewer at a time (at most [`MAX_MEMBERS`], at least 3).
fn pole_step(sheet: &PoleSheet, lang: Lang, step: usize) -> Document {
    let description = DESCRIPTION_STEPS[step.min(DESCRIPTION_STEPS.len() - 1)];
    let cut_members = step.saturating_sub(DESCRIPTION_STEPS.len() - 1);
    let members = sheet.members.len().min(MAX_MEMBERS).saturating_sub(cut_members).max(3);
    pole_document(sheet, lang, description, members)
}

/// The first of `document(0)`, `document(1)`… that fits on one page (the last tried when none
/// does: the content can only shrink so far).
fn fit(document: impl Fn(usize) -> Document) -> anyhow::Result<Document> {
    const TRIES: usize = 60;
    for step in 0..TRIES {
        let doc = document(step);
        if ptce_pdf::page_count(&doc).map_err(|e| anyhow::anyhow!("laying out: {e}"))? <= 1 {
            return Ok(doc);
        }
    }
    Ok(document(TRIES))
}

/// A published pole as the network's presentation lists it.
#[derive(Debug, Clone, Default)]
pub struct NetworkPole {
    pub name: String,
    /// "Romans-sur-Isère (26)".
    pub place: String,
    pub track: String,
    pub year: i32,
    /// The current region's name and code.
    pub region: String,
    pub region_code: String,
    pub sectors: Vec<String>,
    pub point: Option<(f64, f64)>,
}

/// What the network's presentation says around its poles.
pub struct NetworkTexts {
    pub title: String,
    /// "Appel 2011".
    pub call: String,
    /// The directory's full address.
    pub directory: String,
}

/// (label, count), most first then by label.
fn tally<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for label in labels.filter(|l| !l.is_empty()) {
        *counts.entry(label).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> =
        counts.into_iter().map(|(l, n)| (l.to_owned(), n)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn tally_table(lang: Lang, first: &str, rows: &[(String, usize)]) -> Block {
    Block::Table {
        columns: vec![first.to_owned(), i18n::t(lang, "promotion-network-poles")],
        rows: rows.iter().map(|(l, n)| vec![l.clone(), n.to_string()]).collect(),
    }
}

fn tally_line(rows: &[(String, usize)]) -> String {
    rows.iter().map(|(l, n)| format!("{l} : {n}")).collect::<Vec<_>>().join(" · ")
}

/// The network's presentation: counts by track, region and sector as tables (as lines when
/// tables do not fit), the map, and the poles listed (as many as fit, then "… et N autres").
fn network_document(
    poles: &[NetworkPole],
    texts: &NetworkTexts,
    lang: Lang,
    compact: bool,
    listed: usize,
) -> Document {
    let t = |key: &str| i18n::t(lang, key);
    let by_track = tally(poles.iter().map(|p| p.track.as_str()));
    let by_region = tally(poles.iter().map(|p| p.region.as_str()));
    let by_sector = tally(poles.iter().flat_map(|p| p.sectors.iter().map(String::as_str)));
    let meta = vec![
        (t("promotion-network-count"), poles.len().to_string()),
        (t("promotion-network-by-track"), tally_line(&by_track)),
        (
            t("promotion-network-regions"),
            count(lang, "promotion-network-regions-count", by_region.len()),
        ),
    ];
    let mut region_counts: BTreeMap<&str, u32> = BTreeMap::new();
    for pole in poles {
        *region_counts.entry(pole.region_code.as_str()).or_default() += 1;
    }
    let max = region_counts.values().copied().max().unwrap_or(0);
    let fill = |code: &str| {
        let n = region_counts.get(code).copied().unwrap_or(0);
        hex(crate::domain::territory::map::fill(n, max))
    };
    let markers: Vec<Marker> = poles
        .iter()
        .filter_map(|p| p.point)
        .map(|(latitude, longitude)| Marker { latitude, longitude, large: false })
        .collect();
    let alt = i18n::t_args(
        lang,
        "promotion-network-map-alt",
        &[
            ("count", FluentValue::from(poles.len())),
            ("regions", FluentValue::from(tally_line(&by_region))),
        ],
    );
    let mut shapes = map::france(481.0, 250.0, &fill, &markers);
    shapes.extend(legend(lang, max, 250.0));
    let mut blocks = vec![Block::Figure(Figure { alt, width: 481.0, height: 250.0, shapes })];
    if compact {
        blocks.push(Block::Field {
            label: t("promotion-network-by-region"),
            value: tally_line(&by_region),
        });
        blocks.push(Block::Field {
            label: t("promotion-network-by-sector"),
            value: tally_line(&by_sector),
        });
    } else {
        blocks.push(Block::Heading(t("promotion-network-by-region")));
        blocks.push(tally_table(lang, &t("promotion-network-region"), &by_region));
        blocks.push(Block::Heading(t("promotion-network-by-sector")));
        blocks.push(tally_table(lang, &t("promotion-network-sector"), &by_sector));
    }
    blocks.push(Block::Heading(t("promotion-network-list")));
    let shown = listed.min(poles.len());
    blocks.push(Block::Table {
        columns: vec![
            t("promotion-network-pole"),
            t("poles-place"),
            t("promotion-sheet-track"),
            t("promotion-network-year"),
        ],
        rows: poles[..shown]
            .iter()
            .map(|p| vec![p.name.clone(), p.place.clone(), p.track.clone(), p.year.to_string()])
            .collect(),
    });
    if shown < poles.len() {
        blocks.push(Block::Paragraph(format!(
            "{} — {}",
            count(lang, "promotion-sheet-and-others", poles.len() - shown),
            texts.directory
        )));
    }
    Document {
        lang: pdf_lang(lang),
        title: texts.title.clone(),
        subtitle: Some(texts.call.clone()),
        meta,
        blocks,
        footer: format!("{} — {}", t("promotion-footer"), texts.directory),
        created_at: None,
    }
}

/// The map's legend in its bottom-left corner (over the Atlantic): a swatch per class of
/// the regions' fill, under the word "Pôles".
fn legend(lang: Lang, max: u32, height: f32) -> Vec<ptce_pdf::Shape> {
    use ptce_pdf::Shape;
    let rows = crate::domain::territory::map::legend(max);
    let top = height - 14.0 * rows.len() as f32 - 12.0;
    let mut shapes = vec![Shape::Label {
        x: 0.0,
        y: top + 7.0,
        size: 8.0,
        bold: true,
        color: map::INK,
        text: i18n::t(lang, "promotion-network-poles"),
    }];
    for (i, (fill, label)) in rows.iter().enumerate() {
        let y = top + 12.0 + 14.0 * i as f32;
        shapes.push(Shape::Polygon {
            rings: vec![vec![(0.0, y), (10.0, y), (10.0, y + 10.0), (0.0, y + 10.0)]],
            fill: Some(hex(fill)),
            stroke: Some((Color(0x6b, 0x6b, 0x6b), 0.4)),
        });
        shapes.push(Shape::Label {
            x: 14.0,
            y: y + 8.0,
            size: 8.0,
            bold: false,
            color: map::INK,
            text: label.clone(),
        });
    }
    shapes
}

/// "#0b5d53" as a colour (black for anything else).
fn hex(code: &str) -> Color {
    let byte =
        |i: usize| code.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
    Color(byte(1), byte(3), byte(5))
}

/// The one-page presentation of the network: tables while they fit, then lines, then fewer
/// poles listed.
pub fn network_pdf(
    poles: &[NetworkPole],
    texts: &NetworkTexts,
    lang: Lang,
) -> anyhow::Result<Vec<u8>> {
    let doc = fit(|step| {
        let compact = step > 0;
        let listed = poles.len().saturating_sub(step.saturating_sub(1) * 2).max(3);
        network_document(poles, texts, lang, compact, listed)
    })?;
    ptce_pdf::render(&doc).map_err(|e| anyhow::anyhow!("rendering the network's presentation: {e}"))
}

/// The kinds of partners in the order the public page shows them, with their message keys.
pub fn partner_kinds() -> impl Iterator<Item = (PartnerKind, String)> {
    PartnerKind::ALL.into_iter().map(|k| (k, format!("promotion-kind-{}", k.code())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(members: usize) -> PoleSheet {
        PoleSheet {
            name: "Pôle Sud Archer".into(),
            acronym: "PSA".into(),
            track: "Pôle établi".into(),
            year: 2011,
            place: "Romans-sur-Isère (26 — Drôme)".into(),
            areas: "Drôme · Rhône-Alpes · Auvergne-Rhône-Alpes".into(),
            region_code: "84".into(),
            communes: vec!["Romans-sur-Isère (26)".into()],
            description: "Né de la crise de la chaussure. ".repeat(50),
            members: (0..members)
                .map(|i| (format!("Structure {i}"), "Entreprise de l’ESS".into()))
                .collect(),
            sectors: vec!["Insertion".into(), "Textile".into()],
            contact_email: "contact@archer.fr".into(),
            point: Some((45.04, 5.05)),
            town: "Romans-sur-Isère".into(),
            link: "https://ptce.example/poles/pole-sud-archer".into(),
            ..PoleSheet::default()
        }
    }

    #[test]
    fn a_long_text_is_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(cut("Un pôle de la Drôme, solidaire.", 22), "Un pôle de la Drôme…");
        assert_eq!(cut("court", 22), "court");
    }

    #[test]
    fn a_pole_with_120_members_fits_on_one_page_with_the_others_counted() {
        let sheet = sheet(120);
        let doc = fit(|step| pole_step(&sheet, Lang::Fr, step)).expect("laid out");
        assert_eq!(ptce_pdf::page_count(&doc), Ok(1));
        let others = doc.blocks.iter().find_map(|b| match b {
            Block::Paragraph(p) if p.contains("autres") => Some(p.clone()),
            _ => None,
        });
        let Some(Block::Table { rows, .. }) = doc
            .blocks
            .iter()
            .find(|b| matches!(b, Block::Table { columns, .. } if !columns.is_empty()))
        else {
            panic!("no members table")
        };
        assert_eq!(others, Some(format!("… et {} autres", 120 - rows.len())));
    }

    #[test]
    fn counts_come_most_first_then_by_name() {
        let rows = tally(["Bretagne", "Occitanie", "Bretagne", ""].into_iter());
        assert_eq!(rows, [("Bretagne".to_owned(), 2), ("Occitanie".to_owned(), 1)]);
        assert_eq!(tally_line(&rows), "Bretagne : 2 · Occitanie : 1");
        assert_eq!(hex("#0b5d53"), Color(0x0b, 0x5d, 0x53));
    }
}
