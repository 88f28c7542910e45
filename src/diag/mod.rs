//! Diagnostics: errors and warnings as values, printed once at the end.
//!
//! Every stage returns [`Diagnostic`]s instead of printing. A diagnostic names
//! where the problem is (file, line, column), what is wrong (a lowercase
//! message), the translation key and language when there is one, and what to
//! do about it (a hint).

use std::fmt;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

mod blocker;

pub use blocker::Blocker;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The output can still be written, but someone should look.
    Warning,
    /// The output is written as a draft and may not be released.
    Blocker(Blocker),
    /// The output cannot be written as asked.
    Error,
}

/// A place in a source file; line and column count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, relative to the project root when it is inside it.
    pub file: PathBuf,
    /// Line number, from 1; 0 when only the file is known.
    pub line: usize,
    /// Column number, from 1; 0 when only the line is known.
    pub column: usize,
}

impl Location {
    /// A location that names a whole file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self { file: file.into(), line: 0, column: 0 }
    }

    /// A location at a line and column of a file.
    pub fn at(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Self { file: file.into(), line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escape(&self.file.display().to_string()))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// One problem found anywhere in the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
    /// Where it is, when known.
    pub location: Option<Location>,
    /// The translation key concerned, if any.
    pub key: Option<String>,
    /// The language concerned, if any.
    pub lang: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with a message.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    /// A warning with a message.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    /// A release blocker of a kind, with a message.
    pub fn blocker(kind: Blocker, message: impl Into<String>) -> Self {
        Self::new(Severity::Blocker(kind), message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Self { severity, message: message.into(), location: None, key: None, lang: None, hint: None }
    }

    /// Attaches a location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Attaches a location if there is one.
    pub fn at_opt(mut self, location: Option<Location>) -> Self {
        if location.is_some() {
            self.location = location;
        }
        self
    }

    /// Names the translation key concerned.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Names the language concerned.
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Says what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The message, followed by the language and key when the message does
    /// not already name them.
    pub fn headline(&self) -> String {
        let mut line = self.message.clone();
        if let Some(lang) = self.lang.as_ref().filter(|l| !self.message.contains(&format!("language {l}"))) {
            line.push_str(&format!(" [language {lang}]"));
        }
        if let Some(key) = self.key.as_ref().filter(|k| !self.message.contains(&format!("`{k}`"))) {
            line.push_str(&format!(" [key {key}]"));
        }
        line
    }

    /// The diagnostic as a JSON object with a stable shape: `severity`,
    /// `message`, `file`, `line`, `column`, `key`, `lang`, `hint` (absent
    /// values are null).
    pub fn to_json(&self) -> serde_json::Value {
        let location = self.location.as_ref();
        serde_json::json!({
            "severity": self.severity.label(),
            "blocker": self.blocks().map(Blocker::name),
            "message": self.message,
            "file": location.map(|l| l.file.display().to_string()),
            "line": location.map(|l| l.line).filter(|l| *l > 0),
            "column": location.map(|l| l.column).filter(|c| *c > 0),
            "key": self.key,
            "lang": self.lang,
            "hint": self.hint,
        })
    }

    /// Whether this diagnostic stops the output.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The kind of release blocker this diagnostic is, if it is one.
    pub fn blocks(&self) -> Option<Blocker> {
        match self.severity {
            Severity::Blocker(kind) => Some(kind),
            Severity::Warning | Severity::Error => None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Blocker(kind) => format!("blocker ({kind})"),
            other => other.label().to_string(),
        };
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{label}: {}", escape(&self.headline()))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", escape(hint))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

impl Severity {
    /// `error`, `blocker` or `warning`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Blocker(_) => "blocker",
            Severity::Warning => "warning",
        }
    }
}

/// Diagnostics collected by a stage; errors and warnings together.
pub type Diagnostics = Vec<Diagnostic>;

