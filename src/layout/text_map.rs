//! Each glyph its own text in the PDF.
//!
//! typst shapes a cluster (a letter and its marks, or a letter with a ZWNJ
//! the shaper dropped) into glyphs that all point at the whole cluster's
//! text. krilla, which writes typst's PDFs, then gives the first glyph the
//! whole cluster in the font's ToUnicode map, for every later use of that
//! glyph too, and the other glyphs nothing: a fathatan comes back as `ةً`
//! wherever it is, and a medial zah after a shadda as nothing at all.
//!
//! kalem narrows each glyph of such a cluster to the characters it draws,
//! found in the font ([`GlyphTexts`]): the letter for the letter's glyph,
//! the mark for the mark's, a ligature's letters for a ligature. A ZWNJ no
//! glyph draws gets the font's own zero-width ZWNJ glyph. A cluster that
//! cannot be shared out this way is left whole, and krilla marks it with
//! an `/ActualText` span.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use typst::layout::{Em, FrameItem};
use typst::text::{Font, FontInstance, Glyph, TextItem};
use typst_layout::{Page, PagedDocument};

use super::glyph_text::GlyphTexts;
use super::show_order;
use super::walk::{map_items, map_pages};
use crate::load::invisible::{is_bidi_control, is_zero_width};

/// Characters the shaper may drop without a glyph: joiners and bidi marks.
fn is_invisible(c: char) -> bool {
    is_bidi_control(c) || is_zero_width(c)
}

/// The document with every glyph's text narrowed to what it draws.
pub fn narrow(document: PagedDocument) -> PagedDocument {
    let mut fonts: HashMap<Font, Arc<GlyphTexts>> = HashMap::new();
    let mut narrow_text = |item: &FrameItem| match item {
        FrameItem::Text(text) => {
            let texts = fonts.entry(text.font.font().clone()).or_insert_with(|| texts_of(&text.font));
            Some(FrameItem::Text(narrow_item(text, texts)))
        }
        other => Some(other.clone()),
    };
    map_pages(&document, |page| Page { frame: map_items(&page.frame, &mut narrow_text), ..page.clone() })
}

/// What each glyph of `font` draws, traced once per font for the whole run:
/// tracing a font's substitutions takes longer than narrowing a page.
fn texts_of(font: &FontInstance) -> Arc<GlyphTexts> {
    static TRACED: LazyLock<Mutex<HashMap<Font, Arc<GlyphTexts>>>> = LazyLock::new(Mutex::default);
    let mut traced = TRACED.lock().unwrap_or_else(PoisonError::into_inner);
    traced.entry(font.font().clone()).or_insert_with(|| Arc::new(GlyphTexts::of(font.ttf()))).clone()
}

