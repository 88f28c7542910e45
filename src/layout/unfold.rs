//! A folded sheet unfolded for screens: one page per panel, at the panel's
//! size, in the order a reader meets the panels (the tri-fold's cover
//! first). A phone shows a page at a time; the printed imposition (flap,
//! back and cover side by side, the cover last in a left-to-right edition)
//! would read backwards there. The print PDF stays imposed.

use typst::layout::{Abs, Frame, FrameItem, Point, Size, Transform};
use typst::model::Document;
use typst::visualize::Curve;
use typst_layout::{Page, PagedDocument};

use super::bounds::ink;
use super::geometry::{self, PanelBox, Rect};
use super::walk::bounds;
use crate::model::{Direction, Format};

/// The pages of `doc`, a sheet of `format` set in `dir`, one panel a page
/// in reading order; a format with one panel a page (flyer, poster,
/// documents) comes back as it is.
pub fn panel_pages(doc: &PagedDocument, format: Format, dir: Direction) -> PagedDocument {
    let sheets = geometry::pages(format, dir, 0.0);
    if sheets.iter().all(|sheet| sheet.panels.len() < 2) || sheets.len() != doc.pages().len() {
        return doc.clone();
    }
    let pages = format
        .reading_order()
        .into_iter()
        .filter_map(|name| {
            let (i, sheet) = sheets.iter().enumerate().find(|(_, s)| s.panels.iter().any(|p| p.name == name))?;
            let page = doc.pages().get(i)?;
            let panel = sheet.panels.iter().find(|p| p.name == name)?;
            Some(cut(page, panel, &sheet.panels))
        })
        .collect();
    PagedDocument::new(pages, doc.info().clone())
}

/// The page of one panel: what `page` paints on it, moved to its corner and
/// clipped to it.
fn cut(page: &Page, panel: &PanelBox, all: &[PanelBox]) -> Page {
    let inner = keep(&page.frame, Transform::identity(), panel.name, all);
    let size = Size::new(Abs::mm(panel.rect.w), Abs::mm(panel.rect.h));
    let mut frame = Frame::hard(size);
    frame.push_frame(Point::new(-Abs::mm(panel.rect.x), -Abs::mm(panel.rect.y)), inner);
    frame.clip(Curve::rect(size));
    Page { frame, ..page.clone() }
}

/// The panel whose area (with its bleed) holds the horizontal extent
/// `x0..x1` (in mm), if one does.
fn holder(x0: f64, x1: f64, panels: &[PanelBox]) -> Option<&'static str> {
    const SLACK_MM: f64 = 0.5;
    panels.iter().find(|p| p.background.x - SLACK_MM <= x0 && x1 <= p.background.x + p.background.w + SLACK_MM).map(|p| p.name)
}

/// The panel whose middle is nearest `x` (in mm).
fn nearest(x: f64, panels: &[PanelBox]) -> &'static str {
    let distance = |p: &PanelBox| (p.rect.x + p.rect.w / 2.0 - x).abs();
    panels.iter().min_by(|a, b| distance(a).total_cmp(&distance(b))).map_or("", |p| p.name)
}

/// The extent in pt of an item at `ts`: what it paints, or the box of a
/// group, or the point of a tag or link.
fn extent(ts: Transform, item: &FrameItem) -> Rect {
    match item {
        FrameItem::Group(group) => bounds(ts.pre_concat(group.transform), Point::zero(), group.frame.size().to_point()),
        FrameItem::Link(_, size) => bounds(ts, Point::zero(), size.to_point()),
        other => ink(ts, other).unwrap_or_else(|| bounds(ts, Point::zero(), Point::zero())),
    }
}

/// `frame` with what belongs to the panel `name`: an item within one
/// panel's area is kept or dropped whole, a group across panels is looked
/// into, anything else goes with the panel nearest its centre.
fn keep(frame: &Frame, ts: Transform, name: &str, panels: &[PanelBox]) -> Frame {
    let mut items = Vec::new();
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        let r = extent(here, item);
        let (x0, x1) = (Abs::pt(r.x).to_mm(), Abs::pt(r.x + r.w).to_mm());
        let centre = (x0 + x1) / 2.0;
        let owner = match (holder(x0, x1, panels), item) {
            (Some(owner), _) => owner,
            (None, FrameItem::Group(group)) => {
                let mut group = group.clone();
                group.frame = keep(&group.frame, here.pre_concat(group.transform), name, panels);
                items.push((*pos, FrameItem::Group(group)));
                continue;
            }
            (None, _) => nearest(centre, panels),
        };
        if owner == name {
            items.push((*pos, item.clone()));
        }
    }
    let mut kept = frame.clone();
    kept.clear();
    kept.push_multiple(items);
    kept
}
