//! `kalem build`.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::{finish, selection};
use crate::cli::BuildArgs;
use crate::diag::{Diagnostics, has_errors};
use crate::export::write::prepare_output;
use crate::model::load_project;
use crate::pipeline::{self, JobReport, Mode};

/// Builds with fewer editions than this show no progress bar.
const PROGRESS_FROM: usize = 4;

/// Builds, with a progress bar on a terminal, then prints a summary table.
pub fn run(args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let root = &args.project;
    let project = match load_project(root, &selection(args)) {
        Ok(p) => p,
        Err(ds) => return finish(&ds, root),
    };
    if let Err(d) = prepare_output(&project.root) {
        return finish(&[d], &project.root);
    }
    let resources = match pipeline::resources(&project) {
        Ok(r) => r,
        Err(d) => return finish(&[d], &project.root),
    };
    let editions = pipeline::edition_count(&project);
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
    let mut reports = pipeline::build_with_progress(&project, &resources, Mode::Build, &tick);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    reports.sort_by(|a, b| (&a.brochure, &a.lang).cmp(&(&b.brochure, &b.lang)));
    print_summary(&reports, start);
    let all: Diagnostics = reports.iter().flat_map(|r| r.diagnostics.iter().cloned()).collect();
    finish(&all, &project.root)
}

/// One line per edition (its files, pages, warnings and time) and a total.
fn print_summary(reports: &[JobReport], start: Instant) {
    println!("{:<28} {:<5} {:>5} {:>6} {:>9} {:>8}", "brochure", "lang", "files", "pages", "warnings", "ms");
    for r in reports {
        let pages = r.outputs.iter().map(|o| o.pages).max().unwrap_or(0);
        let warnings = r.diagnostics.iter().filter(|d| !d.is_error()).count();
        let status = if failed(r) { "  failed" } else { "" };
        println!(
            "{:<28} {:<5} {:>5} {:>6} {:>9} {:>8}{status}",
            r.brochure,
            r.lang,
            r.outputs.len(),
            pages,
            warnings,
            r.time.as_millis()
        );
    }
    let files: usize = reports.iter().map(|r| r.outputs.len()).sum();
    let failed = reports.iter().filter(|r| failed(r)).count();
    println!("{files} file(s) written to output/, {failed} edition(s) failed, {:.2} s", start.elapsed().as_secs_f64());
}

/// Whether a job failed: it wrote nothing, or not everything (a full disk).
fn failed(report: &JobReport) -> bool {
    report.outputs.is_empty() || has_errors(&report.diagnostics)
}
