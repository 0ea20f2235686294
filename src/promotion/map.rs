//! Maps for the printed presentations, drawn as PDF figure shapes from the regions' outlines
//! shipped in data/territory/regions.geojson (longitude, latitude; source and licence in
//! data/README.md): metropolitan France with the five overseas regions in boxes on its right,
//! and one region alone, each with points placed by their latitude and longitude.

use std::sync::LazyLock;

use ptce_pdf::{Color, Shape};
use serde_json::Value;

const REGIONS_GEOJSON: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/territory/regions.geojson"));

/// The overseas regions' codes, in the order of their boxes.
const OVERSEAS: [&str; 5] = ["01", "02", "03", "04", "06"];

pub const TEAL: Color = Color(0x0b, 0x5d, 0x53);
pub const INK: Color = Color(0x1f, 0x29, 0x33);
const WHITE: Color = Color(0xff, 0xff, 0xff);
/// A region that counts nothing, as on the site's maps (src/domain/territory/map.rs).
pub const NEUTRAL: Color = Color(0xf0, 0xf0, 0xee);
/// The region of the pole presented.
pub const HIGHLIGHT: Color = Color(0xc4, 0xe3, 0xdd);
const BORDER: Color = Color(0x6b, 0x6b, 0x6b);
const FRAME: Color = Color(0xb8, 0xc4, 0xc1);

/// A ring of (longitude, latitude) points.
type Ring = Vec<(f64, f64)>;

/// A region's outline: its polygons, each an outer ring and its holes.
pub struct Outline {
    pub code: String,
    pub name: String,
    polygons: Vec<Vec<Ring>>,
}

static OUTLINES: LazyLock<Vec<Outline>> = LazyLock::new(|| {
    let Ok(collection) = serde_json::from_str::<Value>(REGIONS_GEOJSON) else {
        return Vec::new();
    };
    let features = collection["features"].as_array().cloned().unwrap_or_default();
    features
        .iter()
        .map(|feature| {
            let text = |key: &str| feature["properties"][key].as_str().unwrap_or("").to_owned();
            let ring = |ring: &Value| -> Ring {
                ring.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                    .collect()
            };
            let polygons = feature["geometry"]["coordinates"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|polygon| polygon.as_array().into_iter().flatten().map(ring).collect())
                .collect();
            Outline { code: text("code"), name: text("name"), polygons }
        })
        .collect()
});

/// The outlines of the 18 current regions.
pub fn outlines() -> &'static [Outline] {
    &OUTLINES
}

/// (west, south, east, north) of some outlines.
fn bounds<'a>(outlines: impl Iterator<Item = &'a Outline>) -> (f64, f64, f64, f64) {
    let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (lon, lat) in outlines.flat_map(|o| o.polygons.iter().flatten().flatten()) {
        b = (b.0.min(*lon), b.1.min(*lat), b.2.max(*lon), b.3.max(*lat));
    }
    b
}

/// Places longitudes and latitudes in a box of the figure: an equirectangular projection at
/// the box's middle latitude (shapes keep their look at a country's scale), fitted and centred.
#[derive(Debug, Clone, Copy)]
struct Frame {
    west: f64,
    north: f64,
    /// Points per degree of latitude; of longitude, times `cos`.
    k: f64,
    cos: f64,
    x: f64,
    y: f64,
}

impl Frame {
    fn fit(
        (west, south, east, north): (f64, f64, f64, f64),
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    ) -> Frame {
        let cos = ((south + north) / 2.0).to_radians().cos();
        let (span_x, span_y) = (((east - west) * cos).max(1e-6), (north - south).max(1e-6));
        let k = (f64::from(w) / span_x).min(f64::from(h) / span_y);
        let x = f64::from(x) + (f64::from(w) - span_x * k) / 2.0;
        let y = f64::from(y) + (f64::from(h) - span_y * k) / 2.0;
        Frame { west, north, k, cos, x, y }
    }

