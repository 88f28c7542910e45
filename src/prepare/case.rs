//! Letter case with the language's rules, done in Rust: typst's `upper()`
//! turns Turkish `istanbul` into `ISTANBUL` and `lower("İ")` into `i̇`.
//! icu_casemap knows that Turkish pairs i with İ and ı with I.

use icu_casemap::CaseMapper;
use icu_casemap::options::{LeadingAdjustment, TitlecaseOptions, TrailingCase};
use icu_locale_core::LanguageIdentifier;
use unicode_normalization::UnicodeNormalization;

use crate::model::Case;

/// `text` in `case`, with the rules of language `lang` (a code such as `tr`;
/// an unknown code gets the rules shared by all languages).
///
/// Title case capitalises the first letter of every word and leaves the rest
/// as written, so acronyms such as `YİMER` survive.
pub fn apply(text: &str, case: Case, lang: &str) -> String {
    let langid: LanguageIdentifier = lang.parse().unwrap_or(LanguageIdentifier::UNKNOWN);
    let mapper = CaseMapper::new();
    let cased = match case {
        Case::Upper => mapper.uppercase_to_string(text, &langid).into_owned(),
        Case::Lower => mapper.lowercase_to_string(text, &langid).into_owned(),
        Case::Title => {
            let mut options = TitlecaseOptions::default();
            options.trailing_case = Some(TrailingCase::Unchanged);
            options.leading_adjustment = Some(LeadingAdjustment::ToCased);
            text.split_inclusive(char::is_whitespace)
                .map(|word| mapper.titlecase_segment_with_only_case_data_to_string(word, &langid, options))
                .collect()
        }
    };
    // Case mappings can decompose (ǰ → J + caron); keep the text in NFC.
    cased.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_of_each_language() {
        let table = [
            ("İnsan ticareti ıslah istanbul", Case::Upper, "tr", "İNSAN TİCARETİ ISLAH İSTANBUL"),
            ("IŞIK İZMİR", Case::Lower, "tr", "ışık izmir"),
            ("istanbul'da ışık", Case::Title, "tr", "İstanbul'da Işık"),
            ("YİMER bilgi hattı", Case::Title, "tr", "YİMER Bilgi Hattı"),
            ("istanbul", Case::Upper, "ar", "ISTANBUL"),
            ("معاً ضد الاتجار", Case::Upper, "ar", "معاً ضد الاتجار"),
            ("Göç İdaresi", Case::Upper, "xx-invalid-", "GÖÇ İDARESI"),
            // Azerbaijani pairs i with İ as Turkish does, with a script or
            // region subtag too; English and Russian pair i with I.
            ("istanbul ıslaq", Case::Upper, "az", "İSTANBUL ISLAQ"),
            ("istanbul", Case::Upper, "az-Latn-AZ", "İSTANBUL"),
            ("IŞIQ", Case::Lower, "az", "ışıq"),
            ("istanbul victims", Case::Upper, "en", "ISTANBUL VICTIMS"),
            ("IRAQ", Case::Lower, "en-GB", "iraq"),
            ("human trafficking", Case::Title, "en", "Human Trafficking"),
            ("вместе против торговли людьми, ёж", Case::Upper, "ru", "ВМЕСТЕ ПРОТИВ ТОРГОВЛИ ЛЮДЬМИ, ЁЖ"),
            ("ВМЕСТЕ ПРОТИВ", Case::Lower, "ru", "вместе против"),
            ("помощь по линии YİMER", Case::Title, "ru", "Помощь По Линии YİMER"),
            ("україна і світ", Case::Upper, "uk", "УКРАЇНА І СВІТ"),
        ];
        for (text, case, lang, want) in table {
            assert_eq!(apply(text, case, lang), want, "{text} {case:?} {lang}");
        }
    }
}
