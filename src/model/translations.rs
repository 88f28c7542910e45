//! `translations/<lang>.yaml`: nested keys flattened to `a.b.c`, each string
//! with the line it stands on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::load::document;
use crate::load::invisible::is_default_ignorable;
use crate::load::marked::{Marked, Node};
use crate::diag::{Diagnostic, Diagnostics, Location};

/// A translated string and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The text as written in the file.
    pub text: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// The file it was read from when that is not its table's own: a
    /// variant table's cell (whose column counts cells).
    pub file: Option<PathBuf>,
}

impl Text {
    /// Whether the text prints as nothing: spaces, characters no font
    /// draws (zero-width, joiners, variation selectors) and bold markers
    /// (`**`) only.
    pub fn is_blank(&self) -> bool {
        self.text.replace("**", "").chars().all(|c| c.is_whitespace() || is_default_ignorable(c))
    }
}

/// The value of a translation key: one string or a list of strings.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// One string: a heading, a paragraph.
    Text(Text),
    /// A list of strings: the items of a list block.
    List(Vec<Text>),
    /// A list of lists of strings: the rows of a table, each a list of
    /// cells.
    Rows(Vec<Vec<Text>>),
}

impl Entry {
    /// Every string of the entry, in order.
    pub fn all_texts(&self) -> Vec<&Text> {
        match self {
            Entry::Text(t) => vec![t],
            Entry::List(items) => items.iter().collect(),
            Entry::Rows(rows) => rows.iter().flatten().collect(),
        }
    }

    /// The first text that prints as nothing ([`Text::is_blank`]): a text
    /// or list item, or
    /// a table row whose every cell is blank (a single blank cell is how
    /// an empty cell is written). The skeleton `translations --missing`
    /// prints is all blank, so it never passes for a translation.
    pub fn blank(&self) -> Option<&Text> {
        let blank = |t: &&Text| t.is_blank();
        match self {
            Entry::Text(t) => Some(t).filter(blank),
            Entry::List(items) => items.iter().find(blank),
            Entry::Rows(rows) => rows.iter().find(|row| row.iter().all(|c| blank(&c))).and_then(|row| row.first()),
        }
    }

    /// Where the entry starts.
    pub fn line(&self) -> usize {
        match self {
            Entry::Text(t) => t.line,
            Entry::List(items) => items.first().map_or(0, |t| t.line),
            Entry::Rows(rows) => rows.iter().flatten().next().map_or(0, |t| t.line),
        }
    }
}

/// All translations of one language.
#[derive(Debug, Clone)]
pub struct Translations {
    /// Language code.
    pub lang: String,
    /// The file, relative to the project root.
    pub file: PathBuf,
    /// Dotted key → entry.
    pub entries: BTreeMap<String, Entry>,
}

impl Translations {
    /// Parses the text of a translation file, refusing duplicate keys and
    /// bidi controls (see [`document::check`]).
    pub fn parse(lang: &str, file: &Path, source: &str) -> Result<Translations, Diagnostics> {
        let tree = Marked::parse(source).map_err(|e| {
            vec![Diagnostic::error(format!("yaml syntax error: {}", e.message))
                .at(Location::at(file, e.line, e.column))
                .lang(lang)
                .hint(e.hint.unwrap_or_else(|| if e.message.contains("escape") {
                    "write the character itself; in double quotes, a character beyond U+FFFF is `\\U0001F600` (eight digits), not a pair of `\\u` halves".into()
                } else {
                    "check indentation, colons and quotes; text with `:` or `#` needs quotes".into()
                }))]
        })?;
        let found = document::check(&tree, source, file);
        if !found.is_empty() {
            return Err(found.into_iter().map(|d| d.lang(lang)).collect());
        }
        let mut entries = BTreeMap::new();
        match &tree.node {
            Node::Map(map) => flatten(map, "", file, &mut entries).map_err(|d| vec![d.lang(lang)])?,
            _ => {
                return Err(vec![Diagnostic::error("a translation file must be a mapping of keys to text")
                    .at(Location::at(file, tree.line, tree.column))
                    .lang(lang)
                    .hint("write `key: text`, nesting keys with indentation")]);
            }
        }
        Ok(Translations { lang: lang.to_string(), file: file.to_path_buf(), entries })
    }

