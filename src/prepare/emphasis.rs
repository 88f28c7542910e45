//! Emphasis in translations: text between `**` pairs is set in bold, as in
//! `Call **157** for free`. In Arabic and Farsi, emphasis must cover whole
//! words: a weight change inside a word breaks the joining of its letters
//! (typst issue 7955), so kalem refuses such a pair, sets the text plain and
//! warns. A lone `**` is printed as written, with a warning.

use super::Finding;
use super::script::{is_arabic, is_arabic_mark};

/// A stretch of text with or without emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text, without the markers.
    pub text: String,
    /// Set in bold.
    pub strong: bool,
}

/// The marker that opens and closes emphasis.
const MARKER: &str = "**";

/// Splits `text` at its emphasis markers.
pub fn parse(text: &str) -> (Vec<Segment>, Vec<Finding>) {
    let parts: Vec<&str> = text.split(MARKER).collect();
    if parts.len() == 1 {
        return (vec![Segment { text: text.to_string(), strong: false }], Vec::new());
    }
    if parts.len().is_multiple_of(2) {
        let finding = Finding {
            message: format!("`{MARKER}` without its pair; it is printed as written"),
            hint: format!("close the emphasis with a second `{MARKER}`, e.g. `{MARKER}157{MARKER}`"),
        };
        return (vec![Segment { text: text.to_string(), strong: false }], vec![finding]);
    }
    let mut findings = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let mut strong = i % 2 == 1;
        if strong {
            let before = parts[i - 1].chars().next_back();
            let after = parts[i + 1].chars().next();
            let inner = (part.chars().next(), part.chars().next_back());
            if joins(before, inner.0) || joins(inner.1, after) {
                let word = format!("{}{MARKER}{part}{MARKER}{}", last_word(parts[i - 1]), first_word(parts[i + 1]));
                findings.push(Finding {
                    message: format!("emphasis `{word}` splits an Arabic-script word, which breaks the joining of its letters; it is set without emphasis"),
                    hint: format!("put `{MARKER}` around whole words only"),
                });
                strong = false;
            }
        }
        match segments.last_mut() {
            Some(last) if last.strong == strong => last.text.push_str(part),
            _ if part.is_empty() => {}
            _ => segments.push(Segment { text: part.to_string(), strong }),
        }
    }
    (segments, findings)
}

/// Whether two neighbouring characters are inside one Arabic-script word.
fn joins(a: Option<char>, b: Option<char>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let letter = |c: char| c.is_alphanumeric() || is_arabic_mark(c);
    letter(a) && letter(b) && (is_arabic(a) || is_arabic(b))
}

fn last_word(text: &str) -> &str {
    text.rsplit(char::is_whitespace).next().unwrap_or("")
}

fn first_word(text: &str) -> &str {
    text.split(char::is_whitespace).next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strong(text: &str) -> (Vec<(String, bool)>, usize) {
        let (segments, findings) = parse(text);
        (segments.into_iter().map(|s| (s.text, s.strong)).collect(), findings.len())
    }

    #[test]
    fn whole_words_are_emphasised() {
        let table: &[(&str, &[(&str, bool)])] = &[
            ("no markers", &[("no markers", false)]),
            ("**157**'yi arayın", &[("157", true), ("'yi arayın", false)]),
            ("اتصل بالرقم **157** الآن", &[("اتصل بالرقم ", false), ("157", true), (" الآن", false)]),
            ("**مهم:** اتصل", &[("مهم:", true), (" اتصل", false)]),
            ("با **۱۵۷** تماس بگیرید", &[("با ", false), ("۱۵۷", true), (" تماس بگیرید", false)]),
        ];
        for (text, want) in table {
            let want: Vec<(String, bool)> = want.iter().map(|(t, s)| (t.to_string(), *s)).collect();
            assert_eq!(strong(text), (want, 0), "{text}");
        }
    }

    #[test]
    fn emphasis_inside_an_arabic_word_is_refused() {
        let (segments, findings) = parse("ال**كتاب** مفيد");
        assert_eq!(segments, vec![Segment { text: "الكتاب مفيد".into(), strong: false }]);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("ال**كتاب**"), "{}", findings[0].message);
        // After a zero-width non-joiner the letters do not join anyway.
        assert_eq!(strong("می‌**خواهم**").1, 0);
    }

    #[test]
    fn emphasis_inside_a_latin_word_is_allowed() {
        assert_eq!(strong("Çağrı**lar** ücretsiz").1, 0);
    }

    #[test]
    fn a_lone_marker_is_printed_as_written() {
        assert_eq!(strong("5 ** 2"), (vec![("5 ** 2".to_string(), false)], 1));
    }
}
