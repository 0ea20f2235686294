//! The two embedded faces (Noto Sans regular and bold): glyph lookup and advance widths.

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider, charmap::Charmap};

use crate::PdfError;

const REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// Which of the two faces a run of text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One face: krilla's handle (embedded and subset on export) and skrifa's tables, which this
/// crate reads itself so that what is measured for line breaking is exactly what is drawn.
pub(crate) struct Face {
    pub(crate) font: Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
    /// Drawn for a character the font lacks (U+FFFD, else "?"), so that no `.notdef` box reaches
    /// the page (PDF/UA forbids it); the text layer still carries the original character.
    replacement: GlyphId,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Self, PdfError> {
        let font_ref =
            FontRef::new(data).map_err(|e| PdfError::Font(format!("unreadable font: {e}")))?;
        let font = Font::new(data.into(), 0)
            .ok_or_else(|| PdfError::Font("krilla cannot read the font".into()))?;
        let charmap = font_ref.charmap();
        let replacement = ['\u{FFFD}', '?']
            .iter()
            .find_map(|c| charmap.map(*c))
            .map(|g| GlyphId::new(g.to_u32()))
            .ok_or_else(|| PdfError::Font("the font has neither U+FFFD nor '?'".into()))?;
        Ok(Face {
            font,
            charmap,
            metrics: font_ref.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em: f32::from(
                font_ref.metrics(Size::unscaled(), LocationRef::default()).units_per_em,
            ),
            replacement,
        })
    }

    fn glyph(&self, c: char) -> GlyphId {
        match self.charmap.map(c) {
            Some(g) if g.to_u32() != 0 => GlyphId::new(g.to_u32()),
            _ => self.replacement,
        }
    }

    /// The advance of one glyph in em units.
    fn advance_em(&self, glyph: GlyphId) -> f32 {
        self.metrics.advance_width(skrifa::GlyphId::new(glyph.to_u32())).unwrap_or(0.0)
            / self.units_per_em
    }

    /// The advance of one character at `size` points.
    pub(crate) fn char_width(&self, c: char, size: f32) -> f32 {
        self.advance_em(self.glyph(c)) * size
    }

    /// The width of a line of text at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size)).sum()
    }

    /// One glyph per character, each tied to its bytes in `text` so that the PDF's text layer
    /// (ToUnicode map, ActualText) gives the characters back.
    pub(crate) fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(i, c)| {
                let glyph = self.glyph(c);
                KrillaGlyph::new(
                    glyph,
                    self.advance_em(glyph),
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

/// Both faces of one document.
pub(crate) struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    pub(crate) fn load() -> Result<Self, PdfError> {
        Ok(Fonts { regular: Face::load(REGULAR)?, bold: Face::load(BOLD)? })
    }

    pub(crate) fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}
