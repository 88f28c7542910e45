//! The `kalem` command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kalem::cli::Cli::parse();
    ExitCode::from(kalem::run::run(cli))
}
