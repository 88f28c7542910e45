//! A YAML tree that remembers where each node stands, for translations
//! (whose every string needs its line) and for pointing at the place of an
//! error found after typed parsing.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deepest nesting accepted; deeper input is refused, not recursed into.
pub const MAX_DEPTH: usize = 64;

/// A YAML node with the line and column (from 1) where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    /// The node.
    pub node: Node,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// Whether the node is YAML's null: `~`, `null` or nothing, unquoted.
    pub null: bool,
}

/// The kinds of YAML node kalem reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A scalar, as written (quotes removed).
    Scalar(String),
    /// A sequence.
    Seq(Vec<Marked>),
    /// A mapping in source order; keys are scalars.
    Map(Vec<(Marked, Marked)>),
    /// An alias (`*name`); kalem does not expand these in marked trees.
    Alias,
}

/// One step of a path into a tree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index.
    Index(usize),
}

/// A YAML error with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// What the YAML scanner said.
    pub message: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What to do, when kalem (not the YAML scanner) refused the text.
    pub hint: Option<String>,
}

impl SyntaxError {
    fn refused(mark: Marker, message: String, hint: &str) -> SyntaxError {
        SyntaxError { message, line: mark.line(), column: mark.col() + 1, hint: Some(hint.to_string()) }
    }
}

impl Marked {
    /// Parses one YAML document; an empty document is an empty mapping.
    pub fn parse(source: &str) -> Result<Marked, SyntaxError> {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(source);
        parser.load(&mut builder, true).map_err(|e| SyntaxError {
            message: e.info().to_string(),
            line: e.marker().line(),
            column: e.marker().col() + 1,
            hint: None,
        })?;
        if let Some(err) = builder.refused {
            return Err(err);
        }
        Ok(builder.root.unwrap_or(Marked { node: Node::Map(Vec::new()), line: 1, column: 1, null: false }))
    }

    /// The node at `path`, if there is one.
    pub fn get(&self, path: &[Step]) -> Option<&Marked> {
        let Some((first, rest)) = path.split_first() else { return Some(self) };
        let child = match (&self.node, first) {
            (Node::Map(entries), Step::Key(k)) => entries.iter().find(|(key, _)| key.as_str() == Some(k)).map(|(_, v)| v),
            (Node::Seq(items), Step::Index(i)) => items.get(*i),
            _ => None,
        }?;
        child.get(rest)
    }

    /// The deepest node along `path` that exists: the best place to point at
    /// when the full path is not there.
    pub fn nearest(&self, path: &[Step]) -> &Marked {
        (0..=path.len()).rev().find_map(|n| self.get(&path[..n])).unwrap_or(self)
    }

    /// The key node (not the value) of the last step of `path`, when the last
    /// step is a mapping key.
    pub fn key_of(&self, path: &[Step]) -> Option<&Marked> {
        let (last, parent) = path.split_last()?;
        let Step::Key(k) = last else { return None };
        match &self.get(parent)?.node {
            Node::Map(entries) => entries.iter().find(|(key, _)| key.as_str() == Some(k)).map(|(key, _)| key),
            _ => None,
        }
    }

    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.node {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Default)]
struct Builder {
    root: Option<Marked>,
    stack: Vec<(Marked, Option<Marked>)>,
    /// The first thing refused: nesting too deep, a tag, a second document.
    refused: Option<SyntaxError>,
    documents: usize,
}

impl Builder {
    fn push_value(&mut self, value: Marked) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some((parent, pending_key)) => match &mut parent.node {
                Node::Seq(items) => items.push(value),
                Node::Map(entries) => match pending_key.take() {
                    None => *pending_key = Some(value),
                    Some(key) => entries.push((key, value)),
                },
                _ => {}
            },
        }
    }

    fn open(&mut self, node: Node, mark: Marker) {
        if self.stack.len() >= MAX_DEPTH {
            self.refuse(mark, format!("nested more than {MAX_DEPTH} levels deep"), "flatten the structure: no file of kalem nests that deep");
            // Keep the structure balanced; the error is reported at the end.
        }
        self.stack.push((Marked { node, line: mark.line(), column: mark.col() + 1, null: false }, None));
    }

    fn refuse(&mut self, mark: Marker, message: String, hint: &str) {
        self.refused.get_or_insert_with(|| SyntaxError::refused(mark, message, hint));
    }

    /// Refuses every tag but `!!str`: kalem includes nothing and converts
    /// nothing, so `!include /etc/passwd` would print its path as text.
    fn check_tag(&mut self, tag: Option<&Tag>, mark: Marker) {
        let Some(tag) = tag else { return };
        let core = tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!";
        if !(core && tag.suffix == "str") {
            let written = if core { format!("!!{}", tag.suffix) } else { format!("{}{}", tag.handle, tag.suffix) };
            self.refuse(mark, format!("the YAML tag `{written}` is not understood by kalem"), "delete the tag: kalem reads no tags (it includes no other file); to keep a value as text, put it in quotes");
        }
    }

    fn close(&mut self) {
        if let Some((node, _)) = self.stack.pop() {
            self.push_value(node);
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = |node, null| Marked { node, line: mark.line(), column: mark.col() + 1, null };
        match event {
            Event::Scalar(value, style, _, tag) => {
                self.check_tag(tag.as_ref(), mark);
                if style == TScalarStyle::Plain && tag.is_none() && is_not_finite(&value) {
                    self.refuse(mark, format!("`{value}` is not a number kalem can use (infinite or not a number)"), "write a finite number; to keep the text as it is, put it in quotes");
                }
                let null = tag.is_none() && style == TScalarStyle::Plain && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL");
                self.push_value(at(Node::Scalar(value), null));
            }
            Event::Alias(_) => self.push_value(at(Node::Alias, false)),
            Event::SequenceStart(_, tag) => {
                self.check_tag(tag.as_ref(), mark);
                self.open(Node::Seq(Vec::new()), mark);
            }
            Event::MappingStart(_, tag) => {
                self.check_tag(tag.as_ref(), mark);
                self.open(Node::Map(Vec::new()), mark);
            }
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents > 1 {
                    self.refuse(mark, "a second YAML document starts here (after `---`)".into(), "a file of kalem holds one document: move what follows `---` into the first one, or delete it");
                }
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            _ => {}
        }
    }
}

