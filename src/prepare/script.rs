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

/// The script of a letter, by its block, for naming the fonts that have
/// it; none for punctuation, symbols and scripts kalem does not name.
pub fn name(c: char) -> Option<&'static str> {
    Some(match c {
        'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => "Latin",
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => "Greek",
        '\u{400}'..='\u{52F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}' => "Cyrillic",
        '\u{530}'..='\u{58F}' => "Armenian",
        '\u{590}'..='\u{5FF}' => "Hebrew",
        _ if is_arabic(c) => "Arabic",
        '\u{900}'..='\u{97F}' => "Devanagari",
        '\u{10A0}'..='\u{10FF}' => "Georgian",
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' => "Chinese, Japanese or Korean",
        _ => return None,
    })
}

/// The ISO 15924 code of the script of a letter (`Latn`, `Arab`, …), as
/// a language's locale names its script; none where [`name`] has none.
pub fn iso15924(c: char) -> Option<&'static str> {
    Some(match name(c)? {
        "Latin" => "Latn",
        "Greek" => "Grek",
        "Cyrillic" => "Cyrl",
        "Armenian" => "Armn",
        "Hebrew" => "Hebr",
        "Arabic" => "Arab",
        "Devanagari" => "Deva",
        "Georgian" => "Geor",
        _ => return None,
    })
}

/// An open-licence font family that covers a script named by [`name`],
/// and what else to know of it, as a hint names them.
pub fn font(script: &str) -> (&'static str, &'static str) {
    match script {
        "Latin" | "Greek" | "Cyrillic" => ("Noto Sans", "OFL; Latin, Greek and Cyrillic"),
        "Arabic" => ("Noto Naskh Arabic", "OFL; Vazirmatn for Persian"),
        "Armenian" => ("Noto Sans Armenian", "OFL"),
        "Hebrew" => ("Noto Sans Hebrew", "OFL"),
        "Devanagari" => ("Noto Sans Devanagari", "OFL"),
        "Georgian" => ("Noto Sans Georgian", "OFL"),
        _ => ("Noto Sans CJK", "OFL"),
    }
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

    #[test]
    fn scripts_by_letter() {
        assert_eq!([name('ж'), name('ğ'), name('پ'), name('ω'), name('1')], [Some("Cyrillic"), Some("Latin"), Some("Arabic"), Some("Greek"), None]);
        assert_eq!([iso15924('ğ'), iso15924('پ'), iso15924('ж'), iso15924('1')], [Some("Latn"), Some("Arab"), Some("Cyrl"), None]);
    }
}
