//! Accessible A4 PDF documents (receipts, proposals) laid out from generic blocks.
//!
//! The caller maps its data to a [`Document`] of [`Block`]s; [`render`] breaks lines by the
//! measured widths of the embedded Noto Sans glyphs, flows them onto pages (never cutting a line,
//! repeating table headers), and writes a tagged PDF/UA-1 file with krilla: document language and
//! title, headings, paragraphs and tables in the structure tree, bookmarks, decorations and
//! footers as artifacts, fonts subset. The same input always gives the same bytes.

mod draw;
mod fonts;
mod layout;
mod shapes;
mod text;

use std::fmt;

pub use time::OffsetDateTime;

/// The language of a document: its metadata and structure tree say so to screen readers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The BCP 47 code written in the PDF.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The PDF title of a document whose title is empty.
    pub fn untitled(self) -> &'static str {
        match self {
            Lang::Fr => "Document sans titre",
            Lang::En => "Untitled document",
        }
    }
}

/// A document to render.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub lang: Lang,
    /// Shown first, and the PDF's title (PDF/UA requires one: an empty title is drawn as
    /// nothing and written as [`Lang::untitled`]).
    pub title: String,
    pub subtitle: Option<String>,
    /// Label/value lines under the title: dossier number, submission time, SHA-256…
    pub meta: Vec<(String, String)>,
    pub blocks: Vec<Block>,
    /// Printed at the foot of every page, left of "page n / N".
    pub footer: String,
    /// Written as the PDF's creation date. None writes no date at all, so that the output
    /// depends only on the content (nothing is taken from the clock).
    pub created_at: Option<OffsetDateTime>,
}

/// A piece of layout; the caller maps its data to these.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section heading (teal, with a rule under it; a top-level bookmark).
    Heading(String),
    /// A heading under a [`Block::Heading`] (a nested bookmark).
    SubHeading(String),
    /// A labelled value, e.g. a form answer; the value may be long text with line breaks.
    /// An empty value is shown as "—".
    Field {
        label: String,
        value: String,
    },
    Paragraph(String),
    /// A table; long cells wrap, and the header row is repeated on every page the table
    /// spans. Rows may have fewer cells than there are columns.
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Text in a box with a teal bar, for a warning or a piece of information.
    Notice(String),
    /// A drawing (a map…) with its text alternative, on the left margin.
    Figure(Figure),
    /// A horizontal bar chart under a caption: one bar per line, its length proportional to
    /// `value`, its label on the left and `text` (the amount as written) at its end. The
    /// chart is decoration in the structure tree (only the caption is read out), so the same
    /// numbers belong in a table next to it.
    Bars {
        caption: String,
        bars: Vec<Bar>,
    },
}

/// One bar of a [`Block::Bars`] chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    /// The length, relative to the longest bar of the chart (negative values draw nothing).
    pub value: i64,
    /// The value as the reader should see it: "12 000 €".
    pub text: String,
}

/// A colour, as red, green and blue from 0 to 255.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

/// A drawing: shapes in points from the figure's top-left corner, drawn in order (later ones
/// over earlier ones). The whole drawing is one Figure element whose alternative text is
/// `alt` (PDF/UA requires one): say there what the drawing shows, since its shapes and labels
/// are not read out. An empty `alt` makes the drawing a decoration (an artifact). A figure
/// wider than the body is scaled down to its width.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figure {
    pub alt: String,
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

/// A piece of a [`Figure`]; a stroke is (colour, width in points).
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Closed polygons of at least three points each; a ring inside another is a hole (the
    /// even-odd rule), so an area in several parts, with enclaves, is one shape.
    Polygon {
        rings: Vec<Vec<(f32, f32)>>,
        fill: Option<Color>,
        stroke: Option<(Color, f32)>,
    },
    Circle {
        x: f32,
        y: f32,
        radius: f32,
        fill: Option<Color>,
        stroke: Option<(Color, f32)>,
    },
    /// One line of text; `y` is its baseline.
    Label {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Color,
        text: String,
    },
}

/// Why a document could not be rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// An embedded font could not be read (a build problem, not a data one).
    Font(String),
    /// krilla refused to write the file (for instance a PDF/UA rule or a PDF size limit).
    Export(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Font(e) => write!(f, "PDF font error: {e}"),
            PdfError::Export(e) => write!(f, "PDF export error: {e}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// How many pages `doc` takes, without writing it: a caller fitting a document on one page
/// shortens its content until this says 1.
pub fn page_count(doc: &Document) -> Result<usize, PdfError> {
    let fonts = fonts::Fonts::load()?;
    Ok(layout::lay_out(doc, &fonts).pages.len())
}

/// Renders `doc` as an A4, tagged PDF/UA-1 file.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::Fonts::load()?;
    let laid = layout::lay_out(doc, &fonts);
    draw::draw(doc, laid, &fonts)
}
