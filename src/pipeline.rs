//! The build: one job per brochure and language, run in parallel over a
//! shared model and font set, then the social-media images ([`social`]).

pub mod gate;
pub mod proof;
pub mod exchange;
pub mod import;
pub mod previews;
pub mod site;
pub mod social;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics, has_errors};
use crate::export::icc::OutputProfile;
use crate::export::marks::Sheet;
use crate::export::pdfx::{self, PrintJob};
use crate::export::stamp::Stamp;
use crate::export::contact_sheet::contact_sheet;
use crate::export::output::{Kind, Preview, contact_sheet_path, print_path, screen_path};
use crate::export::qr_read::{QrCheck, verify_qr_codes};
use crate::export::{pdf, preflight, write::{write_atomic, write_outputs}};
use crate::fonts::FontSet;
use crate::layout::{self, Set, draft, screen, world::Engine};
use crate::model::{BlockKind, Brochure, Edition, Project, qr};

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
    engine_with(project, &OutputProfile::load(project)?)
}

/// [`engine`] with the screen colours of an output profile already loaded.
fn engine_with(project: &Project, profile: &OutputProfile) -> Result<Engine, Diagnostic> {
    let fonts = FontSet::load(&project.root)?;
    fonts.check_chains(&project.config)?;
    Ok(Engine::new(project.root.clone(), Arc::new(fonts), profile.colours.clone()))
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
    let setup = print_setup(project)?;
    Ok(Resources { engine: engine_with(project, &setup.profile)?, setup })
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

/// Which outputs of a run carry the draft mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A blocker of the whole project stands: every output carries it.
    Draft,
    /// None does: an output carries it when its own checks find a blocker
    /// (a social image with text too small to read).
    Clean,
    /// `kalem release`, every check passed: no output carries it.
    Release,
}

/// The number of editions [`build`] runs.
pub fn edition_count(project: &Project) -> usize {
    project.brochures.iter().map(|b| b.languages.len()).sum()
}

/// Builds (or checks) every edition of every loaded brochure. A failing
/// edition does not stop the others; a brochure that fails its print checks
/// builds no edition. The brochure's checks are reported with its first
/// edition.
pub fn build(project: &Project, resources: &Resources, mode: Mode, status: Status) -> Vec<JobReport> {
    build_with_progress(project, resources, mode, status, &|_| {})
}

