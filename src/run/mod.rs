//! Running a command: one file per subcommand. Each loads what it needs,
//! prints diagnostics once at the end and returns the exit code.

mod build;
mod check;
mod preflight;
mod schema;
mod translations;
mod watch;

use std::path::Path;

use crate::cli::{BuildArgs, Cli, Command};
use crate::diag::{self, Diagnostic, has_errors};
use crate::model::Selection;

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
        Command::Check(args) => check::run(&args),
        Command::Translations(args) => translations::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Preflight(args) => preflight::run(&args),
    }
}

fn selection(args: &BuildArgs) -> Selection {
    Selection { brochure: args.brochure.clone(), languages: args.lang.clone() }
}

/// Prints the diagnostics and chooses the exit code.
fn finish(diagnostics: &[Diagnostic], root: &Path) -> u8 {
    diag::emit(diagnostics, root);
    if has_errors(diagnostics) { exit::CONTENT } else { exit::OK }
}
