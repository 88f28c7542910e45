//! `kalem build`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::unchanged::{self, Finished};
use super::{exit, gate_summary, report_json, selection};
use crate::cli::{BuildArgs, BuildCommandArgs};
use crate::diag::{self, Diagnostic, Diagnostics, has_errors};
use crate::export::build_lock::BuildLock;
use crate::export::write::{prepare_output, write_if_changed};
use crate::model::{Project, load_project};
use crate::pipeline::gate::{self, Gate};
use crate::pipeline::proof::{ProofInput, write_proof};
use crate::pipeline::{self, JobReport, Mode, Options, Resources, Status};

/// `--only site`: write the website from the outputs already built.
pub const ONLY_SITE: &str = "site";

/// Builds with fewer editions than this show no progress bar.
const PROGRESS_FROM: usize = 4;

/// The findings of the last build, as `kalem check --format json` prints them.
pub const REPORT_FILE: &str = "output/report.json";

/// Builds, with a progress bar on a terminal, then prints a summary table
/// that ends with the release blockers.
pub fn run(command: &BuildCommandArgs) -> u8 {
    let start = Instant::now();
    let args = &command.target;
    let options = Options { force: command.force, shard: command.shard, assemble: command.assemble };
    let root = &args.project;
    if let Some(code) = replay(command, start) {
        return code;
    }
    let (project, resources, _lock) = match open(root, args) {
        Ok(opened) => opened,
        Err(ds) => {
            diag::emit(&ds, root);
            return exit::CONTENT;
        }
    };
    if args.only.as_deref() == Some(ONLY_SITE) && (args.brochure.is_some() || args.lang.is_some()) {
        let refusal = Diagnostic::error("`--only site` writes the whole site, every brochure in every language").hint("leave out --brochure and --lang");
        diag::emit(&[refusal], root);
        return exit::USAGE;
    }
    if args.only.as_deref() == Some(ONLY_SITE) {
        let report = pipeline::site::build(&project, resources.engine.fonts(), resources.engine.colours(), true);
        diag::emit(&report.diagnostics, &project.root);
        println!("output/site/ written, {:.2} s", start.elapsed().as_secs_f64());
        return if has_errors(&report.diagnostics) { exit::CONTENT } else { exit::OK };
    }
    let replayable = unchanged::replayable(command);
    let inputs = replayable.then(|| unchanged::fingerprint(&project.root, command, &unchanged::extra_files(&project)));
    let gate = Gate::default();
    let (findings, status) = gate::assess(&project, &resources, &gate);
    let mut reports = build_all(&project, &resources, Mode::Build, status, &options);
    // The site shows every brochure in every language: a build of some of
    // them, or one shard's, leaves it as it is (`--only site` and
    // `--assemble` write it).
    if options.shard.is_none() && args.brochure.is_none() && args.lang.is_none() {
        reports.push(pipeline::site::build(&project, resources.engine.fonts(), resources.engine.colours(), options.force));
    }
    let mut all: Diagnostics = findings.diagnostics.clone();
    all.extend(reports.iter().flat_map(|r| r.diagnostics.iter().cloned()));
    if options.shard.is_some() {
        // The aggregates are made once, by `--assemble`, from every shard's outputs.
        diag::emit(&all, &project.root);
        print_summary(&reports, start);
        gate_summary(&gate, &all, status);
        return if has_errors(&all) { exit::CONTENT } else { exit::OK };
    }
    let proof = ProofInput { project: &project, reports: &reports, diagnostics: &all, printed: &findings.printed, status, date: gate::now(resources.setup.date).day(), force: options.force };
    if let Err(ds) = write_proof(&resources.engine, &proof) {
        all.extend(ds);
    }
    let report = report_json(&all, &[], &findings.printed).to_string() + "\n";
    if let Err(d) = write_if_changed(&project.root, &project.root.join(REPORT_FILE), report.as_bytes()) {
        all.push(d);
    }
    if let Some(inputs) = inputs.filter(|_| !has_errors(&all)) {
        let finished = Finished { inputs, project: &project, reports: &reports, findings: &findings.diagnostics, status, report: (std::path::Path::new(REPORT_FILE), report.as_bytes()) };
        if let Err(d) = unchanged::remember(&finished) {
            all.push(d);
        }
    }
    diag::emit(&all, &project.root);
    print_summary(&reports, start);
    gate_summary(&gate, &all, status);
    if has_errors(&all) { exit::CONTENT } else { exit::OK }
}

/// The last build again, when nothing it was made from changed and all it
/// wrote is intact ([`unchanged`]): its findings and summary, every output
/// current, and the exit code; none when this build must be made.
fn replay(command: &BuildCommandArgs, start: Instant) -> Option<u8> {
    let root = command.target.project.canonicalize().ok()?;
    // Without a last build, `output/` is left as it is (not even made).
    if !unchanged::remembered(&root) {
        return None;
    }
    let _lock = prepare_output(&root).ok()?;
    let last = unchanged::replay(&root, command)?;
    let mut all = last.findings;
    all.extend(last.reports.iter().flat_map(|r| r.diagnostics.iter().cloned()));
    diag::emit(&all, &root);
    print_summary(&last.reports, start);
    gate_summary(&Gate::default(), &all, last.status);
    Some(if has_errors(&all) { exit::CONTENT } else { exit::OK })
}

