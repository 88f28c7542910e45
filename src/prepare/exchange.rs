//! Checks of a translation that comes back from a translator's tool,
//! against its source text, before it may replace what is in the
//! translation file: the phone numbers, e-mail and web addresses of the
//! source must be the ones of the translation (what is dialled and
//! opened, whatever digits or spacing are written), a number the source
//! does not have is a typo, direction controls are refused, and emphasis
//! must pair up on whole words.

use super::Finding;
use super::bidi::{Kind, pieces};
use super::emphasis;
use super::link::{ascii_digit, target};
use crate::load::invisible::{describe, is_bidi_control};
use crate::model::Direction;

/// The phone numbers, e-mail and web addresses of `text`, as written, in
/// order: what a translator must keep.
pub fn kept(text: &str, dir: Direction, phones: &[String]) -> Vec<String> {
    pieces(text, dir, phones).into_iter().filter(|p| matches!(p.kind, Kind::Phone | Kind::Email | Kind::Url)).map(|p| p.text.trim().to_string()).collect()
}

/// What is wrong with `translation` (in a language written in `dir`) as
/// a translation of `source` (written left to right).
pub fn check(source: &str, translation: &str, dir: Direction, phones: &[String]) -> Vec<Finding> {
    let mut found = Vec::new();
    if let Some(c) = translation.chars().find(|c| is_bidi_control(*c)) {
        found.push(Finding {
            message: format!("the translation holds the direction control {}", describe(c)),
            hint: "remove it: kalem sets numbers and addresses left to right itself, and a control can make a printed number read differently from the one dialled".into(),
        });
    }
    let (want, got) = (targets(source, Direction::Ltr, phones), targets(translation, dir, phones));
    if want != got {
        found.push(Finding {
            message: format!("the numbers and addresses differ from the source: it has {}, the translation {}", list(&want), list(&got)),
            hint: "write every phone number, e-mail and web address exactly as the source does".into(),
        });
    }
    let known = numbers(source, Direction::Ltr, phones);
    let extra: Vec<String> = numbers(translation, dir, phones).into_iter().filter(|n| !known.contains(n)).collect();
    if !extra.is_empty() {
        found.push(Finding {
            message: format!("the translation has the number(s) {} that the source does not have", extra.join(", ")),
            hint: "check the digits against the source: a count, a date or a time written differently is a typo".into(),
        });
    }
    found.extend(emphasis::parse(translation).1);
    found
}

/// What the phone numbers, e-mail and web addresses of `text` dial or
/// open, sorted.
fn targets(text: &str, dir: Direction, phones: &[String]) -> Vec<String> {
    let mut out: Vec<String> = pieces(text, dir, phones).into_iter().filter_map(|p| target(p.kind, p.text)).map(|t| t.to_lowercase()).collect();
    out.sort();
    out
}

/// The other numbers of `text` (counts, dates, times), in ASCII digits.
fn numbers(text: &str, dir: Direction, phones: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for piece in pieces(text, dir, phones).into_iter().filter(|p| matches!(p.kind, Kind::Text | Kind::Date | Kind::Latin)) {
        let mut current = String::new();
        for c in piece.text.chars().chain(std::iter::once(' ')) {
            match ascii_digit(c) {
                Some(d) => current.push(d),
                None if !current.is_empty() => out.push(std::mem::take(&mut current)),
                None => {}
            }
        }
    }
    out
}

/// `[a, b]` as `a, b`, or `none`.
fn list(items: &[String]) -> String {
    if items.is_empty() { "none".into() } else { items.iter().map(|i| i.trim_start_matches("tel:").trim_start_matches("mailto:").trim_start_matches("https://")).collect::<Vec<_>>().join(", ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(source: &str, translation: &str) -> Vec<String> {
        check(source, translation, Direction::Rtl, &["157".into(), "112".into()]).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn a_faithful_translation_passes_whatever_digits_and_spaces_it_writes() {
        assert!(problems("157'yi arayın: ücretsiz, 7 gün 24 saat.", "اتصل بالرقم 157: مجاناً، على مدار الساعة.").is_empty());
        assert!(problems("Bilgi: www.goc.gov.tr, +90 342 215 10 10", "معلومات: www.goc.gov.tr و\u{a0}+90 342 215 10 10").is_empty());
        assert!(problems("30 günlük süre", "مهلة ۳۰ يوماً").is_empty());
        assert_eq!(kept("157'yi ya da 112'yi arayın; www.goc.gov.tr", Direction::Ltr, &["157".into(), "112".into()]), ["157", "112", "www.goc.gov.tr"]);
    }

    #[test]
    fn changed_numbers_controls_and_split_emphasis_are_found() {
        let found = problems("157'yi arayın", "اتصل بالرقم 175");
        assert!(found[0].contains("it has 157, the translation none"), "{found:?}");
        assert!(found[1].contains("the number(s) 175 that the source does not have"), "{found:?}");
        assert!(problems("30 günlük süre", "مهلة 31 يوماً")[0].contains("the number(s) 31"));
        assert!(problems("157", "\u{202e}157")[0].contains("U+202E"));
        assert!(problems("**157** arayın", "اتصل بـ**157").iter().any(|m| m.contains("without its pair")));
    }
}