    /// The location of `key` in this file (or in the variant table its
    /// text comes from).
    pub fn location(&self, key: &str) -> Option<Location> {
        let entry = self.entries.get(key)?;
        Some(match entry.all_texts().first() {
            Some(t) if t.file.is_some() => self.at(t),
            _ => Location::at(&self.file, entry.line(), 1),
        })
    }

    /// Where the text `t` of this table stands: in the table's file, or in
    /// the variant table it comes from.
    pub fn at(&self, t: &Text) -> Location {
        Location::at(t.file.as_ref().unwrap_or(&self.file), t.line, t.column)
    }
}

fn flatten(
    map: &[(Marked, Marked)],
    prefix: &str,
    file: &Path,
    out: &mut BTreeMap<String, Entry>,
) -> Result<(), Diagnostic> {
    for (key, value) in map {
        let at = |m: &Marked| Location::at(file, m.line, m.column);
        let Some(name) = key.as_str() else {
            return Err(Diagnostic::error("a translation key must be plain text").at(at(key)));
        };
        let full = if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        let entry = match &value.node {
            _ if value.null => return Err(null(key, &full, file)),
            Node::Scalar(s) => Entry::Text(text(s, value)),
            Node::Map(inner) => {
                flatten(inner, &full, file, out)?;
                continue;
            }
            Node::Seq(items) if items.iter().any(|i| matches!(i.node, Node::Seq(_))) => Entry::Rows(
                items
                    .iter()
                    .map(|row| match &row.node {
                        Node::Seq(cells) => texts(cells, &full, file),
                        _ => Err(Diagnostic::error("every row of a table must be a list of cells")
                            .at(at(row))
                            .key(&full)
                            .hint("start each row with `- - first cell` and put the other cells below it as `  - cell`")),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Node::Seq(items) => Entry::List(texts(items, &full, file)?),
            Node::Alias => {
                return Err(Diagnostic::error("anchors and aliases are not allowed in translations")
                    .at(at(value))
                    .key(&full)
                    .hint("write the text out in full"));
            }
        };
        if let Some(first) = out.get(&full) {
            return Err(Diagnostic::error(format!("key `{full}` is defined twice: at line {} and again at line {}", first.line(), key.line))
                .at(at(key))
                .key(full)
                .hint("keep one of them: a dotted key and the same keys nested name the same text"));
        }
        out.insert(full, entry);
    }
    Ok(())
}

/// The items of a list, each plain text.
fn texts(items: &[Marked], key: &str, file: &Path) -> Result<Vec<Text>, Diagnostic> {
    items
        .iter()
        .map(|item| match &item.node {
            _ if item.null => Err(null(item, key, file)),
            Node::Scalar(s) => Ok(text(s, item)),
            _ => Err(Diagnostic::error("list items must be plain text")
                .at(Location::at(file, item.line, item.column))
                .key(key)
                .hint("write each item as `- text` on its own line")),
        })
        .collect()
}

/// A key or item left as YAML's null (`~`, `null` or nothing after the
/// colon), which is no text at all; `node` is where to point (the key of
/// a value, the item of a list).
fn null(node: &Marked, key: &str, file: &Path) -> Diagnostic {
    Diagnostic::error(format!("translation `{key}` has no text: YAML reads `~`, `null` or nothing after the colon as no value"))
        .at(Location::at(file, node.line, node.column))
        .key(key)
        .hint("write the text; to print the word itself, put it in quotes (`\"null\"`)")
}

fn text(s: &str, node: &Marked) -> Text {
    Text { text: s.to_string(), line: node.line, column: node.column, file: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_are_flattened_with_lines() {
        let t = Translations::parse(
            "tr",
            Path::new("translations/tr.yaml"),
            "cover:\n  title: İnsan ticareti\nsigns:\n  - Pasaportu başkasında\n  - Borç\n",
        )
        .unwrap();
        assert_eq!(
            t.entries["cover.title"],
            Entry::Text(Text { text: "İnsan ticareti".into(), line: 2, column: 10, file: None })
        );
        let Entry::List(items) = &t.entries["signs"] else { panic!("not a list") };
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].line, 5);
    }

    #[test]
    fn lists_of_lists_are_table_rows() {
        let t = Translations::parse("tr", Path::new("t.yaml"), "rows:\n  - - a\n    - b\n  - - c\n    - d\n").unwrap();
        let Entry::Rows(rows) = &t.entries["rows"] else { panic!("not rows") };
        assert_eq!(rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect::<Vec<_>>()).collect::<Vec<_>>(), vec![vec!["a", "b"], vec!["c", "d"]]);
        assert_eq!(rows[1][0].line, 4);
        let err = Translations::parse("tr", Path::new("t.yaml"), "rows:\n  - - a\n  - b\n").unwrap_err().remove(0);
        assert_eq!(err.location.as_ref().map(|l| l.line), Some(3), "{err}");
    }

    #[test]
    fn a_null_is_no_text_and_names_its_key() {
        for yaml in ["a:\n  t: ~\n", "a:\n  t:\n", "a:\n  t: null\n", "a:\n  t:\n    - x\n    - ~\n"] {
            let err = Translations::parse("tr", Path::new("t.yaml"), yaml).unwrap_err().remove(0);
            assert_eq!((err.key.as_deref(), err.location.as_ref().map(|l| l.line)), (Some("a.t"), Some(if yaml.contains("- ~") { 4 } else { 2 })), "{yaml}: {err}");
        }
        let quoted = Translations::parse("tr", Path::new("t.yaml"), "a: \"~\"\n").unwrap();
        assert_eq!(quoted.entries["a"], Entry::Text(Text { text: "~".into(), line: 1, column: 4, file: None }));
    }

    #[test]
    fn blank_texts_items_and_rows_are_found() {
        let t = Translations::parse("tr", Path::new("t.yaml"), "a: \" **** \\u200B\"\nb: [x, \"\\u00AD\"]\nc: [[x, \"\"]]\nd: [[x], [\"\", \"\"]]\ne: ok\n").unwrap();
        let blank = |k: &str| t.entries[k].blank().map(|t| t.line);
        assert_eq!(["a", "b", "c", "d", "e"].map(blank), [Some(1), Some(2), None, Some(4), None]);
    }

    #[test]
    fn syntax_error_names_file_line_and_language() {
        let err = Translations::parse("ar", Path::new("translations/ar.yaml"), "a: 'open\n").unwrap_err().remove(0);
        assert_eq!(err.lang.as_deref(), Some("ar"));
        assert_eq!(err.location.unwrap().file, PathBuf::from("translations/ar.yaml"));
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = Translations::parse("tr", Path::new("t.yaml"), "a:\n  b: x\na.b: y\n").unwrap_err().remove(0);
        assert_eq!(err.key.as_deref(), Some("a.b"));
        assert!(err.message.contains("line 2") && err.message.contains("line 3"), "{err}");
        let err = Translations::parse("fa", Path::new("t.yaml"), "a:\n  b: x\n  b: y\n").unwrap_err().remove(0);
        assert_eq!((err.key.as_deref(), err.lang.as_deref()), (Some("a.b"), Some("fa")));
        assert!(err.message.contains("line 2, column 3") && err.message.contains("line 3, column 3"), "{err}");
    }

    #[test]
    fn bidi_controls_are_refused_with_key_and_language() {
        let err = Translations::parse("ar", Path::new("t.yaml"), "hotline:\n  text: \"اتصل \u{202E}751\u{202C}\"\n").unwrap_err().remove(0);
        assert_eq!((err.key.as_deref(), err.lang.as_deref()), (Some("hotline.text"), Some("ar")));
        assert_eq!(err.location, Some(Location::at("t.yaml", 2, 15)));
        assert!(err.message.contains("U+202E RIGHT-TO-LEFT OVERRIDE"), "{err}");
    }
}
