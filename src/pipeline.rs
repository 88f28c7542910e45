//! The build: one job per brochure and language, run in parallel over a
//! shared model and font set, then the social-media images ([`social`]).

pub mod editions;
pub mod gate;
pub mod incremental;
pub mod sheets;
pub mod proof;
pub mod exchange;
pub mod import;
pub mod previews;
pub mod site;
pub mod social;
pub mod jobs;
pub mod export_error;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics, has_errors};
use crate::export::icc::OutputProfile;
use crate::export::marks::Sheet;
use crate::export::pdfx::{self, PrintJob};
use crate::export::stamp::Stamp;
use crate::export::output::Preview;
use crate::export::qr_read::{QrCheck, verify_qr_codes};
use crate::export::record::EditionKey;
use crate::export::{pdf, preflight};
use crate::fonts::FontSet;
use crate::layout::{self, Set, draft, screen, world::Engine};
use crate::model::{BlockKind, Brochure, Edition, Project, qr};
pub use editions::{Options, Shard};
use incremental::{Fingerprints, Incremental};

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
    /// Whether its outputs were current and kept rather than built again.
    pub current: bool,
    /// What the job's outputs were built from, to record for the next build.
    pub record: Option<incremental::JobRecord>,
    /// The social post (`brochure/post`) the job made an image or caption of.
    pub post: Option<String>,
}

