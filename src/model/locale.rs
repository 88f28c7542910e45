//! What a language's code tells kalem. `kalem.yaml` names each language by
//! a BCP 47 code, with a region or script subtag where it matters (`fa-AF`,
//! `sr-Latn`); the code is canonicalised first (`prs`, Dari, is `fa-AF`).
//! From it come the script and its direction (CLDR's likely subtags, through
//! ICU4X), the letters a font must have (CLDR's exemplar characters),
//! whether typst has hyphenation patterns (hypher, which typst uses), and,
//! for the languages in [`CONVENTIONS`], the digits and quotation marks of
//! their print. [`super::rules`] resolves these with the settings of
//! `kalem.yaml`, which win.

use icu_locale::exemplar_chars::ExemplarCharacters;
use icu_locale::{LanguageIdentifier, Locale as IcuLocale, LocaleCanonicalizer, LocaleExpander};

use super::config::{Digits, Direction};

/// Quotation marks: what opens and what closes a quotation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quotes {
    /// The opening mark, with a space where the language puts one inside.
    pub open: String,
    /// The closing mark.
    pub close: String,
}

impl Quotes {
    /// The marks `open` and `close`.
    pub fn new(open: &str, close: &str) -> Quotes {
        Quotes { open: open.into(), close: close.into() }
    }

    /// The quotes kalem uses for a language it knows no conventions of.
    pub fn fallback() -> Quotes {
        Quotes::new("“", "”")
    }

    /// Both marks, as a message shows them: `«…»`.
    pub fn shown(&self) -> String {
        format!("{}…{}", self.open, self.close)
    }
}

/// The print conventions of a language: digits of running text and
/// quotation marks, by its language subtag.
struct Convention {
    language: &'static str,
    digits: Digits,
    quotes: (&'static str, &'static str),
}

const fn convention(language: &'static str, digits: Digits, quotes: (&'static str, &'static str)) -> Convention {
    Convention { language, digits, quotes }
}

/// Narrow no-break space, inside French guillemets.
const NNBSP_OPEN: &str = "«\u{202F}";
const NNBSP_CLOSE: &str = "\u{202F}»";

/// The languages whose conventions kalem knows, from CLDR's delimiters and
/// default numbering systems. Arabic takes «» as Arabic print usually does
/// (and Noto Naskh Arabic has no `"`); its digits are CLDR's Arabic-Indic,
/// which a campaign in Türkiye usually sets to `latin` in `kalem.yaml`.
const CONVENTIONS: &[Convention] = &[
    convention("ar", Digits::ArabicIndic, ("«", "»")),
    convention("az", Digits::Latin, ("“", "”")),
    convention("be", Digits::Latin, ("«", "»")),
    convention("bg", Digits::Latin, ("„", "“")),
    convention("cs", Digits::Latin, ("„", "“")),
    convention("de", Digits::Latin, ("„", "“")),
    convention("el", Digits::Latin, ("«", "»")),
    convention("en", Digits::Latin, ("“", "”")),
    convention("es", Digits::Latin, ("«", "»")),
    convention("fa", Digits::Persian, ("«", "»")),
    convention("fr", Digits::Latin, (NNBSP_OPEN, NNBSP_CLOSE)),
    convention("it", Digits::Latin, ("«", "»")),
    convention("kk", Digits::Latin, ("«", "»")),
    convention("ky", Digits::Latin, ("«", "»")),
    convention("nl", Digits::Latin, ("“", "”")),
    convention("pl", Digits::Latin, ("„", "”")),
    convention("ps", Digits::Persian, ("«", "»")),
    convention("pt", Digits::Latin, ("“", "”")),
    convention("ro", Digits::Latin, ("„", "”")),
    convention("ru", Digits::Latin, ("«", "»")),
    convention("sk", Digits::Latin, ("„", "“")),
    convention("tr", Digits::Latin, ("“", "”")),
    convention("uk", Digits::Latin, ("«", "»")),
];

/// Regions whose Arabic print uses Latin digits (the Maghreb).
const LATIN_DIGIT_ARABIC: &[&str] = &["DZ", "EH", "LY", "MA", "TN"];

/// What kalem reads from a language code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Locale {
    /// The canonical code: `fa-AF` for `prs`.
    pub tag: String,
    /// Its ISO 639 language subtag, as typst takes it: `fa`.
    pub language: String,
    /// Its ISO 3166 region subtag, if the code has one: `AF`.
    pub region: Option<String>,
    /// Its ISO 15924 script: the code's, else the language's likely one;
    /// none when CLDR does not know the language.
    pub script: Option<String>,
}

