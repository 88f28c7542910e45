//! Spelling checks for Arabic-script text: letters of the other language and
//! zero-width non-joiners that would be lost. They warn; they never change
//! the text, since only a native editor can decide.

use super::Finding;
use super::script::is_arabic;

/// Zero-width non-joiner: keeps two letters of one Farsi word apart.
const ZWNJ: char = '\u{200C}';

/// A letter that belongs to one language but was written in the other.
struct Misplaced {
    letter: char,
    name: &'static str,
    instead: &'static str,
}

/// Arabic letters that a non-Persian keyboard types in Farsi text.
const ARABIC_IN_FARSI: &[Misplaced] = &[
    Misplaced { letter: 'ي', name: "arabic yeh", instead: "farsi yeh ی (U+06CC)" },
    Misplaced { letter: 'ى', name: "arabic alef maksura", instead: "farsi yeh ی (U+06CC)" },
    Misplaced { letter: 'ك', name: "arabic kaf", instead: "farsi kaf ک (U+06A9)" },
];

/// Farsi letters in Arabic text.
const FARSI_IN_ARABIC: &[Misplaced] = &[
    Misplaced { letter: 'ی', name: "farsi yeh", instead: "arabic yeh ي (U+064A), or alef maksura ى (U+0649) at the end of words such as على" },
    Misplaced { letter: 'ک', name: "farsi kaf", instead: "arabic kaf ك (U+0643)" },
    Misplaced { letter: 'پ', name: "farsi peh", instead: "the Arabic spelling (ب), unless this is a foreign name" },
    Misplaced { letter: 'چ', name: "farsi tcheh", instead: "the Arabic spelling (ج or تش), unless this is a foreign name" },
    Misplaced { letter: 'ژ', name: "farsi jeh", instead: "the Arabic spelling (ج or ز), unless this is a foreign name" },
    Misplaced { letter: 'گ', name: "farsi gaf", instead: "the Arabic spelling (ج or غ or ك), unless this is a foreign name" },
];

/// Farsi prefixes and suffixes that are joined to their word with a ZWNJ,
/// and an example of the right spelling.
const FARSI_AFFIXES: &[(&str, bool, &str)] = &[
    ("می", true, "می‌خواهم"),
    ("نمی", true, "نمی‌خواهم"),
    ("ها", false, "خانه‌ها"),
    ("های", false, "خانه‌های"),
    ("هایی", false, "خانه‌هایی"),
];

/// The checks for text in language `lang` (Farsi and Dari, `fa`, `fa-AF`
/// or `prs`, and Arabic, `ar` with any region; others have none).
pub fn check(text: &str, lang: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    match crate::model::locale::language_of(lang).as_str() {
        "fa" => {
            findings.extend(misplaced(text, ARABIC_IN_FARSI, "farsi"));
            findings.extend(detached_affixes(text));
            findings.extend(lost_zwnj(text));
        }
        "ar" => findings.extend(misplaced(text, FARSI_IN_ARABIC, "arabic")),
        _ => {}
    }
    findings.extend(escaped_zwnj(text));
    findings
}

fn misplaced(text: &str, table: &[Misplaced], language: &str) -> Vec<Finding> {
    table
        .iter()
        .filter_map(|m| {
            let at = text.find(m.letter)?;
            let count = text.matches(m.letter).count();
            let times = if count > 1 { format!(" ({count} times)") } else { String::new() };
            Some(Finding {
                message: format!("{} {} (U+{:04X}) in {language} text, in «{}»{times}", m.name, m.letter, m.letter as u32, word_at(text, at)),
                hint: format!("write {} instead", m.instead),
            })
        })
        .collect()
}

/// ZWNJs that do nothing because a space, the start or the end of the text
/// is next to them. In a folded YAML text (`>-`), a line break right after
/// a ZWNJ becomes such a space and splits the word.
fn lost_zwnj(text: &str) -> Option<Finding> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let lonely = chars.iter().enumerate().find(|(i, (_, c))| {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).map(|(_, c)| *c);
        let after = chars.get(i + 1).map(|(_, c)| *c);
        *c == ZWNJ && !(before.is_some_and(is_arabic) && after.is_some_and(is_arabic))
    });
    lonely.map(|(_, (at, _))| Finding {
        message: format!("zero-width non-joiner (U+200C) in «{}» is not between two letters, so it is lost", word_at(text, *at)),
        hint: "remove the space next to it; a line break in a folded YAML text (`>-`) is a space too, so do not break the line right after a ZWNJ".into(),
    })
}