/// The item with each cluster's glyphs narrowed, where they can be.
pub fn narrow_item(item: &TextItem, texts: &GlyphTexts) -> TextItem {
    let item = &TextItem { glyphs: show_order::regroup(item.glyphs.clone()), ..item.clone() };
    let rtl = shown_right_to_left(item);
    let mut glyphs = item.glyphs.clone();
    // Glyphs of one cluster share its range; after [`super::harakat`] a
    // raised mark's glyph may sit apart from its letter's.
    let mut clusters: Vec<(std::ops::Range<u16>, Vec<usize>)> = Vec::new();
    for (i, g) in item.glyphs.iter().enumerate() {
        match clusters.iter_mut().find(|(r, _)| *r == g.range) {
            Some((_, members)) => members.push(i),
            None => clusters.push((g.range.clone(), vec![i])),
        }
    }
    let mut inserts: Vec<(usize, Glyph)> = Vec::new();
    for (range, members) in clusters {
        let Some(cluster) = item.text.get(usize::from(range.start)..usize::from(range.end)) else { continue };
        if members.len() == 1 && !cluster.chars().any(is_invisible) {
            continue;
        }
        let ids: Vec<u16> = members.iter().map(|&i| item.glyphs[i].id).collect();
        let logical: Vec<usize> = if rtl { (0..ids.len()).rev().collect() } else { (0..ids.len()).collect() };
        let visual: Vec<usize> = logical.iter().rev().copied().collect();
        let Some((pieces, orphans)) = [logical, visual].iter().find_map(|order| share_out(cluster, &ids, order, texts)) else {
            continue;
        };
        // Only a ZWNJ has a glyph of its own to carry it; a cluster with
        // another dropped character stays whole.
        let all_zwnj = orphans.iter().all(|(at, len, _)| &cluster[*at..at + len] == "\u{200C}");
        let zwnj = texts.zwnj().filter(|_| all_zwnj);
        if !orphans.is_empty() && zwnj.is_none() {
            continue;
        }
        for (k, piece) in pieces.into_iter().enumerate() {
            let g = &mut glyphs[members[k]];
            set_range(g, range.start, piece);
        }
        for (offset, len, at_start) in orphans {
            let (Some(zwnj), Some(template)) = (zwnj, members.first().map(|&i| &item.glyphs[i])) else { break };
            let mut g = Glyph { id: zwnj, x_advance: Em::zero(), x_offset: Em::zero(), y_offset: Em::zero(), ..template.clone() };
            set_range(&mut g, range.start, offset..offset + len);
            // In visual order: a character logically first sits right of
            // its cluster in right-to-left text, left of it otherwise.
            let (lo, hi) = (members.iter().min().copied().unwrap_or(0), members.iter().max().copied().unwrap_or(0));
            let at = if at_start == rtl { hi + 1 } else { lo };
            inserts.push((at, g));
        }
    }
    inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, g) in inserts {
        glyphs.insert(at.min(glyphs.len()), g);
    }
    let glyphs = carry_ligatures(glyphs, &item.text, texts);
    let glyphs = if rtl { show_order::neutrals_last(glyphs, &item.text) } else { glyphs };
    TextItem { glyphs, ..item.clone() }
}

/// Each lam-alef ligature's alef moved onto a glyph of its own that draws
/// nothing, shown just before the ligature (left of it), the ligature
/// keeping the lam. Readers read a right-to-left line in the order it is
/// shown and turn it around, the characters of one glyph's map with it:
/// a ligature mapped to lam and alef comes back alef, lam (`اطالعات` for
/// `اطلاعات`), in poppler, MuPDF and PDFBox alike. One character a glyph
/// comes back in order.
fn carry_ligatures(glyphs: Vec<Glyph>, text: &str, texts: &GlyphTexts) -> Vec<Glyph> {
    let mut out = Vec::with_capacity(glyphs.len());
    for mut g in glyphs {
        let piece = text.get(usize::from(g.range.start)..usize::from(g.range.end)).unwrap_or_default();
        let mut chars = piece.char_indices();
        let split = match (chars.next(), chars.next(), chars.next()) {
            (Some((_, first)), Some((at, last)), None) if is_arabic_letter(first) => texts.carrier(last).map(|c| (c, at)),
            _ => None,
        };
        if let Some((carrier, at)) = split {
            let mut carried = Glyph { id: carrier, x_advance: Em::zero(), x_offset: g.x_offset, y_offset: Em::zero(), ..g.clone() };
            let start = g.range.start;
            set_range(&mut carried, start, at..piece.len());
            set_range(&mut g, start, 0..at);
            out.push(carried);
        }
        out.push(g);
    }
    out
}

/// Whether the item's glyphs are shown in the reverse order of its text
/// (right to left); an item of one glyph is not.
pub(super) fn shown_right_to_left(item: &TextItem) -> bool {
    item.glyphs.first().map(|g| g.range.start) > item.glyphs.last().map(|g| g.range.start)
}

/// A letter of the Arabic script (strong right-to-left).
fn is_arabic_letter(c: char) -> bool {
    unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::AL && c.is_alphabetic()
}