impl Locale {
    /// Reads a code of `kalem.yaml`; the error says why it is not one.
    pub fn parse(code: &str) -> Result<Locale, String> {
        let id = LanguageIdentifier::try_from_str(code).map_err(|e| format!("`{code}` is not a BCP 47 language code ({e})"))?;
        if id.language.is_unknown() {
            return Err(format!("`{code}` names no language"));
        }
        let mut locale = IcuLocale::from(id);
        LocaleCanonicalizer::new_extended().canonicalize(&mut locale);
        let id = locale.id;
        let mut max = id.clone();
        LocaleExpander::new_extended().maximize(&mut max);
        Ok(Locale {
            tag: id.to_string(),
            language: id.language.as_str().to_string(),
            region: id.region.map(|r| r.as_str().to_string()),
            script: max.script.map(|s| s.as_str().to_string()),
        })
    }

    /// The direction of the language's script; none when the script is
    /// not known.
    pub fn dir(&self) -> Option<Direction> {
        let script = self.script.as_deref()?;
        Some(if RTL_SCRIPTS.contains(&script) { Direction::Rtl } else { Direction::Ltr })
    }

    fn convention(&self) -> Option<&'static Convention> {
        CONVENTIONS.iter().find(|c| c.language == self.language)
    }

    /// The digits the language's print uses in running text, if kalem
    /// knows them.
    pub fn digits(&self) -> Option<Digits> {
        let digits = self.convention()?.digits;
        let maghreb = self.region.as_deref().is_some_and(|r| LATIN_DIGIT_ARABIC.contains(&r));
        Some(if digits == Digits::ArabicIndic && maghreb { Digits::Latin } else { digits })
    }

    /// The language's quotation marks, if kalem knows them (Portugal's
    /// Portuguese takes «», Brazil's “”).
    pub fn quotes(&self) -> Option<Quotes> {
        let (open, close) = self.convention()?.quotes;
        Some(if self.language == "pt" && self.region.as_deref() == Some("PT") { Quotes::new("«", "»") } else { Quotes::new(open, close) })
    }

    /// Whether typst has hyphenation patterns for the language.
    pub fn hyphenation(&self) -> bool {
        let code: Option<[u8; 2]> = self.language.as_bytes().try_into().ok();
        code.and_then(hypher::Lang::from_iso).is_some()
    }

    /// The font chains a language takes by default, by name, first choice
    /// first: the chain named after its script (`persian` before `arabic`
    /// for the languages written with Persian letters).
    pub fn font_chains(&self) -> Vec<&'static str> {
        let persian = matches!(self.language.as_str(), "fa" | "ps" | "ur" | "ckb" | "sd");
        match self.script.as_deref() {
            Some("Arab") if persian => vec!["persian", "arabic"],
            Some("Arab") => vec!["arabic", "persian"],
            Some("Cyrl") => vec!["cyrillic", "latin"],
            Some("Grek") => vec!["greek", "latin"],
            Some("Hebr") => vec!["hebrew"],
            Some("Armn") => vec!["armenian"],
            Some("Geor") => vec!["georgian"],
            Some("Deva") => vec!["devanagari"],
            _ => vec!["latin"],
        }
    }

    /// The script's name, for messages.
    pub fn script_name(&self) -> &str {
        match self.script.as_deref() {
            Some("Latn") => "Latin",
            Some("Cyrl") => "Cyrillic",
            Some("Arab") => "Arabic",
            Some("Grek") => "Greek",
            Some("Hebr") => "Hebrew",
            Some(other) => other,
            None => "unknown",
        }
    }

    /// The letters of the language (CLDR's main exemplar characters, and
    /// their capitals): what a font chain must have to set it. Empty when
    /// CLDR has none for the language.
    pub fn letters(&self) -> Vec<char> {
        let Ok(id) = LanguageIdentifier::try_from_str(&self.tag) else { return Vec::new() };
        let Ok(set) = ExemplarCharacters::try_new_main(&(&id).into()) else { return Vec::new() };
        let mut letters: Vec<char> = set.code_points().iter_chars().collect();
        let capitals: Vec<char> = letters.iter().flat_map(|c| c.to_uppercase()).collect();
        letters.extend(capitals);
        // Strings such as `i̇` (Lithuanian) or digraphs are letters written
        // together; their characters count one by one.
        letters.extend(set.strings().iter().flat_map(str::chars));
        letters.sort_unstable();
        letters.dedup();
        letters
    }
}

