//! Preparing text for layout: every decision about language and script is
//! made here, on plain strings, before anything reaches typst.
//!
//! The result of preparing a string is a list of [`Run`]s. The template
//! places runs as they are; a run of any kind but [`Kind::Text`] is set as
//! one left-to-right unit, which keeps phone numbers, URLs and e-mail
//! addresses readable inside right-to-left sentences, and carries its link
//! target from here to the screen PDF.
//!
//! A string is normalized to NFC, given the language's quotation marks
//! ([`quotes`]), split at its emphasis markers
//! ([`emphasis`]), checked for spelling problems of its script ([`checks`]),
//! cut into running text and left-to-right units ([`bidi`], as if the
//! zero-width characters pasted into a number were not there: [`hidden`]),
//! cased ([`case`]) and given the language's digits ([`digits`]). In
//! right-to-left text, units the bidi algorithm reads as one left-to-right
//! stretch (`YİMER 157`) are joined ([`groups`]). Words that belong
//! together are tied ([`ties`]). [`coverage`] then checks the result
//! against the language's fonts.

pub mod bidi;
pub mod case;
pub mod checks;
pub mod coverage;
pub mod digits;
pub mod emphasis;
pub mod exchange;
pub mod groups;
pub mod hidden;
pub mod limits;
pub mod link;
pub mod numbers;
pub mod quotes;
pub mod script;
pub mod separators;
pub mod ties;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::locale::Quotes;
use crate::model::{Case, Digits, Direction};
pub use bidi::Kind;

/// A piece of text the template sets in one go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    /// The text.
    pub text: String,
    /// What the text is; anything but running text is set as one
    /// left-to-right unit.
    pub kind: Kind,
    /// Set in bold.
    pub strong: bool,
    /// What the run opens on a screen (`tel:`, `mailto:`, `https:`), found
    /// from its kind; never set in print.
    pub link: Option<String>,
    /// Set in one left-to-right stretch with the unit before it, as the
    /// bidi algorithm reads `YİMER 157` ([`groups`]).
    pub joined: bool,
}

impl Run {
    /// A plain run that follows the paragraph's direction.
    pub fn plain(text: impl Into<String>) -> Run {
        Run::of(Kind::Text, text)
    }

    /// A run of `kind`, with the link target its text has as that kind.
    pub fn of(kind: Kind, text: impl Into<String>) -> Run {
        let text = text.into();
        Run { link: link::target(kind, &text), text, kind, strong: false, joined: false }
    }

    /// Whether the run is set as one left-to-right unit.
    pub fn is_unit(&self) -> bool {
        self.kind.is_unit()
    }
}

/// What preparing a string needs to know about it.
#[derive(Debug, Clone)]
pub struct TextContext<'a> {
    /// Language code.
    pub lang: &'a str,
    /// The language's direction.
    pub dir: Direction,
    /// Digits for running text.
    pub digits: Digits,
    /// What a straight `"…"` becomes.
    pub quotes: &'a Quotes,
    /// Letter case to apply, if any.
    pub case: Option<Case>,
    /// The translation key.
    pub key: &'a str,
    /// Where the string stands, for warnings.
    pub location: Location,
    /// Numbers dialled as written (the project's contacts): in a sentence
    /// they are phone numbers, not counts.
    pub phones: &'a [String],
    /// Who breaks the string's lines, which decides its ties ([`ties`]).
    pub lines: Lines,
}

/// Who breaks the lines of a string, which decides the words tied in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// A platform or a reader (captions, alt text): no ties, the spaces
    /// the translator typed.
    Elsewhere,
    /// kalem, in a table cell: names stay with their numbers, but the last
    /// word is not tied (a cell is narrow, and PDF readers join a cell's
    /// lines with its neighbours').
    Cell,
    /// kalem, on a page or an image: every tie.
    Set,
}

/// A problem a check found in a string, before it is given a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What is wrong, lowercase.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Finding {
    /// The finding as a warning about the string `ctx` describes.
    fn warning(self, ctx: &TextContext) -> Diagnostic {
        Diagnostic::warning(self.message).at(ctx.location.clone()).key(ctx.key).lang(ctx.lang).hint(self.hint)
    }
}

/// A prepared string and what preparing it found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prepared {
    /// The runs, in logical order.
    pub runs: Vec<Run>,
    /// Warnings and errors about the string.
    pub diagnostics: Diagnostics,
}

