//! A small bar chart of one indicator over periods as inline SVG (role="img", a `<title>` that
//! says every value), always shown with a table of the same numbers.

use std::fmt::Write as _;

use crate::domain::lang::Lang;
use crate::domain::progress::{Amount, axis_top};

/// The bars' fill: the site's teal (7.6:1 on white).
const BAR: &str = "#0b5d53";
const INK: &str = "#1e1e1e";
const AXIS: &str = "#6b6b6b";

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 28.0;

/// One bar: the period's label and its value (none: not reported).
pub struct Bar {
    pub label: String,
    pub value: Option<Amount>,
}

/// Text as XML character data or an attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The accessible name: "Emplois directs (ETP) — 2012 : 12,5 ; 2013 : 15".
pub fn title(name: &str, bars: &[Bar], lang: Lang, missing: &str) -> String {
    let values: Vec<String> = bars
        .iter()
        .map(|b| {
            let value = b.value.map_or_else(|| missing.to_owned(), |v| v.display(lang));
            match lang {
                Lang::Fr => format!("{}\u{a0}: {value}", b.label),
                Lang::En => format!("{}: {value}", b.label),
            }
        })
        .collect();
    format!("{name} — {}", values.join(" ; "))
}

/// The chart: one bar per period with its value above it, the axis from 0 to a round top.
/// `id` makes the title's id unique on the page; `name` is the indicator's label; `missing`
/// is written where a period has no value.
pub fn bars(id: &str, name: &str, bars: &[Bar], lang: Lang, missing: &str) -> String {
    let max = bars.iter().filter_map(|b| b.value).map(Amount::number).fold(0.0, f64::max);
    let top = axis_top(max);
    let sample = bars.iter().find_map(|b| b.value).unwrap_or(Amount::Count(0.0));
    let inner_width = WIDTH - LEFT - RIGHT;
    let inner_height = HEIGHT - TOP - BOTTOM;
    let n = bars.len().max(1) as f64;
    let step = inner_width / n;
    let width = (step * 0.6).clamp(4.0, 56.0);
    let base = TOP + inner_height;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"progress-chart__svg\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{id}-title\" \
         font-size=\"11\" fill=\"{INK}\"><title id=\"{id}-title\">{}</title>",
        escape(&title(name, bars, lang, missing))
    );
    let _ = write!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{}\" y2=\"{TOP}\" stroke=\"{AXIS}\" \
         stroke-dasharray=\"2 3\"/>\
         <line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"{AXIS}\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        WIDTH - RIGHT,
        WIDTH - RIGHT,
        LEFT - 4.0,
        base + 4.0,
        LEFT - 4.0,
        TOP + 4.0,
        escape(&sample.like(top).display(lang))
    );
    for (i, bar) in bars.iter().enumerate() {
        let centre = LEFT + step * i as f64 + step / 2.0;
        let (h, text) = match bar.value {
            Some(value) => ((inner_height * value.number().max(0.0) / top), value.display(lang)),
            None => (0.0, missing.to_owned()),
        };
        if bar.value.is_some() {
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{h:.1}\" \
                 fill=\"{BAR}\"/>",
                centre - width / 2.0,
                base - h
            );
        }
        let _ = write!(
            svg,
            "<text x=\"{centre:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
             <text x=\"{centre:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            base - h - 4.0,
            escape(&text),
            base + 16.0,
            escape(&bar.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_period_has_its_bar_its_value_and_the_title_says_them_all() {
        let chart = bars(
            "jobs-fte",
            "Emplois directs (ETP)",
            &[
                Bar { label: "2012".to_owned(), value: Some(Amount::Decimal(12.5)) },
                Bar { label: "2013".to_owned(), value: None },
                Bar { label: "2014".to_owned(), value: Some(Amount::Decimal(20.0)) },
            ],
            Lang::Fr,
            "—",
        );
        assert!(chart.contains("role=\"img\" aria-labelledby=\"jobs-fte-title\""));
        assert!(chart.contains(
            "<title id=\"jobs-fte-title\">Emplois directs (ETP) — 2012\u{a0}: 12,5 ; \
             2013\u{a0}: — ; 2014\u{a0}: 20</title>"
        ));
        // Axis top 20: the 2014 bar fills the 132 units of height, 2012's is 82.5 high.
        assert_eq!(chart.matches("<rect ").count(), 2);
        assert!(chart.contains("y=\"20.0\" width=\"49.6\" height=\"132.0\""));
        assert!(chart.contains("height=\"82.5\""));
        assert!(chart.contains(">12,5</text>") && chart.contains(">2013</text>"));
    }

    #[test]
    fn money_reads_in_euros_on_the_axis_and_texts_are_escaped() {
        let chart = bars(
            "ca",
            "Chiffre d'affaires <HT>",
            &[Bar { label: "2012".to_owned(), value: Some(Amount::Money(4_500_000)) }],
            Lang::Fr,
            "—",
        );
        assert!(chart.contains("Chiffre d&#39;affaires &lt;HT&gt;"));
        assert!(chart.contains(">50\u{202f}000\u{a0}€</text>"), "{chart}");
        assert!(chart.contains(">45\u{202f}000\u{a0}€</text>"));
    }
}
