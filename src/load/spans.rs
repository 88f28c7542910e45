//! Where each scalar value of a YAML file stands in its text, byte for
//! byte, so that a value can be rewritten in place and everything around
//! it (comments, key order, quoting, blank lines) stays as it was.
//!
//! yaml-rust2 marks where a scalar starts, not where it ends; the end is
//! found here from the scalar's style, bounded by where the next event
//! starts. [`super::edit`] checks every edit by parsing the result again.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::marked::SyntaxError;

/// One step of the path to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A mapping key.
    Key(String),
    /// A sequence index, from 0.
    Index(usize),
}

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Without quotes.
    Plain,
    /// In `'single quotes'`.
    Single,
    /// In `"double quotes"`.
    Double,
    /// A `|` block.
    Literal,
    /// A `>` block.
    Folded,
}

/// A scalar value (not a key) with the place of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueSpan {
    /// Map keys and sequence indices from the root.
    pub path: Vec<Seg>,
    /// The value as parsed.
    pub value: String,
    /// How it is written.
    pub style: Style,
    /// Byte offset where it starts (its quote or block indicator).
    pub start: usize,
    /// Byte offset where the next event starts: the value ends before.
    pub bound: usize,
    /// The column (from 0) of its key or sequence dash: a plain or block
    /// value's lines are indented further.
    pub parent_column: usize,
    /// Whether it stands inside `[…]` or `{…}`.
    pub flow: bool,
    /// Line, from 1.
    pub line: usize,
}

/// Every scalar value of `source`, in order.
pub fn value_spans(source: &str) -> Result<Vec<ValueSpan>, SyntaxError> {
    let mut finder = Finder { lines: line_starts(source), source, ..Finder::default() };
    let mut parser = Parser::new_from_str(source);
    parser.load(&mut finder, false).map_err(|e| SyntaxError { message: e.info().to_string(), line: e.marker().line(), column: e.marker().col() + 1, hint: None })?;
    Ok(finder.spans)
}

/// Byte offsets of the starts of lines.
fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// The offset of the `|` or `>` that opens the block scalar whose text
/// starts at `content`: the last thing (comments aside) on a line before.
fn block_header(source: &str, content: usize) -> Option<usize> {
    let before = source.get(..content)?;
    let mut end = before.len();
    for raw in before.split_inclusive('\n').rev() {
        let start = end.checked_sub(raw.len())?;
        end = start;
        let line = raw.trim_end_matches(['\n', '\r']);
        let code = line.find(" #").map_or(line, |i| &line[..i]).trim_end();
        if code.trim().is_empty() {
            continue;
        }
        let options = code.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
        return options.ends_with(['|', '>']).then(|| start + options.len() - 1);
    }
    None
}

/// An open collection.
#[derive(Debug)]
enum Frame {
    /// A mapping and the key (with its column) waiting for its value.
    Map { key: Option<(String, usize)>, flow: bool },
    /// A sequence and the index of its next item.
    Seq { next: usize, flow: bool },
}

#[derive(Debug, Default)]
struct Finder<'a> {
    source: &'a str,
    lines: Vec<usize>,
    stack: Vec<Frame>,
    path: Vec<Seg>,
    spans: Vec<ValueSpan>,
    /// The last span, still waiting for its bound.
    open: Option<usize>,
}