/// Whether any of the diagnostics is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Prints diagnostics to standard error, with the offending source line and a
/// caret when the file can be read, in colour when standard error is a
/// terminal.
pub fn emit(diagnostics: &[Diagnostic], root: &Path) {
    let choice = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    let writer = termcolor::StandardStream::stderr(choice);
    let config = term::Config::default();
    for diagnostic in diagnostics {
        let rendered = render_with_source(diagnostic, root)
            .and_then(|(file, cs)| term::emit(&mut writer.lock(), &config, &file, &cs).ok());
        if rendered.is_none() {
            eprintln!("{diagnostic}");
        }
    }
}

fn render_with_source(
    diagnostic: &Diagnostic,
    root: &Path,
) -> Option<(SimpleFile<String, String>, CsDiagnostic<()>)> {
    let location = diagnostic.location.as_ref().filter(|l| l.line > 0)?;
    let path = if location.file.is_absolute() { location.file.clone() } else { root.join(&location.file) };
    let source = std::fs::read_to_string(path).ok()?;
    let range = byte_range(&source, location.line, location.column)?;
    let mut cs = match diagnostic.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
        Severity::Blocker(kind) => CsDiagnostic::warning().with_code(format!("blocker: {kind}")),
    };
    cs = cs.with_message(escape(&diagnostic.headline())).with_labels(vec![Label::primary((), range)]);
    if let Some(hint) = &diagnostic.hint {
        cs = cs.with_notes(vec![format!("hint: {}", escape(hint))]);
    }
    Some((SimpleFile::new(escape(&location.file.display().to_string()), blank_controls(&source)), cs))
}

/// `text` with every control character (escape sequences, bells,
/// backspaces, line breaks) written as a visible `\u{..}` escape, so that
/// what kalem prints cannot drive or fool the terminal.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unprintable(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters, and the invisible ones that reorder or hide text.
fn is_unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A source file with its control characters (other than line breaks and
/// tabs) replaced by as many `?` as they take bytes, so that byte ranges
/// into it still hold.
fn blank_controls(source: &str) -> String {
    source.chars().map(|c| if is_unprintable(c) && c != '\n' && c != '\t' { "?".repeat(c.len_utf8()) } else { c.to_string() }).collect()
}

/// The byte range of the token at a line and column: up to the end of the
/// word (or one character when the column points at punctuation).
fn byte_range(source: &str, line: usize, column: usize) -> Option<std::ops::Range<usize>> {
    let line_start: usize = source.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let text = source[line_start..].lines().next()?;
    let offset: usize = text.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
    let rest = &text[offset.min(text.len())..];
    let len = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ':' | ',' | ']' | '}'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len())
        .max(rest.chars().next().map_or(0, char::len_utf8));
    let start = line_start + offset.min(text.len());
    Some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_place_key_language_and_hint() {
        let d = Diagnostic::error("missing translation")
            .at(Location::at("translations/ar.yaml", 3, 5))
            .key("cover.title")
            .lang("ar")
            .hint("add it");
        assert_eq!(
            d.to_string(),
            "translations/ar.yaml:3:5: error: missing translation [language ar] [key cover.title]\n  hint: add it"
        );
    }

    #[test]
    fn byte_range_covers_the_word_at_the_column() {
        let src = "a: 1\nformat: a4-trfold\n";
        let r = byte_range(src, 2, 9).unwrap();
        assert_eq!(&src[r], "a4-trfold");
    }

    #[test]
    fn control_characters_are_printed_escaped() {
        let d = Diagnostic::error("unknown key `a\u{1b}]0;pwned\u{7}`").at(Location::file("brochures/x\u{1b}[2J.yaml")).hint("\u{202e}fix");
        assert_eq!(d.to_string(), "brochures/x\\u{1b}[2J.yaml: error: unknown key `a\\u{1b}]0;pwned\\u{7}`\n  hint: \\u{202e}fix");
        assert_eq!(blank_controls("a\u{1b}b\n\u{85}"), "a?b\n??");
    }
}