    fn at(&self, (lon, lat): (f64, f64)) -> (f32, f32) {
        let x = self.x + (lon - self.west) * self.cos * self.k;
        let y = self.y + (self.north - lat) * self.k;
        (x as f32, y as f32)
    }

    fn shape(&self, outline: &Outline, fill: Color) -> Shape {
        Shape::Polygon {
            rings: outline
                .polygons
                .iter()
                .flatten()
                .map(|ring| ring.iter().map(|p| self.at(*p)).collect())
                .collect(),
            fill: Some(fill),
            stroke: Some((BORDER, 0.4)),
        }
    }
}

fn inside((west, south, east, north): (f64, f64, f64, f64), (lon, lat): (f64, f64)) -> bool {
    (west - 0.3..=east + 0.3).contains(&lon) && (south - 0.3..=north + 0.3).contains(&lat)
}

fn dot((x, y): (f32, f32), radius: f32, fill: Color) -> Shape {
    Shape::Circle { x, y, radius, fill: Some(fill), stroke: Some((WHITE, radius * 0.35)) }
}

/// A point on a map: (latitude, longitude) and whether it is drawn large (the pole presented).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    pub latitude: f64,
    pub longitude: f64,
    pub large: bool,
}

/// France in a `width` × `height` box: metropolitan France on the left, the overseas regions
/// in five labelled boxes in a column on the right; each region filled by `fill(code)`, the
/// markers over them.
pub fn france(
    width: f32,
    height: f32,
    fill: &dyn Fn(&str) -> Color,
    markers: &[Marker],
) -> Vec<Shape> {
    let all = outlines();
    let column = (width * 0.2).clamp(50.0, 110.0);
    let metropolitan = || all.iter().filter(|o| !OVERSEAS.contains(&o.code.as_str()));
    let main = Frame::fit(bounds(metropolitan()), 0.0, 0.0, width - column - 8.0, height);
    let mut shapes: Vec<Shape> = metropolitan().map(|o| main.shape(o, fill(&o.code))).collect();
    let mut placed = vec![false; markers.len()];
    let box_height = height / OVERSEAS.len() as f32;
    let x = width - column;
    for (i, code) in OVERSEAS.iter().enumerate() {
        let Some(outline) = all.iter().find(|o| o.code == *code) else { continue };
        let top = i as f32 * box_height;
        let label_size = (box_height * 0.16).clamp(5.0, 7.5);
        shapes.push(Shape::Polygon {
            rings: vec![vec![
                (x, top + 1.0),
                (width - 0.5, top + 1.0),
                (width - 0.5, top + box_height - 1.0),
                (x, top + box_height - 1.0),
            ]],
            fill: None,
            stroke: Some((FRAME, 0.5)),
        });
        shapes.push(Shape::Label {
            x: x + 3.0,
            y: top + 2.0 + label_size,
            size: label_size,
            bold: false,
            color: INK,
            text: outline.name.clone(),
        });
        let area = bounds(std::iter::once(outline));
        let inner_top = top + 4.0 + label_size;
        let frame =
            Frame::fit(area, x + 3.0, inner_top, column - 6.0, top + box_height - 3.0 - inner_top);
        shapes.push(frame.shape(outline, fill(&outline.code)));
        for (m, marker) in markers.iter().enumerate() {
            if !placed[m] && inside(area, (marker.longitude, marker.latitude)) {
                placed[m] = true;
                shapes.push(marker_shape(&frame, marker));
            }
        }
    }
    for (marker, done) in markers.iter().zip(placed) {
        if !done {
            shapes.push(marker_shape(&main, marker));
        }
    }
    shapes
}

fn marker_shape(frame: &Frame, marker: &Marker) -> Shape {
    let at = frame.at((marker.longitude, marker.latitude));
    // Small markers go over regions filled up to the teal: in ink, so that they show on it.
    if marker.large { dot(at, 4.5, TEAL) } else { dot(at, 2.8, INK) }
}

