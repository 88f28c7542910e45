//! Digits of running text: Latin `0123456789`, Arabic-Indic `٠١٢٣٤٥٦٧٨٩` or
//! Persian `۰۱۲۳۴۵۶۷۸۹`, as `kalem.yaml` sets per language. Any of the three
//! written in a translation becomes the language's choice, so a Farsi text
//! typed with Arabic-Indic ٤٥٦ (which look different) comes out right.
//! Phone numbers and addresses are never passed through here.

use crate::model::Digits;

/// The value of a decimal digit in any of the three sets.
fn value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6F0}'..='\u{6F9}' => Some(c as u32 - 0x6F0),
        _ => None,
    }
}

/// The digit `v` (0–9) in the set `digits`.
fn digit(v: u32, digits: Digits) -> char {
    let zero = match digits {
        Digits::Latin => '0' as u32,
        Digits::ArabicIndic => 0x660,
        Digits::Persian => 0x6F0,
    };
    char::from_u32(zero + v).unwrap_or('?')
}

/// `text` with every decimal digit written in `digits`.
pub fn convert(text: &str, digits: Digits) -> String {
    text.chars().map(|c| value(c).map_or(c, |v| digit(v, digits))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_between_the_three_sets() {
        let table = [
            ("30 gün", Digits::Latin, "30 gün"),
            ("مدتها 30 يوماً", Digits::ArabicIndic, "مدتها ٣٠ يوماً"),
            ("دورهٔ 30 روزه", Digits::Persian, "دورهٔ ۳۰ روزه"),
            ("۴۵۶ و ٤٥٦", Digits::Persian, "۴۵۶ و ۴۵۶"),
            ("۱۲ و ١٢", Digits::Latin, "12 و 12"),
            ("0123456789", Digits::ArabicIndic, "٠١٢٣٤٥٦٧٨٩"),
        ];
        for (text, digits, want) in table {
            assert_eq!(convert(text, digits), want, "{text} → {digits:?}");
        }
    }
}
