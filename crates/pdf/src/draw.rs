//! Draws laid-out pages with krilla: tagged content, footers, bookmarks and metadata.

use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::TagTree;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TagGroup};
use krilla::{Document as PdfDocument, SerializeSettings};

use crate::fonts::{Fonts, Weight};
use crate::layout::{
    self, CONTENT_WIDTH, FOOTER, Laid, MARGIN, Mark, Op, PAGE_HEIGHT, PAGE_WIDTH, RULE_FOOTER, Rgb,
};
use crate::text::clean;
use crate::{Document, PdfError};

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Rgb) -> Fill {
    Fill { paint: color(c).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

pub(crate) fn draw(doc: &Document, laid: Laid, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| PdfError::Export(format!("{e:?}")))?;
    let settings =
        SerializeSettings { configuration, enable_tagging: true, ..SerializeSettings::default() };
    let mut pdf = PdfDocument::new_with(settings);
    let mut identifiers: Vec<Option<Identifier>> = vec![None; laid.tags.leaves];
    let total = laid.pages.len();
    let page_size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PdfError::Export("invalid page size".into()))?;

    for (index, ops) in laid.pages.iter().enumerate() {
        let mut page = pdf.start_page_with(page_size.clone());
        let mut surface = page.surface();
        for op in ops {
            draw_op(&mut surface, fonts, op, &mut identifiers);
        }
        footer(&mut surface, fonts, &laid.footer, index + 1, total);
        surface.finish();
        page.finish();
    }

    pdf.set_tag_tree(tag_tree(doc, &laid, &identifiers));
    pdf.set_outline(outline(&laid));
    pdf.set_metadata(metadata(doc));
    pdf.finish().map_err(|e| PdfError::Export(format!("{e:?}")))
}

fn draw_op(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    op: &Op,
    identifiers: &mut [Option<Identifier>],
) {
    match op {
        Op::Text { x, y, weight, size, color: c, text, mark } => {
            let tag = match mark {
                Mark::Leaf(_) => ContentTag::Span(SpanTag::empty()),
                Mark::Artifact(kind) => ContentTag::Artifact(Artifact::with_kind(*kind)),
            };
            let id = surface.start_tagged(tag);
            text_run(surface, fonts, *x, *y, *weight, *size, *c, text);
            surface.end_tagged();
            if let Mark::Leaf(leaf) = mark
                && let Some(slot) = identifiers.get_mut(*leaf)
            {
                *slot = Some(id);
            }
        }
        Op::Rect { x, y, w, h, fill: f, stroke } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { return };
            let mut path = PathBuilder::new();
            path.push_rect(rect);
            let Some(path) = path.finish() else { return };
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)));
            surface.set_fill(f.map(fill));
            surface.set_stroke(stroke.map(|s| Stroke {
                paint: color(s).into(),
                width: 0.5,
                ..Stroke::default()
            }));
            surface.draw_path(&path);
            surface.set_stroke(None);
            surface.end_tagged();
        }
        Op::Figure { x, y, scale, shapes, mark } => {
            let tag = match mark {
                Mark::Leaf(_) => ContentTag::Other,
                Mark::Artifact(kind) => ContentTag::Artifact(Artifact::with_kind(*kind)),
            };
            let id = surface.start_tagged(tag);
            crate::shapes::draw(surface, fonts, *x, *y, *scale, shapes);
            surface.end_tagged();
            if let Mark::Leaf(leaf) = mark
                && let Some(slot) = identifiers.get_mut(*leaf)
            {
                *slot = Some(id);
            }
        }
        Op::Rule { x, y, w, thickness, color: c } => {
            let Some(rect) = Rect::from_xywh(*x, *y - thickness / 2.0, *w, *thickness) else {
                return;
            };
            let mut path = PathBuilder::new();
            path.push_rect(rect);
            let Some(path) = path.finish() else { return };
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)));
            surface.set_fill(Some(fill(*c)));
            surface.set_stroke(None);
            surface.draw_path(&path);
            surface.end_tagged();
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn text_run(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    x: f32,
    y: f32,
    weight: Weight,
    size: f32,
    c: Rgb,
    text: &str,
) {
    let face = fonts.face(weight);
    surface.set_fill(Some(fill(c)));
    surface.set_stroke(None);
    let glyphs = face.glyphs(text);
    surface.draw_glyphs(Point::from_xy(x, y), &glyphs, face.font.clone(), text, size, false);
}

