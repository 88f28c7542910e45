//! Characters a reader cannot see: the bidi controls, which change the
//! order in which text is shown, and the zero-width characters, which
//! split a number or an address for a machine while it looks whole.
//! Their Unicode names are what kalem's messages call them.

/// The bidi controls: embeddings, overrides, isolates and marks.
const BIDI_CONTROLS: &[(char, &str)] = &[
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{061C}', "ARABIC LETTER MARK"),
];

/// Characters of no width: legitimate between letters (a zero-width
/// non-joiner in Farsi, a soft hyphen in a long word), never inside a
/// number or an address.
const ZERO_WIDTH: &[(char, &str)] = &[
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
    ('\u{00AD}', "SOFT HYPHEN"),
];

/// Whether `c` is a bidi control.
pub fn is_bidi_control(c: char) -> bool {
    BIDI_CONTROLS.iter().any(|(k, _)| *k == c)
}

/// Whether `c` is a zero-width character.
pub fn is_zero_width(c: char) -> bool {
    ZERO_WIDTH.iter().any(|(k, _)| *k == c)
}

/// Whether `c` is a Unicode default-ignorable code point: drawn as
/// nothing by every font (joiners, variation selectors, fillers, tags).
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// `c` as messages name it: `U+202E RIGHT-TO-LEFT OVERRIDE`.
pub fn describe(c: char) -> String {
    let name = BIDI_CONTROLS.iter().chain(ZERO_WIDTH).find(|(k, _)| *k == c).map(|(_, n)| *n);
    match name {
        Some(name) => format!("U+{:04X} {name}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_named_as_unicode_names_them() {
        assert_eq!(describe('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe('\u{AD}'), "U+00AD SOFT HYPHEN");
        assert!(is_bidi_control('\u{061C}') && !is_bidi_control('\u{200C}'));
        assert!(is_zero_width('\u{200B}') && !is_zero_width(' '));
        assert!(ZERO_WIDTH.iter().chain(BIDI_CONTROLS).all(|(c, _)| is_default_ignorable(*c)));
        assert!(is_default_ignorable('\u{34F}') && is_default_ignorable('\u{E0020}') && !is_default_ignorable('a') && !is_default_ignorable('\u{301}'));
    }
}
