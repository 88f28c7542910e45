//! A YAML skeleton of translation keys for a translator: nested like the
//! translation files, each key empty, with the source language's text above
//! it as a comment.

use crate::model::translations::{Entry, Translations};

/// Writes the skeleton of `keys` (dotted, sorted), commenting each with its
/// text in `source`.
pub fn skeleton(keys: &[String], source: &Translations) -> String {
    let mut out = String::new();
    let mut open: Vec<&str> = Vec::new();
    for key in keys {
        let parts: Vec<&str> = key.split('.').collect();
        let (leaf, parents) = parts.split_last().unwrap_or((&"", &[]));
        let common = open.iter().zip(parents.iter()).take_while(|(a, b)| a == b).count();
        open.truncate(common);
        for part in parents.iter().skip(common) {
            out.push_str(&format!("{}{}:\n", "  ".repeat(open.len()), quoted(part)));
            open.push(part);
        }
        let indent = "  ".repeat(open.len());
        let leaf = quoted(leaf);
        let comment = |text: &str| text.lines().collect::<Vec<_>>().join(&format!("\n{indent}#     "));
        match source.entries.get(key) {
            Some(Entry::Text(t)) => {
                out.push_str(&format!("{indent}# {}: {}\n{indent}{leaf}: \"\"\n", source.lang, comment(&t.text)));
            }
            Some(Entry::List(items)) => {
                out.push_str(&format!("{indent}# {}:\n", source.lang));
                for item in items {
                    out.push_str(&format!("{indent}#   - {}\n", comment(&item.text)));
                }
                out.push_str(&format!("{indent}{leaf}:\n"));
                for _ in items {
                    out.push_str(&format!("{indent}  - \"\"\n"));
                }
            }
            Some(Entry::Rows(rows)) => {
                out.push_str(&format!("{indent}# {}:\n", source.lang));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|t| comment(&t.text)).collect();
                    out.push_str(&format!("{indent}#   - [{}]\n", cells.join(", ")));
                }
                out.push_str(&format!("{indent}{leaf}:\n"));
                for row in rows {
                    out.push_str(&format!("{indent}  - [{}]\n", vec!["\"\""; row.len()].join(", ")));
                }
            }
            None => out.push_str(&format!("{indent}{leaf}: \"\"\n")),
        }
    }
    out
}

/// A key as YAML writes it: plain when it is letters, digits, `_` and `-`
/// (not first), otherwise double-quoted with escapes (a JSON string is a
/// valid double-quoted YAML scalar).
fn quoted(key: &str) -> String {
    let plain = key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && key.chars().next().is_some_and(char::is_alphanumeric)
        && !matches!(key.to_ascii_lowercase().as_str(), "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n");
    if plain { key.to_string() } else { serde_json::Value::String(key.to_string()).to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn nests_keys_and_comments_the_source_text() {
        let source = Translations::parse(
            "tr",
            Path::new("translations/tr.yaml"),
            "cover:\n  title: Başlık\n  lead: Giriş\nsigns:\n  items:\n    - Bir\n    - İki\n",
        )
        .unwrap();
        let keys = vec!["cover.lead".to_string(), "cover.title".to_string(), "signs.items".to_string()];
        let yaml = skeleton(&keys, &source);
        assert_eq!(
            yaml,
            "cover:\n  # tr: Giriş\n  lead: \"\"\n  # tr: Başlık\n  title: \"\"\nsigns:\n  # tr:\n  #   - Bir\n  #   - İki\n  items:\n    - \"\"\n    - \"\"\n"
        );
        // The skeleton is itself a valid translation file.
        let parsed = Translations::parse("fa", Path::new("t.yaml"), &yaml).unwrap();
        assert_eq!(parsed.entries.len(), 3);
    }

    #[test]
    fn keys_and_texts_that_mean_something_in_yaml_are_quoted() {
        let keys: Vec<String> = ["a:b", "#c", "*d", "[e", "f\ng", "true", "x.\"q\"", "ok"].iter().map(|k| format!("s.{k}")).collect();
        let source = Translations::parse("tr", Path::new("translations/tr.yaml"), "s:\n  ok: \"bir\\nikinci: satır\"\n").unwrap();
        let yaml = skeleton(&keys, &source);
        let parsed: serde_yaml_ng::Value = serde_yaml_ng::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        let s = &parsed["s"];
        for key in ["a:b", "#c", "*d", "[e", "f\ng", "true", "ok"] {
            assert_eq!(s[key].as_str(), Some(""), "{key} in\n{yaml}");
        }
        assert_eq!(parsed["s"]["x"]["\"q\""].as_str(), Some(""), "{yaml}");
        assert!(yaml.contains("  # tr: bir\n  #     ikinci: satır\n  ok: \"\"\n"), "{yaml}");
    }
}