/// Whether a plain scalar is a float YAML or Rust reads as infinite or not
/// a number: `.inf`, `-.Inf`, `.nan`, or `1e999`, which overflows.
fn is_not_finite(value: &str) -> bool {
    let special = matches!(value.trim_start_matches(['+', '-']), ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN");
    let numeric = value.chars().all(|c| c.is_ascii_digit() || "+-.eE_".contains(c));
    special || (numeric && value.parse::<f64>().is_ok_and(|f| !f.is_finite()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nodes_with_their_lines_and_columns() {
        let tree = Marked::parse("a:\n  b: x\n  list:\n    - one\n    - two\n").unwrap();
        let b = tree.get(&[Step::Key("a"), Step::Key("b")]).unwrap();
        assert_eq!((b.as_str(), b.line, b.column), (Some("x"), 2, 6));
        let two = tree.get(&[Step::Key("a"), Step::Key("list"), Step::Index(1)]).unwrap();
        assert_eq!((two.as_str(), two.line, two.column), (Some("two"), 5, 7));
        let key = tree.key_of(&[Step::Key("a"), Step::Key("list")]).unwrap();
        assert_eq!((key.line, key.column), (3, 3));
    }

    #[test]
    fn nearest_falls_back_to_the_deepest_existing_node() {
        let tree = Marked::parse("a:\n  b: x\n").unwrap();
        assert_eq!(tree.nearest(&[Step::Key("a"), Step::Key("zz")]).line, 2);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = Marked::parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.line >= 1, "{err:?}");
    }

    #[test]
    fn tags_other_than_str_are_refused_with_their_place() {
        let err = Marked::parse("a:\n  b: !include /etc/passwd\n").unwrap_err();
        assert_eq!(err.line, 2, "{err:?}");
        assert!(err.message.contains("`!include`") && err.hint.is_some(), "{err:?}");
        for yaml in ["a: !!binary aGVsbG8=\n", "a: !!int 3\n", "a: !x [1]\n", "a: !<tag:x> {b: 1}\n"] {
            assert!(Marked::parse(yaml).is_err(), "{yaml}");
        }
        assert_eq!(Marked::parse("a: !!str 157\n").unwrap().get(&[Step::Key("a")]).unwrap().as_str(), Some("157"));
    }

    #[test]
    fn infinite_and_nan_numbers_are_refused() {
        for yaml in ["max_ink: .nan\n", "a: [-.inf]\n", "a: +.INF\n", "a: 1e999\n"] {
            assert!(Marked::parse(yaml).unwrap_err().message.contains("not a number kalem can use"), "{yaml}");
        }
        assert!(Marked::parse("a: \".nan\"\nb: Infinity\nc: 1e300\n").is_ok());
    }

    #[test]
    fn a_second_document_is_refused_where_it_starts() {
        let err = Marked::parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(err.line, 2, "{err:?}");
        assert!(err.message.contains("second YAML document"), "{err:?}");
        assert!(Marked::parse("---\na: 1\n...\n").is_ok());
    }

    #[test]
    fn nulls_are_told_from_text() {
        let tree = Marked::parse("a: ~\nb:\nc: null\nd: \"~\"\ne: ''\n").unwrap();
        let null = |k| tree.get(&[Step::Key(k)]).unwrap().null;
        assert_eq!(["a", "b", "c", "d", "e"].map(null), [true, true, true, false, false]);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        let err = Marked::parse(&deep).unwrap_err();
        assert!(err.message.contains("nested"), "{err:?}");
    }

    #[test]
    fn a_million_levels_are_refused_on_a_small_stack() {
        let deep = format!("a: {}{}\nb: [x]\n", "[".repeat(1_000_000), "]".repeat(1_000_000));
        let parsed = std::thread::Builder::new().stack_size(256 << 10).spawn(move || Marked::parse(&deep).map(drop)).unwrap().join().unwrap();
        let err = parsed.unwrap_err();
        assert!(err.message.contains("nested") || err.message.contains("recursion limit"), "{err:?}");
    }
}
