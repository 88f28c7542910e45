//! `kalem translations`: what translators need. `status` counts where
//! each language stands, `review` records reviews in the lock files,
//! `export` and `import` exchange units with CAT tools, `--missing LANG`
//! prints a YAML skeleton of the keys a language lacks.

mod diff;
mod export;
mod import;
mod review;
mod status;

use std::path::Path;

use super::{exit, finish};
use crate::cli::{TranslationsArgs, TranslationsCommand};
use crate::diag::{self, Diagnostic};
use crate::export::skeleton::skeleton;
use crate::load::yaml::suggestion;
use crate::model::coverage::coverage;
use crate::model::{Selection, Sources, read_sources};

/// Runs `kalem translations`.
pub fn run(args: &TranslationsArgs) -> u8 {
    let sources = match open(&args.project) {
        Ok(sources) => sources,
        Err(code) => return code,
    };
    match (&args.action, &args.missing) {
        (Some(TranslationsCommand::Status(a)), _) => status::run(&sources, a),
        (Some(TranslationsCommand::Review(a)), _) => review::run(&sources, a),
        (Some(TranslationsCommand::Export(a)), _) => export::run(&sources, a),
        (Some(TranslationsCommand::Import(a)), _) => import::run(&sources, a),
        (None, Some(lang)) => missing(&sources, lang),
        (None, None) => {
            let d = Diagnostic::error("say what to do").hint("`kalem translations status`, `review LANG`, `export --lang LANG`, `import FILE`, or `--missing LANG`");
            diag::emit(&[d], &sources.root);
            exit::USAGE
        }
    }
}

/// Reads the project's sources. Problems in the translation and lock
/// files stop here (nothing may be written over them); others (a broken
/// brochure) are printed and the command goes on.
fn open(project: &Path) -> Result<Sources, u8> {
    let (sources, found) = read_sources(project, &Selection::default()).map_err(|ds| finish(&ds, project))?;
    let translations = Path::new("translations");
    let fatal = found.iter().any(|d| d.is_error() && d.location.as_ref().is_some_and(|l| l.file.starts_with(translations)));
    diag::emit(&found, &sources.root);
    if fatal {
        return Err(exit::CONTENT);
    }
    if let Err(d) = sources.source() {
        return Err(finish(&[d], &sources.root));
    }
    Ok(sources)
}

/// Prints the YAML skeleton of the keys `lang` lacks.
fn missing(sources: &Sources, lang: &str) -> u8 {
    if !sources.config.languages.contains_key(lang) {
        let known: Vec<String> = sources.config.languages.keys().cloned().collect();
        let d = Diagnostic::error(format!("unknown language `{lang}`")).hint(suggestion(lang, &known, "language"));
        return finish(&[d], &sources.root);
    }
    // A language without a file yet lacks every key its brochures use.
    let missing: Vec<String> = match coverage(sources).into_iter().find(|c| c.lang == lang) {
        Some(row) => row.missing,
        None => {
            let mut keys = std::collections::BTreeSet::new();
            for b in sources.brochures.iter().filter(|b| b.spec.languages.iter().any(|l| l == lang)) {
                keys.extend(b.translated_keys(&sources.config, lang));
            }
            keys.into_iter().collect()
        }
    };
    match sources.source() {
        Ok(source) => {
            print!("{}", skeleton(&missing, source));
            exit::OK
        }
        Err(d) => finish(&[d], &sources.root),
    }
}
