//! Flows a [`Document`]'s blocks onto A4 pages: positioned text lines, boxes and rules, the
//! structure tree they belong to, and the bookmarks.

use krilla::tagging::{ArtifactType, TableHeaderScope, Tag, TagKind};
use std::num::NonZeroU16;

mod figure;

use crate::fonts::{Fonts, Weight};
use crate::text::{clean, wrap};
use crate::{Block, Document};

pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 2 cm left, right and top.
pub(crate) const MARGIN: f32 = 56.7;
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// The last footer line sits this far above the bottom edge.
const FOOTER_BOTTOM: f32 = 36.0;
const FOOTER_SIZE: f32 = 8.0;
const FOOTER_LEADING: f32 = 10.5;
/// Between the body's last line and the rule above the footer.
const FOOTER_GAP: f32 = 18.0;

const BODY_SIZE: f32 = 10.0;
const BODY_LEADING: f32 = 14.0;
const CELL_SIZE: f32 = 8.5;
const CELL_LEADING: f32 = 11.5;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;
const NOTICE_PAD: f32 = 8.0;
const NOTICE_BAR: f32 = 3.0;
/// Cap height of Noto Sans in em: lines are centred on their capitals.
const CAP_HEIGHT: f32 = 0.714;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub(crate) u8, pub(crate) u8, pub(crate) u8);

/// The site's brand colour (7.8:1 on white).
pub(crate) const TEAL: Rgb = Rgb(0x0b, 0x5d, 0x53);
pub(crate) const INK: Rgb = Rgb(0x1f, 0x29, 0x33);
/// Labels and footer (6.5:1 on white).
pub(crate) const MUTED: Rgb = Rgb(0x51, 0x5e, 0x5b);
const RULE: Rgb = Rgb(0x9c, 0xc3, 0xbc);
const BORDER: Rgb = Rgb(0xb8, 0xc4, 0xc1);
pub(crate) const RULE_FOOTER: Rgb = BORDER;
const HEAD_FILL: Rgb = Rgb(0xe4, 0xef, 0xec);
const NOTICE_FILL: Rgb = Rgb(0xee, 0xf6, 0xf4);

/// What a piece of content is in the structure tree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Mark {
    /// Real content: the index of its leaf in [`Tags`].
    Leaf(usize),
    /// Not part of the logical structure (decoration, footer, repeated table header).
    Artifact(ArtifactType),
}

/// One drawing instruction, in points from the page's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    /// One line of text; `y` is its baseline.
    Text { x: f32, y: f32, weight: Weight, size: f32, color: Rgb, text: String, mark: Mark },
    /// A rectangle, filled and/or outlined (always a layout artifact).
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Rgb> },
    /// A horizontal rule (always a layout artifact).
    Rule { x: f32, y: f32, w: f32, thickness: f32, color: Rgb },
    /// A figure's shapes, from its top-left corner (`x`, `y`), their coordinates times `scale`.
    Figure { x: f32, y: f32, scale: f32, shapes: Vec<crate::Shape>, mark: Mark },
}

/// A child in the structure tree being built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    Group(usize),
    Leaf(usize),
}

/// The structure tree, as an arena: leaves are numbered as content is laid out and receive
/// krilla's identifiers only when the pages are drawn.
#[derive(Default)]
pub(crate) struct Tags {
    pub(crate) groups: Vec<(TagKind, Vec<Node>)>,
    pub(crate) roots: Vec<usize>,
    pub(crate) leaves: usize,
}

impl Tags {
    fn root(&mut self, kind: impl Into<TagKind>) -> usize {
        let id = self.groups.len();
        self.groups.push((kind.into(), Vec::new()));
        self.roots.push(id);
        id
    }

    fn child(&mut self, parent: usize, kind: impl Into<TagKind>) -> usize {
        let id = self.groups.len();
        self.groups.push((kind.into(), Vec::new()));
        self.groups[parent].1.push(Node::Group(id));
        id
    }

