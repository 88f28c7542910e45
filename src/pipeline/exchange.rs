//! The exchange documents translators receive: every unit of a language
//! with its state and what a translator should know about it (where it
//! appears and in which outputs, what kalem checks when it comes back).

use std::collections::BTreeMap;

use crate::model::exchange::{Document, State, Unit};
use crate::model::lock::{Lock, State as Recorded};
use crate::model::staleness::{UnitStatus, statuses};
use crate::model::units::UnitId;
use crate::model::usage::{Use, key_uses};
use crate::model::translations::{Entry, Translations};
use crate::model::{Direction, Sources};
use crate::prepare::exchange::kept;

/// The rule every unit carries.
const NO_CONTROLS: &str = "no direction marks or other invisible controls (LRM, RLM, LRE…PDI): kalem sets numbers and addresses left to right itself";
/// The rule of units with emphasis.
const EMPHASIS: &str = "keep the ** marks (bold) around whole words only: a style change inside an Arabic or Farsi word breaks its letters apart";

/// The document of `lang`: every unit of the source language, in id
/// order, with its notes; `previews` are the preview files of each key,
/// as the exchange file names them.
pub fn document(sources: &Sources, lang: &str, previews: &BTreeMap<String, Vec<String>>) -> Document {
    let source_lang = &sources.config.source_language;
    let empty = |l: &str| Translations { lang: l.to_string(), file: Default::default(), entries: Default::default() };
    let (no_source, no_target) = (empty(source_lang), empty(lang));
    let source = sources.translations.get(source_lang).unwrap_or(&no_source);
    let target = sources.translations.get(lang).unwrap_or(&no_target);
    let no_lock = Lock::empty(lang);
    let lock = sources.locks.get(lang).unwrap_or(&no_lock);
    let units = source.units();
    let uses = uses(sources, lang);
    let phones: Vec<String> = sources.config.contacts.values().map(|c| c.number.clone()).collect();
    let units = statuses(&units, target, lock)
        .iter()
        .map(|s| Unit {
            id: s.id.clone(),
            source: s.source.text.clone(),
            target: s.target.map(|t| t.text.clone()),
            state: State::of(s),
            previous: s.record.filter(|_| State::of(s) == State::NeedsReview).map(|r| r.source.clone()),
            notes: notes(s, uses.get(s.id.key.as_str()).map_or(&[][..], Vec::as_slice), source, &phones)
                .into_iter()
                .chain(previews.get(&s.id.key).map(|files| format!("In context: {}", files.join(", "))))
                .collect(),
        })
        .collect();
    Document { source_lang: source_lang.clone(), target_lang: lang.to_string(), original: target_file(lang), units }
}

/// The translation file of `lang`, as the exchange files name it.
fn target_file(lang: &str) -> String {
    format!("translations/{lang}.yaml")
}

/// Per key, its uses in the brochures built in `lang`, each with its
/// brochure.
fn uses<'a>(sources: &'a Sources, lang: &str) -> BTreeMap<String, Vec<(&'a str, Use)>> {
    let mut out: BTreeMap<String, Vec<(&str, Use)>> = BTreeMap::new();
    for b in sources.brochures.iter().filter(|b| b.spec.languages.iter().any(|l| l == lang)) {
        for u in key_uses(&b.spec, &sources.config) {
            out.entry(u.key.clone()).or_default().push((b.id.as_str(), u));
        }
    }
    out
}

/// What a translator is told about a unit: where it appears, the rules
/// kalem checks it against, and what changed or who reviewed it.
fn notes(s: &UnitStatus, uses: &[(&str, Use)], source: &Translations, phones: &[String]) -> Vec<String> {
    let places: Vec<String> = uses.iter().map(|(brochure, u)| format!("{brochure}, {} ({}; {})", u.place, u.what, u.outputs)).collect();
    let mut notes = vec![if places.is_empty() { "Appears in no output yet.".to_string() } else { format!("Appears in: {}.", places.join("; ")) }];
    let mut rules = Vec::new();
    let keep = kept(&s.source.text, Direction::Ltr, phones);
    if !keep.is_empty() {
        rules.push(format!("keep {} exactly as written (kalem checks that the translation dials and opens the same, and has no number the source lacks)", keep.join(", ")));
    }
    rules.push(NO_CONTROLS.to_string());
    if s.source.text.contains("**") {
        rules.push(EMPHASIS.to_string());
    }
    rules.extend(part(s.id, source));
    notes.push(format!("Rules: {}.", rules.join("; ")));
    match (State::of(s), s.record) {
        (State::NeedsReview, Some(r)) => notes.push(format!("The {} text changed since this was translated; it was: «{}».", source.lang, r.source)),
        (State::Final, Some(r)) if r.state == Recorded::Reviewed => notes.push(format!("Reviewed by {}.", r.by.as_deref().unwrap_or("someone"))),
        _ => {}
    }
    notes
}

/// Which part of a list or table a unit is.
fn part(id: &UnitId, source: &Translations) -> Option<String> {
    let count = match source.entries.get(&id.key)? {
        Entry::List(items) => items.len(),
        Entry::Rows(rows) => rows.len(),
        Entry::Text(_) => 0,
    };
    match (id.item, id.cell) {
        (Some(item), None) => Some(format!("item {item} of {count} of a list: translate it on its own, one item for one")),
        (Some(row), Some(cell)) => Some(format!("row {row} of {count}, cell {cell} of a table: translate the cell on its own")),
        _ => None,
    }
}