/// Farsi prefixes (می, نمی) and suffixes (ها, های) written as words of
/// their own instead of joined with a ZWNJ.
fn detached_affixes(text: &str) -> Vec<Finding> {
    let words: Vec<&str> = text.split(' ').collect();
    let mut findings = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let bare = word.trim_matches(|c: char| !is_arabic(c));
        let Some((affix, _, example)) = FARSI_AFFIXES.iter().find(|(affix, prefix, _)| {
            let neighbour = if *prefix { words.get(i + 1) } else { i.checked_sub(1).and_then(|j| words.get(j)) };
            bare == *affix && neighbour.is_some_and(|n| n.starts_with(is_arabic) || n.ends_with(is_arabic))
        }) else {
            continue;
        };
        findings.push(Finding {
            message: format!("«{affix}» stands apart from its word; a zero-width non-joiner (U+200C) would be lost"),
            hint: format!("join it with a ZWNJ instead of a space, as in {example}"),
        });
    }
    findings
}

/// A ZWNJ written as an escape that YAML does not understand here.
fn escaped_zwnj(text: &str) -> Option<Finding> {
    let escape = ["\\u200c", "\\u200C", "&zwnj;"].into_iter().find(|e| text.contains(e))?;
    Some(Finding {
        message: format!("`{escape}` is printed as written, not as a zero-width non-joiner"),
        hint: "type the character itself (Shift+Space on a Persian keyboard), or put the text in double quotes, where YAML understands \\u200c".into(),
    })
}

/// The whitespace-delimited word around byte `at`.
fn word_at(text: &str, at: usize) -> &str {
    let start = text[..at].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str, lang: &str) -> Vec<String> {
        check(text, lang).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn clean_text_has_no_findings() {
        assert!(messages("می‌خواهم به خانه‌ها بروم", "fa").is_empty());
        assert!(messages("اتصل بالرقم 157 على مدار الساعة", "ar").is_empty());
        assert!(messages("Kimliği başkasının elinde", "tr").is_empty());
    }

    #[test]
    fn arabic_letters_in_farsi_are_named_with_the_letter_to_use() {
        let found = check("كمك رایگان است، علي", "fa");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].message, "arabic yeh ي (U+064A) in farsi text, in «علي»");
        assert!(found[0].hint.contains("ی (U+06CC)"));
        assert_eq!(found[1].message, "arabic kaf ك (U+0643) in farsi text, in «كمك» (2 times)");
        assert!(found[1].hint.contains("ک (U+06A9)"));
    }

    #[test]
    fn dari_takes_the_farsi_checks_by_any_of_its_codes() {
        for code in ["fa-AF", "prs"] {
            assert_eq!(messages("كمك", code), vec!["arabic kaf ك (U+0643) in farsi text, in «كمك» (2 times)"], "{code}");
        }
        assert_eq!(messages("کتاب", "ar-SY").len(), 1);
    }

    #[test]
    fn farsi_letters_in_arabic_are_named() {
        let found = messages("کتاب الطفل فی المدرسة", "ar");
        assert_eq!(found, vec!["farsi yeh ی (U+06CC) in arabic text, in «فی»", "farsi kaf ک (U+06A9) in arabic text, in «کتاب»"]);
    }

    #[test]
    fn lost_and_missing_zwnj_are_found() {
        let table = [
            ("بهره‌ کشی", "is not between two letters"),
            ("‌خانه", "is not between two letters"),
            ("من می خواهم", "«می» stands apart"),
            ("خانه ها", "«ها» stands apart"),
            ("خانه\\u200cها", "printed as written"),
        ];
        for (text, want) in table {
            let found = messages(text, "fa");
            assert!(found.len() == 1 && found[0].contains(want), "{text}: {found:?}");
        }
    }
}