    fn leaf(&mut self, parent: usize) -> usize {
        let id = self.leaves;
        self.leaves += 1;
        self.groups[parent].1.push(Node::Leaf(id));
        id
    }
}

/// A bookmark: level 0 for the title, 1 for headings, 2 for sub-headings.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Bookmark {
    pub(crate) level: u8,
    pub(crate) text: String,
    pub(crate) page: usize,
    pub(crate) y: f32,
}

/// The document laid out, ready to draw.
pub(crate) struct Laid {
    pub(crate) pages: Vec<Vec<Op>>,
    pub(crate) tags: Tags,
    pub(crate) bookmarks: Vec<Bookmark>,
    /// The footer text, already wrapped; drawn on every page with "page n / N".
    pub(crate) footer: Vec<String>,
}

/// Font, size, leading and colour of one kind of text.
#[derive(Clone, Copy)]
pub(crate) struct Style {
    pub(crate) weight: Weight,
    pub(crate) size: f32,
    pub(crate) leading: f32,
    pub(crate) color: Rgb,
}

const TITLE: Style = Style { weight: Weight::Bold, size: 18.0, leading: 23.0, color: TEAL };
const SUBTITLE: Style = Style { weight: Weight::Regular, size: 11.5, leading: 16.0, color: INK };
const META_LABEL: Style = Style { weight: Weight::Bold, size: 9.0, leading: 13.0, color: MUTED };
const META_VALUE: Style = Style { weight: Weight::Regular, size: 9.0, leading: 13.0, color: INK };
const HEADING: Style = Style { weight: Weight::Bold, size: 13.5, leading: 18.0, color: TEAL };
const SUB_HEADING: Style = Style { weight: Weight::Bold, size: 11.0, leading: 15.0, color: TEAL };
const LABEL: Style = Style { weight: Weight::Bold, size: 9.0, leading: 13.0, color: MUTED };
const BODY: Style =
    Style { weight: Weight::Regular, size: BODY_SIZE, leading: BODY_LEADING, color: INK };
const CELL_HEAD: Style =
    Style { weight: Weight::Bold, size: CELL_SIZE, leading: CELL_LEADING, color: INK };
const CELL: Style =
    Style { weight: Weight::Regular, size: CELL_SIZE, leading: CELL_LEADING, color: INK };
pub(crate) const FOOTER: Style =
    Style { weight: Weight::Regular, size: FOOTER_SIZE, leading: FOOTER_LEADING, color: MUTED };

/// The baseline of a line whose box starts at `top`.
fn baseline(top: f32, style: Style) -> f32 {
    top + style.leading / 2.0 + CAP_HEIGHT * style.size / 2.0
}

/// The widest "page n / N" label this crate reserves room for in the footer.
pub(crate) const PAGE_LABEL_SAMPLE: &str = "page 8888 / 8888";

/// Where the footer's first line starts, given its number of lines.
pub(crate) fn footer_top(lines: usize) -> f32 {
    PAGE_HEIGHT - FOOTER_BOTTOM - lines.max(1) as f32 * FOOTER_LEADING
}

struct Layout<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    /// Top of the next line on the current page.
    y: f32,
    /// Lowest point the body may reach.
    bottom: f32,
    tags: Tags,
    bookmarks: Vec<Bookmark>,
}

/// One table row's cells, wrapped, and which columns are right-aligned.
struct Row<'a> {
    cells: Vec<Vec<String>>,
    right: &'a [bool],
}

impl Row<'_> {
    fn lines(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0).max(1)
    }
}

pub(crate) fn lay_out(doc: &Document, fonts: &Fonts) -> Laid {
    let footer_text = clean(&doc.footer);
    let label_width = fonts.face(Weight::Regular).width(PAGE_LABEL_SAMPLE, FOOTER.size);
    let footer = if footer_text.trim().is_empty() {
        Vec::new()
    } else {
        let face = fonts.face(FOOTER.weight);
        wrap(footer_text.trim(), CONTENT_WIDTH - label_width - 16.0, &|c| {
            face.char_width(c, FOOTER.size)
        })
    };
    let mut layout = Layout {
        fonts,
        pages: vec![Vec::new()],
        y: MARGIN,
        bottom: footer_top(footer.len()) - FOOTER_GAP,
        tags: Tags::default(),
        bookmarks: Vec::new(),
    };
    layout.header(doc);
    for block in &doc.blocks {
        layout.block(block);
    }
    Laid { pages: layout.pages, tags: layout.tags, bookmarks: layout.bookmarks, footer }
}

