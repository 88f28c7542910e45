//! Separator dots (`Ücretsiz · 7/24 · Arapça ve Farsça da`) as a
//! typesetter sets them: the dot stays at the end of the line it follows,
//! so no line starts with a dot. The space before it becomes a no-break
//! space. Beside Persian or Arabic-Indic digits, whose zero is a dot, a
//! separator dot reads as a zero ([`zero_like`]).

use super::Finding;
use super::numbers::NO_BREAK;

/// Separators that end a line rather than start one.
const DOTS: &[char] = &['·', '•', '|', '–', '—'];

/// Running text with the space before each separator dot unbreakable.
pub fn bind(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let before_dot = c == ' ' && chars.peek().is_some_and(|next| DOTS.contains(next));
        out.push(if before_dot { NO_BREAK } else { c });
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
    fn a_separator_dot_stays_with_the_word_before_it() {
        assert_eq!(bind("رایگان · شبانه‌روزی · به فارسی هم"), "رایگان\u{A0}· شبانه‌روزی\u{A0}· به فارسی هم");
        assert_eq!(bind("Ücretsiz · 7/24"), "Ücretsiz\u{A0}· 7/24");
        assert_eq!(bind("Bilgi: bir iki"), "Bilgi: bir iki");
    }
}
