//! Running a command: load, build, print diagnostics and a summary, and
//! choose the exit code.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

use crate::cli::{BuildArgs, Cli, Command};
use crate::diag::{self, Diagnostics, has_errors};
use crate::load::{Selection, load_project};
use crate::pipeline;

/// Process exit codes.
pub mod exit {
    /// Everything built.
    pub const OK: u8 = 0;
    /// Content errors: the input needs fixing.
    pub const CONTENT: u8 = 1;
    /// Usage errors (clap uses this code too).
    pub const USAGE: u8 = 2;
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Build(args) => build(&args),
    }
}

fn build(args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let selection = Selection { brochure: args.brochure.clone(), languages: args.lang.clone() };
    let root = &args.project;
    let project = match load_project(root, &selection) {
        Ok(p) => p,
        Err(ds) => return finish(&ds, root),
    };
    let engine = match pipeline::engine(&project) {
        Ok(e) => e,
        Err(d) => return finish(&[d], &project.root),
    };
    let reports = pipeline::build(&project, &engine);
    let mut all: Diagnostics = Vec::new();
    for report in &reports {
        for output in &report.outputs {
            let pages = match output.pages {
                0 => String::new(),
                1 => "1 page, ".to_string(),
                n => format!("{n} pages, "),
            };
            println!(
                "{:<8} {} ({pages}{} KiB, {} ms)",
                "built",
                output.path.display(),
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

fn finish(diagnostics: &[diag::Diagnostic], root: &Path) -> u8 {
    diag::emit(diagnostics, root);
    if has_errors(diagnostics) { exit::CONTENT } else { exit::OK }
}