/// Points `g` at `piece` (bytes from the start of its cluster at `start`).
fn set_range(g: &mut Glyph, start: u16, piece: std::ops::Range<usize>) {
    let old = g.range.start;
    let (a, b) = (start.saturating_add(piece.start as u16), start.saturating_add(piece.end as u16));
    g.range = a..b;
    g.span.1 = g.span.1.saturating_add(a.saturating_sub(old));
}

/// What each glyph (in `order`) draws of `cluster`: byte ranges, one per
/// glyph in the glyphs' own order, and the invisible characters no glyph
/// draws (offset, length, whether before every glyph's text). `None` when
/// the glyphs cannot share the cluster out in that order.
#[allow(clippy::type_complexity)]
fn share_out(
    cluster: &str,
    ids: &[u16],
    order: &[usize],
    texts: &GlyphTexts,
) -> Option<(Vec<std::ops::Range<usize>>, Vec<(usize, usize, bool)>)> {
    let bounds: Vec<usize> = cluster.char_indices().map(|(i, _)| i).chain([cluster.len()]).collect();
    let mut orphans = Vec::new();
    let mut pieces = vec![0..0; ids.len()];
    let mut at = 0; // index into bounds
    for (n, &k) in order.iter().enumerate() {
        // Invisible characters before this glyph's text are orphans.
        while at + 1 < bounds.len() && cluster[bounds[at]..].chars().next().is_some_and(is_invisible) && !texts.reads_as(ids[k], &cluster[bounds[at]..bounds[at + 1]]) {
            orphans.push((bounds[at], bounds[at + 1] - bounds[at], n == 0));
            at += 1;
        }
        let last = n + 1 == order.len();
        // The longest piece the glyph reads as (the last glyph takes the
        // rest, but for trailing invisible characters).
        let end = (at + 1..bounds.len()).rev().find(|&e| {
            let piece = &cluster[bounds[at]..bounds[e]];
            let rest_ok = !last || cluster[bounds[e]..].chars().all(is_invisible);
            rest_ok && texts.reads_as(ids[k], piece)
        })?;
        pieces[k] = bounds[at]..bounds[end];
        at = end;
    }
    while at + 1 < bounds.len() {
        orphans.push((bounds[at], bounds[at + 1] - bounds[at], false));
        at += 1;
    }
    Some((pieces, orphans))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/fonts/{name}", env!("CARGO_MANIFEST_DIR"))).expect("bundled font")
    }

    fn shape(face: &rustybuzz::Face, text: &str) -> rustybuzz::GlyphBuffer {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        rustybuzz::shape(face, &[], buffer)
    }

    /// Shapes `text` with a bundled font as typst would (rustybuzz) and
    /// shares each cluster out among its glyphs: the pieces and the
    /// dropped characters, in logical order, per cluster.
    fn shared(name: &str, text: &str) -> Vec<Vec<String>> {
        let data = font(name);
        let face = rustybuzz::Face::from_slice(&data, 0).expect("font parses");
        let texts = GlyphTexts::of(&face);
        let shaped = shape(&face, text);
        let infos = shaped.glyph_infos();
        let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        starts
            .iter()
            .map(|&start| {
                let end = starts.iter().copied().find(|s| *s > start).unwrap_or(text.len());
                let ids: Vec<u16> = infos.iter().filter(|g| g.cluster as usize == start).map(|g| g.glyph_id as u16).collect();
                let cluster = &text[start..end];
                let order: Vec<usize> = (0..ids.len()).rev().collect();
                let (pieces, orphans) = share_out(cluster, &ids, &order, &texts)
                    .or_else(|| share_out(cluster, &ids, &(0..ids.len()).collect::<Vec<_>>(), &texts))
                    .unwrap_or_else(|| panic!("{cluster:?} cannot be shared out among {ids:?}"));
                let mut out: Vec<(usize, String)> = pieces.into_iter().map(|p| (p.start, cluster[p].to_string())).collect();
                out.extend(orphans.into_iter().map(|(at, len, _)| (at, format!("dropped {}", &cluster[at..at + len]))));
                out.sort();
                out.into_iter().map(|(_, t)| t).collect()
            })
            .filter(|c: &Vec<String>| c.len() > 1)
            .collect()
    }

    #[test]
    fn marks_and_letters_each_get_their_own_characters() {
        // Tanween, shadda with fatha, a ligature of lam and alef.
        let got = shared("NotoNaskhArabic-Regular.ttf", "مجاناً المسجَّل");
        assert!(got.contains(&vec!["ا".to_string(), "\u{64b}".to_string()]), "{got:?}");
        // Noto Naskh Arabic draws fatha and shadda as one glyph.
        assert!(got.contains(&vec!["ج".to_string(), "\u{64e}\u{651}".to_string()]), "{got:?}");
    }

    /// typst hands a ZWNJ the shaper dropped to the next letter's cluster.
    #[test]
    fn a_dropped_zwnj_is_named_apart_from_the_next_letter() {
        let data = font("Vazirmatn-Regular.ttf");
        let face = rustybuzz::Face::from_slice(&data, 0).expect("font parses");
        let texts = GlyphTexts::of(&face);
        let shaped = shape(&face, "کند");
        let kaf = shaped.glyph_infos().iter().find(|g| g.cluster == 0).map(|g| g.glyph_id as u16).expect("initial kaf");
        let cluster = "\u{200c}ک";
        let (pieces, orphans) = share_out(cluster, &[kaf], &[0], &texts).expect("shared out");
        assert_eq!(&cluster[pieces[0].clone()], "ک");
        assert_eq!(orphans, vec![(0, 3, true)]);
        assert!(texts.zwnj().is_some(), "Vazirmatn has an empty ZWNJ glyph to carry it");
    }

    #[test]
    fn the_lam_alef_ligature_reads_as_lam_then_alef() {
        let data = font("Vazirmatn-Regular.ttf");
        let face = rustybuzz::Face::from_slice(&data, 0).expect("font parses");
        let shaped = shape(&face, "طولانی");
        let texts = GlyphTexts::of(&face);
        assert!(shaped.glyph_infos().iter().any(|g| texts.reads_as(g.glyph_id as u16, "لا")), "no glyph reads as lam-alef");
    }

    /// Shown right to left, the ligature's glyph comes after the blank
    /// glyph carrying its alef: a reader turning the line around reads
    /// lam, then alef.
    #[test]
    fn the_alef_of_lam_alef_is_carried_by_a_blank_glyph_before_it() {
        let data = font("Vazirmatn-Regular.ttf");
        let face = rustybuzz::Face::from_slice(&data, 0).expect("font parses");
        let texts = GlyphTexts::of(&face);
        let text = "طولانی";
        let shaped = shape(&face, text);
        let infos = shaped.glyph_infos();
        // Each glyph's cluster runs to the next cluster in the text.
        let end_of = |start: u16| infos.iter().map(|g| g.cluster as u16).filter(|&c| c > start).min().unwrap_or(text.len() as u16);
        let glyphs: Vec<Glyph> = infos
            .iter()
            .map(|info| {
                let start = info.cluster as u16;
                let span = (typst::syntax::Span::detached(), start);
                Glyph { id: info.glyph_id as u16, x_advance: Em::one(), x_offset: Em::zero(), y_advance: Em::zero(), y_offset: Em::zero(), range: start..end_of(start), span }
            })
            .collect();
        let carried = carry_ligatures(glyphs, text, &texts);
        let read: Vec<&str> = carried.iter().map(|g| &text[g.range()]).collect();
        let lam = read.iter().position(|t| *t == "ل").expect("the ligature keeps the lam");
        assert_eq!(read.get(lam.wrapping_sub(1)), Some(&"ا"), "{read:?}");
        assert_eq!(carried[lam - 1].x_advance, Em::zero());
        assert_eq!(Some(carried[lam - 1].id), texts.carrier('ا'));
    }
}
