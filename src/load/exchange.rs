//! Reading what translators' tools give back: XLIFF 1.2 (and 1.1, as
//! translate-toolkit writes it) or PO, as written by kalem or by any
//! tool, into plain units: an id, the source and target text, the state
//! and where the unit stands in the file. What the units mean is the
//! model's business; a file that does not parse is an error with line
//! and column.

use super::{po, xliff};

/// Largest exchange file kalem reads, in bytes: the samples' whole
/// project exports to about 400 KB.
pub const MAX_EXCHANGE_BYTES: u64 = 16 * 1024 * 1024;

/// Most units one file may hold.
pub const MAX_UNITS: usize = 100_000;

/// One unit as a file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Received {
    /// The unit's id as written: kalem's (`key#3`), or what a converter
    /// made of it.
    pub id: String,
    /// Other names the file gives the unit (a PO reference, an XLIFF
    /// location context), tried when `id` is not kalem's.
    pub aliases: Vec<String>,
    /// The source text, if the file has it.
    pub source: Option<String>,
    /// The translation; `None` when the file has none.
    pub target: Option<String>,
    /// The state in XLIFF 1.2's words (`translated`, `needs-review-
    /// translation`, …); PO's fuzzy is `needs-review-translation`, an
    /// empty `msgstr` `new`.
    pub state: Option<String>,
    /// The language of the translation, if the file says.
    pub lang: Option<String>,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

/// A file that cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// What is wrong.
    pub message: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl ReadError {
    /// An error at a byte offset of `text`.
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> ReadError {
        let (line, column) = position(text, offset);
        ReadError { message: message.into(), line, column }
    }
}

/// Line and column (from 1, in characters) of a byte offset of `text`.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// The units of an exchange file's text (a byte-order mark is dropped,
/// CRLF line ends are read as LF): XLIFF when it starts with `<`, else PO.
pub fn read(text: &str) -> Result<Vec<Received>, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let units = if text.trim_start().starts_with('<') { xliff::read(text)? } else { po::read(text)? };
    if units.len() > MAX_UNITS {
        return Err(ReadError { message: format!("the file holds {} units, more than the {MAX_UNITS} kalem reads", units.len()), line: 1, column: 1 });
    }
    Ok(units)
}

/// `%23` and other percent escapes of an id decoded (translate-toolkit
/// writes `key#3` as `key%233` in PO references); `None` when they do
/// not decode to UTF-8.
pub fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_ids_decode() {
        assert_eq!(position("ab\nçd", 5), (2, 2));
        assert_eq!(percent_decoded("signs.items%233").as_deref(), Some("signs.items#3"));
        assert_eq!(percent_decoded("a%2").as_deref(), Some("a%2"));
    }
}
