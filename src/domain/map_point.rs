//! A point a pole places itself on the map: latitude and longitude as typed (decimal degrees,
//! a comma or a point), refused outside France — metropolitan France with Corsica, and the five
//! overseas departments and regions (DROM) — with the reason next to the field.

use std::fmt;

/// (south, north, west, east) in degrees: metropolitan France with Corsica, then Guadeloupe,
/// Martinique, French Guiana, La Réunion and Mayotte, each with a margin of a few km. Boxes,
/// not borders: they catch swapped or mistyped degrees and other countries, but a point just
/// across a land border (Brussels, Geneva) passes.
const AREAS: [(f64, f64, f64, f64); 6] = [
    (41.30, 51.15, -5.25, 9.60),
    (15.80, 16.55, -61.85, -60.95),
    (14.35, 14.90, -61.25, -60.80),
    (2.10, 5.80, -54.65, -51.60),
    (-21.40, -20.85, 55.20, 55.85),
    (-13.05, -12.60, 44.95, 45.35),
];

/// A point in France, in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapPoint {
    latitude: f64,
    longitude: f64,
}

/// Why a typed point is refused, and next to which field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointIssue {
    /// Empty, or not a decimal number of degrees between -90 and 90.
    Latitude,
    /// Empty, or not a decimal number of degrees between -180 and 180.
    Longitude,
    /// Both read, but the point is not in France.
    OutsideFrance,
}

impl PointIssue {
    /// The form field the message goes next to.
    pub fn field(self) -> &'static str {
        match self {
            PointIssue::Latitude | PointIssue::OutsideFrance => "latitude",
            PointIssue::Longitude => "longitude",
        }
    }

    /// Its message key in locales/*/promotion.ftl.
    pub fn message(self) -> &'static str {
        match self {
            PointIssue::Latitude => "promotion-point-error-latitude",
            PointIssue::Longitude => "promotion-point-error-longitude",
            PointIssue::OutsideFrance => "promotion-point-error-outside",
        }
    }
}

/// A number of degrees as typed: "45,0442", "45.0442", "+5.05"; at most 7 decimals (about a
/// centimetre: more is a pasted artefact, not a place), nothing else.
fn degrees(typed: &str, limit: f64) -> Option<f64> {
    let typed = typed.trim().replace(',', ".");
    let digits = typed.strip_prefix(['-', '+']).unwrap_or(&typed);
    let (whole, decimals) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 3
        || !plain(whole)
        || !plain(decimals)
        || decimals.len() > 7
    {
        return None;
    }
    typed.parse::<f64>().ok().filter(|d| d.is_finite() && d.abs() <= limit)
}

impl MapPoint {
    /// Reads a typed latitude and longitude; every issue found, each next to its field.
    pub fn parse(latitude: &str, longitude: &str) -> Result<MapPoint, Vec<PointIssue>> {
        let lat = degrees(latitude, 90.0);
        let lon = degrees(longitude, 180.0);
        match (lat, lon) {
            (Some(latitude), Some(longitude)) => {
                MapPoint::new(latitude, longitude).ok_or_else(|| vec![PointIssue::OutsideFrance])
            }
            _ => Err([lat.is_none().then_some(PointIssue::Latitude)]
                .into_iter()
                .chain([lon.is_none().then_some(PointIssue::Longitude)])
                .flatten()
                .collect()),
        }
    }

    /// A point from stored degrees; None outside France.
    pub fn new(latitude: f64, longitude: f64) -> Option<MapPoint> {
        AREAS
            .iter()
            .any(|(south, north, west, east)| {
                (*south..=*north).contains(&latitude) && (*west..=*east).contains(&longitude)
            })
            .then_some(MapPoint { latitude, longitude })
    }

    pub fn latitude(self) -> f64 {
        self.latitude
    }

    pub fn longitude(self) -> f64 {
        self.longitude
    }
}

impl fmt::Display for MapPoint {
    /// "45.04421, 5.05232": the degrees as stored, latitude first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.latitude, self.longitude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romans_is_read_with_a_comma_or_a_point() {
        let point = MapPoint::parse("45,04421", " 5.05232 ").expect("in France");
        assert_eq!((point.latitude(), point.longitude()), (45.04421, 5.05232));
        assert_eq!(point.to_string(), "45.04421, 5.05232");
    }

    #[test]
    fn corsica_and_the_five_overseas_departments_are_in_france() {
        for (lat, lon) in [
            ("41.92", "8.74"),   // Ajaccio
            ("16.24", "-61.53"), // Pointe-à-Pitre
            ("14.60", "-61.07"), // Fort-de-France
            ("4.93", "-52.33"),  // Cayenne
            ("-20.88", "55.45"), // Saint-Denis de La Réunion
            ("-12.78", "45.23"), // Mamoudzou
            ("51.03", "2.37"),   // Dunkerque
            ("43.70", "7.27"),   // Nice
        ] {
            assert!(MapPoint::parse(lat, lon).is_ok(), "{lat}, {lon}");
        }
    }

    #[test]
    fn a_point_outside_france_is_refused_next_to_the_latitude() {
        // Madrid, London, Rome… and latitude and longitude swapped for Romans.
        for (lat, lon) in
            [("40.42", "-3.70"), ("51.51", "-0.13"), ("41.90", "12.50"), ("5.05", "45.04")]
        {
            assert_eq!(MapPoint::parse(lat, lon), Err(vec![PointIssue::OutsideFrance]), "{lat}");
        }
        assert_eq!(PointIssue::OutsideFrance.field(), "latitude");
    }

    #[test]
    fn what_is_not_a_number_of_degrees_is_refused_next_to_its_field() {
        assert_eq!(
            MapPoint::parse("", "abc"),
            Err(vec![PointIssue::Latitude, PointIssue::Longitude])
        );
        assert_eq!(MapPoint::parse("95", "5"), Err(vec![PointIssue::Latitude]));
        assert_eq!(MapPoint::parse("45", "5.123456789"), Err(vec![PointIssue::Longitude]));
        assert_eq!(
            MapPoint::parse("NaN", "inf"),
            Err(vec![PointIssue::Latitude, PointIssue::Longitude])
        );
        assert_eq!(MapPoint::parse("4e1", "5"), Err(vec![PointIssue::Latitude]));
        assert_eq!(MapPoint::new(f64::NAN, 5.0), None);
    }
}