impl Finder<'_> {
    /// The byte offset of a marker (line from 1, column from 0 in chars).
    fn offset(&self, mark: Marker) -> usize {
        let start = self.lines.get(mark.line().saturating_sub(1)).copied().unwrap_or(self.source.len());
        let line = &self.source[start..];
        start + line.char_indices().nth(mark.col()).map_or(line.len(), |(i, _)| i)
    }

    /// The column of the `-` before a sequence item starting at `at`.
    fn dash_column(&self, at: usize) -> usize {
        let line_start = self.source[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = &self.source[line_start..at];
        before.trim_end().strip_suffix('-').map_or(0, |b| b.chars().count())
    }

    /// Steps into a new node below the root: pushes its path step and
    /// gives the column of its key, or `None` for a sequence item.
    fn enter(&mut self) -> Option<usize> {
        let (step, column) = match self.stack.last_mut() {
            None => return None,
            Some(Frame::Map { key, .. }) => match key.take() {
                Some((name, column)) => (Seg::Key(name), Some(column)),
                // A collection as a key: kept in the path so that it stays
                // balanced; translation files refuse such keys.
                None => (Seg::Key(String::new()), Some(0)),
            },
            Some(Frame::Seq { next, .. }) => {
                *next += 1;
                (Seg::Index(*next - 1), None)
            }
        };
        self.path.push(step);
        column
    }

    fn in_flow(&self) -> bool {
        self.stack.iter().any(|f| matches!(f, Frame::Map { flow: true, .. } | Frame::Seq { flow: true, .. }))
    }

    fn scalar(&mut self, value: String, style: TScalarStyle, mark: Marker) {
        let at = self.offset(mark);
        if let Some(Frame::Map { key: key @ None, .. }) = self.stack.last_mut() {
            *key = Some((value, mark.col()));
            return;
        }
        if self.stack.is_empty() {
            return;
        }
        let parent_column = self.enter().unwrap_or_else(|| self.dash_column(at));
        let style = match style {
            TScalarStyle::SingleQuoted => Style::Single,
            TScalarStyle::DoubleQuoted => Style::Double,
            TScalarStyle::Literal => Style::Literal,
            TScalarStyle::Folded => Style::Folded,
            _ => Style::Plain,
        };
        let flow = self.in_flow();
        // A block scalar is marked where its text starts: its place is its
        // `|` or `>` header.
        let start = if matches!(style, Style::Literal | Style::Folded) { block_header(self.source, at).unwrap_or(at) } else { at };
        let line = self.source[..start].matches('\n').count() + 1;
        self.spans.push(ValueSpan { path: self.path.clone(), value, style, start, bound: self.source.len(), parent_column, flow, line });
        self.open = Some(self.spans.len() - 1);
        self.path.pop();
    }
}

impl MarkedEventReceiver for Finder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if let Some(i) = self.open.take() {
            let bound = self.offset(mark);
            if let Some(span) = self.spans.get_mut(i) {
                span.bound = bound.max(span.start);
            }
        }
        let flow = matches!(self.source.get(self.offset(mark)..).and_then(|s| s.chars().next()), Some('[' | '{'));
        match event {
            Event::Scalar(value, style, ..) => self.scalar(value, style, mark),
            Event::SequenceStart(..) => {
                self.enter();
                self.stack.push(Frame::Seq { next: 0, flow });
            }
            Event::MappingStart(..) => {
                self.enter();
                self.stack.push(Frame::Map { key: None, flow });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.stack.pop();
                if !self.stack.is_empty() {
                    self.path.pop();
                }
            }
            Event::Alias(_) if !self.stack.is_empty() => {
                self.enter();
                self.path.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(source: &str) -> Vec<(String, String, Style, String)> {
        value_spans(source)
            .unwrap()
            .into_iter()
            .map(|s| {
                let path = s.path.iter().map(|p| match p { Seg::Key(k) => k.clone(), Seg::Index(i) => i.to_string() }).collect::<Vec<_>>().join("/");
                (path, s.value, s.style, source[s.start..s.bound].to_string())
            })
            .collect()
    }

    #[test]
    fn values_have_paths_styles_and_start_at_their_first_character() {
        let found = spans("# c\nş:\n  a: düz # not\n  b: \"çift\"\nl:\n  - 'tek'\n  - - x\n    - >-\n      katlı\n");
        let rows: Vec<(&str, &str, Style)> = found.iter().map(|(p, v, s, _)| (p.as_str(), v.as_str(), *s)).collect();
        assert_eq!(rows, [("ş/a", "düz", Style::Plain), ("ş/b", "çift", Style::Double), ("l/0", "tek", Style::Single), ("l/1/0", "x", Style::Plain), ("l/1/1", "katlı", Style::Folded)]);
        assert!(found[0].3.starts_with("düz # not\n"), "{:?}", found[0].3);
        assert!(found[1].3.starts_with("\"çift\""), "{:?}", found[1].3);
        assert!(found[4].3.starts_with(">-\n      katlı"), "{:?}", found[4].3);
    }

    #[test]
    fn parent_columns_are_the_key_or_the_dash() {
        let found = value_spans("a:\n  b: x\nl:\n  -   y\n  - - z\n").unwrap();
        let columns: Vec<usize> = found.iter().map(|s| s.parent_column).collect();
        assert_eq!(columns, [2, 2, 4]);
        let flow = value_spans("a: [x, \"y\"]\n").unwrap();
        assert!(flow.iter().all(|s| s.flow));
    }
}
