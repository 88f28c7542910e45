//! Left-to-right stretches inside right-to-left text, as the Unicode bidi
//! algorithm reads them.
//!
//! kalem sets each unit ([`super::bidi`]) in a left-to-right box, and a box
//! is a neutral to the paragraph around it: two units with a space between
//! them stand in the paragraph's order, so in Arabic `خط YİMER 157` would
//! show `157 YİMER`. The bidi algorithm instead reads `YİMER 157` as one
//! left-to-right stretch: after a left-to-right letter, European digits are
//! left to right (rule W7) and so are the neutrals between them (N1). This
//! module marks a unit that the algorithm would join to the unit before it,
//! and the neutral text between them, as [`Run::joined`]; the template sets
//! a unit and the runs joined to it in one box. A number before a name
//! (`157 YİMER`) is not joined: the number takes the paragraph's direction
//! there, as it does in every browser.

use unicode_bidi::{BidiClass, bidi_class};

use super::Run;

/// Marks every run that the bidi algorithm reads in one left-to-right
/// stretch with the unit before it. Only for right-to-left paragraphs.
pub fn join(runs: &mut [Run]) {
    // Whether the open stretch holds a left-to-right letter, which makes
    // the digits and neutrals after it left to right.
    let mut has_letter = false;
    let mut last_unit: Option<usize> = None;
    for i in 0..runs.len() {
        if !runs[i].is_unit() {
            continue;
        }
        let joins = last_unit.is_some_and(|u| {
            has_letter && runs[u + 1..i].iter().all(|r| is_neutral(&r.text)) && !starts_arabic_number(&runs[i].text)
        });
        if joins {
            let start = last_unit.map_or(i, |u| u + 1);
            runs[start..=i].iter_mut().for_each(|r| r.joined = true);
        } else {
            has_letter = false;
        }
        has_letter |= runs[i].text.chars().any(|c| bidi_class(c) == BidiClass::L);
        last_unit = Some(i);
    }
}

/// Text that takes its direction from its neighbours: spaces and
/// punctuation, no letters and no digits.
fn is_neutral(text: &str) -> bool {
    text.chars().all(|c| neutral(bidi_class(c)))
}

/// Spaces, separators, terminators and other neutrals.
fn neutral(class: BidiClass) -> bool {
    matches!(class, BidiClass::WS | BidiClass::CS | BidiClass::ES | BidiClass::ET | BidiClass::ON | BidiClass::BN)
}

/// Whether the first digit or letter is an Arabic-Indic digit, which stays
/// an Arabic number after a left-to-right letter and so is not joined.
fn starts_arabic_number(text: &str) -> bool {
    text.chars().map(bidi_class).find(|&class| !neutral(class)) == Some(BidiClass::AN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::Kind;

    /// The runs as text, with `|` before a run that starts a new box or
    /// stretch and `+` before one joined to the unit before it.
    fn joined(runs: &[Run]) -> String {
        let mut runs = runs.to_vec();
        join(&mut runs);
        runs.iter().map(|r| format!("{}{}", if r.joined { "+" } else { "|" }, r.text)).collect()
    }

    #[test]
    fn a_name_and_its_number_read_as_one_stretch() {
        let runs = [Run::plain("خط "), Run::of(Kind::Latin, "YİMER"), Run::plain(" "), Run::of(Kind::Phone, "157"), Run::plain(" مجاني")];
        assert_eq!(joined(&runs), "|خط |YİMER+ +157| مجاني");
        let runs = [Run::of(Kind::Latin, "Göç İdaresi"), Run::plain(": "), Run::of(Kind::Phone, "157"), Run::plain(" "), Run::of(Kind::Phone, "+90 312 123 45 67")];
        assert_eq!(joined(&runs), "|Göç İdaresi+: +157+ ++90 312 123 45 67");
    }

    #[test]
    fn numbers_without_a_letter_before_them_stand_apart() {
        let runs = [Run::of(Kind::Phone, "157"), Run::plain(" "), Run::of(Kind::Latin, "YİMER")];
        assert_eq!(joined(&runs), "|157| |YİMER");
        let runs = [Run::of(Kind::Phone, "157"), Run::plain(" "), Run::of(Kind::Phone, "112")];
        assert_eq!(joined(&runs), "|157| |112");
    }

    #[test]
    fn letters_and_arabic_numbers_between_units_keep_them_apart() {
        let runs = [Run::of(Kind::Latin, "YİMER"), Run::plain(" و "), Run::of(Kind::Phone, "157")];
        assert_eq!(joined(&runs), "|YİMER| و |157");
        let runs = [Run::of(Kind::Latin, "YİMER"), Run::plain(" "), Run::of(Kind::Phone, "١٥٧")];
        assert_eq!(joined(&runs), "|YİMER| |١٥٧");
    }
}
