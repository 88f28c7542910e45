//! X's count of a post: twitter-text 3's weighted length.
//!
//! The text is NFC-normalised; each URL ([`super::urls`]) counts 23, as
//! X's link shortener makes it; an emoji (with its modifiers, joiners and
//! variation selectors) counts 2; any other code point 1 in U+0000–U+10FF,
//! U+2000–U+200D, U+2010–U+201F and U+2032–U+2037, and 2 elsewhere, which
//! puts the bidi isolates U+2066–U+2069 at 2 and the marks U+200E/U+200F
//! at 2 as well.

use icu_properties::CodePointSetData;
use icu_properties::props::{ExtendedPictographic, RegionalIndicator};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::urls;

/// What a URL counts, whatever its length.
const URL_WEIGHT: usize = 23;

/// What an emoji and any code point outside [`LIGHT`] count.
const HEAVY: usize = 2;

/// Code points that count 1.
const LIGHT: [std::ops::RangeInclusive<char>; 4] =
    ['\u{0}'..='\u{10FF}', '\u{2000}'..='\u{200D}', '\u{2010}'..='\u{201F}', '\u{2032}'..='\u{2037}'];

/// The weighted length of `text` as X counts it against its 280.
pub fn weighted_length(text: &str) -> usize {
    let text: String = text.nfc().collect();
    let mut total = 0;
    let mut at = 0;
    for url in urls::find(&text) {
        total += unlinked_length(&text[at..url.start]) + URL_WEIGHT;
        at = url.end;
    }
    total + unlinked_length(&text[at..])
}

/// The weighted length of text without URLs.
fn unlinked_length(text: &str) -> usize {
    text.graphemes(true).map(|cluster| if is_emoji(cluster) { emoji_weight(cluster) } else { cluster.chars().map(weight).sum() }).sum()
}

/// What an emoji counts: 2, and 2 more for a text presentation selector,
/// which twitter-text does not take as part of the emoji.
fn emoji_weight(cluster: &str) -> usize {
    if cluster.contains('\u{FE0E}') { 2 * HEAVY } else { HEAVY }
}

/// What one code point counts.
fn weight(c: char) -> usize {
    if LIGHT.iter().any(|range| range.contains(&c)) { 1 } else { HEAVY }
}

/// Whether a grapheme cluster is an emoji: a flag, a keycap, or a
/// pictograph with whatever modifies it (a variation selector, a skin tone,
/// a joiner and the next pictograph). twitter-text takes even `©` and `®`
/// for emoji, which puts them at 2.
fn is_emoji(cluster: &str) -> bool {
    cluster.chars().next().is_some_and(|first| {
        CodePointSetData::new::<RegionalIndicator>().contains(first)
            || CodePointSetData::new::<ExtendedPictographic>().contains(first)
            || cluster.contains('\u{20E3}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cases from twitter-text's conformance suite (`conformance/validate.yml`,
    /// `WeightedTweetsWithDiscountedEmojiCounterTest`).
    #[test]
    fn conformance_examples() {
        let run = |n: usize| "xxxxxxxxxx-".repeat(n);
        let cases: Vec<(String, usize)> = vec![
            ("Hi http://test.co".into(), 26),
            ("http://test.co".into(), 23),
            (format!("285 chars-{}", run(25)), 285),
            (format!("285 chars- http://www.twitter.com/jack {}", run(24)), 299),
            ("https://www.twitter.com/aloha ".repeat(10), 240),
            ("故人西辞黄鹤楼，烟花三月下扬州。".repeat(10), 320),
            ("😷".repeat(160), 320),
            ("H🐱☺👨‍👩‍👧‍👦".into(), 7),
            ("😷👾😡🔥💩".into(), 10),
            ("🙋🏽👨‍🎤".into(), 4),
            ("This is a tweet with general punctuation characters: \u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{200B} ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷".into(), 110),
        ];
        for (text, expected) in cases {
            assert_eq!(weighted_length(&text), expected, "{text}");
        }
    }

    #[test]
    fn text_is_normalised_before_counting() {
        // `A` and a combining acute accent: one `Á` after NFC.
        assert_eq!(weighted_length("A\u{301}"), 1);
    }

    #[test]
    fn scripts_marks_and_isolates_weigh_what_x_gives_them() {
        assert_eq!(weighted_length("İnsan ticareti"), 14);
        assert_eq!(weighted_length("اتصل بالرقم"), 11);
        assert_eq!(weighted_length("می‌خواهم"), 8, "the zero-width non-joiner counts 1");
        assert_eq!(weighted_length("\u{2066}157\u{2069}"), 7, "isolates count 2 each");
        assert_eq!(weighted_length("\u{200E}157"), 5, "so does a left-to-right mark");
        assert_eq!(weighted_length("www.goc.gov.tr"), 23);
        assert_eq!(weighted_length("info@example.org"), 16, "an e-mail address is no URL");
        assert_eq!(weighted_length("1\u{FE0F}\u{20E3} 🇹🇷 © ✌\u{FE0E}"), 2 + 1 + 2 + 1 + 2 + 1 + 4);
    }
}
