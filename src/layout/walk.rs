//! The one frame walker: every item of a laid-out page with its transform
//! from the page's top-left corner. Bounds, social checks and tests read
//! pages through it.

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::model::Document;
use typst_layout::{Page, PagedDocument};

use super::geometry::Rect;

/// Calls `visit` with every item of `frame` but groups, which are entered,
/// and the transform from `ts` to the item's origin.
pub fn walk(frame: &Frame, ts: Transform, visit: &mut impl FnMut(Transform, &FrameItem)) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => walk(&group.frame, here.pre_concat(group.transform), visit),
            _ => visit(here, item),
        }
    }
}

/// `frame` with each item but groups replaced by what `item` makes of it
/// (nothing drops it); groups are entered and keep their place.
pub fn map_items(frame: &Frame, item: &mut impl FnMut(&FrameItem) -> Option<FrameItem>) -> Frame {
    map_items_at(frame, Transform::identity(), &mut |_, it| item(it))
}

/// [`map_items`], calling `item` with the transform from `ts` to the
/// item's origin, as [`walk`] does.
pub fn map_items_at(frame: &Frame, ts: Transform, item: &mut impl FnMut(Transform, &FrameItem) -> Option<FrameItem>) -> Frame {
    let mut items = Vec::with_capacity(frame.items().len());
    for (pos, it) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        let mapped = match it {
            FrameItem::Group(group) => {
                let mut group = group.clone();
                group.frame = map_items_at(&group.frame, here.pre_concat(group.transform), item);
                Some(FrameItem::Group(group))
            }
            other => item(here, other),
        };
        items.extend(mapped.map(|m| (*pos, m)));
    }
    let mut rebuilt = frame.clone();
    rebuilt.clear();
    rebuilt.push_multiple(items);
    rebuilt
}

/// The document with each page replaced by what `page` makes of it.
pub fn map_pages(doc: &PagedDocument, page: impl FnMut(&Page) -> Page) -> PagedDocument {
    PagedDocument::new(doc.pages().iter().map(page).collect(), doc.info().clone())
}

/// The box in pt covering the corners `min` and `max` of an item after `ts`.
pub fn bounds(ts: Transform, min: Point, max: Point) -> Rect {
    let corners = [min, Point::new(max.x, min.y), Point::new(min.x, max.y), max].map(|p| p.transform(ts));
    let (x0, x1) = min_max(corners.iter().map(|p| p.x.to_pt()));
    let (y0, y1) = min_max(corners.iter().map(|p| p.y.to_pt()));
    Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
}
