//! Writing imported texts into a translation file in place: each value
//! is replaced where it stands ([`crate::load::edit`]), then the whole
//! file is parsed again and must hold exactly the old texts with the new
//! ones in their units, or nothing is written.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Location};
use crate::load::edit::apply;
use crate::load::read_text;
use crate::load::spans::{ValueSpan, value_spans};
use crate::model::Sources;
use crate::model::translations::Translations;
use crate::model::units::UnitId;

/// The byte-order mark some editors write.
const BOM: &str = "\u{feff}";

/// The file's text now and with `edits` made (a byte-order mark kept).
pub fn rewrite(sources: &Sources, table: &Translations, edits: &BTreeMap<UnitId, String>) -> Result<(String, String), Diagnostic> {
    let body = read_text(&sources.root, &table.file)?;
    let bom = std::fs::read(sources.root.join(&table.file)).is_ok_and(|b| b.starts_with(BOM.as_bytes()));
    let prefix = if bom { BOM } else { "" };
    let before = format!("{prefix}{body}");
    if edits.is_empty() {
        return Ok((before.clone(), before));
    }
    let failed = |line: usize, message: String| {
        Diagnostic::error(message)
            .at(Location::at(&table.file, line, 0))
            .hint("write that value in double quotes on one line in the translation file, then import again")
    };
    let spans = value_spans(&body).map_err(|e| failed(e.line, format!("the translation file does not parse: {}", e.message)))?;
    let by_unit: BTreeMap<UnitId, &ValueSpan> = spans.iter().filter_map(|s| UnitId::from_path(&s.path).map(|id| (id, s))).collect();
    let mut changes = Vec::new();
    for (id, text) in edits {
        let span = by_unit
            .get(id)
            .filter(|span| table.unit(id).is_some_and(|t| t.text == span.value))
            .ok_or_else(|| failed(0, format!("kalem cannot find `{id}` in {}", table.file.display())))?;
        changes.push((*span, text.as_str()));
    }
    let after = apply(&body, &changes).map_err(|e| failed(e.line, format!("kalem cannot rewrite a value in place: {}", e.message)))?;
    verify(table, &after, edits).map_err(|(id, line)| failed(line, format!("kalem could not rewrite `{id}` in place without changing what the file means; nothing was written")))?;
    Ok((before, format!("{prefix}{after}")))
}

/// Whether `after` holds every unit of `table` with its old text, or its
/// new one from `edits`, and nothing else; else the first unit that
/// differs and its line.
fn verify(table: &Translations, after: &str, edits: &BTreeMap<UnitId, String>) -> Result<(), (UnitId, usize)> {
    let first = || table.units().into_iter().next().map_or((UnitId::key("?"), 1), |(id, t)| (id, t.line));
    let parsed = Translations::parse(&table.lang, &table.file, after).map_err(|_| first())?;
    let old = table.units();
    let new = parsed.units();
    if old.len() != new.len() {
        return Err(first());
    }
    for ((id, text), (new_id, new_text)) in old.iter().zip(&new) {
        let want = edits.get(id).unwrap_or(&text.text);
        if id != new_id || *want != new_text.text {
            return Err((id.clone(), text.line));
        }
    }
    Ok(())
}
