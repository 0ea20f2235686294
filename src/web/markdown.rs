//! Markdown texts of a call (which the steering group can edit) turned into safe HTML.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

/// Renders CommonMark (with tables and footnotes) and keeps only an allow-list of tags and
/// attributes. Footnote anchors get the `prefix` so several texts can share one page.
pub fn render(markdown: &str, prefix: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let anchor = |label: &str| -> CowStr<'static> {
        let clean: String = label
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
            .collect();
        format!("fn-{prefix}-{clean}").into()
    };
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::FootnoteReference(label) => Event::FootnoteReference(anchor(&label)),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(anchor(&label)))
        }
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitizer().clean(&html).to_string()
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tag_attributes("div", &["id", "class"])
        .add_tag_attributes("sup", &["class"])
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // Only the footnote anchors made above may carry an id or a class.
            (_, "id") if !value.starts_with("fn-") => None,
            (_, "class") if !value.starts_with("footnote-") => None,
            _ => Some(value.into()),
        })
        .link_rel(Some("noopener noreferrer"));
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_event_handlers_are_removed() {
        let html = render("Bonjour <script>alert(1)</script><img src=x onerror=alert(1)>", "s");
        assert_eq!(html, "<p>Bonjour <img src=\"x\"></p>\n");
    }

    #[test]
    fn footnotes_link_to_prefixed_anchors() {
        let html = render("Texte[^n].\n\n[^n]: Une note.", "intro");
        assert!(html.contains("href=\"#fn-intro-n\""), "{html}");
        assert!(html.contains("id=\"fn-intro-n\""), "{html}");
        assert!(html.contains("class=\"footnote-definition\""), "{html}");
    }

    #[test]
    fn an_id_chosen_by_the_author_is_dropped() {
        let html = render("<div id=\"main\" class=\"evil\">x</div>", "s");
        assert_eq!(html, "<div>x</div>");
    }
}