/// [`build`], calling `done` as each edition finishes (from any thread).
pub fn build_with_progress(project: &Project, resources: &Resources, mode: Mode, status: Status, done: &(dyn Fn(&JobReport) + Sync)) -> Vec<JobReport> {
    let Resources { engine, setup } = resources;
    let checks: Vec<Diagnostics> = project.brochures.iter().map(|b| preflight::brochure(project, b)).collect();
    let jobs: Vec<(Edition, &Diagnostics)> = project
        .brochures
        .iter()
        .zip(&checks)
        .flat_map(|(b, found)| b.languages.iter().filter_map(move |l| Edition::new(project, b, l)).map(move |e| (e, found)))
        .collect();
    let mut reports = jobs
        .into_par_iter()
        .map(|(edition, found)| {
            let brochure = edition.brochure;
            let first = brochure.languages.first().is_some_and(|l| l == edition.lang);
            let mut report = if has_errors(found) {
                JobReport { brochure: brochure.id.clone(), lang: edition.lang.to_string(), outputs: Vec::new(), diagnostics: Vec::new(), time: Duration::ZERO }
            } else {
                contain_panic(brochure, edition.lang, || build_edition(engine, setup, &edition, mode, status))
            };
            if first {
                report.diagnostics.splice(0..0, found.iter().cloned());
            }
            done(&report);
            report
        })
        .collect::<Vec<JobReport>>();
    if mode != Mode::Pdfs {
        reports.extend(social::build(project, engine, mode, status));
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
    if written.iter().all(|o| o.brochure != brochure.id) || stale_sheet(brochure, reports) {
        return None;
    }
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
pub fn typeset_edition(engine: &Engine, edition: &Edition) -> Result<Set, Diagnostics> {
    let mut set = layout::typeset_edition(engine, edition)?;
    let found = preflight::placement(edition, &set.doc);
    let failed = has_errors(&found);
    set.warnings.extend(found);
    if failed { Err(set.warnings) } else { Ok(set) }
}

/// The finished files of one edition, not yet written.
#[derive(Debug, Clone)]
pub struct Rendered {
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
pub fn render_edition(engine: &Engine, setup: &PrintSetup, edition: &Edition, status: Status) -> (Option<Rendered>, Diagnostics) {
    match typeset_edition(engine, edition) {
        Ok(set) => finish_edition(engine, setup, edition, set, status),
        Err(found) => (None, found),
    }
}

/// Finishes a typeset edition: reads its QR codes back from its print and
/// screen pages ([`read_back`]), marks a draft's pages, then makes both
/// PDFs. Errors mean nothing may be written; warnings come back either way.
pub fn finish_edition(engine: &Engine, setup: &PrintSetup, edition: &Edition, set: Set, status: Status) -> (Option<Rendered>, Diagnostics) {
    let Set { doc, data, mut warnings } = set;
    let (mut print_doc, mut screen_doc) = (screen::for_print(&doc), screen::for_screen(&doc, engine.colours()));
    let unreadable = read_back(edition, &print_doc, &screen_doc);
    if has_errors(&unreadable) {
        warnings.extend(unreadable);
        return (None, warnings);
    }
    if status == Status::Draft {
        let Some(mark) = draft::Mark::of(engine.fonts(), edition) else { return (None, vec![draft::unmarkable(edition)]) };
        print_doc = mark.stamp(&print_doc, &draft::print_ink());
        screen_doc = mark.stamp(&screen_doc, &draft::screen_ink());
    }
    let ident = edition.ident();
    let result = (|| -> Result<Rendered, Diagnostics> {
        let project = edition.project;
        let sheets = Sheet::all(edition.brochure.format, edition.dir(), &project.config.print, doc.pages().len());
        let date = setup.date.unwrap_or_else(|| newest_input(edition));
        let title = match status {
            Status::Draft => draft::titled(data.title(), edition.lang),
            Status::Clean | Status::Release => data.title().to_string(),
        };
        let job = PrintJob { ident: &ident, title: &title, lang: edition.lang, sheets, profile: &setup.profile, date, draft: status == Status::Draft };
        let print = pdf::print_pdf(&print_doc, &ident).and_then(|bytes| pdfx::finish(&bytes, &job)).map_err(|d| vec![d])?;
        let screen = pdf::screen_pdf(&screen_doc, &ident).map_err(|d| vec![d])?;
        let previews = screen_doc.pages().iter().enumerate().map(|(i, page)| Preview::of(page, format!("page {}", i + 1))).collect();
        Ok(Rendered { print, screen, pages: doc.pages().len(), previews })
    })();
    match result {
        Ok(edition) => (Some(edition), warnings),
        Err(found) => {
            warnings.extend(found);
            (None, warnings)
        }
    }
}

/// Typesets one edition and checks it as [`render_edition`] does, QR
/// codes read back included, without making its PDFs.
pub fn check_edition(engine: &Engine, edition: &Edition) -> Diagnostics {
    match typeset_edition(engine, edition) {
        Ok(Set { doc, mut warnings, .. }) => {
            warnings.extend(read_back(edition, &screen::for_print(&doc), &screen::for_screen(&doc, engine.colours())));
            warnings
        }
        Err(found) => found,
    }
}

/// Reads every QR code of an edition's print and screen pages back
/// ([`verify_qr_codes`]) against what its brochure asks for.
pub fn read_back(edition: &Edition, print: &PagedDocument, screen: &PagedDocument) -> Diagnostics {
    let check = |kind: &str| QrCheck { output: format!("the {kind} PDF of `{}`", edition.brochure.id), lang: edition.lang.to_string(), codes: qr::printed_codes(edition.brochure) };
    let mut found = verify_qr_codes(print, &check("print"));
    found.extend(verify_qr_codes(screen, &check("screen")));
    found
}

/// The date of an edition without `SOURCE_DATE_EPOCH`: its newest input.
fn newest_input(edition: &Edition) -> Stamp {
    let (project, brochure) = (edition.project, edition.brochure);
    let mut files: Vec<PathBuf> = vec![
        PathBuf::from(crate::model::CONFIG_FILE),
        brochure.file.clone(),
        edition.table.file.clone(),
        project.config.print.condition.profile().to_path_buf(),
    ];
    files.extend(brochure.blocks().filter_map(|b| match &b.kind {
        BlockKind::Image { path, .. } => Some(path.clone()),
        _ => None,
    }));
    files.extend(brochure.panels.values().filter_map(|p| p.photo.as_ref().map(|photo| photo.path.clone())));
    let paths: Vec<PathBuf> = files.iter().map(|f| project.root.join(f)).collect();
    Stamp::newest(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>())
}

fn build_edition(engine: &Engine, setup: &PrintSetup, ed: &Edition, mode: Mode, status: Status) -> JobReport {
    let start = Instant::now();
    let (project, brochure, lang) = (ed.project, ed.brochure, ed.lang);
    let (edition, diagnostics) = match mode {
        Mode::Build | Mode::Pdfs => render_edition(engine, setup, ed, status),
        Mode::Check => (None, check_edition(engine, ed)),
    };
    let mut report = JobReport {
        brochure: brochure.id.clone(),
        lang: lang.to_string(),
        outputs: Vec::new(),
        diagnostics: ed.untranslated_names().into_iter().chain(diagnostics).map(|d| d.lang(lang)).collect(),
        time: Duration::ZERO,
    };
    if let Some(edition) = edition {
        let print = Output::new(Kind::PrintPdf, &brochure.id, Some(lang), print_path(&brochure.id, lang), edition.pages, edition.print.len());
        let screen = Output::new(Kind::ScreenPdf, &brochure.id, Some(lang), screen_path(&brochure.id, lang), edition.pages, edition.screen.len());
        let files = vec![(print, edition.print.as_slice()), (screen.with_previews(edition.previews), edition.screen.as_slice())];
        match write_outputs(&project.root, files) {
            Ok(outputs) => report.outputs = outputs,
            Err(d) => report.diagnostics.push(d.lang(lang)),
        }
    }
    report.time = start.elapsed();
    after_job();
    report
}

/// How many jobs typst's memoized results survive unused: a job reuses what
/// it computed itself, hardly anything another job did (their data
/// differ), and keeping everything grew the samples' build from 205 to
/// 415 MiB.
pub const EVICT_AFTER: usize = 0;

/// Cleans up after a job: evicts typst's memoized results ([`EVICT_AFTER`])
/// and, with glibc, hands the pages freed inside its heaps back to the
/// system. glibc keeps them otherwise, and jobs on other threads rarely
/// reuse them: a quarter of the samples' peak memory was freed pages.
pub fn after_job() {
    typst::comemo::evict(EVICT_AFTER);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory malloc holds free.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Whether an edition of the brochure failed this run: its old PDFs stay
/// in `output/`, so a contact sheet without it would not show what is
/// there. The old sheet is kept until every edition builds.
fn stale_sheet(brochure: &Brochure, reports: &[JobReport]) -> bool {
    reports.iter().any(|r| r.brochure == brochure.id && brochure.languages.contains(&r.lang) && (r.outputs.is_empty() || has_errors(&r.diagnostics)))
}

/// Runs one edition's job so that a panic inside it (typst's or kalem's)
/// becomes that edition's error instead of ending the whole build.
pub fn contain_panic(brochure: &Brochure, lang: &str, job: impl FnOnce() -> JobReport) -> JobReport {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)).unwrap_or_else(|payload| {
        let what = payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default();
        let error = Diagnostic::error(format!("kalem failed inside typesetting and wrote nothing for this edition: {what}"))
            .at(crate::diag::Location::file(&brochure.file))
            .lang(lang)
            .hint("this is a bug in kalem or typst; the other editions were built. Please report it with this brochure and translation");
        JobReport { brochure: brochure.id.clone(), lang: lang.to_string(), outputs: Vec::new(), diagnostics: vec![error], time: Duration::ZERO }
    })
}