/// Prepares one translated string for layout.
pub fn prepare_text(raw: &str, ctx: &TextContext) -> Prepared {
    if let Some(error) = limits::check(raw, ctx).or_else(|| link::user_part(raw, ctx)) {
        return Prepared { runs: Vec::new(), diagnostics: vec![error] };
    }
    let normalized = quotes::curl(&raw.nfc().collect::<String>(), ctx.quotes);
    let (segments, mut findings) = emphasis::parse(&normalized);
    let plain: String = segments.iter().map(|s| s.text.as_str()).collect();
    findings.extend(checks::check(&plain, ctx.lang));

    let mut runs: Vec<Run> = Vec::new();
    for segment in &segments {
        let (pieces, removed) = hidden::pieces(&segment.text, ctx.dir, ctx.phones);
        findings.extend(removed);
        for (mut text, kind) in pieces {
            if let Some(case) = ctx.case.filter(|_| kind.takes_case()) {
                text = case::apply(&text, case, ctx.lang);
            }
            if kind.converts_digits() {
                text = digits::convert(&text, ctx.digits);
            }
            if kind == Kind::Text {
                text = separators::bind(&numbers::running(&text, ctx.dir));
            }
            let run = Run { strong: segment.strong, ..Run::of(kind, text) };
            match runs.last_mut() {
                Some(last) if !last.is_unit() && !run.is_unit() && last.strong == run.strong => last.text.push_str(&run.text),
                _ => runs.push(run),
            }
        }
    }
    let running: String = runs.iter().filter(|r| !r.is_unit()).map(|r| r.text.as_str()).collect();
    findings.extend(separators::zero_like(&running));
    if ctx.dir == Direction::Rtl {
        groups::join(&mut runs);
    }
    if ctx.lines != Lines::Elsewhere {
        ties::name_numbers(&mut runs, ctx.lang);
    }
    if ctx.lines == Lines::Set {
        ties::last_word(&mut runs);
    }
    Prepared { runs, diagnostics: findings.into_iter().map(|f| f.warning(ctx)).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(lang: &'static str, dir: Direction, digits: Digits, case: Option<Case>) -> TextContext<'static> {
        static PHONES: [String; 0] = [];
        let quotes = Box::leak(Box::new(crate::model::locale::Locale::parse(lang).ok().and_then(|l| l.quotes()).unwrap_or_else(Quotes::fallback)));
        TextContext { lang, dir, digits, quotes, case, key: "k", location: Location::at("t.yaml", 3, 8), phones: &PHONES, lines: Lines::Set }
    }

    fn unit(kind: Kind, text: &str) -> Run {
        Run::of(kind, text)
    }

    #[test]
    fn text_is_normalized_to_nfc() {
        // "I" followed by a combining dot above is "İ" in NFC.
        let prepared = prepare_text("I\u{307}stanbul", &ctx("tr", Direction::Ltr, Digits::Latin, None));
        assert_eq!(prepared.runs, vec![Run::plain("İstanbul")]);
    }

    #[test]
    fn units_keep_their_digits_and_case_while_the_text_changes() {
        let c = ctx("fa", Direction::Rtl, Digits::Persian, None);
        let prepared = prepare_text("در 30 روز با +90 312 123 45 67 یا info@sinir.bel.tr تماس بگیرید", &c);
        assert_eq!(
            prepared.runs,
            vec![
                Run::plain("در ۳۰\u{A0}روز با "),
                unit(Kind::Phone, "+90 312 123 45 67"),
                Run::plain(" یا "),
                unit(Kind::Email, "info@sinir.bel.tr"),
                Run::plain(" تماس\u{A0}بگیرید"),
            ]
        );
        let c = ctx("tr", Direction::Ltr, Digits::Latin, Some(Case::Upper));
        let prepared = prepare_text("bilgi: www.sinir.bel.tr/destek", &c);
        assert_eq!(prepared.runs, vec![Run::plain("BİLGİ: "), unit(Kind::Url, "www.sinir.bel.tr/destek")]);
    }

    /// What the bidi algorithm shows, left to right, when each unit is an
    /// isolate, as typst sets a unit in its own left-to-right box.
    fn visual(runs: &[Run]) -> String {
        let text: String = runs.iter().map(|r| if r.is_unit() { format!("\u{2066}{}\u{2069}", r.text) } else { r.text.clone() }).collect();
        let info = unicode_bidi::BidiInfo::new(&text, Some(unicode_bidi::Level::rtl()));
        let paragraph = &info.paragraphs[0];
        info.reorder_line(paragraph, paragraph.range.clone()).replace(['\u{2066}', '\u{2069}'], "")
    }

    #[test]
    fn units_keep_their_order_under_the_bidi_algorithm() {
        let c = ctx("ar", Direction::Rtl, Digits::Latin, None);
        let text = "اتصل بالرقم +90 312 123 45 67 أو 0 (312) 123 45 67 في 15.03.2025";
        let prepared = prepare_text(text, &c);
        let shown = visual(&prepared.runs);
        for unit in ["+90 312 123 45 67", "0 (312) 123 45 67", "15.03.2025"] {
            assert!(shown.contains(unit), "{unit} in {shown}");
        }
        // Without kalem's units the digit groups come out in reverse.
        assert!(visual(&[Run::plain(text)]).contains("67 45 123 312 90+"));
    }

    #[test]
    fn dates_are_units_in_the_language_digits() {
        let prepared = prepare_text("منذ 15.03.2025", &ctx("ar", Direction::Rtl, Digits::ArabicIndic, None));
        assert_eq!(prepared.runs, vec![Run::plain("منذ "), unit(Kind::Date, "١٥.٠٣.٢٠٢٥")]);
    }

    #[test]
    fn emphasis_becomes_strong_runs() {
        let prepared = prepare_text("اتصل بالرقم **+90 312 123 45 67** الآن", &ctx("ar", Direction::Rtl, Digits::Latin, None));
        assert_eq!(
            prepared.runs,
            vec![Run::plain("اتصل بالرقم\u{A0}"), Run { strong: true, ..Run::of(Kind::Phone, "+90 312 123 45 67") }, Run::plain(" الآن")]
        );
    }

    #[test]
    fn findings_are_warnings_with_file_line_key_and_language() {
        let prepared = prepare_text("كمك رایگان", &ctx("fa", Direction::Rtl, Digits::Latin, None));
        let d = &prepared.diagnostics[0];
        assert!(!d.is_error());
        assert_eq!(d.to_string().lines().next().unwrap(), "t.yaml:3:8: warning: arabic kaf ك (U+0643) in farsi text, in «كمك» (2 times) [language fa] [key k]");
    }
}
