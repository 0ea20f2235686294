//! Lays out a [`Figure`]: scaled to the body's width if wider, kept whole on one page, tagged
//! as one Figure element with its text alternative and bounding box (or as an artifact when it
//! has none).

use krilla::geom::Rect;
use krilla::tagging::{ArtifactType, BBox, Tag};

use super::{CONTENT_WIDTH, Layout, MARGIN, Mark, Op};
use crate::Figure;
use crate::text::clean;

impl Layout<'_> {
    pub(super) fn figure(&mut self, figure: &Figure) {
        if figure.width <= 0.0 || figure.height <= 0.0 {
            return;
        }
        let scale = (CONTENT_WIDTH / figure.width).min(1.0);
        let (width, height) = (figure.width * scale, figure.height * scale);
        self.gap(4.0);
        self.ensure(height);
        let (x, y) = (MARGIN, self.y);
        let alt = clean(&figure.alt).split_whitespace().collect::<Vec<_>>().join(" ");
        let mark = if alt.is_empty() {
            Mark::Artifact(ArtifactType::Layout)
        } else {
            let page = self.pages.len() - 1;
            let bbox = Rect::from_xywh(x, y, width, height).map(|rect| BBox::new(page, rect));
            let group = self.tags.root(Tag::Figure(Some(alt)).with_bbox(bbox));
            Mark::Leaf(self.tags.leaf(group))
        };
        self.page().push(Op::Figure { x, y, scale, shapes: figure.shapes.clone(), mark });
        self.y += height + 10.0;
    }
}
