//! Which script a character belongs to, for the checks that need it.

/// Whether `c` is a letter or mark of the Arabic script (Arabic, Farsi);
/// Arabic-Indic and Persian digits are not letters.
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}' | '\u{8A0}'..='\u{8FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && !matches!(c, '\u{660}'..='\u{669}' | '\u{6F0}'..='\u{6F9}')
}

/// Whether `c` is an Arabic combining mark: harakat, tanwin, shadda, sukun,
/// superscript alef and the Quranic marks.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{6D6}'..='\u{6DC}' | '\u{6DF}'..='\u{6E4}' | '\u{6E7}' | '\u{6E8}' | '\u{6EA}'..='\u{6ED}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_marks_and_digits() {
        assert!(is_arabic('ب') && is_arabic('ی') && is_arabic('\u{64E}'));
        assert!(!is_arabic('٣') && !is_arabic('۳') && !is_arabic('b'));
        assert!(is_arabic_mark('\u{64B}') && is_arabic_mark('\u{651}') && !is_arabic_mark('ا'));
    }
}
