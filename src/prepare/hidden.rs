//! Zero-width characters in numbers and addresses.
//!
//! A zero-width space or a word joiner pasted into `+90 312 123 45 67`
//! looks like nothing, yet it splits the number for kalem's detector and
//! for the phone that dials it: `+90` would land at the far end of the line
//! and the link would dial the rest. kalem finds numbers and addresses as
//! if zero-width characters were not there, removes those that stand inside
//! one, with a warning, and keeps them in running text and names, where a
//! zero-width non-joiner is part of Farsi spelling.

use super::Finding;
use super::bidi::{self, Kind};
use crate::load::invisible::{describe, is_zero_width};
use crate::model::Direction;

/// The pieces of `text` as [`bidi::pieces`] finds them in the text without
/// its zero-width characters; those characters are put back into running
/// text and names and removed from numbers and addresses, each removal a
/// finding.
pub fn pieces(text: &str, dir: Direction, phones: &[String]) -> (Vec<(String, Kind)>, Vec<Finding>) {
    let mut visible = String::with_capacity(text.len());
    let mut hidden: Vec<(usize, char)> = Vec::new();
    for c in text.chars() {
        if is_zero_width(c) {
            hidden.push((visible.len(), c));
        } else {
            visible.push(c);
        }
    }
    let mut out = Vec::new();
    let mut findings = Vec::new();
    let mut next = 0;
    let mut start = 0;
    for piece in bidi::pieces(&visible, dir, phones) {
        let end = start + piece.text.len();
        let keeps = matches!(piece.kind, Kind::Text | Kind::Latin);
        let mut kept = String::with_capacity(piece.text.len());
        let mut cursor = start;
        while let Some(&(at, c)) = hidden.get(next).filter(|(at, _)| *at < end || (keeps && *at == end)) {
            if keeps {
                kept.push_str(&visible[cursor..at]);
                kept.push(c);
                cursor = at;
            } else {
                findings.push(removed(c, piece.kind, piece.text));
            }
            next += 1;
        }
        kept.push_str(&visible[cursor..end]);
        out.push((kept, piece.kind));
        start = end;
    }
    if let Some((last, kind)) = out.last() {
        findings.extend(hidden[next..].iter().map(|&(_, c)| removed(c, *kind, last)));
    }
    (out, findings)
}

/// The finding for a zero-width character removed from `text`.
fn removed(c: char, kind: Kind, text: &str) -> Finding {
    Finding {
        message: format!("invisible {} in the {} «{text}» removed", describe(c), kind.noun()),
        hint: "delete the invisible character from the translation (it was pasted with the text); kalem prints and links the number without it".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> (Vec<(String, Kind)>, Vec<String>) {
        let (pieces, findings) = pieces(text, Direction::Rtl, &["157".to_string()]);
        (pieces.into_iter().filter(|(_, k)| k.is_unit()).collect(), findings.into_iter().map(|f| f.message).collect())
    }

    #[test]
    fn a_zero_width_space_inside_a_number_is_removed_with_a_warning() {
        let (units, findings) = found("اتصل بالرقم +90\u{200B} 312 123 45 67 الآن");
        assert_eq!(units, vec![("+90 312 123 45 67".to_string(), Kind::Phone)]);
        assert_eq!(findings, vec!["invisible U+200B ZERO WIDTH SPACE in the phone number «+90 312 123 45 67» removed"]);
        let (units, findings) = found("زوروا www.\u{2060}goc.gov.tr أو 15\u{AD}7");
        assert_eq!(units, vec![("www.goc.gov.tr".to_string(), Kind::Url), ("157".to_string(), Kind::Phone)]);
        assert_eq!(findings.len(), 2);
    }

    #[test]
    fn zero_width_non_joiners_stay_in_words() {
        let text = "می‌توانید با 157 تماس بگیرید و اطلاعات بیشتر را از YİMER‌ها بخواهید";
        let (pieces, findings) = pieces(text, Direction::Rtl, &["157".to_string()]);
        assert!(findings.is_empty());
        assert_eq!(pieces.iter().map(|(t, _)| t.as_str()).collect::<String>(), text);
    }
}
