//! Separator dots (`Ücretsiz · 7/24 · Arapça ve Farsça da`) as a
//! typesetter sets them: the dot stays at the end of the line it follows,
//! so no line starts with a dot. The space before it becomes a no-break
//! space.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_separator_dot_stays_with_the_word_before_it() {
        assert_eq!(bind("رایگان · شبانه‌روزی · به فارسی هم"), "رایگان\u{A0}· شبانه‌روزی\u{A0}· به فارسی هم");
        assert_eq!(bind("Ücretsiz · 7/24"), "Ücretsiz\u{A0}· 7/24");
        assert_eq!(bind("Bilgi: bir iki"), "Bilgi: bir iki");
    }
}
