//! Harakat in the PDF text layer.
//!
//! typst 0.15 puts a glyph that the font moves up or down (a fatha, a
//! shadda, a kasra) into a text item of its own, and that item carries the
//! text of the whole cluster, as does the item of its letter. The PDF then
//! holds the cluster twice and copy-paste gives مجاناًاً for مجاناً. kalem
//! moves such glyphs back into the item of their letter, keeping their
//! height as a glyph offset: the page looks the same, and each cluster is
//! written once.

use typst::layout::{Abs, Em, Frame, FrameItem, Point};
use typst::syntax::Span;
use typst::text::{Glyph, TextItem};
use typst_layout::{Page, PagedDocument};

use super::text_map::shown_right_to_left;
use super::walk::map_pages;

/// The document with every cluster's glyphs in one text item.
pub fn rejoin(document: PagedDocument) -> PagedDocument {
    map_pages(&document, |page| Page { frame: rejoin_frame(&page.frame), ..page.clone() })
}

fn rejoin_frame(frame: &Frame) -> Frame {
    let mut items: Vec<(Point, FrameItem)> = Vec::with_capacity(frame.items().len());
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let mut group = group.clone();
                group.frame = rejoin_frame(&group.frame);
                items.push((*pos, FrameItem::Group(group)));
            }
            FrameItem::Text(text) => {
                let merged = match items.last() {
                    Some((before, FrameItem::Text(previous))) => merge(*before, previous, *pos, text),
                    _ => None,
                };
                match merged {
                    Some(joined) => *items.last_mut().expect("merged with the last item") = joined,
                    None => items.push((*pos, item.clone())),
                }
            }
            _ => items.push((*pos, item.clone())),
        }
    }
    let mut rebuilt = frame.clone();
    rebuilt.clear();
    rebuilt.push_multiple(items);
    rebuilt
}

/// Where an item's text starts in the text of the element it was shaped
/// from, if all its glyphs come from one element and agree on it.
fn text_start(item: &TextItem) -> Option<(Span, usize)> {
    let first = item.glyphs.first()?;
    let span = first.span.0;
    let start = usize::from(first.span.1).checked_sub(first.range().start)?;
    let consistent = item.glyphs.iter().all(|g| g.span.0 == span && usize::from(g.span.1) == start + g.range().start);
    (!span.is_detached() && consistent).then_some((span, start))
}

/// Whether every glyph of the item is a mark (GDEF class 3).
fn only_marks(item: &TextItem) -> bool {
    let Some(gdef) = item.font.ttf().tables().gdef else { return false };
    item.glyphs.iter().all(|g| gdef.glyph_class(ttf_parser::GlyphId(g.id)) == Some(ttf_parser::gdef::GlyphClass::Mark))
}

/// Whether `a`, shown left of `b`, holds the text right after `b`'s, both
/// set right to left: typst splits a right-to-left line's item around a
/// raised mark, and the part left of the mark, a piece of its own, was
/// tagged apart and read out of order (MuPDF gave `لعبور الحدودً ...
/// مالا` for `مالاً لعبور الحدود`). A piece of one glyph or of marks only
/// has no direction of its own.
fn continues_leftwards(a: &TextItem, start_a: usize, b: &TextItem, start_b: usize) -> bool {
    let undirected = |item: &TextItem| item.glyphs.len() == 1 || only_marks(item);
    let rtl = |item: &TextItem| undirected(item) || shown_right_to_left(item);
    start_a == start_b + b.text.len() && rtl(a) && rtl(b) && !(undirected(a) && undirected(b))
}

/// `b` joined to `a`, when `b` follows `a` on the line and the two share a
/// cluster or continue each other's text right to left: same font and
/// style, `b` starting where `a` ends, text from the same place of the
/// same element.
fn merge(pa: Point, a: &TextItem, pb: Point, b: &TextItem) -> Option<(Point, FrameItem)> {
    let same_style = a.font == b.font && a.size == b.size && a.fill == b.fill && a.stroke == b.stroke && a.lang == b.lang && a.region == b.region;
    let adjacent = (pa.x + a.width() - pb.x).abs() < Abs::pt(0.001);
    if !same_style || !adjacent {
        return None;
    }
    let ((span_a, start_a), (span_b, start_b)) = (text_start(a)?, text_start(b)?);
    let shares_cluster = a.glyphs.iter().any(|ga| b.glyphs.iter().any(|gb| ga.span.1 == gb.span.1 && ga.range.len() == gb.range.len()));
    if span_a != span_b || !(shares_cluster || continues_leftwards(a, start_a, b, start_b)) {
        return None;
    }
    let start = start_a.min(start_b);
    let end = (start_a + a.text.len()).max(start_b + b.text.len());
    let mut text = vec![None; end - start];
    for (item_start, item) in [(start_a, a), (start_b, b)] {
        for (i, byte) in item.text.bytes().enumerate() {
            let slot = &mut text[item_start - start + i];
            if slot.is_some_and(|known| known != byte) {
                return None;
            }
            *slot = Some(byte);
        }
    }
    let text: Vec<u8> = text.into_iter().collect::<Option<_>>()?;
    let text = String::from_utf8(text).ok()?;

    let base_y = if only_marks(a) && !only_marks(b) { pb.y } else { pa.y };
    let moved = |item: &TextItem, item_start: usize, y: Abs| -> Vec<Glyph> {
        let shift = u16::try_from(item_start - start).unwrap_or(u16::MAX);
        item.glyphs
            .iter()
            .map(|g| {
                let mut g = g.clone();
                g.range = g.range.start.saturating_add(shift)..g.range.end.saturating_add(shift);
                g.y_offset += Em::from_abs(base_y - y, item.size);
                g
            })
            .collect()
    };
    let mut glyphs = moved(a, start_a, pa.y);
    glyphs.extend(moved(b, start_b, pb.y));
    let joined = TextItem { text: text.into(), glyphs, ..a.clone() };
    Some((Point::new(pa.x, base_y), FrameItem::Text(joined)))
}
