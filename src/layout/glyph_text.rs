//! What each glyph of a font draws, as text: the characters the font's
//! cmap maps to it, and for glyphs reached only through substitutions
//! (GSUB) the characters of the glyphs they replace: a contextual form
//! its letter, a ligature its letters in order, a mark its mark.

use std::collections::HashMap;

use ttf_parser::gsub::SubstitutionSubtable;
use ttf_parser::opentype_layout::Coverage;
use ttf_parser::{Face, GlyphId};
use unicode_normalization::UnicodeNormalization;

/// At most this many readings are kept per glyph.
const MAX_READINGS: usize = 8;

/// Every glyph of one font with the texts it can stand for, in NFD so that
/// a ligature of marks compares equal whatever order its marks are in.
#[derive(Debug, Default, Clone)]
pub struct GlyphTexts {
    readings: HashMap<u16, Vec<String>>,
    zwnj: Option<u16>,
    carriers: [Option<u16>; CARRIED.len()],
}

/// The letters that close a lam-alef ligature, each carried in the text
/// layer by the glyph of one of the embedding and override controls
/// (U+202A to U+202E): kalem refuses those characters in every text, so
/// their glyphs are never drawn for themselves.
const CARRIED: [char; 5] = ['\u{627}', '\u{623}', '\u{625}', '\u{622}', '\u{671}'];

impl GlyphTexts {
    /// Reads the cmap and traces every substitution of `face`.
    pub fn of(face: &Face) -> GlyphTexts {
        let mut texts = GlyphTexts::default();
        // A ZWNJ glyph that draws nothing can carry a ZWNJ the shaper dropped.
        texts.zwnj = face.glyph_index('\u{200C}').filter(|g| face.glyph_bounding_box(*g).is_none()).map(|g| g.0);
        let blank = |g: &GlyphId| face.glyph_bounding_box(*g).is_none() && face.glyph_hor_advance(*g) == Some(0);
        for (k, slot) in texts.carriers.iter_mut().enumerate() {
            *slot = char::from_u32(0x202A + k as u32).and_then(|c| face.glyph_index(c)).filter(blank).map(|g| g.0);
        }
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                subtable.codepoints(|cp| {
                    let glyph = subtable.glyph_index(cp);
                    if let (Some(c), Some(GlyphId(g))) = (char::from_u32(cp), glyph) {
                        texts.add(g, c.to_string());
                    }
                });
            }
        }
        if let Some(gsub) = face.tables().gsub {
            // Each pass follows substitutions one step further; fonts chain
            // a few (a form, then a ligature of forms, then a variant).
            for _ in 0..6 {
                let before = texts.count();
                for lookup in gsub.lookups {
                    for subtable in lookup.subtables.into_iter::<SubstitutionSubtable>() {
                        texts.follow(&subtable);
                    }
                }
                if texts.count() == before {
                    break;
                }
            }
        }
        texts
    }

    /// The texts `glyph` can stand for, in NFD.
    pub fn readings(&self, glyph: u16) -> &[String] {
        self.readings.get(&glyph).map(Vec::as_slice).unwrap_or_default()
    }

    /// Whether `glyph` can stand for `text`.
    pub fn reads_as(&self, glyph: u16, text: &str) -> bool {
        let text: String = text.nfd().collect();
        self.readings(glyph).iter().any(|r| *r == text)
    }

    /// The font's ZWNJ glyph, if it has one that draws nothing.
    pub fn zwnj(&self) -> Option<u16> {
        self.zwnj
    }

    /// A glyph that draws nothing and may carry `letter`, the last letter
    /// of a ligature, on its own (see `layout::text_map`).
    pub fn carrier(&self, letter: char) -> Option<u16> {
        CARRIED.iter().position(|c| *c == letter).and_then(|k| self.carriers[k])
    }

    fn count(&self) -> usize {
        self.readings.values().map(Vec::len).sum()
    }

    fn add(&mut self, glyph: u16, text: String) {
        let text: String = text.nfd().collect();
        let list = self.readings.entry(glyph).or_default();
        if list.len() < MAX_READINGS && !list.contains(&text) {
            list.push(text);
        }
    }

    /// Every glyph with a reading that `coverage` covers, with its index.
    fn covered(&self, coverage: Coverage) -> Vec<(u16, u16, Vec<String>)> {
        let mut out: Vec<_> =
            self.readings.iter().filter_map(|(g, r)| coverage.get(GlyphId(*g)).map(|i| (*g, i, r.clone()))).collect();
        out.sort_by_key(|(g, _, _)| *g);
        out
    }

    fn follow(&mut self, subtable: &SubstitutionSubtable) {
        use ttf_parser::gsub::SingleSubstitution;
        match subtable {
            SubstitutionSubtable::Single(single) => {
                for (g, i, readings) in self.covered(single.coverage()) {
                    let out = match single {
                        SingleSubstitution::Format1 { delta, .. } => Some((i32::from(g) + i32::from(*delta)) as u16),
                        SingleSubstitution::Format2 { substitutes, .. } => substitutes.get(i).map(|s| s.0),
                    };
                    readings.into_iter().for_each(|r| out.into_iter().for_each(|o| self.add(o, r.clone())));
                }
            }
            SubstitutionSubtable::Alternate(alt) => {
                for (_, i, readings) in self.covered(alt.coverage) {
                    let Some(set) = alt.alternate_sets.get(i) else { continue };
                    for o in set.alternates {
                        readings.iter().for_each(|r| self.add(o.0, r.clone()));
                    }
                }
            }
            SubstitutionSubtable::ReverseChainSingle(rev) => {
                for (_, i, readings) in self.covered(rev.coverage) {
                    let Some(o) = rev.substitutes.get(i) else { continue };
                    readings.into_iter().for_each(|r| self.add(o.0, r));
                }
            }
            SubstitutionSubtable::Ligature(lig) => {
                for (_, i, first) in self.covered(lig.coverage) {
                    let Some(set) = lig.ligature_sets.get(i) else { continue };
                    for ligature in set {
                        let mut texts = first.clone();
                        for component in ligature.components {
                            let next = self.readings(component.0);
                            texts = texts.iter().flat_map(|t| next.iter().map(move |n| format!("{t}{n}"))).take(MAX_READINGS).collect();
                        }
                        texts.into_iter().for_each(|t| self.add(ligature.glyph.0, t));
                    }
                }
            }
            // A glyph split into several draws its characters with the
            // first; the others stand for nothing of their own.
            SubstitutionSubtable::Multiple(multiple) => {
                for (_, i, readings) in self.covered(multiple.coverage) {
                    let Some(seq) = multiple.sequences.get(i) else { continue };
                    if let Some(first) = seq.substitutes.get(0) {
                        readings.into_iter().for_each(|r| self.add(first.0, r));
                    }
                }
            }
            SubstitutionSubtable::Context(_) | SubstitutionSubtable::ChainContext(_) => {}
        }
    }
}