/// The footer text on the left, "page n / N" on the right, under a thin rule; artifacts, so
/// that assistive technology reads them once, not on every page.
fn footer(surface: &mut Surface<'_>, fonts: &Fonts, lines: &[String], page: usize, total: usize) {
    let top = layout::footer_top(lines.len());
    let rule =
        Op::Rule { x: MARGIN, y: top - 6.0, w: CONTENT_WIDTH, thickness: 0.5, color: RULE_FOOTER };
    let mut none: [Option<Identifier>; 0] = [];
    draw_op(surface, fonts, &rule, &mut none);
    let baseline = |i: usize| top + (i as f32 + 1.0) * FOOTER.leading - 2.5;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let op = Op::Text {
            x: MARGIN,
            y: baseline(i),
            weight: FOOTER.weight,
            size: FOOTER.size,
            color: FOOTER.color,
            text: line.clone(),
            mark: Mark::Artifact(ArtifactType::Footer),
        };
        draw_op(surface, fonts, &op, &mut none);
    }
    let label = format!("page {page} / {total}");
    let width = fonts.face(FOOTER.weight).width(&label, FOOTER.size);
    let op = Op::Text {
        x: MARGIN + CONTENT_WIDTH - width,
        y: baseline(0),
        weight: FOOTER.weight,
        size: FOOTER.size,
        color: FOOTER.color,
        text: label,
        mark: Mark::Artifact(ArtifactType::PageNumber),
    };
    draw_op(surface, fonts, &op, &mut none);
}

fn tag_tree(doc: &Document, laid: &Laid, identifiers: &[Option<Identifier>]) -> TagTree {
    fn build(
        id: usize,
        groups: &[(krilla::tagging::TagKind, Vec<layout::Node>)],
        identifiers: &[Option<Identifier>],
    ) -> TagGroup {
        let (kind, children) = &groups[id];
        let children = children
            .iter()
            .filter_map(|child| match child {
                layout::Node::Group(g) => Some(Node::Group(build(*g, groups, identifiers))),
                layout::Node::Leaf(l) => identifiers.get(*l).copied().flatten().map(Node::Leaf),
            })
            .collect();
        TagGroup::with_children(kind.clone(), children)
    }
    let mut tree = TagTree::new().with_lang(Some(doc.lang.code().to_owned()));
    for root in &laid.tags.roots {
        tree.push(build(*root, &laid.tags.groups, identifiers));
    }
    tree
}

/// Bookmarks: the title, headings, and sub-headings under their heading.
fn outline(laid: &Laid) -> Outline {
    let mut outline = Outline::new();
    // The last top-level entry, which sub-headings go under.
    let mut pending: Option<(u8, OutlineNode)> = None;
    for mark in &laid.bookmarks {
        let node = OutlineNode::new(
            mark.text.clone(),
            XyzDestination::new(mark.page, Point::from_xy(MARGIN, mark.y)),
        );
        if let Some((level, parent)) = pending.as_mut()
            && mark.level == 2
            && *level < 2
        {
            parent.push_child(node);
            continue;
        }
        if let Some((_, done)) = pending.take() {
            outline.push_child(done);
        }
        pending = Some((mark.level, node));
    }
    if let Some((_, done)) = pending {
        outline.push_child(done);
    }
    outline
}

fn metadata(doc: &Document) -> Metadata {
    // PDF/UA requires a title: an untitled document gets a generic one in its language.
    let title = match clean(&doc.title).split_whitespace().collect::<Vec<_>>().join(" ") {
        t if t.is_empty() => doc.lang.untitled().to_owned(),
        t => t,
    };
    let mut metadata = Metadata::new()
        .title(title)
        .language(doc.lang.code().to_owned())
        .creator("ptce".to_owned());
    if let Some(subtitle) = doc.subtitle.as_ref().filter(|s| !s.trim().is_empty()) {
        metadata = metadata.description(subtitle.trim().to_owned());
    }
    if let Some(at) = doc.created_at {
        let at = at.to_offset(time::UtcOffset::UTC);
        metadata = metadata.creation_date(
            DateTime::new(u16::try_from(at.year()).unwrap_or(0))
                .month(u8::from(at.month()))
                .day(at.day())
                .hour(at.hour())
                .minute(at.minute())
                .second(at.second())
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
    }
    metadata
}
