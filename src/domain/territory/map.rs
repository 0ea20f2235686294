//! Choropleth maps of France as inline SVG: counts per region (2011 or current) or per
//! department, each department filled by its area's count, from the outlines shipped in
//! data/territory/department-outlines.tsv (source and licence in data/README.md).

use std::fmt::Write as _;
use std::sync::LazyLock;

use super::gazetteer::{Department, Gazetteer};

/// The outlines of the 96 metropolitan departments; regions are drawn as their departments.
const OUTLINES_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/territory/department-outlines.tsv"));

/// The sequential scale, lightest first, ending on the site's teal. A map with fewer than five
/// distinct classes uses the darkest ones, so that the largest count is always the teal.
pub const SCALE: [&str; 5] = ["#c4e3dd", "#8cc7bc", "#4fa396", "#237f71", "#0b5d53"];

/// The fill of an area that counts nothing: a light neutral, not the scale's lightest teal.
pub const ZERO: &str = "#f0f0ee";

/// Department borders: thin, dark enough to outline the shapes against the page (3:1).
const BORDER: &str = "#6b6b6b";

/// The drawing's width: the outlines' box (613 units), then a column for the overseas
/// departments, which the source does not draw, and the legend.
const WIDTH: u32 = 840;
const SIDE: u32 = 628;

struct Outlines {
    view_box: (u32, u32),
    /// (INSEE department code, SVG path data), ordered by code.
    paths: Vec<(&'static str, &'static str)>,
}

static OUTLINES: LazyLock<Outlines> = LazyLock::new(|| {
    let mut view_box = (613, 585);
    let mut paths = Vec::new();
    for line in OUTLINES_TSV.lines() {
        if let Some(comment) = line.strip_prefix('#') {
            // "# viewBox=0 0 613 585 source=…"
            let numbers: Vec<u32> = comment
                .split("viewBox=")
                .nth(1)
                .unwrap_or_default()
                .split_whitespace()
                .take(4)
                .filter_map(|n| n.parse().ok())
                .collect();
            if let [_, _, width, height] = numbers[..] {
                view_box = (width, height);
            }
        } else if let Some((code, path)) = line.split_once('\t')
            && code != "code"
        {
            paths.push((code, path));
        }
    }
    Outlines { view_box, paths }
});

/// What a map counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapLevel {
    /// The 27 regions of 2011 (Rhône-Alpes, Midi-Pyrénées…).
    Regions2011,
    /// The 18 regions since 2016.
    RegionsCurrent,
    /// The 101 departments.
    Departments,
}

impl MapLevel {
    /// The code and name of the area a department belongs to at this level.
    pub fn area_of(self, department: &'static Department) -> (&'static str, &'static str) {
        match self {
            MapLevel::Regions2011 => {
                (department.region_2011().code(), department.region_2011().name())
            }
            MapLevel::RegionsCurrent => (department.region().code(), department.region().name()),
            MapLevel::Departments => (department.code(), department.name()),
        }
    }
}

/// The words of a map, in the reader's language.
pub struct MapTexts<'a> {
    /// The map's accessible name (`aria-label`): what it shows, with its numbers.
    pub label: &'a str,
    /// The legend's heading, e.g. "Dossiers".
    pub legend: &'a str,
    /// The tooltip of a shape from its area's name and count: "Rhône-Alpes : 3 dossiers".
    pub title: &'a dyn Fn(&str, u32) -> String,
}

/// The class of a count on a scale of `classes` classes up to `max`: 0 for none, else 1..=classes.
fn class_of(count: u32, max: u32, classes: u32) -> u32 {
    if count == 0 || max == 0 {
        return 0;
    }
    (u64::from(count) * u64::from(classes)).div_ceil(u64::from(max)).min(u64::from(classes)) as u32
}

/// How many classes the scale has for this largest count: one per value up to five.
fn classes_for(max: u32) -> u32 {
    max.min(SCALE.len() as u32)
}

