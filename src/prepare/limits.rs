//! Bounds on what one translated string may hold, so that text no page
//! could show never reaches typst: a word longer than any line (typst's
//! PDF writer panics on one of 33,000 Arabic letters), a string longer
//! than a brochure, or a letter carrying more marks than any script uses
//! (50,000 marks on one letter take gigabytes to shape).

use unicode_normalization::char::is_combining_mark;

use super::TextContext;
use crate::diag::Diagnostic;

/// Longest word, in characters: no line of any format holds more (a long
/// web address has about 60).
pub const MAX_WORD_CHARS: usize = 200;
/// Longest string, in characters: a long page of text has about 5,000.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Most marks on one letter: Arabic uses up to three (shadda, a vowel and
/// a sign), Vietnamese two.
pub const MAX_MARKS: usize = 8;

/// The error for a string that exceeds a bound, naming its key and
/// language.
pub fn check(text: &str, ctx: &TextContext) -> Option<Diagnostic> {
    let error = |message: String, hint: &str| Diagnostic::error(message).at(ctx.location.clone()).key(ctx.key).lang(ctx.lang).hint(hint);
    let mut run = 0;
    for c in text.chars() {
        run = if is_combining_mark(c) { run + 1 } else { 0 };
        if run > MAX_MARKS {
            return Some(error(format!("a letter carries more than {MAX_MARKS} marks (accents, harakat)"), "remove the repeated marks; each letter takes at most a few"));
        }
    }
    if let Some(word) = text.split(char::is_whitespace).find(|w| w.chars().count() > MAX_WORD_CHARS) {
        return Some(error(
            format!("a word of {} characters («{}…») is longer than any line ({MAX_WORD_CHARS} characters)", word.chars().count(), excerpt(word)),
            "put spaces between the words; a long web address can be shortened",
        ));
    }
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Some(error(format!("the text has {chars} characters, more than the {MAX_TEXT_CHARS} one text may have"), "split it into several texts, or shorten it"));
    }
    None
}

/// The first characters of a long word, to recognise it by.
fn excerpt(word: &str) -> String {
    word.chars().take(12).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;
    use crate::model::{Digits, Direction};

    fn found(text: &str) -> Option<String> {
        let ctx = TextContext { lang: "ar", dir: Direction::Rtl, digits: Digits::Latin, quotes: &crate::model::locale::Quotes::fallback(), case: None, key: "cover.body", location: Location::at("translations/ar.yaml", 4, 9), phones: &[], lines: crate::prepare::Lines::Set };
        check(text, &ctx).map(|d| d.to_string())
    }

    #[test]
    fn ordinary_text_passes_and_bombs_are_errors_naming_key_and_language() {
        assert_eq!(found("مُحَمَّدٌ اتصل بالرقم 157 www.goc.gov.tr/insan-ticareti-ile-mucadele"), None);
        let word = found(&"ب".repeat(33_000)).expect("long word");
        assert!(word.starts_with("translations/ar.yaml:4:9: error: a word of 33000 characters («بببببببببببب…») is longer than any line"), "{word}");
        assert!(word.contains("[language ar] [key cover.body]"), "{word}");
        assert!(found(&"ğ ".repeat(15_000)).expect("long text").contains("the text has 30000 characters"));
        assert!(found(&format!("a{}", "\u{301}".repeat(50_000))).expect("marks").contains("more than 8 marks"));
    }
}