/// Loads the project and what every edition shares, and readies `output/`:
/// the build lock is held until the returned lock is dropped.
pub fn open(root: &std::path::Path, args: &BuildArgs) -> Result<(Project, Resources, BuildLock), Diagnostics> {
    let project = load_project(root, &selection(args))?;
    let resources = pipeline::resources(&project).map_err(|d: Diagnostic| vec![d])?;
    let lock = prepare_output(&project.root).map_err(|d| vec![d])?;
    Ok((project, resources, lock))
}

/// Runs every edition with a progress bar on a terminal (editions done,
/// rebuilt and current, time left), sorted by brochure and language.
pub fn build_all(project: &Project, resources: &Resources, mode: Mode, status: Status, options: &Options) -> Vec<JobReport> {
    let editions = pipeline::editions::plan(project, options.shard).len();
    let terminal = std::io::stdout().is_terminal();
    let bar = (terminal && editions >= PROGRESS_FROM).then(|| {
        let bar = ProgressBar::new(editions as u64);
        bar.set_style(ProgressStyle::with_template("{bar:30} {pos}/{len} editions, {msg}, {eta} left").unwrap_or_else(|_| ProgressStyle::default_bar()));
        bar
    });
    let (rebuilt, current) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let tick = |report: &JobReport| {
        let counter = if report.current { &current } else { &rebuilt };
        counter.fetch_add(1, Ordering::Relaxed);
        if let Some(bar) = &bar {
            bar.set_message(format!("{} rebuilt, {} current · {} [{}]", rebuilt.load(Ordering::Relaxed), current.load(Ordering::Relaxed), report.brochure, report.lang));
            bar.inc(1);
        }
    };
    let mut reports = pipeline::build_with(project, resources, mode, status, options, &tick);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    reports.sort_by(|a, b| (&a.brochure, &a.lang).cmp(&(&b.brochure, &b.lang)));
    reports
}

/// One row of the summary: an edition, a contact sheet, or a social post
/// in one language with all its images and its caption.
struct Row {
    name: String,
    lang: String,
    files: usize,
    pages: usize,
    warnings: usize,
    ms: u128,
    current: bool,
    failed: bool,
}

/// The summary's rows: one per report, but one per post and language for
/// the social jobs.
fn rows(reports: &[JobReport]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for r in reports {
        let name = r.post.clone().unwrap_or_else(|| r.brochure.clone());
        let row = Row {
            name,
            lang: r.lang.clone(),
            files: r.outputs.len(),
            pages: r.outputs.iter().map(|o| o.pages).max().unwrap_or(0),
            warnings: r.diagnostics.iter().filter(|d| !d.is_error()).count(),
            ms: r.time.as_millis(),
            current: r.current,
            failed: failed(r),
        };
        match rows.iter_mut().find(|x| r.post.is_some() && x.name == row.name && x.lang == row.lang) {
            Some(x) => {
                (x.files, x.pages, x.warnings, x.ms) = (x.files + row.files, x.pages.max(row.pages), x.warnings + row.warnings, x.ms + row.ms);
                (x.current, x.failed) = (x.current && row.current, x.failed || row.failed);
            }
            None => rows.push(row),
        }
    }
    rows
}

/// One line per edition, contact sheet and social post (its files, pages,
/// warnings, time and whether it was current), and a total. The name
/// column is as wide as the longest name.
pub fn print_summary(reports: &[JobReport], start: Instant) {
    let rows = rows(reports);
    let width = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(0).max("brochure".len());
    println!("{:<width$} {:<5} {:>5} {:>6} {:>9} {:>8}", "brochure", "lang", "files", "pages", "warnings", "ms");
    for r in &rows {
        let status = if r.failed { "  failed" } else if r.current { "  current" } else { "" };
        println!("{:<width$} {:<5} {:>5} {:>6} {:>9} {:>8}{status}", r.name, r.lang, r.files, r.pages, r.warnings, r.ms);
    }
    let editions: Vec<&JobReport> = reports.iter().filter(|r| r.post.is_none() && r.lang != "all").collect();
    let current = editions.iter().filter(|r| r.current).count();
    let written: usize = reports.iter().filter(|r| !r.current).map(|r| r.outputs.len()).sum();
    let kept: usize = reports.iter().filter(|r| r.current).map(|r| r.outputs.len()).sum();
    let failed = reports.iter().filter(|r| failed(r)).count();
    println!(
        "{} edition(s) rebuilt, {current} current; {written} file(s) written to output/, {kept} kept; {failed} job(s) failed; {:.2} s",
        editions.len() - current,
        start.elapsed().as_secs_f64()
    );
}

/// Whether a job failed: it wrote nothing, or not everything (a full disk).
fn failed(report: &JobReport) -> bool {
    report.outputs.is_empty() || has_errors(&report.diagnostics)
}