/// The fill of a count when the largest count shown is `max`.
pub fn fill(count: u32, max: u32) -> &'static str {
    let classes = classes_for(max);
    match class_of(count, max, classes) {
        0 => ZERO,
        class => SCALE[SCALE.len() - classes as usize + class as usize - 1],
    }
}

/// The legend's rows: the fill and the counts it stands for ("0", "1", "2–3").
pub fn legend(max: u32) -> Vec<(&'static str, String)> {
    let mut rows = vec![(ZERO, "0".to_owned())];
    let classes = classes_for(max);
    for class in 1..=classes {
        let low = (u64::from(class - 1) * u64::from(max) / u64::from(classes)) as u32 + 1;
        let high = (u64::from(class) * u64::from(max) / u64::from(classes)) as u32;
        let text = if low == high { low.to_string() } else { format!("{low}–{high}") };
        rows.push((fill(high, max), text));
    }
    rows
}

/// Text as XML character data or an attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The map as an inline `<svg>` element (role="img", its `aria-label`, a `<title>` per shape,
/// a legend). `counts` gives the count of each area by its INSEE code at `level` (region or
/// department code); areas left out count zero, unknown codes are ignored. The five overseas
/// departments, absent from the outlines, are drawn as labelled squares beside the map.
pub fn choropleth(level: MapLevel, counts: &[(String, u32)], texts: &MapTexts<'_>) -> String {
    let outlines = &*OUTLINES;
    let gazetteer = Gazetteer::global();
    let count_of =
        |code: &str| counts.iter().filter(|(c, _)| c == code).map(|(_, n)| *n).sum::<u32>();
    let max =
        gazetteer.departments().iter().map(|d| count_of(level.area_of(d).0)).max().unwrap_or(0);
    let (width, height) = outlines.view_box;
    let mut svg = String::with_capacity(OUTLINES_TSV.len() + 16_384);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"choropleth\" viewBox=\"0 0 {} {}\" \
         role=\"img\" aria-label=\"{}\">",
        WIDTH.max(width),
        height,
        escape(texts.label)
    );
    let _ = write!(
        svg,
        "<g class=\"choropleth-areas\" stroke=\"{BORDER}\" stroke-width=\"0.4\" \
         stroke-linejoin=\"round\">"
    );
    let shape = |svg: &mut String, department: &'static Department, body: &str| {
        let (code, name) = level.area_of(department);
        let count = count_of(code);
        let _ = write!(
            svg,
            "{body} fill=\"{}\" data-department=\"{}\" data-area=\"{}\"><title>{}</title>",
            fill(count, max),
            escape(department.code()),
            escape(code),
            escape(&(texts.title)(name, count)),
        );
    };
    for (code, path) in &outlines.paths {
        let Some(department) = gazetteer.department(code) else { continue };
        shape(&mut svg, department, &format!("<path d=\"{path}\""));
        svg.push_str("</path>");
    }
    // The departments without an outline (overseas), as squares in the side column.
    let mut y = 12;
    for department in gazetteer.departments() {
        if outlines.paths.iter().any(|(code, _)| *code == department.code()) {
            continue;
        }
        shape(
            &mut svg,
            department,
            &format!("<rect x=\"{SIDE}\" y=\"{y}\" width=\"32\" height=\"32\""),
        );
        svg.push_str("</rect>");
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"17\" fill=\"#1e1e1e\" \
             stroke=\"none\">{} {}</text>",
            SIDE + 40,
            y + 22,
            escape(department.code()),
            escape(department.name())
        );
        y += 42;
    }
    svg.push_str("</g>");
    // The legend, under the squares.
    let mut y = y + 24;
    let _ = write!(
        svg,
        "<g class=\"choropleth-legend\" font-size=\"17\" fill=\"#1e1e1e\">\
         <text x=\"{SIDE}\" y=\"{y}\" font-weight=\"bold\">{}</text>",
        escape(texts.legend)
    );
    for (colour, text) in legend(max) {
        y += 28;
        let _ = write!(
            svg,
            "<rect x=\"{SIDE}\" y=\"{}\" width=\"26\" height=\"18\" fill=\"{colour}\" \
             stroke=\"{BORDER}\" stroke-width=\"0.6\"/><text x=\"{}\" y=\"{}\">{}</text>",
            y - 14,
            SIDE + 34,
            y,
            escape(&text)
        );
    }
    svg.push_str("</g></svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(name: &str, count: u32) -> String {
        format!("{name} : {count} dossiers")
    }

    fn texts() -> MapTexts<'static> {
        MapTexts { label: "Dossiers par région", legend: "Dossiers", title: &title }
    }

    /// The opening tag of the shape of a department, e.g. `<path d="…" fill="…" …>`.
    fn shape_of<'a>(svg: &'a str, department: &str) -> &'a str {
        let marker = format!("data-department=\"{department}\"");
        let at = svg.find(&marker).expect("the department is drawn");
        let start = svg[..at].rfind('<').expect("tag start");
        let end = at + svg[at..].find('>').expect("tag end");
        &svg[start..=end]
    }

    fn attribute<'a>(tag: &'a str, name: &str) -> &'a str {
        let key = format!(" {name}=\"");
        let at = tag.find(&key).expect("attribute") + key.len();
        &tag[at..at + tag[at..].find('"').expect("end")]
    }

    fn shape_title(svg: &str, department: &str) -> String {
        let tag = shape_of(svg, department);
        let at = svg.find(tag).expect("tag") + tag.len();
        let rest = &svg[at..];
        rest["<title>".len()..rest.find("</title>").expect("title")].to_owned()
    }

    #[test]
    fn the_outlines_are_the_96_metropolitan_departments_keyed_by_their_insee_code() {
        let outlines = &*OUTLINES;
        assert_eq!(outlines.view_box, (613, 585));
        assert_eq!(outlines.paths.len(), 96);
        let gazetteer = Gazetteer::global();
        for (code, path) in &outlines.paths {
            assert!(gazetteer.department(code).is_some(), "{code} is a department");
            assert!(path.starts_with('M') && path.ends_with('z'), "{code}");
        }
        let codes: Vec<&str> = outlines.paths.iter().map(|(c, _)| *c).collect();
        assert!(codes.contains(&"2A") && codes.contains(&"2B") && codes.contains(&"75"));
        let missing: Vec<&str> = gazetteer
            .departments()
            .iter()
            .map(|d| d.code())
            .filter(|c| !codes.contains(c))
            .collect();
        assert_eq!(missing, ["971", "972", "973", "974", "976"]);
    }

    #[test]
    fn drome_takes_the_darkest_teal_when_rhone_alpes_has_the_largest_count() {
        let counts = [("82".to_owned(), 3), ("73".to_owned(), 1)];
        let svg = choropleth(MapLevel::Regions2011, &counts, &texts());
        assert_eq!(attribute(shape_of(&svg, "26"), "fill"), "#0b5d53");
        assert_eq!(attribute(shape_of(&svg, "26"), "data-area"), "82");
        // Ardèche, also in Rhône-Alpes in 2011, has the same fill; the Tarn (Midi-Pyrénées, 1
        // of 3) the first class of three (the scale's third colour).
        assert_eq!(attribute(shape_of(&svg, "07"), "fill"), "#0b5d53");
        assert_eq!(attribute(shape_of(&svg, "81"), "fill"), "#4fa396");
        // The Puy-de-Dôme was in Auvergne in 2011: nothing.
        assert_eq!(attribute(shape_of(&svg, "63"), "fill"), ZERO);
        assert_eq!(shape_title(&svg, "26"), "Rhône-Alpes : 3 dossiers");
        assert_eq!(shape_title(&svg, "63"), "Auvergne : 0 dossiers");
    }

    #[test]
    fn current_regions_fill_the_puy_de_dome_with_auvergne_rhone_alpes() {
        let counts = [("84".to_owned(), 2)];
        let svg = choropleth(MapLevel::RegionsCurrent, &counts, &texts());
        assert_eq!(attribute(shape_of(&svg, "63"), "fill"), "#0b5d53");
        assert_eq!(attribute(shape_of(&svg, "26"), "fill"), "#0b5d53");
        assert_eq!(attribute(shape_of(&svg, "81"), "fill"), ZERO);
        assert_eq!(shape_title(&svg, "63"), "Auvergne-Rhône-Alpes : 2 dossiers");
    }

    #[test]
    fn departments_are_filled_each_by_its_own_count_and_overseas_ones_are_squares() {
        let counts = [("26".to_owned(), 10), ("2A".to_owned(), 5), ("974".to_owned(), 1)];
        let svg = choropleth(MapLevel::Departments, &counts, &texts());
        assert_eq!(attribute(shape_of(&svg, "26"), "fill"), "#0b5d53");
        assert_eq!(attribute(shape_of(&svg, "07"), "fill"), ZERO);
        // 5 of 10 on five classes: class 3.
        assert_eq!(attribute(shape_of(&svg, "2A"), "fill"), "#4fa396");
        assert!(shape_of(&svg, "974").starts_with("<rect "));
        assert_eq!(attribute(shape_of(&svg, "974"), "fill"), "#c4e3dd");
        assert_eq!(shape_title(&svg, "974"), "La Réunion : 1 dossiers");
        assert_eq!(shape_title(&svg, "2A"), "Corse-du-Sud : 5 dossiers");
    }

    #[test]
    fn the_map_is_an_image_with_its_accessible_name_and_escaped_texts() {
        let quote = |name: &str, count: u32| format!("« {name} » & {count}");
        let texts = MapTexts { label: "Carte \"test\" <1>", legend: "L'écart", title: &quote };
        let svg = choropleth(MapLevel::Departments, &[("21".to_owned(), 1)], &texts);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"choropleth\""));
        assert!(svg.contains(" role=\"img\" aria-label=\"Carte &quot;test&quot; &lt;1&gt;\""));
        assert_eq!(shape_title(&svg, "21"), "« Côte-d&#39;Or » &amp; 1");
        assert!(svg.contains(">L&#39;écart</text>"));
        assert!(svg.ends_with("</g></svg>"));
        assert_eq!(svg.matches("<title>").count(), 101);
    }

    #[test]
    fn with_nothing_counted_every_department_is_neutral_and_the_legend_says_zero() {
        let svg = choropleth(MapLevel::Regions2011, &[], &texts());
        assert_eq!(svg.matches(&format!("fill=\"{ZERO}\" data-department")).count(), 101);
        assert_eq!(legend(0), [(ZERO, "0".to_owned())]);
    }

    #[test]
    fn the_legend_splits_counts_into_at_most_five_classes_ending_on_the_teal() {
        assert_eq!(
            legend(3),
            [
                (ZERO, "0".to_owned()),
                ("#4fa396", "1".to_owned()),
                ("#237f71", "2".to_owned()),
                ("#0b5d53", "3".to_owned())
            ]
        );
        assert_eq!(
            legend(12),
            [
                (ZERO, "0".to_owned()),
                ("#c4e3dd", "1–2".to_owned()),
                ("#8cc7bc", "3–4".to_owned()),
                ("#4fa396", "5–7".to_owned()),
                ("#237f71", "8–9".to_owned()),
                ("#0b5d53", "10–12".to_owned())
            ]
        );
        for count in 1..=12 {
            let row = legend(12).into_iter().find(|(colour, _)| *colour == fill(count, 12));
            let (_, text) = row.expect("a legend row");
            let bounds: Vec<u32> = text.split('–').map(|n| n.parse().expect("number")).collect();
            assert!(bounds[0] <= count && count <= *bounds.last().expect("bound"), "{count}");
        }
    }
}
