//! The `kalem` command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    kalem::pipeline::limit_heaps();
    let cli = kalem::cli::Cli::parse();
    ExitCode::from(kalem::run::run(cli))
}
