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
use crate::model::Config;
#[cfg(doc)]
use crate::model::locale::Locale;

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
/// Characters in `reported` (by earlier strings of the edition) are not
/// named again; the string's own are added to it. The characters a string
/// lacks come in one message per font typst would set them in.
pub fn check(runs: &[Run], chain: &FontChain, ctx: &TextContext, reported: &mut Vec<char>) -> Diagnostics {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let missing: Vec<char> = chain.missing(&text).into_iter().filter(|c| !reported.contains(c)).collect();
    reported.extend(&missing);
    let mut groups: Vec<(Option<&str>, Vec<char>)> = Vec::new();
    for c in missing {
        let other = chain.fallback(c);
        match groups.iter_mut().find(|(o, _)| *o == other) {
            Some((_, chars)) => chars.push(c),
            None => groups.push((other, vec![c])),
        }
    }
    groups.into_iter().map(|(other, chars)| chain.gap(&chars, other).at(ctx.location.clone()).key(ctx.key).lang(ctx.lang)).collect()
}

/// At most this many characters are named in a message.
const NAMED: usize = 8;

impl FontChain<'_> {
    /// The finding for `chars` of a string, which no font of the chain
    /// has and typst sets in `other` (a warning), or no font of the
    /// project has (an error: empty boxes).
    fn gap(&self, chars: &[char], other: Option<&str>) -> Diagnostic {
        let families = self.families.join(", ");
        let shown: Vec<String> = chars.iter().take(NAMED).map(|c| format!("«{c}» (U+{:04X})", *c as u32)).collect();
        let more = chars.len().saturating_sub(NAMED);
        let (what, are, them) = match chars.len() {
            1 => (format!("character {}", shown.join(", ")), "is", "it"),
            _ if more > 0 => (format!("characters {} and {more} more", shown.join(", ")), "are", "them"),
            _ => (format!("characters {}", shown.join(", ")), "are", "them"),
        };
        let each = if chars.len() > 1 { " each" } else { "" };
        match other {
            Some(other) => Diagnostic::warning(format!("{what} {are} in no font of chain `{}` ({families}); typst sets {them} in {other}", self.name)).hint(self.hint(chars, Some(other))),
            None => Diagnostic::error(format!("{what} {are} in no font of chain `{}` ({families}) and would print as an empty box{each}", self.name)).hint(self.hint(chars, None)),
        }
    }

    /// What to do about `chars` the chain lacks: the chain with the font
    /// to add (`other`, a font of the project that has them, or one that
    /// covers their script), or replacing them.
    fn hint(&self, chars: &[char], other: Option<&str>) -> String {
        let families = self.families.join(", ");
        let script = chars.first().and_then(|c| super::script::name(*c));
        match other {
            Some(other) => format!("add {other} to the chain in kalem.yaml, `{}: [{families}, {other}]`, or replace the characters", self.name),
            None => match script {
                Some(script) => {
                    let (font, note) = super::script::font(script);
                    format!("add a font with {script} letters to fonts/ (with its licence) and to the chain in kalem.yaml, e.g. {font} ({note}): `{}: [{families}, {font}]`; or replace the characters", self.name)
                }
                None => format!("add a font that has them to fonts/ and to the `{}` chain in kalem.yaml, or replace the characters", self.name),
            },
        }
    }
}

/// A warning for every language whose font chain lacks letters of the
/// language (CLDR's exemplar characters, [`Locale::letters`]), whether or
/// not its texts use them yet, with the chain to write.
pub fn languages(config: &Config, fonts: &FontSet) -> Diagnostics {
    let mut out = Vec::new();
    for (code, language) in &config.languages {
        let rules = &language.rules;
        let Some(families) = config.fonts.get(&rules.fonts) else { continue };
        let chain = FontChain::new(fonts, &rules.fonts, families);
        let letters: String = rules.locale.letters().iter().flat_map(|c| [*c, ' ']).collect();
        let missing = chain.missing(&letters);
        let Some(first) = missing.first() else { continue };
        let other = chain.fallback(*first).filter(|f| missing.iter().all(|c| fonts.select(f, REGULAR).is_some_and(|face| face.has_char(*c))));
        let shown: Vec<String> = missing.iter().take(3 * NAMED).map(char::to_string).collect();
        let more = if missing.len() > shown.len() { ", …" } else { "" };
        out.push(
            Diagnostic::warning(format!(
                "the fonts of chain `{}` ({}) lack {} letter(s) of language {code} ({}): {}{more}",
                rules.fonts,
                families.join(", "),
                missing.len(),
                language.name,
                shown.join(" ")
            ))
            .at(rules.at())
            .lang(code)
            .hint(chain.hint(&missing, other)),
        );
    }
    out
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
        // Noto Sans covers Cyrillic: Russian takes the `latin` chain.
        assert_eq!(latin.missing("ВМЕСТЕ ПРОТИВ ТОРГОВЛИ ЛЮДЬМИ — «Звоните 157», ёжик, Її Ґґ"), Vec::<char>::new());
        let russian: String = crate::model::locale::Locale::parse("ru").expect("ru").letters().into_iter().collect();
        assert_eq!(latin.missing(&russian), Vec::<char>::new());
        let dari: String = crate::model::locale::Locale::parse("fa-AF").expect("fa-AF").letters().into_iter().collect();
        assert_eq!(persian.missing(&dari), Vec::<char>::new());
    }

    #[test]
    fn a_character_in_no_font_is_an_error_with_its_code() {
        let fonts = fonts();
        let arabic = chain(&fonts, &["Noto Naskh Arabic", "Noto Sans"]);
        let ctx = TextContext {
            lang: "ar",
            dir: Direction::Rtl,
            digits: Digits::Latin,
            quotes: &crate::model::locale::Quotes::fallback(),
            case: None,
            key: "cover.lead",
            location: Location::at("translations/ar.yaml", 7, 9),
            phones: &[],
            lines: crate::prepare::Lines::Set,
        };
        let found = check(&[Run::plain("اتصل ☎ الآن")], &arabic, &ctx, &mut Vec::new());
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
