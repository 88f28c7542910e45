//! Glyph-coverage preflight: before anything is laid out, every prepared
//! string is shaped with rustybuzz against its language's font chain, the
//! way typst falls back: a cluster the first font cannot set goes to the
//! next. A character no font of the chain can set would print as an empty
//! box; that is an error. If another font of the project has it, typst
//! would set it in that font; that is a warning.

use std::ops::Range;

use rustybuzz::{Face, UnicodeBuffer};

use super::{Run, TextContext};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fonts::{BOLD, FontSet, REGULAR};

/// A language's font chain, ready for shaping.
pub struct FontChain<'a> {
    /// The chain's name in `kalem.yaml`.
    name: String,
    /// Its families, first choice first.
    families: Vec<String>,
    /// The faces of the chain for each weight the template uses (regular,
    /// bold), first choice first.
    weights: Vec<Vec<Face<'a>>>,
    /// Every font of the project, to name the one typst would fall back to.
    fonts: &'a FontSet,
}

impl<'a> FontChain<'a> {
    /// The chain `name` with its `families` from the project's fonts.
    /// Families that are not loaded are left out (the configuration check
    /// reports them).
    pub fn new(fonts: &'a FontSet, name: &str, families: &[String]) -> FontChain<'a> {
        let weights = [REGULAR, BOLD]
            .into_iter()
            .map(|weight| {
                families
                    .iter()
                    .filter_map(|family| fonts.select(family, weight))
                    .filter_map(|face| Face::from_slice(&face.data, face.index))
                    .collect()
            })
            .collect();
        FontChain { name: name.to_string(), families: families.to_vec(), weights, fonts }
    }

    /// The characters of `text` that no font of the chain can set, in order
    /// of first appearance.
    pub fn missing(&self, text: &str) -> Vec<char> {
        // Line breaks and tabs are not shaped; typst handles them itself.
        let text: String = text.chars().map(|c| if c.is_ascii_control() { ' ' } else { c }).collect();
        let mut missing = Vec::new();
        for faces in &self.weights {
            for range in unset(&text, faces) {
                for c in text[range].chars() {
                    if !c.is_whitespace() && !is_default_ignorable(c) && !missing.contains(&c) {
                        missing.push(c);
                    }
                }
            }
        }
        missing
    }

    /// A project font outside the chain that has `c`.
    fn fallback(&self, c: char) -> Option<&str> {
        self.fonts.fallback(c)
    }
}

/// Characters that are not drawn (Unicode's Default_Ignorable_Code_Point),
/// so that a font without a glyph for them is no gap.
fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// The byte ranges of the clusters of `text` that none of `faces` can set:
/// each font gets the clusters the fonts before it could not set.
fn unset(text: &str, faces: &[Face]) -> Vec<Range<usize>> {
    let mut pending = Vec::new();
    if !text.is_empty() {
        pending.push(0..text.len());
    }
    for face in faces {
        let mut next: Vec<Range<usize>> = Vec::new();
        for range in pending {
            let mut buffer = UnicodeBuffer::new();
            buffer.push_str(&text[range.clone()]);
            let shaped = rustybuzz::shape(face, &[], buffer);
            let mut starts: Vec<usize> = shaped.glyph_infos().iter().map(|g| g.cluster as usize).collect();
            starts.sort_unstable();
            starts.dedup();
            for glyph in shaped.glyph_infos().iter().filter(|g| g.glyph_id == 0) {
                let start = glyph.cluster as usize;
                let end = starts.iter().copied().find(|s| *s > start).unwrap_or(range.len());
                next.push(range.start + start..range.start + end);
            }
        }
        next.sort_by_key(|r| r.start);
        next.dedup();
        pending = next;
    }
    pending
}

/// Checks that the chain can set every character of a prepared string.
pub fn check(runs: &[Run], chain: &FontChain, ctx: &TextContext) -> Diagnostics {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    chain
        .missing(&text)
        .into_iter()
        .map(|c| {
            let families = chain.families.join(", ");
            let what = format!("character «{c}» (U+{:04X})", c as u32);
            let diagnostic = match chain.fallback(c) {
                Some(other) => Diagnostic::warning(format!("{what} is in no font of chain `{}` ({families}); typst sets it in {other}", chain.name))
                    .hint(format!("add {other} to the `{}` chain in kalem.yaml, or replace the character", chain.name)),
                None => Diagnostic::error(format!("{what} is in no font of chain `{}` ({families}) and would print as an empty box", chain.name))
                    .hint(format!("replace the character, or add a font that has it to fonts/ and to the `{}` chain in kalem.yaml", chain.name)),
            };
            diagnostic.at(ctx.location.clone()).key(ctx.key).lang(ctx.lang)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diag::{Location, Severity};
    use crate::model::{Digits, Direction};

    fn fonts() -> FontSet {
        FontSet::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the repository's fonts load")
    }

    fn chain<'a>(fonts: &'a FontSet, families: &[&str]) -> FontChain<'a> {
        let families: Vec<String> = families.iter().map(|f| f.to_string()).collect();
        FontChain::new(fonts, "test", &families)
    }

    #[test]
    fn the_chains_of_the_sample_cover_their_languages() {
        let fonts = fonts();
        let arabic = chain(&fonts, &["Noto Naskh Arabic", "Noto Sans"]);
        let persian = chain(&fonts, &["Vazirmatn", "Noto Sans"]);
        let latin = chain(&fonts, &["Noto Sans"]);
        // Noto Naskh Arabic has no `+`; Noto Sans, next in the chain, has.
        assert_eq!(arabic.missing("اتصل بالرقم +90 312 123 45 67، تَعْلِيمٌ مَجَّانِيٌّ ٣٠ YİMER"), Vec::<char>::new());
        assert_eq!(persian.missing("با ۱۵۷ تماس بگیرید؛ می‌خواهم، خانه‌ها، ژ گ چ پ"), Vec::<char>::new());
        assert_eq!(latin.missing("İNSAN TİCARETİ ISLAH İSTANBUL — çğıöşü âîû “157”"), Vec::<char>::new());
    }

    #[test]
    fn a_character_in_no_font_is_an_error_with_its_code() {
        let fonts = fonts();
        let arabic = chain(&fonts, &["Noto Naskh Arabic", "Noto Sans"]);
        let ctx = TextContext {
            lang: "ar",
            dir: Direction::Rtl,
            digits: Digits::Latin,
            case: None,
            key: "cover.lead",
            location: Location::at("translations/ar.yaml", 7, 9),
            phones: &[],
        };
        let found = check(&[Run::plain("اتصل ☎ الآن")], &arabic, &ctx);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.contains("«☎» (U+260E)"), "{}", d.message);
        assert_eq!((d.key.as_deref(), d.lang.as_deref()), (Some("cover.lead"), Some("ar")));
        assert_eq!(d.location, Some(Location::at("translations/ar.yaml", 7, 9)));
    }

    #[test]
    fn a_character_only_another_font_has_is_a_warning_naming_it() {
        let fonts = fonts();
        let latin = chain(&fonts, &["Noto Sans"]);
        assert_eq!(latin.missing("Yardım: ب"), vec!['ب']);
        assert_eq!(latin.fallback('ب'), Some("Noto Naskh Arabic"));
    }
}
