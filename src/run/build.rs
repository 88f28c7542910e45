//! `kalem build`.

use std::io::IsTerminal;
use std::time::Instant;

use super::{finish, selection};
use crate::cli::BuildArgs;
use crate::diag::Diagnostics;
use crate::load::load_project;
use crate::pipeline::{self, Mode};

/// Builds and prints one line per output and a summary.
pub fn run(args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let root = &args.project;
    let project = match load_project(root, &selection(args)) {
        Ok(p) => p,
        Err(ds) => return finish(&ds, root),
    };
    let engine = match pipeline::engine(&project) {
        Ok(e) => e,
        Err(d) => return finish(&[d], &project.root),
    };
    let reports = pipeline::build(&project, &engine, Mode::Build);
    let mut all: Diagnostics = Vec::new();
    for report in &reports {
        for output in &report.outputs {
            println!(
                "{:<8} {} ({} pages, {} KiB, {} ms)",
                "built",
                output.path.display(),
                output.pages,
                output.bytes.div_ceil(1024),
                report.time.as_millis()
            );
        }
        if report.outputs.is_empty() {
            println!("{:<8} {} [{}]", "failed", report.brochure, report.lang);
        }
        all.extend(report.diagnostics.iter().cloned());
    }
    let written: usize = reports.iter().map(|r| r.outputs.len()).sum();
    if std::io::stdout().is_terminal() || written > 0 {
        println!("{written} file(s) in {:.1} s", start.elapsed().as_secs_f64());
    }
    finish(&all, &project.root)
}
