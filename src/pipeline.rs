//! The build: one job per brochure and language, run in parallel over a
//! shared model and font set, then the social-media images ([`social`]).

pub mod social;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, has_errors};
use crate::export::icc::OutputProfile;
use crate::export::marks::Sheet;
use crate::export::pdfx::{self, PrintJob};
use crate::export::stamp::Stamp;
use crate::export::contact_sheet::contact_sheet;
use crate::export::output::{Kind, Preview, contact_sheet_path, print_path, screen_path};
use crate::export::{pdf, preflight, write::write_atomic};
use crate::fonts::FontSet;
use crate::layout::{self, Set, world::Engine};
use crate::model::{BlockKind, Brochure, Project};

pub use crate::export::output::Output;

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

/// What every edition of a run shares, loaded once: fonts and typst's
/// library, and the print setup.
pub struct Resources {
    /// The typst engine.
    pub engine: Engine,
    /// Output profile and date.
    pub setup: PrintSetup,
}

/// Loads the fonts, checks the font chains and loads the print setup.
pub fn resources(project: &Project) -> Result<Resources, Diagnostic> {
    Ok(Resources { engine: engine(project)?, setup: print_setup(project)? })
}

/// Whether a run writes its outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Typeset, finish and write every output.
    Build,
    /// Write the print and screen PDFs only: the quick loop of `kalem watch`.
    Pdfs,
    /// Typeset and check everything, write nothing.
    Check,
}

/// The number of editions [`build`] runs.
pub fn edition_count(project: &Project) -> usize {
    project.brochures.iter().map(|b| b.languages.len()).sum()
}

/// Builds (or checks) every edition of every loaded brochure. A failing
/// edition does not stop the others; a brochure that fails its print checks
/// builds no edition. The brochure's checks are reported with its first
/// edition.
pub fn build(project: &Project, resources: &Resources, mode: Mode) -> Vec<JobReport> {
    build_with_progress(project, resources, mode, &|_| {})
}

/// [`build`], calling `done` as each edition finishes (from any thread).
pub fn build_with_progress(project: &Project, resources: &Resources, mode: Mode, done: &(dyn Fn(&JobReport) + Sync)) -> Vec<JobReport> {
    let Resources { engine, setup } = resources;
    let checks: Vec<Diagnostics> = project.brochures.iter().map(|b| preflight::brochure(project, b)).collect();
    let jobs: Vec<(&Brochure, &Diagnostics, &str)> = project
        .brochures
        .iter()
        .zip(&checks)
        .flat_map(|(b, found)| b.languages.iter().map(move |l| (b, found, l.as_str())))
        .collect();
    let mut reports = jobs
        .into_par_iter()
        .map(|(brochure, found, lang)| {
            let first = brochure.languages.first().is_some_and(|l| l == lang);
            let mut report = if has_errors(found) {
                JobReport { brochure: brochure.id.clone(), lang: lang.to_string(), outputs: Vec::new(), diagnostics: Vec::new(), time: Duration::ZERO }
            } else {
                build_edition(project, engine, setup, brochure, lang, mode)
            };
            if first {
                report.diagnostics.splice(0..0, found.iter().cloned());
            }
            done(&report);
            report
        })
        .collect::<Vec<JobReport>>();
    if mode != Mode::Pdfs {
        reports.extend(social::build(project, engine, mode));
    }
    if mode == Mode::Build {
        let sheets: Vec<JobReport> = project.brochures.par_iter().filter_map(|b| write_contact_sheet(project, engine, b, &reports)).collect();
        reports.extend(sheets);
    }
    reports
}

/// Writes the contact sheet of a brochure from what the other jobs wrote;
/// none when they wrote nothing.
fn write_contact_sheet(project: &Project, engine: &Engine, brochure: &Brochure, reports: &[JobReport]) -> Option<JobReport> {
    let start = Instant::now();
    let written: Vec<&Output> = reports.iter().flat_map(|r| &r.outputs).collect();
    let path = contact_sheet_path(&brochure.id);
    let result = contact_sheet(project, engine, brochure, &written)?
        .and_then(|bytes| write_atomic(&project.root.join(&path), &bytes).map(|()| bytes.len()).map_err(|d| vec![d]));
    let (outputs, diagnostics) = match result {
        Ok(bytes) => (vec![Output::new(Kind::ContactSheet, &brochure.id, None, path, 1, bytes)], Vec::new()),
        Err(ds) => (Vec::new(), ds),
    };
    Some(JobReport { brochure: brochure.id.clone(), lang: "all".into(), outputs, diagnostics, time: start.elapsed() })
}

