//! Words that stay on one line, tied by a no-break space (U+00A0) as a
//! typesetter ties them, so that every renderer (typst, a browser) keeps
//! them together:
//!
//! - a word before a phone number that names it (`YİMER 157`, `ALO 183`,
//!   `بالرقم 157`, `شمارهٔ 157`) stays with it: an acronym, or a word for
//!   "number" or "line" of the language ([`name_numbers`]); a verb before
//!   the number (`şüpheleniyorsanız 157'yi`) does not;
//! - the last word of a string never stands alone on the last line of a
//!   heading, a paragraph, a list item or a call to action: it is tied to
//!   the word before it ([`last_word`]); not in table cells
//!   ([`super::Lines`]).
//!
//! A count and its word (`7 gün`, `24 saat`) are tied in
//! [`super::numbers`]; `7/24` has no break opportunity of its own. A
//! translator ties any other phrase (`على مدار الساعة`) by typing no-break
//! spaces between its words, which kalem keeps. In the PDF text layer a
//! no-break space copies as a space.

use super::Run;
use super::numbers::NO_BREAK;

/// The longest pair of words, in characters, tied at the end of a string:
/// a longer pair could be wider than a narrow column, where a lone last
/// word is the lesser fault (the template unties a pair wider than its
/// column: `untied-if-wider` in `blocks.typ`).
const LONGEST_TIED_END: usize = 22;

/// Words for a phone number or line, per language, as they stand before
/// the number (Arabic and Farsi with the prefixes and endings they take).
const NUMBER_WORDS: &[(&str, &[&str])] = &[
    ("tr", &["hat", "hattı", "numara", "numarası", "numaralı", "telefon"]),
    ("en", &["line", "number", "hotline", "phone"]),
    ("ar", &["رقم", "الرقم", "بالرقم", "للرقم", "وبالرقم", "والرقم", "خط", "الخط", "بخط", "وبخط", "لخط", "هاتف", "الهاتف"]),
    ("fa", &["شماره", "شمارهٔ", "شماره\u{200C}ی", "خط", "تلفن"]),
];

/// Whether `word` names the phone number after it in language `lang`: an
/// acronym (`ALO`, `YİMER`) or a word for "number" or "line".
fn names_number(word: &str, lang: &str) -> bool {
    let acronym = word.chars().count() > 1 && word.chars().all(|c| c.is_uppercase());
    let primary = lang.split('-').next().unwrap_or(lang);
    let lower = word.to_lowercase();
    acronym || NUMBER_WORDS.iter().any(|(l, words)| *l == primary && words.contains(&lower.as_str()))
}

/// Ties the word before each phone number to it when it names the number;
/// in right-to-left text the number may stand in one stretch with a name
/// before it (`YİMER 157`, [`super::groups`]), and the word before that
/// stretch is tied.
pub fn name_numbers(runs: &mut [Run], lang: &str) {
    for i in 0..runs.len() {
        if runs[i].kind != super::Kind::Phone {
            continue;
        }
        let start = (0..=i).rev().find(|&j| !runs[j].joined).unwrap_or(0);
        if let Some(before) = start.checked_sub(1).map(|j| &mut runs[j]).filter(|r| !r.is_unit()) {
            let Some(spaced) = before.text.strip_suffix(' ') else { continue };
            let word = spaced.rsplit([' ', NO_BREAK]).next().unwrap_or("");
            if names_number(word, lang) {
                before.text.pop();
                before.text.push(NO_BREAK);
            }
        }
    }
}

/// Ties the last word of a string to the word before it, when the string
/// has at least three words (so that it can still break) and the two last
/// words are short enough to share a line of any column.
pub fn last_word(runs: &mut [Run]) {
    // Every ordinary space of running text between words: (run, byte).
    let mut spaces: Vec<(usize, usize)> = Vec::new();
    let mut seen_word = false;
    for (i, run) in runs.iter().enumerate() {
        if run.is_unit() {
            seen_word = true;
            continue;
        }
        for (at, c) in run.text.char_indices() {
            if c == ' ' && seen_word {
                spaces.push((i, at));
            }
            seen_word |= !c.is_whitespace();
        }
    }
    // Spaces after the last word do not separate words.
    while spaces.last().is_some_and(|&(i, at)| tail(runs, i, at + 1).trim().is_empty()) {
        spaces.pop();
    }
    if spaces.len() < 2 {
        return;
    }
    let (i, at) = spaces[spaces.len() - 1];
    let (pi, pat) = spaces[spaces.len() - 2];
    if tail(runs, pi, pat + 1).trim().chars().filter(|&c| takes_space(c)).count() <= LONGEST_TIED_END {
        runs[i].text.replace_range(at..at + 1, &NO_BREAK.to_string());
    }
}

