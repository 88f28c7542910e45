//! Importing an exchange file: every unit is resolved to a unit of the
//! source language and every changed translation checked with kalem's
//! rules ([`crate::prepare::exchange`]); only when all pass are the new
//! texts written into the translation files in place ([`rewrite`]) and
//! the lock files updated. A translation that changed is recorded as
//! translated from the source the file shows; one confirmed unchanged
//! (`translated`, `final`) against a source its record does not have (a
//! stale translation that still fits) is recorded so; fuzzy and
//! needs-review units are written but never confirmed. An import never
//! records a review.

mod rewrite;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::exchange::Received;
use crate::load::yaml::closest;
use crate::model::exchange::State;
use crate::model::lock::Lock;
use crate::model::staleness::record;
use crate::model::translations::{Entry, Text};
use crate::model::units::UnitId;
use crate::model::{Direction, Sources};
use crate::prepare::exchange::check;

/// What an import changes in one language.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The language.
    pub lang: String,
    /// Its translation file, relative to the project.
    pub file: PathBuf,
    /// The file's text now.
    pub before: String,
    /// The file's text after the import.
    pub after: String,
    /// The language's lock file after the import.
    pub lock: Lock,
    /// The units whose text changes.
    pub changed: Vec<UnitId>,
    /// The units confirmed unchanged, recorded anew.
    pub confirmed: usize,
}

/// The plan of every language the units belong to, or every problem
/// found: none is written unless all pass. `given` is the language to
/// assume where the file does not say; `file` the exchange file, for
/// messages.
pub fn plan(sources: &Sources, units: Vec<Received>, given: Option<&str>, file: &Path) -> Result<Vec<Plan>, Diagnostics> {
    let mut problems = Vec::new();
    let mut by_lang: BTreeMap<String, Vec<Received>> = BTreeMap::new();
    for u in units {
        match language(sources, u.lang.as_deref(), given) {
            Ok(lang) => by_lang.entry(lang).or_default().push(u),
            Err(d) => problems.push(d.at(Location::at(file, u.line, u.column))),
        }
    }
    problems.dedup();
    let mut plans = Vec::new();
    for (lang, units) in by_lang {
        match plan_language(sources, &lang, units, file) {
            Ok(p) => plans.push(p),
            Err(ds) => problems.extend(ds),
        }
    }
    if problems.is_empty() { Ok(plans) } else { Err(problems) }
}

/// The project language a file's language code (`ar`, `fa-IR`) names, or
/// the one given when the file names none.
fn language(sources: &Sources, said: Option<&str>, given: Option<&str>) -> Result<String, Diagnostic> {
    let lang = match (said, given) {
        (Some(said), _) => {
            let base = said.split(['-', '_']).next().unwrap_or(said).to_lowercase();
            let found = [said.to_string(), base].into_iter().find(|l| sources.config.languages.contains_key(l)).unwrap_or_else(|| said.to_string());
            if let Some(given) = given.filter(|g| *g != found) {
                return Err(Diagnostic::error(format!("the file is in {said}, but --lang says {given}")).hint("leave --lang out; it is for files that do not say their language"));
            }
            found
        }
        (None, Some(given)) => given.to_string(),
        (None, None) => {
            return Err(Diagnostic::error("the file does not say which language it is in").hint("give it: `kalem translations import FILE --lang ar`"));
        }
    };
    sources.translated(&lang)?;
    Ok(lang)
}

