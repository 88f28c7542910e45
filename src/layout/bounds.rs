//! Where each block's painted content ended up after typst set it: the
//! templates mark the start of every block with `metadata((panel, block))`,
//! and the pages are walked to collect the bounding box of everything
//! painted until the next mark.

use std::collections::BTreeMap;

use ttf_parser::GlyphId;
use typst::foundations::Value;
use typst::introspection::{MetadataElem, Tag};
use typst::layout::{Abs, FrameItem, Point, Transform};
use typst::text::TextItem;
use typst_layout::PagedDocument;

use super::geometry::Rect;
use super::walk::{bounds, walk};

/// The painted extent of one block, in mm from the trim's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Page index, from 0.
    pub page: usize,
    /// Panel name (`content` for a flowing document's blocks).
    pub panel: String,
    /// Block index within the panel.
    pub block: usize,
    /// Bounding box of its text, shapes and images.
    pub rect: Rect,
}

type Key = (String, usize);

/// Collects the painted extent of every marked block of `doc`. Items before
/// the first mark of a page (the panel backgrounds, a page's running
/// header) are not collected, nor the part of a block that runs on from
/// the page before.
pub fn placed(doc: &PagedDocument) -> Vec<Placed> {
    let mut out = Vec::new();
    for (page, p) in doc.pages().iter().enumerate() {
        let mut boxes: BTreeMap<Key, Rect> = BTreeMap::new();
        let mut current: Option<Key> = None;
        walk(&p.frame, Transform::identity(), &mut |ts, item| {
            if let FrameItem::Tag(Tag::Start(content, _)) = item
                && let Some(meta) = content.to_packed::<MetadataElem>()
            {
                current = mark(&meta.value).or(current.take());
            }
            if let (Some(key), Some(r)) = (&current, ink(ts, item)) {
                let entry = boxes.entry(key.clone()).or_insert(r);
                *entry = union(*entry, r);
            }
        });
        out.extend(boxes.into_iter().map(|((panel, block), r)| Placed {
            page,
            panel,
            block,
            rect: Rect { x: to_mm(r.x), y: to_mm(r.y), w: to_mm(r.w), h: to_mm(r.h) },
        }));
    }
    out
}

fn to_mm(pt: f64) -> f64 {
    Abs::pt(pt).to_mm()
}

fn union(a: Rect, b: Rect) -> Rect {
    let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
    let (x1, y1) = ((a.x + a.w).max(b.x + b.w), (a.y + a.h).max(b.y + b.h));
    Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

/// The painted extent in pt of an item at `ts`: of a text item its glyphs'
/// ink, of a shape its bounding box with the stroke, of an image its box;
/// nothing for what paints nothing (tags, links) and for groups, whose
/// items are walked.
pub fn ink(ts: Transform, item: &FrameItem) -> Option<Rect> {
    match item {
        FrameItem::Text(text) => glyph_ink(ts, text),
        FrameItem::Shape(shape, _) => {
            let b = shape.bbox(true);
            Some(bounds(ts, b.min, b.max))
        }
        FrameItem::Image(_, size, _) => Some(bounds(ts, Point::zero(), size.to_point())),
        FrameItem::Group(_) | FrameItem::Link(..) | FrameItem::Tag(_) => None,
    }
}

/// The ink of a text item's glyphs (their outlines' bounding boxes), so
/// that tall line metrics of Arabic fonts do not count as painted.
pub fn glyph_ink(ts: Transform, text: &TextItem) -> Option<Rect> {
    let font = &text.font;
    let mut x = Abs::zero();
    let mut ink: Option<Rect> = None;
    for glyph in &text.glyphs {
        if let Some(bb) = font.ttf().glyph_bounding_box(GlyphId(glyph.id)) {
            let at = |units: i16| font.to_em(units).at(text.size);
            let dx = x + glyph.x_offset.at(text.size);
            let dy = glyph.y_offset.at(text.size);
            let r = bounds(ts, Point::new(dx + at(bb.x_min), -(dy + at(bb.y_max))), Point::new(dx + at(bb.x_max), -(dy + at(bb.y_min))));
            ink = Some(ink.map_or(r, |i| union(i, r)));
        }
        x += glyph.x_advance.at(text.size);
    }
    ink
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