/// Whether `c` takes a place on the line of its own: not a joiner or
/// non-joiner (U+200C, U+200D) and not an Arabic mark set on its letter.
fn takes_space(c: char) -> bool {
    !matches!(c, '\u{200C}' | '\u{200D}' | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{6D6}'..='\u{6ED}')
}

/// The text of `runs` from byte `at` of run `i` to the end.
fn tail(runs: &[Run], i: usize, at: usize) -> String {
    let mut text = runs[i].text[at..].to_string();
    runs[i + 1..].iter().for_each(|r| text.push_str(&r.text));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::Kind;

    fn shown(runs: &[Run]) -> String {
        runs.iter().map(|r| r.text.replace(NO_BREAK, "~")).collect::<Vec<_>>().join("|")
    }

    #[test]
    fn the_word_before_a_phone_number_is_tied_to_it() {
        let mut runs = vec![Run::plain("اتصل بالرقم "), Run::of(Kind::Phone, "157"), Run::plain(" أو بخط ALO "), Run::of(Kind::Phone, "183")];
        name_numbers(&mut runs, "ar");
        assert_eq!(shown(&runs), "اتصل بالرقم~|157| أو بخط ALO~|183");
        let mut runs = vec![Run::plain("Bilgi: "), Run::of(Kind::Phone, "157")];
        name_numbers(&mut runs, "tr");
        assert_eq!(shown(&runs), "Bilgi: |157", "after punctuation the number may start a line");
        let mut runs = vec![Run::plain("şüpheleniyorsanız "), Run::of(Kind::Phone, "157"), Run::plain("'yi arayın; YİMER "), Run::of(Kind::Phone, "157")];
        name_numbers(&mut runs, "tr");
        assert_eq!(shown(&runs), "şüpheleniyorsanız |157|'yi arayın; YİMER~|157", "a verb is no name");
        let mut runs = vec![Run::plain("خط "), Run::of(Kind::Latin, "YİMER"), Run { joined: true, ..Run::plain(" ") }, Run { joined: true, ..Run::of(Kind::Phone, "157") }];
        name_numbers(&mut runs, "ar");
        assert_eq!(shown(&runs), "خط~|YİMER| |157");
    }

    #[test]
    fn the_last_word_is_tied_when_it_can_be() {
        let table = [
            ("Nereden yardım alabilirsiniz?", "Nereden yardım~alabilirsiniz?"),
            ("süresi, ikamet izni ", "süresi, ikamet~izni "),
            ("İki kelime", "İki kelime"),
            ("bir iki üç dörtbeşaltıyedisekizdokuz onbirikiüçdörtbeşaltı", "bir iki üç dörtbeşaltıyedisekizdokuz onbirikiüçdörtbeşaltı"),
            ("على\u{A0}مدار\u{A0}الساعة مجاناً", "على~مدار~الساعة مجاناً"),
            // Marks and non-joiners take no room: 21 letters.
            ("از شکل‌های شناخته‌شدهٔ بهره‌کشی‌اند.", "از شکل‌های شناخته‌شدهٔ~بهره‌کشی‌اند."),
        ];
        for (text, want) in table {
            let mut runs = vec![Run::plain(text)];
            last_word(&mut runs);
            assert_eq!(shown(&runs), want, "{text}");
        }
        let mut runs = vec![Run::plain("YİMER "), Run::of(Kind::Phone, "157"), Run::plain(" ücretsizdir")];
        last_word(&mut runs);
        assert_eq!(shown(&runs), "YİMER |157|~ücretsizdir");
    }
}
