//! A language's rules as kalem applies them: what its code brings
//! ([`super::locale`]) with the settings of `kalem.yaml`, which win.
//! Resolved once, when `kalem.yaml` is loaded; [`notes`] names the defaults
//! kalem took for a language whose conventions it does not know.

use super::CONFIG_FILE;
use super::config::{Config, Digits, Direction, Language};
use super::locale::{Locale, Quotes};
use crate::diag::{Diagnostic, Diagnostics, Location};

/// How kalem sets one language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// What the code says.
    pub locale: Locale,
    /// Writing direction.
    pub dir: Direction,
    /// Digits of running text.
    pub digits: Digits,
    /// What a straight `"…"` of a translation becomes.
    pub quotes: Quotes,
    /// Whether running text is hyphenated (with typst's patterns).
    pub hyphenate: bool,
    /// The font chain, a key of `fonts`.
    pub fonts: String,
    /// What kalem chose without knowing the language's conventions, as a
    /// message names it; empty for a language it knows.
    pub guessed: Vec<String>,
    /// Line and column of the language in `kalem.yaml`.
    pub line: usize,
    /// See `line`.
    pub column: usize,
}

impl Rules {
    /// Where `kalem.yaml` declares the language.
    pub fn at(&self) -> Location {
        Location::at(CONFIG_FILE, self.line, self.column)
    }
}

/// The rules of `language`, declared as `code` at `at` in a `kalem.yaml`
/// whose font chains are `chains`. The error names what cannot be
/// resolved: a code that is none, a chain that does not exist.
pub fn resolve(code: &str, language: &Language, chains: &[String], at: &Location) -> Result<Rules, Diagnostic> {
    let locale = Locale::parse(code).map_err(|problem| {
        Diagnostic::error(format!("language {problem}"))
            .at(at.clone())
            .hint("name a language by its BCP 47 code, with a region or script where it matters: `en`, `ru`, `fa-AF` (Dari), `sr-Latn`; it also names the translation file")
    })?;
    let mut guessed = Vec::new();
    let dir = language.dir.or_else(|| locale.dir()).unwrap_or_else(|| {
        guessed.push("left-to-right text (`dir:`)".to_string());
        Direction::Ltr
    });
    let digits = language.digits.or_else(|| locale.digits()).unwrap_or_else(|| {
        guessed.push("Latin digits (`digits:`)".to_string());
        Digits::Latin
    });
    let quotes = match &language.quotes {
        Some([open, close]) => Quotes::new(open, close),
        None => locale.quotes().unwrap_or_else(|| {
            let fallback = Quotes::fallback();
            guessed.push(format!("{} quotes (`quotes:`)", fallback.shown()));
            fallback
        }),
    };
    let fonts = match &language.fonts {
        Some(chain) if chains.contains(chain) => chain.clone(),
        Some(chain) => {
            return Err(Diagnostic::error(format!("language {code} uses font chain `{chain}`, which is not defined"))
                .at(at.clone())
                .hint(crate::load::yaml::suggestion(chain, chains, "font chain") + " (defined under `fonts:`)"));
        }
        None => default_chain(code, &locale, chains, at)?,
    };
    if language.fonts.is_none() && locale.script.is_none() {
        guessed.push(format!("font chain `{fonts}` (`fonts:`)"));
    }
    Ok(Rules {
        hyphenate: language.hyphenate.unwrap_or_else(|| locale.hyphenation()),
        locale,
        dir,
        digits,
        quotes,
        fonts,
        guessed,
        line: at.line,
        column: at.column,
    })
}

/// The first chain of `kalem.yaml` named after the language's script.
fn default_chain(code: &str, locale: &Locale, chains: &[String], at: &Location) -> Result<String, Diagnostic> {
    let wanted = locale.font_chains();
    match wanted.iter().find(|w| chains.iter().any(|c| c == *w)) {
        Some(chain) => Ok(chain.to_string()),
        None => {
            let names: Vec<String> = wanted.iter().map(|w| format!("`{w}`")).collect();
            Err(Diagnostic::error(format!(
                "language {code} names no font chain, and kalem.yaml has none for its script ({}): {}",
                locale.script_name(),
                names.join(" or ")
            ))
            .at(at.clone())
            .hint(format!(
                "add `fonts: <chain>` to the language (the chains are {}), or a chain `{}: [<font family>, …]` under `fonts:`",
                chains.join(", "),
                wanted.first().copied().unwrap_or("latin")
            )))
        }
    }
}

