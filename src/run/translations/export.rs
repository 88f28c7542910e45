//! `kalem translations export [--lang LANG] [--format xliff|po] [--out
//! FILE]`: every unit of a language (or, in XLIFF, of every translated
//! language) with its state and notes, for a translator's tool.

use std::collections::BTreeMap;

use crate::cli::{Exchange, ExportArgs};
use crate::diag::{self, Diagnostic};
use crate::export::po::po;
use crate::export::stamp::Stamp;
use crate::export::write::write_atomic;
use crate::export::xliff::xliff;
use crate::model::Sources;
use crate::model::exchange::{Document, State};
use crate::pipeline::exchange::document;
use crate::run::{exit, finish};

/// Writes the file, or prints it, with a summary on standard error.
pub fn run(sources: &Sources, args: &ExportArgs) -> u8 {
    let langs: Vec<String> = match &args.lang {
        Some(lang) => vec![lang.clone()],
        None => sources.config.languages.keys().filter(|l| **l != sources.config.source_language).cloned().collect(),
    };
    if let Some(d) = langs.iter().find_map(|l| sources.translated(l).err()) {
        return finish(&[d], &sources.root);
    }
    let documents: Vec<Document> = langs.iter().map(|l| document(sources, l)).collect();
    let version = env!("CARGO_PKG_VERSION");
    let text = match (args.format, documents.as_slice()) {
        (Exchange::Xliff, docs) => xliff(docs, version),
        (Exchange::Po, [doc]) => {
            let date = Stamp::from_env().ok().flatten().unwrap_or_else(Stamp::now);
            po(doc, version, &date.po())
        }
        (Exchange::Po, _) => {
            let d = Diagnostic::error("a PO file holds one language").hint("name it: `--lang ar`");
            diag::emit(&[d], &sources.root);
            return exit::USAGE;
        }
    };
    let text = match text {
        Ok(text) => text,
        Err(problem) => return finish(&[Diagnostic::error(problem)], &sources.root),
    };
    match &args.out {
        Some(path) => {
            if let Err(d) = write_atomic(path, text.as_bytes()) {
                return finish(&[d], &sources.root);
            }
            eprintln!("wrote {}", diag::escape(&path.display().to_string()));
        }
        None => print!("{text}"),
    }
    for doc in &documents {
        eprintln!("{}: {}", doc.target_lang, summary(doc));
    }
    exit::OK
}

/// How many units of each state a document holds.
fn summary(doc: &Document) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for unit in &doc.units {
        *counts.entry(unit.state.xliff()).or_default() += 1;
    }
    let open = doc.units.iter().filter(|u| u.state != State::Final).count();
    let parts: Vec<String> = counts.iter().map(|(state, n)| format!("{n} {state}")).collect();
    format!("{} unit(s): {}; {open} to translate or review", doc.units.len(), parts.join(", "))
}
