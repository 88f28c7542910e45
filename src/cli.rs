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
    /// into output/<id>/<lang>/. Outputs whose inputs are unchanged since
    /// the last build are kept.
    Build(BuildCommandArgs),
    /// List the jobs a build runs (brochure, variant, language, outputs),
    /// in the order `--shard K/N` splits them.
    Plan(CheckArgs),
    /// Check everything a build would (YAML, translations, fonts, overflow)
    /// and print a translation coverage table; writes nothing.
    Check(CheckArgs),
    /// Build the PDFs, then rebuild what changed whenever a YAML,
    /// translation, asset or font file is saved. Keeps running after errors.
    Watch(BuildArgs),
    /// Build everything, then serve output/ and a preview page per brochure
    /// (every output of every language side by side, with its problems) on
    /// this machine, rebuilding and reloading the page when a file is saved.
    Serve(ServeArgs),
    /// Write the JSON Schemas of kalem.yaml and brochure files, for editor
    /// completion and validation.
    Schema(SchemaArgs),
    /// Help translators: `status`, `review`, `export` and `import` of
    /// translation units, or (`--missing LANG`) a YAML skeleton of the keys
    /// a language lacks, with the source language's text as comments.
    Translations(TranslationsArgs),
    /// Build for print and posting: refuses while any release blocker
    /// stands (listing each), else builds clean outputs and writes
    /// output/release.json with every file's and input's SHA-256.
    Release(ReleaseArgs),
    /// Check a PDF before sending it to print: boxes, output intent, fonts,
    /// colour spaces and image resolution against PDF/X-4.
    Preflight(PreflightArgs),
}

/// Options of `kalem serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Which project, brochures and languages.
    #[command(flatten)]
    pub target: BuildArgs,
    /// The port to listen on; 0 (the default) takes a free one.
    #[arg(long, default_value_t = 0, value_name = "PORT")]
    pub port: u16,
    /// The address to listen on. Only this machine reaches the default;
    /// `--host 0.0.0.0` lets every machine of the network in.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub host: std::net::IpAddr,
}

/// Options of `kalem build`.
#[derive(Debug, Args)]
pub struct BuildCommandArgs {
    /// Which project, brochures and languages.
    #[command(flatten)]
    pub target: BuildArgs,
    /// Build every output again, even those whose inputs are unchanged.
    #[arg(long)]
    pub force: bool,
    /// Build only share K of N of the editions (`kalem plan` lists them in
    /// order), and no contact sheet, proof or report: for a CI matrix.
    #[arg(long, value_name = "K/N", conflicts_with = "assemble")]
    pub shard: Option<crate::pipeline::Shard>,
    /// Build no edition: make the contact sheets, proof and report from
    /// what every shard left in output/ (each must be there and current).
    #[arg(long)]
    pub assemble: bool,
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
    /// The most total ink (C+M+Y+K, percent) the printing condition takes.
    #[arg(long, value_name = "PERCENT", default_value_t = 300.0)]
    pub max_ink: f64,
}

/// Output format of `kalem check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Messages with source lines for people.
    Human,
    /// One JSON object for CI (see README for its shape).
    Json,
}

/// Options of `kalem check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Which project, brochures and languages.
    #[command(flatten)]
    pub target: BuildArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

/// Options of `kalem release`.
#[derive(Debug, Args)]
pub struct ReleaseArgs {
    /// Which project, brochures and languages.
    #[command(flatten)]
    pub target: BuildArgs,
    /// Who releases (recorded in the manifest); the git author when left out.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Let one kind of blocker pass on purpose (recorded in the manifest),
    /// e.g. `--allow past-event`; may be given more than once.
    #[arg(long, value_name = "KIND")]
    pub allow: Vec<crate::diag::Blocker>,
}

/// Options of `kalem schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Folder to write kalem.schema.json and brochure.schema.json into.
    #[arg(long, default_value = "schema", value_name = "DIR")]
    pub out: PathBuf,
}

/// Options of `kalem translations`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TranslationsArgs {
    /// The project folder, holding kalem.yaml.
    #[arg(long, default_value = ".", value_name = "DIR", global = true)]
    pub project: PathBuf,
    /// The language whose missing keys to list, e.g. `--missing fa`.
    #[arg(long, value_name = "LANG")]
    pub missing: Option<String>,
    /// What to do, when not `--missing`.
    #[command(subcommand)]
    pub action: Option<TranslationsCommand>,
}

/// The subcommands of `kalem translations`.
#[derive(Debug, Subcommand)]
pub enum TranslationsCommand {
    /// Per language, how many units are current, unreviewed, stale and
    /// missing, and which.
    Status(StatusArgs),
    /// Record that someone reviewed a language's units: the named ones
    /// (`key`, `key#3` for a list item, `key#2.1` for a table cell), or
    /// every current unreviewed one.
    Review(ReviewArgs),
    /// Write a language's units for a CAT tool, as XLIFF 1.2 or PO.
    Export(ExportArgs),
    /// Read an XLIFF 1.2 or PO file back into translations/<lang>.yaml,
    /// after checking every unit; nothing is written unless all pass.
    Import(ImportArgs),
}

/// Options of `kalem translations status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

/// Options of `kalem translations review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The language reviewed, e.g. `ar`.
    #[arg(value_name = "LANG")]
    pub lang: String,
    /// The units reviewed; a key of a list or table names all its units.
    /// None: every unit that is current and not yet reviewed.
    #[arg(value_name = "UNIT")]
    pub units: Vec<String>,
    /// Who reviewed; the git author when left out.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// The exchange formats of `kalem translations export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Exchange {
    /// XLIFF 1.2, for OmegaT, memoQ, Trados, Weblate, Crowdin.
    Xliff,
    /// Gettext PO, for Poedit, Weblate, Pontoon.
    Po,
}

/// Options of `kalem translations export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The language to export; every language but the source language
    /// when left out (XLIFF only: a PO file holds one language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// The file format.
    #[arg(long, value_enum, default_value = "xliff")]
    pub format: Exchange,
    /// The file to write; standard output when left out.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also cut, per key, a PNG of each page where it appears (the block
    /// framed) into a folder beside `--out`, named from each unit's notes.
    #[arg(long, requires = "out")]
    pub previews: bool,
}

/// Options of `kalem translations import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The XLIFF 1.2 (.xlf, .xliff) or PO (.po) file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Check and print the changes as a diff, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The language of the translations, when the file does not say
    /// (`target-language`, or PO's `Language:` header).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

/// Which project, brochures and languages a command works on.
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
    /// Write only this part: `site` writes output/site/ from the outputs
    /// already built.
    #[arg(long, value_name = "PART", value_parser = ["site"])]
    pub only: Option<String>,
}