impl JobReport {
    /// The report of a job that has written and found nothing yet.
    pub fn new(brochure: &str, lang: &str) -> JobReport {
        JobReport { brochure: brochure.to_string(), lang: lang.to_string(), outputs: Vec::new(), diagnostics: Vec::new(), time: Duration::ZERO, current: false, record: None, post: None }
    }
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

/// Builds (or checks) every edition of every loaded brochure. A failing
/// edition does not stop the others; a brochure that fails its print checks
/// builds no edition. The brochure's checks are reported with its first
/// edition.
pub fn build(project: &Project, resources: &Resources, mode: Mode, status: Status) -> Vec<JobReport> {
    build_with_progress(project, resources, mode, status, &|_| {})
}

/// [`build`], calling `done` as each edition finishes (from any thread).
pub fn build_with_progress(project: &Project, resources: &Resources, mode: Mode, status: Status, done: &(dyn Fn(&JobReport) + Sync)) -> Vec<JobReport> {
    build_with(project, resources, mode, status, &Options::default(), done)
}

/// [`build_with_progress`] with `options`: a build (in [`Mode::Build`])
/// keeps every output whose record is current unless forced, builds one
/// shard's editions only and no aggregate, or (assembling) builds no
/// edition and makes the aggregates of what the shards left. Records of
/// what was built or kept are written for the next build.
pub fn build_with(project: &Project, resources: &Resources, mode: Mode, status: Status, options: &Options, done: &(dyn Fn(&JobReport) + Sync)) -> Vec<JobReport> {
    let Resources { engine, setup } = resources;
    let checks: Vec<(String, Diagnostics)> = project.brochures.iter().map(|b| (b.key(), preflight::brochure(project, b))).collect();
    let found = |id: &str| checks.iter().find(|(b, _)| *b == id).map(|(_, d)| d);
    let plan = editions::plan(project, options.shard);
    let keys: Vec<EditionKey> = plan.iter().map(|(key, _)| key.clone()).collect();
    let inc = (mode == Mode::Build).then(|| Incremental::new(Fingerprints::new(project, resources, mode, status), &keys, options.force, options.assemble));
    let mut reports = jobs::run(plan, |(_, edition)| {
        let brochure = edition.brochure;
        let first = brochure.languages.first().is_some_and(|l| l == edition.lang);
        let found = found(&brochure.key()).map(Vec::as_slice).unwrap_or_default();
        let mut report = if has_errors(found) {
            JobReport::new(&brochure.key(), edition.lang)
        } else {
            contain_panic(brochure, edition.lang, || editions::build_edition(engine, setup, &edition, mode, status, inc.as_ref()))
        };
        if first {
            report.diagnostics.splice(0..0, found.iter().cloned());
        }
        done(&report);
        report
    });
    if mode != Mode::Pdfs {
        reports.extend(social::build_for(project, engine, mode, status, &keys, inc.as_ref()));
    }
    if mode == Mode::Build && options.shard.is_none() {
        // One sheet at a time per thread, each job's memoized images
        // evicted after it: they grew the build by every sheet's pixels.
        let sheets = jobs::run(project.brochures.iter().collect(), |b| {
            let report = sheets::contact_sheet_job(project, engine, b, &reports, options.force);
            after_job();
            report
        });
        reports.extend(sheets.into_iter().flatten());
    }
    if let Some(inc) = &inc {
        for d in inc.write_records(&reports) {
            reports.push(JobReport { diagnostics: vec![d], ..JobReport::new("records", "all") });
        }
    }
    reports
}

/// Prepares and typesets one edition and checks it: text preparation,
/// overflow and placement. Errors come back instead of the document.
pub fn typeset_edition(engine: &Engine, edition: &Edition) -> Result<Set, Diagnostics> {
    let untraced = |found: Diagnostics| found.into_iter().map(|d| if d.location.is_none() { export_error::traced(d, edition) } else { d }).collect::<Diagnostics>();
    let mut set = layout::typeset_edition(engine, edition).map_err(untraced)?;
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
    let (mut print_doc, mut screen_doc) = (screen::for_print(&doc), screen::for_screen_edition(&doc, edition, engine.colours()));
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
        let print = pdf::print_pdf(&print_doc, &ident).map_err(|d| export_error::traced(d, edition)).and_then(|bytes| pdfx::finish(&bytes, &job)).map_err(|d| vec![d])?;
        let screen = pdf::screen_pdf(&screen_doc, &ident).map_err(|d| vec![export_error::traced(d, edition)])?;
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
/// codes read back and the accessible screen PDF's checks included,
/// without keeping its PDFs.
pub fn check_edition(engine: &Engine, edition: &Edition) -> Diagnostics {
    match typeset_edition(engine, edition) {
        Ok(Set { doc, mut warnings, .. }) => {
            let screen_doc = screen::for_screen_edition(&doc, edition, engine.colours());
            warnings.extend(read_back(edition, &screen::for_print(&doc), &screen_doc));
            if !has_errors(&warnings) {
                warnings.extend(pdf::screen_pdf(&screen_doc, &edition.ident()).err().map(|d| export_error::traced(d, edition)));
            }
            warnings
        }
        Err(found) => found,
    }
}

/// Reads every QR code of an edition's print and screen pages back
/// ([`verify_qr_codes`]) against what its brochure asks for.
pub fn read_back(edition: &Edition, print: &PagedDocument, screen: &PagedDocument) -> Diagnostics {
    let check = |kind: &str| QrCheck { output: format!("the {kind} PDF of `{}`", edition.brochure.key()), lang: edition.lang.to_string(), codes: qr::printed_codes(edition.brochure) };
    let mut found = verify_qr_codes(print, &check("print"));
    found.extend(verify_qr_codes(screen, &check("screen")));
    found
}

/// The date of an edition without `SOURCE_DATE_EPOCH`: its newest input.
pub(crate) fn newest_input(edition: &Edition) -> Stamp {
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

/// glibc's malloc heaps (arenas) a build may use: by default up to eight
/// per core, one for each thread that happens to allocate at the same
/// time; every arena keeps its own freed pages. Two held the 9-variant
/// bench project's build at 167 MiB instead of 193 at no measurable cost
/// in time.
const ARENAS: i32 = 2;

/// Sets up the memory allocator for a build: call before any thread
/// starts.
pub fn limit_heaps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets one of malloc's tuning parameters.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, ARENAS);
    }
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
        JobReport { diagnostics: vec![error], ..JobReport::new(&brochure.key(), lang) }
    })
}