/// Prepares and typesets one edition and checks it: text preparation,
/// overflow and placement. Errors come back instead of the document.
pub fn typeset_edition(project: &Project, engine: &Engine, brochure: &Brochure, lang: &str) -> Result<Set, Diagnostics> {
    let mut set = layout::typeset_edition(engine, project, brochure, lang)?;
    let found = preflight::placement(project, brochure, lang, &set.doc);
    let failed = has_errors(&found);
    set.warnings.extend(found);
    if failed { Err(set.warnings) } else { Ok(set) }
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
    /// Small renderings of the screen PDF's pages, for the contact sheet.
    pub previews: Vec<Preview>,
}

/// Typesets and finishes one edition. Errors mean nothing may be written;
/// warnings come back either way. The brochure's own print checks
/// ([`preflight::brochure`]) are run by [`build`], once per brochure.
pub fn render_edition(project: &Project, engine: &Engine, setup: &PrintSetup, brochure: &Brochure, lang: &str) -> (Option<Edition>, Diagnostics) {
    let Set { doc, data, mut warnings } = match typeset_edition(project, engine, brochure, lang) {
        Ok(t) => t,
        Err(found) => return (None, found),
    };
    let ident = format!("{}-{lang}", brochure.id);
    let result = (|| -> Result<Edition, Diagnostics> {
        let sheets = Sheet::all(brochure.format, project.config.languages[lang].dir, &project.config.print, doc.pages().len());
        let date = setup.date.unwrap_or_else(|| newest_input(project, brochure, lang));
        let job = PrintJob { ident: &ident, title: data.title(), lang, sheets, profile: &setup.profile, date };
        let print = pdf::print_pdf(&doc, &ident).and_then(|bytes| pdfx::finish(&bytes, &job)).map_err(|d| vec![d])?;
        let screen_doc = data.for_screen().typeset(engine)?;
        let screen = pdf::screen_pdf(&screen_doc, &ident).map_err(|d| vec![d])?;
        let previews = screen_doc.pages().iter().enumerate().map(|(i, page)| Preview::of(page, format!("page {}", i + 1))).collect();
        Ok(Edition { print, screen, pages: doc.pages().len(), previews })
    })();
    match result {
        Ok(edition) => (Some(edition), warnings),
        Err(found) => {
            warnings.extend(found);
            (None, warnings)
        }
    }
}

/// The date of an edition without `SOURCE_DATE_EPOCH`: its newest input.
fn newest_input(project: &Project, brochure: &Brochure, lang: &str) -> Stamp {
    let mut files: Vec<PathBuf> = vec![
        PathBuf::from(crate::model::CONFIG_FILE),
        brochure.file.clone(),
        project.translations[lang].file.clone(),
        project.config.print.output_profile.clone(),
    ];
    files.extend(brochure.panels.values().flat_map(|p| &p.blocks).chain(&brochure.content).filter_map(|b| match &b.kind {
        BlockKind::Image { path, .. } => Some(path.clone()),
        _ => None,
    }));
    let paths: Vec<PathBuf> = files.iter().map(|f| project.root.join(f)).collect();
    Stamp::newest(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>())
}

fn build_edition(project: &Project, engine: &Engine, setup: &PrintSetup, brochure: &Brochure, lang: &str, mode: Mode) -> JobReport {
    let start = Instant::now();
    let (edition, diagnostics) = match mode {
        Mode::Build | Mode::Pdfs => render_edition(project, engine, setup, brochure, lang),
        Mode::Check => match typeset_edition(project, engine, brochure, lang) {
            Ok(t) => (None, t.warnings),
            Err(found) => (None, found),
        },
    };
    let mut report = JobReport {
        brochure: brochure.id.clone(),
        lang: lang.to_string(),
        outputs: Vec::new(),
        diagnostics: diagnostics.into_iter().map(|d| d.lang(lang)).collect(),
        time: Duration::ZERO,
    };
    if let Some(edition) = edition {
        let files = [
            (Kind::PrintPdf, print_path(&brochure.id, lang), &edition.print, Vec::new()),
            (Kind::ScreenPdf, screen_path(&brochure.id, lang), &edition.screen, edition.previews),
        ];
        for (kind, path, bytes, previews) in files {
            match write_atomic(&project.root.join(&path), bytes) {
                Ok(()) => report.outputs.push(Output::new(kind, &brochure.id, Some(lang), path, edition.pages, bytes.len()).with_previews(previews)),
                Err(d) => report.diagnostics.push(d.lang(lang)),
            }
        }
    }
    report.time = start.elapsed();
    report
}
