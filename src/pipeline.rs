//! The build: one job per brochure and language, run in parallel over a
//! shared model and font set.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics};
use crate::export::{pdf, write::write_atomic};
use crate::layout::{fonts::FontSet, world::Engine};
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

/// Prepares and typesets one edition. Warnings come back with the document;
/// errors (including those found while preparing text) instead of it.
pub fn typeset_edition(
    project: &Project,
    engine: &Engine,
    brochure: &Brochure,
    lang: &str,
) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
    crate::layout::typeset_edition(engine, project, brochure, lang)
}

fn build_edition(project: &Project, engine: &Engine, brochure: &Brochure, lang: &str) -> JobReport {
    let start = Instant::now();
    let (outputs, diagnostics) = match write_edition(project, engine, brochure, lang) {
        Ok((output, warnings)) => (vec![output], warnings),
        Err(errors) => (Vec::new(), errors.into_iter().map(|d| d.lang(lang)).collect()),
    };
    JobReport { brochure: brochure.id.clone(), lang: lang.to_string(), outputs, diagnostics, time: start.elapsed() }
}

fn write_edition(
    project: &Project,
    engine: &Engine,
    brochure: &Brochure,
    lang: &str,
) -> Result<(Output, Diagnostics), Diagnostics> {
    let (doc, warnings) = typeset_edition(project, engine, brochure, lang)?;
    let bytes = pdf::print_pdf(&doc, &format!("{}-{lang}", brochure.id)).map_err(|d| vec![d])?;
    let path = print_path(&brochure.id, lang);
    write_atomic(&project.root.join(&path), &bytes).map_err(|d| vec![d])?;
    Ok((Output { path, pages: doc.pages().len(), bytes: bytes.len() }, warnings))
}
