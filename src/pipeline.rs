//! The build: one job per brochure and language, run in parallel over a
//! shared model and font set.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, has_errors};
use crate::export::{pdf, write::write_atomic};
use crate::layout::{document::document, fonts::FontSet, typeset, world::Engine};
use crate::model::{Brochure, Project};

/// What one job wrote.
#[derive(Debug, Clone)]
pub struct Output {
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// Pages in it.
    pub pages: usize,
    /// Its size in bytes.
    pub bytes: usize,
}

/// The result of one edition (brochure × language).
#[derive(Debug)]
pub struct JobReport {
    /// Brochure id.
    pub brochure: String,
    /// Language code.
    pub lang: String,
    /// Files written; empty when the job failed.
    pub outputs: Vec<Output>,
    /// Problems found, errors and warnings.
    pub diagnostics: Diagnostics,
    /// Wall time of the job.
    pub time: Duration,
}

/// Loads the fonts and checks the configuration's font chains.
pub fn engine(project: &Project) -> Result<Engine, Diagnostic> {
    let fonts = FontSet::load(&project.root)?;
    fonts.check_chains(&project.config)?;
    Ok(Engine::new(project.root.clone(), Arc::new(fonts)))
}

/// Where an edition's print PDF goes, relative to the project root.
pub fn print_path(brochure: &str, lang: &str) -> PathBuf {
    Path::new("output").join(brochure).join(lang).join(format!("{brochure}-{lang}-print.pdf"))
}

/// Builds every edition of every loaded brochure. A failing edition does not
/// stop the others.
pub fn build(project: &Project, engine: &Engine) -> Vec<JobReport> {
    let jobs: Vec<(&Brochure, &str)> =
        project.brochures.iter().flat_map(|b| b.languages.iter().map(move |l| (b, l.as_str()))).collect();
    jobs.into_par_iter().map(|(brochure, lang)| build_edition(project, engine, brochure, lang)).collect()
}

fn build_edition(project: &Project, engine: &Engine, brochure: &Brochure, lang: &str) -> JobReport {
    let start = Instant::now();
    let mut report = JobReport {
        brochure: brochure.id.clone(),
        lang: lang.to_string(),
        outputs: Vec::new(),
        diagnostics: Vec::new(),
        time: Duration::ZERO,
    };
    let result = (|| {
        let (data, found) = document(project, engine.fonts(), brochure, lang);
        report.diagnostics.extend(found);
        if has_errors(&report.diagnostics) {
            return Err(Vec::new());
        }
        let doc = typeset(engine, &data)?;
        let bytes = pdf::print_pdf(&doc, &format!("{}-{lang}", brochure.id)).map_err(|d| vec![d])?;
        let path = print_path(&brochure.id, lang);
        write_atomic(&project.root.join(&path), &bytes).map_err(|d| vec![d])?;
        Ok(Output { path, pages: doc.pages().len(), bytes: bytes.len() })
    })();
    match result {
        Ok(output) => report.outputs.push(output),
        Err(ds) => report.diagnostics.extend(ds.into_iter().map(|d| d.lang(lang))),
    }
    report.time = start.elapsed();
    report
}