/// A warning for every language whose conventions kalem does not know
/// (naming the defaults it took) and for `hyphenate: true` where typst has
/// no patterns.
pub fn notes(config: &Config) -> Diagnostics {
    let mut out = Vec::new();
    for (code, language) in &config.languages {
        let rules = &language.rules;
        if !rules.guessed.is_empty() {
            out.push(
                Diagnostic::warning(format!("kalem does not know the print conventions of language {code}, so it uses {}", rules.guessed.join(", ")))
                    .at(rules.at())
                    .lang(code)
                    .hint("have a native editor check them, and set the settings named in brackets on the language in kalem.yaml where they are wrong (README: Adding a language)"),
            );
        }
        if language.hyphenate == Some(true) && !rules.locale.hyphenation() {
            out.push(
                Diagnostic::warning(format!("typst has no hyphenation patterns for `{}`, so `hyphenate: true` of language {code} does nothing", rules.locale.language))
                    .at(rules.at())
                    .lang(code)
                    .hint("remove `hyphenate: true`; break long words with a soft hyphen (U+00AD) where they must break"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn language(yaml: &str) -> Language {
        serde_yaml_ng::from_str(yaml).expect("a language")
    }

    fn rules(code: &str, yaml: &str) -> Result<Rules, Diagnostic> {
        let chains: Vec<String> = ["latin", "arabic", "persian"].map(String::from).to_vec();
        resolve(code, &language(yaml), &chains, &Location::at(CONFIG_FILE, 7, 3))
    }

    #[test]
    fn one_name_is_enough_for_a_language_kalem_knows() {
        let dari = rules("fa-AF", "{ name: دری }").unwrap();
        assert_eq!((dari.dir, dari.digits, dari.fonts.as_str(), dari.hyphenate), (Direction::Rtl, Digits::Persian, "persian", false));
        let russian = rules("ru", "{ name: Русский }").unwrap();
        assert_eq!((russian.dir, russian.quotes.shown(), russian.fonts.as_str(), russian.hyphenate), (Direction::Ltr, "«…»".into(), "latin", true));
        let arabic = rules("ar", "{ name: العربية }").unwrap();
        assert_eq!(arabic.fonts, "arabic");
        assert!(dari.guessed.is_empty() && russian.guessed.is_empty() && arabic.guessed.is_empty());
    }

    #[test]
    fn settings_win() {
        let arabic = rules("ar", "{ name: العربية, digits: latin, fonts: persian, hyphenate: true, quotes: ['“', '”'] }").unwrap();
        assert_eq!((arabic.digits, arabic.fonts.as_str(), arabic.hyphenate, arabic.quotes.shown()), (Digits::Latin, "persian", true, "“…”".into()));
        let turkish = rules("tr", "{ name: Türkçe, dir: rtl, hyphenate: false }").unwrap();
        assert_eq!((turkish.dir, turkish.hyphenate), (Direction::Rtl, false));
    }

    #[test]
    fn what_kalem_does_not_know_is_named() {
        let hausa = rules("ha", "{ name: Hausa }").unwrap();
        assert_eq!(hausa.guessed, ["Latin digits (`digits:`)", "“…” quotes (`quotes:`)"]);
        let unknown = rules("qaa", "{ name: X }").unwrap();
        assert_eq!(unknown.guessed.len(), 4, "{:?}", unknown.guessed);
        assert!(rules("qaa", "{ name: X, dir: ltr, digits: latin, fonts: latin, quotes: ['“', '”'] }").unwrap().guessed.is_empty());
    }

    #[test]
    fn codes_and_chains_that_do_not_resolve_are_errors_at_the_language() {
        let bad = rules("fa_AF", "{ name: دری }").unwrap_err();
        assert!(bad.message.contains("not a BCP 47 language code"), "{}", bad.message);
        assert_eq!(bad.location, Some(Location::at(CONFIG_FILE, 7, 3)));
        let greek = rules("he", "{ name: עברית }").unwrap_err();
        assert!(greek.message.contains("no font chain") && greek.message.contains("`hebrew`"), "{}", greek.message);
        let typo = rules("en", "{ name: English, fonts: latn }").unwrap_err();
        assert!(typo.message.contains("`latn`, which is not defined"), "{}", typo.message);
    }
}
