//! Where each block's painted content ended up after typst set it: the
//! template marks the start of every block with `metadata((panel, block))`,
//! and the frames are walked to collect the bounding box of everything
//! painted until the next mark.

use std::collections::BTreeMap;

use typst::foundations::Value;
use typst::introspection::{MetadataElem, Tag};
use ttf_parser::GlyphId;
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::text::TextItem;
use typst_layout::PagedDocument;

use super::geometry::Rect;

/// The painted extent of one block, in mm from the trim's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Page index, from 0.
    pub page: usize,
    /// Panel name.
    pub panel: String,
    /// Block index within the panel.
    pub block: usize,
    /// Bounding box of its text, shapes and images.
    pub rect: Rect,
}

/// Collects the painted extent of every marked block of `doc`. Items before
/// the first mark of a page (the panel backgrounds) are not collected.
pub fn placed(doc: &PagedDocument) -> Vec<Placed> {
    let mut out = Vec::new();
    for (page, p) in doc.pages().iter().enumerate() {
        let mut walker = Walker { current: None, boxes: BTreeMap::new() };
        walker.frame(&p.frame, Transform::identity());
        out.extend(walker.boxes.into_iter().map(|((panel, block), (min, max))| Placed {
            page,
            panel,
            block,
            rect: Rect { x: min.x.to_mm(), y: min.y.to_mm(), w: (max.x - min.x).to_mm(), h: (max.y - min.y).to_mm() },
        }));
    }
    out
}

type Key = (String, usize);

struct Walker {
    current: Option<Key>,
    boxes: BTreeMap<Key, (Point, Point)>,
}

impl Walker {
    fn frame(&mut self, frame: &Frame, ts: Transform) {
        for (pos, item) in frame.items() {
            let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(group) => self.frame(&group.frame, here.pre_concat(group.transform)),
                FrameItem::Tag(Tag::Start(content, _)) => {
                    if let Some(meta) = content.to_packed::<MetadataElem>() {
                        self.current = mark(&meta.value).or(self.current.take());
                    }
                }
                FrameItem::Text(text) => self.text(here, text),
                FrameItem::Shape(shape, _) => {
                    let bbox = shape.bbox(true);
                    self.add(here, bbox.min, bbox.max);
                }
                FrameItem::Image(_, size, _) => self.add(here, Point::zero(), size.to_point()),
                FrameItem::Link(..) | FrameItem::Tag(_) => {}
            }
        }
    }

    /// Adds the ink of each glyph (its outline's bounding box), so that
    /// tall line metrics of Arabic fonts do not count as painted.
    fn text(&mut self, ts: Transform, text: &TextItem) {
        let font = &text.font;
        let mut x = Abs::zero();
        for glyph in &text.glyphs {
            if let Some(bb) = font.ttf().glyph_bounding_box(GlyphId(glyph.id)) {
                let at = |units: i16| font.to_em(units).at(text.size);
                let dx = x + glyph.x_offset.at(text.size);
                let dy = glyph.y_offset.at(text.size);
                self.add(ts, Point::new(dx + at(bb.x_min), -(dy + at(bb.y_max))), Point::new(dx + at(bb.x_max), -(dy + at(bb.y_min))));
            }
            x += glyph.x_advance.at(text.size);
        }
    }

    /// Adds the box from `min` to `max` (in the item's coordinates) to the
    /// current block.
    fn add(&mut self, ts: Transform, min: Point, max: Point) {
        let Some(key) = &self.current else { return };
        let corners = [min, Point::new(max.x, min.y), Point::new(min.x, max.y), max].map(|p| p.transform(ts));
        let lo = corners.iter().fold(corners[0], |a, b| a.min(*b));
        let hi = corners.iter().fold(corners[0], |a, b| a.max(*b));
        let entry = self.boxes.entry(key.clone()).or_insert((lo, hi));
        *entry = (entry.0.min(lo), entry.1.max(hi));
    }
}

/// Reads a block mark `(panel: "cover", block: 0)`.
fn mark(value: &Value) -> Option<Key> {
    let Value::Dict(dict) = value else { return None };
    let panel = match dict.get("panel").ok()? {
        Value::Str(s) => s.to_string(),
        _ => return None,
    };
    let block = match dict.get("block").ok()? {
        Value::Int(i) => usize::try_from(*i).ok()?,
        _ => return None,
    };
    Some((panel, block))
}
