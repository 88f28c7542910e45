//! Rewriting scalar values of a YAML file in place: each new value goes
//! where the old one stood, in the old one's style where the new text
//! allows it (plain, quoted, or a folded or literal block at the same
//! indentation), else in double quotes. Comments, key order, blank lines
//! and every other value stay byte for byte. The caller parses the result
//! again and compares it with what it meant to write.

use super::spans::{Style, ValueSpan};

/// Longest line a folded block is wrapped to, indentation included.
const WRAP: usize = 80;

/// A value that cannot be rewritten in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    /// Line of the value, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// `source` with each span's value replaced by its new text.
pub fn apply(source: &str, changes: &[(&ValueSpan, &str)]) -> Result<String, EditError> {
    let newline = if source.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edits = changes
        .iter()
        .map(|(span, text)| {
            let end = value_end(source, span).ok_or_else(|| EditError { line: span.line, message: "kalem cannot find where this value ends".into() })?;
            Ok((span.start, end, render(source, span, end, text, newline)))
        })
        .collect::<Result<Vec<_>, EditError>>()?;
    edits.sort_by_key(|(start, ..)| std::cmp::Reverse(*start));
    let mut out = source.to_string();
    for (start, end, text) in edits {
        out.replace_range(start..end, &text);
    }
    Ok(out)
}

/// Where the value of `span` ends (exclusive), after its closing quote or
/// its last line, before any comment.
fn value_end(source: &str, span: &ValueSpan) -> Option<usize> {
    let text = source.get(span.start..span.bound)?;
    let relative = match span.style {
        Style::Double => quoted_end(text, '"'),
        Style::Single => quoted_end(text, '\''),
        Style::Plain => Some(plain_end(text, span)),
        Style::Literal | Style::Folded => Some(block_end(text, span.parent_column)),
    }?;
    Some(span.start + relative)
}

