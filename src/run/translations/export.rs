//! `kalem translations export [--lang LANG] [--format xliff|po] [--out
//! FILE] [--previews]`: every unit of a language (or, in XLIFF, of every
//! translated language) with its state and notes, for a translator's
//! tool, and with `--previews` a folder of in-context PNGs beside it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::{Exchange, ExportArgs};
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::export::po::po;
use crate::export::stamp::Stamp;
use crate::export::write::write_together;
use crate::export::xliff::xliff;
use crate::model::exchange::{Document, State};
use crate::model::{Sources, validate};
use crate::pipeline::exchange::document;
use crate::pipeline::previews::{Cut, previews};
use crate::pipeline::resources;
use crate::run::{exit, finish};

/// Writes the file (and previews), or prints it, with a summary on
/// standard error.
pub fn run(sources: &Sources, args: &ExportArgs) -> u8 {
    let langs: Vec<String> = match &args.lang {
        Some(lang) => vec![lang.clone()],
        None => sources.config.languages.keys().filter(|l| **l != sources.config.source_language).cloned().collect(),
    };
    if let Some(d) = langs.iter().find_map(|l| sources.translated(l).err()) {
        return finish(&[d], &sources.root);
    }
    if args.format == Exchange::Po && langs.len() != 1 {
        let d = Diagnostic::error("a PO file holds one language").hint("name it: `--lang ar`");
        diag::emit(&[d], &sources.root);
        return exit::USAGE;
    }
    let (cuts, folder) = match (&args.out, args.previews) {
        (Some(out), true) => match cut(sources, &langs) {
            Ok(cuts) => (cuts, previews_folder(out)),
            Err(ds) => return finish(&ds, &sources.root),
        },
        _ => (BTreeMap::new(), PathBuf::new()),
    };
    let documents: Vec<Document> = langs
        .iter()
        .map(|l| {
            let named: BTreeMap<String, Vec<String>> = cuts.get(l).into_iter().flatten().map(|(key, cuts)| (key.clone(), cuts.iter().map(|c| folder_name(&folder, c)).collect())).collect();
            document(sources, l, &named)
        })
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    let text = match (args.format, documents.as_slice()) {
        (Exchange::Po, [doc]) => po(doc, version, &Stamp::from_env().ok().flatten().unwrap_or_else(Stamp::now).po()),
        (_, docs) => xliff(docs, version),
    };
    let text = match text {
        Ok(text) => text,
        Err(problem) => return finish(&[Diagnostic::error(problem)], &sources.root),
    };
    let Some(out) = &args.out else {
        print!("{text}");
        summary(&documents);
        return exit::OK;
    };
    let base = out.parent().unwrap_or(Path::new("."));
    let pngs: Vec<(PathBuf, &[u8])> = cuts.values().flat_map(|keys| keys.values().flatten()).map(|c| (base.join(&folder).join(&c.name), c.png.as_slice())).collect();
    let files: Vec<(&Path, &[u8])> = std::iter::once((out.as_path(), text.as_bytes())).chain(pngs.iter().map(|(p, b)| (p.as_path(), *b))).collect();
    if let Err(d) = write_together(&sources.root, &files) {
        return finish(&[d], &sources.root);
    }
    eprintln!("wrote {}{}", diag::escape(&out.display().to_string()), if pngs.is_empty() { String::new() } else { format!(" and {} preview(s) in {}", pngs.len(), diag::escape(&base.join(&folder).display().to_string())) });
    summary(&documents);
    exit::OK
}

/// The previews of every language, by language and key.
fn cut(sources: &Sources, langs: &[String]) -> Result<BTreeMap<String, BTreeMap<String, Vec<Cut>>>, Diagnostics> {
    let project = validate(sources.clone(), Vec::new())?;
    let resources = resources(&project).map_err(|d| vec![d])?;
    let mut out = BTreeMap::new();
    for lang in langs {
        let (cuts, problems) = previews(&project, &resources, lang);
        if !problems.is_empty() {
            return Err(problems);
        }
        out.insert(lang.clone(), cuts);
    }
    Ok(out)
}

/// The previews' folder beside `out`: `ar.xlf` → `ar-previews`.
fn previews_folder(out: &Path) -> PathBuf {
    let stem = out.file_stem().map_or_else(|| "export".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from(format!("{stem}-previews"))
}

/// A preview as the exchange file names it, relative to the file.
fn folder_name(folder: &Path, cut: &Cut) -> String {
    folder.join(&cut.name).to_string_lossy().replace('\\', "/")
}

/// One line per language on standard error: how many units of each state.
fn summary(documents: &[Document]) {
    for doc in documents {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for unit in &doc.units {
            *counts.entry(unit.state.xliff()).or_default() += 1;
        }
        let open = doc.units.iter().filter(|u| u.state != State::Final).count();
        let parts: Vec<String> = counts.iter().map(|(state, n)| format!("{n} {state}")).collect();
        eprintln!("{}: {} unit(s): {}; {open} to translate or review", doc.target_lang, doc.units.len(), parts.join(", "));
    }
}
