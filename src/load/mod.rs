//! Loading: reads the project's files (bounded, inside the project folder)
//! and parses YAML with positions. What the files mean is the model's
//! business ([`crate::model::open`]); this stage knows no brochure.

pub mod assets;
pub mod document;
pub mod edit;
pub mod exchange;
pub mod invisible;
pub mod marked;
pub mod nesting;
pub mod po;
pub mod spans;
pub mod table;
pub mod svg;
pub mod xliff;
pub mod yaml;

use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::sandbox::{self, ReadProblem, Refusal, read_bytes};

/// The project file's name.
pub const CONFIG_FILE: &str = "kalem.yaml";

/// Largest YAML file kalem reads, in bytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a text file of the project: inside the project folder (a link to
/// a file elsewhere is refused), UTF-8, a byte-order mark dropped, bounded
/// in size. `root` must be canonical.
pub fn read_text(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    let path = sandbox::resolve(root, file).map_err(|refusal| match refusal {
        Refusal::Outside => Diagnostic::error("file is outside the project folder: it links to a file elsewhere")
            .at(Location::file(file))
            .hint("copy the file into the project instead of linking to it"),
        Refusal::Missing => Diagnostic::error("cannot read file: it does not exist").at(Location::file(file)),
        other => Diagnostic::error(format!("cannot read file: it {}", other.what())).at(Location::file(file)).hint("replace the link with the file itself"),
    })?;
    let bytes = read_bytes(&path, MAX_FILE_BYTES).map_err(|problem| {
        let hint = match problem {
            ReadProblem::TooBig(_) => "split it or remove what does not belong",
            _ => "replace it with an ordinary file saved by your editor",
        };
        Diagnostic::error(problem.to_string()).at(Location::file(file)).hint(hint)
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
        Diagnostic::error("file is not valid UTF-8 text").at(Location::at(file, line, 0)).hint("save the file as UTF-8 in your editor")
    })?;
    nesting::check(&text, file)?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    match control_character(&text) {
        Some((c, line, column)) => Err(Diagnostic::error(format!("file holds the control character U+{:04X} at line {line}, column {column}", c as u32))
            .at(Location::at(file, line, column))
            .hint("delete it: a NUL or other control byte is not text (YAML stops reading at a NUL), so what follows would be lost or misread")),
        None => Ok(text),
    }
}

/// The first control character of `text` other than a line break, a
/// carriage return or a tab, with its line and column (from 1).
fn control_character(text: &str) -> Option<(char, usize, usize)> {
    let (at, c) = text.char_indices().find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((c, line, column))
}

