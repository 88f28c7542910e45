//! The order a text item's glyphs are shown in, for the readers that
//! build text from it; every glyph stays where it is drawn.
//!
//! poppler and MuPDF read a right-to-left line in the order its glyphs
//! are shown (left to right) and turn it around (see
//! `tests/extract/README.md`). kalem keeps each cluster's glyphs together
//! and shows a right-to-left item's closing spaces and punctuation after
//! its letters.

use typst::layout::Em;
use typst::text::Glyph;

/// The glyphs with each cluster's members next to each other, where they
/// are drawn: readers attach a mark to the letter shown just before it,
/// and [`super::harakat`] leaves a raised mark at the end of its item.
pub(super) fn regroup(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let mut order: Vec<usize> = Vec::with_capacity(glyphs.len());
    let mut placed = vec![false; glyphs.len()];
    for (i, g) in glyphs.iter().enumerate() {
        if placed[i] {
            continue;
        }
        // Letters first, then the marks (which do not advance) drawn on them.
        let mut members: Vec<usize> = (i..glyphs.len()).filter(|&j| glyphs[j].range == g.range).collect();
        members.sort_by_key(|&j| glyphs[j].x_advance == Em::zero());
        members.iter().for_each(|&j| placed[j] = true);
        order.extend(members);
    }
    shown_in(&glyphs, order)
}

/// The glyphs shown in `order`, each drawn where it was: its offset takes
/// up the difference.
fn shown_in(glyphs: &[Glyph], order: Vec<usize>) -> Vec<Glyph> {
    let mut pen = Em::zero();
    let drawn_at: Vec<Em> = glyphs
        .iter()
        .map(|g| {
            let at = pen + g.x_offset;
            pen += g.x_advance;
            at
        })
        .collect();
    let mut pen = Em::zero();
    order
        .into_iter()
        .map(|i| {
            let mut g = glyphs[i].clone();
            g.x_offset = drawn_at[i] - pen;
            pen += g.x_advance;
            g
        })
        .collect()
}

/// A right-to-left item's glyphs with the spaces and punctuation that end
/// its text (shown first, at its left end) shown last, where they are
/// drawn. MuPDF takes such a character, the first of its text object, as
/// left to right and leaves it in front of the run it turns around:
/// `.الدعم مجاني` for `الدعم مجاني.`, ` مركز اتصال الأجانبYİMER` for
/// `مركز اتصال الأجانب YİMER`. Shown last, it comes after the text.
pub(super) fn neutrals_last(glyphs: Vec<Glyph>, text: &str) -> Vec<Glyph> {
    use unicode_bidi::BidiClass::{B, CS, ON, S, WS};
    let neutral = |g: &Glyph| {
        let piece = text.get(g.range()).unwrap_or_default();
        !piece.is_empty() && piece.chars().all(|c| matches!(unicode_bidi::bidi_class(c), WS | CS | ON | B | S))
    };
    let lead = glyphs.iter().take_while(|g| neutral(g)).count();
    if lead == 0 || lead == glyphs.len() {
        return glyphs;
    }
    shown_in(&glyphs, (lead..glyphs.len()).chain(0..lead).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` shaped right to left with Noto Naskh Arabic as typst shapes
    /// it: glyphs in the order shown, each with its cluster's text.
    fn shaped(text: &str) -> Vec<Glyph> {
        let data = std::fs::read(format!("{}/fonts/NotoNaskhArabic-Regular.ttf", env!("CARGO_MANIFEST_DIR"))).expect("bundled font");
        let face = rustybuzz::Face::from_slice(&data, 0).expect("font parses");
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let out = rustybuzz::shape(&face, &[], buffer);
        let em = |units: i32| Em::new(f64::from(units) / f64::from(face.units_per_em()));
        let starts: Vec<u16> = out.glyph_infos().iter().map(|g| g.cluster as u16).collect();
        let end_of = |start: u16| starts.iter().copied().filter(|&c| c > start).min().unwrap_or(text.len() as u16);
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| {
                let start = info.cluster as u16;
                let span = (typst::syntax::Span::detached(), start);
                Glyph { id: info.glyph_id as u16, x_advance: em(pos.x_advance), x_offset: em(pos.x_offset), y_advance: Em::zero(), y_offset: em(pos.y_offset), range: start..end_of(start), span }
            })
            .collect()
    }

    /// Where each glyph is drawn, by its text.
    fn drawn(glyphs: &[Glyph], text: &str) -> Vec<(String, i64)> {
        let mut pen = Em::zero();
        let mut out: Vec<(String, i64)> = glyphs
            .iter()
            .map(|g| {
                let at = ((pen + g.x_offset).get() * 1000.0).round() as i64;
                pen += g.x_advance;
                (text[g.range()].to_string(), at)
            })
            .collect();
        out.sort();
        out
    }

    /// MuPDF left a full stop or a space that ends a right-to-left run
    /// where it is shown, in front of the run it turns around.
    #[test]
    fn closing_punctuation_and_spaces_are_shown_after_the_letters_where_they_were() {
        for text in ["الدعم مجاني.", "خط "] {
            let glyphs = shaped(text);
            let shown = neutrals_last(glyphs.clone(), text);
            let last = shown.last().map(|g| &text[g.range()]);
            assert_eq!(last, text.chars().last().map(|c| c.to_string()).as_deref(), "{text}");
            assert_eq!(drawn(&shown, text), drawn(&glyphs, text), "{text}: a glyph moved on the page");
        }
        // Nothing to move: shown as they came.
        let glyphs = shaped("الدعم");
        assert_eq!(neutrals_last(glyphs.clone(), "الدعم"), glyphs);
    }
}