/// The ISO 639 language of a code (`fa` for `fa-AF` and for `prs`), or
/// the code's first part when it is not BCP 47.
pub fn language_of(code: &str) -> String {
    Locale::parse(code).map(|l| l.language).unwrap_or_else(|_| code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase())
}

/// Scripts written right to left.
const RTL_SCRIPTS: &[&str] = &["Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"];

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(code: &str) -> Locale {
        Locale::parse(code).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn codes_are_canonical_with_their_region() {
        let dari = locale("prs");
        assert_eq!((dari.tag.as_str(), dari.language.as_str(), dari.region.as_deref()), ("fa-AF", "fa", Some("AF")));
        assert_eq!(locale("fa-af").tag, "fa-AF");
        assert_eq!(locale("sr-Latn").script.as_deref(), Some("Latn"));
        assert_eq!(locale("sr").script.as_deref(), Some("Cyrl"));
        assert!(Locale::parse("fa_AF").is_err());
        assert!(Locale::parse("und").is_err());
    }

    #[test]
    fn direction_digits_and_quotes_follow_the_code() {
        let table = [
            ("tr", Direction::Ltr, Digits::Latin, "“…”"),
            ("en", Direction::Ltr, Digits::Latin, "“…”"),
            ("ru", Direction::Ltr, Digits::Latin, "«…»"),
            ("ar", Direction::Rtl, Digits::ArabicIndic, "«…»"),
            ("ar-MA", Direction::Rtl, Digits::Latin, "«…»"),
            ("fa", Direction::Rtl, Digits::Persian, "«…»"),
            ("fa-AF", Direction::Rtl, Digits::Persian, "«…»"),
            ("prs", Direction::Rtl, Digits::Persian, "«…»"),
            ("pt-PT", Direction::Ltr, Digits::Latin, "«…»"),
            ("pt-BR", Direction::Ltr, Digits::Latin, "“…”"),
        ];
        for (code, dir, digits, quotes) in table {
            let l = locale(code);
            assert_eq!((l.dir(), l.digits(), l.quotes().map(|q| q.shown())), (Some(dir), Some(digits), Some(quotes.to_string())), "{code}");
        }
        assert_eq!(locale("he").dir(), Some(Direction::Rtl));
        assert_eq!(locale("ug-Cyrl").dir(), Some(Direction::Ltr));
        // A language CLDR knows and kalem has no conventions for.
        let hausa = locale("ha");
        assert_eq!((hausa.dir(), hausa.digits(), hausa.quotes()), (Some(Direction::Ltr), None, None));
        // A code no one knows: nothing but the code.
        let unknown = locale("qaa");
        assert_eq!((unknown.script.clone(), unknown.dir()), (None, None));
    }

    #[test]
    fn hyphenation_where_typst_has_patterns() {
        for code in ["en", "ru", "tr", "de", "uk"] {
            assert!(locale(code).hyphenation(), "{code}");
        }
        for code in ["ar", "fa", "prs", "az"] {
            assert!(!locale(code).hyphenation(), "{code}");
        }
    }

    #[test]
    fn font_chains_by_script() {
        assert_eq!(locale("fa-AF").font_chains(), ["persian", "arabic"]);
        assert_eq!(locale("ar").font_chains(), ["arabic", "persian"]);
        assert_eq!(locale("ru").font_chains(), ["cyrillic", "latin"]);
        assert_eq!(locale("en").font_chains(), ["latin"]);
    }

    #[test]
    fn letters_come_with_their_capitals() {
        let russian = locale("ru").letters();
        assert!(russian.contains(&'ж') && russian.contains(&'Ж') && russian.contains(&'ё'), "{russian:?}");
        let turkish = locale("tr").letters();
        assert!(turkish.contains(&'ı') && turkish.contains(&'İ') && turkish.contains(&'ğ'), "{turkish:?}");
        let dari = locale("fa-AF").letters();
        assert!(dari.contains(&'پ') && dari.contains(&'ی') && !dari.contains(&'ي'), "{dari:?}");
        assert!(locale("qaa").letters().is_empty());
    }
}
