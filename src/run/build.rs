//! `kalem build`.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::{exit, gate_summary, report_json, selection};
use crate::cli::BuildArgs;
use crate::diag::{self, Diagnostic, Diagnostics, has_errors};
use crate::export::write::{prepare_output, write_atomic};
use crate::model::{Project, load_project};
use crate::pipeline::gate::{self, Gate};
use crate::pipeline::proof::{ProofInput, write_proof};
use crate::pipeline::{self, JobReport, Mode, Resources, Status};

/// `--only site`: write the website from the outputs already built.
pub const ONLY_SITE: &str = "site";

/// Builds with fewer editions than this show no progress bar.
const PROGRESS_FROM: usize = 4;

/// The findings of the last build, as `kalem check --format json` prints them.
pub const REPORT_FILE: &str = "output/report.json";

/// Builds, with a progress bar on a terminal, then prints a summary table
/// that ends with the release blockers.
pub fn run(args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let root = &args.project;
    let (project, resources) = match open(root, args) {
        Ok(pair) => pair,
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
        let report = pipeline::site::build(&project, resources.engine.fonts(), resources.engine.colours());
        diag::emit(&report.diagnostics, &project.root);
        println!("output/site/ written, {:.2} s", start.elapsed().as_secs_f64());
        return if has_errors(&report.diagnostics) { exit::CONTENT } else { exit::OK };
    }
    let gate = Gate::default();
    let (findings, status) = gate::assess(&project, &resources, &gate);
    let mut reports = build_all(&project, &resources, Mode::Build, status);
    // The site shows every brochure in every language: a build of some
    // of them leaves it as it is (`--only site` rewrites it).
    if args.brochure.is_none() && args.lang.is_none() {
        reports.push(pipeline::site::build(&project, resources.engine.fonts(), resources.engine.colours()));
    }
    let mut all: Diagnostics = findings.diagnostics;
    all.extend(reports.iter().flat_map(|r| r.diagnostics.iter().cloned()));
    let proof = ProofInput { project: &project, reports: &reports, diagnostics: &all, printed: &findings.printed, status, date: gate::now(resources.setup.date).day() };
    if let Err(ds) = write_proof(&resources.engine, &proof) {
        all.extend(ds);
    }
    let report = report_json(&all, &[], &findings.printed).to_string() + "\n";
    if let Err(d) = write_atomic(&project.root.join(REPORT_FILE), report.as_bytes()) {
        all.push(d);
    }
    diag::emit(&all, &project.root);
    print_summary(&reports, start);
    gate_summary(&gate, &all, status);
    if has_errors(&all) { exit::CONTENT } else { exit::OK }
}

/// Loads the project and what every edition shares, and readies `output/`.
pub fn open(root: &std::path::Path, args: &BuildArgs) -> Result<(Project, Resources), Diagnostics> {
    let project = load_project(root, &selection(args))?;
    prepare_output(&project.root).map_err(|d| vec![d])?;
    let resources = pipeline::resources(&project).map_err(|d: Diagnostic| vec![d])?;
    Ok((project, resources))
}

/// Runs every edition with a progress bar on a terminal, sorted by brochure
/// and language.
pub fn build_all(project: &Project, resources: &Resources, mode: Mode, status: Status) -> Vec<JobReport> {
    let editions = pipeline::edition_count(project);
    let terminal = std::io::stdout().is_terminal();
    let bar = (terminal && editions >= PROGRESS_FROM).then(|| {
        let bar = ProgressBar::new(editions as u64);
        bar.set_style(ProgressStyle::with_template("{bar:30} {pos}/{len} editions {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()));
        bar
    });
    let tick = |report: &JobReport| {
        if let Some(bar) = &bar {
            bar.set_message(format!("{} [{}]", report.brochure, report.lang));
            bar.inc(1);
        }
    };
    let mut reports = pipeline::build_with_progress(project, resources, mode, status, &tick);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    reports.sort_by(|a, b| (&a.brochure, &a.lang).cmp(&(&b.brochure, &b.lang)));
    reports
}

/// One line per edition (its files, pages, warnings and time) and a total.
pub fn print_summary(reports: &[JobReport], start: Instant) {
    println!("{:<28} {:<5} {:>5} {:>6} {:>9} {:>8}", "brochure", "lang", "files", "pages", "warnings", "ms");
    for r in reports {
        let pages = r.outputs.iter().map(|o| o.pages).max().unwrap_or(0);
        let warnings = r.diagnostics.iter().filter(|d| !d.is_error()).count();
        let status = if failed(r) { "  failed" } else { "" };
        println!("{:<28} {:<5} {:>5} {:>6} {:>9} {:>8}{status}", r.brochure, r.lang, r.outputs.len(), pages, warnings, r.time.as_millis());
    }
    let files: usize = reports.iter().map(|r| r.outputs.len()).sum();
    let failed = reports.iter().filter(|r| failed(r)).count();
    println!("{files} file(s) written to output/, {failed} edition(s) failed, {:.2} s", start.elapsed().as_secs_f64());
}

/// Whether a job failed: it wrote nothing, or not everything (a full disk).
fn failed(report: &JobReport) -> bool {
    report.outputs.is_empty() || has_errors(&report.diagnostics)
}
