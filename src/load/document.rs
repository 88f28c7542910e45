//! What every YAML file of a project is checked for once, before its
//! contents mean anything: a key given twice in one map (YAML keeps the
//! last, so the first is silently dropped: a second `yimer157:` would
//! replace the hotline on every output) and bidi controls in any string
//! (they reorder what a reader sees: `\u202E751\u202C` prints as `157`).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

use super::invisible::{describe, is_bidi_control};
use super::marked::{Marked, Node};
use super::yaml;
use crate::diag::{Diagnostic, Diagnostics, Location};

/// Parses `source` (the text of `file`) into a positioned tree and checks
/// it with [`check`]. A syntax error is worded as the typed parser words
/// it, which points at where a quote or bracket opened.
pub fn parse(source: &str, file: &Path) -> Result<Marked, Diagnostics> {
    let tree = Marked::parse(source).map_err(|e| {
        let at = Location::at(file, e.line, e.column);
        match e.hint {
            Some(hint) => vec![Diagnostic::error(e.message).at(at).hint(hint)],
            None => vec![yaml::parse::<serde::de::IgnoredAny>(source, file).err().unwrap_or(Diagnostic::error(e.message).at(at))],
        }
    })?;
    let found = check(&tree, source, file);
    if found.is_empty() { Ok(tree) } else { Err(found) }
}

/// Every duplicate key and every string holding a bidi control in `tree`,
/// parsed from `source`, the text of `file`. The key of a diagnostic is
/// the dotted path of map keys to the place (list indices left out, so in
/// a translation file it is the translation key).
pub fn check(tree: &Marked, source: &str, file: &Path) -> Diagnostics {
    let mut found = Vec::new();
    walk(tree, "", &Source::new(source), file, &mut found);
    found
}

fn walk(node: &Marked, path: &str, source: &Source, file: &Path, found: &mut Diagnostics) {
    match &node.node {
        Node::Scalar(text) => found.extend(bidi_control(text, node, path, source, file)),
        Node::Seq(items) => items.iter().for_each(|item| walk(item, path, source, file, found)),
        Node::Map(entries) => {
            let mut seen: HashMap<&str, &Marked> = HashMap::new();
            for (key, value) in entries {
                let name = key.as_str().unwrap_or_default();
                let full = if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
                walk(key, &full, source, file, found);
                walk(value, &full, source, file, found);
                match key.as_str().map(|k| seen.entry(k)) {
                    Some(Entry::Occupied(first)) => found.push(duplicate(name, &full, first.get(), key, file)),
                    Some(Entry::Vacant(slot)) => {
                        slot.insert(key);
                    }
                    None => {}
                }
            }
        }
        Node::Alias => {}
    }
}

fn duplicate(name: &str, full: &str, first: &Marked, second: &Marked, file: &Path) -> Diagnostic {
    Diagnostic::error(format!(
        "key `{name}` is given twice in the same map: at line {}, column {} and again at line {}, column {}",
        first.line, first.column, second.line, second.column
    ))
    .at(Location::at(file, second.line, second.column))
    .key(full)
    .hint(format!(
        "keep one of them: YAML keeps only the last, so the `{name}:` at line {} would be silently ignored",
        first.line
    ))
}

/// The first bidi control, control character (an escape sequence, a bell,
/// a NUL) or byte-order mark of the scalar `text`, pointed at where it
/// stands in the source when it can be found there (written as itself or
/// as a `\u` escape), else at the scalar. Line breaks and tabs are text.
fn bidi_control(text: &str, node: &Marked, path: &str, source: &Source, file: &Path) -> Option<Diagnostic> {
    let control = text.chars().find(|c| is_bidi_control(*c) || is_hidden_control(*c))?;
    let (line, column) = source.find(node.line, node.column, control).unwrap_or((node.line, node.column));
    let hint = if is_bidi_control(control) {
        "delete it (and any other bidi control in the text): kalem orders right-to-left and left-to-right text itself, and this character would change the order a reader sees, or the number dialled"
    } else {
        "delete it: it prints as nothing (or stops the PDF), and a reader's tools and the accessible PDF refuse it; a line break is a new line, a space a space"
    };
    Some(Diagnostic::error(format!("the text holds an invisible {} character", describe(control))).at(Location::at(file, line, column)).key(path).hint(hint))
}

/// Control characters other than line breaks and tabs, the byte-order
/// mark inside a text, and Unicode's noncharacters (U+FFFF and its kind),
/// which no font draws and the accessible PDF refuses.
fn is_hidden_control(c: char) -> bool {
    let noncharacter = matches!(c as u32, 0xFDD0..=0xFDEF) || (c as u32 & 0xFFFE) == 0xFFFE;
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{feff}' || noncharacter
}

