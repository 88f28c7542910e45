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
        for part in &parents[common..] {
            out.push_str(&format!("{}{part}:\n", "  ".repeat(open.len())));
            open.push(part);
        }
        let indent = "  ".repeat(open.len());
        match source.entries.get(key) {
            Some(Entry::Text(t)) => {
                out.push_str(&format!("{indent}# {}: {}\n{indent}{leaf}: \"\"\n", source.lang, t.text));
            }
            Some(Entry::List(items)) => {
                out.push_str(&format!("{indent}# {}:\n", source.lang));
                for item in items {
                    out.push_str(&format!("{indent}#   - {}\n", item.text));
                }
                out.push_str(&format!("{indent}{leaf}:\n"));
                for _ in items {
                    out.push_str(&format!("{indent}  - \"\"\n"));
                }
            }
            Some(Entry::Rows(rows)) => {
                out.push_str(&format!("{indent}# {}:\n", source.lang));
                for row in rows {
                    let cells: Vec<&str> = row.iter().map(|t| t.text.as_str()).collect();
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
}