impl Layout<'_> {
    fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let face = self.fonts.face(style.weight);
        wrap(&clean(text), width, &|c| face.char_width(c, style.size))
    }

    fn width(&self, text: &str, style: Style) -> f32 {
        self.fonts.face(style.weight).width(text, style.size)
    }

    fn page(&mut self) -> &mut Vec<Op> {
        // lay_out starts with one page and pages are only ever added.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn at_page_top(&self) -> bool {
        self.y <= MARGIN + 0.01
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` still fits (or the page is empty: then nothing fits
    /// better on the next one).
    fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom + 0.01 && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Vertical space between blocks, dropped at the top of a page.
    fn gap(&mut self, height: f32) {
        if !self.at_page_top() {
            self.y += height;
        }
    }

    /// Draws one line at the current position, without moving down.
    fn text(&mut self, x: f32, line: &str, style: Style, mark: Mark) {
        let y = baseline(self.y, style);
        self.text_at(x, y, line, style, mark);
    }

    fn text_at(&mut self, x: f32, y: f32, line: &str, style: Style, mark: Mark) {
        if line.is_empty() {
            return;
        }
        self.page().push(Op::Text {
            x,
            y,
            weight: style.weight,
            size: style.size,
            color: style.color,
            text: line.to_owned(),
            mark,
        });
    }

    /// Lines one under the other, each moved to a new page when it does not fit, each a leaf of
    /// `group`.
    fn lines(&mut self, x: f32, lines: &[String], style: Style, group: usize) {
        for line in lines {
            self.ensure(style.leading);
            if !line.is_empty() {
                let leaf = self.tags.leaf(group);
                self.text(x, line, style, Mark::Leaf(leaf));
            }
            self.y += style.leading;
        }
    }

    fn header(&mut self, doc: &Document) {
        let title = clean(&doc.title);
        let title = title.trim();
        if !title.is_empty() {
            let lines = self.wrap(title, TITLE, CONTENT_WIDTH);
            let h1 = self.tags.root(heading(1, title));
            self.bookmarks.push(Bookmark { level: 0, text: title.into(), page: 0, y: self.y });
            self.lines(MARGIN, &lines, TITLE, h1);
        }
        if let Some(subtitle) = doc.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
            self.y += 2.0;
            let lines = self.wrap(subtitle, SUBTITLE, CONTENT_WIDTH);
            let p = self.tags.root(Tag::P);
            self.lines(MARGIN, &lines, SUBTITLE, p);
        }
        if !doc.meta.is_empty() {
            self.y += 8.0;
            self.meta(&doc.meta);
        }
        if self.y > MARGIN {
            self.y += 6.0;
            let y = self.y;
            self.page().push(Op::Rule {
                x: MARGIN,
                y,
                w: CONTENT_WIDTH,
                thickness: 1.2,
                color: TEAL,
            });
            self.y += 14.0;
        }
    }

    /// Label/value lines under the title, tagged as a table with row headers.
    fn meta(&mut self, meta: &[(String, String)]) {
        let widest = meta
            .iter()
            .flat_map(|(label, _)| clean(label).split('\n').map(str::to_owned).collect::<Vec<_>>())
            .map(|l| self.width(&l, META_LABEL))
            .fold(0.0, f32::max);
        let label_width = (widest + 12.0).min(CONTENT_WIDTH * 0.4);
        let value_x = MARGIN + label_width;
        let table = self.tags.root(Tag::Table);
        let body = self.tags.child(table, Tag::TBody);
        for (label, value) in meta {
            let labels = self.wrap(label, META_LABEL, label_width - 12.0);
            let values = self.wrap(value, META_VALUE, CONTENT_WIDTH - label_width);
            let tr = self.tags.child(body, Tag::TR);
            let th = self.tags.child(tr, Tag::TH(TableHeaderScope::Row));
            let td = self.tags.child(tr, Tag::TD);
            for i in 0..labels.len().max(values.len()) {
                self.ensure(META_VALUE.leading);
                if let Some(line) = labels.get(i).filter(|l| !l.is_empty()) {
                    let leaf = self.tags.leaf(th);
                    self.text(MARGIN, line, META_LABEL, Mark::Leaf(leaf));
                }
                if let Some(line) = values.get(i).filter(|l| !l.is_empty()) {
                    let leaf = self.tags.leaf(td);
                    self.text(value_x, line, META_VALUE, Mark::Leaf(leaf));
                }
                self.y += META_VALUE.leading;
            }
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(text) => self.heading(text, 1),
            Block::SubHeading(text) => self.heading(text, 2),
            Block::Field { label, value } => self.field(label, value),
            Block::Paragraph(text) => {
                let lines = self.wrap(text, BODY, CONTENT_WIDTH);
                let p = self.tags.root(Tag::P);
                self.lines(MARGIN, &lines, BODY, p);
                self.y += 7.0;
            }
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::Notice(text) => self.notice(text),
            Block::Figure(figure) => self.figure(figure),
            Block::Bars { caption, bars } => self.bars(caption, bars),
        }
    }

    /// A horizontal bar chart: the caption (real content), then one line per bar — label,
    /// teal bar, amount — drawn as layout artifacts; a line never splits across pages.
    fn bars(&mut self, caption: &str, bars: &[crate::Bar]) {
        const BAR_PAD: f32 = 3.0;
        let style = CELL;
        let widest = |texts: &mut dyn Iterator<Item = &str>| {
            texts.map(|t| self.width(&clean(t), style)).fold(0.0, f32::max)
        };
        let label_width =
            (widest(&mut bars.iter().map(|b| b.label.as_str())) + 8.0).min(CONTENT_WIDTH * 0.35);
        let value_width =
            (widest(&mut bars.iter().map(|b| b.text.as_str())) + 6.0).min(CONTENT_WIDTH * 0.25);
        let room = (CONTENT_WIDTH - label_width - value_width).max(0.0);
        let longest = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f32;
        let captions = self.wrap(caption.trim(), LABEL, CONTENT_WIDTH);
        self.gap(2.0);
        let first = bars.first().map_or(0.0, |b| {
            self.wrap(&b.label, style, label_width - 8.0).len().max(1) as f32 * style.leading
        });
        // Keep the caption with the first bar.
        self.ensure(captions.len() as f32 * LABEL.leading + first + 2.0 * BAR_PAD + 4.0);
        if !captions.is_empty() {
            let p = self.tags.root(Tag::P);
            self.lines(MARGIN, &captions, LABEL, p);
            self.y += 4.0;
        }
        let art = Mark::Artifact(ArtifactType::Layout);
        for bar in bars {
            let labels = self.wrap(&bar.label, style, label_width - 8.0);
            let height = labels.len().max(1) as f32 * style.leading + 2.0 * BAR_PAD;
            self.ensure(height);
            let top = self.y;
            for (n, line) in labels.iter().enumerate() {
                let y = baseline(top + BAR_PAD + n as f32 * style.leading, style);
                self.text_at(MARGIN, y, line, style, art);
            }
            let length = if bar.value > 0 { room * bar.value as f32 / longest } else { 0.0 };
            let x = MARGIN + label_width;
            if length > 0.0 {
                self.page().push(Op::Rect {
                    x,
                    y: top + BAR_PAD,
                    w: length.max(0.5),
                    h: style.leading,
                    fill: Some(TEAL),
                    stroke: None,
                });
            }
            let text = clean(&bar.text);
            let text_x = (x + length + 4.0).min(MARGIN + CONTENT_WIDTH - self.width(&text, style));
            self.text_at(text_x, baseline(top + BAR_PAD, style), &text, style, art);
            self.y = top + height;
        }
        self.y += 10.0;
    }

    /// `level` 1 is a heading (H2 in the structure, the title being H1), 2 a sub-heading.
    fn heading(&mut self, text: &str, level: u8) {
        let text = clean(text);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let style = if level == 1 { HEADING } else { SUB_HEADING };
        self.gap(if level == 1 { 14.0 } else { 9.0 });
        let lines = self.wrap(text, style, CONTENT_WIDTH);
        // Keep the heading with at least two lines of what follows.
        self.ensure(lines.len() as f32 * style.leading + 2.0 * BODY_LEADING + 8.0);
        let page = self.pages.len() - 1;
        self.bookmarks.push(Bookmark { level, text: text.into(), page, y: self.y });
        let group = self.tags.root(heading(u16::from(level) + 1, text));
        self.lines(MARGIN, &lines, style, group);
        if level == 1 {
            let y = self.y + 1.0;
            self.page().push(Op::Rule {
                x: MARGIN,
                y,
                w: CONTENT_WIDTH,
                thickness: 0.6,
                color: RULE,
            });
            self.y += 6.0;
        } else {
            self.y += 2.0;
        }
    }

    fn field(&mut self, label: &str, value: &str) {
        let labels = match label.trim() {
            "" => Vec::new(),
            label => self.wrap(label, LABEL, CONTENT_WIDTH),
        };
        let value = clean(value);
        let (value, value_style) = if value.trim().is_empty() {
            // An empty answer is shown as a dash rather than as nothing.
            ("—".to_owned(), Style { color: MUTED, ..BODY })
        } else {
            (value.trim_end().to_owned(), BODY)
        };
        let div = self.tags.root(Tag::Div);
        // Keep the label with the first line of its value.
        self.ensure(labels.len() as f32 * LABEL.leading + 1.0 + BODY_LEADING);
        if !labels.is_empty() {
            let p = self.tags.child(div, Tag::P);
            self.lines(MARGIN, &labels, LABEL, p);
            self.y += 1.0;
        }
        for paragraph in value.split('\n') {
            let lines = self.wrap(paragraph, value_style, CONTENT_WIDTH);
            if paragraph.trim().is_empty() {
                self.y += BODY_LEADING / 2.0;
                continue;
            }
            let p = self.tags.child(div, Tag::P);
            self.lines(MARGIN, &lines, value_style, p);
        }
        self.y += 8.0;
    }

    fn notice(&mut self, text: &str) {
        let inner = CONTENT_WIDTH - 2.0 * NOTICE_PAD - NOTICE_BAR;
        let lines = self.wrap(text.trim(), BODY, inner);
        let p = self.tags.root(Tag::P);
        let x = MARGIN + NOTICE_BAR + NOTICE_PAD;
        self.gap(2.0);
        let mut rest = &lines[..];
        while !rest.is_empty() {
            self.ensure(2.0 * NOTICE_PAD + BODY_LEADING);
            let room = ((self.bottom - self.y - 2.0 * NOTICE_PAD) / BODY_LEADING).floor();
            let count = (room.max(1.0) as usize).min(rest.len());
            let height = 2.0 * NOTICE_PAD + count as f32 * BODY_LEADING;
            let top = self.y;
            let page = self.page();
            page.push(Op::Rect {
                x: MARGIN,
                y: top,
                w: CONTENT_WIDTH,
                h: height,
                fill: Some(NOTICE_FILL),
                stroke: Some(RULE),
            });
            page.push(Op::Rect {
                x: MARGIN,
                y: top,
                w: NOTICE_BAR,
                h: height,
                fill: Some(TEAL),
                stroke: None,
            });
            self.y += NOTICE_PAD;
            let (now, later) = rest.split_at(count);
            self.lines(x, now, BODY, p);
            self.y += NOTICE_PAD;
            rest = later;
            if !rest.is_empty() {
                self.new_page();
            }
        }
        self.y += 8.0;
    }

    /// Column widths: each column's unwrapped width if they all fit, stretched to the full
    /// width; otherwise narrow columns keep their width and the wide ones share the rest equally.
    fn column_widths(&self, header: &[String], rows: &[Vec<String>], count: usize) -> Vec<f32> {
        let widest = |text: &str, style: Style| {
            clean(text).split('\n').map(|l| self.width(l, style)).fold(0.0, f32::max)
        };
        let natural: Vec<f32> = (0..count)
            .map(|i| {
                let head = header.get(i).map_or(0.0, |h| widest(h, CELL_HEAD));
                let cells = rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| widest(c, CELL))
                    .fold(0.0, f32::max);
                head.max(cells) + 2.0 * CELL_PAD_X + 1.0
            })
            .collect();
        let total: f32 = natural.iter().sum();
        if total <= CONTENT_WIDTH {
            return natural.iter().map(|w| w * CONTENT_WIDTH / total).collect();
        }
        let mut order: Vec<usize> = (0..count).collect();
        order.sort_by(|a, b| natural[*a].total_cmp(&natural[*b]));
        let mut widths = vec![0.0; count];
        let mut remaining = CONTENT_WIDTH;
        for (done, i) in order.into_iter().enumerate() {
            let share = remaining / (count - done) as f32;
            widths[i] = natural[i].min(share);
            remaining -= widths[i];
        }
        widths
    }

    fn wrap_row<'r>(
        &self,
        cells: &[String],
        style: Style,
        widths: &[f32],
        right: &'r [bool],
    ) -> Row<'r> {
        Row {
            right,
            cells: widths
                .iter()
                .enumerate()
                .map(|(i, width)| {
                    let text = cells.get(i).map_or("", String::as_str);
                    self.wrap(text, style, width - 2.0 * CELL_PAD_X)
                })
                .collect(),
        }
    }

    fn table(&mut self, columns: &[String], rows: &[Vec<String>]) {
        let count = rows.iter().map(Vec::len).chain([columns.len()]).max().unwrap_or(0);
        if count == 0 {
            return;
        }
        let widths = self.column_widths(columns, rows, count);
        let right: Vec<bool> = (0..count).map(|i| is_numeric_column(rows, i)).collect();
        let header =
            (!columns.is_empty()).then(|| self.wrap_row(columns, CELL_HEAD, &widths, &right));
        let header_height =
            header.as_ref().map_or(0.0, |h| h.lines() as f32 * CELL_LEADING + 2.0 * CELL_PAD_Y);
        let table = self.tags.root(Tag::Table);

        self.gap(2.0);
        // The header, with at least one line of the first row under it.
        self.ensure(header_height + CELL_LEADING + 2.0 * CELL_PAD_Y);
        if let Some(header) = &header {
            let thead = self.tags.child(table, Tag::THead);
            let tr = self.tags.child(thead, Tag::TR);
            let cells: Vec<usize> = (0..count)
                .map(|_| self.tags.child(tr, Tag::TH(TableHeaderScope::Column)))
                .collect();
            self.row_segment(header, &widths, 0, header.lines(), Some(HEAD_FILL), CELL_HEAD, |i| {
                Some(cells[i])
            });
        }
        let tbody = self.tags.child(table, Tag::TBody);
        let repeat_header = |layout: &mut Self| {
            layout.new_page();
            if let Some(header) = &header {
                // Repeated headers are pagination artifacts: the structure has one THead.
                layout.row_segment(
                    header,
                    &widths,
                    0,
                    header.lines(),
                    Some(HEAD_FILL),
                    CELL_HEAD,
                    |_| None,
                );
            }
        };
        for row in rows {
            let row = self.wrap_row(row, CELL, &widths, &right);
            let tr = self.tags.child(tbody, Tag::TR);
            let cells: Vec<usize> = (0..count).map(|_| self.tags.child(tr, Tag::TD)).collect();
            let mut from = 0;
            // True right after a page break: moving on would not give the row more room.
            let mut fresh = false;
            while from < row.lines() {
                let left = row.lines() - from;
                let height = left as f32 * CELL_LEADING + 2.0 * CELL_PAD_Y;
                if self.y + height <= self.bottom + 0.01 {
                    self.row_segment(&row, &widths, from, row.lines(), None, CELL, |i| {
                        Some(cells[i])
                    });
                    break;
                }
                let room = ((self.bottom - self.y - 2.0 * CELL_PAD_Y) / CELL_LEADING + 0.001)
                    .floor()
                    .max(0.0) as usize;
                let fits_on_a_new_page = header_height + height <= self.bottom - MARGIN;
                if !fresh && (fits_on_a_new_page || room == 0) {
                    repeat_header(self);
                    fresh = true;
                    continue;
                }
                // Taller than a page: split it between lines, at least one line per page.
                let to = from + room.clamp(1, left);
                self.row_segment(&row, &widths, from, to, None, CELL, |i| Some(cells[i]));
                from = to;
                if from < row.lines() {
                    repeat_header(self);
                    fresh = true;
                }
            }
        }
        self.y += 12.0;
    }

    /// Draws lines `from..to` of every cell of a row, with the cells' borders; `group(i)`
    /// gives the structure element of cell `i` (None: an artifact).
    #[allow(clippy::too_many_arguments)]
    fn row_segment(
        &mut self,
        row: &Row,
        widths: &[f32],
        from: usize,
        to: usize,
        fill: Option<Rgb>,
        style: Style,
        group: impl Fn(usize) -> Option<usize>,
    ) {
        let height = (to - from) as f32 * CELL_LEADING + 2.0 * CELL_PAD_Y;
        let top = self.y;
        let mut x = MARGIN;
        for (i, (cell, width)) in row.cells.iter().zip(widths).enumerate() {
            self.page().push(Op::Rect {
                x,
                y: top,
                w: *width,
                h: height,
                fill,
                stroke: Some(BORDER),
            });
            for (n, line) in cell.iter().enumerate().take(to).skip(from) {
                if line.is_empty() {
                    continue;
                }
                let mark = match group(i) {
                    Some(g) => Mark::Leaf(self.tags.leaf(g)),
                    None => Mark::Artifact(ArtifactType::PaginationOther),
                };
                let line_top = top + CELL_PAD_Y + (n - from) as f32 * CELL_LEADING;
                let line_x = if row.right.get(i).copied().unwrap_or(false) {
                    x + width - CELL_PAD_X - self.width(line, style)
                } else {
                    x + CELL_PAD_X
                };
                self.text_at(line_x, baseline(line_top, style), line, style, mark);
            }
            x += width;
        }
        self.y = top + height;
    }
}

/// Amounts and counts line up on the right: a column is numeric when each of its non-empty cells
/// holds digits and only number punctuation, spaces or a unit sign (and one cell at least does).
fn is_numeric_column(rows: &[Vec<String>], column: usize) -> bool {
    let cells: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.get(column))
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    !cells.is_empty()
        && cells.iter().all(|c| {
            c.chars().any(|ch| ch.is_ascii_digit())
                && c.chars().all(|ch| {
                    ch.is_ascii_digit()
                        || matches!(
                            ch,
                            ' ' | '\u{A0}'
                                | '\u{202F}'
                                | ','
                                | '.'
                                | '€'
                                | '%'
                                | '+'
                                | '-'
                                | '\u{2212}'
                        )
                })
        })
}

/// A heading element; PDF/UA wants its text as the element's title.
fn heading(level: u16, text: &str) -> TagKind {
    let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
    Tag::Hn(level, Some(text.to_owned())).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laid(blocks: Vec<Block>) -> (Laid, Fonts) {
        let fonts = Fonts::load().expect("fonts");
        let doc = Document { title: "Titre".into(), blocks, ..Document::default() };
        (lay_out(&doc, &fonts), fonts)
    }

    /// Every body line's measured width fits between the margins, and its box above the footer.
    fn assert_inside_the_body(laid: &Laid, fonts: &Fonts) {
        let bottom = footer_top(laid.footer.len()) - FOOTER_GAP;
        let mut lines = 0;
        for op in laid.pages.iter().flatten() {
            if let Op::Text { x, y, weight, size, text, .. } = op {
                let right = x + fonts.face(*weight).width(text, *size);
                assert!(*x >= MARGIN - 0.01, "{text:?} starts at {x}");
                assert!(right <= MARGIN + CONTENT_WIDTH + 0.01, "{text:?} ends at {right}");
                assert!(*y <= bottom, "{text:?} has its baseline at {y}, below {bottom}");
                lines += 1;
            }
        }
        assert!(lines > 0);
    }

    #[test]
    fn long_words_long_cells_and_long_notices_stay_inside_the_body() {
        let long = "Étienne".repeat(200);
        let text = "Lorem ipsum dolor sit amet, «\u{A0}œuvre\u{A0}» à côté. ".repeat(300);
        let (laid, fonts) = laid(vec![
            Block::Paragraph(long.clone()),
            Block::Field { label: long.clone(), value: text.clone() },
            Block::Notice(text.clone()),
            Block::Table {
                columns: vec!["A".into(), long.clone(), "Montant".into()],
                rows: (0..50).map(|i| vec![long.clone(), text.clone(), format!("{i}")]).collect(),
            },
        ]);
        assert!(laid.pages.len() > 10);
        assert_inside_the_body(&laid, &fonts);
    }

    #[test]
    fn a_heading_at_the_foot_of_a_page_moves_to_the_next_one_with_its_text() {
        // 30 paragraphs leave room for the heading alone (n ≤ 30.7) but not for the heading and
        // two lines of text (n ≤ 29.0).
        let mut blocks: Vec<Block> =
            (0..30).map(|i| Block::Paragraph(format!("ligne {i}"))).collect();
        blocks.push(Block::Heading("Section".into()));
        blocks.push(Block::Paragraph("suite".into()));
        let (laid, fonts) = laid(blocks);
        assert_inside_the_body(&laid, &fonts);
        let first_text = laid.pages[1].iter().find_map(|op| match op {
            Op::Text { text, .. } => Some(text.as_str()),
            _ => None,
        });
        assert_eq!(first_text, Some("Section"));
        assert_eq!(
            laid.bookmarks[1],
            Bookmark { level: 1, text: "Section".into(), page: 1, y: MARGIN }
        );
    }

    #[test]
    fn bars_are_as_long_as_their_value_and_stay_inside_the_body() {
        let bar = |label: &str, value: i64| crate::Bar {
            label: label.into(),
            value,
            text: format!("{value}\u{A0}€"),
        };
        let mut bars = vec![bar("Bretagne", 300), bar("Centre", 150), bar("Corse", 0)];
        bars.extend((0..80).map(|i| bar(&"Provence-Alpes-Côte d’Azur ".repeat(3), i)));
        let (laid, fonts) = laid(vec![Block::Bars { caption: "Par région".into(), bars }]);
        assert_inside_the_body(&laid, &fonts);
        assert!(laid.pages.len() >= 2);
        let widths: Vec<f32> = laid.pages[0]
            .iter()
            .filter_map(|op| match op {
                Op::Rect { w, fill: Some(TEAL), .. } => Some(*w),
                _ => None,
            })
            .collect();
        assert!((widths[0] - 2.0 * widths[1]).abs() < 0.01, "{widths:?}");
        // The bar of zero draws nothing: the third rectangle is the first of the long labels.
        assert!(widths[2] < widths[1]);
    }

    #[test]
    fn numeric_columns_are_those_holding_only_amounts_or_counts() {
        let rows = vec![
            vec!["1".into(), "21\u{202F}500\u{A0}€".into(), "Salaires".into()],
            vec!["2".into(), String::new(), "12 mois".into()],
        ];
        assert_eq!(
            (0..3).map(|i| is_numeric_column(&rows, i)).collect::<Vec<_>>(),
            [true, true, false]
        );
        assert!(!is_numeric_column(&[vec![String::new()]], 0));
    }
}