/// A file's text with where each of its lines starts, so that a place
/// can be found without reading the file from its start each time.
struct Source<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Source<'a> {
        Source { text, line_starts: std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect() }
    }

    /// The line and column (from 1, in characters) of the first place at
    /// or after `line`:`column` where `c` is written, as itself or as a
    /// `\u` or `\U` escape.
    fn find(&self, line: usize, column: usize, c: char) -> Option<(usize, usize)> {
        let escapes = [format!("\\u{:04x}", c as u32), format!("\\U{:08x}", c as u32)];
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let (mut l, mut col) = (line, 1);
        for (i, ch) in self.text[start..].char_indices() {
            if col >= column || l > line {
                let rest = &self.text.as_bytes()[start + i..];
                let escaped = escapes.iter().map(|e| e.as_bytes()).any(|e| rest.get(..2) == e.get(..2) && rest.get(2..e.len()).is_some_and(|hex| hex.eq_ignore_ascii_case(&e[2..])));
                if ch == c || escaped {
                    return Some((l, col));
                }
            }
            if ch == '\n' {
                (l, col) = (l + 1, 1);
            } else {
                col += 1;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(source: &str) -> Diagnostics {
        parse(source, Path::new("kalem.yaml")).err().unwrap_or_default()
    }

    #[test]
    fn a_key_given_twice_names_both_places() {
        let found = problems("contacts:\n  yimer157:\n    number: \"157\"\n  alo183:\n    number: \"183\"\n  yimer157:\n    number: \"175\"\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.location, Some(Location::at("kalem.yaml", 6, 3)));
        assert_eq!(d.key.as_deref(), Some("contacts.yimer157"));
        assert!(d.message.contains("line 2, column 3") && d.message.contains("line 6, column 3"), "{}", d.message);
        assert!(d.hint.as_deref().unwrap_or("").contains("keep one"), "{d:?}");
    }

    #[test]
    fn keys_may_repeat_in_different_maps() {
        assert!(problems("a:\n  x: 1\nb:\n  x: 2\nlist:\n  - {k: 1}\n  - {k: 2}\n").is_empty());
    }

    #[test]
    fn a_bidi_control_is_pointed_at_where_it_stands() {
        let found = problems("contacts:\n  yimer157:\n    number: \"0850 \u{202E}751\"\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.message, "the text holds an invisible U+202E RIGHT-TO-LEFT OVERRIDE character");
        assert_eq!(d.location, Some(Location::at("kalem.yaml", 3, 19)));
        assert_eq!(d.key.as_deref(), Some("contacts.yimer157.number"));
        assert!(d.hint.as_deref().unwrap_or("").contains("kalem orders"), "{d:?}");
    }

    #[test]
    fn an_escaped_bidi_control_is_found_too() {
        let found = problems("a:\n  - ok\n  - \"x \\u202e751\\u202C\"\n");
        let d = &found[0];
        assert!(d.message.contains("U+202E RIGHT-TO-LEFT OVERRIDE"), "{d:?}");
        assert_eq!(d.location, Some(Location::at("kalem.yaml", 3, 8)));
        assert_eq!(d.key.as_deref(), Some("a"));
    }

    #[test]
    fn every_bidi_control_is_refused_and_other_invisibles_are_not() {
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}'] {
            assert_eq!(problems(&format!("k: a{c}b\n")).len(), 1, "{}", describe(c));
        }
        assert!(problems("k: \"نامه\u{200C}ای\"\n").is_empty());
    }

    #[test]
    fn control_characters_byte_order_marks_and_noncharacters_are_refused() {
        for (yaml, line, column) in [("a:\n  b: \"x\\u0007y\"\n", 2, 8), ("a: \"\\e[31mred\"\n", 1, 4), ("a: \"\\uFEFFBaşlık\"\n", 1, 5), ("a: \"x\\uFFFF\"\n", 1, 6), ("k: \"\\x85\"\n", 1, 4)] {
            let found = problems(yaml);
            assert_eq!(found.len(), 1, "{yaml}: {found:#?}");
            assert_eq!(found[0].location, Some(Location::at("kalem.yaml", line, column)), "{yaml}");
        }
        assert!(problems("a: \"line\\nbreak\\tand tab\"\nb: |\n  two\n  lines\n").is_empty());
    }

    #[test]
    fn a_map_of_many_keys_is_checked_quickly() {
        let source: String = (0..100_000).map(|i| format!("k{i}: v\n")).collect::<String>() + "k7: again\n";
        let started = std::time::Instant::now();
        let found = problems(&source);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        let source: String = (0..100_000).map(|i| format!("k{i}: \"\u{202E}{i}\"\n")).collect();
        let started = std::time::Instant::now();
        assert_eq!(problems(&source).len(), 100_000);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn a_syntax_error_is_worded_by_the_typed_parser() {
        let found = problems("format: \"a4\nlanguages: [tr]\n");
        assert_eq!(found[0].location, Some(Location::at("kalem.yaml", 1, 9)), "{found:#?}");
    }
}
