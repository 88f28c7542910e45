//! `translations/<lang>.lock.yaml`: what each translation was made from.
//!
//! Per unit of a language, the record keeps the source-language text the
//! translation was made from (and its fingerprint), the fingerprint of the
//! translation as it was then, its state and who reviewed it. kalem
//! compares it with the files to find stale translations
//! ([`super::staleness`]); `kalem translations review` and `import` write
//! it. It is YAML, one block of a few lines per unit in id order, one file
//! per language, so that a change to a key is a small hunk of its own,
//! two translators' records never touch, and a reviewer reads the diff
//! with the translation's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::units::UnitId;
use crate::diag::{Diagnostic, Location};
use crate::load::marked::{Marked, Step};
use crate::load::yaml;

/// The state of a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Translated (or changed) and not reviewed since.
    Translated,
    /// Reviewed by someone, who is named.
    Reviewed,
}

/// What one unit's translation was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The source-language text it was translated from.
    pub source: String,
    /// That text's fingerprint.
    pub source_sha: String,
    /// The translation's fingerprint when it was recorded.
    pub target_sha: String,
    /// Translated or reviewed.
    pub state: State,
    /// Who reviewed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// The records of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Lock {
    /// The language.
    pub lang: String,
    /// The file, relative to the project root.
    pub file: PathBuf,
    /// Records by unit.
    pub records: BTreeMap<UnitId, Record>,
}

/// The lock file of a language, relative to the project root.
pub fn lock_path(lang: &str) -> PathBuf {
    PathBuf::from("translations").join(format!("{lang}.lock.yaml"))
}

impl Lock {
    /// A language's empty record.
    pub fn empty(lang: &str) -> Lock {
        Lock { lang: lang.to_string(), file: lock_path(lang), records: BTreeMap::new() }
    }

    /// Parses the text of a lock file.
    pub fn parse(lang: &str, file: &Path, text: &str) -> Result<Lock, Diagnostic> {
        let raw: BTreeMap<String, Record> = yaml::parse(text, file).map_err(|d| d.lang(lang))?;
        let mut records = BTreeMap::new();
        for (id, record) in raw {
            let unit = id.parse::<UnitId>().map_err(|problem| {
                // Positions are read only for the message: the file is
                // read on every check, and kalem writes it right.
                let tree = Marked::parse(text).ok();
                let key = tree.as_ref().and_then(|t| t.key_of(&[Step::Key(&id)]));
                let at = key.map_or(Location::file(file), |k| Location::at(file, k.line, k.column));
                Diagnostic::error(problem).at(at).lang(lang).hint("the record is written by `kalem translations review`; restore it from version control")
            })?;
            records.insert(unit, record);
        }
        Ok(Lock { lang: lang.to_string(), file: file.to_path_buf(), records })
    }

    /// The file's text: a header naming the languages, then one block per
    /// unit in id order, every text double-quoted on one line.
    pub fn to_yaml(&self, source_lang: &str) -> String {
        let mut out = format!(
            "# kalem's record of the {lang} translations (translations/{lang}.yaml): per unit,\n\
             # the {source_lang} text it was translated from, fingerprints (SHA-256) of that\n\
             # text and of the translation, its state and who reviewed it.\n\
             # Written by `kalem translations review` and `import`; commit it with the\n\
             # translations. A unit whose {source_lang} text changed since is stale.\n",
            lang = self.lang
        );
        for (id, r) in &self.records {
            out.push_str(&format!("{}:\n", quoted_key(&id.to_string())));
            out.push_str(&format!("  source: {}\n", quoted(&r.source)));
            out.push_str(&format!("  source_sha: \"{}\"\n  target_sha: \"{}\"\n", r.source_sha, r.target_sha));
            let state = match r.state {
                State::Translated => "translated",
                State::Reviewed => "reviewed",
            };
            out.push_str(&format!("  state: {state}\n"));
            if let Some(by) = &r.by {
                out.push_str(&format!("  by: {}\n", quoted(by)));
            }
        }
        out
    }
}

/// `text` as a YAML double-quoted scalar on one line (JSON's escapes are
/// YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// A unit id as a mapping key: plain when it is only letters, digits and
/// `._-#`, quoted otherwise.
fn quoted_key(id: &str) -> String {
    let plain = id.chars().all(|c| c.is_alphanumeric() || "._-#".contains(c)) && id.chars().next().is_some_and(char::is_alphanumeric);
    if plain { id.to_string() } else { quoted(id) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(state: State, by: Option<&str>) -> Record {
        Record { source: "Hiç bitmeyen \"borç\"\n".into(), source_sha: "0123456789ab".into(), target_sha: "ba9876543210".into(), state, by: by.map(str::to_string) }
    }

    #[test]
    fn writes_and_reads_back_in_id_order() {
        let mut lock = Lock::empty("ar");
        lock.records.insert("signs.items#10".parse().unwrap(), record(State::Reviewed, Some("Ayşe")));
        lock.records.insert("signs.items#2".parse().unwrap(), record(State::Translated, None));
        lock.records.insert(UnitId::key("odd:key"), record(State::Translated, None));
        let text = lock.to_yaml("tr");
        assert!(text.find("signs.items#2:").unwrap() < text.find("signs.items#10:").unwrap(), "{text}");
        assert!(text.contains("\"odd:key\":"), "{text}");
        let back = Lock::parse("ar", &lock_path("ar"), &text).unwrap();
        assert_eq!(back, lock);
    }

    #[test]
    fn a_bad_record_names_file_line_and_language() {
        let err = Lock::parse("fa", Path::new("translations/fa.lock.yaml"), "a:\n  source: x\n  source_sha: \"1\"\n  target_sha: \"2\"\n  state: done\n").unwrap_err();
        assert_eq!((err.lang.as_deref(), err.location.as_ref().map(|l| l.line)), (Some("fa"), Some(5)), "{err}");
        let err = Lock::parse("fa", Path::new("f"), "\"a#0\":\n  source: x\n  source_sha: \"1\"\n  target_sha: \"2\"\n  state: translated\n").unwrap_err();
        assert_eq!(err.location.as_ref().map(|l| l.line), Some(1), "{err}");
    }
}
