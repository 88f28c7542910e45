//! Where each QR code landed, and a page of just its region. The template
//! marks each code's top-left corner before painting it
//! ([`super::probe::qr_report`]); the read-back renders that region at
//! scan resolution, which costs a fraction of rendering the whole page.

use typst::introspection::Tag;
use typst::layout::{Abs, Frame, FrameItem, Point, Sides, Size, Transform};
use typst_layout::{Page, PagedDocument};

use super::bounds::ink;
use super::geometry::Rect;
use super::probe::{QrReport, qr_report};
use super::walk::{map_items_at, walk};
use crate::diag::Diagnostic;

/// A QR code as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnQr {
    /// Page index, from 0.
    pub page: usize,
    /// Which of the page's codes it is, from 0, in painting order.
    pub nth: usize,
    /// The code with its quiet zone, in pt from the top-left corner of the
    /// page's trim.
    pub region: Rect,
    /// What the template reported of it.
    pub report: QrReport,
}

/// The start tag of a code's mark, parsed, if `item` is one.
fn mark(item: &FrameItem) -> Option<Result<QrReport, Diagnostic>> {
    let FrameItem::Tag(Tag::Start(content, _)) = item else { return None };
    qr_report(content)
}

/// Every QR code drawn on the pages of `doc`, in page and painting order;
/// an error if a code's report does not parse.
pub fn drawn_codes(doc: &PagedDocument) -> Result<Vec<DrawnQr>, Diagnostic> {
    let mut out = Vec::new();
    let mut broken = None;
    for (page, p) in doc.pages().iter().enumerate() {
        let mut nth = 0;
        walk(&p.frame, Transform::identity(), &mut |ts, item| match mark(item) {
            Some(Ok(report)) => {
                let corner = Point::zero().transform(ts);
                let region = Rect { x: corner.x.to_pt(), y: corner.y.to_pt(), w: report.side, h: report.side };
                out.push(DrawnQr { page, nth, region, report });
                nth += 1;
            }
            Some(Err(d)) => {
                broken.get_or_insert(d);
                nth += 1;
            }
            None => {}
        });
    }
    broken.map_or(Ok(out), Err)
}

/// A page the size of `code`'s region showing what `page` paints there
/// from the code's mark on. What is painted before the mark lies under the
/// code's opaque light square and is left out, which also spares
/// rendering a panel's photo at scan resolution; what is painted after it
/// and overlaps the region is kept, as it would cover the code.
pub fn region_page(page: &Page, code: &DrawnQr) -> Page {
    let r = code.region;
    let (mut seen, mut started) = (0, false);
    let kept = map_items_at(&page.frame, Transform::identity(), &mut |ts, item| {
        if mark(item).is_some() {
            started |= seen == code.nth;
            seen += 1;
        }
        (started && ink(ts, item).is_some_and(|i| overlaps(i, r))).then(|| item.clone())
    });
    let mut frame = Frame::hard(Size::new(Abs::pt(r.w), Abs::pt(r.h)));
    frame.push_frame(Point::new(Abs::pt(-r.x), Abs::pt(-r.y)), kept);
    Page { frame, bleed: Sides::splat(Abs::zero()), ..page.clone() }
}

/// Whether two boxes share more than an edge.
fn overlaps(a: Rect, b: Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_regions_overlap_what_crosses_them_not_what_touches_them() {
        let code = Rect { x: 10.0, y: 10.0, w: 20.0, h: 20.0 };
        assert!(overlaps(Rect { x: 29.0, y: 0.0, w: 5.0, h: 11.0 }, code));
        assert!(overlaps(Rect { x: 0.0, y: 0.0, w: 100.0, h: 100.0 }, code));
        assert!(!overlaps(Rect { x: 30.0, y: 10.0, w: 5.0, h: 5.0 }, code));
        assert!(!overlaps(Rect { x: 10.0, y: 0.0, w: 5.0, h: 10.0 }, code));
    }
}
