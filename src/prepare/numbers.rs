//! Numbers in running text as a typesetter sets them: a count stays on the
//! line of the word it counts, and a range reads in the language's
//! direction.
//!
//! - A number followed by a space and a word (`30 günlük`, `24 saat`,
//!   `۳۰ روزهٔ`, `30 يوماً`) is joined with a no-break space (U+00A0), so a
//!   line never ends on the bare number.
//! - Ranges read in the direction of the language: in Arabic and Farsi the
//!   start stands first in reading order, on the right (`۱۴:۰۰–۱۶:۳۰` shows
//!   as `۱۶:۳۰–۱۴:۰۰` from left to right), as readers of right-to-left text
//!   read a range and as printed Arabic and Persian timetables set it. The
//!   bidi algorithm does this for an en dash (U+2013), a neutral that takes
//!   the paragraph's direction between two numbers; a hyphen-minus between
//!   Latin or Persian digits instead joins them into one left-to-right
//!   number (rule W4), which would put the start on the left. So in
//!   right-to-left text a hyphen between two numbers becomes an en dash,
//!   the range mark typography asks for anyway. Phone numbers and dates
//!   are units and never come here.

use std::sync::LazyLock;

use regex::Regex;

use super::{Run, digits};
use crate::model::{Digits, Direction};

/// The no-break space that binds a count to its word.
pub const NO_BREAK: char = '\u{A0}';

/// A number, then one space, then a letter.
static COUNT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{Nd}) (\p{L})").expect("valid count pattern"));

/// A hyphen between two numbers.
static RANGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{Nd})-(\p{Nd})").expect("valid range pattern"));

/// Running text with its counts bound to their words and, in right-to-left
/// text, its ranges written with an en dash.
pub fn running(text: &str, dir: Direction) -> String {
    let bound = COUNT.replace_all(text, format!("${{1}}{NO_BREAK}${{2}}"));
    match dir {
        Direction::Rtl => RANGE.replace_all(&bound, "${1}\u{2013}${2}").into_owned(),
        Direction::Ltr => bound.into_owned(),
    }
}

/// The hours of an event (`14:00–16:30`) as running text in the edition's
/// digits: set in the paragraph's direction, so in right-to-left editions
/// the start reads first.
pub fn hours(text: &str, digits: Digits) -> Run {
    Run::plain(digits::convert(text, digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the bidi algorithm shows from left to right for `text` set in
    /// a paragraph of direction `dir`.
    fn shown(text: &str, dir: Direction) -> String {
        let level = if dir == Direction::Rtl { unicode_bidi::Level::rtl() } else { unicode_bidi::Level::ltr() };
        let info = unicode_bidi::BidiInfo::new(text, Some(level));
        let paragraph = &info.paragraphs[0];
        info.reorder_line(paragraph, paragraph.range.clone()).into_owned()
    }

    #[test]
    fn counts_stay_with_their_words() {
        let table = [
            ("30 günlük süre", "30\u{A0}günlük süre"),
            ("7 gün 24 saat", "7\u{A0}gün 24\u{A0}saat"),
            ("دورهٔ ۳۰ روزهٔ بهبود", "دورهٔ ۳۰\u{A0}روزهٔ بهبود"),
            ("مدتها 30 يوماً", "مدتها 30\u{A0}يوماً"),
            ("TCK 80. madde, 2026: yeni", "TCK 80. madde, 2026: yeni"),
        ];
        for (text, want) in table {
            assert_eq!(running(text, Direction::Ltr), want, "{text}");
        }
    }

    #[test]
    fn times_follow_the_edition_digits() {
        assert_eq!(hours("14:00–16:30", Digits::Persian), Run::plain("۱۴:۰۰–۱۶:۳۰"));
        assert_eq!(hours("14:00–16:30", Digits::ArabicIndic), Run::plain("١٤:٠٠–١٦:٣٠"));
        assert_eq!(hours("14:00–16:30", Digits::Latin), Run::plain("14:00–16:30"));
        assert_eq!(hours("14:00–16:30", Digits::AsWritten), Run::plain("14:00–16:30"));
        assert!(!hours("14:00", Digits::Latin).is_unit());
    }

    #[test]
    fn ranges_read_start_first_in_the_language_direction() {
        // In right-to-left text the start stands on the right, whatever
        // the digits and whether the translator typed a hyphen or a dash.
        for text in ["۱۴:۰۰–۱۶:۳۰", "14:00-16:30", "۱۴:۰۰-۱۶:۳۰", "١٤:٠٠-١٦:٣٠", "14:00–16:30"] {
            let set = running(text, Direction::Rtl);
            let visual = shown(&set, Direction::Rtl);
            let (left, right) = visual.split_once('\u{2013}').expect("an en dash");
            assert!(right.contains('4') || right.contains('۴') || right.contains('٤'), "{text}: start on the right in {visual}");
            assert!(left.contains('6') || left.contains('۶') || left.contains('٦'), "{text}: end on the left in {visual}");
        }
        // Without the en dash, a hyphen joins Persian digits into one
        // left-to-right number: the start would be on the left.
        assert!(shown("۱۴:۰۰-۱۶:۳۰", Direction::Rtl).starts_with("۱۴"));
        // Left-to-right text keeps what was typed.
        assert_eq!(running("09:00-17:00", Direction::Ltr), "09:00-17:00");
    }
}