fn plan_language(sources: &Sources, lang: &str, units: Vec<Received>, file: &Path) -> Result<Plan, Diagnostics> {
    let table = sources.target(lang).map_err(|d| vec![d])?;
    let source = sources.source().map_err(|d| vec![d])?;
    let source_units: BTreeMap<UnitId, &Text> = source.units().into_iter().collect();
    let dir = sources.config.languages.get(lang).map_or(Direction::Ltr, |l| l.rules.dir);
    let phones: Vec<String> = sources.config.contacts.values().map(|c| c.number.clone()).collect();
    let empty = Lock::empty(lang);
    let mut lock = sources.locks.get(lang).unwrap_or(&empty).clone();
    let (mut problems, mut edits, mut seen, mut confirmed) = (Vec::new(), BTreeMap::new(), BTreeSet::new(), 0);
    for r in units {
        let at = Location::at(file, r.line, r.column);
        let id = match resolve(&r, &source_units, source) {
            Ok(id) => id,
            Err(d) => {
                problems.push(d.at(at).lang(lang));
                continue;
            }
        };
        if !seen.insert(id.clone()) {
            problems.push(Diagnostic::error(format!("`{id}` is in the file twice")).at(at).key(&id.key).lang(lang).hint("keep one of them"));
            continue;
        }
        let Some(text) = r.target else { continue };
        let now = source_units.get(&id).map_or("", |t| t.text.as_str());
        let from = r.source.unwrap_or_else(|| now.to_string());
        let fresh = record(&from, &text, None);
        match table.unit(&id) {
            None => problems.push(
                Diagnostic::error(format!("`{id}` has no {lang} text in {} yet, and kalem only rewrites texts that are there", table.file.display()))
                    .at(at)
                    .key(&id.key)
                    .lang(lang)
                    .hint(format!("add the key first (`kalem translations --missing {lang}` gives its skeleton), then import again")),
            ),
            Some(current) if current.text == text => {
                // Confirmed against a source the record does not have: a
                // stale translation that still fits, or one never recorded.
                let new_source = lock.records.get(&id).is_none_or(|r| r.source_sha != fresh.source_sha);
                if State::from_xliff(r.state.as_deref()).confirmed() && new_source {
                    lock.records.insert(id, fresh);
                    confirmed += 1;
                }
            }
            Some(_) => {
                let found = check(&from, &text, dir, &phones);
                problems.extend(found.into_iter().map(|f| Diagnostic::error(format!("`{id}`: {}", f.message)).at(at.clone()).key(&id.key).lang(lang).hint(f.hint)));
                lock.records.insert(id.clone(), fresh);
                edits.insert(id, text);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (before, after) = rewrite::rewrite(sources, table, &edits).map_err(|d| vec![d.lang(lang)])?;
    Ok(Plan { lang: lang.to_string(), file: table.file.clone(), before, after, lock, changed: edits.into_keys().collect(), confirmed })
}

/// The unit a received one is: its id, or one of its aliases, when that
/// is a unit of the source language.
fn resolve(r: &Received, units: &BTreeMap<UnitId, &Text>, source: &crate::model::Translations) -> Result<UnitId, Diagnostic> {
    let found = std::iter::once(&r.id).chain(&r.aliases).filter_map(|name| name.parse::<UnitId>().ok()).find(|id| units.contains_key(id));
    if let Some(id) = found {
        return Ok(id);
    }
    let id = r.id.parse::<UnitId>().map_err(Diagnostic::error)?;
    let count = match source.entries.get(&id.key) {
        Some(Entry::List(items)) => Some((items.len(), "items")),
        Some(Entry::Rows(rows)) => Some((rows.len(), "rows")),
        _ => None,
    };
    if let (Some((count, what)), Some(item)) = (count, id.item) {
        return Err(Diagnostic::error(format!("`{id}`: `{}` has {count} {what} in {}, so there is no {item}", id.key, source.lang))
            .key(&id.key)
            .hint("a list has as many items in every language: translate item by item, without adding or merging items"));
    }
    let names: Vec<String> = units.keys().map(UnitId::to_string).collect();
    let hint = closest(&r.id, &names).map_or_else(|| "export the file again: `kalem translations export`".to_string(), |n| format!("did you mean `{n}`?"));
    Err(Diagnostic::error(format!("unknown unit `{}`: the {} file has no such key", r.id, source.lang)).hint(hint))
}
