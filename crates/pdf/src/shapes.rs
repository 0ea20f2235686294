//! Draws a [`Figure`](crate::Figure)'s shapes with krilla: polygons (even-odd, so rings
//! inside others are holes), circles and labels, moved to the figure's place and scaled.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineJoin, Stroke};
use krilla::surface::Surface;

use crate::fonts::{Fonts, Weight};
use crate::text::clean;
use crate::{Color, Shape};

/// How far a cubic Bézier's control points sit to draw a quarter circle.
const KAPPA: f32 = 0.552_284_8;

fn paint(c: Color) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Option<Color>, rule: FillRule) -> Option<Fill> {
    c.map(|c| Fill { paint: paint(c).into(), opacity: NormalizedF32::ONE, rule })
}

fn stroke(s: Option<(Color, f32)>, scale: f32) -> Option<Stroke> {
    s.filter(|(_, width)| *width > 0.0).map(|(c, width)| Stroke {
        paint: paint(c).into(),
        width: width * scale,
        line_join: LineJoin::Round,
        ..Stroke::default()
    })
}

/// Draws `shapes` with their origin at (`x`, `y`) on the page, coordinates times `scale`.
pub(crate) fn draw(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    x: f32,
    y: f32,
    scale: f32,
    shapes: &[Shape],
) {
    let at = |px: f32, py: f32| (x + px * scale, y + py * scale);
    for shape in shapes {
        match shape {
            Shape::Polygon { rings, fill: f, stroke: s } => {
                let mut path = PathBuilder::new();
                for ring in rings.iter().filter(|r| r.len() >= 3) {
                    for (i, (px, py)) in ring.iter().enumerate() {
                        let (px, py) = at(*px, *py);
                        if i == 0 { path.move_to(px, py) } else { path.line_to(px, py) }
                    }
                    path.close();
                }
                let Some(path) = path.finish() else { continue };
                surface.set_fill(fill(*f, FillRule::EvenOdd));
                surface.set_stroke(stroke(*s, scale));
                surface.draw_path(&path);
            }
            Shape::Circle { x: cx, y: cy, radius, fill: f, stroke: s } => {
                let (cx, cy) = at(*cx, *cy);
                let r = radius * scale;
                let k = r * KAPPA;
                let mut path = PathBuilder::new();
                path.move_to(cx + r, cy);
                path.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
                path.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
                path.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
                path.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
                path.close();
                let Some(path) = path.finish() else { continue };
                surface.set_fill(fill(*f, FillRule::NonZero));
                surface.set_stroke(stroke(*s, scale));
                surface.draw_path(&path);
            }
            Shape::Label { x: lx, y: ly, size, bold, color, text } => {
                let text = clean(text);
                if text.trim().is_empty() {
                    continue;
                }
                let (lx, ly) = at(*lx, *ly);
                let face = fonts.face(if *bold { Weight::Bold } else { Weight::Regular });
                surface.set_fill(fill(Some(*color), FillRule::NonZero));
                surface.set_stroke(None);
                let glyphs = face.glyphs(&text);
                let point = Point::from_xy(lx, ly);
                surface.draw_glyphs(point, &glyphs, face.font.clone(), &text, size * scale, false);
            }
        }
    }
    surface.set_stroke(None);
}
