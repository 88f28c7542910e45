//! Separators as a typesetter sets them. A separator dot (`Ücretsiz ·
//! 7/24 · Arapça ve Farsça da`) sticks to what follows it, so no line
//! ends with a dot hanging after its words: the space after the dot
//! becomes a no-break space. A spaced dash stays at the end of the line it
//! follows, as Turkish and English print set it: the space before it
//! becomes a no-break space. Beside Persian or Arabic-Indic digits, whose
//! zero is a dot, a separator dot reads as a zero ([`zero_like`]).

use super::Finding;
use super::numbers::NO_BREAK;

/// Separators that start a line rather than end one.
const DOTS: &[char] = &['·', '•', '|'];
/// Separators that end a line rather than start one.
const DASHES: &[char] = &['–', '—'];

/// Running text with the space after each separator dot, and before each
/// spaced dash, unbreakable.
pub fn bind(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let after_dot = previous.is_some_and(|p| DOTS.contains(&p));
        let before_dash = chars.peek().is_some_and(|next| DASHES.contains(next));
        out.push(if c == ' ' && (after_dot || before_dash) { NO_BREAK } else { c });
        previous = Some(c);
    }
    out
}

/// Whether a digit draws its zero as a dot: Persian `۰` and Arabic-Indic `٠`.
fn dotted_digit(c: char) -> bool {
    matches!(c, '\u{660}'..='\u{669}' | '\u{6F0}'..='\u{6F9}')
}

/// A middle dot beside Persian or Arabic-Indic digits reads as their zero,
/// which is a dot: `۲۴ · ساعته` looks like `۲۴۰ ساعته`, 240 hours.
pub fn zero_like(text: &str) -> Option<Finding> {
    let chars: Vec<char> = text.chars().collect();
    let digits_beside = |i: usize| {
        let before = chars[..i].iter().rev().find(|c| !c.is_whitespace()).copied();
        let after = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
        [before, after].into_iter().flatten().find(|c| dotted_digit(*c))
    };
    let at = chars.iter().enumerate().find(|(i, c)| **c == '·' && digits_beside(*i).is_some())?.0;
    let number: String = chars.iter().skip_while(|c| !dotted_digit(**c)).take_while(|c| dotted_digit(**c)).collect();
    let start = at.saturating_sub(12);
    let shown: String = chars[start..(at + 12).min(chars.len())].iter().collect();
    Some(Finding {
        message: format!("the separator dot · beside the number {number} reads as its zero ۰ («{}»)", shown.trim()),
        hint: "keep the dot away from digits (put a word next to the number), or use another separator such as `،` or `|`".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dot_beside_dotted_zeros_is_found() {
        assert!(zero_like("رایگان · ۲۴ ساعته · به پنج زبان").is_some_and(|f| f.message.contains("number ۲۴")));
        assert!(zero_like("مجاناً · ٢٤ ساعة").is_some());
        assert!(zero_like("رایگان · شبانه‌روزی · هر ۲۴ ساعت").is_none());
        assert!(zero_like("Ücretsiz · 7/24").is_none());
    }

    #[test]
    fn a_separator_dot_sticks_to_what_follows_and_a_dash_to_what_precedes() {
        assert_eq!(bind("رایگان · شبانه‌روزی · به فارسی هم"), "رایگان ·\u{A0}شبانه‌روزی ·\u{A0}به فارسی هم");
        assert_eq!(bind("Ücretsiz · 7/24"), "Ücretsiz ·\u{A0}7/24");
        assert_eq!(bind("Bilgi: bir iki"), "Bilgi: bir iki");
        assert_eq!(bind("YİMER — ücretsiz"), "YİMER\u{A0}— ücretsiz");
    }
}
