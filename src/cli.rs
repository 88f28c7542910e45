//! Command-line interface.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// kalem: print-ready brochures in Turkish, Arabic and Farsi from YAML.
#[derive(Debug, Parser)]
#[command(name = "kalem", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build PDFs of every brochure (or one) in every language (or some)
    /// into output/<id>/<lang>/.
    Build(BuildArgs),
    /// Check a PDF before sending it to print: boxes, output intent, fonts,
    /// colour spaces and image resolution against PDF/X-4.
    Preflight(PreflightArgs),
}

/// Options of `kalem preflight`.
#[derive(Debug, Args)]
pub struct PreflightArgs {
    /// The PDF to check.
    #[arg(value_name = "FILE.pdf")]
    pub file: PathBuf,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Options of `kalem build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The project folder, holding kalem.yaml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub project: PathBuf,
    /// Build only this brochure (its file name in brochures/ without .yaml).
    #[arg(long, value_name = "ID")]
    pub brochure: Option<String>,
    /// Build only these languages, e.g. `--lang tr,ar`.
    #[arg(long, value_name = "LANGS", value_delimiter = ',')]
    pub lang: Option<Vec<String>>,
}
