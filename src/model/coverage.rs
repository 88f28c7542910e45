//! Translation coverage: per language, which keys the brochures use that are
//! missing, which keys are never used, and which read exactly like another
//! language's text (most likely not translated yet).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::Sources;
use crate::model::translations::Entry;

/// Coverage of one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LangCoverage {
    /// Language code.
    pub lang: String,
    /// The translation file, relative to the project.
    pub file: String,
    /// Keys in the file.
    pub present: usize,
    /// Keys a brochure built in this language uses but the file lacks.
    pub missing: Vec<String>,
    /// Keys in the file that no brochure uses.
    pub unused: Vec<String>,
    /// Keys whose text is the same as in another language, with that
    /// language.
    pub identical: Vec<(String, String)>,
}

/// Coverage of every language that has a translation file, in code order.
pub fn coverage(sources: &Sources) -> Vec<LangCoverage> {
    let mut used_by_lang: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut used_anywhere = BTreeSet::new();
    for b in &sources.brochures {
        for lang in &b.spec.languages {
            let keys = b.translated_keys(&sources.config, lang);
            used_by_lang.entry(lang).or_default().extend(keys.iter().cloned());
            used_anywhere.extend(keys);
        }
    }
    sources
        .translations
        .values()
        .map(|table| {
            let used = used_by_lang.get(table.lang.as_str()).cloned().unwrap_or_default();
            // A key that prints as nothing is as good as missing.
            let missing = used.iter().filter(|k| table.entries.get(*k).is_none_or(|e| e.blank().is_some())).cloned().collect();
            let unused = table.entries.keys().filter(|k| !used_anywhere.contains(*k)).cloned().collect();
            let identical = table
                .entries
                .iter()
                .filter(|(_, entry)| has_words(entry))
                .filter_map(|(key, entry)| {
                    sources
                        .translations
                        .values()
                        .filter(|other| other.lang != table.lang)
                        .find(|other| other.entries.get(key).is_some_and(|o| same_text(o, entry)))
                        .map(|other| (key.clone(), other.lang.clone()))
                })
                .collect();
            LangCoverage {
                lang: table.lang.clone(),
                file: table.file.display().to_string(),
                present: table.entries.values().filter(|e| e.blank().is_none()).count(),
                missing,
                unused,
                identical,
            }
        })
        .collect()
}

/// Whether two entries hold the same text, wherever it stands in the files.
fn same_text(a: &Entry, b: &Entry) -> bool {
    let texts = |e: &Entry| -> Vec<String> { e.all_texts().into_iter().map(|t| t.text.clone()).collect() };
    texts(a) == texts(b)
}

/// Whether an entry has words worth translating (not only numbers, names in
/// capitals or addresses).
fn has_words(entry: &Entry) -> bool {
    let texts = entry.all_texts();
    let text = texts.first().map_or("", |t| t.text.as_str());
    text.split_whitespace().any(|w| w.chars().filter(|c| c.is_lowercase()).count() >= 3 && !w.contains(['.', '@', '/']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::translations::Text;

    fn text(s: &str) -> Entry {
        Entry::Text(Text { text: s.into(), line: 1, column: 1, file: None })
    }

    #[test]
    fn identical_text_counts_only_when_it_has_words() {
        assert!(same_text(&text("Haklarınız"), &Entry::Text(Text { text: "Haklarınız".into(), line: 9, column: 3, file: None })));
        assert!(has_words(&text("Haklarınız var")));
        assert!(!has_words(&text("ALO 183")));
        assert!(!has_words(&text("www.goc.gov.tr")));
    }
}
