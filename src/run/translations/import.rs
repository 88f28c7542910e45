//! `kalem translations import FILE [--dry-run] [--lang LANG]`: reads an
//! XLIFF or PO file, checks every unit, then writes the translation and
//! lock files together, or with `--dry-run` prints the changes as a diff.

use super::diff::unified;
use crate::cli::ImportArgs;
use crate::diag::{self, Diagnostic, Location};
use crate::export::write::write_together;
use crate::load::exchange::{MAX_EXCHANGE_BYTES, read};
use crate::model::Sources;
use crate::pipeline::import::{Plan, plan};
use crate::run::{exit, finish};
use crate::sandbox::read_bytes;

/// Imports, or says why nothing was written.
pub fn run(sources: &Sources, args: &ImportArgs) -> u8 {
    let file = &args.file;
    let text = read_bytes(file, MAX_EXCHANGE_BYTES)
        .map_err(|problem| Diagnostic::error(problem.to_string()).at(Location::file(file)))
        .and_then(|bytes| String::from_utf8(bytes).map_err(|_| Diagnostic::error("the file is not UTF-8 text").at(Location::file(file)).hint("save it as UTF-8 in the translation tool")));
    let units = match text.and_then(|t| read(&t).map_err(|e| Diagnostic::error(e.message).at(Location::at(file, e.line, e.column)).hint("fix the file where it says, or export it again from the translation tool"))) {
        Ok(units) => units,
        Err(d) => return refused(&[d], sources),
    };
    let plans = match plan(sources, units, args.lang.as_deref(), file) {
        Ok(plans) => plans,
        Err(ds) => return refused(&ds, sources),
    };
    let source_lang = &sources.config.source_language;
    if args.dry_run {
        for p in &plans {
            print!("{}", unified(&p.file.display().to_string(), &p.before, &p.after));
            let lock = std::fs::read_to_string(sources.root.join(&p.lock.file)).unwrap_or_default();
            print!("{}", unified(&p.lock.file.display().to_string(), &lock, &p.lock.to_yaml(source_lang)));
        }
        summary(&plans, "would change");
        return exit::OK;
    }
    let locks: Vec<(std::path::PathBuf, String)> = plans
        .iter()
        .map(|p| (sources.root.join(&p.lock.file), p.lock.to_yaml(source_lang)))
        .filter(|(path, text)| std::fs::read_to_string(path).ok().as_ref() != Some(text))
        .collect();
    let yamls: Vec<(std::path::PathBuf, &str)> = plans.iter().filter(|p| p.before != p.after).map(|p| (sources.root.join(&p.file), p.after.as_str())).collect();
    let files: Vec<(&std::path::Path, &[u8])> = yamls.iter().map(|(path, text)| (path.as_path(), text.as_bytes())).chain(locks.iter().map(|(path, text)| (path.as_path(), text.as_bytes()))).collect();
    if let Err(d) = write_together(&sources.root, &files) {
        return finish(&[d], &sources.root);
    }
    summary(&plans, "changed");
    exit::OK
}

/// Prints why nothing was written.
fn refused(diagnostics: &[Diagnostic], sources: &Sources) -> u8 {
    diag::emit(diagnostics, &sources.root);
    eprintln!("nothing was imported: {} problem(s); translations/ is unchanged", diagnostics.len());
    exit::CONTENT
}

/// One line per language: what changed.
fn summary(plans: &[Plan], verb: &str) {
    for p in plans {
        let units: Vec<String> = p.changed.iter().map(|id| format!("`{}`", diag::escape(&id.to_string()))).collect();
        println!("{}: {verb} {} unit(s){}{}", p.file.display(), units.len(), if units.is_empty() { String::new() } else { format!(": {}", units.join(", ")) }, if p.confirmed > 0 { format!("; {} confirmed unchanged", p.confirmed) } else { String::new() });
    }
    if plans.iter().any(|p| !p.changed.is_empty() || p.confirmed > 0) {
        println!("they are translated, not reviewed: `kalem translations review LANG --by NAME` once someone has checked them");
    }
}
