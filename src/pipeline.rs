//! The build: one job per brochure and language, run in parallel over a
//! shared model and font set.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, has_errors};
use crate::export::icc::OutputProfile;
use crate::export::marks::Sheet;
use crate::export::pdfx::{self, PrintJob};
use crate::export::stamp::Stamp;
use crate::export::{pdf, preflight, write::write_atomic};
use crate::layout::{document::document, fonts::FontSet, typeset, world::Engine};
use crate::model::{Block, Brochure, Project};

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
    edition_path(brochure, lang, "print")
}

/// Where an edition's screen PDF goes, relative to the project root.
pub fn screen_path(brochure: &str, lang: &str) -> PathBuf {
    edition_path(brochure, lang, "screen")
}

fn edition_path(brochure: &str, lang: &str, kind: &str) -> PathBuf {
    Path::new("output").join(brochure).join(lang).join(format!("{brochure}-{lang}-{kind}.pdf"))
}

/// What every print PDF of a run shares: the output profile and, when
/// `SOURCE_DATE_EPOCH` is set, the date.
#[derive(Debug, Clone)]
pub struct PrintSetup {
    /// The output intent's profile.
    pub profile: OutputProfile,
    /// The date from `SOURCE_DATE_EPOCH`; otherwise each edition is dated
    /// by its newest input file.
    pub date: Option<Stamp>,
}

/// Loads the output profile and reads `SOURCE_DATE_EPOCH`.
pub fn print_setup(project: &Project) -> Result<PrintSetup, Diagnostic> {
    Ok(PrintSetup { profile: OutputProfile::load(project)?, date: Stamp::from_env()? })
}

/// Builds every edition of every loaded brochure. A failing edition does not
/// stop the others; a brochure that fails its print checks builds no
/// edition. The brochure's checks are reported with its first edition.
pub fn build(project: &Project, engine: &Engine, setup: &PrintSetup) -> Vec<JobReport> {
    let checks: Vec<Diagnostics> = project.brochures.iter().map(|b| preflight::brochure(project, b)).collect();
    let jobs: Vec<(&Brochure, &Diagnostics, &str)> = project
        .brochures
        .iter()
        .zip(&checks)
        .flat_map(|(b, found)| b.languages.iter().map(move |l| (b, found, l.as_str())))
        .collect();
    jobs.into_par_iter()
        .map(|(brochure, found, lang)| {
            let first = brochure.languages.first().is_some_and(|l| l == lang);
            let mut report = if has_errors(found) {
                JobReport { brochure: brochure.id.clone(), lang: lang.to_string(), outputs: Vec::new(), diagnostics: Vec::new(), time: Duration::ZERO }
            } else {
                build_edition(project, engine, setup, brochure, lang)
            };
            if first {
                report.diagnostics.splice(0..0, found.iter().cloned());
            }
            report
        })
        .collect()
}

/// The finished files of one edition, not yet written.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The PDF/X-4 print file.
    pub print: Vec<u8>,
    /// The screen PDF.
    pub screen: Vec<u8>,
    /// Pages of each.
    pub pages: usize,
}

/// Typesets and finishes one edition. Errors mean nothing may be written;
/// warnings come back either way. The brochure's own print checks
/// ([`preflight::brochure`]) are run by [`build`], once per brochure.
pub fn render_edition(project: &Project, engine: &Engine, setup: &PrintSetup, brochure: &Brochure, lang: &str) -> (Option<Edition>, Diagnostics) {
    let (data, mut diagnostics) = document(project, brochure, lang);
    if has_errors(&diagnostics) {
        return (None, diagnostics);
    }
    let ident = format!("{}-{lang}", brochure.id);
    let mut warnings = Vec::new();
    let result = (|| -> Result<Edition, Diagnostics> {
        let doc = typeset(engine, &data)?;
        let found = preflight::placement(project, brochure, lang, &doc);
        if has_errors(&found) {
            return Err(found);
        }
        warnings.extend(found);
        let sheets = Sheet::all(brochure.format, project.config.languages[lang].dir, &project.config.print);
        let date = setup.date.unwrap_or_else(|| newest_input(project, brochure, lang));
        let job = PrintJob { ident: &ident, title: &data.title, lang, sheets, profile: &setup.profile, date };
        let print = pdf::print_pdf(&doc, &ident).and_then(|bytes| pdfx::finish(&bytes, &job)).map_err(|d| vec![d])?;
        let screen_doc = typeset(engine, &data.clone().for_screen())?;
        let screen = pdf::screen_pdf(&screen_doc, &ident).map_err(|d| vec![d])?;
        Ok(Edition { print, screen, pages: doc.pages().len() })
    })();
    diagnostics.extend(warnings);
    match result {
        Ok(edition) => (Some(edition), diagnostics),
        Err(found) => {
            diagnostics.extend(found);
            (None, diagnostics)
        }
    }
}

/// The date of an edition without `SOURCE_DATE_EPOCH`: its newest input.
fn newest_input(project: &Project, brochure: &Brochure, lang: &str) -> Stamp {
    let mut files: Vec<PathBuf> = vec![
        PathBuf::from(crate::load::CONFIG_FILE),
        brochure.file.clone(),
        project.translations[lang].file.clone(),
        project.config.print.output_profile.clone(),
    ];
    files.extend(brochure.panels.values().flat_map(|p| &p.blocks).filter_map(|b| match b {
        Block::Image { path, .. } => Some(path.clone()),
        _ => None,
    }));
    let paths: Vec<PathBuf> = files.iter().map(|f| project.root.join(f)).collect();
    Stamp::newest(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>())
}

fn build_edition(project: &Project, engine: &Engine, setup: &PrintSetup, brochure: &Brochure, lang: &str) -> JobReport {
    let start = Instant::now();
    let (edition, diagnostics) = render_edition(project, engine, setup, brochure, lang);
    let mut report = JobReport {
        brochure: brochure.id.clone(),
        lang: lang.to_string(),
        outputs: Vec::new(),
        diagnostics: diagnostics.into_iter().map(|d| d.lang(lang)).collect(),
        time: Duration::ZERO,
    };
    if let Some(edition) = edition {
        let files = [(print_path(&brochure.id, lang), &edition.print), (screen_path(&brochure.id, lang), &edition.screen)];
        for (path, bytes) in files {
            match write_atomic(&project.root.join(&path), bytes) {
                Ok(()) => report.outputs.push(Output { path, pages: edition.pages, bytes: bytes.len() }),
                Err(d) => report.diagnostics.push(d.lang(lang)),
            }
        }
    }
    report.time = start.elapsed();
    report
}
