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

/// Renders `doc` as an A4, tagged PDF/UA-1 file.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::Fonts::load()?;
    let laid = layout::lay_out(doc, &fonts);
    draw::draw(doc, laid, &fonts)
}