/// After the closing quote of a quoted scalar starting at `text[0]`.
fn quoted_end(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            c if c == quote => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The end of a plain scalar: its first line up to a comment, then the
/// lines indented beyond its parent, up to a comment line.
fn plain_end(text: &str, span: &ValueSpan) -> usize {
    let cut = |line: &str| -> usize {
        let mut end = line.len();
        if let Some(i) = line.find(" #").or_else(|| line.find("\t#")) {
            end = i;
        }
        if span.flow {
            end = line[..end].find([',', ']', '}']).unwrap_or(end);
        }
        line[..end].trim_end().len()
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let mut end = cut(first.trim_end_matches(['\n', '\r']));
    if span.flow || first.contains(" #") {
        return end;
    }
    let mut offset = first.len();
    for line in lines {
        let body = line.trim_end_matches(['\n', '\r']);
        let content = body.trim_start();
        let indent = body.len() - content.len();
        if !content.is_empty() {
            if content.starts_with('#') || indent <= span.parent_column {
                break;
            }
            end = offset + indent + cut(content);
            if content.contains(" #") {
                break;
            }
        }
        offset += line.len();
    }
    end
}

/// The end of a block scalar: the last non-blank line indented beyond
/// its parent.
fn block_end(text: &str, parent_column: usize) -> usize {
    let mut lines = text.split_inclusive('\n');
    let header = lines.next().unwrap_or("");
    let mut end = header.trim_end_matches(['\n', '\r']).len();
    let mut offset = header.len();
    for line in lines {
        let body = line.trim_end_matches(['\n', '\r']);
        let content = body.trim_start_matches(' ');
        if !content.trim().is_empty() {
            if body.len() - content.len() <= parent_column {
                break;
            }
            end = offset + body.trim_end().len();
        }
        offset += line.len();
    }
    end
}

/// The new value written in the old one's style where it can be.
fn render(source: &str, span: &ValueSpan, end: usize, text: &str, newline: &str) -> String {
    let old = &source[span.start..end];
    let kept = match span.style {
        Style::Plain => plain_ok(text, span.flow).then(|| text.to_string()),
        Style::Single => (!text.chars().any(char::is_control)).then(|| format!("'{}'", text.replace('\'', "''"))),
        Style::Double => None,
        Style::Literal | Style::Folded => block(old, span, text, newline),
    };
    kept.unwrap_or_else(|| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into()))
}

/// Whether `text` reads back as the same string when written plain.
fn plain_ok(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let special = "-?:,[]{}#&*!|>'\"%@`";
    let looks_typed = text.parse::<f64>().is_ok() || ["true", "false", "null", "~", "yes", "no", "on", "off"].contains(&text.to_lowercase().as_str());
    !special.contains(first)
        && !text.ends_with([' ', '\t', ':'])
        && !text.chars().any(|c| c.is_control())
        && !text.contains(": ")
        && !text.contains(" #")
        && !(flow && text.contains([',', '[', ']', '{', '}']))
        && !first.is_whitespace()
        && !looks_typed
}

/// `text` as a block scalar with the old one's header and indentation, or
/// `None` when the header has options kalem does not write or the text
/// cannot be written that way.
fn block(old: &str, span: &ValueSpan, text: &str, newline: &str) -> Option<String> {
    let header_line = old.split(['\r', '\n']).next()?;
    let header = header_line.split(" #").next()?.trim_end();
    let clip = match &header[1..] {
        "-" => false,
        "" => true,
        _ => return None,
    };
    let body = if clip { text.strip_suffix('\n')? } else { text };
    let indent = old.split('\n').skip(1).map(|l| l.trim_end_matches('\r')).find(|l| !l.trim().is_empty()).map_or(span.parent_column + 2, |l| l.len() - l.trim_start_matches(' ').len());
    if body.is_empty() || (body.contains('\n') && span.style == Style::Folded) || body.ends_with('\n') || body.starts_with([' ', '\t']) || body.chars().any(|c| c.is_control() && c != '\n') {
        return None;
    }
    let lines: Vec<String> = match span.style {
        Style::Folded => fold(body, WRAP.saturating_sub(indent).max(20))?,
        _ => body.split('\n').map(str::to_string).collect(),
    };
    let pad = " ".repeat(indent);
    let written: Vec<String> = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") }).collect();
    Some(format!("{header_line}{newline}{}", written.join(newline)))
}

/// A one-line text broken at single spaces into lines of at most `width`
/// characters where it can be, so that folding joins them back with one
/// space each; `None` when it has spaces folding would not give back.
fn fold(text: &str, width: usize) -> Option<Vec<String>> {
    if text.contains("  ") || text.contains('\t') || text.ends_with(' ') {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        } else if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::super::spans::value_spans;
    use super::*;

    /// `source` with the value at `index` replaced by `text`.
    fn edit(source: &str, index: usize, text: &str) -> String {
        let spans = value_spans(source).unwrap();
        apply(source, &[(&spans[index], text)]).unwrap()
    }

    #[test]
    fn each_style_is_kept_and_nothing_else_moves() {
        let src = "# yorum\na: düz # sonra\nb: \"çift\" # c\nc: 'tek'\nd: >-\n  uzun bir\n  metin\n# son\ne: x\n";
        assert_eq!(edit(src, 0, "yeni"), src.replace("a: düz #", "a: yeni #"));
        assert_eq!(edit(src, 1, "a \"b\""), src.replace("\"çift\"", "\"a \\\"b\\\"\""));
        assert_eq!(edit(src, 2, "it's"), src.replace("'tek'", "'it''s'"));
        assert_eq!(edit(src, 3, "kısa metin"), src.replace("  uzun bir\n  metin", "  kısa metin"));
        assert_eq!(edit(src, 0, "a: b"), src.replace("a: düz #", "a: \"a: b\" #"));
    }

    #[test]
    fn multi_line_plain_values_and_list_items_end_where_they_end() {
        let src = "a: bir\n  iki\n  # yorum\nl:\n  - x\n  - y\n    z\n  - w\n";
        assert_eq!(edit(src, 0, "tek"), "a: tek\n  # yorum\nl:\n  - x\n  - y\n    z\n  - w\n");
        assert_eq!(edit(src, 2, "yz"), "a: bir\n  iki\n  # yorum\nl:\n  - x\n  - yz\n  - w\n");
    }

    #[test]
    fn folded_blocks_wrap_and_keep_crlf() {
        let long = "söz ".repeat(30).trim_end().to_string();
        let src = "a: >-\r\n    eski\r\nb: x\r\n";
        let out = edit(src, 0, &long);
        assert!(out.lines().skip(1).take_while(|l| l.starts_with("    ")).all(|l| l.trim_end_matches('\r').chars().count() <= WRAP), "{out}");
        assert!(out.ends_with("\r\nb: x\r\n") && !out.replace("\r\n", "").contains('\n'), "{out:?}");
        assert_eq!(value_spans(&out).unwrap()[0].value, long);
    }

    #[test]
    fn text_a_style_cannot_hold_goes_in_double_quotes() {
        let src = "a: >-\n  x\nb: 'y'\n";
        assert_eq!(edit(src, 0, "iki  boşluk"), "a: \"iki  boşluk\"\nb: 'y'\n");
        assert_eq!(edit(src, 1, "satır\nsatır"), "a: >-\n  x\nb: \"satır\\nsatır\"\n");
    }
}
