//! Running a command: one file per subcommand. Each loads what it needs,
//! prints diagnostics once at the end and returns the exit code.

mod build;
mod check;
mod plan;
mod preflight;
mod release;
mod schema;
mod serve;
mod translations;
mod unchanged;
mod watch;

use std::path::Path;

use crate::cli::{BuildArgs, Cli, Command};
use crate::diag::{self, Diagnostic, Diagnostics, has_errors};
use crate::layout::numbers::Printed;
use crate::model::Selection;
use crate::model::coverage::LangCoverage;
use crate::pipeline::Status;
use crate::pipeline::gate::Gate;

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
        Command::Build(args) => build::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Translations(args) => translations::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Preflight(args) => preflight::run(&args),
        Command::Release(args) => release::run(&args),
    }
}

fn selection(args: &BuildArgs) -> Selection {
    Selection { brochure: args.brochure.clone(), languages: args.lang.clone() }
}

/// The git author of the project's repository (`user.name`), if any: who
/// releases or reviews when no `--by` says.
fn git_author(root: &Path) -> Option<String> {
    let out = std::process::Command::new("git").arg("-C").arg(root).args(["config", "user.name"]).output().ok()?;
    let name = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}

/// Prints the diagnostics and chooses the exit code.
fn finish(diagnostics: &[Diagnostic], root: &Path) -> u8 {
    diag::emit(diagnostics, root);
    if has_errors(diagnostics) { exit::CONTENT } else { exit::OK }
}

/// The findings as one JSON object (README: `kalem check --format json`):
/// counts, every diagnostic, the translation table and the numbers printed.
fn report_json(diagnostics: &Diagnostics, table: &[LangCoverage], printed: &[Printed]) -> serde_json::Value {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let blockers = diagnostics.iter().filter(|d| d.blocks().is_some()).count();
    serde_json::json!({
        "ok": errors == 0,
        "errors": errors,
        "blockers": blockers,
        "warnings": diagnostics.len() - errors - blockers,
        "diagnostics": diagnostics.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
        "translations": table,
        "numbers": printed,
    })
}

/// The last lines of a build: the release blockers that stand, each with
/// where it is, or that none does.
fn gate_summary(gate: &Gate, diagnostics: &[Diagnostic], status: Status) {
    let standing: Vec<&Diagnostic> = gate.standing(diagnostics).collect();
    if standing.is_empty() {
        println!("no release blocker: `kalem release --by NAME` writes the outputs for print and posting with a manifest");
        return;
    }
    let marked = match status {
        Status::Draft => "every page and image carries the draft mark",
        Status::Clean | Status::Release => "the outputs they concern carry the draft mark",
    };
    println!("DRAFT: {} release blocker(s); {marked}:", standing.len());
    for d in &standing {
        println!("  {}", blocker_line(d));
    }
    println!("fix them (README: \"From draft to release\"), then `kalem release --by NAME`");
}

/// One line naming a blocker: kind, place, key, language and message.
fn blocker_line(d: &Diagnostic) -> String {
    let kind = d.blocks().map_or("error", |k| k.name());
    let at = d.location.as_ref().map(|l| l.to_string()).unwrap_or_else(|| "-".into());
    let key = d.key.as_deref().map(|k| format!(" `{k}`")).unwrap_or_default();
    let lang = d.lang.as_deref().map(|l| format!(" [{l}]")).unwrap_or_default();
    diag::escape(&format!("{kind:<14} {at}{key}{lang}: {}", d.message))
}
