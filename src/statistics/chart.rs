//! A bar chart as inline SVG (role="img", a `<title>` per bar), shown beside a table of the
//! same numbers: the submissions per day of the statistics page.

use std::fmt::Write as _;

/// The bars' fill: the site's teal (7.6:1 on white).
const BAR: &str = "#0b5d53";
const INK: &str = "#1e1e1e";
const AXIS: &str = "#6b6b6b";

const WIDTH: u32 = 720;
const HEIGHT: u32 = 240;
const LEFT: u32 = 36;
const RIGHT: u32 = 8;
const TOP: u32 = 12;
const BOTTOM: u32 = 36;

/// One bar: its label under the axis ("28/11"), its tooltip, its value.
pub struct Bar {
    pub label: String,
    pub title: String,
    pub value: u32,
}

/// Text as XML character data or an attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The chart: one bar per value (at most 48 units wide), the axis labelled at zero and the largest value, at most about
/// twelve labels under it. `label` is its accessible name.
pub fn bars(bars: &[Bar], label: &str) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let inner_width = WIDTH - LEFT - RIGHT;
    let inner_height = HEIGHT - TOP - BOTTOM;
    let n = u32::try_from(bars.len()).unwrap_or(u32::MAX).max(1);
    let step = f64::from(inner_width) / f64::from(n);
    let width = (step * 0.8).clamp(1.0, 48.0);
    let every = n.div_ceil(12).max(1) as usize;
    let base = TOP + inner_height;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" viewBox=\"0 0 {WIDTH} \
         {HEIGHT}\" role=\"img\" aria-label=\"{}\" font-size=\"11\" fill=\"{INK}\">",
        escape(label)
    );
    let _ = write!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"{AXIS}\"/>\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{base}\" stroke=\"{AXIS}\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text>",
        WIDTH - RIGHT,
        LEFT - 4,
        base + 4,
        LEFT - 4,
        TOP + 4
    );
    for (i, bar) in bars.iter().enumerate() {
        let x = f64::from(LEFT) + step * i as f64 + (step - width) / 2.0;
        let h = f64::from(inner_height) * f64::from(bar.value) / f64::from(max);
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{h:.1}\" \
             fill=\"{BAR}\"><title>{}</title></rect>",
            f64::from(base) - h,
            escape(&bar.title)
        );
        if i % every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x + width / 2.0,
                base + 16,
                escape(&bar.label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: u32) -> Bar {
        Bar { label: label.to_owned(), title: format!("{label} : {value}"), value }
    }

    #[test]
    fn the_tallest_bar_fills_the_height_and_each_bar_has_its_title() {
        let svg = bars(&[bar("28/11", 1), bar("29/11", 4), bar("30/11", 0)], "Dépôts par jour");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\""));
        assert!(svg.contains("role=\"img\" aria-label=\"Dépôts par jour\""));
        // 676 units for three bars: steps of 225.3, bars 48 wide (at most), centred: the second
        // at 36 + 225.3 + 88.7; 192 units of height.
        assert!(svg.contains(
            "<rect x=\"350.0\" y=\"12.0\" width=\"48.0\" height=\"192.0\" fill=\"#0b5d53\">\
             <title>29/11 : 4</title></rect>"
        ));
        assert!(svg.contains("height=\"48.0\" fill=\"#0b5d53\"><title>28/11 : 1</title>"));
        assert!(svg.contains("height=\"0.0\" fill=\"#0b5d53\"><title>30/11 : 0</title>"));
        assert_eq!(svg.matches("<title>").count(), 3);
        assert!(svg.contains(">4</text>"));
    }

    #[test]
    fn labels_are_thinned_to_about_twelve_and_texts_are_escaped() {
        let many: Vec<Bar> = (1..=30).map(|d| bar(&format!("{d:02}/11"), d)).collect();
        let svg = bars(&many, "L'\"axe\"");
        assert!(svg.contains("aria-label=\"L&#39;&quot;axe&quot;\""));
        assert_eq!(svg.matches("text-anchor=\"middle\"").count(), 10);
        assert_eq!(svg.matches("<rect ").count(), 30);
    }
}