/// One region alone in a box, filled light, with small points (`points`: latitude, longitude)
/// and the pole's point large and labelled `label`. Empty for an unknown region.
pub fn region(
    code: &str,
    (x, y, width, height): (f32, f32, f32, f32),
    lead: Option<(f64, f64)>,
    points: &[(f64, f64)],
    label: &str,
) -> Vec<Shape> {
    let Some(outline) = outlines().iter().find(|o| o.code == code) else { return Vec::new() };
    let frame = Frame::fit(bounds(std::iter::once(outline)), x, y + 12.0, width, height - 12.0);
    let mut shapes = vec![
        Shape::Label {
            x,
            y: y + 8.0,
            size: 8.0,
            bold: true,
            color: INK,
            text: outline.name.clone(),
        },
        frame.shape(outline, HIGHLIGHT),
    ];
    let area = bounds(std::iter::once(outline));
    // Communes of action outside the region (a pole across a border) are not drawn: they
    // would fall outside the box.
    for (lat, lon) in points.iter().filter(|(lat, lon)| inside(area, (*lon, *lat))) {
        shapes.push(dot(frame.at((*lon, *lat)), 2.2, Color(0x23, 0x7f, 0x71)));
    }
    if let Some((lat, lon)) = lead {
        let (px, py) = frame.at((lon, lat));
        shapes.push(dot((px, py), 4.5, TEAL));
        // The label on the side with more room, so that it stays inside the figure.
        let right = px < x + width * 0.55;
        let size = 8.0;
        let guess = label.chars().count() as f32 * size * 0.55;
        let lx = if right { px + 7.0 } else { (px - 7.0 - guess).max(x) };
        shapes.push(Shape::Label {
            x: lx,
            y: py + 3.0,
            size,
            bold: true,
            color: INK,
            text: label.to_owned(),
        });
    }
    shapes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eighteen_regions_are_read_with_their_names() {
        assert_eq!(outlines().len(), 18);
        let ara = outlines().iter().find(|o| o.code == "84").expect("ARA");
        assert_eq!(ara.name, "Auvergne-Rhône-Alpes");
    }

    #[test]
    fn romans_is_drawn_inside_the_metropolitan_map_and_cayenne_in_french_guianas_box() {
        let markers = [
            Marker { latitude: 45.04, longitude: 5.05, large: true },
            Marker { latitude: 4.93, longitude: -52.33, large: false },
        ];
        let shapes = france(400.0, 300.0, &|_| NEUTRAL, &markers);
        let circles: Vec<(f32, f32, f32)> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Circle { x, y, radius, .. } => Some((*x, *y, *radius)),
                _ => None,
            })
            .collect();
        assert_eq!(circles.len(), 2);
        // Guyane is the third box of the right column (300 / 5 = 60 high each).
        let cayenne = circles.iter().find(|c| c.2 < 3.0).expect("small dot");
        assert!(cayenne.0 > 300.0 && (120.0..180.0).contains(&cayenne.1), "{cayenne:?}");
        // Romans: south-east quarter of the metropolitan map.
        let romans = circles.iter().find(|c| c.2 > 4.0).expect("large dot");
        assert!(
            (150.0..300.0).contains(&romans.0) && (150.0..250.0).contains(&romans.1),
            "{romans:?}"
        );
        // Every shape stays inside the figure.
        for shape in &shapes {
            if let Shape::Polygon { rings, .. } = shape {
                for (x, y) in rings.iter().flatten() {
                    assert!((-0.01..=400.01).contains(x) && (-0.01..=300.01).contains(y));
                }
            }
        }
    }

    #[test]
    fn a_region_alone_fills_its_box_with_the_poles_point_labelled() {
        let shapes =
            region("84", (0.0, 0.0, 200.0, 200.0), Some((45.04, 5.05)), &[(45.0, 5.1)], "Romans");
        assert!(matches!(&shapes[0], Shape::Label { text, .. } if text == "Auvergne-Rhône-Alpes"));
        assert!(matches!(shapes.last(), Some(Shape::Label { text, .. }) if text == "Romans"));
        assert!(region("99", (0.0, 0.0, 10.0, 10.0), None, &[], "").is_empty());
    }
}
