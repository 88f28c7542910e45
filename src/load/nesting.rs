//! How deeply a YAML text nests flow collections (`[`, `{`), found by one
//! cheap pass before any parser sees it: the YAML parsers take quadratic
//! time in the depth (100,000 brackets took over 30 s), and no kalem file
//! needs more than a few levels.

use std::path::Path;

use crate::diag::{Diagnostic, Location};

/// Most levels of `[` and `{` one YAML file may nest.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Refuses `text` (of `file`) when its flow collections nest deeper than
/// [`MAX_FLOW_DEPTH`], naming the line and column where they do. Brackets
/// inside quoted text and comments do not count.
pub fn check(text: &str, file: &Path) -> Result<(), Diagnostic> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut quote: Option<char> = None;
    let (mut comment, mut previous) = (false, '\n');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        if c == '\n' {
            (line, column, comment) = (line + 1, 0, false);
            if quote.is_none() {
                previous = c;
            }
            continue;
        }
        match (quote, c) {
            _ if comment => {}
            (Some('"'), '\\') => {
                chars.next();
                column += 1;
            }
            (Some('\''), '\'') if chars.peek() == Some(&'\'') => {
                chars.next();
                column += 1;
            }
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '#') if previous.is_whitespace() => comment = true,
            // A quote opens a quoted scalar only where a value can start;
            // an apostrophe inside plain text (`İstanbul'da`) does not.
            (None, '"' | '\'') if previous.is_whitespace() || matches!(previous, '[' | '{' | ',' | ':') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(Diagnostic::error(format!("brackets `[` and `{{` nest more than {MAX_FLOW_DEPTH} levels deep here"))
                        .at(Location::at(file, line, column))
                        .hint("write lists and maps in block style (one `- item` or `key: value` per line); no kalem file needs this depth"));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        if quote.is_none() || c == '"' || c == '\'' {
            previous = c;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> Option<String> {
        check(text, Path::new("translations/tr.yaml")).err().map(|d| format!("{} {:?}", d.message, d.location.map(|l| l.to_string())))
    }

    #[test]
    fn ordinary_files_pass_and_deep_brackets_are_placed() {
        assert_eq!(depth_error("a: [1, {b: [2]}]\ntext: \"[[[[\" # [[[[\nname: İstanbul'da [x]\n"), None);
        let quoted = format!("a: '{}'\nb: \"{}\"\n", "[".repeat(500), "{\\\"".repeat(500));
        assert_eq!(depth_error(&quoted), None);
        let deep = format!("ok: 1\nlist: {}\n", "[".repeat(100_000));
        let found = depth_error(&deep).expect("too deep");
        assert!(found.contains("nest more than 64 levels") && found.contains("translations/tr.yaml:2:"), "{found}");
        let hidden = format!("text: it's {}\n", "{".repeat(65));
        assert!(depth_error(&hidden).is_some(), "an apostrophe in plain text opens no quote");
    }
}
