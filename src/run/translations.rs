//! `kalem translations --missing LANG`: a skeleton for translators.

use super::{exit, finish};
use crate::cli::TranslationsArgs;
use crate::diag::Diagnostic;
use crate::export::skeleton::skeleton;
use crate::model::{Selection, read_sources};
use crate::load::yaml::suggestion;
use crate::model::coverage::coverage;

/// Prints the YAML skeleton of the keys `--missing` lacks.
pub fn run(args: &TranslationsArgs) -> u8 {
    let (sources, _) = match read_sources(&args.project, &Selection::default()) {
        Ok(pair) => pair,
        Err(ds) => return finish(&ds, &args.project),
    };
    let lang = &args.missing;
    let Some(source) = sources.translations.get(&sources.config.source_language) else {
        let d = Diagnostic::error(format!("the source language {} has no translation file", sources.config.source_language))
            .hint(format!("create translations/{}.yaml", sources.config.source_language));
        return finish(&[d], &sources.root);
    };
    if !sources.config.languages.contains_key(lang) {
        let known: Vec<String> = sources.config.languages.keys().cloned().collect();
        let d = Diagnostic::error(format!("unknown language `{lang}`")).hint(suggestion(lang, &known, "language"));
        return finish(&[d], &sources.root);
    }
    // A language without a file yet lacks every key its brochures use.
    let missing: Vec<String> = match coverage(&sources).into_iter().find(|c| &c.lang == lang) {
        Some(row) => row.missing,
        None => {
            let mut keys = std::collections::BTreeSet::new();
            for b in sources.brochures.iter().filter(|b| b.spec.languages.contains(lang)) {
                keys.extend(crate::model::coverage::used_keys(&b.spec, &sources.config));
            }
            keys.into_iter().collect()
        }
    };
    print!("{}", skeleton(&missing, source));
    exit::OK
}
